//! Reading a response honestly: `found` only when the site's "exists" rule matches and its
//! "absent" rule does not, `absent` only when the "absent" rule matches and the "exists"
//! rule does not, and every bot wall, login page, challenge, page matching both or odd
//! answer is `unknown` with a reason. Pure: no I/O.

use crate::catalog::{Detection, Rule};
use crate::evidence::UnknownReason;

/// What the engine saw, reduced to what detection needs.
#[derive(Debug, Clone, Copy)]
pub struct Observed<'a> {
    pub status: u16,
    /// Where the request ended after redirects.
    pub final_url: &'a str,
    /// Whether any redirect was followed.
    pub redirected: bool,
    /// Every URL requested, in order (the first is the probe URL).
    pub chain: &'a [&'a str],
    pub body: &'a str,
    /// The `server` and `cf-mitigated` response headers, lower-cased.
    pub server: &'a str,
    pub mitigated: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Found,
    Absent,
    Unknown(UnknownReason, String),
}

/// Markers of Cloudflare's and similar interstitial challenge pages.
const CHALLENGE_MARKERS: &[&str] = &[
    "<title>Just a moment...</title>",
    "cf_chl_opt",
    "challenge-platform",
    "Attention Required! | Cloudflare",
    "<title>Access denied</title>",
    "DDoS protection by",
];

/// Captcha and "are you human" pages.
const CAPTCHA_MARKERS: &[&str] = &[
    "g-recaptcha",
    "h-captcha",
    "hcaptcha.com",
    "captcha-delivery",
    "verify you are a human",
    "Verify you are human",
    "are you a robot",
    "unusual traffic",
];

/// Path fragments of login pages that sites redirect logged-out visitors to.
const LOGIN_PATHS: &[&str] = &[
    "/login",
    "/log-in",
    "/signin",
    "/sign-in",
    "/sign_in",
    "/accounts/login",
    "/i/flow/login",
    "/auth",
    "/session",
    "/checkpoint",
];

pub fn judge(detection: &Detection, username: &str, seen: &Observed) -> Verdict {
    let matches = |rule: &Option<Rule>| {
        rule.as_ref()
            .is_some_and(|r| rule_matches(r, username, seen))
    };
    let (exists, absent) = (matches(&detection.exists), matches(&detection.absent));
    let status = seen.status;
    let http = format!("HTTP {status}");

    if matches(&detection.blocked) {
        return unknown(
            UnknownReason::Blocked,
            format!("{http}: the site's blocked rule matched"),
        );
    }
    let cloudflare_refusal = seen.server.contains("cloudflare") && matches!(status, 403 | 503);
    if seen.mitigated.contains("challenge")
        || cloudflare_refusal
        || contains_any(seen.body, CHALLENGE_MARKERS)
    {
        return unknown(
            UnknownReason::Blocked,
            format!("{http}: a bot challenge page"),
        );
    }
    // Statuses that mean "not for you" unless the check file says otherwise.
    let named = |rule: &Option<Rule>| rule.as_ref().is_some_and(|r| r.status.contains(&status));
    let explicit = named(&detection.exists) || named(&detection.absent);
    match status {
        999 => return unknown(UnknownReason::Blocked, format!("{http}: request denied")),
        429 => return unknown(UnknownReason::RateLimited, http),
        401 | 407 if !explicit => return unknown(UnknownReason::LoginWall, http),
        403 if !explicit => return unknown(UnknownReason::Blocked, format!("{http}: forbidden")),
        _ => {}
    }
    // Landing on a login page after a redirect means we never saw the profile, unless a
    // rule for this site explicitly expects that redirect.
    let redirect_rule = |rule: &Option<Rule>| rule.as_ref().is_some_and(|r| r.redirect.is_some());
    let expected_redirect = (absent && redirect_rule(&detection.absent))
        || (exists && redirect_rule(&detection.exists));
    let login_hop = seen.chain.iter().skip(1).find(|url| is_login_url(url));
    if let Some(hop) = login_hop
        && !expected_redirect
    {
        return unknown(UnknownReason::LoginWall, format!("redirected to {hop}"));
    }
    // A page that carries both markers is evidence of neither ("[]" in a real profile's
    // JSON, say). The one exception is an exists rule that names only a status: then the
    // absent rule's marker is the only specific sign on the page (Sherlock's and Maigret's
    // "missing" text on a 200 page).
    let marked = |rule: &Option<Rule>| {
        rule.as_ref()
            .is_some_and(|r| !r.body.is_empty() || r.redirect.is_some())
    };
    let absent_is_the_only_marker = marked(&detection.absent) && !marked(&detection.exists);
    if absent && exists && !absent_is_the_only_marker {
        return unknown(
            UnknownReason::Unrecognised,
            format!("{http} matched both the exists and the absent rule"),
        );
    }
    if absent {
        return Verdict::Absent;
    }
    // A status-only "exists" rule cannot tell a profile from a wall page, so walls are
    // looked for first; a rule with a body or redirect marker is trusted over them.
    let strict = detection
        .exists
        .as_ref()
        .is_some_and(|r| !r.body.is_empty() || r.redirect.is_some());
    if !(exists && strict) {
        if is_login_page(seen.body) {
            return unknown(UnknownReason::LoginWall, format!("{http}: a login page"));
        }
        if contains_any(seen.body, CAPTCHA_MARKERS) {
            return unknown(UnknownReason::Blocked, format!("{http}: a captcha page"));
        }
    }
    if exists {
        return Verdict::Found;
    }
    unknown(
        UnknownReason::Unrecognised,
        format!("{http} matched neither the exists nor the absent rule"),
    )
}

fn unknown(reason: UnknownReason, detail: String) -> Verdict {
    Verdict::Unknown(reason, detail)
}

/// Every condition given holds; within a list, any entry does. A `redirect` condition
/// needs a redirect to have happened: a profile URL that merely contains the text is not one.
pub fn rule_matches(rule: &Rule, username: &str, seen: &Observed) -> bool {
    (rule.status.is_empty() || rule.status.contains(&seen.status))
        && (rule.body.is_empty()
            || rule
                .body
                .iter()
                .any(|m| seen.body.contains(&fill(m, username))))
        && rule
            .redirect
            .as_ref()
            .is_none_or(|r| seen.redirected && seen.final_url.contains(&fill(r, username)))
}

fn fill(template: &str, username: &str) -> String {
    template.replace("{username}", username)
}

fn contains_any(body: &str, markers: &[&str]) -> bool {
    markers.iter().any(|m| body.contains(m))
}

fn is_login_url(url: &str) -> bool {
    let path = url::Url::parse(url)
        .map(|u| u.path().to_ascii_lowercase())
        .unwrap_or_default();
    LOGIN_PATHS
        .iter()
        .any(|p| path.starts_with(p) || path.contains(&format!("{p}/")))
}

/// A page whose point is a password box: a login wall rather than a profile.
fn is_login_page(body: &str) -> bool {
    let lower_head: String = body
        .chars()
        .take(64 * 1024)
        .collect::<String>()
        .to_lowercase();
    let has_password =
        lower_head.contains("type=\"password\"") || lower_head.contains("type='password'");
    let says_login = ["log in", "login", "sign in", "signin"]
        .iter()
        .any(|w| lower_head.contains(w));
    has_password && says_login
}

/// True once more body cannot change any rule: every rule that looks at the body has
/// already seen one of its markers. Lets the engine stop reading a large page early.
pub fn body_settled(detection: &Detection, username: &str, body: &[u8]) -> bool {
    [&detection.exists, &detection.absent, &detection.blocked]
        .into_iter()
        .flatten()
        .all(|rule| {
            rule.body.is_empty()
                || rule
                    .body
                    .iter()
                    .any(|m| memchr::memmem::find(body, fill(m, username).as_bytes()).is_some())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det() -> Detection {
        Detection {
            exists: Some(Rule {
                status: vec![200],
                body: vec!["og:type\" content=\"profile\"".into()],
                redirect: None,
            }),
            absent: Some(Rule {
                status: vec![404],
                ..Rule::default()
            }),
            blocked: None,
        }
    }

    fn seen(status: u16, body: &str) -> Observed<'_> {
        Observed {
            status,
            final_url: "https://site.test/u/jane",
            redirected: false,
            chain: &[],
            body,
            server: "",
            mitigated: "",
        }
    }

    const PROFILE: &str = "<meta property=\"og:type\" content=\"profile\">";

    #[test]
    fn found_needs_exists_and_not_absent() {
        assert_eq!(judge(&det(), "jane", &seen(200, PROFILE)), Verdict::Found);
        assert_eq!(judge(&det(), "jane", &seen(404, "")), Verdict::Absent);
        let mut both = det();
        both.absent = Some(Rule {
            body: vec!["profile".into()],
            ..Rule::default()
        });
        assert!(matches!(
            judge(&both, "jane", &seen(200, PROFILE)),
            Verdict::Unknown(UnknownReason::Unrecognised, _)
        ));
    }

    #[test]
    fn a_status_only_exists_rule_gives_way_to_a_missing_marker() {
        let one_sided = Detection {
            exists: Some(Rule {
                status: vec![200],
                ..Rule::default()
            }),
            absent: Some(Rule {
                body: vec!["No such user".into()],
                ..Rule::default()
            }),
            blocked: None,
        };
        assert_eq!(
            judge(&one_sided, "jane", &seen(200, "<h1>No such user</h1>")),
            Verdict::Absent
        );
        assert_eq!(
            judge(&one_sided, "jane", &seen(200, "<h1>Jane</h1>")),
            Verdict::Found
        );
    }

    #[test]
    fn anything_else_is_unknown_never_absent() {
        for (status, body) in [(200, "hello"), (500, ""), (302, ""), (410, "")] {
            let v = judge(&det(), "jane", &seen(status, body));
            assert!(
                matches!(v, Verdict::Unknown(UnknownReason::Unrecognised, _)),
                "{status}: {v:?}"
            );
        }
    }

    #[test]
    fn walls_and_refusals_are_unknown_with_their_reason() {
        let reason = |status, body| match judge(&det(), "jane", &seen(status, body)) {
            Verdict::Unknown(r, _) => Some(r),
            _ => None,
        };
        assert_eq!(
            reason(403, "<title>Just a moment...</title>"),
            Some(UnknownReason::Blocked)
        );
        assert_eq!(reason(403, "nope"), Some(UnknownReason::Blocked));
        assert_eq!(reason(999, "Request denied"), Some(UnknownReason::Blocked));
        assert_eq!(reason(429, ""), Some(UnknownReason::RateLimited));
        assert_eq!(reason(401, ""), Some(UnknownReason::LoginWall));
        assert_eq!(
            reason(200, "<title>Log in</title><input type=\"password\">"),
            Some(UnknownReason::LoginWall)
        );
        assert_eq!(
            reason(200, "<div class=\"g-recaptcha\">"),
            Some(UnknownReason::Blocked)
        );
        // A challenge page that happens to carry the profile marker is still a challenge.
        let tricky = format!("{PROFILE}<title>Just a moment...</title>");
        assert_eq!(reason(200, &tricky), Some(UnknownReason::Blocked));
    }

    #[test]
    fn a_strict_profile_marker_outweighs_a_captcha_script() {
        let body = format!(
            "{PROFILE}<script src=\"https://www.google.com/recaptcha/api.js\"></script><div class=\"g-recaptcha\"></div>"
        );
        assert_eq!(judge(&det(), "jane", &seen(200, &body)), Verdict::Found);
        // ...but a status-only rule does not.
        let mut loose = det();
        loose.exists = Some(Rule {
            status: vec![200],
            ..Rule::default()
        });
        assert!(matches!(
            judge(&loose, "jane", &seen(200, &body)),
            Verdict::Unknown(UnknownReason::Blocked, _)
        ));
    }

    #[test]
    fn a_redirect_to_login_is_a_login_wall_unless_expected() {
        let mut s = seen(200, "<title>Welcome</title>");
        s.redirected = true;
        s.final_url = "https://site.test/accounts/login/?next=/u/jane";
        let chain = ["https://site.test/u/jane", s.final_url];
        s.chain = &chain;
        let mut loose = det();
        loose.exists = Some(Rule {
            status: vec![200],
            ..Rule::default()
        });
        assert!(matches!(
            judge(&loose, "jane", &s),
            Verdict::Unknown(UnknownReason::LoginWall, _)
        ));
        let mut expects = det();
        expects.absent = Some(Rule {
            redirect: Some("/accounts/login".into()),
            ..Rule::default()
        });
        assert_eq!(judge(&expects, "jane", &s), Verdict::Absent);
    }

    #[test]
    fn a_login_page_anywhere_in_the_redirect_chain_counts() {
        let mut s = seen(200, "<title>Home</title>");
        s.redirected = true;
        s.final_url = "https://site.test/";
        let chain = [
            "https://site.test/u/jane",
            "https://site.test/login?next=/u/jane",
            "https://site.test/",
        ];
        s.chain = &chain;
        let mut loose = det();
        loose.exists = Some(Rule {
            status: vec![200],
            ..Rule::default()
        });
        assert!(matches!(
            judge(&loose, "jane", &s),
            Verdict::Unknown(UnknownReason::LoginWall, _)
        ));
    }

    #[test]
    fn an_explicit_403_rule_is_respected() {
        let mut d = det();
        d.absent = Some(Rule {
            status: vec![403],
            ..Rule::default()
        });
        assert_eq!(judge(&d, "jane", &seen(403, "")), Verdict::Absent);
    }

    #[test]
    fn username_placeholders_fill_in_rule_markers() {
        let mut d = det();
        d.exists = Some(Rule {
            body: vec!["data-username=\"{username}\"".into()],
            ..Rule::default()
        });
        assert_eq!(
            judge(&d, "jane", &seen(200, "<p data-username=\"jane\">")),
            Verdict::Found
        );
        assert!(matches!(
            judge(&d, "jane", &seen(200, "<p data-username=\"bob\">")),
            Verdict::Unknown(..)
        ));
    }

    #[test]
    fn body_is_settled_once_every_body_rule_has_seen_a_marker() {
        let d = det();
        assert!(!body_settled(&d, "jane", b"<html>"));
        assert!(body_settled(&d, "jane", PROFILE.as_bytes()));
        let status_only = Detection {
            exists: Some(Rule {
                status: vec![200],
                ..Rule::default()
            }),
            absent: Some(Rule {
                status: vec![404],
                ..Rule::default()
            }),
            blocked: None,
        };
        assert!(body_settled(&status_only, "jane", b""));
    }
}

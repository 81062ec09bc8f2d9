//! The rules every imported list shares, whatever its format: which URLs findable will
//! request (and which it warns about), which headers a list may set, which entries are not
//! public profiles or are adult sites, and Python regex syntax. Not for reading a format.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde_json::Value;
use url::{Host, Url};

/// Headers a list may not set. findable always says who it is (User-Agent), never logs in
/// or carries a session (Cookie, Authorization), and requests go where the URL says
/// (Host); the framing headers are reqwest's to set.
const DROPPED_HEADERS: &[(&str, &str)] = &[
    ("user-agent", "findable always says who it is"),
    ("cookie", "findable never sends a list's cookies"),
    ("authorization", "findable never logs in"),
    ("proxy-authorization", "findable never logs in"),
    ("host", "requests go to the host in the URL"),
    ("content-length", "the HTTP client sets it"),
    ("transfer-encoding", "the HTTP client sets it"),
    ("connection", "the HTTP client sets it"),
];

/// `fill` is applied to each value kept (the format's username placeholder).
pub(super) struct Headers {
    pub kept: BTreeMap<String, String>,
    /// One note per header left out, for the import's warnings.
    pub dropped: Vec<String>,
}

/// The headers of one entry, minus those a list may not set. A header that cannot be sent
/// at all (bad name, line break, not a string) skips the entry.
pub(super) fn headers<'a>(
    given: impl IntoIterator<Item = (&'a String, &'a Value)>,
    fill: impl Fn(&str) -> String,
) -> Result<Headers, String> {
    let mut out = Headers {
        kept: BTreeMap::new(),
        dropped: Vec::new(),
    };
    for (name, value) in given {
        if let Some(problem) = header_problem(name, value) {
            return Err(problem);
        }
        let lower = name.to_ascii_lowercase();
        if let Some((_, why)) = DROPPED_HEADERS.iter().find(|(h, _)| *h == lower) {
            out.dropped.push(format!("header {name} left out: {why}"));
        } else if let Value::String(value) = value {
            out.kept.insert(name.clone(), fill(value));
        }
    }
    Ok(out)
}

/// Why a header cannot be sent as given, if it cannot. Checked here so one bad entry is
/// skipped at load instead of failing every probe of it later.
fn header_problem(name: &str, value: &Value) -> Option<String> {
    let Value::String(value) = value else {
        return Some(format!("header {name:?} has a non-string value"));
    };
    // RFC 9110 token characters.
    let name_ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !name_ok {
        return Some(format!(
            "header name {name:?} is not a valid HTTP header name"
        ));
    }
    if value.chars().any(|c| c == '\r' || c == '\n' || c == '\0') {
        return Some(format!("header {name:?} has a line break in its value"));
    }
    None
}

/// A URL template with a sample username in the list's own `placeholder`, parsed; or why
/// findable will not request it. Only http(s), and never a URL carrying a user name or
/// password: `https://a.com@b/` goes to `b`, whatever it looks like. Any other `{...}` is
/// refused: it would be sent as it is (another format's placeholder, or a typo).
pub(super) fn web_url(field: &str, template: &str, placeholder: &str) -> Result<Url, String> {
    let sample = template.replace(placeholder, "user");
    if sample.contains(['{', '}']) {
        return Err(format!(
            "{field} {template:?} has a placeholder other than {placeholder}"
        ));
    }
    let url = Url::parse(&sample)
        .map_err(|e| format!("{field} {template:?} is not a valid URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(format!(
            "{field} {template:?} is not an http(s) URL (scheme {:?})",
            url.scheme()
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "{field} {template:?} has a user name or password before the host, so it goes \
             to {} rather than where it seems to; refused",
            url.host_str().unwrap_or_default()
        ));
    }
    if let Some(Host::Domain(domain)) = url.host()
        && (domain.ends_with(".onion") || domain.ends_with(".i2p"))
    {
        return Err(format!(
            "{field} {template:?} is a Tor or I2P address, which findable cannot reach"
        ));
    }
    Ok(url)
}

/// What a person should know about where an entry's requests go: a host written to look
/// like another (Cyrillic і in "іnstagram"), or a private, loopback or link-local address
/// (still probed: people test lists on their own machine).
pub(super) fn url_warnings(field: &str, template: &str, url: &Url) -> Vec<String> {
    let mut out = Vec::new();
    match url.host() {
        Some(Host::Domain(domain)) => {
            let shown = shown_host(template).unwrap_or_else(|| domain.to_string());
            if let Some(looks_like) = lookalike(&shown) {
                out.push(format!(
                    "{field} host {shown} ({domain}) is written with letters that look like \
                     {looks_like} but is a different site"
                ));
            }
            if domain == "localhost" || domain.ends_with(".localhost") {
                out.push(format!("{field} goes to this computer ({domain})"));
            } else if domain.ends_with(".local") || domain.ends_with(".internal") {
                out.push(format!("{field} goes to a local network name ({domain})"));
            }
        }
        Some(Host::Ipv4(ip)) => out.extend(
            address_kind(IpAddr::V4(ip)).map(|kind| format!("{field} goes to {ip}, {kind}")),
        ),
        Some(Host::Ipv6(ip)) => out.extend(
            address_kind(IpAddr::V6(ip)).map(|kind| format!("{field} goes to [{ip}], {kind}")),
        ),
        None => {}
    }
    out
}

/// The host as the list wrote it (before IDNA turned it into `xn--` form).
fn shown_host(template: &str) -> Option<String> {
    let rest = template.split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.split(':').next()?;
    Some(host.to_lowercase())
}

/// The plain-ASCII host a non-ASCII or punycode host imitates, if it imitates one: a label
/// that mixes Latin letters with others ("іnstagram", Cyrillic і), or is written only in
/// letters that look Latin ("аррӏе"). A name simply written in another script ("форум")
/// imitates nothing.
fn lookalike(host: &str) -> Option<String> {
    let unicode = if host.split('.').any(|label| label.starts_with("xn--")) {
        idna_to_unicode(host)
    } else {
        host.to_string()
    };
    if unicode.is_ascii() {
        return None;
    }
    let mut imitates = false;
    let mut shown = Vec::new();
    for label in unicode.split('.') {
        let mixed = label.chars().any(|c| c.is_ascii_alphabetic()) && !label.is_ascii();
        let all_lookalike = !label.is_ascii()
            && label
                .chars()
                .all(|c| c.is_ascii() || latin_twin(c).is_some());
        imitates |= mixed || all_lookalike;
        shown.push(
            label
                .chars()
                .map(|c| latin_twin(c).unwrap_or(c))
                .collect::<String>(),
        );
    }
    let ascii = shown.join(".");
    (imitates && ascii.is_ascii()).then_some(ascii)
}

/// The Latin letter a Cyrillic or Greek one is drawn like, for the letters used to fake
/// domain names.
fn latin_twin(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' => 'a',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' => 'e',
        'һ' => 'h',
        'і' | 'ι' => 'i',
        'ӏ' => 'l',
        'ј' => 'j',
        'κ' | 'к' => 'k',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'τ' => 't',
        'υ' | 'у' => 'y',
        'ν' => 'v',
        'ԝ' => 'w',
        'х' | 'χ' => 'x',
        _ => return None,
    })
}

fn idna_to_unicode(host: &str) -> String {
    // The url crate only goes one way; a punycode label is rare enough in a list that
    // decoding it with the WHATWG rules through a URL round trip is not worth a crate.
    let (decoded, result) = idna::domain_to_unicode(host);
    if result.is_ok() {
        decoded
    } else {
        host.to_string()
    }
}

/// Plain words for an address that is not on the public internet.
pub(crate) fn address_kind(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(ip) => v4_kind(ip),
        IpAddr::V6(ip) => match ip.to_ipv4_mapped() {
            Some(v4) => v4_kind(v4),
            None => v6_kind(ip),
        },
    }
}

fn v4_kind(ip: Ipv4Addr) -> Option<&'static str> {
    if ip.is_loopback() {
        Some("a loopback address (this computer)")
    } else if ip.is_link_local() {
        Some("a link-local address (cloud metadata services live there)")
    } else if ip.is_private() || (ip.octets()[0] == 100 && ip.octets()[1] & 0xc0 == 64) {
        Some("a private network address")
    } else if ip.is_unspecified() || ip.is_broadcast() {
        Some("not a real destination")
    } else {
        None
    }
}

fn v6_kind(ip: Ipv6Addr) -> Option<&'static str> {
    let first = ip.segments()[0];
    if ip.is_loopback() {
        Some("a loopback address (this computer)")
    } else if first & 0xffc0 == 0xfe80 {
        Some("a link-local address")
    } else if first & 0xfe00 == 0xfc00 {
        Some("a private network address")
    } else if ip.is_unspecified() {
        Some("not a real destination")
    } else {
        None
    }
}

/// Whether a request URL looks like an API rather than a page a person would open.
pub(super) fn looks_like_api(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let path = url.path().to_ascii_lowercase();
    let query = url.query().unwrap_or_default().to_ascii_lowercase();
    host.starts_with("api.")
        || host.starts_with("api-")
        || path.contains("/api/")
        || path.starts_with("/api")
        || path.contains("/ajax/")
        || path.contains("graphql")
        || path.ends_with(".json")
        || query.contains("format=json")
        || query.contains("output=json")
}

/// Why an entry is not a public profile, if it is not: an archive lookup says whether an
/// old copy was saved, a stealer-log search says whether passwords leaked; neither is what
/// a pupil sees on a profile, and findable reports profiles.
pub(super) fn not_a_profile(url: &Url) -> Option<String> {
    let host = url.host_str().unwrap_or_default();
    let path = url.path();
    if (host == "archive.org" || host.ends_with(".archive.org"))
        && (path.starts_with("/wayback/") || path.starts_with("/web/"))
    {
        return Some("an archive lookup (is there a saved copy?), not a public profile".into());
    }
    // Stealer-log search services: a lookup in leaked data, not a page anyone can see.
    const LEAK_SEARCH_HOSTS: &[&str] = &["cavalier.hudsonrock.com"];
    if LEAK_SEARCH_HOSTS.contains(&host) {
        return Some("a search of leaked passwords (stealer logs), not a public profile".into());
    }
    None
}

/// A Python `re` pattern as the regex crates read it: `{,n}` (Python's "0 to n") becomes
/// `{0,n}`; nothing else differs for the patterns site lists use.
pub(super) fn python_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 4);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // `]` or `^]` right after `[` is a literal.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '{' if !in_class && chars.peek() == Some(&',') => out.push_str("{0"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_quantifiers_become_rust_ones() {
        assert_eq!(python_pattern(r"^[\w-]{,34}$"), r"^[\w-]{0,34}$");
        assert_eq!(python_pattern(r"^a{2,3}$"), r"^a{2,3}$");
        assert_eq!(python_pattern(r"^[{,]+\{,2}$"), r"^[{,]+\{,2}$");
    }

    #[test]
    fn userinfo_is_refused_and_odd_hosts_are_warned_about() {
        let why = web_url("url", "https://www.instagram.com@127.0.0.1/{}", "{}").unwrap_err();
        assert!(why.contains("goes to 127.0.0.1"), "{why}");
        assert!(web_url("url", "https://user:pw@example.test/{}", "{}").is_err());
        let template = "https://www.іnstagram.com/{}";
        let url = web_url("url", template, "{}").unwrap();
        let warnings = url_warnings("url", template, &url);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("look like www.instagram.com"),
            "{warnings:?}"
        );
        let template = "http://169.254.169.254/latest/{}";
        let url = web_url("url", template, "{}").unwrap();
        assert!(url_warnings("url", template, &url)[0].contains("link-local"));
        // A name in another script is not a lookalike.
        let template = "https://xn--90aybfeg.xn--p1ai/{}";
        let url = web_url("url", template, "{}").unwrap();
        assert!(url_warnings("url", template, &url).is_empty());
        let template = "https://example.com/{}";
        let url = web_url("url", template, "{}").unwrap();
        assert!(url_warnings("url", template, &url).is_empty());
    }
}

//! A site is one place a username can be probed: what to request and how to read the
//! answer. Check files and imported site lists (WhatsMyName, Sherlock) both become sites,
//! so the engine has one model to run and one set of semantics to apply.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::check::{Check, ProbeMethod, Rule, UsernameRule};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Site {
    /// The check id, or the site's own name for an imported list.
    pub name: String,
    /// Human-facing profile URL with `{username}`: what a person opens to check by hand.
    pub profile_url: String,
    pub request: RequestTemplate,
    /// Usernames that do not match are never sent to this site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_rule: Option<UsernameRule>,
    /// Characters removed from a username before it is sent (WhatsMyName `strip_bad_char`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub strip_chars: String,
    pub detection: Detection,
    /// Follow redirects before reading the answer (findable's own checks do). Imported
    /// lists whose rules describe the first answer (WhatsMyName's `e_code`/`m_code`,
    /// Sherlock's `response_url`) set it to false, so a 301 is read as a 301.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub follow_redirects: bool,
    /// Usernames known to exist there, for `findable sites check`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known: Vec<String>,
    /// Usernames known not to exist there (Maigret's `usernameUnclaimed`), also for the
    /// self-test, next to a made-up one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_absent: Vec<String>,
    /// Smallest gap between two requests to this site's host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_interval_ms: Option<u64>,
    /// When set, nothing is requested: a person must open the profile URL themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual_reason: Option<String>,
    /// Shown with every `absent` answer when it means less than "no such account".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absent_note: Option<String>,
}

/// The request sent for one username; `{username}` is replaced in the URL and body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RequestTemplate {
    pub url: String,
    #[serde(default)]
    pub method: HttpMethod,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    #[default]
    Get,
    Head,
    Post,
    Put,
}

/// The rules that read a response. `found` needs `exists` and not `absent`; `absent`
/// needs `absent`; anything else is unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exists: Option<Rule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absent: Option<Rule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked: Option<Rule>,
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

impl Site {
    /// The site for a check's `[profile]`, if it has one.
    pub fn from_check(check: &Check) -> Option<Self> {
        let profile = check.profile.as_ref()?;
        let manual = profile.method == ProbeMethod::Manual;
        Some(Self {
            name: check.id.clone(),
            profile_url: profile.url.clone(),
            request: RequestTemplate {
                url: profile
                    .probe_url
                    .clone()
                    .unwrap_or_else(|| profile.url.clone()),
                method: HttpMethod::Get,
                headers: profile.headers.clone(),
                body: None,
            },
            username_rule: Some(profile.username_rule.clone()),
            strip_chars: String::new(),
            detection: Detection {
                exists: profile.exists.clone(),
                absent: profile.absent.clone(),
                blocked: profile.blocked.clone(),
            },
            follow_redirects: profile.follow_redirects,
            known: profile.known.clone(),
            known_absent: Vec::new(),
            min_interval_ms: profile.min_interval_ms,
            manual_reason: manual.then(|| {
                profile
                    .manual_reason
                    .clone()
                    .unwrap_or_else(|| "only a person can check this site".into())
            }),
            absent_note: profile.absent_note.clone(),
        })
    }

    /// The username as this site should receive it, or `None` when the site would never
    /// accept it.
    pub fn prepare(&self, username: &str) -> Option<String> {
        let cleaned: String = username
            .chars()
            .filter(|c| !self.strip_chars.contains(*c))
            .collect();
        let accepted = !cleaned.is_empty()
            && self
                .username_rule
                .as_ref()
                .is_none_or(|rule| rule.accepts(&cleaned));
        accepted.then_some(cleaned)
    }

    pub fn profile_url_for(&self, username: &str) -> String {
        self.profile_url.replace("{username}", username)
    }
}

//! WhatsMyName (`wmn-data.json`) entries as findable sites. WhatsMyName gives both an
//! "exists" and a "missing" marker (status and body text) for the *first* answer (its
//! checker does not follow redirects), which map one-to-one onto findable's `exists` and
//! `absent` rules read without following redirects; anything matching neither, or both,
//! stays unknown.
//!
//! Format: <https://github.com/WebBreacher/WhatsMyName> (`wmn-data.json`, its schema and
//! `scripts/checker/checker.py`, which requests with `allow_redirects=False`).

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{Converted, ImportError, ImportOptions, check_url, entry_error, policy};
use crate::catalog::check::Rule;
use crate::catalog::site::{Detection, HttpMethod, RequestTemplate, Site};

/// The category WhatsMyName gives adult sites.
const ADULT_CATEGORY: &str = "xx NSFW xx";
/// The category of archive lookups (Wayback Machine, Filmot...): not live profiles.
const ARCHIVE_CATEGORY: &str = "archived";

/// One entry as written. Fields findable does not use are still declared when the format
/// requires them, so a list that lacks them is reported rather than half-read.
#[derive(Deserialize)]
#[serde(expecting = "a site object")]
struct WmnSite {
    name: String,
    uri_check: String,
    uri_pretty: Option<String>,
    e_code: u16,
    e_string: String,
    m_code: u16,
    m_string: String,
    known: Vec<String>,
    cat: String,
    post_body: Option<String>,
    /// Kept loose so a non-string value is a skipped entry, not a failed list.
    headers: Option<Map<String, Value>>,
    strip_bad_char: Option<String>,
    valid: Option<bool>,
}

/// Converts entry number `index` (1-based) of the `sites` array.
pub(super) fn convert(
    label: &str,
    index: usize,
    raw: &RawValue,
    options: &ImportOptions,
) -> Result<Converted, ImportError> {
    #[derive(Deserialize)]
    struct Name {
        name: Option<Value>,
    }
    let mut de = serde_json::Deserializer::from_str(raw.get());
    let site: WmnSite = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let name = serde_json::from_str::<Name>(raw.get())
            .ok()
            .and_then(|n| n.name)
            .and_then(|n| n.as_str().map(str::to_string));
        entry_error(label, index, name.as_deref(), e)
    })?;
    Ok(to_site(site, options))
}

fn account(text: &str) -> String {
    text.replace("{account}", "{username}")
}

fn to_site(raw: WmnSite, options: &ImportOptions) -> Converted {
    if raw.valid == Some(false) {
        return Converted::Disabled;
    }
    let pretty = raw.uri_pretty.as_deref().map(account);
    if raw.cat == ADULT_CATEGORY && !options.include_adult {
        return Converted::skipped(
            &raw.name,
            "adult site, not probed (add --include-adult to probe it)",
            None,
        );
    }
    if raw.cat == ARCHIVE_CATEGORY {
        return Converted::skipped(
            &raw.name,
            "an archive lookup (category \"archived\"), not a public profile",
            pretty,
        );
    }
    let mut notes = Vec::new();
    match build(&raw, &mut notes) {
        Ok(site) => Converted::Site(Box::new(site), notes, None),
        Err(why) => Converted::skipped(&raw.name, why, pretty.filter(|p| p.contains("{username}"))),
    }
}

fn build(raw: &WmnSite, notes: &mut Vec<String>) -> Result<Site, String> {
    if raw.name.trim().is_empty() {
        return Err("empty name".into());
    }
    let url = account(&raw.uri_check);
    let check = check_url("uri_check", &raw.uri_check, "{account}", notes)?;
    if let Some(why) = policy::not_a_profile(&check) {
        return Err(why);
    }
    let profile_url = match raw.uri_pretty.as_deref() {
        Some(pretty) => {
            check_url("uri_pretty", pretty, "{account}", notes)?;
            account(pretty)
        }
        // An API answer is no page for a person to open; without uri_pretty there is no
        // profile page to show with the result.
        None if policy::looks_like_api(&check) || raw.post_body.is_some() => {
            return Err(
                "uri_check is an API address and there is no uri_pretty: no profile page a \
                 person could open"
                    .into(),
            );
        }
        None => url.clone(),
    };
    let body = raw.post_body.as_deref().map(account);
    // A POST entry may carry the username only in its body; that still varies per username.
    let in_request =
        url.contains("{username}") || body.as_deref().is_some_and(|b| b.contains("{username}"));
    if !in_request {
        return Err("uri_check has no {account}: every username would get the same answer".into());
    }
    if !profile_url.contains("{username}") {
        return Err("no {account} in uri_pretty or uri_check: no profile URL to show".into());
    }
    // An empty marker means "the status alone", as WhatsMyName's checker reads it; that
    // only tells the two answers apart when their statuses differ.
    let (e_empty, m_empty) = (
        raw.e_string.trim().is_empty(),
        raw.m_string.trim().is_empty(),
    );
    if raw.e_code == raw.m_code && (e_empty || m_empty) {
        return Err(format!(
            "e_code and m_code are both {} and a marker is empty: the two answers cannot be \
             told apart",
            raw.e_code
        ));
    }
    if raw.e_code == raw.m_code && raw.e_string == raw.m_string {
        return Err("the exists and missing markers are identical".into());
    }
    let marker = |text: &str, empty: bool| {
        if empty {
            Vec::new()
        } else {
            vec![account(text)]
        }
    };
    let headers = policy::headers(raw.headers.iter().flatten(), account)?;
    notes.extend(headers.dropped);
    Ok(Site {
        name: raw.name.clone(),
        profile_url,
        request: RequestTemplate {
            url,
            method: if body.is_some() {
                HttpMethod::Post
            } else {
                HttpMethod::Get
            },
            headers: headers.kept,
            body,
        },
        username_rule: None,
        strip_chars: raw.strip_bad_char.clone().unwrap_or_default(),
        detection: Detection {
            exists: Some(Rule {
                status: vec![raw.e_code],
                body: marker(&raw.e_string, e_empty),
                redirect: None,
            }),
            absent: Some(Rule {
                status: vec![raw.m_code],
                body: marker(&raw.m_string, m_empty),
                redirect: None,
            }),
            blocked: None,
        },
        // e_code and m_code are the status of the first answer.
        follow_redirects: false,
        known: raw.known.clone(),
        known_absent: Vec::new(),
        min_interval_ms: None,
        manual_reason: None,
        absent_note: None,
    })
}

#[cfg(test)]
mod tests;

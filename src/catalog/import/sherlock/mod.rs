//! Sherlock (`data.json`) entries as findable sites. Sherlock only says what a *missing*
//! account looks like; here that becomes the `absent` rule, and `exists` is a plain 200, so
//! a page that is neither (login wall, rate limit, odd error) stays unknown. Like Sherlock,
//! only `response_url` sites are read without following redirects.
//!
//! Format: <https://github.com/sherlock-project/sherlock> (`sherlock_project/resources/
//! data.json`, `data.schema.json`, and `sherlock.py`, which sets `allow_redirects=False`
//! only when `errorType` is `response_url`).

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{Converted, ImportError, ImportOptions, check_url, entry_error, policy};
use crate::catalog::check::{Rule, UsernameRule};
use crate::catalog::site::{Detection, HttpMethod, RequestTemplate, Site};

/// Statuses that mean "no such page" when an entry gives no `errorCode`.
const DEFAULT_MISSING_STATUS: [u16; 2] = [404, 410];

#[derive(Deserialize)]
#[serde(expecting = "a site object")]
struct SherlockSite {
    url: String,
    #[serde(rename = "urlMain")]
    _url_main: String,
    #[serde(rename = "urlProbe")]
    url_probe: Option<String>,
    #[serde(rename = "errorType", deserialize_with = "one_or_many")]
    error_type: Vec<String>,
    #[serde(rename = "errorMsg", default, deserialize_with = "one_or_many")]
    error_msg: Vec<String>,
    #[serde(rename = "errorCode", default, deserialize_with = "one_or_many")]
    error_code: Vec<u16>,
    #[serde(rename = "errorUrl")]
    error_url: Option<String>,
    #[serde(rename = "regexCheck")]
    regex_check: Option<String>,
    request_method: Option<String>,
    request_payload: Option<Value>,
    /// Kept loose so a non-string value is a skipped entry, not a failed list.
    headers: Option<Map<String, Value>>,
    #[serde(rename = "isNSFW", default)]
    is_nsfw: bool,
    username_claimed: Option<String>,
}

/// Sherlock writes a single value or an array of them for the same field.
fn one_or_many<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    let items = match value {
        Value::Array(items) => items,
        single => vec![single],
    };
    items
        .into_iter()
        .map(|item| T::deserialize(item).map_err(serde::de::Error::custom))
        .collect()
}

/// Converts every site of a document already detected as Sherlock, in file order.
pub(super) fn convert(
    label: &str,
    entries: &[(String, Box<RawValue>)],
    options: &ImportOptions,
) -> Result<Vec<Converted>, ImportError> {
    let mut converted = Vec::with_capacity(entries.len());
    let sites = entries.iter().filter(|(key, _)| !key.starts_with('$'));
    for (i, (name, entry)) in sites.enumerate() {
        let mut de = serde_json::Deserializer::from_str(entry.get());
        let site: SherlockSite = serde_path_to_error::deserialize(&mut de)
            .map_err(|e| entry_error(label, i + 1, Some(name), e))?;
        if site.is_nsfw && !options.include_adult {
            converted.push(Converted::skipped(
                name,
                "adult site, not probed (add --include-adult to probe it)",
                None,
            ));
            continue;
        }
        let mut notes = Vec::new();
        converted.push(match build(name, &site, &mut notes) {
            Ok(site) => Converted::Site(Box::new(site), notes, None),
            Err(why) => {
                let shown = braces(&site.url);
                Converted::skipped(name, why, shown.contains("{username}").then_some(shown))
            }
        });
    }
    Ok(converted)
}

fn braces(text: &str) -> String {
    text.replace("{}", "{username}")
}

/// Replaces `{}` in the string values of a JSON payload only, as Sherlock does: an empty
/// object `{}` elsewhere in the payload must stay as it is.
fn interpolate(value: &mut Value) {
    match value {
        Value::String(s) => *s = braces(s),
        Value::Array(items) => items.iter_mut().for_each(interpolate),
        Value::Object(map) => map.values_mut().for_each(interpolate),
        _ => {}
    }
}

fn build(name: &str, raw: &SherlockSite, notes: &mut Vec<String>) -> Result<Site, String> {
    if name.trim().is_empty() {
        return Err("empty name".into());
    }
    // The pattern only filters which usernames are sent: one findable cannot run costs the
    // filter, not the site.
    let username_rule = match &raw.regex_check {
        Some(pattern) => match UsernameRule::imported(&policy::python_pattern(pattern)) {
            Ok(rule) => Some(rule),
            Err(e) => {
                notes.push(format!(
                    "regexCheck {pattern:?} cannot be read ({}); every username is sent",
                    e.lines().last().unwrap_or_default().trim()
                ));
                None
            }
        },
        None => None,
    };
    let method = match raw.request_method.as_deref() {
        // Sherlock sends HEAD to status_code sites by default; findable always reads the
        // body, which its bot-wall detection needs to tell a captcha from a profile.
        None => HttpMethod::Get,
        Some(m) => match m.to_ascii_uppercase().as_str() {
            "GET" => HttpMethod::Get,
            "POST" => HttpMethod::Post,
            "HEAD" => HttpMethod::Head,
            "PUT" => HttpMethod::Put,
            _ => return Err(format!("unsupported request_method {m:?}")),
        },
    };

    let profile_url = braces(&raw.url);
    let url = raw
        .url_probe
        .as_deref()
        .map_or_else(|| profile_url.clone(), braces);
    check_url("url", &raw.url, "{}", notes)?;
    if let Some(probe) = raw.url_probe.as_deref() {
        check_url("urlProbe", probe, "{}", notes)?;
    }
    let headers = policy::headers(raw.headers.iter().flatten(), braces)?;
    notes.extend(headers.dropped);
    let mut headers = headers.kept;
    let body = match &raw.request_payload {
        None => None,
        Some(_) if method == HttpMethod::Head => {
            return Err("request_payload with request_method HEAD".into());
        }
        Some(payload) => {
            let mut payload = payload.clone();
            interpolate(&mut payload);
            // Sherlock posts the payload as JSON (requests' `json=`), which sets this header.
            if !headers
                .keys()
                .any(|h| h.eq_ignore_ascii_case("content-type"))
            {
                headers.insert("Content-Type".into(), "application/json".into());
            }
            Some(payload.to_string())
        }
    };

    let in_request =
        url.contains("{username}") || body.as_deref().is_some_and(|b| b.contains("{username}"));
    if !in_request {
        return Err(
            "no {} in url, urlProbe or request_payload: every username would get the \
                    same answer"
                .into(),
        );
    }
    if !profile_url.contains("{username}") {
        return Err("url has no {}: no profile URL to show".into());
    }

    let (absent, follow_redirects) = absent_rule(raw, &url, method)?;
    Ok(Site {
        name: name.to_string(),
        profile_url,
        request: RequestTemplate {
            url,
            method,
            headers,
            body,
        },
        username_rule,
        strip_chars: String::new(),
        detection: Detection {
            // Only a plain success reads as a profile; with no positive marker from Sherlock,
            // anything else that is not clearly the missing page stays unknown.
            exists: Some(Rule {
                status: vec![200],
                ..Rule::default()
            }),
            absent: Some(absent),
            blocked: None,
        },
        follow_redirects,
        known: raw.username_claimed.iter().cloned().collect(),
        known_absent: Vec::new(),
        min_interval_ms: None,
        manual_reason: None,
        absent_note: None,
    })
}

/// The rule for a missing account, from the entry's errorType.
///
/// With several errorTypes Sherlock calls an account missing when any of them says so, but
/// an `absent` rule is one set of conditions that must all hold, so one type is chosen:
/// `message` first (a body text only the missing page carries is the most specific sign),
/// then `status_code`, then `response_url` (a redirect to a generic page is the weakest).
/// A missing page that only an unchosen type would catch then comes out unknown, which is
/// honest, rather than found.
/// With the rule comes whether to follow redirects: Sherlock reads `response_url` sites
/// (`errorType` exactly that) on the first answer, and every other type after redirects.
fn absent_rule(raw: &SherlockSite, url: &str, method: HttpMethod) -> Result<(Rule, bool), String> {
    const KNOWN: [&str; 3] = ["message", "status_code", "response_url"];
    if let Some(unknown) = raw.error_type.iter().find(|t| !KNOWN.contains(&t.as_str())) {
        return Err(format!("unknown errorType {unknown:?}"));
    }
    let chosen = KNOWN
        .into_iter()
        .find(|kind| raw.error_type.iter().any(|t| t == kind));
    match chosen {
        Some("message") => {
            if method == HttpMethod::Head {
                return Err("errorType message with request_method HEAD: no body to read".into());
            }
            // An empty marker is in every body and would make every page "missing".
            let markers: Vec<String> = raw
                .error_msg
                .iter()
                .filter(|m| !m.trim().is_empty())
                .cloned()
                .collect();
            if markers.is_empty() {
                return Err("errorType message without a non-empty errorMsg".into());
            }
            // errorMsg is matched verbatim: Sherlock does not put the username into it, and a
            // literal `{}` (an empty JSON object) must stay.
            Ok((
                Rule {
                    body: markers,
                    ..Rule::default()
                },
                true,
            ))
        }
        Some("status_code") => {
            let status = if raw.error_code.is_empty() {
                DEFAULT_MISSING_STATUS.to_vec()
            } else {
                raw.error_code.clone()
            };
            if status.contains(&200) {
                return Err("errorCode includes 200, the status of a real profile".into());
            }
            Ok((
                Rule {
                    status,
                    ..Rule::default()
                },
                true,
            ))
        }
        Some(_) => {
            let Some(error_url) = raw.error_url.as_deref().filter(|u| !u.trim().is_empty()) else {
                return Err("errorType response_url without errorUrl".into());
            };
            let error_url = braces(error_url);
            // The rule matches when the final URL *contains* errorUrl; when errorUrl is part
            // of the requested URL itself (a home page, say), an unredirected real profile
            // would match too and read as missing.
            let sample = |u: &str| u.replace("{username}", "someone");
            if sample(url).contains(&sample(&error_url)) {
                return Err(format!(
                    "errorUrl {error_url:?} is part of the requested URL, so a real profile \
                     would also read as missing"
                ));
            }
            // Sherlock only turns redirects off when response_url is the one type given.
            Ok((
                Rule {
                    redirect: Some(error_url),
                    ..Rule::default()
                },
                raw.error_type.len() > 1,
            ))
        }
        None => Err("empty errorType".into()),
    }
}

#[cfg(test)]
mod tests;

//! Maigret (`maigret/resources/data.json`) entries as findable sites. Maigret's checker
//! calls an account claimed when a presence marker is on the page and no absence marker
//! is; here each becomes its own rule, so a page with both, or neither, stays unknown. Its
//! `errors` markers (pages that mean blocked or broken) become the `blocked` rule.
//!
//! Format: <https://github.com/soxoj/maigret> (`maigret/resources/data.json`;
//! `maigret/sites.py` merges an engine's `site` object into each site that names it, the
//! engine's values winning, lists joined; `maigret/checking.py` formats `url` with
//! `urlMain`, `urlSubpath` and `username`, and turns redirects off only for
//! `response_url`).

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{Converted, ImportError, ImportOptions, check_url, entry_error, policy};
use crate::catalog::check::{Rule, UsernameRule};
use crate::catalog::site::{Detection, HttpMethod, RequestTemplate, Site};

/// Tags Maigret gives adult sites.
const ADULT_TAGS: &[&str] = &["porn", "erotic", "webcam"];
/// Statuses that mean "not here" for a `status_code` site: Maigret takes any non-2xx, which
/// would read a rate limit or an outage as "no such account".
const MISSING_STATUS: [u16; 2] = [404, 410];
/// For `response_url`: the first answer is a redirect elsewhere, or not found.
const MOVED_OR_MISSING: [u16; 7] = [301, 302, 303, 307, 308, 404, 410];

/// One site, its engine already merged in. Keys findable does not use are ignored.
#[derive(Deserialize)]
#[serde(expecting = "a site object")]
struct MaigretSite {
    url: Option<String>,
    #[serde(rename = "urlMain", default)]
    url_main: String,
    #[serde(rename = "urlSubpath", default)]
    url_subpath: String,
    #[serde(rename = "urlProbe")]
    url_probe: Option<String>,
    #[serde(rename = "checkType")]
    check_type: Option<String>,
    /// Sic: Maigret's spelling, and the only one its checker reads.
    #[serde(rename = "presenseStrs", default)]
    presense_strs: Vec<String>,
    #[serde(rename = "absenceStrs", default)]
    absence_strs: Vec<String>,
    #[serde(default)]
    errors: Map<String, Value>,
    #[serde(rename = "regexCheck")]
    regex_check: Option<String>,
    /// Kept loose so a non-string value is a skipped entry, not a failed list.
    #[serde(default)]
    headers: Map<String, Value>,
    #[serde(rename = "requestMethod")]
    request_method: Option<String>,
    #[serde(rename = "requestPayload")]
    request_payload: Option<Map<String, Value>>,
    #[serde(rename = "getParams", default)]
    get_params: Map<String, Value>,
    #[serde(default)]
    disabled: bool,
    #[serde(default)]
    protection: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(rename = "usernameClaimed")]
    username_claimed: Option<String>,
    #[serde(rename = "usernameUnclaimed")]
    username_unclaimed: Option<String>,
    #[serde(rename = "type")]
    id_type: Option<String>,
    #[serde(rename = "similarSearch", default)]
    similar_search: bool,
    activation: Option<Value>,
    protocol: Option<String>,
    /// The platform a mirror shows (Picuki shows Instagram).
    source: Option<String>,
}

/// Converts every site of a document already detected as Maigret, in file order.
pub(super) fn convert(
    label: &str,
    sites: &[(String, Box<RawValue>)],
    engines: &Map<String, Value>,
    options: &ImportOptions,
) -> Result<Vec<Converted>, ImportError> {
    let mut converted = Vec::with_capacity(sites.len());
    for (i, (name, raw)) in sites.iter().enumerate() {
        let mut de = serde_json::Deserializer::from_str(raw.get());
        let mut value: Map<String, Value> = serde_path_to_error::deserialize(&mut de)
            .map_err(|e| entry_error(label, i + 1, Some(name), e))?;
        if let Some(engine) = value.get("engine").and_then(Value::as_str) {
            let Some(site) = engines.get(engine).and_then(|e| e.get("site")) else {
                converted.push(Converted::skipped(
                    name,
                    format!("engine {engine:?} is not among the list's engines"),
                    None,
                ));
                continue;
            };
            if let Value::Object(site) = site {
                merge(&mut value, site);
            }
        }
        let site: MaigretSite = serde_path_to_error::deserialize(Value::Object(value))
            .map_err(|e| entry_error(label, i + 1, Some(name), e))?;
        converted.push(to_site(name, site, options));
    }
    Ok(converted)
}

/// Maigret's engine merge: the engine's scalars replace the site's, its lists are added
/// after the site's, its objects are merged in key by key.
fn merge(site: &mut Map<String, Value>, engine: &Map<String, Value>) {
    for (key, value) in engine {
        match (site.get_mut(key), value) {
            (Some(Value::Array(mine)), Value::Array(theirs)) => mine.extend(theirs.iter().cloned()),
            (Some(Value::Object(mine)), Value::Object(theirs)) => {
                for (k, v) in theirs {
                    mine.insert(k.clone(), v.clone());
                }
            }
            _ => {
                site.insert(key.clone(), value.clone());
            }
        }
    }
}

fn to_site(name: &str, raw: MaigretSite, options: &ImportOptions) -> Converted {
    if raw.disabled {
        return Converted::Disabled;
    }
    let shown = raw
        .url
        .as_deref()
        .and_then(|u| format_url(u, &raw.url_main, &raw.url_subpath).ok())
        .filter(|u| u.contains("{username}"));
    if !options.include_adult && raw.tags.iter().any(|t| ADULT_TAGS.contains(&t.as_str())) {
        return Converted::skipped(
            name,
            "adult site, not probed (add --include-adult to probe it)",
            None,
        );
    }
    let mut notes = Vec::new();
    match build(name, &raw, &mut notes) {
        Ok(site) => Converted::Site(Box::new(site), notes, raw.source.clone()),
        Err(why) => Converted::skipped(name, why, shown),
    }
}

fn build(name: &str, raw: &MaigretSite, notes: &mut Vec<String>) -> Result<Site, String> {
    if name.trim().is_empty() {
        return Err("empty name".into());
    }
    if let Some(id_type) = raw.id_type.as_deref().filter(|t| *t != "username") {
        return Err(format!("looks up a {id_type}, not a username"));
    }
    if raw.similar_search {
        return Err("a search that also matches similar usernames, not one profile".into());
    }
    if raw.activation.is_some() {
        return Err("needs a session token fetched first, which findable does not do".into());
    }
    if let Some(protocol) = raw.protocol.as_deref().filter(|p| !p.is_empty()) {
        return Err(format!("needs the {protocol} protocol"));
    }
    if raw.protection.iter().any(|p| p == "tls_fingerprint") {
        return Err(
            "only answers clients that imitate a browser's TLS fingerprint, which findable \
             does not do"
                .into(),
        );
    }
    if raw.protection.iter().any(|p| p == "login") {
        return Err("needs a login".into());
    }
    let template = raw.url.as_deref().ok_or("no url")?;
    let profile_url = collapse_slashes(&format_url(template, &raw.url_main, &raw.url_subpath)?);
    let probe = match raw.url_probe.as_deref() {
        Some(probe) => format_url(probe, &raw.url_main, &raw.url_subpath)?,
        None => profile_url.clone(),
    };
    let mut url = probe;
    for (key, value) in &raw.get_params {
        let value = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_string);
        url.push_str(&format!("&{key}={value}"));
    }
    let request = check_url("url", &url, "{username}", notes)?;
    if profile_url != url {
        check_url("url", &profile_url, "{username}", notes)?;
    }
    if let Some(why) = policy::not_a_profile(&request) {
        return Err(why);
    }
    let method = match raw.request_method.as_deref().map(str::to_ascii_uppercase) {
        None => HttpMethod::Get,
        Some(m) if m == "GET" => HttpMethod::Get,
        Some(m) if m == "POST" => HttpMethod::Post,
        Some(m) if m == "HEAD" => HttpMethod::Head,
        Some(m) if m == "PUT" => HttpMethod::Put,
        Some(m) => return Err(format!("unsupported requestMethod {m:?}")),
    };
    let headers = policy::headers(&raw.headers, |v| v.to_string())?;
    notes.extend(headers.dropped);
    let mut headers = headers.kept;
    let body = match &raw.request_payload {
        None => None,
        Some(payload) => {
            let mut payload = Value::Object(payload.clone());
            format_strings(&mut payload);
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
    if !in_request || !profile_url.contains("{username}") {
        return Err("no {username} in url: every username would get the same answer".into());
    }
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
    let (exists, absent, follow_redirects) = rules(raw, method)?;
    let blocked: Vec<String> = raw
        .errors
        .keys()
        .filter(|k| !k.trim().is_empty())
        .cloned()
        .collect();
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
            exists: Some(exists),
            absent: Some(absent),
            blocked: (!blocked.is_empty()).then(|| Rule {
                body: blocked,
                ..Rule::default()
            }),
        },
        follow_redirects,
        known: raw.username_claimed.iter().cloned().collect(),
        known_absent: raw.username_unclaimed.iter().cloned().collect(),
        min_interval_ms: None,
        manual_reason: None,
        absent_note: None,
    })
}

/// `exists`, `absent` and whether to follow redirects, from the check type.
fn rules(raw: &MaigretSite, method: HttpMethod) -> Result<(Rule, Rule, bool), String> {
    let markers = |list: &[String]| -> Vec<String> {
        list.iter()
            .filter(|m| !m.trim().is_empty())
            .cloned()
            .collect()
    };
    let (presence, absence) = (markers(&raw.presense_strs), markers(&raw.absence_strs));
    let status = |codes: &[u16]| Rule {
        status: codes.to_vec(),
        ..Rule::default()
    };
    let found = || {
        if presence.is_empty() {
            status(&[200])
        } else {
            Rule {
                body: presence.clone(),
                ..Rule::default()
            }
        }
    };
    match raw.check_type.as_deref() {
        Some("message") => {
            if method == HttpMethod::Head {
                return Err("checkType message with a HEAD request: no page to read".into());
            }
            if absence.is_empty() {
                return Err(
                    "checkType message without absenceStrs: a missing account cannot be told \
                     from a wall or error page"
                        .into(),
                );
            }
            let absent = Rule {
                body: absence,
                ..Rule::default()
            };
            Ok((found(), absent, true))
        }
        Some("status_code") => Ok((status(&[200]), status(&MISSING_STATUS), true)),
        Some("response_url") => {
            let mut exists = found();
            exists.status = vec![200];
            Ok((exists, status(&MOVED_OR_MISSING), false))
        }
        Some(other) => Err(format!("unknown checkType {other:?}")),
        None => Err("no checkType".into()),
    }
}

/// A URL template as Python's `str.format` reads it: `{urlMain}` and `{urlSubpath}` filled
/// in, `{username}` kept for findable, `{{` and `}}` as single braces.
fn format_url(template: &str, main: &str, subpath: &str) -> Result<String, String> {
    let mut out = String::with_capacity(template.len() + main.len());
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let Some(end) = tail.find('}').filter(|_| tail.starts_with('{')) else {
            return Err(format!("url {template:?} has an unmatched brace"));
        };
        match &tail[1..end] {
            "username" => out.push_str("{username}"),
            "urlMain" => out.push_str(main),
            "urlSubpath" => out.push_str(subpath),
            other => {
                return Err(format!(
                    "url {template:?} uses unknown placeholder {{{other}}}"
                ));
            }
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Maigret squeezes repeated slashes out of a profile URL, except after the scheme's colon.
fn collapse_slashes(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let mut previous = '\0';
    for c in url.chars() {
        if c == '/' && previous == '/' && !out.ends_with(":/") {
            continue;
        }
        out.push(c);
        previous = c;
    }
    out
}

/// Python's `.format(username=...)` on each string of the payload.
fn format_strings(value: &mut Value) {
    match value {
        Value::String(s) => {
            if let Ok(formatted) = format_url(s, "", "") {
                *s = formatted;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(format_strings),
        Value::Object(map) => map.values_mut().for_each(format_strings),
        _ => {}
    }
}

#[cfg(test)]
mod tests;

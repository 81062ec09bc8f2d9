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
    check_url("url", &raw.url, notes)?;
    if let Some(probe) = raw.url_probe.as_deref() {
        check_url("urlProbe", probe, notes)?;
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
mod tests {
    use serde_json::json;

    use super::super::{ImportOptions, Imported, parse_site_list};
    use super::*;

    fn base() -> Value {
        json!({
            "url": "https://www.example.test/user/{}",
            "urlMain": "https://www.example.test/",
            "errorType": "status_code",
            "username_claimed": "alice"
        })
    }

    fn with(changes: Value) -> Value {
        let mut entry = base();
        if let (Value::Object(entry), Value::Object(changes)) = (&mut entry, changes) {
            for (k, v) in changes {
                if v.is_null() {
                    entry.remove(&k);
                } else {
                    entry.insert(k, v);
                }
            }
        }
        entry
    }

    /// Imports `entry` as "Testsite" after a known-good site, so a skip leaves a usable list.
    fn import(entry: Value) -> Imported {
        let doc = json!({ "$schema": "data.schema.json", "Filler": base(), "Testsite": entry });
        parse_site_list("sherlock.json", &doc.to_string(), &ImportOptions::default()).unwrap()
    }

    fn site(entry: Value) -> Site {
        let imported = import(entry);
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
        imported
            .sites
            .into_iter()
            .find(|s| s.name == "Testsite")
            .unwrap()
    }

    fn skipped(entry: Value) -> String {
        let mut imported = import(entry);
        assert_eq!(imported.sites.len(), 1, "the entry was not skipped");
        assert_eq!(imported.skipped.len(), 1);
        let skip = imported.skipped.remove(0);
        assert_eq!(skip.name, "Testsite");
        skip.reason
    }

    fn hard_error(entry: Value) -> String {
        let doc = json!({ "Filler": base(), "Testsite": entry });
        let message = parse_site_list("sherlock.json", &doc.to_string(), &ImportOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("sherlock.json: site #2 (\"Testsite\"): "),
            "{message}"
        );
        message
    }

    fn found_rule() -> Option<Rule> {
        Some(Rule {
            status: vec![200],
            ..Rule::default()
        })
    }

    #[test]
    fn status_code_defaults_to_404_and_410() {
        let site = site(base());
        assert_eq!(site.profile_url, "https://www.example.test/user/{username}");
        assert_eq!(site.request.url, site.profile_url);
        assert_eq!(site.request.method, HttpMethod::Get);
        assert!(site.username_rule.is_none());
        assert_eq!(
            site.detection,
            Detection {
                exists: found_rule(),
                absent: Some(Rule {
                    status: vec![404, 410],
                    ..Rule::default()
                }),
                blocked: None,
            }
        );
    }

    #[test]
    fn status_code_uses_error_code_one_or_many() {
        let site1 = site(with(json!({ "errorCode": 400 })));
        assert_eq!(site1.detection.absent.unwrap().status, [400]);
        let site2 = site(with(json!({ "errorCode": [400, 404] })));
        assert_eq!(site2.detection.absent.unwrap().status, [400, 404]);
        assert_eq!(site2.detection.exists, found_rule());
    }

    #[test]
    fn error_code_200_is_skipped() {
        let warning = skipped(with(json!({ "errorCode": [200, 404] })));
        assert!(warning.contains("errorCode includes 200"), "{warning}");
    }

    #[test]
    fn message_uses_body_markers_without_status() {
        let site1 = site(with(
            json!({ "errorType": "message", "errorMsg": "No such user" }),
        ));
        assert_eq!(
            site1.detection,
            Detection {
                exists: found_rule(),
                absent: Some(Rule {
                    body: vec!["No such user".into()],
                    ..Rule::default()
                }),
                blocked: None,
            }
        );
        let site2 = site(with(json!({
            "errorType": "message",
            "errorMsg": ["Gone", "", "{}", "Not here"],
        })));
        // Empty markers are dropped; `{}` is kept verbatim since Sherlock never fills it in.
        assert_eq!(
            site2.detection.absent.unwrap().body,
            ["Gone", "{}", "Not here"]
        );
    }

    #[test]
    fn message_without_markers_is_skipped() {
        let warning = skipped(with(json!({ "errorType": "message" })));
        assert!(warning.contains("errorType message without a non-empty errorMsg"));
        let warning = skipped(with(json!({ "errorType": "message", "errorMsg": [" "] })));
        assert!(warning.contains("non-empty errorMsg"), "{warning}");
    }

    #[test]
    fn response_url_matches_the_redirect() {
        let site = site(with(json!({
            "errorType": "response_url",
            "errorUrl": "https://www.example.test/signup?from={}",
        })));
        assert_eq!(
            site.detection,
            Detection {
                exists: found_rule(),
                absent: Some(Rule {
                    redirect: Some("https://www.example.test/signup?from={username}".into()),
                    ..Rule::default()
                }),
                blocked: None,
            }
        );
    }

    #[test]
    fn response_url_without_or_inside_the_url_is_skipped() {
        let warning = skipped(with(json!({ "errorType": "response_url" })));
        assert!(
            warning.contains("errorType response_url without errorUrl"),
            "{warning}"
        );
        let warning = skipped(with(json!({
            "errorType": "response_url",
            "errorUrl": "https://www.example.test/",
        })));
        assert!(warning.contains("part of the requested URL"), "{warning}");
    }

    #[test]
    fn error_type_arrays_prefer_message_then_status_code() {
        let site1 = site(with(json!({
            "errorType": ["status_code", "message", "response_url"],
            "errorMsg": "missing",
            "errorUrl": "https://www.example.test/404",
        })));
        assert_eq!(site1.detection.absent.unwrap().body, ["missing"]);
        let site2 = site(with(json!({
            "errorType": ["response_url", "status_code"],
            "errorUrl": "https://www.example.test/404",
        })));
        assert_eq!(site2.detection.absent.unwrap().status, [404, 410]);
        let site3 = site(with(json!({
            "errorType": ["response_url"],
            "errorUrl": "https://www.example.test/404",
        })));
        assert!(site3.detection.absent.unwrap().redirect.is_some());
    }

    #[test]
    fn unknown_or_empty_error_type_is_skipped() {
        let warning = skipped(with(json!({ "errorType": "guess" })));
        assert!(warning.contains("unknown errorType \"guess\""), "{warning}");
        let warning = skipped(with(json!({ "errorType": ["status_code", "guess"] })));
        assert!(warning.contains("unknown errorType \"guess\""), "{warning}");
        let warning = skipped(with(json!({ "errorType": [] })));
        assert!(warning.contains("empty errorType"), "{warning}");
    }

    #[test]
    fn nsfw_is_skipped() {
        let reason = skipped(with(json!({ "isNSFW": true })));
        assert_eq!(
            reason,
            "adult site, not probed (add --include-adult to probe it)"
        );
        site(with(json!({ "isNSFW": false })));
    }

    #[test]
    fn regex_check_becomes_username_rule() {
        let site = site(with(json!({ "regexCheck": "^[a-z]{3,8}$" })));
        let rule = site.username_rule.as_ref().unwrap();
        assert_eq!(rule.as_str(), "^[a-z]{3,8}$");
        assert_eq!(site.prepare("alice").as_deref(), Some("alice"));
        assert_eq!(site.prepare("a"), None);
    }

    #[test]
    fn look_around_and_python_quantifiers_still_filter_usernames() {
        // GitHub's pattern in Sherlock's list: look-ahead.
        let github = "^[a-zA-Z0-9](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9])){0,38}$";
        let site1 = site(with(json!({ "regexCheck": github })));
        assert_eq!(site1.prepare("jane-smith").as_deref(), Some("jane-smith"));
        assert_eq!(site1.prepare("jane-"), None);
        let site2 = site(with(json!({ "regexCheck": "^[\\w-]{,5}$" })));
        assert_eq!(site2.prepare("janes").as_deref(), Some("janes"));
        assert_eq!(site2.prepare("janesmith"), None);
        // A pattern neither engine reads costs the filter, with a note, not the site.
        let imported = import(with(json!({ "regexCheck": "^(?P<a>x)(?P=b)$" })));
        assert_eq!(imported.sites.len(), 2);
        assert!(imported.sites[1].username_rule.is_none());
        assert!(
            imported.warnings[0].contains("every username is sent"),
            "{:?}",
            imported.warnings
        );
    }

    #[test]
    fn only_response_url_is_read_on_the_first_answer() {
        assert!(site(base()).follow_redirects);
        let site1 = site(with(json!({
            "errorType": "response_url",
            "errorUrl": "https://www.example.test/signup",
        })));
        assert!(!site1.follow_redirects);
        assert_eq!(site1.known, ["alice"]);
    }

    #[test]
    fn methods_and_unknown_method() {
        for (given, method) in [
            ("GET", HttpMethod::Get),
            ("post", HttpMethod::Post),
            ("HEAD", HttpMethod::Head),
            ("PUT", HttpMethod::Put),
        ] {
            let site = site(with(json!({ "request_method": given })));
            assert_eq!(site.request.method, method, "{given}");
        }
        let warning = skipped(with(json!({ "request_method": "PATCH" })));
        assert!(
            warning.contains("unsupported request_method \"PATCH\""),
            "{warning}"
        );
        let warning = skipped(with(json!({
            "request_method": "HEAD",
            "errorType": "message",
            "errorMsg": "x",
        })));
        assert!(warning.contains("no body to read"), "{warning}");
    }

    #[test]
    fn url_probe_is_requested_and_url_shown() {
        let site = site(with(
            json!({ "urlProbe": "https://api.example.test/v1/{}?fields=id" }),
        ));
        assert_eq!(
            site.request.url,
            "https://api.example.test/v1/{username}?fields=id"
        );
        assert_eq!(site.profile_url, "https://www.example.test/user/{username}");
    }

    #[test]
    fn payload_is_json_with_username_in_strings_only() {
        let graphql = site(with(json!({
            "urlProbe": "https://api.example.test/graphql",
            "request_method": "POST",
            "request_payload": {"query": "user({})", "vars": {}, "list": ["{}", 1]},
            "headers": {"X-Name": "{}"},
        })));
        assert_eq!(graphql.request.method, HttpMethod::Post);
        let body: Value = serde_json::from_str(graphql.request.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"query": "user({username})", "vars": {}, "list": ["{username}", 1]})
        );
        assert_eq!(graphql.request.headers["Content-Type"], "application/json");
        assert_eq!(graphql.request.headers["X-Name"], "{username}");

        let custom = site(with(json!({
            "request_method": "POST",
            "request_payload": {"q": "{}"},
            "headers": {"content-type": "application/vnd.test+json"},
        })));
        assert_eq!(
            custom.request.headers.len(),
            1,
            "{:?}",
            custom.request.headers
        );
        let warning = skipped(with(
            json!({ "request_method": "HEAD", "request_payload": {} }),
        ));
        assert!(
            warning.contains("request_payload with request_method HEAD"),
            "{warning}"
        );
    }

    #[test]
    fn username_must_reach_the_request_and_the_profile_url() {
        let warning = skipped(with(json!({ "urlProbe": "https://api.example.test/all" })));
        assert!(
            warning.contains("no {} in url, urlProbe or request_payload"),
            "{warning}"
        );
        let warning = skipped(with(json!({
            "url": "https://www.example.test/search",
            "urlProbe": "https://api.example.test/{}",
        })));
        assert!(warning.contains("url has no {}"), "{warning}");
    }

    #[test]
    fn bad_urls_and_headers_are_skipped() {
        let warning = skipped(with(json!({ "url": "mailto:{}@example.test" })));
        assert!(warning.contains("not an http(s) URL"), "{warning}");
        let warning = skipped(with(json!({ "headers": {"X-On": true} })));
        assert!(
            warning.contains("header \"X-On\" has a non-string value"),
            "{warning}"
        );
    }

    #[test]
    fn wrong_types_and_missing_fields_are_hard_errors() {
        let message = hard_error(with(json!({ "errorCode": "404" })));
        assert!(message.contains("field `errorCode`: invalid type: string \"404\""));
        let message = hard_error(with(json!({ "errorCode": [404, "x"] })));
        assert!(message.contains("field `errorCode`"), "{message}");
        let message = hard_error(with(json!({ "errorType": 3 })));
        assert!(message.contains("field `errorType`"), "{message}");
        let message = hard_error(with(json!({ "isNSFW": "yes" })));
        assert!(message.contains("field `isNSFW`"), "{message}");
        for field in ["url", "urlMain", "errorType"] {
            let message = hard_error(with(json!({ field: null })));
            assert!(
                message.contains(&format!("missing field `{field}`")),
                "{message}"
            );
        }
    }

    #[test]
    fn repeated_key_keeps_the_first_entry() {
        let text = r#"{
            "Twin": {"url": "https://one.example.test/{}", "urlMain": "https://one.example.test/",
                     "errorType": "status_code"},
            "Twin": {"url": "https://two.example.test/{}", "urlMain": "https://two.example.test/",
                     "errorType": "status_code"}
        }"#;
        let imported = parse_site_list("sherlock.json", text, &ImportOptions::default()).unwrap();
        assert_eq!(imported.sites.len(), 1);
        assert!(imported.sites[0].request.url.contains("one.example"));
        assert_eq!(imported.skipped[0].name, "Twin");
        assert!(imported.skipped[0].reason.starts_with("duplicate name"));
    }
}

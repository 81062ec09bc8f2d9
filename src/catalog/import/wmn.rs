//! WhatsMyName (`wmn-data.json`) entries as findable sites. WhatsMyName gives both an
//! "exists" and a "missing" marker (status and body text), which map one-to-one onto
//! findable's `exists` and `absent` rules; anything matching neither stays unknown.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{Converted, ImportError, entry_error, header_problem, web_url_problem};
use crate::catalog::check::Rule;
use crate::catalog::site::{Detection, HttpMethod, RequestTemplate, Site};

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
    #[serde(rename = "known")]
    _known: Vec<String>,
    #[serde(rename = "cat")]
    _cat: String,
    post_body: Option<String>,
    /// Kept loose so a non-string value is a skipped entry, not a failed list.
    headers: Option<Map<String, Value>>,
    strip_bad_char: Option<String>,
    valid: Option<bool>,
}

/// Converts every entry of the `sites` array of a document already detected as WhatsMyName.
pub(super) fn convert(label: &str, doc: &Value) -> Result<Vec<Converted>, ImportError> {
    let entries = doc
        .get("sites")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut converted = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let name = entry.get("name").and_then(Value::as_str);
        let site: WmnSite = serde_path_to_error::deserialize(entry)
            .map_err(|e| entry_error(label, i + 1, name, e))?;
        converted.push(to_site(site));
    }
    Ok(converted)
}

fn account(text: &str) -> String {
    text.replace("{account}", "{username}")
}

fn to_site(raw: WmnSite) -> Converted {
    if raw.valid == Some(false) {
        return Converted::Disabled;
    }
    match build(&raw) {
        Ok(site) => Converted::Site(Box::new(site)),
        Err(why) => Converted::Skipped {
            name: raw.name,
            why,
        },
    }
}

fn build(raw: &WmnSite) -> Result<Site, String> {
    if raw.name.trim().is_empty() {
        return Err("empty name".into());
    }
    let url = account(&raw.uri_check);
    let profile_url = raw
        .uri_pretty
        .as_deref()
        .map_or_else(|| url.clone(), account);
    let body = raw.post_body.as_deref().map(account);
    if let Some(problem) = web_url_problem("uri_check", &raw.uri_check) {
        return Err(problem);
    }
    if let Some(problem) = raw
        .uri_pretty
        .as_deref()
        .and_then(|pretty| web_url_problem("uri_pretty", pretty))
    {
        return Err(problem);
    }
    // A POST entry may carry the username only in its body; that still varies per username.
    let in_request =
        url.contains("{username}") || body.as_deref().is_some_and(|b| b.contains("{username}"));
    if !in_request {
        return Err("uri_check has no {account}: every username would get the same answer".into());
    }
    if !profile_url.contains("{username}") {
        return Err("no {account} in uri_pretty or uri_check: no profile URL to show".into());
    }
    // An empty marker is contained in every body, so the rule would match any page at all,
    // including a login wall or an error page.
    if raw.e_string.trim().is_empty() || raw.m_string.trim().is_empty() {
        return Err("empty e_string/m_string: no reliable marker".into());
    }
    if raw.e_code == raw.m_code && raw.e_string == raw.m_string {
        return Err("the exists and missing markers are identical".into());
    }
    let mut headers = BTreeMap::new();
    for (name, value) in raw.headers.iter().flatten() {
        if let Some(problem) = header_problem(name, value) {
            return Err(problem);
        }
        if let Value::String(value) = value {
            headers.insert(name.clone(), account(value));
        }
    }
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
            headers,
            body,
        },
        username_rule: None,
        strip_chars: raw.strip_bad_char.clone().unwrap_or_default(),
        detection: Detection {
            exists: Some(Rule {
                status: vec![raw.e_code],
                body: vec![account(&raw.e_string)],
                redirect: None,
            }),
            absent: Some(Rule {
                status: vec![raw.m_code],
                body: vec![account(&raw.m_string)],
                redirect: None,
            }),
            blocked: None,
        },
        min_interval_ms: None,
        manual_reason: None,
        absent_note: None,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::{Imported, parse_site_list};
    use super::*;

    fn base() -> Value {
        json!({
            "name": "Testsite",
            "uri_check": "https://profiles.example.test/{account}",
            "e_code": 200,
            "e_string": "<div class=\"profile\">",
            "m_code": 404,
            "m_string": "User not found",
            "known": ["alice"],
            "cat": "social"
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

    /// Imports `entry` after a known-good site, so a skipped entry leaves a usable list.
    fn import(entry: Value) -> Imported {
        let mut filler = base();
        filler["name"] = json!("Filler");
        let doc = json!({ "license": [], "sites": [filler, entry] });
        parse_site_list("wmn.json", &doc.to_string()).unwrap()
    }

    fn site(entry: Value) -> Site {
        let imported = import(entry);
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        imported.sites.into_iter().nth(1).unwrap()
    }

    fn skipped(entry: Value) -> String {
        let mut imported = import(entry);
        assert_eq!(imported.sites.len(), 1, "the entry was not skipped");
        assert_eq!(imported.warnings.len(), 1);
        let warning = imported.warnings.remove(0);
        assert!(
            warning.starts_with("wmn.json: site \"Testsite\": "),
            "{warning}"
        );
        assert!(warning.ends_with("; skipped"), "{warning}");
        warning
    }

    fn hard_error(entry: Value) -> String {
        let doc = json!({ "sites": [base(), entry] });
        let message = parse_site_list("wmn.json", &doc.to_string())
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("wmn.json: site #2 (\"Testsite\"): "),
            "{message}"
        );
        message
    }

    #[test]
    fn plain_entry_becomes_two_sided_rules() {
        let site = site(base());
        assert_eq!(site.name, "Testsite");
        assert_eq!(site.request.url, "https://profiles.example.test/{username}");
        assert_eq!(site.profile_url, site.request.url);
        assert_eq!(site.request.method, HttpMethod::Get);
        assert!(site.request.body.is_none());
        assert!(site.request.headers.is_empty());
        assert!(site.username_rule.is_none());
        assert!(site.strip_chars.is_empty());
        assert_eq!(
            site.detection,
            Detection {
                exists: Some(Rule {
                    status: vec![200],
                    body: vec!["<div class=\"profile\">".into()],
                    redirect: None,
                }),
                absent: Some(Rule {
                    status: vec![404],
                    body: vec!["User not found".into()],
                    redirect: None,
                }),
                blocked: None,
            }
        );
    }

    #[test]
    fn uri_pretty_is_the_profile_url_and_account_becomes_username_everywhere() {
        let site = site(with(json!({
            "uri_check": "https://api.example.test/users/{account}.json",
            "uri_pretty": "https://www.example.test/@{account}",
            "e_string": "\"login\":\"{account}\"",
            "m_string": "no user {account}",
        })));
        assert_eq!(
            site.request.url,
            "https://api.example.test/users/{username}.json"
        );
        assert_eq!(site.profile_url, "https://www.example.test/@{username}");
        let detection = site.detection;
        assert_eq!(detection.exists.unwrap().body, ["\"login\":\"{username}\""]);
        assert_eq!(detection.absent.unwrap().body, ["no user {username}"]);
    }

    #[test]
    fn post_body_sends_post_with_headers() {
        let site = site(with(json!({
            "uri_check": "https://api.example.test/lookup",
            "uri_pretty": "https://www.example.test/u/{account}",
            "post_body": "{\"name\":\"{account}\"}",
            "headers": {"Content-Type": "application/json", "X-User": "{account}"},
        })));
        assert_eq!(site.request.method, HttpMethod::Post);
        assert_eq!(site.request.url, "https://api.example.test/lookup");
        assert_eq!(
            site.request.body.as_deref(),
            Some("{\"name\":\"{username}\"}")
        );
        assert_eq!(site.request.headers["Content-Type"], "application/json");
        assert_eq!(site.request.headers["X-User"], "{username}");
    }

    #[test]
    fn headers_without_post_are_kept_on_get() {
        let site = site(with(json!({ "headers": {"Accept": "text/html"} })));
        assert_eq!(site.request.method, HttpMethod::Get);
        assert_eq!(site.request.headers["Accept"], "text/html");
    }

    #[test]
    fn strip_bad_char_becomes_strip_chars() {
        let site = site(with(json!({ "strip_bad_char": "._" })));
        assert_eq!(site.strip_chars, "._");
        assert_eq!(site.prepare("a.b_c").as_deref(), Some("abc"));
    }

    #[test]
    fn valid_false_is_counted_not_warned() {
        let imported = import(with(json!({ "valid": false })));
        assert_eq!(imported.sites.len(), 1);
        assert_eq!(imported.disabled, 1);
        assert!(imported.warnings.is_empty());
        assert_eq!(import(with(json!({ "valid": true }))).sites.len(), 2);
    }

    #[test]
    fn unused_optional_fields_are_accepted() {
        site(with(
            json!({ "protection": ["cloudflare", "captcha"], "extra": 1 }),
        ));
    }

    #[test]
    fn uri_check_without_account_is_skipped() {
        let warning = skipped(with(
            json!({ "uri_check": "https://www.example.test/search" }),
        ));
        assert!(warning.contains("uri_check has no {account}"), "{warning}");
    }

    #[test]
    fn profile_url_without_account_is_skipped() {
        let warning = skipped(with(json!({
            "uri_check": "https://api.example.test/lookup",
            "post_body": "name={account}",
        })));
        assert!(
            warning.contains("no {account} in uri_pretty or uri_check"),
            "{warning}"
        );
    }

    #[test]
    fn non_http_url_is_skipped() {
        let warning = skipped(with(
            json!({ "uri_check": "ftp://files.example.test/{account}" }),
        ));
        assert!(warning.contains("uri_check \"ftp://files.example.test/{account}\""));
        assert!(warning.contains("not an http(s) URL"), "{warning}");
        let warning = skipped(with(json!({ "uri_pretty": "not a url {account}" })));
        assert!(warning.contains("uri_pretty") && warning.contains("not a valid URL"));
    }

    #[test]
    fn non_string_header_is_skipped() {
        let warning = skipped(with(json!({ "headers": {"X-Count": 3} })));
        assert!(
            warning.contains("header \"X-Count\" has a non-string value"),
            "{warning}"
        );
        let warning = skipped(with(json!({ "headers": {"Bad Name": "x"} })));
        assert!(
            warning.contains("not a valid HTTP header name"),
            "{warning}"
        );
        let warning = skipped(with(json!({ "headers": {"X-A": "a\r\nX-B: b"} })));
        assert!(warning.contains("line break"), "{warning}");
    }

    #[test]
    fn empty_markers_are_skipped() {
        for field in ["e_string", "m_string"] {
            let warning = skipped(with(json!({ field: "  " })));
            assert!(
                warning.contains("empty e_string/m_string: no reliable marker"),
                "{warning}"
            );
        }
    }

    #[test]
    fn identical_markers_are_skipped() {
        let warning = skipped(with(
            json!({ "m_code": 200, "m_string": "<div class=\"profile\">" }),
        ));
        assert!(warning.contains("identical"), "{warning}");
    }

    #[test]
    fn empty_name_is_skipped() {
        let imported = import(with(json!({ "name": "" })));
        assert_eq!(
            imported.warnings,
            ["wmn.json: site \"\": empty name; skipped"]
        );
    }

    #[test]
    fn wrong_types_and_missing_fields_are_hard_errors() {
        let message = hard_error(with(json!({ "e_code": "200" })));
        assert!(
            message.contains("field `e_code`: invalid type: string \"200\""),
            "{message}"
        );
        let message = hard_error(with(json!({ "m_code": 70000 })));
        assert!(message.contains("field `m_code`"), "{message}");
        let message = hard_error(with(json!({ "headers": "Accept: */*" })));
        assert!(message.contains("field `headers`"), "{message}");
        let message = hard_error(with(json!({ "known": ["a", 2] })));
        assert!(message.contains("field `known[1]`"), "{message}");
        for field in [
            "uri_check",
            "e_code",
            "e_string",
            "m_code",
            "m_string",
            "known",
            "cat",
        ] {
            let message = hard_error(with(json!({ field: null })));
            assert!(
                message.contains(&format!("missing field `{field}`")),
                "{message}"
            );
        }
    }

    #[test]
    fn unreadable_name_is_left_out_of_the_error() {
        let doc = json!({ "sites": [base(), with(json!({ "name": 7 }))] });
        let message = parse_site_list("wmn.json", &doc.to_string())
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("wmn.json: site #2: field `name`"),
            "{message}"
        );
    }
}

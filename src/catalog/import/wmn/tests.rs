//! The wmn format against small lists written here.

use serde_json::json;

use super::super::{ImportOptions, Imported, parse_site_list};
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
    parse_site_list("wmn.json", &doc.to_string(), &ImportOptions::default()).unwrap()
}

fn site_named(entry: Value) -> Site {
    import(entry).sites.into_iter().nth(1).unwrap()
}

fn site(entry: Value) -> Site {
    let imported = import(entry);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    imported.sites.into_iter().nth(1).unwrap()
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
    let doc = json!({ "sites": [base(), entry] });
    let message = parse_site_list("wmn.json", &doc.to_string(), &ImportOptions::default())
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
    assert!(imported.skipped.is_empty());
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
        warning.contains("no profile page a person could open"),
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
fn an_empty_marker_is_a_status_only_rule_unless_the_statuses_match() {
    let site = site(with(json!({ "m_string": "" })));
    let absent = site.detection.absent.unwrap();
    assert_eq!(
        (absent.status, absent.body),
        (vec![404], Vec::<String>::new())
    );
    let site1 = site_named(with(json!({ "e_string": " ", "e_code": 302 })));
    assert!(site1.detection.exists.unwrap().body.is_empty());
    for field in ["e_string", "m_string"] {
        let reason = skipped(with(json!({ field: "  ", "m_code": 200 })));
        assert!(reason.contains("cannot be told apart"), "{reason}");
    }
}

#[test]
fn every_entry_is_read_on_the_first_answer() {
    assert!(!site(base()).follow_redirects);
    assert_eq!(site(base()).known, ["alice"]);
}

#[test]
fn a_lists_user_agent_and_cookie_are_left_out_with_a_note() {
    let imported = import(with(json!({
        "headers": {"User-Agent": "Mozilla/5.0", "Cookie": "a=b", "Accept": "text/html"}
    })));
    let site = &imported.sites[1];
    assert_eq!(site.request.headers.len(), 1, "{:?}", site.request.headers);
    assert_eq!(site.request.headers["Accept"], "text/html");
    assert_eq!(imported.warnings.len(), 2, "{:?}", imported.warnings);
    assert!(imported.warnings[0].starts_with("site \"Testsite\": header"));
}

#[test]
fn adult_archive_and_api_only_entries_are_skipped_with_why() {
    let reason = skipped(with(json!({ "cat": "xx NSFW xx" })));
    assert!(reason.contains("--include-adult"), "{reason}");
    let mut filler = base();
    filler["name"] = json!("Filler");
    let doc = json!({ "sites": [filler, with(json!({ "cat": "xx NSFW xx" }))] });
    let options = ImportOptions {
        include_adult: true,
    };
    let imported = parse_site_list("wmn.json", &doc.to_string(), &options).unwrap();
    assert_eq!(imported.sites.len(), 2);
    let reason = skipped(with(json!({ "cat": "archived" })));
    assert!(reason.contains("archive lookup"), "{reason}");
    let reason = skipped(with(json!({
        "uri_check": "https://api.example.test/users/{account}"
    })));
    assert!(reason.contains("no profile page"), "{reason}");
    let reason = skipped(with(json!({
        "uri_check": "https://cavalier.hudsonrock.com/search?username={account}"
    })));
    assert!(reason.contains("stealer logs"), "{reason}");
}

#[test]
fn userinfo_urls_are_refused_and_lookalikes_warned_about() {
    let reason = skipped(with(
        json!({ "uri_check": "https://www.instagram.com@127.0.0.1/{account}" }),
    ));
    assert!(reason.contains("user name or password"), "{reason}");
    let imported = import(with(
        json!({ "uri_check": "https://www.іnstagram.com/{account}" }),
    ));
    assert_eq!(imported.sites.len(), 2);
    assert!(
        imported.warnings[0].contains("look like www.instagram.com"),
        "{:?}",
        imported.warnings
    );
    let imported = import(with(
        json!({ "uri_check": "http://169.254.169.254/{account}" }),
    ));
    assert!(
        imported.warnings[0].contains("link-local"),
        "{:?}",
        imported.warnings
    );
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
    assert_eq!(imported.skipped[0].name, "");
    assert_eq!(imported.skipped[0].reason, "empty name");
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
    let message = parse_site_list("wmn.json", &doc.to_string(), &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("wmn.json: site #2: field `name`"),
        "{message}"
    );
}

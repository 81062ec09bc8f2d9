//! The sherlock format against small lists written here.

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

/// Found by fuzzing (import_sherlock): another format's placeholder in a Sherlock URL was
/// accepted and would have been requested as it is.
#[test]
fn a_placeholder_of_another_format_is_refused() {
    for url in [
        "https://codes.exampl{account}e.test/user/{}",
        "https://codes.example.test/{account}/{}",
        "https://codes.example.test/{username}",
    ] {
        let why = skipped(with(json!({ "url": url })));
        assert!(why.contains("placeholder other than {}"), "{url}: {why}");
    }
}

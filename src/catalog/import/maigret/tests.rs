//! The maigret format against small lists written here.

use serde_json::json;

use super::super::{ImportOptions, Imported, parse_site_list};
use super::*;

fn import(sites: Value) -> Imported {
    let doc = json!({
        "sites": sites,
        "engines": {
            "Board": {"name": "Board", "site": {
                "checkType": "message",
                "absenceStrs": ["No such member"],
                "presenseStrs": ["member-card"],
                "url": "{urlMain}{urlSubpath}/members/{username}",
                "errors": {"Too many requests": "rate limited"}
            }}
        },
        "tags": ["forum"]
    });
    parse_site_list("maigret.json", &doc.to_string(), &ImportOptions::default()).unwrap()
}

fn only(imported: &Imported) -> &Site {
    assert_eq!(imported.sites.len(), 1, "{:?}", imported.skipped);
    &imported.sites[0]
}

#[test]
fn an_engine_site_takes_the_engine_url_rules_and_errors() {
    let imported = import(json!({
        "Forumplace": {"engine": "Board", "urlMain": "https://forum.example.test",
                       "urlSubpath": "/community/", "usernameClaimed": "alice",
                       "usernameUnclaimed": "noonehere", "tags": ["forum"]}
    }));
    let site = only(&imported);
    assert_eq!(
        site.request.url,
        "https://forum.example.test/community/members/{username}"
    );
    assert_eq!(site.profile_url, site.request.url);
    assert_eq!(
        site.detection.exists.as_ref().unwrap().body,
        ["member-card"]
    );
    assert_eq!(
        site.detection.absent.as_ref().unwrap().body,
        ["No such member"]
    );
    assert_eq!(
        site.detection.blocked.as_ref().unwrap().body,
        ["Too many requests"]
    );
    assert!(site.follow_redirects);
    assert_eq!(site.known, ["alice"]);
    assert_eq!(site.known_absent, ["noonehere"]);
}

#[test]
fn check_types_become_two_sided_rules() {
    let imported = import(json!({
        "Codes": {"url": "https://codes.example.test/{username}", "checkType": "status_code"},
        "Moves": {"url": "https://moves.example.test/u/{username}", "checkType": "response_url",
                  "presenseStrs": ["profile"]},
        "Oneway": {"url": "https://oneway.example.test/{username}", "checkType": "message",
                   "presenseStrs": ["profile"]},
        "Off": {"url": "https://off.example.test/{username}", "checkType": "status_code",
                "disabled": true},
        "Adult": {"url": "https://adult.example.test/{username}", "checkType": "status_code",
                  "tags": ["porn"]},
        "Gaia": {"url": "https://ids.example.test/{username}", "checkType": "status_code",
                 "type": "gaia_id"},
        "Tls": {"url": "https://tls.example.test/{username}", "checkType": "status_code",
                "protection": ["tls_fingerprint"]}
    }));
    assert_eq!(imported.entries, 7);
    assert_eq!(imported.disabled, 1);
    let codes = &imported.sites[0];
    assert_eq!(codes.detection.absent.as_ref().unwrap().status, [404, 410]);
    let moves = &imported.sites[1];
    assert!(!moves.follow_redirects);
    assert_eq!(moves.detection.exists.as_ref().unwrap().status, [200]);
    assert_eq!(moves.detection.exists.as_ref().unwrap().body, ["profile"]);
    let reasons: Vec<(&str, &str)> = imported
        .skipped
        .iter()
        .map(|s| (s.name.as_str(), s.reason.as_str()))
        .collect();
    // json! sorts the sites by name.
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(reasons[0].1.starts_with("adult site"), "{reasons:?}");
    assert!(reasons[1].1.contains("gaia_id"), "{reasons:?}");
    assert!(reasons[2].1.contains("without absenceStrs"), "{reasons:?}");
    assert!(reasons[3].1.contains("TLS fingerprint"), "{reasons:?}");
}

#[test]
fn python_format_braces_and_slashes() {
    assert_eq!(
        format_url(
            "{urlMain}{urlSubpath}/u/{username}",
            "https://a.test/",
            "/x"
        )
        .unwrap(),
        "https://a.test//x/u/{username}"
    );
    assert_eq!(
        collapse_slashes("https://a.test//x/u/{username}"),
        "https://a.test/x/u/{username}"
    );
    assert_eq!(
        format_url("https://a.test/#{{\"author\":\"{username}\"}}", "", "").unwrap(),
        "https://a.test/#{\"author\":\"{username}\"}"
    );
    assert!(format_url("https://a.test/{nope}", "", "").is_err());
}

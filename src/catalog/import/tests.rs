//! The shared reading of every list format: detection, errors, skips and summaries.

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/sites")
        .join(name)
}

fn names(imported: &Imported) -> Vec<&str> {
    imported.sites.iter().map(|s| s.name.as_str()).collect()
}

fn error(label: &str, text: &str) -> String {
    let message = parse_site_list(label, text, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(!message.contains('\n'), "not one line: {message}");
    message
}

#[test]
fn whatsmyname_fixture_loads_with_its_skips() {
    let path = fixture("wmn-small.json");
    let imported = load_site_list(&path, &ImportOptions::default()).unwrap();
    assert_eq!(imported.format, ListFormat::WhatsMyName);
    assert_eq!(
        names(&imported),
        ["Plainbook", "Prettyhub", "Postpals", "Dotless"]
    );
    assert_eq!(imported.disabled, 1, "Retired is valid:false");
    assert_eq!(imported.skipped.len(), 1, "{:?}", imported.skipped);
    assert_eq!(imported.entries, 6);
    let skip = &imported.skipped[0];
    assert_eq!(skip.name, "Burrow");
    assert!(skip.reason.contains("not an http(s) URL"), "{skip:?}");
    assert_eq!(
        imported.summary().headline(),
        format!(
            "4 of 6 sites imported from {} (WhatsMyName): 1 disabled by the list, 1 skipped",
            path.display()
        )
    );
}

#[test]
fn sherlock_fixture_loads_in_file_order_without_schema() {
    let imported =
        load_site_list(&fixture("sherlock-small.json"), &ImportOptions::default()).unwrap();
    assert_eq!(imported.format, ListFormat::Sherlock);
    assert_eq!(
        names(&imported),
        [
            "Statusville",
            "Codeberg Test",
            "Messageboard",
            "Redirector",
            "Mixedfeed",
            "Postgram",
            "Lookahead"
        ]
    );
    assert_eq!(imported.disabled, 0);
    assert_eq!(imported.skipped.len(), 1, "{:?}", imported.skipped);
    assert_eq!(imported.skipped[0].name, "Adultsite");
    assert!(imported.skipped[0].reason.starts_with("adult site"));
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn imported_sites_serialise_with_username_placeholders_only() {
    for file in ["wmn-small.json", "sherlock-small.json"] {
        let imported = load_site_list(&fixture(file), &ImportOptions::default()).unwrap();
        let json = serde_json::to_string(&imported.sites).unwrap();
        assert!(!json.contains("{account}"), "{file}: {json}");
        for site in &imported.sites {
            assert!(site.profile_url.contains("{username}"), "{}", site.name);
            assert!(!site.profile_url.contains("{}"), "{}", site.name);
            assert!(!site.request.url.contains("{}"), "{}", site.name);
        }
        // What is written can be read back, so a converted list can be saved and reused.
        let back: Vec<Site> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.len(), imported.sites.len());
        assert_eq!(back[0].detection, imported.sites[0].detection);
        serde_json::to_value(&imported).unwrap();
    }
}

#[test]
fn wrong_type_names_entry_and_field() {
    let path = fixture("wmn-bad-field.json");
    let message = load_site_list(&path, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        format!(
            "{}: site #2 (\"Brokenplace\"): field `e_code`: invalid type: string \"200\", \
             expected u16",
            path.display()
        )
    );
}

#[test]
fn missing_field_names_entry_and_field() {
    let message = error(
        "list.json",
        r#"{"sites": [{"name": "Nocode", "uri_check": "https://a.example.test/{account}",
            "e_string": "x", "m_code": 404, "m_string": "y", "known": [], "cat": "x"}]}"#,
    );
    assert_eq!(
        message,
        "list.json: site #1 (\"Nocode\"): missing field `e_code`"
    );
}

#[test]
fn entry_that_is_not_an_object_is_an_error() {
    let message = error(
        "list.json",
        r#"{"sites": [{"uri_check": "https://a.example.test/{account}"}, 5]}"#,
    );
    assert!(
        message.starts_with("list.json: site #1: missing field `name`"),
        "{message}"
    );
    let message = error(
        "list.json",
        r#"{"a": {"url": "https://a.example.test/{}", "errorType": "status_code",
            "urlMain": "https://a.example.test/"}, "b": "oops"}"#,
    );
    assert_eq!(
        message,
        "list.json: site #2 (\"b\"): invalid type: string \"oops\", expected a site object"
    );
}

#[test]
fn not_a_site_list_says_what_was_expected() {
    let message = load_site_list(&fixture("not-a-list.json"), &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(message.contains("not-a-list.json: not a WhatsMyName, Sherlock or Maigret site list"));
    assert!(
        message.contains("expected an object with a \"sites\" array"),
        "{message}"
    );
    assert!(message.contains("\"url\" and \"errorType\""), "{message}");
    assert!(
        message.contains("found an object with keys \"title\", \"items\", \"owner\""),
        "{message}"
    );
    assert!(!message.contains('\n'));

    for (text, found) in [
        ("[]", "found a JSON array"),
        ("\"x\"", "found a JSON string"),
        ("{}", "found an empty object"),
        (r#"{"sites": [{"name": "a"}]}"#, "no \"uri_check\""),
    ] {
        let message = error("l.json", text);
        assert!(
            message.starts_with("l.json: not a WhatsMyName, Sherlock or Maigret"),
            "{message}"
        );
        assert!(message.ends_with(found), "{message}");
    }
}

#[test]
fn not_json_gives_line_and_column_once() {
    let message = error("list.json", "{\n  \"sites\": [,]\n}");
    assert!(
        message.starts_with("list.json:2:13: not JSON: "),
        "{message}"
    );
    assert!(!message.contains(" at line "), "{message}");
    let message = error("empty.json", "");
    assert!(
        message.starts_with("empty.json:1:0: not JSON: "),
        "{message}"
    );
}

#[test]
fn unreadable_file_names_the_path() {
    let path = fixture("no-such-file.json");
    let message = load_site_list(&path, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(message.starts_with(&format!("{}: cannot read: ", path.display())));
    assert!(!message.contains('\n'));
}

#[test]
fn list_with_nothing_usable_is_an_error() {
    let message = error(
        "list.json",
        r#"{"sites": [
          {"name": "Off", "uri_check": "https://a.example.test/{account}", "e_code": 200,
           "e_string": "a", "m_code": 404, "m_string": "b", "known": [], "cat": "x",
           "valid": false},
          {"name": "Ftp", "uri_check": "ftp://a.example.test/{account}", "e_code": 200,
           "e_string": "a", "m_code": 404, "m_string": "b", "known": [], "cat": "x"}
        ]}"#,
    );
    assert_eq!(
        message,
        "list.json: no usable sites in this WhatsMyName list (2 entries: 1 disabled by the \
         list, 1 skipped as unsupported)"
    );
    let message = error("list.json", r#"{"sites": []}"#);
    assert!(message.contains("no usable sites"), "{message}");
}

#[test]
fn duplicate_names_keep_the_first() {
    let entry = |host: &str| {
        format!(
            r#"{{"name": "Twin", "uri_check": "https://{host}.example.test/{{account}}",
                "e_code": 200, "e_string": "a", "m_code": 404, "m_string": "b",
                "known": [], "cat": "x"}}"#
        )
    };
    let text = format!(r#"{{"sites": [{}, {}]}}"#, entry("first"), entry("second"));
    let imported = parse_site_list("list.json", &text, &ImportOptions::default()).unwrap();
    assert_eq!(imported.sites.len(), 1);
    assert!(imported.sites[0].request.url.contains("first"));
    assert_eq!(imported.skipped[0].name, "Twin");
    assert_eq!(
        imported.skipped[0].reason,
        "duplicate name, the first one is kept"
    );
}

#[test]
fn byte_order_mark_is_ignored() {
    let text = std::fs::read_to_string(fixture("wmn-small.json")).unwrap();
    let imported = parse_site_list(
        "bom.json",
        &format!("\u{feff}{text}"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(imported.format, ListFormat::WhatsMyName);
}

#[test]
fn a_file_over_the_cap_is_refused_without_reading_it_all() {
    // /dev/zero has no end; reading stops at the cap.
    if Path::new("/dev/zero").exists() {
        let message = load_site_list(Path::new("/dev/zero"), &ImportOptions::default())
            .unwrap_err()
            .to_string();
        assert!(message.starts_with("/dev/zero:"), "{message}");
    }
    let big = tempfile::NamedTempFile::new().unwrap();
    big.as_file().set_len(MAX_LIST_BYTES + 1).unwrap();
    let message = load_site_list(big.path(), &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(message.contains("larger than 64 MB"), "{message}");
}

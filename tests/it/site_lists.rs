//! Imported site lists against fake sites that behave like the real entries: each entry
//! read the way its list's own checker reads it (first answer, status-only markers, the
//! site's own 503), never the unsafe way (a page with both markers), with findable's own
//! User-Agent, findable's own checks winning, and every skipped entry listed.

use serde_json::{Value, json};

use crate::support::fake_platforms::{
    Behaviour, FakePlatforms, MISSING_MARKER, PROFILE_MARKER, PlatformSpec, users,
};
use crate::support::findable;

/// Runs findable off the async runtime (the fake servers keep serving meanwhile).
async fn output(mut cmd: assert_cmd::Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("runs"))
        .await
        .expect("join")
}

fn entry(name: &str, url: &str, e: (u16, &str), m: (u16, &str)) -> Value {
    json!({
        "name": name,
        "uri_check": url.replace("{username}", "{account}"),
        "e_code": e.0, "e_string": e.1, "m_code": m.0, "m_string": m.1,
        "known": ["alice"], "cat": "social"
    })
}

/// `findable probe` of alice and nobody on a WhatsMyName list of `sites`; the JSON and
/// stderr.
async fn probe(sites: Vec<Value>, extra: &[&str]) -> (Value, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("wmn-data.json");
    let list = json!({ "license": [], "authors": [], "categories": [], "sites": sites });
    std::fs::write(&path, list.to_string()).expect("write list");
    let mut cmd = findable();
    cmd.args(["probe", "--username", "alice", "--username", "nobody"])
        .args(["--format", "json", "--timeout", "5"])
        .args(extra)
        .arg("--sites")
        .arg(&path);
    let out = output(cmd).await;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).expect("JSON"), stderr)
}

fn status(json: &Value, platform: &str, user: &str) -> (String, String) {
    let probe = json["probes"]
        .as_array()
        .expect("probes")
        .iter()
        .find(|p| p["platform"] == platform && p["username"] == user)
        .unwrap_or_else(|| panic!("no {platform}/{user} in {json:#}"));
    let s = |k: &str| probe[k].as_str().unwrap_or("-").to_string();
    (s("status"), s("reason"))
}

fn pair(status: &str, reason: &str) -> (String, String) {
    (status.to_string(), reason.to_string())
}

fn alice() -> Vec<String> {
    users(&["alice"])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whatsmyname_codes_are_read_on_the_first_answer() {
    let fake = FakePlatforms::start(vec![
        PlatformSpec::new("kofi", Behaviour::MovedIfMissing { existing: alice() }),
        PlatformSpec::new("strava", Behaviour::MovedIfFound { existing: alice() }),
    ])
    .await
    .expect("fake platforms");
    let sites = vec![
        entry(
            "Kofi",
            &fake.profile_url(0),
            (200, PROFILE_MARKER),
            (301, "Object moved"),
        ),
        entry(
            "Strava",
            &fake.profile_url(1),
            (301, "You are being redirected"),
            (404, MISSING_MARKER),
        ),
    ];
    let (json, _) = probe(sites, &[]).await;
    for site in ["Kofi", "Strava"] {
        assert_eq!(status(&json, site, "alice"), pair("found", "-"), "{site}");
        assert_eq!(status(&json, site, "nobody"), pair("absent", "-"), "{site}");
    }
    // The redirect was read, not followed.
    assert!(
        !fake
            .stats(1)
            .targets
            .iter()
            .any(|t| t.contains("/athletes/"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_with_both_markers_is_unknown_and_an_empty_m_string_is_the_status_alone() {
    let fake = FakePlatforms::start(vec![
        PlatformSpec::new("badges", Behaviour::JsonBoth { existing: alice() }),
        PlatformSpec::new("plain", Behaviour::Normal { existing: alice() }),
    ])
    .await
    .expect("fake platforms");
    let sites = vec![
        entry(
            "Badges",
            &fake.profile_url(0),
            (200, "\"user\":"),
            (200, "[]"),
        ),
        entry(
            "Plain",
            &fake.profile_url(1),
            (200, PROFILE_MARKER),
            (404, ""),
        ),
    ];
    let (json, _) = probe(sites, &[]).await;
    // A real profile carries "[]" too: that is evidence of neither, never "absent".
    assert_eq!(
        status(&json, "Badges", "alice"),
        pair("unknown", "unrecognised")
    );
    assert_eq!(status(&json, "Badges", "nobody"), pair("absent", "-"));
    assert_eq!(status(&json, "Plain", "alice"), pair("found", "-"));
    assert_eq!(status(&json, "Plain", "nobody"), pair("absent", "-"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sites_own_503_is_read_once_not_taken_for_a_rate_limit() {
    let fake = FakePlatforms::start(vec![PlatformSpec::new(
        "skeb",
        Behaviour::Missing503 { existing: alice() },
    )])
    .await
    .expect("fake platforms");
    let sites = vec![entry(
        "Skeb",
        &fake.profile_url(0),
        (200, PROFILE_MARKER),
        (503, "user unavailable"),
    )];
    let (json, _) = probe(sites, &[]).await;
    assert_eq!(status(&json, "Skeb", "alice"), pair("found", "-"));
    assert_eq!(status(&json, "Skeb", "nobody"), pair("absent", "-"));
    // alice, nobody and the made-up control: one request each.
    assert_eq!(fake.stats(0).requests, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lists_user_agent_and_cookie_never_reach_the_site() {
    let fake = FakePlatforms::start(vec![PlatformSpec::new(
        "plain",
        Behaviour::Normal { existing: alice() },
    )])
    .await
    .expect("fake platforms");
    let mut site = entry(
        "Plain",
        &fake.profile_url(0),
        (200, PROFILE_MARKER),
        (404, MISSING_MARKER),
    );
    site["headers"] = json!({"User-Agent": "Mozilla/5.0 (pretend)", "Cookie": "session=1",
                             "Accept": "text/html"});
    let (json, stderr) = probe(vec![site], &[]).await;
    assert_eq!(status(&json, "Plain", "alice"), pair("found", "-"));
    assert!(stderr.contains("header User-Agent left out"), "{stderr}");
    for headers in fake.stats(0).headers {
        let get = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        assert!(
            get("user-agent").is_some_and(|ua| ua.starts_with("findable/")),
            "{headers:?}"
        );
        assert_eq!(get("cookie"), None, "{headers:?}");
        assert_eq!(get("accept"), Some("text/html"), "{headers:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn findables_own_check_wins_and_every_skip_is_listed_with_its_link() {
    let fake = FakePlatforms::start(vec![
        PlatformSpec::new("mirror", Behaviour::AlwaysFound),
        PlatformSpec::new("plain", Behaviour::Normal { existing: alice() }),
        PlatformSpec::new("adult", Behaviour::Normal { existing: alice() }),
    ])
    .await
    .expect("fake platforms");
    let mut adult = entry(
        "Adultplace",
        &fake.profile_url(2),
        (200, PROFILE_MARKER),
        (404, MISSING_MARKER),
    );
    adult["cat"] = json!("xx NSFW xx");
    let sites = vec![
        // A third-party mirror of Instagram: findable's Instagram check says by hand.
        entry(
            "Instagram (Mirror)",
            &fake.profile_url(0),
            (200, PROFILE_MARKER),
            (404, MISSING_MARKER),
        ),
        entry(
            "Plain",
            &fake.profile_url(1),
            (200, PROFILE_MARKER),
            (404, MISSING_MARKER),
        ),
        adult.clone(),
        entry(
            "Gopherplace",
            "gopher://old.example.test/{username}",
            (200, "x"),
            (404, "y"),
        ),
    ];
    let (json, stderr) = probe(sites.clone(), &[]).await;
    assert_eq!(fake.stats(0).requests, 0, "the mirror is never asked");
    assert_eq!(
        status(&json, "instagram", "alice"),
        pair("unknown", "manual")
    );
    assert_eq!(
        fake.stats(2).requests,
        0,
        "adult sites need --include-adult"
    );
    assert!(
        stderr.contains("1 of 4 sites imported") && stderr.contains("3 skipped"),
        "{stderr}"
    );
    let skipped = json["site_list"]["skipped"].as_array().expect("skipped");
    let reason = |name: &str| {
        skipped
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("{name} not listed: {skipped:#?}"))
            .clone()
    };
    assert!(
        reason("Instagram (Mirror)")["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("findable's own Instagram check")
    );
    assert!(
        reason("Adultplace")["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("--include-adult")
    );
    let gopher = reason("Gopherplace");
    assert!(
        gopher["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("not an http(s) URL")
    );
    // Loopback targets are probed, with a warning.
    let warnings = json["site_list"]["warnings"].as_array().expect("warnings");
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap_or_default().contains("loopback")),
        "{warnings:?}"
    );

    let (json, _) = probe(sites, &["--include-adult"]).await;
    assert_eq!(status(&json, "Adultplace", "alice"), pair("found", "-"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_report_lists_skipped_entries_and_the_lists_warnings() {
    let fake = FakePlatforms::start(vec![PlatformSpec::new(
        "plain",
        Behaviour::Normal { existing: alice() },
    )])
    .await
    .expect("fake platforms");
    let mut adult = entry(
        "Adultplace",
        "https://adult.example.test/{username}",
        (200, "x"),
        (404, "y"),
    );
    adult["cat"] = json!("xx NSFW xx");
    let mut archive = entry(
        "Oldcopies",
        "https://archive.org/wayback/available?url=example.test/{username}",
        (200, "x"),
        (404, "y"),
    );
    archive["uri_pretty"] = json!("https://web.archive.org/web/2/example.test/{account}");
    let sites = vec![
        entry(
            "Plain",
            &fake.profile_url(0),
            (200, PROFILE_MARKER),
            (404, MISSING_MARKER),
        ),
        adult,
        archive,
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("wmn-data.json");
    let list = json!({ "sites": sites });
    std::fs::write(&path, list.to_string()).expect("write list");
    let mut cmd = findable();
    cmd.args(["audit", "--name", "Alice Smith", "--username", "alice"])
        .args(["--no-checklist", "--backend", "none", "--format", "json"])
        .arg("--sites")
        .arg(&path);
    let out = output(cmd).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    let rows = report["could_not_check"].as_array().expect("rows");
    let row = |name: &str| {
        rows.iter()
            .find(|r| r["platform"] == name)
            .unwrap_or_else(|| panic!("{name} missing from {rows:#?}"))
    };
    assert!(
        row("Adultplace")["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("adult")
    );
    assert_eq!(row("Adultplace")["url"], "", "no link to an adult site");
    let archive = row("Oldcopies");
    assert!(
        archive["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("archive lookup")
    );
    assert!(
        archive["url"]
            .as_str()
            .unwrap_or_default()
            .starts_with("https://web.archive.org/web/2/example.test/"),
        "{archive}"
    );
    let list = &report["site_list"];
    assert_eq!(list["entries"], 3);
    assert_eq!(list["skipped"], 2);
    assert!(
        list["headline"]
            .as_str()
            .unwrap_or_default()
            .starts_with("1 of 3 sites imported")
    );
    assert!(
        list["warnings"][0]
            .as_str()
            .unwrap_or_default()
            .contains("loopback")
    );
}

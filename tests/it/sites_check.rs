//! `findable sites check FILE` against fake sites: each kind of rule that holds, or not,
//! gets its verdict and why, as text and JSON.

use serde_json::{Value, json};

use crate::support::fake_platforms::{
    Behaviour, FakePlatforms, MISSING_MARKER, PROFILE_MARKER, PlatformSpec, users,
};
use crate::support::findable;

fn entry(name: &str, url: &str, known: &str) -> Value {
    json!({
        "name": name,
        "uri_check": url.replace("{username}", "{account}"),
        "e_code": 200, "e_string": PROFILE_MARKER, "m_code": 404, "m_string": MISSING_MARKER,
        "known": [known], "cat": "social"
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_site_gets_a_verdict_and_why() {
    let alice = || users(&["alice"]);
    let fake = FakePlatforms::start(vec![
        PlatformSpec::new("works", Behaviour::Normal { existing: alice() }),
        PlatformSpec::new("soft", Behaviour::Soft404 { existing: alice() }),
        PlatformSpec::new("stale", Behaviour::Normal { existing: alice() }),
        PlatformSpec::new("walled", Behaviour::Captcha),
        PlatformSpec::new("yes-man", Behaviour::AlwaysFound),
    ])
    .await
    .expect("fake platforms");
    let sites = vec![
        entry("Works", &fake.profile_url(0), "alice"),
        entry("Soft", &fake.profile_url(1), "alice"),
        entry("Stale", &fake.profile_url(2), "deleted-long-ago"),
        entry("Walled", &fake.profile_url(3), "alice"),
        entry("Yes-man", &fake.profile_url(4), "alice"),
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("wmn-data.json");
    std::fs::write(&path, json!({ "sites": sites }).to_string()).expect("write");
    let run = |format: &'static str| {
        let path = path.clone();
        tokio::task::spawn_blocking(move || {
            findable()
                .args(["sites", "check", "--format", format, "--timeout", "5"])
                .arg(&path)
                .output()
                .expect("runs")
        })
    };
    let out = run("json").await.expect("join");
    assert_eq!(out.status.code(), Some(1), "rules that need fixing: exit 1");
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let verdict = |site: &str| {
        json.as_array()
            .expect("sites")
            .iter()
            .find(|c| c["site"] == site)
            .map(|c| {
                (
                    c["verdict"].as_str().unwrap_or_default().to_string(),
                    c["why"].clone(),
                )
            })
            .unwrap_or_else(|| panic!("{site} missing: {json:#}"))
    };
    assert_eq!(verdict("Works").0, "works");
    assert_eq!(verdict("Soft").0, "cannot-say-absent");
    let (stale, why) = verdict("Stale");
    assert_eq!(stale, "cannot-say-found");
    assert!(
        why.as_str()
            .unwrap_or_default()
            .contains("deleted-long-ago"),
        "{why}"
    );
    assert_eq!(verdict("Walled").0, "blocked");
    let (yes, why) = verdict("Yes-man");
    assert_eq!(yes, "broken");
    assert!(
        why.as_str().unwrap_or_default().contains("any name"),
        "{why}"
    );

    let out = run("text").await.expect("join");
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().nth(1).unwrap_or_default();
    assert!(
        first.starts_with("Yes-man") && first.contains("broken"),
        "{text}"
    );
    assert!(
        text.trim_end().ends_with(
            "5 sites: 1 works, 1 blocked, 1 cannot say absent, 1 cannot say found, 1 broken."
        ),
        "{text}"
    );
}

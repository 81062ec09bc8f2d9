//! `findable search` and `findable queries` end to end against backends replayed from
//! fixtures on 127.0.0.1: classification, blocks, failures, politeness, hostile text.

use std::time::Duration;

use crate::support::findable;
use crate::support::replay::{Replay, Reply};
use assert_cmd::Command;
use serde_json::Value;

const MIXED: &str = include_str!("../../fixtures/search/searxng-mixed.json");
const DDG_CHALLENGE: &str = include_str!("../../fixtures/search/ddg-challenge.html");
const DDG_RESULTS: &str = include_str!("../../fixtures/search/ddg-results.html");
const DDG_EMPTY: &str = include_str!("../../fixtures/search/ddg-no-results.html");

fn json_reply(body: &str) -> Reply {
    (
        200,
        vec![("content-type", "application/json".into())],
        body.to_string(),
    )
}

fn html_reply(status: u16, body: &str) -> Reply {
    (
        status,
        vec![("content-type", "text/html".into())],
        body.to_string(),
    )
}

async fn output(mut cmd: Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("runs"))
        .await
        .expect("join")
}

fn results(json: &Value) -> Vec<(String, String)> {
    json["queries"]
        .as_array()
        .expect("queries")
        .iter()
        .flat_map(|q| q["results"].as_array().cloned().unwrap_or_default())
        .map(|r| {
            (
                r["title"].as_str().unwrap_or_default().to_string(),
                r["match"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn searxng_results_are_sorted_into_likely_possible_and_not_them() {
    let server = Replay::start(|_| json_reply(MIXED)).await.expect("server");
    let mut cmd = findable();
    cmd.args([
        "search",
        "--name",
        "Jane Smith",
        "--school",
        "Oakwood Academy",
    ])
    .args([
        "--searxng",
        &server.base,
        "--format",
        "json",
        "--max-queries",
        "1",
    ]);
    let out = output(cmd).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let got = results(&json);
    let class_of = |title_start: &str| {
        got.iter()
            .find(|(t, _)| t.starts_with(title_start))
            .map(|(_, m)| m.clone())
    };
    assert_eq!(
        class_of("Jane Smith - Head of Science").as_deref(),
        Some("likely"),
        "{got:?}"
    );
    assert_eq!(
        class_of("Jane Smith | Portrait").as_deref(),
        Some("possible"),
        "{got:?}"
    );
    assert_eq!(class_of("John Smithson"), None, "{got:?}");
    let q = &json["queries"][0];
    assert_eq!(q["status"], "ok");
    assert_eq!(q["unresponsive_engines"][0], "google: CAPTCHA");
    assert!(q["dropped"].as_u64().expect("dropped") >= 1);
    for r in q["results"].as_array().expect("results") {
        assert!(r["reasons"].as_array().is_some_and(|a| !a.is_empty()));
        assert!(r["url"].as_str().expect("url").starts_with("http"));
        assert!(r["snippet"].is_string());
    }
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].param("format").as_deref(), Some("json"));
    let agent = seen[0].header("user-agent").unwrap_or_default();
    assert!(agent.starts_with("findable/"), "{agent}");
    // Honest about the program, silent about the person: nothing says who is asking.
    for private in ["school", "staff", "teacher"] {
        assert!(!agent.to_lowercase().contains(private), "{agent}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_searxng_without_json_says_how_to_enable_it() {
    let server = Replay::start(|_| html_reply(403, "Forbidden"))
        .await
        .expect("server");
    let mut cmd = findable();
    cmd.args(["search", "--name", "Jane Smith", "--searxng", &server.base])
        .args(["--max-queries", "2"]);
    let out = output(cmd).await;
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("(failed)"), "{text}");
    assert!(text.contains("settings.yml"), "{text}");
    assert!(
        text.contains("0 with results, 0 empty, 0 blocked, 2 failed"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duckduckgo_challenge_is_blocked_and_stops_further_queries() {
    let server = Replay::start(|_| html_reply(202, DDG_CHALLENGE))
        .await
        .expect("server");
    let mut cmd = findable();
    cmd.args([
        "search",
        "--name",
        "Jane Smith",
        "--title",
        "Ms",
        "--school",
        "Oakwood Academy",
    ])
    .args([
        "--backend",
        "duckduckgo",
        "--duckduckgo-url",
        &format!("{}/html/", server.base),
    ])
    .args(["--format", "json", "--max-queries", "4"]);
    let out = output(cmd).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let statuses: Vec<&str> = json["queries"]
        .as_array()
        .expect("queries")
        .iter()
        .map(|q| q["status"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(statuses, vec!["blocked"; 4]);
    assert!(
        json["queries"][1]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("not run")
    );
    assert_eq!(server.seen().len(), 1, "no query after the block");
    assert_eq!(server.seen()[0].method, "POST");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duckduckgo_is_asked_at_most_once_every_two_seconds() {
    let server = Replay::start(|_| html_reply(200, DDG_EMPTY))
        .await
        .expect("server");
    let mut cmd = findable();
    cmd.args(["search", "--name", "Jane Smith", "--backend", "duckduckgo"])
        .args(["--duckduckgo-url", &format!("{}/html/", server.base)])
        .args(["--format", "json", "--max-queries", "2"]);
    let out = output(cmd).await;
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["queries"][0]["status"], "empty");
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    let gap = seen[1].at.duration_since(seen[0].at);
    assert!(gap >= Duration::from_millis(1950), "gap {gap:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_snippets_come_out_as_plain_text() {
    let server = Replay::start(|_| html_reply(200, DDG_RESULTS))
        .await
        .expect("server");
    let mut cmd = findable();
    cmd.args(["search", "--name", "Jane Smith", "--backend", "duckduckgo"])
        .args(["--duckduckgo-url", &format!("{}/html/", server.base)])
        .args(["--format", "json", "--max-queries", "1"]);
    let out = output(cmd).await;
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("<script"), "{text}");
    assert!(!text.contains("<b>"), "{text}");
    assert!(!text.contains("y.js"), "ads are skipped: {text}");
}

#[test]
fn brave_without_a_key_is_bad_input() {
    let out = findable()
        .args(["search", "--name", "Jane Smith", "--backend", "brave"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("BRAVE_API_KEY"));
    let out = findable()
        .args(["search", "--name", "Jane Smith", "--backend", "searxng"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--searxng URL"));
}

#[test]
fn queries_lists_every_search_as_links_without_the_network() {
    let out = findable()
        .args([
            "queries",
            "--name",
            "Jane Smith",
            "--title",
            "Ms",
            "--school",
            "Oakwood Academy",
        ])
        .args([
            "--school-url",
            "oakwood.sch.uk",
            "--username",
            "janesmith84",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let queries = json["queries"].as_array().expect("queries");
    assert!(queries.len() <= 30 && queries.len() > 10);
    assert_eq!(queries[0]["query"], "\"Jane Smith\" \"Oakwood Academy\"");
    let all: Vec<&str> = queries.iter().filter_map(|q| q["query"].as_str()).collect();
    assert!(
        all.contains(&"\"Jane Smith\" site:oakwood.sch.uk"),
        "{all:?}"
    );
    assert!(all.contains(&"\"janesmith84\""), "{all:?}");
    let sites: Vec<&str> = queries[0]["links"]
        .as_array()
        .expect("links")
        .iter()
        .filter_map(|l| l["site"].as_str())
        .collect();
    assert_eq!(sites, vec!["DuckDuckGo", "Google", "Bing"]);
    let in_app: Vec<&str> = json["in_app"][0]["links"]
        .as_array()
        .expect("in-app links")
        .iter()
        .filter_map(|l| l["site"].as_str())
        .collect();
    assert_eq!(in_app, vec!["TikTok", "Instagram", "Facebook", "X"]);
}

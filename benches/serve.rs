//! Page-to-page time of `findable serve`: a whole audit through its forms, as a browser
//! sends them, against fake platforms and a replayed SearXNG on 127.0.0.1. Each figure is
//! one press of a button (or one click of a link) until the next page has arrived: the
//! POST, the wait for the audit's next question, the redirect and the GET. Prints a
//! Markdown table per kind of page (median, 95th percentile, worst).
//!
//! Run: `cargo bench --bench serve` (release build). Nothing here leaves the machine.

#[path = "../tests/it/support/fake_platforms.rs"]
mod fake_platforms;
#[path = "../tests/it/support/replay.rs"]
mod replay;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fake_platforms::{Behaviour, FakePlatforms, PlatformSpec, users};
use replay::Replay;

const MIXED: &str = include_str!("../fixtures/search/searxng-mixed.json");
/// Whole audits run; each is a new person, so none resumes another's answers.
const RUNS: usize = 10;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let times = runtime.block_on(bench());
    println!("| page | presses | median (ms) | p95 (ms) | worst (ms) |");
    println!("|---|---|---|---|---|");
    for (page, mut list) in times {
        list.sort();
        let at = |q: f64| list[((list.len() - 1) as f64 * q).round() as usize];
        let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
        println!(
            "| {page} | {} | {} | {} | {} |",
            list.len(),
            ms(at(0.5)),
            ms(at(0.95)),
            ms(at(1.0))
        );
    }
}

async fn bench() -> BTreeMap<&'static str, Vec<Duration>> {
    let fake = FakePlatforms::start(vec![
        PlatformSpec::new(
            "fakegram",
            Behaviour::Normal {
                existing: users(&["janesmith"]),
            },
        ),
        PlatformSpec::new("slowgram", Behaviour::Normal { existing: vec![] }),
        PlatformSpec::new("walled", Behaviour::LoginWall),
    ])
    .await
    .expect("fake platforms");
    let search = Replay::start(|_| {
        let json = vec![("content-type", "application/json".to_string())];
        (200, json, MIXED.to_string())
    })
    .await
    .expect("search backend");
    let dir = tempfile::tempdir().expect("tempdir");
    let checks = dir.path().join("checks");
    std::fs::create_dir_all(&checks).expect("checks dir");
    for (file, text) in fake.check_files() {
        std::fs::write(checks.join(file), text).expect("write check");
    }
    for general in ["school-website.toml", "username-reuse.toml"] {
        let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("checks")
            .join(general);
        std::fs::copy(from, checks.join(general)).expect("copy a general check");
    }
    let mut times: BTreeMap<&'static str, Vec<Duration>> = BTreeMap::new();
    for run in 0..RUNS {
        one_audit(
            run,
            &checks,
            &search.base,
            &dir.path().join("data"),
            &mut times,
        )
        .await;
    }
    drop(fake);
    times
}

/// One server, one person, one whole audit, then Finish.
async fn one_audit(
    run: usize,
    checks: &std::path::Path,
    searxng: &str,
    data: &std::path::Path,
    times: &mut BTreeMap<&'static str, Vec<Duration>>,
) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_findable"))
        .args(["serve", "--no-open", "--checks"])
        .arg(checks)
        .args([
            "--searxng",
            searxng,
            "--max-usernames",
            "2",
            "--max-queries",
            "3",
        ])
        .env("XDG_DATA_HOME", data)
        .env("NO_PROXY", "*")
        .stdout(Stdio::piped())
        .spawn()
        .expect("findable serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let base = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| l.find("http://").map(|at| l[at..].trim().to_string()))
        .expect("the address");
    // Keep reading, so its last line has somewhere to go.
    std::thread::spawn(move || lines.for_each(drop));
    let origin = base.split('/').take(3).collect::<Vec<_>>().join("/");
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client");
    let page = Page {
        client: &client,
        base: &base,
        origin: &origin,
    };
    let (t, html) = page.get("").await;
    times.entry("about you (GET)").or_default().push(t);
    let csrf = hidden(&html, "csrf").expect("csrf");
    let school = format!("Bench Academy {run}");
    let (t, html) = page
        .post(
            "start",
            &[("csrf", &csrf), ("name", "Jane Smith"), ("school", &school)],
        )
        .await;
    times.entry("start -> apps").or_default().push(t);
    let q = hidden(&html, "q").expect("q");
    let apps = [
        ("csrf", csrf.as_str()),
        ("q", q.as_str()),
        ("do", "answer"),
        ("use", "fakegram"),
        ("use", "slowgram"),
        ("use", "walled"),
    ];
    let (t, mut html) = page.post("answer", &apps).await;
    times.entry("apps -> question").or_default().push(t);
    let mut backed = false;
    for _ in 0..200 {
        if html.contains("Your report is ready") {
            break;
        }
        let Some(q) = hidden(&html, "q") else {
            // The checks are finishing: not a press, so not timed.
            tokio::time::sleep(Duration::from_millis(100)).await;
            html = page.get("").await.1;
            continue;
        };
        let (kind, fields): (&str, Vec<(&str, &str)>) = if html.contains("Is this you?") {
            ("is this you? -> next", vec![("do", "not-sure")])
        } else if html.contains("name=\"answer\"") && !backed {
            backed = true;
            ("question -> back", vec![("do", "back")])
        } else if html.contains("name=\"answer\"") {
            (
                "question -> question",
                vec![("do", "answer"), ("answer", "yes")],
            )
        } else {
            ("yes/no -> question", vec![("do", "no")])
        };
        let mut all = vec![("csrf", csrf.as_str()), ("q", q.as_str())];
        all.extend(fields);
        let (t, next) = page.post("answer", &all).await;
        times.entry(kind).or_default().push(t);
        html = next;
    }
    assert!(html.contains("Your report is ready"), "no report:\n{html}");
    for (kind, path) in [
        ("report (GET)", ""),
        ("report to save (GET)", "report.html"),
        ("printable checklist (GET)", "checklist.html"),
        (
            "incident steps (GET)",
            "incident?kind=impersonation&platform=fakegram&who=pupil",
        ),
    ] {
        let (t, _) = page.get(path).await;
        times.entry(kind).or_default().push(t);
    }
    let (t, _) = page.post("finish", &[("csrf", &csrf)]).await;
    times.entry("finish").or_default().push(t);
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .expect("join")
        .expect("wait");
    assert!(status.success(), "{status:?}");
}

struct Page<'a> {
    client: &'a reqwest::Client,
    base: &'a str,
    origin: &'a str,
}

impl Page<'_> {
    async fn get(&self, path: &str) -> (Duration, String) {
        let start = Instant::now();
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        let body = response.text().await.expect("body");
        (start.elapsed(), body)
    }

    /// A form as the browser sends it; the redirect to the next page is followed and read.
    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (Duration, String) {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let start = Instant::now();
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header("origin", self.origin)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST");
        let body = response.text().await.expect("body");
        (start.elapsed(), body)
    }
}

fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html.find(&marker)? + marker.len();
    Some(html[at..].split('"').next()?.to_string())
}

//! `findable serve` over HTTP, as a browser would use it: the binary runs on 127.0.0.1
//! against fake platforms and a replayed SearXNG, and reqwest plays the browser. The
//! server refuses what is not for it (no secret, another Host, a form without its CSRF
//! token or from another origin), and the whole audit works through plain forms.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, HOST, ORIGIN};

use crate::support::fake_platforms::{Behaviour, FakePlatforms, PlatformSpec, users};
use crate::support::replay::Replay;
use crate::support::{data_home, findable_process};

const MIXED: &str = include_str!("../../fixtures/search/searxng-mixed.json");

/// A running `findable serve` with its fakes; killed when dropped.
struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT/SECRET/`
    base: String,
    host: String,
    client: reqwest::Client,
    stdout: Arc<Mutex<String>>,
    _fake: FakePlatforms,
    _search: Replay,
    _dir: tempfile::TempDir,
}

impl Served {
    async fn start(extra: &[&str]) -> Self {
        let fake = FakePlatforms::start(vec![
            PlatformSpec::new(
                "fakegram",
                Behaviour::Normal {
                    existing: users(&["janesmith"]),
                },
            ),
            PlatformSpec::new("walled", Behaviour::LoginWall),
            PlatformSpec::new("slowgram", Behaviour::Normal { existing: vec![] })
                .with_latency(Duration::from_millis(20), Duration::from_millis(80)),
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
        for (file, text) in fake.check_files() {
            std::fs::write(dir.path().join(file), text).expect("write check");
        }
        let mut cmd = findable_process();
        cmd.args(["serve", "--no-open", "--checks"])
            .arg(dir.path())
            .args(["--searxng", &search.base])
            .args([
                "--max-usernames",
                "2",
                "--max-queries",
                "2",
                "--timeout",
                "5",
            ])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = cmd.spawn().expect("findable serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        let said = Arc::new(Mutex::new(String::new()));
        let keep = said.clone();
        // Read everything it prints for as long as it runs: its address first.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://127.0.0.1:") {
                    let _ = tx.send(line[at..].trim().to_string());
                }
                keep.lock().expect("stdout").push_str(&(line + "\n"));
            }
        });
        let base = tokio::task::spawn_blocking(move || rx.recv_timeout(Duration::from_secs(30)))
            .await
            .expect("join")
            .expect("findable serve prints its address");
        let host = base
            .trim_start_matches("http://")
            .split('/')
            .next()
            .expect("host")
            .to_string();
        let client = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("client");
        Self {
            child,
            base,
            host,
            client,
            stdout: said,
            _fake: fake,
            _search: search,
            _dir: dir,
        }
    }

    fn origin(&self) -> String {
        format!("http://{}", self.host)
    }

    async fn get(&self, path: &str) -> (StatusCode, String) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        (response.status(), response.text().await.expect("body"))
    }

    /// A form sent as the page sends it (same origin), following the redirect.
    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header(ORIGIN, self.origin())
            .header(CONTENT_TYPE, FORM)
            .body(encode(fields))
            .send()
            .await
            .expect("POST");
        (response.status(), response.text().await.expect("body"))
    }

    /// Waits for the server to stop by itself.
    async fn exits_within(mut self, limit: Duration) -> (std::process::ExitStatus, String) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                // The last line comes just before the exit; give the reader a moment.
                tokio::time::sleep(Duration::from_millis(100)).await;
                let said = self.stdout.lock().expect("stdout").clone();
                return (status, said);
            }
            assert!(
                start.elapsed() < limit,
                "findable serve did not stop by itself"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const FORM: &str = "application/x-www-form-urlencoded";

/// A form's fields as a browser sends them.
fn encode(fields: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

/// The value of `name="NAME" value="..."` in a page.
fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html.find(&marker)? + marker.len();
    Some(html[at..].split('"').next()?.to_string())
}

fn csrf(html: &str) -> String {
    hidden(html, "csrf").expect("every form has a CSRF token")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_without_the_secret_or_for_another_host_are_refused() {
    let served = Served::start(&[]).await;
    let root = format!("http://{}/", served.host);
    for url in [
        root.clone(),
        format!("{root}status"),
        format!("{root}style.css"),
        format!("{root}0000/"),
        served
            .base
            .replace(&served.base[served.base.len() - 9..], "0000000/"),
    ] {
        let response = served.client.get(&url).send().await.expect("GET");
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{url}");
    }
    // DNS rebinding: a page on another name that resolves to 127.0.0.1.
    for host in [
        "evil.example",
        "evil.example:80",
        "127.0.0.1:1",
        "localhost",
    ] {
        let response = served
            .client
            .get(&served.base)
            .header(HOST, host)
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "Host: {host}");
    }
    let port = served.host.trim_start_matches("127.0.0.1:");
    let response = served
        .client
        .get(&served.base)
        .header(HOST, format!("localhost:{port}"))
        .send()
        .await
        .expect("GET");
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "localhost:PORT is the same page"
    );
    let headers = response.headers().clone();
    let policy = headers[CONTENT_SECURITY_POLICY].to_str().expect("policy");
    assert!(policy.starts_with("default-src 'none'") && policy.contains("form-action 'self'"));
    assert!(
        !policy.contains("http"),
        "no other origin is allowed: {policy}"
    );
    assert!(
        headers
            .keys()
            .all(|k| !k.as_str().starts_with("access-control-")),
        "no CORS: {headers:?}"
    );
    let page = response.text().await.expect("body");
    assert!(page.contains("About you") && page.contains("name=\"csrf\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_without_the_csrf_token_or_from_another_origin_are_refused() {
    let served = Served::start(&[]).await;
    let (_, page) = served.get("").await;
    let token = csrf(&page);
    let name = ("name", "Jane Smith");
    let school = ("school", "Refusal Academy");
    for fields in [
        vec![name, school],
        vec![("csrf", ""), name, school],
        vec![("csrf", &token[1..]), name, school],
        vec![("csrf", "0".repeat(64).as_str()), name, school],
    ] {
        let (status, body) = served.post("start", &fields).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{fields:?}");
        assert!(body.contains("did not come from findable's page"), "{body}");
    }
    let good = [("csrf", token.as_str()), name, school];
    let other = served
        .client
        .post(format!("{}start", served.base))
        .header(ORIGIN, "http://evil.example")
        .header(CONTENT_TYPE, FORM)
        .body(encode(&good))
        .send()
        .await
        .expect("POST");
    assert_eq!(other.status(), StatusCode::FORBIDDEN, "another site's form");
    let cross = served
        .client
        .post(format!("{}start", served.base))
        .header("sec-fetch-site", "cross-site")
        .header(CONTENT_TYPE, FORM)
        .body(encode(&good))
        .send()
        .await
        .expect("POST");
    assert_eq!(cross.status(), StatusCode::FORBIDDEN, "a cross-site fetch");
    // A page under no-referrer sends `Origin: null`: only its own fetch metadata lets it by.
    let null = |site: Option<&'static str>| {
        let mut request = served
            .client
            .post(format!("{}start", served.base))
            .header(ORIGIN, "null")
            .header(CONTENT_TYPE, FORM)
            .body(encode(&good));
        if let Some(site) = site {
            request = request.header("sec-fetch-site", site);
        }
        request.send()
    };
    for site in [None, Some("cross-site"), Some("same-site")] {
        let response = null(site).await.expect("POST");
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "Origin null, {site:?}"
        );
    }
    let (status, _) = served.get("start").await;
    assert_eq!(
        status,
        StatusCode::METHOD_NOT_ALLOWED,
        "a change is never a GET"
    );
    // Nothing was started by any of those.
    let (_, page) = served.get("").await;
    assert!(page.contains("About you"), "still the first page");
    let (status, page) = served.post("start", &good).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Which of these do you use?"), "{page}");
}

/// Answers whatever the page asks until the report, the way a hurried teacher would:
/// the safe answer, "no" to more, "not sure" to every "Is this you?" but the first.
async fn answer_until_the_report(served: &Served, mut page: String) -> (String, usize) {
    let mut reviewed = 0;
    for _ in 0..200 {
        if page.contains("Your report is ready") {
            return (page, reviewed);
        }
        let token = csrf(&page);
        let Some(q) = hidden(&page, "q") else {
            // The checks are finishing: the page says so, and Refresh shows what is next.
            assert!(page.contains("Refresh"), "{page}");
            tokio::time::sleep(Duration::from_millis(200)).await;
            page = served.get("").await.1;
            continue;
        };
        let mut fields = vec![("csrf", token.as_str()), ("q", q.as_str())];
        if page.contains("Is this you?") {
            fields.push(("do", if reviewed == 0 { "mine" } else { "not-sure" }));
            reviewed += 1;
        } else if page.contains("type=\"radio\" name=\"answer\"") {
            let safe = page
                .split("name=\"answer\" value=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .expect("the safe answer comes first")
                .to_string();
            fields.push(("do", "answer"));
            fields.push(("answer", Box::leak(safe.into_boxed_str())));
        } else {
            fields.push(("do", "no"));
        }
        page = served.post("answer", &fields).await.1;
    }
    panic!("no report after 200 pages:\n{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_audit_through_the_page_saves_answers_where_the_terminal_does() {
    let history = tempfile::tempdir().expect("tempdir");
    let db = history.path().join("history.db");
    let db_arg = db.display().to_string();
    let served = Served::start(&["--db", &db_arg]).await;
    let (_, page) = served.get("").await;
    let token = csrf(&page);
    let mut about = vec![
        ("csrf", token.as_str()),
        ("name", "Jane Smith"),
        ("title", "Ms"),
        ("school", "Serve Test Academy"),
        ("town", "Leeds"),
        ("usernames", "jane smith"),
    ];
    // A username with a space: the command line's own message, beside the field, and
    // everything typed is still there.
    let (_, page) = served.post("start", &about).await;
    assert!(
        page.contains(
            "username &quot;jane smith&quot; is not valid: usernames cannot contain spaces"
        ),
        "{page}"
    );
    assert!(
        page.contains("aria-invalid=\"true\"") && page.contains("value=\"Serve Test Academy\"")
    );
    about.pop();
    about.push(("usernames", "fakegram:jsmith_real"));
    let (status, page) = served.post("start", &about).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Which of these do you use?"), "{page}");
    assert!(
        page.contains("value=\"fakegram\" checked"),
        "a platform named with a username comes ticked"
    );

    // Three apps.
    let q = hidden(&page, "q").expect("question");
    let (_, page) = served
        .post(
            "answer",
            &[
                ("csrf", &token),
                ("q", &q),
                ("do", "answer"),
                ("use", "fakegram"),
                ("use", "walled"),
                ("use", "slowgram"),
            ],
        )
        .await;
    assert!(page.contains("Question 1 of "), "{page}");
    assert!(
        page.contains("fakegram") && page.contains("Private account"),
        "{page}"
    );

    // Nothing chosen: the same question again, nothing lost.
    let q = hidden(&page, "q").expect("question");
    let (_, again) = served
        .post("answer", &[("csrf", &token), ("q", &q), ("do", "answer")])
        .await;
    assert_eq!(hidden(&again, "q"), Some(q.clone()));

    // The safe answer, then Back: the answer given is selected.
    let (_, page) = served
        .post(
            "answer",
            &[
                ("csrf", &token),
                ("q", &q),
                ("do", "answer"),
                ("answer", "yes"),
            ],
        )
        .await;
    assert!(page.contains("✓ Safe: nothing to change."), "{page}");
    assert!(page.contains("Question 2 of "), "{page}");
    let q2 = hidden(&page, "q").expect("question");
    // An answer from an old copy of the page is not taken for this question.
    let (_, stale) = served
        .post(
            "answer",
            &[
                ("csrf", &token),
                ("q", &q),
                ("do", "answer"),
                ("answer", "no"),
            ],
        )
        .await;
    assert_eq!(hidden(&stale, "q"), Some(q2.clone()), "still question 2");
    let (_, page) = served
        .post("answer", &[("csrf", &token), ("q", &q2), ("do", "back")])
        .await;
    assert!(page.contains("Question 1 of "), "{page}");
    assert!(page.contains("value=\"yes\" checked"), "{page}");
    let q = hidden(&page, "q").expect("question");
    let (_, page) = served
        .post(
            "answer",
            &[
                ("csrf", &token),
                ("q", &q),
                ("do", "answer"),
                ("answer", "no"),
            ],
        )
        .await;
    assert!(page.contains("✗ To change: On"), "{page}");

    // Skip Fakegram: the next platform's questions come.
    let q = hidden(&page, "q").expect("question");
    let (_, page) = served
        .post("answer", &[("csrf", &token), ("q", &q), ("do", "skip")])
        .await;
    assert!(page.contains("slowgram"), "{page}");

    // The tab closed and opened again: the same question is waiting.
    let q = hidden(&page, "q");
    let (_, reopened) = served.get("").await;
    assert_eq!(hidden(&reopened, "q"), q, "resumed where it was");

    let (report_page, reviewed) = answer_until_the_report(&served, reopened).await;
    assert!(reviewed >= 1, "the public Fakegram account was asked about");
    assert!(report_page.contains("Save the report"));
    assert!(report_page.contains("What a pupil could find"));

    // The report to save is the document `-o report.html` writes, with its own policy.
    let response = served
        .client
        .get(format!("{}report.html", served.base))
        .send()
        .await
        .expect("GET");
    assert!(
        response.headers()[CONTENT_DISPOSITION]
            .to_str()
            .expect("header")
            .starts_with("attachment; filename=\"findable-report-")
    );
    assert_eq!(
        response.headers()[CONTENT_SECURITY_POLICY],
        findable::render::page::CSP
    );
    let saved = response.text().await.expect("report");
    assert!(saved.starts_with("<!DOCTYPE html>") && saved.contains("Jane Smith"));
    assert!(!saved.contains("<form") && !saved.contains("<script"));

    // The answers are where the terminal keeps this person's, for it to carry on.
    let file = data_home().join("findable/answers/jane-smith@serve-test-academy.toml");
    let answers = std::fs::read_to_string(&file).expect("answers saved per person");
    assert!(answers.contains("name = \"Jane Smith\""), "{answers}");
    assert!(answers.contains("skipped = [\"fakegram\"]"), "{answers}");
    assert!(
        answers.contains("[settings.fakegram]\nprivate-account = \"no\""),
        "{answers}"
    );
    assert!(answers.contains("= \"mine\""), "{answers}");

    // The printable checklist, and the incident steps with the evidence log.
    let (status, checklist) = served.get("checklist.html").await;
    assert_eq!(status, StatusCode::OK);
    assert!(checklist.contains("fakegram"));
    let (status, steps) = served
        .get("incident?kind=impersonation&platform=fakegram&who=pupil&url=http%3A%2F%2F127.0.0.1%2Fu%2Ffake")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(steps.contains("The steps, in order") && steps.contains("0344 381 4772"));
    let log = served
        .client
        .get(format!(
            "{}evidence-log.csv?kind=impersonation&platform=fakegram",
            served.base
        ))
        .send()
        .await
        .expect("GET");
    assert!(
        log.headers()[CONTENT_TYPE]
            .to_str()
            .expect("type")
            .starts_with("text/csv")
    );
    assert!(log.text().await.expect("csv").contains("fakegram"));

    // Finish: the page says so and the server stops.
    let (_, bye) = served.post("finish", &[("csrf", &token)]).await;
    assert!(bye.contains("findable has closed"), "{bye}");
    let (status, said) = served.exits_within(Duration::from_secs(20)).await;
    assert!(status.success(), "{status:?}\n{said}");
    assert!(said.contains("Finished: your answers are saved."), "{said}");
    // The lock went with it: the terminal may use this person's answers now.
    let lock = findable::private_file::Lock::acquire(&file);
    assert!(lock.is_ok(), "{lock:?}");
    // And the audit is in the history, as a terminal audit would be.
    let store = findable::store::Store::open_existing(&db)
        .expect("a findable history")
        .expect("the audit was saved");
    let audits = store.history(None).expect("history");
    assert_eq!(audits.len(), 1, "{audits:?}");
    assert_eq!(audits[0].name, "Jane Smith");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn save_and_finish_later_gives_a_partial_report_and_carries_on_after() {
    let served = Served::start(&[]).await;
    let (_, page) = served.get("").await;
    let token = csrf(&page);
    let about = [
        ("csrf", token.as_str()),
        ("name", "Jane Smith"),
        ("school", "Later Academy"),
    ];
    let (_, page) = served.post("start", &about).await;
    let q = hidden(&page, "q").expect("question");
    let (_, page) = served
        .post(
            "answer",
            &[
                ("csrf", &token),
                ("q", &q),
                ("do", "answer"),
                ("use", "walled"),
            ],
        )
        .await;
    let q = hidden(&page, "q").expect("question");
    let (_, mut page) = served
        .post("answer", &[("csrf", &token), ("q", &q), ("do", "quit")])
        .await;
    for _ in 0..100 {
        if page.contains("Your report is ready") {
            break;
        }
        assert!(page.contains("Your answers are saved"), "{page}");
        tokio::time::sleep(Duration::from_millis(100)).await;
        page = served.get("").await.1;
    }
    assert!(page.contains("Partial report."), "{page}");
    assert!(page.contains("Carry on with the questions"), "{page}");
    // Carrying on: the same person, from the first question not answered.
    let (_, page) = served.post("again", &[("csrf", &token)]).await;
    assert!(
        page.contains("walled") && page.contains("Question 1 of "),
        "{page}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unused_page_stops_by_itself() {
    let served = Served::start(&["--idle-after", "1"]).await;
    let (status, said) = served.exits_within(Duration::from_secs(15)).await;
    assert!(status.success(), "{status:?}");
    assert!(
        said.contains("with nothing to do: your answers are saved"),
        "{said}"
    );
}

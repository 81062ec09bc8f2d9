//! `findable audit` end to end against fake platforms and a replayed search backend on
//! 127.0.0.1: the report a teacher reads, its JSON against the schema, no network, offline.

use std::time::Duration;

use crate::support::fake_platforms::{Behaviour, FakePlatforms, PlatformSpec, users};
use crate::support::findable;
use crate::support::replay::Replay;
use assert_cmd::Command;
use serde_json::Value;

const MIXED: &str = include_str!("../../fixtures/search/searxng-mixed.json");

async fn output(mut cmd: Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("runs"))
        .await
        .expect("join")
}

/// Check files for fake platforms, plus one general check, in a temp dir.
async fn setup() -> (FakePlatforms, Replay, tempfile::TempDir) {
    let fake = FakePlatforms::start(vec![
        PlatformSpec::new(
            "fakegram",
            Behaviour::Normal {
                existing: users(&["janesmith", "mssmith"]),
            },
        ),
        PlatformSpec::new("walled", Behaviour::LoginWall),
    ])
    .await
    .expect("fake platforms");
    let search = Replay::start(|_| {
        (
            200,
            vec![("content-type", "application/json".into())],
            MIXED.to_string(),
        )
    })
    .await
    .expect("search backend");
    let dir = tempfile::tempdir().expect("tempdir");
    for (file, text) in fake.check_files() {
        std::fs::write(dir.path().join(file), text).expect("write check");
    }
    (fake, search, dir)
}

/// The answers file lives beside the check folder, not in it (every .toml there is a check).
fn answers(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.with_extension("answers.toml");
    std::fs::write(
        &path,
        "uses = [\"fakegram\"]\n[settings.fakegram]\nprivate-account = \"no\"\nwho-can-message = \"not-sure\"\nfind-by-phone = \"yes\"\n",
    )
    .expect("answers");
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_writes_a_private_html_report_that_leads_with_findings_and_actions() {
    let (_fake, search, dir) = setup().await;
    let report = dir.path().join("report.html");
    let mut cmd = findable();
    cmd.args([
        "audit",
        "--name",
        "Jane Smith",
        "--title",
        "Ms",
        "--school",
        "Oakwood Academy",
    ])
    .arg("--checks")
    .arg(dir.path())
    .args([
        "--searxng",
        &search.base,
        "--max-queries",
        "2",
        "--timeout",
        "3",
    ])
    .arg("--answers")
    .arg(answers(dir.path()))
    .arg("-o")
    .arg(&report);
    let out = output(cmd).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&report).expect("report written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&report)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the report is private");
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"));
    // The first screen: what pupils can find, the score, and what to do first, all
    // before the long sections.
    assert!(html.contains("Jane Smith"));
    assert!(
        html.contains("fakegram"),
        "the found profile is in the report"
    );
    assert!(html.contains("Exposure"), "the score is shown");
    let summary_at = html.find("A pupil could find").expect("headline");
    let do_first = html.find("Do these first").expect("top actions");
    // The section heading, not the page title ("What a pupil could find about ...").
    let findings = html
        .find("What a pupil could find (")
        .expect("findings section");
    assert!(
        summary_at < findings && do_first < findings,
        "summary and top actions come first"
    );
    assert!(html.contains("Check by hand ("));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_json_is_valid_against_findable_schema() {
    let (_fake, search, dir) = setup().await;
    let mut cmd = findable();
    cmd.args([
        "audit",
        "--name",
        "Jane Smith",
        "--school",
        "Oakwood Academy",
        "--format",
        "json",
    ])
    .arg("--checks")
    .arg(dir.path())
    .args([
        "--searxng",
        &search.base,
        "--max-queries",
        "2",
        "--timeout",
        "3",
    ])
    .arg("--answers")
    .arg(answers(dir.path()));
    let out = output(cmd).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    let schema: Value =
        serde_json::from_slice(&findable().arg("schema").output().expect("schema").stdout)
            .expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let findings = report["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .any(|f| f["kind"] == "profile" && f["platform"] == "fakegram")
    );
    assert!(
        findings
            .iter()
            .any(|f| f["kind"] == "search-result" && f["confidence"] == "likely")
    );
    assert!(
        report["could_not_check"]
            .as_array()
            .expect("unknowns")
            .iter()
            .any(|u| u["platform"] == "walled")
    );
    assert_eq!(report["actions"][0]["check"], "fakegram");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_network_the_audit_still_finishes_and_says_what_it_could_not_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Nothing listens on port 1: every request is refused, as with no network at all.
    let text = crate::support::fake_platforms::check_toml(
        "offline-site",
        "http://127.0.0.1:1/u/{username}",
        &Behaviour::Normal { existing: vec![] },
    );
    std::fs::write(dir.path().join("offline-site.toml"), text).expect("write");
    let mut cmd = findable();
    cmd.args([
        "audit",
        "--name",
        "Jane Smith",
        "--no-checklist",
        "--timeout",
        "2",
    ])
    .arg("--checks")
    .arg(dir.path())
    .args(["--searxng", "http://127.0.0.1:1", "--max-queries", "3"])
    .timeout(Duration::from_secs(60));
    let out = output(cmd).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Check by hand ("), "{text}");
    assert!(text.contains("Your network blocked every check"), "{text}");
    assert!(text.contains("did not answer"), "{text}");
    assert!(text.contains("could not check anything online"), "{text}");
    assert!(text.contains("Exposure: not measured"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when NO_COLOR is set");
}

#[test]
fn offline_lists_everything_to_check_by_hand() {
    let out = findable()
        .args([
            "audit",
            "--name",
            "Jane Smith",
            "--school",
            "Oakwood Academy",
            "--offline",
        ])
        .args(["--max-usernames", "2", "--max-queries", "3"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("https://www.tiktok.com/@janesmith"));
    assert!(text.contains("https://duckduckgo.com/?q=%22Jane+Smith%22+%22Oakwood+Academy%22"));
    assert!(
        text.contains("[ ] Private account (high priority)"),
        "the printable checklist"
    );
    assert!(!text.contains("**"), "text, not Markdown: {text}");
}

#[test]
fn offline_writes_real_html_and_markdown_by_the_file_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (file, starts, link) in [
        (
            "hand.html",
            "<!DOCTYPE html>",
            "<a class=\"shown\" href=\"https://www.tiktok.com/@janesmith\"",
        ),
        (
            "hand.md",
            "# Check it yourself",
            "- <https://www.tiktok.com/@janesmith>",
        ),
    ] {
        let path = dir.path().join(file);
        let out = findable()
            .args([
                "audit",
                "--name",
                "Jane Smith",
                "--offline",
                "--platforms",
                "tiktok",
            ])
            .args(["--max-usernames", "2", "--max-queries", "2", "-o"])
            .arg(&path)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
        let doc = std::fs::read_to_string(&path).expect("written");
        assert!(doc.starts_with(starts), "{file}: {doc}");
        assert!(doc.contains(link), "{file}: {doc}");
        assert!(!doc.contains("<script"));
    }
}

#[test]
fn without_a_terminal_it_asks_for_answers_before_doing_any_work() {
    let out = findable()
        .args(["audit", "--name", "Jane Smith"])
        .timeout(Duration::from_secs(20))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--answers FILE or --no-checklist"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_asks_is_this_you_and_leaves_out_what_you_dismiss() {
    let (_fake, search, dir) = setup().await;
    let out_dir = tempfile::tempdir().expect("tempdir");
    let report = out_dir.path().join("report.json");
    let state = out_dir.path().join("answers.toml");
    let args = format!(
        "audit --name 'Jane Smith' --school 'Oakwood Academy' --checks '{}' --searxng {} --max-queries 1 --max-usernames 2 --timeout 3 --state '{}' -o '{}'",
        dir.path().display(),
        search.base,
        state.display(),
        report.display()
    );
    let report_path = report.clone();
    tokio::task::spawn_blocking(move || {
        let settle = || std::thread::sleep(Duration::from_millis(250));
        let mut p = crate::support::pty(&args, 20_000);
        p.exp_string("Which of these do you use?")
            .expect("platforms");
        p.exp_string("walled").expect("the list");
        settle();
        p.send("\r").expect("none ticked");
        p.flush().expect("flush");
        // The fake platform's janesmith account was found under a name-made username.
        p.exp_string("@janesmith").expect("the account");
        p.exp_string("Is this you?").expect("review");
        settle();
        p.send("\x1b[B").expect("down");
        p.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(50));
        p.send("\r").expect("No, someone else");
        p.flush().expect("flush");
        // Then the pages from the search; stop reviewing them.
        p.exp_string("Is this you?").expect("next review");
        settle();
        for _ in 0..3 {
            p.send("\x1b[B").expect("down");
            p.flush().expect("flush");
            std::thread::sleep(Duration::from_millis(30));
        }
        p.send("\r").expect("stop reviewing");
        p.flush().expect("flush");
        p.exp_string("Written to").expect("report written");
        p.exp_eof().expect("exits");
    })
    .await
    .expect("pty session");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&report_path).expect("report"))
        .expect("JSON");
    let findings = json["findings"].as_array().expect("findings");
    assert!(
        findings.iter().all(|f| !f["url"]
            .as_str()
            .unwrap_or_default()
            .ends_with("/u/janesmith")),
        "the dismissed account is left out: {findings:#?}"
    );
    assert_eq!(json["stats"]["dismissed_by_you"], 1);
    let saved = std::fs::read_to_string(&state).expect("answers saved");
    assert!(saved.contains("not-mine"), "{saved}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_and_audit_count_the_same_pages() {
    let (_fake, search, dir) = setup().await;
    let common = |cmd: &mut Command| {
        cmd.args(["--name", "Jane Smith", "--school", "Oakwood Academy"])
            .arg("--checks")
            .arg(dir.path())
            .args(["--searxng", &search.base, "--max-queries", "3"])
            .args(["--timeout", "3", "--format", "json"]);
    };
    let mut searching = findable();
    searching.arg("search");
    common(&mut searching);
    let mut auditing = findable();
    auditing.args(["audit", "--no-checklist", "--platforms", "walled"]);
    common(&mut auditing);
    let (searched, audited) = (output(searching).await, output(auditing).await);
    for out in [&searched, &audited] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let searched: Value = serde_json::from_slice(&searched.stdout).expect("search JSON");
    let audited: Value = serde_json::from_slice(&audited.stdout).expect("report JSON");
    let others = searched["pages_about_others"].as_u64().expect("count");
    assert!(others >= 1, "the fixture has pages about other people");
    assert_eq!(
        audited["stats"]["results_about_others"].as_u64(),
        Some(others)
    );
    let pages = searched["pages"].as_array().expect("pages").len();
    let found = audited["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["kind"] == "search-result")
        .count();
    assert_eq!(found, pages, "each page once, in both");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_at_a_question_keeps_the_answers_and_writes_a_partial_report() {
    let (_fake, search, dir) = setup().await;
    let out_dir = tempfile::tempdir().expect("tempdir");
    let report = out_dir.path().join("report.json");
    let state = out_dir.path().join("answers.toml");
    let args = format!(
        "audit --name 'Jane Smith' --checks '{}' --searxng {} --max-queries 1 --max-usernames 2 --timeout 3 --state '{}' -o '{}'",
        dir.path().display(),
        search.base,
        state.display(),
        report.display()
    );
    let status = tokio::task::spawn_blocking(move || {
        let settle = || std::thread::sleep(Duration::from_millis(250));
        let mut p = crate::support::pty(&args, 20_000);
        p.exp_string("Which of these do you use?")
            .expect("platforms");
        settle();
        p.send(" \r").expect("fakegram ticked");
        p.flush().expect("flush");
        p.exp_string("Question 1 of").expect("the first question");
        settle();
        p.send("\r").expect("answer it");
        p.flush().expect("flush");
        p.exp_string("Question 2 of").expect("the second question");
        settle();
        p.send_control('c').expect("Ctrl-C");
        p.exp_string("Written to").expect("report written");
        p.exp_string("Stopped early").expect("says so");
        p.exp_eof().expect("exits");
        p.process().wait().expect("exit status")
    })
    .await
    .expect("pty session");
    assert!(
        matches!(status, rexpect::process::WaitStatus::Exited(_, 130)),
        "{status:?}"
    );
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("report")).expect("JSON");
    assert_eq!(json["partial"], true);
    assert_eq!(json["stats"]["settings_answered"], 1);
    let saved = std::fs::read_to_string(&state).expect("answers saved");
    assert!(saved.contains("= \"yes\""), "{saved}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_at_a_question_ends_the_audit_like_ctrl_c() {
    let (_fake, search, dir) = setup().await;
    let out_dir = tempfile::tempdir().expect("tempdir");
    let state = out_dir.path().join("answers.toml");
    let args = format!(
        "audit --name 'Jane Smith' --checks '{}' --searxng {} --max-queries 1 --max-usernames 2 --timeout 3 --state '{}' -o '{}'",
        dir.path().display(),
        search.base,
        state.display(),
        out_dir.path().join("report.json").display()
    );
    let status = tokio::task::spawn_blocking(move || {
        let mut p = crate::support::pty(&args, 20_000);
        p.exp_string("Which of these do you use?")
            .expect("platforms");
        std::thread::sleep(Duration::from_millis(250));
        p.send(" \r").expect("fakegram ticked");
        p.flush().expect("flush");
        p.exp_string("Question 1 of").expect("the first question");
        std::thread::sleep(Duration::from_millis(250));
        p.send("\r").expect("answer it");
        p.flush().expect("flush");
        p.exp_string("Question 2 of").expect("the second question");
        p.process_mut()
            .signal(rexpect::process::Signal::SIGTERM)
            .expect("SIGTERM");
        // The signal cuts the question's read short, so the run ends as after Ctrl-C:
        // the report of what finished, with the answer given.
        p.exp_string("Written to").expect("report written");
        p.exp_string("Stopped early").expect("says so");
        p.exp_eof().expect("exits");
        p.process().wait().expect("exit status")
    })
    .await
    .expect("pty session");
    assert!(
        matches!(status, rexpect::process::WaitStatus::Exited(_, 130)),
        "{status:?}"
    );
    let saved = std::fs::read_to_string(&state).expect("answers saved");
    assert!(saved.contains("= \"yes\""), "{saved}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_on_one_login_never_share_answers() {
    let (_fake, search, dir) = setup().await;
    let out_dir = tempfile::tempdir().expect("tempdir");
    // Both use the default place for saved answers (the test run's private data folder).
    let audit = |name: &str| {
        format!(
            "audit --name '{name}' --school 'Two People Academy' --checks '{}' --searxng {} --max-queries 1 --max-usernames 2 --timeout 3 -o '{}'",
            dir.path().display(),
            search.base,
            out_dir.path().join("report.json").display()
        )
    };
    let (jane, tom) = (audit("Jane Twopeople"), audit("Tom Twopeople"));
    tokio::task::spawn_blocking(move || {
        let settle = || std::thread::sleep(Duration::from_millis(250));
        let mut p = crate::support::pty(&jane, 20_000);
        p.exp_string("Which of these do you use?").expect("picker");
        settle();
        p.send(" \r").expect("fakegram ticked");
        p.flush().expect("flush");
        p.exp_string("Question 1 of").expect("a question");
        settle();
        p.send_control('c').expect("Ctrl-C");
        p.exp_eof().expect("Jane's run ends");
        // Tom on the same login is asked from the start, not given Jane's answers.
        let mut p = crate::support::pty(&tom, 20_000);
        p.exp_string("Which of these do you use?")
            .expect("Tom starts from the beginning");
        settle();
        p.send_control('c').expect("Ctrl-C");
        p.exp_eof().expect("Tom's run ends");
        // And Jane, coming back, carries on where she was.
        let mut p = crate::support::pty(&jane, 20_000);
        p.exp_string("Question 1 of")
            .expect("Jane resumes at her question");
        settle();
        p.send_control('c').expect("Ctrl-C");
        p.exp_eof().expect("ends");
    })
    .await
    .expect("pty sessions");
}

#[test]
fn a_state_file_of_someone_else_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("answers.toml");
    std::fs::write(
        &state,
        "[person]\nname = \"Tom Jones\"\nschool = \"Oakwood Academy\"\n",
    )
    .expect("write");
    let out = crate::support::pty(
        &format!(
            "checklist --name 'Jane Smith' --school 'Oakwood Academy' --state '{}'",
            state.display()
        ),
        15_000,
    )
    .exp_eof()
    .expect("exits");
    assert!(out.contains("holds the answers of Tom Jones"), "{out}");
}

/// Runs an audit in a pty, takes it to `phase`, presses Ctrl-C there, and returns the
/// exit status and the report written.
async fn ctrl_c_in(phase: &'static str) -> (rexpect::process::WaitStatus, Value) {
    let (_fake, search, dir) = setup().await;
    // A search backend slow enough that the network is still busy after the questions.
    let slow = Replay::start(|_| {
        std::thread::sleep(Duration::from_secs(3));
        (
            200,
            vec![("content-type", "application/json".into())],
            MIXED.to_string(),
        )
    })
    .await
    .expect("slow backend");
    let base = if phase == "waiting" {
        slow.base.clone()
    } else {
        search.base.clone()
    };
    let out_dir = tempfile::tempdir().expect("tempdir");
    let report = out_dir.path().join("report.json");
    let args = format!(
        "audit --name 'Jane Smith' --school 'Oakwood Academy' --checks '{}' --searxng {base} --max-queries 2 --max-usernames 2 --timeout 8 --state '{}' -o '{}'",
        dir.path().display(),
        out_dir.path().join("answers.toml").display(),
        report.display()
    );
    let status = tokio::task::spawn_blocking(move || {
        let settle = || std::thread::sleep(Duration::from_millis(250));
        let mut p = crate::support::pty(&args, 30_000);
        p.exp_string("Which of these do you use?").expect("picker");
        settle();
        if phase != "picker" {
            p.send("\r").expect("nothing ticked: no questions");
            p.flush().expect("flush");
            match phase {
                "review" => {
                    p.exp_string("Is this you?").expect("review");
                }
                _ => {
                    p.exp_string("last checks are still running")
                        .expect("waiting for the network");
                }
            }
            settle();
        }
        p.send_control('c').expect("Ctrl-C");
        p.exp_string("Written to").expect("report written");
        p.exp_eof().expect("exits");
        p.process().wait().expect("status")
    })
    .await
    .expect("pty");
    let json =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("report")).expect("JSON");
    (status, json)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_in_the_picker_the_review_or_the_wait_writes_a_partial_report() {
    for phase in ["picker", "review", "waiting"] {
        let (status, json) = ctrl_c_in(phase).await;
        assert!(
            matches!(status, rexpect::process::WaitStatus::Exited(_, 130)),
            "{phase}: {status:?}"
        );
        assert_eq!(json["partial"], true, "{phase}");
    }
}

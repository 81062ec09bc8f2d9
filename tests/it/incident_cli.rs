//! `findable incident` end to end: without a terminal the flags alone give the summary and
//! every step; `--log` writes a private evidence log (CSV and printable HTML) and adds to
//! one that is there without losing a row; `-o log.html` writes the printable log; bad
//! input exits 2. In a pseudo-terminal of 80x24 it asks what the flags left out, shows the
//! summary on the first screen, then one step per Enter until q, and offers the log.

use std::path::Path;
use std::time::Duration;

use crate::support::findable;
use predicates::prelude::*;
use rexpect::process::WaitStatus;
use rexpect::session::PtySession;

const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

#[test]
fn flags_alone_give_the_summary_then_the_tailored_steps_without_asking() {
    let assert = findable()
        .args([
            "incident",
            "--platform",
            "tiktok",
            "--impersonation",
            "--responsible",
            "parent",
            "--url",
            "https://www.tiktok.com/@fake_school",
        ])
        .timeout(Duration::from_secs(20))
        .assert()
        .success();
    let out = stdout(&assert);
    assert!(out.starts_with("What to do now\n"), "{out}");
    let summary: Vec<&str> = out.lines().skip(1).take(5).collect();
    assert!(summary.iter().all(|l| l.starts_with("  - ")), "{summary:?}");
    assert!(summary[4].contains("0344 381 4772"));
    let first_step = out.find(" 1. ").expect("numbered steps");
    assert!(
        out.find("POSH").expect("POSH") < first_step,
        "summary first"
    );
    for expected in [
        "Don't reply",
        "Report the fake account to TikTok",
        "https://support.tiktok.com/en/safety-hc/report-a-problem/report-an-impersonation-account",
        "parental code of conduct",
        "https://reportharmfulcontent.com/",
        "https://www.tiktok.com/@fake_school",
        "Username: fake_school",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(!out.contains("URGENT"), "no --threats, so nothing urgent");
    assert!(!out.contains("Step 1 of"), "not a terminal: all at once");
    assert!(stderr(&assert).contains("--log"), "says how to start a log");
}

#[test]
fn threats_put_the_police_first_and_markdown_works() {
    let assert = findable()
        .args(["incident", "--threats", "--format", "md"])
        .timeout(Duration::from_secs(20))
        .assert()
        .success();
    let out = stdout(&assert);
    assert!(out.starts_with("# What to do now"), "{out}");
    assert!(out.contains("- Report it to the police now"), "{out}");
    assert!(
        out.contains("## 3. Urgent: Report it to the police now"),
        "{out}"
    );
    assert!(out.contains("999") && out.contains("101"));
}

#[test]
fn each_kind_and_the_colleague_path_from_flags() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["--kind", "contact", "--responsible", "pupil"],
            &[
                "Don't accept it or reply",
                "Block the account",
                "social media policy",
            ],
        ),
        (
            &["--kind", "calls"],
            &[
                "hang up",
                "Tell your phone company",
                "ofcom.org.uk",
                "criminal offence",
            ],
        ),
        (
            &["--kind", "sexual-harassment", "--platform", "instagram"],
            &[
                "URGENT: Report it to the police now",
                "swgfl.co.uk",
                "cyberflashing",
            ],
        ),
        (
            &["--for-colleague", "--responsible", "pupil"],
            &[
                "What to do now (you are acting for a colleague)",
                "Ask them not to reply",
                "Record it and tell the headteacher today",
                "Make sure your colleague has support",
            ],
        ),
    ];
    for (args, expected) in cases {
        let assert = findable()
            .arg("incident")
            .args(*args)
            .timeout(Duration::from_secs(20))
            .assert()
            .success();
        let out = stdout(&assert);
        for want in *expected {
            assert!(out.contains(want), "{args:?}: missing {want:?} in:\n{out}");
        }
    }
    findable()
        .args(["incident", "--kind", "calls", "--impersonation"])
        .assert()
        .code(2);
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

fn rows(path: &Path) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(path).expect("csv");
    assert_eq!(reader.headers().expect("header").get(0), Some("Date seen"));
    reader.records().collect::<Result<_, _>>().expect("rows")
}

#[test]
fn log_dir_gets_a_csv_and_a_printable_page_and_a_second_account_is_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("incident");
    findable()
        .args([
            "incident",
            "--platform",
            "instagram",
            "--responsible",
            "pupil",
        ])
        .args(["--url", "https://www.instagram.com/mr_smith_fake/"])
        .arg("--log")
        .arg(&log)
        .timeout(Duration::from_secs(20))
        .assert()
        .success()
        .stdout(predicate::str::contains("behaviour policy"))
        .stderr(predicate::str::contains("Evidence log started"));

    let csv_path = log.join("evidence-log.csv");
    let html_path = log.join("evidence-log.html");
    let first = rows(&csv_path);
    assert!(first.len() > 1, "a filled row and blank ones");
    assert_eq!(first[0].get(2), Some("Instagram"));
    assert_eq!(
        first[0].get(3),
        Some("https://www.instagram.com/mr_smith_fake/")
    );
    assert_eq!(
        first[0].get(4),
        Some("mr_smith_fake"),
        "username from the URL"
    );
    let html = std::fs::read_to_string(&html_path).expect("html");
    assert!(html.contains("<h1>Evidence log</h1>") && !html.contains("<script"));
    assert!(html.contains("mr_smith_fake"));
    assert!(
        !log.join("evidence-log.md").exists(),
        "the HTML copy replaces it"
    );
    for path in [&csv_path, &html_path] {
        assert_eq!(mode(path), 0o600, "{}", path.display());
    }

    // The person fills in the first row, then a second account turns up.
    let filled = std::fs::read_to_string(&csv_path).expect("read").replacen(
        ",,Instagram",
        "2026-11-20,08:15,Instagram",
        1,
    );
    std::fs::write(&csv_path, &filled).expect("edit");
    let assert = findable()
        .args(["incident", "--impersonation", "--no-input"])
        .args(["--url", "https://x.com/mr_smith_fake2/status/123"])
        .arg("--log")
        .arg(&log)
        .timeout(Duration::from_secs(20))
        .assert()
        .success();
    assert!(
        stderr(&assert).contains("now has 2 entries"),
        "{}",
        stderr(&assert)
    );
    let second = rows(&csv_path);
    assert_eq!(second.len(), first.len() + 1, "one row added, none lost");
    assert_eq!(
        second[0].get(0),
        Some("2026-11-20"),
        "the person's notes are kept"
    );
    assert_eq!(second[1].get(2), Some("X (Twitter)"));
    assert_eq!(second[1].get(4), Some("mr_smith_fake2"));
    assert!(
        std::fs::read_to_string(&csv_path)
            .expect("read")
            .starts_with(&filled[..200])
    );
    let html = std::fs::read_to_string(&html_path).expect("html");
    assert!(html.contains("mr_smith_fake2") && html.contains("2026-11-20"));
    for path in [&csv_path, &html_path] {
        assert_eq!(mode(path), 0o600, "still owner-only: {}", path.display());
    }
}

#[test]
fn a_log_findable_cannot_read_or_did_not_make_is_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv_path = dir.path().join("evidence-log.csv");
    std::fs::write(&csv_path, "my notes").expect("write");
    let assert = findable()
        .args(["incident", "--log"])
        .arg(dir.path())
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty());
    let err = stderr(&assert);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("evidence-log.csv") && err.contains("column"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&csv_path).expect("read"),
        "my notes"
    );

    let other = tempfile::tempdir().expect("tempdir");
    let html_path = other.path().join("evidence-log.html");
    std::fs::write(&html_path, "<p>my own page</p>").expect("write");
    findable()
        .args(["incident", "--log"])
        .arg(other.path())
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not made by findable"));
    assert_eq!(
        std::fs::read_to_string(&html_path).expect("read"),
        "<p>my own page</p>"
    );
    assert!(!other.path().join("evidence-log.csv").exists());
}

#[test]
fn o_html_writes_the_printable_log_and_the_steps_still_show() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("log.html");
    let assert = findable()
        .args([
            "incident",
            "--url",
            "https://www.tiktok.com/@someone/video/1",
            "-o",
        ])
        .arg(&page)
        .timeout(Duration::from_secs(20))
        .assert()
        .success();
    assert!(stdout(&assert).starts_with("What to do now"));
    let html = std::fs::read_to_string(&page).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("someone"));
    assert!(!html.contains("<script"));
    assert_eq!(mode(&page), 0o600);
}

#[test]
fn unknown_platform_exits_2_with_one_line() {
    let assert = findable()
        .args(["incident", "--platform", "myspace"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty());
    let err = stderr(&assert);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("--platform") && err.contains("myspace"),
        "{err}"
    );
}

fn spawn(args: &str) -> PtySession {
    crate::support::pty(&format!("incident {args}"), 15_000)
}

/// Gives the prompt time to switch the terminal to raw mode, then sends `keys`.
fn keys(p: &mut PtySession, keys: &[&str]) {
    std::thread::sleep(Duration::from_millis(250));
    for key in keys {
        p.send(key).expect("send");
        p.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// Every question answered by flags, so the terminal goes straight to the steps.
const ANSWERED: &str = "--for-colleague --kind content --platform tiktok --responsible pupil \
                        --threats --url https://www.tiktok.com/@fake_head";

#[test]
fn in_a_terminal_the_summary_comes_first_then_one_step_per_enter_until_q() {
    let mut p = spawn(ANSWERED);
    let first_screen = p
        .exp_string("Press Enter for the steps")
        .expect("the first prompt");
    assert!(first_screen.contains("What to do now"), "{first_screen}");
    assert!(
        first_screen.contains("0344 381 4772"),
        "POSH on the first screen"
    );
    assert!(
        first_screen.lines().count() < 24,
        "the summary and the prompt fit one 80x24 screen:\n{first_screen}"
    );
    assert!(!first_screen.contains("Step 1"), "no step before Enter");
    keys(&mut p, &["\r"]);
    p.exp_string("Step 1 of 10: Ask them not to reply")
        .expect("Enter shows step 1");
    p.exp_string("Enter: step 2 of 10").expect("then waits");
    keys(&mut p, &["\r"]);
    p.exp_string("Step 2 of 10: Save the evidence")
        .expect("Enter shows step 2");
    let between = p.exp_string("Enter: step 3 of 10").expect("then waits");
    assert!(!between.contains("Step 3 of 10:"), "one step at a time");
    keys(&mut p, &["q"]);
    p.exp_string("Stopped before step 3 of 10")
        .expect("q stops");
    p.exp_eof().expect("exits");
    let status = p.process().wait().expect("status");
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}

#[test]
fn ctrl_c_between_steps_stops_with_130() {
    let mut p = spawn(ANSWERED);
    p.exp_string("Press Enter for the steps")
        .expect("the first prompt");
    keys(&mut p, &["\r"]);
    p.exp_string("Enter: step 2 of 10").expect("step 1 shown");
    std::thread::sleep(Duration::from_millis(250));
    p.send_control('c').expect("Ctrl-C");
    p.exp_string("Stopped.").expect("says so");
    p.exp_eof().expect("exits");
    let status = p.process().wait().expect("status");
    assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}");
}

#[test]
fn in_a_terminal_all_shows_every_step_at_once() {
    let mut p = spawn(&format!("{ANSWERED} --all"));
    let out = p.exp_string("10. Then help them").expect("every step");
    assert!(out.contains(" 3. URGENT: Report it to the police now"));
    assert!(!out.contains("Press Enter"), "nothing waits for a key");
    p.exp_eof().expect("exits");
}

#[test]
fn in_a_terminal_it_asks_what_the_flags_left_out_then_pages_and_offers_the_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("log");
    let mut p = spawn("--platform tiktok");
    p.exp_string("Who is this about?")
        .expect("me or a colleague");
    keys(&mut p, &["\r"]); // me
    p.exp_string("What happened?").expect("the kind");
    keys(&mut p, &[DOWN, "\r"]); // a fake account
    p.exp_string("web address").expect("the address");
    keys(&mut p, &["https://www.tiktok.com/@fake\r"]);
    p.exp_string("Who do you think is behind it?")
        .expect("who is responsible");
    keys(&mut p, &[UP, UP, UP, "\r"]); // from "I don't know" up to "A pupil"
    p.exp_string("Is any of that part of it?")
        .expect("the police question");
    keys(&mut p, &["\r"]); // No
    p.exp_string("Report it to TikTok, with its Report option")
        .expect("the summary, tailored to the platform");
    p.exp_string("Press Enter").expect("waits before the steps");
    for _ in 0..10 {
        keys(&mut p, &["\r"]);
    }
    p.exp_string("Report the fake account to TikTok")
        .expect("tailored to the kind");
    p.exp_string("behaviour policy").expect("the pupil route");
    p.exp_string("That was the last of the 10 steps")
        .expect("every step shown");
    p.exp_string("Start an evidence log")
        .expect("offers the log");
    keys(&mut p, &["y"]);
    p.exp_string("Folder").expect("asks where");
    // Replace the suggested folder with ours: Ctrl-U is not portable, so erase by hand.
    keys(&mut p, &[&"\x7f".repeat(200)]);
    keys(&mut p, &[&format!("{}\r", log.display())]);
    p.exp_string("Evidence log started").expect("written");
    p.exp_eof().expect("exits");

    let csv = std::fs::read_to_string(log.join("evidence-log.csv")).expect("csv written");
    assert!(csv.contains("https://www.tiktok.com/@fake,fake,"), "{csv}");
    assert!(csv.contains("pretending"), "{csv}");
    assert!(log.join("evidence-log.html").exists());
}

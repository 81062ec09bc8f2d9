//! `findable incident` end to end: without a terminal the flags alone give tailored steps,
//! `--log` writes a private evidence log and never replaces one, bad input exits 2; in a
//! pseudo-terminal it asks what the flags left out and offers to start the log.

use std::time::Duration;

use crate::support::findable;
use predicates::prelude::*;
use rexpect::session::PtySession;

const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";

#[test]
fn flags_alone_give_the_tailored_steps_without_asking() {
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
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    for expected in [
        "Don't reply",
        "Report the fake account to TikTok",
        "https://support.tiktok.com/en/safety-hc/report-a-problem/report-an-impersonation-account",
        "parental code of conduct",
        "0344 381 4772",
        "https://reportharmfulcontent.com/",
        "https://www.tiktok.com/@fake_school",
        "Username: fake_school",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(!out.contains("URGENT"), "no --threats, so nothing urgent");
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("--log"), "says how to start a log: {err}");
}

#[test]
fn threats_put_the_police_first_class_and_markdown_works() {
    let assert = findable()
        .args(["incident", "--threats", "--format", "md"])
        .timeout(Duration::from_secs(20))
        .assert()
        .success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.starts_with("# What to do, in order"));
    assert!(
        out.contains("## 3. Urgent: Report it to the police now"),
        "{out}"
    );
    assert!(out.contains("999") && out.contains("101"));
}

#[test]
fn log_dir_gets_both_files_readable_by_the_owner_only() {
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
        .arg("--url")
        .arg("https://www.instagram.com/p/abc/")
        .arg("--log")
        .arg(&log)
        .timeout(Duration::from_secs(20))
        .assert()
        .success()
        .stdout(predicate::str::contains("behaviour policy"));

    let csv_path = log.join("evidence-log.csv");
    let md_path = log.join("evidence-log.md");
    let mut reader = csv::Reader::from_path(&csv_path).expect("csv");
    assert_eq!(reader.headers().expect("header").get(0), Some("Date seen"));
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert!(rows.len() > 1, "a filled row and blank ones");
    assert_eq!(rows[0].get(2), Some("Instagram"));
    assert_eq!(rows[0].get(3), Some("https://www.instagram.com/p/abc/"));
    assert_eq!(
        rows[0].get(4),
        Some(""),
        "a post's address names no account"
    );
    let md = std::fs::read_to_string(&md_path).expect("md");
    assert!(md.contains("| Date seen |") && md.contains("How to keep this"));

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for path in [&csv_path, &md_path] {
            let mode = std::fs::metadata(path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", path.display());
        }
    }

    // A second run must not replace a log the person may have filled in.
    std::fs::write(&csv_path, "my notes").expect("edit");
    findable()
        .args(["incident", "--log"])
        .arg(&log)
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty());
    assert_eq!(
        std::fs::read_to_string(&csv_path).expect("read"),
        "my notes"
    );
}

#[test]
fn unknown_platform_exits_2_with_one_line() {
    let assert = findable()
        .args(["incident", "--platform", "myspace"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty());
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
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

#[test]
fn in_a_terminal_it_asks_what_the_flags_left_out_then_offers_the_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("log");
    let mut p = spawn("--platform tiktok");
    p.exp_string("What is it?")
        .expect("content or fake account");
    keys(&mut p, &[DOWN, "\r"]); // a fake account
    p.exp_string("Who do you think is behind it?")
        .expect("who is responsible");
    keys(&mut p, &[UP, UP, UP, "\r"]); // from "I don't know" up to "A pupil"
    p.exp_string("threats").expect("the police question");
    keys(&mut p, &["\r"]); // No
    p.exp_string("URL").expect("the address");
    keys(&mut p, &["https://www.tiktok.com/@fake\r"]);
    p.exp_string("Report the fake account to TikTok")
        .expect("tailored to the platform and kind");
    p.exp_string("behaviour policy").expect("the pupil route");
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
    assert!(csv.contains("https://www.tiktok.com/@fake"), "{csv}");
    assert!(csv.contains("pretending"), "{csv}");
    assert!(log.join("evidence-log.md").exists());
}

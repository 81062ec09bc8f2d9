//! `findable checklist` end to end: the walkthrough driven for real in a pseudo-terminal
//! (answer, go back, skip, quit, resume), the answers-file path, and the printable list.

use std::time::Duration;

use crate::support::findable;
use rexpect::session::PtySession;
use serde_json::Value;

const CHECKS: &str = "fixtures/checks/walkthrough";
const DOWN: &str = "\x1b[B";

fn spawn(state: &std::path::Path) -> PtySession {
    let args = format!("checklist --checks {CHECKS} --state '{}'", state.display());
    crate::support::pty(&args, 15_000)
}

/// Gives the prompt time to switch the terminal to raw mode before keys arrive.
fn settle() {
    std::thread::sleep(Duration::from_millis(250));
}

/// Moves the selection down `n` times, then presses Enter.
fn pick(p: &mut PtySession, n: usize) {
    settle();
    for _ in 0..n {
        p.send(DOWN).expect("send");
        p.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(30));
    }
    p.send("\r").expect("enter");
    p.flush().expect("flush");
}

#[test]
fn walkthrough_answer_back_skip_quit_and_resume() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("answers.toml");

    let mut p = spawn(&state);
    p.exp_string("Which of these do you use?")
        .expect("platform question");
    p.exp_string("Beta").expect("the list");
    settle();
    p.send(" ").expect("tick Alpha");
    p.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(50));
    p.send("\r").expect("enter");
    p.flush().expect("flush");
    p.exp_string("Question 1 of 3").expect("first question");
    p.exp_string("Alpha private account").expect("its label");
    p.exp_string("Where:").expect("where to find it");
    p.exp_string("the safe setting")
        .expect("the safe answer first");
    pick(&mut p, 0); // Yes
    p.exp_string("Safe: nothing to change").expect("feedback");
    p.exp_string("Question 2 of 3").expect("second question");
    p.exp_string("Alpha tagging review")
        .expect("the same platform");
    pick(&mut p, 4); // Back
    p.exp_string("Question 1 of 3").expect("back to the first");
    // The answer given is selected: one down from it is "No".
    pick(&mut p, 1); // No
    p.exp_string("To change:")
        .expect("feedback says what to change");
    p.exp_string("Question 2 of 3").expect("second again");
    pick(&mut p, 5); // Skip Alpha
    p.exp_string("Question 1 of 1").expect("Alpha skipped");
    p.exp_string("Search your name").expect("the general check");
    pick(&mut p, 6); // Save and quit
    p.exp_string("Saved.").expect("saved on quit");
    p.exp_eof().expect("exits");

    let saved = std::fs::read_to_string(&state).expect("answers saved");
    assert!(saved.contains("a1 = \"no\""), "{saved}");
    assert!(saved.contains("skipped = [\"alpha\"]"), "{saved}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&state)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "answers are private");
    }

    // Resume: no platform question, straight to the unanswered one; then the skipped
    // platform is offered again, and if left, it is listed as not checked yet.
    let mut p = spawn(&state);
    p.exp_string("Question 1 of 1")
        .expect("resumes where it stopped");
    pick(&mut p, 0); // Yes
    p.exp_string("You skipped Alpha").expect("offered again");
    pick(&mut p, 1); // No: leave it
    p.exp_string("You have answered 1 of 1 question (not finished yet).")
        .expect("not finished while Alpha is skipped");
    p.exp_string("Not checked yet (you skipped Alpha)")
        .expect("the skipped platform is listed");
    p.exp_eof().expect("exits");
}

#[test]
fn answers_from_a_file_give_the_same_result_without_prompts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("answers.toml");
    std::fs::write(
        &file,
        "uses = [\"alpha\"]\nskipped = [\"general\"]\n[settings.alpha]\na1 = \"no\"\na2 = \"yes\"\n",
    )
    .expect("write answers");
    let out = findable()
        .args([
            "checklist",
            "--checks",
            CHECKS,
            "--format",
            "json",
            "--answers",
        ])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["finished"], false, "the general check was skipped");
    assert_eq!(json["skipped"][0], "Search yourself");
    assert_eq!(json["answered"], 2);
    assert_eq!(json["open"][0]["setting"], "a1");
    assert_eq!(json["open"].as_array().map(Vec::len), Some(1));

    let json_file = dir.path().join("answers.json");
    std::fs::write(
        &json_file,
        r#"{"uses":["alpha"],"settings":{"alpha":{"a1":"not-sure"}}}"#,
    )
    .expect("write");
    let out = findable()
        .args(["checklist", "--checks", CHECKS, "--answers"])
        .arg(&json_file)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("not finished yet"), "{text}");
    assert!(text.contains("you were not sure: check it"), "{text}");
}

#[test]
fn a_bad_answers_file_names_the_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("answers.toml");
    std::fs::write(
        &file,
        "uses = [\"alpha\"]\n[settings.alpha]\nzz = \"yes\"\n",
    )
    .expect("write");
    let out = findable()
        .args(["checklist", "--checks", CHECKS, "--answers"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("alpha has no setting called \"zz\""),
        "{stderr}"
    );
    std::fs::write(
        &file,
        "uses = [\"alpha\"]\n[settings.alpha]\na1 = \"maybe\"\n",
    )
    .expect("write");
    let out = findable()
        .args(["checklist", "--checks", CHECKS, "--answers"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("answers.toml:3:"));
}

#[test]
fn without_a_terminal_or_answers_it_says_so_instead_of_hanging() {
    let out = findable()
        .args(["checklist", "--checks", CHECKS])
        .timeout(Duration::from_secs(20))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("--answers FILE"), "{stderr}");
}

#[test]
fn print_writes_the_whole_checklist_without_asking() {
    let out = findable()
        .args(["checklist", "--print", "--platforms", "tiktok,instagram"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("## TikTok") && md.contains("## Instagram"),
        "{md}"
    );
    assert!(!md.contains("## Facebook"));

    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("checklist.html");
    let out = findable()
        .args(["checklist", "--print", "-o"])
        .arg(&page)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let html = std::fs::read_to_string(&page).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script") && !html.contains("src="));
}

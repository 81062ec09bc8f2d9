//! Hostile and broken input, each case once: a clear one-line error and exit 2 (or a safe
//! result), never a hang, a crash, a terminal escape or a report that reads as safe.

use std::time::Duration;

use crate::support::findable;

/// Runs findable and returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = findable()
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn bad_input(args: &[&str], says: &str) {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, Some(2), "{args:?}: {stderr}");
    assert!(stdout.is_empty(), "{args:?}: {stdout}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.contains(says), "{args:?}: {stderr}");
    assert!(!stderr.contains('\u{1b}'), "no escape reaches the terminal");
}

#[test]
fn names_and_usernames_with_control_or_invisible_characters_are_refused() {
    bad_input(
        &["variants", "--name", "Jane \u{1b}[2J\u{1b}[31mSmith"],
        "--name",
    );
    bad_input(&["variants", "--name", "Jane\nFound: Smith"], "--name");
    bad_input(
        &["variants", "--name", "Jane \u{202E}htimS"],
        "control or invisible",
    );
    bad_input(
        &["variants", "--name", "Jane Smith", "--town", "Leeds\u{7}"],
        "--town",
    );
    bad_input(
        &[
            "variants",
            "--name",
            "Jane Smith",
            "--username",
            "jane\u{200B}smith",
        ],
        "letters, digits",
    );
    let long = "j".repeat(10_000);
    bad_input(
        &["variants", "--name", "Jane Smith", "--username", &long],
        "longer than any platform allows",
    );
}

#[test]
fn huge_lists_are_refused_quickly_with_the_cap() {
    let mut args = vec!["variants", "--name", "Jane Smith"];
    let names: Vec<String> = (0..10_000).map(|i| format!("Name{i} Smith")).collect();
    for n in &names {
        args.extend(["--other-name", n.as_str()]);
    }
    bad_input(&args, "--other-name: 10000 given, at most 20");
}

#[test]
fn a_bad_subject_file_value_is_reported_at_its_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("me.toml");
    std::fs::write(
        &path,
        "name = \"Jane Smith\"\ntown = \"Leeds\"\nnicknames = [\"Janey\", \"\\u001b[31m\"]\n",
    )
    .expect("write");
    let shown = path.display().to_string();
    let (code, _, stderr) = run(&["variants", "--subject", &shown]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{shown}:3: nicknames")),
        "{stderr}"
    );
    assert!(
        !stderr.contains("--"),
        "names no flag the person never gave: {stderr}"
    );
}

#[cfg(unix)]
#[test]
fn devices_pipes_and_folders_are_refused_instead_of_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("subject.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let fifo = fifo.display().to_string();
    bad_input(&["variants", "--subject", &fifo], "not a regular file");
    bad_input(
        &["variants", "--subject", "/dev/zero"],
        "not a regular file",
    );
    let folder = dir.path().display().to_string();
    bad_input(&["variants", "--subject", &folder], "not a regular file");
    bad_input(
        &["checklist", "--answers", "/dev/zero"],
        "not a regular file",
    );
}

#[test]
fn a_huge_subject_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("me.toml");
    let mut text = String::from("name = \"Jane Smith\"\n");
    text.push_str(&format!("# {}\n", "x".repeat(2 * 1024 * 1024)));
    std::fs::write(&path, text).expect("write");
    bad_input(
        &["variants", "--subject", &path.display().to_string()],
        "larger than 1024 KiB",
    );
}

#[test]
fn search_addresses_must_be_web_addresses() {
    for (flag, value) in [
        ("--searxng", "file:///etc/passwd"),
        ("--searxng", "javascript:alert(1)"),
        ("--duckduckgo-url", "ftp://example.test/"),
        ("--brave-url", "file:///tmp/"),
    ] {
        bad_input(
            &["search", "--name", "Jane Smith", flag, value],
            &format!("{flag} "),
        );
    }
}

#[test]
fn a_broken_answers_file_is_reported_even_offline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let answers = dir.path().join("answers.toml");
    std::fs::write(&answers, "uses = [\"tiktok\"\n").expect("write");
    let shown = answers.display().to_string();
    bad_input(
        &[
            "audit",
            "--name",
            "Jane Smith",
            "--offline",
            "--answers",
            &shown,
        ],
        &shown,
    );
}

#[test]
fn a_mistyped_platform_lists_the_closest_few_not_all() {
    let (code, _, stderr) = run(&[
        "probe",
        "--username",
        "janesmith",
        "--offline",
        "--platforms",
        "tiktk",
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("the closest: tiktok"), "{stderr}");
    assert!(
        stderr.matches(", ").count() <= 4,
        "at most five names: {stderr}"
    );
}

#[cfg(unix)]
#[test]
fn output_to_a_device_writes_into_it_and_a_folder_is_refused() {
    let (code, stdout, stderr) = run(&["variants", "--name", "Jane Smith", "-o", "/dev/stdout"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("Names a pupil might search for"),
        "{stdout}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("out.txt");
    std::fs::create_dir(&folder).expect("mkdir");
    let (code, _, stderr) = run(&[
        "variants",
        "--name",
        "Jane Smith",
        "-o",
        &folder.display().to_string(),
    ]);
    assert_ne!(code, Some(0));
    assert!(stderr.contains("folder"), "{stderr}");
    assert!(folder.is_dir(), "the folder is untouched");
}

#[test]
fn two_walkthroughs_on_one_answers_file_do_not_overwrite_each_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("answers.toml");
    let args = format!(
        "checklist --checks fixtures/checks/walkthrough --state '{}'",
        state.display()
    );
    let mut first = crate::support::pty(&args, 15_000);
    first
        .exp_string("Which of these do you use?")
        .expect("the first run asks");
    let mut second = crate::support::pty(&args, 15_000);
    second
        .exp_string("another findable is using")
        .expect("the second run is told");
    second.exp_eof().expect("and stops");
    first.send_control('c').expect("Ctrl-C");
    first.exp_eof().expect("the first run ends");
}

#[test]
fn ctrl_c_in_the_checklist_saves_and_exits_130() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("answers.toml");
    let args = format!(
        "checklist --checks fixtures/checks/walkthrough --state '{}'",
        state.display()
    );
    let mut p = crate::support::pty(&args, 15_000);
    p.exp_string("Which of these do you use?").expect("picker");
    std::thread::sleep(Duration::from_millis(250));
    p.send(" \r").expect("tick one");
    p.flush().expect("flush");
    p.exp_string("Question 1 of").expect("first question");
    std::thread::sleep(Duration::from_millis(250));
    p.send("\r").expect("answer");
    p.flush().expect("flush");
    p.exp_string("Question 2 of").expect("second question");
    std::thread::sleep(Duration::from_millis(250));
    p.send_control('c').expect("Ctrl-C");
    p.exp_string("Saved.").expect("says it is saved");
    p.exp_eof().expect("exits");
    let status = p.process().wait().expect("status");
    assert!(
        matches!(status, rexpect::process::WaitStatus::Exited(_, 130)),
        "{status:?}"
    );
    let saved = std::fs::read_to_string(&state).expect("answers saved");
    assert!(saved.contains("= \"yes\""), "{saved}");
}

#[test]
fn an_unusable_answers_folder_is_reported_before_the_first_question() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A file where the folder should be: no one (root included) can save under it.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").expect("write");
    let args = format!(
        "checklist --checks fixtures/checks/walkthrough --state '{}/answers.toml'",
        blocker.display()
    );
    let mut p = crate::support::pty(&args, 15_000);
    let (before, _) = p.exp_regex("error: [^\r\n]*").expect("an error");
    assert!(
        !before.contains("Which of these do you use?"),
        "asked first: {before}"
    );
    p.exp_eof().expect("and stops");
    let status = p.process().wait().expect("status");
    assert!(
        !matches!(status, rexpect::process::WaitStatus::Exited(_, 0)),
        "{status:?}"
    );
}

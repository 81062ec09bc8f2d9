//! The command line end to end: what a person types and what they see.

use crate::support::findable;
use predicates::prelude::*;
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = findable().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn texts(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|v| v["text"].as_str().expect("text").to_string())
        .collect()
}

#[test]
fn variants_json_done_when_example() {
    let v = json(&[
        "variants",
        "--name",
        "Elizabeth O'Brien-Smith",
        "--title",
        "Ms",
        "--format",
        "json",
    ]);
    let names = texts(&v["names"]);
    let usernames = texts(&v["usernames"]);
    for n in ["Liz O'Brien-Smith", "Ms O'Brien-Smith"] {
        assert!(names.contains(&n.to_string()), "{n} not in {names:?}");
    }
    for u in [
        "elizabeth.obriensmith",
        "lizobriensmith",
        "eobriensmith",
        "msobriensmith",
    ] {
        assert!(
            usernames.contains(&u.to_string()),
            "{u} not in {usernames:?}"
        );
    }
    let first = &v["usernames"][0];
    assert!(first["source"].is_string() && first["weight"].is_f64());
}

#[test]
fn variants_keeps_diacritics_in_names_only() {
    let v = json(&["variants", "--name", "Zoë Taylor", "--format", "json"]);
    assert!(texts(&v["names"]).contains(&"Zoë Taylor".to_string()));
    assert!(texts(&v["usernames"]).contains(&"zoetaylor".to_string()));
}

#[test]
fn variants_max_caps_each_list() {
    let v = json(&[
        "variants",
        "--name",
        "Jane Smith",
        "--title",
        "Ms",
        "--max",
        "5",
        "--format",
        "json",
    ]);
    assert_eq!(v["names"].as_array().map(Vec::len), Some(5));
    assert_eq!(v["usernames"].as_array().map(Vec::len), Some(5));
}

#[test]
fn variants_text_shows_both_lists_and_a_title_tip() {
    findable()
        .args(["variants", "--name", "Jane Smith", "--max", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Names a pupil might search for"))
        .stdout(predicate::str::contains(
            "Usernames a pupil might try (3 of",
        ))
        .stdout(predicate::str::contains("janesmith"))
        .stderr(predicate::str::contains("--title"));
}

#[test]
fn variants_from_a_subject_file_with_flags_on_top() {
    let v = json(&[
        "variants",
        "--subject",
        "fixtures/subjects/liz.toml",
        "--nickname",
        "Betty",
        "--format",
        "json",
        "--max",
        "500",
    ]);
    let names = texts(&v["names"]);
    let usernames = texts(&v["usernames"]);
    assert_eq!(usernames[0], "lizzie_obs");
    for n in [
        "Lizzie O'Brien-Smith",
        "Betty O'Brien-Smith",
        "Ms Jones",
        "Elizabeth Jones",
    ] {
        assert!(names.contains(&n.to_string()), "{n}");
    }
    for u in ["msobriensmith84", "elizabethjones", "missjones"] {
        assert!(usernames.contains(&u.to_string()), "{u}");
    }
}

/// Bad input: exit 2, one line on stderr that names the problem, nothing on stdout.
fn rejects(args: &[&str], words: &str) {
    let out = findable().args(args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(
        stderr.trim().lines().count(),
        1,
        "{args:?}: not one line: {stderr}"
    );
    assert!(
        stderr.contains(words),
        "{args:?}: {stderr:?} lacks {words:?}"
    );
    assert!(!stderr.contains("panicked"));
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_input_is_one_clear_line_and_exit_2() {
    rejects(&["variants", "--name", ""], "--name is empty");
    rejects(&["variants", "--name", "   "], "--name is empty");
    rejects(&["variants", "--name", "12345 !!"], "has no letters");
    rejects(&["variants"], "no name given");
    rejects(
        &["variants", "--name", "Jane Smith", "--birth-year", "1899"],
        "birth year 1899",
    );
    rejects(
        &["variants", "--name", "Jane Smith", "--birth-year", "2999"],
        "birth year 2999",
    );
    rejects(
        &[
            "variants",
            "--name",
            "Jane Smith",
            "--username",
            "jane smith",
        ],
        "cannot contain spaces",
    );
    rejects(
        &["variants", "--name", "Jane Smith", "--other-name", "42"],
        "--other-name",
    );
    rejects(
        &["variants", "--name", "Jane Smith", "--title", "Ms Smith"],
        "title",
    );
    rejects(
        &["variants", "--subject", "fixtures/subjects/typo.toml"],
        "fixtures/subjects/typo.toml:3: unknown field `nickame`",
    );
    rejects(
        &["variants", "--subject", "fixtures/subjects/nope.toml"],
        "nope.toml: cannot read",
    );
    rejects(
        &["checks", "list", "--checks", "fixtures/checks/invalid/nope"],
        "--checks",
    );
}

#[test]
fn a_birth_year_that_is_not_a_number_is_a_usage_error() {
    findable()
        .args([
            "variants",
            "--name",
            "Jane Smith",
            "--birth-year",
            "eighty-four",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--birth-year"));
}

#[test]
fn checks_list_shows_the_shipped_platforms() {
    let out = findable().args(["checks", "list"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for id in [
        "instagram",
        "tiktok",
        "facebook",
        "snapchat",
        "x",
        "youtube",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(id)),
            "{id} missing:\n{text}"
        );
    }
    let v = json(&["checks", "list", "--format", "json"]);
    let checks = v["checks"].as_array().expect("checks array");
    assert!(checks.len() >= 6);
    for c in checks {
        let settings = c["settings"].as_array().expect("settings");
        assert!(settings.len() >= 4, "{}", c["id"]);
        assert!(
            settings
                .iter()
                .all(|s| s["help_url"].is_string() && s["as_of"].is_string())
        );
    }
}

#[test]
fn checks_list_can_use_another_directory() {
    let v = json(&[
        "checks",
        "list",
        "--checks",
        "fixtures/checks/valid",
        "--format",
        "json",
    ]);
    assert_eq!(v["checks"][0]["id"], "example");
}

#[test]
fn checks_validate_exits_0_when_valid() {
    findable()
        .args(["checks", "validate", "checks"])
        .assert()
        .success()
        .stdout(predicate::str::contains("all valid"));
}

#[test]
fn checks_validate_lists_every_problem_and_exits_1() {
    let out = findable()
        .args(["checks", "validate", "fixtures/checks/invalid"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.lines().count() >= 12, "{stdout}");
    assert!(stdout.contains("bad_regex.toml:13: username_rule is not a valid regex"));
    assert!(stdout.contains("unknown_key.toml:7: unknown field `colour`"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("problems in fixtures/checks/invalid"));
}

#[test]
fn an_invalid_checks_dir_elsewhere_is_bad_input() {
    let out = findable()
        .args(["checks", "list", "--checks", "fixtures/checks/invalid"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    // One line that starts with the first problem's file and line, and says how to see the
    // rest.
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: --checks: fixtures/checks/invalid/bad_date.toml:45:"),
        "{err}"
    );
    assert!(
        err.contains("and 12 more: `findable checks validate DIR`"),
        "{err}"
    );
}

#[test]
fn help_and_version_work() {
    findable()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("variants"));
    findable()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn findable_on_its_own_says_to_start_with_serve() {
    let out = findable().output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\n    findable serve\n"), "{err}");
    assert!(
        err.contains("findable audit") && err.contains("findable --help"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    findable()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("serve").and(predicate::str::contains("Start here")));
}

//! Every command that writes a document: `-o FILE` and `--format` by one rule (`--format`
//! wins, else the extension, else the command's default), an extension the command cannot
//! write is one clear line and exit 2, and a file is written whole and private.

use crate::support::findable;

/// Runs `args`; expects exit 2, one line on stderr with all of `words`, nothing written.
fn refuses(args: &[&str], file: &std::path::Path, words: &[&str]) {
    let out = findable().args(args).arg(file).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
    for word in words {
        assert!(stderr.contains(word), "{args:?}: {stderr:?} lacks {word:?}");
    }
    assert!(out.stdout.is_empty());
    assert!(!file.exists(), "{} was written", file.display());
}

#[test]
fn an_extension_a_command_cannot_write_is_refused_naming_the_flag_and_the_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let at = |name: &str| dir.path().join(name);
    refuses(
        &["audit", "--name", "Jane Smith", "--offline", "-o"],
        &at("report.docx"),
        &["-o ", "report.docx", ".txt", ".md", ".html", ".json"],
    );
    refuses(
        &["audit", "--name", "Jane Smith", "--no-checklist", "-o"],
        &at("report.pdf"),
        &["-o ", "the report", "HTML (.html)"],
    );
    refuses(
        &["variants", "--name", "Jane Smith", "-o"],
        &at("notes.html"),
        &["-o ", "notes.html", "text (.txt) or JSON (.json)"],
    );
    refuses(
        &["checklist", "--print", "-o"],
        &at("list.txt"),
        &["--print", "Markdown (.md) or HTML (.html)"],
    );
    refuses(
        &["incident", "--no-input", "-o"],
        &at("steps.json"),
        &["the steps", "text (.txt), Markdown (.md) or HTML (.html)"],
    );
    refuses(
        &["queries", "--name", "Jane Smith", "-o"],
        &at("q.md"),
        &["-o ", "q.md"],
    );
    refuses(&["checks", "list", "-o"], &at("checks.csv"), &[".csv"]);
}

#[test]
fn format_wins_then_the_extension_then_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let txt = dir.path().join("names.txt");
    let out = findable()
        .args(["variants", "--name", "Jane Smith", "--format", "json", "-o"])
        .arg(&txt)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Written to"));
    let written = std::fs::read_to_string(&txt).expect("written");
    serde_json::from_str::<serde_json::Value>(&written).expect("--format json wins over .txt");

    let json = dir.path().join("NAMES.JSON");
    findable()
        .args(["variants", "--name", "Jane Smith", "-o"])
        .arg(&json)
        .assert()
        .success();
    let written = std::fs::read_to_string(&json).expect("written");
    serde_json::from_str::<serde_json::Value>(&written).expect("the extension picks JSON");

    let plain = dir.path().join("names");
    findable()
        .args(["variants", "--name", "Jane Smith", "-o"])
        .arg(&plain)
        .assert()
        .success();
    let written = std::fs::read_to_string(&plain).expect("written");
    assert!(
        written.starts_with("Names a pupil might search for"),
        "{written}"
    );
}

#[test]
fn every_list_command_writes_a_private_file_with_o() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["probe", "--username", "janesmith84", "--offline"],
            "pages.txt",
            "Profile pages to open by hand",
        ),
        (
            &["queries", "--name", "Jane Smith", "--max-queries", "1"],
            "searches.json",
            "\"queries\"",
        ),
        (
            &["search", "--name", "Jane Smith", "--backend", "none"],
            "searches.txt",
            "Searches a pupil might run",
        ),
        (&["checks", "list"], "checks.txt", "ID "),
        (
            &["checklist", "--print", "--platforms", "tiktok"],
            "checklist.html",
            "<!DOCTYPE html>",
        ),
        (
            &["incident", "--no-input", "--threats"],
            "steps.md",
            "# What to do now",
        ),
    ];
    for (args, name, start) in cases {
        let path = dir.path().join(name);
        let out = findable()
            .args(args)
            .arg("-o")
            .arg(&path)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stdout.is_empty(),
            "{args:?}: the document went to the file"
        );
        let text = std::fs::read_to_string(&path).expect("written");
        assert!(text.contains(start), "{args:?}: {text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{name} is private");
        }
    }
}

#[test]
fn help_lists_each_commands_formats() {
    for (command, shown, hidden) in [
        ("variants", &["text", "json"][..], &["html", "md"][..]),
        ("audit", &["text", "md", "html", "json"][..], &[][..]),
        ("incident", &["text", "md", "html"][..], &["json"][..]),
    ] {
        let out = findable().args([command, "--help"]).output().expect("runs");
        let help = String::from_utf8_lossy(&out.stdout);
        let values = &help[help.find("Possible values").expect("listed")..];
        let values = &values[..values.find("-o, --output").unwrap_or(values.len())];
        for v in shown {
            assert!(
                values.contains(&format!("- {v}:")),
                "{command}: {v} in {values}"
            );
        }
        for v in hidden {
            assert!(!values.contains(&format!("- {v}:")), "{command}: no {v}");
        }
    }
}

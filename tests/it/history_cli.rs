//! The history store from the command line: audits saved and compared, `history`, `diff`,
//! `due`, `remind` (checked by a real iCalendar parser), `forget` and bad store files
//! (`history_crash` has the stress tests). No test touches the network: the audits here
//! probe only platforms that are checked by hand, and run no searches.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::findable;
use crate::support::history::{jane, omar, seed};

fn seeded() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("history.db");
    seed(&db);
    (dir, db)
}

fn run(args: &[&str], db: &Path) -> Output {
    findable()
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// An audit that sends nothing anywhere: only a platform checked by hand, no searches.
pub(crate) fn audit_args(name: &str) -> Vec<String> {
    [
        "audit",
        "--name",
        name,
        "--platforms",
        "instagram",
        "--backend",
        "none",
        "--no-checklist",
        "--quiet",
        "--format",
        "json",
    ]
    .map(str::to_string)
    .to_vec()
}

#[test]
fn an_audit_is_saved_and_the_next_says_what_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("history.db");
    let mut args = audit_args("Zoë Taylor");
    args.extend(["--school".into(), "Oakwood Academy".into()]);
    let first = findable()
        .args(&args)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    assert!(first.status.success(), "{}", stderr(&first));
    let report: serde_json::Value = serde_json::from_slice(&first.stdout).expect("json");
    assert_eq!(report["changes"]["items"], serde_json::json!([]));
    assert!(report["changes"].get("previous").is_none(), "a first audit");

    let again = findable()
        .args(&args)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).expect("json");
    assert_eq!(report["changes"]["previous"]["id"], 1);
    let statuses: Vec<&str> = report["changes"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["status"].as_str())
        .collect();
    assert!(
        !statuses.is_empty() && statuses.iter().all(|s| *s == "still-open"),
        "{statuses:?}"
    );

    // --no-save compares but keeps nothing.
    let unsaved = findable()
        .args(&args)
        .args(["--no-save", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&unsaved.stdout).expect("json");
    assert_eq!(report["changes"]["previous"]["id"], 2);
    let history = run(&["history", "--format", "json"], &db);
    let audits: serde_json::Value = serde_json::from_slice(&history.stdout).expect("json");
    assert_eq!(audits.as_array().map(Vec::len), Some(2));

    // The text report says it in words, at the top.
    let mut text_args = audit_args("Zoë Taylor");
    text_args.truncate(text_args.len() - 2);
    let text = findable()
        .args(&text_args)
        .args(["--school", "Oakwood Academy", "--no-save", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    let text = stdout(&text);
    let top: String = text.lines().take(12).collect::<Vec<_>>().join("\n");
    assert!(top.contains("Since your last audit ("), "{top}");
}

#[test]
fn history_lists_every_audit_in_80_columns() {
    let (_dir, db) = seeded();
    let out = run(&["history"], &db);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    insta::assert_snapshot!("history_text", text);
    let only = run(&["history", "--name", "omar haddad"], &db);
    assert!(stdout(&only).starts_with("Omar Haddad (Riverside Primary): 1 audit\n"));
    let nobody = run(&["history", "--name", "Nobody Here"], &db);
    assert_eq!(nobody.status.code(), Some(2));
    assert!(stderr(&nobody).contains("no audits of Nobody Here are saved"));
}

#[test]
fn diff_shows_the_last_two_side_by_side_in_every_format() {
    let (_dir, db) = seeded();
    let text = run(&["diff", "--name", "Jane Smith"], &db);
    assert!(text.status.success(), "{}", stderr(&text));
    let text = stdout(&text);
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    insta::assert_snapshot!("diff_text", text);
    let markdown = stdout(&run(&["diff", "2", "4", "--format", "md"], &db));
    insta::assert_snapshot!("diff_markdown", markdown);
    let html = stdout(&run(&["diff", "4", "--format", "html"], &db));
    insta::assert_snapshot!("diff_html", html);
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["diff", "1", "4", "--format", "json"], &db).stdout)
            .expect("json");
    assert_eq!(json["older"]["audit"]["date"], "2025-11-20");
    assert_eq!(json["newer"]["audit"]["date"], "2026-07-09");
    let several = run(&["diff"], &db);
    assert_eq!(several.status.code(), Some(2));
    assert!(stderr(&several).contains("say whose with --name"));
    let mixed = run(&["diff", "3", "4"], &db);
    assert_eq!(mixed.status.code(), Some(2));
    assert!(stderr(&mixed).contains("compare two audits of one person"));
    let missing = run(&["diff", "99"], &db);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no audit number 99"));
}

#[test]
fn nothing_saved_yet_is_said_plainly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("none.db");
    let history = run(&["history"], &db);
    assert!(history.status.success());
    assert!(stdout(&history).starts_with("No audits saved yet."));
    let due = run(&["due"], &db);
    assert_eq!(due.status.code(), Some(0), "nobody is due");
    let diff = run(&["diff"], &db);
    assert_eq!(diff.status.code(), Some(2));
    assert!(stderr(&diff).contains("not two audits to compare yet"));
    assert!(!db.exists(), "reading never makes a store");
}

#[test]
fn due_exits_1_when_someone_is_due() {
    let (_dir, db) = seeded();
    let out = run(&["due"], &db);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Jane Smith (Oakwood Academy): last audit 9 Jul 2026, due since 6 Nov 2026"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["due", "--format", "json"], &db).stdout).expect("json");
    assert_eq!(json[0]["due"], true);
    // A fresh audit is not due.
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = dir.path().join("history.db");
    let audit = findable()
        .args(audit_args("Zoë Taylor"))
        .arg("--db")
        .arg(&fresh)
        .output()
        .expect("runs");
    assert!(audit.status.success(), "{}", stderr(&audit));
    let out = run(&["due", "--every", "16w"], &fresh);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("Nobody is due"), "{}", stdout(&out));
    let bad = run(&["due", "--every", "3 months"], &fresh);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn remind_writes_a_calendar_a_real_parser_reads() {
    let (dir, db) = seeded();
    let ics = dir.path().join("reminders.ics");
    let out = run(&["remind", "--ics", ics.to_str().expect("utf-8")], &db);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("6 reminders"), "{}", stderr(&out));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&ics).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Python's icalendar package (installed by .ci/run): every event an all-day date with
    // a display alarm, the command in the description, and no parse errors anywhere.
    let check = r#"
import sys, datetime, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = cal.walk("VEVENT")
assert len(events) == 6, len(events)
for c in cal.walk():
    assert not c.errors, c.errors
for e in events:
    start = e.decoded("DTSTART")
    assert type(start) is datetime.date, start
    assert e.decoded("DTEND") - start == datetime.timedelta(days=1)
    assert "findable audit --name" in str(e["DESCRIPTION"]), e["DESCRIPTION"]
    alarms = e.walk("VALARM")
    assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == datetime.timedelta(hours=9)
print(sorted({str(e["SUMMARY"]) for e in events}))
"#;
    let parsed = std::process::Command::new("python3")
        .args(["-c", check])
        .arg(&ics)
        .output()
        .expect("python3 runs (.ci/run installs it with its icalendar package)");
    assert!(
        parsed.status.success(),
        "Python's icalendar rejected the file (or is not installed: pip install icalendar):\n{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&parsed.stdout).trim(),
        "['Re-audit with findable: Jane Smith', 'Re-audit with findable: Omar Haddad']"
    );
}

/// Every byte of the store, its log and its shared-memory file.
fn all_bytes(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap_or_default();
    for suffix in ["-wal", "-shm"] {
        let mut side = db.as_os_str().to_owned();
        side.push(suffix);
        bytes.extend(std::fs::read(PathBuf::from(side)).unwrap_or_default());
    }
    bytes
}

fn has(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn forget_erases_the_audits_and_answers_of_one_person() {
    let (dir, db) = seeded();
    let data = dir.path().join("data");
    let answers_dir = data.join("findable/answers");
    std::fs::create_dir_all(&answers_dir).expect("folder");
    let jane_file = answers_dir.join(format!("{}.toml", jane().key()));
    let omar_file = answers_dir.join(format!("{}.toml", omar().key()));
    for f in [&jane_file, &omar_file] {
        std::fs::write(f, "uses = []\n").expect("answers");
    }
    std::fs::write(
        answers_dir.join(".jane-smith@oakwood-academy.toml.Ab12Cd.findable-tmp"),
        "x",
    )
    .expect("a killed run's temporary");
    let forget = |args: &[&str]| {
        findable()
            .env("XDG_DATA_HOME", &data)
            .args(args)
            .arg("--db")
            .arg(&db)
            .output()
            .expect("runs")
    };

    // Without a terminal it will not erase anything unasked.
    let refused = forget(&["forget", "Jane Smith"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("add --yes"),
        "{}",
        stderr(&refused)
    );
    assert!(jane_file.exists());
    assert!(has(&all_bytes(&db), "Jane Smith"));

    let out = forget(&["forget", "jane smith", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains("Jane Smith (Oakwood Academy): 3 saved audits"),
        "{said}"
    );
    assert!(
        said.contains("Erased 3 saved audits of 1 person and 2 answers files."),
        "{said}"
    );
    let bytes = all_bytes(&db);
    for trace in [
        "Jane Smith",
        "jane-smith",
        "janesmith_teach",
        "oakwood.slander",
    ] {
        assert!(!has(&bytes, trace), "{trace} is still in the store file");
    }
    assert!(has(&bytes, "Omar Haddad"), "the others stay");
    let left: Vec<String> = std::fs::read_dir(&answers_dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, [format!("{}.toml", omar().key())]);

    let again = forget(&["forget", "Jane Smith", "--yes"]);
    assert!(
        stderr(&again).contains("nothing to erase"),
        "{}",
        stderr(&again)
    );
    let all = forget(&["forget", "--all", "--yes"]);
    assert!(all.status.success(), "{}", stderr(&all));
    assert!(!omar_file.exists());
    assert!(!has(&all_bytes(&db), "Omar Haddad"));
    let history = run(&["history"], &db);
    assert!(stdout(&history).starts_with("No audits saved yet."));
}

#[test]
fn forget_asks_in_a_terminal() {
    let (dir, db) = seeded();
    let args = format!("forget 'Jane Smith' --db '{}'", db.display());
    let mut p = crate::support::pty(&args, 15_000);
    p.exp_string("Erase all of this?").expect("asks");
    p.send_line("n").expect("answers");
    p.exp_string("Nothing was erased.").expect("keeps it");
    p.exp_eof().expect("ends");
    drop(dir);
}

#[test]
fn bad_store_files_are_one_line_errors_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("notes.db");
    std::fs::write(&notes, "Shopping: milk, eggs\n".repeat(50)).expect("write");
    let newer = dir.path().join("newer.db");
    seed(&newer);
    {
        let conn = rusqlite::Connection::open(&newer).expect("open");
        conn.pragma_update(None, "user_version", findable::store::SCHEMA_VERSION + 1)
            .expect("bump");
    }
    let damaged = dir.path().join("damaged.db");
    seed(&damaged);
    let mut bytes = std::fs::read(&damaged).expect("read");
    let len = bytes.len();
    for b in &mut bytes[4196..len - 4096] {
        *b = 0xa5;
    }
    std::fs::write(&damaged, &bytes).expect("damage it");

    for (path, says) in [
        (&notes, "is not a findable history file"),
        (&newer, "was written by a newer findable"),
        (&damaged, "is damaged"),
    ] {
        let before = all_bytes(path);
        let mut audit = audit_args("Zoë Taylor");
        audit.truncate(audit.len() - 2);
        let command_lines: [Vec<String>; 3] = [
            vec!["history".into()],
            vec!["diff".into(), "--name".into(), "Jane Smith".into()],
            audit,
        ];
        for args in command_lines {
            let out = findable()
                .args(&args)
                .arg("--db")
                .arg(path)
                .output()
                .expect("runs");
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
            assert!(
                err.contains(says) && err.contains("--db"),
                "{args:?}: {err}"
            );
            assert!(
                out.stdout.is_empty(),
                "{args:?}: no report before the error"
            );
            assert_eq!(
                all_bytes(path),
                before,
                "{args:?}: {} unchanged",
                path.display()
            );
        }
    }
}

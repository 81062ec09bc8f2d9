//! History benchmark: `findable history` and `findable diff` on a store of 1,000 saved
//! audits (the typical report, 10 people with 100 audits each), run as the release binary
//! from start to exit, as a teacher would; and the same work through the library, without
//! the process start. Prints a Markdown table of the median and slowest of the runs.
//!
//! Run: `cargo bench --bench history`. Nothing here touches the network.

#[path = "../tests/it/support/history.rs"]
#[allow(dead_code)]
mod history;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use findable::checklist::Person;
use findable::store::Store;

const PEOPLE: usize = 10;
const AUDITS_EACH: usize = 100;
const RUNS: usize = 21;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("history.db");
    let start = Instant::now();
    fill(&db);
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "Store: {} audits of {PEOPLE} people, {:.1} MB, written in {:.1} s.\n",
        PEOPLE * AUDITS_EACH,
        size as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    println!("| what | runs | median (ms) | slowest (ms) |");
    println!("|---|---|---|---|");
    let db_arg = db.to_str().expect("utf-8 path");
    for (what, args) in [
        ("`findable history` (all 1,000)", vec!["history"]),
        (
            "`findable history --name \"Person 3\"` (100)",
            vec!["history", "--name", "Person 3"],
        ),
        (
            "`findable diff --name \"Person 3\"` (the last two)",
            vec!["diff", "--name", "Person 3"],
        ),
        (
            "`findable diff 1 991` (one person's first and last)",
            vec!["diff", "1", "991"],
        ),
        (
            "`findable diff --name \"Person 3\" --format html`",
            vec!["diff", "--name", "Person 3", "--format", "html"],
        ),
        ("`findable due`", vec!["due"]),
    ] {
        let times = timed(|| binary(&args, db_arg));
        row(what, &times);
    }
    let store = Store::open_existing(&db).expect("opens").expect("there");
    row(
        "library: `Store::history` (all 1,000)",
        &timed(|| {
            assert_eq!(store.history(None).expect("history").len(), 1000);
        }),
    );
    row(
        "library: the last two audits loaded and compared",
        &timed(|| {
            let newer = store.audit(1000).expect("audit");
            let older = store.before(&newer).expect("before").expect("one");
            let diff = findable::changes::diff(&newer.person, older.snapshot(), newer.snapshot());
            assert!(!diff.changes.items.is_empty());
        }),
    );
}

/// 1,000 audits: each person's typical report, with a few findings dropped in turn so
/// each audit differs from the one before.
fn fill(db: &Path) {
    let mut store = Store::open(db).expect("store");
    let typical = history::typical();
    for round in 0..AUDITS_EACH {
        for p in 0..PEOPLE {
            let person = Person {
                name: format!("Person {p}"),
                school: Some("Oakwood Academy".into()),
            };
            let mut report = typical.clone();
            report.subject.name = person.name.clone();
            let day = jiff::civil::date(2020, 1, 1)
                .checked_add(jiff::Span::new().days(i64::try_from(round * 14).unwrap_or(0)))
                .expect("date");
            report.date = day.to_string();
            let drop = round % report.findings.len();
            report.findings.remove(drop);
            store.save_audit(&person, &report, None).expect("saved");
        }
    }
}

fn binary(args: &[&str], db: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_findable"))
        .args(args)
        .args(["--db", db])
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    // `due` exits 1 when someone is due, as they all are here.
    assert!(matches!(status.code(), Some(0 | 1)), "{args:?}: {status}");
}

fn timed(mut f: impl FnMut()) -> Vec<Duration> {
    f(); // warm the page cache
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn row(what: &str, times: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {what} | {} | {:.1} | {:.1} |",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}

//! The history store under stress: two audits of different people at once, and an audit
//! or a `forget` killed with SIGKILL at random moments, after which the store must open
//! whole with the old state or the new. No test touches the network.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::history_cli::audit_args;
use crate::support::findable_process;
use crate::support::history::{jane, omar, seed};
use findable::store::Store;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn two_audits_of_different_people_at_once_both_land() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("history.db");
    let names = ["Zoë Taylor", "Omar Haddad", "Siobhán Ní Bhriain"];
    let children: Vec<_> = names
        .iter()
        .map(|name| {
            findable_process()
                .args(audit_args(name))
                .arg("--db")
                .arg(&db)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("starts")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("ends");
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let store = Store::open(&db).expect("opens");
    let people: Vec<String> = store
        .people()
        .expect("people")
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(people, ["Omar Haddad", "Siobhán Ní Bhriain", "Zoë Taylor"]);
}

/// Kills `args` with SIGKILL after `delay`, unless it has ended by then.
fn kill_after(args: &[String], db: &Path, data: &Path, delay: Duration) {
    let mut child = findable_process()
        .args(args)
        .arg("--db")
        .arg(db)
        .env("XDG_DATA_HOME", data)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("starts");
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
}

/// How long `args` takes to run to the end, to aim the kills inside it.
fn duration_of(args: &[String], db: &Path, data: &Path) -> Duration {
    let start = Instant::now();
    let out = findable_process()
        .args(args)
        .arg("--db")
        .arg(db)
        .env("XDG_DATA_HOME", data)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    start.elapsed()
}

#[test]
fn an_audit_killed_at_any_moment_leaves_the_store_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, data) = (dir.path().join("history.db"), dir.path().join("data"));
    seed(&db);
    let args = audit_args("Jane Smith");
    let span = duration_of(&args, &db, &data);
    let mut saved = Store::open(&db)
        .expect("opens")
        .history(None)
        .expect("history")
        .len();
    for _ in 0..8 {
        let delay = span.mul_f64(fastrand::f64() * 1.2);
        kill_after(&args, &db, &data, delay);
        let store = Store::open(&db).expect("opens whole after a kill");
        let history = store.history(None).expect("reads");
        assert!(
            history.len() == saved || history.len() == saved + 1,
            "{} audits after {saved}: the old state or the new, never more",
            history.len()
        );
        for audit in &history {
            let full = store.audit(audit.id).expect("every audit loads whole");
            assert_eq!(full.report.date, audit.date);
        }
        saved = history.len();
    }
}

#[test]
fn forget_killed_at_any_moment_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pristine = dir.path().join("pristine.db");
    seed(&pristine);
    {
        // More of Jane's audits, so erasing and rebuilding the file takes a while.
        let mut store = Store::open(&pristine).expect("opens");
        let report = crate::support::history::typical();
        for _ in 0..40 {
            store.save_audit(&jane(), &report, None).expect("saved");
        }
    }
    let data = dir.path().join("data");
    let db = dir.path().join("history.db");
    let args: Vec<String> = ["forget", "Jane Smith", "--yes"]
        .map(str::to_string)
        .to_vec();
    std::fs::copy(&pristine, &db).expect("copy");
    let span = duration_of(&args, &db, &data);
    for _ in 0..8 {
        std::fs::copy(&pristine, &db).expect("copy");
        kill_after(&args, &db, &data, span.mul_f64(fastrand::f64() * 1.2));
        let store = Store::open(&db).expect("opens whole after a kill");
        let people = store.people().expect("reads");
        let jane_audits = people
            .iter()
            .find(|p| p.key == jane().key())
            .map_or(0, |p| p.audits);
        assert!(
            jane_audits == 0 || jane_audits == 43,
            "{jane_audits} of Jane's 43 audits left: all or nothing"
        );
        let omar_audits = people
            .iter()
            .find(|p| p.key == omar().key())
            .map(|p| p.audits);
        assert_eq!(omar_audits, Some(1), "the others are never touched");
    }
}

use super::*;

fn typical() -> Report {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/reports/typical.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("a report")
}

fn jane() -> Person {
    Person {
        name: "Jane Smith".into(),
        school: Some("Oakwood Academy".into()),
    }
}

fn store_in(dir: &tempfile::TempDir) -> (PathBuf, Store) {
    let path = dir.path().join("private/history.db");
    let store = Store::open(&path).expect("opens");
    (path, store)
}

/// Every byte of the store and its write-ahead log.
fn all_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).expect("store");
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        bytes.extend(std::fs::read(PathBuf::from(side)).unwrap_or_default());
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_new_store_is_owner_only_in_an_owner_only_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut store) = store_in(&dir);
    store.save_audit(&jane(), &typical(), None).expect("saved");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().expect("folder")), 0o700);
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        assert_eq!(
            mode(Path::new(&wal)),
            0o600,
            "the log copies the file's mode"
        );
    }
}

#[test]
fn audits_are_saved_compared_and_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, mut store) = store_in(&dir);
    let first = store.save_audit(&jane(), &typical(), None).expect("saved");
    let changes = first.report.changes.as_ref().expect("compared");
    assert!(changes.previous.is_none(), "a first audit");

    let mut again = typical();
    again.date = "2027-03-20".into();
    again.findings.remove(0);
    let second = store.save_audit(&jane(), &again, None).expect("saved");
    let changes = second.report.changes.as_ref().expect("compared");
    let previous = changes.previous.as_ref().expect("against the first");
    assert_eq!(
        (previous.id, previous.date.as_str()),
        (Some(first.id), "2026-12-01")
    );

    let history = store.history(None).expect("history");
    assert_eq!(history.len(), 2);
    assert!(history[0].first && !history[1].first);
    assert_eq!(history[1].gone, 1);
    assert_eq!(history[1].date, "2027-03-20");
    let loaded = store.audit(second.id).expect("loads");
    assert_eq!(loaded.report, second.report);
    assert_eq!(loaded.person, jane());
    assert!(matches!(store.audit(99), Err(StoreError::NoSuchAudit(99))));

    let people = store.people().expect("people");
    assert_eq!(people.len(), 1);
    assert_eq!((people[0].audits, people[0].last_id), (2, second.id));
}

#[test]
fn forget_leaves_no_trace_in_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut store) = store_in(&dir);
    let answers = Answers {
        person: Some(jane()),
        ..Answers::default()
    };
    store
        .save_audit(&jane(), &typical(), Some(&answers))
        .expect("saved");
    let mut other = typical();
    other.subject.name = "Omar Haddad".into();
    other.summary = "Omar's audit.".into();
    other.findings.clear();
    other.could_not_check.clear();
    other.score.contributors.clear();
    let omar = Person {
        name: "Omar Haddad".into(),
        school: None,
    };
    store.save_audit(&omar, &other, None).expect("saved");
    assert!(contains(&all_bytes(&path), "Jane Smith"));

    let gone = store.forget(&[jane().key()]).expect("forgets");
    assert_eq!(
        gone,
        Forgotten {
            people: 1,
            audits: 1
        }
    );
    drop(store);
    let bytes = all_bytes(&path);
    for trace in ["Jane Smith", "jane-smith", "janesmith_teach"] {
        assert!(!contains(&bytes, trace), "{trace} is still in the file");
    }
    assert!(contains(&bytes, "Omar Haddad"), "the others stay");
    let store = Store::open(&path).expect("reopens");
    assert_eq!(store.history(None).expect("history").len(), 1);
}

#[test]
fn files_that_are_not_a_store_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "my notes, not a database\n".repeat(100)).expect("write");
    let other = dir.path().join("other.db");
    {
        let conn = Connection::open(&other).expect("another program's database");
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES ('mine');")
            .expect("made");
    }
    for path in [&text, &other] {
        let before = std::fs::read(path).expect("read");
        let error = Store::open(path).err().expect("refused");
        assert!(matches!(error, StoreError::NotAStore { .. }), "{error}");
        assert!(error.is_bad_input());
        assert!(error.to_string().contains("give another --db"), "{error}");
        assert_eq!(std::fs::read(path).expect("read"), before, "unchanged");
    }
    let folder = Store::open(dir.path()).err().expect("a folder");
    assert!(matches!(folder, StoreError::NotAStore { .. }));
}

#[test]
fn a_newer_store_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, store) = store_in(&dir);
    store
        .conn
        .pragma_update(None, "user_version", schema::VERSION + 1)
        .expect("bump");
    drop(store);
    let before = all_bytes(&path);
    let error = Store::open(&path).err().expect("refused");
    assert!(matches!(error, StoreError::Newer { .. }), "{error}");
    assert!(error.to_string().contains("update findable"), "{error}");
    assert_eq!(all_bytes(&path), before);
}

#[test]
fn a_damaged_store_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut store) = store_in(&dir);
    for _ in 0..5 {
        store.save_audit(&jane(), &typical(), None).expect("saved");
    }
    drop(store);
    let mut bytes = std::fs::read(&path).expect("read");
    assert!(bytes.len() > 8192, "several pages");
    // Past the header and the schema page: the tables' own pages.
    for b in &mut bytes[4096 + 100..] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).expect("damage it");
    let error = Store::open(&path).err().expect("refused");
    assert!(matches!(error, StoreError::Damaged { .. }), "{error}");
    assert!(error.to_string().contains("move it away"), "{error}");
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "unchanged");
}

#[test]
fn two_writers_at_once_both_land() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = store_in(&dir);
    let threads: Vec<_> = ["Jane Smith", "Omar Haddad", "Siobhán Ní Bhriain"]
        .into_iter()
        .map(|name| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).expect("opens");
                let person = Person {
                    name: name.into(),
                    school: None,
                };
                for _ in 0..5 {
                    store.save_audit(&person, &typical(), None).expect("saved");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("no panic");
    }
    let store = Store::open(&path).expect("opens");
    assert_eq!(store.history(None).expect("history").len(), 15);
    assert_eq!(store.people().expect("people").len(), 3);
}

//! Opening the store file safely: refusing anything that is not a findable store (or is
//! from a newer findable) before a byte is written, then WAL mode and the migrations.

use std::fs::OpenOptions;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::StoreError;

/// "fnd1" in the SQLite header: marks the file as findable's, so another program's
/// database is never taken for one (and never migrated into one).
pub(super) const APPLICATION_ID: i32 = 0x666e_6431;

/// How long a writer waits for another (an audit saving, a `forget`) before giving up.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// Each entry takes the schema from its index to the next version; `user_version` says
/// how many have run. Never edit one that has shipped: add another.
const MIGRATIONS: &[&str] = &[
    // 1: people, their audits (the whole report and answers as JSON, with the numbers
    // `history` shows), and each audit's findings and unchecked places as rows.
    "CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        school TEXT
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        score INTEGER,
        partial INTEGER NOT NULL,
        profiles INTEGER NOT NULL,
        search_results INTEGER NOT NULL,
        settings_open INTEGER NOT NULL,
        unchecked INTEGER NOT NULL,
        new_items INTEGER NOT NULL,
        gone_items INTEGER NOT NULL,
        first INTEGER NOT NULL,
        report TEXT NOT NULL,
        answers TEXT
    );
    CREATE INDEX audit_by_person ON audit(person_id, id);
    CREATE TABLE finding (
        audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        platform TEXT,
        title TEXT NOT NULL,
        url TEXT,
        confidence TEXT NOT NULL,
        severity TEXT NOT NULL
    );
    CREATE INDEX finding_by_audit ON finding(audit_id);
    CREATE TABLE unchecked (
        audit_id INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
        platform TEXT NOT NULL,
        what TEXT NOT NULL,
        reason TEXT NOT NULL,
        url TEXT NOT NULL
    );
    CREATE INDEX unchecked_by_audit ON unchecked(audit_id);",
];

/// The schema version this findable writes and reads up to.
pub const VERSION: u32 = MIGRATIONS.len() as u32;

/// Opens `path`, creating it (owner-only, in an owner-only folder) when `create` is set and
/// it is missing; `None` when it is missing and `create` is not set.
pub(super) fn open(path: &Path, create: bool) -> Result<Option<Connection>, StoreError> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(StoreError::not_a_store(path)),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !create {
                return Ok(None);
            }
            create_empty(path)?;
        }
        Err(e) => return Err(StoreError::io(path, e)),
    }
    // Never SQLITE_OPEN_CREATE: the file exists, made by us with the right permissions, and
    // SQLite would otherwise make its own with the umask's.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::sql(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| StoreError::sql(path, e))?;
    check_header(&conn, path)?;
    settle(&conn, path)?;
    migrate(&conn, path)?;
    Ok(Some(conn))
}

/// An empty file, readable by the owner only: SQLite's WAL and shared-memory files copy
/// its permissions. Another run creating it at the same moment is fine.
fn create_empty(path: &Path) -> Result<(), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        crate::private_file::create_dir(dir).map_err(|e| StoreError::io(path, e))?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// Reads, and only reads, what says whose file this is: a file that is not SQLite, another
/// program's database or a newer findable's store is refused before anything is written.
fn check_header(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let read = |pragma: &str| -> Result<i64, StoreError> {
        conn.pragma_query_value(None, pragma, |row| row.get(0))
            .map_err(|e| StoreError::sql(path, e))
    };
    let app = read("application_id")?;
    let version = read("user_version")?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
        .map_err(|e| StoreError::sql(path, e))?;
    let empty = app == 0 && version == 0 && tables == 0;
    if !empty && app != i64::from(APPLICATION_ID) {
        return Err(StoreError::not_a_store(path));
    }
    if version > i64::from(VERSION) {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: version,
        });
    }
    Ok(())
}

/// WAL (readers never wait for a writer, and a killed writer leaves the last commit whole),
/// full syncs, deleted rows overwritten with zeros, and nothing spilled to temporary files.
fn settle(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
        .map_err(|e| StoreError::sql(path, e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::io(
            path,
            std::io::Error::other(format!("SQLite would not use WAL mode here ({mode})")),
        ));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;",
    )
    .map_err(|e| StoreError::sql(path, e))
}

/// Runs the migrations this file has not had, in one transaction: a second findable
/// opening the same new file waits, then finds them done.
fn migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let sql = |e| StoreError::sql(path, e);
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(sql)?;
    if version == i64::from(VERSION) {
        return Ok(());
    }
    let tx =
        rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate).map_err(sql)?;
    let version: i64 = tx
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(sql)?;
    let from = usize::try_from(version).unwrap_or(usize::MAX);
    for step in MIGRATIONS.iter().skip(from) {
        tx.execute_batch(step).map_err(sql)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(sql)?;
    tx.pragma_update(None, "user_version", VERSION)
        .map_err(sql)?;
    tx.commit().map_err(sql)
}

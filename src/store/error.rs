//! What can go wrong with the store, each as one line that says what to do. A file that is
//! not ours, is newer or is damaged is the person's to deal with, and is never changed.

use std::path::{Path, PathBuf};

use rusqlite::ffi::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{} is not a findable history file: give another --db, or move it away to start a new history (findable has not changed it)",
        .path.display()
    )]
    NotAStore { path: PathBuf },
    #[error(
        "{} was written by a newer findable (history version {found}; this one reads up to {}): update findable, or give another --db",
        .path.display(),
        super::schema::VERSION
    )]
    Newer { path: PathBuf, found: i64 },
    #[error(
        "{} is damaged ({detail}): move it away to start a new history, or give another --db (findable has not changed it)",
        .path.display()
    )]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{} is in use by another findable that has not finished: try again when it has",
        .path.display()
    )]
    Busy { path: PathBuf },
    #[error("{} is not there", .path.display())]
    Missing { path: PathBuf },
    #[error("there is no audit number {0}: `findable history` lists them")]
    NoSuchAudit(i64),
    #[error("cannot use {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot use {}: {source}", .path.display())]
    Sql {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot save to {}: {source}", .path.display())]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
}

impl StoreError {
    /// Whether the person can fix it by giving another file or audit number (exit 2), as
    /// opposed to something failing underneath.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            Self::NotAStore { .. }
                | Self::Newer { .. }
                | Self::Damaged { .. }
                | Self::NoSuchAudit(_)
        )
    }

    pub(super) fn not_a_store(path: &Path) -> Self {
        Self::NotAStore {
            path: path.to_path_buf(),
        }
    }

    pub(super) fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(super) fn json(path: &Path, source: serde_json::Error) -> Self {
        Self::Json {
            path: path.to_path_buf(),
            source,
        }
    }

    /// SQLite's errors, sorted into the ones a person can act on.
    pub(super) fn sql(path: &Path, source: rusqlite::Error) -> Self {
        let path = path.to_path_buf();
        match source.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Self::NotAStore { path },
            Some(ErrorCode::DatabaseCorrupt) => Self::Damaged {
                path,
                detail: "SQLite says the file is malformed".into(),
            },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Busy { path },
            _ => Self::Sql { path, source },
        }
    }
}

//! The history store: every audit of every person, in one SQLite file, so a re-audit can
//! say what changed. The only code that touches the database; what changed is worked out
//! by [`crate::changes`], and nothing here draws or asks anything.

mod error;
mod read;
mod schema;
#[cfg(test)]
mod tests;
mod write;

pub use error::StoreError;
pub use schema::VERSION as SCHEMA_VERSION;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::changes::Snapshot;
use crate::checklist::{Answers, Person};
use crate::report::Report;

/// The store's file name in the user data folder.
pub const FILE_NAME: &str = "history.db";

/// The store in the user's data folder (`~/.local/share/findable/history.db` on Linux);
/// `None` when the system has no such folder.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "findable").map(|d| d.data_dir().join(FILE_NAME))
}

/// An open store. Each call is its own transaction, so a run killed at any moment leaves
/// every audit whole or absent, and two runs on one file wait their turn.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// One saved audit, as `history` lists it (without its report).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditSummary {
    /// Its number, for `findable diff`.
    pub id: i64,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `None` when too little was checked for a score.
    pub score: Option<u32>,
    pub partial: bool,
    pub profiles: usize,
    pub search_results: usize,
    pub settings_open: usize,
    pub could_not_check: usize,
    /// Found (or newly open) since the audit before; 0 on a first audit.
    pub new: usize,
    /// Gone (or closed) since the audit before.
    pub gone: usize,
    /// The person's first audit.
    pub first: bool,
}

/// A saved audit in full.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredAudit {
    pub id: i64,
    pub person: Person,
    pub report: Report,
    pub answers: Option<Answers>,
}

impl StoredAudit {
    /// As [`crate::changes`] compares it.
    pub fn snapshot(&self) -> Snapshot<'_> {
        Snapshot {
            id: Some(self.id),
            report: &self.report,
            answers: self.answers.as_ref(),
        }
    }
}

/// Someone with audits in the store.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PersonSummary {
    /// Their [`Person::key`].
    pub key: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    pub audits: usize,
    /// Their last audit: its number and date.
    pub last_id: i64,
    pub last_date: String,
}

impl PersonSummary {
    pub fn person(&self) -> Person {
        Person {
            name: self.name.clone(),
            school: self.school.clone(),
        }
    }
}

/// What `forget` removed from the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forgotten {
    pub people: usize,
    pub audits: usize,
}

impl Store {
    /// Opens the store at `path`, making it (owner-only) if it is not there. Refuses a file
    /// that is not a findable store, is from a newer findable or is damaged, without
    /// changing it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = schema::open(path, true)?.ok_or_else(|| StoreError::Missing {
            path: path.to_path_buf(),
        })?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.check_whole()?;
        Ok(store)
    }

    /// Opens an existing store to read it; `None` when there is none yet (nothing has been
    /// saved). Damage shows when a damaged part is read.
    pub fn open_existing(path: &Path) -> Result<Option<Store>, StoreError> {
        Ok(schema::open(path, false)?.map(|conn| Store {
            conn,
            path: path.to_path_buf(),
        }))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every page read once: a damaged file is found before anything is written to it.
    fn check_whole(&self) -> Result<(), StoreError> {
        let result: String = self
            .conn
            .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
            .map_err(|e| self.sql(e))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(StoreError::Damaged {
                path: self.path.clone(),
                detail: result,
            })
        }
    }

    fn sql(&self, e: rusqlite::Error) -> StoreError {
        StoreError::sql(&self.path, e)
    }
}

/// A saved audit's number, and its report with what changed filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedAudit {
    pub id: i64,
    pub report: Report,
}

/// A count as SQLite stores it.
pub(super) fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A count read back (never negative: findable wrote it).
pub(super) fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

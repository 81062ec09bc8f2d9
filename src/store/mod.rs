//! The history store: every audit of every person, in one SQLite file, so a re-audit can
//! say what changed. The only code that touches the database; what changed is worked out
//! by [`crate::changes`], and nothing here draws or asks anything.

mod error;
mod schema;
#[cfg(test)]
mod tests;

pub use error::StoreError;
pub use schema::VERSION as SCHEMA_VERSION;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use crate::changes::{self, Snapshot};
use crate::checklist::{Answers, Person};
use crate::report::{ChangeStatus, FindingKind, Report};

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
    pub score: u32,
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

    /// Saves `report` as `person`'s latest audit, compared with their audit before it (in
    /// the same transaction, so two runs cannot both be "the last"). Returns its number and
    /// the report with [`Report::changes`] filled in, to show the person.
    pub fn save_audit(
        &mut self,
        person: &Person,
        report: &Report,
        answers: Option<&Answers>,
    ) -> Result<SavedAudit, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sql(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let key = person.key();
        tx.execute(
            "INSERT INTO person (key, name, school) VALUES (?1, ?2, ?3)
             ON CONFLICT(key) DO UPDATE SET name = excluded.name, school = excluded.school",
            params![key, person.name, person.school],
        )
        .map_err(sql)?;
        let person_id: i64 = tx
            .query_row("SELECT id FROM person WHERE key = ?1", [&key], |r| r.get(0))
            .map_err(sql)?;
        let previous = last_of(&tx, &path, person_id)?;
        let mut report = report.clone();
        changes::annotate(
            &mut report,
            answers,
            previous.as_ref().map(StoredAudit::snapshot),
        );
        let counts = Counts::of(&report);
        let report_json = serde_json::to_string(&report).map_err(|e| StoreError::json(&path, e))?;
        let answers_json = answers
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| StoreError::json(&path, e))?;
        let saved_at = jiff::Timestamp::now().to_string();
        tx.execute(
            "INSERT INTO audit (person_id, date, saved_at, score, partial, profiles,
                search_results, settings_open, unchecked, new_items, gone_items, first,
                report, answers)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                person_id,
                report.date,
                saved_at,
                report.score.value,
                report.partial,
                int(counts.profiles),
                int(counts.search_results),
                int(report.stats.settings_open),
                int(report.could_not_check.len()),
                int(counts.new),
                int(counts.gone),
                previous.is_none(),
                report_json,
                answers_json,
            ],
        )
        .map_err(sql)?;
        let id = tx.last_insert_rowid();
        {
            let mut finding = tx
                .prepare(
                    "INSERT INTO finding (audit_id, key, kind, platform, title, url, confidence,
                        severity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(sql)?;
            for f in &report.findings {
                let key = changes::finding_key(f).unwrap_or_default();
                finding
                    .execute(params![
                        id,
                        key,
                        enum_name(&f.kind),
                        f.platform,
                        f.title,
                        f.url,
                        enum_name(&f.confidence),
                        enum_name(&f.severity),
                    ])
                    .map_err(sql)?;
            }
            let mut unchecked = tx
                .prepare(
                    "INSERT INTO unchecked (audit_id, platform, what, reason, url)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(sql)?;
            for u in &report.could_not_check {
                unchecked
                    .execute(params![id, u.platform, u.what, u.reason, u.url])
                    .map_err(sql)?;
            }
        }
        tx.commit().map_err(sql)?;
        Ok(SavedAudit { id, report })
    }

    /// `report` compared with `person`'s last saved audit, without saving it (`--no-save`).
    pub fn compare_with_last(
        &self,
        person: &Person,
        report: &Report,
        answers: Option<&Answers>,
    ) -> Result<Report, StoreError> {
        let previous = self.last_audit(person)?;
        let mut report = report.clone();
        changes::annotate(
            &mut report,
            answers,
            previous.as_ref().map(StoredAudit::snapshot),
        );
        Ok(report)
    }

    /// `person`'s latest audit, if they have one.
    pub fn last_audit(&self, person: &Person) -> Result<Option<StoredAudit>, StoreError> {
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM person WHERE key = ?1",
                [person.key()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        match id {
            Some(id) => last_of(&self.conn, &self.path, id),
            None => Ok(None),
        }
    }

    /// Audit number `id`.
    pub fn audit(&self, id: i64) -> Result<StoredAudit, StoreError> {
        load(&self.conn, &self.path, id)?.ok_or(StoreError::NoSuchAudit(id))
    }

    /// The audit of the same person just before `audit`, if there is one.
    pub fn before(&self, audit: &StoredAudit) -> Result<Option<StoredAudit>, StoreError> {
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT max(id) FROM audit WHERE id < ?1
                   AND person_id = (SELECT person_id FROM audit WHERE id = ?1)",
                [audit.id],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))?;
        match id {
            Some(id) => load(&self.conn, &self.path, id),
            None => Ok(None),
        }
    }

    /// Every audit, oldest first; only those of people with `keys` when given.
    pub fn history(&self, keys: Option<&[String]>) -> Result<Vec<AuditSummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, p.key, p.name, p.school, a.date, a.score, a.partial, a.profiles,
                    a.search_results, a.settings_open, a.unchecked, a.new_items, a.gone_items,
                    a.first
                 FROM audit a JOIN person p ON p.id = a.person_id
                 ORDER BY a.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                let key: String = r.get(1)?;
                let summary = AuditSummary {
                    id: r.get(0)?,
                    name: r.get(2)?,
                    school: r.get(3)?,
                    date: r.get(4)?,
                    score: r.get(5)?,
                    partial: r.get(6)?,
                    profiles: count(r.get(7)?),
                    search_results: count(r.get(8)?),
                    settings_open: count(r.get(9)?),
                    could_not_check: count(r.get(10)?),
                    new: count(r.get(11)?),
                    gone: count(r.get(12)?),
                    first: r.get(13)?,
                };
                Ok((key, summary))
            })
            .map_err(|e| self.sql(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (key, summary) = row.map_err(|e| self.sql(e))?;
            if keys.is_none_or(|keys| keys.contains(&key)) {
                out.push(summary);
            }
        }
        Ok(out)
    }

    /// Everyone with audits, by name.
    pub fn people(&self) -> Result<Vec<PersonSummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT p.key, p.name, p.school, c.audits, a.id, a.date
                 FROM person p
                 JOIN (SELECT person_id, count(*) AS audits, max(id) AS last
                       FROM audit GROUP BY person_id) c ON c.person_id = p.id
                 JOIN audit a ON a.id = c.last
                 ORDER BY p.name, p.school",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(PersonSummary {
                    key: r.get(0)?,
                    name: r.get(1)?,
                    school: r.get(2)?,
                    audits: count(r.get(3)?),
                    last_id: r.get(4)?,
                    last_date: r.get(5)?,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }

    /// Erases the people with `keys` and all their audits, in one transaction, then
    /// rebuilds the file so nothing of them is left in it.
    pub fn forget(&mut self, keys: &[String]) -> Result<Forgotten, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sql(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let mut gone = Forgotten::default();
        for key in keys {
            let Some(id) = tx
                .query_row("SELECT id FROM person WHERE key = ?1", [key], |r| {
                    r.get::<_, i64>(0)
                })
                .optional()
                .map_err(sql)?
            else {
                continue;
            };
            let audits = "SELECT id FROM audit WHERE person_id = ?1";
            tx.execute(
                &format!("DELETE FROM finding WHERE audit_id IN ({audits})"),
                [id],
            )
            .map_err(sql)?;
            tx.execute(
                &format!("DELETE FROM unchecked WHERE audit_id IN ({audits})"),
                [id],
            )
            .map_err(sql)?;
            gone.audits += tx
                .execute("DELETE FROM audit WHERE person_id = ?1", [id])
                .map_err(sql)?;
            gone.people += tx
                .execute("DELETE FROM person WHERE id = ?1", [id])
                .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        self.compact()?;
        Ok(gone)
    }

    /// Rebuilds the file from what is left and folds the write-ahead log into it, so
    /// deleted rows survive nowhere: not in free pages, not in the log.
    pub fn compact(&mut self) -> Result<(), StoreError> {
        self.conn.execute_batch("VACUUM").map_err(|e| self.sql(e))?;
        let (busy, _, _): (i64, i64, i64) = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(|e| self.sql(e))?;
        if busy != 0 {
            return Err(StoreError::Busy {
                path: self.path.clone(),
            });
        }
        Ok(())
    }
}

/// A saved audit's number, and its report with what changed filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedAudit {
    pub id: i64,
    pub report: Report,
}

/// The numbers `history` shows, worked out once when an audit is saved.
struct Counts {
    profiles: usize,
    search_results: usize,
    new: usize,
    gone: usize,
}

impl Counts {
    fn of(report: &Report) -> Counts {
        let count = |kind| report.findings.iter().filter(|f| f.kind == kind).count();
        let status = |s: ChangeStatus| {
            report
                .changes
                .as_ref()
                .map_or(0, |c| c.with_status(s).count())
        };
        Counts {
            profiles: count(FindingKind::Profile),
            search_results: count(FindingKind::SearchResult),
            new: status(ChangeStatus::New),
            gone: status(ChangeStatus::Gone),
        }
    }
}

/// A count as SQLite stores it.
fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A count read back (never negative: findable wrote it).
fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// `kebab-case` name of a serde enum value, as in the report's JSON.
fn enum_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn last_of(
    conn: &Connection,
    path: &Path,
    person_id: i64,
) -> Result<Option<StoredAudit>, StoreError> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT max(id) FROM audit WHERE person_id = ?1",
            [person_id],
            |r| r.get(0),
        )
        .map_err(|e| StoreError::sql(path, e))?;
    match id {
        Some(id) => load(conn, path, id),
        None => Ok(None),
    }
}

fn load(conn: &Connection, path: &Path, id: i64) -> Result<Option<StoredAudit>, StoreError> {
    let row = conn
        .query_row(
            "SELECT a.id, p.name, p.school, a.report, a.answers
             FROM audit a JOIN person p ON p.id = a.person_id WHERE a.id = ?1",
            [id],
            |r: &Row<'_>| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            },
        )
        .optional()
        .map_err(|e| StoreError::sql(path, e))?;
    let Some((id, name, school, report, answers)) = row else {
        return Ok(None);
    };
    let unreadable = |e: serde_json::Error| StoreError::Damaged {
        path: path.to_path_buf(),
        detail: format!("audit {id} cannot be read: {e}"),
    };
    Ok(Some(StoredAudit {
        id,
        person: Person { name, school },
        report: serde_json::from_str(&report).map_err(unreadable)?,
        answers: answers
            .map(|a| serde_json::from_str(&a))
            .transpose()
            .map_err(unreadable)?,
    }))
}

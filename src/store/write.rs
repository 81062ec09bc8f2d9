//! Writing the store: saving an audit (compared with the one before, in the same
//! transaction) and erasing people, then rebuilding the file so nothing of them is left.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{Forgotten, SavedAudit, Store, StoreError, StoredAudit, int, read::last_of};
use crate::changes;
use crate::checklist::{Answers, Person};
use crate::report::{ChangeStatus, FindingKind, Report};

impl Store {
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

/// `kebab-case` name of a serde enum value, as in the report's JSON.
fn enum_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

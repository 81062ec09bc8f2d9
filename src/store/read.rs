//! Reading the store: a person's last audit, an audit by number and the one before it,
//! every audit's numbers for `history`, and everyone with audits.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Row};

use super::{AuditSummary, PersonSummary, Store, StoreError, StoredAudit, count};
use crate::changes;
use crate::checklist::{Answers, Person};
use crate::report::Report;

impl Store {
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
}

pub(super) fn last_of(
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

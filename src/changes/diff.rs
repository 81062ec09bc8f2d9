//! Two audits of one person side by side, for `findable diff`: each one's numbers, and
//! what changed between them.

use super::{Snapshot, compare};
use crate::report::{AuditRef, Changes, FindingKind};

/// Two audits of one person side by side, for `findable diff`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diff {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    pub older: Side,
    pub newer: Side,
    /// The newer audit compared with the older.
    pub changes: Changes,
}

/// One audit's numbers, as a column of [`Diff`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Side {
    pub audit: AuditRef,
    pub profiles: usize,
    pub search_results: usize,
    pub settings_open: usize,
    pub could_not_check: usize,
}

impl Side {
    fn of(audit: Snapshot<'_>) -> Side {
        let count = |kind| {
            audit
                .report
                .findings
                .iter()
                .filter(|f| f.kind == kind)
                .count()
        };
        Side {
            audit: audit.reference(),
            profiles: count(FindingKind::Profile),
            search_results: count(FindingKind::SearchResult),
            settings_open: audit.report.stats.settings_open,
            could_not_check: audit.report.could_not_check.len(),
        }
    }
}

/// `newer` beside `older`, with what changed between them; `person` names whose they are.
pub fn diff(person: &crate::checklist::Person, older: Snapshot<'_>, newer: Snapshot<'_>) -> Diff {
    Diff {
        name: person.name.clone(),
        school: person.school.clone(),
        older: Side::of(older),
        newer: Side::of(newer),
        changes: compare(older, newer),
    }
}

//! Assess: turns what the engine saw and what the person answered into the report: what a
//! pupil could find, the settings to tighten (most urgent first), what could not be checked,
//! how much could, and a score that shows its working (only when enough was checked). Pure: no I/O, so recorded evidence replays exactly.

mod findings;
mod settings;
mod summary;

use std::collections::HashSet;

use crate::Catalog;
use crate::checklist::{Answers, Review};
use crate::evidence::{Evidence, ProbeStatus, QueryStatus};
use crate::report::{
    Contributor, CoverageState, Finding, Report, ReportSubject, SCHEMA_VERSION, Score,
    SiteListSummary, Stats,
};
use crate::subject::Subject;
use crate::variants::Variants;

pub struct Input<'a> {
    pub subject: &'a Subject,
    pub variants: &'a Variants,
    pub evidence: &'a Evidence,
    /// `None` when the checklist was skipped.
    pub answers: Option<&'a Answers>,
    pub catalog: &'a Catalog,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// Actions a teacher can do in about ten minutes together.
const QUICK_ACTIONS: usize = 5;

/// What the parts of the assessment add up as they go.
#[derive(Default)]
struct Tally {
    findings: Vec<Finding>,
    /// Check ids where the person was found publicly: their settings come first.
    exposed: HashSet<String>,
    contributors: Vec<Contributor>,
    /// Accounts and pages the person said are not theirs.
    dismissed: usize,
}

impl Input<'_> {
    /// What the person said about `url` in the "Is this you?" review.
    fn review_of(&self, url: &str) -> Option<Review> {
        self.answers.and_then(|a| a.reviews.get(url)).copied()
    }
}

pub fn assess(input: &Input) -> Report {
    let mut tally = Tally::default();
    findings::profiles(input, &mut tally);
    let about_others = findings::pages(input, &mut tally);
    let (actions, open_count, answered) = settings::add(input, &mut tally);
    let Tally {
        mut findings,
        mut contributors,
        dismissed,
        ..
    } = tally;
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(b.confidence.cmp(&a.confidence))
            .then(b.kind.cmp(&a.kind))
    });

    let could_not_check = summary::unchecked(input);
    let total: u32 = contributors.iter().map(|c| c.points).sum();
    if total > 100 {
        // Keep the contributors honest: the list must add up to the score shown.
        contributors.push(Contributor {
            what: "cap: the score stops at 100".into(),
            points: 0,
        });
    }
    let coverage = summary::coverage(input);
    // A score made only of the person's own answers would read as "fairly safe".
    let score = Score {
        value: (coverage.state == CoverageState::Enough).then_some(total.min(100)),
        contributors,
    };
    let probes = &input.evidence.probes;
    let stats = Stats {
        profiles_checked: probes.len(),
        profiles_found: probes
            .iter()
            .filter(|p| p.status == ProbeStatus::Found)
            .count(),
        profiles_absent: probes
            .iter()
            .filter(|p| p.status == ProbeStatus::Absent)
            .count(),
        profiles_unknown: probes
            .iter()
            .filter(|p| p.status == ProbeStatus::Unknown)
            .count(),
        searches_run: input.evidence.searches.len(),
        searches_blocked_or_failed: input
            .evidence
            .searches
            .iter()
            .filter(|q| matches!(q.status, QueryStatus::Blocked | QueryStatus::Failed))
            .count(),
        results_about_others: about_others,
        settings_answered: answered,
        settings_open: open_count,
        dismissed_by_you: dismissed,
    };
    let headline = summary::headline(&findings, &coverage);
    let summary = summary::next_step(input, &actions);
    Report {
        schema_version: SCHEMA_VERSION,
        date: input.date.clone(),
        subject: ReportSubject {
            name: input.subject.name.clone(),
            title: input.subject.title.clone(),
            school: input.subject.school.clone(),
            town: input.subject.town.clone(),
        },
        headline,
        summary,
        coverage,
        score,
        findings,
        actions,
        not_checked_yet: not_checked_yet(input),
        could_not_check,
        stats,
        partial: input.evidence.partial,
        site_list: input
            .evidence
            .site_list
            .as_ref()
            .map(|list| SiteListSummary {
                file: list.file.clone(),
                format: list.format.clone(),
                headline: list.headline(),
                entries: list.entries,
                imported: list.imported,
                disabled: list.disabled,
                skipped: list.skipped.len(),
                warnings: list.warnings.clone(),
            }),
        // Filled in by `changes::annotate` when the audit is compared with the last one.
        changes: None,
    }
}

/// The platforms skipped in the walkthrough, with how many questions each still has.
fn not_checked_yet(input: &Input) -> Vec<crate::report::NotCheckedYet> {
    let Some(answers) = input.answers else {
        return Vec::new();
    };
    crate::checklist::skipped(input.catalog, answers)
        .into_iter()
        .map(|check| crate::report::NotCheckedYet {
            check: check.id.clone(),
            platform: check.name.clone(),
            questions: check
                .settings
                .iter()
                .filter(|s| s.essential || answers.more.contains(&check.id))
                .count(),
        })
        .collect()
}

//! Where a person stands on the settings checklist, as plain data: how many questions are
//! answered and which settings are still open, most urgent first. Made from the answers;
//! `render::checklist::summary_text` shows it.

use serde::Serialize;

use crate::catalog::{Catalog, Priority};
use crate::checklist::{self, Answer, Answers};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChecklistSummary {
    pub finished: bool,
    pub answered: usize,
    pub total: usize,
    /// Settings to change, most urgent first.
    pub open: Vec<OpenSetting>,
    /// Platforms the person uses but skipped: not checked yet, so not counted as safe.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenSetting {
    pub check: String,
    pub platform: String,
    pub setting: String,
    pub label: String,
    /// `null` when not answered yet: open until it is.
    pub answer: Option<Answer>,
    pub priority: Priority,
    #[serde(rename = "where")]
    pub location: String,
    pub recommended: String,
    pub help_url: String,
}

impl ChecklistSummary {
    /// The summary of `answers`; `finished` says whether the walkthrough reached its end.
    pub fn new(catalog: &Catalog, answers: &Answers, finished: bool) -> Self {
        let steps = checklist::steps(catalog, answers);
        let answered = steps
            .iter()
            .filter(|s| answers.get(&s.check.id, &s.setting.id).is_some())
            .count();
        let mut open: Vec<OpenSetting> = checklist::open_settings(catalog, answers)
            .into_iter()
            .map(|(s, answer)| OpenSetting {
                check: s.check.id.clone(),
                platform: s.check.name.clone(),
                setting: s.setting.id.clone(),
                label: s.setting.label.clone(),
                answer,
                priority: s.setting.priority,
                location: s.setting.location.clone(),
                recommended: s.setting.recommended.clone(),
                help_url: s.setting.help_url.clone(),
            })
            .collect();
        // Most urgent first; within a priority, in the order the walkthrough asks.
        open.sort_by_key(|s| std::cmp::Reverse(s.priority));
        ChecklistSummary {
            // A skipped platform is still to do.
            finished: finished && answers.skipped.is_empty(),
            answered,
            total: steps.len(),
            open,
            skipped: checklist::skipped(catalog, answers)
                .into_iter()
                .map(|c| c.name.clone())
                .collect(),
        }
    }
}

/// Whether every question for the platforms in use has an answer.
pub fn is_complete(catalog: &Catalog, answers: &Answers) -> bool {
    answers.uses.is_some()
        && answers.skipped.is_empty()
        && checklist::steps(catalog, answers)
            .iter()
            .all(|s| answers.get(&s.check.id, &s.setting.id).is_some())
}

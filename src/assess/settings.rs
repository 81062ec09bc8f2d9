//! The settings to tighten, most urgent first: from the person's answers, or, when the
//! checklist was left out, the ones that matter most where they were found.

use std::collections::HashSet;

use super::{Input, QUICK_ACTIONS, Tally};
use crate::catalog::Check;
use crate::checklist::{self, Answer};
use crate::render::plural;
use crate::report::{Action, Contributor, Priority};

/// The answer shown for a setting the checklist never asked about (it was left out).
pub(super) const NOT_ASKED: &str = "not asked";
/// The answer shown for a setting of the walkthrough the person has not reached yet.
pub(super) const NOT_ANSWERED: &str = "not answered yet";

/// Adds the open settings' points to the score; returns the actions with how many
/// settings were open and how many answered. Settings are never findings: the report
/// lists each once, under the settings to tighten.
pub(super) fn add(input: &Input, tally: &mut Tally) -> (Vec<Action>, usize, usize) {
    let (actions, open_count, answered) = actions(input, &tally.exposed);
    let open_points: u32 = actions
        .iter()
        .filter(|a| a.your_answer != NOT_ASKED)
        .map(|a| match a.priority {
            Priority::High => 5,
            Priority::Medium => 2,
            Priority::Low => 1,
        })
        .sum();
    if open_points > 0 {
        tally.contributors.push(Contributor {
            what: format!(
                "{} left open, not sure or not answered yet",
                plural(open_count, "setting")
            ),
            points: open_points.min(30),
        });
    }
    (actions, open_count, answered)
}

/// The settings to tighten, most urgent first, with how many were open and answered.
fn actions(input: &Input, exposed: &HashSet<String>) -> (Vec<Action>, usize, usize) {
    let catalog = input.catalog;
    let mut chosen: Vec<(&Check, &crate::catalog::Setting, String)> = Vec::new();
    let mut answered = 0;
    match input.answers {
        Some(answers) => {
            answered = checklist::steps(catalog, answers)
                .iter()
                .filter(|s| answers.get(&s.check.id, &s.setting.id).is_some())
                .count();
            for (step, answer) in checklist::open_settings(catalog, answers) {
                let said = match answer {
                    None => NOT_ANSWERED.to_string(),
                    Some(Answer::NotSure) => "not sure".to_string(),
                    Some(other) => other.label().to_lowercase(),
                };
                chosen.push((step.check, step.setting, said));
            }
        }
        None => {
            // No checklist: the high-priority settings where you were found, and the
            // general checks everyone should do.
            for check in &catalog.checks {
                if exposed.contains(&check.id) || checklist::is_general(check) {
                    for setting in check
                        .settings
                        .iter()
                        .filter(|s| s.priority == crate::catalog::Priority::High)
                    {
                        chosen.push((check, setting, NOT_ASKED.to_string()));
                    }
                }
            }
        }
    }
    let open = if input.answers.is_some() {
        chosen.len()
    } else {
        0
    };
    let weight = |p: crate::catalog::Priority| match p {
        crate::catalog::Priority::High => 3,
        crate::catalog::Priority::Medium => 2,
        crate::catalog::Priority::Low => 1,
    };
    chosen.sort_by(|a, b| {
        let urgency = |(c, s, _): &(&Check, &crate::catalog::Setting, String)| {
            weight(s.priority) * if exposed.contains(&c.id) { 2 } else { 1 }
        };
        urgency(b)
            .cmp(&urgency(a))
            .then(b.0.pupil_use.cmp(&a.0.pupil_use))
    });
    let actions = chosen
        .into_iter()
        .enumerate()
        .map(|(i, (check, setting, said))| Action {
            check: check.id.clone(),
            platform: check.name.clone(),
            setting: setting.id.clone(),
            label: setting.label.clone(),
            location: setting.location.clone(),
            recommended: setting.recommended.clone(),
            why: setting.risk.clone(),
            priority: match setting.priority {
                crate::catalog::Priority::High => Priority::High,
                crate::catalog::Priority::Medium => Priority::Medium,
                crate::catalog::Priority::Low => Priority::Low,
            },
            help_url: setting.help_url.clone(),
            settings_url: setting.settings_url.clone(),
            exposed: exposed.contains(&check.id),
            quick: i < QUICK_ACTIONS,
            verified: setting.verified,
            your_answer: said,
        })
        .collect();
    (actions, open, answered)
}

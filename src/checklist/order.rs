//! What the walkthrough asks, in what order: the essentials of each platform the person
//! uses, one platform at a time, riskiest first; then a short set of general checks, those
//! behind a "does this apply to you?" question only when it does. Pure: the order comes
//! from the catalog and the answers so far.

use std::collections::HashSet;

use super::{Answers, Step};
use crate::catalog::{Catalog, Category, Check, Gate};

/// In `Answers::more`, the general checks as one group.
pub const GENERAL: &str = "general";

/// Checks that apply to everyone (searching yourself, the electoral register...), as
/// opposed to platforms a person may or may not use.
pub fn is_general(check: &Check) -> bool {
    check.category.is_general()
}

/// The platforms a person is asked whether they use, in name order.
pub fn platforms(catalog: &Catalog) -> Vec<&Check> {
    let mut list: Vec<&Check> = catalog.checks.iter().filter(|c| !is_general(c)).collect();
    list.sort_by_key(|c| c.name.to_lowercase());
    list
}

/// One thing the walkthrough does next.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    /// A setting's question.
    Question(Step<'a>),
    /// "Does this apply to you?", before the checks it guards.
    Gate(&'a Gate),
    /// "More settings for TikTok?" once its essentials are done.
    More(&'a Check),
    /// "You skipped Facebook: go through it now?", at the end.
    Skipped(&'a Check),
}

/// The platforms in use, riskiest first (the ones pupils use most), then by name.
fn platforms_in_use<'a>(catalog: &'a Catalog, answers: &Answers) -> Vec<&'a Check> {
    let uses = answers.uses.as_deref().unwrap_or_default();
    let mut list: Vec<&Check> = catalog
        .checks
        .iter()
        .filter(|c| !is_general(c) && uses.contains(&c.id))
        .collect();
    list.sort_by(|a, b| b.pupil_use.cmp(&a.pupil_use).then(a.name.cmp(&b.name)));
    list
}

/// General checks in the order they are asked: the school's own site first, then
/// searching yourself, public records and habits.
fn general(catalog: &Catalog) -> Vec<&Check> {
    let rank = |c: &Check| match c.category {
        Category::School => 0,
        Category::Search => 1,
        Category::Records => 2,
        _ => 3,
    };
    let mut list: Vec<&Check> = catalog.checks.iter().filter(|c| is_general(c)).collect();
    list.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.id.cmp(&b.id)));
    list
}

/// A check's questions: its essentials, or all its settings when `all`, highest priority
/// first (file order within a priority).
fn questions(check: &Check, all: bool) -> impl Iterator<Item = Step<'_>> {
    let mut settings: Vec<_> = check
        .settings
        .iter()
        .filter(|s| all || s.essential)
        .collect();
    settings.sort_by_key(|s| std::cmp::Reverse(s.priority));
    settings
        .into_iter()
        .map(move |setting| Step { check, setting })
}

/// Every item of the walkthrough given the answers so far, in order. `declined` are the
/// platforms whose "more settings?" was answered no in this run.
pub fn items<'a>(catalog: &'a Catalog, answers: &Answers, declined: &[String]) -> Vec<Item<'a>> {
    let mut items = Vec::new();
    for check in platforms_in_use(catalog, answers) {
        if answers.skipped.contains(&check.id) {
            continue;
        }
        let all = answers.more.contains(&check.id);
        items.extend(questions(check, all).map(Item::Question));
        let extra = check.settings.iter().filter(|s| !s.essential).count();
        if !all && extra > 0 && !declined.contains(&check.id) {
            items.push(Item::More(check));
        }
    }
    let all_general = answers.more.iter().any(|m| m == GENERAL);
    let mut gates_seen = HashSet::new();
    for check in general(catalog) {
        if answers.skipped.contains(&check.id) || questions(check, all_general).next().is_none() {
            continue;
        }
        if let Some(gate) = &check.applies_when {
            match answers.gates.get(&gate.id) {
                Some(false) => continue,
                Some(true) => {}
                None => {
                    // Asked once, where the first check behind it would come.
                    if gates_seen.insert(gate.id.as_str()) {
                        items.push(Item::Gate(gate));
                    }
                    continue;
                }
            }
        }
        items.extend(questions(check, all_general).map(Item::Question));
    }
    for id in &answers.skipped {
        if let Some(check) = catalog.get(id) {
            items.push(Item::Skipped(check));
        }
    }
    items
}

/// The settings the walkthrough covers for these answers, in the order asked: what counts
/// as open until answered. A check behind an unanswered gate is included (nobody has said
/// it does not apply); skipped platforms are not (the report lists them apart).
pub fn steps<'a>(catalog: &'a Catalog, answers: &Answers) -> Vec<Step<'a>> {
    let mut steps = Vec::new();
    for check in platforms_in_use(catalog, answers) {
        if !answers.skipped.contains(&check.id) {
            steps.extend(questions(check, answers.more.contains(&check.id)));
        }
    }
    let all_general = answers.more.iter().any(|m| m == GENERAL);
    for check in general(catalog) {
        let applies = check
            .applies_when
            .as_ref()
            .is_none_or(|gate| answers.gates.get(&gate.id) != Some(&false));
        if applies && !answers.skipped.contains(&check.id) {
            steps.extend(questions(check, all_general));
        }
    }
    steps
}

/// Platforms the person uses but skipped: not checked yet, never counted as safe.
pub fn skipped<'a>(catalog: &'a Catalog, answers: &Answers) -> Vec<&'a Check> {
    answers
        .skipped
        .iter()
        .filter_map(|id| catalog.get(id))
        .collect()
}

/// Settings left open, in question order: the unsafe answer, "not sure", or no answer at
/// all (`None`): a setting nobody has answered is never counted as safe.
pub fn open_settings<'a>(
    catalog: &'a Catalog,
    answers: &Answers,
) -> Vec<(Step<'a>, Option<super::Answer>)> {
    steps(catalog, answers)
        .into_iter()
        .filter_map(|s| match answers.get(&s.check.id, &s.setting.id) {
            None => Some((s, None)),
            Some(a) => a.is_open(s.setting.safe_answer).then_some((s, Some(a))),
        })
        .collect()
}

/// One check's part of the printable checklist.
#[derive(Debug, Clone)]
pub struct Section<'a> {
    pub check: &'a Check,
    /// Highest priority first.
    pub settings: Vec<&'a crate::catalog::Setting>,
}

/// The printable checklist: the essentials (or, with `every_setting`, every setting) of
/// `platforms` (check ids; `None` for all) riskiest first, then the general checks that
/// apply to everyone, each with settings highest priority first.
pub fn printable<'a>(
    catalog: &'a Catalog,
    platforms: Option<&[String]>,
    every_setting: bool,
) -> Vec<Section<'a>> {
    let answers = Answers {
        uses: Some(match platforms {
            Some(ids) => ids.to_vec(),
            None => catalog
                .checks
                .iter()
                .filter(|c| !is_general(c))
                .map(|c| c.id.clone())
                .collect(),
        }),
        ..Answers::default()
    };
    platforms_in_use(catalog, &answers)
        .into_iter()
        .chain(general(catalog))
        .map(|check| Section {
            check,
            settings: questions(check, every_setting).map(|s| s.setting).collect(),
        })
        .filter(|s| !s.settings.is_empty())
        .collect()
}

//! Driving the walkthrough: ask the next item, record the answer, save after every change
//! so nothing is lost whenever the person stops, and let Back return to what was asked
//! before with the answer given. Also "Is this you?" for what the audit found.

use super::order::{Item, items};
use super::{
    Answers, Choice, Offer, Outcome, Position, Prompter, ReviewItem, Step, YesNo, platforms,
};
use crate::catalog::Catalog;

/// Something already asked this run, to go back to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Asked {
    Setting { check: String, setting: String },
    Gate(String),
}

/// Runs the walkthrough, calling `save` after every change. Questions already answered
/// are not asked again (resume); Back returns to the previous question of this run with
/// its answer selected.
pub fn walk(
    catalog: &Catalog,
    answers: &mut Answers,
    preselected: &[String],
    prompter: &mut dyn Prompter,
    save: &mut dyn FnMut(&Answers) -> std::io::Result<()>,
) -> std::io::Result<Outcome> {
    if answers.uses.is_none() {
        let list = platforms(catalog);
        let defaults: Vec<bool> = list.iter().map(|c| preselected.contains(&c.id)).collect();
        let Some(chosen) = prompter.choose_platforms(&list, &defaults)? else {
            return Ok(Outcome::Quit);
        };
        answers.uses = Some(
            chosen
                .iter()
                .filter_map(|&i| list.get(i))
                .map(|c| c.id.clone())
                .collect(),
        );
        save(answers)?;
    }
    let mut history: Vec<Asked> = Vec::new();
    let mut revisit: Option<Asked> = None;
    // "More settings?" answered no, and skipped platforms offered again, this run only:
    // a later run offers them again.
    let mut declined: Vec<String> = Vec::new();
    let mut offered_again: Vec<String> = Vec::new();
    loop {
        let all = items(catalog, answers, &declined);
        let questions: Vec<&Item> = all
            .iter()
            .filter(|i| matches!(i, Item::Question(_) | Item::Gate(_)))
            .collect();
        let total = questions.len();
        let position = |item: &Item| {
            let number = questions
                .iter()
                .position(|q| same(q, item))
                .map_or(total, |i| i + 1);
            Position { number, total }
        };
        let next = match &revisit {
            Some(wanted) => all.iter().find(|i| asked_as(i).as_ref() == Some(wanted)),
            None => all.iter().find(|i| match i {
                Item::Question(s) => answers.get(&s.check.id, &s.setting.id).is_none(),
                Item::Gate(g) => !answers.gates.contains_key(&g.id),
                Item::More(_) => true,
                Item::Skipped(c) => !offered_again.contains(&c.id),
            }),
        };
        let Some(item) = next.copied() else {
            if revisit.take().is_some() {
                continue;
            }
            return Ok(Outcome::Finished);
        };
        revisit = None;
        match item {
            Item::Question(step) => {
                let previous = answers.get(&step.check.id, &step.setting.id);
                match prompter.ask(&step, position(&item), previous)? {
                    Choice::Answer(answer) => {
                        answers.set(&step.check.id, &step.setting.id, answer);
                        history.push(setting(&step));
                        save(answers)?;
                    }
                    Choice::Back => revisit = history.pop(),
                    Choice::SkipPlatform => {
                        if !answers.skipped.contains(&step.check.id) {
                            answers.skipped.push(step.check.id.clone());
                        }
                        save(answers)?;
                    }
                    Choice::Quit => return Ok(Outcome::Quit),
                }
            }
            Item::Gate(gate) => {
                let previous = answers.gates.get(&gate.id).copied();
                match prompter.offer(&Offer::Gate(gate), previous)? {
                    choice @ (YesNo::Yes | YesNo::No) => {
                        answers.gates.insert(gate.id.clone(), choice == YesNo::Yes);
                        history.push(Asked::Gate(gate.id.clone()));
                        save(answers)?;
                    }
                    YesNo::Back => revisit = history.pop(),
                    YesNo::Quit => return Ok(Outcome::Quit),
                }
            }
            Item::More(check) => {
                let count = check.settings.iter().filter(|s| !s.essential).count();
                match prompter.offer(&Offer::More { check, count }, None)? {
                    YesNo::Yes => {
                        answers.more.push(check.id.clone());
                        save(answers)?;
                    }
                    YesNo::No => declined.push(check.id.clone()),
                    YesNo::Back => revisit = history.pop(),
                    YesNo::Quit => return Ok(Outcome::Quit),
                }
            }
            Item::Skipped(check) => {
                let all = answers.more.contains(&check.id);
                let count = check.settings.iter().filter(|s| all || s.essential).count();
                offered_again.push(check.id.clone());
                match prompter.offer(&Offer::Skipped { check, count }, None)? {
                    YesNo::Yes => {
                        answers.skipped.retain(|id| id != &check.id);
                        save(answers)?;
                    }
                    YesNo::No => {}
                    YesNo::Back => revisit = history.pop(),
                    YesNo::Quit => return Ok(Outcome::Quit),
                }
            }
        }
    }
}

fn setting(step: &Step) -> Asked {
    Asked::Setting {
        check: step.check.id.clone(),
        setting: step.setting.id.clone(),
    }
}

/// What going back to `item` would look for.
fn asked_as(item: &Item) -> Option<Asked> {
    match item {
        Item::Question(step) => Some(setting(step)),
        Item::Gate(gate) => Some(Asked::Gate(gate.id.clone())),
        _ => None,
    }
}

fn same(a: &Item, b: &Item) -> bool {
    asked_as(a).is_some() && asked_as(a) == asked_as(b)
}

/// Asks one setting again (`findable checklist --change`), its saved answer selected, and
/// saves the new one.
pub fn change(
    step: Step,
    answers: &mut Answers,
    prompter: &mut dyn Prompter,
    save: &mut dyn FnMut(&Answers) -> std::io::Result<()>,
) -> std::io::Result<Outcome> {
    let previous = answers.get(&step.check.id, &step.setting.id);
    let position = Position {
        number: 1,
        total: 1,
    };
    match prompter.ask(&step, position, previous)? {
        Choice::Answer(answer) => {
            answers.set(&step.check.id, &step.setting.id, answer);
            save(answers)?;
            Ok(Outcome::Finished)
        }
        Choice::SkipPlatform | Choice::Back | Choice::Quit => Ok(Outcome::Quit),
    }
}

/// Asks "Is this you?" for each item not reviewed yet; answers go into `answers.reviews`.
pub fn review(
    items: &[ReviewItem],
    answers: &mut Answers,
    prompter: &mut dyn Prompter,
    save: &mut dyn FnMut(&Answers) -> std::io::Result<()>,
) -> std::io::Result<Outcome> {
    let pending: Vec<&ReviewItem> = items
        .iter()
        .filter(|i| !answers.reviews.contains_key(&i.url))
        .collect();
    for (n, item) in pending.iter().enumerate() {
        match prompter.review(item, n + 1, pending.len())? {
            Some(verdict) => {
                answers.reviews.insert(item.url.clone(), verdict);
                save(answers)?;
            }
            None => return Ok(Outcome::Quit),
        }
    }
    Ok(Outcome::Finished)
}

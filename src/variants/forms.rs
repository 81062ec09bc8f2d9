//! The building blocks both lists share: every given name and surname this person could
//! be known by, each with a weight factor and a note on where it came from.

use super::nicknames::NicknameTable;
use super::parse::{ParsedName, capitalise, fold, fold_key, surname_parts};
use super::titles;
use crate::subject::Subject;

/// One spelling of a given name or surname.
#[derive(Debug, Clone)]
pub struct Form {
    /// As a person writes it (diacritics and apostrophes kept).
    pub display: String,
    /// ASCII lower-case letters and digits, for usernames; may be empty for odd scripts.
    pub key: String,
    pub factor: f64,
    /// How this form was reached, empty for the name as given.
    pub via: String,
}

#[derive(Debug, Clone)]
pub struct Forms {
    /// Given names, the one used at work first.
    pub givens: Vec<Form>,
    /// Middle names of the work name, display form.
    pub middles: Vec<String>,
    /// Surnames, the one used at work first; empty for a single-word name.
    pub surnames: Vec<Form>,
    /// Titles with their factor: the one given first, then likely alternatives.
    pub titles: Vec<Form>,
    /// The full name as used at work, tidied.
    pub full_name: String,
}

/// Short forms taken from the table for one name: enough to cover how people are
/// actually called without flooding the list.
const MAX_TABLE_FORMS: usize = 6;

impl Forms {
    pub fn build(subject: &Subject, table: &NicknameTable) -> Self {
        let work = ParsedName::parse(&subject.name);
        let mut givens = Vec::new();
        let mut surnames = Vec::new();

        push(&mut givens, &work.given, 1.0, String::new());
        for nick in &subject.nicknames {
            push(&mut givens, nick, 0.95, format!("nickname {nick}"));
        }
        let given_key = fold_key(&work.given);
        for (i, short) in table
            .diminutives(&given_key)
            .iter()
            .take(MAX_TABLE_FORMS)
            .enumerate()
        {
            let factor = (0.8 - 0.06 * i as f64).max(0.45);
            let display = capitalise(short);
            let via = format!("{display} is short for {}", work.given);
            push(&mut givens, &display, factor, via);
        }
        for formal in table.formals(&given_key).iter().take(3) {
            let display = capitalise(formal);
            let via = format!("{} is short for {display}", work.given);
            push(&mut givens, &display, 0.75, via);
        }
        if let Some(surname) = &work.surname {
            push(&mut surnames, surname, 1.0, String::new());
        }
        for other in &subject.other_names {
            match ParsedName::surname_only(other) {
                Some(surname) => push(
                    &mut surnames,
                    &surname,
                    0.85,
                    format!("other surname {surname}"),
                ),
                None => {
                    let parsed = ParsedName::parse(other);
                    let via = format!("other name {other}");
                    push(&mut givens, &parsed.given, 0.8, via.clone());
                    if let Some(surname) = &parsed.surname {
                        push(&mut surnames, surname, 0.85, via);
                    }
                }
            }
        }
        if let Some(middle) = work.middles.first() {
            push(&mut givens, middle, 0.45, format!("middle name {middle}"));
        }
        let whole_surnames = surnames.clone();
        for whole in &whole_surnames {
            for part in surname_parts(&whole.display) {
                let via = format!("part of {}", whole.display);
                push(&mut surnames, &part, 0.6 * whole.factor, via);
            }
        }

        let title = subject.title.clone().or(work.title.clone());
        let mut title_forms = Vec::new();
        if let Some(title) = title {
            let canonical = titles::canonical(&title);
            for (alt, factor) in titles::alternatives(&canonical) {
                let via = match titles::why(&canonical, alt) {
                    Some(why) => format!("{alt} instead of {canonical}, as {why}"),
                    None => format!("{alt} instead of {canonical}"),
                };
                title_forms.push((alt.to_string(), factor, via));
            }
            title_forms.insert(0, (canonical, 1.0, String::new()));
        }
        let titles = title_forms
            .into_iter()
            .map(|(display, factor, via)| Form {
                key: fold(&display),
                display,
                factor,
                via,
            })
            .collect();

        let full_name = std::iter::once(work.given.as_str())
            .chain(work.middles.iter().map(String::as_str))
            .chain(work.surname.as_deref())
            .collect::<Vec<_>>()
            .join(" ");
        Self {
            givens,
            middles: work.middles,
            surnames,
            titles,
            full_name,
        }
    }
}

/// Adds a form unless an equal one (same display, ignoring case) is already there.
fn push(list: &mut Vec<Form>, display: &str, factor: f64, via: String) {
    let display = display.split_whitespace().collect::<Vec<_>>().join(" ");
    if display.is_empty()
        || list
            .iter()
            .any(|f| f.display.to_lowercase() == display.to_lowercase())
    {
        return;
    }
    list.push(Form {
        key: fold(&display),
        display,
        factor,
        via,
    });
}

//! Names a pupil would type into a search box: the full name, short forms, other
//! surnames, initials and "Ms Smith" forms. Display spelling is kept (Zoë stays Zoë), and
//! every form with accents comes again without them (Zoe), as most pupils type it.

use super::forms::{Form, Forms};
use super::parse::strip_accents;
use super::{Variant, describe};
use crate::subject::Subject;

/// Weight of a name typed without its accents, against the name as written: most pupils
/// type Siobhan for Siobhán, but a page about her is a little more likely to spell it right.
const UNACCENTED: f64 = 0.95;

pub fn generate(forms: &Forms, _subject: &Subject) -> Vec<Variant> {
    let mut out = Vec::new();
    let mut add = |text: String, rule: &str, notes: &[&str], weight: f64| {
        let plain = strip_accents(&text);
        if plain != text {
            let mut notes = notes.to_vec();
            notes.push("without accents");
            out.push(Variant {
                text: plain,
                source: describe(rule, &notes),
                weight: weight * UNACCENTED,
            });
        }
        out.push(Variant {
            text,
            source: describe(rule, notes),
            weight,
        });
    };
    add(forms.full_name.clone(), "full name", &[], 1.0);
    let Some(primary_given) = forms.givens.first() else {
        return out;
    };

    if forms.surnames.is_empty() {
        // A single-word name: the name itself, and how young pupils say it ("Miss Zoë").
        for given in &forms.givens[1..] {
            add(
                given.display.clone(),
                "short form",
                &[&given.via],
                0.9 * given.factor,
            );
        }
        for title in &forms.titles {
            let text = format!("{} {}", title.display, primary_given.display);
            add(text, "title + name", &[&title.via], 0.7 * title.factor);
        }
        return out;
    }

    for surname in &forms.surnames {
        for given in &forms.givens {
            let text = format!("{} {}", given.display, surname.display);
            let rule = if given.via.is_empty() && surname.via.is_empty() {
                "first name + surname"
            } else {
                "name + surname"
            };
            add(
                text,
                rule,
                &[&given.via, &surname.via],
                0.95 * given.factor * surname.factor,
            );
        }
        if !forms.middles.is_empty() {
            let text = format!(
                "{} {} {}",
                primary_given.display,
                forms.middles.join(" "),
                surname.display
            );
            add(
                text,
                "with middle names",
                &[&surname.via],
                0.8 * surname.factor,
            );
            if forms.middles.len() > 1 {
                let text = format!(
                    "{} {} {}",
                    primary_given.display, forms.middles[0], surname.display
                );
                add(
                    text,
                    "with first middle name",
                    &[&surname.via],
                    0.6 * surname.factor,
                );
            }
        }
        if let Some(initial) = initial(primary_given) {
            add(
                format!("{initial} {}", surname.display),
                "initial + surname",
                &[&surname.via],
                0.5 * surname.factor,
            );
            add(
                format!("{initial}. {}", surname.display),
                "initial + surname",
                &[&surname.via],
                0.45 * surname.factor,
            );
        }
        for title in &forms.titles {
            add(
                format!("{} {}", title.display, surname.display),
                "title + surname",
                &[&title.via, &surname.via],
                0.95 * title.factor * surname.factor,
            );
        }
    }
    out
}

fn initial(given: &Form) -> Option<String> {
    let first = given.display.chars().find(|c| c.is_alphabetic())?;
    Some(first.to_uppercase().collect())
}

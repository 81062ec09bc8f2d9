//! Usernames a pupil would try: the formats username-guessing tools build from first,
//! middle and last names, the same with `_` and `-`, title forms (missjones), teacher
//! forms (mrsmithteaches), birth-year suffixes, and the handles the person gave.

use super::forms::{Form, Forms};
use super::{Variant, describe};
use crate::subject::Subject;

/// The username-safe pieces one format is built from (ASCII, lower case, non-empty).
struct Parts<'a> {
    first: &'a str,
    last: &'a str,
    middles: &'a [String],
}

impl Parts<'_> {
    fn f(&self) -> &str {
        &self.first[..1]
    }
    fn l(&self) -> &str {
        &self.last[..1]
    }
    fn m(&self) -> String {
        self.middles.iter().filter_map(|m| m.get(..1)).collect()
    }
}

type Build = fn(&Parts) -> String;

/// Formats from a whole first name and a surname, with how likely a pupil tries each.
const PAIR_FORMATS: &[(&str, f64, Build)] = &[
    ("firstlast", 0.95, |p| format!("{}{}", p.first, p.last)),
    ("first.last", 0.92, |p| format!("{}.{}", p.first, p.last)),
    ("first_last", 0.85, |p| format!("{}_{}", p.first, p.last)),
    ("first-last", 0.6, |p| format!("{}-{}", p.first, p.last)),
    ("lastfirst", 0.6, |p| format!("{}{}", p.last, p.first)),
    ("firstl", 0.55, |p| format!("{}{}", p.first, p.l())),
    ("last.first", 0.55, |p| format!("{}.{}", p.last, p.first)),
    ("last_first", 0.5, |p| format!("{}_{}", p.last, p.first)),
    ("first.l", 0.4, |p| format!("{}.{}", p.first, p.l())),
    ("firstlast8", 0.4, |p| {
        truncate(&format!("{}{}", p.first, p.last), 8)
    }),
    ("first_l", 0.35, |p| format!("{}_{}", p.first, p.l())),
    ("lfirst", 0.35, |p| format!("{}{}", p.l(), p.first)),
    ("l.first", 0.3, |p| format!("{}.{}", p.l(), p.first)),
    ("first4last4", 0.3, |p| {
        format!("{}{}", truncate(p.first, 4), truncate(p.last, 4))
    }),
    ("last", 0.2, |p| p.last.to_string()),
];

/// Formats from the first name's initial: only for names the person really uses, since
/// "bsmith" for a Beth taken from the nickname table is a guess on a guess.
const INITIAL_FORMATS: &[(&str, f64, Build)] = &[
    ("flast", 0.8, |p| format!("{}{}", p.f(), p.last)),
    ("f.last", 0.6, |p| format!("{}.{}", p.f(), p.last)),
    ("f_last", 0.55, |p| format!("{}_{}", p.f(), p.last)),
    ("lastf", 0.45, |p| format!("{}{}", p.last, p.f())),
    ("last.f", 0.35, |p| format!("{}.{}", p.last, p.f())),
    ("fl", 0.1, |p| format!("{}{}", p.f(), p.l())),
];

/// Formats that also use middle names (only built when there are some).
const MIDDLE_FORMATS: &[(&str, f64, Build)] = &[
    ("fmlast", 0.5, |p| format!("{}{}{}", p.f(), p.m(), p.last)),
    ("firstmlast", 0.45, |p| {
        format!("{}{}{}", p.first, p.m(), p.last)
    }),
    ("firstmiddlelast", 0.45, |p| {
        format!("{}{}{}", p.first, p.middles.concat(), p.last)
    }),
    ("first.middle.last", 0.4, |p| {
        format!("{}.{}.{}", p.first, p.middles.join("."), p.last)
    }),
    ("fml", 0.1, |p| format!("{}{}{}", p.f(), p.m(), p.l())),
];

/// Title forms: what pupils call a teacher, run together as a handle.
const TITLE_FORMATS: &[(&str, f64, &str)] = &[
    ("title+surname", 0.9, ""),
    ("title_surname", 0.7, "_"),
    ("title.surname", 0.65, "."),
    ("title-surname", 0.35, "-"),
];

/// Handles teachers make for class accounts ("mrsmithteaches").
const TEACHER_SUFFIXES: &[(&str, f64)] = &[("teaches", 0.45), ("class", 0.4), ("teacher", 0.4)];

/// Given names below this factor come from the nickname table, not from the person.
const TRUSTED_GIVEN: f64 = 0.9;
/// Formats strong enough to be worth a birth-year suffix.
const YEAR_WORTHY: f64 = 0.8;
const MAX_MIDDLES: usize = 3;
const MAX_USERNAME: usize = 64;

pub fn generate(forms: &Forms, subject: &Subject) -> Vec<Variant> {
    let mut out = Vec::new();
    for handle in &subject.usernames {
        let source = match &handle.platform {
            Some(p) => format!("username you gave ({p})"),
            None => "username you gave".to_string(),
        };
        out.push(Variant {
            text: handle.handle.clone(),
            source,
            weight: 1.0,
        });
    }
    let years = subject.birth_year.map(|y| {
        let full = y.to_string();
        let short = format!("{:02}", y % 100);
        (full, short)
    });
    let mut emit = |text: String, rule: &str, notes: &[&str], weight: f64, year_worthy: bool| {
        if !is_valid(&text) {
            return;
        }
        if year_worthy && let Some((full, short)) = &years {
            let born = format!("born {full}");
            for (suffix, factor) in [(short, 0.6), (full, 0.5)] {
                let with_year = format!("{text}{suffix}");
                if is_valid(&with_year) {
                    let mut notes = notes.to_vec();
                    notes.push(&born);
                    out.push(variant(with_year, rule, &notes, weight * factor));
                }
            }
        }
        out.push(variant(text, rule, notes, weight));
    };

    let middles: Vec<String> = forms
        .middles
        .iter()
        .map(|m| super::parse::fold(m))
        .filter(|m| !m.is_empty())
        .take(MAX_MIDDLES)
        .collect();

    if forms.surnames.is_empty() {
        for given in forms.givens.iter().filter(|g| !g.key.is_empty()) {
            emit(
                given.key.clone(),
                "first",
                &[&given.via],
                0.8 * given.factor,
                true,
            );
            for title in &forms.titles {
                let text = format!("{}{}", title.key, given.key);
                emit(
                    text,
                    "title+name",
                    &[&title.via, &given.via],
                    0.6 * title.factor,
                    false,
                );
            }
        }
        return out;
    }

    for surname in &forms.surnames {
        for (last, spelling_factor, spelling_note) in spellings(surname) {
            for (gi, given) in forms.givens.iter().enumerate() {
                if given.key.is_empty() {
                    continue;
                }
                let parts = Parts {
                    first: &given.key,
                    last: &last,
                    middles: &middles,
                };
                let factor = given.factor * surname.factor * spelling_factor;
                let notes = [given.via.as_str(), surname.via.as_str(), spelling_note];
                let initials = if given.factor >= TRUSTED_GIVEN {
                    INITIAL_FORMATS
                } else {
                    &[]
                };
                for (rule, base, build) in PAIR_FORMATS.iter().chain(initials) {
                    emit(
                        build(&parts),
                        rule,
                        &notes,
                        base * factor,
                        *base >= YEAR_WORTHY,
                    );
                }
                // Middle names belong to the work name only.
                if gi == 0 && !middles.is_empty() {
                    for (rule, base, build) in MIDDLE_FORMATS {
                        emit(build(&parts), rule, &notes, base * factor, false);
                    }
                }
            }
            for title in &forms.titles {
                let factor = title.factor * surname.factor * spelling_factor;
                let notes = [title.via.as_str(), surname.via.as_str(), spelling_note];
                for (rule, base, sep) in TITLE_FORMATS {
                    let text = format!("{}{sep}{last}", title.key);
                    emit(text, rule, &notes, base * factor, *base >= YEAR_WORTHY);
                }
                for (suffix, base) in TEACHER_SUFFIXES {
                    let text = format!("{}{last}{suffix}", title.key);
                    emit(text, "teacher handle", &notes, base * factor, false);
                }
            }
        }
    }
    if let Some(given) = forms.givens.first() {
        emit(given.key.clone(), "first", &[], 0.2, false);
    }
    out
}

fn variant(text: String, rule: &str, notes: &[&str], weight: f64) -> Variant {
    Variant {
        text,
        source: describe(rule, notes),
        weight,
    }
}

/// Ways to write a surname in a username: "Smith-Jones" -> smithjones, smith-jones,
/// smith_jones. Single-word surnames have one spelling.
fn spellings(surname: &Form) -> Vec<(String, f64, &'static str)> {
    let words: Vec<String> = surname
        .display
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(super::parse::fold)
        .filter(|w| !w.is_empty())
        .collect();
    if surname.key.is_empty() {
        return Vec::new();
    }
    if words.len() < 2 {
        return vec![(surname.key.clone(), 1.0, "")];
    }
    vec![
        (words.concat(), 1.0, ""),
        (words.join("-"), 0.7, "surname with -"),
        (words.join("_"), 0.65, "surname with _"),
    ]
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// A username worth showing: 3-64 characters of a-z, 0-9 and single `.`, `_` or `-`
/// between them. Short handles are dropped because they identify nobody.
pub fn is_valid(text: &str) -> bool {
    let bytes = text.as_bytes();
    let is_sep = |b: &u8| matches!(b, b'.' | b'_' | b'-');
    (3..=MAX_USERNAME).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || is_sep(b))
        && !bytes.first().is_some_and(is_sep)
        && !bytes.last().is_some_and(is_sep)
        && !bytes.windows(2).any(|w| is_sep(&w[0]) && is_sep(&w[1]))
}

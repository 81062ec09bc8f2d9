//! The names a result may call the person by: real-name variants (given name and
//! surname close together, either order) and title forms ("Ms Smith"), each with the
//! reason line that says which variant matched and how it relates to their name.

use std::collections::HashSet;

use super::text::{Pattern, Span};
use crate::subject::Subject;
use crate::variants::parse::{ParsedName, fold};
use crate::variants::{Variant, Variants};

/// Most words allowed between given name and surname ("Jane A. Smith", "Jane Mary Anne
/// Smith"). Reversed order must be adjacent ("Smith, Jane"): a gap there would let
/// "Adam Smith and Jane Austen" name Jane Smith.
const MAX_GAP: usize = 2;

/// What the reason line says about a matched name: the name and how it relates to theirs.
#[derive(Debug, Clone)]
pub struct Label {
    shown: String,
    notes: Vec<String>,
}

impl Label {
    pub fn reason(&self, typo: bool) -> String {
        let mut notes = self.notes.clone();
        if typo {
            notes.push("allowing a typo".into());
        }
        if notes.is_empty() {
            format!("names \"{}\"", self.shown)
        } else {
            format!("names \"{}\" ({})", self.shown, notes.join("; "))
        }
    }
}

/// A real-name variant: given name and surname, found close together in either order.
pub struct NameForm {
    given: Pattern,
    surname: Pattern,
    /// Both run together, for slugs and hosts such as `janesmith`.
    whole: Pattern,
    label: Label,
}

/// One way a result can call the person, with the reason line to show when it does.
pub trait Form {
    fn spans(&self, words: &[String]) -> Vec<Span>;
    fn label(&self) -> &Label;
}

impl Form for NameForm {
    fn label(&self) -> &Label {
        &self.label
    }

    fn spans(&self, words: &[String]) -> Vec<Span> {
        let mut out = self.whole.find(words);
        let surnames = self.surname.find(words);
        for g in self.given.find(words) {
            for s in &surnames {
                let forward = s.start >= g.end && s.start - g.end <= MAX_GAP;
                if forward || s.end == g.start {
                    out.push(Span {
                        start: g.start.min(s.start),
                        end: g.end.max(s.end),
                        typo: g.typo || s.typo,
                    });
                }
            }
        }
        out
    }
}

/// "Ms Smith": only evidence together with the school or town, never alone.
pub struct TitleForm {
    title: Pattern,
    name: Pattern,
    /// Their own initial: "Mrs K. Smith" is a colleague, not "Mrs J. Smith".
    initial: Option<String>,
    label: Label,
}

impl Form for TitleForm {
    fn label(&self) -> &Label {
        &self.label
    }

    fn spans(&self, words: &[String]) -> Vec<Span> {
        let mut out = Vec::new();
        for t in self.title.find(words) {
            // School sites write "Mrs J. Smith": their initial may sit between.
            let initial = words
                .get(t.end)
                .is_some_and(|w| Some(w) == self.initial.as_ref());
            let starts = [Some(t.end), initial.then_some(t.end + 1)];
            out.extend(starts.into_iter().flatten().filter_map(|at| {
                let s = self.name.match_at(words, at)?;
                Some(Span {
                    start: t.start,
                    ..s
                })
            }));
        }
        out
    }
}

/// Name and title forms from the variants (heaviest first), skipping initials, which
/// collide with far too many people, and a lone given name.
pub fn forms(subject: &Subject, variants: &Variants) -> (Vec<NameForm>, Vec<TitleForm>) {
    let fallback = fallback(subject);
    let work = ParsedName::parse(&subject.name);
    let initial = fold(&work.given).get(..1).map(str::to_string);
    let mut names = Vec::new();
    let mut titles = Vec::new();
    let mut seen = HashSet::new();
    for variant in variants.names.iter().chain(&fallback) {
        let (rule, notes) = split_source(&variant.source);
        if rule.starts_with("title + ") {
            let Some((title, rest)) = variant.text.split_once(' ') else {
                continue;
            };
            let (Some(title_p), Some(name)) = (Pattern::name(title), Pattern::name(rest)) else {
                continue;
            };
            if seen.insert(format!("t {} {}", title_p.key(), name.key())) {
                let notes = notes.iter().map(|n| explain(n, "")).collect();
                titles.push(TitleForm {
                    title: title_p,
                    name,
                    initial: initial.clone(),
                    label: Label {
                        shown: variant.text.clone(),
                        notes,
                    },
                });
            }
            continue;
        }
        if rule.starts_with("initial") || rule == "short form" {
            continue;
        }
        let parsed = ParsedName::parse(&variant.text);
        let Some(surname_text) = parsed.surname else {
            continue;
        };
        let (Some(given), Some(surname)) =
            (Pattern::name(&parsed.given), Pattern::name(&surname_text))
        else {
            continue;
        };
        if seen.insert(format!("n {} {}", given.key(), surname.key())) {
            let notes = notes.iter().map(|n| explain(n, &parsed.given)).collect();
            names.push(NameForm {
                whole: given.then(&surname),
                given,
                surname,
                label: Label {
                    shown: format!("{} {surname_text}", parsed.given),
                    notes,
                },
            });
        }
    }
    (names, titles)
}

/// The work name (and title form) even if the caller truncated the variants list.
fn fallback(subject: &Subject) -> Vec<Variant> {
    let parsed = ParsedName::parse(&subject.name);
    let Some(surname) = &parsed.surname else {
        return Vec::new();
    };
    let variant = |text: String, source: &str| Variant {
        text,
        source: source.into(),
        weight: 0.0,
    };
    let mut out = vec![variant(format!("{} {surname}", parsed.given), "full name")];
    if let Some(title) = subject.title.as_ref().or(parsed.title.as_ref()) {
        out.push(variant(format!("{title} {surname}"), "title + surname"));
    }
    out
}

/// "name + surname (a; b)" -> ("name + surname", ["a", "b"]).
fn split_source(source: &str) -> (&str, Vec<&str>) {
    match source.split_once(" (") {
        Some((rule, rest)) => {
            let rest = rest.strip_suffix(')').unwrap_or(rest);
            (rule, rest.split("; ").filter(|n| !n.is_empty()).collect())
        }
        None => (source, Vec::new()),
    }
}

/// Turns a variant note into words addressed to the person ("Liz is short for Elizabeth"
/// -> "a short form of Elizabeth"); unknown notes pass through as written.
fn explain(note: &str, given: &str) -> String {
    if let Some((short, formal)) = note.split_once(" is short for ") {
        return if short.eq_ignore_ascii_case(given) {
            format!("a short form of {formal}")
        } else {
            format!("the full form of {short}")
        };
    }
    let rewrites = [
        ("nickname ", "your nickname"),
        ("other surname ", "your other surname"),
        ("middle name ", "your middle name"),
    ];
    for (prefix, said) in rewrites {
        if note.starts_with(prefix) {
            return said.to_string();
        }
    }
    if let Some(rest) = note.strip_prefix("other name ") {
        return format!("your other name {rest}");
    }
    if let Some(rest) = note.strip_prefix("part of ") {
        return format!("part of your surname {rest}");
    }
    note.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_split_into_rule_and_notes() {
        let (rule, notes) =
            split_source("name + surname (Liz is short for Elizabeth; part of O'Brien-Smith)");
        assert_eq!(rule, "name + surname");
        assert_eq!(
            notes,
            ["Liz is short for Elizabeth", "part of O'Brien-Smith"]
        );
        assert_eq!(split_source("full name"), ("full name", vec![]));
    }

    #[test]
    fn notes_are_explained_to_the_person() {
        assert_eq!(
            explain("Liz is short for Elizabeth", "Liz"),
            "a short form of Elizabeth"
        );
        assert_eq!(
            explain("Liz is short for Elizabeth", "Elizabeth"),
            "the full form of Liz"
        );
        assert_eq!(explain("other surname Jones", "Jane"), "your other surname");
        assert_eq!(
            explain("part of O'Brien-Smith", "Liz"),
            "part of your surname O'Brien-Smith"
        );
        assert_eq!(explain("Miss instead of Ms", ""), "Miss instead of Ms");
    }

    #[test]
    fn initials_and_lone_given_names_are_not_name_forms() {
        let subject = Subject {
            name: "Jane Smith".into(),
            title: Some("Ms".into()),
            ..Default::default()
        };
        let (names, titles) = forms(&subject, &Variants::generate(&subject));
        let shown: Vec<_> = names.iter().map(|n| n.label.shown.as_str()).collect();
        assert!(shown.contains(&"Jane Smith") && shown.contains(&"Janey Smith"));
        assert!(
            !shown
                .iter()
                .any(|s| s.starts_with("J ") || s.starts_with("J."))
        );
        let titles: Vec<_> = titles.iter().map(|t| t.label.shown.as_str()).collect();
        assert_eq!(titles, ["Ms Smith", "Miss Smith", "Mrs Smith"]);
        // Without any variants the work name is still there.
        let (names, titles) = forms(&subject, &Variants::default());
        assert_eq!((names.len(), titles.len()), (1, 1));
    }
}

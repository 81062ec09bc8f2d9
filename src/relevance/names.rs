//! The names a result may call the person by: real-name variants (given name and
//! surname close together, either order, a short form in any of its spellings) and title
//! forms ("Ms Smith"), each with the reason line that says which matched and why.

use std::collections::HashSet;

use super::text::{Pattern, Span, words};
use crate::subject::Subject;
use crate::variants::parse::{ParsedName, capitalise, fold};
use crate::variants::{NicknameTable, Variant, Variants};

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
    /// The name as the variants write it.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    pub fn reason(&self, typo: bool) -> String {
        format!("names \"{}\"{}", self.shown, self.notes_said(typo))
    }

    /// `names "Janie Smith", a spelling of "Janey Smith" (a short form of Jane)`.
    fn spelled_reason(&self, written: &str, typo: bool) -> String {
        let shown = &self.shown;
        format!(
            "names \"{written}\", a spelling of \"{shown}\"{}",
            self.notes_said(typo)
        )
    }

    fn notes_said(&self, typo: bool) -> String {
        let mut notes = self.notes.clone();
        if typo {
            notes.push("allowing a typo".into());
        }
        if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join("; "))
        }
    }
}

/// A real-name variant: given name and surname, found close together in either order.
pub struct NameForm {
    given: Pattern,
    surname: Pattern,
    /// Both run together, for slugs and hosts such as `janesmith`.
    whole: Pattern,
    /// Other spellings of the given name, when it is a short form ending -y, -ie, -ey, -i.
    spelling: Option<Spelling>,
    label: Label,
}

/// One way a result can call the person, with the reason line to show when it does.
pub trait Form {
    fn spans(&self, words: &[String]) -> Vec<Span>;
    fn label(&self) -> &Label;

    /// Where the name is written with another spelling of its short form ("Janie Smith"
    /// for Janey Smith), each with the index of the word spelt differently.
    fn spelled(&self, _words: &[String]) -> Vec<(Span, usize)> {
        Vec::new()
    }

    /// The reason line for a match found by [`Form::spelled`], given the word as found.
    fn spelled_reason(&self, _word: &str, _typo: bool) -> Option<String> {
        None
    }
}

impl Form for NameForm {
    fn label(&self) -> &Label {
        &self.label
    }

    fn spans(&self, words: &[String]) -> Vec<Span> {
        let mut out = self.whole.find(words);
        let surnames = self.surname.find(words);
        for g in self.given.find(words) {
            out.extend(surnames.iter().filter_map(|s| joined(&g, s)));
        }
        out
    }

    fn spelled(&self, words: &[String]) -> Vec<(Span, usize)> {
        let Some(spelling) = &self.spelling else {
            return Vec::new();
        };
        let givens: Vec<usize> = (0..words.len())
            .filter(|&i| spelling.matches(&words[i]))
            .collect();
        if givens.is_empty() {
            return Vec::new();
        }
        let surnames = self.surname.find(words);
        let mut out = Vec::new();
        for at in givens {
            let g = Span {
                start: at,
                end: at + 1,
                typo: false,
            };
            out.extend(surnames.iter().filter_map(|s| Some((joined(&g, s)?, at))));
        }
        out
    }

    fn spelled_reason(&self, word: &str, typo: bool) -> Option<String> {
        let spelling = self.spelling.as_ref()?;
        let written = format!("{} {}", capitalise(word), spelling.surname);
        Some(self.label.spelled_reason(&written, typo))
    }
}

/// Given name then surname with at most [`MAX_GAP`] words between, or "Surname, Given".
fn joined(g: &Span, s: &Span) -> Option<Span> {
    let forward = s.start >= g.end && s.start - g.end <= MAX_GAP;
    (forward || s.end == g.start).then(|| Span {
        start: g.start.min(s.start),
        end: g.end.max(s.end),
        typo: g.typo || s.typo,
    })
}

/// Endings a short form is spelt with interchangeably: Janey and Janie, Katy, Katie and
/// Katey, Vicky, Vicki and Vikki. Longest first, so "ie" is never read as "i".
const SHORT_FORM_ENDINGS: &[&str] = &["ie", "ey", "y", "i"];

/// Shortest stem before the ending. Two-letter stems give different names as often as
/// spellings: Joey and Joy, Amy and Ami.
const MIN_SPELLING_STEM: usize = 3;

/// Most letters that may differ between two spellings: Vicky and Vikkie differ by three.
/// Doubled letters and the ending are all that may differ anyway (see [`spelling_key`]);
/// this only stops a pile-up of them ("Jannnie").
const MAX_SPELLING_EDITS: usize = 3;

/// Another spelling of a short form the person is known by. Only the given name is ever
/// spelt loosely: a surname with one letter changed is usually another family (Smith and
/// Smyth, Thomson and Thompson), while Janey and Janie are the same woman.
struct Spelling {
    /// The short form as the variants have it, folded ("janey").
    own: String,
    /// Its sound without the spelling: see [`spelling_key`].
    key: String,
    /// The surname it goes with, as the person writes it, for the reason line.
    surname: String,
}

impl Spelling {
    /// For a one-word given name that is a short form: in the nickname table as one, or a
    /// nickname the person gave. A formal name (Mary) never gets loose spellings (Marie).
    fn of(given: &str, surname: &str, nickname: bool, table: &NicknameTable) -> Option<Self> {
        let [own] = words(given).try_into().ok()?;
        let short = nickname || !table.formals(&own).is_empty();
        let key = spelling_key(&own).filter(|_| short)?;
        Some(Self {
            own,
            key,
            surname: surname.to_string(),
        })
    }

    /// `word` (a folded word of the page) is this short form spelt another way, and not a
    /// name of its own: when the nickname table knows the word, it must be a short form of
    /// the same name (Katy and Katie are both Catherine; Toni is Antonia, not Tony).
    fn matches(&self, word: &str) -> bool {
        word != self.own
            && word.as_bytes().first() == self.own.as_bytes().first()
            && word.len().abs_diff(self.own.len()) <= MAX_SPELLING_EDITS
            && spelling_key(word).is_some_and(|k| k == self.key)
            && strsim::levenshtein(word, &self.own) <= MAX_SPELLING_EDITS
            && same_name(word, &self.own, NicknameTable::builtin())
    }
}

/// A short form's sound without its spelling: the stem before a [`SHORT_FORM_ENDINGS`]
/// ending, with doubled letters single and "ck" as "k" (Vicky, Vikki -> "vik"). `None` for
/// a word that does not end like a short form or whose stem is too short to tell.
fn spelling_key(word: &str) -> Option<String> {
    let ending = SHORT_FORM_ENDINGS.iter().find(|e| word.ends_with(*e))?;
    let stem = word.get(..word.len() - ending.len())?.replace("ck", "k");
    let mut key = String::with_capacity(stem.len());
    for c in stem.chars() {
        if !key.ends_with(c) {
            key.push(c);
        }
    }
    let letters = key.chars().all(|c| c.is_ascii_lowercase());
    (letters && key.len() >= MIN_SPELLING_STEM).then_some(key)
}

/// True unless the table knows both as names and they are unrelated: known names must
/// share a formal name, or one be the other's.
fn same_name(word: &str, own: &str, table: &NicknameTable) -> bool {
    if !table.knows(word) || !table.knows(own) {
        return true;
    }
    let family = |key: &str| -> Vec<String> {
        std::iter::once(key.to_string())
            .chain(table.formals(key).iter().cloned())
            .chain(table.diminutives(key).iter().cloned())
            .collect()
    };
    let theirs = family(own);
    family(word).iter().any(|name| theirs.contains(name))
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
    let table = NicknameTable::builtin();
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
            let nickname = notes.iter().any(|n| n.starts_with("nickname "));
            let spelling = Spelling::of(&parsed.given, &surname_text, nickname, table);
            let notes = notes.iter().map(|n| explain(n, &parsed.given)).collect();
            names.push(NameForm {
                whole: given.then(&surname),
                given,
                surname,
                spelling,
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
    fn spelling_keys_ignore_the_ending_and_doubled_letters() {
        let key = |w: &str| spelling_key(w);
        for group in [
            &["janey", "janie", "janny"][..],
            &["katy", "katie", "katey", "kati"],
            &["vicky", "vicki", "vikki", "vickie", "vikkie"],
            &["debbie", "debby", "debi", "debbi"],
        ] {
            let first = key(group[0]);
            assert!(first.is_some(), "{}", group[0]);
            for w in group {
                assert_eq!(key(w), first, "{w}");
            }
        }
        for w in ["jane", "jan", "kate", "joy", "amy", "abi", "smith", "j4ney"] {
            assert_eq!(key(w), None, "{w}");
        }
    }

    #[test]
    fn a_spelling_must_be_close_and_not_another_known_name() {
        let table = NicknameTable::builtin();
        let janey = Spelling::of("Janey", "Smith", false, table).unwrap();
        assert!(janey.matches("janie"));
        assert!(!janey.matches("janey"));
        assert!(!janey.matches("jane"));
        assert!(!janey.matches("jannnnie"));
        // Formal names and names of more than one word get no loose spellings.
        assert!(Spelling::of("Mary", "Smith", false, table).is_none());
        assert!(Spelling::of("Mary-Jane", "Smith", true, table).is_none());
        // ...unless the person gave it as a nickname.
        assert!(Spelling::of("Benny", "Smith", true, table).is_some());
        assert!(same_name("katy", "katie", table));
        assert!(!same_name("toni", "tony", table));
        assert!(same_name("katey", "kattie", table));
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

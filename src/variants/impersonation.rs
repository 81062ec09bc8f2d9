//! Handles a pupil would make for an account pretending to be (or mocking) the school or a
//! member of staff: the school's name, short form or initials, and staff titles and names,
//! with words like official, memes, exposed or fake, joined plain, with `_` or with `.`.

use super::parse::fold;
use super::usernames::is_valid;
use super::{Variant, finish};
use crate::subject::Subject;

/// Words that say what kind of school it is rather than which: dropped for the short
/// form of its name ("Oakwood" for Oakwood Academy) and kept for its initials.
const GENERIC: &[&str] = &[
    "school",
    "academy",
    "primary",
    "secondary",
    "high",
    "college",
    "community",
    "church",
    "junior",
    "infant",
    "infants",
    "nursery",
    "grammar",
    "free",
    "trust",
    "international",
    "upper",
    "lower",
    "middle",
    "catholic",
    "ce",
    "rc",
    "cofe",
    "c",
    "e",
    "england",
    "sixth",
    "form",
    "federation",
    "studio",
    "the",
    "of",
    "and",
];

/// Little words left out of initials ("St Mary of the Angels" is smota, not smotta).
const NOT_IN_INITIALS: &[&str] = &["the", "of", "and"];

/// What pupils add to a school's or a teacher's name for a parody or "exposed" account,
/// with how likely each is (from the accounts named in the 2021 incidents and since).
const SCHOOL_WORDS: &[(&str, f64)] = &[
    ("official", 0.9),
    ("memes", 0.9),
    ("confessions", 0.85),
    ("exposed", 0.85),
    ("slander", 0.85),
    ("teachers", 0.8),
    ("fake", 0.7),
    ("rate", 0.6),
];

/// Words that come first as often as last: fake_oakwood, rateoakwoodteachers.
const PREFIX_WORDS: &[&str] = &["fake", "rate", "official"];

/// Words for a member of staff's parody account.
const STAFF_WORDS: &[(&str, f64)] = &[
    ("fake", 0.85),
    ("exposed", 0.7),
    ("memes", 0.65),
    ("slander", 0.6),
    ("official", 0.55),
];

const SEPARATORS: &[(&str, f64)] = &[("", 1.0), ("_", 0.95), (".", 0.85)];

/// Handles made from the school's name, likeliest first.
pub fn school(name: &str) -> Vec<Variant> {
    let mut out = Vec::new();
    for (base, source, weight) in school_bases(name) {
        push(&mut out, base.clone(), &source, weight);
        for (word, w) in SCHOOL_WORDS {
            for (sep, s) in SEPARATORS {
                let weight = weight * w * s;
                push(
                    &mut out,
                    format!("{base}{sep}{word}"),
                    &format!("{source} + {word}"),
                    weight,
                );
                if PREFIX_WORDS.contains(word) {
                    push(
                        &mut out,
                        format!("{word}{sep}{base}"),
                        &format!("{word} + {source}"),
                        weight * 0.9,
                    );
                }
            }
        }
    }
    finish(out, str::to_string)
}

/// Handles made from a member of staff's name, with the school's and with parody words.
pub fn staff(subject: &Subject, school: &str) -> Vec<Variant> {
    let parsed = super::parse::ParsedName::parse(&subject.name);
    let Some(surname) = parsed
        .surname
        .as_deref()
        .map(fold)
        .filter(|s| !s.is_empty())
    else {
        return Vec::new();
    };
    let given = fold(&parsed.given);
    let titles: Vec<String> = match subject.title.as_deref() {
        Some(title) => std::iter::once(fold(title))
            .chain(
                super::titles::alternatives(title)
                    .into_iter()
                    .filter(|(_, w)| *w >= 0.8)
                    .map(|(t, _)| fold(t)),
            )
            .collect(),
        None => Vec::new(),
    };
    let short = school_bases(school)
        .into_iter()
        .find(|(_, source, _)| source != "the school's full name")
        .or_else(|| school_bases(school).into_iter().next())
        .map(|(base, _, _)| base);
    let mut people: Vec<(String, String, f64)> = titles
        .iter()
        .map(|t| (format!("{t}{surname}"), format!("{t} + surname"), 1.0))
        .collect();
    if !given.is_empty() {
        people.push((
            format!("{given}{surname}"),
            "first name + surname".into(),
            0.7,
        ));
    }
    let mut out = Vec::new();
    for (person, source, weight) in &people {
        if let Some(school) = &short {
            for (sep, s) in SEPARATORS {
                push(
                    &mut out,
                    format!("{person}{sep}{school}"),
                    &format!("{source} + school"),
                    weight * 0.9 * s,
                );
            }
        }
        for (word, w) in STAFF_WORDS {
            for (sep, s) in SEPARATORS {
                let weight = weight * w * s;
                push(
                    &mut out,
                    format!("{word}{sep}{person}"),
                    &format!("{word} + {source}"),
                    weight,
                );
                push(
                    &mut out,
                    format!("{person}{sep}{word}"),
                    &format!("{source} + {word}"),
                    weight * 0.9,
                );
            }
        }
    }
    finish(out, str::to_string)
}

/// The school's name as a handle: whole, whole with `_` or `.` between its words, without
/// its generic words, and its initials. `(handle, how it was made, weight)`.
fn school_bases(name: &str) -> Vec<(String, String, f64)> {
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '&' || c == ',')
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut add = |text: String, source: &str, weight: f64| {
        if is_valid(&text) && !out.iter().any(|(t, _, _)| *t == text) {
            out.push((text, source.to_string(), weight));
        }
    };
    add(words.concat(), "the school's full name", 1.0);
    for (sep, s) in &SEPARATORS[1..] {
        add(words.join(sep), "the school's full name", s * 0.9);
    }
    let core: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !GENERIC.contains(w))
        .collect();
    if core.concat().len() >= 4 {
        add(core.concat(), "the school's name", 0.95);
    }
    let initials: String = words
        .iter()
        .filter(|w| !NOT_IN_INITIALS.contains(&w.as_str()))
        .filter_map(|w| w.chars().next())
        .collect();
    if words.len() >= 2 {
        add(initials, "the school's initials", 0.75);
    }
    out
}

fn push(out: &mut Vec<Variant>, text: String, source: &str, weight: f64) {
    if is_valid(&text) {
        out.push(Variant {
            text,
            source: source.to_string(),
            weight,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::SubjectInput;

    fn texts(list: &[Variant]) -> Vec<&str> {
        list.iter().map(|v| v.text.as_str()).collect()
    }

    #[test]
    fn school_handles_cover_the_name_its_short_form_and_initials() {
        let handles = school("Oakwood High School");
        let all = texts(&handles);
        assert_eq!(all[0], "oakwoodhighschool");
        for wanted in [
            "oakwood",
            "ohs",
            "oakwood_memes",
            "oakwood.confessions",
            "ohs_exposed",
            "oakwoodslander",
            "fake_oakwood",
            "oakwood_high_school",
            "oakwoodteachers",
        ] {
            assert!(all.contains(&wanted), "{wanted} missing from {all:?}");
        }
        assert!(all.iter().all(|h| is_valid(h)));
        let weights: Vec<f64> = handles.iter().map(|v| v.weight).collect();
        assert!(weights.windows(2).all(|w| w[0] >= w[1]), "likeliest first");
        let saints = school("St Mary's C of E Primary");
        let saints = texts(&saints);
        assert!(saints.contains(&"stmarys"), "{saints:?}");
        assert!(saints.contains(&"smcep"), "{saints:?}");
    }

    #[test]
    fn staff_handles_use_the_title_school_and_parody_words() {
        let subject = SubjectInput {
            name: Some("Jane Smith".into()),
            title: Some("Ms".into()),
            ..SubjectInput::default()
        }
        .validate(2026)
        .expect("subject");
        let all = staff(&subject, "Oakwood Academy");
        let all = texts(&all);
        for wanted in [
            "mssmith_oakwood",
            "mssmithoakwood",
            "fake.mssmith",
            "fakemssmith",
            "misssmith_oakwood",
            "mssmith_exposed",
        ] {
            assert!(all.contains(&wanted), "{wanted} missing from {all:?}");
        }
        assert!(
            !all.iter().any(|h| h.contains("academy")),
            "the short form of the school"
        );
    }
}

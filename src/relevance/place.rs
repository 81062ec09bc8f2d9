//! Schools and towns as they appear in result text: a school by its distinctive words
//! ("Oakwood" for Oakwood Academy), a town as a phrase, never read out of the name itself.

use super::text::{self, Pattern, Span};

/// Words in a school's name that say what kind of school it is, not which one.
const GENERIC_SCHOOL_WORDS: &[&str] = &[
    "academy",
    "academies",
    "school",
    "schools",
    "college",
    "primary",
    "secondary",
    "high",
    "grammar",
    "comprehensive",
    "prep",
    "preparatory",
    "independent",
    "community",
    "church",
    "of",
    "england",
    "ce",
    "c",
    "e",
    "cofe",
    "rc",
    "roman",
    "catholic",
    "voluntary",
    "aided",
    "controlled",
    "foundation",
    "the",
    "and",
    "at",
    "in",
    "on",
    "a",
    "an",
    "st",
    "saint",
    "junior",
    "juniors",
    "infant",
    "infants",
    "nursery",
    "trust",
    "mat",
    "sixth",
    "form",
    "free",
    "upper",
    "lower",
    "middle",
    "multi",
    "federation",
    "learning",
];

/// A school or town: every group must be found, each group by any of its spellings.
pub struct Place {
    groups: Vec<Vec<Pattern>>,
    pub shown: String,
}

impl Place {
    /// Looks outside `taken` (where the name matched), so Sarah Preston is not "in Preston".
    pub fn found(&self, fields: &[Vec<String>], taken: &[(usize, Span)]) -> bool {
        self.groups.iter().all(|spellings| {
            spellings.iter().any(|p| {
                fields.iter().enumerate().any(|(f, words)| {
                    p.find(words)
                        .iter()
                        .any(|s| !taken.iter().any(|(tf, t)| *tf == f && t.overlaps(s)))
                })
            })
        })
    }
}

/// The school's distinctive words must all appear; "St Mary's" needs the saint, since
/// "Mary" alone is anyone's name. With nothing distinctive, the whole name as a phrase.
pub fn school(name: &str) -> Option<Place> {
    let words = text::words(name);
    let plain = text::words_with(name, false);
    let mut groups = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if GENERIC_SCHOOL_WORDS.contains(&word.as_str()) {
            continue;
        }
        let saint = i > 0 && matches!(words[i - 1].as_str(), "st" | "saint");
        let mut spellings = Vec::new();
        for form in spellings_of(word, plain.get(i)) {
            if saint {
                for prefix in ["st", "saint"] {
                    spellings.extend(Pattern::from_pieces(&[prefix.to_string(), form.clone()]));
                }
            } else {
                spellings.extend(Pattern::from_pieces(&[form]));
            }
        }
        groups.push(spellings);
    }
    if groups.is_empty() {
        groups.push(phrase(&words, &plain));
    }
    groups.retain(|g| !g.is_empty());
    (!groups.is_empty()).then(|| Place {
        groups,
        shown: name.to_string(),
    })
}

pub fn town(town: &str) -> Option<Place> {
    let spellings = phrase(&text::words(town), &text::words_with(town, false));
    (!spellings.is_empty()).then(|| Place {
        groups: vec![spellings],
        shown: town.to_string(),
    })
}

/// With and without a possessive 's, since "King's Lynn" is often written "Kings Lynn".
fn spellings_of(word: &str, plain: Option<&String>) -> Vec<String> {
    let mut out = vec![word.to_string()];
    out.extend(plain.filter(|p| *p != word).cloned());
    out
}

fn phrase(words: &[String], plain: &[String]) -> Vec<Pattern> {
    let mut out: Vec<Pattern> = Pattern::from_pieces(words).into_iter().collect();
    out.extend(Pattern::from_pieces(plain).filter(|p| !out.contains(p)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_text(place: &Place, text: &str) -> bool {
        place.found(&[text::words(text)], &[])
    }

    #[test]
    fn schools_need_every_distinctive_word() {
        let s = school("Oakwood Park Academy").unwrap();
        assert!(in_text(&s, "teacher at oakwood park"));
        assert!(in_text(&s, "Park Lane, near Oakwood"));
        assert!(!in_text(&s, "Oakwood Academy"));
    }

    #[test]
    fn a_school_of_only_generic_words_needs_the_whole_name() {
        let s = school("The Grammar School").unwrap();
        assert!(in_text(&s, "at the grammar school today"));
        assert!(!in_text(&s, "grammar school"));
        assert!(school("  ").is_none());
    }

    #[test]
    fn towns_are_phrases_with_or_without_the_apostrophe() {
        let t = town("King's Lynn").unwrap();
        assert!(in_text(&t, "Kings Lynn") && in_text(&t, "king’s lynn"));
        assert!(!in_text(&t, "Lynn King"));
        let t = town("Stoke-on-Trent").unwrap();
        assert!(in_text(&t, "stoke on trent") && in_text(&t, "/stokeontrent/"));
        assert!(!in_text(&t, "Stoke Newington"));
    }

    #[test]
    fn places_inside_the_name_do_not_count() {
        let t = town("Preston").unwrap();
        let words = text::words("Sarah Preston");
        let name = Span {
            start: 0,
            end: 2,
            typo: false,
        };
        assert!(!t.found(std::slice::from_ref(&words), &[(0, name)]));
        assert!(t.found(&[words], &[(1, name)]));
    }
}

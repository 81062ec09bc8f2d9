//! Splits a written name into given name, middle names and surname, the way a British
//! school would file it: particles (van der, de la, ap) stay with the surname, a leading
//! title moves out, and every piece keeps its display form beside its username form.

/// Titles a person might put in front of their own name by habit.
pub const KNOWN_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
    "revd",
    "fr",
    "sr",
    "lady",
    "lord",
    "master",
    "madam",
    "madame",
];

/// Lower-case words that belong to the surname that follows them.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "dei", "di", "da", "du", "dos", "das", "la",
    "le", "les", "lo", "ap", "ab", "bin", "binti", "bint", "ibn", "al", "el", "ter", "ten", "op",
    "het", "st", "ni", "nic", "mac", "ó", "o", "y",
];

/// Suffixes that are not part of how anyone is searched for.
const SUFFIXES: &[&str] = &["jr", "jnr", "sr", "snr", "ii", "iii", "iv"];

/// A name split into its parts, each in display form (as written, diacritics kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedName {
    pub title: Option<String>,
    pub given: String,
    pub middles: Vec<String>,
    pub surname: Option<String>,
}

impl ParsedName {
    /// Parses a validated name (non-empty, has letters). Never panics on any input.
    pub fn parse(name: &str) -> Self {
        let mut tokens: Vec<&str> = name.split_whitespace().collect();
        let mut title = None;
        if tokens.len() > 1 && is_title(tokens[0]) {
            title = Some(tokens.remove(0).trim_end_matches('.').to_string());
        }
        while tokens.len() > 1
            && tokens
                .last()
                .is_some_and(|t| SUFFIXES.contains(&fold_key(t).as_str()))
        {
            tokens.pop();
        }
        let Some((&given, rest)) = tokens.split_first() else {
            return Self {
                title,
                given: name.trim().to_string(),
                middles: Vec::new(),
                surname: None,
            };
        };
        if rest.is_empty() {
            return Self {
                title,
                given: given.to_string(),
                middles: Vec::new(),
                surname: None,
            };
        }
        // The surname is the last word plus any particles directly before it, but the
        // given name is never swallowed ("De Smith" is a given name and a surname).
        let mut start = rest.len() - 1;
        while start > 0 && is_particle(rest[start - 1]) {
            start -= 1;
        }
        Self {
            title,
            given: given.to_string(),
            middles: rest[..start].iter().map(|s| s.to_string()).collect(),
            surname: Some(rest[start..].join(" ")),
        }
    }

    /// Treats the whole text as a surname when it is one word or only particles plus a
    /// word ("Jones", "van der Berg"); otherwise `None` (it is a full name).
    pub fn surname_only(text: &str) -> Option<String> {
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let (last, before) = tokens.split_last()?;
        if before.iter().all(|t| is_particle(t)) {
            Some(
                before
                    .iter()
                    .chain(std::iter::once(last))
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        } else {
            None
        }
    }
}

fn is_title(token: &str) -> bool {
    KNOWN_TITLES.contains(&fold_key(token).as_str())
}

fn is_particle(token: &str) -> bool {
    // "O" and "Mac" only count as particles when written apart ("O Brien"), never "O'Brien".
    PARTICLES.contains(&token.to_lowercase().as_str())
}

/// The parts of a surname a pupil might use alone: "O'Brien-Smith" -> O'Brien, Smith;
/// "van der Berg" -> Berg. Display forms; empty when the surname is a single part.
pub fn surname_parts(surname: &str) -> Vec<String> {
    let words: Vec<&str> = surname
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !is_particle(w))
        .collect();
    if words.len() < 2 && !surname.split_whitespace().any(is_particle) {
        return Vec::new();
    }
    words
        .into_iter()
        .filter(|w| fold_key(w) != fold_key(surname))
        .map(str::to_string)
        .collect()
}

/// ASCII lower-case letters and digits only: the form usernames are built from.
/// Diacritics fold (Zoë -> zoe), apostrophes and other marks vanish (O'Brien -> obrien).
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Like [`fold`] but keeps hyphens: the key used for the nickname table ("mary-jane").
pub fn fold_key(text: &str) -> String {
    deunicode::deunicode(text)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .map(|c| c.to_ascii_lowercase())
        .collect::<String>()
        .trim_matches('-')
        .to_string()
}

/// Display form of a table entry: "mary-jane" -> "Mary-Jane".
pub fn capitalise(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut start = true;
    for c in key.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == '-' || c == '\'' || c == ' ';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str) -> ParsedName {
        ParsedName::parse(name)
    }

    #[test]
    fn splits_given_middle_and_surname() {
        let n = p("Jane Mary Smith");
        assert_eq!(n.given, "Jane");
        assert_eq!(n.middles, vec!["Mary"]);
        assert_eq!(n.surname.as_deref(), Some("Smith"));
    }

    #[test]
    fn keeps_particles_with_the_surname() {
        assert_eq!(
            p("Anna van der Berg").surname.as_deref(),
            Some("van der Berg")
        );
        assert_eq!(p("Maria de la Cruz").surname.as_deref(), Some("de la Cruz"));
        assert_eq!(
            p("Rhys ap Gruffydd").surname.as_deref(),
            Some("ap Gruffydd")
        );
        assert_eq!(p("De Smith").given, "De");
    }

    #[test]
    fn moves_a_leading_title_out_and_drops_suffixes() {
        let n = p("Dr. Priya Patel Jr");
        assert_eq!(n.title.as_deref(), Some("Dr"));
        assert_eq!(n.given, "Priya");
        assert_eq!(n.surname.as_deref(), Some("Patel"));
    }

    #[test]
    fn a_single_word_is_a_given_name() {
        let n = p("Zoë");
        assert_eq!(n.given, "Zoë");
        assert_eq!(n.surname, None);
        // A lone title is a name, not a title with nothing after it.
        assert_eq!(p("Miss").given, "Miss");
    }

    #[test]
    fn surname_only_recognises_particle_surnames() {
        assert_eq!(ParsedName::surname_only("Jones").as_deref(), Some("Jones"));
        assert_eq!(
            ParsedName::surname_only("van der Berg").as_deref(),
            Some("van der Berg")
        );
        assert_eq!(ParsedName::surname_only("Jane Jones"), None);
    }

    #[test]
    fn surname_parts_cover_hyphens_and_particles() {
        assert_eq!(surname_parts("O'Brien-Smith"), vec!["O'Brien", "Smith"]);
        assert_eq!(surname_parts("van der Berg"), vec!["Berg"]);
        assert!(surname_parts("Smith").is_empty());
    }

    #[test]
    fn folding_strips_marks_but_not_letters() {
        assert_eq!(fold("Zoë"), "zoe");
        assert_eq!(fold("O'Brien"), "obrien");
        assert_eq!(fold("McDonald"), "mcdonald");
        assert_eq!(fold_key("Mary-Jane"), "mary-jane");
        assert_eq!(capitalise("mary-jane"), "Mary-Jane");
    }
}

//! Splits a written name into given name, middle names and surname, the way a British
//! school would file it: particles (van der, de la, ap, Ní, Nic Giolla) stay with the
//! surname, a leading title moves out, and every piece keeps its display form beside its
//! username form.

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

/// Lower-case words that belong to the surname that follows them (van der Berg, de la
/// Cruz, ap Rhys). Compared without accents, so "Dé" or "Van" count too.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "dei", "di", "da", "du", "dos", "das", "la",
    "le", "les", "lo", "ap", "ab", "bin", "binti", "bint", "ibn", "al", "el", "ter", "ten", "op",
    "het", "st", "y",
];

/// Irish and Scottish Gaelic surname particles, compared without the fada: Ó and Ua
/// (descendant of), Mac (son of), Mag (before a vowel, Mag Uidhir), Ní and Nic (daughter of
/// an Ó and a Mac), Uí and Mhic (wife of; also written Bean Uí, Bean Mhic), Mhac (a lenited
/// Mac). The name after them is often lenited (Ó Briain, Ní Bhriain), so it is never used
/// alone: a Gaelic surname stays whole. Sources: Wikipedia, "Irish name" (surnames and
/// prefixes) and "Scottish Gaelic name"; O'Growney, Graimear na Gaedhilge, sections 487-489.
const GAELIC_PARTICLES: &[&str] = &[
    "o", "ua", "mac", "mc", "mag", "ni", "nic", "ui", "mhic", "mhac",
];

/// Words that sit inside a Gaelic surname between its particle and the name: Giolla or
/// Gille (servant, devotee: Mac Giolla Phádraig, Nic Giolla Phádraig), and the article (Mac
/// an tSaoir, Mac a' Phearsain). Only counted after a Gaelic particle, since "An" alone is a
/// surname and a given name in its own right. Source: Wikipedia, "Mac Giolla Phádraig".
const GAELIC_INNER: &[&str] = &["giolla", "ghiolla", "gille", "ghille", "an", "a'", "a’"];

/// "Bean" (wife) before Uí or Mhic: Bean Uí Bhriain is a married woman's surname.
const GAELIC_WIFE: &str = "bean";

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
        let start = surname_start(rest);
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
        (!tokens.is_empty() && surname_start(&tokens) == 0).then(|| tokens.join(" "))
    }
}

/// Where the surname starts in `words` (the name without its given name): the last word
/// plus the particles before it, and inside a Gaelic surname the words between its particle
/// and the name ("Nic Giolla Phádraig", "Bean Uí Bhriain").
fn surname_start(words: &[&str]) -> usize {
    let Some(mut start) = words.len().checked_sub(1) else {
        return 0;
    };
    while start > 0 {
        let before = particle_key(words[start - 1]);
        if is_particle(words[start - 1]) {
            start -= 1;
            continue;
        }
        if before == GAELIC_WIFE && matches!(particle_key(words[start]).as_str(), "ui" | "mhic") {
            start -= 1;
            continue;
        }
        if GAELIC_INNER.contains(&before.as_str()) {
            let mut at = start - 1;
            while at > 0 && GAELIC_INNER.contains(&particle_key(words[at - 1]).as_str()) {
                at -= 1;
            }
            if at > 0 && is_gaelic_particle(words[at - 1]) {
                start = at - 1;
                continue;
            }
        }
        break;
    }
    start
}

fn is_title(token: &str) -> bool {
    KNOWN_TITLES.contains(&fold_key(token).as_str())
}

/// A word as the particle lists spell it: lower case, Latin accents gone ("Ní" -> "ni"),
/// other scripts untouched so no Chinese or Cyrillic word is read as "de".
fn particle_key(token: &str) -> String {
    strip_accents(token).to_lowercase()
}

fn is_gaelic_particle(token: &str) -> bool {
    GAELIC_PARTICLES.contains(&particle_key(token).as_str())
}

fn is_particle(token: &str) -> bool {
    // "O" and "Mac" only count as particles when written apart ("O Brien"), never "O'Brien".
    let key = particle_key(token);
    PARTICLES.contains(&key.as_str()) || GAELIC_PARTICLES.contains(&key.as_str())
}

/// The parts of a surname a pupil might use alone: "O'Brien-Smith" -> O'Brien, Smith;
/// "van der Berg" -> Berg. A Gaelic surname is one part ("Ní Bhriain", never "Bhriain").
/// Display forms; empty when the surname is a single part.
pub fn surname_parts(surname: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut had_particle = false;
    for chunk in surname.split('-') {
        let tokens: Vec<&str> = chunk.split_whitespace().collect();
        if tokens.len() > 1 && tokens.first().is_some_and(|t| is_gaelic_particle(t)) {
            words.push(tokens.join(" "));
            continue;
        }
        // "Bean" may be left off: Bean Uí Bhriain is also plain Uí Bhriain.
        if tokens.len() > 2
            && tokens
                .first()
                .is_some_and(|t| particle_key(t) == GAELIC_WIFE)
        {
            had_particle = true;
            words.push(tokens[1..].join(" "));
            continue;
        }
        for token in tokens {
            if is_particle(token) {
                had_particle = true;
            } else {
                words.push(token.to_string());
            }
        }
    }
    if words.len() < 2 && !had_particle {
        return Vec::new();
    }
    words
        .into_iter()
        .filter(|w| fold_key(w) != fold_key(surname))
        .collect()
}

/// The same text with the accents of Latin letters taken off, as most pupils type it:
/// Siobhán -> Siobhan, Wiśniewska -> Wisniewska, Zoë -> Zoe, Łucja -> Lucja. Case,
/// punctuation and other scripts are kept (a Greek or Chinese name is not transliterated).
pub fn strip_accents(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        // Combining accents, for text typed in decomposed form ("S\u{301}").
        if ('\u{0300}'..='\u{036F}').contains(&c) {
            continue;
        }
        let latin =
            ('\u{00C0}'..='\u{024F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c);
        let plain = deunicode::deunicode_char(c)
            .filter(|p| (1..=2).contains(&p.len()) && p.chars().all(|x| x.is_ascii_alphabetic()));
        match plain {
            Some(plain) if latin && c.is_alphabetic() => {
                // Æthelstan -> Aethelstan, not AEthelstan, unless the word is in capitals.
                let next_upper = chars.peek().is_some_and(|n| n.is_uppercase());
                if c.is_uppercase() && !next_upper {
                    let mut letters = plain.chars();
                    out.extend(letters.next().map(|f| f.to_ascii_uppercase()));
                    out.extend(letters.map(|l| l.to_ascii_lowercase()));
                } else {
                    out.push_str(plain);
                }
            }
            _ => out.push(c),
        }
    }
    out
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
    fn gaelic_particles_stay_with_the_surname_with_or_without_the_fada() {
        for (name, surname) in [
            ("Siobhán Ní Bhriain", "Ní Bhriain"),
            ("Siobhan Ni Bhriain", "Ni Bhriain"),
            ("Seán Ó Briain", "Ó Briain"),
            ("Sean O Briain", "O Briain"),
            ("Máire Mhic Aoidh", "Mhic Aoidh"),
            ("Áine Uí Bhraonáin", "Uí Bhraonáin"),
            ("Máire Bean Uí Bhriain", "Bean Uí Bhriain"),
            ("Mairéad Nic Giolla Phádraig", "Nic Giolla Phádraig"),
            ("Ciarán Mac Giolla Phádraig", "Mac Giolla Phádraig"),
            ("Eilidh Nic a' Phearsain", "Nic a' Phearsain"),
            ("Iain Mac an tSaoir", "Mac an tSaoir"),
            ("Tomás Ua Buachalla", "Ua Buachalla"),
            ("Conor Mag Uidhir", "Mag Uidhir"),
            ("NÍ BHRIAIN", "BHRIAIN"),
        ] {
            assert_eq!(p(name).surname.as_deref(), Some(surname), "{name}");
        }
        let n = p("Siobhán Máire Ní Bhriain");
        assert_eq!(n.middles, ["Máire"]);
        // Giolla and An only count after a Gaelic particle.
        let n = p("Jane An Smith");
        assert_eq!(
            (n.middles, n.surname.as_deref()),
            (vec!["An".into()], Some("Smith"))
        );
        assert_eq!(p("Anna Giolla Smith").surname.as_deref(), Some("Smith"));
        assert_eq!(p("Jane Bean Smith").surname.as_deref(), Some("Smith"));
        // Other scripts are never read as particles ("德" would fold to "de").
        assert_eq!(p("李 德 明").surname.as_deref(), Some("明"));
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
        assert_eq!(
            ParsedName::surname_only("Nic Giolla Phádraig").as_deref(),
            Some("Nic Giolla Phádraig")
        );
        assert_eq!(
            ParsedName::surname_only("Ní Bhriain").as_deref(),
            Some("Ní Bhriain")
        );
    }

    #[test]
    fn surname_parts_cover_hyphens_and_particles() {
        assert_eq!(surname_parts("O'Brien-Smith"), vec!["O'Brien", "Smith"]);
        assert_eq!(surname_parts("van der Berg"), vec!["Berg"]);
        assert!(surname_parts("Smith").is_empty());
        assert!(surname_parts("Ní Bhriain").is_empty());
        assert!(surname_parts("Nic Giolla Phádraig").is_empty());
        assert!(surname_parts("Mac Donald").is_empty());
        assert_eq!(surname_parts("Bean Uí Bhriain"), ["Uí Bhriain"]);
        assert_eq!(surname_parts("Ní Bhriain-Smith"), ["Ní Bhriain", "Smith"]);
    }

    #[test]
    fn accents_come_off_latin_letters_only() {
        for (with, without) in [
            ("Siobhán Ní Bhriain", "Siobhan Ni Bhriain"),
            ("Wiśniewska", "Wisniewska"),
            ("Zoë", "Zoe"),
            ("Łucja Żółć", "Lucja Zolc"),
            ("Æthelstan ÆLFRIC", "Aethelstan AELFRIC"),
            ("Straße", "Strasse"),
            ("S\u{301}mith O'Brien-Smith", "Smith O'Brien-Smith"),
            ("Αλέξανδρος 李", "Αλέξανδρος 李"),
            ("Jane Smith", "Jane Smith"),
        ] {
            assert_eq!(strip_accents(with), without, "{with}");
        }
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

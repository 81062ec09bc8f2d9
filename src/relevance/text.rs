//! Text as relevance sees it: folded ASCII words, and patterns that find a name or place
//! in those words however its pieces are joined ("O'Brien-Smith", "obrien smith").

/// One place a pattern was found: word indices `start..end` within one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// A word matched only by allowing one swapped pair of letters.
    pub typo: bool,
}

impl Span {
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Lower-case ASCII words; diacritics fold (Zoë -> zoe). An apostrophe inside a word
/// vanishes (O'Brien -> obrien); with `possessive` a trailing 's goes too (Smith's ->
/// smith), since pages say "Mrs Smith's class" far more often than any name ends in 's.
pub fn words_with(text: &str, possessive: bool) -> Vec<String> {
    let folded = deunicode::deunicode(text).to_ascii_lowercase();
    let chars: Vec<char> = folded.chars().collect();
    let is_word = |i: usize| chars.get(i).is_some_and(char::is_ascii_alphanumeric);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphanumeric() {
            current.push(c);
        } else if matches!(c, '\'' | '`') && !current.is_empty() && is_word(i + 1) {
            if possessive && chars[i + 1] == 's' && !is_word(i + 2) {
                i += 1;
            }
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        i += 1;
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// How every piece of hit text is split.
pub fn words(text: &str) -> Vec<String> {
    words_with(text, true)
}

/// The pieces of a name, split at apostrophes as well, so the pattern can accept the
/// name written joined ("obrien") or apart ("o brien").
fn pieces(text: &str) -> Vec<String> {
    deunicode::deunicode(text)
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// A sequence of pieces that matches text words whose concatenation spells the pieces,
/// each word covering whole pieces: "obrien smith", "o brien smith" and "obriensmith"
/// all match O'Brien-Smith, but "obrie nsmith" does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    compact: String,
    /// Offsets in `compact` where a word may end (every piece boundary, ending with len).
    bounds: Vec<usize>,
}

impl Pattern {
    /// A name part such as "O'Brien-Smith"; `None` when nothing is left after folding.
    pub fn name(text: &str) -> Option<Self> {
        Self::from_pieces(&pieces(text))
    }

    /// A phrase already split into words.
    pub fn from_pieces(pieces: &[String]) -> Option<Self> {
        let mut compact = String::new();
        let mut bounds = Vec::new();
        for piece in pieces.iter().filter(|p| !p.is_empty()) {
            compact.push_str(piece);
            bounds.push(compact.len());
        }
        (!compact.is_empty()).then_some(Self { compact, bounds })
    }

    /// Both patterns one after the other: "jane" + "smith" also matches "janesmith".
    pub fn then(&self, next: &Pattern) -> Self {
        let offset = self.compact.len();
        Self {
            compact: format!("{}{}", self.compact, next.compact),
            bounds: self
                .bounds
                .iter()
                .copied()
                .chain(next.bounds.iter().map(|b| b + offset))
                .collect(),
        }
    }

    /// The folded text, used to tell patterns apart.
    pub fn key(&self) -> &str {
        &self.compact
    }

    /// If the pattern starts at word `start`: the span it covers.
    pub fn match_at(&self, words: &[String], start: usize) -> Option<Span> {
        let mut offset = 0;
        let mut index = start;
        let mut typo = false;
        while offset < self.compact.len() {
            let word = words.get(index)?;
            let end = offset + word.len();
            if !self.bounds.contains(&end) {
                return None;
            }
            let expected = self.compact.get(offset..end)?;
            if word != expected {
                if !swapped_pair(word, expected) {
                    return None;
                }
                typo = true;
            }
            offset = end;
            index += 1;
        }
        Some(Span {
            start,
            end: index,
            typo,
        })
    }

    pub fn find(&self, words: &[String]) -> Vec<Span> {
        (0..words.len())
            .filter_map(|i| self.match_at(words, i))
            .collect()
    }
}

/// Shortest word in which a typo is forgiven: shorter names differ by one letter too
/// often (Jan, Jane; Brian, brain).
const TYPO_MIN_LEN: usize = 6;

/// True when `word` is `expected` with two adjacent letters swapped ("smtihson"), not the
/// first. Only swaps count: a changed, dropped or doubled letter turns one real name into
/// another (Smith/Smyth, Thompson/Thomson, Andersen/Anderson), a swap almost never does.
fn swapped_pair(word: &str, expected: &str) -> bool {
    word.len() == expected.len()
        && word.len() >= TYPO_MIN_LEN
        && word.as_bytes().first() == expected.as_bytes().first()
        && strsim::damerau_levenshtein(word, expected) == 1
        && strsim::hamming(word, expected) == Ok(2)
}

/// The parts of a URL that say something: host, decoded path segments, query values.
#[derive(Debug, Default)]
pub struct UrlParts {
    /// Lower case, without a trailing dot.
    pub host: Option<String>,
    /// Host labels, path segments and query values, decoded, in order.
    pub segments: Vec<String>,
}

impl UrlParts {
    pub fn parse(raw: &str) -> Self {
        let Ok(url) = url::Url::parse(raw.trim()) else {
            let segments = raw
                .split(['/', '?', '&', '=', '#'])
                .filter(|s| !s.is_empty())
                .map(percent_decode)
                .collect();
            return Self {
                host: None,
                segments,
            };
        };
        let host = url
            .host_str()
            .map(|h| h.trim_end_matches('.').to_ascii_lowercase());
        let mut segments: Vec<String> = host
            .iter()
            .flat_map(|h| h.split('.'))
            .map(str::to_string)
            .collect();
        if let Some(path) = url.path_segments() {
            segments.extend(path.filter(|s| !s.is_empty()).map(percent_decode));
        }
        segments.extend(url.query_pairs().map(|(_, v)| v.into_owned()));
        Self { host, segments }
    }

    /// Every word in the URL, as one field.
    pub fn words(&self) -> Vec<String> {
        self.segments.iter().flat_map(|s| words(s)).collect()
    }

    /// Path segments and query values a username could be (`/@jsmith84`, `?user=...`),
    /// plus the first host label of a profile-style subdomain (`jsmith84.tumblr.com`).
    pub fn handle_candidates(&self) -> impl Iterator<Item = &str> {
        let labels = self.host.as_deref().map_or(0, |h| h.split('.').count());
        self.segments
            .iter()
            .enumerate()
            .filter(move |(i, _)| *i >= labels || (*i == 0 && labels >= 3))
            .map(|(_, s)| s.trim_start_matches('@'))
    }
}

/// `%XX` escapes to bytes, then lossy UTF-8; anything malformed is kept as written.
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        match (bytes[i], hex) {
            (b'%', Some(h)) => {
                out.push(h.iter().fold(0u8, |acc, d| acc * 16 + hex_value(*d)));
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        b'A'..=b'F' => digit - b'A' + 10,
        _ => 0,
    }
}

/// Whole username-like tokens in free text: "@jsmith84", "(jane.smith)" -> the handle.
pub fn handle_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '-')))
        .flat_map(|t| [t, t.trim_end_matches('.')])
        .filter(|t| !t.is_empty())
}

/// `host` is `domain` or one of its subdomains (`m.tiktok.com` is on `tiktok.com`).
pub fn host_on(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// A domain as a person might write it ("https://www.Oakwood.sch.uk/") to a bare host.
pub fn normalise_domain(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let host = match url::Url::parse(raw) {
        Ok(url) if raw.contains("://") => url.host_str()?.to_string(),
        _ => raw.split(['/', ':', '?', '#']).next()?.to_string(),
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty() && host.contains('.')).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn words_fold_marks_apostrophes_and_possessives() {
        assert_eq!(w("Zoë O'Brien-Smith"), ["zoe", "obrien", "smith"]);
        assert_eq!(w("Mrs Smith’s class"), ["mrs", "smith", "class"]);
        assert_eq!(w("'Jane' D'Souza's"), ["jane", "dsouza"]);
        assert_eq!(words_with("King's Lynn", false), ["kings", "lynn"]);
        assert!(w("").is_empty() && w("—!").is_empty());
    }

    #[test]
    fn patterns_accept_any_joining_at_piece_boundaries() {
        let p = Pattern::name("O'Brien-Smith").unwrap();
        for text in [
            "obrien smith",
            "O Brien Smith",
            "obriensmith",
            "o'brien-smith",
        ] {
            assert_eq!(p.find(&w(text)).len(), 1, "{text}");
        }
        assert!(p.find(&w("obrie nsmith")).is_empty());
        assert!(p.find(&w("obrien")).is_empty());
        let jane = Pattern::name("Jane").unwrap();
        assert!(jane.find(&w("jan janet janes")).is_empty());
    }

    #[test]
    fn typos_are_only_swaps_in_long_words() {
        let p = Pattern::name("Elizabeth").unwrap();
        assert!(p.find(&w("Elizabteh"))[0].typo);
        assert!(p.find(&w("Elisabeth")).is_empty());
        assert!(p.find(&w("lEizabeth")).is_empty());
        let smith = Pattern::name("Smith").unwrap();
        assert!(smith.find(&w("Smtih Smyth Smithson")).is_empty());
        let thompson = Pattern::name("Thompson").unwrap();
        assert!(thompson.find(&w("Thomson")).is_empty());
    }

    #[test]
    fn urls_split_into_host_path_and_query() {
        let u = UrlParts::parse("https://www.example.com/staff/jane%20smith?user=%40js84#x");
        assert_eq!(u.host.as_deref(), Some("www.example.com"));
        assert_eq!(
            u.words(),
            ["www", "example", "com", "staff", "jane", "smith", "js84"]
        );
        let handles: Vec<_> = u.handle_candidates().collect();
        assert_eq!(handles, ["www", "staff", "jane smith", "js84"]);
        let sub = UrlParts::parse("https://jsmith84.tumblr.com/post/1");
        assert!(sub.handle_candidates().any(|h| h == "jsmith84"));
        assert_eq!(percent_decode("%zz%4A%e2%82%ac%"), "%zzJ€%");
    }

    #[test]
    fn hosts_and_domains() {
        assert!(host_on("m.tiktok.com", "tiktok.com"));
        assert!(host_on("tiktok.com", "tiktok.com"));
        assert!(!host_on("nottiktok.com", "tiktok.com"));
        assert_eq!(
            normalise_domain("https://www.Oakwood.sch.uk/about").as_deref(),
            Some("oakwood.sch.uk")
        );
        assert_eq!(
            normalise_domain("oakwood.sch.uk/").as_deref(),
            Some("oakwood.sch.uk")
        );
        assert_eq!(normalise_domain("  "), None);
    }
}

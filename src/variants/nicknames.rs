//! The nickname table: given names common in England and Wales with the short forms
//! people use, read both ways (Elizabeth -> Liz, Bill -> William). The data lives in
//! `nicknames.txt` beside this file and is embedded at build time.

use std::collections::HashMap;
use std::sync::LazyLock;

const TABLE_TEXT: &str = include_str!("nicknames.txt");

/// Formal names with their diminutives, most used first, and the reverse index.
#[derive(Debug, Default)]
pub struct NicknameTable {
    diminutives: HashMap<String, Vec<String>>,
    formals: HashMap<String, Vec<String>>,
}

static TABLE: LazyLock<NicknameTable> = LazyLock::new(|| {
    // The embedded file is checked by a unit test, so a bad line here is a build
    // defect; skipping it keeps the tool usable rather than panicking.
    NicknameTable::parse(TABLE_TEXT).unwrap_or_default()
});

impl NicknameTable {
    /// The table shipped with findable.
    pub fn builtin() -> &'static Self {
        &TABLE
    }

    /// Parses `formal: short, short` lines; `#` starts a comment line.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut table = Self::default();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let lineno = index + 1;
            let (formal, shorts) = line
                .split_once(':')
                .ok_or_else(|| format!("nicknames.txt:{lineno}: expected `formal: short, ...`"))?;
            let formal = checked_key(formal, lineno)?;
            if table.diminutives.contains_key(&formal) {
                return Err(format!("nicknames.txt:{lineno}: {formal} appears twice"));
            }
            let mut list = Vec::new();
            for short in shorts.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let short = checked_key(short, lineno)?;
                if short == formal || list.contains(&short) {
                    return Err(format!("nicknames.txt:{lineno}: {short} repeated"));
                }
                table
                    .formals
                    .entry(short.clone())
                    .or_default()
                    .push(formal.clone());
                list.push(short);
            }
            table.diminutives.insert(formal, list);
        }
        Ok(table)
    }

    /// Short forms of `key` (a [`super::parse::fold_key`] form), most used first.
    pub fn diminutives(&self, key: &str) -> &[String] {
        self.diminutives.get(key).map_or(&[], Vec::as_slice)
    }

    /// Formal names that `key` is a short form of, in table order.
    pub fn formals(&self, key: &str) -> &[String] {
        self.formals.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether `key` is in the table at all, as a formal name or a short form.
    pub fn knows(&self, key: &str) -> bool {
        self.diminutives.contains_key(key) || self.formals.contains_key(key)
    }

    /// Number of formal names covered.
    pub fn len(&self) -> usize {
        self.diminutives.len()
    }

    pub fn is_empty(&self) -> bool {
        self.diminutives.is_empty()
    }
}

fn checked_key(raw: &str, lineno: usize) -> Result<String, String> {
    let key = raw.trim();
    let valid = key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    if valid {
        Ok(key.to_string())
    } else {
        Err(format!(
            "nicknames.txt:{lineno}: {key:?} must be lower-case ASCII letters"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_parses_and_covers_400_names() {
        let table = NicknameTable::parse(TABLE_TEXT).expect("nicknames.txt is valid");
        assert!(table.len() >= 400, "only {} names", table.len());
    }

    #[test]
    fn reads_both_directions() {
        let t = NicknameTable::builtin();
        assert!(t.diminutives("elizabeth").iter().any(|d| d == "liz"));
        assert!(t.diminutives("elizabeth").iter().any(|d| d == "beth"));
        assert!(t.formals("bill").iter().any(|f| f == "william"));
        assert!(t.formals("liz").iter().any(|f| f == "elizabeth"));
    }

    #[test]
    fn spellings_of_a_short_form_are_listed_each() {
        let t = NicknameTable::builtin();
        for (formal, shorts) in [
            ("jane", &["janey", "janie"][..]),
            ("katherine", &["katie", "katy", "katey"]),
            ("victoria", &["vicky", "vikki", "vickie"]),
            ("deborah", &["debbie", "debby"]),
        ] {
            for short in shorts {
                assert!(
                    t.diminutives(formal).contains(&short.to_string()),
                    "{short}"
                );
                assert!(t.formals(short).contains(&formal.to_string()), "{short}");
            }
        }
    }

    #[test]
    fn rejects_malformed_lines_with_their_line_number() {
        let err = NicknameTable::parse("# c\nanna: ann\nBob bob").unwrap_err();
        assert!(err.contains(":3:"), "{err}");
        assert!(NicknameTable::parse("anna: anna").is_err());
        assert!(NicknameTable::parse("anna:\nanna: ann").is_err());
    }
}

//! Who is audited: a member of staff as they are known at work, plus the other names and
//! handles a pupil might know them by. Built from CLI flags or a TOML file with the same
//! fields, and checked once here so later stages can trust it.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::input_file;

/// Earliest birth year accepted; anything older is a typo rather than a member of staff.
pub const MIN_BIRTH_YEAR: u16 = 1900;

/// How many other names, nicknames and usernames one person may give: far more than anyone
/// has, and few enough that every later stage stays quick.
pub const MAX_OTHER_NAMES: usize = 20;
pub const MAX_NICKNAMES: usize = 20;
pub const MAX_USERNAMES: usize = 50;

/// Longest accepted username; no platform allows anything near it.
const MAX_HANDLE_CHARS: usize = 100;

/// A handle the person uses, optionally tied to one platform (`instagram:jsmith`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Handle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    pub handle: String,
}

impl Handle {
    /// Parses `handle` or `platform:handle`, rejecting anything a platform would never accept.
    pub fn parse(raw: &str) -> Result<Self, SubjectError> {
        let raw = raw.trim();
        let (platform, handle) = match raw.split_once(':') {
            Some((p, h)) => (Some(p.trim().to_lowercase()), h.trim()),
            None => (None, raw),
        };
        let handle = handle.trim_start_matches('@');
        if handle.is_empty() {
            return Err(SubjectError::Username(raw.to_string(), "it is empty"));
        }
        if handle.chars().any(char::is_whitespace) {
            return Err(SubjectError::Username(
                raw.to_string(),
                "usernames cannot contain spaces",
            ));
        }
        // Anything else could change the meaning of a URL or request body the handle goes
        // into, or the terminal it is shown on, and no platform allows it in a username.
        if !handle
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Err(SubjectError::Username(
                raw.to_string(),
                "usernames can only use letters, digits and . _ -",
            ));
        }
        if handle.chars().count() > MAX_HANDLE_CHARS {
            return Err(SubjectError::Username(
                raw.chars().take(30).collect::<String>() + "…",
                "it is longer than any platform allows",
            ));
        }
        if let Some(p) = &platform
            && (p.is_empty() || !p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        {
            return Err(SubjectError::Username(
                raw.to_string(),
                "the part before ':' must be a platform id such as instagram",
            ));
        }
        Ok(Self {
            platform,
            handle: handle.to_string(),
        })
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.platform {
            Some(p) => write!(f, "{p}:{}", self.handle),
            None => f.write_str(&self.handle),
        }
    }
}

/// The member of staff being audited. Every field is optional except `name`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// Full name as used at work, e.g. "Elizabeth O'Brien-Smith".
    pub name: String,
    /// Maiden, partner's or previous surname, or another full name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<String>,
    /// Names friends use, e.g. "Lizzie".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nicknames: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub usernames: Vec<Handle>,
    /// How pupils address them: Mr, Mrs, Ms, Miss, Mx, Dr...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    /// The school's website, for searches limited to it ("site:oakwood.sch.uk").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub town: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<u16>,
}

/// The subject file as written by a person: usernames are plain strings there, and every
/// value keeps where it is, so a bad one is reported by file and line.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectFile {
    name: Option<Spanned<String>>,
    #[serde(default)]
    other_names: Vec<Spanned<String>>,
    #[serde(default)]
    nicknames: Vec<Spanned<String>>,
    #[serde(default)]
    usernames: Vec<Spanned<String>>,
    title: Option<Spanned<String>>,
    school: Option<Spanned<String>>,
    school_url: Option<Spanned<String>>,
    town: Option<Spanned<String>>,
    birth_year: Option<Spanned<i64>>,
}

/// Input as it arrives from flags and/or a file, before validation.
#[derive(Debug, Clone, Default)]
pub struct SubjectInput {
    pub name: Option<String>,
    pub other_names: Vec<String>,
    pub nicknames: Vec<String>,
    pub usernames: Vec<String>,
    pub title: Option<String>,
    pub school: Option<String>,
    pub school_url: Option<String>,
    pub town: Option<String>,
    pub birth_year: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum SubjectError {
    #[error("no name given: use --name \"Jane Smith\" or put name = \"...\" in the subject file")]
    MissingName,
    #[error("{field} is empty: give the name as used at work, e.g. --name \"Jane Smith\"")]
    EmptyName { field: &'static str },
    #[error(
        "{field} {value:?}: give your first name and surname as used at work, e.g. --name \"Jane Smith\""
    )]
    OnlyInitials { field: &'static str, value: String },
    #[error("{field} {value:?} has no letters in it")]
    NoLetters { field: &'static str, value: String },
    #[error(
        "{field} {value:?} holds a control or invisible formatting character: type it as it is written"
    )]
    Unprintable { field: &'static str, value: String },
    #[error("{field}: {count} given, at most {max}")]
    TooMany {
        field: &'static str,
        count: usize,
        max: usize,
    },
    #[error("{field} {value:?} is too long ({len} characters; at most {max})")]
    TooLong {
        field: &'static str,
        value: String,
        len: usize,
        max: usize,
    },
    #[error("birth year {year} is outside {MIN_BIRTH_YEAR}..={current}")]
    BirthYear { year: i64, current: u16 },
    #[error("username {0:?} is not valid: {1}")]
    Username(String, &'static str),
    #[error("title {0:?} is not valid: use a short word such as Mr, Mrs, Ms, Miss, Mx or Dr")]
    Title(String),
    #[error("school URL {0:?} is not a web address: give it like https://www.oakwood.sch.uk")]
    SchoolUrl(String),
    #[error("{path}: {source}")]
    Read {
        path: String,
        source: input_file::InputFileError,
    },
    #[error("{path}:{line}: {message}")]
    File {
        path: String,
        line: usize,
        message: String,
    },
}

/// Longest accepted name field: generous for real names, small enough to keep output sane.
const MAX_NAME_CHARS: usize = 200;

impl SubjectInput {
    /// Reads a subject TOML file. Unknown keys, type errors and bad values are reported
    /// by file and line, so the person knows which line to fix.
    pub fn from_file(path: &Path) -> Result<Self, SubjectError> {
        let shown = path.display().to_string();
        let text = input_file::read_text(path, input_file::MAX_TEXT_FILE).map_err(|source| {
            SubjectError::Read {
                path: shown.clone(),
                source,
            }
        })?;
        Self::from_toml(&shown, &text)
    }

    /// Reads the text of a subject file, as [`Self::from_file`] does; `label` names it in
    /// errors (a file's path, usually).
    pub fn from_toml(label: &str, text: &str) -> Result<Self, SubjectError> {
        let at = |start: usize, error: SubjectError| SubjectError::File {
            path: label.to_string(),
            line: crate::catalog::line_of(text, start),
            message: error.to_string(),
        };
        let file: SubjectFile = toml::from_str(text).map_err(|e| SubjectError::File {
            path: label.to_string(),
            line: crate::catalog::line_of(text, e.span().map_or(0, |s| s.start)),
            message: e.message().to_string(),
        })?;
        // Each value is checked where it is written; `validate` checks them again, with
        // the flags, but by then anything wrong came from a flag.
        let one = |value: Option<Spanned<String>>,
                   check: &dyn Fn(&str) -> Result<(), SubjectError>| {
            value
                .map(|v| match check(v.get_ref()) {
                    Ok(()) => Ok(v.into_inner()),
                    Err(e) => Err(at(v.span().start, e)),
                })
                .transpose()
        };
        let many = |values: Vec<Spanned<String>>,
                    field: &'static str,
                    max: usize,
                    check: &dyn Fn(&str) -> Result<(), SubjectError>| {
            if let Some(extra) = values.get(max) {
                let count = values.len();
                return Err(at(
                    extra.span().start,
                    SubjectError::TooMany { field, count, max },
                ));
            }
            values
                .into_iter()
                .map(|v| match check(v.get_ref()) {
                    Ok(()) => Ok(v.into_inner()),
                    Err(e) => Err(at(v.span().start, e)),
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let birth_year = match file.birth_year {
            Some(year) if !(i64::from(MIN_BIRTH_YEAR)..=9999).contains(year.get_ref()) => {
                let error = SubjectError::BirthYear {
                    year: *year.get_ref(),
                    current: 9999,
                };
                return Err(at(year.span().start, error));
            }
            other => other.map(Spanned::into_inner),
        };
        Ok(Self {
            name: one(file.name, &|v| checked_work_name("name", v).map(drop))?,
            other_names: many(file.other_names, "other_names", MAX_OTHER_NAMES, &|v| {
                checked_name("other_names", v).map(drop)
            })?,
            nicknames: many(file.nicknames, "nicknames", MAX_NICKNAMES, &|v| {
                checked_name("nicknames", v).map(drop)
            })?,
            usernames: many(file.usernames, "usernames", MAX_USERNAMES, &|v| {
                Handle::parse(v).map(drop)
            })?,
            title: one(file.title, &|v| match v.trim() {
                "" => Ok(()),
                t => checked_title(t).map(drop),
            })?,
            school: one(file.school, &|v| checked_text("school", v).map(drop))?,
            school_url: one(file.school_url, &|v| match v.trim() {
                "" => Ok(()),
                u => checked_school_url(u).map(drop),
            })?,
            town: one(file.town, &|v| checked_text("town", v).map(drop))?,
            birth_year,
        })
    }

    /// Lays `overrides` (the flags) over `self` (the file): single values replace, lists add.
    pub fn merge(mut self, overrides: SubjectInput) -> Self {
        self.name = overrides.name.or(self.name);
        self.other_names.extend(overrides.other_names);
        self.nicknames.extend(overrides.nicknames);
        self.usernames.extend(overrides.usernames);
        self.title = overrides.title.or(self.title);
        self.school = overrides.school.or(self.school);
        self.school_url = overrides.school_url.or(self.school_url);
        self.town = overrides.town.or(self.town);
        self.birth_year = overrides.birth_year.or(self.birth_year);
        self
    }

    /// Validates against `current_year` (passed in so tests do not depend on the clock).
    pub fn validate(self, current_year: u16) -> Result<Subject, SubjectError> {
        let name = self.name.ok_or(SubjectError::MissingName)?;
        let name = checked_work_name("--name", &name)?;
        for (field, count, max) in [
            ("--other-name", self.other_names.len(), MAX_OTHER_NAMES),
            ("--nickname", self.nicknames.len(), MAX_NICKNAMES),
            ("--username", self.usernames.len(), MAX_USERNAMES),
        ] {
            if count > max {
                return Err(SubjectError::TooMany { field, count, max });
            }
        }
        let other_names = self
            .other_names
            .iter()
            .map(|n| checked_name("--other-name", n))
            .collect::<Result<_, _>>()?;
        let nicknames = self
            .nicknames
            .iter()
            .map(|n| checked_name("--nickname", n))
            .collect::<Result<_, _>>()?;
        let usernames = dedup(
            self.usernames
                .iter()
                .map(|u| Handle::parse(u))
                .collect::<Result<Vec<_>, _>>()?,
        );
        let title = match self.title.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(t) => Some(checked_title(t)?),
        };
        if let Some(year) = self.birth_year
            && !(i64::from(MIN_BIRTH_YEAR)..=i64::from(current_year)).contains(&year)
        {
            return Err(SubjectError::BirthYear {
                year,
                current: current_year,
            });
        }
        let school = non_empty(self.school)
            .map(|s| checked_text("--school", &s))
            .transpose()?;
        let town = non_empty(self.town)
            .map(|t| checked_text("--town", &t))
            .transpose()?;
        Ok(Subject {
            name,
            other_names: dedup(other_names),
            nicknames: dedup(nicknames),
            usernames,
            title,
            school,
            school_url: non_empty(self.school_url)
                .map(|u| checked_school_url(&u))
                .transpose()?,
            town,
            birth_year: self.birth_year.and_then(|y| u16::try_from(y).ok()),
        })
    }
}

/// Characters that would run as commands on a terminal (escape sequences), break a line
/// in a report, or make text read differently from what it is (bidi overrides, invisible
/// marks): a real name has none of them.
fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
        )
}

pub(crate) fn checked_name(field: &'static str, raw: &str) -> Result<String, SubjectError> {
    let collapsed = checked_text(field, raw)?;
    if collapsed.is_empty() {
        return Err(SubjectError::EmptyName { field });
    }
    if !collapsed.chars().any(char::is_alphabetic) {
        return Err(SubjectError::NoLetters {
            field,
            value: collapsed,
        });
    }
    Ok(collapsed)
}

/// The name used at work needs a word longer than an initial: "J", "J." or "Dr J" would
/// make every search and username about nobody in particular. "J Smith" is accepted.
pub(crate) fn checked_work_name(field: &'static str, raw: &str) -> Result<String, SubjectError> {
    let name = checked_name(field, raw)?;
    let parsed = crate::variants::parse::ParsedName::parse(&name);
    let only_initials = std::iter::once(parsed.given.as_str())
        .chain(parsed.middles.iter().map(String::as_str))
        .chain(parsed.surname.as_deref())
        .flat_map(|part| part.split(|c: char| c.is_whitespace() || c == '.' || c == '-'))
        .all(|word| word.chars().filter(|c| c.is_alphabetic()).count() <= 1);
    if only_initials {
        return Err(SubjectError::OnlyInitials { field, value: name });
    }
    Ok(name)
}

/// Free text (a name, a school, a town): whitespace collapsed, nothing unprintable, and
/// of a sane length.
pub(crate) fn checked_text(field: &'static str, raw: &str) -> Result<String, SubjectError> {
    let shown = || match raw.char_indices().nth(30) {
        Some((cut, _)) => format!("{}…", &raw[..cut]),
        None => raw.to_string(),
    };
    if raw.chars().any(unprintable) {
        return Err(SubjectError::Unprintable {
            field,
            value: shown(),
        });
    }
    let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = collapsed.chars().count();
    if len > MAX_NAME_CHARS {
        return Err(SubjectError::TooLong {
            field,
            value: shown(),
            len,
            max: MAX_NAME_CHARS,
        });
    }
    Ok(collapsed)
}

fn checked_title(raw: &str) -> Result<String, SubjectError> {
    let t = raw.trim_end_matches('.');
    let ok = !t.is_empty() && t.chars().count() <= 12 && t.chars().all(char::is_alphabetic);
    if ok {
        Ok(t.to_string())
    } else {
        Err(SubjectError::Title(raw.to_string()))
    }
}

/// Accepts `oakwood.sch.uk` or a full http(s) URL; keeps the URL form.
pub(crate) fn checked_school_url(raw: &str) -> Result<String, SubjectError> {
    let with_scheme = if raw.contains("://") {
        raw.to_string()
    } else {
        format!("https://{raw}")
    };
    match url::Url::parse(&with_scheme) {
        Ok(u)
            if matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some_and(|h| h.contains('.')) =>
        {
            Ok(u.to_string())
        }
        _ => Err(SubjectError::SchoolUrl(raw.to_string())),
    }
}

impl Subject {
    /// The school website's host without `www.`, e.g. `oakwood.sch.uk`.
    pub fn school_domain(&self) -> Option<String> {
        let url = url::Url::parse(self.school_url.as_deref()?).ok()?;
        let host = url.host_str()?;
        Some(host.strip_prefix("www.").unwrap_or(host).to_string())
    }
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|v| !v.is_empty())
}

/// Keeps the first of each, in order; linear, since lists can be long before the caps.
fn dedup<T: Eq + std::hash::Hash + Clone>(items: Vec<T>) -> Vec<T> {
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    items
        .into_iter()
        .filter(|item| seen.insert(item.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str) -> SubjectInput {
        SubjectInput {
            name: Some(name.into()),
            ..Default::default()
        }
    }

    #[test]
    fn from_toml_reads_what_from_file_reads() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/subjects/liz.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let from_text = SubjectInput::from_toml("liz.toml", &text).unwrap();
        let from_file = SubjectInput::from_file(&path).unwrap();
        assert_eq!(format!("{from_text:?}"), format!("{from_file:?}"));
        let error = SubjectInput::from_toml("me.toml", "name = \"Jane\"\nnickame = \"J\"")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("me.toml:2: "), "{error}");
    }

    #[test]
    fn accepts_a_plain_name_and_collapses_spaces() {
        let s = input("  Jane   Smith ").validate(2026).unwrap();
        assert_eq!(s.name, "Jane Smith");
    }

    #[test]
    fn rejects_empty_and_letterless_names() {
        assert!(matches!(
            input("   ").validate(2026),
            Err(SubjectError::EmptyName { .. })
        ));
        assert!(matches!(
            input("123 !!").validate(2026),
            Err(SubjectError::NoLetters { .. })
        ));
    }

    #[test]
    fn a_name_of_initials_only_is_refused_but_an_initial_and_surname_is_not() {
        for name in ["J", "J.", " j ", "Dr J", "Miss J.", "J K", "J.K.", "J-P"] {
            let err = input(name).validate(2026).unwrap_err();
            assert!(
                matches!(err, SubjectError::OnlyInitials { .. }),
                "{name}: {err}"
            );
        }
        let err = input("J").validate(2026).unwrap_err().to_string();
        assert_eq!(
            err,
            "--name \"J\": give your first name and surname as used at work, e.g. --name \"Jane Smith\""
        );
        for name in ["J Smith", "J. Smith", "Jo", "Madonna", "Dr J Smith"] {
            assert!(input(name).validate(2026).is_ok(), "{name}");
        }
    }

    #[test]
    fn birth_year_bounds_are_inclusive() {
        let mut i = input("Jane Smith");
        i.birth_year = Some(1900);
        assert!(i.clone().validate(2026).is_ok());
        i.birth_year = Some(2026);
        assert!(i.clone().validate(2026).is_ok());
        i.birth_year = Some(2027);
        assert!(matches!(
            i.clone().validate(2026),
            Err(SubjectError::BirthYear { .. })
        ));
        i.birth_year = Some(1899);
        assert!(i.validate(2026).is_err());
    }

    #[test]
    fn handles_parse_with_and_without_platform() {
        let h = Handle::parse("Instagram:@missjones84").unwrap();
        assert_eq!(h.platform.as_deref(), Some("instagram"));
        assert_eq!(h.handle, "missjones84");
        assert_eq!(Handle::parse("jsmith").unwrap().platform, None);
        assert!(Handle::parse("jane smith").is_err());
        assert!(Handle::parse("tiktok:").is_err());
        assert!(Handle::parse("in sta:x").is_err());
        assert!(Handle::parse("jane/../admin").is_err());
        assert!(Handle::parse("jane\"smith").is_err());
    }

    #[test]
    fn flags_override_file_values_and_lists_add_up() {
        let file = SubjectInput {
            name: Some("Jane Smith".into()),
            nicknames: vec!["Janey".into()],
            school: Some("Oakwood".into()),
            ..Default::default()
        };
        let flags = SubjectInput {
            school: Some("Elm Park".into()),
            nicknames: vec!["JJ".into()],
            ..Default::default()
        };
        let s = file.merge(flags).validate(2026).unwrap();
        assert_eq!(s.school.as_deref(), Some("Elm Park"));
        assert_eq!(s.nicknames, vec!["Janey", "JJ"]);
    }

    #[test]
    fn titles_drop_a_trailing_dot_and_reject_junk() {
        let mut i = input("Jane Smith");
        i.title = Some("Mrs.".into());
        assert_eq!(
            i.clone().validate(2026).unwrap().title.as_deref(),
            Some("Mrs")
        );
        i.title = Some("Ms Smith".into());
        assert!(matches!(i.validate(2026), Err(SubjectError::Title(_))));
    }
}

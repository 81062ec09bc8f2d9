//! The person's answers: which platforms they use, what each setting is set to, and which
//! search or probe hits they said are theirs. Plain data, saved after every answer so
//! quitting loses nothing, and loadable from a file written by hand (TOML or JSON).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, SafeAnswer};

/// One answer to a setting's question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Yes,
    No,
    NotSure,
    /// "I don't use this" (this feature, or the platform).
    NotUsed,
}

impl Answer {
    /// Whether this answer leaves the setting open: the unsafe answer, or "not sure"
    /// (an unknown is never counted as safe).
    pub fn is_open(self, safe: SafeAnswer) -> bool {
        !matches!(
            (self, safe),
            (Self::Yes, SafeAnswer::Yes) | (Self::No, SafeAnswer::No) | (Self::NotUsed, _)
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Yes => "Yes",
            Self::No => "No",
            Self::NotSure => "Not sure",
            Self::NotUsed => "I don't use this",
        }
    }
}

/// What the person said about a search or profile hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Review {
    Mine,
    NotMine,
    NotSure,
}

/// Whose answers these are: saved answers are never applied to anyone else.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
}

impl Person {
    /// The same person, whatever the case or spacing they were typed with.
    pub fn is(&self, other: &Person) -> bool {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        norm(&self.name) == norm(&other.name)
            && self.school.as_deref().map(norm) == other.school.as_deref().map(norm)
    }

    /// The person's key, in plain letters: "jane-smith@oakwood-academy", or "jane-smith"
    /// with no school. Their saved answers file and their rows in the history store are
    /// named by it, so two people on one login never share them and `findable forget`
    /// finds both.
    pub fn key(&self) -> String {
        let name = match slug(&self.name) {
            n if n.is_empty() => "person".to_string(),
            n => n,
        };
        match self.school.as_deref().map(slug).filter(|s| !s.is_empty()) {
            Some(school) => format!("{name}@{school}"),
            None => name,
        }
    }

    /// Whether `key` (a [`Person::key`]) belongs to someone called `name`, at any school.
    pub fn key_has_name(key: &str, name: &str) -> bool {
        let wanted = Person {
            name: name.to_string(),
            school: None,
        }
        .key();
        key == wanted
            || key
                .strip_prefix(&wanted)
                .is_some_and(|rest| rest.starts_with('@'))
    }
}

/// Lower-case ASCII words joined by hyphens: "Siobhán Ní Bhriain" -> "siobhan-ni-bhriain".
fn slug(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-")
}

impl std::fmt::Display for Person {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.school {
            Some(school) => write!(f, "{} ({school})", self.name),
            None => f.write_str(&self.name),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Whose answers these are; `None` in an answers file written by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Person>,
    /// Check ids of the platforms the person uses; `None` until they have said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uses: Option<Vec<String>>,
    /// Gate id -> whether the checks behind it apply ("are you a company director?").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub gates: BTreeMap<String, bool>,
    /// Platforms (check ids, or `general`) where the person goes through every setting,
    /// not only the essentials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<String>,
    /// check id -> setting id -> answer.
    #[serde(default)]
    pub settings: BTreeMap<String, BTreeMap<String, Answer>>,
    /// Platforms the person chose to skip for now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
    /// URL -> what the person said about it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reviews: BTreeMap<String, Review>,
}

/// How an answers file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswersFormat {
    Toml,
    Json,
}

impl AnswersFormat {
    /// JSON for a `.json` file (any case), TOML for anything else.
    pub fn of_path(path: &Path) -> Self {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            Self::Json
        } else {
            Self::Toml
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AnswersError {
    #[error("{path}: {source}")]
    Read {
        path: String,
        source: crate::input_file::InputFileError,
    },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Unknown { path: String, message: String },
    #[error("{path}: cannot save")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl Answers {
    pub fn get(&self, check: &str, setting: &str) -> Option<Answer> {
        self.settings.get(check)?.get(setting).copied()
    }

    pub fn set(&mut self, check: &str, setting: &str, answer: Answer) {
        self.settings
            .entry(check.to_string())
            .or_default()
            .insert(setting.to_string(), answer);
    }

    pub fn unset(&mut self, check: &str, setting: &str) {
        if let Some(answers) = self.settings.get_mut(check) {
            answers.remove(setting);
        }
    }

    /// Reads a TOML or JSON answers file (by extension; TOML otherwise) and checks every
    /// platform and setting it names exists, so a typo is reported, not ignored.
    pub fn load(path: &Path, catalog: &Catalog) -> Result<Self, AnswersError> {
        let shown = path.display().to_string();
        let text = crate::input_file::read_text(path, crate::input_file::MAX_TEXT_FILE).map_err(
            |source| AnswersError::Read {
                path: shown.clone(),
                source,
            },
        )?;
        Self::parse(&shown, &text, AnswersFormat::of_path(path), catalog)
    }

    /// Reads answers from `text` in `format`, checked against `catalog` as [`Self::load`]
    /// does; `label` names the text in errors (a file's path, usually).
    pub fn parse(
        label: &str,
        text: &str,
        format: AnswersFormat,
        catalog: &Catalog,
    ) -> Result<Self, AnswersError> {
        let answers: Self = match format {
            AnswersFormat::Json => serde_json::from_str(text).map_err(|e| AnswersError::Parse {
                path: label.to_string(),
                line: e.line(),
                message: e.to_string(),
            })?,
            AnswersFormat::Toml => toml::from_str(text).map_err(|e| AnswersError::Parse {
                path: label.to_string(),
                line: crate::catalog::line_of(text, e.span().map_or(0, |s| s.start)),
                message: e.message().trim().to_string(),
            })?,
        };
        answers
            .check_names(catalog)
            .map_err(|message| AnswersError::Unknown {
                path: label.to_string(),
                message,
            })?;
        Ok(answers)
    }

    fn check_names(&self, catalog: &Catalog) -> Result<(), String> {
        let named = self
            .uses
            .iter()
            .flatten()
            .chain(self.settings.keys())
            .chain(&self.skipped)
            .chain(self.more.iter().filter(|m| *m != super::GENERAL));
        for id in named {
            if catalog.get(id).is_none() {
                return Err(format!(
                    "no check called {id:?} (see `findable checks list`)"
                ));
            }
        }
        for gate in self.gates.keys() {
            let known = catalog
                .checks
                .iter()
                .any(|c| c.applies_when.as_ref().is_some_and(|g| &g.id == gate));
            if !known {
                return Err(format!("no question called {gate:?} in [gates]"));
            }
        }
        for (id, settings) in &self.settings {
            let check = catalog
                .get(id)
                .ok_or_else(|| format!("no check called {id:?}"))?;
            for setting in settings.keys() {
                if !check.settings.iter().any(|s| &s.id == setting) {
                    return Err(format!("{id} has no setting called {setting:?}"));
                }
            }
        }
        Ok(())
    }

    /// Saves as TOML, atomically and readable by the owner only.
    pub fn save(&self, path: &Path) -> Result<(), AnswersError> {
        let text = toml::to_string(self).map_err(|e| AnswersError::Write {
            path: path.display().to_string(),
            source: std::io::Error::other(e),
        })?;
        let header =
            "# findable checklist answers: your own settings, kept on this computer only.\n";
        crate::private_file::write(path, format!("{header}{text}").as_bytes()).map_err(|source| {
            AnswersError::Write {
                path: path.display().to_string(),
                source,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> (String, String) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/answers")
            .join(name);
        let text = std::fs::read_to_string(&path).expect("fixture");
        (path.display().to_string(), text)
    }

    #[test]
    fn parse_reads_toml_and_json_like_load() {
        let catalog = Catalog::builtin().expect("built-in checks");
        let (label, text) = fixture("typical.toml");
        let answers = Answers::parse(&label, &text, AnswersFormat::Toml, &catalog).expect("toml");
        assert_eq!(answers.get("tiktok", "downloads"), Some(Answer::No));
        assert_eq!(answers.skipped, ["instagram"]);
        let loaded = Answers::load(Path::new(&label), &catalog).expect("load");
        assert_eq!(loaded, answers);

        let (label, text) = fixture("typical.json");
        let answers = Answers::parse(&label, &text, AnswersFormat::Json, &catalog).expect("json");
        assert_eq!(
            answers.get("instagram", "private-account"),
            Some(Answer::NotUsed)
        );
        assert_eq!(
            Answers::load(Path::new(&label), &catalog).expect("load"),
            answers
        );
    }

    #[test]
    fn parse_errors_name_the_label() {
        let catalog = Catalog::builtin().expect("built-in checks");
        let error = Answers::parse("mine.toml", "uses = [\n1]", AnswersFormat::Toml, &catalog)
            .expect_err("a number is not a check id");
        assert!(error.to_string().starts_with("mine.toml:2: "), "{error}");
        let error = Answers::parse(
            "mine.json",
            "{\"uses\": [\"nope\"]}",
            AnswersFormat::Json,
            &catalog,
        )
        .expect_err("no such check");
        assert!(
            error.to_string().starts_with("mine.json: no check called"),
            "{error}"
        );
    }

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(
            AnswersFormat::of_path(Path::new("a.JSON")),
            AnswersFormat::Json
        );
        assert_eq!(
            AnswersFormat::of_path(Path::new("a.toml")),
            AnswersFormat::Toml
        );
        assert_eq!(
            AnswersFormat::of_path(Path::new("answers")),
            AnswersFormat::Toml
        );
    }
}

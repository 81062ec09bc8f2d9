//! The check catalog: the per-platform check files from `checks/`, embedded in the binary
//! or loaded from a directory, validated once on load so every later stage can trust them.
//! Loading is the only thing this module does; probing and asking live elsewhere.

mod check;
pub mod freshness;
pub mod import;
mod raw;
mod site;
mod validate;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::input_file;

pub use check::{
    Category, Check, Exposure, Gate, PLACEHOLDERS, Priority, ProbeMethod, Profile, PupilUse,
    Report, Rule, SafeAnswer, SearchTemplate, Setting, UsernameRule, Visibility,
};
pub use site::{Detection, HttpMethod, RequestTemplate, Site};
pub use validate::placeholders;

include!(concat!(env!("OUT_DIR"), "/builtin_checks.rs"));

/// One problem in a check file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            // A problem with the file as a whole (unreadable, not text, too large).
            0 => write!(f, "{}: {}", self.file, self.message),
            line => write!(f, "{}:{line}: {}", self.file, self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// Shown as the first problem, file and line first, and how many more there are.
    #[error("{}", first_of(.0))]
    Invalid(Vec<CheckError>),
    #[error("{}: cannot read", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}: no check files (*.toml) in this directory")]
    Empty(PathBuf),
}

fn first_of(errors: &[CheckError]) -> String {
    match errors {
        [] => "the check files are invalid".to_string(),
        [only] => only.to_string(),
        [first, rest @ ..] => format!(
            "{first} (and {} more: `findable checks validate DIR` lists them all)",
            rest.len()
        ),
    }
}

/// Every check, ordered by id.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Catalog {
    pub checks: Vec<Check>,
}

impl Catalog {
    /// The checks shipped inside the binary.
    pub fn builtin() -> Result<Self, CatalogError> {
        Self::from_sources(
            BUILTIN_CHECKS
                .iter()
                .map(|(name, text)| (format!("checks/{name}"), (*text).to_string())),
        )
    }

    /// Every `*.toml` file in `dir` (not recursive).
    pub fn load_dir(dir: &Path) -> Result<Self, CatalogError> {
        let read_err = |source| CatalogError::Read {
            path: dir.to_path_buf(),
            source,
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(read_err)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
            .collect();
        if paths.is_empty() {
            return Err(CatalogError::Empty(dir.to_path_buf()));
        }
        paths.sort();
        let mut sources = Vec::with_capacity(paths.len());
        let mut unreadable = Vec::new();
        for path in paths {
            let file = path.display().to_string();
            // One bad file is one problem in the list, not the end of the listing.
            match input_file::read_text(&path, input_file::MAX_TEXT_FILE) {
                Ok(text) => sources.push((file, text)),
                Err(e) => unreadable.push(CheckError {
                    file,
                    line: 0,
                    message: e.to_string(),
                }),
            }
        }
        match (Self::from_sources(sources), unreadable.is_empty()) {
            (result, true) => result,
            (Ok(_), false) => Err(CatalogError::Invalid(unreadable)),
            (Err(CatalogError::Invalid(mut errors)), false) => {
                unreadable.append(&mut errors);
                Err(CatalogError::Invalid(unreadable))
            }
            (Err(other), false) => Err(other),
        }
    }

    /// Parses `(file name, text)` pairs, reporting every problem in every file.
    pub fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, CatalogError> {
        let mut checks: Vec<(Check, String, usize)> = Vec::new();
        let mut errors = Vec::new();
        for (file, text) in sources {
            match raw::parse(&file, &text) {
                Ok((check, line)) => {
                    if let Some((_, first, _)) = checks.iter().find(|(c, _, _)| c.id == check.id) {
                        errors.push(CheckError {
                            file: file.clone(),
                            line,
                            message: format!(
                                "duplicate id {:?}: already used by {first}",
                                check.id
                            ),
                        });
                    } else {
                        checks.push((check, file, line));
                    }
                }
                Err(mut problems) => errors.append(&mut problems),
            }
        }
        // A gate is one question asked once, so every check that shares it must ask it
        // in the same words.
        for (i, (check, file, line)) in checks.iter().enumerate() {
            let Some(gate) = &check.applies_when else {
                continue;
            };
            let differs = checks[..i].iter().find(|(other, _, _)| {
                other
                    .applies_when
                    .as_ref()
                    .is_some_and(|g| g.id == gate.id && g.question != gate.question)
            });
            if let Some((_, first, _)) = differs {
                errors.push(CheckError {
                    file: file.clone(),
                    line: *line,
                    message: format!(
                        "applies_when id {:?} asks a different question in {first}; a shared gate needs the same words",
                        gate.id
                    ),
                });
            }
        }
        if !errors.is_empty() {
            return Err(CatalogError::Invalid(errors));
        }
        let mut checks: Vec<Check> = checks.into_iter().map(|(c, _, _)| c).collect();
        checks.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Self { checks })
    }

    pub fn get(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }
}

/// The 1-based line holding byte `offset` of `text` (clamped to the text).
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

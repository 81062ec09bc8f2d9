//! The check catalog: the per-platform check files from `checks/`, embedded in the binary
//! or loaded from a directory, validated once on load so every later stage can trust them.
//! Loading is the only thing this module does; probing and asking live elsewhere.

mod check;
pub mod import;
mod raw;
mod site;
mod validate;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use check::{
    Category, Check, Exposure, PLACEHOLDERS, Priority, ProbeMethod, Profile, PupilUse, Report,
    Rule, SafeAnswer, SearchTemplate, Setting, UsernameRule, Visibility,
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
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{} problem(s) in the check files:\n{}", .0.len(), list(.0))]
    Invalid(Vec<CheckError>),
    #[error("{}: cannot read", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}: no check files (*.toml) in this directory")]
    Empty(PathBuf),
}

fn list(errors: &[CheckError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
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
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|source| CatalogError::Read {
                path: path.clone(),
                source,
            })?;
            sources.push((path.display().to_string(), text));
        }
        Self::from_sources(sources)
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

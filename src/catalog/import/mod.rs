//! Site lists kept by other username-search tools (WhatsMyName, Sherlock, Maigret), read
//! from a file and converted into findable's [`Site`]s so `--sites FILE` can add breadth to
//! the checks, each entry read the way its authors' own checker reads it, only stricter.
//! Entries findable cannot probe honestly are skipped, each with its reason, and kept in
//! [`Imported::skipped`] so every report can list them; malformed ones stop the load.

mod builtin;
mod maigret;
mod policy;
mod read;
mod sherlock;
#[cfg(test)]
mod tests;
mod wmn;

use std::collections::HashSet;
use std::fmt;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::site::Site;

pub use builtin::prefer_builtin;
pub(crate) use policy::address_kind;
pub use read::MAX_LIST_BYTES;

/// Choices a person makes about what an import keeps.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Probe adult sites too (Sherlock `isNSFW`, WhatsMyName category `xx NSFW xx`,
    /// Maigret tags `porn`, `erotic`, `webcam`); left out by default.
    pub include_adult: bool,
}

/// The sites a list yielded, and what was left out of it and why.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub format: ListFormat,
    /// The file as named on the command line.
    pub label: String,
    /// Entries in the list, disabled and skipped ones included.
    pub entries: usize,
    pub sites: Vec<Site>,
    /// Every entry not probed (other than those the list itself disables), with why.
    pub skipped: Vec<SkippedSite>,
    /// What a person should know about sites that are probed: lookalike hosts, private
    /// addresses, headers left out. One line each, starting with the site's name.
    pub warnings: Vec<String>,
    /// Entries the list itself marks as not working (WhatsMyName `valid: false`, Maigret
    /// `disabled`): counted, not listed, because the list's maintainers already know.
    pub disabled: usize,
    /// `(site, platform)` for sites the list marks as mirrors of a platform.
    #[serde(skip)]
    mirrors: Vec<(String, String)>,
}

/// An entry of a list that is not probed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedSite {
    pub name: String,
    /// Why, in a few plain words.
    pub reason: String,
    /// The profile URL with `{username}`, when the entry has one a person could open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_url: Option<String>,
}

/// What a `--sites` list contributed to a run, for the results and the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteList {
    /// The file, as named on the command line.
    pub file: String,
    /// `WhatsMyName`, `Sherlock` or `Maigret`.
    pub format: String,
    pub entries: usize,
    pub imported: usize,
    pub disabled: usize,
    pub skipped: Vec<SkippedSite>,
    pub warnings: Vec<String>,
}

impl Imported {
    /// The summary that travels with the plan and the evidence.
    pub fn summary(&self) -> SiteList {
        SiteList {
            file: self.label.clone(),
            format: self.format.to_string(),
            entries: self.entries,
            // Built-in checks that replaced entries are not the list's sites.
            imported: self.entries - self.disabled - self.skipped.len(),
            disabled: self.disabled,
            skipped: self.skipped.clone(),
            warnings: self.warnings.clone(),
        }
    }
}

impl SiteList {
    /// "638 of 716 sites imported from wmn-data.json (WhatsMyName): 1 disabled by the
    /// list, 77 skipped".
    pub fn headline(&self) -> String {
        let mut parts = Vec::new();
        if self.disabled > 0 {
            parts.push(format!("{} disabled by the list", self.disabled));
        }
        if !self.skipped.is_empty() {
            parts.push(format!("{} skipped", self.skipped.len()));
        }
        let rest = if parts.is_empty() {
            String::new()
        } else {
            format!(": {}", parts.join(", "))
        };
        format!(
            "{} of {} sites imported from {} ({}){rest}",
            self.imported, self.entries, self.file, self.format
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ListFormat {
    WhatsMyName,
    Sherlock,
    Maigret,
}

impl fmt::Display for ListFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::WhatsMyName => "WhatsMyName",
            Self::Sherlock => "Sherlock",
            Self::Maigret => "Maigret",
        })
    }
}

/// Why a list could not be loaded at all. Every message is one line and self-contained (no
/// `source()` chain), so `{:#}` does not repeat it.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: cannot read: {error}", path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(
        "{label}: larger than {} MB; a site list is a few MB (is this the right file?)",
        MAX_LIST_BYTES / (1024 * 1024)
    )]
    TooLarge { label: String },
    #[error("{label}:{line}:{column}: not JSON: {message}")]
    NotJson {
        label: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{label}: not a WhatsMyName, Sherlock or Maigret site list: expected an object with a \
         \"sites\" array of entries with \"uri_check\" (WhatsMyName), an object of sites each \
         with \"url\" and \"errorType\" (Sherlock) or a \"sites\" object (Maigret), found \
         {found}"
    )]
    UnknownFormat { label: String, found: String },
    /// An entry with a missing field or a value of the wrong type. `index` is 1-based, in
    /// file order.
    #[error("{label}: site #{index}{}: {}", name_part(.name), field_part(.field, .message))]
    Entry {
        label: String,
        index: usize,
        name: Option<String>,
        field: Option<String>,
        message: String,
    },
    #[error(
        "{label}: no usable sites in this {format} list ({entries} entries: {disabled} disabled \
         by the list, {skipped} skipped as unsupported)"
    )]
    NoUsableSites {
        label: String,
        format: ListFormat,
        entries: usize,
        disabled: usize,
        skipped: usize,
    },
}

fn name_part(name: &Option<String>) -> String {
    name.as_ref()
        .map(|n| format!(" ({n:?})"))
        .unwrap_or_default()
}

fn field_part(field: &Option<String>, message: &str) -> String {
    match field {
        Some(field) => format!("field `{field}`: {message}"),
        None => message.to_string(),
    }
}

/// Reads and converts the site list at `path`, naming it by its path in messages. Reads
/// at most [`MAX_LIST_BYTES`].
pub fn load_site_list(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    let label = path.display().to_string();
    let read_error = |error| ImportError::Read {
        path: path.to_path_buf(),
        error,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    // A regular file over the cap is refused before a byte of it is read.
    if let Ok(meta) = file.metadata()
        && meta.is_file()
        && meta.len() > MAX_LIST_BYTES
    {
        return Err(ImportError::TooLarge { label });
    }
    // The read layer buffers; this one only lets it look for a byte-order mark.
    let reader = BufReader::with_capacity(8, file);
    from_reader(&label, reader, options)
}

/// Converts the text of a site list; `label` names it in warnings and errors.
pub fn parse_site_list(
    label: &str,
    text: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    from_reader(label, text.as_bytes(), options)
}

fn from_reader(
    label: &str,
    reader: impl std::io::BufRead,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let document = read::read(label, reader, options).map_err(|e| match e {
        read::Unreadable::TooLarge => ImportError::TooLarge {
            label: label.to_string(),
        },
        read::Unreadable::Error(error) => error,
    })?;
    let (format, entries) = match document {
        read::Document::WhatsMyName(collector) => {
            return collector.finish(label, ListFormat::WhatsMyName);
        }
        read::Document::Sherlock(entries) => (
            ListFormat::Sherlock,
            sherlock::convert(label, &entries, options)?,
        ),
        read::Document::Maigret { sites, engines } => (
            ListFormat::Maigret,
            maigret::convert(label, &sites, &engines, options)?,
        ),
    };
    collect(label, format, entries)
}

/// What became of one entry of a list.
#[derive(Debug)]
enum Converted {
    /// A site to probe, with what a person should know about it and the platform it
    /// mirrors, when the list says.
    Site(Box<Site>, Vec<String>, Option<String>),
    /// Marked as not working by the list itself.
    Disabled,
    Skipped(SkippedSite),
}

impl Converted {
    fn skipped(name: &str, reason: impl Into<String>, profile_url: Option<String>) -> Self {
        Self::Skipped(SkippedSite {
            name: name.to_string(),
            reason: reason.into(),
            profile_url,
        })
    }
}

fn not_json(label: &str, error: &serde_json::Error) -> ImportError {
    let (line, column) = (error.line(), error.column());
    let full = error.to_string();
    // The position moves to the front, compiler-style, so it is not said twice.
    let message = full
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(&full)
        .to_string();
    ImportError::NotJson {
        label: label.to_string(),
        line,
        column,
        message,
    }
}

/// The hard error for an entry that does not deserialise, naming the field at fault.
fn entry_error<E: fmt::Display>(
    label: &str,
    index: usize,
    name: Option<&str>,
    error: serde_path_to_error::Error<E>,
) -> ImportError {
    let field = (error.path().iter().next().is_some()).then(|| error.path().to_string());
    ImportError::Entry {
        label: label.to_string(),
        index,
        name: name.map(str::to_string),
        field,
        message: without_position(&error.into_inner().to_string()),
    }
}

/// serde_json ends a message with where in the entry's own text it went wrong, which is
/// not where it is in the file; the entry's number and field say more.
fn without_position(message: &str) -> String {
    match message.rsplit_once(" at line ") {
        Some((text, position))
            if position
                .split(" column ")
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            text.to_string()
        }
        _ => message.to_string(),
    }
}

/// Takes each entry as it is converted: keeps the first site of each name, collects skips
/// and warnings, and at the end refuses a list that yields nothing (a run over zero
/// imported sites would look like "nothing found"). Sites go straight into one vector, so
/// a large list is never held twice.
#[derive(Default)]
struct Collector {
    total: usize,
    sites: Vec<Site>,
    skipped: Vec<SkippedSite>,
    warnings: Vec<String>,
    disabled: usize,
    mirrors: Vec<(String, String)>,
}

impl Collector {
    fn add(&mut self, entry: Converted) {
        self.total += 1;
        match entry {
            Converted::Site(site, notes, mirror_of) => {
                if let Some(platform) = mirror_of {
                    self.mirrors.push((site.name.clone(), platform));
                }
                // Debug quoting keeps a name with a newline or quote in it on one line.
                let name = &site.name;
                self.warnings
                    .extend(notes.iter().map(|n| format!("site {name:?}: {n}")));
                self.sites.push(*site);
            }
            Converted::Disabled => self.disabled += 1,
            Converted::Skipped(skip) => self.skipped.push(skip),
        }
    }

    fn finish(mut self, label: &str, format: ListFormat) -> Result<Imported, ImportError> {
        // The first site of each name is kept. Looked for once at the end, with names
        // borrowed, rather than a copy of every name held through the whole read.
        let mut seen = HashSet::with_capacity(self.sites.len());
        let first: Vec<bool> = self
            .sites
            .iter()
            .map(|s| seen.insert(s.name.as_str()))
            .collect();
        drop(seen);
        if first.contains(&false) {
            let mut first = first.into_iter();
            let mut twins = Vec::new();
            self.sites.retain(|site| {
                let keep = first.next().unwrap_or(true);
                if !keep {
                    twins.push(SkippedSite {
                        name: site.name.clone(),
                        reason: "duplicate name, the first one is kept".into(),
                        profile_url: None,
                    });
                }
                keep
            });
            self.skipped.append(&mut twins);
        }
        if self.sites.is_empty() {
            return Err(ImportError::NoUsableSites {
                label: label.to_string(),
                format,
                entries: self.total,
                disabled: self.disabled,
                skipped: self.total - self.disabled,
            });
        }
        self.sites.shrink_to_fit();
        Ok(Imported {
            format,
            label: label.to_string(),
            entries: self.total,
            sites: self.sites,
            skipped: self.skipped,
            warnings: self.warnings,
            disabled: self.disabled,
            mirrors: self.mirrors,
        })
    }
}

fn collect(
    label: &str,
    format: ListFormat,
    entries: Vec<Converted>,
) -> Result<Imported, ImportError> {
    let mut collector = Collector::default();
    entries.into_iter().for_each(|e| collector.add(e));
    collector.finish(label, format)
}

/// The URL checks every format applies to one of an entry's URL templates: refused (the
/// entry is skipped) or accepted with warnings.
fn check_url(
    field: &str,
    template: &str,
    placeholder: &str,
    notes: &mut Vec<String>,
) -> Result<url::Url, String> {
    let url = policy::web_url(field, template, placeholder)?;
    notes.extend(policy::url_warnings(field, template, &url));
    Ok(url)
}

//! The evidence log on disk: started in a folder (CSV and a printable HTML copy), or added
//! to when the folder has one. Adding reads the CSV, splices the new row in and replaces
//! the file atomically under a lock, so no row is ever lost and it stays owner-only.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input};

use findable::Catalog;
use findable::incident::{self, IncidentInput, LogRow};
use findable::private_file::{self, Lock, LockError};
use findable::render;

pub const CSV_NAME: &str = "evidence-log.csv";
pub const HTML_NAME: &str = "evidence-log.html";

/// Why a folder's log cannot be used. Nothing in the folder has been changed.
#[derive(Debug, thiserror::Error)]
pub enum LogDirError {
    #[error("{} {source}", .path.display())]
    Unreadable {
        path: PathBuf,
        source: incident::LogError,
    },
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{} was not made by findable, so findable will not replace it; move it or choose \
         another folder", .0.display()
    )]
    NotOurs(PathBuf),
}

/// The log already in `dir`, as text and read; `None` when there is none to add to.
fn existing(dir: &Path) -> Result<Option<(String, incident::ExistingLog)>, LogDirError> {
    let csv = dir.join(CSV_NAME);
    let html = dir.join(HTML_NAME);
    // A printable copy someone else made, or one edited by hand, is never replaced.
    match std::fs::read(&html) {
        Ok(bytes) if !String::from_utf8_lossy(&bytes).contains(render::incident::LOG_HTML_MARK) => {
            return Err(LogDirError::NotOurs(html));
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => return Err(LogDirError::Io { path: html, source }),
    }
    let bytes = match std::fs::read(&csv) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(LogDirError::Io { path: csv, source }),
    };
    let log = incident::read_log(&bytes).map_err(|source| LogDirError::Unreadable {
        path: csv.clone(),
        source,
    })?;
    // read_log has checked the bytes are UTF-8.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(Some((text, log)))
}

/// Whether `dir` can take the log: empty of one, or holding one findable can add to.
pub fn check(dir: &Path) -> Result<(), LogDirError> {
    existing(dir).map(|_| ())
}

/// Starts the log in `dir`, or adds this incident's row to the one there, and writes the
/// printable copy beside it. Returns every row now in the log.
pub fn write(dir: &Path, input: &IncidentInput, catalog: &Catalog) -> Result<Vec<LogRow>> {
    let csv_path = dir.join(CSV_NAME);
    // Held while the CSV is read and replaced, so two runs cannot each drop the other's
    // row. Its file (.evidence-log.csv.lock) stays, hidden, beside the log: removing it
    // while another run waits on it would let two runs in at once.
    let _lock = match Lock::acquire(&dir.join(format!(".{CSV_NAME}"))) {
        Ok(lock) => lock,
        Err(LockError::Busy(_)) => anyhow::bail!(
            "another findable is adding to {} right now; run this again when it has \
             finished (the log is safe)",
            csv_path.display()
        ),
        Err(e) => return Err(e.into()),
    };
    let entry = incident::log_entry(input, catalog);
    let (rows, added) = match existing(dir).map_err(bad_input)? {
        Some((text, log)) => {
            let csv = render::incident::log_csv_append(&text, &log, &[entry])
                .context("cannot add to the evidence log")?;
            // Read back what will be written: the row count below is the file's own.
            let rows = incident::read_log(csv.as_bytes())
                .map_err(|source| LogDirError::Unreadable {
                    path: csv_path.clone(),
                    source,
                })
                .map_err(bad_input)?
                .rows;
            if rows.len() != log.rows.len() + 1 {
                anyhow::bail!("the evidence log did not read back whole; it was left as it was");
            }
            private_file::write(&csv_path, csv.as_bytes())
                .with_context(|| format!("cannot write {}", csv_path.display()))?;
            (rows, true)
        }
        None => {
            let entries = incident::log_entries(input, catalog);
            let csv =
                render::incident::log_csv(&entries).context("cannot build the evidence log")?;
            private_file::create_new(&csv_path, csv.as_bytes())
                .with_context(|| format!("cannot write {}", csv_path.display()))?;
            (entries.into_iter().map(LogRow::from).collect(), false)
        }
    };
    let html_path = dir.join(HTML_NAME);
    let today = input.today.as_deref().unwrap_or_default();
    private_file::write(
        &html_path,
        render::incident::log_html(&rows, today).as_bytes(),
    )
    .with_context(|| format!("cannot write {}", html_path.display()))?;
    let written = rows.iter().filter(|r| !r.entry.is_blank()).count();
    let what = if added {
        format!(
            "Added to the evidence log, which now has {}:",
            render::plural_forms(written, "entry", "entries")
        )
    } else {
        "Evidence log started:".to_string()
    };
    eprintln!(
        "\n{what} {} (open it in a spreadsheet) and {} (to print). Only you can read them.",
        csv_path.display(),
        html_path.display()
    );
    Ok(rows)
}

fn bad_input(e: LogDirError) -> anyhow::Error {
    super::InputError(e.to_string()).into()
}

/// After the steps: offer to start the evidence log, or add to one, asking where.
pub fn offer(input: &IncidentInput, catalog: &Catalog) -> Result<Option<Vec<LogRow>>> {
    let term = Term::stderr();
    let theme = ColorfulTheme::default();
    let wanted = Confirm::with_theme(&theme)
        .with_prompt(
            "Start an evidence log, or add this to yours (a spreadsheet and a page to print)?",
        )
        .default(true)
        .interact_on_opt(&term)?;
    if wanted != Some(true) {
        return Ok(None);
    }
    let mut default = suggested_dir().display().to_string();
    loop {
        let answer: String = Input::with_theme(&theme)
            .with_prompt("Folder to keep it in (Enter for the one shown, empty to skip)")
            .with_initial_text(default.clone())
            .allow_empty(true)
            .interact_text_on(&term)?;
        let answer = answer.trim();
        if answer.is_empty() {
            return Ok(None);
        }
        let dir = expand_home(answer);
        match existing(&dir) {
            Ok(None) => return write(&dir, input, catalog).map(Some),
            Ok(Some((_, log))) => {
                let written = log.rows.iter().filter(|r| !r.entry.is_blank()).count();
                let add = Confirm::with_theme(&theme)
                    .with_prompt(format!(
                        "There is a log there already ({}). Add this incident to it?",
                        render::plural_forms(written, "entry", "entries")
                    ))
                    .default(true)
                    .interact_on_opt(&term)?;
                if add == Some(true) {
                    return write(&dir, input, catalog).map(Some);
                }
            }
            Err(e) => term.write_line(&render::escape::text(&e.to_string()))?,
        }
        default = String::new();
    }
}

/// Documents/findable-evidence-DATE: somewhere the person will find again, and not a shared
/// folder; the current directory when there is no home folder.
pub fn suggested_dir() -> PathBuf {
    let name = format!("findable-evidence-{}", jiff::Zoned::now().date());
    directories::UserDirs::new()
        .map(|d| {
            d.document_dir()
                .map_or_else(|| d.home_dir().to_path_buf(), Path::to_path_buf)
        })
        .map_or_else(|| PathBuf::from(&name), |base| base.join(&name))
}

/// `~/x` typed at the prompt (no shell expands it there).
fn expand_home(path: &str) -> PathBuf {
    match path.strip_prefix("~/") {
        Some(rest) => directories::UserDirs::new()
            .map_or_else(|| PathBuf::from(path), |d| d.home_dir().join(rest)),
        None => PathBuf::from(path),
    }
}

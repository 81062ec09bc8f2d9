//! The evidence log on disk: CSV and Markdown started in a folder, owner-only and atomic,
//! never over a log that is already there (it may hold the person's notes).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input};

use findable::Catalog;
use findable::incident::{self, IncidentInput};
use findable::render;

pub const CSV_NAME: &str = "evidence-log.csv";
pub const MD_NAME: &str = "evidence-log.md";

/// After the steps: offer to start the evidence log, asking where.
pub fn offer(input: &IncidentInput, catalog: &Catalog) -> Result<()> {
    let term = Term::stderr();
    let theme = ColorfulTheme::default();
    let wanted = Confirm::with_theme(&theme)
        .with_prompt("Start an evidence log to fill in (a spreadsheet and a printable copy)?")
        .default(true)
        .interact_on_opt(&term)?;
    if wanted != Some(true) {
        return Ok(());
    }
    let mut default = suggested_dir().display().to_string();
    loop {
        let answer: String = Input::with_theme(&theme)
            .with_prompt("Folder to save it in (Enter for the one shown, empty to skip)")
            .with_initial_text(default.clone())
            .allow_empty(true)
            .interact_text_on(&term)?;
        let answer = answer.trim();
        if answer.is_empty() {
            return Ok(());
        }
        let dir = expand_home(answer);
        match existing(&dir) {
            None => return write(&dir, input, catalog),
            Some(found) => {
                term.write_line(&will_not_overwrite(&found))?;
                default = String::new();
            }
        }
    }
}

/// Writes both forms of the log, owner-only and atomically, never over an existing log.
pub fn write(dir: &Path, input: &IncidentInput, catalog: &Catalog) -> Result<()> {
    if let Some(found) = existing(dir) {
        anyhow::bail!(will_not_overwrite(&found));
    }
    let entries = incident::log_entries(input, catalog);
    let csv = render::incident::log_csv(&entries).context("cannot build the evidence log")?;
    let md = render::incident::log_markdown(&entries);
    for (name, text) in [(CSV_NAME, csv), (MD_NAME, md)] {
        let path = dir.join(name);
        // Never over a log: another run may have started one since the check above.
        match findable::private_file::create_new(&path, text.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                anyhow::bail!(will_not_overwrite(&path))
            }
            other => other.with_context(|| format!("cannot write {}", path.display()))?,
        }
    }
    eprintln!(
        "\nEvidence log started: {} (open it in a spreadsheet) and {} (to print). Only you can \
         read them.",
        dir.join(CSV_NAME).display(),
        dir.join(MD_NAME).display()
    );
    Ok(())
}

/// A log file already in `dir`: it may hold the person's own notes, so it is never replaced.
pub fn existing(dir: &Path) -> Option<PathBuf> {
    [CSV_NAME, MD_NAME]
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.exists())
}

pub fn will_not_overwrite(found: &Path) -> String {
    format!(
        "{} already exists; findable will not overwrite an evidence log you may have filled \
         in, so choose another folder",
        found.display()
    )
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

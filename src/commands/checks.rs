//! `findable checks list|validate`: what the catalog holds, and whether a directory of
//! check files is valid.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};

use super::{Exit, print};
use crate::cli::{ChecksCommand, Format};
use findable::Catalog;
use findable::catalog::{CatalogError, ProbeMethod};
use findable::render::plural;

pub fn run(command: ChecksCommand) -> Result<Exit> {
    match command {
        ChecksCommand::List { checks, format } => list(checks.as_deref(), format),
        ChecksCommand::Validate { dir } => validate(&dir),
    }
}

/// The built-in catalog, or the one in `dir` when given.
pub fn load_catalog(dir: Option<&Path>) -> Result<Catalog> {
    match dir {
        Some(dir) => Catalog::load_dir(dir).context("--checks"),
        None => Catalog::builtin().context("the built-in check files are invalid (a findable bug)"),
    }
}

fn list(dir: Option<&Path>, format: Format) -> Result<Exit> {
    let catalog = load_catalog(dir)?;
    match format {
        Format::Json => print(&(serde_json::to_string_pretty(&catalog)? + "\n"))?,
        Format::Text => {
            let rows: Vec<[String; 5]> = catalog
                .checks
                .iter()
                .map(|c| {
                    let probe = match &c.profile {
                        Some(p) if p.method == ProbeMethod::Http => "automatic",
                        Some(_) => "by hand",
                        None => "-",
                    };
                    [
                        c.id.clone(),
                        shorten(&c.name, 22),
                        kebab(&c.pupil_use),
                        probe.to_string(),
                        c.settings.len().to_string(),
                    ]
                })
                .collect();
            let header = ["ID", "NAME", "PUPIL USE", "PROFILE", "SETTINGS"];
            print(&table(&header, &rows))?;
        }
    }
    Ok(Exit::Success)
}

fn validate(dir: &Path) -> Result<Exit> {
    match Catalog::load_dir(dir) {
        Ok(catalog) => {
            let settings: usize = catalog.checks.iter().map(|c| c.settings.len()).sum();
            print(&format!(
                "{}: {}, {}, all valid\n",
                dir.display(),
                plural(catalog.checks.len(), "check file"),
                plural(settings, "setting"),
            ))?;
            Ok(Exit::Success)
        }
        Err(CatalogError::Invalid(errors)) => {
            let mut out = String::new();
            for e in &errors {
                let _ = writeln!(out, "{e}");
            }
            print(&out)?;
            eprintln!(
                "error: {} in {}",
                plural(errors.len(), "problem"),
                dir.display()
            );
            Ok(Exit::Problems)
        }
        Err(other) => Err(other.into()),
    }
}

/// The serde name of an enum value ("very-high"), for text output.
fn kebab<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (cell, w) in cells.iter().zip(widths) {
            let _ = write!(text, "{cell:<w$}  ");
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}

/// Keeps tables inside 80 columns; the full name is in `--format json`.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        text.chars().take(max - 1).collect::<String>() + "…"
    }
}

//! `findable checks list|validate|audit`: what the catalog holds, whether a directory of
//! check files is valid, and how current it is.

use std::path::Path;

use anyhow::Result;

use super::Exit;
use super::InputError;
use super::output::{Output, print};
use super::setup;
use crate::cli::{ChecksCommand, LIST_FORMATS};
use findable::Catalog;
use findable::catalog::CatalogError;
use findable::catalog::freshness::{Freshness, STALE_AFTER_MONTHS};
use findable::render::{self, OutputFormat, plural};

pub fn run(command: ChecksCommand) -> Result<Exit> {
    match command {
        ChecksCommand::List {
            checks,
            format,
            output,
        } => {
            let out = Output::resolve(
                format,
                output.as_deref(),
                LIST_FORMATS,
                OutputFormat::Text,
                "the list of checks",
            )?;
            let catalog = setup::catalog(checks.as_deref())?;
            out.write(&match out.format {
                OutputFormat::Json => render::json(&catalog),
                _ => render::checks::table(&catalog),
            })?;
            Ok(Exit::Success)
        }
        ChecksCommand::Validate { dir } => validate(&dir),
        ChecksCommand::Audit {
            dir,
            on,
            format,
            output,
        } => {
            let out = Output::resolve(
                format,
                output.as_deref(),
                LIST_FORMATS,
                OutputFormat::Text,
                "the audit of the check files",
            )?;
            let catalog = setup::catalog(dir.as_deref())?;
            let day = on.unwrap_or_else(setup::today);
            let measured =
                Freshness::of(&catalog, &day).map_err(|e| InputError(format!("--on: {e}")))?;
            out.write(&match out.format {
                OutputFormat::Json => render::json(&measured),
                _ => render::checks::freshness(&measured),
            })?;
            let stale = measured.stale().count();
            if stale > 0 {
                eprintln!(
                    "error: {} older than {STALE_AFTER_MONTHS} months: check them against the platforms' own help pages and update their as_of",
                    plural(stale, "setting")
                );
                return Ok(Exit::Problems);
            }
            Ok(Exit::Success)
        }
    }
}

fn validate(dir: &Path) -> Result<Exit> {
    match Catalog::load_dir(dir) {
        Ok(catalog) => {
            print(&render::checks::valid(&dir.display().to_string(), &catalog))?;
            Ok(Exit::Success)
        }
        Err(CatalogError::Invalid(errors)) => {
            print(&render::checks::problems(&errors))?;
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

//! `findable checks list|validate`: what the catalog holds, and whether a directory of
//! check files is valid.

use std::path::Path;

use anyhow::Result;

use super::Exit;
use super::output::{Output, print};
use super::setup;
use crate::cli::{ChecksCommand, LIST_FORMATS};
use findable::Catalog;
use findable::catalog::CatalogError;
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

//! `findable queries`: every search a pupil would run for you, as links to open by hand in
//! a private window, plus your name in each app's own search box. Nothing is sent anywhere.

use anyhow::Result;

use super::Exit;
use super::output::Output;
use super::setup;
use crate::cli::{LIST_FORMATS, QueriesArgs};
use findable::Variants;
use findable::plan::links::SearchLinks;
use findable::plan::queries;
use findable::render::{self, OutputFormat};

pub fn run(args: &QueriesArgs) -> Result<Exit> {
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        LIST_FORMATS,
        OutputFormat::Text,
        "the list of searches",
    )?;
    let subject = setup::subject(&args.subject)?;
    let variants = Variants::generate(&subject);
    let catalog = setup::catalog(args.checks.as_deref())?;
    let planned = queries::build(&subject, &variants, &catalog.checks, args.max_queries);
    let links = SearchLinks::build(&planned, &variants.names);
    out.write(&match out.format {
        OutputFormat::Json => render::json(&links),
        _ => render::queries::text(&links),
    })?;
    Ok(Exit::Success)
}

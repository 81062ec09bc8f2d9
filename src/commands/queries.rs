//! `findable queries`: every search a pupil would run for you, as links to open by hand in
//! a private window, plus your name in each app's own search box. Nothing is sent anywhere.

use anyhow::Result;

use super::checks::load_catalog;
use super::{Exit, load_subject, print};
use crate::cli::{Format, QueriesArgs};
use findable::Variants;
use findable::plan::links::SearchLinks;
use findable::plan::queries;
use findable::render;

pub fn run(args: &QueriesArgs) -> Result<Exit> {
    let subject = load_subject(&args.subject)?;
    let variants = Variants::generate(&subject);
    let catalog = load_catalog(args.checks.as_deref())?;
    let planned = queries::build(&subject, &variants, &catalog.checks, args.max_queries);
    let links = SearchLinks::build(&planned, &variants.names);
    print(&match args.format {
        Format::Json => render::json(&links),
        Format::Text => render::queries::text(&links),
    })?;
    Ok(Exit::Success)
}

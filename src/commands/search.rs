//! `findable search`: run the searches a pupil would, then sort every result into "this is
//! you", "maybe you" or someone else, saying why, and say plainly which searches were
//! blocked or failed instead of treating them as "nothing found".

use anyhow::Result;

use super::Exit;
use super::output::Output;
use super::{session, setup};
use crate::cli::{LIST_FORMATS, SearchArgs};
use findable::Variants;
use findable::engine::Engine;
use findable::plan::links::SearchLinks;
use findable::plan::queries;
use findable::relevance::{JudgedSearches, Matcher};
use findable::render::{self, OutputFormat};
use findable::search_results::SearchResults;

pub fn run(args: &SearchArgs) -> Result<Exit> {
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        LIST_FORMATS,
        OutputFormat::Text,
        "the search results",
    )?;
    let subject = setup::subject(&args.subject)?;
    let variants = Variants::generate(&subject);
    let catalog = setup::catalog(args.checks.as_deref())?;
    let planned = queries::build(
        &subject,
        &variants,
        &catalog.checks,
        args.search.max_queries,
    );
    let Some(backend) = setup::backend(&args.search)? else {
        eprintln!("no backend: listing the searches instead of running them");
        let links = SearchLinks::build(&planned, &variants.names);
        out.write(&match out.format {
            OutputFormat::Json => render::json(&links),
            _ => render::queries::text(&links),
        })?;
        return Ok(Exit::Success);
    };
    let engine = Engine::new(setup::engine(&args.network)?)?;
    let (results, interrupted) = session::run_searches(
        &engine,
        &session::runtime()?,
        &planned,
        &backend,
        args.quiet,
    );
    let matcher = Matcher::for_catalog(&subject, &variants, &catalog);
    let judged = JudgedSearches::judge(&results, &matcher);
    let sorted = SearchResults::new(&results, &judged, interrupted);
    if interrupted {
        eprintln!(
            "stopped: {} of {} searches ran; the results below are partial",
            results.len(),
            planned.len()
        );
    }
    out.write(&match out.format {
        OutputFormat::Json => render::json(&sorted),
        _ => render::search::text(&sorted, backend.label()),
    })?;
    Ok(if interrupted {
        Exit::Interrupted
    } else {
        Exit::Success
    })
}

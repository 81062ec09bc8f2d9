//! `findable variants`: every name and username a pupil might try, most likely first.

use anyhow::Result;

use super::Exit;
use super::output::Output;
use super::setup;
use crate::cli::{LIST_FORMATS, VariantsArgs};
use findable::Variants;
use findable::render::{self, OutputFormat};

pub fn run(args: &VariantsArgs) -> Result<Exit> {
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        LIST_FORMATS,
        OutputFormat::Text,
        "the list of names",
    )?;
    let subject = setup::subject(&args.subject)?;
    let all = Variants::generate(&subject);
    out.write(&match out.format {
        OutputFormat::Json => render::json(&all.truncated(args.max)),
        _ => render::variants::text(&all, args.max),
    })?;
    if subject.title.is_none() && !has_title_in_name(&subject.name) {
        eprintln!(
            "tip: add --title (Mr, Mrs, Ms, Miss, Mx, Dr...) to include the names pupils call you, like \"Ms Smith\""
        );
    }
    Ok(Exit::Success)
}

fn has_title_in_name(name: &str) -> bool {
    findable::variants::parse::ParsedName::parse(name)
        .title
        .is_some()
}

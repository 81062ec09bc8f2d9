//! `findable history`: every saved audit, oldest first, one line each (date, score and
//! counts), so a person sees how their exposure has moved term by term.

use anyhow::Result;

use super::output::Output;
use super::{Exit, setup};
use crate::cli::{HistoryArgs, LIST_FORMATS};
use findable::render::{OutputFormat, history};

pub fn run(args: &HistoryArgs) -> Result<Exit> {
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        LIST_FORMATS,
        OutputFormat::Text,
        "the history",
    )?;
    let audits = match setup::existing_store(args.db.db.as_deref())? {
        Some(store) => {
            let people = store.people()?;
            let keys: Vec<String> = setup::chosen(
                &people,
                args.who.name.as_deref(),
                args.who.school.as_deref(),
            )?
            .into_iter()
            .map(|p| p.key.clone())
            .collect();
            store.history(Some(&keys))?
        }
        None => Vec::new(),
    };
    out.write(&match out.format {
        OutputFormat::Json => history::json(&audits),
        _ => history::text(&audits),
    })?;
    Ok(Exit::Success)
}

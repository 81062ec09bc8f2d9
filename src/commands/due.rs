//! `findable due`: who is due for a new audit, a term (or `--every`) after their last.
//! Exits 1 when someone is, so it can run from cron or Task Scheduler.

use anyhow::Result;

use super::output::Output;
use super::{Exit, setup};
use crate::cli::{DueArgs, LIST_FORMATS};
use findable::render::{OutputFormat, history};

pub fn run(args: &DueArgs) -> Result<Exit> {
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        LIST_FORMATS,
        OutputFormat::Text,
        "the list",
    )?;
    let list = match setup::existing_store(args.db.db.as_deref())? {
        Some(store) => {
            let people = store.people()?;
            let chosen: Vec<_> = setup::chosen(
                &people,
                args.who.name.as_deref(),
                args.who.school.as_deref(),
            )?
            .into_iter()
            .cloned()
            .collect();
            findable::due::due(&chosen, args.every, jiff::Zoned::now().date())
        }
        None => Vec::new(),
    };
    out.write(&match out.format {
        OutputFormat::Json => history::due_json(&list),
        _ => history::due_text(&list, args.every),
    })?;
    Ok(if list.iter().any(|d| d.due) {
        Exit::Problems
    } else {
        Exit::Success
    })
}

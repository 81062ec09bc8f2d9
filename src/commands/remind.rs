//! `findable remind --ics FILE`: a calendar file with a reminder each term, from each
//! person's last audit, to open in or import into any calendar program.

use anyhow::{Context, Result};

use super::{Exit, InputError, setup};
use crate::cli::RemindArgs;
use findable::render::calendar::{self, Reminder};

pub fn run(args: &RemindArgs) -> Result<Exit> {
    let Some(store) = setup::existing_store(args.db.db.as_deref())? else {
        return Err(InputError(
            "no audits are saved yet, so there is nothing to remind you of: run `findable audit` first".into(),
        )
        .into());
    };
    let people = store.people()?;
    let chosen = setup::chosen(
        &people,
        args.who.name.as_deref(),
        args.who.school.as_deref(),
    )?;
    let today = jiff::Zoned::now().date();
    let mut reminders = Vec::new();
    for p in chosen {
        let last = p.last_date.parse().unwrap_or(today);
        for day in findable::due::reminders(last, args.every, args.count, today) {
            reminders.push(Reminder {
                name: p.name.clone(),
                school: p.school.clone(),
                key: p.key.clone(),
                last_audit: last,
                day,
            });
        }
    }
    let ics = calendar::ics(&reminders, jiff::Timestamp::now());
    findable::private_file::write(&args.ics, ics.as_bytes())
        .with_context(|| format!("cannot write {}", args.ics.display()))?;
    let first = reminders.iter().map(|r| r.day).min();
    eprintln!(
        "Written to {}: {} (the first on {}). Open it, or import it into your calendar.",
        args.ics.display(),
        findable::render::plural(reminders.len(), "reminder"),
        first.map_or_else(String::new, |d| d.strftime("%-d %B %Y").to_string())
    );
    Ok(Exit::Success)
}

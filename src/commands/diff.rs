//! `findable diff [A] [B]`: two saved audits of one person side by side, with what is
//! new, gone and still open between them; by default the person's last two.

use anyhow::Result;

use super::output::Output;
use super::{Exit, InputError, setup};
use crate::cli::{DiffArgs, REPORT_FORMATS};
use findable::render::{OutputFormat, diff};
use findable::store::{Store, StoredAudit};

pub fn run(args: &DiffArgs) -> Result<Exit> {
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        REPORT_FORMATS,
        OutputFormat::Text,
        "the comparison",
    )?;
    let Some(store) = setup::existing_store(args.db.db.as_deref())? else {
        return Err(nothing_to_compare());
    };
    let (older, newer) = pair(&store, args)?;
    if older.person.key() != newer.person.key() {
        return Err(InputError(format!(
            "audit {} is of {} and audit {} of {}: compare two audits of one person",
            older.id, older.person, newer.id, newer.person
        ))
        .into());
    }
    let comparison = findable::changes::diff(&newer.person, older.snapshot(), newer.snapshot());
    out.write(&diff::render(&comparison, out.format))?;
    Ok(Exit::Success)
}

fn nothing_to_compare() -> anyhow::Error {
    InputError(
        "there are not two audits to compare yet: run `findable audit` again next term".into(),
    )
    .into()
}

/// The two audits to compare, older first.
fn pair(store: &Store, args: &DiffArgs) -> Result<(StoredAudit, StoredAudit)> {
    let (older, newer) = match (args.a, args.b) {
        (Some(a), Some(b)) => (store.audit(a.min(b))?, store.audit(a.max(b))?),
        (Some(a), None) => {
            let newer = store.audit(a)?;
            let older = store.before(&newer)?.ok_or_else(|| {
                InputError(format!(
                    "audit {a} is the first of {}: give another number to compare it with",
                    newer.person
                ))
            })?;
            (older, newer)
        }
        (None, _) => {
            let people = store.people()?;
            let chosen = setup::chosen(
                &people,
                args.who.name.as_deref(),
                args.who.school.as_deref(),
            )?;
            let person = match chosen.as_slice() {
                [] => return Err(nothing_to_compare()),
                [one] => *one,
                several => {
                    let names: Vec<String> =
                        several.iter().map(|p| p.person().to_string()).collect();
                    return Err(InputError(format!(
                        "audits of several people are saved ({}): say whose with --name (and --school), or give two audit numbers",
                        names.join(", ")
                    ))
                    .into());
                }
            };
            let newer = store.audit(person.last_id)?;
            let older = store.before(&newer)?.ok_or_else(nothing_to_compare)?;
            (older, newer)
        }
    };
    Ok((older, newer))
}

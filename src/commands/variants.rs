//! `findable variants`: every name and username a pupil might try, most likely first.

use std::fmt::Write as _;

use anyhow::Result;

use super::{Exit, load_subject, print};
use crate::cli::{Format, VariantsArgs};
use findable::Variants;
use findable::variants::Variant;

pub fn run(args: &VariantsArgs) -> Result<Exit> {
    let subject = load_subject(&args.subject)?;
    let all = Variants::generate(&subject);
    let (total_names, total_usernames) = (all.names.len(), all.usernames.len());
    let shown = all.truncated(args.max);
    match args.format {
        Format::Json => print(&(serde_json::to_string_pretty(&shown)? + "\n"))?,
        Format::Text => {
            let mut out = String::new();
            section(
                &mut out,
                "Names a pupil might search for",
                &shown.names,
                total_names,
            );
            out.push('\n');
            section(
                &mut out,
                "Usernames a pupil might try",
                &shown.usernames,
                total_usernames,
            );
            print(&out)?;
        }
    }
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

fn section(out: &mut String, heading: &str, list: &[Variant], total: usize) {
    let count = if list.len() < total {
        format!(
            "{} of {total}, most likely first; --max to see more",
            list.len()
        )
    } else {
        format!("{total}, most likely first")
    };
    let _ = writeln!(out, "{heading} ({count}):");
    let width = list
        .iter()
        .map(|v| v.text.chars().count())
        .max()
        .unwrap_or(0);
    for v in list {
        let pad = width - v.text.chars().count();
        let _ = writeln!(
            out,
            "  {:.2}  {}{}  {}",
            v.weight,
            v.text,
            " ".repeat(pad),
            v.source
        );
    }
}

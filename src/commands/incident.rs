//! `findable incident`: for staff who have found something abusive, or the safeguarding
//! lead acting for them. Asks what happened (in a terminal) or takes it from flags, shows a
//! five-line summary and the steps (one at a time in a terminal), and starts a private
//! evidence log or adds the incident to one.

mod log;
mod pager;

use std::io::IsTerminal;

use anyhow::{Context, Result};
use console::{Term, style};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Input, Select};

use super::output::Output;
use super::setup;
use super::{Exit, InputError};
use crate::cli::{INCIDENT_FORMATS, IncidentArgs};
use findable::Catalog;
use findable::incident::{self, IncidentInput, Kind, LogRow, Responsible};
use findable::render::{self, OutputFormat};

pub fn run(args: &IncidentArgs) -> Result<Exit> {
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        INCIDENT_FORMATS,
        OutputFormat::Text,
        "the steps or the evidence log",
    )?;
    let catalog = setup::catalog(args.checks.as_deref())?;
    let platform = match &args.platform {
        Some(wanted) => Some(platform_id(&catalog, wanted)?),
        None => None,
    };
    // Check before printing anything: a log there must be one findable can add to.
    if let Some(dir) = &args.log {
        log::check(dir).map_err(|e| InputError(format!("--log: {e}")))?;
    }
    let given = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(String::from)
    };
    let mut input = IncidentInput {
        platform,
        kind: args.given_kind().unwrap_or_default(),
        responsible: args.responsible.map_or(Responsible::Unknown, Into::into),
        threats_or_sexual: args.threats,
        for_colleague: args.for_colleague,
        url: given(&args.url),
        handle: given(&args.username),
        today: Some(jiff::Zoned::now().date().to_string()),
    };
    let terminal = !args.no_input && std::io::stdin().is_terminal();
    let interactive = terminal && std::io::stderr().is_terminal() && !all_answered(args);
    if interactive {
        ask(&catalog, args, &mut input).context("the questions stopped")?;
    }

    let guide = incident::guide(&input, &catalog);
    let mut exit = Exit::Success;
    let steps_on_screen = match out.format {
        // The printable log goes to the file; the steps still come on screen.
        OutputFormat::Html => out.path.is_some(),
        _ => out.to_terminal(),
    };
    if steps_on_screen && !args.all && terminal && std::io::stdout().is_terminal() {
        if pager::show(&guide)? == pager::Ended::Interrupted {
            exit = Exit::Interrupted;
        }
    } else if steps_on_screen || out.format != OutputFormat::Html {
        let text = match out.format {
            OutputFormat::Markdown => render::incident::steps_markdown(&guide),
            _ => render::incident::steps_text(&guide),
        };
        if out.format == OutputFormat::Html {
            super::output::print(&text)?;
        } else {
            out.write(&text)?;
        }
    }
    if exit == Exit::Interrupted {
        return Ok(exit);
    }

    let today = input.today.clone().unwrap_or_default();
    let rows: Vec<LogRow> = match &args.log {
        Some(dir) => log::write(dir, &input, &catalog)?,
        None if interactive => log::offer(&input, &catalog)?.unwrap_or_default(),
        None => {
            eprintln!(
                "\nNo evidence log written. To start one, run this again with --log DIR, for \
                 example --log {}: it writes {} and a printable {} there, readable by you \
                 only. Give the same folder again to add another account to it.",
                log::suggested_dir().display(),
                log::CSV_NAME,
                log::HTML_NAME,
            );
            Vec::new()
        }
    };
    if out.format == OutputFormat::Html {
        let rows = if rows.is_empty() {
            incident::log_entries(&input, &catalog)
                .into_iter()
                .map(LogRow::from)
                .collect()
        } else {
            rows
        };
        out.write(&render::incident::log_html(&rows, &today))?;
    }
    Ok(exit)
}

/// The check id for `--platform`, which may also be given as the platform's name.
fn platform_id(catalog: &Catalog, wanted: &str) -> Result<String> {
    if let Some(check) = incident::find_platform(catalog, wanted) {
        return Ok(check.id.clone());
    }
    let known: Vec<&str> = incident::platforms(catalog)
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    Err(InputError(format!(
        "--platform: no platform {wanted:?} to report to; choose one of {} or leave it out",
        known.join(", ")
    ))
    .into())
}

/// Whether the flags answer every question: the yes/no flags count only when given.
fn all_answered(args: &IncidentArgs) -> bool {
    args.for_colleague
        && args.given_kind().is_some()
        && args.platform.is_some()
        && args.responsible.is_some()
        && args.threats
        && args.url.is_some()
}

/// Asks, on stderr, whatever the flags left open. Esc skips a question.
fn ask(catalog: &Catalog, args: &IncidentArgs, input: &mut IncidentInput) -> Result<()> {
    let term = Term::stderr();
    let theme = ColorfulTheme::default();
    term.write_line(&format!(
        "{}",
        style("A few questions so the steps fit what happened (Esc skips one).").bold()
    ))?;

    if !args.for_colleague {
        let picked = Select::with_theme(&theme)
            .with_prompt("Who is this about?")
            .items([
                "Me",
                "A colleague: I'm acting for them (as DSL or their manager)",
            ])
            .default(0)
            .interact_on_opt(&term)?;
        input.for_colleague = picked == Some(1);
    }

    if args.given_kind().is_none() {
        let labels: Vec<&str> = Kind::ALL.iter().map(|k| k.label()).collect();
        let picked = Select::with_theme(&theme)
            .with_prompt("What happened?")
            .items(&labels)
            .default(0)
            .interact_on_opt(&term)?;
        input.kind = picked
            .and_then(|i| Kind::ALL.get(i).copied())
            .unwrap_or_default();
    }

    // Phone calls have no address or platform to ask about.
    let calls = input.kind == Kind::Calls;
    if args.url.is_none() && !calls {
        let url: String = Input::with_theme(&theme)
            .with_prompt("Its web address, if you have it (Enter to skip)")
            .allow_empty(true)
            .interact_text_on(&term)?;
        let url = url.trim();
        input.url = (!url.is_empty()).then(|| url.to_string());
    }

    if args.platform.is_none() && !calls {
        match input.platform_in(catalog) {
            Some(check) => term.write_line(&format!(
                "  It is on {}.",
                render::escape::text(&check.name)
            ))?,
            None => {
                let platforms = incident::platforms(catalog);
                let mut names: Vec<&str> = platforms.iter().map(|c| c.name.as_str()).collect();
                names.push("Somewhere else, or not sure");
                let picked = Select::with_theme(&theme)
                    .with_prompt("Where is it?")
                    .items(&names)
                    .default(0)
                    .interact_on_opt(&term)?;
                input.platform = picked.and_then(|i| platforms.get(i)).map(|c| c.id.clone());
            }
        }
    }

    if args.responsible.is_none() {
        let choices = [
            ("A pupil", Responsible::Pupil),
            ("A parent or carer", Responsible::Parent),
            ("A colleague", Responsible::Colleague),
            ("I don't know", Responsible::Unknown),
        ];
        let labels: Vec<&str> = choices.iter().map(|(l, _)| *l).collect();
        let picked = Select::with_theme(&theme)
            .with_prompt("Who do you think is behind it?")
            .items(&labels)
            .default(3)
            .interact_on_opt(&term)?;
        input.responsible = picked
            .and_then(|i| choices.get(i))
            .map_or(Responsible::Unknown, |(_, r)| *r);
    }

    // Online sexual harassment puts the police first already.
    if !args.threats && input.kind != Kind::SexualHarassment {
        // On one line of an 80-column terminal: a prompt that wraps is left behind on screen.
        term.write_line("  Threats, hate, sexual content or upskirting, or anonymous abuse")?;
        term.write_line("  that keeps coming back, all count here.")?;
        let picked = Select::with_theme(&theme)
            .with_prompt("Is any of that part of it?")
            .items(["No", "Yes", "Not sure"])
            .default(0)
            .interact_on_opt(&term)?;
        // "Not sure" keeps the usual order: the police step still says when to go to them.
        input.threats_or_sexual = picked == Some(1);
    }
    term.write_line("")?;
    Ok(())
}

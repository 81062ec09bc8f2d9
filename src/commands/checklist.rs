//! `findable checklist`: the settings walkthrough in a terminal (saved after every answer,
//! resumable), the same from an answers file without prompts, or the printable checklist.

use std::io::IsTerminal;

use anyhow::{Context, Result};

use super::output::Output;
use super::prompt::TerminalPrompter;
use super::setup;
use super::{Exit, InputError};
use crate::cli::ChecklistArgs;
use findable::Catalog;
use findable::catalog::Check;
use findable::checklist::summary::{ChecklistSummary, is_complete};
use findable::checklist::{self, Answers, Outcome};
use findable::render::{self, OutputFormat};
use findable::subject::Handle;

pub fn run(args: &ChecklistArgs) -> Result<Exit> {
    let out = output(args)?;
    let catalog = setup::catalog(args.checks.as_deref())?;
    if let Some(wanted) = &args.platforms {
        for id in wanted {
            if catalog.get(id).is_none() {
                return Err(InputError(format!(
                    "--platforms: no check called {id:?}; see `findable checks list`"
                ))
                .into());
            }
        }
    }
    if args.print {
        let checks: Vec<&Check> = catalog
            .checks
            .iter()
            .filter(|c| args.platforms.as_ref().is_none_or(|p| p.contains(&c.id)))
            .collect();
        out.write(&match out.format {
            OutputFormat::Html => render::checklist::html(&checks),
            _ => render::checklist::markdown(&checks),
        })?;
        return Ok(Exit::Success);
    }
    let (answers, finished) = match &args.answers {
        Some(path) => {
            let answers = Answers::load(path, &catalog)?;
            let finished = is_complete(&catalog, &answers);
            (answers, finished)
        }
        None => interactive(&catalog, args)?,
    };
    let summary = ChecklistSummary::new(&catalog, &answers, finished);
    out.write(&match out.format {
        OutputFormat::Json => render::json(&summary),
        _ => render::checklist::summary_text(&summary),
    })?;
    Ok(Exit::Success)
}

/// The printable list (`--print`) is Markdown or HTML; the summary is text or JSON.
fn output(args: &ChecklistArgs) -> Result<Output> {
    use OutputFormat::{Html, Json, Markdown, Text};
    let path = args.output.as_deref();
    if args.print {
        return Output::resolve(
            args.format,
            path,
            &[Markdown, Html],
            Markdown,
            "the printable checklist (--print)",
        );
    }
    if matches!(args.format, Some(Markdown | Html)) {
        return Err(InputError(
            "--format md and html are for --print; the summary is text or json".into(),
        )
        .into());
    }
    Output::resolve(
        args.format,
        path,
        &[Text, Json],
        Text,
        "the summary (without --print)",
    )
}

fn interactive(catalog: &Catalog, args: &ChecklistArgs) -> Result<(Answers, bool)> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(InputError(
            "the checklist asks questions, so it needs a terminal: run it in one, or give --answers FILE".into(),
        )
        .into());
    }
    let state = setup::state_path(args.state.as_deref())?;
    let mut answers = if state.exists() && !args.restart {
        Answers::load(&state, catalog).with_context(|| {
            format!(
                "your saved answers in {} (use --restart to start again)",
                state.display()
            )
        })?
    } else {
        Answers::default()
    };
    let mut preselected: Vec<String> = Vec::new();
    for raw in &args.usernames {
        if let Some(platform) = Handle::parse(raw)?.platform {
            preselected.push(platform);
        }
    }
    if let Some(only) = &args.platforms {
        preselected.extend(only.iter().cloned());
    }
    let mut prompter = TerminalPrompter::default();
    let mut save = |a: &Answers| a.save(&state).map_err(std::io::Error::other);
    let outcome = checklist::walk(
        catalog,
        &mut answers,
        &preselected,
        &mut prompter,
        &mut save,
    )
    .context("the checklist stopped")?;
    if outcome == Outcome::Quit {
        eprintln!(
            "Saved. Run `findable checklist` again to carry on where you left off (answers in {}).",
            state.display()
        );
    }
    Ok((answers, outcome == Outcome::Finished))
}

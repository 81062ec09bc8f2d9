//! `findable checklist`: the settings walkthrough in a terminal (saved after every answer,
//! resumable), the same from an answers file without prompts, or the printable checklist.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};

use super::output::Output;
use super::prompt::TerminalPrompter;
use super::{Exit, InputError};
use super::{session, setup};
use crate::cli::ChecklistArgs;
use findable::Catalog;
use findable::checklist::summary::{ChecklistSummary, is_complete};
use findable::checklist::{self, Answers, Outcome, Person, Step};
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
        let checks = checklist::printable(&catalog, args.platforms.as_deref(), args.all);
        out.write(&match out.format {
            OutputFormat::Html => render::checklist::html(&checks),
            _ => render::checklist::markdown(&checks),
        })?;
        return Ok(Exit::Success);
    }
    let (answers, ended) = match &args.answers {
        Some(path) => {
            let answers = Answers::load(path, &catalog)?;
            let ended = match is_complete(&catalog, &answers) {
                true => Ended::Finished,
                false => Ended::Saved,
            };
            (answers, ended)
        }
        None => interactive(&catalog, args)?,
    };
    let summary = ChecklistSummary::new(&catalog, &answers, ended == Ended::Finished);
    out.write(&match out.format {
        OutputFormat::Json => render::json(&summary),
        _ => render::checklist::summary_text(&summary),
    })?;
    Ok(match ended {
        Ended::Interrupted => Exit::Interrupted,
        _ => Exit::Success,
    })
}

/// How a walkthrough ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    Finished,
    /// "Save and quit", or answers from a file that do not cover every question.
    Saved,
    /// Ctrl-C at a prompt: the answers given are saved all the same.
    Interrupted,
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

fn interactive(catalog: &Catalog, args: &ChecklistArgs) -> Result<(Answers, Ended)> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(InputError(
            "the checklist asks questions, so it needs a terminal: run it in one, or give --answers FILE".into(),
        )
        .into());
    }
    let person = args.name.as_deref().map(|name| Person {
        name: name.trim().to_string(),
        school: args.school.clone(),
    });
    let saved = setup::saved_answers(
        args.state.as_deref(),
        person.as_ref(),
        catalog,
        args.restart,
    )?;
    let state = saved.path.clone();
    let mut answers = saved.answers.clone();
    let mut preselected: Vec<String> = Vec::new();
    for raw in &args.usernames {
        if let Some(platform) = Handle::parse(raw)?.platform {
            preselected.push(platform);
        }
    }
    if let Some(only) = &args.platforms {
        preselected.extend(only.iter().cloned());
    }
    // Ctrl-C, SIGTERM and SIGHUP end the walkthrough like "Save and quit"; every answer is
    // saved as it is given.
    let runtime = session::runtime()?;
    let signalled = Arc::new(AtomicBool::new(false));
    let flag = signalled.clone();
    session::on_stop_signal(&runtime, move || flag.store(true, Ordering::SeqCst));
    let mut prompter = TerminalPrompter::default();
    let mut save = |a: &Answers| a.save(&state).map_err(std::io::Error::other);
    let asked = match &args.change {
        Some(which) => {
            let step = change_step(catalog, which)?;
            checklist::change(step, &mut answers, &mut prompter, &mut save)
        }
        None => checklist::walk(
            catalog,
            &mut answers,
            &preselected,
            &mut prompter,
            &mut save,
        ),
    };
    let ended = match asked {
        Ok(Outcome::Finished) => Ended::Finished,
        Ok(Outcome::Quit) => Ended::Saved,
        Err(e)
            if e.kind() == std::io::ErrorKind::Interrupted || signalled.load(Ordering::SeqCst) =>
        {
            // A prompt cut short can leave the cursor hidden.
            super::prompt::show_cursor();
            Ended::Interrupted
        }
        Err(e) => return Err(e).context("the checklist stopped"),
    };
    if ended != Ended::Finished {
        eprintln!(
            "Saved. Run `findable checklist` again to carry on where you left off (answers in {}).",
            state.display()
        );
    }
    Ok((answers, ended))
}

/// The setting `--change CHECK/SETTING` names, or bad input saying what exists.
fn change_step<'a>(catalog: &'a Catalog, which: &str) -> Result<Step<'a>> {
    let (check_id, setting_id) = which.split_once('/').ok_or_else(|| {
        InputError(format!(
            "--change {which:?}: give it as CHECK/SETTING, e.g. tiktok/private-account"
        ))
    })?;
    let check = catalog.get(check_id).ok_or_else(|| {
        InputError(format!(
            "--change {which:?}: no check called {check_id:?}; see `findable checks list`"
        ))
    })?;
    let setting = check
        .settings
        .iter()
        .find(|s| s.id == setting_id)
        .ok_or_else(|| {
            let ids: Vec<&str> = check.settings.iter().map(|s| s.id.as_str()).collect();
            InputError(format!(
                "--change {which:?}: {check_id} has no setting {setting_id:?}; it has {}",
                ids.join(", ")
            ))
        })?;
    Ok(Step { check, setting })
}

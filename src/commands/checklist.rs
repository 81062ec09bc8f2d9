//! `findable checklist`: the settings walkthrough in a terminal (saved after every answer,
//! resumable), the same from an answers file without prompts, or the printable checklist.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

use super::checks::load_catalog;
use super::{Exit, InputError, print};
use crate::cli::{ChecklistArgs, ChecklistFormat};
use findable::Catalog;
use findable::catalog::Check;
use findable::checklist::{self, Answers, Outcome, prompt::TerminalPrompter};
use findable::subject::Handle;

pub fn run(args: &ChecklistArgs) -> Result<Exit> {
    let catalog = load_catalog(args.checks.as_deref())?;
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
        return print_checklist(&catalog, args);
    }
    if matches!(
        args.format,
        Some(ChecklistFormat::Md | ChecklistFormat::Html)
    ) {
        return Err(InputError(
            "--format md and html are for --print; the summary is text or json".into(),
        )
        .into());
    }
    let (answers, finished) = match &args.answers {
        Some(path) => {
            let answers = Answers::load(path, &catalog)?;
            let finished = is_complete(&catalog, &answers);
            (answers, finished)
        }
        None => interactive(&catalog, args)?,
    };
    let summary = summarise(&catalog, &answers, finished);
    let text = match args.format {
        Some(ChecklistFormat::Json) => serde_json::to_string_pretty(&summary)? + "\n",
        _ => render_summary(&summary),
    };
    write_out(args.output.as_deref(), &text)?;
    Ok(Exit::Success)
}

/// The saved-answers file: `--state`, or answers.toml in the user's data folder.
pub fn state_path(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    let dirs = directories::ProjectDirs::from("", "", "findable")
        .context("cannot find your user data folder; give --state FILE")?;
    Ok(dirs.data_dir().join("answers.toml"))
}

fn interactive(catalog: &Catalog, args: &ChecklistArgs) -> Result<(Answers, bool)> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(InputError(
            "the checklist asks questions, so it needs a terminal: run it in one, or give --answers FILE".into(),
        )
        .into());
    }
    let state = state_path(args.state.as_deref())?;
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

fn is_complete(catalog: &Catalog, answers: &Answers) -> bool {
    answers.uses.is_some()
        && checklist::steps(catalog, answers)
            .iter()
            .all(|s| answers.get(&s.check.id, &s.setting.id).is_some())
}

#[derive(Serialize)]
struct Summary {
    finished: bool,
    answered: usize,
    total: usize,
    /// Settings to change, most urgent first.
    open: Vec<OpenSetting>,
}

#[derive(Serialize)]
struct OpenSetting {
    check: String,
    platform: String,
    setting: String,
    label: String,
    answer: checklist::Answer,
    priority: findable::catalog::Priority,
    #[serde(rename = "where")]
    location: String,
    recommended: String,
    help_url: String,
}

fn summarise(catalog: &Catalog, answers: &Answers, finished: bool) -> Summary {
    let steps = checklist::steps(catalog, answers);
    let answered = steps
        .iter()
        .filter(|s| answers.get(&s.check.id, &s.setting.id).is_some())
        .count();
    let open = checklist::open_settings(catalog, answers)
        .into_iter()
        .map(|(s, answer)| OpenSetting {
            check: s.check.id.clone(),
            platform: s.check.name.clone(),
            setting: s.setting.id.clone(),
            label: s.setting.label.clone(),
            answer,
            priority: s.setting.priority,
            location: s.setting.location.clone(),
            recommended: s.setting.recommended.clone(),
            help_url: s.setting.help_url.clone(),
        })
        .collect();
    Summary {
        finished,
        answered,
        total: steps.len(),
        open,
    }
}

fn render_summary(summary: &Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "You have answered {} of {} questions{}.",
        summary.answered,
        summary.total,
        if summary.finished {
            ""
        } else {
            " (not finished yet)"
        }
    );
    if summary.open.is_empty() {
        out.push_str("Nothing to change from your answers so far.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "\nTo change, most urgent first ({}):",
        summary.open.len()
    );
    for (i, s) in summary.open.iter().enumerate() {
        let why = if s.answer == checklist::Answer::NotSure {
            " (you were not sure: check it)"
        } else {
            ""
        };
        let _ = writeln!(out, "\n{:>3}. {}: {}{why}", i + 1, s.platform, s.label);
        let _ = writeln!(out, "     Where:  {}", s.location);
        let _ = writeln!(out, "     Choose: {}", s.recommended);
        let _ = writeln!(out, "     Help:   {}", s.help_url);
    }
    out
}

fn print_checklist(catalog: &Catalog, args: &ChecklistArgs) -> Result<Exit> {
    let checks: Vec<&Check> = catalog
        .checks
        .iter()
        .filter(|c| args.platforms.as_ref().is_none_or(|p| p.contains(&c.id)))
        .collect();
    let format = args.format.or_else(|| {
        args.output
            .as_ref()
            .and_then(|o| o.extension())
            .filter(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
            .map(|_| ChecklistFormat::Html)
    });
    let text = match format {
        Some(ChecklistFormat::Html) => findable::render::checklist::html(&checks),
        Some(ChecklistFormat::Md) | None => findable::render::checklist::markdown(&checks),
        Some(other) => {
            return Err(InputError(
                format!("--print writes md or html, not {other:?}").to_lowercase(),
            )
            .into());
        }
    };
    write_out(args.output.as_deref(), &text)?;
    Ok(Exit::Success)
}

/// To `-o FILE` (atomically, owner-only) or stdout.
pub fn write_out(output: Option<&Path>, text: &str) -> Result<()> {
    match output {
        Some(path) => {
            findable::private_file::write(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("Written to {}", path.display());
            Ok(())
        }
        None => print(text),
    }
}

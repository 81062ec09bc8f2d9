//! `findable incident`: for staff who have found something abusive or a fake account. Asks
//! what happened (in a terminal) or takes it from flags, prints the steps in order to stdout,
//! and starts a private evidence log (CSV and Markdown) to fill in.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use console::{Term, style};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, Select};

use super::output::Output;
use super::setup;
use super::{Exit, InputError};
use crate::cli::{INCIDENT_FORMATS, IncidentArgs};
use findable::Catalog;
use findable::incident::{self, IncidentInput, Kind, Responsible};
use findable::render::{self, OutputFormat};

const CSV_NAME: &str = "evidence-log.csv";
const MD_NAME: &str = "evidence-log.md";

pub fn run(args: &IncidentArgs) -> Result<Exit> {
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        INCIDENT_FORMATS,
        OutputFormat::Text,
        "the steps",
    )?;
    let catalog = setup::catalog(args.checks.as_deref())?;
    let platform = match &args.platform {
        Some(wanted) => Some(platform_id(&catalog, wanted)?),
        None => None,
    };
    // Refuse before printing anything: a log already there may hold the person's notes.
    if let Some(existing) = args.log.as_deref().and_then(existing_log) {
        return Err(InputError(format!("--log: {}", will_not_overwrite(&existing))).into());
    }
    let mut input = IncidentInput {
        platform,
        kind: if args.impersonation {
            Kind::Impersonation
        } else {
            Kind::Content
        },
        responsible: args.responsible.map_or(Responsible::Unknown, Into::into),
        threats_or_sexual: args.threats,
        url: args
            .url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(String::from),
        handle: None,
        today: Some(jiff::Zoned::now().date().to_string()),
    };
    let interactive = !args.no_input
        && std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal()
        && !all_answered(args);
    if interactive {
        ask(&catalog, args, &mut input).context("the questions stopped")?;
    }

    let steps = incident::steps(&input, &catalog);
    out.write(&match out.format {
        OutputFormat::Markdown => render::incident::steps_markdown(&steps),
        _ => render::incident::steps_text(&steps),
    })?;

    match &args.log {
        Some(dir) => write_log(dir, &input, &catalog)?,
        None if interactive => offer_log(&input, &catalog)?,
        None => eprintln!(
            "\nNo evidence log written. To start one, run this again with --log DIR, for \
             example --log {}: it writes {CSV_NAME} and {MD_NAME} there, readable by you only.",
            suggested_dir().display()
        ),
    }
    Ok(Exit::Success)
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

/// Whether the flags answer every question: the two yes/no flags count only when given.
fn all_answered(args: &IncidentArgs) -> bool {
    args.platform.is_some()
        && args.impersonation
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

    if args.platform.is_none() {
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

    if !args.impersonation {
        let picked = Select::with_theme(&theme)
            .with_prompt("What is it?")
            .items([
                "Posts, videos or comments about me",
                "An account pretending to be me or the school",
            ])
            .default(0)
            .interact_on_opt(&term)?;
        if picked == Some(1) {
            input.kind = Kind::Impersonation;
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

    if !args.threats {
        let picked = Select::with_theme(&theme)
            .with_prompt(
                "Does it include threats, hate, sexual content or upskirting, \
                 or is it anonymous abuse that keeps coming back?",
            )
            .items(["No", "Yes", "Not sure"])
            .default(0)
            .interact_on_opt(&term)?;
        // "Not sure" keeps the usual order: the police step still says when to go to them.
        input.threats_or_sexual = picked == Some(1);
    }

    if args.url.is_none() {
        let url: String = Input::with_theme(&theme)
            .with_prompt("Its address (URL), if you have it (Enter to skip)")
            .allow_empty(true)
            .interact_text_on(&term)?;
        let url = url.trim();
        input.url = (!url.is_empty()).then(|| url.to_string());
    }
    term.write_line("")?;
    Ok(())
}

/// After the steps: offer to start the evidence log, asking where.
fn offer_log(input: &IncidentInput, catalog: &Catalog) -> Result<()> {
    let term = Term::stderr();
    let theme = ColorfulTheme::default();
    let wanted = Confirm::with_theme(&theme)
        .with_prompt("Start an evidence log to fill in (a spreadsheet and a printable copy)?")
        .default(true)
        .interact_on_opt(&term)?;
    if wanted != Some(true) {
        return Ok(());
    }
    let mut default = suggested_dir().display().to_string();
    loop {
        let answer: String = Input::with_theme(&theme)
            .with_prompt("Folder to save it in (Enter for the one shown, empty to skip)")
            .with_initial_text(default.clone())
            .allow_empty(true)
            .interact_text_on(&term)?;
        let answer = answer.trim();
        if answer.is_empty() {
            return Ok(());
        }
        let dir = expand_home(answer);
        match existing_log(&dir) {
            None => return write_log(&dir, input, catalog),
            Some(existing) => {
                term.write_line(&will_not_overwrite(&existing))?;
                default = String::new();
            }
        }
    }
}

/// Writes both forms of the log, owner-only and atomically, never over an existing log.
fn write_log(dir: &Path, input: &IncidentInput, catalog: &Catalog) -> Result<()> {
    if let Some(existing) = existing_log(dir) {
        anyhow::bail!(will_not_overwrite(&existing));
    }
    let entries = incident::log_entries(input, catalog);
    let csv = render::incident::log_csv(&entries).context("cannot build the evidence log")?;
    let md = render::incident::log_markdown(&entries);
    for (name, text) in [(CSV_NAME, csv), (MD_NAME, md)] {
        let path = dir.join(name);
        // Never over a log: another run may have started one since the check above.
        match findable::private_file::create_new(&path, text.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                anyhow::bail!(will_not_overwrite(&path))
            }
            other => other.with_context(|| format!("cannot write {}", path.display()))?,
        }
    }
    eprintln!(
        "\nEvidence log started: {} (open it in a spreadsheet) and {} (to print). Only you can \
         read them.",
        dir.join(CSV_NAME).display(),
        dir.join(MD_NAME).display()
    );
    Ok(())
}

/// A log file already in `dir`: it may hold the person's own notes, so it is never replaced.
fn existing_log(dir: &Path) -> Option<PathBuf> {
    [CSV_NAME, MD_NAME]
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.exists())
}

fn will_not_overwrite(existing: &Path) -> String {
    format!(
        "{} already exists; findable will not overwrite an evidence log you may have filled \
         in, so choose another folder",
        existing.display()
    )
}

/// Documents/findable-evidence-DATE: somewhere the person will find again, and not a shared
/// folder; the current directory when there is no home folder.
fn suggested_dir() -> PathBuf {
    let name = format!("findable-evidence-{}", jiff::Zoned::now().date());
    directories::UserDirs::new()
        .map(|d| {
            d.document_dir()
                .map_or_else(|| d.home_dir().to_path_buf(), Path::to_path_buf)
        })
        .map_or_else(|| PathBuf::from(&name), |base| base.join(&name))
}

/// `~/x` typed at the prompt (no shell expands it there).
fn expand_home(path: &str) -> PathBuf {
    match path.strip_prefix("~/") {
        Some(rest) => directories::UserDirs::new()
            .map_or_else(|| PathBuf::from(path), |d| d.home_dir().join(rest)),
        None => PathBuf::from(path),
    }
}

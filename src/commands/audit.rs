//! `findable audit`: the whole job, as the terminal's front end of the library's audit
//! session. The first question comes at once while the profile checks and searches run in
//! the background; then "Is this you?"; then one report. Ctrl-C at any point keeps every
//! answer and writes a report of what finished.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::output::Output;
use super::prompt::TerminalPrompter;
use super::session::{self, Aside, Progress};
use super::{Exit, InputError, setup};
use crate::cli::{AuditArgs, REPORT_FORMATS};
use findable::audit::{Audit, AuditRequest};
use findable::checklist::{Answers, Outcome, Person};
use findable::plan::links::SearchLinks;
use findable::render::{self, OutputFormat};
use findable::report::Report;

pub fn run(args: &AuditArgs) -> Result<Exit> {
    let what = if args.offline {
        "the list to check by hand (--offline)"
    } else {
        "the report"
    };
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        REPORT_FORMATS,
        OutputFormat::Text,
        what,
    )?;
    let subject = setup::subject(&args.subject)?;
    let catalog = setup::catalog(args.sources.checks.as_deref())?;
    let interactive = !args.offline && args.answers.is_none() && !args.no_checklist;
    // Before anything else, so a missing terminal is said at once.
    if interactive && !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(InputError(
            "the audit asks about your settings, so it needs a terminal: run it in one, or give --answers FILE or --no-checklist".into(),
        )
        .into());
    }
    let person = Person {
        name: subject.name.clone(),
        school: subject.school.clone(),
    };
    // Opened before any question, so a history file that cannot be used is said at once.
    let mut history = match (args.offline, args.no_save) {
        (true, _) => None,
        (false, true) => setup::existing_store(args.db.db.as_deref())?,
        (false, false) => Some(setup::store(args.db.db.as_deref())?),
    };
    // This person's own saved answers, locked for the run.
    let mut saved = match interactive {
        true => Some(setup::saved_answers(
            args.state.as_deref(),
            Some(&person),
            &catalog,
            args.restart,
        )?),
        false => None,
    };
    let state = saved.as_ref().map(|s| s.path.clone());
    let answers = match (&args.answers, saved.as_mut()) {
        (Some(path), _) => Some(Answers::load(path, &catalog)?),
        (None, Some(saved)) => Some(std::mem::take(&mut saved.answers)),
        (None, None) => None,
    };
    let preselected: Vec<String> = subject
        .usernames
        .iter()
        .filter_map(|h| h.platform.clone())
        .collect();
    let audit = Audit::prepare(AuditRequest {
        subject,
        catalog,
        sites: setup::imported_sites(&args.sources)?,
        plan: setup::plan_options(&args.sources, args.search.max_queries),
        backend: setup::backend(&args.search)?,
        engine: setup::engine(&args.network)?,
        answers,
        date: setup::today(),
    })?
    .read_school_site();
    if args.offline {
        return offline(&out, &audit, args.sources.platforms.as_deref());
    }

    let runtime = session::runtime()?;
    let progress = Progress::new(args.quiet);
    let mut running = audit.start(runtime.handle(), progress.sink());
    let stopper = running.stopper();
    let signalled = stopper.clone();
    session::on_stop_signal(&runtime, move || signalled.stop());
    match &state {
        Some(state) => {
            let status = progress.clone();
            let mut prompter = TerminalPrompter::with_status(Box::new(move || status.status()));
            let mut save = |a: &Answers| a.save(state).map_err(std::io::Error::other);
            let outcome = running
                .walk(&preselected, &mut prompter, &mut save)
                .context("the checklist stopped")?;
            if outcome == Outcome::Finished {
                if !running.network_done() {
                    eprintln!("\nThat's the checklist done. The last checks are still running.");
                }
                progress.show();
                let mut aside = Aside::new(
                    &mut prompter,
                    &progress,
                    "Now a few results that may or may not be you.",
                );
                running
                    .review(&mut aside, &mut save)
                    .context("the review stopped")?;
            } else if !running.stopped() {
                eprintln!(
                    "\nSaved. The report will use your answers so far: run the audit again to carry on.\nFinishing the checks first (Ctrl-C to stop them now)."
                );
                progress.show();
            }
        }
        None => progress.show(),
    }
    let answers = running.answers().cloned();
    let report = running.finish();
    progress.finish();
    // Compared with the last audit (and saved, unless --no-save): a failed save is said
    // after the report is written, so the audit itself is never lost.
    let (report, saved) = match history.as_mut() {
        Some(store) if !args.no_save => {
            match store.save_audit(&person, &report, answers.as_ref()) {
                Ok(saved) => (saved.report, Ok(Some(saved.id))),
                Err(e) => (report, Err(e)),
            }
        }
        Some(store) => (
            store
                .compare_with_last(&person, &report, answers.as_ref())
                .unwrap_or(report),
            Ok(None),
        ),
        None => (report, Ok(None)),
    };
    // A prompt cut short by Ctrl-C can leave the cursor hidden.
    super::prompt::show_cursor();
    let color = out.to_terminal() && console::colors_enabled();
    // A partial report never takes the place of one already there: it goes beside it.
    let out = match &out.path {
        Some(path) if report.partial && path.is_file() => {
            let beside = partial_beside(path);
            eprintln!(
                "Your earlier report {} is kept; this partial one goes beside it.",
                path.display()
            );
            Output {
                path: Some(beside),
                ..out
            }
        }
        _ => out,
    };
    out.write(&render::report::render(&report, out.format, color))?;
    if stopper.stopped() {
        eprintln!("Stopped early: the report covers what finished and every answer you gave.");
    }
    if let Some(path) = &out.path {
        closing(&report, path, out.format);
    }
    let saved = saved
        .context("the report is written, but this audit could not be saved in your history")?;
    if let (Some(id), Some(_)) = (saved, &out.path) {
        eprintln!("Saved in your history as audit {id}: `findable history` lists them.");
    }
    Ok(if stopper.stopped() {
        Exit::Interrupted
    } else {
        Exit::Success
    })
}

/// `report.html` -> `report.partial.html`.
fn partial_beside(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
    let name = match path.extension() {
        Some(ext) => format!("{stem}.partial.{}", ext.to_string_lossy()),
        None => format!("{stem}.partial"),
    };
    path.with_file_name(name)
}

/// A few lines at the end of an audit: what a pupil could find (and, when little could be
/// checked, that first), the first thing to change, and where the report is.
fn closing(report: &Report, path: &Path, format: OutputFormat) {
    let shown = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let say = |text: &str| eprintln!("{}", render::terminal_paragraph(text));
    eprintln!();
    if let Some(banner) = render::report::coverage_banner(report) {
        say(&banner);
    }
    say(&report.headline);
    if let Some(first) = report.actions.first() {
        say(&format!(
            "First thing to change: {} on {}.",
            first.label.trim().trim_end_matches(['.', '?']),
            first.platform
        ));
    }
    let how = match format {
        OutputFormat::Html => "open it in your web browser: double-click it",
        OutputFormat::Json => "it is for other programs",
        _ => "open it in any text editor",
    };
    say(&format!("Your report is {} ({how}).", shown.display()));
}

/// Everything to check by hand: profile pages, search links, and the printable checklist.
fn offline(out: &Output, audit: &Audit, platforms: Option<&[String]>) -> Result<Exit> {
    let plan = audit.plan();
    let searches = SearchLinks::build(&plan.queries, &audit.variants().names);
    let checks = findable::checklist::printable(audit.catalog(), platforms, false);
    let doc = render::offline::HandChecks {
        plan,
        searches: &searches,
        checks: &checks,
    };
    out.write(&match out.format {
        OutputFormat::Json => render::json(plan),
        OutputFormat::Text => render::offline::text(&doc),
        OutputFormat::Markdown => render::offline::markdown(&doc),
        OutputFormat::Html => render::offline::html(&doc),
    })?;
    Ok(Exit::Success)
}

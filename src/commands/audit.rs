//! `findable audit`: the whole job, as the terminal's front end of the library's audit
//! session. The first question comes at once while the profile checks and searches run in
//! the background; then "Is this you?"; then one report. Ctrl-C at any point keeps every
//! answer and writes a report of what finished.

use std::io::IsTerminal;

use anyhow::{Context, Result};

use super::output::Output;
use super::prompt::TerminalPrompter;
use super::session::{self, Aside, Progress};
use super::{Exit, InputError, setup};
use crate::cli::{AuditArgs, REPORT_FORMATS};
use findable::audit::{Audit, AuditRequest};
use findable::checklist::{Answers, Outcome};
use findable::plan::links::SearchLinks;
use findable::render::{self, OutputFormat};

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
    let state = match interactive {
        true => Some(setup::state_path(args.state.as_deref())?),
        false => None,
    };
    // Taken before the first question: it also proves the data folder is usable.
    let _lock = state
        .as_deref()
        .map(findable::private_file::Lock::acquire)
        .transpose()?;
    let answers = match (&args.answers, &state) {
        (Some(path), _) => Some(Answers::load(path, &catalog)?),
        (None, Some(state)) if state.exists() => {
            Some(Answers::load(state, &catalog).with_context(|| {
                format!(
                    "your saved answers in {} (delete it to start again)",
                    state.display()
                )
            })?)
        }
        (None, Some(_)) => Some(Answers::default()),
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
    })?;
    if args.offline {
        return offline(&out, &audit);
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
    let report = running.finish();
    progress.finish();
    // A prompt cut short by Ctrl-C can leave the cursor hidden.
    let _ = console::Term::stderr().show_cursor();
    let color = out.to_terminal() && console::colors_enabled();
    out.write(&render::report::render(&report, out.format, color))?;
    Ok(if stopper.stopped() {
        eprintln!("Stopped early: the report covers what finished and every answer you gave.");
        Exit::Interrupted
    } else {
        Exit::Success
    })
}

/// Everything to check by hand: profile pages, search links, and the printable checklist.
fn offline(out: &Output, audit: &Audit) -> Result<Exit> {
    let plan = audit.plan();
    let searches = SearchLinks::build(&plan.queries, &audit.variants().names);
    let checks: Vec<&findable::catalog::Check> = audit.catalog().checks.iter().collect();
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

//! One function per subcommand, plus the mapping from errors to exit codes.

mod audit;
mod checklist;
mod checks;
pub mod incident;
mod probe;
mod queries;
mod search;
mod variants;

use std::io::{self, Write};

use anyhow::Result;

use crate::cli::Command;
use findable::catalog::CatalogError;
use findable::subject::SubjectError;

/// How `findable` exits; scripts and CI can rely on these numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// Everything worked.
    Success = 0,
    /// The command ran and found problems (e.g. invalid check files).
    Problems = 1,
    /// Bad input: a flag, a subject file or a check directory needs fixing.
    BadInput = 2,
    /// Something outside the user's input failed (e.g. writing output).
    Failure = 3,
    /// Stopped by Ctrl-C; what finished was still printed.
    Interrupted = 130,
}

pub fn run(command: Command) -> Result<Exit> {
    match command {
        Command::Audit(args) => audit::run(&args),
        Command::Schema => {
            print(&(serde_json::to_string_pretty(&findable::report::schema())? + "\n"))?;
            Ok(Exit::Success)
        }
        Command::Variants(args) => variants::run(&args),
        Command::Checks(command) => checks::run(command),
        Command::Probe(args) => probe::run(&args),
        Command::Queries(args) => queries::run(&args),
        Command::Search(args) => search::run(&args),
        Command::Checklist(args) => checklist::run(&args),
        Command::Incident(args) => incident::run(&args),
    }
}

/// Input errors exit 2; anything else is a failure of findable or the system.
pub fn classify(error: &anyhow::Error) -> Exit {
    let input = error.chain().any(|cause| {
        cause.is::<SubjectError>()
            || cause.is::<CatalogError>()
            || cause.is::<InputError>()
            || cause.is::<findable::plan::PlanError>()
            || cause.is::<findable::catalog::import::ImportError>()
            || cause.is::<findable::checklist::AnswersError>()
    });
    if input { Exit::BadInput } else { Exit::Failure }
}

/// A problem with what the user gave us that has no richer type.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

/// Writes `text` to stdout; a closed pipe (`findable ... | head`) is not an error.
pub fn print(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// The subject from `--subject FILE` and/or the flags, validated.
pub fn load_subject(args: &crate::cli::SubjectArgs) -> Result<findable::Subject> {
    use findable::subject::SubjectInput;
    let from_file = match &args.subject {
        Some(path) => SubjectInput::from_file(path)?,
        None => SubjectInput::default(),
    };
    let year = u16::try_from(jiff::Zoned::now().year()).unwrap_or(u16::MAX);
    Ok(from_file.merge(args.to_input()).validate(year)?)
}

/// The async runtime for commands that touch the network.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    use anyhow::Context;
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// A progress bar on stderr, or a hidden one when stderr is not a terminal or `quiet`.
pub fn progress_bar(total: u64, quiet: bool, what: &str) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use std::io::IsTerminal;
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let template =
        format!("{{spinner}} {what} {{bar:30}} {{pos}}/{{len}} · {{msg}} · {{eta}} left");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar.set_message("0 found");
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Resolves when the person presses Ctrl-C.
pub async fn ctrl_c() {
    if tokio::signal::ctrl_c().await.is_err() {
        // No signal handling available: never cancel.
        std::future::pending::<()>().await;
    }
}

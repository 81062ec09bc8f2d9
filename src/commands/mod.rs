//! One function per subcommand and the mapping from errors to exit codes. What several
//! commands share lives in `setup` (flags become library inputs), `session` (runtime,
//! Ctrl-C, progress) and `output` (formats, printing, files). No command uses another;
//! documents come from `findable::render`.

mod audit;
mod checklist;
mod checks;
mod incident;
mod onboard;
mod output;
mod probe;
mod prompt;
mod queries;
mod school;
mod search;
mod session;
mod setup;
mod sites;
mod variants;

use anyhow::Result;

use crate::cli::Command;
use findable::catalog::CatalogError;
use findable::subject::SubjectError;
use output::print;

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
    /// Part of the job was done and part could not be: rows of a roster were skipped (each
    /// said, with its line) while the good ones got their packs.
    PartlyDone = 4,
    /// Stopped by Ctrl-C; what finished was still printed.
    Interrupted = 130,
}

pub fn run(command: Command) -> Result<Exit> {
    match command {
        Command::Audit(args) => audit::run(&args),
        Command::Schema => {
            print(&findable::render::json(&findable::report::schema()))?;
            Ok(Exit::Success)
        }
        Command::Variants(args) => variants::run(&args),
        Command::Checks(command) => checks::run(command),
        Command::Sites(command) => sites::run(command),
        Command::Probe(args) => probe::run(&args),
        Command::Queries(args) => queries::run(&args),
        Command::Search(args) => search::run(&args),
        Command::Checklist(args) => checklist::run(&args),
        Command::Incident(args) => incident::run(&args),
        Command::Onboard(args) => onboard::run(&args),
        Command::School(args) => school::run(&args),
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
            || cause.is::<findable::render::FormatError>()
            || cause.is::<findable::school::SchoolError>()
            || cause.is::<findable::onboard::RosterError>()
    });
    if input { Exit::BadInput } else { Exit::Failure }
}

/// A problem with what the user gave us that has no richer type.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

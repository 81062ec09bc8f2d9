//! One function per subcommand and the mapping from errors to exit codes. What several
//! commands share lives in `setup` (flags become library inputs), `session` (runtime,
//! Ctrl-C, progress) and `output` (formats, printing, files). No command uses another;
//! documents come from `findable::render`.

mod audit;
mod checklist;
mod checks;
mod diff;
mod due;
mod forget;
mod history;
mod incident;
mod onboard;
mod output;
mod probe;
mod prompt;
mod queries;
mod remind;
mod school;
mod search;
mod serve;
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
    /// The command ran and found problems (e.g. invalid check files, or someone is due for
    /// a new audit).
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
        Command::Serve(args) => serve::run(&args),
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
        Command::History(args) => history::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Due(args) => due::run(&args),
        Command::Remind(args) => remind::run(&args),
        Command::Forget(args) => forget::run(&args),
        Command::Onboard(args) => onboard::run(&args),
        Command::School(args) => school::run(&args),
    }
}

/// `findable` on its own: where to start, for someone who has never used it. Exits as a
/// usage error would, so a script that forgot its command notices.
pub fn start_here() -> Exit {
    eprintln!(
        "findable shows what a pupil could find about you online, and helps you close it.

To start, run:

    findable serve

It opens the whole check as a page in your web browser, on this computer only.

In the terminal instead:  findable audit --name \"Jane Smith\" --school \"Oakwood Academy\"
Every command:            findable --help"
    );
    Exit::BadInput
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
            || cause
                .downcast_ref::<findable::store::StoreError>()
                .is_some_and(findable::store::StoreError::is_bad_input)
            || cause.is::<findable::school::SchoolError>()
            || cause.is::<findable::onboard::RosterError>()
    });
    if input { Exit::BadInput } else { Exit::Failure }
}

/// A problem with what the user gave us that has no richer type.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

//! The flags of the re-audit commands: `history`, `diff`, `due`, `remind` and `forget`,
//! and the `--db` they share with `audit`.

use std::path::PathBuf;

use clap::Args;

use super::{LIST_FORMATS, REPORT_FORMATS, formats};
use findable::due::Every;
use findable::render::OutputFormat;

/// Where the history is kept.
#[derive(Debug, Args)]
pub struct DbArg {
    /// The history file [default: history.db in your user data folder]
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

/// Whose audits: a name (every school), or a name and school.
#[derive(Debug, Args)]
pub struct WhoArgs {
    /// Only the audits of this person (as given to `findable audit --name`)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// With --name: only the person of that name at this school
    #[arg(long, value_name = "SCHOOL", requires = "name")]
    pub school: Option<String>,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub who: WhoArgs,
    /// Output format [default: from the -o extension, else text]
    #[arg(long, value_name = "FORMAT", value_parser = formats(LIST_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write to FILE (.txt or .json) instead of the terminal, readable by you only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// An audit's number (from `findable history`); alone, it is compared with the one
    /// before it [default: the last audit]
    #[arg(value_name = "A")]
    pub a: Option<i64>,
    /// Another audit of the same person, to compare with A
    #[arg(value_name = "B")]
    pub b: Option<i64>,
    #[command(flatten)]
    pub who: WhoArgs,
    /// Output format [default: from the -o extension, else text]
    #[arg(long, value_name = "FORMAT", value_parser = formats(REPORT_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write to FILE (.txt, .md, .html or .json) instead of the terminal, readable by you
    /// only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// How often to audit: days or weeks, e.g. 120d (about a term) or 16w
    #[arg(long, value_name = "INTERVAL", default_value = "120d")]
    pub every: Every,
    #[command(flatten)]
    pub who: WhoArgs,
    /// Output format [default: from the -o extension, else text]
    #[arg(long, value_name = "FORMAT", value_parser = formats(LIST_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write to FILE (.txt or .json) instead of the terminal, readable by you only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    /// Write the calendar to FILE (.ics), to open in or import into your calendar
    #[arg(long, value_name = "FILE")]
    pub ics: PathBuf,
    /// How often to audit: days or weeks, e.g. 120d (about a term) or 16w
    #[arg(long, value_name = "INTERVAL", default_value = "120d")]
    pub every: Every,
    /// How many reminders for each person, one per interval
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=30))]
    pub count: u32,
    #[command(flatten)]
    pub who: WhoArgs,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// Whose audits and saved answers to erase (every school, unless --school)
    #[arg(
        value_name = "NAME",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub name: Option<String>,
    /// Only the person of that name at this school
    #[arg(long, value_name = "SCHOOL", requires = "name")]
    pub school: Option<String>,
    /// Erase everyone's audits and saved answers
    #[arg(long)]
    pub all: bool,
    /// Do not ask first (needed when not run in a terminal)
    #[arg(long, short)]
    pub yes: bool,
    #[command(flatten)]
    pub db: DbArg,
}

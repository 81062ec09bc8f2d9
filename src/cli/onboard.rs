//! `findable onboard`: a roster and a school file in, a folder of private packs out.

use std::path::PathBuf;

use clap::Args;

use super::{NetworkArgs, SearchOptions, SourceArgs};

#[derive(Debug, Args)]
pub struct OnboardArgs {
    /// The roster: a CSV file (from any spreadsheet) with one row per new starter and the
    /// columns name, start date and consent (yes or no), and optionally title, other names,
    /// nicknames and usernames
    #[arg(value_name = "ROSTER")]
    pub roster: PathBuf,
    /// The school file (keys: name, website, town, dsl_name, dsl_contact, policy_url,
    /// official_accounts)
    #[arg(long, value_name = "FILE")]
    pub school_file: PathBuf,
    /// The folder to write the packs in (made if missing, readable by you only)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write packs, the cheat sheet and the letter again where they are already there
    #[arg(long)]
    pub force: bool,
    /// Also check online what is public about each starter whose consent is yes, one after
    /// another; nobody else is looked up
    #[arg(long)]
    pub scan: bool,
    /// No progress lines
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub sources: SourceArgs,
    #[command(flatten)]
    pub search: SearchOptions,
    #[command(flatten)]
    pub network: NetworkArgs,
}

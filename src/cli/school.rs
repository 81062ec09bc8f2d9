//! `findable school`: the school's own exposure, its website and accounts pretending to
//! be it or its staff.

use std::path::PathBuf;

use clap::Args;

use super::{NetworkArgs, REPORT_FORMATS, formats};
use findable::render::OutputFormat;

#[derive(Debug, Args)]
pub struct SchoolArgs {
    /// The school file (keys: name, website, town, dsl_name, dsl_contact, policy_url,
    /// official_accounts)
    #[arg(long, value_name = "FILE")]
    pub school_file: Option<PathBuf>,
    /// The school's name (wins over the school file)
    #[arg(long, value_name = "NAME")]
    pub school: Option<String>,
    /// The school's website, e.g. https://www.oakwood.sch.uk (wins over the school file)
    #[arg(long, value_name = "URL")]
    pub website: Option<String>,
    /// A member of staff to look for: their name as used at work, e.g. "Jane Smith"
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// How pupils address them: Mr, Mrs, Ms, Miss, Mx, Dr...
    #[arg(long, value_name = "TITLE", requires = "name")]
    pub title: Option<String>,
    /// Look for everyone on this roster whose consent is yes (the CSV `findable onboard`
    /// reads); nobody else is looked for
    #[arg(long, value_name = "FILE", conflicts_with = "name")]
    pub roster: Option<PathBuf>,
    /// One of the school's real accounts, as PLATFORM:HANDLE (repeatable): never reported
    #[arg(long = "official", value_name = "HANDLE")]
    pub official: Vec<String>,
    /// Pages of the website read at most
    #[arg(long, value_name = "N", default_value_t = 60)]
    pub max_pages: usize,
    /// Links followed from the home page at most
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub max_depth: usize,
    /// Handles tried on each platform at most, the likeliest first
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub max_handles: usize,
    /// Do not touch the network: list the handles and searches to check by hand
    #[arg(long)]
    pub offline: bool,
    /// Use the check files in DIR instead of the built-in ones
    #[arg(long, value_name = "DIR")]
    pub checks: Option<PathBuf>,
    /// Report format [default: from the -o extension, else text]
    #[arg(long, value_name = "FORMAT", value_parser = formats(REPORT_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write the report to FILE (.txt, .md, .html or .json), readable by you only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// No progress line
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub network: NetworkArgs,
}

//! `findable incident`'s flags: what happened, where, who is behind it, and where the steps
//! and the evidence log go.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{INCIDENT_FORMATS, formats};
use findable::incident::Responsible;
use findable::render::OutputFormat;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  findable incident
  findable incident --platform tiktok --responsible pupil --url https://www.tiktok.com/@x/video/1
  findable incident --platform instagram --impersonation --log ~/Documents/incident

In a terminal it asks about anything the flags leave out; elsewhere it never asks.")]
pub struct IncidentArgs {
    /// The platform it is on, as a check id (see `findable checks list`), e.g. tiktok
    #[arg(long, value_name = "ID")]
    pub platform: Option<String>,
    /// It is a fake account pretending to be you or the school
    #[arg(long)]
    pub impersonation: bool,
    /// Who is behind it, if you know
    #[arg(long, value_enum, value_name = "WHO")]
    pub responsible: Option<ResponsibleArg>,
    /// The address of the post, video or account
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// It includes threats, hate, sexual content or upskirting, or is persistent anonymous abuse
    #[arg(long)]
    pub threats: bool,
    /// Write evidence-log.csv and evidence-log.md to DIR, readable by you only
    #[arg(long, value_name = "DIR")]
    pub log: Option<PathBuf>,
    /// Output format for the steps [default: from the -o extension, else text]
    #[arg(long, value_name = "FORMAT", value_parser = formats(INCIDENT_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write the steps to FILE (.txt or .md) instead of the terminal, readable by you only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use the check files in DIR instead of the built-in ones
    #[arg(long, value_name = "DIR")]
    pub checks: Option<PathBuf>,
    /// Ask nothing, even in a terminal: use the flags as given
    #[arg(long)]
    pub no_input: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResponsibleArg {
    /// A pupil (the school's behaviour policy)
    Pupil,
    /// A parent or carer (the parental code of conduct)
    Parent,
    /// A member of staff (the staff code of conduct)
    Colleague,
    /// Not known (the school decides who leads)
    Unknown,
}

impl From<ResponsibleArg> for Responsible {
    fn from(arg: ResponsibleArg) -> Self {
        match arg {
            ResponsibleArg::Pupil => Responsible::Pupil,
            ResponsibleArg::Parent => Responsible::Parent,
            ResponsibleArg::Colleague => Responsible::Colleague,
            ResponsibleArg::Unknown => Responsible::Unknown,
        }
    }
}

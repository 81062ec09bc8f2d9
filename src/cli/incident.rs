//! `findable incident`'s flags: what happened, where, who is behind it, who is reading,
//! how the steps are shown, and where the steps and the evidence log go.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{INCIDENT_FORMATS, formats};
use findable::incident::{Kind, Responsible};
use findable::render::OutputFormat;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  findable incident
  findable incident --platform tiktok --responsible pupil --url https://www.tiktok.com/@x/video/1
  findable incident --kind contact --responsible parent --for-colleague
  findable incident --platform instagram --impersonation --log ~/Documents/incident

In a terminal it asks about anything the flags leave out, then shows a short summary and \
the steps one at a time (Enter for the next, q to stop); elsewhere, or with --all, it \
prints them all at once and never asks.")]
pub struct IncidentArgs {
    /// What happened [default: content]
    #[arg(
        long,
        value_enum,
        value_name = "KIND",
        conflicts_with = "impersonation"
    )]
    pub kind: Option<KindArg>,
    /// It is a fake or parody account pretending to be you or the school (--kind impersonation)
    #[arg(long)]
    pub impersonation: bool,
    /// The platform it is on, as a check id (see `findable checks list`), e.g. tiktok
    #[arg(long, value_name = "ID")]
    pub platform: Option<String>,
    /// Who is behind it, if you know
    #[arg(long, value_enum, value_name = "WHO")]
    pub responsible: Option<ResponsibleArg>,
    /// The address of the post, video or account; the username is read from it where the
    /// platform's address shows it
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// The account's username, when the address does not show it
    #[arg(long, value_name = "HANDLE")]
    pub username: Option<String>,
    /// It includes threats, hate, sexual content or upskirting, or is persistent anonymous abuse
    #[arg(long)]
    pub threats: bool,
    /// You are the safeguarding lead (or a manager) acting for a colleague: the steps say who
    /// does what
    #[arg(long)]
    pub for_colleague: bool,
    /// Show every step at once, even in a terminal
    #[arg(long)]
    pub all: bool,
    /// Start an evidence log in DIR (evidence-log.csv and a printable evidence-log.html,
    /// readable by you only), or add this incident to the log already there
    #[arg(long, value_name = "DIR")]
    pub log: Option<PathBuf>,
    /// Output format [default: from the -o extension, else text]: the steps as text or
    /// Markdown, or the printable evidence log as HTML
    #[arg(long, value_name = "FORMAT", value_parser = formats(INCIDENT_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write the steps (.txt, .md) or the printable evidence log (.html) to FILE, readable
    /// by you only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use the check files in DIR instead of the built-in ones
    #[arg(long, value_name = "DIR")]
    pub checks: Option<PathBuf>,
    /// Ask nothing and wait for nothing, even in a terminal: use the flags as given
    #[arg(long)]
    pub no_input: bool,
}

impl IncidentArgs {
    /// The kind the flags give, if they give one.
    pub fn given_kind(&self) -> Option<Kind> {
        match (self.kind, self.impersonation) {
            (Some(kind), _) => Some(kind.into()),
            (None, true) => Some(Kind::Impersonation),
            (None, false) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Abusive or mocking posts, videos or comments
    Content,
    /// A fake or parody account pretending to be you or the school
    Impersonation,
    /// A pupil or parent contacting you or sending a friend request
    Contact,
    /// Abusive phone calls, texts or voicemails
    Calls,
    /// Online sexual harassment: sexual comments, images or messages
    SexualHarassment,
}

impl From<KindArg> for Kind {
    fn from(arg: KindArg) -> Self {
        match arg {
            KindArg::Content => Kind::Content,
            KindArg::Impersonation => Kind::Impersonation,
            KindArg::Contact => Kind::Contact,
            KindArg::Calls => Kind::Calls,
            KindArg::SexualHarassment => Kind::SexualHarassment,
        }
    }
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

//! The command line: every subcommand, flag and help text, as clap definitions only.
//! Running the commands lives in `commands/`.

mod history;
mod incident;
mod onboard;
mod school;
mod subject;

pub use history::{DbArg, DiffArgs, DueArgs, ForgetArgs, HistoryArgs, RemindArgs};
pub use incident::IncidentArgs;
pub use onboard::OnboardArgs;
pub use school::SchoolArgs;
pub use subject::SubjectArgs;

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use findable::render::OutputFormat::{self, Html, Json, Markdown, Text};

/// What each command can write; `--help` lists them and `-o`'s extension must be one.
pub const REPORT_FORMATS: &[OutputFormat] = &[Text, Markdown, Html, Json];
pub const LIST_FORMATS: &[OutputFormat] = &[Text, Json];
pub const CHECKLIST_FORMATS: &[OutputFormat] = &[Text, Json, Markdown, Html];
pub const INCIDENT_FORMATS: &[OutputFormat] = &[Text, Markdown, Html];

/// `--format` taking only `allowed`, each listed with its help in `--help`.
pub(crate) fn formats(
    allowed: &'static [OutputFormat],
) -> impl TypedValueParser<Value = OutputFormat> {
    let values = allowed.iter().map(|f| {
        PossibleValue::new(f.name())
            .help(f.help())
            .aliases(f.aliases().iter().copied())
    });
    PossibleValuesParser::new(values).try_map(|name| name.parse::<OutputFormat>())
}

const AFTER_HELP: &str = "\
Examples:
  findable serve
  findable audit --name \"Jane Smith\" --title Ms --school \"Oakwood Academy\" -o report.html
  findable variants --name \"Jane Smith\" --title Ms --school \"Oakwood Academy\"
  findable variants --subject me.toml --format json
  findable probe --name \"Jane Smith\" --title Ms
  findable probe --username janesmith84 --offline
  findable checks list
  findable onboard roster.csv --school-file school.toml --out packs
  findable school --school-file school.toml -o school.html

findable only looks at what anyone on the internet could see. It never logs in.";

#[derive(Debug, Parser)]
#[command(
    name = "findable",
    version,
    about = "See what a pupil could find about you online, and close it.",
    long_about = "findable shows a member of school staff what a pupil could find about them \
                  online: every form of their name and username a pupil would try, the \
                  platforms they would look on, and the privacy settings to tighten.",
    after_help = AFTER_HELP,
    propagate_version = true
)]
pub struct Cli {
    /// `None` when findable is run with no arguments: it then says where to start.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start here: the whole audit as a page in your web browser, on this computer only
    Serve(Box<ServeArgs>),
    /// The whole check: profiles, searches and your settings, as one report
    Audit(Box<AuditArgs>),
    /// List every name and username a pupil might search for or try
    Variants(VariantsArgs),
    /// Check which of those usernames have a public profile on each platform
    Probe(Box<ProbeArgs>),
    /// List the web searches a pupil would run for you, as links to open by hand
    Queries(QueriesArgs),
    /// Run those searches and sort what comes back: you, maybe you, or someone else
    Search(Box<SearchArgs>),
    /// Go through your privacy settings, platform by platform, most urgent first
    Checklist(ChecklistArgs),
    /// Found something abusive or a fake account? The steps to take, and an evidence log
    Incident(IncidentArgs),
    /// Your saved audits, with date, score and counts
    History(HistoryArgs),
    /// Two saved audits side by side: what is new, gone and still open [default: the last two]
    Diff(DiffArgs),
    /// Who is due for a new audit (exit 1 when someone is, for cron or Task Scheduler)
    Due(DueArgs),
    /// A calendar file with a reminder each term to audit again
    Remind(RemindArgs),
    /// Erase a person's saved audits and answers from this computer
    Forget(ForgetArgs),
    /// New staff: a private pack for each starter on a roster, a cheat sheet, a letter to
    /// parents and an index for the safeguarding lead
    Onboard(Box<OnboardArgs>),
    /// The school's own exposure: staff names and photos on its website, and accounts
    /// that may be pretending to be the school or its staff
    School(Box<SchoolArgs>),
    /// List, validate or audit the per-platform check files
    #[command(subcommand)]
    Checks(ChecksCommand),
    /// Self-test a site list (or findable's own checks): which rules still hold
    #[command(subcommand)]
    Sites(SitesCommand),
    /// Print the JSON Schema of the audit report (`audit --format json`)
    Schema,
}

#[derive(Debug, Args)]
pub struct VariantsArgs {
    /// Output format [default: from the -o extension, else text]
    #[arg(long, value_name = "FORMAT", value_parser = formats(LIST_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write to FILE (.txt or .json) instead of the terminal, readable by you only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Show at most N names and N usernames (the most likely first)
    #[arg(long, value_name = "N", default_value_t = 60)]
    pub max: usize,
    // Flattened last: its help heading would otherwise swallow the flags after it.
    #[command(flatten)]
    pub subject: SubjectArgs,
}

#[derive(Debug, Subcommand)]
pub enum ChecksCommand {
    /// List the checks findable runs, one per platform
    List {
        /// Use the check files in DIR instead of the built-in ones
        #[arg(long, value_name = "DIR")]
        checks: Option<PathBuf>,
        /// Output format [default: from the -o extension, else text]
        #[arg(long, value_name = "FORMAT", value_parser = formats(LIST_FORMATS))]
        format: Option<OutputFormat>,
        /// Write to FILE (.txt or .json) instead of the terminal, readable by you only
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check every *.toml file in DIR and list every problem (exit 1 if any)
    Validate {
        /// The directory of check files
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// How current the check files are: settings not reviewed for 12 months (exit 1 if
    /// any is older than 18), settings no official page confirmed, shared help links,
    /// platforms with few essentials
    Audit {
        /// A directory of check files [default: the built-in ones]
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Measure as on this day (YYYY-MM-DD) instead of today
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// Output format [default: from the -o extension, else text]
        #[arg(long, value_name = "FORMAT", value_parser = formats(LIST_FORMATS))]
        format: Option<OutputFormat>,
        /// Write to FILE (.txt or .json) instead of the terminal, readable by you only
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SitesCommand {
    /// Try each site's known accounts and a made-up name, and say which sites still work
    Check(Box<SitesCheckArgs>),
}

#[derive(Debug, Args)]
pub struct SitesCheckArgs {
    /// A WhatsMyName, Sherlock or Maigret list [default: findable's own checks]
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Only these sites (check ids or site names), comma-separated
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub platforms: Option<Vec<String>>,
    /// Also test the list's adult sites (left out by default)
    #[arg(long)]
    pub include_adult: bool,
    /// Output format [default: from the -o extension, else text]
    #[arg(long, value_name = "FORMAT", value_parser = formats(LIST_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write to FILE (.txt or .json) instead of the terminal, readable by you only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// No progress bar
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub network: NetworkArgs,
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// Output format [default: from the -o extension, else text]
    #[arg(long, value_name = "FORMAT", value_parser = formats(LIST_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write to FILE (.txt or .json) instead of the terminal, readable by you only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the plan (every profile URL to open by hand) without touching the network
    #[arg(long)]
    pub offline: bool,
    /// No progress bar
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub sources: SourceArgs,
    #[command(flatten)]
    pub network: NetworkArgs,
    // Flattened last: its help heading would otherwise swallow the flags after it.
    #[command(flatten)]
    pub subject: SubjectArgs,
}

/// Where the platforms to probe come from, and how many usernames to try on each.
#[derive(Debug, Args)]
#[command(next_help_heading = "What to check")]
pub struct SourceArgs {
    /// Use the check files in DIR instead of the built-in ones
    #[arg(long, value_name = "DIR", conflicts_with = "sites")]
    pub checks: Option<PathBuf>,
    /// Probe the sites in a WhatsMyName (wmn-data.json), Sherlock or Maigret (data.json)
    /// list instead
    #[arg(long, value_name = "FILE")]
    pub sites: Option<PathBuf>,
    /// Also probe the adult sites of a --sites list (left out by default)
    #[arg(long, requires = "sites")]
    pub include_adult: bool,
    /// Only these platforms (check ids or site names), comma-separated
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub platforms: Option<Vec<String>>,
    /// Usernames tried on each platform, most likely first
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub max_usernames: usize,
}

/// How findable behaves on the network.
#[derive(Debug, Args)]
#[command(next_help_heading = "Network")]
pub struct NetworkArgs {
    /// Give up on a request after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub timeout: f64,
    /// Requests in flight at once across all sites (each site still gets at most 2)
    #[arg(long, value_name = "N", default_value_t = 128)]
    pub concurrency: usize,
}

#[derive(Debug, Args)]
pub struct QueriesArgs {
    /// Output format [default: from the -o extension, else text]
    #[arg(long, value_name = "FORMAT", value_parser = formats(LIST_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write to FILE (.txt or .json) instead of the terminal, readable by you only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use the check files in DIR instead of the built-in ones
    #[arg(long, value_name = "DIR")]
    pub checks: Option<PathBuf>,
    /// At most N queries, the most telling first
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub max_queries: usize,
    #[command(flatten)]
    pub subject: SubjectArgs,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Output format [default: from the -o extension, else text]
    #[arg(long, value_name = "FORMAT", value_parser = formats(LIST_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write to FILE (.txt or .json) instead of the terminal, readable by you only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// No progress bar
    #[arg(long, short)]
    pub quiet: bool,
    /// Use the check files in DIR instead of the built-in ones
    #[arg(long, value_name = "DIR")]
    pub checks: Option<PathBuf>,
    #[command(flatten)]
    pub search: SearchOptions,
    #[command(flatten)]
    pub network: NetworkArgs,
    #[command(flatten)]
    pub subject: SubjectArgs,
}

/// Which search backend to use and where it is.
#[derive(Debug, Args)]
#[command(next_help_heading = "Search")]
pub struct SearchOptions {
    /// Where to search [default: searxng when --searxng is given, else duckduckgo]
    #[arg(long, value_enum)]
    pub backend: Option<BackendChoice>,
    /// Base URL of a SearXNG instance with JSON output enabled, e.g. http://localhost:8888
    #[arg(long, value_name = "URL")]
    pub searxng: Option<url::Url>,
    /// DuckDuckGo's HTML endpoint (change it for a proxy or a test server)
    #[arg(
        long,
        value_name = "URL",
        default_value = "https://html.duckduckgo.com/html/"
    )]
    pub duckduckgo_url: url::Url,
    /// Brave Search API base URL; the key comes from the BRAVE_API_KEY environment variable
    #[arg(
        long,
        value_name = "URL",
        default_value = "https://api.search.brave.com"
    )]
    pub brave_url: url::Url,
    /// At most N queries, the most telling first
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub max_queries: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BackendChoice {
    /// A SearXNG instance (give --searxng URL)
    Searxng,
    /// DuckDuckGo's HTML page (no key; blocks quickly, so at most one query every 2 s)
    Duckduckgo,
    /// The Brave Search API (needs BRAVE_API_KEY)
    Brave,
    /// Do not search; just list the queries
    None,
}

#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// Your name as used at work: your answers are saved as yours, apart from anyone
    /// else's on this computer (needed unless --state, --answers or --print is given)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The school you work at (with --name, tells two people of the same name apart)
    #[arg(long, value_name = "SCHOOL")]
    pub school: Option<String>,
    /// Take the answers from this TOML or JSON file instead of asking
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Where your answers are saved between runs [default: a file of your own in your
    /// user data folder]
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Start again: your saved answers are replaced as you answer
    #[arg(long)]
    pub restart: bool,
    /// Change one answer, e.g. --change tiktok/private-account, then show the summary
    #[arg(long, value_name = "CHECK/SETTING", conflicts_with_all = ["answers", "print", "restart"])]
    pub change: Option<String>,
    /// Write the checklist to read or print, without asking anything: the essentials of
    /// the --platforms you give (all platforms without it) and the general checks
    #[arg(long)]
    pub print: bool,
    /// With --print: every setting, not only the essentials
    #[arg(long, requires = "print")]
    pub all: bool,
    /// Output format: text or json for the summary, md or html for --print [default: from
    /// the -o extension, else text, or md for --print]
    #[arg(long, value_name = "FORMAT", value_parser = formats(CHECKLIST_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write to FILE instead of the terminal, readable by you only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only these platforms (check ids), comma-separated
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub platforms: Option<Vec<String>>,
    /// A handle you use as PLATFORM:HANDLE; ticks that platform in advance (repeatable)
    #[arg(long = "username", value_name = "HANDLE")]
    pub usernames: Vec<String>,
    /// Use the check files in DIR instead of the built-in ones
    #[arg(long, value_name = "DIR")]
    pub checks: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Print the address without opening it in your web browser
    #[arg(long)]
    pub no_open: bool,
    /// Stop after this many seconds with nothing asked of the page (for tests)
    #[arg(long, value_name = "SECONDS", default_value_t = crate::web::IDLE_AFTER.as_secs(), hide = true)]
    pub idle_after: u64,
    /// Do not save the audit in your history (it is still compared with the last one)
    #[arg(long)]
    pub no_save: bool,
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub sources: SourceArgs,
    #[command(flatten)]
    pub search: SearchOptions,
    #[command(flatten)]
    pub network: NetworkArgs,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Report format [default: from the -o extension, else text]
    #[arg(long, value_name = "FORMAT", value_parser = formats(REPORT_FORMATS))]
    pub format: Option<OutputFormat>,
    /// Write the report to FILE (.txt, .md, .html or .json) instead of the terminal,
    /// readable by you only
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Do not touch the network: list every profile page and search to check by hand, and
    /// the printable checklist
    #[arg(long)]
    pub offline: bool,
    /// Take your checklist answers from this TOML or JSON file instead of asking
    #[arg(long, value_name = "FILE", conflicts_with = "no_checklist")]
    pub answers: Option<PathBuf>,
    /// Leave out the settings checklist
    #[arg(long)]
    pub no_checklist: bool,
    /// Where checklist answers are saved between runs [default: a file of your own in your
    /// user data folder, kept apart from anyone else's on this computer]
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Start the checklist again: your saved answers are replaced as you answer
    #[arg(long)]
    pub restart: bool,
    /// Do not save this audit in your history (it is still compared with the last one)
    #[arg(long)]
    pub no_save: bool,
    #[command(flatten)]
    pub db: DbArg,
    /// No progress bars
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub sources: SourceArgs,
    #[command(flatten)]
    pub search: SearchOptions,
    #[command(flatten)]
    pub network: NetworkArgs,
    #[command(flatten)]
    pub subject: SubjectArgs,
}

//! One function per subcommand, the mapping from errors to exit codes, and what several
//! commands share: loading the subject and the checks, and running probes and searches
//! with a progress bar. No command uses another; documents come from `findable::render`.

mod audit;
mod checklist;
mod checks;
mod incident;
mod output;
mod probe;
mod queries;
mod search;
mod variants;

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::cli::{BackendChoice, Command, NetworkArgs, SearchOptions, SourceArgs, SubjectArgs};
use findable::Catalog;
use findable::catalog::import::load_site_list;
use findable::catalog::{CatalogError, Site};
use findable::engine::search::Backend;
use findable::engine::{Engine, EngineConfig};
use findable::evidence::{Evidence, ProbeStatus, QueryResult};
use findable::plan::queries::PlannedQuery;
use findable::plan::{Plan, PlanOptions};
use findable::subject::{Handle, SubjectError};
use findable::variants::{Variant, Variants};
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
            || cause.is::<findable::render::FormatError>()
    });
    if input { Exit::BadInput } else { Exit::Failure }
}

/// A problem with what the user gave us that has no richer type.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

/// The subject from `--subject FILE` and/or the flags, validated.
pub fn load_subject(args: &SubjectArgs) -> Result<findable::Subject> {
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
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Resolves when the person presses Ctrl-C.
pub async fn ctrl_c() {
    if tokio::signal::ctrl_c().await.is_err() {
        // No signal handling available: never cancel.
        std::future::pending::<()>().await;
    }
}

/// The built-in catalog, or the one in `dir` when given.
pub fn load_catalog(dir: Option<&Path>) -> Result<Catalog> {
    match dir {
        Some(dir) => Catalog::load_dir(dir).context("--checks"),
        None => Catalog::builtin().context("the built-in check files are invalid (a findable bug)"),
    }
}

/// Sites from `--sites`, `--checks` or the built-in catalog, then the plan over them.
pub fn build_plan(subject: &SubjectArgs, sources: &SourceArgs) -> Result<Plan> {
    let sites = match &sources.sites {
        Some(path) => {
            let imported = load_site_list(path).context("--sites")?;
            for warning in &imported.warnings {
                eprintln!("warning: {warning}");
            }
            imported.sites
        }
        None => load_catalog(sources.checks.as_deref())?
            .checks
            .iter()
            .filter_map(Site::from_check)
            .collect(),
    };
    let (usernames, handles) = usernames(subject)?;
    let options = PlanOptions {
        max_usernames: sources.max_usernames,
        platforms: sources.platforms.clone(),
        ..PlanOptions::default()
    };
    Ok(Plan::build(sites, &usernames, &handles, &options)?)
}

/// The usernames to try: every variant of the person's name, or with no name given,
/// just the handles from `--username`.
fn usernames(args: &SubjectArgs) -> Result<(Vec<Variant>, Vec<Handle>)> {
    if args.name.is_some() || args.subject.is_some() {
        let subject = load_subject(args)?;
        let variants = Variants::generate(&subject);
        return Ok((variants.usernames, subject.usernames));
    }
    let handles = args
        .usernames
        .iter()
        .map(|u| Handle::parse(u))
        .collect::<Result<Vec<_>, _>>()?;
    if handles.is_empty() {
        return Err(InputError(
            "nothing to probe: give --name \"Jane Smith\" or at least one --username".into(),
        )
        .into());
    }
    let variants = handles
        .iter()
        .map(|h| Variant {
            text: h.handle.clone(),
            source: "username you gave".into(),
            weight: 1.0,
        })
        .collect();
    Ok((variants, handles))
}

/// The engine settings from the network flags, checked.
pub fn engine_config(args: &NetworkArgs) -> Result<EngineConfig> {
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 600.0) {
        return Err(InputError(format!(
            "--timeout {} must be between 0 and 600 seconds",
            args.timeout
        ))
        .into());
    }
    if args.concurrency == 0 {
        return Err(InputError("--concurrency must be at least 1".into()).into());
    }
    Ok(EngineConfig {
        timeout: Duration::from_secs_f64(args.timeout),
        concurrency: args.concurrency,
        ..EngineConfig::default()
    })
}

/// The plan's probes with a progress bar; the flag says whether Ctrl-C cut them short.
pub fn run_probes(
    engine: &Engine,
    runtime: &tokio::runtime::Runtime,
    plan: &Plan,
    quiet: bool,
) -> (Evidence, bool) {
    let bar = progress_bar(plan.probes.len() as u64, quiet, "checking profiles");
    let mut found = 0;
    let evidence = runtime.block_on(async {
        engine
            .run(
                plan,
                |result| {
                    if result.status == ProbeStatus::Found {
                        found += 1;
                        bar.set_message(format!("{found} found"));
                    }
                    bar.inc(1);
                },
                ctrl_c(),
            )
            .await
    });
    bar.finish_and_clear();
    let interrupted = evidence.partial && evidence.probes.len() < evidence.planned;
    (evidence, interrupted)
}

/// Runs `queries` with a progress bar; the flag says whether Ctrl-C cut them short.
pub fn run_searches(
    engine: &Engine,
    runtime: &tokio::runtime::Runtime,
    queries: &[PlannedQuery],
    backend: &Backend,
    quiet: bool,
) -> (Vec<QueryResult>, bool) {
    let bar = progress_bar(queries.len() as u64, quiet, "searching");
    let outcome = runtime.block_on(async {
        let mut hits = 0;
        engine
            .search(
                queries,
                backend,
                None,
                |result| {
                    hits += result.results.len();
                    bar.set_message(format!("{hits} results"));
                    bar.inc(1);
                },
                ctrl_c(),
            )
            .await
    });
    bar.finish_and_clear();
    outcome
}

/// The backend the flags ask for; `None` for `--backend none`.
pub fn backend(options: &SearchOptions) -> Result<Option<Backend>> {
    let choice = options.backend.unwrap_or(if options.searxng.is_some() {
        BackendChoice::Searxng
    } else {
        BackendChoice::Duckduckgo
    });
    Ok(match choice {
        BackendChoice::None => None,
        BackendChoice::Searxng => {
            let base = options.searxng.clone().ok_or_else(|| {
                InputError("--backend searxng needs --searxng URL (your SearXNG instance)".into())
            })?;
            Some(Backend::SearXng { base })
        }
        BackendChoice::Duckduckgo => Some(Backend::DuckDuckGo {
            base: options.duckduckgo_url.clone(),
        }),
        BackendChoice::Brave => {
            let key = std::env::var("BRAVE_API_KEY")
                .ok()
                .filter(|k| !k.trim().is_empty())
                .ok_or_else(|| {
                    InputError("--backend brave needs your API key in the BRAVE_API_KEY environment variable".into())
                })?;
            Some(Backend::Brave {
                base: options.brave_url.clone(),
                key,
            })
        }
    })
}

/// The saved-answers file: `--state`, or answers.toml in the user's data folder.
pub fn state_path(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    let dirs = directories::ProjectDirs::from("", "", "findable")
        .context("cannot find your user data folder; give --state FILE")?;
    Ok(dirs.data_dir().join("answers.toml"))
}

//! Command-line arguments become the library's inputs here, once per run: who is audited,
//! the catalog, the sites to probe, the plan's limits, the engine's settings and the search
//! backend. Commands call these instead of reading flags themselves; nothing here runs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};

use super::InputError;
use crate::cli::{BackendChoice, NetworkArgs, SearchOptions, SourceArgs, SubjectArgs};
use findable::Catalog;
use findable::catalog::Site;
use findable::catalog::import::{ImportOptions, Imported, load_site_list, prefer_builtin};
use findable::checklist::Person;
use findable::checklist::saved::{self, Saved, SavedError};
use findable::engine::EngineConfig;
use findable::engine::search::Backend;
use findable::plan::{Plan, PlanOptions};
use findable::school::School;
use findable::store::{PersonSummary, Store};
use findable::subject::{Handle, Subject, SubjectInput};
use findable::variants::{Variant, Variants};

/// The subject from `--school-file`, `--subject FILE` and the flags, each laid over the one
/// before (flags win), validated.
pub fn subject(args: &SubjectArgs) -> Result<Subject> {
    let from_school = match &args.school_file {
        Some(path) => School::from_file(path)?.subject_defaults(),
        None => SubjectInput::default(),
    };
    let from_file = match &args.subject {
        Some(path) => SubjectInput::from_file(path)?,
        None => SubjectInput::default(),
    };
    Ok(from_school
        .merge(from_file)
        .merge(args.to_input())
        .validate(this_year())?)
}

/// This year, which bounds a birth year.
pub fn this_year() -> u16 {
    u16::try_from(jiff::Zoned::now().year()).unwrap_or(u16::MAX)
}

/// Today as `YYYY-MM-DD`, the date an audit carries.
pub fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

/// The built-in catalog, or the one in `dir` when given.
pub fn catalog(dir: Option<&Path>) -> Result<Catalog> {
    match dir {
        Some(dir) => Catalog::load_dir(dir).context("--checks"),
        None => Catalog::builtin().context("the built-in check files are invalid (a findable bug)"),
    }
}

/// The sites of a `--sites` list (findable's own check replacing any platform it knows),
/// with one line on stderr saying how many were imported and one per warning; `None`
/// without a list, so the catalog's own platforms are probed.
pub fn imported_sites(sources: &SourceArgs) -> Result<Option<Imported>> {
    let Some(path) = &sources.sites else {
        return Ok(None);
    };
    let options = ImportOptions {
        include_adult: sources.include_adult,
    };
    let mut imported = load_site_list(path, &options).context("--sites")?;
    prefer_builtin(&mut imported, &catalog(None)?);
    for warning in &imported.warnings {
        eprintln!("warning: {}: {warning}", imported.label);
    }
    let summary = imported.summary();
    let listed = if summary.skipped.is_empty() {
        ""
    } else {
        " (each skipped site is listed with the results, with why)"
    };
    eprintln!("{}{listed}", summary.headline());
    Ok(Some(imported))
}

/// The plan of `findable probe`: every username variant of the person's name on the sites
/// of `--sites`, `--checks` or the built-in catalog; with no name given, just the handles
/// from `--username`.
pub fn probe_plan(subject_args: &SubjectArgs, sources: &SourceArgs) -> Result<Plan> {
    let (sites, site_list) = match imported_sites(sources)? {
        Some(imported) => {
            let summary = imported.summary();
            (imported.sites, Some(summary))
        }
        None => (
            catalog(sources.checks.as_deref())?
                .checks
                .iter()
                .filter_map(Site::from_check)
                .collect(),
            None,
        ),
    };
    let (usernames, handles) = usernames(subject_args)?;
    let mut plan = Plan::build(sites, &usernames, &handles, &plan_options(sources, 0))?;
    plan.site_list = site_list;
    Ok(plan)
}

fn usernames(args: &SubjectArgs) -> Result<(Vec<Variant>, Vec<Handle>)> {
    if args.name.is_some() || args.subject.is_some() || args.school_file.is_some() {
        let subject = subject(args)?;
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

pub fn plan_options(sources: &SourceArgs, max_queries: usize) -> PlanOptions {
    PlanOptions {
        max_usernames: sources.max_usernames,
        platforms: sources.platforms.clone(),
        max_queries,
        ..PlanOptions::default()
    }
}

pub fn engine(args: &NetworkArgs) -> Result<EngineConfig> {
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

/// A search backend's address: http(s) with a host, or bad input naming the flag (a
/// `file:` or `ftp:` address would make every search fail, not say why).
fn web_base(flag: &str, url: &url::Url) -> Result<url::Url> {
    if matches!(url.scheme(), "http" | "https") && url.host().is_some() {
        return Ok(url.clone());
    }
    Err(InputError(format!(
        "{flag} {url}: give a web address starting with https:// (or http:// for one on this computer)"
    ))
    .into())
}

/// The backend the flags ask for; `None` for `--backend none`.
pub fn backend(options: &SearchOptions) -> Result<Option<Backend>> {
    // Checked whichever backend is chosen, so a mistyped flag is never ignored.
    let duckduckgo = web_base("--duckduckgo-url", &options.duckduckgo_url)?;
    let brave = web_base("--brave-url", &options.brave_url)?;
    let searxng = options
        .searxng
        .as_ref()
        .map(|u| web_base("--searxng", u))
        .transpose()?;
    let choice = options.backend.unwrap_or(if options.searxng.is_some() {
        BackendChoice::Searxng
    } else {
        BackendChoice::Duckduckgo
    });
    Ok(match choice {
        BackendChoice::None => None,
        BackendChoice::Searxng => {
            let base = searxng.ok_or_else(|| {
                InputError("--backend searxng needs --searxng URL (your SearXNG instance)".into())
            })?;
            Some(Backend::SearXng { base })
        }
        BackendChoice::Duckduckgo => Some(Backend::DuckDuckGo { base: duckduckgo }),
        BackendChoice::Brave => {
            let key = std::env::var("BRAVE_API_KEY")
                .ok()
                .filter(|k| !k.trim().is_empty())
                .ok_or_else(|| {
                    InputError("--backend brave needs your API key in the BRAVE_API_KEY environment variable".into())
                })?;
            Some(Backend::Brave { base: brave, key })
        }
    })
}

/// Loads (or starts, with `restart` or on a first run) the saved answers of `person`:
/// `--state FILE`, or their own file in the user data folder, never anyone else's. The
/// lock is taken first, which also proves the data folder can be written before anyone is
/// asked a question. Without a person, only an explicit `--state` file can be used, as it
/// is. The web page opens the same file through the same library function.
pub fn saved_answers(
    explicit: Option<&Path>,
    person: Option<&Person>,
    catalog: &Catalog,
    restart: bool,
) -> Result<Saved> {
    let path = match (explicit, person) {
        (Some(path), _) => path.to_path_buf(),
        (None, None) => {
            return Err(InputError(
                "whose answers? give --name \"Jane Smith\" (and --school), or --state FILE".into(),
            )
            .into());
        }
        (None, Some(person)) => {
            let dir = data_dir()?;
            let shared = dir.join("answers.toml");
            if shared.exists() {
                eprintln!(
                    "note: answers saved by an older findable, not tied to a name, are in {}; they are not used. To use them for {person}, run again with --state {}",
                    shared.display(),
                    shared.display()
                );
            }
            saved::path_for(&dir, person)
        }
    };
    saved::open(&path, person, catalog, restart).map_err(|error| match error {
        SavedError::Lock(e) => anyhow::Error::new(e),
        SavedError::Load(e) => anyhow::Error::new(e).context(format!(
            "your saved answers in {} (use --restart to start again)",
            path.display()
        )),
        SavedError::SomeoneElse { owner, person, .. } => InputError(format!(
            "{} holds the answers of {owner}, not {person}: give another --state, or leave --state out to use {person}'s own",
            path.display()
        ))
        .into(),
    })
}

fn data_dir() -> Result<PathBuf> {
    saved::data_dir().context("cannot find your user data folder; give --state FILE")
}

/// The history file: `--db FILE`, or `history.db` in the user data folder.
pub fn store_path(db: Option<&Path>) -> Result<PathBuf> {
    match db {
        Some(path) => Ok(path.to_path_buf()),
        None => findable::store::default_path().context(
            "cannot find your user data folder for the history: give --db FILE (or --no-save)",
        ),
    }
}

/// The history, made if it is not there yet.
pub fn store(db: Option<&Path>) -> Result<Store> {
    Ok(Store::open(&store_path(db)?)?)
}

/// The history, if anything has been saved in it.
pub fn existing_store(db: Option<&Path>) -> Result<Option<Store>> {
    Ok(Store::open_existing(&store_path(db)?)?)
}

/// The people in `people` that `--name` (and `--school`) choose; everyone without them.
/// A name that matches nobody is bad input, naming who is there.
pub fn chosen<'a>(
    people: &'a [PersonSummary],
    name: Option<&str>,
    school: Option<&str>,
) -> Result<Vec<&'a PersonSummary>> {
    let Some(name) = name else {
        return Ok(people.iter().collect());
    };
    let wanted = Person {
        name: name.to_string(),
        school: school.map(str::to_string),
    };
    let found: Vec<&PersonSummary> = people
        .iter()
        .filter(|p| match school {
            Some(_) => p.key == wanted.key(),
            None => Person::key_has_name(&p.key, name),
        })
        .collect();
    if found.is_empty() {
        let saved: Vec<String> = people.iter().map(|p| p.person().to_string()).collect();
        let saved = if saved.is_empty() {
            "nobody's yet".to_string()
        } else {
            saved.join(", ")
        };
        return Err(InputError(format!("no audits of {wanted} are saved (saved: {saved})")).into());
    }
    Ok(found)
}

/// The folder of each person's saved answers, `<data>/answers`, and the file an older
/// findable kept everyone's answers in, `<data>/answers.toml`.
pub fn answers_files_dir() -> Result<(PathBuf, PathBuf)> {
    let dir = data_dir()?;
    Ok((dir.join("answers"), dir.join("answers.toml")))
}

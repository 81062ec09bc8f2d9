//! `findable probe`: try the likeliest usernames on every platform and say, honestly,
//! which have a public profile, which do not, and which could not be checked.

use std::time::Duration;

use anyhow::{Context, Result};

use super::checks::load_catalog;
use super::{Exit, InputError, load_subject, print};
use crate::cli::{Format, NetworkArgs, ProbeArgs, SourceArgs, SubjectArgs};
use findable::catalog::Site;
use findable::catalog::import::load_site_list;
use findable::engine::{Engine, EngineConfig};
use findable::evidence::{Evidence, ProbeStatus};
use findable::plan::{Plan, PlanOptions};
use findable::subject::Handle;
use findable::variants::{Variant, Variants};

pub fn run(args: &ProbeArgs) -> Result<Exit> {
    let plan = build_plan(&args.subject, &args.sources)?;
    if args.offline {
        print_plan(&plan, args.format)?;
        return Ok(Exit::Success);
    }
    let config = engine_config(&args.network)?;
    let (evidence, interrupted) = execute(&plan, config, args.quiet)?;
    match args.format {
        Format::Json => print(&(serde_json::to_string_pretty(&evidence)? + "\n"))?,
        Format::Text => print(&findable::render::probe::results_text(&evidence))?,
    }
    Ok(if interrupted {
        Exit::Interrupted
    } else {
        Exit::Success
    })
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

/// Runs the plan with a progress bar; Ctrl-C stops it and keeps what finished.
pub fn execute(plan: &Plan, config: EngineConfig, quiet: bool) -> Result<(Evidence, bool)> {
    let engine = Engine::new(config)?;
    let runtime = super::runtime()?;
    let (evidence, interrupted) = run_probes(&engine, &runtime, plan, quiet);
    if interrupted {
        eprintln!(
            "stopped: {} of {} checks finished; the results below are partial",
            evidence.probes.len(),
            evidence.planned
        );
    }
    Ok((evidence, interrupted))
}

/// The plan's probes with a progress bar; the flag says whether Ctrl-C cut them short.
pub fn run_probes(
    engine: &Engine,
    runtime: &tokio::runtime::Runtime,
    plan: &Plan,
    quiet: bool,
) -> (Evidence, bool) {
    let bar = super::progress_bar(plan.probes.len() as u64, quiet, "checking profiles");
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
                super::ctrl_c(),
            )
            .await
    });
    bar.finish_and_clear();
    let interrupted = evidence.partial && evidence.probes.len() < evidence.planned;
    (evidence, interrupted)
}

fn print_plan(plan: &Plan, format: Format) -> Result<()> {
    print(&match format {
        Format::Json => findable::render::json(plan),
        Format::Text => findable::render::probe::plan_text(plan),
    })
}

//! `findable probe`: try the likeliest usernames on every platform and say, honestly,
//! which have a public profile, which do not, and which could not be checked.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use anyhow::{Context, Result};

use super::checks::load_catalog;
use super::{Exit, InputError, load_subject, print};
use crate::cli::{Format, NetworkArgs, ProbeArgs, SourceArgs, SubjectArgs};
use findable::catalog::Site;
use findable::catalog::import::load_site_list;
use findable::engine::{Engine, EngineConfig};
use findable::evidence::{Evidence, ProbeStatus, UnknownReason};
use findable::plan::{Plan, PlanOptions};
use findable::render::plural;
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
        Format::Text => print(&render_text(&evidence))?,
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
    if format == Format::Json {
        return print(&(serde_json::to_string_pretty(plan)? + "\n"));
    }
    let mut out = String::from(
        "Profile pages to open by hand (in a private window, so you see what a pupil sees):\n",
    );
    for site in &plan.sites {
        let urls: Vec<&str> = plan
            .probes
            .iter()
            .filter(|p| p.site == site.name)
            .map(|p| p.url.as_str())
            .collect();
        if urls.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({}):", site.name, plural(urls.len(), "page"));
        for url in urls {
            let _ = writeln!(out, "  {url}");
        }
    }
    print(&out)
}

fn render_text(evidence: &Evidence) -> String {
    let mut out = String::new();
    let found: Vec<_> = evidence
        .probes
        .iter()
        .filter(|p| p.status == ProbeStatus::Found)
        .collect();
    let unknown: Vec<_> = evidence
        .probes
        .iter()
        .filter(|p| p.status == ProbeStatus::Unknown)
        .collect();
    let absent: Vec<_> = evidence
        .probes
        .iter()
        .filter(|p| p.status == ProbeStatus::Absent)
        .collect();

    if !found.is_empty() {
        let _ = writeln!(
            out,
            "Found: a public account exists under these usernames. It may belong to someone\nelse with the same name: open each one to check.\n"
        );
        for p in &found {
            let _ = writeln!(out, "  {:<10} {:<24} {}", p.platform, p.username, p.url);
        }
        out.push('\n');
    }
    if !unknown.is_empty() {
        let _ = writeln!(
            out,
            "Could not check: this does not mean you are safe there. Open these in a private\nwindow to see for yourself.\n"
        );
        let mut by_reason: BTreeMap<(&str, &str, &str), Vec<&str>> = BTreeMap::new();
        for p in &unknown {
            let reason = p.reason.map(UnknownReason::describe).unwrap_or_default();
            // A manual site's detail says why only a person can check; other details are
            // technical and live in the JSON.
            let why = match p.reason {
                Some(UnknownReason::Manual) => p.detail.as_deref().unwrap_or_default(),
                _ => "",
            };
            by_reason
                .entry((&p.platform, reason, why))
                .or_default()
                .push(&p.url);
        }
        for ((platform, reason, why), urls) in by_reason {
            let _ = writeln!(out, "  {platform}: {reason}");
            for line in textwrap::wrap(why, 74).iter().filter(|l| !l.is_empty()) {
                let _ = writeln!(out, "    {line}");
            }
            for url in urls {
                let _ = writeln!(out, "    {url}");
            }
        }
        out.push('\n');
    }
    if !absent.is_empty() {
        let _ = writeln!(out, "Not found: no account under these usernames.\n");
        let mut by_platform: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
        for p in &absent {
            let note = p.detail.as_deref().unwrap_or_default();
            by_platform
                .entry((&p.platform, note))
                .or_default()
                .push(&p.username);
        }
        for ((platform, note), names) in by_platform {
            let _ = writeln!(out, "  {platform}: {}", names.join(", "));
            for line in textwrap::wrap(note, 74).iter().filter(|l| !l.is_empty()) {
                let _ = writeln!(out, "    ({line})");
            }
        }
        out.push('\n');
    }
    let platforms: std::collections::BTreeSet<&str> = evidence
        .probes
        .iter()
        .map(|p| p.platform.as_str())
        .collect();
    let _ = write!(
        out,
        "{} {} on {}: {} found, {} could not be checked, {} not found",
        if evidence.partial {
            "Partial: checked"
        } else {
            "Checked"
        },
        plural(evidence.probes.len(), "username"),
        plural(platforms.len(), "platform"),
        found.len(),
        unknown.len(),
        absent.len()
    );
    if evidence.partial {
        let _ = write!(
            out,
            " ({} of {} planned)",
            evidence.probes.len(),
            evidence.planned
        );
    }
    out.push_str(".\n");
    out
}

//! `findable sites check [FILE]`: the self-test of a site list or of findable's own checks,
//! run politely through the same engine as any probe.

use anyhow::{Context, Result};

use super::output::Output;
use super::{Exit, InputError, session, setup};
use crate::cli::{LIST_FORMATS, SitesCommand};
use findable::catalog::Site;
use findable::catalog::import::{ImportOptions, load_site_list};
use findable::engine::Engine;
use findable::render::{self, OutputFormat};
use findable::selftest;

pub fn run(command: SitesCommand) -> Result<Exit> {
    let SitesCommand::Check(args) = command;
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        LIST_FORMATS,
        OutputFormat::Text,
        "the self-test",
    )?;
    // The list as it is, its own entries for every platform: this tests the list's
    // rules, not what findable would probe in their place.
    let mut sites: Vec<Site> = match &args.file {
        Some(path) => {
            let options = ImportOptions {
                include_adult: args.include_adult,
            };
            let imported = load_site_list(path, &options).context("sites check")?;
            eprintln!("{}", imported.summary().headline());
            imported.sites
        }
        None => setup::catalog(None)?
            .checks
            .iter()
            .filter_map(Site::from_check)
            .collect(),
    };
    if let Some(wanted) = &args.platforms {
        let known: Vec<String> = sites.iter().map(|s| s.name.clone()).collect();
        if let Some(missing) = wanted
            .iter()
            .find(|w| !known.iter().any(|k| k.eq_ignore_ascii_case(w)))
        {
            return Err(InputError(format!(
                "--platforms: no site called {missing:?} in {}",
                args.file
                    .as_ref()
                    .map_or("findable's checks".into(), |f| f.display().to_string())
            ))
            .into());
        }
        sites.retain(|s| wanted.iter().any(|w| w.eq_ignore_ascii_case(&s.name)));
    }
    let plan = selftest::plan(sites, None);
    let engine = Engine::new(setup::engine(&args.network)?.for_plan(&plan))?;
    let (evidence, interrupted) =
        session::run_probes(&engine, &session::network_runtime()?, &plan, args.quiet);
    let checks = selftest::judge(&plan, &evidence);
    out.write(&match out.format {
        OutputFormat::Json => render::json(&checks),
        _ => render::sites::text(&checks),
    })?;
    Ok(if interrupted {
        Exit::Interrupted
    } else if checks.iter().any(|c| c.verdict.is_problem()) {
        Exit::Problems
    } else {
        Exit::Success
    })
}

//! `findable probe`: try the likeliest usernames on every platform and say, honestly,
//! which have a public profile, which do not, and which could not be checked.

use anyhow::Result;

use super::Exit;
use super::output::Output;
use super::{session, setup};
use crate::cli::{LIST_FORMATS, ProbeArgs};
use findable::engine::Engine;
use findable::render::{self, OutputFormat};

pub fn run(args: &ProbeArgs) -> Result<Exit> {
    let what = if args.offline {
        "the list of profile pages"
    } else {
        "the probe results"
    };
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        LIST_FORMATS,
        OutputFormat::Text,
        what,
    )?;
    let plan = setup::probe_plan(&args.subject, &args.sources)?;
    if args.offline {
        out.write(&match out.format {
            OutputFormat::Json => render::json(&plan),
            _ => render::probe::plan_text(&plan),
        })?;
        return Ok(Exit::Success);
    }
    let engine = Engine::new(setup::engine(&args.network)?)?;
    let (evidence, interrupted) =
        session::run_probes(&engine, &session::runtime()?, &plan, args.quiet);
    if interrupted {
        eprintln!(
            "stopped: {} of {} checks finished; the results below are partial",
            evidence.probes.len(),
            evidence.planned
        );
    }
    out.write(&match out.format {
        OutputFormat::Json => render::json(&evidence),
        _ => render::probe::results_text(&evidence),
    })?;
    Ok(if interrupted {
        Exit::Interrupted
    } else {
        Exit::Success
    })
}

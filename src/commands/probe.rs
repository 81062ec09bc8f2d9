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
    let (evidence, interrupted) = {
        let engine = Engine::new(setup::engine(&args.network)?.for_plan(&plan))?;
        let runtime = session::network_runtime()?;
        session::run_probes(&engine, &runtime, &plan, args.quiet)
    };
    // The connections, the runtime and the plan are gone before the document is made, so
    // they do not add to its memory.
    drop(plan);
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

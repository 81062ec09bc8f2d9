//! `findable serve`: the flags become the page's settings (what to check, how, where
//! answers are saved), then the web front end runs until the teacher presses Finish, the
//! page goes unused, or Ctrl-C.

use std::io::Write as _;
use std::time::Duration;

use anyhow::{Context, Result};

use super::{Exit, session, setup};
use crate::cli::ServeArgs;
use crate::web::{self, Config, Ended};

pub fn run(args: &ServeArgs) -> Result<Exit> {
    let config = Config {
        catalog: setup::catalog(args.sources.checks.as_deref())?,
        sites: setup::imported_sites(&args.sources)?,
        plan: setup::plan_options(&args.sources, args.search.max_queries),
        backend: setup::backend(&args.search)?,
        engine: setup::engine(&args.network)?,
        data_dir: findable::checklist::saved::data_dir()
            .context("cannot find your user data folder, where your answers are saved")?,
        history: history(args)?,
    };
    let runtime = session::runtime()?;
    let ended = web::serve(
        config,
        &runtime,
        !args.no_open,
        Duration::from_secs(args.idle_after.max(1)),
        async {
            session::stop_signal().await;
        },
    )?;
    let (said, exit) = match ended {
        Ended::Finished => (
            "Finished: your answers are saved. Run findable serve again to check again.".into(),
            Exit::Success,
        ),
        Ended::Idle => (
            format!(
                "Stopped after {} minutes with nothing to do: your answers are saved. Run findable serve again to carry on.",
                args.idle_after.div_ceil(60)
            ),
            Exit::Success,
        ),
        Ended::Interrupted => (
            "Stopped: your answers are saved. Run findable serve again to carry on.".to_string(),
            Exit::Interrupted,
        ),
    };
    // The window it was started from may have gone: that is no reason to fail now.
    let _ = writeln!(std::io::stdout(), "{said}");
    Ok(exit)
}

/// The history file audits are saved in, opened once now so a file that cannot be used is
/// said before the page opens; `None` with `--no-save`.
fn history(args: &ServeArgs) -> Result<Option<std::path::PathBuf>> {
    if args.no_save {
        return Ok(None);
    }
    setup::store(args.db.db.as_deref())?;
    Ok(Some(setup::store_path(args.db.db.as_deref())?))
}

//! `findable serve`: the audit as a page in the teacher's own browser. A small server on
//! 127.0.0.1 shows the library's audit session (its questions, progress and report) as
//! plain HTML forms and forwards each answer back; the audit itself is the library's.

mod guard;
mod pages;
mod prompter;
mod routes;
mod state;

use std::future::Future;
use std::io::Write as _;
use std::net::Ipv4Addr;
use std::path::PathBuf;
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use anyhow::{Context, Result};

use findable::Catalog;
use findable::catalog::import::Imported;
use findable::engine::EngineConfig;
use findable::engine::search::Backend;
use findable::plan::PlanOptions;

use state::App;

/// Everything the page needs but the person: what to check and how, made from the flags
/// once by the `serve` command.
pub struct Config {
    pub catalog: Catalog,
    /// The sites of a `--sites` list; `None` for the catalog's own platforms.
    pub sites: Option<Imported>,
    pub plan: PlanOptions,
    pub backend: Option<Backend>,
    pub engine: EngineConfig,
    /// The user data folder: each person's answers are saved in it, as the terminal does.
    pub data_dir: PathBuf,
    /// The history each finished audit is saved in (and compared with), as the terminal
    /// does; `None` with `--no-save`.
    pub history: Option<PathBuf>,
}

/// How long the page may go unused before the server stops by itself.
pub const IDLE_AFTER: Duration = Duration::from_secs(30 * 60);

/// How the server came to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The teacher pressed Finish.
    Finished,
    /// Nobody used the page for the idle time.
    Idle,
    /// Ctrl-C (or the computer shutting down) in the terminal.
    Interrupted,
}

/// Serves the page on 127.0.0.1 at a free port until Finish, the idle time, or `stop`
/// resolves; prints the address (with its secret) and, with `open`, opens it in the
/// default browser. Whatever audit is running then is stopped: every answer is saved.
pub fn serve(
    config: Config,
    runtime: &tokio::runtime::Runtime,
    open: bool,
    idle_after: Duration,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<Ended> {
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .context("cannot listen on 127.0.0.1")?;
        let port = listener.local_addr()?.port();
        let guard = guard::Guard::new(port).context("cannot make a secret for the page")?;
        let app = Arc::new(App::new(config, guard));
        let url = format!("http://127.0.0.1:{port}{}", app.guard.base());
        announce(&url, open, idle_after);

        let idle = tokio::spawn(watch_idle(app.clone(), idle_after));
        let app_for_stop = app.clone();
        let interrupted = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = interrupted.clone();
        let shutdown = async move {
            tokio::select! {
                () = app_for_stop.shutdown.cancelled() => {}
                () = stop => flag.store(true, std::sync::atomic::Ordering::SeqCst),
            }
        };
        let served = axum::serve(listener, routes::router(app.clone()))
            .with_graceful_shutdown(shutdown)
            .await;
        let went_idle = idle.is_finished();
        idle.abort();
        app.stop_audit();
        let worker = app
            .worker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(worker) = worker {
            // The audit's thread ends once its question is let go and its checks stopped.
            let _ = tokio::task::spawn_blocking(move || worker.join()).await;
        }
        served.context("the page's server stopped")?;
        Ok(if interrupted.load(std::sync::atomic::Ordering::SeqCst) {
            Ended::Interrupted
        } else if went_idle {
            Ended::Idle
        } else {
            Ended::Finished
        })
    })
}

/// The address on stdout, where a person (or a test) reads it, then the browser.
fn announce(url: &str, open: bool, idle_after: Duration) {
    let minutes = idle_after.as_secs().div_ceil(60);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "findable is ready in your web browser. If it did not open, copy this address into it:\n\n    {url}\n\nIt works on this computer only. Keep this window open while you use it: it closes by\nitself when you press Finish, or after {minutes} minutes with nothing to do. Ctrl-C stops it now."
    );
    let _ = out.flush();
    if open && open::that_detached(url).is_err() {
        let _ = writeln!(
            out,
            "(Your web browser could not be opened from here: copy the address above into it.)"
        );
    }
}

/// Stops the server once the page has gone unused for `idle_after`.
async fn watch_idle(app: Arc<App>, idle_after: Duration) {
    loop {
        let idle = app.idle_for();
        if idle >= idle_after {
            app.shutdown.cancel();
            return;
        }
        tokio::time::sleep((idle_after - idle).min(Duration::from_secs(30))).await;
    }
}

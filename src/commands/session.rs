//! The terminal's side of network work: the async runtime, Ctrl-C, and progress drawn from
//! the audit session's events (bars on a terminal; nothing off one, or with `--quiet`).
//! While the walkthrough asks questions the bars stay hidden and a one-line status above
//! each question says how the background work is going instead.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use findable::audit::{AuditEvent, EventSink, Phase, network};
use findable::catalog::Check;
use findable::checklist::{
    Answer, Choice, Offer, Position, Prompter, Review, ReviewItem, Step, YesNo,
};
use findable::engine::Engine;
use findable::engine::search::Backend;
use findable::evidence::{Evidence, ProbeStatus, QueryResult};
use findable::plan::Plan;
use findable::plan::queries::PlannedQuery;

/// The async runtime for commands that touch the network. Multi-threaded, so the network
/// work goes on while the main thread waits for the person at a prompt.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// The runtime for commands that only wait on the network (`probe`, `sites check`): one
/// thread is plenty for many connections in flight, and costs less CPU and memory than
/// threads handing work to each other.
pub fn network_runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// How a run was told to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Ctrl-C (SIGINT). At a prompt the prompt itself returns as interrupted too.
    Interrupt,
    /// SIGTERM, e.g. the computer shutting down.
    Terminate,
    /// SIGHUP: the terminal was closed, so a prompt's read fails.
    HangUp,
}

/// Resolves when the person presses Ctrl-C, or the run is told to end another way (a
/// SIGTERM, or a closed terminal's SIGHUP): each keeps what finished, as Ctrl-C does.
pub async fn stop_signal() -> Stop {
    // A signal that cannot be watched simply never arrives.
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let ended = |kind| async move {
            match signal(kind) {
                Ok(mut stream) => {
                    stream.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            () = interrupt => Stop::Interrupt,
            () = ended(SignalKind::terminate()) => Stop::Terminate,
            () = ended(SignalKind::hangup()) => Stop::HangUp,
        }
    }
    #[cfg(not(unix))]
    {
        interrupt.await;
        Stop::Interrupt
    }
}

/// How long a SIGTERM waits for the run to end by itself before ending it: the answers
/// given are saved already; only the report would be lost then.
const TERM_GRACE: Duration = Duration::from_secs(10);

/// Calls `on_stop` on the first Ctrl-C, SIGTERM or SIGHUP. Each of them also cuts short a
/// question waiting on the keyboard, so the run ends with its report as after Ctrl-C; in
/// case a SIGTERM finds the run stuck somewhere else, it is given [`TERM_GRACE`] to finish
/// by itself, then ended with the terminal put back.
pub fn on_stop_signal(runtime: &tokio::runtime::Runtime, on_stop: impl FnOnce() + Send + 'static) {
    runtime.spawn(async move {
        let stop = stop_signal().await;
        on_stop();
        if stop == Stop::Terminate {
            tokio::time::sleep(TERM_GRACE).await;
            super::prompt::show_cursor();
            eprintln!("\nStopped: your answers so far are saved.");
            std::process::exit(i32::from(super::Exit::Interrupted as u8));
        }
    });
}

/// `findable probe`: the plan's probes with progress bars; the flag says whether Ctrl-C
/// cut them short.
pub fn run_probes(
    engine: &Engine,
    runtime: &tokio::runtime::Runtime,
    plan: &Plan,
    quiet: bool,
) -> (Evidence, bool) {
    let progress = Progress::new(quiet);
    progress.show();
    let events = progress.sink();
    let evidence = runtime.block_on(network::check_profiles(engine, plan, &events, async {
        stop_signal().await;
    }));
    progress.finish();
    let interrupted = evidence.partial && evidence.probes.len() < evidence.planned;
    (evidence, interrupted)
}

/// `findable search`: `queries` on `backend` with a progress bar; the flag says whether
/// Ctrl-C cut them short.
pub fn run_searches(
    engine: &Engine,
    runtime: &tokio::runtime::Runtime,
    queries: &[PlannedQuery],
    backend: &Backend,
    quiet: bool,
) -> (Vec<QueryResult>, bool) {
    let progress = Progress::new(quiet);
    progress.show();
    let events = progress.sink();
    let outcome = runtime.block_on(network::search(engine, queries, backend, &events, async {
        stop_signal().await;
    }));
    progress.finish();
    outcome
}

/// Progress of the background phases, drawn as bars when shown.
pub struct Progress {
    bars: MultiProgress,
    drawn: bool,
    state: Mutex<Counts>,
}

#[derive(Default)]
struct Counts {
    profiles: Option<(ProgressBar, usize, usize)>,
    searches: Option<(ProgressBar, usize, usize)>,
    found: usize,
    results: usize,
}

impl Progress {
    /// Bars are drawn only on a terminal and without `quiet`, and only once [`Progress::show`]
    /// is called: a front end that asks questions first keeps them out of the way.
    pub fn new(quiet: bool) -> Arc<Self> {
        Arc::new(Self {
            bars: MultiProgress::with_draw_target(ProgressDrawTarget::hidden()),
            drawn: !quiet && std::io::stderr().is_terminal(),
            state: Mutex::default(),
        })
    }

    /// The event sink to give the audit session.
    pub fn sink(self: &Arc<Self>) -> EventSink {
        let progress = self.clone();
        Arc::new(move |event: &AuditEvent| progress.on(event))
    }

    /// Draws the bars on stderr from now on.
    pub fn show(&self) {
        if self.drawn {
            self.bars.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Stops drawing (before a prompt takes the screen).
    pub fn hide(&self) {
        self.bars.set_draw_target(ProgressDrawTarget::hidden());
    }

    /// Clears the bars for good.
    pub fn finish(&self) {
        let counts = self.lock();
        for (bar, _, _) in counts.profiles.iter().chain(&counts.searches) {
            bar.finish_and_clear();
        }
        let _ = self.bars.clear();
    }

    /// One line on the background work for the walkthrough's header, e.g. "In the
    /// background: 40 of 120 profiles checked (1 found), 3 of 30 searches".
    pub fn status(&self) -> Option<String> {
        let counts = self.lock();
        let mut parts = Vec::new();
        if let Some((_, done, total)) = counts.profiles {
            let found = match counts.found {
                0 => String::new(),
                n => format!(" ({n} found)"),
            };
            parts.push(if done == total {
                format!("all {total} profile checks done{found}")
            } else {
                format!("{done} of {total} profiles checked{found}")
            });
        }
        if let Some((_, done, total)) = counts.searches {
            parts.push(if done == total {
                format!("all {total} searches done")
            } else {
                format!("{done} of {total} searches run")
            });
        }
        let running = [&counts.profiles, &counts.searches]
            .into_iter()
            .flatten()
            .any(|(_, done, total)| done < total);
        (running && !parts.is_empty()).then(|| format!("In the background: {}", parts.join(", ")))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn on(&self, event: &AuditEvent) {
        let mut counts = self.lock();
        match event {
            AuditEvent::Started { phase, total } => {
                let (what, message) = match phase {
                    Phase::Profiles => ("checking profiles", "0 found"),
                    Phase::Searches => ("searching", "0 results"),
                };
                let bar = bar(&self.bars, *total, what, message);
                let slot = Some((bar, 0, *total));
                match phase {
                    Phase::Profiles => counts.profiles = slot,
                    Phase::Searches => counts.searches = slot,
                }
            }
            AuditEvent::Probe { result, done, .. } => {
                if result.status == ProbeStatus::Found {
                    counts.found += 1;
                }
                let found = counts.found;
                if let Some((bar, seen, _)) = &mut counts.profiles {
                    *seen = *done;
                    bar.set_message(format!("{found} found"));
                    bar.set_position(*done as u64);
                }
            }
            AuditEvent::Search { result, done, .. } => {
                counts.results += result.results.len();
                let results = counts.results;
                if let Some((bar, seen, _)) = &mut counts.searches {
                    *seen = *done;
                    bar.set_message(format!("{results} results"));
                    bar.set_position(*done as u64);
                }
            }
            AuditEvent::Finished { phase, .. } => {
                let slot = match phase {
                    Phase::Profiles => &counts.profiles,
                    Phase::Searches => &counts.searches,
                };
                if let Some((bar, _, _)) = slot {
                    bar.finish_and_clear();
                }
            }
        }
    }
}

/// A bar drawn only through `bars`: a bar drawn on its own before it joins them would
/// flash over whatever question is on the screen.
fn bar(bars: &MultiProgress, total: usize, what: &str, message: &str) -> ProgressBar {
    let hidden = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
    let bar = bars.add(hidden);
    let template =
        format!("{{spinner}} {what} {{bar:30}} {{pos}}/{{len}} · {{msg}} · {{eta}} left");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar.set_message(message.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// A prompter whose questions take the screen from the progress bars: the bars are hidden
/// while a question is up and drawn again after it, and `intro` is said before the first.
pub struct Aside<'a> {
    prompter: &'a mut dyn Prompter,
    progress: &'a Progress,
    intro: Option<&'a str>,
}

impl<'a> Aside<'a> {
    pub fn new(prompter: &'a mut dyn Prompter, progress: &'a Progress, intro: &'a str) -> Self {
        Self {
            prompter,
            progress,
            intro: Some(intro),
        }
    }

    fn asking<T>(&mut self, ask: impl FnOnce(&mut dyn Prompter) -> T) -> T {
        self.progress.hide();
        if let Some(intro) = self.intro.take() {
            eprintln!("\n{intro}");
        }
        let answer = ask(&mut *self.prompter);
        self.progress.show();
        answer
    }
}

impl Prompter for Aside<'_> {
    fn choose_platforms(
        &mut self,
        platforms: &[&Check],
        defaults: &[bool],
    ) -> std::io::Result<Option<Vec<usize>>> {
        self.asking(|p| p.choose_platforms(platforms, defaults))
    }

    fn ask(
        &mut self,
        step: &Step,
        position: Position,
        previous: Option<Answer>,
    ) -> std::io::Result<Choice> {
        self.asking(|p| p.ask(step, position, previous))
    }

    fn offer(&mut self, offer: &Offer, previous: Option<bool>) -> std::io::Result<YesNo> {
        self.asking(|p| p.offer(offer, previous))
    }

    fn review(
        &mut self,
        item: &ReviewItem,
        number: usize,
        total: usize,
    ) -> std::io::Result<Option<Review>> {
        self.asking(|p| p.review(item, number, total))
    }
}

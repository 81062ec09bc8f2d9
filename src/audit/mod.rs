//! The audit session: the one place an audit runs, whatever the front end (terminal, local
//! web page, batch). It plans once, runs the probes and searches in the background while the
//! caller walks the person through the checklist, reports progress as [`AuditEvent`]s, and
//! can be stopped at any moment and still give an honest report of what finished, marked
//! partial. It does not draw anything or ask anything itself: front ends and a
//! [`Prompter`] do.

pub mod network;
mod review;
pub mod school;

pub use review::review_items;

use std::collections::HashSet;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::Catalog;
use crate::assess::{self, Input};
use crate::catalog::Site;
use crate::catalog::import::Imported;
use crate::checklist::{self, Answers, Outcome, Prompter};
use crate::engine::search::Backend;
use crate::engine::{Engine, EngineConfig, EngineError};
use crate::evidence::{Evidence, ProbeResult, QueryResult};
use crate::plan::{Plan, PlanError, PlanOptions};
use crate::relevance::{JudgedSearches, Matcher};
use crate::report::Report;
use crate::subject::Subject;
use crate::variants::Variants;

/// Everything an audit needs, gathered once by a front end.
pub struct AuditRequest {
    pub subject: Subject,
    pub catalog: Catalog,
    /// The sites of a `--sites` list; `None` for the catalog's own platforms.
    pub sites: Option<Imported>,
    pub plan: PlanOptions,
    /// Where the searches run; `None` runs none (they stay in the plan, to open by hand).
    pub backend: Option<Backend>,
    pub engine: EngineConfig,
    /// Saved or given checklist answers; `None` leaves the checklist out.
    pub answers: Option<Answers>,
    /// The day of the audit, `YYYY-MM-DD`.
    pub date: String,
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Engine(#[from] EngineError),
}

/// The network work of an audit, in two phases that run side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Trying usernames on each platform.
    Profiles,
    /// Running the searches a pupil would.
    Searches,
}

/// What a front end hears about the background work, as it happens.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum AuditEvent {
    Started {
        phase: Phase,
        total: usize,
    },
    Probe {
        result: ProbeResult,
        done: usize,
        total: usize,
    },
    Search {
        result: QueryResult,
        done: usize,
        total: usize,
    },
    /// `stopped` when the phase was cut short.
    Finished {
        phase: Phase,
        stopped: bool,
    },
}

/// Called from the background for every event; must be quick and must not block.
pub type EventSink = Arc<dyn Fn(&AuditEvent) + Send + Sync>;

/// An audit planned and ready to start.
pub struct Audit {
    subject: Subject,
    variants: Variants,
    catalog: Catalog,
    plan: Arc<Plan>,
    backend: Option<Backend>,
    engine: Engine,
    answers: Option<Answers>,
    date: String,
    /// The school's website, to read for the person's name and photo.
    school_site: Option<url::Url>,
}

impl Audit {
    /// Works out every name form, probe and search once. Fails on bad input (an unknown
    /// platform, nothing to probe) before anything touches the network.
    pub fn prepare(request: AuditRequest) -> Result<Self, AuditError> {
        let variants = Variants::generate(&request.subject);
        let (sites, site_list) = match request.sites {
            Some(imported) => {
                let summary = imported.summary();
                (imported.sites, Some(summary))
            }
            None => (
                request
                    .catalog
                    .checks
                    .iter()
                    .filter_map(Site::from_check)
                    .collect(),
                None,
            ),
        };
        let mut plan = Plan::for_subject(
            &request.subject,
            &variants,
            sites,
            &request.catalog.checks,
            &request.plan,
        )?;
        plan.site_list = site_list;
        Ok(Self {
            engine: Engine::new(request.engine.for_plan(&plan))?,
            subject: request.subject,
            variants,
            catalog: request.catalog,
            plan: Arc::new(plan),
            backend: request.backend,
            answers: request.answers,
            date: request.date,
            school_site: None,
        })
    }

    /// Also reads the school's website (the subject's `school_url`) for the person's own
    /// name and photo. Not by default: `onboard --scan` audits many starters of one school,
    /// and its website should be read once (`findable school`), not once a person.
    pub fn read_school_site(mut self) -> Self {
        self.school_site = self
            .subject
            .school_url
            .as_deref()
            .and_then(|u| url::Url::parse(u).ok());
        self
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn variants(&self) -> &Variants {
        &self.variants
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Starts the probes and searches on `runtime` (which must keep running on its own
    /// threads, i.e. a multi-thread runtime) and returns at once.
    pub fn start(self, runtime: &tokio::runtime::Handle, events: EventSink) -> Session {
        let shared = Arc::new(Shared::default());
        let stop = CancellationToken::new();
        let school_site = self.school_site;
        let task = runtime.spawn(network::run(
            self.engine,
            self.plan.clone(),
            self.backend,
            school_site,
            shared.clone(),
            events,
            stop.clone(),
        ));
        Session {
            subject: self.subject,
            variants: self.variants,
            catalog: self.catalog,
            plan: self.plan,
            answers: self.answers,
            date: self.date,
            shared,
            stop,
            task,
            checklist_unfinished: false,
        }
    }
}

/// Stops a running audit from anywhere (a Ctrl-C handler, a web request).
#[derive(Debug, Clone)]
pub struct Stopper(CancellationToken);

impl Stopper {
    pub fn stop(&self) {
        self.0.cancel();
    }

    /// Whether the audit has been stopped.
    pub fn stopped(&self) -> bool {
        self.0.is_cancelled()
    }
}

/// A running audit: the network work goes on in the background while the caller drives
/// the walkthrough and the review; [`Session::finish`] gives the report.
pub struct Session {
    subject: Subject,
    variants: Variants,
    catalog: Catalog,
    plan: Arc<Plan>,
    answers: Option<Answers>,
    date: String,
    shared: Arc<Shared>,
    stop: CancellationToken,
    task: tokio::task::JoinHandle<()>,
    checklist_unfinished: bool,
}

/// What the background work has produced so far.
#[derive(Default)]
struct Shared {
    state: Mutex<Progress>,
    changed: Condvar,
}

#[derive(Default, Clone)]
struct Progress {
    /// Set when the profiles phase has ended (finished or stopped).
    probes: Option<Evidence>,
    /// Each search as it finishes.
    searches: Vec<QueryResult>,
    /// The searches phase has ended; `searches_stopped` when it was cut short.
    searches_done: bool,
    searches_stopped: bool,
    /// The school's website as read, when its address was known.
    school_site: Option<crate::engine::crawl::SiteCrawl>,
    /// The school's website has been read (or there was none to read).
    school_done: bool,
    /// Bumped on every change, so a waiter knows there is something new.
    version: u64,
}

impl Shared {
    fn update(&self, change: impl FnOnce(&mut Progress)) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        change(&mut state);
        state.version += 1;
        self.changed.notify_all();
    }

    fn snapshot(&self) -> Progress {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Progress {
    fn done(&self) -> bool {
        self.probes.is_some() && self.searches_done && self.school_done
    }
}

/// How often a waiter looks again whether the background task has ended abnormally.
const POLL: Duration = Duration::from_millis(200);

impl Session {
    pub fn stopper(&self) -> Stopper {
        Stopper(self.stop.clone())
    }

    /// Stops the network work; what finished is kept.
    pub fn stop(&self) {
        self.stop.cancel();
    }

    /// Whether the audit was stopped before it finished.
    pub fn stopped(&self) -> bool {
        self.stop.is_cancelled()
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn answers(&self) -> Option<&Answers> {
        self.answers.as_ref()
    }

    /// Whether the probes and searches have all ended.
    pub fn network_done(&self) -> bool {
        self.shared.snapshot().done() || self.task.is_finished()
    }

    /// The checklist walkthrough, asked through `prompter` while the network work goes on;
    /// `save` runs after every answer. Questions already answered are not asked again.
    /// An interrupted prompt (Ctrl-C) stops the whole audit and counts as quitting.
    pub fn walk(
        &mut self,
        preselected: &[String],
        prompter: &mut dyn Prompter,
        save: &mut dyn FnMut(&Answers) -> std::io::Result<()>,
    ) -> std::io::Result<Outcome> {
        let Some(answers) = self.answers.as_mut() else {
            return Ok(Outcome::Finished);
        };
        let outcome = checklist::walk(&self.catalog, answers, preselected, prompter, save);
        let outcome = self.interrupted_is_quit(outcome)?;
        self.checklist_unfinished = outcome == Outcome::Quit;
        Ok(outcome)
    }

    /// "Is this you?" for each account or page that may be the person's, asked as soon as
    /// it is known: accounts when the profile checks are done (a site's made-up control
    /// username must have answered first), pages as each search comes back. Returns when
    /// the network work has ended and nothing is left to ask, or the person stops.
    pub fn review(
        &mut self,
        prompter: &mut dyn Prompter,
        save: &mut dyn FnMut(&Answers) -> std::io::Result<()>,
    ) -> std::io::Result<Outcome> {
        if self.answers.is_none() {
            return Ok(Outcome::Finished);
        }
        let matcher = Matcher::for_catalog(&self.subject, &self.variants, &self.catalog);
        // Asked this session: "not sure" is kept too, so it is not asked twice in one run.
        let mut asked: HashSet<String> = HashSet::new();
        let mut progress = self.shared.snapshot();
        loop {
            if self.stopped() {
                return Ok(Outcome::Quit);
            }
            let judged = JudgedSearches::judge(&progress.searches, &matcher);
            let items: Vec<_> = review_items(
                &self.subject,
                &self.catalog,
                progress.probes.as_ref(),
                &judged,
            )
            .into_iter()
            .filter(|item| asked.insert(item.url.clone()))
            .collect();
            let Some(answers) = self.answers.as_mut() else {
                return Ok(Outcome::Finished);
            };
            let outcome = checklist::review(&items, answers, prompter, save);
            if self.interrupted_is_quit(outcome)? == Outcome::Quit {
                return Ok(Outcome::Quit);
            }
            if progress.done() || self.task.is_finished() {
                return Ok(Outcome::Finished);
            }
            progress = self.wait_for_news(progress.version);
        }
    }

    /// Blocks until the network work has ended (finished, stopped or failed).
    pub fn wait(&self) {
        let mut progress = self.shared.snapshot();
        while !progress.done() && !self.task.is_finished() {
            progress = self.wait_for_news(progress.version);
        }
    }

    /// The report of everything that finished, answers included. Waits for the network
    /// work to end: call [`Session::stop`] first to cut it short. Marked partial when the
    /// audit was stopped, a check or search did not run, or the walkthrough was left early.
    pub fn finish(self) -> Report {
        self.wait();
        let progress = self.shared.snapshot();
        let planned = self.plan.probes.len();
        let mut evidence = progress.probes.unwrap_or_else(|| Evidence {
            partial: true,
            planned,
            ..Evidence::default()
        });
        evidence.partial |= !progress.searches_done || progress.searches_stopped;
        evidence.searches = progress.searches;
        let mut report = assess::assess(&Input {
            subject: &self.subject,
            variants: &self.variants,
            evidence: &evidence,
            answers: self.answers.as_ref(),
            catalog: &self.catalog,
            date: self.date.clone(),
        });
        report.partial |= self.stop.is_cancelled() || self.checklist_unfinished;
        if let Some(crawl) = &progress.school_site {
            report.partial |= crawl.partial;
            report
                .findings
                .extend(crate::school_scan::audit_findings(&self.subject, crawl));
            report.findings.sort_by(|a, b| {
                b.severity
                    .cmp(&a.severity)
                    .then(b.confidence.cmp(&a.confidence))
                    .then(b.kind.cmp(&a.kind))
            });
        }
        report
    }

    /// Waits until something newer than version `seen` is known or the work has ended.
    fn wait_for_news(&self, seen: u64) -> Progress {
        let mut state = self
            .shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // The timeout only guards against a background task that ended without a word.
        while state.version == seen && !state.done() && !self.task.is_finished() {
            state = self
                .shared
                .changed
                .wait_timeout(state, POLL)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        state.clone()
    }

    /// Ctrl-C at a prompt arrives as an interrupted read, and a prompt whose terminal went
    /// away after a stop fails: both stop the audit and count as the person quitting, so
    /// their answers and what finished still make a report.
    fn interrupted_is_quit(&self, outcome: std::io::Result<Outcome>) -> std::io::Result<Outcome> {
        match outcome {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted || self.stopped() => {
                self.stop();
                Ok(Outcome::Quit)
            }
            other => other,
        }
    }
}

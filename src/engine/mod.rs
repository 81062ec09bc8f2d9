//! The engine: the only code that touches the network. It runs a [`Plan`]'s probes
//! concurrently (a global limit, per-host politeness, timeouts, retries and backoff) and
//! turns each answer into honest [`Evidence`] with [`detect`].

pub mod crawl;
pub mod detect;
mod exchange;
mod fetch;
mod politeness;
mod result;
pub mod retry;
pub mod search;
mod summary;

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use reqwest::Client;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::catalog::Site;
use crate::evidence::{Evidence, ProbeResult, UnknownReason};
use crate::plan::{Plan, PlannedProbe};
use exchange::Exchange;
use fetch::Fetched;
use politeness::{Host, origin};
use result::{
    blank_result, discredit_unreliable_sites, health, judge, prepare, request_for, with_response,
};

/// What findable says it is, to every site and search engine it asks: the program, its
/// version and where it comes from, and nothing about the person using it (that they work
/// in a school is theirs to keep). The project's address comes from `repository` in
/// Cargo.toml once it has one.
pub fn user_agent() -> String {
    let about = "open-source privacy self-check; reads public pages only, never logs in";
    match env!("CARGO_PKG_REPOSITORY") {
        "" => format!("findable/{} ({about})", env!("CARGO_PKG_VERSION")),
        home => format!("findable/{} ({about}; +{home})", env!("CARGO_PKG_VERSION")),
    }
}

#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// Requests in flight at once across all hosts; only bounds local resources.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
    /// Whole request, body included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_body: usize,
    pub max_redirects: usize,
    /// Retries after a connection error or a 5xx.
    pub retries: u32,
    /// Retries after a 429 or 503, each after the wait the server asked for.
    pub rate_limit_retries: u32,
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
    /// A server asking for a longer wait than this is given up on at once.
    pub max_retry_after: Duration,
    /// Honour HTTP(S)_PROXY and friends (school networks often need them).
    pub system_proxy: bool,
    /// How long an unused connection is kept for the next request to its host.
    pub keep_idle: Duration,
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self {
            concurrency: 128,
            per_host: 2,
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            max_body: 2 * 1024 * 1024,
            max_redirects: 5,
            retries: 2,
            rate_limit_retries: 2,
            backoff_base: Duration::from_millis(500),
            backoff_cap: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
            system_proxy: true,
            keep_idle: Duration::from_secs(90),
        }
    }
}

impl EngineConfig {
    /// Keeps an unused connection only a little longer than the longest gap `plan` leaves
    /// between two requests to one host: hosts that are done do not hold buffers open.
    pub fn for_plan(mut self, plan: &Plan) -> Self {
        let longest = plan
            .sites
            .iter()
            .filter_map(|s| s.min_interval_ms)
            .max()
            .unwrap_or(0);
        self.keep_idle = Duration::from_millis(longest) + Duration::from_secs(1);
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("cannot set up the HTTP client: {0}")]
    Client(#[from] reqwest::Error),
}

pub struct Engine {
    client: Client,
    config: EngineConfig,
}

/// Shared by every probe task of one run.
struct Run {
    client: Client,
    config: EngineConfig,
    global: Semaphore,
}

enum Job {
    Probe(usize),
    Control(usize),
}

/// A planned probe waiting for its host's turn: `at` indexes the run's planned probes.
/// Its request and result are made only when its turn comes, so thousands of waiting
/// probes hold no more than this.
struct Ready {
    job: Job,
    at: usize,
    site: Arc<Site>,
}

impl Engine {
    pub fn new(config: EngineConfig) -> Result<Self, EngineError> {
        let mut builder = Client::builder()
            .user_agent(user_agent())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout.min(config.timeout))
            .pool_max_idle_per_host(config.per_host.max(1))
            .pool_idle_timeout(config.keep_idle);
        if !config.system_proxy {
            builder = builder.no_proxy();
        }
        Ok(Self {
            client: builder.build()?,
            config,
        })
    }

    /// Runs every probe and control in `plan`. `on_result` sees each probe result as it
    /// arrives (for progress); `cancel` resolving stops the run, and the evidence then
    /// holds what finished, marked partial.
    pub async fn run(
        &self,
        plan: &Plan,
        mut on_result: impl FnMut(&ProbeResult),
        cancel: impl Future<Output = ()>,
    ) -> Evidence {
        let run = Arc::new(Run {
            client: self.client.clone(),
            config: self.config.clone(),
            global: Semaphore::new(self.config.concurrency.max(1)),
        });
        let sites: HashMap<&str, Arc<Site>> = plan
            .sites
            .iter()
            .map(|s| (s.name.as_str(), Arc::new(s.clone())))
            .collect();
        let mut probes: Vec<Option<ProbeResult>> = vec![None; plan.probes.len()];
        let mut controls: Vec<Option<ProbeResult>> = vec![None; plan.controls.len()];
        let mut keep = |job, result: ProbeResult| match job {
            Job::Probe(i) => {
                on_result(&result);
                probes[i] = Some(result);
            }
            Job::Control(i) => controls[i] = Some(result),
        };
        // Controls go first so each host answers them before the real probes.
        let planned: Arc<[PlannedProbe]> =
            plan.controls.iter().chain(&plan.probes).cloned().collect();
        let jobs = (0..plan.controls.len())
            .map(Job::Control)
            .chain((0..plan.probes.len()).map(Job::Probe));
        let mut ready = Vec::new();
        for (at, job) in jobs.enumerate() {
            match request_for(&sites, &planned[at]) {
                Ok((site, request)) => ready.push((origin(&request.url), job, at, site)),
                Err((reason, detail)) => {
                    keep(job, blank_result(&planned[at]).unknown(reason, detail));
                }
            }
        }
        // Every host, with its interval, is known before the first request goes out.
        let hosts = politeness::by_origin(
            ready.into_iter().map(|(origin, job, at, site)| {
                let interval = Duration::from_millis(site.min_interval_ms.unwrap_or(0));
                (origin, interval, Ready { job, at, site })
            }),
            self.config.per_host,
            self.config.timeout,
        );
        // A few workers per host (as many as it may have requests in flight) take its
        // probes in order, rather than a task per probe: thousands of waiting futures
        // would cost memory for nothing. Hosts take turns, twice as many at once as the
        // global limit can keep busy (so a host finishing leaves no request slot idle),
        // and connections are open to the hosts being asked rather than to every host of
        // a long list at once.
        let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
        let per_host = self.config.per_host.max(1);
        let hosts_at_once = Arc::new(Semaphore::new(
            (2 * self.config.concurrency.max(1) / per_host).max(1),
        ));
        let mut tasks = JoinSet::new();
        for (host, group) in hosts {
            let (run, sender, hosts_at_once) = (run.clone(), sender.clone(), hosts_at_once.clone());
            let planned = planned.clone();
            tasks.spawn(async move {
                let Ok(_admitted) = hosts_at_once.acquire().await else {
                    return;
                };
                let workers = per_host.min(group.len());
                let queue = Arc::new(Mutex::new(VecDeque::from(group)));
                let mut workers_set = JoinSet::new();
                for _ in 0..workers {
                    let (run, host, queue) = (run.clone(), host.clone(), queue.clone());
                    let (sender, planned) = (sender.clone(), planned.clone());
                    workers_set.spawn(async move {
                        loop {
                            let next = queue
                                .lock()
                                .unwrap_or_else(PoisonError::into_inner)
                                .pop_front();
                            let Some(probe) = next else { break };
                            let done = run.probe(probe, &planned, &host).await;
                            if sender.send(done).is_err() {
                                break;
                            }
                        }
                    });
                }
                while let Some(done) = workers_set.join_next().await {
                    // A worker only ends abnormally if it panicked: pass that on.
                    if let Err(e) = done
                        && e.is_panic()
                    {
                        std::panic::resume_unwind(e.into_panic());
                    }
                }
            });
        }
        drop(sender);
        tokio::pin!(cancel);
        let mut partial = false;
        loop {
            tokio::select! {
                next = receiver.recv() => match next {
                    Some((job, result)) => keep(job, result),
                    None => break,
                },
                () = &mut cancel => {
                    tasks.abort_all();
                    partial = true;
                    break;
                }
            }
        }
        // A worker only ends abnormally if it panicked; the probes it had not done stay
        // empty and the run is reported as partial rather than wrong.
        while let Some(done) = tasks.try_join_next() {
            partial |= done.is_err_and(|e| e.is_panic());
        }
        let controls: Vec<ProbeResult> = controls.into_iter().flatten().collect();
        let mut probes: Vec<ProbeResult> = probes.into_iter().flatten().collect();
        discredit_unreliable_sites(&mut probes, &controls);
        Evidence {
            partial: partial || probes.len() < plan.probes.len(),
            planned: plan.probes.len(),
            probes,
            controls,
            searches: Vec::new(),
            site_list: plan.site_list.clone(),
        }
    }
}

impl Run {
    async fn probe(
        &self,
        probe: Ready,
        planned: &[PlannedProbe],
        host: &Host,
    ) -> (Job, ProbeResult) {
        let Ready { job, at, site } = probe;
        let base = blank_result(&planned[at]);
        let request = match prepare(&site, &base.username) {
            Ok(request) => request,
            Err(detail) => return (job, base.unknown(UnknownReason::Unrecognised, detail)),
        };
        let exchange = Exchange {
            client: &self.client,
            config: &self.config,
            global: &self.global,
            host,
        };
        let username = &base.username;
        let enough = |body: &[u8]| detect::body_settled(&site.detection, username, body);
        let read = |fetched: Fetched| {
            let result = judge(base.clone(), &site, username, &fetched);
            let health = health(&result);
            (result, health)
        };
        let own: Vec<u16> = [&site.detection.exists, &site.detection.absent]
            .into_iter()
            .flatten()
            .flat_map(|rule| rule.status.iter().copied())
            .collect();
        let result = match exchange.send(&request, &own, enough, read).await {
            Ok(result) => result,
            Err(unanswered) => {
                let base = match &unanswered.fetched {
                    Some(fetched) => with_response(base, fetched),
                    None => base,
                };
                base.unknown(unanswered.reason, unanswered.detail)
            }
        };
        (job, result)
    }
}

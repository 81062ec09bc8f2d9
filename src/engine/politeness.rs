//! Per-host politeness: at most N requests in flight to one origin, a minimum gap between
//! them, a pause every request to that host respects after a 429, and giving up on a host
//! that keeps failing or refusing, keeps asking for long waits, or has used its time budget.
//! Hosts are made once, before anything is sent.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::{Notify, Semaphore, SemaphorePermit};
use tokio::time::Instant;

use crate::evidence::UnknownReason;

/// Failures of one kind in a row (failed exchanges, bot walls, login pages) after which
/// the rest of a host's probes are not sent.
const FAILURES_BEFORE_GIVING_UP: u32 = 3;

/// Request timeouts a host may take beyond its share of rounds: room for one long wait and
/// a few retries before its budget is spent.
const BUDGET_SLACK: u32 = 3;

pub struct Host {
    slots: Semaphore,
    interval: Duration,
    /// The longest this host's probes may take from its first request; `None` for no limit.
    budget: Option<Duration>,
    /// Wakes probes waiting for their turn when the host is given up.
    wake: Notify,
    state: Mutex<State>,
}

struct State {
    /// No request starts before this: an interval after the last start and after the last
    /// end, or a 429's pause.
    next_start: Instant,
    failing: Option<Streak>,
    /// When the host's budget runs out, from its first request.
    deadline: Option<Instant>,
    /// Long waits (longer than a request may take) the host asked for and got.
    long_waits: u32,
    /// Set when findable stopped asking this host for good.
    stopped: Option<(UnknownReason, String)>,
}

/// Why an exchange counts toward giving up on a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// No answer: a timeout, a refused or reset connection, a failed lookup.
    Network,
    /// A bot wall, captcha or refusal instead of the page.
    Blocked,
    /// A login page instead of the page.
    LoginWall,
}

/// Failures of one kind in a row, counted per kind so that the probes not sent can say
/// exactly what made findable stop asking.
struct Streak {
    failure: Failure,
    count: u32,
    last_detail: String,
}

/// Why a probe was not sent: the host was given up on.
#[derive(Debug)]
pub struct GivenUp {
    pub reason: UnknownReason,
    pub detail: String,
}

/// The right to send one request to a host now; hand it back (drop it) only once
/// everything the answer says about the host has been recorded.
pub struct Turn<'a> {
    _slot: SemaphorePermit<'a>,
    _global: SemaphorePermit<'a>,
}

impl Host {
    pub fn new(per_host: usize, interval: Duration) -> Self {
        Self {
            slots: Semaphore::new(per_host.max(1)),
            interval,
            budget: None,
            wake: Notify::new(),
            state: Mutex::new(State {
                next_start: Instant::now(),
                failing: None,
                deadline: None,
                long_waits: 0,
                stopped: None,
            }),
        }
    }

    /// The same host with at most `budget` for all its probes, from its first request.
    pub fn with_budget(mut self, budget: Duration) -> Self {
        self.budget = Some(budget);
        self
    }

    /// The time findable gives a host: its share of rounds at the per-host limit, each up
    /// to a request timeout plus its interval, and some slack for retries and one wait.
    pub fn budget_for(
        requests: usize,
        per_host: usize,
        timeout: Duration,
        interval: Duration,
    ) -> Duration {
        let rounds = u32::try_from(requests.div_ceil(per_host.max(1))).unwrap_or(u32::MAX);
        let requests = u32::try_from(requests).unwrap_or(u32::MAX);
        timeout.saturating_mul(rounds.saturating_add(BUDGET_SLACK))
            + interval.saturating_mul(requests)
    }

    /// The host asked for `wait` (a 429 or 503's Retry-After). Pauses every request to it,
    /// or gives up on it, with why, when the wait is more than it may take: longer than
    /// `max_wait`, past its budget, or a second long wait (longer than `timeout`) after
    /// the first was served.
    pub fn asked_to_wait(
        &self,
        wait: Duration,
        timeout: Duration,
        max_wait: Duration,
    ) -> Result<(), String> {
        let mut state = self.state();
        let now = Instant::now();
        let until = now + wait;
        let secs = wait.as_secs();
        let why = if wait > max_wait {
            Some(format!("the site asked findable to wait {secs}s"))
        } else if state.deadline.is_some_and(|d| until > d) {
            Some(format!(
                "the site asked findable to wait {secs}s, past the time findable gives one site"
            ))
        } else if wait > timeout && state.next_start <= now && state.long_waits >= 1 {
            Some(format!(
                "the site kept asking findable to wait ({secs}s again)"
            ))
        } else {
            None
        };
        if let Some(why) = why {
            state.stopped = Some((UnknownReason::RateLimited, format!("not tried: {why}")));
            drop(state);
            self.wake.notify_waiters();
            return Err(why);
        }
        if wait > timeout && state.next_start <= now {
            state.long_waits += 1;
        }
        state.next_start = state.next_start.max(until);
        Ok(())
    }

    /// Waits for a free slot on this host, a place under the `global` limit, and the
    /// host's next allowed start.
    pub async fn turn<'a>(&'a self, global: &'a Semaphore) -> Result<Turn<'a>, GivenUp> {
        let stopped = |_| GivenUp {
            reason: UnknownReason::Network,
            detail: "stopped".into(),
        };
        let slot = self.slots.acquire().await.map_err(stopped)?;
        loop {
            let global = global.acquire().await.map_err(stopped)?;
            // Decided at the last moment before sending: while this probe queued or slept,
            // another may have started (the interval) or read a 429 (the pause).
            match self.claim_start()? {
                None => {
                    return Ok(Turn {
                        _slot: slot,
                        _global: global,
                    });
                }
                Some(not_before) => {
                    drop(global);
                    // Giving up on the host wakes every probe waiting here.
                    tokio::select! {
                        () = tokio::time::sleep_until(not_before) => {}
                        () = self.wake.notified() => {}
                    }
                }
            }
        }
    }

    /// Starts a request now if the host allows it (`None`), else says when to look again.
    fn claim_start(&self) -> Result<Option<Instant>, GivenUp> {
        let mut state = self.state();
        if let Some(given_up) = state.given_up() {
            return Err(given_up);
        }
        let now = Instant::now();
        if let Some(budget) = self.budget {
            let deadline = *state.deadline.get_or_insert(now + budget);
            if now >= deadline {
                let detail = format!(
                    "not tried: findable gives one site {}s and this one had used it",
                    budget.as_secs()
                );
                let reason = match state.failing.as_ref().map(|s| s.failure) {
                    Some(Failure::Blocked) => UnknownReason::Blocked,
                    Some(Failure::LoginWall) => UnknownReason::LoginWall,
                    _ if state.long_waits > 0 => UnknownReason::RateLimited,
                    _ => UnknownReason::Network,
                };
                return Err(GivenUp { reason, detail });
            }
        }
        if state.next_start > now {
            return Ok(Some(state.next_start));
        }
        state.next_start = now + self.interval;
        Ok(None)
    }

    /// Records how an exchange ended: `Ok` for an answer worth reading, which ends any
    /// streak of failures.
    pub fn record(&self, outcome: Result<(), (Failure, String)>) {
        let mut state = self.state();
        match (outcome, &mut state.failing) {
            (Ok(()), failing) => *failing = None,
            (Err((failure, detail)), Some(streak)) if streak.failure == failure => {
                streak.count += 1;
                streak.last_detail = detail;
            }
            (Err((failure, detail)), failing) => {
                *failing = Some(Streak {
                    failure,
                    count: 1,
                    last_detail: detail,
                });
            }
        }
    }

    /// A request to this host has ended, answered or not: by now it has reached the host
    /// or never will. The next one waits a full interval from here, so the gap the host
    /// sees is not cut short by the time this one spent connecting.
    pub fn request_ended(&self) {
        let mut state = self.state();
        state.next_start = state.next_start.max(Instant::now() + self.interval);
    }

    /// Nobody starts a request to this host before `until` (after a 429's Retry-After).
    pub fn pause_until(&self, until: Instant) {
        let mut state = self.state();
        state.next_start = state.next_start.max(until);
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // Nothing panics while holding the lock; if something did, the times and counts
        // are still usable.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl State {
    fn given_up(&self) -> Option<GivenUp> {
        if let Some((reason, detail)) = &self.stopped {
            return Some(GivenUp {
                reason: *reason,
                detail: detail.clone(),
            });
        }
        let streak = self
            .failing
            .as_ref()
            .filter(|s| s.count >= FAILURES_BEFORE_GIVING_UP)?;
        let (n, detail) = (FAILURES_BEFORE_GIVING_UP, &streak.last_detail);
        let (reason, detail) = match streak.failure {
            Failure::Network => (
                UnknownReason::Network,
                format!("not tried: earlier requests to this site failed ({detail})"),
            ),
            Failure::Blocked => (
                UnknownReason::Blocked,
                format!("not tried: the site blocked the last {n} checks ({detail})"),
            ),
            Failure::LoginWall => (
                UnknownReason::LoginWall,
                format!(
                    "not tried: the site showed a login page for the last {n} checks ({detail})"
                ),
            ),
        };
        Some(GivenUp { reason, detail })
    }
}

/// Groups requests by origin with one [`Host`] per origin, before anything is sent. Each
/// request is `(origin, the interval its site asks for, payload)`; a host's interval is the
/// largest of its requests', so every request to it, from the first, keeps the strictest
/// site's pace. Payloads keep their order within a host.
/// Each host gets the time budget of [`Host::budget_for`] from its number of requests and
/// `timeout`.
pub fn by_origin<T>(
    requests: impl IntoIterator<Item = (String, Duration, T)>,
    per_host: usize,
    timeout: Duration,
) -> Vec<(Arc<Host>, Vec<T>)> {
    let mut groups: HashMap<String, (Duration, Vec<T>)> = HashMap::new();
    for (origin, interval, payload) in requests {
        let (largest, payloads) = groups.entry(origin).or_default();
        *largest = (*largest).max(interval);
        payloads.push(payload);
    }
    groups
        .into_values()
        .map(|(interval, payloads)| {
            let budget = Host::budget_for(payloads.len(), per_host, timeout, interval);
            let host = Host::new(per_host, interval).with_budget(budget);
            (Arc::new(host), payloads)
        })
        .collect()
}

/// `scheme://host:port` of a URL: the unit of politeness.
pub fn origin(url: &url::Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or(0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn a_shared_origin_takes_its_strictest_interval() {
        let requests = [
            ("http://a:80", Duration::ZERO, 1),
            ("http://b:80", 50 * MS, 2),
            ("http://a:80", 200 * MS, 3),
            ("http://a:80", 10 * MS, 4),
        ]
        .map(|(origin, interval, n)| (origin.to_string(), interval, n));
        let mut hosts = by_origin(requests, 2, Duration::from_secs(10));
        hosts.sort_by_key(|(_, payloads)| payloads[0]);
        let shape: Vec<_> = hosts
            .iter()
            .map(|(host, payloads)| (host.interval, payloads.clone()))
            .collect();
        assert_eq!(shape, [(200 * MS, vec![1, 3, 4]), (50 * MS, vec![2])]);
    }

    #[test]
    fn a_host_is_given_up_after_three_failures_of_one_kind_in_a_row() {
        let host = Host::new(2, Duration::ZERO);
        let blocked = || Err((Failure::Blocked, "HTTP 403: forbidden".to_string()));
        host.record(blocked());
        host.record(blocked());
        host.record(Ok(()));
        host.record(blocked());
        host.record(Err((Failure::LoginWall, "redirected to /login".into())));
        host.record(blocked());
        host.record(blocked());
        assert!(
            host.claim_start().is_ok(),
            "no three of a kind in a row yet"
        );
        host.record(blocked());
        let given_up = host.claim_start().expect_err("given up");
        assert_eq!(given_up.reason, UnknownReason::Blocked);
        assert_eq!(
            given_up.detail,
            "not tried: the site blocked the last 3 checks (HTTP 403: forbidden)"
        );
    }

    #[tokio::test]
    async fn a_probe_waiting_for_the_interval_respects_a_pause_set_meanwhile() {
        let host = Arc::new(Host::new(2, 100 * MS));
        let global = Arc::new(Semaphore::new(10));
        let first = host.turn(&global).await.expect("first turn");
        let second = tokio::spawn({
            let (host, global) = (host.clone(), global.clone());
            async move {
                let _turn = host.turn(&global).await.expect("second turn");
                Instant::now()
            }
        });
        // The second probe is asleep until the interval is over when the first reads a
        // 429 and, still holding its turn, pauses the host.
        tokio::time::sleep(20 * MS).await;
        let paused_until = Instant::now() + 300 * MS;
        host.pause_until(paused_until);
        drop(first);
        let started = tokio::time::timeout(Duration::from_secs(30), second)
            .await
            .expect("the second probe gets its turn")
            .expect("the second probe's task");
        assert!(started >= paused_until, "started before the pause ended");
    }

    #[tokio::test]
    async fn the_interval_also_runs_from_the_end_of_a_slow_request() {
        let host = Host::new(2, 100 * MS);
        let global = Semaphore::new(10);
        let first = host.turn(&global).await.expect("first turn");
        // Connecting and answering took longer than the interval.
        tokio::time::sleep(150 * MS).await;
        host.request_ended();
        let ended = Instant::now();
        drop(first);
        let _second = host.turn(&global).await.expect("second turn");
        assert!(
            Instant::now() >= ended + 100 * MS,
            "started too soon after the end"
        );
    }
}

//! Per-host politeness: at most N requests in flight to one origin, an optional minimum
//! gap between them, and a pause every probe to that host respects after a 429. Hosts are
//! made once, before anything is sent.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};
use tokio::time::Instant;

/// Failed exchanges in a row (timeouts, refused or reset connections, failed lookups)
/// after which the rest of a host's probes are not sent.
const FAILURES_BEFORE_GIVING_UP: u32 = 3;

pub struct Host {
    slots: Semaphore,
    interval: Duration,
    state: Mutex<State>,
}

struct State {
    /// No request starts before this: an interval after the last start, or a 429's pause.
    next_start: Instant,
    health: Health,
}

/// Consecutive failed exchanges, so a host that is down (or a machine with no network) is
/// given up on after a few tries instead of costing every remaining probe its retries.
#[derive(Default)]
struct Health {
    failures: u32,
    last_error: String,
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
            state: Mutex::new(State {
                next_start: Instant::now(),
                health: Health::default(),
            }),
        }
    }

    /// Waits for a free slot on this host, a place under the `global` limit, and the
    /// host's next allowed start. `Err` carries the error that made the host be given up
    /// on while this probe waited its turn.
    pub async fn turn<'a>(&'a self, global: &'a Semaphore) -> Result<Turn<'a>, String> {
        let stopped = |_| "stopped".to_string();
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
                    tokio::time::sleep_until(not_before).await;
                }
            }
        }
    }

    /// Starts a request now if the host allows it (`None`), else says when to look again.
    fn claim_start(&self) -> Result<Option<Instant>, String> {
        let mut state = self.state();
        if state.health.failures >= FAILURES_BEFORE_GIVING_UP {
            return Err(state.health.last_error.clone());
        }
        let now = Instant::now();
        if state.next_start > now {
            return Ok(Some(state.next_start));
        }
        state.next_start = now + self.interval;
        Ok(None)
    }

    /// Records how a probe to this host ended: `Some(error)` when it never got an answer.
    pub fn record(&self, error: Option<&str>) {
        let health = &mut self.state().health;
        match error {
            Some(e) => {
                health.failures += 1;
                health.last_error = e.to_string();
            }
            None => health.failures = 0,
        }
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

/// Groups requests by origin with one [`Host`] per origin, before anything is sent. Each
/// request is `(origin, the interval its site asks for, payload)`; a host's interval is the
/// largest of its requests', so every request to it, from the first, keeps the strictest
/// site's pace. Payloads keep their order within a host.
pub fn by_origin<T>(
    requests: impl IntoIterator<Item = (String, Duration, T)>,
    per_host: usize,
) -> Vec<(Arc<Host>, Vec<T>)> {
    let mut groups: HashMap<String, (Duration, Vec<T>)> = HashMap::new();
    for (origin, interval, payload) in requests {
        let (largest, payloads) = groups.entry(origin).or_default();
        *largest = (*largest).max(interval);
        payloads.push(payload);
    }
    groups
        .into_values()
        .map(|(interval, payloads)| (Arc::new(Host::new(per_host, interval)), payloads))
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
        let mut hosts = by_origin(requests, 2);
        hosts.sort_by_key(|(_, payloads)| payloads[0]);
        let shape: Vec<_> = hosts
            .iter()
            .map(|(host, payloads)| (host.interval, payloads.clone()))
            .collect();
        assert_eq!(shape, [(200 * MS, vec![1, 3, 4]), (50 * MS, vec![2])]);
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
}

//! Per-host politeness: at most N requests in flight to one origin, an optional minimum
//! gap between them, and a pause every probe to that host respects after a 429.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

pub struct Host {
    slots: Arc<Semaphore>,
    next_start: Mutex<Instant>,
    interval: Duration,
    health: Arc<Mutex<Health>>,
}

/// Consecutive failed exchanges, so a host that is down (or a machine with no network) is
/// given up on after a few tries instead of costing every remaining probe its retries.
#[derive(Default)]
struct Health {
    failures: u32,
    last_error: String,
}

/// Failed exchanges in a row (timeouts, refused or reset connections, failed lookups)
/// after which the rest of a host's probes are not sent.
const FAILURES_BEFORE_GIVING_UP: u32 = 3;

impl Host {
    /// Waits for a free slot and for the host's next allowed start time. `Err` carries the
    /// error that made the host be given up on while this probe waited its turn.
    pub async fn acquire(&self) -> Result<OwnedSemaphorePermit, String> {
        let permit = self
            .slots
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| "stopped".to_string())?;
        // Checked after the wait, so queued probes to a dead host do not each reserve
        // (and sleep through) a polite interval.
        if let Some(error) = self.given_up() {
            return Err(error);
        }
        let start = {
            let mut next = self
                .next_start
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let start = (*next).max(Instant::now());
            *next = start + self.interval;
            start
        };
        tokio::time::sleep_until(start).await;
        Ok(permit)
    }

    /// The error that made this host be given up on, if it has been.
    pub fn given_up(&self) -> Option<String> {
        let health = self.health.lock().unwrap_or_else(PoisonError::into_inner);
        (health.failures >= FAILURES_BEFORE_GIVING_UP).then(|| health.last_error.clone())
    }

    /// Records how a probe to this host ended: `Some(error)` when it never got an answer.
    pub fn record(&self, error: Option<&str>) {
        let mut health = self.health.lock().unwrap_or_else(PoisonError::into_inner);
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
        let mut next = self
            .next_start
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *next = (*next).max(until);
    }
}

/// All hosts seen in a run, created on first use.
pub struct HostPool {
    per_host: usize,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
}

impl HostPool {
    pub fn new(per_host: usize) -> Self {
        Self {
            per_host: per_host.max(1),
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// The host for `origin`; the interval is the largest any of its sites asked for.
    pub fn host(&self, origin: &str, interval: Duration) -> Arc<Host> {
        let mut hosts = self.hosts.lock().unwrap_or_else(PoisonError::into_inner);
        let host = hosts.entry(origin.to_string()).or_insert_with(|| {
            Arc::new(Host {
                slots: Arc::new(Semaphore::new(self.per_host)),
                next_start: Mutex::new(Instant::now()),
                interval,
                health: Arc::default(),
            })
        });
        if host.interval < interval {
            // A stricter site on a shared host wins; keep its queue position.
            let next = *host
                .next_start
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            *host = Arc::new(Host {
                slots: host.slots.clone(),
                next_start: Mutex::new(next),
                interval,
                health: host.health.clone(),
            });
        }
        host.clone()
    }
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

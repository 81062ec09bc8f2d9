//! Per-host politeness: at most N requests in flight to one origin, an optional minimum
//! gap between them, and a pause every probe to that host respects after a 429. Hosts are
//! made once, before anything is sent.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};
use tokio::time::Instant;

pub struct Host {
    slots: Semaphore,
    next_start: Mutex<Instant>,
    interval: Duration,
    health: Mutex<Health>,
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
    pub fn new(per_host: usize, interval: Duration) -> Self {
        Self {
            slots: Semaphore::new(per_host.max(1)),
            next_start: Mutex::new(Instant::now()),
            interval,
            health: Mutex::default(),
        }
    }

    /// Waits for a free slot and for the host's next allowed start time. `Err` carries the
    /// error that made the host be given up on while this probe waited its turn.
    pub async fn acquire(&self) -> Result<SemaphorePermit<'_>, String> {
        let permit = self
            .slots
            .acquire()
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
}

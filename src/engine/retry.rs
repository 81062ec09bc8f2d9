//! When to try again and how long to wait: jittered exponential backoff for connection
//! errors and server errors, and the server's own `Retry-After` for 429 and 503.

use std::time::{Duration, SystemTime};

/// Backoff before retry number `attempt` (1-based): base x 2^(attempt-1), jittered by
/// +/-50% so many probes retrying at once do not arrive together, capped at `cap`.
pub fn backoff(base: Duration, attempt: u32, cap: Duration, rng: &mut fastrand::Rng) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
    let jitter = 0.5 + rng.f64();
    exp.mul_f64(jitter).min(cap)
}

/// Parses `Retry-After`: delay-seconds or an HTTP date (RFC 9110 section 10.2.3).
/// `None` when absent or unreadable; a date in the past means "now".
pub fn retry_after(value: Option<&str>, now: SystemTime) -> Option<Duration> {
    let value = value?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = jiff::fmt::rfc2822::parse(value).ok()?;
    let when = SystemTime::from(when.timestamp());
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let mut rng = fastrand::Rng::with_seed(7);
        let base = Duration::from_millis(100);
        let cap = Duration::from_secs(1);
        let first = backoff(base, 1, cap, &mut rng);
        assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(150));
        let third = backoff(base, 3, cap, &mut rng);
        assert!(third >= Duration::from_millis(200) && third <= Duration::from_millis(600));
        assert_eq!(backoff(base, 30, cap, &mut rng), cap);
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(
            retry_after(Some("120"), now),
            Some(Duration::from_secs(120))
        );
        // 784111777 is Sun, 06 Nov 1994 08:49:37 GMT.
        assert_eq!(
            retry_after(Some("Sun, 06 Nov 1994 08:50:37 GMT"), now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            retry_after(Some("Sun, 06 Nov 1994 08:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(Some("soon"), now), None);
        assert_eq!(retry_after(None, now), None);
    }
}

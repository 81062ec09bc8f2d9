//! One polite exchange with a host: wait for the host's turn, send, and retry within the
//! budget (backoff after connection errors and 5xx, the server's own wait after 429/503).
//! Shared by profile probes and search queries so both follow the same rules.

use std::time::{Duration, SystemTime};

use reqwest::Client;
use tokio::sync::Semaphore;

use super::EngineConfig;
use super::fetch::{self, FetchError, Fetched, Prepared};
use super::politeness::{Failure, Host};
use super::retry;
use crate::evidence::UnknownReason;

/// Why no answer worth reading came back.
#[derive(Debug)]
pub struct Unanswered {
    pub reason: UnknownReason,
    pub detail: String,
    /// The last response, when there was one (a final 429, say).
    pub fetched: Option<Fetched>,
}

impl Unanswered {
    fn new(reason: UnknownReason, detail: String) -> Self {
        Self {
            reason,
            detail,
            fetched: None,
        }
    }
}

pub struct Exchange<'a> {
    pub client: &'a Client,
    pub config: &'a EngineConfig,
    pub global: &'a Semaphore,
    pub host: &'a Host,
}

impl Exchange<'_> {
    /// Sends `request` until it gets an answer worth reading, and hands that to `read`,
    /// which also says whether the answer counts against the host (a bot wall, say).
    /// `enough` lets the body read stop early once the caller has what it needs. `own`
    /// lists statuses the caller's rules read as an answer (a site whose missing page is a
    /// 503): those are read, not retried or taken for a rate limit.
    pub async fn send<T>(
        &self,
        request: &Prepared,
        own: &[u16],
        enough: impl Fn(&[u8]) -> bool,
        read: impl FnOnce(Fetched) -> (T, Result<(), (Failure, String)>),
    ) -> Result<T, Unanswered> {
        let cfg = self.config;
        let mut rng = fastrand::Rng::new();
        let mut backoff = |n| retry::backoff(cfg.backoff_base, n, cfg.backoff_cap, &mut rng);
        let (mut failures, mut rate_limits) = (0, 0);
        loop {
            let turn = self
                .host
                .turn(self.global)
                .await
                .map_err(|given_up| Unanswered::new(given_up.reason, given_up.detail))?;
            let outcome = fetch::fetch(
                self.client,
                request,
                cfg.max_redirects,
                cfg.max_body,
                &enough,
            )
            .await;
            self.host.request_ended();
            // What the answer says about the host is recorded before the turn is handed
            // on, so the next probe to this host already knows it.
            if let Err(error) = &outcome {
                self.host.record(Err((Failure::Network, error.to_string())));
            }
            let wait = match outcome {
                Err(FetchError::Network(_)) if failures < cfg.retries => {
                    failures += 1;
                    backoff(failures)
                }
                Err(FetchError::Timeout) => {
                    let detail = format!("no answer within {}s", cfg.timeout.as_secs_f32());
                    return Err(Unanswered::new(UnknownReason::Network, detail));
                }
                Err(FetchError::Network(detail)) => {
                    return Err(Unanswered::new(UnknownReason::Network, detail));
                }
                Ok(fetched) if is_rate_limit(&fetched, own) => {
                    let header = fetched.header("retry-after");
                    let asked = retry::retry_after(Some(header), SystemTime::now());
                    let wait = asked.unwrap_or_else(|| backoff(rate_limits + 1));
                    // Every request to this host waits, not just this one; a wait the host
                    // may not have ends its probes here.
                    let paused = self
                        .host
                        .asked_to_wait(wait, cfg.timeout, cfg.max_retry_after);
                    if let Err(why) = paused {
                        let detail = format!("HTTP {}: {why}", fetched.status);
                        return Err(Unanswered {
                            reason: UnknownReason::RateLimited,
                            detail,
                            fetched: Some(fetched),
                        });
                    }
                    if rate_limits >= cfg.rate_limit_retries {
                        let asked_for = asked
                            .map(|w| format!("; asked to wait {}s", w.as_secs()))
                            .unwrap_or_default();
                        let detail = format!(
                            "HTTP {} after {} tries{asked_for}",
                            fetched.status,
                            rate_limits + 1
                        );
                        return Err(Unanswered {
                            reason: UnknownReason::RateLimited,
                            detail,
                            fetched: Some(fetched),
                        });
                    }
                    rate_limits += 1;
                    // The host's pause is this probe's wait too.
                    Duration::ZERO
                }
                Ok(fetched)
                    if fetched.status >= 500
                        && !own.contains(&fetched.status)
                        && failures < cfg.retries =>
                {
                    failures += 1;
                    backoff(failures)
                }
                Ok(fetched) => {
                    let (answer, health) = read(fetched);
                    self.host.record(health);
                    return Ok(answer);
                }
            };
            drop(turn);
            tokio::time::sleep(wait).await;
        }
    }
}

/// 429 always; 503 only when the site's own rules do not name it and it is not a bot
/// challenge (those are judged, not retried).
fn is_rate_limit(fetched: &Fetched, own: &[u16]) -> bool {
    fetched.status == 429
        || (fetched.status == 503
            && !own.contains(&503)
            && !fetched.header("cf-mitigated").contains("challenge")
            && !fetched
                .header("server")
                .to_ascii_lowercase()
                .contains("cloudflare"))
}

//! Running queries on one backend: one at a time, heaviest first, with the backend's
//! minimum gap between requests, and no more requests to a backend once it has blocked us.

use std::future::Future;
use std::time::Duration;

use url::Url;

use super::{Parsed, SearchRequest, brave, duckduckgo, searxng};
use crate::engine::Engine;
use crate::engine::exchange::{Exchange, Unanswered};
use crate::engine::fetch::{Fetched, Prepared};
use crate::engine::politeness::Host;
use crate::evidence::{QueryResult, QueryStatus, UnknownReason};
use crate::plan::queries::PlannedQuery;

/// Where queries go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    SearXng { base: Url },
    DuckDuckGo { base: Url },
    Brave { base: Url, key: String },
}

impl Backend {
    pub fn name(&self) -> &'static str {
        match self {
            Self::SearXng { .. } => "searxng",
            Self::DuckDuckGo { .. } => "duckduckgo",
            Self::Brave { .. } => "brave",
        }
    }

    /// Plain name for messages.
    pub fn label(&self) -> &'static str {
        match self {
            Self::SearXng { .. } => "SearXNG",
            Self::DuckDuckGo { .. } => "DuckDuckGo",
            Self::Brave { .. } => "Brave Search",
        }
    }

    /// The gap between two queries unless the caller sets one: DuckDuckGo has no API and
    /// blocks fast askers; Brave's smallest plan allows one request a second.
    pub fn default_interval(&self) -> Duration {
        match self {
            Self::SearXng { .. } => Duration::from_millis(500),
            Self::DuckDuckGo { .. } => Duration::from_secs(2),
            Self::Brave { .. } => Duration::from_millis(1100),
        }
    }

    fn request(&self, query: &str) -> SearchRequest {
        match self {
            Self::SearXng { base } => searxng::request(base, query),
            Self::DuckDuckGo { base } => duckduckgo::request(base, query),
            Self::Brave { base, key } => brave::request(base, query, key),
        }
    }

    fn parse(&self, fetched: &Fetched) -> Parsed {
        let body = String::from_utf8_lossy(&fetched.body);
        match self {
            Self::SearXng { .. } => searxng::parse(fetched.status, &body),
            Self::DuckDuckGo { .. } => duckduckgo::parse(fetched.status, &body),
            Self::Brave { .. } => brave::parse(fetched.status, &body),
        }
    }
}

impl Engine {
    /// Runs `queries` in order on `backend`. `on_done` sees each result as it arrives;
    /// `cancel` resolving stops the run (the second value is then true).
    pub async fn search(
        &self,
        queries: &[PlannedQuery],
        backend: &Backend,
        interval: Option<Duration>,
        mut on_done: impl FnMut(&QueryResult),
        cancel: impl Future<Output = ()>,
    ) -> (Vec<QueryResult>, bool) {
        let interval = interval.unwrap_or_else(|| backend.default_interval());
        // Every query goes to the backend's own origin: one host, made once.
        let host = Host::new(1, interval);
        let global = tokio::sync::Semaphore::new(1);
        let mut results = Vec::with_capacity(queries.len());
        let mut blocked: Option<String> = None;
        tokio::pin!(cancel);
        for query in queries {
            let result = match &blocked {
                Some(why) => outcome(
                    query,
                    backend,
                    QueryStatus::Blocked,
                    Some(format!(
                        "not run: {} blocked an earlier query ({why}), so findable stopped asking it for this run",
                        backend.label()
                    )),
                ),
                None => {
                    let request = backend.request(&query.text);
                    let exchange = Exchange {
                        client: &self.client,
                        config: &self.config,
                        global: &global,
                        host: &host,
                    };
                    let prepared = Prepared {
                        url: request.url,
                        method: request.method,
                        headers: request.headers,
                        body: request.body,
                        follow_redirects: true,
                    };
                    let read = |fetched: Fetched| {
                        // Brave says when its per-second window reopens; wait that long.
                        if let Backend::Brave { .. } = backend
                            && let Some(wait) = brave::next_allowed_in(&fetched.headers)
                        {
                            host.pause_until(tokio::time::Instant::now() + wait);
                        }
                        (fetched, Ok(()))
                    };
                    let sent = tokio::select! {
                        sent = exchange.send(&prepared, &[], |_| false, read) => sent,
                        () = &mut cancel => return (results, true),
                    };
                    judge(query, backend, sent)
                }
            };
            if result.status == QueryStatus::Blocked && blocked.is_none() {
                blocked = result.reason.clone();
            }
            on_done(&result);
            results.push(result);
        }
        (results, false)
    }
}

fn outcome(
    query: &PlannedQuery,
    backend: &Backend,
    status: QueryStatus,
    reason: Option<String>,
) -> QueryResult {
    QueryResult {
        query: query.text.clone(),
        backend: backend.name().to_string(),
        status,
        reason,
        results: Vec::new(),
        unresponsive_engines: Vec::new(),
    }
}

fn judge(
    query: &PlannedQuery,
    backend: &Backend,
    sent: Result<Fetched, Unanswered>,
) -> QueryResult {
    let label = backend.label();
    match sent {
        Err(u) if u.reason == UnknownReason::RateLimited => outcome(
            query,
            backend,
            QueryStatus::Blocked,
            Some(format!(
                "{label} kept saying too many requests ({})",
                u.detail
            )),
        ),
        Err(u) => outcome(
            query,
            backend,
            QueryStatus::Failed,
            Some(format!("{label} did not answer: {}", u.detail)),
        ),
        Ok(fetched) => match backend.parse(&fetched) {
            Parsed::Results { hits, unresponsive } => {
                let status = if hits.is_empty() {
                    QueryStatus::Empty
                } else {
                    QueryStatus::Ok
                };
                let mut result = outcome(query, backend, status, None);
                result.results = hits;
                result.unresponsive_engines = unresponsive;
                result
            }
            Parsed::Blocked(why) => outcome(query, backend, QueryStatus::Blocked, Some(why)),
            Parsed::Failed(why) => outcome(query, backend, QueryStatus::Failed, Some(why)),
        },
    }
}

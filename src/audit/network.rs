//! The background half of an audit: profile checks and searches on the engine, each
//! result passed on as an event. The audit session runs both side by side; `findable
//! probe` and `findable search` run one each, with the same events.

use std::future::Future;
use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::{AuditEvent, EventSink, Phase, Shared};
use crate::engine::Engine;
use crate::engine::search::Backend;
use crate::evidence::{Evidence, ProbeResult, QueryResult};
use crate::plan::Plan;
use crate::plan::queries::PlannedQuery;

/// Every probe of `plan`, each result told to `events` as it arrives; `stop` resolving
/// cuts the run short (the evidence then says it is partial).
pub async fn check_profiles(
    engine: &Engine,
    plan: &Plan,
    events: &EventSink,
    stop: impl Future<Output = ()>,
) -> Evidence {
    let total = plan.probes.len();
    events(&AuditEvent::Started {
        phase: Phase::Profiles,
        total,
    });
    let mut done = 0;
    let on_result = |result: &ProbeResult| {
        done += 1;
        events(&AuditEvent::Probe {
            result: result.clone(),
            done,
            total,
        });
    };
    let evidence = engine.run(plan, on_result, stop).await;
    events(&AuditEvent::Finished {
        phase: Phase::Profiles,
        stopped: evidence.partial,
    });
    evidence
}

/// `queries` on `backend`, each result told to `events`; the flag says whether `stop`
/// cut them short.
pub async fn search(
    engine: &Engine,
    queries: &[PlannedQuery],
    backend: &Backend,
    events: &EventSink,
    stop: impl Future<Output = ()>,
) -> (Vec<QueryResult>, bool) {
    let total = queries.len();
    events(&AuditEvent::Started {
        phase: Phase::Searches,
        total,
    });
    let mut done = 0;
    let on_result = |result: &QueryResult| {
        done += 1;
        events(&AuditEvent::Search {
            result: result.clone(),
            done,
            total,
        });
    };
    let (results, stopped) = engine.search(queries, backend, None, on_result, stop).await;
    events(&AuditEvent::Finished {
        phase: Phase::Searches,
        stopped,
    });
    (results, stopped)
}

/// Both phases of an audit side by side, keeping what they find in `shared` for the
/// session. Each phase's last event goes out before `shared` says it is done, so once it
/// does the front end may tear its progress down.
pub(super) async fn run(
    engine: Engine,
    plan: Arc<Plan>,
    backend: Option<Backend>,
    school_site: Option<url::Url>,
    shared: Arc<Shared>,
    events: EventSink,
    stop: CancellationToken,
) {
    // Each search is kept as it comes, so "Is this you?" can ask about it at once.
    let keep = shared.clone();
    let forward = events.clone();
    let events: EventSink = Arc::new(move |event: &AuditEvent| {
        if let AuditEvent::Search { result, .. } = event {
            keep.update(|p| p.searches.push(result.clone()));
        }
        forward(event);
    });
    let profiles = async {
        let evidence = check_profiles(&engine, &plan, &events, stop.cancelled()).await;
        shared.update(|p| p.probes = Some(evidence));
    };
    let searches = async {
        let stopped = match &backend {
            Some(backend) => {
                search(&engine, &plan.queries, backend, &events, stop.cancelled())
                    .await
                    .1
            }
            None => false,
        };
        shared.update(|p| {
            p.searches_done = true;
            p.searches_stopped = stopped;
        });
    };
    // The school's own website, read for the person's name and photo, beside the rest.
    let school = async {
        let crawl = match &school_site {
            Some(start) => {
                let options = crate::engine::crawl::CrawlOptions::default();
                Some(
                    engine
                        .crawl(start, &options, |_, _, _| {}, stop.cancelled())
                        .await,
                )
            }
            None => None,
        };
        shared.update(|p| {
            p.school_site = crawl;
            p.school_done = true;
        });
    };
    tokio::join!(profiles, searches, school);
}

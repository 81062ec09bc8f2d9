//! The background half of an audit: profile checks and searches side by side on the
//! engine, each result passed on as an event and kept for the report.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::{AuditEvent, EventSink, Phase, Shared};
use crate::engine::Engine;
use crate::engine::search::Backend;
use crate::plan::Plan;

pub(super) async fn run(
    engine: Engine,
    plan: Arc<Plan>,
    backend: Option<Backend>,
    shared: Arc<Shared>,
    events: EventSink,
    stop: CancellationToken,
) {
    let profiles = async {
        let total = plan.probes.len();
        events(&AuditEvent::Started {
            phase: Phase::Profiles,
            total,
        });
        let mut done = 0;
        let evidence = engine
            .run(
                &plan,
                |result| {
                    done += 1;
                    events(&AuditEvent::Probe {
                        result: result.clone(),
                        done,
                        total,
                    });
                },
                stop.cancelled(),
            )
            .await;
        // The event goes first: once the state says "done", the front end may tear down.
        events(&AuditEvent::Finished {
            phase: Phase::Profiles,
            stopped: evidence.partial,
        });
        shared.update(|p| p.probes = Some(evidence));
    };
    let searches = async {
        let Some(backend) = &backend else {
            shared.update(|p| p.searches_done = true);
            return;
        };
        let total = plan.queries.len();
        events(&AuditEvent::Started {
            phase: Phase::Searches,
            total,
        });
        let mut done = 0;
        let (_, stopped) = engine
            .search(
                &plan.queries,
                backend,
                None,
                |result| {
                    done += 1;
                    shared.update(|p| p.searches.push(result.clone()));
                    events(&AuditEvent::Search {
                        result: result.clone(),
                        done,
                        total,
                    });
                },
                stop.cancelled(),
            )
            .await;
        events(&AuditEvent::Finished {
            phase: Phase::Searches,
            stopped,
        });
        shared.update(|p| {
            p.searches_done = true;
            p.searches_stopped = stopped;
        });
    };
    tokio::join!(profiles, searches);
}

//! A school scan: the website crawled and read for staff names and photos, and accounts that
//! may be pretending to be the school or its staff asked about, side by side on one engine;
//! then one report. `findable school` runs it.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;
use url::Url;

use super::AuditError;
use crate::Catalog;
use crate::engine::crawl::{CrawlOptions, SiteCrawl};
use crate::engine::{Engine, EngineConfig};
use crate::evidence::{Evidence, ProbeResult, ProbeStatus, UnknownReason};
use crate::school_scan::{self, SCHEMA_VERSION, SchoolReport, Staff, Voice, accounts, site};
use crate::subject::Handle;

/// Everything a school scan needs, gathered once by a front end.
pub struct SchoolRequest {
    pub school: String,
    /// The website to crawl (http or https; checked by the front end); `None` skips it.
    pub website: Option<Url>,
    pub staff: Vec<Staff>,
    /// People on a roster who did not agree to be checked (counted, never looked for).
    pub without_consent: usize,
    /// The school's own accounts, never reported.
    pub official: Vec<Handle>,
    pub catalog: Catalog,
    pub crawl: CrawlOptions,
    /// Handles tried per platform at most.
    pub max_handles: usize,
    pub engine: EngineConfig,
    /// Go nowhere: list what to check by hand.
    pub offline: bool,
    pub date: String,
    /// Seed for the made-up control handles; `None` picks one at random.
    pub seed: Option<u64>,
}

/// What a front end hears as the scan goes.
#[derive(Debug, Clone)]
pub enum SchoolEvent {
    /// A page of the website was done.
    Page { done: usize, limit: usize },
    /// A handle was checked.
    Account { done: usize, total: usize },
}

/// Runs the scan. `stop` cancelled cuts it short; the report then says it is partial.
pub async fn scan(
    request: SchoolRequest,
    events: Arc<dyn Fn(&SchoolEvent) + Send + Sync>,
    stop: CancellationToken,
) -> Result<SchoolReport, AuditError> {
    let handles = school_scan::handles(&request.school, &request.staff);
    let plan = accounts::plan(
        &request.catalog,
        &handles,
        request.max_handles,
        request.seed,
    )?;
    let engine = Engine::new(request.engine.clone().for_plan(&plan))?;
    let crawl = async {
        let start = request.website.as_ref()?;
        if request.offline {
            return None;
        }
        let on_page = |_: &str, done, limit| events(&SchoolEvent::Page { done, limit });
        Some(
            engine
                .crawl(start, &request.crawl, on_page, stop.cancelled())
                .await,
        )
    };
    let probes = async {
        if request.offline {
            return offline_evidence(&plan);
        }
        let total = plan.probes.len();
        let mut done = 0;
        let on_result = |_: &ProbeResult| {
            done += 1;
            events(&SchoolEvent::Account { done, total });
        };
        engine.run(&plan, on_result, stop.cancelled()).await
    };
    let (crawled, evidence) = tokio::join!(crawl, probes);
    let mut accounts = accounts::read(
        &request.catalog,
        &request.school,
        &handles,
        &request.official,
        &plan,
        &evidence,
    );
    if request.offline {
        // Nothing was asked: the handles are all in the list to check by hand.
        accounts.probed.clear();
    }
    Ok(assemble(&request, crawled.as_ref(), accounts))
}

/// The report from what finished.
fn assemble(
    request: &SchoolRequest,
    crawled: Option<&SiteCrawl>,
    accounts: school_scan::Accounts,
) -> SchoolReport {
    let (website, staff): (_, Vec<school_scan::StaffExposure>) = match crawled {
        Some(crawl) => {
            let (website, sightings) = site::read(crawl, &request.staff);
            let staff = request
                .staff
                .iter()
                .zip(&sightings)
                .map(|(person, seen)| {
                    school_scan::staff_exposure(&person.subject.name, seen, Voice::School)
                })
                .collect();
            (Some(website), staff)
        }
        None => (
            None,
            request
                .staff
                .iter()
                .map(|p| school_scan::staff_exposure(&p.subject.name, &[], Voice::School))
                .collect(),
        ),
    };
    let fixes = website
        .as_ref()
        .map(|w| school_scan::fixes(w, &staff))
        .unwrap_or_default();
    let partial = accounts.partial || website.as_ref().is_some_and(|w| w.partial);
    let mut report = SchoolReport {
        schema_version: SCHEMA_VERSION,
        date: request.date.clone(),
        school: request.school.clone(),
        headline: String::new(),
        website,
        staff,
        without_consent: request.without_consent,
        accounts,
        fixes,
        partial,
    };
    if request.offline && request.website.is_some() {
        report.headline = format!(
            "findable did not go online (--offline), so it did not read the website or ask \
             any platform. Open {} yourself, and the pages below.",
            request
                .website
                .as_ref()
                .map(Url::as_str)
                .unwrap_or_default()
        );
    } else {
        report.headline = school_scan::headline(&report);
    }
    report
}

/// Every planned handle as not checked, for `--offline`: the pages to open by hand.
fn offline_evidence(plan: &crate::plan::Plan) -> Evidence {
    let probes = plan
        .probes
        .iter()
        .map(|p| ProbeResult {
            platform: p.site.clone(),
            username: p.username.clone(),
            url: p.url.clone(),
            status: ProbeStatus::Unknown,
            reason: Some(UnknownReason::Manual),
            detail: Some("findable did not go online (--offline)".into()),
            http_status: None,
            final_url: None,
            weight: p.weight,
            source: p.source.clone(),
            page: None,
        })
        .collect();
    Evidence {
        probes,
        planned: plan.probes.len(),
        ..Evidence::default()
    }
}

//! Accounts that may be pretending to be the school or its staff: the handles planned on
//! the platforms findable can ask honestly, and what came back. Never "malicious"; the
//! school's own accounts never reported; what was not checked never counted as clear.

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Check, ProbeMethod, PupilUse, Site};
use crate::evidence::{Evidence, PageSummary, ProbeStatus, UnknownReason};
use crate::incident::{self, IncidentInput, Kind};
use crate::plan::links::{Link, in_app_links, search_links};
use crate::plan::{Plan, PlanError, PlanOptions};
use crate::subject::Handle;
use crate::variants::Variant;

/// Handles listed for a platform a person must check by hand: each is a page to open.
pub const BY_HAND: usize = 5;

/// What the accounts part of a school scan found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Accounts {
    /// Platforms asked automatically, by name.
    pub probed: Vec<String>,
    /// Handles tried on each of them, at most.
    pub handles_tried: usize,
    /// Accounts that answered: each may be pretending to be the school or a member of staff.
    pub suspects: Vec<Suspect>,
    /// The school's own accounts (never reported).
    pub official: Vec<String>,
    /// Official accounts that were among the handles tried and answered, as expected.
    pub official_seen: usize,
    /// Handles the platform said no account has.
    pub absent: usize,
    /// Handles that could not be checked, with why: not counted as clear.
    pub unknown: Vec<Unchecked>,
    /// Platforms findable cannot ask honestly: the likeliest handles to open by hand.
    pub by_hand: Vec<ByHand>,
    /// Searches for the school's name inside the apps and on a search engine, to open by
    /// hand (a parody account need not use any handle above).
    pub searches: Vec<Link>,
    /// The first things to do if one of these is pretending: the incident summary.
    pub what_to_do: Vec<String>,
    /// The run was stopped before every handle was tried.
    pub partial: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suspect {
    /// Check id and display name.
    pub platform: String,
    pub platform_name: String,
    pub handle: String,
    pub url: String,
    /// What the handle was made from ("the school's name + memes").
    pub made_from: String,
    /// The platform's page for reporting impersonation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// What the profile says about itself (untrusted text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unchecked {
    pub platform: String,
    pub handle: String,
    pub url: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByHand {
    pub platform: String,
    pub platform_name: String,
    pub why: String,
    pub pages: Vec<Link>,
}

/// The platforms pupils use most that have public profiles: those findable can ask, and
/// those it cannot.
fn pupil_platforms(catalog: &Catalog) -> (Vec<&Check>, Vec<&Check>) {
    catalog
        .checks
        .iter()
        .filter(|c| c.pupil_use >= PupilUse::High && !c.category.is_general())
        .filter(|c| c.profile.is_some())
        .partition(|c| {
            c.profile
                .as_ref()
                .is_some_and(|p| p.method == ProbeMethod::Http)
        })
}

/// The plan: the `max` likeliest `handles` on every platform findable can ask honestly.
pub fn plan(
    catalog: &Catalog,
    handles: &[Variant],
    max: usize,
    seed: Option<u64>,
) -> Result<Plan, PlanError> {
    let (probed, _) = pupil_platforms(catalog);
    let sites: Vec<Site> = probed.into_iter().filter_map(Site::from_check).collect();
    Plan::build(
        sites,
        handles,
        &[],
        &PlanOptions {
            max_usernames: max,
            max_manual: 0,
            seed,
            ..PlanOptions::default()
        },
    )
}

/// What came back, read: suspects, the school's own accounts set aside, what could not
/// be checked, and the platforms to check by hand.
pub fn read(
    catalog: &Catalog,
    school: &str,
    handles: &[Variant],
    official: &[Handle],
    plan: &Plan,
    evidence: &Evidence,
) -> Accounts {
    let is_official = |platform: &str, handle: &str| {
        official.iter().any(|o| {
            o.handle.eq_ignore_ascii_case(handle)
                && o.platform
                    .as_deref()
                    .is_none_or(|p| p.eq_ignore_ascii_case(platform))
        })
    };
    let name_of = |id: &str| {
        catalog
            .get(id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let mut accounts = Accounts {
        probed: plan.sites.iter().map(|s| name_of(&s.name)).collect(),
        handles_tried: plan
            .sites
            .iter()
            .map(|s| plan.probes.iter().filter(|p| p.site == s.name).count())
            .max()
            .unwrap_or(0),
        official: official.iter().map(ToString::to_string).collect(),
        partial: evidence.partial,
        ..Accounts::default()
    };
    for probe in &evidence.probes {
        match probe.status {
            ProbeStatus::Found if is_official(&probe.platform, &probe.username) => {
                accounts.official_seen += 1;
            }
            ProbeStatus::Found => accounts.suspects.push(Suspect {
                platform: probe.platform.clone(),
                platform_name: name_of(&probe.platform),
                handle: probe.username.clone(),
                url: probe.url.clone(),
                made_from: probe.source.clone(),
                report: catalog
                    .get(&probe.platform)
                    .and_then(|c| c.report.as_ref())
                    .map(|r| r.impersonation.clone()),
                page: probe.page.clone(),
            }),
            ProbeStatus::Absent => accounts.absent += 1,
            ProbeStatus::Unknown if is_official(&probe.platform, &probe.username) => {}
            ProbeStatus::Unknown => accounts.unknown.push(Unchecked {
                platform: name_of(&probe.platform),
                handle: probe.username.clone(),
                url: probe.url.clone(),
                why: match (probe.reason, &probe.detail) {
                    (Some(UnknownReason::Manual), Some(detail)) => detail.clone(),
                    (Some(reason), _) => reason.describe().to_string(),
                    (None, _) => "no answer".to_string(),
                },
            }),
        }
    }
    let (_, manual) = pupil_platforms(catalog);
    for check in manual {
        let Some(site) = Site::from_check(check) else {
            continue;
        };
        let pages: Vec<Link> = handles
            .iter()
            .filter_map(|h| site.prepare(&h.text))
            .filter(|h| !is_official(&check.id, h))
            .take(BY_HAND)
            .map(|h| Link {
                site: format!("@{h}"),
                url: site.profile_url_for(&h),
            })
            .collect();
        if !pages.is_empty() {
            accounts.by_hand.push(ByHand {
                platform: check.id.clone(),
                platform_name: check.name.clone(),
                why: check
                    .profile
                    .as_ref()
                    .and_then(|p| p.manual_reason.clone())
                    .unwrap_or_else(|| "a logged-out visitor gets no honest answer".into()),
                pages,
            });
        }
    }
    accounts.searches = searches(school);
    accounts.what_to_do = incident::summary(
        &IncidentInput {
            kind: Kind::Impersonation,
            for_colleague: true,
            ..IncidentInput::default()
        },
        catalog,
    );
    accounts
}

/// The school's name in TikTok's and Instagram's own search, and TikTok and Instagram
/// pages that search engines have under the school's name.
fn searches(school: &str) -> Vec<Link> {
    let mut out: Vec<Link> = in_app_links(school)
        .into_iter()
        .filter(|l| matches!(l.site.as_str(), "TikTok" | "Instagram"))
        .map(|l| Link {
            site: format!("{} search", l.site),
            url: l.url,
        })
        .collect();
    for (site, domain) in [("TikTok", "tiktok.com"), ("Instagram", "instagram.com")] {
        let query = format!("site:{domain} \"{school}\"");
        if let Some(link) = search_links(&query).into_iter().next() {
            out.push(Link {
                site: format!("{} pages on {site}", link.site),
                url: link.url,
            });
        }
    }
    out
}

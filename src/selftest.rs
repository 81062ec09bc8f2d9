//! The self-test of a site list (or of findable's own checks): which rules still hold.
//! Each site is asked about accounts known to exist there and about a made-up name, and
//! the answers say whether it works, cannot say absent, cannot say found, is blocked or is
//! broken. Planning and judging only: the engine asks, `render::sites` prints.

use serde::Serialize;

use crate::catalog::Site;
use crate::evidence::{Evidence, ProbeResult, ProbeStatus, UnknownReason};
use crate::plan::{Plan, PlannedProbe, control_username};

/// Known accounts tried per site: one that answers is enough, a second covers one deleted.
const KNOWN_PER_SITE: usize = 2;

const KNOWN: &str = "known account";
const KNOWN_ABSENT: &str = "known to be free";
const MADE_UP: &str = "made-up name";

/// How a site's rules fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// A known account reads found and a made-up name absent.
    Works,
    /// Known accounts read found, but a made-up name is not read absent.
    CannotSayAbsent,
    /// A made-up name reads absent, but no known account reads found.
    CannotSayFound,
    /// A bot wall, login page or rate limit answered instead.
    Blocked,
    /// No answer, a made-up name read as found, or neither rule holds.
    Broken,
    /// Not tried: a site only a person can check, or one with no known account.
    Untested,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Self::Works => "works",
            Self::CannotSayAbsent => "cannot say absent",
            Self::CannotSayFound => "cannot say found",
            Self::Blocked => "blocked",
            Self::Broken => "broken",
            Self::Untested => "not tested",
        }
    }

    /// Whether the site's rules need fixing (blocked and untested say nothing about them).
    pub fn is_problem(self) -> bool {
        matches!(
            self,
            Self::CannotSayAbsent | Self::CannotSayFound | Self::Broken
        )
    }
}

/// One site's result.
#[derive(Debug, Clone, Serialize)]
pub struct SiteCheck {
    pub site: String,
    pub verdict: Verdict,
    /// One line, in plain words.
    pub why: String,
    /// Every answer, for the curious.
    pub answers: Vec<ProbeResult>,
}

/// The probes of the self-test: each site's known accounts, the names it says are free,
/// and one made-up name. No controls: the made-up name is one of the probes here.
pub fn plan(sites: Vec<Site>, seed: Option<u64>) -> Plan {
    let mut rng = seed.map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed);
    let mut probes = Vec::new();
    for site in &sites {
        if site.manual_reason.is_some() {
            continue;
        }
        let known = site.known.iter().take(KNOWN_PER_SITE).map(|k| (k, KNOWN));
        let free = site.known_absent.iter().take(1).map(|k| (k, KNOWN_ABSENT));
        for (name, role) in known.chain(free) {
            if let Some(username) = site.prepare(name) {
                probes.push(probe(site, username, role));
            }
        }
        if let Some(username) = control_username(site, &mut rng) {
            probes.push(probe(site, username, MADE_UP));
        }
    }
    Plan {
        sites,
        probes,
        ..Plan::default()
    }
}

fn probe(site: &Site, username: String, role: &str) -> PlannedProbe {
    PlannedProbe {
        site: site.name.clone(),
        url: site.profile_url_for(&username),
        username,
        weight: 1.0,
        source: role.to_string(),
    }
}

/// Each site of `plan`, judged from its answers in `evidence`.
pub fn judge(plan: &Plan, evidence: &Evidence) -> Vec<SiteCheck> {
    plan.sites
        .iter()
        .map(|site| {
            let answers: Vec<ProbeResult> = evidence
                .probes
                .iter()
                .filter(|p| p.platform == site.name)
                .cloned()
                .collect();
            let (verdict, why) = verdict(site, &answers);
            SiteCheck {
                site: site.name.clone(),
                verdict,
                why,
                answers,
            }
        })
        .collect()
}

fn verdict(site: &Site, answers: &[ProbeResult]) -> (Verdict, String) {
    if let Some(reason) = &site.manual_reason {
        return (Verdict::Untested, format!("checked by hand: {reason}"));
    }
    if answers.is_empty() {
        return (Verdict::Untested, "nothing was tried".into());
    }
    let said = |p: &ProbeResult| {
        let what = match p.status {
            ProbeStatus::Found => "found".to_string(),
            ProbeStatus::Absent => "absent".to_string(),
            ProbeStatus::Unknown => format!(
                "unknown ({})",
                p.detail
                    .as_deref()
                    .or(p.reason.map(UnknownReason::describe))
                    .unwrap_or("no answer")
            ),
        };
        format!("{} {:?} read {what}", p.source, p.username)
    };
    if let Some(walled) = answers.iter().find(|p| {
        matches!(
            p.reason,
            Some(UnknownReason::Blocked | UnknownReason::LoginWall | UnknownReason::RateLimited)
        )
    }) {
        return (Verdict::Blocked, said(walled));
    }
    if let Some(silent) = answers
        .iter()
        .find(|p| p.reason == Some(UnknownReason::Network))
    {
        return (Verdict::Broken, said(silent));
    }
    let free: Vec<&ProbeResult> = answers.iter().filter(|p| p.source != KNOWN).collect();
    if let Some(claimed) = free.iter().find(|p| p.status == ProbeStatus::Found) {
        return (
            Verdict::Broken,
            format!("{}: it would call any name an account", said(claimed)),
        );
    }
    let known: Vec<&ProbeResult> = answers.iter().filter(|p| p.source == KNOWN).collect();
    let found = known.iter().find(|p| p.status == ProbeStatus::Found);
    let not_absent = free.iter().find(|p| p.status != ProbeStatus::Absent);
    match (known.is_empty(), found, not_absent) {
        (true, _, None) => (
            Verdict::Untested,
            "no known account to try; a made-up name read absent".into(),
        ),
        (true, _, Some(p)) => (Verdict::CannotSayAbsent, said(p)),
        (false, Some(p), None) => (
            Verdict::Works,
            format!(
                "{} {:?} read found and a made-up name absent",
                p.source, p.username
            ),
        ),
        (false, Some(_), Some(p)) => (Verdict::CannotSayAbsent, said(p)),
        (false, None, None) => (Verdict::CannotSayFound, said(known[0])),
        (false, None, Some(p)) => (
            Verdict::Broken,
            format!("neither rule holds: {}; {}", said(known[0]), said(p)),
        ),
    }
}

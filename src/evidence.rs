//! Evidence: what the engine saw for each planned probe. Plain data, so a run can be saved
//! as JSON and replayed into later stages (assess, render) without a network.

use serde::{Deserialize, Serialize};

use crate::catalog::import::SiteList;

/// The answer for one (site, username) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProbeStatus {
    /// A public account answers at this URL (it may still be someone else's).
    Found,
    /// The site clearly said there is no such account.
    Absent,
    /// No honest answer; see the reason. Never to be read as safe.
    Unknown,
}

/// Why a probe could not give an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnknownReason {
    /// A bot wall, captcha, challenge page or refusal (403, 999).
    Blocked,
    /// The site showed a login page instead of the profile.
    LoginWall,
    /// The site kept answering "too many requests".
    RateLimited,
    /// Timeout, refused or reset connection, DNS failure.
    Network,
    /// The site says any made-up username exists, so its answers mean nothing.
    Unreliable,
    /// The answer matched neither the "exists" nor the "absent" rule.
    Unrecognised,
    /// The site gives logged-out visitors no honest signal; a person must look.
    Manual,
}

impl UnknownReason {
    /// Plain words for a teacher.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Blocked => "the site blocked the check (bot wall or captcha)",
            Self::LoginWall => "the site asks visitors to log in",
            Self::RateLimited => "the site said too many requests",
            Self::Network => "the site did not answer",
            Self::Unreliable => "the site claims every username exists",
            Self::Unrecognised => "the site gave an answer findable does not recognise",
            Self::Manual => "only a person can check this site",
        }
    }
}

/// One probe's outcome. Every result carries the URL a person can open to check by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProbeResult {
    /// Check id, or the site's name for an imported list.
    pub platform: String,
    pub username: String,
    /// The human-facing profile URL.
    pub url: String,
    pub status: ProbeStatus,
    /// Set exactly when `status` is `unknown`.
    pub reason: Option<UnknownReason>,
    /// A short technical detail (status code, error) for the curious.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// Where the request ended after redirects, when that differs from where it started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    /// The username's weight and the rule that produced it (from the variants).
    pub weight: f64,
    pub source: String,
    /// What a found profile shows about its owner, so a person can tell whether it is them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageSummary>,
}

/// The few things a public profile says about who owns it, as the page gives them
/// (untrusted text: escape it before showing it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageSummary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl PageSummary {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.bio.is_none() && self.location.is_none()
    }
}

impl ProbeResult {
    pub fn unknown(mut self, reason: UnknownReason, detail: impl Into<String>) -> Self {
        self.status = ProbeStatus::Unknown;
        self.reason = Some(reason);
        self.detail = Some(detail.into());
        self
    }
}

/// Everything one run of the engine found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// In plan order.
    pub probes: Vec<ProbeResult>,
    /// One made-up username per site, to catch sites that say "found" to anything.
    #[serde(default)]
    pub controls: Vec<ProbeResult>,
    /// True when the run was stopped before every probe finished.
    #[serde(default)]
    pub partial: bool,
    /// How many probes the plan had.
    pub planned: usize,
    /// Every search query run, in plan order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub searches: Vec<QueryResult>,
    /// The `--sites` list the probes came from: every entry it skipped, with why and the
    /// page to check by hand, and its warnings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_list: Option<SiteList>,
}

impl Evidence {
    pub fn count(&self, status: ProbeStatus) -> usize {
        self.probes.iter().filter(|p| p.status == status).count()
    }
}

/// One result a search backend returned, as the backend gave it (text is plain, markup
/// removed, but otherwise untrusted: escape it before putting it in HTML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub url: String,
    pub title: String,
    pub snippet: String,
    /// 1-based position in the backend's answer.
    pub rank: usize,
}

/// How one query ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QueryStatus {
    /// Results came back.
    Ok,
    /// The backend answered clearly that nothing matched.
    Empty,
    /// The backend refused (challenge page, captcha, rate limit): not "nothing found".
    Blocked,
    /// Anything else: network error, broken answer, backend misconfigured.
    Failed,
}

/// One query's outcome on one backend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryResult {
    pub query: String,
    /// `searxng`, `duckduckgo` or `brave`.
    pub backend: String,
    pub status: QueryStatus,
    /// Why a query was blocked or failed, in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default)]
    pub results: Vec<SearchHit>,
    /// SearXNG engines that did not answer, with their message ("google: CAPTCHA").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unresponsive_engines: Vec<String>,
}

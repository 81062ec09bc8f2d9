//! The report a teacher reads, as plain data: what a pupil could find, what to tighten
//! first, what could not be checked. Made by [`crate::assess`], rendered by
//! [`crate::render::report`]. The JSON form is stable: `findable schema` prints it.

mod changes;

pub use changes::{AnswerChange, AuditRef, ChangeStatus, Changes, ItemChange, ItemKind};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Bumped whenever a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    /// The day the audit ran, `YYYY-MM-DD`.
    pub date: String,
    pub subject: ReportSubject,
    /// What a pupil could find, in one sentence: the first thing the report says.
    pub headline: String,
    /// What to do about it, in a sentence or two.
    pub summary: String,
    /// How much of what was planned could be checked: a report that checked little must
    /// say so before anything else.
    pub coverage: Coverage,
    pub score: Score,
    /// What a pupil could find (public accounts and pages), most serious first. Settings
    /// are in `actions`, never here.
    pub findings: Vec<Finding>,
    /// Settings to tighten, most urgent first; the first few are the quick wins.
    pub actions: Vec<Action>,
    /// Platforms the person uses but skipped in the walkthrough: not checked yet, and not
    /// counted as safe.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_checked_yet: Vec<NotCheckedYet>,
    /// Everything that could not be checked, with a link to check by hand. Never counted
    /// as safe.
    pub could_not_check: Vec<Unchecked>,
    pub stats: Stats,
    /// True when the run was stopped early or parts were left out.
    pub partial: bool,
    /// The `--sites` list the profiles came from, when one was given: how much of it was
    /// checked and what to know about it. Its skipped entries are in `could_not_check`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_list: Option<SiteListSummary>,
    /// What changed since the person's last audit, when it was compared with one (from the
    /// history store); `previous` is empty on a first audit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
}

/// What a `--sites` list contributed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SiteListSummary {
    /// The file, as named on the command line.
    pub file: String,
    /// `WhatsMyName`, `Sherlock` or `Maigret`.
    pub format: String,
    /// One line: how many of its entries were imported, disabled by the list and skipped.
    pub headline: String,
    /// Entries in the list.
    pub entries: usize,
    pub imported: usize,
    pub disabled: usize,
    pub skipped: usize,
    /// Lookalike hosts, private or loopback addresses, headers left out: one line each.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReportSubject {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub town: Option<String>,
}

/// How much of the audit's automatic checking got an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Coverage {
    pub state: CoverageState,
    /// Profile checks and searches that got a usable answer.
    pub answered: usize,
    /// Profile checks and searches tried, leaving out sites findable never checks itself
    /// (those are always for a person to open).
    pub tried: usize,
    /// Every check that failed, failed on the network (no answer, no address): the
    /// computer is offline or its network blocks the sites, as school networks often do.
    pub network_failed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CoverageState {
    /// At least half of the checks got an answer.
    Enough,
    /// Some did, fewer than half.
    Little,
    /// None did, or nothing was tried.
    Nothing,
}

/// 0 (nothing found) to 100, with what added how much. No value when too little could be
/// checked for a number to mean anything: a score made of the answers alone reads as safe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Score {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<u32>,
    pub contributors: Vec<Contributor>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Contributor {
    pub what: String,
    pub points: u32,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    SearchResult,
    Profile,
    /// The person's name (and photo) on their school's own website.
    SchoolWebsite,
}

/// How sure findable is that a finding is about this person.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    Possible,
    Likely,
    Confirmed,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    pub kind: FindingKind,
    /// Check id, when the finding belongs to a platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// One line: what was found.
    pub title: String,
    /// Where to see it (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The name form, username or search that found it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found_by: Option<String>,
    pub confidence: Confidence,
    pub severity: Severity,
    /// In plain words, what a pupil could see or do with it.
    pub pupil_could: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
    /// It may be abuse or impersonation: the report shows what to do.
    #[serde(default)]
    pub needs_incident_steps: bool,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Action {
    /// Check id and its display name.
    pub check: String,
    pub platform: String,
    pub setting: String,
    pub label: String,
    #[serde(rename = "where")]
    pub location: String,
    pub recommended: String,
    pub why: String,
    pub priority: Priority,
    pub help_url: String,
    /// A web page that goes straight to the switch, where the platform has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings_url: Option<String>,
    /// You were found publicly on this platform, so this comes first.
    pub exposed: bool,
    /// One of the first few: doable in about ten minutes together.
    pub quick: bool,
    /// False when the menu path could not be confirmed (the menu may look different).
    pub verified: bool,
    /// Your answer, or "not asked" when the checklist was skipped.
    pub your_answer: String,
}

/// A platform whose settings the person skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NotCheckedYet {
    /// Check id and its display name.
    pub check: String,
    pub platform: String,
    /// How many questions it has in the walkthrough.
    pub questions: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Unchecked {
    pub kind: UncheckedKind,
    /// The platform's or site's name, or the search backend.
    pub platform: String,
    /// The username or the search that could not be checked; empty for a whole site.
    pub what: String,
    /// Why, in plain words.
    pub reason: String,
    /// Open this in a private window to check by hand.
    pub url: String,
}

/// What could not be checked: one username on a site, a whole site of a `--sites` list
/// (never probed), or one search.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum UncheckedKind {
    Username,
    Site,
    Search,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Stats {
    pub profiles_checked: usize,
    pub profiles_found: usize,
    pub profiles_absent: usize,
    pub profiles_unknown: usize,
    pub searches_run: usize,
    pub searches_blocked_or_failed: usize,
    pub results_about_others: usize,
    pub settings_answered: usize,
    pub settings_open: usize,
    pub dismissed_by_you: usize,
}

/// The JSON Schema of [`Report`], for `findable schema`.
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default()
}

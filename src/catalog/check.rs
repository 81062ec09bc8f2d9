//! The validated, plain form of one check file: what the rest of the pipeline reads.
//! Built only by [`super::raw`], so every value here has passed validation.

use std::collections::BTreeMap;
use std::fmt;

use regex::Regex;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One platform (or non-platform check such as the electoral register) as data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Check {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub pupil_use: PupilUse,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<u8>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
    /// When the file was last reviewed, `YYYY-MM-DD`.
    pub as_of: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    #[serde(default)]
    pub search: Vec<SearchTemplate>,
    #[serde(default)]
    pub settings: Vec<Setting>,
    /// Where to report abuse and impersonation; required for platforms with a profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
    /// What a stranger can see by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    /// Help pages that cover several settings on purpose (a platform's one privacy-settings
    /// page), so validation lets more than two settings share them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub help_hubs: Vec<String>,
    /// For a general check that only some people need (Companies House for directors):
    /// the yes/no question that decides whether it is asked at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_when: Option<Gate>,
}

/// A yes/no question asked once, before the checks it guards. Checks that share an `id`
/// share the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    pub id: String,
    pub question: String,
}

impl Check {
    /// The settings that stop a pupil finding or contacting you: what the short
    /// walkthrough asks.
    pub fn essentials(&self) -> impl Iterator<Item = &Setting> {
        self.settings.iter().filter(|s| s.essential)
    }

    /// Settings whose label or menu path no official page confirmed. Renderers say "this
    /// menu may look different" once per check, naming these, rather than under each one.
    pub fn unverified(&self) -> impl Iterator<Item = &Setting> {
        self.settings.iter().filter(|s| !s.verified)
    }
}

/// Whether a public profile can be seen by default without an account, and by search
/// engines: what a pupil sees before the person changes anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visibility {
    pub logged_out: Exposure,
    pub search_engines: Exposure,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exposure {
    Yes,
    Partly,
    No,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Social,
    Video,
    Messaging,
    Professional,
    Forum,
    Gaming,
    Fitness,
    Music,
    Coding,
    Search,
    Records,
    School,
    /// Cross-platform habits, such as reusing one username everywhere.
    Habits,
}

impl Category {
    /// Checks that are not one platform (search, public records, the school, habits):
    /// everyone is asked about these, whichever platforms they use.
    pub fn is_general(self) -> bool {
        matches!(
            self,
            Self::Search | Self::Records | Self::School | Self::Habits
        )
    }
}

/// How much UK secondary pupils use a platform; orders checks by pupil exposure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PupilUse {
    Low,
    Medium,
    High,
    VeryHigh,
}

/// Where a public profile lives and how to tell, logged out, whether it exists.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Profile {
    /// Human-facing profile URL with `{username}`.
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe_url: Option<String>,
    pub username_rule: UsernameRule,
    pub method: ProbeMethod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual_reason: Option<String>,
    /// What "absent" really means here when it is less than "no such account", e.g. a
    /// site that answers the same for a private account as for a missing one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absent_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_interval_ms: Option<u64>,
    /// Follow redirects before applying the rules (the default); false reads the first
    /// answer, so `status` can name a 301 and `redirect` matches where it points.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub follow_redirects: bool,
    /// Accounts known to exist, for `findable sites check`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known: Vec<String>,
    pub source: String,
    pub as_of: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exists: Option<Rule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absent: Option<Rule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked: Option<Rule>,
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

impl Profile {
    /// The human-facing profile URL for `username`.
    pub fn url_for(&self, username: &str) -> String {
        self.url.replace("{username}", username)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProbeMethod {
    /// Probe automatically with the detection rules.
    Http,
    /// No honest logged-out signal: a person opens the URL by hand.
    Manual,
}

/// A detection rule: every condition given must hold; within a list, any entry may.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<u16>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect: Option<String>,
}

impl Rule {
    pub fn is_empty(&self) -> bool {
        self.status.is_empty() && self.body.is_empty() && self.redirect.is_none()
    }
}

/// The usernames a platform accepts, as a compiled regex that round-trips as its pattern.
/// Check files use the `regex` crate's syntax; a pattern imported from another tool's list
/// may also use look-around, which `fancy-regex` runs (and falls back to `regex` for
/// everything else).
#[derive(Clone)]
pub struct UsernameRule(Pattern);

/// Boxed: most imported sites have no pattern, and each site would otherwise carry the
/// room for one.
#[derive(Clone)]
enum Pattern {
    Plain(Box<Regex>),
    Fancy(Box<fancy_regex::Regex>),
}

impl UsernameRule {
    pub fn new(pattern: &str) -> Result<Self, regex::Error> {
        Regex::new(pattern).map(|r| Self(Pattern::Plain(Box::new(r))))
    }

    /// A pattern from another tool (Python's `re` syntax): tried as a plain regex first,
    /// then with look-around support. The error is the look-around engine's.
    pub fn imported(pattern: &str) -> Result<Self, String> {
        match Regex::new(pattern) {
            Ok(r) => Ok(Self(Pattern::Plain(Box::new(r)))),
            Err(_) => fancy_regex::Regex::new(pattern)
                .map(|r| Self(Pattern::Fancy(Box::new(r))))
                .map_err(|e| e.to_string()),
        }
    }

    pub fn accepts(&self, username: &str) -> bool {
        match &self.0 {
            Pattern::Plain(r) => r.is_match(username),
            // A pattern that runs out of backtracking budget accepts nothing: the
            // username is then not sent, which is the safe side of a filter.
            Pattern::Fancy(r) => r.is_match(username).unwrap_or(false),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Pattern::Plain(r) => r.as_str(),
            Pattern::Fancy(r) => r.as_str(),
        }
    }
}

impl fmt::Debug for UsernameRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("UsernameRule").field(&self.as_str()).finish()
    }
}

impl Serialize for UsernameRule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for UsernameRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let pattern = String::deserialize(deserializer)?;
        Self::imported(&pattern).map_err(serde::de::Error::custom)
    }
}

/// A search a pupil might run, with placeholders from [`PLACEHOLDERS`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchTemplate {
    pub query: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// Placeholders a search template may use.
pub const PLACEHOLDERS: &[&str] = &[
    "name", "first", "surname", "title", "school", "town", "username",
];

/// One privacy setting in the checklist.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Setting {
    pub id: String,
    pub label: String,
    #[serde(rename = "where")]
    pub location: String,
    pub recommended: String,
    pub risk: String,
    pub priority: Priority,
    pub question: String,
    pub safe_answer: SafeAnswer,
    pub help_url: String,
    /// A web page that goes straight to this switch, when the platform has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings_url: Option<String>,
    pub as_of: String,
    /// False when the label or menu path could not be confirmed from an official page,
    /// so the report can warn that the menu may look different.
    pub verified: bool,
    /// One of the few settings that stop a pupil finding or contacting you; the short
    /// walkthrough asks only these.
    #[serde(default)]
    pub essential: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    Low,
    Medium,
    High,
}

/// Which answer to a setting's question means the person is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SafeAnswer {
    Yes,
    No,
}

/// Where to report abuse and impersonation on the platform.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub abuse: String,
    pub impersonation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

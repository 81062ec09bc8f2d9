//! The school's own exposure as plain data: what its website shows about staff (full
//! names, portraits, personal emails, roles) and accounts that may be pretending to be it
//! or them. Pure: the engine crawls and probes; `render::school` writes it.

pub mod accounts;
mod findings;
mod page;
mod people;
pub mod site;
#[cfg(test)]
mod tests;

pub use accounts::Accounts;
pub use findings::{audit_findings, fixes, headline, staff_exposure};
pub use site::Website;

use serde::{Deserialize, Serialize};

use crate::relevance::Spotter;
use crate::report::Severity;
use crate::subject::Subject;
use crate::variants::parse::ParsedName;
use crate::variants::{Variant, Variants, impersonation};
use people::NameKeys;

/// Bumped whenever a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

/// Staff handles tried per person at most, so one person cannot take a roster's budget.
const HANDLES_PER_PERSON: usize = 6;

/// A member of staff the scan asks about: the person audited, or one on a roster who
/// agreed.
#[derive(Debug, Clone)]
pub struct Staff {
    pub subject: Subject,
    variants: Variants,
}

impl Staff {
    pub fn new(subject: Subject) -> Self {
        let variants = Variants::generate(&subject);
        Self { subject, variants }
    }

    fn spotter(&self) -> Spotter {
        Spotter::new(&self.subject, &self.variants)
    }

    fn keys(&self) -> NameKeys {
        let parsed = ParsedName::parse(&self.subject.name);
        NameKeys::new(&parsed.given, parsed.surname.as_deref().unwrap_or_default())
    }
}

/// Where one member of staff is named on one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sighting {
    pub url: String,
    /// The page's own title (untrusted text).
    pub page_title: String,
    /// Their full name as found ("Jane Smith", or a short form of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// Only their title and surname ("Miss Smith"): what the advice recommends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<Photo>,
    /// A personal-looking email address near their name or made from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The text beside their name that says what they do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A photo tied to a name, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    /// The image's address as the page gives it (shown as text, never loaded).
    pub src: String,
    pub how: PhotoLink,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhotoLink {
    /// The image's description (alt text) is the name.
    AltText,
    /// The caption under it is the name.
    Caption,
    /// Its title is the name.
    Title,
    /// Its file name is the name (jane-smith.jpg).
    FileName,
    /// It is in the same box as the name (a staff card, a table row).
    SameCard,
    /// It sits right next to the name.
    NextTo,
}

impl PhotoLink {
    pub fn describe(self) -> &'static str {
        match self {
            Self::AltText => "its description (alt text) is the name",
            Self::Caption => "its caption is the name",
            Self::Title => "its title is the name",
            Self::FileName => "its file name is the name",
            Self::SameCard => "it is in the same box as the name",
            Self::NextTo => "it sits right next to the name",
        }
    }
}

/// The whole scan, as a school reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolReport {
    pub schema_version: u32,
    /// The day of the scan, `YYYY-MM-DD`.
    pub date: String,
    pub school: String,
    /// What a pupil could find, in a sentence or two: the first thing the report says.
    pub headline: String,
    /// The website part; `None` when no website was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<Website>,
    /// Each member of staff asked about, in the order given.
    pub staff: Vec<StaffExposure>,
    /// People on the roster who did not agree: not looked for.
    #[serde(default)]
    pub without_consent: usize,
    pub accounts: Accounts,
    /// What the school can change on its website, when anything needs changing.
    pub fixes: Vec<String>,
    /// Stopped early, or parts could not run.
    pub partial: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffExposure {
    pub name: String,
    /// Pages with their full name, most exposing first.
    pub findings: Vec<StaffFinding>,
    /// Pages that name them only by title and surname.
    pub title_only: Vec<Mention>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFinding {
    /// One line: what is on the page ("Jane Smith's full name and photo are on this page").
    pub what: String,
    pub url: String,
    pub page_title: String,
    pub severity: Severity,
    /// The photo, role and email, one line each.
    pub details: Vec<String>,
    /// What the school can do about this page.
    pub fix: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub url: String,
    pub page_title: String,
    /// As found: "Miss Smith".
    pub name: String,
}

/// Whose exposure the words describe: a school reading about its staff, or a member of
/// staff reading about themselves in their own audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    School,
    You,
}

/// The handles a pupil might make for the school and for `staff`, likeliest first.
pub fn handles(school: &str, staff: &[Staff]) -> Vec<Variant> {
    let mut all = impersonation::school(school);
    for person in staff {
        all.extend(
            impersonation::staff(&person.subject, school)
                .into_iter()
                .take(HANDLES_PER_PERSON),
        );
    }
    all.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.text.cmp(&b.text)));
    let mut seen = std::collections::HashSet::new();
    all.retain(|v| seen.insert(v.text.clone()));
    all
}

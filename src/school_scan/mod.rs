//! The school's own exposure as plain data: what its website shows about staff (full
//! names, portraits, personal emails, roles) and accounts that may be pretending to be it
//! or them. Pure: the engine crawls and probes; `render::school` writes it.

pub mod accounts;
mod page;
mod people;
pub mod site;
#[cfg(test)]
mod tests;

pub use accounts::Accounts;
pub use site::Website;

use serde::{Deserialize, Serialize};

use crate::relevance::Spotter;
use crate::report::{Confidence, Finding, FindingKind, Severity};
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

/// One person's pages, as findings: full name with a photo first.
pub fn staff_exposure(name: &str, sightings: &[Sighting], voice: Voice) -> StaffExposure {
    let mut findings: Vec<StaffFinding> = sightings
        .iter()
        .filter(|s| s.full_name.is_some())
        .map(|s| finding(name, s, voice))
        .collect();
    findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.url.cmp(&b.url)));
    let title_only = sightings
        .iter()
        .filter_map(|s| {
            Some(Mention {
                url: s.url.clone(),
                page_title: s.page_title.clone(),
                name: s.title_name.clone()?,
            })
        })
        .collect();
    StaffExposure {
        name: name.to_string(),
        findings,
        title_only,
    }
}

fn finding(name: &str, s: &Sighting, voice: Voice) -> StaffFinding {
    let whose = match voice {
        Voice::School => format!("{name}'s"),
        Voice::You => "Your".to_string(),
    };
    let governors = is_governors_page(&s.url, &s.page_title);
    let mut shown = vec!["full name"];
    if s.photo.is_some() {
        shown.push("photo");
    }
    if s.email.is_some() {
        shown.push("email address");
    }
    let list = match shown.as_slice() {
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    let verb = if shown.len() == 1 { "is" } else { "are" };
    let what = format!("{whose} {list} {verb} on this page");
    let mut details = Vec::new();
    if let Some(full) = &s.full_name {
        details.push(format!("Named as: {full}"));
    }
    if let Some(photo) = &s.photo {
        details.push(format!("Photo: {} ({})", photo.src, photo.how.describe()));
    }
    if let Some(role) = &s.role {
        details.push(format!("Role beside it: {role}"));
    }
    if let Some(email) = &s.email {
        details.push(format!("Email: {email}"));
    }
    let severity = if s.photo.is_some() {
        Severity::High
    } else if s.email.is_some() || !governors {
        Severity::Medium
    } else {
        Severity::Low
    };
    let mut fix = if governors {
        "Governors' and trustees' names must be published by law, but not their photos or \
         personal email addresses: keep to the name, role and term of office."
            .to_string()
    } else {
        "Show staff by title and surname only (\"Ms Smith, Year 6\"), not first name and surname."
            .to_string()
    };
    if s.photo.is_some() && !governors {
        fix.push_str(
            " Take down the individual portrait, or use a group photo with no names under it.",
        );
    }
    if s.email.is_some() {
        fix.push_str(" Give a shared address (office@) instead of a personal one.");
    }
    StaffFinding {
        what,
        url: s.url.clone(),
        page_title: s.page_title.clone(),
        severity,
        details,
        fix,
    }
}

/// Governors' and trustees' pages: their names are required by law, so the advice differs.
fn is_governors_page(url: &str, title: &str) -> bool {
    let text = format!("{url} {title}").to_ascii_lowercase();
    text.contains("governor") || text.contains("trustee") || text.contains("governance")
}

/// What the school can change, from the site as a whole: general advice, once.
pub fn fixes(website: &Website, staff: &[StaffExposure]) -> Vec<String> {
    let mut out = Vec::new();
    let named = website.named_in_full > 0 || staff.iter().any(|s| !s.findings.is_empty());
    if named {
        out.push(
            "Name staff by title and surname only (Ms Smith), with their role if it helps \
             parents; a first name and surname together is what a pupil types to find a \
             teacher's personal accounts."
                .to_string(),
        );
    }
    if website.with_photos > 0
        || staff
            .iter()
            .flat_map(|s| &s.findings)
            .any(|f| f.severity == Severity::High)
    {
        out.push(
            "Take down individual staff portraits with names beside them: pupils have copied \
             them into mocking and sexualised edits and fake accounts. A group photo with no \
             names, or no photo, does the job."
                .to_string(),
        );
    }
    if website.personal_emails > 0
        || staff
            .iter()
            .flat_map(|s| &s.findings)
            .any(|f| f.details.iter().any(|d| d.starts_with("Email:")))
    {
        out.push(
            "Use shared addresses (office@, senco@) on the website rather than personal ones."
                .to_string(),
        );
    }
    if named {
        out.push(
            "Governors' and trustees' names, roles and terms must be published by law; their \
             photos and personal contact details need not be."
                .to_string(),
        );
        out.push(
            "Old newsletters, news stories and PDFs keep full names for years: check the news \
             archive too."
                .to_string(),
        );
    }
    out
}

/// The report's first sentence or two.
pub fn headline(report: &SchoolReport) -> String {
    let mut parts = Vec::new();
    match &report.website {
        None => parts.push("No website was given, so the website was not checked.".to_string()),
        Some(w) if w.pages_read == 0 => parts.push(
            "findable could not read the school's website, so it says nothing about it: check \
             the staff pages by hand."
                .to_string(),
        ),
        Some(w) => {
            let people = if w.named_in_full == 1 { "1 person" } else { "" };
            let named = match w.named_in_full {
                0 => "No one is named in full".to_string(),
                1 => format!("{people} is named in full"),
                n => format!("{n} people are named in full"),
            };
            let photos = match w.with_photos {
                0 => String::new(),
                n => format!(", {n} with a photo beside the name,"),
            };
            parts.push(format!(
                "{named}{photos} on the {} of the school's website findable read.",
                if w.pages_read == 1 {
                    "1 page".to_string()
                } else {
                    format!("{} pages", w.pages_read)
                }
            ));
        }
    }
    let a = &report.accounts;
    let unknown = a.unknown.len();
    let checked = a.absent + a.suspects.len() + a.official_seen;
    parts.push(match a.suspects.len() {
        0 if a.probed.is_empty() || checked == 0 => {
            "findable could not check any handle on the platforms, so it cannot say whether an \
             account is pretending to be the school: open the ones listed yourself."
                .to_string()
        }
        0 if unknown > 0 => format!(
            "No account that may be pretending to be the school or its staff answered, but {} \
             could not be checked: open those yourself.",
            if unknown == 1 {
                "1 handle".to_string()
            } else {
                format!("{unknown} handles")
            }
        ),
        0 => "No account that may be pretending to be the school or its staff answered; \
              Instagram and the others listed must be checked by hand."
            .to_string(),
        1 => "1 account may be pretending to be the school or a member of staff: look at it."
            .to_string(),
        n => format!(
            "{n} accounts may be pretending to be the school or a member of staff: look at each."
        ),
    });
    parts.join(" ")
}

/// The audit's findings for the person audited from their school's website: each page
/// with their full name, in their own words. "Likely", never "confirmed": someone else on
/// the site (a pupil, a parent, a governor) can share the name.
pub fn audit_findings(subject: &Subject, crawl: &crate::engine::crawl::SiteCrawl) -> Vec<Finding> {
    let staff = [Staff::new(subject.clone())];
    let (_, sightings) = site::read(crawl, &staff);
    let Some(seen) = sightings.first() else {
        return Vec::new();
    };
    staff_exposure(&subject.name, seen, Voice::You)
        .findings
        .into_iter()
        .map(|f| {
            let photo = f.details.iter().any(|d| d.starts_with("Photo:"));
            let mut reasons = f.details.clone();
            reasons.push(format!("For the school: {}", f.fix));
            Finding {
                kind: FindingKind::SchoolWebsite,
                platform: None,
                title: format!(
                    "{}: {}",
                    f.what,
                    if f.page_title.trim().is_empty() {
                        "(a page with no title)"
                    } else {
                        f.page_title.trim()
                    }
                ),
                url: Some(f.url),
                found_by: Some("reading your school's website".into()),
                confidence: Confidence::Likely,
                severity: f.severity,
                pupil_could: if photo {
                    "copy your photo (pupils have edited staff portraits into mocking and \
                     sexualised images), and type your full name to find your personal accounts"
                        .into()
                } else {
                    "type your full name, with the school's, to find your personal accounts".into()
                },
                reasons,
                needs_incident_steps: false,
            }
        })
        .collect()
}

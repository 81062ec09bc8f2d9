//! What the scan says, in words: each page with a person's full name as a finding with the
//! school's fix, the school's fixes as a whole, the headline, and the audit's findings for
//! the person audited.

use super::{
    Mention, SchoolReport, Sighting, Staff, StaffExposure, StaffFinding, Voice, Website, site,
};
use crate::report::{Confidence, Finding, FindingKind, Severity};
use crate::subject::Subject;

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

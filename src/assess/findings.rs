//! What a pupil could find: public accounts under usernames they would try, and web pages
//! that name the person, each with how sure findable is that it is them.

use std::collections::HashSet;

use super::{Input, Tally};
use crate::catalog::{Check, PupilUse};
use crate::checklist::Review;
use crate::evidence::ProbeStatus;
use crate::relevance::{JudgedSearches, MatchClass, Matcher};
use crate::render::{plural, plural_forms};
use crate::report::{Confidence, Contributor, Finding, FindingKind, Severity};

/// Words in a page's title or snippet that suggest abuse or impersonation.
const INCIDENT_WORDS: &[&str] = &[
    "slander",
    "exposed",
    "fake",
    "parody",
    "impersonat",
    "rate my teacher",
    "burn book",
    "hate",
    "nsfw",
    "roast",
];

/// Public profiles that answered "found".
pub(super) fn profiles(input: &Input, tally: &mut Tally) {
    let given: HashSet<String> = input
        .subject
        .usernames
        .iter()
        .map(|h| h.handle.to_lowercase())
        .collect();
    let mut possible_profiles = 0;
    for probe in input
        .evidence
        .probes
        .iter()
        .filter(|p| p.status == ProbeStatus::Found)
    {
        let review = input.review_of(&probe.url);
        if review == Some(Review::NotMine) {
            tally.dismissed += 1;
            continue;
        }
        let check = input.catalog.get(&probe.platform);
        let platform = check.map_or(probe.platform.as_str(), |c| c.name.as_str());
        let confidence =
            if given.contains(&probe.username.to_lowercase()) || review == Some(Review::Mine) {
                Confidence::Confirmed
            } else {
                Confidence::Possible
            };
        // A title or "teacher" handle nobody claimed may be someone pretending to be them.
        let looks_like_you =
            probe.source.starts_with("title") || probe.source.starts_with("teacher");
        let impersonation = confidence == Confidence::Possible && looks_like_you;
        let mut pupil_could = format!(
            "Anyone, pupils included, can open this {platform} account and see whatever it shows publicly."
        );
        if let Some(note) = check
            .and_then(|c| c.visibility.as_ref())
            .and_then(|v| v.note.as_ref())
        {
            pupil_could.push(' ');
            pupil_could.push_str(note);
        }
        if confidence == Confidence::Possible {
            pupil_could.push_str(if impersonation {
                " If it is not yours, it may be someone pretending to be you: see the incident steps."
            } else {
                " It may belong to someone else with the same name: open it and check."
            });
        }
        if confidence == Confidence::Confirmed {
            tally.exposed.insert(probe.platform.clone());
            tally.contributors.push(Contributor {
                what: format!(
                    "a public {platform} account that is yours (@{})",
                    probe.username
                ),
                points: if check.is_some_and(pupils_use_it) {
                    15
                } else {
                    10
                },
            });
        } else {
            possible_profiles += 1;
        }
        tally.findings.push(Finding {
            kind: FindingKind::Profile,
            platform: Some(probe.platform.clone()),
            title: format!("A public {platform} account: @{}", probe.username),
            url: Some(probe.url.clone()),
            found_by: Some(if given.contains(&probe.username.to_lowercase()) {
                format!("the username {}, one you gave", probe.username)
            } else if looks_like_you {
                format!(
                    "the username {}, made from your title or \"teacher\" the way pupils try",
                    probe.username
                )
            } else {
                format!(
                    "the username {}, made from your name the way pupils try",
                    probe.username
                )
            }),
            confidence,
            severity: check.map_or(Severity::Medium, severity_of_platform),
            pupil_could,
            reasons: Vec::new(),
            needs_incident_steps: impersonation,
        });
    }
    if possible_profiles > 0 {
        tally.contributors.push(Contributor {
            what: format!(
                "{} under usernames pupils would try, not yet confirmed as yours",
                plural_forms(possible_profiles, "public account", "public accounts")
            ),
            points: points(possible_profiles, 3, 15),
        });
    }
}

/// Search results, each page once at its strongest verdict. Returns how many distinct
/// pages were about someone else.
pub(super) fn pages(input: &Input, tally: &mut Tally) -> usize {
    let matcher = Matcher::for_catalog(input.subject, input.variants, input.catalog);
    let judged = JudgedSearches::judge(&input.evidence.searches, &matcher);
    let about_others = judged.about_others;
    let mut best: Vec<(Finding, MatchClass)> = Vec::new();
    for page in &judged.pages {
        let review = input.review_of(&page.url);
        if review == Some(Review::NotMine) {
            tally.dismissed += 1;
            continue;
        }
        let class = if review == Some(Review::Mine) {
            MatchClass::Confirmed
        } else {
            page.relevance.class
        };
        let text = format!("{} {}", page.title, page.snippet).to_lowercase();
        let alarming = INCIDENT_WORDS.iter().any(|w| text.contains(w));
        let (confidence, severity, pupil_could) = match class {
            MatchClass::Confirmed => (
                Confidence::Confirmed,
                Severity::High,
                "A pupil searching for you would find this page, and it is about you.",
            ),
            MatchClass::Likely => (
                Confidence::Likely,
                Severity::Medium,
                "A pupil searching for you would find this page: it names you with your school or town.",
            ),
            MatchClass::Possible => (
                Confidence::Possible,
                Severity::Low,
                "This page carries your name. If it is about you, pupils can find it; if not, ignore it.",
            ),
        };
        let finding = Finding {
            kind: FindingKind::SearchResult,
            platform: page.relevance.platform.clone(),
            title: if page.title.is_empty() {
                page.url.clone()
            } else {
                page.title.clone()
            },
            url: Some(page.url.clone()),
            found_by: page.found_by.first().map(|q| format!("the search {q}")),
            confidence,
            severity,
            pupil_could: pupil_could.to_string(),
            reasons: page.relevance.reasons.clone(),
            needs_incident_steps: alarming && class >= MatchClass::Likely,
        };
        best.push((finding, class));
    }
    let (mut confirmed_pages, mut likely_pages, mut possible_pages) = (0, 0, 0);
    for (finding, class) in best {
        match class {
            MatchClass::Confirmed => confirmed_pages += 1,
            MatchClass::Likely => likely_pages += 1,
            MatchClass::Possible => possible_pages += 1,
        }
        if class >= MatchClass::Likely
            && let Some(p) = &finding.platform
        {
            tally.exposed.insert(p.clone());
        }
        tally.findings.push(finding);
    }
    for (count, per, cap, what) in [
        (confirmed_pages, 10, 30, "about you"),
        (likely_pages, 6, 24, "naming you with your school or town"),
        (
            possible_pages,
            1,
            10,
            "with your name that may be about you",
        ),
    ] {
        if count > 0 {
            tally.contributors.push(Contributor {
                what: format!("{} {what}", plural(count, "web page")),
                points: points(count, per, cap),
            });
        }
    }

    about_others
}

/// `per` points for each of `count`, at most `cap`.
fn points(count: usize, per: u32, cap: u32) -> u32 {
    u32::try_from(count).map_or(cap, |n| n.saturating_mul(per).min(cap))
}

fn pupils_use_it(check: &Check) -> bool {
    check.pupil_use >= PupilUse::High
}

fn severity_of_platform(check: &Check) -> Severity {
    match check.pupil_use {
        PupilUse::VeryHigh | PupilUse::High => Severity::High,
        PupilUse::Medium => Severity::Medium,
        PupilUse::Low => Severity::Low,
    }
}

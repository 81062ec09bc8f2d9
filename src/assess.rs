//! Assess: turns what the engine saw and what the person answered into the report: what a
//! pupil could find, the settings to tighten (most urgent first), what could not be checked,
//! and a score that shows its working. Pure: no I/O, so recorded evidence replays exactly.

use std::collections::HashSet;

use crate::Catalog;
use crate::catalog::{Check, PupilUse};
use crate::checklist::{self, Answer, Answers, Review};
use crate::evidence::{Evidence, ProbeStatus, QueryStatus};
use crate::plan::links::search_links;
use crate::relevance::{JudgedSearches, MatchClass, Matcher};
use crate::report::{
    Action, Confidence, Contributor, Finding, FindingKind, Priority, Report, ReportSubject,
    SCHEMA_VERSION, Score, Severity, Stats, Unchecked,
};
use crate::subject::Subject;
use crate::variants::Variants;

pub struct Input<'a> {
    pub subject: &'a Subject,
    pub variants: &'a Variants,
    pub evidence: &'a Evidence,
    /// `None` when the checklist was skipped.
    pub answers: Option<&'a Answers>,
    pub catalog: &'a Catalog,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// Actions a teacher can do in about ten minutes together.
const QUICK_ACTIONS: usize = 5;

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

pub fn assess(input: &Input) -> Report {
    let mut dismissed = 0;
    let reviews = input.answers.map(|a| &a.reviews);
    let review_of = |url: &str| reviews.and_then(|r| r.get(url)).copied();

    let mut findings = Vec::new();
    let mut exposed: HashSet<String> = HashSet::new();
    let mut contributors: Vec<Contributor> = Vec::new();

    // Public profiles.
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
        let review = review_of(&probe.url);
        if review == Some(Review::NotMine) {
            dismissed += 1;
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
            exposed.insert(probe.platform.clone());
            contributors.push(Contributor {
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
        findings.push(Finding {
            kind: FindingKind::Profile,
            platform: Some(probe.platform.clone()),
            title: format!("A public {platform} account: @{}", probe.username),
            url: Some(probe.url.clone()),
            found_by: Some(format!(
                "the username {} ({})",
                probe.username, probe.source
            )),
            confidence,
            severity: check.map_or(Severity::Medium, severity_of_platform),
            pupil_could,
            reasons: Vec::new(),
            needs_incident_steps: impersonation,
        });
    }
    if possible_profiles > 0 {
        contributors.push(Contributor {
            what: format!("{possible_profiles} public account(s) under usernames pupils would try, not yet confirmed as yours"),
            points: (possible_profiles * 3).min(15),
        });
    }

    // Search results, each page once at its strongest verdict.
    let matcher = Matcher::for_catalog(input.subject, input.variants, input.catalog);
    let judged = JudgedSearches::judge(&input.evidence.searches, &matcher);
    let about_others = judged.about_others;
    let mut best: Vec<(Finding, MatchClass)> = Vec::new();
    for page in &judged.pages {
        let review = review_of(&page.url);
        if review == Some(Review::NotMine) {
            dismissed += 1;
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
            exposed.insert(p.clone());
        }
        findings.push(finding);
    }
    for (count, per, cap, what) in [
        (confirmed_pages, 10, 30, "web page(s) about you"),
        (
            likely_pages,
            6,
            24,
            "web page(s) naming you with your school or town",
        ),
        (
            possible_pages,
            1,
            10,
            "web page(s) with your name that may be about you",
        ),
    ] {
        if count > 0 {
            contributors.push(Contributor {
                what: format!("{count} {what}"),
                points: (count * per).min(cap),
            });
        }
    }

    // Settings.
    let (actions, open_count, answered) = actions(input, &exposed);
    let mut open_points = 0;
    for action in actions.iter().filter(|a| a.your_answer != NOT_ASKED) {
        open_points += match action.priority {
            Priority::High => 5,
            Priority::Medium => 2,
            Priority::Low => 1,
        };
        findings.push(Finding {
            kind: FindingKind::OpenSetting,
            platform: Some(action.check.clone()),
            title: format!(
                "{}: {} is not set the safe way",
                action.platform, action.label
            ),
            url: None,
            found_by: Some(format!("your answer: {}", action.your_answer)),
            confidence: Confidence::Confirmed,
            severity: match action.priority {
                Priority::High => Severity::High,
                Priority::Medium => Severity::Medium,
                Priority::Low => Severity::Low,
            },
            pupil_could: action.why.clone(),
            reasons: Vec::new(),
            needs_incident_steps: false,
        });
    }
    if open_points > 0 {
        contributors.push(Contributor {
            what: format!("{open_count} setting(s) left open or not sure"),
            points: open_points.min(30),
        });
    }

    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(b.confidence.cmp(&a.confidence))
            .then(b.kind.cmp(&a.kind))
    });

    let could_not_check = unchecked(input);
    let total: u32 = contributors.iter().map(|c| c.points).sum();
    if total > 100 {
        // Keep the contributors honest: the list must add up to the score shown.
        contributors.push(Contributor {
            what: "cap: the score stops at 100".into(),
            points: 0,
        });
    }
    let score = Score {
        value: total.min(100),
        contributors,
    };
    let probes = &input.evidence.probes;
    let stats = Stats {
        profiles_checked: probes.len(),
        profiles_found: probes
            .iter()
            .filter(|p| p.status == ProbeStatus::Found)
            .count(),
        profiles_absent: probes
            .iter()
            .filter(|p| p.status == ProbeStatus::Absent)
            .count(),
        profiles_unknown: probes
            .iter()
            .filter(|p| p.status == ProbeStatus::Unknown)
            .count(),
        searches_run: input.evidence.searches.len(),
        searches_blocked_or_failed: input
            .evidence
            .searches
            .iter()
            .filter(|q| matches!(q.status, QueryStatus::Blocked | QueryStatus::Failed))
            .count(),
        results_about_others: about_others,
        settings_answered: answered,
        settings_open: open_count,
        dismissed_by_you: dismissed,
    };
    let summary = summarise(input, &findings, &actions, &could_not_check);
    Report {
        schema_version: SCHEMA_VERSION,
        date: input.date.clone(),
        subject: ReportSubject {
            name: input.subject.name.clone(),
            title: input.subject.title.clone(),
            school: input.subject.school.clone(),
            town: input.subject.town.clone(),
        },
        summary,
        score,
        findings,
        actions,
        could_not_check,
        stats,
        partial: input.evidence.partial,
    }
}

const NOT_ASKED: &str = "not asked";

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

/// The settings to tighten, most urgent first, with how many were open and answered.
fn actions(input: &Input, exposed: &HashSet<String>) -> (Vec<Action>, usize, usize) {
    let catalog = input.catalog;
    let mut chosen: Vec<(&Check, &crate::catalog::Setting, String)> = Vec::new();
    let mut answered = 0;
    match input.answers {
        Some(answers) => {
            answered = checklist::steps(catalog, answers)
                .iter()
                .filter(|s| answers.get(&s.check.id, &s.setting.id).is_some())
                .count();
            for (step, answer) in checklist::open_settings(catalog, answers) {
                let said = match answer {
                    Answer::NotSure => "not sure".to_string(),
                    other => other.label().to_lowercase(),
                };
                chosen.push((step.check, step.setting, said));
            }
        }
        None => {
            // No checklist: the high-priority settings where you were found, and the
            // general checks everyone should do.
            for check in &catalog.checks {
                if exposed.contains(&check.id) || checklist::is_general(check) {
                    for setting in check
                        .settings
                        .iter()
                        .filter(|s| s.priority == crate::catalog::Priority::High)
                    {
                        chosen.push((check, setting, NOT_ASKED.to_string()));
                    }
                }
            }
        }
    }
    let open = if input.answers.is_some() {
        chosen.len()
    } else {
        0
    };
    let weight = |p: crate::catalog::Priority| match p {
        crate::catalog::Priority::High => 3,
        crate::catalog::Priority::Medium => 2,
        crate::catalog::Priority::Low => 1,
    };
    chosen.sort_by(|a, b| {
        let urgency = |(c, s, _): &(&Check, &crate::catalog::Setting, String)| {
            weight(s.priority) * if exposed.contains(&c.id) { 2 } else { 1 }
        };
        urgency(b)
            .cmp(&urgency(a))
            .then(b.0.pupil_use.cmp(&a.0.pupil_use))
    });
    let actions = chosen
        .into_iter()
        .enumerate()
        .map(|(i, (check, setting, said))| Action {
            check: check.id.clone(),
            platform: check.name.clone(),
            setting: setting.id.clone(),
            label: setting.label.clone(),
            location: setting.location.clone(),
            recommended: setting.recommended.clone(),
            why: setting.risk.clone(),
            priority: match setting.priority {
                crate::catalog::Priority::High => Priority::High,
                crate::catalog::Priority::Medium => Priority::Medium,
                crate::catalog::Priority::Low => Priority::Low,
            },
            help_url: setting.help_url.clone(),
            exposed: exposed.contains(&check.id),
            quick: i < QUICK_ACTIONS,
            verified: setting.verified,
            your_answer: said,
        })
        .collect();
    (actions, open, answered)
}

fn unchecked(input: &Input) -> Vec<Unchecked> {
    let mut out: Vec<Unchecked> = input
        .evidence
        .probes
        .iter()
        .filter(|p| p.status == ProbeStatus::Unknown)
        .map(|p| {
            let platform = input
                .catalog
                .get(&p.platform)
                .map_or(p.platform.clone(), |c| c.name.clone());
            let why = p.reason.map(|r| r.describe()).unwrap_or("no clear answer");
            Unchecked {
                platform,
                what: format!("the username {}", p.username),
                reason: why.to_string(),
                url: p.url.clone(),
            }
        })
        .collect();
    for q in &input.evidence.searches {
        if matches!(q.status, QueryStatus::Blocked | QueryStatus::Failed) {
            let url = search_links(&q.query)
                .into_iter()
                .next()
                .map(|l| l.url)
                .unwrap_or_default();
            out.push(Unchecked {
                platform: q.backend.clone(),
                what: format!("the search {}", q.query),
                reason: q
                    .reason
                    .clone()
                    .unwrap_or_else(|| "the search did not run".into()),
                url,
            });
        }
    }
    out
}

fn summarise(
    input: &Input,
    findings: &[Finding],
    actions: &[Action],
    unchecked: &[Unchecked],
) -> String {
    let profiles: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::Profile && f.confidence == Confidence::Confirmed)
        .collect();
    let maybe_profiles = findings
        .iter()
        .filter(|f| f.kind == FindingKind::Profile && f.confidence != Confidence::Confirmed)
        .count();
    let pages = findings
        .iter()
        .filter(|f| f.kind == FindingKind::SearchResult && f.confidence >= Confidence::Likely)
        .count();
    let mut parts = Vec::new();
    let who = input.subject.name.as_str();
    let evidence = input.evidence;
    let answered_probes = evidence
        .probes
        .iter()
        .any(|p| p.status != ProbeStatus::Unknown);
    let answered_searches = evidence
        .searches
        .iter()
        .any(|q| matches!(q.status, QueryStatus::Ok | QueryStatus::Empty));
    let tried = !evidence.probes.is_empty() || !evidence.searches.is_empty();
    if tried && !answered_probes && !answered_searches {
        parts.push(
            "findable could not get an answer from any site it tried (is this computer offline?), so it cannot say what is public: check the links below by hand."
                .to_string(),
        );
    } else if profiles.is_empty() && pages == 0 {
        parts.push(format!(
            "findable found nothing that is clearly about {who} in what it could check."
        ));
    } else {
        let mut found = Vec::new();
        if !profiles.is_empty() {
            found.push(count(
                profiles.len(),
                "public account that is yours",
                "public accounts that are yours",
            ));
        }
        if pages > 0 {
            found.push(count(
                pages,
                "web page naming you with your school or town",
                "web pages naming you with your school or town",
            ));
        }
        parts.push(format!(
            "A pupil searching for {who} could find {}.",
            found.join(" and ")
        ));
    }
    if maybe_profiles > 0 {
        let (one, many) = (
            "more public account uses a username a pupil would try; open it to see whether it is yours.",
            "more public accounts use usernames a pupil would try; open them to see whether they are yours.",
        );
        parts.push(count(maybe_profiles, one, many));
    }
    match actions.first() {
        Some(first) if first.your_answer == NOT_ASKED => parts.push(format!(
            "You skipped the settings checklist, so the list below is the settings that matter most, starting with {} on {}.",
            first.label, first.platform
        )),
        Some(first) => parts.push(format!(
            "{} something open; start with {} on {}.",
            count(actions.len(), "of your settings leaves", "of your settings leave"),
            first.label,
            first.platform
        )),
        None if input.answers.is_some() => parts.push("Your answers leave no settings open.".into()),
        None => {}
    }
    if !unchecked.is_empty() {
        parts.push(format!(
            "{} could not be checked automatically: they are listed with links to check by hand, and are not counted as safe.",
            count(unchecked.len(), "thing", "things")
        ));
    }
    parts.join(" ")
}

/// "1 thing" or "3 things".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

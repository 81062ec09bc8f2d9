//! The plain-English summary paragraph and the list of what could not be checked.

use super::Input;
use super::settings::{NOT_ANSWERED, NOT_ASKED};
use crate::evidence::{ProbeStatus, QueryStatus};
use crate::plan::links::search_links;
use crate::render::plural_forms;
use crate::report::{Action, Confidence, Finding, FindingKind, Unchecked};

pub(super) fn unchecked(input: &Input) -> Vec<Unchecked> {
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
    // Sites of a --sites list that were never probed: each with why, and its page for the
    // likeliest username when it has one a person could open.
    let likeliest = input.variants.usernames.first().map(|v| v.text.as_str());
    for skipped in input.evidence.site_list.iter().flat_map(|l| &l.skipped) {
        let url = match (&skipped.profile_url, likeliest) {
            (Some(template), Some(username)) => template.replace("{username}", username),
            _ => String::new(),
        };
        out.push(Unchecked {
            platform: skipped.name.clone(),
            what: "every username (not probed)".into(),
            reason: skipped.reason.clone(),
            url,
        });
    }
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

pub(super) fn summarise(
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
            found.push(plural_forms(
                profiles.len(),
                "public account that is yours",
                "public accounts that are yours",
            ));
        }
        if pages > 0 {
            found.push(plural_forms(
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
        parts.push(plural_forms(maybe_profiles, one, many));
    }
    match actions.first() {
        Some(first) if first.your_answer == NOT_ASKED => parts.push(format!(
            "You skipped the settings checklist, so the list below is the settings that matter most, starting with {} on {}.",
            first.label, first.platform
        )),
        Some(first) => {
            let unanswered = actions
                .iter()
                .filter(|a| a.your_answer == NOT_ANSWERED)
                .count();
            let open = actions.len() - unanswered;
            let said = match (open, unanswered) {
                (_, 0) => plural_forms(
                    open,
                    "of your settings leaves something open",
                    "of your settings leave something open",
                ),
                (0, _) => format!(
                    "{} not answered yet, and a setting nobody has checked counts as open",
                    plural_forms(unanswered, "setting is", "settings are")
                ),
                _ => format!(
                    "{} something open and {} not answered yet (counted as open)",
                    plural_forms(open, "of your settings leaves", "of your settings leave"),
                    plural_forms(unanswered, "is", "are")
                ),
            };
            parts.push(format!(
                "{said}; start with {} on {}.",
                first.label, first.platform
            ));
        }
        None if input.answers.is_some() => parts.push("Your answers leave no settings open.".into()),
        None => {}
    }
    if let Some(answers) = input.answers {
        let skipped: Vec<&str> = crate::checklist::skipped(input.catalog, answers)
            .into_iter()
            .map(|c| c.name.as_str())
            .collect();
        if !skipped.is_empty() {
            parts.push(format!(
                "You skipped {} in the walkthrough, so it is not checked yet.",
                skipped.join(" and ")
            ));
        }
    }
    if !unchecked.is_empty() {
        parts.push(format!(
            "{} could not be checked automatically: they are listed with links to check by hand, and are not counted as safe.",
            plural_forms(unchecked.len(), "thing", "things")
        ));
    }
    parts.join(" ")
}

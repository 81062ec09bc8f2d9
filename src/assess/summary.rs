//! The report's first words (what a pupil could find, what to do next), how much could be
//! checked, and the list of what could not be checked, each with a link to check by hand.

use super::Input;
use super::settings::{NOT_ANSWERED, NOT_ASKED};
use crate::evidence::{ProbeStatus, QueryStatus, UnknownReason};
use crate::plan::links::search_links;
use crate::render::{plural, plural_forms};
use crate::report::{
    Action, Confidence, Coverage, CoverageState, Finding, FindingKind, Unchecked, UncheckedKind,
};

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
                kind: UncheckedKind::Username,
                platform,
                what: p.username.clone(),
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
            kind: UncheckedKind::Site,
            platform: skipped.name.clone(),
            what: String::new(),
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
                kind: UncheckedKind::Search,
                platform: backend_name(&q.backend),
                what: q.query.clone(),
                reason: match q.status {
                    QueryStatus::Blocked => "the search engine refused automated searches",
                    _ => "the search engine did not answer",
                }
                .into(),
                url,
            });
        }
    }
    out
}

/// How much of the automatic checking got an answer. Sites findable never checks itself
/// (a person must look) are left out: they are neither answered nor failed.
pub(super) fn coverage(input: &Input) -> Coverage {
    let evidence = input.evidence;
    let probes = evidence
        .probes
        .iter()
        .filter(|p| p.reason != Some(UnknownReason::Manual));
    let (mut answered, mut tried, mut all_network) = (0, 0, true);
    for probe in probes {
        tried += 1;
        if probe.status == ProbeStatus::Unknown {
            all_network &= probe.reason == Some(UnknownReason::Network);
        } else {
            answered += 1;
        }
    }
    for query in &evidence.searches {
        tried += 1;
        match query.status {
            QueryStatus::Ok | QueryStatus::Empty => answered += 1,
            QueryStatus::Blocked => all_network = false,
            QueryStatus::Failed => {}
        }
    }
    let state = if answered == 0 {
        CoverageState::Nothing
    } else if answered * 2 < tried {
        CoverageState::Little
    } else {
        CoverageState::Enough
    };
    Coverage {
        state,
        answered,
        tried,
        network_failed: tried > answered && all_network,
    }
}

/// What a pupil could find, in one sentence: accounts that are the person's, pages naming
/// them with their school or town, or an honest "could not tell".
pub(super) fn headline(findings: &[Finding], coverage: &Coverage) -> String {
    let count = |kind: FindingKind, at_least: Confidence| {
        findings
            .iter()
            .filter(|f| f.kind == kind && f.confidence >= at_least)
            .count()
    };
    let accounts = count(FindingKind::Profile, Confidence::Confirmed);
    let pages = count(FindingKind::SearchResult, Confidence::Likely);
    let maybe = count(FindingKind::Profile, Confidence::Possible) - accounts;
    let mut found = Vec::new();
    if accounts > 0 {
        found.push(plural_forms(
            accounts,
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
    if !found.is_empty() {
        let mut line = format!("A pupil could find {}", found.join(" and "));
        if maybe > 0 {
            line.push_str(&format!(
                ", and {} that may be yours",
                plural_forms(maybe, "more account", "more accounts")
            ));
        }
        return line + ".";
    }
    match (coverage.state, maybe) {
        (CoverageState::Nothing, _) => {
            "findable could not check anything online (no site or search answered), so it cannot say what a pupil could find.".into()
        }
        (CoverageState::Little, 0) => format!(
            "Nothing clearly about you turned up, but findable could check only {} of {}, so this is not an all-clear.",
            coverage.answered,
            plural(coverage.tried, "thing")
        ),
        (_, 0) => "Nothing clearly about you turned up in what findable could check.".into(),
        (_, n) => format!(
            "Nothing clearly about you, but {} under usernames pupils would try: open {} to see whether {} yours.",
            plural_forms(n, "a public account turned up", "public accounts turned up"),
            if n == 1 { "it" } else { "them" },
            if n == 1 { "it is" } else { "they are" },
        ),
    }
}

/// What to do about it: the settings, in a sentence.
pub(super) fn next_step(input: &Input, actions: &[Action]) -> String {
    match actions.first() {
        Some(first) if first.your_answer == NOT_ASKED => format!(
            "You skipped the settings checklist, so the settings below are the ones that matter most; start with {} on {}.",
            sentence_part(&first.label),
            first.platform
        ),
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
            format!(
                "{said}; start with {} on {}.",
                sentence_part(&first.label),
                first.platform
            )
        }
        None if input.answers.is_some() => "Your answers leave no settings open.".into(),
        None => String::new(),
    }
}

/// A setting's label inside a sentence: "Who can see your posts?" loses its question mark.
fn sentence_part(label: &str) -> &str {
    label.trim().trim_end_matches(['.', '?', '!'])
}

/// A search backend's id ("duckduckgo") as people write it.
fn backend_name(id: &str) -> String {
    match id {
        "duckduckgo" => "DuckDuckGo".into(),
        "searxng" => "SearXNG".into(),
        "brave" => "Brave Search".into(),
        other => other.to_string(),
    }
}

//! Turns a [`Report`] into what a teacher reads: text for a terminal, Markdown, one
//! self-contained HTML page, or JSON. Every format shows the same things in the same
//! order; the wording they share lives here so the formats cannot drift apart.

mod html;
mod json;
mod markdown;
#[cfg(test)]
mod tests;
mod text;

use crate::report::{
    Action, Confidence, Finding, FindingKind, Priority, Report, ReportSubject, Severity, Stats,
    Unchecked,
};

use super::escape::text as clean;
use super::{NO_URL, OutputFormat, plural, plural_forms};
use crate::contacts;

pub use html::{HtmlParts, html, html_parts};
pub use json::json;
pub use markdown::markdown;
pub use text::text;

/// The report in `format`. `color` only matters for text: callers decide it (a terminal,
/// `NO_COLOR`), so files and tests never get escape codes by accident.
pub fn render(report: &Report, format: OutputFormat, color: bool) -> String {
    match format {
        OutputFormat::Text => text(report, color),
        OutputFormat::Markdown => markdown(report),
        OutputFormat::Html => html(report),
        OutputFormat::Json => json(report),
    }
}

/// What a pupil could find, in one sentence, for the end of an audit in a terminal and
/// the top of the report: accounts that are the person's, pages naming them with their
/// school or town, or an honest "could not tell".
pub fn headline(report: &Report) -> String {
    let s = &report.stats;
    let answered =
        s.profiles_found + s.profiles_absent > 0 || s.searches_run > s.searches_blocked_or_failed;
    let count = |kind: FindingKind, at_least: Confidence| {
        report
            .findings
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
        let mut line = format!("a pupil could find {}", found.join(" and "));
        if maybe > 0 {
            line.push_str(&format!(
                ", and {} that may be yours",
                plural_forms(maybe, "more account", "more accounts")
            ));
        }
        return capitalise(&line) + ".";
    }
    if !answered {
        return "findable could not check anything (no site or search answered), so it cannot say what a pupil could find: open the report's links by hand.".into();
    }
    match maybe {
        0 => "Nothing clearly about you turned up in what findable could check.".into(),
        n => format!(
            "Nothing clearly about you, but {} under usernames pupils would try: check whether it is yours.",
            plural_forms(n, "public account turned up", "public accounts turned up")
        ),
    }
}

// ---- Wording shared by every format ----

const TOP_ACTIONS: &str = "Do these first: about ten minutes";
const NO_QUICK_ACTIONS: &str =
    "Nothing was marked as a quick win: start at the top of \"All settings to tighten\".";
const NO_ACTIONS: &str = "No settings to tighten came out of this audit.";
const SCORE_SCALE: &str =
    "0 means nothing was found; the higher it is, the easier a pupil could find you.";
const NO_FINDINGS: &str = "Nothing was found that a pupil could see. Anything under \
\"Could not check\" is not counted as safe: check those by hand.";
const PARTIAL: &str = "This report is incomplete: the audit was stopped early or parts \
were left out. Anything that was not checked is NOT counted as safe. Run the audit \
again to finish it.";
const UNCHECKED_INTRO: &str = "These could not be checked, so they are NOT counted as \
safe. Open each link in a private (incognito) window, not logged in, to see what a pupil \
would see.";
const NOT_CHECKED_YET_INTRO: &str = "You skipped these in the walkthrough, so their settings \
are not checked and NOT counted as safe. Run the audit again to go through them.";

/// "TikTok (5 questions)".
fn not_checked_line(n: &crate::report::NotCheckedYet) -> String {
    format!(
        "{} ({})",
        clean(&n.platform),
        plural(n.questions, "question")
    )
}

const NO_UNCHECKED: &str = "Everything planned was checked.";
const SITE_LIST_HEADING: &str = "The site list";
const SITE_LIST_WARNINGS: &str = "Worth knowing about the sites it probed:";
const UNVERIFIED: &str = "This menu may look different: the path could not be checked \
against the platform's own help pages.";
const ABUSE_HEADING: &str = "If something here is abusive";
const ABUSE_INTRO: &str = "Some of what was found may be abuse, or an account pretending \
to be you. Run `findable incident` to be walked through it and keep an evidence log, or \
follow these steps:";
/// What to do about abuse, in short; `findable incident` has the full steps.
fn abuse_steps() -> [String; 6] {
    let (posh, police) = (contacts::POSH, contacts::POLICE);
    [
        "Don't reply, comment or retaliate, and don't contact the account.".into(),
        "Save evidence: screenshots that show the username, the date and the web address, \
         and copy the link."
            .into(),
        "Report it to the platform (as abuse, or as an account pretending to be you).".into(),
        "Tell your line manager or your school's designated safeguarding lead (DSL).".into(),
        format!(
            "Call the {} on {} for advice and help getting it taken down.",
            posh.name,
            posh.phone.unwrap_or_default()
        ),
        format!(
            "If there are threats, hate, sexual content or persistent anonymous abuse, tell \
             the police ({}, or {} in an emergency).",
            police.non_emergency, police.emergency
        ),
    ]
}
const FOOTER_PRIVATE: &str = "This report is private: it says where you can be found \
online. Keep it on your own device, don't share it, and delete it when you no longer \
need it.";

/// `date` comes already escaped for the format it goes into.
fn footer_made(date: &str) -> String {
    format!(
        "Made by findable on {date} from public profiles and searches only: it never logged \
         in to anything."
    )
}

fn flagged_notice(count: usize) -> String {
    let n = plural(count, "finding");
    format!(
        "{n} may be abuse or someone pretending to be you. Don't reply; see \"{ABUSE_HEADING}\" \
         below, or run `findable incident`."
    )
}

const FLAGGED: &str = "This may be abuse or someone pretending to be you. Don't reply: \
follow the steps under \"If something here is abusive\", or run `findable incident`.";

fn confidence_words(c: Confidence) -> &'static str {
    match c {
        Confidence::Confirmed => "Confirmed: this is you",
        Confidence::Likely => "Likely: probably you",
        Confidence::Possible => "Possible: maybe you, please check",
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}

/// `label` ended as a sentence: "Private account." but "Who can see your posts?".
fn sentence(label: &str) -> String {
    let label = label.trim();
    if label.ends_with(['.', '?', '!']) {
        label.to_string()
    } else {
        format!("{label}.")
    }
}

/// "High severity. Likely: probably you." A setting's finding is the person's own answer,
/// so "how sure" does not apply to it.
fn severity_and_confidence(f: &Finding) -> String {
    let severity = capitalise(severity_word(f.severity));
    match f.kind {
        FindingKind::OpenSetting => format!("{severity} severity."),
        _ => format!("{severity} severity. {}.", confidence_words(f.confidence)),
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn priority_word(p: Priority) -> &'static str {
    match p {
        Priority::High => "high",
        Priority::Medium => "medium",
        Priority::Low => "low",
    }
}

fn kind_heading(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Profile => "Public profiles",
        FindingKind::SearchResult => "In search results",
        FindingKind::OpenSetting => "Settings that are open",
    }
}

/// Findings grouped by kind in a fixed order (profiles, search results, settings); within
/// a group they keep the report's order, which is most serious first.
fn groups(report: &Report) -> Vec<(FindingKind, Vec<&Finding>)> {
    [
        FindingKind::Profile,
        FindingKind::SearchResult,
        FindingKind::OpenSetting,
    ]
    .into_iter()
    .map(|kind| {
        let members = report.findings.iter().filter(|f| f.kind == kind).collect();
        (kind, members)
    })
    .filter(|(_, members): &(FindingKind, Vec<&Finding>)| !members.is_empty())
    .collect()
}

fn quick_actions(report: &Report) -> Vec<&Action> {
    report.actions.iter().filter(|a| a.quick).collect()
}

fn flagged_count(report: &Report) -> usize {
    report
        .findings
        .iter()
        .filter(|f| f.needs_incident_steps)
        .count()
}

fn exposed_note(action: &Action) -> String {
    format!(
        "You were found publicly on {}, so this comes first.",
        clean(&action.platform)
    )
}

/// "2025-03-14" as "14 March 2025"; anything unparseable is shown as it is.
fn display_date(date: &str) -> String {
    match date.parse::<jiff::civil::Date>() {
        Ok(d) => d.strftime("%-d %B %Y").to_string(),
        Err(_) => clean(date).into_owned(),
    }
}

/// "Ms Jane Smith, Oakwood Academy, Leeds".
fn subject_line(subject: &ReportSubject) -> String {
    let name = match &subject.title {
        Some(title) if !title.trim().is_empty() => format!("{} {}", title.trim(), subject.name),
        _ => subject.name.clone(),
    };
    let mut parts = vec![name];
    parts.extend(subject.school.iter().cloned());
    parts.extend(subject.town.iter().cloned());
    clean(&parts.join(", ")).into_owned()
}

fn heading_title(report: &Report) -> String {
    format!(
        "What a pupil could find about {}",
        clean(&report.subject.name)
    )
}

/// How the contributors add up, e.g. "12 + 10 + 8 = 30", and a note when that is not the
/// score (capped at 100, or the audit got it wrong: show it rather than hide it).
fn score_sum(report: &Report) -> (String, Option<String>) {
    let points: Vec<u64> = report
        .score
        .contributors
        .iter()
        .map(|c| u64::from(c.points))
        .collect();
    let total: u64 = points.iter().sum();
    let sum = if points.len() > 1 {
        let terms: Vec<String> = points.iter().map(u64::to_string).collect();
        format!("{} = {total}", terms.join(" + "))
    } else {
        total.to_string()
    };
    let value = u64::from(report.score.value);
    let note = if total == value {
        None
    } else if value == 100 && total > 100 {
        Some(format!("These add up to {total}; the score stops at 100."))
    } else {
        Some(format!(
            "These add up to {total}, not {value}: the score shown above may be wrong."
        ))
    };
    (sum, note)
}

fn stats_rows(s: &Stats) -> Vec<(&'static str, String)> {
    vec![
        (
            "Profiles checked",
            format!(
                "{} (found {}, not there {}, could not tell {})",
                s.profiles_checked, s.profiles_found, s.profiles_absent, s.profiles_unknown
            ),
        ),
        (
            "Searches run",
            format!(
                "{} (blocked or failed {})",
                s.searches_run, s.searches_blocked_or_failed
            ),
        ),
        (
            "Results about someone else, left out",
            s.results_about_others.to_string(),
        ),
        (
            "Settings answered",
            format!("{} (still open {})", s.settings_answered, s.settings_open),
        ),
        ("Dismissed by you", s.dismissed_by_you.to_string()),
    ]
}

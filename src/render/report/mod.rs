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
    Action, Confidence, CoverageState, Finding, FindingKind, Priority, Report, ReportSubject,
    Severity, Stats, Unchecked, UncheckedKind,
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

/// What the report must say before anything else when findable could check little or
/// nothing: in plain words, with what to do about it. `None` when enough was checked.
pub fn coverage_banner(report: &Report) -> Option<String> {
    let c = &report.coverage;
    let hand = "The links under \"Check by hand\" are what to open yourself";
    match c.state {
        CoverageState::Enough => None,
        CoverageState::Nothing if c.tried == 0 => Some(format!(
            "Nothing was checked online, so this report cannot say what is public. {hand}."
        )),
        CoverageState::Nothing if c.network_failed => Some(format!(
            "Your network blocked every check: this is common on school networks. {hand}; or try again on a home connection."
        )),
        CoverageState::Nothing => Some(format!(
            "No site or search answered, so this report cannot say what is public. {hand}; or try again later."
        )),
        CoverageState::Little => Some(format!(
            "findable could check only {} of {}: the rest is NOT counted as safe. {hand}{}.",
            c.answered,
            plural(c.tried, "thing"),
            if c.network_failed {
                "; your network may be blocking sites (common on school networks), so try again on a home connection"
            } else {
                ""
            }
        )),
    }
}

/// "Exposure 30/100", or that it was not measured.
fn score_line(report: &Report) -> String {
    match report.score.value {
        Some(value) => format!("Exposure {value}/100"),
        None => "Exposure: not measured".into(),
    }
}

/// What the score line means.
fn score_note(report: &Report) -> &'static str {
    match report.score.value {
        Some(_) => SCORE_SCALE,
        None => SCORE_NOT_MEASURED,
    }
}

// ---- Wording shared by every format ----

const TOP_ACTIONS: &str = "Do these first: about ten minutes";
const NO_QUICK_ACTIONS: &str =
    "Nothing was marked as a quick win: start at the top of \"Settings to tighten\".";
const NO_ACTIONS: &str = "No settings to tighten came out of this audit.";
const SCORE_SCALE: &str =
    "0 means nothing was found; the higher it is, the easier a pupil could find you.";
const SCORE_NOT_MEASURED: &str = "findable could check too little for a score to mean \
anything, so there is none: a low number here would only look safe.";
const NO_FINDINGS: &str = "No public account or page about you turned up. Anything under \
\"Check by hand\" is not counted as safe: open those yourself.";
const NOTHING_CHECKED: &str = "findable could not check anything, so this is empty: that \
does NOT mean nothing about you is public. Open the links under \"Check by hand\".";

/// What to say when nothing was found: that nothing turned up, or that nothing could be
/// checked (which is not the same).
fn no_findings(report: &Report) -> &'static str {
    match report.coverage.state {
        CoverageState::Nothing => NOTHING_CHECKED,
        _ => NO_FINDINGS,
    }
}
const PARTIAL: &str = "This report is incomplete: the audit was stopped early or parts \
were left out. Anything that was not checked is NOT counted as safe. Run the audit \
again to finish it.";
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

const SITE_LIST_HEADING: &str = "The site list";
const SITE_LIST_WARNINGS: &str = "Worth knowing about the sites it probed:";
const UNVERIFIED: &str = "This platform's menus may look different from what is written \
here: not every path could be checked against its own help pages.";
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

/// "High severity. Likely: probably you."
fn severity_and_confidence(f: &Finding) -> String {
    format!(
        "{} severity. {}.",
        capitalise(severity_word(f.severity)),
        confidence_words(f.confidence)
    )
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

/// How the findings are grouped on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Accounts,
    /// Their name and photo on their school's own website.
    School,
    Pages,
    /// Pages that carry the name but nothing else of the person's: listed in a line each,
    /// since most are about someone else with the same name.
    MaybeOthers,
}

impl Group {
    fn heading(self) -> &'static str {
        match self {
            Self::Accounts => "Public profiles",
            Self::School => "On your school's website",
            Self::Pages => "In search results",
            Self::MaybeOthers => "Pages with your name that may be about someone else",
        }
    }

    /// A line each instead of a card.
    fn compact(self) -> bool {
        self == Self::MaybeOthers
    }

    fn holds(self, f: &Finding) -> bool {
        match self {
            Self::Accounts => f.kind == FindingKind::Profile,
            Self::School => f.kind == FindingKind::SchoolWebsite,
            Self::Pages => {
                f.kind == FindingKind::SearchResult && f.confidence > Confidence::Possible
            }
            Self::MaybeOthers => {
                f.kind == FindingKind::SearchResult && f.confidence == Confidence::Possible
            }
        }
    }
}

const MAYBE_OTHERS_INTRO: &str = "Open any you do not recognise: if one is about you, it is \
as public as those above.";

/// Findings grouped in a fixed order (accounts, pages about you, pages that may be about
/// someone else); within a group they keep the report's order, most serious first.
fn groups(report: &Report) -> Vec<(Group, Vec<&Finding>)> {
    [
        Group::Accounts,
        Group::School,
        Group::Pages,
        Group::MaybeOthers,
    ]
    .into_iter()
    .map(|group| {
        let members = report.findings.iter().filter(|f| group.holds(f)).collect();
        (group, members)
    })
    .filter(|(_, members): &(Group, Vec<&Finding>)| !members.is_empty())
    .collect()
}

/// Whether `index` is the first unverified setting of its platform: the "menu may look
/// different" caveat is said once per platform, or people learn to skip it.
fn first_unverified(report: &Report, index: usize) -> bool {
    let Some(action) = report.actions.get(index) else {
        return false;
    };
    !action.verified
        && !report.actions[..index]
            .iter()
            .any(|a| !a.verified && a.check == action.check)
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
/// score (capped at 100, or the audit got it wrong: show it rather than hide it). Only
/// called when there is a score.
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
    let Some(value) = report.score.value.map(u64::from) else {
        return (sum, None);
    };
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

/// Links shown per platform under "Check by hand": the likeliest few. A teacher will not
/// open dozens, and the others are guesses that more often belong to strangers.
const HAND_LINKS: usize = 3;

const BY_HAND_INTRO: &str = "findable could not get an answer for these, so they are NOT \
counted as safe. Open the links in a private (incognito) window, not logged in, to see \
what a pupil would see.";
const NOTHING_BY_HAND: &str = "Everything planned was checked.";

/// One platform's share of what could not be checked.
struct HandGroup<'a> {
    platform: &'a str,
    kind: UncheckedKind,
    /// Why, each different reason once, in plain words.
    reasons: Vec<&'a str>,
    /// The likeliest few, with somewhere to open.
    links: Vec<&'a Unchecked>,
    /// How many more there are.
    more: usize,
}

impl HandGroup<'_> {
    /// "12 usernames could not be checked (the site did not answer)".
    fn summary(&self) -> String {
        let count = self.links.len() + self.more;
        let what = match self.kind {
            UncheckedKind::Username => plural_forms(
                count,
                "username could not be checked",
                "usernames could not be checked",
            ),
            UncheckedKind::Search => plural_forms(
                count,
                "search could not be run",
                "searches could not be run",
            ),
            UncheckedKind::Site => "not checked".into(),
        };
        format!("{what}: {}", self.reasons.join("; "))
    }

    /// What to do about this platform, in a line.
    fn to_do(&self) -> &'static str {
        let one = self.links.len() + self.more == 1;
        match (self.kind, one) {
            (UncheckedKind::Username, true) => {
                "Open it in a private window. If the account is yours, check its settings; if \
                 it pretends to be you, run `findable incident`."
            }
            (UncheckedKind::Username, false) => {
                "Open each in a private window. If an account is yours, check its settings; if \
                 one pretends to be you, run `findable incident`."
            }
            (UncheckedKind::Search, true) => {
                "Run the search yourself in a private window and look through the first page \
                 of results."
            }
            (UncheckedKind::Search, false) => {
                "Run each search yourself in a private window and look through the first page \
                 of results."
            }
            (UncheckedKind::Site, _) if self.links.is_empty() => {
                "If you use this site, look for your usernames on it yourself."
            }
            (UncheckedKind::Site, _) => {
                "If you use this site, open the page in a private window and check what it \
                 shows."
            }
        }
    }

    /// "and 9 less likely ones".
    fn more_line(&self) -> Option<String> {
        (self.more > 0).then(|| {
            let noun = match self.kind {
                UncheckedKind::Search => ("less likely search", "less likely searches"),
                _ => ("less likely username", "less likely usernames"),
            };
            format!("and {}", plural_forms(self.more, noun.0, noun.1))
        })
    }
}

/// What a link under "Check by hand" is called: the username or the search itself.
fn hand_label(u: &Unchecked) -> String {
    match u.kind {
        UncheckedKind::Site => format!(
            "{} (its page for your likeliest username)",
            u.platform.trim()
        ),
        _ => u.what.trim().to_string(),
    }
}

/// What could not be checked, one group per platform (in the order they first appear,
/// which is the audit's order: likeliest usernames first).
fn by_hand(report: &Report) -> Vec<HandGroup<'_>> {
    let mut groups: Vec<HandGroup> = Vec::new();
    for u in &report.could_not_check {
        let index = match groups
            .iter()
            .position(|g| g.platform == u.platform && g.kind == u.kind)
        {
            Some(i) => i,
            None => {
                groups.push(HandGroup {
                    platform: &u.platform,
                    kind: u.kind,
                    reasons: Vec::new(),
                    links: Vec::new(),
                    more: 0,
                });
                groups.len() - 1
            }
        };
        let group = &mut groups[index];
        if !group.reasons.contains(&u.reason.as_str()) {
            group.reasons.push(&u.reason);
        }
        // A whole site with no page to open has nothing to link; a search or username
        // without an address is still worth listing (it says what to look for).
        if u.kind == UncheckedKind::Site && u.url.trim().is_empty() {
            continue;
        }
        if group.links.len() < HAND_LINKS {
            group.links.push(u);
        } else {
            group.more += 1;
        }
    }
    groups
}

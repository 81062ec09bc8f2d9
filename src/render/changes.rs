//! The words for what changed since the last audit: one label per finding or setting
//! ("New since 14 March 2025"), and the short section at the top of a re-audit's report.
//! Shared by the report and `findable diff`, so the two always say the same thing.

use std::fmt::Write as _;

use maud::{Markup, html};

use super::escape::markdown as md;
use super::page::{link_and_address, prose, text as t};
use super::wrap::Writer;
use super::{plural, plural_forms};
use crate::changes::{action_key, finding_key};
use crate::report::{
    Action, AnswerChange, ChangeStatus, Changes, Finding, ItemChange, ItemKind, Report,
};

/// "2025-03-14" as "14 March 2025"; anything else as it is.
pub(crate) fn day(date: &str) -> String {
    match date.parse::<jiff::civil::Date>() {
        Ok(d) => d.strftime("%-d %B %Y").to_string(),
        Err(_) => super::escape::text(date).into_owned(),
    }
}

/// One line on how an item changed: "New since 14 March 2025".
pub fn label(item: &ItemChange) -> String {
    let d = day(&item.since);
    let setting = item.kind == ItemKind::Setting;
    let unchecked = item.kind == ItemKind::Unchecked;
    match item.status {
        ChangeStatus::New if setting => format!("Newly open since {d}"),
        ChangeStatus::New if unchecked => {
            format!("Could not be checked this time; it could be on {d}")
        }
        ChangeStatus::New => format!("New since {d}"),
        ChangeStatus::NewlyChecked if setting => {
            format!("Answered for the first time (not asked on {d})")
        }
        ChangeStatus::NewlyChecked => format!(
            "New to this report: it could not be checked on {d}, so it may have been there then"
        ),
        ChangeStatus::StillOpen if unchecked => format!("Could not be checked since {d}"),
        ChangeStatus::StillOpen => format!("Still open since {d}"),
        ChangeStatus::Gone if setting => format!("Closed since {d}"),
        ChangeStatus::Gone if unchecked => {
            format!("Checked this time; it could not be on {d}")
        }
        ChangeStatus::Gone => format!("Gone since {d}"),
        ChangeStatus::NotCheckedNow if setting => {
            format!("Open on {d}; not asked this time")
        }
        ChangeStatus::NotCheckedNow => {
            format!("Found on {d}; not checked this time, so it may still be there")
        }
    }
}

/// The label for a finding of `report`, when the report was compared with an earlier one.
pub fn finding_label(report: &Report, f: &Finding) -> Option<String> {
    let changes = report.changes.as_ref()?;
    changes.item(&finding_key(f)?).map(label)
}

/// The label for a setting to tighten, with a changed answer said too.
pub fn action_label(report: &Report, a: &Action) -> Option<String> {
    let changes = report.changes.as_ref()?;
    let status = changes.item(&action_key(a)).map(label);
    let answer = changes
        .answers
        .iter()
        .find(|c| c.check == a.check && c.setting == a.setting)
        .map(answer_line);
    match (status, answer) {
        (Some(s), Some(a)) => Some(format!("{s}. {a}")),
        (s, a) => s.or(a),
    }
}

/// "Your answer changed: it was No, now Not sure."
fn answer_line(c: &AnswerChange) -> String {
    format!("Your answer changed: it was {}, now {}.", c.was, c.now)
}

const FIRST_AUDIT: &str = "This is the first audit in your history. Run it again next term \
(`findable due` says when) and this part of the report will say what changed.";

/// The groups a comparison is shown in, in order, each with its heading; empty ones left
/// out. `brief` keeps to what the top of a report needs.
pub(crate) fn groups(changes: &Changes, brief: bool) -> Vec<(String, Vec<&ItemChange>)> {
    let since = changes
        .previous
        .as_ref()
        .map(|p| day(&p.date))
        .unwrap_or_default();
    let of = |statuses: &[ChangeStatus], kinds: &[ItemKind]| -> Vec<&ItemChange> {
        changes
            .items
            .iter()
            .filter(|i| statuses.contains(&i.status) && kinds.contains(&i.kind))
            .collect()
    };
    use ChangeStatus::*;
    use ItemKind::*;
    let found = [Profile, SearchResult];
    let mut out = vec![
        (
            format!("New since {since}: what a name alert would have told you"),
            of(&[New], &found),
        ),
        (
            "New to this report, but it could not be checked last time".to_string(),
            of(&[NewlyChecked], &found),
        ),
        (
            format!("Settings newly open since {since}"),
            of(&[New], &[Setting]),
        ),
        (
            format!("Gone or closed since {since}"),
            of(&[Gone], &[Profile, SearchResult, Setting]),
        ),
        (
            "Found last time, not checked this time (it may still be there)".to_string(),
            of(&[NotCheckedNow], &found),
        ),
    ];
    if !brief {
        out.extend([
            ("Still open".to_string(), of(&[StillOpen], &found)),
            (
                "Settings still open".to_string(),
                of(&[StillOpen], &[Setting]),
            ),
            (
                "Settings answered for the first time".to_string(),
                of(&[NewlyChecked], &[Setting]),
            ),
            (
                "Settings not asked this time".to_string(),
                of(&[NotCheckedNow], &[Setting]),
            ),
            (
                "Could not be checked this time, though it could last time".to_string(),
                of(&[New], &[Unchecked]),
            ),
            (
                "Checked this time, not last time".to_string(),
                of(&[Gone], &[Unchecked]),
            ),
        ]);
    }
    out.retain(|(_, items)| !items.is_empty());
    out
}

/// "Still could not be checked: 25 ..." in place of a long list of the same links.
pub(crate) fn still_unchecked(changes: &Changes) -> Option<String> {
    let n = changes
        .with_status(ChangeStatus::StillOpen)
        .filter(|i| i.kind == ItemKind::Unchecked)
        .count();
    (n > 0).then(|| {
        format!(
            "{} could not be checked either time: the report of either audit lists them, \
             with links to check by hand.",
            plural_forms(n, "profile or search", "profiles and searches")
        )
    })
}

/// "Still open: 3 accounts and pages, 7 settings."
fn still_line(changes: &Changes) -> Option<String> {
    let count = |kinds: &[ItemKind]| {
        changes
            .with_status(ChangeStatus::StillOpen)
            .filter(|i| kinds.contains(&i.kind))
            .count()
    };
    let found = count(&[ItemKind::Profile, ItemKind::SearchResult]);
    let settings = count(&[ItemKind::Setting]);
    let mut parts = Vec::new();
    if found > 0 {
        parts.push(plural_forms(found, "account or page", "accounts and pages"));
    }
    if settings > 0 {
        parts.push(plural(settings, "setting"));
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!("Still open from before: {}.", parts.join(" and ")))
}

fn heading(changes: &Changes) -> Option<String> {
    let previous = changes.previous.as_ref()?;
    let partial = if previous.partial {
        ", which was incomplete"
    } else {
        ""
    };
    Some(format!(
        "Since your last audit ({}{partial})",
        day(&previous.date)
    ))
}

const NOTHING_NEW: &str = "Nothing new turned up since then.";

/// The section at the top of a re-audit's report, as text.
pub(crate) fn text_section(out: &mut Writer, report: &Report) {
    let Some(changes) = &report.changes else {
        return;
    };
    let Some(title) = heading(changes) else {
        out.blank();
        out.para(FIRST_AUDIT, "", "");
        return;
    };
    out.heading(&title, '-');
    let groups = groups(changes, true);
    if !groups.iter().any(|(h, _)| h.starts_with("New since")) {
        out.para(NOTHING_NEW, "", "");
    }
    for (heading, items) in &groups {
        out.blank();
        out.para(&format!("{heading}:"), "", "");
        for item in items {
            out.para(&item.title, "* ", "  ");
            if let Some(url) = &item.url {
                out.url("  ", "Where", url);
            }
        }
    }
    text_answers(out, &changes.answers);
    if let Some(line) = still_line(changes) {
        out.blank();
        out.para(&line, "", "");
    }
}

pub(crate) fn text_answers(out: &mut Writer, answers: &[AnswerChange]) {
    if answers.is_empty() {
        return;
    }
    out.blank();
    out.para("Answers you changed:", "", "");
    for c in answers {
        out.para(
            &format!("{}: it was {}, now {}.", c.label, c.was, c.now),
            "* ",
            "  ",
        );
    }
}

/// The same section as Markdown.
pub fn markdown_section(out: &mut String, report: &Report) {
    let Some(changes) = &report.changes else {
        return;
    };
    let Some(title) = heading(changes) else {
        let _ = writeln!(out, "{FIRST_AUDIT}\n");
        return;
    };
    let _ = writeln!(out, "## {}\n", md(&title));
    let groups = groups(changes, true);
    if !groups.iter().any(|(h, _)| h.starts_with("New since")) {
        let _ = writeln!(out, "{NOTHING_NEW}\n");
    }
    markdown_groups(out, &groups, "###");
    markdown_answers(out, &changes.answers, "###");
    if let Some(line) = still_line(changes) {
        let _ = writeln!(out, "{line}\n");
    }
}

pub(crate) fn markdown_groups(
    out: &mut String,
    groups: &[(String, Vec<&ItemChange>)],
    level: &str,
) {
    for (heading, items) in groups {
        let _ = writeln!(out, "{level} {}\n", md(heading));
        for item in items {
            let _ = write!(out, "- {}", md(&item.title));
            if let Some(url) = &item.url {
                let link = super::escape::markdown_autolink(url).unwrap_or_else(|| md(url));
                let _ = write!(out, "  \n  {link}");
            }
            let _ = writeln!(out, "  \n  {}", md(&label(item)));
        }
        out.push('\n');
    }
}

pub(crate) fn markdown_answers(out: &mut String, answers: &[AnswerChange], level: &str) {
    if answers.is_empty() {
        return;
    }
    let _ = writeln!(out, "{level} Answers you changed\n");
    for c in answers {
        let _ = writeln!(
            out,
            "- {}: it was {}, now {}.",
            md(&c.label),
            md(&c.was),
            md(&c.now)
        );
    }
    out.push('\n');
}

/// The same section as HTML, for the report's first screen.
pub fn html_section(report: &Report) -> Markup {
    let Some(changes) = &report.changes else {
        return html! {};
    };
    let Some(title) = heading(changes) else {
        return html! { p.note { (prose(FIRST_AUDIT)) } };
    };
    let groups = groups(changes, true);
    let nothing_new = !groups.iter().any(|(h, _)| h.starts_with("New since"));
    html! {
        section #changes aria-labelledby="changes-h" {
            h2 #changes-h { (title) }
            @if nothing_new { p { (NOTHING_NEW) } }
            (html_groups(&groups, 3))
            (html_answers(&changes.answers, 3))
            @if let Some(line) = still_line(changes) { p { (line) } }
        }
    }
}

pub(crate) fn html_groups(groups: &[(String, Vec<&ItemChange>)], level: u8) -> Markup {
    html! {
        @for (heading, items) in groups {
            @if level == 2 { h2 { (heading) } } @else { h3 { (heading) } }
            ul {
                @for item in items {
                    li {
                        (t(&item.title))
                        @if let Some(url) = &item.url {
                            br; (link_and_address(url, "Open it"))
                        }
                        br; span.note { (label(item)) }
                    }
                }
            }
        }
    }
}

pub(crate) fn html_answers(answers: &[AnswerChange], level: u8) -> Markup {
    html! {
        @if !answers.is_empty() {
            @if level == 2 { h2 { "Answers you changed" } } @else { h3 { "Answers you changed" } }
            ul {
                @for c in answers {
                    li { (t(&c.label)) ": it was " (t(&c.was)) ", now " (t(&c.now)) "." }
                }
            }
        }
    }
}

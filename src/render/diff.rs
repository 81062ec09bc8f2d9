//! `findable diff`: two audits of one person side by side (their numbers in two columns),
//! then everything new, gone and still open between them, in the report's four formats.
//! The words for each change are [`super::changes`]'s, as in a re-audit's report.

use std::fmt::Write as _;

use maud::html;

use super::OutputFormat;
use super::changes::{
    day, groups, html_answers, html_groups, label, markdown_answers, markdown_groups,
    still_unchecked, text_answers,
};
use super::escape::{markdown as md, text as clean};
use super::page::{self, Page, text as t};
use super::wrap::Writer;
use crate::changes::{Diff, Side};

pub fn render(diff: &Diff, format: OutputFormat) -> String {
    match format {
        OutputFormat::Text => text(diff),
        OutputFormat::Markdown => markdown(diff),
        OutputFormat::Html => html(diff),
        OutputFormat::Json => super::json(diff),
    }
}

fn title(diff: &Diff) -> String {
    let who = match &diff.school {
        Some(school) => format!("{} ({school})", diff.name),
        None => diff.name.clone(),
    };
    format!("What changed for {}", clean(&who))
}

/// The rows of the side-by-side table: a label and each audit's value.
fn rows(diff: &Diff) -> Vec<(&'static str, String, String)> {
    let column = |s: &Side| -> [String; 6] {
        let partial = if s.audit.partial { " (incomplete)" } else { "" };
        [
            format!("{}{partial}", day(&s.audit.date)),
            s.audit
                .score
                .map_or_else(|| "not measured".to_string(), |v| format!("{v}/100")),
            s.profiles.to_string(),
            s.search_results.to_string(),
            s.settings_open.to_string(),
            s.could_not_check.to_string(),
        ]
    };
    let labels = [
        "Date",
        "Exposure score",
        "Public accounts",
        "Pages about you",
        "Settings open",
        "Could not check",
    ];
    let (a, b) = (column(&diff.older), column(&diff.newer));
    labels
        .into_iter()
        .zip(a)
        .zip(b)
        .map(|((l, a), b)| (l, a, b))
        .collect()
}

fn audit_name(s: &Side) -> String {
    match s.audit.id {
        Some(id) => format!("Audit {id}"),
        None => "Audit".to_string(),
    }
}

const NO_CHANGE: &str = "Nothing new, gone or changed between these two audits.";

pub fn text(diff: &Diff) -> String {
    let mut out = Writer::new(false);
    let title = title(diff);
    out.line(&title);
    out.line(&"=".repeat(textwrap::core::display_width(&title).min(80)));
    out.blank();
    let head = format!(
        "{:<18}{:<26}{}",
        "",
        audit_name(&diff.older),
        audit_name(&diff.newer)
    );
    out.line(head.trim_end());
    for (label, a, b) in rows(diff) {
        out.line(format!("{label:<18}{a:<26}{b}").trim_end());
    }
    let groups = groups(&diff.changes, false);
    if groups.is_empty() && diff.changes.answers.is_empty() {
        out.blank();
        out.para(NO_CHANGE, "", "");
    }
    for (heading, items) in &groups {
        out.heading(&format!("{heading} ({})", items.len()), '-');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.blank();
            }
            out.para(&item.title, "* ", "  ");
            if let Some(url) = &item.url {
                out.url("  ", "Where", url);
            }
            out.para(&label(item), "  ", "  ");
        }
    }
    text_answers(&mut out, &diff.changes.answers);
    if let Some(line) = still_unchecked(&diff.changes) {
        out.blank();
        out.para(&line, "", "");
    }
    out.s
}

pub fn markdown(diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&title(diff)));
    let _ = writeln!(
        out,
        "| | {} | {} |\n| --- | --- | --- |",
        audit_name(&diff.older),
        audit_name(&diff.newer)
    );
    for (label, a, b) in rows(diff) {
        let _ = writeln!(out, "| {label} | {} | {} |", md(&a), md(&b));
    }
    out.push('\n');
    let groups = groups(&diff.changes, false);
    if groups.is_empty() && diff.changes.answers.is_empty() {
        let _ = writeln!(out, "{NO_CHANGE}\n");
    }
    markdown_groups(&mut out, &groups, "##");
    markdown_answers(&mut out, &diff.changes.answers, "##");
    if let Some(line) = still_unchecked(&diff.changes) {
        let _ = writeln!(out, "{line}");
    }
    out
}

pub fn html(diff: &Diff) -> String {
    let title = title(diff);
    let groups = groups(&diff.changes, false);
    let nothing = groups.is_empty() && diff.changes.answers.is_empty();
    page::render(Page {
        title: &title,
        header: html! { h1 { (t(&title)) } },
        nav: None,
        main: html! {
            table {
                caption { "The two audits side by side" }
                thead {
                    tr {
                        td {}
                        th scope="col" { (audit_name(&diff.older)) }
                        th scope="col" { (audit_name(&diff.newer)) }
                    }
                }
                tbody {
                    @for (label, a, b) in rows(diff) {
                        tr { th scope="row" { (label) } td { (t(&a)) } td { (t(&b)) } }
                    }
                }
            }
            @if nothing { p { (NO_CHANGE) } }
            (html_groups(&groups, 2))
            (html_answers(&diff.changes.answers, 2))
            @if let Some(line) = still_unchecked(&diff.changes) { p { (line) } }
        },
        footer: html! {
            p { "Made by findable from two audits saved on this computer. This page is private: it says where you can be found online." }
        },
    })
}

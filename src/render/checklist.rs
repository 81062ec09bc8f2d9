//! The printable checklist: every setting of the chosen platforms with where it is, what
//! to choose and why, for a staff training session or an onboarding pack. Markdown, or a
//! page in the shared layout; the offline "check it yourself" document embeds the same.

use std::fmt::Write as _;

use maud::{Markup, html};

use super::escape::{markdown as md, markdown_target, text as clean};
use super::page::{self, Page, link, prose, text as t};
use super::plural;
use super::wrap::Writer;
use crate::catalog::{Check, Priority, Setting};
use crate::checklist::Answer;
use crate::checklist::summary::ChecklistSummary;

pub(crate) const TITLE: &str = "Privacy checklist for school staff";
pub(crate) const INTRO: &str = "Work through these on your phone or computer, logged in to \
each account. Highest priority first. Tick each one when it is set the way the checklist \
suggests.";
const UNVERIFIED: &str = "This menu may look different: the path could not be checked \
against the platform's own help pages.";
const FOOTER: &str = "Menus change: each setting says when it was last checked against the \
platform's own help page. Made by findable, which never logs in to anything.";

fn ordered(check: &Check) -> Vec<&Setting> {
    let mut settings: Vec<&Setting> = check.settings.iter().collect();
    settings.sort_by_key(|s| std::cmp::Reverse(s.priority));
    settings
}

fn priority(p: Priority) -> &'static str {
    match p {
        Priority::High => "high",
        Priority::Medium => "medium",
        Priority::Low => "low",
    }
}

/// The checklist as a Markdown document of its own.
pub fn markdown(checks: &[&Check]) -> String {
    let mut out = format!("# {TITLE}\n\n{INTRO}\n");
    markdown_sections(&mut out, checks, 2);
    out
}

/// One section per platform, headed at `level` (2 for `##`).
pub(crate) fn markdown_sections(out: &mut String, checks: &[&Check], level: usize) {
    let hashes = "#".repeat(level);
    for check in checks {
        let _ = writeln!(out, "\n{hashes} {}\n", md(&check.name));
        for s in ordered(check) {
            let _ = writeln!(
                out,
                "- [ ] **{}** ({} priority)",
                md(&s.label),
                priority(s.priority)
            );
            let _ = writeln!(out, "  - Where: {}", md(&s.location));
            let _ = writeln!(out, "  - Choose: {}", md(&s.recommended));
            let _ = writeln!(out, "  - Why: {}", md(&s.risk));
            if !s.verified {
                let _ = writeln!(out, "  - Note: {UNVERIFIED}");
            }
            let _ = writeln!(
                out,
                "  - Help: {} (checked {})",
                markdown_target(&s.help_url),
                md(&s.as_of)
            );
        }
        if let Some(report) = &check.report {
            let _ = writeln!(
                out,
                "\nReport abuse: {}; report an account pretending to be you: {}",
                markdown_target(&report.abuse),
                markdown_target(&report.impersonation)
            );
        }
    }
}

/// The checklist as one page in the shared layout.
pub fn html(checks: &[&Check]) -> String {
    page::render(Page {
        title: TITLE,
        header: html! {
            h1 { (TITLE) }
            p.summary { (INTRO) }
        },
        nav: None,
        main: html_sections(checks, 2),
        footer: html! { p { (prose(FOOTER)) } },
    })
}

/// One section per platform, headed `h2` (level 2) or `h3` (any other level).
pub(crate) fn html_sections(checks: &[&Check], level: u8) -> Markup {
    html! {
        @for check in checks {
            @let id = format!("c-{}", check.id);
            section aria-labelledby=(id) {
                @if level == 2 {
                    h2 id=(id) { (t(&check.name)) }
                } @else {
                    h3 id=(id) { (t(&check.name)) }
                }
                ol.cards { @for s in ordered(check) { (setting(check, s)) } }
                @if let Some(report) = &check.report {
                    p {
                        (link(&report.abuse, &format!("Report abuse on {}", check.name)))
                        " · "
                        (link(&report.impersonation, &format!(
                            "Report an account pretending to be you on {}", check.name
                        )))
                    }
                }
            }
        }
    }
}

fn setting(check: &Check, s: &Setting) -> Markup {
    let p = priority(s.priority);
    html! {
        li.card {
            span.box aria-hidden="true" {}
            strong { (t(&s.label)) } " "
            span class={ "badge sev-" (p) } { (p) " priority" }
            dl {
                dt { "Where" } dd { (t(&s.location)) }
                dt { "Choose" } dd { (t(&s.recommended)) }
                dt { "Why" } dd { (t(&s.risk)) }
                dt { "Help" }
                dd {
                    (link(&s.help_url, &format!("{} help: {}", check.name, s.label)))
                    " " span.note { "(checked " (t(&s.as_of)) ")" }
                }
            }
            @if !s.verified { p.note { (UNVERIFIED) } }
        }
    }
}

/// One section per platform as plain text, for the offline document.
pub(crate) fn text_sections(out: &mut Writer, checks: &[&Check]) {
    for check in checks {
        out.heading(&check.name, '-');
        for (i, s) in ordered(check).into_iter().enumerate() {
            if i > 0 {
                out.blank();
            }
            let title = format!("{} ({} priority)", s.label.trim(), priority(s.priority));
            out.para(&title, "[ ] ", "    ");
            out.field("    ", "Where", &s.location);
            out.field("    ", "Choose", &s.recommended);
            out.field("    ", "Why", &s.risk);
            if !s.verified {
                out.field("    ", "Note", UNVERIFIED);
            }
            out.url(
                "    ",
                &format!("Help (checked {})", s.as_of.trim()),
                &s.help_url,
            );
        }
        if let Some(report) = &check.report {
            out.blank();
            out.url("", "Report abuse", &report.abuse);
            out.url(
                "",
                "Report an account pretending to be you",
                &report.impersonation,
            );
        }
    }
}

/// Where the person stands after the walkthrough, as `findable checklist` prints it.
pub fn summary_text(summary: &ChecklistSummary) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "You have answered {} of {}{}.",
        summary.answered,
        plural(summary.total, "question"),
        if summary.finished {
            ""
        } else {
            " (not finished yet)"
        }
    );
    if !summary.skipped.is_empty() {
        let names: Vec<String> = summary
            .skipped
            .iter()
            .map(|s| clean(s).into_owned())
            .collect();
        let _ = writeln!(
            out,
            "Not checked yet (you skipped {}): not counted as safe; run `findable checklist` again to go through it.",
            names.join(", ")
        );
    }
    if summary.open.is_empty() {
        out.push_str("Nothing to change from your answers so far.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "\nTo change, most urgent first ({}):",
        summary.open.len()
    );
    for (i, s) in summary.open.iter().enumerate() {
        let why = match s.answer {
            Some(Answer::NotSure) => " (you were not sure: check it)",
            None => " (not answered yet: open until you check it)",
            _ => "",
        };
        let _ = writeln!(
            out,
            "\n{:>3}. {}: {}{why}",
            i + 1,
            clean(&s.platform),
            clean(&s.label)
        );
        let _ = writeln!(out, "     Where:  {}", clean(&s.location));
        let _ = writeln!(out, "     Choose: {}", clean(&s.recommended));
        let _ = writeln!(out, "     Help:   {}", clean(&s.help_url));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixtures::{self, readable};

    #[test]
    fn checklist_snapshot_markdown() {
        let catalog = fixtures::catalog();
        insta::assert_snapshot!("checklist_markdown", markdown(&fixtures::checks(&catalog)));
    }

    #[test]
    fn checklist_snapshot_html() {
        let catalog = fixtures::catalog();
        let page = html(&fixtures::checks(&catalog));
        insta::assert_snapshot!("checklist_html", readable(&page));
    }

    #[test]
    fn html_is_self_contained_and_escaped() {
        let catalog = fixtures::catalog();
        let mut check = catalog.checks[0].clone();
        check.name = "<script>alert(1)</script>".into();
        check.settings[0].help_url = "javascript:alert(1)".into();
        let page = html(&[&check]);
        assert!(!page.contains("<script"));
        assert!(!page.contains("href=\"javascript:"));
        assert!(!page.contains("src="), "nothing is fetched");
        assert!(page.contains("rel=\"noopener noreferrer\""));
        assert!(page.contains("<main>") && page.contains("lang=\"en-GB\""));
        assert!(page.contains(page::CSP));
    }

    #[test]
    fn markdown_lists_high_priority_first_and_escapes_check_files() {
        let catalog = fixtures::catalog();
        let checks = fixtures::checks(&catalog);
        let md = markdown(&checks);
        let high = md.find("(high priority)").expect("a high one");
        let medium = md.find("(medium priority)").expect("a medium one");
        let low = md.find("(low priority)").expect("a low one");
        assert!(high < medium && medium < low);
        assert!(md.contains("- [ ] **Private account**"));
        let mut hostile = checks[0].clone();
        hostile.settings[0].label = "[x](javascript:alert(1))".into();
        hostile.settings[0].help_url = "javascript:alert(1)".into();
        let md = markdown(&[&hostile]);
        assert!(md.contains(r"**\[x\](javascript:alert(1))**"), "{md}");
        assert!(md.contains("Help: javascript:alert(1) (checked"));
    }

    #[test]
    fn text_fits_80_columns_and_ticks_each_setting() {
        let catalog = fixtures::catalog();
        let mut out = Writer::new(false);
        text_sections(&mut out, &fixtures::checks(&catalog));
        for line in out.s.lines() {
            let bare = line.trim();
            let url = bare.starts_with("https://") && !bare.contains(' ');
            assert!(line.chars().count() <= 80 || url, "{line}");
        }
        assert_eq!(out.s.matches("[ ] ").count(), 4);
    }

    #[test]
    fn checklist_snapshot_summary_text() {
        let catalog = fixtures::catalog();
        let answers: crate::checklist::Answers = toml::from_str(
            "uses = [\"pupilgram\"]\n[settings.pupilgram]\nprivate-account = \"no\"\n\
             tagging = \"not-sure\"\nactivity-status = \"yes\"\n",
        )
        .expect("answers");
        let summary = ChecklistSummary::new(&catalog, &answers, false);
        insta::assert_snapshot!("checklist_summary_text", summary_text(&summary));
        // Nothing answered is never "nothing to change": the question is still open.
        let none = ChecklistSummary::new(&catalog, &crate::checklist::Answers::default(), true);
        let text = summary_text(&none);
        assert!(
            text.starts_with("You have answered 0 of 1 question.\n"),
            "{text}"
        );
        assert!(!text.contains("Nothing to change"), "{text}");
        assert!(
            text.contains("(not answered yet: open until you check it)"),
            "{text}"
        );
    }
}

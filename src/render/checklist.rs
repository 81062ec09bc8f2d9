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
use crate::checklist::summary::ChecklistSummary;
use crate::checklist::{Answer, Section};

pub(crate) const TITLE: &str = "Privacy checklist for school staff";
pub(crate) const INTRO: &str = "Work through these on your phone or computer, logged in to \
each account: the settings that matter most, one platform at a time, the platforms pupils \
use most first. Tick each one when it is set the way the checklist suggests.";
const FOOTER: &str = "Menus change: each setting says when it was last checked against the \
platform's own help page. Made by findable, which never logs in to anything.";

/// Said once under a platform's heading when some of its menu paths could not be
/// confirmed on its own help pages, rather than under every setting.
fn caution(check: &Check) -> Option<String> {
    (check.unverified().next().is_some()).then(|| {
        format!(
            "The menus on {} may look different: not every path here could be checked against its own help pages.",
            check.name.trim()
        )
    })
}

/// "Only if you are a company director...": the question a general check depends on.
fn only_if(check: &Check) -> Option<String> {
    check
        .applies_when
        .as_ref()
        .map(|g| format!("Only if the answer is yes: {}", g.question.trim()))
}

fn priority(p: Priority) -> &'static str {
    match p {
        Priority::High => "high",
        Priority::Medium => "medium",
        Priority::Low => "low",
    }
}

fn anchor(check: &Check) -> String {
    format!("c-{}", check.id)
}

/// The checklist as a Markdown document of its own, with a contents list.
pub fn markdown(sections: &[Section]) -> String {
    let mut out = format!("# {TITLE}\n\n{INTRO}\n\n## Contents\n\n");
    for s in sections {
        let _ = writeln!(
            out,
            "- {} ({})",
            md(&s.check.name),
            plural(s.settings.len(), "setting")
        );
    }
    markdown_sections(&mut out, sections, 2);
    out
}

/// One section per check, headed at `level` (2 for `##`).
pub(crate) fn markdown_sections(out: &mut String, sections: &[Section], level: usize) {
    let hashes = "#".repeat(level);
    for Section { check, settings } in sections {
        let _ = writeln!(out, "\n{hashes} {}\n", md(&check.name));
        for line in [only_if(check), caution(check)].into_iter().flatten() {
            let _ = writeln!(out, "{}\n", md(&line));
        }
        for s in settings {
            let _ = writeln!(
                out,
                "- [ ] **{}** ({} priority)",
                md(&s.label),
                priority(s.priority)
            );
            let _ = writeln!(out, "  - Where: {}", md(&s.location));
            let _ = writeln!(out, "  - Choose: {}", md(&s.recommended));
            let _ = writeln!(out, "  - Why: {}", md(&s.risk));
            if let Some(url) = &s.settings_url {
                let _ = writeln!(out, "  - Go straight to it: {}", markdown_target(url));
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

/// The checklist as one page in the shared layout, with a contents list.
pub fn html(sections: &[Section]) -> String {
    page::render(Page {
        title: TITLE,
        header: html! {
            h1 { (TITLE) }
            p.summary { (INTRO) }
        },
        // Printed too: on paper it is the list of what the pages hold, in order.
        nav: Some(html! {
            div.prints {
                h2 { "Contents" }
                ol {
                    @for s in sections {
                        li { a href={ "#" (anchor(s.check)) } { (t(&s.check.name)) } }
                    }
                }
            }
        }),
        main: html_sections(sections, 2),
        footer: html! { p { (prose(FOOTER)) } },
    })
}

/// One section per check, headed `h2` (level 2) or `h3` (any other level).
pub(crate) fn html_sections(sections: &[Section], level: u8) -> Markup {
    html! {
        @for Section { check, settings } in sections {
            @let id = anchor(check);
            section aria-labelledby=(id) {
                @if level == 2 {
                    h2 id=(id) { (t(&check.name)) }
                } @else {
                    h3 id=(id) { (t(&check.name)) }
                }
                @for line in [only_if(check), caution(check)].into_iter().flatten() {
                    p.note { (t(&line)) }
                }
                ol.cards { @for s in settings { (setting(check, s)) } }
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
                @if let Some(url) = &s.settings_url {
                    dt { "Go to" }
                    dd { (link(url, &format!("{} settings: {}", check.name, s.label))) }
                }
                dt { "Help" }
                dd {
                    (link(&s.help_url, &format!("{} help: {}", check.name, s.label)))
                    " " span.note { "(checked " (t(&s.as_of)) ")" }
                }
            }
        }
    }
}

/// One section per check as plain text, for the offline document.
pub(crate) fn text_sections(out: &mut Writer, sections: &[Section]) {
    for Section { check, settings } in sections {
        out.heading(&check.name, '-');
        for line in [only_if(check), caution(check)].into_iter().flatten() {
            out.para(&line, "", "");
            out.blank();
        }
        for (i, s) in settings.iter().enumerate() {
            if i > 0 {
                out.blank();
            }
            let title = format!("{} ({} priority)", s.label.trim(), priority(s.priority));
            out.para(&title, "[ ] ", "    ");
            out.field("    ", "Where", &s.location);
            out.field("    ", "Choose", &s.recommended);
            out.field("    ", "Why", &s.risk);
            if let Some(url) = &s.settings_url {
                out.url("    ", "Go to", url);
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
        let sections = crate::checklist::printable(&catalog, None, true);
        insta::assert_snapshot!("checklist_markdown", markdown(&sections));
    }

    #[test]
    fn checklist_snapshot_html() {
        let catalog = fixtures::catalog();
        let page = html(&crate::checklist::printable(&catalog, None, true));
        insta::assert_snapshot!("checklist_html", readable(&page));
    }

    #[test]
    fn html_is_self_contained_and_escaped() {
        let catalog = fixtures::catalog();
        let mut check = catalog.checks[0].clone();
        check.name = "<script>alert(1)</script>".into();
        check.settings[0].help_url = "javascript:alert(1)".into();
        let page = html(&[Section {
            check: &check,
            settings: check.settings.iter().collect(),
        }]);
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
        let sections = crate::checklist::printable(&catalog, None, true);
        let md = markdown(&sections);
        let high = md.find("(high priority)").expect("a high one");
        let medium = md.find("(medium priority)").expect("a medium one");
        let low = md.find("(low priority)").expect("a low one");
        assert!(high < medium && medium < low);
        assert!(md.contains("- [ ] **Private account**"));
        let mut hostile = sections[0].check.clone();
        hostile.settings[0].label = "[x](javascript:alert(1))".into();
        hostile.settings[0].help_url = "javascript:alert(1)".into();
        let md = markdown(&[Section {
            check: &hostile,
            settings: hostile.settings.iter().collect(),
        }]);
        assert!(md.contains(r"**\[x\](javascript:alert(1))**"), "{md}");
        assert!(md.contains("Help: javascript:alert(1) (checked"));
    }

    #[test]
    fn text_fits_80_columns_and_ticks_each_setting() {
        let catalog = fixtures::catalog();
        let mut out = Writer::new(false);
        text_sections(&mut out, &crate::checklist::printable(&catalog, None, true));
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

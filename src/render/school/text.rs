//! The school scan as text: 80 columns, headings underlined, web addresses unbroken.

use console::Style;

use super::*;
use crate::render::wrap::Writer;
use crate::school_scan::StaffExposure;

pub fn text(report: &SchoolReport, color: bool) -> String {
    let mut w = Writer::new(color);
    // The date comes last, so the top of the report reads the same every day.
    w.heading(&format!("{TITLE}: {}", report.school), '=');
    if report.partial {
        w.alert(PARTIAL);
        w.blank();
    }
    w.para(&report.headline, "", "");
    if let Some(site) = &report.website {
        w.heading(WEBSITE, '=');
        w.url("", "Started at", &site.start);
        for warning in &site.warnings {
            w.alert(warning);
        }
        if let Some(note) = &site.robots_note {
            w.para(note, "", "");
        }
        w.para(&website_counts(site), "", "");
        if !site.pages.is_empty() {
            w.blank();
            w.line("Pages that name people in full:");
            for page in &site.pages {
                w.para(
                    &format!(
                        "{} ({} named in full, {} with a photo)",
                        shown_title(&page.title),
                        page.named_in_full,
                        page.with_photos
                    ),
                    "  ",
                    "    ",
                );
                w.url("    ", "at", &page.url);
            }
        }
    }
    if !report.staff.is_empty() || report.without_consent > 0 {
        w.heading(PEOPLE, '=');
        if let Some(line) = consent_line(report) {
            w.para(&line, "", "");
            w.blank();
        }
        for person in &report.staff {
            person_text(&mut w, person, not_found(report));
        }
    }
    if !report.fixes.is_empty() {
        w.heading(FIXES, '=');
        for fix in &report.fixes {
            w.para(fix, " - ", "   ");
        }
    }
    if let Some(site) = &report.website
        && (!site.not_read.is_empty() || !not_reached_lines(site).is_empty())
    {
        w.heading(NOT_READ, '=');
        for page in &site.not_read {
            w.url("", "Page", &page.url);
            w.para(&page.why, "  ", "  ");
        }
        for line in not_reached_lines(site) {
            w.para(&line, "", "");
        }
    }
    accounts_text(&mut w, report);
    w.blank();
    w.para(&format!("Checked on {} by findable.", report.date), "", "");
    w.s
}

fn person_text(w: &mut Writer, person: &StaffExposure, not_found: &str) {
    w.heading(&person.name, '-');
    if person.findings.is_empty() && person.title_only.is_empty() {
        w.para(not_found, "", "");
    }
    for finding in &person.findings {
        let mark = w.paint("*", Style::new().bold());
        w.para(
            &format!("{}: {}", finding.what, shown_title(&finding.page_title)),
            &format!("{mark} "),
            "  ",
        );
        w.url("  ", "at", &finding.url);
        for detail in &finding.details {
            w.para(detail, "  ", "    ");
        }
        w.field("  ", "For the school", &finding.fix);
        w.blank();
    }
    for mention in &person.title_only {
        w.para(
            &format!(
                "\"{}\" only ({TITLE_ONLY_NOTE}): {}",
                mention.name,
                shown_title(&mention.page_title)
            ),
            "- ",
            "  ",
        );
        w.url("  ", "at", &mention.url);
    }
}

fn accounts_text(w: &mut Writer, report: &SchoolReport) {
    let a = &report.accounts;
    w.heading(ACCOUNTS, '=');
    w.para(&accounts_line(report), "", "");
    for suspect in &a.suspects {
        w.blank();
        let mark = w.paint("*", Style::new().bold());
        w.para(
            &format!("{} @{}", suspect.platform_name, suspect.handle),
            &format!("{mark} "),
            "  ",
        );
        w.url("  ", "at", &suspect.url);
        w.field("  ", "Made from", &suspect.made_from);
        if let Some(page) = &suspect.page {
            for (label, value) in [("Its name", &page.name), ("Its bio", &page.bio)] {
                if let Some(value) = value {
                    w.field("  ", label, value);
                }
            }
        }
        w.para(SUSPECT_NOTE, "  ", "  ");
        if let Some(report_url) = &suspect.report {
            w.url("  ", "Report impersonation", report_url);
        }
    }
    if !a.suspects.is_empty() {
        w.blank();
        w.line(IF_PRETENDING);
        for line in &a.what_to_do {
            w.para(line, "  - ", "    ");
        }
        w.para(FULL_STEPS, "  ", "  ");
    }
    if !a.official.is_empty() {
        w.blank();
        w.para(&format!("{OFFICIAL}: {}", a.official.join(", ")), "", "");
    }
    w.heading(BY_HAND, '=');
    for hand in &a.by_hand {
        w.para(&format!("{} ({}):", hand.platform_name, hand.why), "", "  ");
        for page in &hand.pages {
            w.url("  ", &page.site, &page.url);
        }
        w.blank();
    }
    if !a.searches.is_empty() {
        w.line("Searches for the school's name (a parody account can use any name):");
        for link in &a.searches {
            w.url("  ", &link.site, &link.url);
        }
        w.blank();
    }
    if !a.unknown.is_empty() {
        w.line("Handles findable could not check (open each yourself):");
        for (group, list) in unknown_groups(report) {
            w.para(&format!("{group}:"), "  ", "    ");
            for u in list {
                w.url("    ", &format!("@{}", u.handle), &u.url);
            }
        }
    }
}

/// A page's title, or that it has none.
pub(super) fn shown_title(title: &str) -> &str {
    match title.trim() {
        "" => "(a page with no title)",
        t => t,
    }
}

//! The school scan as Markdown: untrusted text escaped, addresses as autolinks.

use std::fmt::Write as _;

use super::text::shown_title;
use super::*;
use crate::render::escape::{markdown as md, markdown_target as target};

pub fn markdown(report: &SchoolReport) -> String {
    let mut out = format!(
        "# {TITLE}: {} ({})\n\n",
        md(&report.school),
        md(&report.date)
    );
    if report.partial {
        let _ = writeln!(out, "> **{PARTIAL}**\n");
    }
    let _ = writeln!(out, "{}\n", md(&report.headline));
    if let Some(site) = &report.website {
        let _ = writeln!(out, "## {WEBSITE}\n\nStarted at {}.\n", target(&site.start));
        for warning in &site.warnings {
            let _ = writeln!(out, "> **Warning:** {}\n", md(warning));
        }
        if let Some(note) = &site.robots_note {
            let _ = writeln!(out, "{}\n", md(note));
        }
        let _ = writeln!(out, "{}\n", md(&website_counts(site)));
        if !site.pages.is_empty() {
            out.push_str("| page | named in full | with a photo |\n|---|---|---|\n");
            for page in &site.pages {
                let _ = writeln!(
                    out,
                    "| {} {} | {} | {} |",
                    md(shown_title(&page.title)),
                    target(&page.url),
                    page.named_in_full,
                    page.with_photos
                );
            }
            out.push('\n');
        }
    }
    if !report.staff.is_empty() || report.without_consent > 0 {
        let _ = writeln!(out, "## {PEOPLE}\n");
        if let Some(line) = consent_line(report) {
            let _ = writeln!(out, "{}\n", md(&line));
        }
        for person in &report.staff {
            let _ = writeln!(out, "### {}\n", md(&person.name));
            if person.findings.is_empty() && person.title_only.is_empty() {
                let _ = writeln!(out, "{}\n", not_found(report));
            }
            for f in &person.findings {
                let _ = writeln!(
                    out,
                    "- **{}:** {} {}",
                    md(&f.what),
                    md(shown_title(&f.page_title)),
                    target(&f.url)
                );
                for detail in &f.details {
                    let _ = writeln!(out, "  - {}", md(detail));
                }
                let _ = writeln!(out, "  - For the school: {}", md(&f.fix));
            }
            for m in &person.title_only {
                let _ = writeln!(
                    out,
                    "- \"{}\" only ({TITLE_ONLY_NOTE}): {} {}",
                    md(&m.name),
                    md(shown_title(&m.page_title)),
                    target(&m.url)
                );
            }
            out.push('\n');
        }
    }
    if !report.fixes.is_empty() {
        let _ = writeln!(out, "## {FIXES}\n");
        for fix in &report.fixes {
            let _ = writeln!(out, "- {}", md(fix));
        }
        out.push('\n');
    }
    if let Some(site) = &report.website
        && (!site.not_read.is_empty() || !not_reached_lines(site).is_empty())
    {
        let _ = writeln!(out, "## {NOT_READ}\n");
        for page in &site.not_read {
            let _ = writeln!(out, "- {}: {}", target(&page.url), md(&page.why));
        }
        for line in not_reached_lines(site) {
            let _ = writeln!(out, "- {}", md(&line));
        }
        out.push('\n');
    }
    let a = &report.accounts;
    let _ = writeln!(out, "## {ACCOUNTS}\n\n{}\n", md(&accounts_line(report)));
    for s in &a.suspects {
        let _ = writeln!(
            out,
            "- **{} @{}** {}\n  - Made from: {}",
            md(&s.platform_name),
            md(&s.handle),
            target(&s.url),
            md(&s.made_from)
        );
        if let Some(page) = &s.page {
            for (label, value) in [("Its name", &page.name), ("Its bio", &page.bio)] {
                if let Some(value) = value {
                    let _ = writeln!(out, "  - {label}: {}", md(value));
                }
            }
        }
        let _ = writeln!(out, "  - {SUSPECT_NOTE}");
        if let Some(url) = &s.report {
            let _ = writeln!(out, "  - Report impersonation: {}", target(url));
        }
    }
    if !a.suspects.is_empty() {
        let _ = writeln!(out, "\n{IF_PRETENDING}\n");
        for line in &a.what_to_do {
            let _ = writeln!(out, "1. {}", md(line));
        }
        let _ = writeln!(out, "\n{FULL_STEPS}");
    }
    if !a.official.is_empty() {
        let _ = writeln!(out, "\n{OFFICIAL}: {}", md(&a.official.join(", ")));
    }
    let _ = writeln!(out, "\n## {BY_HAND}\n");
    for hand in &a.by_hand {
        let _ = writeln!(out, "{} ({}):\n", md(&hand.platform_name), md(&hand.why));
        for page in &hand.pages {
            let _ = writeln!(out, "- {}", target(&page.url));
        }
        out.push('\n');
    }
    if !a.searches.is_empty() {
        out.push_str("Searches for the school's name (a parody account can use any name):\n\n");
        for link in &a.searches {
            let _ = writeln!(out, "- {}: {}", md(&link.site), target(&link.url));
        }
        out.push('\n');
    }
    if !a.unknown.is_empty() {
        out.push_str("Handles findable could not check (open each yourself):\n\n");
        for (group, list) in unknown_groups(report) {
            let _ = writeln!(out, "- {}:", md(&group));
            for u in list {
                let _ = writeln!(out, "  - @{} {}", md(&u.handle), target(&u.url));
            }
        }
    }
    out
}

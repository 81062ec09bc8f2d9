//! The report as GitHub-flavoured Markdown. Text from the web or the user is escaped so it
//! can never become a link, an image, a heading or raw HTML; the only links are `<url>`
//! autolinks to http(s) addresses.

use std::fmt::Write as _;

use super::*;

use crate::render::escape::{markdown as md, markdown_autolink};

/// An http(s) address as an autolink; anything else as escaped text that says why.
fn md_url(url: &str) -> String {
    if url.trim().is_empty() {
        return NO_URL.to_string();
    }
    match markdown_autolink(url) {
        Some(link) => link,
        None => format!("{} (not a web address, so not linked)", md(url)),
    }
}

pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&heading_title(report)));
    let _ = writeln!(
        out,
        "{} · audit of {}\n",
        md(&subject_line(&report.subject)),
        md(&display_date(&report.date))
    );
    if report.partial {
        let _ = writeln!(out, "> **Partial report.** {PARTIAL}\n");
    }
    crate::render::changes::markdown_section(&mut out, report);
    let _ = writeln!(
        out,
        "**{}** {}\n",
        md(&report.headline),
        md(&report.summary)
    );
    if let Some(banner) = coverage_banner(report) {
        let _ = writeln!(out, "> **{}**\n", md(&banner));
    }
    let _ = writeln!(out, "**{}.** {}\n", score_line(report), score_note(report));
    let flagged = flagged_count(report);
    if flagged > 0 {
        let _ = writeln!(out, "> **Warning:** {}\n", flagged_notice(flagged));
    }

    let _ = writeln!(out, "## {TOP_ACTIONS}\n");
    let quick = quick_actions(report);
    if quick.is_empty() {
        let empty = if report.actions.is_empty() {
            NO_ACTIONS
        } else {
            NO_QUICK_ACTIONS
        };
        let _ = writeln!(out, "{empty}\n");
    } else {
        for (i, a) in quick.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}: {}** Choose: {}  \n   Where: {}",
                i + 1,
                md(&a.platform),
                md(&sentence(&a.label)),
                md(&a.recommended),
                md(&a.location)
            );
        }
        out.push('\n');
    }

    findings(&mut out, report);
    actions(&mut out, report);
    not_checked_yet(&mut out, report);
    by_hand_section(&mut out, report);
    site_list(&mut out, report);
    score(&mut out, report);

    let _ = writeln!(out, "## Numbers\n");
    for (label, value) in stats_rows(&report.stats) {
        let _ = writeln!(out, "- **{label}:** {value}");
    }
    let _ = writeln!(
        out,
        "\n---\n\n{FOOTER_PRIVATE}  \n{}",
        footer_made(&md(&display_date(&report.date)))
    );
    out
}

fn findings(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "## What a pupil could find ({})\n",
        report.findings.len()
    );
    if report.findings.is_empty() {
        let _ = writeln!(out, "{}\n", no_findings(report));
        return;
    }
    if flagged_count(report) > 0 {
        let _ = writeln!(out, "### {ABUSE_HEADING}\n\n{ABUSE_INTRO}\n");
        for (i, step) in abuse_steps().iter().enumerate() {
            let _ = writeln!(out, "{}. {step}", i + 1);
        }
        out.push('\n');
    }
    for (group, members) in groups(report) {
        let _ = writeln!(out, "### {} ({})\n", group.heading(), members.len());
        if group.compact() {
            let _ = writeln!(out, "{MAYBE_OTHERS_INTRO}\n");
            for f in members {
                let url = f.url.as_deref().map_or_else(|| NO_URL.to_string(), md_url);
                let _ = writeln!(out, "- {}: {url}", md(&f.title));
            }
            out.push('\n');
            continue;
        }
        for f in members {
            let _ = writeln!(
                out,
                "#### {}: {}\n",
                severity_word(f.severity).to_uppercase(),
                md(&f.title)
            );
            let _ = writeln!(out, "- {}", severity_and_confidence(f));
            if let Some(since) = crate::render::changes::finding_label(report, f) {
                let _ = writeln!(out, "- **Since last time:** {}", md(&since));
            }
            let _ = writeln!(out, "- **A pupil could:** {}", md(&f.pupil_could));
            if let Some(url) = &f.url {
                let _ = writeln!(out, "- **Where:** {}", md_url(url));
            }
            if let Some(by) = &f.found_by {
                let _ = writeln!(out, "- **Found by:** {}", md(by));
            }
            if !f.reasons.is_empty() {
                let reasons: Vec<String> = f.reasons.iter().map(|r| md(r)).collect();
                let _ = writeln!(out, "- **Why we think so:** {}", reasons.join("; "));
            }
            if f.needs_incident_steps {
                let _ = writeln!(out, "- **Warning:** {FLAGGED}");
            }
            out.push('\n');
        }
    }
}

fn actions(out: &mut String, report: &Report) {
    let _ = writeln!(out, "## Settings to tighten ({})\n", report.actions.len());
    if report.actions.is_empty() {
        let _ = writeln!(out, "{NO_ACTIONS}\n");
    }
    for (i, a) in report.actions.iter().enumerate() {
        let first = if a.quick { "; do it first" } else { "" };
        let _ = writeln!(
            out,
            "### {}. {}: {} ({} priority{first})\n",
            i + 1,
            md(&a.platform),
            md(&a.label),
            priority_word(a.priority)
        );
        let _ = writeln!(out, "- **Where:** {}", md(&a.location));
        let _ = writeln!(out, "- **Choose:** {}", md(&a.recommended));
        let _ = writeln!(out, "- **Why:** {}", md(&a.why));
        let _ = writeln!(out, "- **Your answer:** {}", md(&a.your_answer));
        if let Some(since) = crate::render::changes::action_label(report, a) {
            let _ = writeln!(out, "- **Since last time:** {}", md(&since));
        }
        if a.exposed {
            let _ = writeln!(out, "- {}", md(&exposed_note(a)));
        }
        if first_unverified(report, i) {
            let _ = writeln!(out, "- **Note:** {UNVERIFIED}");
        }
        if let Some(url) = &a.settings_url {
            let _ = writeln!(out, "- **Go straight to it:** {}", md_url(url));
        }
        let _ = writeln!(out, "- **Help:** {}\n", md_url(&a.help_url));
    }
}

fn not_checked_yet(out: &mut String, report: &Report) {
    let items = &report.not_checked_yet;
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Not checked yet ({})\n", items.len());
    let _ = writeln!(out, "{NOT_CHECKED_YET_INTRO}\n");
    for n in items {
        let _ = writeln!(out, "- {}", md(&not_checked_line(n)));
    }
    out.push('\n');
}

fn by_hand_section(out: &mut String, report: &Report) {
    let groups = by_hand(report);
    let _ = writeln!(
        out,
        "## Check by hand ({})\n",
        plural(groups.len(), "place")
    );
    if groups.is_empty() {
        let _ = writeln!(out, "{NOTHING_BY_HAND}\n");
        return;
    }
    let _ = writeln!(out, "{BY_HAND_INTRO}\n");
    for group in &groups {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            md(group.platform),
            md(&group.summary())
        );
        for u in &group.links {
            let _ = writeln!(out, "  - {}: {}", md(&hand_label(u)), md_url(&u.url));
        }
        if let Some(more) = group.more_line() {
            let _ = writeln!(out, "  - {}", md(&more));
        }
        let _ = writeln!(out, "\n  {}\n", md(group.to_do()));
    }
}

fn score(out: &mut String, report: &Report) {
    let _ = writeln!(out, "## How the score was worked out\n");
    let Some(value) = report.score.value else {
        let _ = writeln!(out, "Not measured. {SCORE_NOT_MEASURED}\n");
        return;
    };
    let (sum, note) = score_sum(report);
    out.push_str("| What | Points |\n| --- | ---: |\n");
    for c in &report.score.contributors {
        let _ = writeln!(out, "| {} | {} |", md(&c.what), c.points);
    }
    let _ = writeln!(out, "| **Total** ({sum}) | **{value}** |\n");
    if let Some(note) = note {
        let _ = writeln!(out, "{note}\n");
    }
}

fn site_list(out: &mut String, report: &Report) {
    let Some(list) = &report.site_list else {
        return;
    };
    let _ = writeln!(out, "## {SITE_LIST_HEADING}\n");
    let _ = writeln!(out, "{}.\n", md(&list.headline));
    if !list.warnings.is_empty() {
        let _ = writeln!(out, "{SITE_LIST_WARNINGS}\n");
        for warning in &list.warnings {
            let _ = writeln!(out, "- {}", md(warning));
        }
        out.push('\n');
    }
}

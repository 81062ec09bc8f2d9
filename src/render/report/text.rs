//! The report for a terminal: plain text wrapped to 80 columns, with colour only when the
//! caller asks for it. Web addresses are never broken, so they stay copyable; everything
//! else fits, however long its words.

use console::Style;

use super::*;
use crate::render::wrap::{Writer as Out, wrap};

pub fn text(report: &Report, color: bool) -> String {
    let mut out = Out::new(color);
    first_screen(&mut out, report);
    findings(&mut out, report);
    actions(&mut out, report);
    not_checked_yet(&mut out, report);
    by_hand_section(&mut out, report);
    site_list(&mut out, report);
    score(&mut out, report);
    stats(&mut out, &report.stats);
    out.blank();
    out.line("--");
    out.para(FOOTER_PRIVATE, "", "");
    out.para(&footer_made(&display_date(&report.date)), "", "");
    out.s
}

fn first_screen(out: &mut Out, report: &Report) {
    let title = heading_title(report);
    for line in wrap(&title, "", "") {
        let bold = out.paint(&line, Style::new().bold());
        out.line(&bold);
    }
    out.para(&subject_line(&report.subject), "", "");
    out.para(&format!("Audit of {}", display_date(&report.date)), "", "");
    out.blank();
    if report.partial {
        out.alert(&format!("PARTIAL REPORT. {PARTIAL}"));
        out.blank();
    }
    crate::render::changes::text_section(out, report);
    if report.changes.is_some() {
        out.blank();
    }
    for line in wrap(&report.headline, "", "") {
        let bold = out.paint(&line, Style::new().bold());
        out.line(&bold);
    }
    if !report.summary.is_empty() {
        out.para(&report.summary, "", "");
    }
    if let Some(banner) = coverage_banner(report) {
        out.blank();
        out.alert(&banner);
    }
    out.blank();
    let score = score_line(report);
    let score = out.paint(&score, Style::new().bold());
    out.line(&score);
    out.para(score_note(report), "", "");
    let flagged = flagged_count(report);
    if flagged > 0 {
        out.blank();
        out.alert(&flagged_notice(flagged));
    }
    out.heading(TOP_ACTIONS, '-');
    let quick = quick_actions(report);
    if quick.is_empty() {
        out.para(
            if report.actions.is_empty() {
                NO_ACTIONS
            } else {
                NO_QUICK_ACTIONS
            },
            "",
            "",
        );
    }
    for (i, a) in quick.iter().enumerate() {
        let number = format!("{:>2}. ", i + 1);
        out.para(
            &format!(
                "{}: {} Choose: {}",
                a.platform.trim(),
                sentence(&a.label),
                a.recommended.trim()
            ),
            &number,
            "    ",
        );
        out.field("    ", "Where", &a.location);
    }
}

fn findings(out: &mut Out, report: &Report) {
    out.heading(
        &format!("What a pupil could find ({})", report.findings.len()),
        '=',
    );
    if report.findings.is_empty() {
        out.para(no_findings(report), "", "");
        return;
    }
    if flagged_count(report) > 0 {
        out.heading(ABUSE_HEADING, '-');
        out.para(ABUSE_INTRO, "", "");
        for (i, step) in abuse_steps().iter().enumerate() {
            out.para(step, &format!("{:>2}. ", i + 1), "    ");
        }
    }
    for (group, members) in groups(report) {
        out.heading(&format!("{} ({})", group.heading(), members.len()), '-');
        if group.compact() {
            out.para(MAYBE_OTHERS_INTRO, "", "");
            for f in members {
                out.para(f.title.trim(), "* ", "  ");
                out.url("  ", "Where", f.url.as_deref().unwrap_or_default());
            }
            continue;
        }
        for (i, f) in members.iter().enumerate() {
            if i > 0 {
                out.blank();
            }
            finding(out, f, crate::render::changes::finding_label(report, f));
        }
    }
}

fn finding(out: &mut Out, f: &Finding, since: Option<String>) {
    let tag = severity_word(f.severity).to_uppercase();
    let lines = wrap(&format!("{tag}: {}", f.title.trim()), "* ", "  ");
    for (i, line) in lines.into_iter().enumerate() {
        let line = if i == 0 {
            let style = match f.severity {
                Severity::High => Style::new().bold().red(),
                Severity::Medium => Style::new().bold().yellow(),
                Severity::Low => Style::new().bold(),
            };
            line.replacen(&tag, &out.paint(&tag, style), 1)
        } else {
            line
        };
        out.line(&line);
    }
    out.para(&severity_and_confidence(f), "  ", "  ");
    if let Some(since) = since {
        out.field("  ", "Since last time", &since);
    }
    out.field("  ", "A pupil could", &f.pupil_could);
    if let Some(url) = &f.url {
        out.url("  ", "Where", url);
    }
    if let Some(by) = &f.found_by {
        out.field("  ", "Found by", by);
    }
    if !f.reasons.is_empty() {
        out.field("  ", "Why we think so", &f.reasons.join("; "));
    }
    if f.needs_incident_steps {
        let lines = wrap(FLAGGED, "  ! ", "    ");
        for (i, line) in lines.into_iter().enumerate() {
            let line = if i == 0 {
                line.replacen('!', &out.paint("!", Style::new().bold().red()), 1)
            } else {
                line
            };
            out.line(&line);
        }
    }
}

fn actions(out: &mut Out, report: &Report) {
    out.heading(
        &format!("Settings to tighten ({})", report.actions.len()),
        '=',
    );
    if report.actions.is_empty() {
        out.para(NO_ACTIONS, "", "");
    }
    for (i, a) in report.actions.iter().enumerate() {
        if i > 0 {
            out.blank();
        }
        let first = if a.quick { "; do it first" } else { "" };
        out.para(
            &format!(
                "{}: {} ({} priority{first})",
                a.platform.trim(),
                a.label.trim(),
                priority_word(a.priority)
            ),
            &format!("{:>2}. ", i + 1),
            "    ",
        );
        out.field("    ", "Where", &a.location);
        out.field("    ", "Choose", &a.recommended);
        out.field("    ", "Why", &a.why);
        out.field("    ", "Your answer", &a.your_answer);
        if let Some(since) = crate::render::changes::action_label(report, a) {
            out.field("    ", "Since last time", &since);
        }
        if a.exposed {
            out.para(&exposed_note(a), "    ", "    ");
        }
        if first_unverified(report, i) {
            out.field("    ", "Note", UNVERIFIED);
        }
        if let Some(url) = &a.settings_url {
            out.url("    ", "Go straight to it", url);
        }
        out.url("    ", "Help", &a.help_url);
    }
}

fn not_checked_yet(out: &mut Out, report: &Report) {
    let items = &report.not_checked_yet;
    if items.is_empty() {
        return;
    }
    out.heading(&format!("Not checked yet ({})", items.len()), '=');
    out.para(NOT_CHECKED_YET_INTRO, "", "");
    for n in items {
        out.para(&not_checked_line(n), "* ", "  ");
    }
}

fn by_hand_section(out: &mut Out, report: &Report) {
    let groups = by_hand(report);
    out.heading(
        &format!("Check by hand ({})", plural(groups.len(), "place")),
        '=',
    );
    if groups.is_empty() {
        out.para(NOTHING_BY_HAND, "", "");
        return;
    }
    out.para(BY_HAND_INTRO, "", "");
    for group in &groups {
        out.blank();
        out.para(
            &format!("{}: {}", group.platform.trim(), group.summary()),
            "* ",
            "  ",
        );
        for u in &group.links {
            out.url("    ", &hand_label(u), &u.url);
        }
        if let Some(more) = group.more_line() {
            out.para(&more, "    ", "    ");
        }
        out.para(group.to_do(), "  ", "  ");
    }
}

fn site_list(out: &mut Out, report: &Report) {
    let Some(list) = &report.site_list else {
        return;
    };
    out.heading(SITE_LIST_HEADING, '=');
    out.para(&format!("{}.", list.headline), "", "");
    if !list.warnings.is_empty() {
        out.blank();
        out.para(SITE_LIST_WARNINGS, "", "");
        for warning in &list.warnings {
            out.para(warning, "* ", "  ");
        }
    }
}

fn score(out: &mut Out, report: &Report) {
    out.heading("How the score was worked out", '=');
    let Some(value) = report.score.value else {
        out.para(&format!("Not measured. {SCORE_NOT_MEASURED}"), "", "");
        return;
    };
    for c in &report.score.contributors {
        out.para(&c.what, &format!("{:>5}  ", c.points), "       ");
    }
    let (sum, note) = score_sum(report);
    out.line("  ---");
    out.para(
        &format!("{sum}. Exposure {value}/100."),
        "Total: ",
        "       ",
    );
    if let Some(note) = note {
        out.para(&note, "", "");
    }
}

fn stats(out: &mut Out, stats: &Stats) {
    out.heading("Numbers", '=');
    for (label, value) in stats_rows(stats) {
        out.field("", label, &value);
    }
}

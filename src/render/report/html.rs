//! The report as one self-contained page in the shared layout: no scripts, nothing
//! fetched, readable with a screen reader and printable on A4. maud escapes every piece of
//! text; links go only to well-formed http(s) addresses.

use maud::{Markup, html};

use super::*;
use crate::render::page::{self, Page, link, link_and_address, prose, text as t};

pub fn html(report: &Report) -> String {
    let flagged = flagged_count(report);
    let title = format!(
        "findable report: {}, {}",
        report.subject.name,
        display_date(&report.date)
    );
    page::render(Page {
        title: &title,
        header: html! {
            h1 { (heading_title(report)) }
            p.meta {
                (subject_line(&report.subject)) " · audit of "
                time datetime=(t(&report.date)) { (display_date(&report.date)) }
            }
            @if report.partial {
                p.notice { strong { "Partial report." } " " (prose(PARTIAL)) }
            }
        },
        nav: Some(nav(flagged > 0)),
        main: html! {
            (crate::render::changes::html_section(report))
            (first_screen(report, flagged))
            (findings(report, flagged))
            (actions(report))
            (not_checked_yet(report))
            (unchecked(&report.could_not_check))
            (site_list(report))
            (score(report))
            (stats(&report.stats))
        },
        footer: html! {
            p { (prose(FOOTER_PRIVATE)) }
            p { (footer_made(&display_date(&report.date))) }
        },
    })
}

fn nav(flagged: bool) -> Markup {
    let mut entries = vec![
        ("#first", "Do these first"),
        ("#found", "What a pupil could find"),
    ];
    if flagged {
        entries.push(("#abuse", "If something is abusive"));
    }
    entries.extend([
        ("#settings", "All settings to tighten"),
        ("#unchecked", "Could not check"),
        ("#score", "How the score was worked out"),
        ("#numbers", "Numbers"),
    ]);
    html! {
        ul { @for (href, label) in entries { li { a href=(href) { (label) } } } }
    }
}

/// "Don't reply", and where to go next, for a page or a finding that may be abuse.
fn dont_reply(what: &str) -> Markup {
    html! {
        strong { "Warning:" } " " (what) " may be abuse or someone pretending to be you. \
        Don't reply. " a href="#abuse" { "What to do if something is abusive" }
        ", or run " code { "findable incident" } "."
    }
}

fn first_screen(report: &Report, flagged: usize) -> Markup {
    let quick = quick_actions(report);
    let empty = if report.actions.is_empty() {
        NO_ACTIONS
    } else {
        NO_QUICK_ACTIONS
    };
    html! {
        p.summary { (t(&report.summary)) }
        p.score {
            strong { "Exposure " (report.score.value) "/100" } " "
            span.note { (prose(SCORE_SCALE)) }
        }
        @if flagged > 0 {
            p.notice { (dont_reply(&plural(flagged, "finding"))) }
        }
        section #first aria-labelledby="first-h" {
            h2 #first-h { (prose(TOP_ACTIONS)) }
            @if quick.is_empty() {
                p { (prose(empty)) }
            } @else {
                ol.quick {
                    @for q in quick {
                        li {
                            strong { (t(&q.platform)) ": " (t(&sentence(&q.label))) }
                            " Choose: " (t(&q.recommended)) " "
                            span.where { "Where: " (t(&q.location)) }
                        }
                    }
                }
            }
        }
    }
}

fn findings(report: &Report, flagged: usize) -> Markup {
    html! {
        section #found aria-labelledby="found-h" {
            h2 #found-h { "What a pupil could find (" (report.findings.len()) ")" }
            @if report.findings.is_empty() {
                p { (prose(NO_FINDINGS)) }
            }
            @if flagged > 0 {
                section #abuse .notice aria-labelledby="abuse-h" {
                    h3 #abuse-h { (prose(ABUSE_HEADING)) }
                    p { (prose(ABUSE_INTRO)) }
                    ol { @for step in abuse_steps() { li { (prose(&step)) } } }
                }
            }
            @for (kind, members) in groups(report) {
                h3 { (kind_heading(kind)) " (" (members.len()) ")" }
                ol.cards {
                    @for f in members {
                        (finding(f, crate::render::changes::finding_label(report, f)))
                    }
                }
            }
        }
    }
}

fn finding(f: &Finding, since: Option<String>) -> Markup {
    let sev = severity_word(f.severity);
    html! {
        li.card {
            h4 { (t(&f.title)) }
            p {
                span class={ "badge sev-" (sev) } { (capitalise(sev)) " severity" }
                @if f.kind != FindingKind::OpenSetting {
                    " " span.badge { (confidence_words(f.confidence)) }
                }
            }
            dl {
                @if let Some(since) = since { dt { "Since last time" } dd { (since) } }
                dt { "A pupil could" } dd { (t(&f.pupil_could)) }
                @if let Some(url) = &f.url {
                    dt { "Where" }
                    dd { (link_and_address(url, &format!("Open “{}”", f.title.trim()))) }
                }
                @if let Some(by) = &f.found_by {
                    dt { "Found by" } dd { (t(by)) }
                }
                @if !f.reasons.is_empty() {
                    dt { "Why we think so" }
                    dd { ul { @for r in &f.reasons { li { (t(r)) } } } }
                }
            }
            @if f.needs_incident_steps {
                p.flag { (dont_reply("this")) }
            }
        }
    }
}

fn actions(report: &Report) -> Markup {
    html! {
        section #settings aria-labelledby="settings-h" {
            h2 #settings-h { "All settings to tighten (" (report.actions.len()) ")" }
            @if report.actions.is_empty() {
                p { (prose(NO_ACTIONS)) }
            } @else {
                ol.cards {
                    @for (i, a) in report.actions.iter().enumerate() {
                        (action(i + 1, a, crate::render::changes::action_label(report, a)))
                    }
                }
            }
        }
    }
}

fn action(number: usize, a: &Action, since: Option<String>) -> Markup {
    let p = priority_word(a.priority);
    let help = format!("{} help: {}", a.platform.trim(), a.label.trim());
    html! {
        li.card {
            h3 { (number) ". " (t(&a.platform)) ": " (t(&a.label)) }
            p {
                span class={ "badge sev-" (p) } { (capitalise(p)) " priority" }
                @if a.quick { " " span.badge { "Do it first" } }
            }
            dl {
                dt { "Where" } dd { (t(&a.location)) }
                dt { "Choose" } dd { (t(&a.recommended)) }
                dt { "Why" } dd { (t(&a.why)) }
                dt { "Your answer" } dd { (t(&a.your_answer)) }
                @if let Some(since) = since { dt { "Since last time" } dd { (t(&since)) } }
                dt { "Help" } dd { (link(&a.help_url, &help)) }
            }
            @if a.exposed { p.note { (exposed_note(a)) } }
            @if !a.verified { p.note { (prose(UNVERIFIED)) } }
        }
    }
}

fn not_checked_yet(report: &Report) -> Markup {
    let items = &report.not_checked_yet;
    html! {
        @if !items.is_empty() {
            section #not-checked aria-labelledby="not-checked-h" {
                h2 #not-checked-h { "Not checked yet (" (items.len()) ")" }
                p { (prose(NOT_CHECKED_YET_INTRO)) }
                ul { @for n in items { li { (not_checked_line(n)) } } }
            }
        }
    }
}

fn site_list(report: &Report) -> Markup {
    html! {
        @if let Some(list) = &report.site_list {
            section #site-list aria-labelledby="site-list-h" {
                h2 #site-list-h { (SITE_LIST_HEADING) }
                p { (t(&list.headline)) "." }
                @if !list.warnings.is_empty() {
                    p { (SITE_LIST_WARNINGS) }
                    ul { @for warning in &list.warnings { li { (t(warning)) } } }
                }
            }
        }
    }
}

fn unchecked(items: &[Unchecked]) -> Markup {
    html! {
        section #unchecked aria-labelledby="unchecked-h" {
            h2 #unchecked-h { "Could not check (" (items.len()) ")" }
            @if items.is_empty() {
                p { (prose(NO_UNCHECKED)) }
            } @else {
                p { strong { (prose(UNCHECKED_INTRO)) } }
                ul.cards {
                    @for u in items {
                        li.card {
                            strong { (t(&u.platform)) ": " (t(&u.what)) }
                            dl {
                                dt { "Why not" } dd { (t(&u.reason)) }
                                dt { "Check by hand" }
                                dd {
                                    (link_and_address(&u.url, &format!(
                                        "Check {} on {} by hand", u.what.trim(), u.platform.trim()
                                    )))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn score(report: &Report) -> Markup {
    let (sum, note) = score_sum(report);
    html! {
        section #score aria-labelledby="score-h" {
            h2 #score-h { "How the score was worked out" }
            table {
                thead { tr { th scope="col" { "What added to it" } th.num scope="col" { "Points" } } }
                tbody {
                    @for c in &report.score.contributors {
                        tr { td { (t(&c.what)) } td.num { (c.points) } }
                    }
                }
                tfoot {
                    tr { th scope="row" { "Total (" (sum) ")" } td.num { (report.score.value) } }
                }
            }
            @if let Some(note) = note { p { (note) } }
        }
    }
}

fn stats(s: &Stats) -> Markup {
    html! {
        section #numbers aria-labelledby="numbers-h" {
            h2 #numbers-h { "Numbers" }
            table { tbody {
                @for (label, value) in stats_rows(s) {
                    tr { th scope="row" { (label) } td { (value) } }
                }
            } }
        }
    }
}

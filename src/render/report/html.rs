//! The report as one self-contained page in the shared layout: no scripts, nothing
//! fetched, readable with a screen reader and printable on A4. maud escapes every piece of
//! text; links go only to well-formed http(s) addresses.

use maud::{Markup, html};

use super::*;
use crate::render::page::{self, Page, link, link_and_address, prose, text as t};

pub fn html(report: &Report) -> String {
    let parts = html_parts(report);
    page::render(Page {
        title: &parts.title,
        header: parts.header,
        nav: Some(parts.nav),
        main: parts.main,
        footer: parts.footer,
    })
}

/// The report's pieces for a page's landmarks, so the local web page can show the very
/// same report inside its own layout (with its buttons above it).
pub struct HtmlParts {
    pub title: String,
    pub header: Markup,
    pub nav: Markup,
    pub main: Markup,
    pub footer: Markup,
}

pub fn html_parts(report: &Report) -> HtmlParts {
    let flagged = flagged_count(report);
    HtmlParts {
        title: format!(
            "findable report: {}, {}",
            report.subject.name,
            display_date(&report.date)
        ),
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
        nav: nav(report, flagged > 0),
        main: html! {
            (crate::render::changes::html_section(report))
            (first_screen(report, flagged))
            (findings(report, flagged))
            (actions(report))
            (not_checked_yet(report))
            (by_hand_section(report))
            (site_list(report))
            (score(report))
            (stats(&report.stats))
        },
        footer: html! {
            p { (prose(FOOTER_PRIVATE)) }
            p { (footer_made(&display_date(&report.date))) }
        },
    }
}

fn nav(report: &Report, flagged: bool) -> Markup {
    let mut entries = vec![
        ("#first", "Do these first"),
        ("#found", "What a pupil could find"),
    ];
    if flagged {
        entries.push(("#abuse", "If something is abusive"));
    }
    entries.extend([("#settings", "Settings to tighten")]);
    if !report.not_checked_yet.is_empty() {
        entries.push(("#not-checked", "Not checked yet"));
    }
    entries.extend([
        ("#unchecked", "Check by hand"),
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
        p.summary {
            strong { (t(&report.headline)) }
            @if !report.summary.is_empty() { " " (t(&report.summary)) }
        }
        @if let Some(banner) = coverage_banner(report) {
            p.banner role="alert" { (t(&banner)) }
        }
        p.score {
            strong { (score_line(report)) } " "
            span.note { (prose(score_note(report))) }
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
                p { (prose(no_findings(report))) }
            }
            @if flagged > 0 {
                section #abuse .notice aria-labelledby="abuse-h" {
                    h3 #abuse-h { (prose(ABUSE_HEADING)) }
                    p { (prose(ABUSE_INTRO)) }
                    ol { @for step in abuse_steps() { li { (prose(&step)) } } }
                }
            }
            @for (group, members) in groups(report) {
                h3 { (group.heading()) " (" (members.len()) ")" }
                @if group.compact() {
                    p { (prose(MAYBE_OTHERS_INTRO)) }
                    ul.compact {
                        @for f in members {
                            li {
                                @match &f.url {
                                    Some(url) => (link_and_address(url, f.title.trim())),
                                    None => (t(&f.title)),
                                }
                            }
                        }
                    }
                } @else {
                    ol.cards {
                        @for f in members {
                            (finding(f, crate::render::changes::finding_label(report, f)))
                        }
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
            p.badges {
                span class={ "badge sev-" (sev) } { (capitalise(sev)) " severity" }
                " " span.badge { (confidence_words(f.confidence)) }
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
            h2 #settings-h { "Settings to tighten (" (report.actions.len()) ")" }
            @if report.actions.is_empty() {
                p { (prose(NO_ACTIONS)) }
            } @else {
                ol.cards {
                    @for (i, a) in report.actions.iter().enumerate() {
                        (action(
                            i + 1,
                            a,
                            first_unverified(report, i),
                            crate::render::changes::action_label(report, a),
                        ))
                    }
                }
            }
        }
    }
}

fn action(number: usize, a: &Action, caveat: bool, since: Option<String>) -> Markup {
    let p = priority_word(a.priority);
    let help = format!("{} help: {}", a.platform.trim(), a.label.trim());
    html! {
        li.card {
            h3 { (number) ". " (t(&a.platform)) ": " (t(&a.label)) }
            p.badges {
                span class={ "badge sev-" (p) } { (capitalise(p)) " priority" }
                @if a.quick { " " span.badge { "Do it first" } }
                " " span.badge { "Your answer: " (t(&a.your_answer)) }
            }
            dl {
                dt { "Where" } dd { (t(&a.location)) }
                dt { "Choose" } dd {
                    (t(&a.recommended))
                    @if let Some(url) = &a.settings_url {
                        " " (link(url, &format!("Go straight to {} on {}", a.label.trim(), a.platform.trim())))
                    }
                }
                dt { "Why" } dd { (t(&a.why)) " " (link(&a.help_url, &help)) }
                @if let Some(since) = since { dt { "Since last time" } dd { (t(&since)) } }
            }
            @if a.exposed { p.note { (exposed_note(a)) } }
            @if caveat { p.note { (prose(UNVERIFIED)) } }
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

fn by_hand_section(report: &Report) -> Markup {
    let groups = by_hand(report);
    html! {
        section #unchecked aria-labelledby="unchecked-h" {
            h2 #unchecked-h { "Check by hand (" (plural(groups.len(), "place")) ")" }
            @if groups.is_empty() {
                p { (prose(NOTHING_BY_HAND)) }
            } @else {
                p { (prose(BY_HAND_INTRO)) }
                ul.by-hand {
                    @for group in &groups {
                        li {
                            strong { (t(group.platform)) ":" } " " (t(&group.summary())) ". "
                            @for (i, u) in group.links.iter().enumerate() {
                                @if i > 0 { ", " }
                                (link_on(&u.url, &hand_label(u), group.platform))
                            }
                            @if let Some(more) = group.more_line() { ", " (t(&more)) }
                            @if !group.links.is_empty() { "." }
                            " " span.note { (prose(group.to_do())) }
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
            @if let Some(value) = report.score.value {
            table {
                thead { tr { th scope="col" { "What added to it" } th.num scope="col" { "Points" } } }
                tbody {
                    @for c in &report.score.contributors {
                        tr { td { (t(&c.what)) } td.num { (c.points) } }
                    }
                }
                tfoot {
                    tr { th scope="row" { "Total (" (sum) ")" } td.num { (value) } }
                }
            }
            @if let Some(note) = note { p { (note) } }
            } @else {
                p { "Not measured. " (prose(SCORE_NOT_MEASURED)) }
            }
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

/// A link named for sight by `label` alone ("janesmith" in a list under "TikTok:"), and
/// for a screen reader, which may list links out of context, with " on TikTok" too.
fn link_on(url: &str, label: &str, platform: &str) -> Markup {
    match crate::render::escape::web_url(url) {
        Some(href) => html! {
            a href=(href) rel="noopener noreferrer" {
                (t(label)) span.vh { " on " (t(platform)) }
            }
        },
        None => link(url, label),
    }
}

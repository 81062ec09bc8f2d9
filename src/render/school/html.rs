//! The school scan as one page in the shared layout: no script, nothing fetched, every
//! address a link only when it is a web address, image addresses shown as text.

use maud::{Markup, html};

use super::text::shown_title;
use super::*;
use crate::render::page::{self, Page, link, link_and_address, prose, text as t};
use crate::report::Severity;
use crate::school_scan::StaffExposure;

pub fn html(report: &SchoolReport) -> String {
    let a = &report.accounts;
    let site = report.website.as_ref();
    let not_read = site.is_some_and(|s| !s.not_read.is_empty() || !not_reached_lines(s).is_empty());
    let people = !report.staff.is_empty() || report.without_consent > 0;
    page::render(Page {
        title: &format!("{TITLE}: {}", report.school),
        header: html! {
            h1 { (TITLE) }
            p.meta { (t(&report.school)) " · " (t(&report.date)) }
        },
        nav: Some(html! {
            ul {
                @if site.is_some() { li { a href="#website" { "The website" } } }
                @if people { li { a href="#people" { "Staff asked about" } } }
                @if !report.fixes.is_empty() { li { a href="#fixes" { "What to change" } } }
                @if not_read { li { a href="#not-read" { "Pages not read" } } }
                li { a href="#accounts" { "Accounts" } }
                li { a href="#by-hand" { "Check by hand" } }
            }
        }),
        main: html! {
            @if report.partial { p.banner { (PARTIAL) } }
            p.summary { strong { (t(&report.headline)) } }
            @if let Some(site) = site {
                section aria-labelledby="website" {
                    h2 #website { (WEBSITE) }
                    p { "Started at " (link_and_address(&site.start, "the school's home page")) }
                    @for warning in &site.warnings { p.notice { (t(warning)) } }
                    @if let Some(note) = &site.robots_note { p { (t(note)) } }
                    p { (t(&website_counts(site))) }
                    @if !site.pages.is_empty() {
                        table {
                            caption.vh { "Pages that name people in full" }
                            thead { tr {
                                th scope="col" { "Page" }
                                th.num scope="col" { "Named in full" }
                                th.num scope="col" { "With a photo" }
                            } }
                            tbody {
                                @for p in &site.pages {
                                    tr {
                                        td { (link_and_address(&p.url, &page_label(&p.title))) }
                                        td.num { (p.named_in_full) }
                                        td.num { (p.with_photos) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if people {
                section aria-labelledby="people" {
                    h2 #people { (PEOPLE) }
                    @if let Some(line) = consent_line(report) { p { (t(&line)) } }
                    @for person in &report.staff { (person_html(person, not_found(report))) }
                }
            }
            @if !report.fixes.is_empty() {
                section aria-labelledby="fixes" {
                    h2 #fixes { (FIXES) }
                    ul { @for fix in &report.fixes { li { (t(fix)) } } }
                }
            }
            @if let Some(site) = site.filter(|_| not_read) {
                section aria-labelledby="not-read" {
                    h2 #not-read { (NOT_READ) }
                    ul.links {
                        @for p in &site.not_read {
                            li { span.url { (t(&p.url)) } br; span.note { (t(&p.why)) } }
                        }
                    }
                    @for line in not_reached_lines(site) { p { (line) } }
                }
            }
            section aria-labelledby="accounts" {
                h2 #accounts { (ACCOUNTS) }
                p { (t(&accounts_line(report))) }
                @if !a.suspects.is_empty() {
                    ul.cards {
                        @for s in &a.suspects {
                            li.card {
                                h3 { (t(&s.platform_name)) " @" (t(&s.handle)) }
                                p { (link_and_address(&s.url, &format!("Open @{} on {}", s.handle, s.platform_name))) }
                                dl {
                                    dt { "Made from" } dd { (t(&s.made_from)) }
                                    @if let Some(page) = &s.page {
                                        @if let Some(name) = &page.name { dt { "Its name" } dd { (t(name)) } }
                                        @if let Some(bio) = &page.bio { dt { "Its bio" } dd { (t(bio)) } }
                                    }
                                }
                                p.flag { (SUSPECT_NOTE) }
                                @if let Some(url) = &s.report {
                                    p { (link(url, &format!("Report impersonation to {}", s.platform_name))) }
                                }
                            }
                        }
                    }
                    h3 { (IF_PRETENDING) }
                    ol { @for line in &a.what_to_do { li { (t(line)) } } }
                    p { (prose(FULL_STEPS)) }
                }
                @if !a.official.is_empty() {
                    p { (OFFICIAL) ": " (t(&a.official.join(", "))) }
                }
            }
            section aria-labelledby="by-hand" {
                h2 #by-hand { (BY_HAND) }
                @for hand in &a.by_hand {
                    h3 { (t(&hand.platform_name)) }
                    p.note { (t(&hand.why)) }
                    ul.links { @for p in &hand.pages { li { (link_and_address(&p.url, &format!("{} on {}", p.site, hand.platform_name))) } } }
                }
                @if !a.searches.is_empty() {
                    h3 { "Searches for the school's name" }
                    p.note { "A parody account can use any name." }
                    ul.links { @for l in &a.searches { li { (link(&l.url, &l.site)) } } }
                }
                @if !a.unknown.is_empty() {
                    h3 { "Handles findable could not check" }
                    p.note { "Open each yourself." }
                    @for (group, list) in unknown_groups(report) {
                        h4 { (t(&group)) }
                        ul.links {
                            @for u in list {
                                li { (link(&u.url, &format!("@{} on {}", u.handle, u.platform))) }
                            }
                        }
                    }
                }
            }
        },
        footer: html! {
            p { "Made by findable, which reads only what anyone on the internet can see and never logs in. Image addresses are shown as text: this page loads nothing." }
        },
    })
}

fn person_html(person: &StaffExposure, not_found: &str) -> Markup {
    html! {
        h3 { (t(&person.name)) }
        @if person.findings.is_empty() && person.title_only.is_empty() {
            p { (not_found) }
        }
        @if !person.findings.is_empty() {
            ul.cards {
                @for f in &person.findings {
                    li.card {
                        h4 {
                            span.badge.(severity_class(f.severity)) { (severity_word(f.severity)) }
                            (t(&f.what))
                        }
                        p { (link_and_address(&f.url, &page_label(&f.page_title))) }
                        ul { @for d in &f.details { li { (t(d)) } } }
                        p { strong { "For the school: " } (t(&f.fix)) }
                    }
                }
            }
        }
        @if !person.title_only.is_empty() {
            ul {
                @for m in &person.title_only {
                    li { "\"" (t(&m.name)) "\" only (" (TITLE_ONLY_NOTE) "): " (link(&m.url, &page_label(&m.page_title))) }
                }
            }
        }
    }
}

/// A link's words for a page: its title, said to be a page (a title may be one word).
fn page_label(title: &str) -> String {
    format!("Page: {}", shown_title(title))
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::High => "sev-high",
        Severity::Medium => "sev-medium",
        Severity::Low => "sev-low",
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::High => "Change first",
        Severity::Medium => "Change",
        Severity::Low => "Check",
    }
}

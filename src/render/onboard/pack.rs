//! A starter's pack: one page in the shared layout (and the same as Markdown) with the
//! names pupils type, what to do if contacted or targeted, the essential settings, the
//! searches and pages to open by hand, and the check-up. Prints on a few A4 pages.

use std::fmt::Write as _;

use jiff::civil::Date;
use maud::{Markup, html};

use super::{Official, dsl, long_date, official_accounts, police_line, posh_line, posh_source};
use crate::Catalog;
use crate::checklist::{Section, printable};
use crate::onboard::{PACK_CALENDAR, Pack, Scan};
use crate::plan::PlannedProbe;
use crate::render::escape::{markdown as md, markdown_target};
use crate::render::page::{self, Page, link, text as t};
use crate::render::{plural, queries};
use crate::school::School;

const TITLE: &str = "Your online safety pack";
const INTRO: &str = "Pupils look new staff up online, often in the first weeks of term. This \
pack shows what they would type, the settings that matter most, the searches and pages to \
check for yourself, and what to do if a pupil or parent gets in touch or targets you. It is \
yours: nobody at school needs to see what you find.";
const NAMES_INTRO: &str = "Pupils search for the names they hear at school. These are the \
likeliest forms of your name, and the usernames they would guess, likeliest first.";
const HELP_HEADING: &str = "If a pupil or parent contacts you, or you are targeted";
const CONTACTED: &str = "A pupil or parent messages you or sends a friend request";
const TARGETED: &str = "Someone posts about you, or an account pretends to be you";
const REPLY_HEADING: &str = "A reply for parents who message you";
const REPLY_NOTE: &str = "Send it as it is or in your own words: it is polite, says why, and \
points them to the school.";
const SETTINGS_HEADING: &str = "Your privacy settings: the essentials";
const SETTINGS_INTRO: &str = "Go through these on your phone, logged in to each account you \
have, and skip the platforms you don't use. Tick each one when it is set.";
const LOOK_HEADING: &str = "Look yourself up, as a pupil would";
const PAGES_HEADING: &str = "Profile pages a pupil would try";
const PAGES_INTRO: &str = "If one of these is yours, check what a stranger sees on it; if it \
is someone else's, nothing to do.";
const FOOTER: &str = "This pack is private: it says where you could be found online. Keep it, \
and its folder, to yourself.";

/// The settings of the pack's platforms and the general checks that apply to everyone:
/// checks behind a "does this apply to you?" question (a company director...) are left to
/// the full checklist.
fn sections<'a>(pack: &Pack, catalog: &'a Catalog) -> Vec<Section<'a>> {
    printable(catalog, Some(&pack.platforms), false)
        .into_iter()
        .filter(|s| s.check.applies_when.is_none())
        .collect()
}

/// The check-up paragraph: when, the calendar file, and whether anything went online.
fn check_up_words(pack: &Pack) -> (String, String) {
    let when = format!(
        "On {}, about a term after you start, look again: pupils who did not know your name \
         will by then. Run the searches, open the pages, and check your settings have stayed \
         as you set them (apps change them in updates). {PACK_CALENDAR}, beside this pack, \
         puts it in your calendar: double-click it, or import it into Outlook or Google \
         Calendar.",
        long_date(pack.check_up)
    );
    let scan = match &pack.scan {
        Scan::NotAsked => "Nothing about you has been checked online: findable made this pack \
                           without going online."
            .to_string(),
        Scan::NoConsent => "You did not agree to an online check, so nothing about you went \
                            online: findable made this pack without searching for you."
            .to_string(),
        Scan::Done {
            date,
            report,
            partial,
        } => format!(
            "With your agreement, findable checked the public profiles and searches for your \
             name on {date}. The results are in {report}, beside this pack, for you alone{}.",
            if *partial {
                " (not everything could be checked: it says what is left to look at by hand)"
            } else {
                ""
            }
        ),
        Scan::NotReached => "Your online check did not run (the run was stopped before it \
                             reached you), so nothing about you went online."
            .to_string(),
    };
    (when, scan)
}

fn meta(pack: &Pack) -> String {
    format!(
        "{}, starting at {} on {}",
        pack.addressed(),
        pack.school,
        long_date(pack.start)
    )
}

fn dsl_notice(school: &School) -> String {
    format!(
        "Your designated safeguarding lead is {}. Tell them the same day: you don't have to \
         deal with it alone, and it is never your fault.",
        dsl(school)
    )
}

fn official_note(school: &School, accounts: &[Official]) -> Option<String> {
    (!accounts.is_empty()).then(|| {
        format!(
            "Any other account using {}'s name or logo is not the school's: tell {}.",
            school.name,
            school.dsl_name.as_deref().unwrap_or("the DSL")
        )
    })
}

/// The profile pages grouped by platform, in the pack's order.
fn pages_by_platform(pages: &[PlannedProbe]) -> Vec<(&str, Vec<&PlannedProbe>)> {
    let mut out: Vec<(&str, Vec<&PlannedProbe>)> = Vec::new();
    for p in pages {
        match out.iter_mut().find(|(site, _)| *site == p.site) {
            Some((_, list)) => list.push(p),
            None => out.push((&p.site, vec![p])),
        }
    }
    out
}

fn platform_name<'a>(catalog: &'a Catalog, id: &'a str) -> &'a str {
    catalog.get(id).map_or(id, |c| c.name.as_str())
}

/// The pack as one page in the shared layout; `made` is the day of the run.
pub fn pack_html(pack: &Pack, school: &School, catalog: &Catalog, made: Date) -> String {
    let accounts = official_accounts(school, catalog);
    let (when, scan) = check_up_words(pack);
    page::render(Page {
        title: &format!("{TITLE}: {}", pack.name),
        header: html! {
            h1 { (TITLE) }
            p.meta { strong { (t(&meta(pack))) } }
            p.summary { (INTRO) }
        },
        nav: Some(html! {
            ul {
                li { a href="#names" { "What pupils type" } }
                li { a href="#help" { "If something happens" } }
                li { a href="#check-up" { "Your check-up" } }
                li { a href="#settings" { "Your settings" } }
                li { a href="#look" { "Look yourself up" } }
            }
        }),
        main: html! {
            div.pack {
            section #names aria-labelledby="names-h" {
                h2 #names-h { "What pupils will type" }
                p { (NAMES_INTRO) }
                div.pair {
                    div {
                        h3 { "Names" }
                        ol.forms { @for n in &pack.names { li { (t(&n.text)) } } }
                    }
                    div {
                        h3 { "Usernames" }
                        ol.forms { @for u in &pack.usernames { li { code { (t(&u.text)) } } } }
                    }
                }
                p.note { (more(pack)) }
            }
            section #help aria-labelledby="help-h" {
                h2 #help-h { (HELP_HEADING) }
                p.notice { (t(&dsl_notice(school))) }
                div.pair {
                    div {
                        h3 { (CONTACTED) }
                        ol.compact { @for line in &pack.what_to_do.if_contacted { li { (t(line)) } } }
                    }
                    div {
                        h3 { (TARGETED) }
                        ol.compact { @for line in &pack.what_to_do.if_targeted { li { (t(line)) } } }
                    }
                }
                p { (police_line()) }
                p { (posh_line()) " " span.note { (posh_source()) } }
                h3 { (REPLY_HEADING) }
                blockquote { p { (t(&super::stock_reply(school))) } }
                p.note { (REPLY_NOTE) }
                @if !accounts.is_empty() {
                    p {
                        "The school's own accounts: "
                        @for (i, a) in accounts.iter().enumerate() {
                            @if i > 0 { ", " }
                            @match &a.url {
                                Some(url) => (link(url, &format!("@{} on {}", a.handle, a.platform))),
                                None => (t(&format!("@{} on {}", a.handle, a.platform))),
                            }
                        }
                        ". "
                        @if let Some(note) = official_note(school, &accounts) { (t(&note)) }
                    }
                }
                @if let Some(url) = &school.policy_url {
                    p { (link(url, &format!("{}'s social media policy", school.name))) }
                }
            }
            section #check-up aria-labelledby="check-up-h" {
                h2 #check-up-h { "Your check-up: " (long_date(pack.check_up)) }
                p { (when) }
                p { (scan) }
            }
            section #settings aria-labelledby="settings-h" {
                h2 #settings-h { (SETTINGS_HEADING) }
                p { (SETTINGS_INTRO) }
                (essentials_html(&sections(pack, catalog)))
            }
            section #look aria-labelledby="look-h" {
                h2 #look-h { (LOOK_HEADING) }
                div.typed { (queries::html_section(&pack.searches)) }
                h3 { (PAGES_HEADING) }
                p { (PAGES_INTRO) }
                ul.links {
                    @for (site, probes) in pages_by_platform(&pack.pages) {
                        li {
                            strong { (t(platform_name(catalog, site))) } ": "
                            @for (i, p) in probes.iter().enumerate() {
                                @if i > 0 { " · " }
                                (page::shown_on_paper(&p.url, &format!("@{}", p.username)))
                            }
                        }
                    }
                }
            }
            }
        },
        footer: html! {
            p { "Made by findable on " (long_date(made)) " for " (t(&pack.name)) ". " (FOOTER) }
        },
    })
}

fn more(pack: &Pack) -> String {
    format!(
        "findable would also try {} and {}: these are the likeliest.",
        plural(pack.more_names, "other name"),
        plural(pack.more_usernames, "other username")
    )
}

/// Said once when some menu paths could not be confirmed on the platforms' own help pages
/// (the full checklist says which, platform by platform; a pack keeps it short).
fn caution(sections: &[Section]) -> Option<&'static str> {
    sections
        .iter()
        .any(|s| s.check.unverified().next().is_some())
        .then_some(
            "Menus change, and not every path here could be checked against the platform's \
             own help pages: yours may look a little different.",
        )
}

/// The essentials in one line or two each, ticked on paper: where, and what to choose.
fn essentials_html(sections: &[Section]) -> Markup {
    html! {
        @if let Some(line) = caution(sections) { p.note { (line) } }
        @for Section { check, settings } in sections {
            @let id = format!("c-{}", check.id);
            section.platform aria-labelledby=(id) {
                h3 id=(id) { (t(&check.name)) }
                ul.ticks {
                    @for s in settings {
                        li {
                            span.box aria-hidden="true" {}
                            strong { (t(&s.label)) } ": " (t(&s.recommended))
                            span.where { "Where: " (t(&s.location)) }
                        }
                    }
                }
            }
        }
    }
}

/// The pack as Markdown, the same content as the page.
pub fn pack_markdown(pack: &Pack, school: &School, catalog: &Catalog, made: Date) -> String {
    let accounts = official_accounts(school, catalog);
    let (when, scan) = check_up_words(pack);
    let mut out = format!("# {TITLE}\n\n**{}**\n\n{INTRO}\n", md(&meta(pack)));
    let _ = write!(
        out,
        "\n## What pupils will type\n\n{NAMES_INTRO}\n\nNames:\n\n"
    );
    for (i, n) in pack.names.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, md(&n.text));
    }
    out.push_str("\nUsernames:\n\n");
    for (i, u) in pack.usernames.iter().enumerate() {
        let _ = writeln!(out, "{}. `{}`", i + 1, u.text.replace('`', ""));
    }
    let _ = write!(out, "\n{}\n", more(pack));
    let _ = write!(
        out,
        "\n## {HELP_HEADING}\n\n**{}**\n",
        md(&dsl_notice(school))
    );
    for (heading, lines) in [
        (CONTACTED, &pack.what_to_do.if_contacted),
        (TARGETED, &pack.what_to_do.if_targeted),
    ] {
        let _ = write!(out, "\n### {heading}\n\n");
        for (i, line) in lines.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, md(line));
        }
    }
    let _ = write!(
        out,
        "\n{}\n\n{} {}\n\n### {REPLY_HEADING}\n\n> {}\n\n{REPLY_NOTE}\n",
        police_line(),
        posh_line(),
        posh_source(),
        md(&super::stock_reply(school))
    );
    if !accounts.is_empty() {
        let list: Vec<String> = accounts
            .iter()
            .map(|a| {
                let shown = md(&format!("@{} on {}", a.handle, a.platform));
                match &a.url {
                    Some(url) => format!("{shown} ({})", markdown_target(url)),
                    None => shown,
                }
            })
            .collect();
        let _ = write!(out, "\nThe school's own accounts: {}.", list.join(", "));
        if let Some(note) = official_note(school, &accounts) {
            let _ = write!(out, " {}", md(&note));
        }
        out.push('\n');
    }
    if let Some(url) = &school.policy_url {
        let _ = write!(
            out,
            "\n{}'s social media policy: {}\n",
            md(&school.name),
            markdown_target(url)
        );
    }
    let _ = write!(
        out,
        "\n## Your check-up: {}\n\n{when}\n\n{scan}\n",
        long_date(pack.check_up)
    );
    let _ = write!(out, "\n## {SETTINGS_HEADING}\n\n{SETTINGS_INTRO}\n");
    let sections = sections(pack, catalog);
    if let Some(line) = caution(&sections) {
        let _ = write!(out, "\n{line}\n");
    }
    for Section { check, settings } in sections {
        let _ = write!(out, "\n### {}\n\n", md(&check.name));
        for s in settings {
            let _ = writeln!(
                out,
                "- [ ] **{}**: {} (where: {})",
                md(&s.label),
                md(&s.recommended),
                md(&s.location)
            );
        }
    }
    let _ = write!(out, "\n## {LOOK_HEADING}\n\n");
    queries::markdown_section(&mut out, &pack.searches);
    let _ = write!(out, "\n### {PAGES_HEADING}\n\n{PAGES_INTRO}\n\n");
    for (site, probes) in pages_by_platform(&pack.pages) {
        let _ = writeln!(out, "- {}:", md(platform_name(catalog, site)));
        for p in probes {
            let _ = writeln!(out, "  - {}", markdown_target(&p.url));
        }
    }
    let _ = write!(
        out,
        "\n---\n\nMade by findable on {} for {}. {FOOTER}\n",
        long_date(made),
        md(&pack.name)
    );
    out
}

#[cfg(test)]
mod tests;

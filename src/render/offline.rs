//! The audit's `--offline` document, "Check it yourself": every profile page and search to
//! open by hand, then the printable checklist, as text, Markdown or one page in the shared
//! layout. JSON is the plan itself and is not made here.

use std::fmt::Write as _;

use maud::html;

use super::escape::{markdown as md, markdown_target};
use super::page::{self, Page, link_and_address, text as t};
use super::wrap::Writer;
use super::{checklist, plural, probe, queries};
use crate::checklist::Section;
use crate::plan::Plan;
use crate::plan::links::SearchLinks;

/// What the document lists: the plan's profile pages, the searches and the checks.
#[derive(Debug, Clone, Copy)]
pub struct HandChecks<'a> {
    pub plan: &'a Plan,
    pub searches: &'a SearchLinks,
    /// The printable checklist: each check with its settings.
    pub checks: &'a [Section<'a>],
}

const TITLE: &str = "Check it yourself";
const INTRO: &str = "findable did not go online. Open these in a private (incognito) window, \
so you see what a stranger sees rather than your own logged-in view.";
const SETTINGS: &str = "Your privacy settings";
const FOOTER: &str = "Nothing here has been checked yet: findable made it without \
going online. Run the audit without --offline to check the profiles and searches for you.";

pub fn text(doc: &HandChecks<'_>) -> String {
    let mut out = Writer::new(false);
    out.line(TITLE);
    out.blank();
    out.para(INTRO, "", "");
    out.heading("Profile pages", '=');
    let mut pages = String::new();
    probe::pages_text(&mut pages, doc.plan);
    out.s.push_str(pages.trim_start_matches('\n'));
    out.heading("Searches", '=');
    out.s.push_str(&queries::text(doc.searches));
    out.heading(SETTINGS, '=');
    out.para(checklist::INTRO, "", "");
    checklist::text_sections(&mut out, doc.checks);
    out.blank();
    out.line("--");
    out.para(FOOTER, "", "");
    out.s
}

pub fn markdown(doc: &HandChecks<'_>) -> String {
    let mut out = format!("# {TITLE}\n\n{INTRO}\n\n## Profile pages\n");
    for (site, probes) in probe::profile_pages(doc.plan) {
        let _ = writeln!(
            out,
            "\n### {} ({})\n",
            md(site),
            plural(probes.len(), "page")
        );
        for p in probes {
            let _ = writeln!(out, "- {}", markdown_target(&p.url));
        }
    }
    out.push_str("\n## Searches\n\n");
    queries::markdown_section(&mut out, doc.searches);
    let _ = write!(out, "\n## {SETTINGS}\n\n{}\n", checklist::INTRO);
    checklist::markdown_sections(&mut out, doc.checks, 3);
    let _ = write!(out, "\n---\n\n{FOOTER}\n");
    out
}

pub fn html(doc: &HandChecks<'_>) -> String {
    let pages = probe::profile_pages(doc.plan);
    page::render(Page {
        title: "findable: check it yourself",
        header: html! {
            h1 { (TITLE) }
            p.summary { (INTRO) }
        },
        nav: Some(html! {
            ul {
                li { a href="#pages" { "Profile pages" } }
                li { a href="#searches" { "Searches" } }
                li { a href="#settings" { (SETTINGS) } }
            }
        }),
        main: html! {
            section #pages aria-labelledby="pages-h" {
                h2 #pages-h { "Profile pages" }
                @for (site, probes) in &pages {
                    h3 { (t(site)) " (" (plural(probes.len(), "page")) ")" }
                    ul.links {
                        @for p in probes {
                            li { (link_and_address(&p.url, &format!("Open @{} on {site}", p.username))) }
                        }
                    }
                }
            }
            section #searches aria-labelledby="searches-h" {
                h2 #searches-h { "Searches" }
                (queries::html_section(doc.searches))
            }
            section #settings aria-labelledby="settings-h" {
                h2 #settings-h { (SETTINGS) }
                p { (checklist::INTRO) }
                (checklist::html_sections(doc.checks, 3))
            }
        },
        footer: html! { p { (page::prose(FOOTER)) } },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixtures::{self, readable};
    use crate::render::probe::tests::plan;
    use crate::render::queries::tests::fixture as searches;

    fn render<T>(f: impl Fn(&HandChecks<'_>) -> T) -> T {
        let catalog = fixtures::catalog();
        let checks = crate::checklist::printable(&catalog, None, true);
        let (plan, searches) = (plan(), searches());
        f(&HandChecks {
            plan: &plan,
            searches: &searches,
            checks: &checks,
        })
    }

    #[test]
    fn offline_snapshot_text() {
        insta::assert_snapshot!("offline_text", render(text));
    }

    #[test]
    fn offline_snapshot_markdown() {
        insta::assert_snapshot!("offline_markdown", render(markdown));
    }

    #[test]
    fn offline_snapshot_html() {
        insta::assert_snapshot!("offline_html", readable(&render(html)));
    }

    #[test]
    fn the_html_links_every_page_and_search() {
        let page = render(html);
        let links = page.matches("<a ").count();
        let (plan, searches) = (plan(), searches());
        let in_searches: usize = searches
            .queries
            .iter()
            .map(|q| q.links.len())
            .sum::<usize>()
            + searches.in_app.iter().map(|n| n.links.len()).sum::<usize>();
        let reports = 2;
        let settings = 4;
        let nav = 3;
        assert_eq!(
            links,
            plan.probes.len() + in_searches + reports + settings + nav,
            "{page}"
        );
        assert!(!page.contains("<script") && page.contains(page::CSP));
    }
}

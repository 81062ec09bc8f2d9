//! The searches a pupil would run, as links to open by hand: the text `findable queries`
//! prints, and the same as Markdown and HTML sections for the offline document.

use std::fmt::Write as _;

use maud::{Markup, html};

use super::escape::{markdown as md, markdown_target, text as clean};
use super::page::{link, text as t};
use crate::plan::links::{Link, SearchLinks};

pub(crate) const INTRO: &str = "Searches a pupil might run. Open the links in a private \
window so you see what a stranger sees, not your own logged-in view.";
const IN_APP: &str = "Inside the apps (pupils search there too; some ask you to log in first)";

/// As `findable queries` prints it: numbered searches, each with a link per engine.
pub fn text(links: &SearchLinks) -> String {
    let mut out = String::new();
    for line in textwrap::wrap(INTRO, 80) {
        let _ = writeln!(out, "{line}");
    }
    for (i, q) in links.queries.iter().enumerate() {
        let _ = writeln!(out, "\n{:>2}. {}", i + 1, clean(&q.query));
        link_lines(&mut out, &q.links);
    }
    let _ = writeln!(out, "\n{IN_APP}:");
    for n in &links.in_app {
        let _ = writeln!(out, "\n    {}", clean(&n.name));
        link_lines(&mut out, &n.links);
    }
    out
}

fn link_lines(out: &mut String, links: &[Link]) {
    for link in links {
        let _ = writeln!(out, "    {:<10} {}", clean(&link.site), clean(&link.url));
    }
}

fn md_links(out: &mut String, indent: &str, links: &[Link]) {
    for link in links {
        let _ = writeln!(
            out,
            "{indent}- {}: {}",
            md(&link.site),
            markdown_target(&link.url)
        );
    }
}

/// The searches as Markdown, under the caller's heading.
pub(crate) fn markdown_section(out: &mut String, links: &SearchLinks) {
    let _ = writeln!(out, "{INTRO}\n");
    for (i, q) in links.queries.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, md(&q.query));
        md_links(out, "   ", &q.links);
    }
    let _ = writeln!(out, "\n{IN_APP}:\n");
    for n in &links.in_app {
        let _ = writeln!(out, "- {}", md(&n.name));
        md_links(out, "  ", &n.links);
    }
}

/// The searches as HTML, under the caller's `h2`; the apps get an `h3`.
pub(crate) fn html_section(links: &SearchLinks) -> Markup {
    html! {
        p { (INTRO) }
        ol {
            @for q in &links.queries {
                li { strong { (t(&q.query)) } (link_list(&q.links, &q.query)) }
            }
        }
        h3 { "Inside the apps" }
        p { "Pupils search there too; some ask you to log in first." }
        ul {
            @for n in &links.in_app {
                li { strong { (t(&n.name)) } (link_list(&n.links, &n.name)) }
            }
        }
    }
}

fn link_list(links: &[Link], what: &str) -> Markup {
    html! {
        ul.links {
            @for l in links {
                li { (link(&l.url, &format!("{} for {}", l.site, what.trim()))) }
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::render::fixtures;

    pub(crate) fn fixture() -> SearchLinks {
        SearchLinks::build(&fixtures::queries(), &fixtures::variants().names)
    }

    #[test]
    fn queries_snapshot_text() {
        insta::assert_snapshot!("queries_text", text(&fixture()));
    }

    #[test]
    fn hostile_query_text_cannot_reach_the_terminal() {
        let mut links = fixture();
        links.queries[0].query = "\u{1b}]0;pwned\u{7}\"Jane\u{202e}\"".into();
        let out = text(&links);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}'));
        assert!(out.contains(" 1.  ]0;pwned \"Jane\""), "{out}");
    }
}

//! The summary and the steps as HTML, for the local web page: the same words as the
//! terminal's and the Markdown copy, each step a card, links only to web addresses (a
//! phone number or an email address is shown as text to copy).

use maud::{Markup, html};

use super::text::{DANGER, summary_heading};
use crate::incident::Guide;
use crate::render::escape::web_url;
use crate::render::page::{link_and_address, text as t};

/// The summary, then every step in order, as two sections to put in a page's main.
pub fn steps_html(guide: &Guide) -> Markup {
    html! {
        section #now aria-labelledby="now-h" {
            h2 #now-h { (summary_heading(guide)) }
            ul { @for line in &guide.summary { li { (t(line)) } } }
            p.notice { strong { (DANGER) } }
        }
        section #steps aria-labelledby="steps-h" {
            h2 #steps-h { "The steps, in order" }
            ol.cards {
                @for step in &guide.steps {
                    li.card {
                        h3 {
                            (step.number) ". "
                            @if step.urgent { span class="badge sev-high" { "Urgent" } " " }
                            (t(&step.title))
                        }
                        (body(&step.what_to_do))
                        @if !step.links.is_empty() {
                            ul.links {
                                @for (label, target) in &step.links {
                                    li {
                                        @if web_url(target).is_some() {
                                            (link_and_address(target, label))
                                        } @else {
                                            (t(label)) ": " strong { (t(target)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A step's text: one paragraph per line, runs of "- " lines as one list.
fn body(text: &str) -> Markup {
    let mut blocks: Vec<(bool, Vec<&str>)> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (bullet, words) = match line.strip_prefix("- ") {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        match blocks.last_mut() {
            Some((true, items)) if bullet => items.push(words),
            _ => blocks.push((bullet, vec![words])),
        }
    }
    html! {
        @for (bullet, lines) in &blocks {
            @if *bullet {
                ul { @for l in lines { li { (t(l)) } } }
            } @else {
                @for l in lines { p { (t(l)) } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::log::tests::{catalog, filled};

    #[test]
    fn steps_are_cards_with_escaped_text_and_only_web_links() {
        let guide = crate::incident::guide(&filled(), &catalog());
        let html = steps_html(&guide).into_string();
        assert!(html.contains("<ol class=\"cards\">"));
        assert_eq!(
            html.matches("<li class=\"card\">").count(),
            guide.steps.len()
        );
        assert!(html.contains("0344 381 4772"), "POSH's number is shown");
        assert!(!html.contains("href=\"tel:"), "phone numbers are text");
        assert!(html.contains(DANGER));
        for href in html.split("href=\"").skip(1) {
            assert!(
                href.starts_with("https://") || href.starts_with("http://"),
                "{href}"
            );
        }
    }

    #[test]
    fn bullets_group_into_one_list() {
        let out = body("First.\n- a\n- b\nLast.").into_string();
        assert_eq!(
            out,
            "<p>First.</p><ul><li>a</li><li>b</li></ul><p>Last.</p>"
        );
    }
}

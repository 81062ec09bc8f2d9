//! The app's pages, server-rendered with maud in the report's own layout: the one
//! stylesheet (and the app's additions) served beside them, an optional script that only
//! keeps the progress line fresh, and every action a plain form or link.

pub mod about;
pub mod incident;
pub mod question;
pub mod report;

use maud::{Markup, html};

use findable::render::page::{self, Head, Page};
use findable::render::plural;

use super::guard::CSP;
use super::state::{App, Counts};

/// The stylesheet the app serves: the documents' own, then the app's forms and buttons.
pub fn stylesheet() -> String {
    format!("{}\n{}", page::CSS, include_str!("../app.css"))
}

/// The optional script: it keeps the progress line fresh and moves on by itself when the
/// next page is ready. Every page works without it.
pub const SCRIPT: &str = include_str!("../live.js");

/// A whole page of the app: `main` in the shared layout, with the app's head.
pub fn layout(app: &App, title: &str, main: Markup) -> String {
    let base = app.guard.base();
    let stylesheet = format!("{base}style.css");
    let script = format!("{base}live.js");
    page::render_with(
        Page {
            title: &format!("{title} · findable"),
            header: html! {
                p.brand { a href=(base) { "findable" } " " span.note { "on this computer only" } }
            },
            nav: None,
            main,
            footer: footer(),
        },
        &Head {
            csp: CSP,
            stylesheet: Some(&stylesheet),
            script: Some(&script),
        },
    )
}

pub fn footer() -> Markup {
    html! {
        p {
            "findable runs on your own computer. What you type here stays on it: only the \
             profile checks and the searches go out, and they carry no answer of yours."
        }
    }
}

/// The hidden fields every form carries: the CSRF token, and which question it answers.
pub fn hidden(app: &App, question: Option<u64>) -> Markup {
    html! {
        input type="hidden" name="csrf" value=(app.guard.csrf());
        @if let Some(id) = question {
            input type="hidden" name="q" value=(id);
        }
    }
}

/// One line on the background work ("Profiles: 12 of 40 checked, 1 found. Searches: 3
/// of 10 run."), or `None` before it has started.
pub fn progress_line(c: &Counts) -> Option<String> {
    let mut parts = Vec::new();
    if let Some((done, total)) = c.profiles {
        let found = match c.found {
            0 => String::new(),
            n => format!(", {n} found"),
        };
        parts.push(if c.profiles_over && done == total {
            format!("Profiles: all {total} checked{found}.")
        } else if c.profiles_over {
            format!("Profiles: stopped after {done} of {total}{found}.")
        } else {
            format!("Profiles: {done} of {total} checked{found}.")
        });
    }
    if let Some((done, total)) = c.searches {
        parts.push(if c.searches_over && done == total {
            format!("Searches: all {total} run.")
        } else if c.searches_over {
            format!("Searches: stopped after {done} of {total}.")
        } else {
            format!(
                "Searches: {done} of {total} run ({}).",
                plural(c.results, "result")
            )
        });
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The progress of the checks running in the background, with bars. `follow` asks the
/// script to load the next page by itself when it is ready (only where nothing is being
/// filled in).
pub fn progress(app: &App, follow: bool) -> Markup {
    let counts = app.counts();
    let line = progress_line(&counts);
    let bar = |label: &str, id: &str, pair: Option<(usize, usize)>| {
        html! {
            @if let Some((done, total)) = pair {
                div.bar {
                    label for=(id) { (label) }
                    progress id=(id) max=(total.max(1)) value=(done) { (done) " of " (total) }
                }
            }
        }
    };
    html! {
        section.progress aria-labelledby="progress-h" {
            h2 #progress-h { "Checking in the background" }
            (bar("Profiles checked", "profiles-bar", counts.profiles))
            (bar("Searches run", "searches-bar", counts.searches))
            p #live role=[follow.then_some("status")]
                data-status=(format!("{}status", app.guard.base()))
                data-page=(app.page_version())
                data-follow=(if follow { "yes" } else { "no" }) {
                (line.unwrap_or_else(|| "Starting the checks…".to_string()))
            }
        }
    }
}

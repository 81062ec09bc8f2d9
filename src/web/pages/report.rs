//! The end of the audit: the report itself, the very same template as `-o report.html`,
//! under the buttons that save it, print the checklist, open the incident steps, carry on
//! with questions left, and finish.

use maud::html;

use findable::render::page::{self, Head, Page, text as t};
use findable::render::report::html_parts;

use super::{footer, hidden};
use crate::web::guard::CSP;
use crate::web::state::{App, Done};

pub fn page(app: &App, done: &Done) -> String {
    let base = app.guard.base();
    let parts = html_parts(&done.report);
    let stylesheet = format!("{base}style.css");
    let header = html! {
        p.brand { "findable" " " span.note { "on this computer only" } }
        (parts.header)
        @if let Some(problem) = &done.problem {
            p.notice role="alert" { (t(problem)) }
        }
        section.toolbar aria-labelledby="next-h" {
            h2 #next-h { "Your report is ready" }
            p {
                "It is below. Save a copy to keep (it opens in any web browser, with nothing \
                 fetched from anywhere), and print the checklist to go through your settings \
                 on your phone."
            }
            div.buttons {
                a.button.primary href=(format!("{base}report.html")) download { "Save the report" }
                a.button href=(format!("{base}checklist.html")) { "Printable checklist" }
                a.button href=(format!("{base}incident")) { "If something is abusive" }
            }
            div.buttons {
                @if done.questions_left {
                    form.inline method="post" action=(format!("{base}again")) {
                        (hidden(app, None))
                        button type="submit" { "Carry on with the questions" }
                    }
                }
                form.inline method="post" action=(format!("{base}finish")) {
                    (hidden(app, None))
                    button type="submit" { "Finish and close findable" }
                }
            }
            p.note {
                "Your answers are saved in " code { (done.answers_file.display().to_string()) }
                ". Run findable again (here or with " code { "findable audit" } " in a terminal) \
                 to carry on or check again next term."
            }
        }
    };
    page::render_with(
        Page {
            title: &parts.title,
            header,
            nav: Some(parts.nav),
            main: parts.main,
            footer: html! { (parts.footer) (footer()) },
        },
        &Head {
            csp: CSP,
            stylesheet: Some(&stylesheet),
            script: None,
        },
    )
}

/// After Finish: the server is stopping, and the page says what happens now.
pub fn finished(app: &App) -> String {
    let main = html! {
        h1 { "findable has closed" }
        p { "Your answers are saved on this computer. You can close this tab." }
        p {
            "To check again (next term, say), run " code { "findable serve" }
            " again and give the same name and school: your answers will be there."
        }
    };
    super::layout(app, "Closed", main)
}

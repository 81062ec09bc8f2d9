//! "If something is abusive": what happened, as a form that only reads (it changes
//! nothing, so it is a GET), then the library's summary and steps for it, and the
//! evidence log to keep, as a spreadsheet or a page to print.

use maud::{Markup, html};

use findable::Catalog;
use findable::incident::{self, IncidentInput, Kind, Responsible};
use findable::render::incident::steps_html;
use findable::render::page::text as t;

use super::layout;
use crate::web::state::App;

/// Longest address or username kept from the form.
const MAX_FIELD: usize = 2000;

const KINDS: [(Kind, &str); 5] = [
    (Kind::Content, "content"),
    (Kind::Impersonation, "impersonation"),
    (Kind::Contact, "contact"),
    (Kind::Calls, "calls"),
    (Kind::SexualHarassment, "sexual-harassment"),
];

const RESPONSIBLE: [(Responsible, &str, &str); 4] = [
    (Responsible::Pupil, "pupil", "A pupil"),
    (Responsible::Parent, "parent", "A parent or carer"),
    (Responsible::Colleague, "colleague", "A colleague"),
    (Responsible::Unknown, "unknown", "I don't know"),
];

/// What the form said, once it has been sent: `None` before.
pub fn input(query: &str, catalog: &Catalog, today: &str) -> Option<IncidentInput> {
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().chars().take(MAX_FIELD).collect::<String>())
            .filter(|v| !v.is_empty())
    };
    let kind = get("kind")?;
    let kind = KINDS.iter().find(|(_, id)| *id == kind)?.0;
    let responsible = get("who")
        .and_then(|w| RESPONSIBLE.iter().find(|(_, id, _)| *id == w).map(|r| r.0))
        .unwrap_or_default();
    let platform = get("platform")
        .and_then(|p| incident::find_platform(catalog, &p))
        .map(|c| c.id.clone());
    Some(IncidentInput {
        platform,
        kind,
        responsible,
        threats_or_sexual: get("threats").is_some(),
        for_colleague: get("colleague").is_some(),
        url: get("url"),
        handle: get("username"),
        today: Some(today.to_string()),
    })
}

pub fn page(app: &App, query: &str, given: Option<&IncidentInput>) -> String {
    let base = app.guard.base();
    let main = html! {
        h1 { "If something is abusive" }
        p { "Say what happened, and findable gives you the steps to take, in order, and an evidence log to keep." }
        (form(app, given))
        @if let Some(input) = given {
            (steps_html(&incident::guide(input, &app.config.catalog)))
            section aria-labelledby="log-h" {
                h2 #log-h { "Your evidence log" }
                p { "Keep a record of each post, message or account: when you saw it, where, and what you did. findable fills in what you told it." }
                div.buttons {
                    a.button href=(format!("{base}evidence-log.csv?{query}")) download { "Evidence log for a spreadsheet" }
                    a.button href=(format!("{base}evidence-log.html?{query}")) { "Evidence log to print" }
                }
            }
        }
        p { a href=(base) { "Back to your report" } }
    };
    layout(app, "If something is abusive", main)
}

fn form(app: &App, given: Option<&IncidentInput>) -> Markup {
    let kind = given.map(|g| g.kind);
    let who = given.map(|g| g.responsible);
    let platforms = incident::platforms(&app.config.catalog);
    let chosen = given.and_then(|g| g.platform.clone());
    html! {
        form method="get" action=(format!("{}incident", app.guard.base())) {
            fieldset {
                legend { "What happened?" }
                div.choices {
                    @for (i, (k, id)) in KINDS.iter().enumerate() {
                        label {
                            input type="radio" name="kind" value=(id)
                                checked[kind == Some(*k) || (kind.is_none() && i == 0)];
                            (k.label())
                        }
                    }
                }
            }
            div.field {
                label for="platform" { "Where is it?" }
                select #platform name="platform" {
                    option value="" { "Somewhere else, or not sure" }
                    @for c in platforms {
                        option value=(c.id) selected[chosen.as_deref() == Some(c.id.as_str())] { (t(&c.name)) }
                    }
                }
            }
            fieldset {
                legend { "Who do you think is behind it?" }
                div.choices {
                    @for (r, id, label) in RESPONSIBLE {
                        label {
                            input type="radio" name="who" value=(id)
                                checked[who == Some(r) || (who.is_none() && r == Responsible::Unknown)];
                            (label)
                        }
                    }
                }
            }
            div.choices {
                label {
                    input type="checkbox" name="threats" value="yes" checked[given.is_some_and(|g| g.threats_or_sexual)];
                    "It has threats, hate, sexual content, or it keeps coming from someone anonymous"
                }
                label {
                    input type="checkbox" name="colleague" value="yes" checked[given.is_some_and(|g| g.for_colleague)];
                    "I am the safeguarding lead, acting for a colleague"
                }
            }
            div.field {
                label for="url" { "The address of the post or account (optional)" }
                span.hint #url-hint { "Copy it from your browser's address bar." }
                input #url type="text" name="url" aria-describedby="url-hint" spellcheck="false"
                    value=(given.and_then(|g| g.url.clone()).unwrap_or_default());
            }
            div.field {
                label for="username" { "The username behind it (optional)" }
                input #username type="text" name="username" spellcheck="false"
                    value=(given.and_then(|g| g.handle.clone()).unwrap_or_default());
            }
            div.buttons {
                button.primary type="submit" { "Show me the steps" }
            }
        }
    }
}

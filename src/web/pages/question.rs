//! The questions the audit asks, one page each: which apps you use, a setting (where it
//! is, what to choose, why, the safe answer first and marked), a yes/no, and "Is this
//! you?" with the evidence. Back, Skip and "Save and finish later" are buttons of the same
//! form; the page in between says how the checks are going.

use maud::{Markup, html};

use findable::catalog::{Check, SafeAnswer, Setting};
use findable::checklist::{Answer, Position};
use findable::render::page::{link, link_and_address, text as t};

use super::{hidden, layout, progress};
use crate::web::state::{App, Part, Question, Running};

/// The page for what the running audit is doing now.
pub fn page(app: &App, running: &Running) -> String {
    let Some(pending) = &running.pending else {
        return waiting(app, running.part);
    };
    let id = pending.id;
    let (title, body) = match &pending.question {
        Question::Platforms { platforms, ticked } => {
            ("Your apps", platforms_form(app, id, platforms, ticked))
        }
        Question::Setting {
            check,
            setting,
            position,
            previous,
        } => match find(app, check, setting) {
            Some((check, setting)) => (
                "Your settings",
                setting_form(app, id, check, setting, *position, *previous),
            ),
            None => (
                "Your settings",
                html! { p { "This question is no longer in findable's checks." } },
            ),
        },
        Question::Gate { question, previous } => {
            let body = yes_no(
                app,
                id,
                html! { h1 { (t(question)) } },
                ["Yes", "No"],
                *previous,
                true,
            );
            ("A quick question", body)
        }
        Question::More { check, count } => {
            let name = check_name(app, check);
            let heading = html! {
                h1 { "That's the essentials for " (t(&name)) }
                p { "Go through its " (count) " other settings too? That takes about " (minutes(*count)) "." }
            };
            (
                "More settings",
                yes_no(app, id, heading, ["Yes, now", "No, move on"], None, true),
            )
        }
        Question::Skipped { check, count } => {
            let name = check_name(app, check);
            let heading = html! {
                h1 { "You skipped " (t(&name)) }
                p { "Go through it now? It has " (count) " questions, about " (minutes(*count)) "." }
            };
            let labels = ["Yes", "No: leave it on my report as not checked yet"];
            (
                "A skipped app",
                yes_no(app, id, heading, labels, None, true),
            )
        }
        Question::Review {
            item,
            number,
            total,
        } => ("Is this you?", review_form(app, id, item, *number, *total)),
    };
    let main = html! {
        @if let Some(said) = &running.said {
            p.said role="status" { (t(said)) }
        }
        (body)
        (progress(app, false))
    };
    layout(app, title, main)
}

fn find<'a>(app: &'a App, check: &str, setting: &str) -> Option<(&'a Check, &'a Setting)> {
    let check = app.config.catalog.get(check)?;
    let setting = check.settings.iter().find(|s| s.id == setting)?;
    Some((check, setting))
}

fn check_name(app: &App, id: &str) -> String {
    app.config
        .catalog
        .get(id)
        .map_or_else(|| id.to_string(), |c| c.name.clone())
}

/// "about 3 minutes" for `count` questions.
fn minutes(count: usize) -> String {
    match (Position {
        number: 1,
        total: count,
    })
    .minutes_left()
    {
        1 => "a minute".to_string(),
        n => format!("{n} minutes"),
    }
}

fn action(app: &App) -> String {
    format!("{}answer", app.guard.base())
}

/// The buttons that go with every question: Back and "Save and finish later".
fn back_and_later(back: bool) -> Markup {
    html! {
        @if back { button type="submit" name="do" value="back" formnovalidate { "Back" } }
        button type="submit" name="do" value="quit" formnovalidate { "Save and finish later" }
    }
}

fn platforms_form(app: &App, id: u64, platforms: &[(String, String)], ticked: &[bool]) -> Markup {
    html! {
        h1 { "Which of these do you use?" }
        p { "Tick every app and site you have an account on, even one you hardly use. findable then asks about the settings that matter on each, the riskiest first." }
        form method="post" action=(action(app)) {
            (hidden(app, Some(id)))
            fieldset {
                legend { "Apps and sites you use" }
                ul.ticks {
                    @for (i, (check, name)) in platforms.iter().enumerate() {
                        li {
                            label {
                                input type="checkbox" name="use" value=(check) checked[ticked.get(i).copied().unwrap_or(false)];
                                (t(name))
                            }
                        }
                    }
                }
            }
            div.buttons {
                button.primary type="submit" name="do" value="answer" { "Continue" }
                (back_and_later(false))
            }
        }
    }
}

/// The answer choices, the safe one first and marked, as the terminal offers them.
fn choices(setting: &Setting) -> [(Answer, String); 4] {
    let (safe, open) = match setting.safe_answer {
        SafeAnswer::Yes => (Answer::Yes, Answer::No),
        SafeAnswer::No => (Answer::No, Answer::Yes),
    };
    [
        (safe, format!("{} ✓ the safe setting", safe.label())),
        (open, format!("{} ✗ needs changing", open.label())),
        (
            Answer::NotSure,
            "Not sure (counts as open until you check)".into(),
        ),
        (Answer::NotUsed, "I don't use this".into()),
    ]
}

pub fn answer_value(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::NotSure => "not-sure",
        Answer::NotUsed => "not-used",
    }
}

fn setting_form(
    app: &App,
    id: u64,
    check: &Check,
    setting: &Setting,
    position: Position,
    previous: Option<Answer>,
) -> Markup {
    let left = match position.minutes_left() {
        1 => "about a minute left".to_string(),
        n => format!("about {n} minutes left"),
    };
    let help = format!("{} help: {}", check.name.trim(), setting.label.trim());
    html! {
        p.step {
            strong { (t(&check.name)) } " · Question " (position.number) " of " (position.total) " · " (left)
        }
        progress.steps max=(position.total.max(1)) value=(position.number.saturating_sub(1))
            aria-label="Questions answered" { (position.number.saturating_sub(1)) " of " (position.total) }
        form method="post" action=(action(app)) {
            (hidden(app, Some(id)))
            fieldset {
                legend { h1 { (t(&setting.question)) } }
                dl {
                    dt { "Setting" } dd { (t(&setting.label)) }
                    dt { "Where" } dd { (t(&setting.location)) }
                    dt { "Choose" } dd { (t(&setting.recommended)) }
                    dt { "Why" } dd { (t(&setting.risk)) }
                    dt { "Help" } dd {
                        (link(&setting.help_url, &help))
                        @if let Some(url) = &setting.settings_url {
                            br; (link(url, &format!("Go to the setting on {}", check.name.trim())))
                        }
                    }
                }
                @if !setting.verified {
                    p.note { "Some of " (t(&check.name)) "'s menus may look different: not every path could be checked against its own help pages." }
                }
                div.choices {
                    @for (answer, label) in choices(setting) {
                        label {
                            input type="radio" name="answer" value=(answer_value(answer))
                                checked[previous == Some(answer)] required;
                            (label)
                        }
                    }
                }
            }
            div.buttons {
                button.primary type="submit" name="do" value="answer" { "Save and continue" }
                (back_and_later(true))
                button type="submit" name="do" value="skip" formnovalidate {
                    "Skip " (t(&check.name)) " for now"
                }
            }
        }
    }
}

fn yes_no(
    app: &App,
    id: u64,
    heading: Markup,
    labels: [&str; 2],
    previous: Option<bool>,
    back: bool,
) -> Markup {
    // The answer given before is the one to press again; else the first.
    let primary = |yes: bool| previous.map_or(yes, |p| p == yes);
    html! {
        (heading)
        form method="post" action=(action(app)) {
            (hidden(app, Some(id)))
            div.buttons {
                @for (value, label) in [("yes", labels[0]), ("no", labels[1])] {
                    button class=[primary(value == "yes").then_some("primary")]
                        type="submit" name="do" value=(value) { (label) }
                }
                (back_and_later(back))
            }
        }
    }
}

fn review_form(
    app: &App,
    id: u64,
    item: &findable::checklist::ReviewItem,
    number: usize,
    total: usize,
) -> Markup {
    html! {
        p.step { "Result " (number) " of " (total) }
        h1 { "Is this you?" }
        div.card {
            h2 { (t(&item.title)) }
            p { (link_and_address(&item.url, "Open it (in a private window, to see what a pupil sees)")) }
            dl {
                dt { "Why it came up" } dd { (t(&item.why)) }
                @if !item.evidence.is_empty() {
                    dt { "What it shows" }
                    dd { ul { @for line in &item.evidence { li { (t(line)) } } } }
                }
            }
        }
        form method="post" action=(action(app)) {
            (hidden(app, Some(id)))
            div.buttons {
                button.primary type="submit" name="do" value="mine" { "Yes, this is me" }
                button type="submit" name="do" value="not-mine" { "No, someone else" }
                button type="submit" name="do" value="not-sure" { "Not sure" }
                button type="submit" name="do" value="stop" { "Stop reviewing" }
            }
        }
    }
}

/// Nothing to ask right now: the checks are running. The page moves on by itself with
/// the script; without it, Refresh does.
fn waiting(app: &App, part: Part) -> String {
    let base = app.guard.base();
    let counts = app.counts();
    let over = counts.profiles_over && (counts.searches_over || counts.searches.is_none());
    let (heading, said) = match part {
        // The checks have all answered: only the last of what they found is being sorted.
        Part::Walk | Part::Review | Part::Finishing if over => (
            "Nearly there",
            "The checks are done. findable is sorting what they found: anything that might be you will be asked about here.",
        ),
        Part::Walk | Part::Review => (
            "Checking what a pupil could find",
            "That's your settings done. findable is finishing the checks; anything that might be you will be asked about here.",
        ),
        Part::Saved => (
            "Your answers are saved",
            "You can carry on with the questions later, here or in the terminal. findable is finishing the checks, then shows your report with what you have answered so far.",
        ),
        Part::Finishing => (
            "Nearly there",
            "Nothing more to ask. findable is finishing the checks, then shows your report.",
        ),
    };
    let main = html! {
        h1 { (heading) }
        p { (said) }
        (progress(app, true))
        div.buttons {
            a.button.primary href=(base) { "Refresh" }
            form.inline method="post" action=(format!("{base}stop")) {
                (hidden(app, None))
                button type="submit" { "Stop the checks and show my report" }
            }
        }
    };
    layout(app, heading, main)
}

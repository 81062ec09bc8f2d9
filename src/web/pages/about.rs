//! "About you": who is audited, as a form with the same fields and the same validation as
//! the command line's flags. A mistake is said in the library's own words beside the field
//! it is about, and everything typed is kept.

use maud::{Markup, html};

use findable::subject::{SubjectError, SubjectInput};

use super::{hidden, layout};
use crate::web::state::App;

/// The form as typed. Lists are one entry per line (commas work too).
#[derive(Debug, Clone, Default)]
pub struct AboutForm {
    pub name: String,
    pub title: String,
    pub school: String,
    pub town: String,
    pub other_names: String,
    pub nicknames: String,
    pub usernames: String,
    /// What is wrong, and the field it is about (`None` for the form as a whole).
    pub problem: Option<(Option<&'static str>, String)>,
}

impl AboutForm {
    /// The form from its posted fields.
    pub fn from_fields(fields: &[(String, String)]) -> Self {
        let get = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        Self {
            name: get("name"),
            title: get("title"),
            school: get("school"),
            town: get("town"),
            other_names: get("other_names"),
            nicknames: get("nicknames"),
            usernames: get("usernames"),
            problem: None,
        }
    }

    /// What the command line's flags would hold for the same answers.
    pub fn to_input(&self) -> SubjectInput {
        let one = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let many = |s: &str| {
            s.split(['\n', ','])
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        };
        SubjectInput {
            // Left empty, the name is still given, so the message is about an empty name.
            name: Some(self.name.trim().to_string()),
            other_names: many(&self.other_names),
            nicknames: many(&self.nicknames),
            usernames: many(&self.usernames),
            title: one(&self.title),
            school: one(&self.school),
            town: one(&self.town),
            ..SubjectInput::default()
        }
    }

    /// Notes `error` against the field it is about.
    pub fn with_error(mut self, error: &SubjectError) -> Self {
        self.problem = Some((Some(field_of(error)), form_message(error)));
        self
    }
}

/// `error` in the words of the form rather than the command line's flags.
fn form_message(error: &SubjectError) -> String {
    match error {
        SubjectError::MissingName | SubjectError::EmptyName { .. } => {
            "Please give your name as used at work, for example Jane Smith.".into()
        }
        SubjectError::OnlyInitials { value, .. } => format!(
            "“{value}” is only initials: please give your first name and surname, for example Jane Smith."
        ),
        SubjectError::NoLetters { value, .. } => format!("“{value}” has no letters in it."),
        SubjectError::Unprintable { value, .. } => format!(
            "“{value}” holds an invisible formatting character: please type it as it is written."
        ),
        SubjectError::TooMany { count, max, .. } => {
            format!("{count} given here; at most {max}, please.")
        }
        SubjectError::TooLong { len, max, .. } => {
            format!("This is too long ({len} characters; at most {max}).")
        }
        other => other.to_string(),
    }
}

/// The form field a validation error is about.
fn field_of(error: &SubjectError) -> &'static str {
    let by_flag = |flag: &str| match flag {
        "--other-name" => "other_names",
        "--nickname" => "nicknames",
        "--username" => "usernames",
        "--school" => "school",
        "--town" => "town",
        _ => "name",
    };
    match error {
        SubjectError::EmptyName { field }
        | SubjectError::OnlyInitials { field, .. }
        | SubjectError::NoLetters { field, .. }
        | SubjectError::Unprintable { field, .. }
        | SubjectError::TooMany { field, .. }
        | SubjectError::TooLong { field, .. } => by_flag(field),
        SubjectError::Username(..) => "usernames",
        SubjectError::Title(_) => "title",
        _ => "name",
    }
}

struct Field {
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    /// Several lines: a list.
    list: bool,
    autocomplete: &'static str,
}

const FIELDS: [Field; 7] = [
    Field {
        id: "name",
        label: "Your name, as used at work",
        hint: "Your first name and surname, for example Jane Smith.",
        list: false,
        autocomplete: "name",
    },
    Field {
        id: "title",
        label: "How pupils address you (optional)",
        hint: "Mr, Mrs, Ms, Miss, Mx, Dr… findable also tries the titles pupils mix up.",
        list: false,
        autocomplete: "honorific-prefix",
    },
    Field {
        id: "school",
        label: "Your school (optional)",
        hint: "Pupils search your name with it.",
        list: false,
        autocomplete: "organization",
    },
    Field {
        id: "town",
        label: "The town you live or work in (optional)",
        hint: "",
        list: false,
        autocomplete: "address-level2",
    },
    Field {
        id: "other_names",
        label: "Other names (optional)",
        hint: "A maiden, partner's or previous surname, or another full name. One per line.",
        list: true,
        autocomplete: "off",
    },
    Field {
        id: "nicknames",
        label: "Names friends call you (optional)",
        hint: "For example Lizzie. One per line.",
        list: true,
        autocomplete: "off",
    },
    Field {
        id: "usernames",
        label: "Usernames you use (optional)",
        hint: "One per line. Put the app first if you like: instagram:janesmith84",
        list: true,
        autocomplete: "off",
    },
];

impl AboutForm {
    fn value(&self, id: &str) -> &str {
        match id {
            "name" => &self.name,
            "title" => &self.title,
            "school" => &self.school,
            "town" => &self.town,
            "other_names" => &self.other_names,
            "nicknames" => &self.nicknames,
            _ => &self.usernames,
        }
    }
}

pub fn page(app: &App, form: &AboutForm) -> String {
    let error_for = |id: &str| match &form.problem {
        Some((Some(field), message)) if *field == id => Some(message.as_str()),
        _ => None,
    };
    let main = html! {
        h1 { "See what a pupil could find about you" }
        p {
            "findable checks which usernames a pupil would try have a public profile, runs the \
             searches a pupil would, and goes through your privacy settings with you, one app \
             at a time. It takes about ten minutes. Your answers are saved as you go, so you \
             can stop and carry on later."
        }
        @if let Some((field, message)) = &form.problem {
            div.error-summary role="alert" aria-labelledby="problem-h" {
                h2 #problem-h { "There is a problem" }
                p {
                    @match field {
                        Some(id) => a href=(format!("#{id}")) { (message) },
                        None => (message),
                    }
                }
            }
        }
        form method="post" action=(format!("{}start", app.guard.base())) {
            (hidden(app, None))
            h2 { "About you" }
            @for f in &FIELDS {
                (field(f, form.value(f.id), error_for(f.id)))
            }
            div.buttons {
                button.primary type="submit" { "Start" }
            }
        }
    };
    layout(app, "About you", main)
}

fn field(f: &Field, value: &str, error: Option<&str>) -> Markup {
    let hint_id = format!("{}-hint", f.id);
    let error_id = format!("{}-error", f.id);
    let mut described = Vec::new();
    if !f.hint.is_empty() {
        described.push(hint_id.clone());
    }
    if error.is_some() {
        described.push(error_id.clone());
    }
    let described = (!described.is_empty()).then(|| described.join(" "));
    let invalid = error.map(|_| "true");
    html! {
        div.field {
            label for=(f.id) { (f.label) }
            @if !f.hint.is_empty() { span.hint id=(hint_id) { (f.hint) } }
            @if let Some(message) = error { span.error id=(error_id) { (message) } }
            @if f.list {
                textarea id=(f.id) name=(f.id) rows="3" aria-describedby=[described]
                    aria-invalid=[invalid] autocomplete=(f.autocomplete) { (value) }
            } @else {
                input type="text" id=(f.id) name=(f.id) value=(value) aria-describedby=[described]
                    aria-invalid=[invalid] autocomplete=(f.autocomplete)
                    required[f.id == "name"] spellcheck="false";
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lines_or_commas_and_errors_find_their_field() {
        let form = AboutForm {
            name: "  Jane Smith ".into(),
            usernames: "janesmith84\r\ninstagram:jane.s, tiktok:js\n\n".into(),
            other_names: "Jones".into(),
            ..AboutForm::default()
        };
        let input = form.to_input();
        assert_eq!(input.name.as_deref(), Some("Jane Smith"));
        assert_eq!(
            input.usernames,
            ["janesmith84", "instagram:jane.s", "tiktok:js"]
        );
        assert_eq!(input.title, None);
        let bad = AboutForm {
            usernames: "jane smith".into(),
            ..form
        };
        let error = bad.to_input().validate(2026).expect_err("a space");
        assert_eq!(field_of(&error), "usernames");
        assert_eq!(
            error.to_string(),
            "username \"jane smith\" is not valid: usernames cannot contain spaces"
        );
    }

    #[test]
    fn form_errors_never_name_a_command_line_flag() {
        for name in ["", "J", "123", "Jane\u{202e} Smith"] {
            let form = AboutForm {
                name: name.into(),
                ..AboutForm::default()
            };
            let error = form.to_input().validate(2026).expect_err(name);
            let message = form_message(&error);
            assert!(!message.contains("--"), "{name:?}: {message}");
            assert_eq!(field_of(&error), "name");
        }
    }
}

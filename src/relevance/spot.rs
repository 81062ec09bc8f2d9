//! Where a person's name turns up in a piece of a page: their full name in any of its forms,
//! or only title and surname ("Miss Smith"). No typo allowance: on the school's own website
//! a name one letter off is somebody else.

use super::names::{self, Form, NameForm, TitleForm};
use super::text::words;
use crate::subject::Subject;
use crate::variants::Variants;

/// One name found: the form that matched, as the variants write it ("Jane Smith").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub shown: String,
}

/// Finds one person's names in text; build once per person.
pub struct Spotter {
    names: Vec<NameForm>,
    titles: Vec<TitleForm>,
}

impl Spotter {
    pub fn new(subject: &Subject, variants: &Variants) -> Self {
        let (names, titles) = names::forms(subject, variants);
        Self { names, titles }
    }

    /// Their full name in `text`, the heaviest form first.
    pub fn full_name(&self, text: &str) -> Option<Spot> {
        first(&self.names, text)
    }

    /// Their title and surname in `text` ("Miss Smith", "Mrs J. Smith").
    pub fn title_name(&self, text: &str) -> Option<Spot> {
        first(&self.titles, text)
    }
}

fn first(forms: &[impl Form], text: &str) -> Option<Spot> {
    let words = words(text);
    forms
        .iter()
        .find(|form| form.spans(&words).iter().any(|s| !s.typo))
        .map(|form| Spot {
            shown: form.label().shown().to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::SubjectInput;

    fn spotter(name: &str, title: &str) -> Spotter {
        let subject = SubjectInput {
            name: Some(name.into()),
            title: Some(title.into()),
            ..SubjectInput::default()
        }
        .validate(2026)
        .expect("subject");
        Spotter::new(&subject, &Variants::generate(&subject))
    }

    #[test]
    fn full_names_short_forms_and_title_forms() {
        let s = spotter("Elizabeth O'Brien-Smith", "Ms");
        let shown = |text: &str| s.full_name(text).map(|spot| spot.shown);
        assert_eq!(
            shown("Mrs Elizabeth O'Brien-Smith, Head of Year 7").as_deref(),
            Some("Elizabeth O'Brien-Smith")
        );
        assert_eq!(
            shown("Liz OBrien Smith").as_deref(),
            Some("Liz O'Brien-Smith")
        );
        assert_eq!(
            shown("images/staff/elizabeth-obrien-smith.jpg").as_deref(),
            Some("Elizabeth O'Brien-Smith")
        );
        assert_eq!(
            shown("Elizabteh O'Brien-Smith"),
            None,
            "no typos on the school's site"
        );
        assert_eq!(shown("Ms O'Brien-Smith's class"), None);
        assert_eq!(
            s.title_name("Well done to Ms O'Brien-Smith's class")
                .map(|x| x.shown)
                .as_deref(),
            Some("Ms O'Brien-Smith")
        );
        assert!(
            s.title_name("Mrs K. O'Brien-Smith").is_none(),
            "another initial"
        );
    }
}

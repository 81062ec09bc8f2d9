//! Name variants: from a [`Subject`], every name a pupil might type into a search box and
//! every username they might try. Each variant says which rule made it and how much it
//! weighs (how likely a pupil tries it times how surely it points at this person).

mod forms;
pub mod impersonation;
mod names;
pub mod nicknames;
pub mod parse;
pub mod titles;
mod usernames;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::subject::Subject;
use forms::Forms;
pub use nicknames::NicknameTable;

/// One name or username, with where it came from and how much it weighs (0..=1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub text: String,
    pub source: String,
    pub weight: f64,
}

/// Both lists, each deduplicated, heaviest first, in a deterministic order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Variants {
    pub names: Vec<Variant>,
    pub usernames: Vec<Variant>,
}

impl Variants {
    /// Every variant for `subject`, using the built-in nickname table.
    pub fn generate(subject: &Subject) -> Self {
        Self::generate_with(subject, NicknameTable::builtin())
    }

    pub fn generate_with(subject: &Subject, table: &NicknameTable) -> Self {
        let forms = Forms::build(subject, table);
        Self {
            names: finish(names::generate(&forms, subject), |v| v.to_lowercase()),
            usernames: finish(usernames::generate(&forms, subject), |v| v.to_lowercase()),
        }
    }

    /// Keeps the `max` heaviest of each list.
    pub fn truncated(mut self, max: usize) -> Self {
        self.names.truncate(max);
        self.usernames.truncate(max);
        self
    }
}

/// Sorts heaviest first (ties by text, then source, so output never depends on hash
/// order) and keeps the first of each `key`.
fn finish(mut list: Vec<Variant>, key: impl Fn(&str) -> String) -> Vec<Variant> {
    for v in &mut list {
        v.weight = (v.weight.clamp(0.0, 1.0) * 1000.0).round() / 1000.0;
    }
    list.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.text.cmp(&b.text))
            .then_with(|| a.source.cmp(&b.source))
    });
    let mut seen = HashSet::new();
    list.retain(|v| seen.insert(key(&v.text)));
    list
}

/// Joins the notes on how a variant was reached into its `source` text.
fn describe(rule: &str, notes: &[&str]) -> String {
    let notes: Vec<&str> = notes.iter().copied().filter(|n| !n.is_empty()).collect();
    if notes.is_empty() {
        rule.to_string()
    } else {
        format!("{rule} ({})", notes.join("; "))
    }
}

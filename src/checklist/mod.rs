//! The checklist walkthrough: the settings a logged-out tool cannot see, asked one by one
//! with where to find each and why it matters. Essentials first, one platform at a time;
//! the questions come from the check files, the answers are data, and a [`Prompter`] is the
//! only thing that talks to a person.

mod answers;
mod order;
pub mod saved;
pub mod summary;
#[cfg(test)]
mod tests;
mod walk;

pub use answers::{Answer, Answers, AnswersError, AnswersFormat, Person, Review};
pub use order::{
    GENERAL, Item, Section, is_general, items, open_settings, platforms, printable, skipped, steps,
};
pub use walk::{change, review, walk};

use crate::catalog::{Check, Gate, SafeAnswer, Setting};

/// One question: a setting of a check.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    pub check: &'a Check,
    pub setting: &'a Setting,
}

/// What the person chose at one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Answer(Answer),
    Back,
    SkipPlatform,
    Quit,
}

/// What the person chose at a yes/no question ("does this apply to you?", "more
/// settings?", "go through it now?").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YesNo {
    Yes,
    No,
    Back,
    Quit,
}

/// How the walkthrough ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Finished,
    Quit,
}

/// Where a question sits in the walkthrough: number `number` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub number: usize,
    pub total: usize,
}

/// About how long a question takes a teacher to read, find in the app and answer.
pub const SECONDS_PER_QUESTION: usize = 20;

impl Position {
    /// Questions left, this one included.
    pub fn left(self) -> usize {
        self.total.saturating_sub(self.number) + 1
    }

    /// About how many minutes the questions left take, at least 1.
    pub fn minutes_left(self) -> usize {
        (self.left() * SECONDS_PER_QUESTION).div_ceil(60).max(1)
    }
}

/// A yes/no question the walkthrough asks besides the settings.
#[derive(Debug, Clone, Copy)]
pub enum Offer<'a> {
    /// Does the check behind this gate apply to you?
    Gate(&'a Gate),
    /// Go through the `count` other settings of this platform now?
    More { check: &'a Check, count: usize },
    /// You skipped this platform: go through its `count` questions now?
    Skipped { check: &'a Check, count: usize },
}

/// Something that can ask questions: a terminal, a web page, or a script in tests.
/// Ctrl-C or Esc at any question is an `Interrupted` error: the person wants to stop now.
pub trait Prompter {
    /// Which platforms the person uses; `defaults` are pre-ticked. `None` means quit.
    fn choose_platforms(
        &mut self,
        platforms: &[&Check],
        defaults: &[bool],
    ) -> std::io::Result<Option<Vec<usize>>>;
    /// One setting's question; `previous` is the answer given before, when going back.
    fn ask(
        &mut self,
        step: &Step,
        position: Position,
        previous: Option<Answer>,
    ) -> std::io::Result<Choice>;
    /// A yes/no question; `previous` as for [`Prompter::ask`].
    fn offer(&mut self, offer: &Offer, previous: Option<bool>) -> std::io::Result<YesNo>;
    /// "Is this you?" for one hit. `None` means stop reviewing.
    fn review(
        &mut self,
        item: &ReviewItem,
        number: usize,
        total: usize,
    ) -> std::io::Result<Option<Review>>;
}

/// A search result or profile the person should look at and claim or dismiss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub url: String,
    pub title: String,
    /// Why findable thinks it may be them, in plain words.
    pub why: String,
    /// What the page shows, one line each ("Name on the page: Jane Smith", the snippet).
    pub evidence: Vec<String>,
}

impl Answer {
    /// Whether this answer is the safe one for a setting whose safe answer is `safe`.
    pub fn is_safe(self, safe: SafeAnswer) -> bool {
        !self.is_open(safe)
    }
}

/// The one line said after an answer: whether anything needs changing, and what. Every
/// front end says the same (untrusted check text is left for it to clean).
pub fn feedback(setting: &Setting, answer: Answer) -> String {
    match answer {
        Answer::NotUsed => "Noted: nothing to change.".to_string(),
        Answer::NotSure => {
            "Noted: check it when you can; until then it counts as open.".to_string()
        }
        a if a.is_safe(setting.safe_answer) => "✓ Safe: nothing to change.".to_string(),
        _ => format!("✗ To change: {}", setting.recommended.trim()),
    }
}

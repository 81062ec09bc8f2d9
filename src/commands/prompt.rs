//! The terminal side of the walkthrough: dialoguer prompts that show where a setting is and
//! why it matters before asking, with the safe answer first and marked, one line of
//! feedback after each answer, and Back, Skip and Save-and-quit always on offer. Sized for
//! an 80x24 terminal. Esc or Ctrl-C at any prompt stops the run, keeping every answer.

use std::collections::HashSet;
use std::fmt;

use console::{Term, style};
use dialoguer::theme::{ColorfulTheme, Theme};
use dialoguer::{MultiSelect, Select};

use findable::catalog::{Check, SafeAnswer};
use findable::checklist::{
    Answer, Choice, Offer, Position, Prompter, Review, ReviewItem, Step, YesNo,
};

/// A line on what is going on in the background ("Checking profiles: 40 of 120"), shown
/// above each question; `None` when there is nothing to say.
pub type Status = Box<dyn Fn() -> Option<String> + Send>;

/// Asks on the terminal (stderr, so stdout stays clean for data).
pub struct TerminalPrompter {
    term: Term,
    theme: Marked,
    status: Option<Status>,
    /// Platforms whose "this menu may look different" note has been shown this run.
    cautioned: HashSet<String>,
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        Self {
            term: Term::stderr(),
            theme: Marked(ColorfulTheme::default()),
            status: None,
            cautioned: HashSet::new(),
        }
    }
}

impl TerminalPrompter {
    /// Shows `status` above every question, so the person sees the background work move.
    pub fn with_status(status: Status) -> Self {
        Self {
            status: Some(status),
            ..Self::default()
        }
    }

    fn write_status(&self) -> std::io::Result<()> {
        if let Some(line) = self.status.as_ref().and_then(|s| s()) {
            self.term.write_line(&format!("{}", style(line).dim()))?;
        }
        Ok(())
    }
}

/// The prompt's own I/O error, kind kept: Ctrl-C at a prompt is `Interrupted`, which the
/// audit session reads as the person stopping, not as a failure.
fn io_error(error: dialoguer::Error) -> std::io::Error {
    match error {
        dialoguer::Error::IO(e) => e,
    }
}

/// Text from check files and servers, safe to put on a terminal.
fn clean(s: &str) -> String {
    findable::render::escape::text(s).trim().to_string()
}

/// The answer choices of a setting's question, the safe one first and marked, so a run of
/// Enter presses never gives the unsafe answer by mistake.
fn choices(step: &Step) -> Vec<(String, Choice)> {
    let (safe, unsafe_) = match step.setting.safe_answer {
        SafeAnswer::Yes => (Answer::Yes, Answer::No),
        SafeAnswer::No => (Answer::No, Answer::Yes),
    };
    vec![
        (
            format!("{} ✓ the safe setting", safe.label()),
            Choice::Answer(safe),
        ),
        (
            format!("{} ✗ needs changing", unsafe_.label()),
            Choice::Answer(unsafe_),
        ),
        (
            "Not sure (counts as open until you check)".into(),
            Choice::Answer(Answer::NotSure),
        ),
        ("I don't use this".into(), Choice::Answer(Answer::NotUsed)),
        ("← Back to the previous question".into(), Choice::Back),
        (
            format!(
                "Skip {} for now (it comes back at the end)",
                clean(&step.check.name)
            ),
            Choice::SkipPlatform,
        ),
        ("Save and quit (carry on later)".into(), Choice::Quit),
    ]
}

/// Esc at a prompt: the person wants to stop now, as with Ctrl-C.
fn stopped() -> std::io::Error {
    std::io::Error::from(std::io::ErrorKind::Interrupted)
}

impl TerminalPrompter {
    fn wrapped(&self, heading: &str, value: &str) -> std::io::Result<()> {
        let options = textwrap::Options::new(78)
            .initial_indent(heading)
            .subsequent_indent("         ");
        for line in textwrap::wrap(&clean(value), options) {
            self.term.write_line(&line)?;
        }
        Ok(())
    }

    fn yes_no(&self, question: &str, labels: [&str; 2], default: usize) -> std::io::Result<YesNo> {
        let items = [
            labels[0],
            labels[1],
            "← Back to the previous question",
            "Save and quit (carry on later)",
        ];
        let picked = Select::with_theme(&self.theme)
            .with_prompt(question)
            .items(items)
            .default(default)
            .interact_on_opt(&self.term)
            .map_err(io_error)?;
        Ok(match picked {
            Some(0) => YesNo::Yes,
            Some(1) => YesNo::No,
            Some(2) => YesNo::Back,
            Some(_) => YesNo::Quit,
            None => return Err(stopped()),
        })
    }
}

impl Prompter for TerminalPrompter {
    fn choose_platforms(
        &mut self,
        platforms: &[&Check],
        defaults: &[bool],
    ) -> std::io::Result<Option<Vec<usize>>> {
        // The question, the list and its selection line fit the screen: the list pages.
        let rows = usize::from(self.term.size().0);
        let names: Vec<String> = platforms.iter().map(|c| clean(&c.name)).collect();
        let picked = MultiSelect::with_theme(&self.theme)
            .with_prompt("Which of these do you use? Space ticks, Enter when done")
            .items(&names)
            .defaults(defaults)
            .max_length(rows.saturating_sub(4).max(5))
            .interact_on_opt(&self.term)
            .map_err(io_error)?;
        picked.map(Some).ok_or_else(stopped)
    }

    fn ask(
        &mut self,
        step: &Step,
        position: Position,
        previous: Option<Answer>,
    ) -> std::io::Result<Choice> {
        let s = step.setting;
        let t = &self.term;
        t.write_line("")?;
        self.write_status()?;
        let left = match position.minutes_left() {
            1 => "about a minute left".to_string(),
            n => format!("about {n} minutes left"),
        };
        t.write_line(&format!(
            "{} · {} · {}",
            style(format!(
                "Question {} of {}",
                position.number, position.total
            ))
            .dim(),
            style(clean(&step.check.name)).bold(),
            style(left).dim()
        ))?;
        self.wrapped("Setting: ", &s.label)?;
        self.wrapped("Where:   ", &s.location)?;
        self.wrapped("Choose:  ", &s.recommended)?;
        self.wrapped("Why:     ", &s.risk)?;
        t.write_line(&format!("Help:    {}", clean(&s.help_url)))?;
        if let Some(url) = &s.settings_url {
            t.write_line(&format!("Go to:   {}", clean(url)))?;
        }
        if !s.verified && self.cautioned.insert(step.check.id.clone()) {
            let note = format!(
                "(The menus on {} may look different: not every path could be checked against its own help pages.)",
                clean(&step.check.name)
            );
            for line in textwrap::wrap(&note, 78) {
                t.write_line(&format!("{}", style(line).dim()))?;
            }
        }
        let choices = choices(step);
        let labels: Vec<&str> = choices.iter().map(|(l, _)| l.as_str()).collect();
        let default = previous
            .and_then(|p| choices.iter().position(|(_, c)| *c == Choice::Answer(p)))
            .unwrap_or(0);
        let picked = Select::with_theme(&self.theme)
            .with_prompt(clean(&s.question))
            .items(&labels)
            .default(default)
            .interact_on_opt(t)
            .map_err(io_error)?;
        let Some(choice) = picked.and_then(|i| choices.get(i)).map(|(_, c)| *c) else {
            return Err(stopped());
        };
        if let Choice::Answer(answer) = choice {
            let feedback = clean(&findable::checklist::feedback(s, answer));
            for line in textwrap::wrap(&feedback, 78) {
                t.write_line(&format!("{}", style(line).dim()))?;
            }
        }
        Ok(choice)
    }

    fn offer(&mut self, offer: &Offer, previous: Option<bool>) -> std::io::Result<YesNo> {
        self.term.write_line("")?;
        let minutes = |count: usize| {
            Position {
                number: 1,
                total: count,
            }
            .minutes_left()
        };
        match offer {
            Offer::Gate(gate) => {
                let default = usize::from(previous == Some(false));
                self.yes_no(&clean(&gate.question), ["Yes", "No"], default)
            }
            Offer::More { check, count } => {
                let question = format!(
                    "That's the essentials for {}. Go through its {count} other settings too (about {} min)?",
                    clean(&check.name),
                    minutes(*count)
                );
                self.yes_no(&question, ["Yes, now", "No, move on"], 1)
            }
            Offer::Skipped { check, count } => {
                let question = format!(
                    "You skipped {} ({count} questions, about {} min). Go through it now?",
                    clean(&check.name),
                    minutes(*count)
                );
                self.yes_no(
                    &question,
                    ["Yes", "No: leave it on my report as not checked yet"],
                    0,
                )
            }
        }
    }

    fn review(
        &mut self,
        item: &ReviewItem,
        number: usize,
        total: usize,
    ) -> std::io::Result<Option<Review>> {
        let t = &self.term;
        t.write_line("")?;
        self.write_status()?;
        t.write_line(&format!(
            "{} {}",
            style(format!("Result {number} of {total}:")).dim(),
            clean(&item.title)
        ))?;
        t.write_line(&clean(&item.url))?;
        self.wrapped("Why:     ", &item.why)?;
        for line in &item.evidence {
            self.wrapped("         ", line)?;
        }
        let options = [
            "Yes, this is me",
            "No, someone else",
            "Not sure",
            "Stop reviewing",
        ];
        let picked = Select::with_theme(&self.theme)
            .with_prompt("Is this you?")
            .items(options)
            .default(0)
            .interact_on_opt(t)
            .map_err(io_error)?;
        Ok(match picked {
            Some(0) => Some(Review::Mine),
            Some(1) => Some(Review::NotMine),
            Some(2) => Some(Review::NotSure),
            Some(_) => None,
            None => return Err(stopped()),
        })
    }
}

/// dialoguer's colourful theme with a cursor marker in lists of ticks too, so a person can
/// see which line Space will tick.
struct Marked(ColorfulTheme);

impl Theme for Marked {
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_prompt(f, prompt)
    }

    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        self.0.format_error(f, err)
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.0.format_select_prompt_item(f, text, active)
    }

    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> fmt::Result {
        self.0
            .format_multi_select_prompt_selection(f, prompt, selections)
    }

    fn format_multi_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        checked: bool,
        active: bool,
    ) -> fmt::Result {
        let marker = if active { "❯ " } else { "  " };
        write!(f, "{marker}")?;
        self.0
            .format_multi_select_prompt_item(f, text, checked, active)
    }
}

/// Puts the cursor back after a prompt cut short (Ctrl-C can leave it hidden), only on a
/// terminal: written to a file or a pipe it would be a stray escape code.
pub fn show_cursor() {
    let term = Term::stderr();
    if term.is_term() {
        let _ = term.show_cursor();
    }
}

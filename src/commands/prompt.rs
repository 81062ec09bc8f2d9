//! The terminal side of the walkthrough: dialoguer prompts that show where a setting is and
//! why it matters before asking, with Back, Skip and Save-and-quit always on offer.

use console::{Term, style};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{MultiSelect, Select};

use findable::catalog::Check;
use findable::checklist::{Answer, Choice, Prompter, Review, ReviewItem, Step};

/// A line on what is going on in the background ("Checking profiles: 40 of 120"), shown
/// above each question; `None` when there is nothing to say.
pub type Status = Box<dyn Fn() -> Option<String> + Send>;

/// Asks on the terminal (stderr, so stdout stays clean for data).
pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
    status: Option<Status>,
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        Self {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
            status: None,
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

const CHOICES: &[(&str, Choice)] = &[
    ("Yes", Choice::Answer(Answer::Yes)),
    ("No", Choice::Answer(Answer::No)),
    ("Not sure", Choice::Answer(Answer::NotSure)),
    ("I don't use this", Choice::Answer(Answer::NotUsed)),
    ("← Back to the previous question", Choice::Back),
    ("Skip this platform for now", Choice::SkipPlatform),
    ("Save and quit (carry on later)", Choice::Quit),
];

impl Prompter for TerminalPrompter {
    fn choose_platforms(
        &mut self,
        platforms: &[&Check],
        defaults: &[bool],
    ) -> std::io::Result<Option<Vec<usize>>> {
        self.term.write_line(&format!(
            "{}\n",
            style("Which of these do you use? Space to tick, Enter when done, Esc to quit.").bold()
        ))?;
        let names: Vec<String> = platforms.iter().map(|c| clean(&c.name)).collect();
        MultiSelect::with_theme(&self.theme)
            .items(&names)
            .defaults(defaults)
            .interact_on_opt(&self.term)
            .map_err(io_error)
    }

    fn ask(
        &mut self,
        step: &Step,
        number: usize,
        total: usize,
        _previous: Option<Answer>,
    ) -> std::io::Result<Choice> {
        let s = step.setting;
        let t = &self.term;
        t.write_line("")?;
        self.write_status()?;
        t.write_line(&format!(
            "{} · {} · {} priority",
            style(format!("Setting {number} of {total}")).dim(),
            style(clean(&step.check.name)).bold(),
            format!("{:?}", s.priority).to_lowercase()
        ))?;
        for (heading, value) in [
            ("Setting: ", &s.label),
            ("Where:   ", &s.location),
            ("Choose:  ", &s.recommended),
            ("Why:     ", &s.risk),
        ] {
            let options = textwrap::Options::new(78)
                .initial_indent(heading)
                .subsequent_indent("         ");
            for line in textwrap::wrap(&clean(value), options) {
                t.write_line(&line)?;
            }
        }
        if !s.verified {
            let note = "(This menu may look different: the path above could not be checked against the platform's own help pages.)";
            for line in textwrap::wrap(note, 78) {
                t.write_line(&format!("{}", style(line).dim()))?;
            }
        }
        t.write_line(&format!("Help:     {}", clean(&s.help_url)))?;
        let labels: Vec<&str> = CHOICES.iter().map(|(l, _)| *l).collect();
        let picked = Select::with_theme(&self.theme)
            .with_prompt(clean(&s.question))
            .items(&labels)
            .default(0)
            .interact_on_opt(t)
            .map_err(io_error)?;
        Ok(picked
            .and_then(|i| CHOICES.get(i))
            .map_or(Choice::Quit, |(_, c)| *c))
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
        t.write_line(&format!("Why findable showed it: {}", clean(&item.why)))?;
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
            _ => None,
        })
    }
}

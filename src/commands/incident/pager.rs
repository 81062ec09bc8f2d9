//! The steps one at a time in a terminal: the summary first, then a step for each press
//! of Enter, with "Step N of M" so the reader knows how far there is to go; q or Esc stops.
//! Each screen fits 80x24 (the render tests hold every step to that).

use anyhow::Result;
use console::{Key, Term, style};

use findable::incident::Guide;
use findable::render::incident::{step_text, summary_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Every step was shown.
    Finished,
    /// q or Esc: the reader has what they need for now.
    Stopped,
    /// Ctrl-C.
    Interrupted,
}

enum Press {
    Next,
    Stop,
    Interrupt,
}

/// Waits for a key that means something; anything else is ignored.
fn press(term: &Term) -> Result<Press> {
    loop {
        match term.read_key_raw()? {
            Key::Enter | Key::Char(' ' | 'n' | 'N') | Key::ArrowDown | Key::PageDown => {
                return Ok(Press::Next);
            }
            Key::Char('q' | 'Q') | Key::Escape => return Ok(Press::Stop),
            Key::CtrlC => return Ok(Press::Interrupt),
            _ => {}
        }
    }
}

/// Shows the summary, then each step when Enter is pressed.
pub fn show(guide: &Guide) -> Result<Ended> {
    let term = Term::stdout();
    term.write_str(&summary_text(guide))?;
    let total = guide.steps.len();
    for step in &guide.steps {
        let prompt = if step.number == 1 {
            format!("Press Enter for the steps, one at a time ({total} in all), or q to stop.")
        } else {
            format!("Enter: step {} of {total}    q: stop", step.number)
        };
        term.write_line("")?;
        term.write_str(&style(prompt).bold().to_string())?;
        let pressed = press(&term)?;
        term.clear_line()?;
        match pressed {
            Press::Next => term.write_str(&step_text(step, Some(total)))?,
            Press::Stop => {
                term.write_line(&format!(
                    "Stopped before step {} of {total}. To see them all at once, add --all.",
                    step.number
                ))?;
                return Ok(Ended::Stopped);
            }
            Press::Interrupt => {
                term.write_line("Stopped.")?;
                return Ok(Ended::Interrupted);
            }
        }
    }
    term.write_line("")?;
    term.write_line(&format!("That was the last of the {total} steps."))?;
    Ok(Ended::Finished)
}

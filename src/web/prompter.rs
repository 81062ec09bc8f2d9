//! The bridge between the audit session and the page: a [`Prompter`] whose every question
//! is put up for the page to show, then waits for the answer a form sends back. The audit
//! runs on a thread of its own ([`run`]), as it does in the terminal; only the asking
//! differs.

use std::sync::Arc;
use std::sync::mpsc::sync_channel;

use findable::audit::Session;
use findable::catalog::Check;
use findable::checklist::saved::Saved;
use findable::checklist::{
    Answer, Answers, Choice, Offer, Outcome, Position, Prompter, Review, ReviewItem, Step, YesNo,
};
use findable::report::Report;
use findable::store::Store;

use super::state::{App, Done, Part, Pending, Question, Reply, Stage};

struct WebPrompter {
    app: Arc<App>,
    next_id: u64,
}

/// What an ended wait looks like to the session: the person stopped (the page was closed
/// for good, Finish, or the server stopping), as Ctrl-C is in a terminal.
fn stopped() -> std::io::Error {
    std::io::Error::from(std::io::ErrorKind::Interrupted)
}

impl WebPrompter {
    /// Puts `question` up and waits for its answer.
    fn exchange(&mut self, question: Question) -> std::io::Result<Reply> {
        let (reply, answer) = sync_channel(1);
        self.next_id += 1;
        let id = self.next_id;
        let mut posted = false;
        self.app.update(|stage| {
            if let Stage::Running(running) = stage
                && !running.stopper.stopped()
            {
                running.pending = Some(Pending {
                    id,
                    question,
                    reply,
                });
                posted = true;
            }
        });
        if !posted {
            return Err(stopped());
        }
        answer.recv().map_err(|_| stopped())
    }
}

impl Prompter for WebPrompter {
    fn choose_platforms(
        &mut self,
        platforms: &[&Check],
        defaults: &[bool],
    ) -> std::io::Result<Option<Vec<usize>>> {
        let question = Question::Platforms {
            platforms: platforms
                .iter()
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect(),
            ticked: defaults.to_vec(),
        };
        match self.exchange(question)? {
            Reply::Platforms(chosen) => Ok(chosen),
            _ => Err(stopped()),
        }
    }

    fn ask(
        &mut self,
        step: &Step,
        position: Position,
        previous: Option<Answer>,
    ) -> std::io::Result<Choice> {
        let question = Question::Setting {
            check: step.check.id.clone(),
            setting: step.setting.id.clone(),
            position,
            previous,
        };
        match self.exchange(question)? {
            Reply::Choice(choice) => Ok(choice),
            _ => Err(stopped()),
        }
    }

    fn offer(&mut self, offer: &Offer, previous: Option<bool>) -> std::io::Result<YesNo> {
        let question = match offer {
            Offer::Gate(gate) => Question::Gate {
                question: gate.question.clone(),
                previous,
            },
            Offer::More { check, count } => Question::More {
                check: check.id.clone(),
                count: *count,
            },
            Offer::Skipped { check, count } => Question::Skipped {
                check: check.id.clone(),
                count: *count,
            },
        };
        match self.exchange(question)? {
            Reply::YesNo(choice) => Ok(choice),
            _ => Err(stopped()),
        }
    }

    fn review(
        &mut self,
        item: &ReviewItem,
        number: usize,
        total: usize,
    ) -> std::io::Result<Option<Review>> {
        let question = Question::Review {
            item: item.clone(),
            number,
            total,
        };
        match self.exchange(question)? {
            Reply::Review(verdict) => Ok(verdict),
            _ => Err(stopped()),
        }
    }
}

/// The audit from its first question to its report, on the calling thread: the
/// walkthrough, then "Is this you?", then the report once the checks have ended. Answers
/// are saved to the person's own file after every one, as in the terminal.
pub fn run(app: Arc<App>, mut session: Session, saved: Saved, preselected: Vec<String>) {
    let path = saved.path.clone();
    let mut save = |a: &Answers| a.save(&path).map_err(std::io::Error::other);
    let mut prompter = WebPrompter {
        app: app.clone(),
        next_id: 0,
    };
    let mut problem = None;
    let walked = session.walk(&preselected, &mut prompter, &mut save);
    let finished = match walked {
        Ok(outcome) => outcome == Outcome::Finished,
        Err(e) => {
            problem = Some(format!("Your answers could not be saved: {e}"));
            session.stop();
            false
        }
    };
    if finished {
        set_part(&app, Part::Review);
        if let Err(e) = session.review(&mut prompter, &mut save) {
            problem = Some(format!("Your answers could not be saved: {e}"));
            session.stop();
        }
    }
    set_part(
        &app,
        if finished {
            Part::Finishing
        } else {
            Part::Saved
        },
    );
    let uses = session.answers().and_then(|a| a.uses.clone());
    // A platform skipped and left so is still to go through, as the report says.
    let skipped = session.answers().is_some_and(|a| !a.skipped.is_empty());
    let answers = session.answers().cloned();
    let report = session.finish();
    let (report, not_saved) = save_in_history(&app, report, answers.as_ref());
    let problem = problem.or(not_saved);
    // Let go of the answers file before saying the report is ready: the terminal may be
    // used for the same person from now on.
    drop(saved);
    app.update(|stage| {
        if let Stage::Running(running) = stage {
            let subject = std::mem::take(&mut running.subject);
            *stage = Stage::Done(Box::new(Done {
                questions_left: !finished || skipped,
                subject,
                report,
                uses,
                problem,
                answers_file: path.clone(),
            }));
        }
    });
}

/// Saves the finished audit in the history, as the terminal does, and returns the report
/// with what changed since the person's last audit; if it cannot be saved, the report as
/// it was and why, to show on the page.
fn save_in_history(
    app: &App,
    report: Report,
    answers: Option<&Answers>,
) -> (Report, Option<String>) {
    let person = answers.and_then(|a| a.person.as_ref());
    let (Some(path), Some(person)) = (&app.config.history, person) else {
        return (report, None);
    };
    match Store::open(path).and_then(|mut store| store.save_audit(person, &report, answers)) {
        Ok(done) => (done.report, None),
        Err(e) => (
            report,
            Some(format!(
                "This audit could not be saved in your history: {e}"
            )),
        ),
    }
}

fn set_part(app: &App, part: Part) {
    app.update(|stage| {
        if let Stage::Running(running) = stage {
            running.part = part;
            running.pending = None;
        }
    });
}

//! What the page shows, kept between requests: the stage the teacher is at (who you are,
//! the audit running with the question it waits on, or the report), the background
//! progress from the audit's events, and when the page was last used. One teacher, one
//! audit at a time; everything lives in memory and goes when the server stops.

use std::path::PathBuf;
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use findable::audit::{AuditEvent, EventSink, Phase, Stopper};
use findable::checklist::{Answer, Choice, Position, Review, ReviewItem, YesNo};
use findable::evidence::ProbeStatus;
use findable::report::Report;
use findable::subject::Subject;

use super::Config;
use super::guard::Guard;
use super::pages::about::AboutForm;

/// The one server's state, shared by every request and the audit's own thread.
pub struct App {
    pub guard: Guard,
    pub config: Config,
    stage: Mutex<Stage>,
    /// Bumped whenever the page to show changes (a new question, the report), so a form
    /// can wait for the next page before sending the browser to it.
    page: watch::Sender<u64>,
    progress: Arc<Mutex<Counts>>,
    activity: Mutex<Instant>,
    /// Cancelled to stop the server: Finish, idle, or Ctrl-C.
    pub shutdown: CancellationToken,
    /// The audit's thread, joined when the server stops.
    pub worker: Mutex<Option<std::thread::JoinHandle<()>>>,
}

pub enum Stage {
    /// Who you are: the form, as typed, with what is wrong with it.
    About(AboutForm),
    Running(Running),
    Done(Box<Done>),
}

impl Stage {
    /// Whether the page for this stage is worth showing: a question is waiting, or there is
    /// nothing more to ask for now (the checks are running, or the report is ready).
    pub fn settled(&self) -> bool {
        match self {
            Stage::Running(running) => running.pending.is_some() || running.part != Part::Walk,
            _ => true,
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self, Stage::Running(_))
    }
}

/// An audit under way on its own thread.
pub struct Running {
    pub subject: Subject,
    pub stopper: Stopper,
    /// The question the audit waits on, if any.
    pub pending: Option<Pending>,
    pub part: Part,
    /// The line said after the last answer ("✓ Safe: nothing to change.").
    pub said: Option<String>,
}

/// Where the audit is when no question is waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The settings walkthrough.
    Walk,
    /// "Is this you?", asked as results come in.
    Review,
    /// The walkthrough was left for later: the checks finish, then the report.
    Saved,
    /// Nothing left to ask: the checks finish, then the report.
    Finishing,
}

/// A question the audit's thread is waiting on, and where to send the answer.
pub struct Pending {
    /// Changes with every question, so an answer sent from an old copy of the page is
    /// never taken for the answer to a newer question.
    pub id: u64,
    pub question: Question,
    pub reply: SyncSender<Reply>,
}

/// A question as the page shows it: owned, so it outlives the prompter's call.
#[derive(Debug, Clone)]
pub enum Question {
    /// Which platforms do you use? Check ids and names, and which are ticked already.
    Platforms {
        platforms: Vec<(String, String)>,
        ticked: Vec<bool>,
    },
    /// A setting of a check, by id.
    Setting {
        check: String,
        setting: String,
        position: Position,
        previous: Option<Answer>,
    },
    /// "Does this apply to you?"
    Gate {
        question: String,
        previous: Option<bool>,
    },
    /// "More settings for this platform?"
    More { check: String, count: usize },
    /// "You skipped this platform: go through it now?"
    Skipped { check: String, count: usize },
    /// "Is this you?"
    Review {
        item: ReviewItem,
        number: usize,
        total: usize,
    },
}

/// What the person chose, for the kind of question asked.
#[derive(Debug, Clone)]
pub enum Reply {
    Platforms(Option<Vec<usize>>),
    Choice(Choice),
    YesNo(YesNo),
    Review(Option<Review>),
}

/// The audit has ended: its report, and what the report page offers.
pub struct Done {
    pub subject: Subject,
    pub report: Report,
    /// The platforms the person said they use, for the printable checklist.
    pub uses: Option<Vec<String>>,
    /// Whether questions are left (the walkthrough was left for later or stopped).
    pub questions_left: bool,
    /// Something went wrong on the way (answers that could not be saved).
    pub problem: Option<String>,
    pub answers_file: PathBuf,
}

/// The background work so far, from the audit's events.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub profiles: Option<(usize, usize)>,
    pub found: usize,
    pub searches: Option<(usize, usize)>,
    pub results: usize,
    pub profiles_over: bool,
    pub searches_over: bool,
}

impl App {
    pub fn new(config: Config, guard: Guard) -> Self {
        Self {
            guard,
            config,
            stage: Mutex::new(Stage::About(AboutForm::default())),
            page: watch::channel(0).0,
            progress: Arc::default(),
            activity: Mutex::new(Instant::now()),
            shutdown: CancellationToken::new(),
            worker: Mutex::new(None),
        }
    }

    pub fn stage(&self) -> MutexGuard<'_, Stage> {
        self.stage.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Changes the stage and tells anyone waiting for the next page.
    pub fn update(&self, change: impl FnOnce(&mut Stage)) {
        change(&mut self.stage());
        self.page.send_modify(|v| *v += 1);
    }

    /// The number of the page to show now; it changes when the page does.
    pub fn page_version(&self) -> u64 {
        *self.page.borrow()
    }

    /// Waits (at most `limit`) until `ready` holds for the stage: after an answer, the
    /// browser is sent on once the next question is there, not before.
    pub async fn wait_until(&self, limit: Duration, ready: impl Fn(&Stage) -> bool) {
        let mut watch = self.page.subscribe();
        let _ = tokio::time::timeout(limit, async {
            loop {
                if ready(&self.stage()) || watch.changed().await.is_err() {
                    return;
                }
            }
        })
        .await;
    }

    pub fn counts(&self) -> Counts {
        self.progress
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The sink for the audit's events: counts only, quick and never blocking for long.
    pub fn sink(&self) -> EventSink {
        let progress = self.progress.clone();
        // A new audit starts from nothing.
        *progress.lock().unwrap_or_else(PoisonError::into_inner) = Counts::default();
        Arc::new(move |event: &AuditEvent| {
            let mut c = progress.lock().unwrap_or_else(PoisonError::into_inner);
            match event {
                AuditEvent::Started { phase, total } => match phase {
                    Phase::Profiles => c.profiles = Some((0, *total)),
                    Phase::Searches => c.searches = Some((0, *total)),
                },
                AuditEvent::Probe {
                    result,
                    done,
                    total,
                } => {
                    c.profiles = Some((*done, *total));
                    if result.status == ProbeStatus::Found {
                        c.found += 1;
                    }
                }
                AuditEvent::Search {
                    result,
                    done,
                    total,
                } => {
                    c.searches = Some((*done, *total));
                    c.results += result.results.len();
                }
                AuditEvent::Finished { phase, .. } => match phase {
                    Phase::Profiles => c.profiles_over = true,
                    Phase::Searches => c.searches_over = true,
                },
            }
        })
    }

    /// Someone used the page just now.
    pub fn touch(&self) {
        *self.activity.lock().unwrap_or_else(PoisonError::into_inner) = Instant::now();
    }

    /// How long since someone last used the page.
    pub fn idle_for(&self) -> Duration {
        self.activity
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .elapsed()
    }

    /// Stops whatever audit is running and lets go of the question it waits on, so its
    /// thread ends (every answer is saved already).
    pub fn stop_audit(&self) {
        self.update(|stage| {
            if let Stage::Running(running) = stage {
                running.stopper.stop();
                // Dropping the sender ends the prompter's wait as an interrupted prompt.
                running.pending = None;
            }
        });
    }
}

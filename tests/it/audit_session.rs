//! The audit session in the library, driven as a front end would: a scripted prompter
//! answers while fake platforms and a replayed search backend on 127.0.0.1 answer in the
//! background. The walkthrough never waits for the network, a stop at any point still
//! gives an honest partial report, and "Is this you?" comes when the answers are known.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use findable::Catalog;
use findable::audit::{Audit, AuditEvent, AuditRequest, EventSink, Phase};
use findable::catalog::Check;
use findable::checklist::{
    Answer, Answers, Choice, Offer, Outcome, Position, Prompter, Review, ReviewItem, Step, YesNo,
};
use findable::engine::EngineConfig;
use findable::engine::search::Backend;
use findable::plan::PlanOptions;
use findable::report::FindingKind;
use findable::subject::Subject;

use crate::support::fake_platforms::{Behaviour, FakePlatforms, PlatformSpec, users};
use crate::support::replay::Replay;

const MIXED: &str = include_str!("../../fixtures/search/searxng-mixed.json");

/// A prompter that plays a script and notes what it saw.
#[derive(Default)]
struct Script {
    /// Platforms to tick; `None` quits at the platform question.
    platforms: Option<Vec<usize>>,
    /// What to answer each setting, in turn; `Err` plays Ctrl-C at that question.
    answers: Vec<Result<Choice, ()>>,
    review: Option<Review>,
    /// Probe events seen by the time the first question was asked.
    probes_when_first_asked: Option<usize>,
    probes_seen: Arc<AtomicUsize>,
    reviewed: Vec<String>,
}

impl Prompter for Script {
    fn choose_platforms(
        &mut self,
        _: &[&Check],
        _: &[bool],
    ) -> std::io::Result<Option<Vec<usize>>> {
        self.probes_when_first_asked
            .get_or_insert(self.probes_seen.load(Ordering::SeqCst));
        Ok(self.platforms.clone())
    }

    fn offer(&mut self, _: &Offer, _: Option<bool>) -> std::io::Result<YesNo> {
        Ok(YesNo::No)
    }

    fn ask(&mut self, _: &Step, _: Position, _: Option<Answer>) -> std::io::Result<Choice> {
        if self.answers.is_empty() {
            return Ok(Choice::Quit);
        }
        self.answers
            .remove(0)
            .map_err(|()| std::io::Error::from(std::io::ErrorKind::Interrupted))
    }

    fn review(&mut self, item: &ReviewItem, _: usize, _: usize) -> std::io::Result<Option<Review>> {
        self.reviewed.push(item.url.clone());
        Ok(self.review)
    }
}

fn request(fake: &FakePlatforms, backend: Option<Backend>) -> AuditRequest {
    let catalog = Catalog::from_sources(fake.check_files()).expect("generated checks");
    AuditRequest {
        subject: Subject {
            name: "Jane Smith".into(),
            school: Some("Oakwood Academy".into()),
            town: Some("Leeds".into()),
            ..Subject::default()
        },
        catalog,
        sites: None,
        plan: PlanOptions {
            max_usernames: 3,
            max_queries: 2,
            seed: Some(1),
            ..PlanOptions::default()
        },
        backend,
        engine: EngineConfig {
            timeout: Duration::from_secs(60),
            system_proxy: false,
            ..EngineConfig::default()
        },
        answers: Some(Answers::default()),
        date: "2026-11-30".into(),
    }
}

/// Every event, and a counter of probe results for the prompter to read.
fn recorder() -> (EventSink, Arc<Mutex<Vec<AuditEvent>>>, Arc<AtomicUsize>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let probes = Arc::new(AtomicUsize::new(0));
    let (e, p) = (events.clone(), probes.clone());
    let sink: EventSink = Arc::new(move |event: &AuditEvent| {
        if matches!(event, AuditEvent::Probe { .. }) {
            p.fetch_add(1, Ordering::SeqCst);
        }
        e.lock().expect("events").push(event.clone());
    });
    (sink, events, probes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_question_comes_before_any_profile_answers_and_a_stop_is_honest() {
    let fake = FakePlatforms::start(vec![PlatformSpec::new("stuck", Behaviour::Hang)])
        .await
        .expect("fake platforms");
    let (sink, events, probes) = recorder();
    let audit = Audit::prepare(request(&fake, None)).expect("prepare");
    let planned = audit.plan().probes.len();
    let runtime = tokio::runtime::Handle::current();
    let report = tokio::task::spawn_blocking(move || {
        let mut session = audit.start(&runtime, sink);
        let mut script = Script {
            platforms: None,
            probes_seen: probes,
            ..Script::default()
        };
        let outcome = session
            .walk(&[], &mut script, &mut |_| Ok(()))
            .expect("walk");
        assert_eq!(outcome, Outcome::Quit);
        assert_eq!(
            script.probes_when_first_asked,
            Some(0),
            "asked before any profile answered"
        );
        assert!(!session.network_done(), "the checks were still running");
        session.stop();
        session.finish()
    })
    .await
    .expect("join");
    assert!(report.partial, "a stopped audit says it is partial");
    assert!(
        report.stats.profiles_checked < planned,
        "nothing was made up for the probes that never answered"
    );
    assert_eq!(
        report.stats.profiles_unknown, 0,
        "the stop ended the hanging requests instead of waiting for their timeout"
    );
    let events = events.lock().expect("events");
    assert!(matches!(
        events.first(),
        Some(AuditEvent::Started {
            phase: Phase::Profiles,
            ..
        })
    ));
    assert!(events.iter().any(|e| matches!(
        e,
        AuditEvent::Finished {
            phase: Phase::Profiles,
            stopped: true
        }
    )));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_in_the_walkthrough_keeps_the_answers_given_in_a_partial_report() {
    let fake = FakePlatforms::start(vec![PlatformSpec::new("stuck", Behaviour::Hang)])
        .await
        .expect("fake platforms");
    let (sink, _, probes) = recorder();
    let audit = Audit::prepare(request(&fake, None)).expect("prepare");
    let runtime = tokio::runtime::Handle::current();
    let saved = Arc::new(Mutex::new(None));
    let kept = saved.clone();
    let report = tokio::task::spawn_blocking(move || {
        let mut session = audit.start(&runtime, sink);
        let mut script = Script {
            platforms: Some(vec![0]),
            answers: vec![Ok(Choice::Answer(Answer::No)), Err(())],
            probes_seen: probes,
            ..Script::default()
        };
        let outcome = session
            .walk(&[], &mut script, &mut |a: &Answers| {
                *kept.lock().expect("saved") = Some(a.clone());
                Ok(())
            })
            .expect("Ctrl-C is not an error");
        assert_eq!(outcome, Outcome::Quit);
        assert!(
            session.stopped(),
            "Ctrl-C at a prompt stops the whole audit"
        );
        session.finish()
    })
    .await
    .expect("join");
    assert!(report.partial);
    assert_eq!(report.stats.settings_answered, 1);
    let action = report.actions.first().expect("the open setting");
    assert_eq!(action.your_answer, "no");
    let saved = saved.lock().expect("saved");
    assert_eq!(
        saved.as_ref().and_then(|a| a.uses.clone()),
        Some(vec!["stuck".to_string()]),
        "every answer was saved as it was given"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn is_this_you_covers_accounts_and_pages_and_a_dismissal_leaves_the_report() {
    let fake = FakePlatforms::start(vec![PlatformSpec::new(
        "fakegram",
        Behaviour::Normal {
            existing: users(&["janesmith"]),
        },
    )])
    .await
    .expect("fake platforms");
    let search = Replay::start(|_| {
        (
            200,
            vec![("content-type", "application/json".into())],
            MIXED.to_string(),
        )
    })
    .await
    .expect("search backend");
    let backend = Backend::SearXng {
        base: search.base.parse().expect("url"),
    };
    let (sink, events, probes) = recorder();
    let audit = Audit::prepare(request(&fake, Some(backend))).expect("prepare");
    let (planned, queries) = (audit.plan().probes.len(), audit.plan().queries.len());
    let runtime = tokio::runtime::Handle::current();
    let (report, reviewed) = tokio::task::spawn_blocking(move || {
        let mut session = audit.start(&runtime, sink);
        let mut script = Script {
            platforms: Some(vec![]),
            answers: vec![Ok(Choice::Answer(Answer::Yes)); 10],
            review: Some(Review::NotMine),
            probes_seen: probes,
            ..Script::default()
        };
        session
            .walk(&[], &mut script, &mut |_| Ok(()))
            .expect("walk");
        let outcome = session
            .review(&mut script, &mut |_| Ok(()))
            .expect("review");
        assert_eq!(outcome, Outcome::Finished);
        (session.finish(), script.reviewed)
    })
    .await
    .expect("join");
    assert!(!report.partial, "{report:?}");
    assert!(
        reviewed.iter().any(|u| u.contains("/janesmith")),
        "the account under a name-made username was asked about: {reviewed:?}"
    );
    assert!(
        reviewed
            .iter()
            .any(|u| u.starts_with("https://www.example.org/")),
        "a page with the name only was asked about: {reviewed:?}"
    );
    let unique: std::collections::HashSet<&String> = reviewed.iter().collect();
    assert_eq!(unique.len(), reviewed.len(), "nothing asked twice");
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::Profile),
        "the dismissed account is not in the report"
    );
    assert_eq!(report.stats.dismissed_by_you, reviewed.len());
    let events = events.lock().expect("events");
    let probe_events = events
        .iter()
        .filter(|e| matches!(e, AuditEvent::Probe { .. }))
        .count();
    let search_events = events
        .iter()
        .filter(|e| matches!(e, AuditEvent::Search { .. }))
        .count();
    assert_eq!(probe_events, planned);
    assert_eq!(search_events, queries);
}

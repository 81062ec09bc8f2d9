//! Every address of the app, under `/SECRET/`: pages are GETs that only read; a change
//! (start, an answer, stop, again, finish) is a POST from a form with the CSRF token, and
//! is answered with a redirect to the page, so a reload never sends anything twice.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use findable::audit::{Audit, AuditRequest};
use findable::checklist::saved::{self, SavedError};
use findable::checklist::{Answer, Choice, Person, Review, YesNo, feedback};
use findable::subject::Subject;

mod documents;

use documents::{
    checklist_file, evidence_csv, evidence_html, incident_page, report_file, script, style,
};

use super::pages::about::AboutForm;
use super::pages::{self, question::answer_value};
use super::prompter;
use super::state::{App, Part, Pending, Question, Reply, Running, Stage};

/// How long a form waits for the next question before sending the browser to whatever
/// page there is (the waiting page, then).
const NEXT_PAGE: Duration = Duration::from_secs(3);

pub fn router(app: Arc<App>) -> Router {
    let base = app.guard.base();
    let at = |path: &str| format!("{base}{path}");
    Router::new()
        .route(&at(""), get(index))
        .route(&at("start"), post(start))
        .route(&at("answer"), post(answer))
        .route(&at("stop"), post(stop))
        .route(&at("again"), post(again))
        .route(&at("finish"), post(finish))
        .route(&at("status"), get(status))
        .route(&at("style.css"), get(style))
        .route(&at("live.js"), get(script))
        .route(&at("report.html"), get(report_file))
        .route(&at("checklist.html"), get(checklist_file))
        .route(&at("incident"), get(incident_page))
        .route(&at("evidence-log.csv"), get(evidence_csv))
        .route(&at("evidence-log.html"), get(evidence_html))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            super::guard::check,
        ))
        .with_state(app)
}

type Fields = Vec<(String, String)>;

fn fields(body: &Bytes) -> Fields {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Back to the page, which shows whatever comes next.
fn to_page(app: &App) -> Response {
    Redirect::to(&app.guard.base()).into_response()
}

async fn index(State(app): State<Arc<App>>) -> Html<String> {
    let stage = app.stage();
    Html(match &*stage {
        Stage::About(form) => pages::about::page(&app, form),
        Stage::Running(running) => pages::question::page(&app, running),
        Stage::Done(done) => pages::report::page(&app, done),
    })
}

/// "About you" sent: the same validation as the flags, then the person's own saved
/// answers, then the audit starts and the browser goes to its first question.
async fn start(State(app): State<Arc<App>>, body: Bytes) -> Response {
    if !matches!(&*app.stage(), Stage::About(_)) {
        return to_page(&app);
    }
    let form = AboutForm::from_fields(&fields(&body));
    let subject = match form.to_input().validate(this_year()) {
        Ok(subject) => subject,
        Err(error) => {
            let form = form.with_error(&error);
            app.update(|stage| *stage = Stage::About(form));
            return to_page(&app);
        }
    };
    if let Err(problem) = begin(&app, subject) {
        let form = AboutForm {
            problem: Some((None, problem)),
            ..form
        };
        app.update(|stage| *stage = Stage::About(form));
        return to_page(&app);
    }
    app.wait_until(NEXT_PAGE, Stage::settled).await;
    to_page(&app)
}

fn this_year() -> u16 {
    u16::try_from(jiff::Zoned::now().year()).unwrap_or(u16::MAX)
}

/// Opens the person's answers and starts their audit on a thread of its own; a problem is
/// said in words for the page.
fn begin(app: &Arc<App>, subject: Subject) -> Result<(), String> {
    let config = &app.config;
    let person = Person {
        name: subject.name.clone(),
        school: subject.school.clone(),
    };
    let path = saved::path_for(&config.data_dir, &person);
    let mut saved =
        saved::open(&path, Some(&person), &config.catalog, false).map_err(|e| match e {
            SavedError::Load(e) => format!("Your saved answers could not be read: {e}"),
            other => other.to_string(),
        })?;
    let preselected: Vec<String> = subject
        .usernames
        .iter()
        .filter_map(|h| h.platform.clone())
        .collect();
    let audit = Audit::prepare(AuditRequest {
        subject: subject.clone(),
        catalog: config.catalog.clone(),
        sites: config.sites.clone(),
        plan: config.plan.clone(),
        backend: config.backend.clone(),
        engine: config.engine.clone(),
        answers: Some(std::mem::take(&mut saved.answers)),
        date: jiff::Zoned::now().date().to_string(),
    })
    .map_err(|e| e.to_string())?;
    let session = audit.start(&tokio::runtime::Handle::current(), app.sink());
    let stopper = session.stopper();
    app.update(|stage| {
        *stage = Stage::Running(Running {
            subject,
            stopper,
            pending: None,
            part: Part::Walk,
            said: None,
        });
    });
    let worker = {
        let app = app.clone();
        std::thread::Builder::new()
            .name("audit".into())
            .spawn(move || prompter::run(app, session, saved, preselected))
            .map_err(|e| format!("findable could not start the audit: {e}"))?
    };
    *app.worker
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(worker);
    Ok(())
}

/// An answer to the question on the page. One sent from an old copy of the page (its
/// question is no longer the one waiting) is ignored: the page shows the current one.
async fn answer(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let fields = fields(&body);
    let mut sent = false;
    app.update(|stage| {
        let Stage::Running(running) = stage else {
            return;
        };
        let current = running.pending.as_ref().map(|p| p.id.to_string());
        if current.as_deref() != field(&fields, "q") {
            return;
        }
        let Some(pending) = running.pending.take() else {
            return;
        };
        match reply(&app, &pending, &fields) {
            Some((reply, said)) => {
                running.said = said;
                sent = pending.reply.send(reply).is_ok();
            }
            // Nothing chosen: the same question again.
            None => running.pending = Some(pending),
        }
    });
    if sent {
        app.wait_until(NEXT_PAGE, Stage::settled).await;
    }
    to_page(&app)
}

/// The reply the form gives to `pending`'s question, and the line to say after it.
fn reply(app: &App, pending: &Pending, fields: &Fields) -> Option<(Reply, Option<String>)> {
    let action = field(fields, "do").unwrap_or("answer");
    let yes_no = |action: &str| match action {
        "yes" => Some(YesNo::Yes),
        "no" => Some(YesNo::No),
        "back" => Some(YesNo::Back),
        "quit" => Some(YesNo::Quit),
        _ => None,
    };
    Some(match &pending.question {
        Question::Platforms { platforms, .. } => {
            let chosen = match action {
                "quit" => None,
                _ => Some(
                    fields
                        .iter()
                        .filter(|(k, _)| k == "use")
                        .filter_map(|(_, v)| platforms.iter().position(|(id, _)| id == v))
                        .collect(),
                ),
            };
            (Reply::Platforms(chosen), None)
        }
        Question::Setting { check, setting, .. } => match action {
            "back" => (Reply::Choice(Choice::Back), None),
            "skip" => (Reply::Choice(Choice::SkipPlatform), None),
            "quit" => (Reply::Choice(Choice::Quit), None),
            _ => {
                let given = field(fields, "answer")?;
                let answer = [Answer::Yes, Answer::No, Answer::NotSure, Answer::NotUsed]
                    .into_iter()
                    .find(|a| answer_value(*a) == given)?;
                let said = app
                    .config
                    .catalog
                    .get(check)
                    .and_then(|c| c.settings.iter().find(|s| &s.id == setting))
                    .map(|s| feedback(s, answer));
                (Reply::Choice(Choice::Answer(answer)), said)
            }
        },
        Question::Gate { .. } | Question::More { .. } | Question::Skipped { .. } => {
            (Reply::YesNo(yes_no(action)?), None)
        }
        Question::Review { .. } => {
            let verdict = match action {
                "mine" => Some(Review::Mine),
                "not-mine" => Some(Review::NotMine),
                "not-sure" => Some(Review::NotSure),
                _ => None,
            };
            (Reply::Review(verdict), None)
        }
    })
}

/// Stop the checks now: the report covers what finished, and every answer.
async fn stop(State(app): State<Arc<App>>) -> Response {
    app.stop_audit();
    app.wait_until(NEXT_PAGE * 3, |s| !s.is_running()).await;
    to_page(&app)
}

/// The report is out but questions are left: a new audit for the same person, carrying on
/// from their saved answers (as running `findable audit` again does).
async fn again(State(app): State<Arc<App>>) -> Response {
    let subject = match &*app.stage() {
        Stage::Done(done) => done.subject.clone(),
        _ => return to_page(&app),
    };
    if let Err(problem) = begin(&app, subject) {
        app.update(|stage| {
            if let Stage::Done(done) = stage {
                done.problem = Some(problem);
            }
        });
        return to_page(&app);
    }
    app.wait_until(NEXT_PAGE, Stage::settled).await;
    to_page(&app)
}

/// Finish: says goodbye, then the server stops.
async fn finish(State(app): State<Arc<App>>) -> Response {
    let page = pages::report::finished(&app);
    app.stop_audit();
    app.shutdown.cancel();
    Html(page).into_response()
}

/// For the optional script: the progress line, and the page's number so it can tell
/// when there is a new page to show.
async fn status(State(app): State<Arc<App>>) -> Response {
    let counts = app.counts();
    let body = serde_json::json!({
        "page": app.page_version(),
        "progress": pages::progress_line(&counts),
        "profiles": counts.profiles,
        "searches": counts.searches,
    });
    (
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

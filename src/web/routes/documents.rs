//! What the app serves besides its forms: its stylesheet and script, and the documents a
//! teacher keeps (the report to save, the printable checklist, the incident steps and the
//! evidence log), each made by `findable::render` and served with its own policy.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use findable::checklist::printable;
use findable::incident::{self, LogRow};
use findable::render;

use super::to_page;
use crate::web::pages;
use crate::web::state::{App, Stage};

pub(super) async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        pages::SCRIPT,
    )
        .into_response()
}

pub(super) async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::stylesheet(),
    )
        .into_response()
}

/// A standalone document with its own policy; `save_as` makes the browser save it.
fn document(body: String, content_type: &'static str, save_as: Option<&str>) -> Response {
    let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(render::page::CSP),
    );
    if let Some(name) = save_as
        && let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

const HTML: &str = "text/html; charset=utf-8";

/// The report, exactly as `findable audit -o report.html` writes it, to save.
pub(super) async fn report_file(State(app): State<Arc<App>>) -> Response {
    match &*app.stage() {
        Stage::Done(done) => {
            let name = format!("findable-report-{}.html", done.report.date);
            document(render::report::html(&done.report), HTML, Some(&name))
        }
        _ => (StatusCode::NOT_FOUND, "No report yet.").into_response(),
    }
}

/// The printable checklist of the apps the person uses (every platform before they say).
pub(super) async fn checklist_file(State(app): State<Arc<App>>) -> Response {
    let uses = match &*app.stage() {
        Stage::Done(done) => done.uses.clone(),
        _ => None,
    };
    let sections = printable(&app.config.catalog, uses.as_deref(), false);
    document(render::checklist::html(&sections), HTML, None)
}

fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

pub(super) async fn incident_page(
    State(app): State<Arc<App>>,
    RawQuery(query): RawQuery,
) -> Html<String> {
    let query = query.unwrap_or_default();
    let given = pages::incident::input(&query, &app.config.catalog, &today());
    Html(pages::incident::page(&app, &query, given.as_ref()))
}

fn log_rows(app: &App, query: Option<String>) -> Option<Vec<LogRow>> {
    let input = pages::incident::input(&query.unwrap_or_default(), &app.config.catalog, &today())?;
    Some(
        incident::log_entries(&input, &app.config.catalog)
            .into_iter()
            .map(LogRow::from)
            .collect(),
    )
}

pub(super) async fn evidence_csv(
    State(app): State<Arc<App>>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(rows) = log_rows(&app, query) else {
        return to_page(&app);
    };
    let entries: Vec<_> = rows.into_iter().map(|r| r.entry).collect();
    match render::incident::log_csv(&entries) {
        Ok(csv) => document(csv, "text/csv; charset=utf-8", Some("evidence-log.csv")),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "The log could not be written.",
        )
            .into_response(),
    }
}

pub(super) async fn evidence_html(
    State(app): State<Arc<App>>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(rows) = log_rows(&app, query) else {
        return to_page(&app);
    };
    document(render::incident::log_html(&rows, &today()), HTML, None)
}

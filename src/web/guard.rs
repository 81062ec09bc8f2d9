//! What keeps the page the teacher's own: a random secret in every address, the Host
//! header held to the loopback address the page was given on (against DNS rebinding), a
//! CSRF token in every form, and headers that stop the browser fetching, framing, sharing
//! or caching anything. Every request passes [`check`] before any route sees it.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::state::App;

/// The policy of every page of the app, in its `<meta>`: nothing from anywhere but this
/// server, and forms post only back to it.
pub const CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; \
                       connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'";

/// The same policy as a header, which can also forbid framing (a `<meta>` cannot).
const CSP_HEADER: &str = "default-src 'none'; style-src 'self'; script-src 'self'; \
                          connect-src 'self'; img-src 'self'; form-action 'self'; \
                          base-uri 'none'; frame-ancestors 'none'";

/// The most a form may send: names and usernames, nowhere near it.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// The secret and the tokens of one run of `findable serve`.
pub struct Guard {
    secret: String,
    csrf: String,
    /// `127.0.0.1:PORT` and `localhost:PORT`: the only Host headers answered.
    hosts: [String; 2],
    /// `http://` and each host: the only Origin a form may come from.
    origins: [String; 2],
}

impl Guard {
    pub fn new(port: u16) -> Result<Self, getrandom::Error> {
        let hosts = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
        Ok(Self {
            secret: token()?,
            csrf: token()?,
            origins: hosts.clone().map(|h| format!("http://{h}")),
            hosts,
        })
    }

    /// `/SECRET/`: where every page of the app lives.
    pub fn base(&self) -> String {
        format!("/{}/", self.secret)
    }

    pub fn csrf(&self) -> &str {
        &self.csrf
    }

    fn host_ok(&self, headers: &HeaderMap) -> bool {
        headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .is_some_and(|h| self.hosts.iter().any(|ok| ok.eq_ignore_ascii_case(h)))
    }

    /// The path starts with the secret; compared in constant time, so how long a wrong
    /// guess takes says nothing about how close it was.
    fn secret_ok(&self, path: &str) -> bool {
        let given = path.trim_start_matches('/').split('/').next().unwrap_or("");
        same(given, &self.secret)
    }

    /// A form may only come from the page itself: a browser sends Origin (and
    /// Sec-Fetch-Site) with a POST, and another site's page cannot fake either. Under the
    /// page's no-referrer policy a browser sends `Origin: null` for its own forms, so that
    /// passes only when Sec-Fetch-Site says the form is the page's own.
    fn same_origin(&self, headers: &HeaderMap) -> bool {
        let origin = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok());
        let site = headers.get("sec-fetch-site").and_then(|h| h.to_str().ok());
        let origin_ok = match origin {
            None => true,
            Some("null") => site == Some("same-origin"),
            Some(o) => self.origins.iter().any(|ok| ok.eq_ignore_ascii_case(o)),
        };
        origin_ok && site.is_none_or(|s| matches!(s, "same-origin" | "none"))
    }
}

/// 32 random bytes as hex: 256 bits, safe in a path and a form.
fn token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Equal strings, taking as long whatever the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Refuses what is not for this page, checks the CSRF token of every POST, and puts the
/// security headers on every answer, refusals included.
pub async fn check(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let guard = &app.guard;
    let response = if !guard.host_ok(request.headers()) {
        refuse(
            StatusCode::FORBIDDEN,
            "This address is not findable's page.",
        )
    } else if !guard.secret_ok(request.uri().path()) {
        refuse(StatusCode::NOT_FOUND, "Not found.")
    } else if request.method() == Method::POST {
        match with_csrf(guard, request).await {
            Ok(request) => {
                app.touch();
                next.run(request).await
            }
            Err(refusal) => refusal,
        }
    } else {
        // The page's own progress polling is not someone using the page.
        if !request.uri().path().ends_with("/status") {
            app.touch();
        }
        next.run(request).await
    };
    secure(response)
}

/// The request again, once its form has the right CSRF token and comes from the page.
async fn with_csrf(guard: &Guard, request: Request) -> Result<Request, Response> {
    let expired = || {
        refuse(
            StatusCode::FORBIDDEN,
            "This form did not come from findable's page, or the page is out of date. Go back, reload the page and try again.",
        )
    };
    if !guard.same_origin(request.headers()) {
        return Err(expired());
    }
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| refuse(StatusCode::PAYLOAD_TOO_LARGE, "That form is too big."))?;
    let token = url::form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    if !same(&token, guard.csrf()) {
        return Err(expired());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

fn refuse(status: StatusCode, message: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// The headers every answer carries. A route that serves a standalone document (the
/// report to save, the printable checklist) sets that document's own policy first.
fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP_HEADER),
        );
    }
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        // Answers and reports are not for the browser's disk cache.
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    for (name, value) in [
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-resource-policy", "same-origin"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_compared_whole() {
        let (a, b) = (token().expect("random"), token().expect("random"));
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same(&a, &a[..63]));
        assert!(!same("", &a));
    }

    #[test]
    fn only_the_loopback_host_and_the_secret_pass() {
        let guard = Guard::new(4321).expect("guard");
        let host = |h: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, HeaderValue::from_str(h).expect("header"));
            guard.host_ok(&headers)
        };
        assert!(host("127.0.0.1:4321") && host("localhost:4321") && host("LOCALHOST:4321"));
        assert!(!host("127.0.0.1:4322") && !host("evil.example:4321") && !host("127.0.0.1"));
        assert!(!guard.host_ok(&HeaderMap::new()), "no Host at all");
        let base = guard.base();
        assert!(guard.secret_ok(&base) && guard.secret_ok(&format!("{base}answer")));
        assert!(!guard.secret_ok("/") && !guard.secret_ok("/status"));
    }
}

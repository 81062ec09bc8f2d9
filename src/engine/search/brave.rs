//! Brave Search API backend (keyed): builds the web-search request and reads its JSON
//! answer and rate-limit headers, so a refused key, a spent plan and "nothing found"
//! each come out as what they are.

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde_json::Value;

use super::text::{endpoint, http_url, plain_text, tidy};
use super::{Parsed, SearchRequest};
use crate::catalog::HttpMethod;
use crate::evidence::SearchHit;

pub const DEFAULT_URL: &str = "https://api.search.brave.com";

/// The GET request for one query. `text_decorations=false` asks for snippets without
/// `<strong>` highlights; the parser strips markup anyway. No `Accept-Encoding` here: reqwest
/// adds gzip itself and only decompresses when it did.
pub fn request(base: &url::Url, query: &str, api_key: &str) -> SearchRequest {
    let mut url = endpoint(base, &["res", "v1", "web", "search"]);
    url.query_pairs_mut()
        .append_pair("q", query)
        .append_pair("count", "20")
        .append_pair("country", "gb")
        .append_pair("search_lang", "en")
        .append_pair("text_decorations", "false");
    SearchRequest {
        url,
        method: HttpMethod::Get,
        headers: vec![
            ("X-Subscription-Token".into(), api_key.into()),
            ("Accept".into(), "application/json".into()),
        ],
        body: None,
    }
}

/// Reads one answer. A 429 cannot say from its body whether the per-second limit or the
/// month's quota ran out; [`monthly_quota_spent`] reads that from the headers.
pub fn parse(status: u16, body: &str) -> Parsed {
    match status {
        200 => parse_ok(body),
        401 | 403 => Parsed::Failed(format!(
            "the Brave API key was refused: check BRAVE_API_KEY (HTTP {status})"
        )),
        422 => match error_detail(body) {
            Some(detail) => Parsed::Failed(format!("Brave rejected the query: {detail}")),
            None => Parsed::Failed("Brave rejected the query (HTTP 422)".into()),
        },
        429 => match error_detail(body) {
            Some(detail) => Parsed::Blocked(format!("over the Brave plan's rate limit: {detail}")),
            None => Parsed::Blocked("over the Brave plan's rate limit (HTTP 429)".into()),
        },
        _ => match error_detail(body) {
            Some(detail) => Parsed::Failed(format!("Brave answered HTTP {status}: {detail}")),
            None => Parsed::Failed(format!("Brave answered HTTP {status}")),
        },
    }
}

/// How long to wait before the next request, when the per-second window is spent.
/// `X-RateLimit-Remaining: 0, 950` with `X-RateLimit-Reset: 1, 2419200` gives one second.
/// The first window is per-second, so a missing reset means at most one second.
pub fn next_allowed_in(headers: &HeaderMap) -> Option<Duration> {
    let remaining = window_values(headers, "x-ratelimit-remaining");
    if remaining.first() != Some(&0) {
        return None;
    }
    let reset = window_values(headers, "x-ratelimit-reset")
        .first()
        .copied()
        .unwrap_or(1);
    Some(Duration::from_secs(reset))
}

/// Whether the plan's monthly window is spent (`X-RateLimit-Remaining: 1, 0`): then a 429
/// will not clear by waiting seconds, and retrying only wastes time.
pub fn monthly_quota_spent(headers: &HeaderMap) -> bool {
    window_values(headers, "x-ratelimit-remaining").get(1) == Some(&0)
}

/// The comma-separated per-window numbers of a rate-limit header. Reading stops at the
/// first unreadable one, so each number stays at the position of the window it belongs to.
fn window_values(headers: &HeaderMap, name: &str) -> Vec<u64> {
    let Some(value) = headers.get(name).and_then(|v| v.to_str().ok()) else {
        return Vec::new();
    };
    value
        .split(',')
        .map_while(|part| part.trim().parse::<u64>().ok())
        .collect()
}

fn parse_ok(body: &str) -> Parsed {
    let Ok(Value::Object(answer)) = serde_json::from_str::<Value>(body) else {
        return Parsed::Failed("not a Brave Search API answer (not a JSON object)".into());
    };
    if answer.get("type").and_then(Value::as_str) == Some("ErrorResponse")
        || answer.contains_key("error")
    {
        let detail = error_detail(body).unwrap_or_else(|| "no detail given".into());
        return Parsed::Failed(format!("Brave sent an error with HTTP 200: {detail}"));
    }
    // Brave leaves `web` out when it has no web results: that is its "nothing found".
    let results = answer
        .get("web")
        .and_then(|web| web.get("results"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let hits = results
        .iter()
        .enumerate()
        .filter_map(|(index, result)| hit(index + 1, result))
        .collect();
    Parsed::Results {
        hits,
        unresponsive: Vec::new(),
    }
}

/// One result; rank is its position in `web.results`, so a skipped result leaves a gap.
fn hit(rank: usize, result: &Value) -> Option<SearchHit> {
    let field = |name: &str| result.get(name).and_then(Value::as_str).unwrap_or_default();
    Some(SearchHit {
        url: http_url(field("url"))?,
        title: plain_text(field("title")),
        snippet: plain_text(field("description")),
        rank,
    })
}

/// `error.detail`, plus each validation message in `error.meta.errors[].msg`, as one line.
fn error_detail(body: &str) -> Option<String> {
    let answer: Value = serde_json::from_str(body).ok()?;
    let error = answer.get("error")?;
    let mut parts: Vec<String> = Vec::new();
    if let Some(detail) = error.get("detail").and_then(Value::as_str) {
        parts.push(tidy(detail));
    }
    if let Some(errors) = error
        .get("meta")
        .and_then(|m| m.get("errors"))
        .and_then(Value::as_array)
    {
        parts.extend(
            errors
                .iter()
                .filter_map(|e| e.get("msg").and_then(Value::as_str))
                .map(tidy),
        );
    }
    parts.retain(|p| !p.is_empty());
    (!parts.is_empty()).then(|| parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    const RESULTS: &str = include_str!("../../../fixtures/search/brave-results.json");

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn request_is_a_keyed_get() {
        let base = url::Url::parse(DEFAULT_URL).unwrap();
        let query = r#""Jane Smith" "Oakwood & Sons" a+b=c"#;
        let req = request(&base, query, "secret-key");
        assert_eq!(req.method, HttpMethod::Get);
        assert_eq!(req.url.host_str(), Some("api.search.brave.com"));
        assert_eq!(req.url.path(), "/res/v1/web/search");
        let pairs: Vec<(String, String)> = req.url.query_pairs().into_owned().collect();
        assert_eq!(
            pairs,
            vec![
                ("q".into(), query.into()),
                ("count".into(), "20".into()),
                ("country".into(), "gb".into()),
                ("search_lang".into(), "en".into()),
                ("text_decorations".into(), "false".into()),
            ]
        );
        assert_eq!(
            req.headers,
            vec![
                ("X-Subscription-Token".to_string(), "secret-key".to_string()),
                ("Accept".to_string(), "application/json".to_string()),
            ]
        );
        assert_eq!(req.body, None);

        let local = request(
            &url::Url::parse("http://127.0.0.1:9/brave/").unwrap(),
            "x",
            "k",
        );
        assert_eq!(local.url.path(), "/brave/res/v1/web/search");
    }

    #[test]
    fn fixture_gives_plain_http_hits() {
        let Parsed::Results { hits, unresponsive } = parse(200, RESULTS) else {
            panic!("expected results");
        };
        assert!(unresponsive.is_empty());
        let urls: Vec<&str> = hits.iter().map(|h| h.url.as_str()).collect();
        assert_eq!(
            urls,
            vec![
                "https://www.oakwood-academy.example/staff/jane-smith",
                "https://www.example.org/people/jane-smith",
                "https://news.example.com/john-smithson-wins-award",
            ]
        );
        // The javascript: result at position 3 is skipped and leaves a gap.
        let ranks: Vec<usize> = hits.iter().map(|h| h.rank).collect();
        assert_eq!(ranks, vec![1, 2, 4]);
        assert_eq!(
            hits[0].title,
            "Jane Smith - Head of Science - Oakwood Academy"
        );
        assert_eq!(
            hits[0].snippet,
            "Mrs Jane Smith leads the science department at Oakwood Academy, Leeds."
        );
        assert_eq!(hits[1].title, "Jane Smith's portfolio");
        assert_eq!(
            hits[1].snippet,
            "Jane Smith & friends: portraits from York."
        );
        assert_eq!(hits[2].snippet, "");
    }

    #[test]
    fn no_web_key_or_empty_results_is_nothing_found() {
        let none = Parsed::Results {
            hits: vec![],
            unresponsive: vec![],
        };
        assert_eq!(
            parse(200, r#"{"type":"search","query":{"original":"x"}}"#),
            none
        );
        assert_eq!(
            parse(200, r#"{"type":"search","web":{"results":[]}}"#),
            none
        );
    }

    #[test]
    fn not_json_or_error_body_is_a_failure() {
        assert!(matches!(parse(200, "<html></html>"), Parsed::Failed(_)));
        assert!(matches!(parse(200, "[]"), Parsed::Failed(_)));
        let body = r#"{"type":"ErrorResponse","error":{"detail":"Oops"}}"#;
        assert!(matches!(parse(200, body), Parsed::Failed(t) if t.contains("Oops")));
    }

    #[test]
    fn refused_key_names_the_variable() {
        let body = r#"{"type":"ErrorResponse","error":{"id":"a1","status":401,
            "code":"SUBSCRIPTION_TOKEN_INVALID","detail":"The provided subscription token is invalid."}}"#;
        for status in [401, 403] {
            let Parsed::Failed(text) = parse(status, body) else {
                panic!("{status} must fail");
            };
            assert!(
                text.starts_with("the Brave API key was refused: check BRAVE_API_KEY"),
                "{text}"
            );
        }
    }

    #[test]
    fn validation_error_gives_its_detail() {
        let body = r#"{"type":"ErrorResponse","error":{"id":"b2","status":422,"code":"VALIDATION",
            "detail":"Unable to validate request parameter(s).","meta":{"errors":[{"type":
            "string_too_long","loc":["query","q"],"msg":"String should have at most 400 characters"}]}},
            "time":1763000000}"#;
        assert_eq!(
            parse(422, body),
            Parsed::Failed(
                "Brave rejected the query: Unable to validate request parameter(s).; \
                 String should have at most 400 characters"
                    .into()
            )
        );
        assert_eq!(
            parse(422, "nope"),
            Parsed::Failed("Brave rejected the query (HTTP 422)".into())
        );
    }

    #[test]
    fn rate_limit_is_a_block_and_headers_tell_which_window() {
        let Parsed::Blocked(text) = parse(429, "{}") else {
            panic!("429 must be blocked");
        };
        assert_eq!(text, "over the Brave plan's rate limit (HTTP 429)");
        let body = r#"{"type":"ErrorResponse","error":{"status":429,"code":"RATE_LIMITED",
            "detail":"Request rate limit exceeded for plan."}}"#;
        assert_eq!(
            parse(429, body),
            Parsed::Blocked(
                "over the Brave plan's rate limit: Request rate limit exceeded for plan.".into()
            )
        );
        let per_second = headers(&[
            ("x-ratelimit-remaining", "0, 950"),
            ("x-ratelimit-reset", "1, 2419200"),
        ]);
        let monthly = headers(&[
            ("x-ratelimit-remaining", "1, 0"),
            ("x-ratelimit-reset", "1, 86400"),
        ]);
        assert!(monthly_quota_spent(&monthly));
        assert!(!monthly_quota_spent(&per_second));
        assert!(!monthly_quota_spent(&HeaderMap::new()));
        assert!(matches!(parse(500, ""), Parsed::Failed(t) if t.contains("500")));
    }

    #[test]
    fn next_allowed_in_reads_the_per_second_window() {
        let spent = headers(&[
            ("X-RateLimit-Remaining", "0, 950"),
            ("X-RateLimit-Reset", "1, 2419200"),
        ]);
        assert_eq!(next_allowed_in(&spent), Some(Duration::from_secs(1)));
        let slow = headers(&[
            ("X-RateLimit-Remaining", "0,950"),
            ("X-RateLimit-Reset", "3,2419200"),
        ]);
        assert_eq!(next_allowed_in(&slow), Some(Duration::from_secs(3)));
        let fine = headers(&[
            ("X-RateLimit-Remaining", "1, 950"),
            ("X-RateLimit-Reset", "1, 2419200"),
        ]);
        assert_eq!(next_allowed_in(&fine), None);
        assert_eq!(next_allowed_in(&HeaderMap::new()), None);
        let no_reset = headers(&[("X-RateLimit-Remaining", "0, 950")]);
        assert_eq!(next_allowed_in(&no_reset), Some(Duration::from_secs(1)));
        let garbage = headers(&[("X-RateLimit-Remaining", "soon")]);
        assert_eq!(next_allowed_in(&garbage), None);
    }
}

//! SearXNG backend: builds the JSON `/search` request for a (usually self-hosted) instance
//! and reads its answer, telling "nothing found" apart from engines that did not answer,
//! a limiter refusal and an instance without JSON output.

use serde_json::Value;

use super::text::{endpoint, http_url, plain_text, tidy};
use super::{Parsed, SearchRequest};
use crate::catalog::HttpMethod;
use crate::evidence::SearchHit;

/// The GET request for one query. The instance's limiter refuses requests whose `Accept`
/// lacks `text/html` or that have no `Accept-Language`, even for JSON, hence both headers.
pub fn request(base: &url::Url, query: &str) -> SearchRequest {
    let mut url = endpoint(base, &["search"]);
    url.query_pairs_mut()
        .append_pair("q", query)
        .append_pair("format", "json")
        .append_pair("language", "en-GB")
        .append_pair("safesearch", "0");
    SearchRequest {
        url,
        method: HttpMethod::Get,
        headers: vec![
            ("Accept".into(), "application/json, text/html;q=0.9".into()),
            ("Accept-Language".into(), "en-GB,en;q=0.8".into()),
        ],
        body: None,
    }
}

/// Reads one answer. Fields are read leniently (instances differ by version, and
/// `number_of_results` is gone since 2026) except `results`: an answer without that list
/// cannot honestly say "nothing found", so it is a failure.
pub fn parse(status: u16, body: &str) -> Parsed {
    match status {
        200 => parse_ok(body),
        403 => Parsed::Failed(
            "JSON output is not enabled on this SearXNG instance (HTTP 403): add `json` to \
             `search: formats:` in its settings.yml and restart it"
                .into(),
        ),
        429 => Parsed::Blocked(
            "the SearXNG instance's limiter refused the request (HTTP 429): use your own \
             instance with `server: limiter: false`, or put 127.0.0.0/8 in `pass_ip` in its \
             limiter.toml"
                .into(),
        ),
        _ => {
            let said = serde_json::from_str::<Value>(body)
                .ok()
                .and_then(|v| v.get("error").and_then(Value::as_str).map(tidy))
                .filter(|e| !e.is_empty());
            match said {
                Some(error) => Parsed::Failed(format!("SearXNG said (HTTP {status}): {error}")),
                None => Parsed::Failed(format!("SearXNG answered HTTP {status}")),
            }
        }
    }
}

fn parse_ok(body: &str) -> Parsed {
    let not_searxng = || {
        Parsed::Failed(
            "not a SearXNG JSON answer (is the URL a SearXNG instance, with format=json?)".into(),
        )
    };
    let Ok(Value::Object(answer)) = serde_json::from_str::<Value>(body) else {
        return not_searxng();
    };
    let Some(Value::Array(results)) = answer.get("results") else {
        return not_searxng();
    };
    let hits: Vec<SearchHit> = results
        .iter()
        .enumerate()
        .filter_map(|(index, result)| hit(index + 1, result))
        .collect();
    let unresponsive = unresponsive(answer.get("unresponsive_engines"));
    if hits.is_empty() && !unresponsive.is_empty() {
        // Engines that did not answer might have found something: degraded, not "nothing".
        return Parsed::Failed(format!(
            "SearXNG found nothing, but these engines did not answer: {}",
            unresponsive.join("; ")
        ));
    }
    Parsed::Results { hits, unresponsive }
}

/// One result; rank is its position in SearXNG's list, so a skipped result leaves a gap.
fn hit(rank: usize, result: &Value) -> Option<SearchHit> {
    let field = |name: &str| result.get(name).and_then(Value::as_str).unwrap_or_default();
    Some(SearchHit {
        url: http_url(field("url"))?,
        title: plain_text(field("title")),
        snippet: plain_text(field("content")),
        rank,
    })
}

/// `[["google", "CAPTCHA"], ...]` as `"google: CAPTCHA"`; odd shapes are kept as well as
/// they can be rather than dropped, since each one is an engine that did not answer.
fn unresponsive(value: Option<&Value>) -> Vec<String> {
    let Some(Value::Array(engines)) = value else {
        return Vec::new();
    };
    engines
        .iter()
        .filter_map(|engine| {
            let parts: Vec<String> = match engine {
                Value::Array(parts) => parts
                    .iter()
                    .filter_map(Value::as_str)
                    .map(tidy)
                    .filter(|p| !p.is_empty())
                    .collect(),
                Value::String(name) => vec![tidy(name)],
                _ => Vec::new(),
            };
            match parts.as_slice() {
                [] => None,
                [name] => Some(name.clone()).filter(|n| !n.is_empty()),
                [name, rest @ ..] => Some(format!("{name}: {}", rest.join(" "))),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIXED: &str = include_str!("../../../fixtures/search/searxng-mixed.json");
    const EMPTY: &str = include_str!("../../../fixtures/search/searxng-empty.json");
    const DEGRADED: &str = include_str!("../../../fixtures/search/searxng-degraded.json");

    fn results(parsed: Parsed) -> (Vec<SearchHit>, Vec<String>) {
        match parsed {
            Parsed::Results { hits, unresponsive } => (hits, unresponsive),
            other => panic!("expected results, got {other:?}"),
        }
    }

    #[test]
    fn request_is_a_json_get_under_the_base_prefix() {
        let base = url::Url::parse("http://127.0.0.1:8888/searxng/").unwrap();
        let query = r#""Jane Smith" "Oakwood & Co" site:x.com"#;
        let req = request(&base, query);
        assert_eq!(req.method, HttpMethod::Get);
        assert_eq!(req.url.path(), "/searxng/search");
        assert_eq!(req.url.host_str(), Some("127.0.0.1"));
        let pairs: Vec<(String, String)> = req.url.query_pairs().into_owned().collect();
        assert_eq!(
            pairs,
            vec![
                ("q".into(), query.into()),
                ("format".into(), "json".into()),
                ("language".into(), "en-GB".into()),
                ("safesearch".into(), "0".into()),
            ]
        );
        assert!(
            req.headers
                .contains(&("Accept".into(), "application/json, text/html;q=0.9".into()))
        );
        assert!(
            req.headers
                .contains(&("Accept-Language".into(), "en-GB,en;q=0.8".into()))
        );
        assert_eq!(req.body, None);

        let bare = request(&url::Url::parse("http://localhost:8080").unwrap(), "x");
        assert_eq!(
            bare.url.as_str(),
            "http://localhost:8080/search?q=x&format=json&language=en-GB&safesearch=0"
        );
    }

    #[test]
    fn mixed_fixture_gives_http_hits_with_positions_and_unresponsive_engines() {
        let (hits, unresponsive) = results(parse(200, MIXED));
        assert_eq!(unresponsive, vec!["google: CAPTCHA".to_string()]);
        let urls: Vec<&str> = hits.iter().map(|h| h.url.as_str()).collect();
        assert_eq!(
            urls,
            vec![
                "https://www.oakwood-academy.example/staff/jane-smith",
                "https://www.example.org/people/jane-smith",
                "https://news.example.com/john-smithson-wins-award",
                "https://forum.example.net/thread?id=42&page=2",
            ]
        );
        // The non-http result at position 4 is skipped and leaves a gap.
        let ranks: Vec<usize> = hits.iter().map(|h| h.rank).collect();
        assert_eq!(ranks, vec![1, 2, 3, 5]);
        assert_eq!(
            hits[0].title,
            "Jane Smith - Head of Science - Oakwood Academy"
        );
        assert_eq!(
            hits[0].snippet,
            "Mrs Jane Smith leads the science department at Oakwood Academy, Leeds."
        );
        // Missing title/content are empty, markup and entities are cleaned.
        assert_eq!(hits[2].snippet, "");
        assert_eq!(hits[3].title, "Staff & parents forum");
        assert_eq!(hits[3].snippet, "Ask Jane Smith about the trip");
    }

    #[test]
    fn empty_fixture_is_results_without_hits() {
        assert_eq!(
            parse(200, EMPTY),
            Parsed::Results {
                hits: vec![],
                unresponsive: vec![]
            }
        );
    }

    #[test]
    fn nothing_found_with_engines_down_is_a_failure_naming_them() {
        let Parsed::Failed(text) = parse(200, DEGRADED) else {
            panic!("degraded answer must not be results");
        };
        assert!(text.contains("google: CAPTCHA"), "{text}");
        assert!(text.contains("startpage: timeout"), "{text}");
        assert!(
            text.contains("duckduckgo: Suspended: too many requests"),
            "{text}"
        );
    }

    #[test]
    fn hostile_content_becomes_plain_text() {
        let body = r#"{"results":[{"url":"https://x.example/","title":"<i>T</i>",
            "content":"<script>alert(1)</script><b>Jane</b> &amp; co"}]}"#;
        let (hits, _) = results(parse(200, body));
        assert_eq!(hits[0].title, "T");
        assert_eq!(hits[0].snippet, "Jane & co");
    }

    #[test]
    fn lenient_fields_but_results_list_required() {
        let body = r#"{"results":[{"url":"https://x.example/a","title":7,"content":null},
            {"title":"no url"}, "junk"], "unresponsive_engines":[], "number_of_results": 0}"#;
        let (hits, _) = results(parse(200, body));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].title, "");
        assert!(matches!(parse(200, "{}"), Parsed::Failed(t) if t.contains("not a SearXNG")));
        assert!(matches!(parse(200, "[]"), Parsed::Failed(t) if t.contains("not a SearXNG")));
    }

    #[test]
    fn not_json_is_a_failure() {
        let Parsed::Failed(text) = parse(200, "<!DOCTYPE html><html>SearXNG</html>") else {
            panic!("html must fail");
        };
        assert!(text.contains("not a SearXNG JSON answer"));
    }

    #[test]
    fn status_403_explains_enabling_json() {
        let Parsed::Failed(text) = parse(403, "<html>Forbidden</html>") else {
            panic!("403 must fail");
        };
        assert!(text.contains("JSON output is not enabled"));
        assert!(text.contains("settings.yml") && text.contains("formats"));
        assert!(!text.contains('\n'));
    }

    #[test]
    fn status_429_is_a_block_from_the_limiter() {
        let Parsed::Blocked(text) = parse(429, "Too Many Requests") else {
            panic!("429 must be blocked");
        };
        assert!(text.contains("limiter") && text.contains("pass_ip"));
    }

    #[test]
    fn error_json_is_passed_on() {
        assert_eq!(
            parse(400, r#"{"error": "No query"}"#),
            Parsed::Failed("SearXNG said (HTTP 400): No query".into())
        );
        assert_eq!(
            parse(500, r#"{"error": "search error"}"#),
            Parsed::Failed("SearXNG said (HTTP 500): search error".into())
        );
        assert_eq!(
            parse(502, "Bad Gateway"),
            Parsed::Failed("SearXNG answered HTTP 502".into())
        );
    }
}

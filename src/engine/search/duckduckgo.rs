//! DuckDuckGo backend (keyless, scraped): builds the POST to html.duckduckgo.com and reads
//! the page it sends back. DuckDuckGo answers bots with a challenge page, so anything that is
//! not clearly a result page or a "No results." page counts as a block, never as "nothing".

use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::text::{element_text, http_url};
use super::{Parsed, SearchRequest};
use crate::catalog::HttpMethod;
use crate::evidence::SearchHit;

pub const DEFAULT_URL: &str = "https://html.duckduckgo.com/html/";

/// Marks of the bot-check page, matched in the raw body (case-insensitive) so they are
/// found wherever they sit. A false match costs a block report, never a false "nothing".
const CHALLENGE_MARKS: &[&str] = &[
    "challenge-form",
    "anomaly-modal",
    "anomaly.js",
    "bots use duckduckgo",
];

/// The POST for one query's first page. `kl=uk-en` asks for UK results; `b` is empty on a
/// first page, as DuckDuckGo's own form sends it. The Referer is what DuckDuckGo's form
/// would send; requests without one look less like a person.
pub fn request(base: &Url, query: &str) -> SearchRequest {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("q", query)
        .append_pair("b", "")
        .append_pair("kl", "uk-en")
        .finish();
    let mut headers = vec![(
        "Content-Type".to_string(),
        "application/x-www-form-urlencoded".to_string(),
    )];
    let origin = base.origin();
    if origin.is_tuple() {
        headers.push((
            "Referer".into(),
            format!("{}/", origin.ascii_serialization()),
        ));
    }
    headers.push(("Accept-Language".into(), "en-GB,en;q=0.8".into()));
    SearchRequest {
        url: base.clone(),
        method: HttpMethod::Post,
        headers,
        body: Some(body),
    }
}

/// Reads one answer. DuckDuckGo's bot check arrives as HTTP 202, a success code, so status
/// alone is not enough and the page itself must be recognised.
pub fn parse(status: u16, body: &str) -> Parsed {
    match status {
        202 if has_challenge(body) => Parsed::Blocked(
            "DuckDuckGo sent its bot check (HTTP 202 challenge page) instead of results".into(),
        ),
        202 => Parsed::Blocked(
            "DuckDuckGo answered HTTP 202 (its bot-check status) instead of results".into(),
        ),
        403 | 418 | 429 => {
            Parsed::Blocked(format!("DuckDuckGo refused the request (HTTP {status})"))
        }
        200 if has_challenge(body) => Parsed::Blocked(
            "DuckDuckGo sent its bot check (challenge page) instead of results".into(),
        ),
        200 => parse_page(body),
        _ => Parsed::Failed(format!("DuckDuckGo answered HTTP {status}")),
    }
}

fn has_challenge(body: &str) -> bool {
    let lower = body.to_lowercase();
    CHALLENGE_MARKS.iter().any(|mark| lower.contains(mark))
}

struct Selectors {
    result: Selector,
    title: Selector,
    snippet: Selector,
    no_results: Selector,
    results_area: Selector,
}

impl Selectors {
    /// `None` only if a fixed selector failed to compile, which `selectors_compile` catches;
    /// the page then reads as unrecognised (a block), not as a panic.
    fn new() -> Option<Self> {
        let s = |css: &str| Selector::parse(css).ok();
        Some(Self {
            result: s("div.result")?,
            title: s("a.result__a")?,
            snippet: s(".result__snippet")?,
            no_results: s("div.no-results")?,
            results_area: s("#links, .results, .serp__results")?,
        })
    }
}

fn parse_page(body: &str) -> Parsed {
    let unrecognised = || {
        Parsed::Blocked(
            "DuckDuckGo sent a page that is neither results nor \"No results.\" \
             (probably a bot check)"
                .into(),
        )
    };
    let Some(sel) = Selectors::new() else {
        return unrecognised();
    };
    let page = Html::parse_document(body);
    let mut hits = Vec::new();
    let mut rank = 0;
    for result in page.select(&sel.result) {
        let Some(link) = result.select(&sel.title).next() else {
            continue; // not a hit: e.g. the "No results." block is a div.result too
        };
        let target = unwrap_link(link.value().attr("href").unwrap_or_default());
        if is_ad(result, target.as_deref()) {
            continue;
        }
        // Rank counts organic results only, so a skipped one (non-http link) leaves a gap.
        rank += 1;
        let Some(url) = target.as_deref().and_then(http_url) else {
            continue;
        };
        let snippet = result
            .select(&sel.snippet)
            .next()
            .map(element_text)
            .unwrap_or_default();
        hits.push(SearchHit {
            url,
            title: element_text(link),
            snippet,
            rank,
        });
    }
    if !hits.is_empty() || says_no_results(&page, &sel) {
        return Parsed::Results {
            hits,
            unresponsive: Vec::new(),
        };
    }
    unrecognised()
}

fn says_no_results(page: &Html, sel: &Selectors) -> bool {
    page.select(&sel.no_results).next().is_some()
        || page
            .select(&sel.results_area)
            .any(|area| element_text(area).contains("No results."))
}

/// The address a result link leads to: DuckDuckGo's `//duckduckgo.com/l/?uddg=<target>`
/// redirect is unwrapped (the HTML parser has already turned `&amp;` into `&`, and
/// `query_pairs` percent-decodes once); direct links are kept. Other relative links have no
/// honest target and give `None`.
fn unwrap_link(href: &str) -> Option<String> {
    let url = absolute(href)?;
    if is_ddg_host(&url) && url.path() == "/l/" {
        return url
            .query_pairs()
            .find(|(key, _)| key == "uddg")
            .map(|(_, target)| target.into_owned());
    }
    Some(url.into())
}

/// DuckDuckGo writes its own links protocol-relative (`//duckduckgo.com/...`).
fn absolute(link: &str) -> Option<Url> {
    let link = link.trim();
    match link.strip_prefix("//") {
        Some(rest) => Url::parse(&format!("https://{rest}")).ok(),
        None => Url::parse(link).ok(),
    }
}

/// Ads are marked by class, or give themselves away by leading to the `y.js` ad
/// click-through, directly or inside a `uddg` redirect (`target` is already unwrapped).
fn is_ad(result: ElementRef<'_>, target: Option<&str>) -> bool {
    result.value().classes().any(|c| c == "result--ad")
        || target
            .and_then(absolute)
            .is_some_and(|url| is_ddg_host(&url) && url.path() == "/y.js")
}

fn is_ddg_host(url: &Url) -> bool {
    url.host_str()
        .is_some_and(|host| host == "duckduckgo.com" || host.ends_with(".duckduckgo.com"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESULTS: &str = include_str!("../../../fixtures/search/ddg-results.html");
    const NO_RESULTS: &str = include_str!("../../../fixtures/search/ddg-no-results.html");
    const CHALLENGE: &str = include_str!("../../../fixtures/search/ddg-challenge.html");

    fn hits(parsed: Parsed) -> Vec<SearchHit> {
        match parsed {
            Parsed::Results { hits, unresponsive } => {
                assert!(unresponsive.is_empty());
                hits
            }
            other => panic!("expected results, got {other:?}"),
        }
    }

    #[test]
    fn selectors_compile() {
        assert!(Selectors::new().is_some());
    }

    #[test]
    fn request_is_a_form_post_to_the_base() {
        let base = Url::parse("http://127.0.0.1:4567/html/").unwrap();
        let query = r#""Jane Smith" "Oakwood & Sons" a+b=c%20"#;
        let req = request(&base, query);
        assert_eq!(req.method, HttpMethod::Post);
        assert_eq!(req.url, base);
        let body = req.body.clone().unwrap();
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes())
            .into_owned()
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("q".into(), query.into()),
                ("b".into(), String::new()),
                ("kl".into(), "uk-en".into()),
            ]
        );
        assert_eq!(
            req.headers,
            vec![
                (
                    "Content-Type".to_string(),
                    "application/x-www-form-urlencoded".to_string()
                ),
                ("Referer".to_string(), "http://127.0.0.1:4567/".to_string()),
                ("Accept-Language".to_string(), "en-GB,en;q=0.8".to_string()),
            ]
        );
        let simple = request(&Url::parse(DEFAULT_URL).unwrap(), "Jane Smith");
        assert_eq!(simple.body.as_deref(), Some("q=Jane+Smith&b=&kl=uk-en"));
        assert_eq!(simple.url.as_str(), DEFAULT_URL);
        assert!(
            simple
                .headers
                .contains(&("Referer".into(), "https://html.duckduckgo.com/".into()))
        );
    }

    #[test]
    fn result_page_gives_organic_hits_without_ads() {
        let hits = hits(parse(200, RESULTS));
        let urls: Vec<&str> = hits.iter().map(|h| h.url.as_str()).collect();
        assert_eq!(
            urls,
            vec![
                "https://www.oakwood-academy.example/staff/jane-smith",
                "https://www.example.org/people/jane-smith",
                "https://forum.example.net/thread?id=42&page=2",
                "https://blog.example.com/2024/05/sports-day",
                "http://news.example.com/john-smithson-wins-award",
            ]
        );
        assert!(
            !urls
                .iter()
                .any(|u| u.contains("y.js") || u.contains("duckduckgo"))
        );
        // The javascript: result is organic result 5: skipped, leaving a gap.
        let ranks: Vec<usize> = hits.iter().map(|h| h.rank).collect();
        assert_eq!(ranks, vec![1, 2, 3, 4, 6]);
        assert_eq!(
            hits[0].title,
            "Jane Smith - Head of Science - Oakwood Academy"
        );
        assert_eq!(
            hits[0].snippet,
            "Mrs Jane Smith leads the science department at Oakwood Academy in Leeds, \
             and runs the after-school astronomy club."
        );
        assert_eq!(hits[1].title, "Jane Smith | Portrait photographer in York");
        assert_eq!(hits[4].snippet, "");
    }

    #[test]
    fn hostile_snippet_comes_out_as_plain_text_without_script() {
        let hits = hits(parse(200, RESULTS));
        let hostile = &hits[3];
        assert_eq!(hostile.title, "Sports day 2024 & Jane's class");
        assert_eq!(
            hostile.snippet,
            "Jane & co <i>escaped</i> won the relay at Oakwood Academy."
        );
        for hit in &hits {
            assert!(!hit.snippet.contains("alert"), "{}", hit.snippet);
            assert!(!hit.title.contains('<'), "{}", hit.title);
        }
    }

    #[test]
    fn uddg_links_are_unwrapped_and_ads_recognised() {
        assert_eq!(
            unwrap_link(
                "//duckduckgo.com/l/?uddg=https%3A%2F%2Fforum.example.net%2Fthread%3Fid%3D42%26page%3D2&rut=ab12"
            )
            .as_deref(),
            Some("https://forum.example.net/thread?id=42&page=2")
        );
        // As it sits in the page source, HTML-escaped.
        let page = r#"<div class="result"><a class="result__a" href="//duckduckgo.com/l/?uddg=https%3A%2F%2Fa.example%2Fx%20y&amp;rut=9">A</a></div>"#;
        assert_eq!(hits(parse(200, page))[0].url, "https://a.example/x%20y");
        assert_eq!(
            unwrap_link("https://www.example.org/people/jane-smith").as_deref(),
            Some("https://www.example.org/people/jane-smith")
        );
        assert_eq!(unwrap_link("/html/?q=x"), None);
        assert_eq!(unwrap_link("//duckduckgo.com/l/?rut=1"), None);

        let ad = r#"<div class="result results_links"><a class="result__a" href="https://duckduckgo.com/y.js?ad_domain=x.example&u3=1">Ad</a></div>"#;
        assert!(
            matches!(parse(200, ad), Parsed::Blocked(_)),
            "ads alone are not results"
        );
        let classed = r#"<div class="result result--ad"><a class="result__a" href="https://shop.example/">Ad</a></div>
            <div class="result web-result"><a class="result__a" href="https://b.example/">B</a></div>"#;
        let hits = hits(parse(200, classed));
        assert_eq!(hits.len(), 1);
        assert_eq!(
            (hits[0].url.as_str(), hits[0].rank),
            ("https://b.example/", 1)
        );
    }

    #[test]
    fn no_results_page_is_results_without_hits() {
        assert!(hits(parse(200, NO_RESULTS)).is_empty());
        let text_only = r#"<html><body><div id="links" class="results">
            <div>No  results.</div></div></body></html>"#;
        assert!(hits(parse(200, text_only)).is_empty());
    }

    #[test]
    fn challenge_page_is_a_block_whatever_the_status() {
        let Parsed::Blocked(text) = parse(202, CHALLENGE) else {
            panic!("202 challenge must be blocked");
        };
        assert!(text.contains("bot check"), "{text}");
        assert!(matches!(parse(200, CHALLENGE), Parsed::Blocked(_)));
        assert!(matches!(parse(202, ""), Parsed::Blocked(t) if t.contains("202")));
        assert!(matches!(parse(202, NO_RESULTS), Parsed::Blocked(_)));
        for mark in [
            r#"<form id="challenge-form"></form>"#,
            r#"<div class="anomaly-modal__modal"></div>"#,
            r#"<script src="//duckduckgo.com/anomaly.js?sv=html"></script>"#,
            "<p>Unfortunately, bots use DuckDuckGo too.</p>",
        ] {
            let page = format!("<html><body>{mark}{NO_RESULTS}</body></html>");
            assert!(matches!(parse(200, &page), Parsed::Blocked(_)), "{mark}");
        }
    }

    #[test]
    fn unrecognised_pages_are_blocks_not_nothing() {
        for body in [
            "",
            "<html><body><h1>Hello</h1></body></html>",
            r#"{"results": []}"#,
            r#"<div id="links" class="results"></div>"#,
        ] {
            assert!(matches!(parse(200, body), Parsed::Blocked(_)), "{body:?}");
        }
    }

    #[test]
    fn statuses() {
        for status in [403, 418, 429] {
            assert!(
                matches!(parse(status, RESULTS), Parsed::Blocked(t) if t.contains(&status.to_string()))
            );
        }
        for status in [301, 400, 404, 500, 503] {
            assert_eq!(
                parse(status, ""),
                Parsed::Failed(format!("DuckDuckGo answered HTTP {status}"))
            );
        }
    }
}

//! What `findable search` prints: the pages that may be about the person, strongest first
//! and each with why, then the searches that did not run properly, then the counts.

use std::fmt::Write as _;

use super::escape::text as clean;
use super::{plural, plural_forms};
use crate::evidence::QueryStatus;
use crate::relevance::{JudgedPage, MatchClass};
use crate::search_results::SearchResults;

const GROUPS: [(MatchClass, &str); 3] = [
    (
        MatchClass::Confirmed,
        "About you: these carry something only you have",
    ),
    (
        MatchClass::Likely,
        "Probably about you: your name with your school or town",
    ),
    (
        MatchClass::Possible,
        "Maybe about you: your name only; many people share a name, so check each",
    ),
];

/// The results as text; `backend` is the search service's plain name ("SearXNG").
pub fn text(results: &SearchResults, backend: &str) -> String {
    let mut out = String::new();
    for (class, heading) in GROUPS {
        let hits: Vec<&JudgedPage> = results
            .pages
            .iter()
            .filter(|p| p.relevance.class == class)
            .collect();
        if hits.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{heading} ({}):\n", hits.len());
        for page in hits {
            let title = clean(&page.title);
            let title = if title.trim().is_empty() {
                "(no title)"
            } else {
                title.trim()
            };
            let _ = writeln!(out, "  {title}");
            let _ = writeln!(out, "  {}", clean(&page.url));
            let _ = writeln!(
                out,
                "    why: {}",
                clean(&page.relevance.reasons.join("; "))
            );
            let _ = writeln!(out, "    found by: {}", clean(&page.found_by.join(" | ")));
            out.push('\n');
        }
    }
    if results.pages.is_empty() {
        out.push_str("Nothing that looks like you in the results.\n\n");
    }
    let problems: Vec<_> = results
        .queries
        .iter()
        .filter(|q| matches!(q.status, QueryStatus::Blocked | QueryStatus::Failed))
        .collect();
    if !problems.is_empty() {
        out.push_str(
            "Not searched: these did not run properly, so they tell you nothing. Run them by\n\
             hand with `findable queries`.\n\n",
        );
        for q in problems {
            let status = if q.status == QueryStatus::Blocked {
                "blocked"
            } else {
                "failed"
            };
            let _ = writeln!(out, "  {} ({status})", clean(&q.query));
            let reason = clean(q.reason.as_deref().unwrap_or_default());
            for line in textwrap::wrap(&reason, 74) {
                let _ = writeln!(out, "    {line}");
            }
        }
        out.push('\n');
    }
    let mut engines: Vec<&str> = results
        .queries
        .iter()
        .flat_map(|q| q.unresponsive_engines.iter().map(String::as_str))
        .collect();
    engines.sort_unstable();
    engines.dedup();
    if !engines.is_empty() {
        let _ = writeln!(
            out,
            "Some {backend} engines did not answer: {}\n",
            clean(&engines.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "{} {} on {backend}: {} with results, {} empty, {} blocked, {} failed; {} about other \
         people left out.",
        if results.partial { "Partial:" } else { "Ran" },
        plural_forms(results.queries.len(), "search", "searches"),
        results.count(QueryStatus::Ok),
        results.count(QueryStatus::Empty),
        results.count(QueryStatus::Blocked),
        results.count(QueryStatus::Failed),
        plural(results.pages_about_others, "page")
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relevance::Relevance;
    use crate::search_results::SearchOutcome;

    fn page(title: &str, url: &str, class: MatchClass, why: &str, by: &str) -> JudgedPage {
        JudgedPage {
            url: url.into(),
            title: title.into(),
            snippet: String::new(),
            relevance: Relevance {
                class,
                reasons: vec![why.into()],
                platform: None,
            },
            found_by: vec![by.into()],
        }
    }

    fn outcome(query: &str, status: QueryStatus, reason: Option<&str>) -> SearchOutcome {
        SearchOutcome {
            query: query.into(),
            backend: "searxng".into(),
            status,
            reason: reason.map(String::from),
            unresponsive_engines: Vec::new(),
            results: Vec::new(),
            dropped: 0,
        }
    }

    fn fixture() -> SearchResults {
        let mut slow = outcome("\"Ms Smith\" \"Oakwood Academy\"", QueryStatus::Ok, None);
        slow.unresponsive_engines = vec!["google: CAPTCHA".into(), "bing: timeout".into()];
        SearchResults {
            partial: false,
            queries: vec![
                outcome("\"Jane Smith\" \"Oakwood Academy\"", QueryStatus::Ok, None),
                slow,
                outcome("\"janesmith_teach\"", QueryStatus::Empty, None),
                outcome(
                    "\"Jane Smith\" Leeds",
                    QueryStatus::Blocked,
                    Some("the search service showed a bot check instead of results"),
                ),
            ],
            pages: vec![
                page(
                    "Our staff | Oakwood Academy",
                    "https://www.oakwood.example/staff",
                    MatchClass::Confirmed,
                    "on your school's website",
                    "\"Jane Smith\" \"Oakwood Academy\"",
                ),
                page(
                    "Oakwood PTA: raffle winners",
                    "https://social.example/oakwoodpta/1",
                    MatchClass::Likely,
                    "names \"Jane Smith\"; mentions Oakwood Academy",
                    "\"Jane Smith\" \"Oakwood Academy\"",
                ),
                page(
                    "",
                    "https://people.example/jane-smith",
                    MatchClass::Possible,
                    "names \"Jane Smith\"",
                    "\"Ms Smith\" \"Oakwood Academy\"",
                ),
            ],
            pages_about_others: 1,
        }
    }

    #[test]
    fn search_snapshot_text() {
        insta::assert_snapshot!("search_text", text(&fixture(), "SearXNG"));
    }

    #[test]
    fn nothing_found_and_a_hostile_title_are_said_plainly() {
        let mut results = fixture();
        results.pages[0].title = "\u{1b}[2Jtitle\u{202e}".into();
        let out = text(&results, "SearXNG");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{out}"
        );
        results.pages.clear();
        results.partial = true;
        let out = text(&results, "DuckDuckGo");
        assert!(out.contains("Nothing that looks like you in the results."));
        assert!(out.contains("Partial: 4 searches on DuckDuckGo"), "{out}");
    }
}

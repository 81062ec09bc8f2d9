//! What a run of searches found, as plain data: each search's outcome with the pages it
//! returned that may be about the person, and every such page once, judged over the whole
//! run. Made from the raw results and the relevance verdicts; `render::search` shows it.

use serde::Serialize;

use crate::evidence::{QueryResult, QueryStatus};
use crate::relevance::{JudgedPage, JudgedSearches};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// True when the run was stopped before every search ran.
    pub partial: bool,
    pub queries: Vec<SearchOutcome>,
    /// Every page that may be about the person, once each, strongest first.
    pub pages: Vec<JudgedPage>,
    /// Distinct pages left out as being about someone else.
    pub pages_about_others: usize,
}

/// One search and what it returned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchOutcome {
    pub query: String,
    pub backend: String,
    pub status: QueryStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unresponsive_engines: Vec<String>,
    /// The pages this search returned that may be about the person, as judged overall.
    pub results: Vec<JudgedPage>,
    /// Results that were about someone else.
    pub dropped: usize,
}

impl SearchResults {
    /// Each search of `results` with its pages as `judged` over the whole run.
    pub fn new(results: &[QueryResult], judged: &JudgedSearches, partial: bool) -> Self {
        let queries = results
            .iter()
            .map(|r| {
                let pages: Vec<JudgedPage> = r
                    .results
                    .iter()
                    .filter_map(|hit| judged.page(&hit.url).cloned())
                    .collect();
                SearchOutcome {
                    query: r.query.clone(),
                    backend: r.backend.clone(),
                    status: r.status,
                    reason: r.reason.clone(),
                    unresponsive_engines: r.unresponsive_engines.clone(),
                    dropped: r.results.len() - pages.len(),
                    results: pages,
                }
            })
            .collect();
        SearchResults {
            partial,
            queries,
            pages: judged.pages.clone(),
            pages_about_others: judged.about_others,
        }
    }

    /// How many searches ended with `status`.
    pub fn count(&self, status: QueryStatus) -> usize {
        self.queries.iter().filter(|q| q.status == status).count()
    }
}

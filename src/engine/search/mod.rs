//! Search backends: run a plan's queries on SearXNG, DuckDuckGo's HTML page or the Brave
//! Search API, with the engine's politeness and retries, and read each answer honestly:
//! results, a clear "nothing", a block, or a failure, never a block taken as "nothing".

pub mod brave;
pub mod duckduckgo;
mod run;
pub mod searxng;
mod text;

pub use run::Backend;

use crate::evidence::SearchHit;

/// What a backend's answer said, before it becomes a [`crate::evidence::QueryResult`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Hits (possibly none: then the query is `empty`), and engines that did not answer.
    Results {
        hits: Vec<SearchHit>,
        unresponsive: Vec<String>,
    },
    /// The backend refused us; the text says how, in plain words.
    Blocked(String),
    /// Misconfigured or broken; the text says what to do where possible.
    Failed(String),
}

/// A backend request, before the engine sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub url: url::Url,
    pub method: crate::catalog::HttpMethod,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

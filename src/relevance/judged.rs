//! Every search result judged once: the distinct pages that may be about the person, each
//! at its strongest verdict with the searches that found it, and how many distinct pages
//! were about someone else. Assess, `findable search` and the "Is this you?" review all
//! read this, so their counts cannot disagree.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{MatchClass, Matcher, Relevance};
use crate::evidence::QueryResult;

/// One web page that may be about the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudgedPage {
    pub url: String,
    pub title: String,
    pub snippet: String,
    /// The strongest verdict any search's copy of this page earned.
    #[serde(flatten)]
    pub relevance: Relevance,
    /// The searches that returned it, in the order they ran.
    pub found_by: Vec<String>,
}

/// The verdict on all the searches of one run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudgedSearches {
    /// Pages that may be about the person: strongest first, then in the order found.
    pub pages: Vec<JudgedPage>,
    /// Distinct pages with nothing tying them to the person, left out.
    pub about_others: usize,
}

impl JudgedSearches {
    /// Judges every result of every search; a page found by several searches counts once.
    pub fn judge(searches: &[QueryResult], matcher: &Matcher) -> Self {
        let mut pages: Vec<JudgedPage> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut others: Vec<&str> = Vec::new();
        for search in searches {
            for hit in &search.results {
                let Some(relevance) = matcher.judge(hit) else {
                    if !others.contains(&hit.url.as_str()) {
                        others.push(&hit.url);
                    }
                    continue;
                };
                match index.get(hit.url.as_str()) {
                    Some(&i) => {
                        let page = &mut pages[i];
                        if relevance.class > page.relevance.class {
                            page.relevance = relevance;
                            page.title.clone_from(&hit.title);
                            page.snippet.clone_from(&hit.snippet);
                        }
                        if !page.found_by.contains(&search.query) {
                            page.found_by.push(search.query.clone());
                        }
                    }
                    None => {
                        index.insert(&hit.url, pages.len());
                        pages.push(JudgedPage {
                            url: hit.url.clone(),
                            title: hit.title.clone(),
                            snippet: hit.snippet.clone(),
                            relevance,
                            found_by: vec![search.query.clone()],
                        });
                    }
                }
            }
        }
        // A page one search tied to the person is not "about someone else" because another
        // search's copy of it carried less.
        let about_others = others.iter().filter(|u| !index.contains_key(*u)).count();
        // Stable: pages of one class keep the order the searches found them in.
        pages.sort_by_key(|p| std::cmp::Reverse(p.relevance.class));
        Self {
            pages,
            about_others,
        }
    }

    /// The verdict on `url`, when it may be about the person.
    pub fn page(&self, url: &str) -> Option<&JudgedPage> {
        self.pages.iter().find(|p| p.url == url)
    }

    /// How many pages are of `class`.
    pub fn count(&self, class: MatchClass) -> usize {
        self.pages
            .iter()
            .filter(|p| p.relevance.class == class)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::{QueryStatus, SearchHit};
    use crate::subject::Subject;
    use crate::variants::Variants;

    fn hit(url: &str, title: &str) -> SearchHit {
        SearchHit {
            url: url.into(),
            title: title.into(),
            snippet: String::new(),
            rank: 1,
        }
    }

    fn search(query: &str, hits: Vec<SearchHit>) -> QueryResult {
        QueryResult {
            query: query.into(),
            backend: "searxng".into(),
            status: QueryStatus::Ok,
            reason: None,
            results: hits,
            unresponsive_engines: Vec::new(),
        }
    }

    #[test]
    fn a_page_found_twice_counts_once_at_its_strongest() {
        let jane = Subject {
            name: "Jane Smith".into(),
            school: Some("Oakwood Academy".into()),
            ..Default::default()
        };
        let matcher = Matcher::new(&jane, &Variants::generate(&jane), None, &[]);
        let searches = [
            search(
                "\"Jane Smith\"",
                vec![
                    hit("https://a.test/", "Jane Smith"),
                    hit("https://other.test/", "Bob Jones"),
                ],
            ),
            search(
                "\"Jane Smith\" Oakwood",
                vec![
                    hit("https://a.test/", "Jane Smith, Oakwood Academy"),
                    hit("https://other.test/", "Bob Jones"),
                    hit("https://b.test/", "Jane Smith"),
                ],
            ),
        ];
        let judged = JudgedSearches::judge(&searches, &matcher);
        assert_eq!(judged.pages.len(), 2);
        assert_eq!(judged.about_others, 1, "other.test once, not twice");
        let a = judged.page("https://a.test/").expect("a");
        assert_eq!(a.relevance.class, MatchClass::Likely);
        assert_eq!(a.found_by.len(), 2);
        assert_eq!(judged.pages[0].url, "https://a.test/", "strongest first");
        assert_eq!(judged.count(MatchClass::Possible), 1);
    }
}

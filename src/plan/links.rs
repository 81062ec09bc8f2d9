//! Links a person can click to run a search by hand: each query on the big search
//! engines, and a name in the search box inside the apps pupils use. URL patterns are the
//! sites' own public search addresses (checked 2026-11-22); opening them is the person's act.

use serde::{Deserialize, Serialize};
use url::form_urlencoded::byte_serialize;

use super::queries::PlannedQuery;
use crate::variants::Variant;

/// (engine, URL prefix to which the encoded query is appended).
const ENGINES: &[(&str, &str)] = &[
    ("DuckDuckGo", "https://duckduckgo.com/?q="),
    ("Google", "https://www.google.com/search?q="),
    ("Bing", "https://www.bing.com/search?q="),
];

/// In-app search pages; most need the person to be logged in, which is fine: they run
/// them, not findable.
const IN_APP: &[(&str, &str, &str)] = &[
    ("TikTok", "https://www.tiktok.com/search/user?q=", ""),
    (
        "Instagram",
        "https://www.instagram.com/explore/search/keyword/?q=",
        "",
    ),
    ("Facebook", "https://www.facebook.com/search/people/?q=", ""),
    ("X", "https://x.com/search?q=", "&f=user"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub site: String,
    pub url: String,
}

fn encode(text: &str) -> String {
    byte_serialize(text.as_bytes()).collect()
}

/// The query as a link on each search engine.
pub fn search_links(query: &str) -> Vec<Link> {
    ENGINES
        .iter()
        .map(|(site, prefix)| Link {
            site: (*site).to_string(),
            url: format!("{prefix}{}", encode(query)),
        })
        .collect()
}

/// The name typed into each app's own search.
pub fn in_app_links(name: &str) -> Vec<Link> {
    IN_APP
        .iter()
        .map(|(site, prefix, suffix)| Link {
            site: (*site).to_string(),
            url: format!("{prefix}{}{suffix}", encode(name)),
        })
        .collect()
}

/// Names worth typing into an app's search box: the likeliest few.
pub const IN_APP_NAMES: usize = 3;

/// One search a pupil might run, with a link to run it on each search engine.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryLinks {
    pub query: String,
    /// The template that made it.
    pub source: String,
    /// The check it belongs to, for a platform's own searches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    pub links: Vec<Link>,
}

/// A name, with a link to it in each app's own search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NameLinks {
    pub name: String,
    pub links: Vec<Link>,
}

/// Every search as links to open by hand, and the likeliest names in the apps' searches:
/// what `findable queries` lists and the offline audit embeds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchLinks {
    pub queries: Vec<QueryLinks>,
    pub in_app: Vec<NameLinks>,
}

impl SearchLinks {
    /// Links for `planned`, and for the first [`IN_APP_NAMES`] of `names` (likeliest first).
    pub fn build(planned: &[PlannedQuery], names: &[Variant]) -> SearchLinks {
        SearchLinks {
            queries: planned
                .iter()
                .map(|q| QueryLinks {
                    query: q.text.clone(),
                    source: q.source.clone(),
                    platform: q.platform.clone(),
                    links: search_links(&q.text),
                })
                .collect(),
            in_app: names
                .iter()
                .take(IN_APP_NAMES)
                .map(|n| NameLinks {
                    name: n.text.clone(),
                    links: in_app_links(&n.text),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_encoded_once_and_fully() {
        let links = search_links("\"Jane Smith\" \"Oakwood & Co\"");
        assert_eq!(
            links[0].url,
            "https://duckduckgo.com/?q=%22Jane+Smith%22+%22Oakwood+%26+Co%22"
        );
        assert_eq!(links.len(), 3);
    }

    #[test]
    fn in_app_links_keep_their_suffix() {
        let x = in_app_links("Zoë Taylor").pop().expect("x");
        assert_eq!(x.url, "https://x.com/search?q=Zo%C3%AB+Taylor&f=user");
    }

    #[test]
    fn search_links_cover_every_query_and_the_likeliest_names() {
        let planned = vec![PlannedQuery {
            text: "\"Jane Smith\"".into(),
            source: "name".into(),
            platform: None,
            weight: 1.0,
        }];
        let names: Vec<Variant> = ["Jane Smith", "Ms Smith", "Janey Smith", "Miss Smith"]
            .iter()
            .map(|n| Variant {
                text: (*n).into(),
                source: "test".into(),
                weight: 1.0,
            })
            .collect();
        let links = SearchLinks::build(&planned, &names);
        assert_eq!(links.queries.len(), 1);
        assert_eq!(links.queries[0].links, search_links("\"Jane Smith\""));
        assert_eq!(links.in_app.len(), IN_APP_NAMES);
        assert_eq!(links.in_app[2].name, "Janey Smith");
    }
}

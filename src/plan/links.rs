//! Links a person can click to run a search by hand: each query on the big search
//! engines, and a name in the search box inside the apps pupils use. URL patterns are the
//! sites' own public search addresses (checked 2026-11-22); opening them is the person's act.

use serde::Serialize;
use url::form_urlencoded::byte_serialize;

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
}

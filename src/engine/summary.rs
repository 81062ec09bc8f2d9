//! What a found profile says about its owner (display name, bio, location), read from the
//! page's own metadata or a JSON answer, so "Is this you?" can be answered without opening
//! every link. Best effort and pure: a page that says nothing gives nothing.

use scraper::{Html, Selector};

use crate::evidence::PageSummary;

/// Longest piece kept: enough to recognise a bio, not a whole page.
const MAX_CHARS: usize = 200;

/// The summary of a profile page or API answer, when it says anything.
pub fn of(body: &str) -> Option<PageSummary> {
    let trimmed = body.trim_start();
    let summary = if trimmed.starts_with('{') {
        from_json(trimmed)
    } else {
        from_html(body)
    };
    summary.map(|s| PageSummary {
        name: s.name.and_then(tidy),
        bio: s.bio.and_then(tidy),
        location: s.location.and_then(tidy),
    })
}

/// Profile APIs name these fields in a few common ways (GitHub's `name`/`bio`/`location`,
/// oEmbed's `author_name`, others' `display_name` or `description`).
fn from_json(body: &str) -> Option<PageSummary> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let field = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| value.get(k).and_then(|v| v.as_str()).map(str::to_string))
    };
    Some(PageSummary {
        name: field(&[
            "name",
            "display_name",
            "displayName",
            "author_name",
            "title",
        ]),
        bio: field(&["bio", "description", "about", "summary"]),
        location: field(&["location", "city"]),
    })
}

fn from_html(body: &str) -> Option<PageSummary> {
    let page = Html::parse_document(body);
    let meta = |names: &[&str]| {
        names.iter().find_map(|name| {
            let css = format!("meta[property=\"{name}\"], meta[name=\"{name}\"]");
            let selector = Selector::parse(&css).ok()?;
            page.select(&selector)
                .find_map(|m| m.value().attr("content"))
                .map(str::to_string)
        })
    };
    let title = || {
        let selector = Selector::parse("title").ok()?;
        page.select(&selector)
            .next()
            .map(|t| t.text().collect::<String>())
    };
    Some(PageSummary {
        name: meta(&["og:title", "twitter:title", "profile:username"]).or_else(title),
        bio: meta(&["og:description", "twitter:description", "description"]),
        location: meta(&["og:locality", "geo.placename"]),
    })
}

/// One line, trimmed, at most [`MAX_CHARS`]; nothing when empty.
fn tidy(text: String) -> Option<String> {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        return None;
    }
    Some(match line.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_page_metadata_and_json_profiles() {
        let html = r#"<html><head><title>ignored</title>
            <meta property="og:title" content="Jane Smith (@janesmith)">
            <meta name="description" content="  Science teacher.
              Leeds.  "></head><body>...</body></html>"#;
        let page = of(html).expect("summary");
        assert_eq!(page.name.as_deref(), Some("Jane Smith (@janesmith)"));
        assert_eq!(page.bio.as_deref(), Some("Science teacher. Leeds."));
        let json = r#"{"login":"janes","name":"Jane S","bio":null,"location":"Leeds"}"#;
        let api = of(json).expect("summary");
        assert_eq!(api.name.as_deref(), Some("Jane S"));
        assert_eq!(api.bio, None);
        assert_eq!(api.location.as_deref(), Some("Leeds"));
        assert!(of("<html><body>nothing here</body></html>").is_some_and(|p| p.is_empty()));
        let long = format!("{{\"bio\": \"{}\"}}", "x".repeat(500));
        assert!(
            of(&long)
                .and_then(|p| p.bio)
                .is_some_and(|b| b.chars().count() == 201)
        );
    }
}

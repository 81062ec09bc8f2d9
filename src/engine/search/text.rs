//! Turns what a search backend sends (HTML fragments, entity-laden text, URLs) into the
//! plain text and http(s) URLs a `SearchHit` promises, the same way for every backend.

use scraper::{ElementRef, Html, Node};

/// Elements whose content is never shown to a reader, so it is dropped, not kept as text:
/// a hostile `<script>alert(1)</script>` in a snippet leaves nothing behind.
const HIDDEN: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object", "head",
];

/// Elements that separate words when rendered; without a space, `a<br>b` would read `ab`.
const BREAKS: &[&str] = &[
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "hr",
];

/// Plain text of an HTML fragment: tags removed, hidden elements dropped, entities decoded
/// once, whitespace collapsed. Text that was itself escaped markup (`&lt;b&gt;`) stays as the
/// literal characters the backend displays; callers escape text before putting it in HTML.
pub(super) fn plain_text(fragment: &str) -> String {
    let html = Html::parse_fragment(fragment);
    element_text(html.root_element())
}

/// Plain text of an element already in a parsed page, by the same rules as [`plain_text`].
pub(super) fn element_text(element: ElementRef<'_>) -> String {
    enum Step<N> {
        Enter(N),
        Space,
    }
    let mut raw = String::new();
    // An explicit stack, not recursion, so deeply nested hostile markup cannot overflow it.
    let mut stack = vec![Step::Enter(*element)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Space => {
                raw.push(' ');
                continue;
            }
            Step::Enter(node) => node,
        };
        match node.value() {
            Node::Text(text) => raw.push_str(text),
            Node::Element(el) => {
                let name = el.name();
                if HIDDEN.contains(&name) {
                    continue;
                }
                if BREAKS.contains(&name) {
                    raw.push(' ');
                    stack.push(Step::Space);
                }
                stack.extend(node.children().rev().map(Step::Enter));
            }
            _ => {}
        }
    }
    tidy(&raw)
}

/// Collapses whitespace and removes characters that could act on a terminal or reorder the
/// text on screen (control characters, bidirectional overrides): findable prints these.
pub(super) fn tidy(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            word.chars()
                .filter(|c| !c.is_control() && !is_bidi_control(*c))
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The URL as an absolute http(s) address, normalised by the `url` crate; anything else
/// (javascript:, data:, relative, garbage) is `None`, so the hit is skipped.
pub(super) fn http_url(raw: &str) -> Option<String> {
    let parsed = url::Url::parse(raw.trim()).ok()?;
    match parsed.scheme() {
        "http" | "https" if parsed.host_str().is_some_and(|h| !h.is_empty()) => Some(parsed.into()),
        _ => None,
    }
}

/// `base` with `segments` appended to its path, keeping any prefix it has, so an instance
/// served under `http://host/searxng` (with or without the final slash) is reached.
pub(super) fn endpoint(base: &url::Url, segments: &[&str]) -> url::Url {
    let mut url = base.clone();
    url.set_query(None);
    url.set_fragment(None);
    // A base that cannot have a path (mailto: and the like) is left alone; sending it fails
    // visibly later, which is better than guessing here.
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_markup_becomes_plain_text_and_script_content_is_dropped() {
        let text = plain_text("<script>alert(1)</script><b>Jane</b> &amp; co");
        assert_eq!(text, "Jane & co");
        let text = plain_text("<style>p{}</style><img src=x onerror=alert(1)>Hi<br>there");
        assert_eq!(text, "Hi there");
    }

    #[test]
    fn escaped_markup_stays_literal_text() {
        assert_eq!(plain_text("5 &lt;b&gt; 6"), "5 <b> 6");
    }

    #[test]
    fn whitespace_and_terminal_controls_are_removed() {
        assert_eq!(
            plain_text("  Jane\n\t Smith\u{1b}[2J \u{202E}evil&nbsp;x "),
            "Jane Smith[2J evil x"
        );
    }

    #[test]
    fn endpoint_keeps_the_base_prefix() {
        let at = |base: &str| endpoint(&url::Url::parse(base).unwrap(), &["search"]).to_string();
        assert_eq!(at("http://host:8888"), "http://host:8888/search");
        assert_eq!(at("http://host/searxng/"), "http://host/searxng/search");
        assert_eq!(at("http://host/searxng"), "http://host/searxng/search");
        assert_eq!(
            at("http://host/searxng/?x=1#f"),
            "http://host/searxng/search"
        );
    }

    #[test]
    fn only_http_urls_are_kept() {
        assert_eq!(
            http_url(" https://example.org/a?b=1 ").as_deref(),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(
            http_url("http://example.org").as_deref(),
            Some("http://example.org/")
        );
        assert_eq!(http_url("javascript:alert(1)"), None);
        assert_eq!(http_url("ftp://example.org/file"), None);
        assert_eq!(http_url("/relative/path"), None);
        assert_eq!(http_url(""), None);
    }
}

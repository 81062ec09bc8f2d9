//! The one layout every HTML page shares: the same `<head>` (a Content-Security-Policy
//! that allows no script and no fetch), the one stylesheet with its print rules, and the
//! header, main and footer landmarks. Also the only way a page links out: [`link`].

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::escape;

/// Nothing may be fetched or run: the only thing allowed is the page's own `<style>`.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; \
                       base-uri 'none'; form-action 'none'";

/// The stylesheet, print rules included (A4, no breaks inside a card, link addresses
/// printed after links on paper).
pub const CSS: &str = include_str!("page.css");

/// What a page puts in its landmarks; the layout around them is always the same.
pub struct Page<'a> {
    /// The window title (untrusted text is cleaned and escaped here).
    pub title: &'a str,
    pub header: Markup,
    /// In-page contents, shown on screen only.
    pub nav: Option<Markup>,
    pub main: Markup,
    pub footer: Markup,
}

/// What goes in a page's `<head>` besides its title: the policy, and where the stylesheet
/// and any script come from.
#[derive(Debug, Clone, Copy)]
pub struct Head<'a> {
    /// The Content-Security-Policy, also given as a `<meta>` so a saved copy keeps it.
    pub csp: &'a str,
    /// `None` puts [`CSS`] in the page, for a document that stands alone; `Some(href)`
    /// links a stylesheet served beside the page instead.
    pub stylesheet: Option<&'a str>,
    /// A script served beside the page, loaded deferred; the page must work without it.
    pub script: Option<&'a str>,
}

/// A document: one file, its stylesheet inside, nothing fetched and nothing run.
pub const DOCUMENT: Head<'static> = Head {
    csp: CSP,
    stylesheet: None,
    script: None,
};

/// The whole page as one standalone document.
pub fn render(page: Page<'_>) -> String {
    render_with(page, &DOCUMENT)
}

/// The whole page with `head`'s policy, stylesheet and script.
pub fn render_with(page: Page<'_>, head: &Head<'_>) -> String {
    html! {
        (DOCTYPE)
        html lang="en-GB" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(head.csp);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (escape::text(page.title)) }
                @match head.stylesheet {
                    Some(href) => link rel="stylesheet" href=(href);,
                    None => style { (PreEscaped(CSS)) },
                }
                @if let Some(src) = head.script {
                    script src=(src) defer {}
                }
            }
            body {
                header { (page.header) }
                @if let Some(nav) = page.nav {
                    nav aria-label="Contents" { (nav) }
                }
                main { (page.main) }
                footer { (page.footer) }
            }
        }
    }
    .into_string()
        + "\n"
}

/// Untrusted text for a page: control characters and bidi overrides cleaned; maud escapes
/// the rest when it is rendered.
pub fn text(s: &str) -> std::borrow::Cow<'_, str> {
    escape::text(s)
}

/// A link to `url` with text saying where it goes, only when `url` is a well-formed
/// http(s) address; anything else is shown as text with the reason it is not a link. On
/// paper the print rules add the address after the link.
pub fn link(url: &str, label: &str) -> Markup {
    link_with(url, label, false)
}

/// Like [`link`], with the address itself shown under it, on screen and on paper.
pub fn link_and_address(url: &str, label: &str) -> Markup {
    link_with(url, label, true)
}

/// Like [`link`] on screen; on paper only the address, in the same place (a list of
/// profile pages prints as a list of addresses to type, not labels and addresses).
pub fn shown_on_paper(url: &str, label: &str) -> Markup {
    match escape::web_url(url) {
        Some(href) => html! {
            a.shown href=(href) rel="noopener noreferrer" { (text(label)) }
            span.url.paper { (text(url)) }
        },
        None => link(url, label),
    }
}

fn link_with(url: &str, label: &str, show_address: bool) -> Markup {
    if url.trim().is_empty() {
        return html! { span.note { (super::NO_URL) } };
    }
    match escape::web_url(url) {
        Some(href) if show_address => html! {
            a.shown href=(href) rel="noopener noreferrer" { (text(label)) }
            br;
            span.url { (text(url)) }
        },
        Some(href) => html! {
            a href=(href) rel="noopener noreferrer" { (text(label)) }
        },
        None => html! {
            span.url { (text(url)) }
            " "
            span.note { "(not a web address, so not a link)" }
        },
    }
}

/// Our own wording, with `backticked` parts shown as code (a command to type).
pub fn prose(s: &str) -> Markup {
    html! {
        @for (i, part) in s.split('`').enumerate() {
            @if i % 2 == 1 { code { (part) } } @else { (part) }
        }
    }
}

/// What is wrong with `page` as a findable page, one line each; empty when nothing is.
/// Every page must hold nothing that runs or fetches (no script, handler, `src`, inline
/// style or non-web link), carry the policy, have one `h1` and each landmark at most once
/// (header, main and footer exactly once), headings that never skip a level, table
/// headers with a scope, and in-page links that land. Tests of every page and the
/// onboarding test of 60 packs use it; a real browser checks the rest in CI.
pub fn problems(page: &str) -> Vec<String> {
    use scraper::{Html, Selector};
    let mut out = Vec::new();
    let doc = Html::parse_document(page);
    let select = |css: &str| match Selector::parse(css) {
        Ok(selector) => doc.select(&selector).collect::<Vec<_>>(),
        Err(_) => Vec::new(),
    };
    let policy = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">");
    if !page.contains(&policy) {
        out.push("no Content-Security-Policy, or another one".to_string());
    }
    for el in select("*") {
        let name = el.value().name();
        if matches!(
            name,
            "script" | "img" | "iframe" | "object" | "embed" | "link" | "base" | "form"
        ) {
            out.push(format!("<{name}> in the page"));
        }
        for (attr, value) in el.value().attrs() {
            if attr.starts_with("on") {
                out.push(format!("event handler {attr}={value:?} on <{name}>"));
            }
            if matches!(attr, "src" | "srcset" | "style") {
                out.push(format!("{attr}={value:?} on <{name}>"));
            }
        }
        if name == "a" {
            let href = el.value().attr("href").unwrap_or("");
            let web = href.starts_with("https://") || href.starts_with("http://");
            if !web && !href.starts_with('#') {
                out.push(format!("link to {href:?}: only web addresses and #anchors"));
            }
            if web && el.value().attr("rel") != Some("noopener noreferrer") {
                out.push(format!(
                    "link to {href:?} without rel=\"noopener noreferrer\""
                ));
            }
            let label: String = el.text().collect();
            if label.trim().chars().count() < 5 || label.trim().eq_ignore_ascii_case("link") {
                out.push(format!("link text {label:?} does not say where it goes"));
            }
        }
    }
    if select("html[lang=\"en-GB\"]").len() != 1 {
        out.push("no lang=\"en-GB\" on <html>".to_string());
    }
    for (landmark, wanted) in [
        ("body > header", 1..=1),
        ("body > nav", 0..=1),
        ("body > main", 1..=1),
        ("body > footer", 1..=1),
        ("h1", 1..=1),
    ] {
        let n = select(landmark).len();
        if !wanted.contains(&n) {
            out.push(format!("{n} of {landmark}"));
        }
    }
    if !select("th:not([scope])").is_empty() {
        out.push("a table header without scope".to_string());
    }
    let mut last = 0;
    for h in select("h1, h2, h3, h4, h5, h6") {
        let level: usize = h.value().name()[1..].parse().unwrap_or(9);
        if level > last + 1 {
            out.push(format!("heading jumps from h{last} to h{level}"));
        }
        last = level;
    }
    for a in select("a[href^=\"#\"]") {
        let id = &a.value().attr("href").unwrap_or("#")[1..];
        if select(&format!("[id=\"{id}\"]")).len() != 1 {
            out.push(format!(
                "in-page link #{id} lands nowhere (or in two places)"
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_only_to_web_addresses() {
        let ok = link("https://example.com/a\"b", "Example").into_string();
        assert_eq!(
            ok,
            "<a href=\"https://example.com/a%22b\" rel=\"noopener noreferrer\">Example</a>"
        );
        let bad = link("javascript:alert(1)", "<b>x</b>").into_string();
        assert!(!bad.contains("<a"), "{bad}");
        assert!(bad.contains("javascript:alert(1)</span>"));
        let shown = link_and_address("https://example.com/", "Example").into_string();
        assert!(shown.contains("class=\"shown\"") && shown.contains("<br>"));
        assert!(link("", "x").into_string().contains("no address"));
    }

    #[test]
    fn prose_shows_commands_as_code() {
        assert_eq!(
            prose("run `findable incident` now & <then>").into_string(),
            "run <code>findable incident</code> now &amp; &lt;then&gt;"
        );
    }

    #[test]
    fn every_page_has_one_head_with_the_policy_and_the_landmarks() {
        let page = render(Page {
            title: "T\u{1b}itle <x>",
            header: html! { h1 { "Heading" } },
            nav: None,
            main: html! { p { "Body" } },
            footer: html! { p { "Foot" } },
        });
        assert!(page.starts_with("<!DOCTYPE html><html lang=\"en-GB\"><head>"));
        assert!(page.contains(&format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
        )));
        assert!(page.contains("<title>T itle &lt;x&gt;</title>"));
        for landmark in ["<header>", "<main>", "<footer>"] {
            assert_eq!(page.matches(landmark).count(), 1, "{landmark}");
        }
        assert!(!page.contains("<nav"));
        assert!(CSS.contains("@page{size:A4"));
        assert!(CSS.contains("attr(href)"));
    }

    #[test]
    fn problems_names_each_thing_a_page_must_not_have() {
        let good = render(Page {
            title: "T",
            header: html! { h1 { "Heading" } },
            nav: None,
            main: html! { h2 { "Part" } p { (link("https://example.com/", "Example site")) } },
            footer: html! { p { "Foot" } },
        });
        assert_eq!(problems(&good), Vec::<String>::new());
        let bad = good
            .replace(
                "<h2>Part</h2>",
                "<h4>Part</h4><script>1</script><a href=\"file:///x\">here</a>",
            )
            .replace(
                "<footer>",
                "<p style=\"color:red\" onclick=\"x()\">x</p><footer>",
            );
        let found = problems(&bad).join("\n");
        for said in [
            "<script>",
            "onclick",
            "style=",
            "file:///x",
            "\"here\"",
            "h1 to h4",
        ] {
            assert!(found.contains(said), "{said}: {found}");
        }
    }
}

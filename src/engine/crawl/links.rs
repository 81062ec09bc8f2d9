//! What a crawler reads from a page before fetching the next: its links (resolved, kept
//! only when they stay on the school's own site), a sitemap's addresses, and how likely
//! an address is to name staff, so the pages that do are fetched first. Pure.

use scraper::{Html, Selector};
use url::Url;

/// Path and link words of the pages that name staff, strongest first: a school's staff
/// list, its governors, its contacts, then its news (where "Miss Smith's class" turns up).
const STAFF_WORDS: &[(&str, u8)] = &[
    ("staff", 9),
    ("our-people", 9),
    ("ourpeople", 9),
    ("our people", 9),
    ("team", 8),
    ("people", 8),
    ("teachers", 8),
    ("meet", 7),
    ("governor", 7),
    ("governance", 7),
    ("trustee", 7),
    ("leadership", 7),
    ("who-we-are", 6),
    ("who we are", 6),
    ("contact", 6),
    ("about", 5),
    ("class", 4),
    ("year", 3),
    ("news", 3),
    ("newsletter", 3),
    ("blog", 2),
];

/// Files that are not pages: fetching them would spend the page budget on nothing this
/// scan reads.
const NOT_PAGES: &[&str] = &[
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".jpg", ".jpeg", ".png", ".gif",
    ".webp", ".svg", ".ico", ".mp3", ".mp4", ".mov", ".avi", ".zip", ".css", ".js", ".xml",
    ".json", ".rss", ".ics", ".txt",
];

/// The school's site: the same host, with or without `www.` (a site linking
/// `oakwood.sch.uk` from `www.oakwood.sch.uk` is still the school's).
pub fn same_site(a: &Url, b: &Url) -> bool {
    let bare = |u: &Url| {
        let host = u.host_str().unwrap_or_default().to_ascii_lowercase();
        host.strip_prefix("www.")
            .map(str::to_string)
            .unwrap_or(host)
    };
    a.host_str().is_some() && bare(a) == bare(b)
}

/// An address worth fetching as a page: http(s), no user name or password in it, no
/// fragment (the same page), and not a file of a kind this scan does not read.
pub fn page_address(url: &Url) -> Option<Url> {
    if !matches!(url.scheme(), "http" | "https")
        || url.host_str().is_none()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return None;
    }
    let path = url.path().to_ascii_lowercase();
    if NOT_PAGES.iter().any(|ext| path.ends_with(ext)) {
        return None;
    }
    let mut url = url.clone();
    url.set_fragment(None);
    Some(url)
}

/// Every link of a page, resolved against `base` (or the page's own `<base href>` when it
/// is on the same site), with the link's text, in page order.
pub fn links(html: &str, base: &Url) -> Vec<(Url, String)> {
    let page = Html::parse_document(html);
    let (Ok(anchors), Ok(bases)) = (Selector::parse("a[href]"), Selector::parse("base[href]"))
    else {
        return Vec::new();
    };
    let base = page
        .select(&bases)
        .next()
        .and_then(|b| b.value().attr("href"))
        .and_then(|href| base.join(href).ok())
        .filter(|b| same_site(b, base))
        .unwrap_or_else(|| base.clone());
    page.select(&anchors)
        .filter_map(|a| {
            let href = a.value().attr("href")?.trim();
            let url = base.join(href).ok()?;
            let text = a.text().collect::<Vec<_>>().join(" ");
            Some((url, text.split_whitespace().collect::<Vec<_>>().join(" ")))
        })
        .collect()
}

/// How likely a page is to name staff, from its address and the text of the link to it:
/// 0 for nothing telling, up to 9 for a staff page.
pub fn staff_likelihood(url: &Url, link_text: &str) -> u8 {
    let path = url.path().to_ascii_lowercase();
    let text = link_text.to_ascii_lowercase();
    STAFF_WORDS
        .iter()
        .filter(|(word, _)| path.contains(word) || text.contains(word))
        .map(|(_, score)| *score)
        .max()
        .unwrap_or(0)
}

/// The addresses in a sitemap (`<urlset>`) or the sitemaps in a sitemap index
/// (`<sitemapindex>`): `(pages, sitemaps)`. A sitemap is plain XML written by the site's
/// software; only `<loc>` matters, so it is read as text.
pub fn sitemap(xml: &str) -> (Vec<String>, Vec<String>) {
    let mut locs = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<loc>") {
        rest = &rest[start + "<loc>".len()..];
        let Some(end) = rest.find("</loc>") else {
            break;
        };
        let loc = rest[..end].trim();
        let loc = loc
            .strip_prefix("<![CDATA[")
            .and_then(|l| l.strip_suffix("]]>"))
            .unwrap_or(loc);
        locs.push(unescape(loc.trim()));
        rest = &rest[end..];
    }
    if xml.contains("<sitemapindex") {
        (Vec::new(), locs)
    } else {
        (locs, Vec::new())
    }
}

/// The five entities XML has; sitemaps must escape `&` in addresses.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    #[test]
    fn links_resolve_against_the_page_and_keep_their_text() {
        let html = r#"<a href="/staff">Our <b>staff</b></a> <a href="news/1.html#top">News</a>
            <a href="mailto:office@oakwood.sch.uk">Email</a> <a href="https://evil.example/">x</a>"#;
        let found = links(html, &url("https://www.oakwood.sch.uk/about/"));
        let shown: Vec<(String, &str)> = found
            .iter()
            .map(|(u, t)| (u.to_string(), t.as_str()))
            .collect();
        assert_eq!(
            shown[0],
            ("https://www.oakwood.sch.uk/staff".into(), "Our staff")
        );
        assert_eq!(
            shown[1].0,
            "https://www.oakwood.sch.uk/about/news/1.html#top"
        );
        assert_eq!(found.len(), 4);
        let pages: Vec<Url> = found.iter().filter_map(|(u, _)| page_address(u)).collect();
        assert_eq!(pages.len(), 3, "mailto: is not a page");
        assert_eq!(pages[1].fragment(), None);
        assert!(!same_site(&pages[2], &url("https://www.oakwood.sch.uk/")));
        assert!(same_site(
            &url("http://oakwood.sch.uk/x"),
            &url("https://www.oakwood.sch.uk/")
        ));
    }

    #[test]
    fn files_and_credentials_are_not_pages() {
        assert!(page_address(&url("https://s.uk/newsletter.PDF")).is_none());
        assert!(page_address(&url("https://user:pw@s.uk/staff")).is_none());
        assert!(page_address(&url("ftp://s.uk/staff")).is_none());
        assert!(page_address(&url("https://s.uk/staff?page=2")).is_some());
    }

    #[test]
    fn staff_pages_come_first() {
        let score = |path: &str, text: &str| staff_likelihood(&url(path), text);
        assert_eq!(score("https://s.uk/our-staff", ""), 9);
        assert_eq!(score("https://s.uk/page/12", "Meet the team"), 8);
        assert_eq!(score("https://s.uk/governors", ""), 7);
        assert_eq!(score("https://s.uk/term-dates", "Term dates"), 0);
    }

    #[test]
    fn sitemaps_and_indexes() {
        let (pages, maps) = sitemap(
            "<?xml version=\"1.0\"?><urlset><url><loc> https://s.uk/a?x=1&amp;y=2 </loc></url>\
             <url><loc><![CDATA[https://s.uk/b]]></loc></url><url><loc>unterminated",
        );
        assert_eq!(pages, ["https://s.uk/a?x=1&y=2", "https://s.uk/b"]);
        assert!(maps.is_empty());
        let (pages, maps) = sitemap(
            "<sitemapindex><sitemap><loc>https://s.uk/pages.xml</loc></sitemap></sitemapindex>",
        );
        assert!(pages.is_empty());
        assert_eq!(maps, ["https://s.uk/pages.xml"]);
    }
}

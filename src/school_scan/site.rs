//! The website part of a school scan: every page read, who it names, and for each member
//! of staff asked about, where their name is. Built from a crawl; pure.

use serde::{Deserialize, Serialize};

use super::page::Page;
use super::people::{self, NameKeys, Named};
use super::{Sighting, Staff};
use crate::engine::crawl::{RobotsFile, SiteCrawl, Skip};

/// Pages listed as not read, at most; the rest are counted.
const MAX_NOT_READ: usize = 30;

/// What the school's website shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Website {
    /// Where the crawl started.
    pub start: String,
    pub pages_read: usize,
    /// Pages longer than findable reads (the rest of each was not looked at).
    #[serde(default)]
    pub pages_cut_off: usize,
    /// Full names found across the site (people, not mentions), with a portrait, and named
    /// only by title and surname; personal-looking email addresses.
    pub named_in_full: usize,
    pub with_photos: usize,
    pub title_only: usize,
    pub personal_emails: usize,
    /// Pages that name anyone in full, most names first.
    pub pages: Vec<PageNames>,
    /// Pages that could not be read, with why in plain words (the first few).
    pub not_read: Vec<NotRead>,
    /// Pages not read beyond those listed, not reached within the page limit, and found
    /// deeper than the depth limit: none of them checked.
    pub not_read_more: usize,
    pub not_reached: usize,
    pub too_deep: usize,
    /// What robots.txt said, in plain words, when it matters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub robots_note: Option<String>,
    /// Before trusting the scan (a private address, say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The crawl was stopped early.
    pub partial: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageNames {
    pub url: String,
    pub title: String,
    pub named_in_full: usize,
    pub with_photos: usize,
    pub title_only: usize,
    pub personal_emails: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotRead {
    pub url: String,
    pub why: String,
}

/// Reads every page of `crawl`: the site's totals, and each person's sightings (in
/// `staff` order).
pub fn read(crawl: &SiteCrawl, staff: &[Staff]) -> (Website, Vec<Vec<Sighting>>) {
    let spotters: Vec<_> = staff.iter().map(Staff::spotter).collect();
    let keys: Vec<NameKeys> = staff.iter().map(Staff::keys).collect();
    let mut sightings = vec![Vec::new(); staff.len()];
    let mut site = Named::default();
    let mut pages = Vec::new();
    for crawled in &crawl.pages {
        let page = Page::parse(&crawled.html);
        for (i, spotter) in spotters.iter().enumerate() {
            if let Some(seen) = people::sighting(&page, &crawled.url, spotter, &keys[i]) {
                sightings[i].push(seen);
            }
        }
        let named = people::named(&page);
        if !named.full.is_empty() || !named.personal_emails.is_empty() {
            pages.push(PageNames {
                url: crawled.url.clone(),
                title: page.title.clone(),
                named_in_full: named.full.len(),
                with_photos: named.with_photo.len(),
                title_only: named.title_only.len(),
                personal_emails: named.personal_emails.len(),
            });
        }
        site.full.extend(named.full);
        site.with_photo.extend(named.with_photo);
        site.title_only.extend(named.title_only);
        site.personal_emails.extend(named.personal_emails);
    }
    pages.sort_by(|a, b| {
        (b.named_in_full + b.with_photos)
            .cmp(&(a.named_in_full + a.with_photos))
            .then(a.url.cmp(&b.url))
    });
    let not_read: Vec<NotRead> = crawl
        .not_crawled
        .iter()
        .map(|n| NotRead {
            url: n.url.clone(),
            why: why(&n.why),
        })
        .collect();
    let listed = not_read.len().min(MAX_NOT_READ);
    let website = Website {
        start: crawl.start.clone(),
        pages_read: crawl.pages.len(),
        pages_cut_off: crawl.pages.iter().filter(|p| p.truncated).count(),
        named_in_full: site.full.len(),
        with_photos: site.with_photo.len(),
        title_only: site.title_only.len(),
        personal_emails: site.personal_emails.len(),
        pages,
        not_read_more: crawl.not_crawled_more + not_read.len() - listed,
        not_read: not_read.into_iter().take(listed).collect(),
        not_reached: crawl.not_reached,
        too_deep: crawl.too_deep,
        robots_note: robots_note(crawl),
        warnings: crawl.warnings.clone(),
        partial: crawl.partial,
    };
    (website, sightings)
}

/// Why a page was not read, for a person who runs a school, not a server.
fn why(skip: &Skip) -> String {
    match skip {
        Skip::Robots => "the site's robots.txt asks tools like findable to stay out (a pupil's browser ignores it)".into(),
        Skip::OffSite { to } => format!(
            "it sends visitors to another website ({to}), which findable does not follow"
        ),
        Skip::Status { status: 404 | 410 } => "the page is missing (a broken link)".into(),
        Skip::Status { status } => format!("the site answered with an error (HTTP {status})"),
        Skip::NotAPage { content_type } if content_type.contains("pdf") => {
            "a PDF: findable does not read documents, so open it yourself".into()
        }
        Skip::NotAPage { .. } => "not a web page".into(),
        Skip::Failed { detail } => format!("no answer ({detail})"),
    }
}

fn robots_note(crawl: &SiteCrawl) -> Option<String> {
    match &crawl.robots {
        RobotsFile::Unreachable { detail } => Some(format!(
            "The site's robots.txt could not be read ({detail}). When it cannot be read, the \
             rules for crawlers say to read nothing, so findable did not look at the site: \
             open the staff, governors and news pages yourself."
        )),
        RobotsFile::Read => {
            let kept_out = crawl
                .not_crawled
                .iter()
                .filter(|n| n.why == Skip::Robots)
                .count();
            (kept_out > 0).then(|| {
                format!(
                    "The site's robots.txt asks tools like findable to stay out of {}; findable \
                     did. Anyone with a browser can still open {}, so look yourself.",
                    if kept_out == 1 {
                        "1 page".to_string()
                    } else {
                        format!("{kept_out} pages")
                    },
                    if kept_out == 1 { "it" } else { "them" }
                )
            })
        }
        RobotsFile::Missing => None,
    }
}

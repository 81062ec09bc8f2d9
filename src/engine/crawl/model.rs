//! What a crawl saw, as plain data: the pages read, the pages not read and why, what
//! robots.txt said, and the limits it stopped at. Written to JSON as it is.

use serde::{Deserialize, Serialize};
use url::Url;

/// Pages not fetched listed one by one at most; the rest are counted.
const MAX_LISTED: usize = 200;

/// One page read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SitePage {
    pub url: String,
    /// Links from the start page (0 for the start page itself).
    pub depth: usize,
    pub status: u16,
    /// The page as text (invalid UTF-8 replaced), untrusted.
    pub html: String,
    /// The page was longer than findable reads.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// Why a page of the site was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "kebab-case")]
pub enum Skip {
    /// The site's robots.txt asks crawlers not to fetch it.
    Robots,
    /// It redirects to another website, which findable does not follow.
    OffSite { to: String },
    /// The server answered with an error status.
    Status { status: u16 },
    /// It is not a web page (a PDF, an image, a download).
    NotAPage { content_type: String },
    /// No answer worth reading: a timeout, a refused connection, a bot wall.
    Failed { detail: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotCrawled {
    pub url: String,
    #[serde(flatten)]
    pub why: Skip,
}

/// What the site's robots.txt said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum RobotsFile {
    /// Read and followed.
    Read,
    /// There is none (a 4xx): crawlers may fetch anything.
    Missing,
    /// It could not be read (a server error or no answer): RFC 9309 then asks crawlers to
    /// fetch nothing, and findable does not.
    Unreachable { detail: String },
}

/// Everything one crawl saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteCrawl {
    /// Where it started.
    pub start: String,
    pub robots: RobotsFile,
    /// Addresses the sitemap gave, on the site.
    pub sitemap_pages: usize,
    /// Pages read, in the order they were read.
    pub pages: Vec<SitePage>,
    /// Pages not read, and why (the first [`MAX_LISTED`]).
    pub not_crawled: Vec<NotCrawled>,
    /// Pages not read beyond those listed.
    #[serde(default)]
    pub not_crawled_more: usize,
    /// Pages found but not reached within the page limit.
    pub not_reached: usize,
    /// Addresses more links away than the depth limit, found but not followed.
    pub too_deep: usize,
    /// Things to know before trusting the crawl (a private address, say), one line each.
    pub warnings: Vec<String>,
    /// Stopped before the end (Ctrl-C).
    pub partial: bool,
}

impl SiteCrawl {
    pub(super) fn new(start: &str) -> Self {
        Self {
            start: start.to_string(),
            robots: RobotsFile::Missing,
            sitemap_pages: 0,
            pages: Vec::new(),
            not_crawled: Vec::new(),
            not_crawled_more: 0,
            not_reached: 0,
            too_deep: 0,
            warnings: Vec::new(),
            partial: false,
        }
    }

    pub(super) fn skip(&mut self, url: &Url, why: Skip) {
        if self.not_crawled.len() < MAX_LISTED {
            self.not_crawled.push(NotCrawled {
                url: url.to_string(),
                why,
            });
        } else {
            self.not_crawled_more += 1;
        }
    }
}

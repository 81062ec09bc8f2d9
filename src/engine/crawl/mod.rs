//! The polite crawl of a school's own website: its host only, robots.txt and the sitemap
//! read first, staff-likely pages first, page and depth limits, probe politeness; a
//! redirect to another site is recorded, never followed. Reading the pages is `school_scan`'s.

pub mod links;
mod robots;

pub use robots::{MAX_ROBOTS_BYTES, PRODUCT_TOKEN, Robots};

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Client;
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use url::Url;

use super::exchange::{Exchange, Unanswered};
use super::fetch::{Fetched, Prepared};
use super::politeness::{Failure, Host};
use super::{Engine, EngineConfig};
use crate::catalog::HttpMethod;
use links::{page_address, same_site, staff_likelihood};

/// How far a crawl goes.
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    /// Pages requested at most (robots.txt and sitemaps not counted).
    pub max_pages: usize,
    /// Links followed from the start page at most (the sitemap's pages count as one).
    pub max_depth: usize,
    /// The least time between two requests to the site.
    pub interval: Duration,
    /// A page is read up to this size; the rest is left unread (a page that never ends).
    pub max_page_bytes: usize,
}

impl Default for CrawlOptions {
    fn default() -> Self {
        Self {
            max_pages: 60,
            max_depth: 3,
            interval: Duration::from_millis(50),
            max_page_bytes: 1024 * 1024,
        }
    }
}

/// Sitemap files read at most (an index and the sitemaps it names).
const MAX_SITEMAPS: usize = 3;
/// Addresses taken from sitemaps at most.
const MAX_SITEMAP_PAGES: usize = 1000;
/// Addresses waiting to be fetched at most: a page of endless links cannot fill memory.
const MAX_WAITING: usize = 5000;
/// Pages not fetched listed one by one at most; the rest are counted.
const MAX_LISTED: usize = 200;
/// Redirects followed for robots.txt, as RFC 9309 asks.
const ROBOTS_REDIRECTS: usize = 5;

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
    fn new(start: &str) -> Self {
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

    fn skip(&mut self, url: &Url, why: Skip) {
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

/// Shared by the crawl's requests.
struct Ctx {
    client: Client,
    config: EngineConfig,
    global: Semaphore,
    host: Host,
}

impl Ctx {
    /// One GET, the first answer as it is (redirects are the crawl's to decide).
    async fn get(&self, url: &Url) -> Result<Fetched, Unanswered> {
        let request = Prepared {
            url: url.clone(),
            method: HttpMethod::Get,
            headers: vec![(
                "Accept".into(),
                "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5".into(),
            )],
            body: None,
            follow_redirects: false,
        };
        let exchange = Exchange {
            client: &self.client,
            config: &self.config,
            global: &self.global,
            host: &self.host,
        };
        let read = |fetched: Fetched| {
            let health = match fetched.status {
                403 | 999 => Err((Failure::Blocked, format!("HTTP {}", fetched.status))),
                _ => Ok(()),
            };
            (fetched, health)
        };
        exchange.send(&request, &[], |_| false, read).await
    }
}

/// An address waiting its turn.
struct Queued {
    url: Url,
    depth: usize,
    score: u8,
    order: usize,
}

/// The addresses found and not yet fetched, the likeliest to name staff first.
#[derive(Default)]
struct Frontier {
    waiting: Vec<Queued>,
    seen: HashSet<String>,
    order: usize,
    /// Not kept because the frontier was full.
    dropped: usize,
}

impl Frontier {
    /// Adds `url` unless it was seen before; false when it was.
    fn add(&mut self, url: Url, depth: usize, score: u8) -> bool {
        if !self.seen.insert(url.as_str().to_string()) {
            return false;
        }
        if self.waiting.len() >= MAX_WAITING {
            self.dropped += 1;
            return true;
        }
        self.order += 1;
        self.waiting.push(Queued {
            url,
            depth,
            score,
            order: self.order,
        });
        true
    }

    /// Most likely to name staff, then nearest the start, then first found.
    fn next(&mut self) -> Option<Queued> {
        let best = self
            .waiting
            .iter()
            .enumerate()
            .max_by(|(_, a), (_, b)| {
                a.score
                    .cmp(&b.score)
                    .then(b.depth.cmp(&a.depth))
                    .then(b.order.cmp(&a.order))
            })?
            .0;
        Some(self.waiting.swap_remove(best))
    }
}

impl Engine {
    /// Crawls the website at `start`. `on_page` hears of each page as it is done (its
    /// address, pages done, the page limit); `cancel` resolving stops the crawl, which
    /// then holds what finished, marked partial.
    pub async fn crawl(
        &self,
        start: &Url,
        options: &CrawlOptions,
        mut on_page: impl FnMut(&str, usize, usize),
        cancel: impl Future<Output = ()>,
    ) -> SiteCrawl {
        let mut crawl = SiteCrawl::new(start.as_str());
        let Some(start) = page_address(start) else {
            crawl.skip(
                start,
                Skip::Failed {
                    detail: "not a web page address".into(),
                },
            );
            return crawl;
        };
        let mut config = self.config.clone();
        config.max_body = options.max_page_bytes.max(1);
        let per_host = config.per_host.max(1);
        // Room for every page, robots.txt and the sitemaps.
        let budget = Host::budget_for(
            options.max_pages + 1 + MAX_SITEMAPS,
            per_host,
            config.timeout,
            options.interval,
        );
        let ctx = Arc::new(Ctx {
            client: self.client.clone(),
            global: Semaphore::new(config.concurrency.max(1)),
            host: Host::new(per_host, options.interval).with_budget(budget),
            config,
        });
        crawl.warnings.extend(private_address(&start).await);
        tokio::pin!(cancel);
        let robots = tokio::select! {
            robots = read_robots(&ctx, &start, &mut crawl) => robots,
            () = &mut cancel => {
                crawl.partial = true;
                return crawl;
            }
        };
        let Some(robots) = robots else {
            return crawl;
        };
        let mut frontier = Frontier::default();
        frontier.add(start.clone(), 0, u8::MAX);
        tokio::select! {
            () = read_sitemaps(&ctx, &start, &robots, options, &mut frontier, &mut crawl) => {}
            () = &mut cancel => {
                crawl.partial = true;
                return crawl;
            }
        }
        let mut in_flight = JoinSet::new();
        let mut requested = 0;
        let mut home_read = false;
        loop {
            // The home page goes alone: its links say where the staff pages are, and
            // they should come before anything else.
            while in_flight.len() < per_host
                && requested < options.max_pages
                && !(requested == 1 && in_flight.len() == 1 && !home_read)
            {
                let Some(next) = frontier.next() else { break };
                requested += 1;
                let ctx = ctx.clone();
                in_flight.spawn(async move {
                    let answer = ctx.get(&next.url).await;
                    (next, answer)
                });
            }
            let done = tokio::select! {
                done = in_flight.join_next() => done,
                () = &mut cancel => {
                    in_flight.abort_all();
                    crawl.partial = true;
                    break;
                }
            };
            let Some(done) = done else { break };
            home_read = true;
            let (page, answer) = match done {
                Ok(done) => done,
                // A request task only ends abnormally if it panicked: pass that on.
                Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                Err(_) => continue,
            };
            read_answer(
                page,
                answer,
                &start,
                &robots,
                options,
                &mut frontier,
                &mut crawl,
            );
            on_page(
                crawl.pages.last().map_or("", |p| p.url.as_str()),
                requested - in_flight.len(),
                options.max_pages,
            );
        }
        crawl.not_reached = frontier.waiting.len() + frontier.dropped;
        crawl
    }
}

/// What one page's answer adds: the page and its links, a same-site redirect to follow, or
/// why it was not read.
fn read_answer(
    page: Queued,
    answer: Result<Fetched, Unanswered>,
    start: &Url,
    robots: &Robots,
    options: &CrawlOptions,
    frontier: &mut Frontier,
    crawl: &mut SiteCrawl,
) {
    let fetched = match answer {
        Ok(fetched) => fetched,
        Err(unanswered) => {
            crawl.skip(
                &page.url,
                Skip::Failed {
                    detail: unanswered.detail,
                },
            );
            return;
        }
    };
    let status = fetched.status;
    if (300..400).contains(&status) {
        match fetched.chain.get(1) {
            Some(to) if same_site(to, start) => {
                if let Some(to) = page_address(to) {
                    add_link(to, page.depth, page.score, robots, frontier, crawl);
                }
            }
            Some(to) => crawl.skip(&page.url, Skip::OffSite { to: to.to_string() }),
            None => crawl.skip(&page.url, Skip::Status { status }),
        }
        return;
    }
    if !(200..300).contains(&status) {
        crawl.skip(&page.url, Skip::Status { status });
        return;
    }
    let content_type = fetched.header("content-type").to_ascii_lowercase();
    let html = String::from_utf8_lossy(&fetched.body).into_owned();
    let looks_like_html = content_type.contains("html")
        || (content_type.is_empty() && html.trim_start().starts_with('<'));
    if !looks_like_html {
        crawl.skip(&page.url, Skip::NotAPage { content_type });
        return;
    }
    for (link, text) in links::links(&html, &page.url) {
        let Some(link) = page_address(&link) else {
            continue;
        };
        if !same_site(&link, start) {
            continue;
        }
        if page.depth + 1 > options.max_depth {
            if !frontier.seen.contains(link.as_str()) {
                crawl.too_deep += 1;
            }
            continue;
        }
        let score = staff_likelihood(&link, &text);
        add_link(link, page.depth + 1, score, robots, frontier, crawl);
    }
    crawl.pages.push(SitePage {
        url: page.url.to_string(),
        depth: page.depth,
        status,
        html,
        truncated: fetched.truncated,
    });
}

/// Queues `url` unless robots.txt forbids it (then it is listed as not read, once).
fn add_link(
    url: Url,
    depth: usize,
    score: u8,
    robots: &Robots,
    frontier: &mut Frontier,
    crawl: &mut SiteCrawl,
) {
    if robots.allows(&url) {
        frontier.add(url, depth, score);
    } else if frontier.seen.insert(url.as_str().to_string()) {
        crawl.skip(&url, Skip::Robots);
    }
}

/// The site's rules, or `None` when they could not be read and nothing may be fetched.
async fn read_robots(ctx: &Ctx, start: &Url, crawl: &mut SiteCrawl) -> Option<Robots> {
    let Ok(mut url) = start.join("/robots.txt") else {
        return Some(Robots::allow_all());
    };
    for _ in 0..=ROBOTS_REDIRECTS {
        let unreachable = |detail: String| RobotsFile::Unreachable { detail };
        let fetched = match ctx.get(&url).await {
            Ok(fetched) => fetched,
            Err(unanswered) => {
                crawl.robots = unreachable(unanswered.detail);
                return None;
            }
        };
        match fetched.status {
            200..=299 => {
                crawl.robots = RobotsFile::Read;
                return Some(Robots::parse(&fetched.body));
            }
            300..=399 => match fetched.chain.get(1) {
                Some(next) if same_site(next, start) => url = next.clone(),
                // A robots.txt that sends crawlers to another site is treated as missing.
                _ => break,
            },
            400..=499 => break,
            status => {
                crawl.robots = unreachable(format!("HTTP {status}"));
                return None;
            }
        }
    }
    crawl.robots = RobotsFile::Missing;
    Some(Robots::allow_all())
}

/// The pages a sitemap lists, queued one link from the start: the sitemaps robots.txt
/// names on this site, else `/sitemap.xml`, and the sitemaps an index names.
async fn read_sitemaps(
    ctx: &Ctx,
    start: &Url,
    robots: &Robots,
    options: &CrawlOptions,
    frontier: &mut Frontier,
    crawl: &mut SiteCrawl,
) {
    let mut maps: Vec<Url> = robots
        .sitemaps()
        .iter()
        .filter_map(|s| start.join(s).ok())
        .filter(|s| same_site(s, start))
        .collect();
    if maps.is_empty() {
        maps.extend(start.join("/sitemap.xml").ok());
    }
    let mut read = 0;
    let mut listed = 0;
    while let Some(map) = maps.first().cloned() {
        maps.remove(0);
        if read == MAX_SITEMAPS {
            break;
        }
        read += 1;
        let Ok(fetched) = ctx.get(&map).await else {
            continue;
        };
        if !(200..300).contains(&fetched.status) {
            continue;
        }
        let (pages, nested) = links::sitemap(&String::from_utf8_lossy(&fetched.body));
        maps.extend(
            nested
                .iter()
                .filter_map(|s| Url::parse(s).ok())
                .filter(|s| same_site(s, start)),
        );
        for page in pages.iter().filter_map(|p| Url::parse(p).ok()) {
            let Some(page) = page_address(&page).filter(|p| same_site(p, start)) else {
                continue;
            };
            if listed == MAX_SITEMAP_PAGES {
                break;
            }
            listed += 1;
            if options.max_depth >= 1 {
                let score = staff_likelihood(&page, "");
                add_link(page, 1, score, robots, frontier, crawl);
            }
        }
    }
    crawl.sitemap_pages = listed;
}

/// A warning when the site's address is on this computer or a private network: the crawl
/// goes ahead (a school may test its own site), but a public website is not there.
async fn private_address(start: &Url) -> Option<String> {
    let host = start.host()?;
    let port = start.port_or_known_default().unwrap_or(443);
    let addresses: Vec<std::net::IpAddr> = match host {
        url::Host::Ipv4(ip) => vec![ip.into()],
        url::Host::Ipv6(ip) => vec![ip.into()],
        url::Host::Domain(name) => match tokio::net::lookup_host((name, port)).await {
            Ok(found) => found.map(|a| a.ip()).collect(),
            // No address at all is said by the crawl itself (the site does not answer).
            Err(_) => return None,
        },
    };
    let (ip, kind) = addresses
        .iter()
        .find_map(|ip| crate::catalog::import::address_kind(*ip).map(|kind| (ip, kind)))?;
    Some(format!(
        "{} is {kind} ({ip}), not a public website: findable crawls it anyway, but check \
         that this is the address pupils see",
        start.host_str().unwrap_or_default()
    ))
}

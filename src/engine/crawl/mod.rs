//! The polite crawl of a school's own website: its host only, robots.txt and the sitemap
//! read first, staff-likely pages first, page and depth limits, probe politeness; a
//! redirect to another site is recorded, never followed. Reading the pages is `school_scan`'s.

pub mod links;
mod robots;

mod before;
mod model;

pub use model::{NotCrawled, RobotsFile, SiteCrawl, SitePage, Skip};
pub use robots::{MAX_ROBOTS_BYTES, PRODUCT_TOKEN, Robots};

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use before::{private_address, read_robots, read_sitemaps};
use reqwest::Client;
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

/// Redirects followed for robots.txt, as RFC 9309 asks.
const ROBOTS_REDIRECTS: usize = 5;

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

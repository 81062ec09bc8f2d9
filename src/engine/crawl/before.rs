//! What a crawl reads before the pages: robots.txt (following same-site redirects, as RFC
//! 9309 asks), the sitemaps it names or `/sitemap.xml`, and whether the site's address is
//! on this computer or a private network.

use url::Url;

use super::links::{self, page_address, same_site, staff_likelihood};
use super::{
    CrawlOptions, Ctx, Frontier, MAX_SITEMAP_PAGES, MAX_SITEMAPS, ROBOTS_REDIRECTS, Robots,
    RobotsFile, SiteCrawl, add_link,
};

/// The site's rules, or `None` when they could not be read and nothing may be fetched.
pub(super) async fn read_robots(ctx: &Ctx, start: &Url, crawl: &mut SiteCrawl) -> Option<Robots> {
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
pub(super) async fn read_sitemaps(
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
pub(super) async fn private_address(start: &Url) -> Option<String> {
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

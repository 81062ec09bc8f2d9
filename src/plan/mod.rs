//! The plan: which usernames to try on which sites, before anything touches the network.
//! Built from the name variants and the sites (check files or an imported list); printed
//! as-is by `--offline` so a person can open every profile URL by hand.

pub mod links;
pub mod queries;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::catalog::import::SiteList;
use crate::catalog::{Check, Site};
use crate::subject::{Handle, Subject};
use crate::variants::{Variant, Variants};

/// One username to try on one site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedProbe {
    /// The site's name (check id or imported site name).
    pub site: String,
    /// As sent to the site (after any characters it refuses were removed).
    pub username: String,
    /// The human-facing profile URL.
    pub url: String,
    pub weight: f64,
    pub source: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Plan {
    pub sites: Vec<Site>,
    pub probes: Vec<PlannedProbe>,
    /// One made-up username per probed site: if a site says it exists, the site says
    /// "exists" to anything and its answers are unreliable.
    #[serde(default)]
    pub controls: Vec<PlannedProbe>,
    /// Web searches to run, heaviest first.
    #[serde(default)]
    pub queries: Vec<queries::PlannedQuery>,
    /// What a `--sites` list contributed: its skipped entries and warnings travel with the
    /// plan to the results and the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_list: Option<SiteList>,
}

#[derive(Debug, Clone)]
pub struct PlanOptions {
    /// Usernames tried per site, heaviest first (the person's own handles come on top).
    pub max_usernames: usize,
    /// Usernames listed for sites a person must check by hand: each is a page to open,
    /// so only the likeliest few.
    pub max_manual: usize,
    /// Only these sites, by name; `None` for all.
    pub platforms: Option<Vec<String>>,
    /// Seed for the made-up control usernames; `None` picks one at random.
    pub seed: Option<u64>,
    /// Web searches planned, the most telling first.
    pub max_queries: usize,
}

impl Default for PlanOptions {
    fn default() -> Self {
        Self {
            max_usernames: 20,
            max_manual: 5,
            platforms: None,
            seed: None,
            max_queries: 30,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("--platforms: no platform called {name:?}; the closest: {closest}")]
    UnknownPlatform { name: String, closest: String },
    #[error("nothing to probe: give --name or at least one --username")]
    NoUsernames,
}

impl Plan {
    /// Plans probes of `usernames` (heaviest first) on `sites`. `handles` are the person's
    /// own; one tied to a platform is always tried there, whatever its rank.
    pub fn build(
        sites: Vec<Site>,
        usernames: &[Variant],
        handles: &[Handle],
        options: &PlanOptions,
    ) -> Result<Self, PlanError> {
        if usernames.is_empty() && handles.is_empty() {
            return Err(PlanError::NoUsernames);
        }
        let sites = select(sites, options.platforms.as_deref())?;
        let mut rng = options
            .seed
            .map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed);
        let mut probes = Vec::new();
        let mut controls = Vec::new();
        for site in &sites {
            let mut seen = HashSet::new();
            let mut planned = 0;
            let limit = match site.manual_reason {
                Some(_) => options.max_manual.min(options.max_usernames),
                None => options.max_usernames,
            };
            for variant in usernames {
                if planned == limit {
                    break;
                }
                if let Some(username) = site.prepare(&variant.text)
                    && seen.insert(username.to_lowercase())
                {
                    probes.push(probe(site, username, variant.weight, &variant.source));
                    planned += 1;
                }
            }
            for handle in handles {
                if handle.platform.as_deref() != Some(site.name.as_str()) {
                    continue;
                }
                if let Some(username) = site.prepare(&handle.handle)
                    && seen.insert(username.to_lowercase())
                {
                    let source = format!("username you gave ({})", site.name);
                    probes.push(probe(site, username, 1.0, &source));
                }
            }
            if site.manual_reason.is_none()
                && let Some(username) = control_username(site, &mut rng)
            {
                controls.push(probe(site, username, 0.0, "made-up control username"));
            }
        }
        Ok(Self {
            sites,
            probes,
            controls,
            queries: Vec::new(),
            site_list: None,
        })
    }
}

impl Plan {
    /// The whole plan of an audit at once: probes of every username variant of `subject`
    /// (and the handles they gave) on `sites`, and the web searches a pupil would run.
    pub fn for_subject(
        subject: &Subject,
        variants: &Variants,
        sites: Vec<Site>,
        checks: &[Check],
        options: &PlanOptions,
    ) -> Result<Self, PlanError> {
        let mut plan = Self::build(sites, &variants.usernames, &subject.usernames, options)?;
        plan.queries = queries::build(subject, variants, checks, options.max_queries);
        Ok(plan)
    }
}

fn probe(site: &Site, username: String, weight: f64, source: &str) -> PlannedProbe {
    PlannedProbe {
        site: site.name.clone(),
        url: site.profile_url_for(&username),
        username,
        weight,
        source: source.to_string(),
    }
}

fn select(sites: Vec<Site>, wanted: Option<&[String]>) -> Result<Vec<Site>, PlanError> {
    let Some(wanted) = wanted else {
        return Ok(sites);
    };
    for name in wanted {
        if !sites.iter().any(|s| s.name.eq_ignore_ascii_case(name)) {
            return Err(PlanError::UnknownPlatform {
                name: name.clone(),
                closest: closest(&sites, name).join(", "),
            });
        }
    }
    Ok(sites
        .into_iter()
        .filter(|s| wanted.iter().any(|w| w.eq_ignore_ascii_case(&s.name)))
        .collect())
}

/// The few site names nearest to a mistyped one: a list of thousands of sites must not
/// become a line of thousands of names.
fn closest<'a>(sites: &'a [Site], typed: &str) -> Vec<&'a str> {
    const SHOWN: usize = 5;
    let typed = typed.to_lowercase();
    let mut scored: Vec<(f64, &str)> = sites
        .iter()
        .map(|s| {
            (
                strsim::jaro_winkler(&typed, &s.name.to_lowercase()),
                s.name.as_str(),
            )
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(SHOWN)
        .map(|(_, name)| name)
        .collect()
}

/// A username nobody has: random letters the site's rule accepts. Several shapes are
/// tried because rules differ in length limits and allowed characters.
pub(crate) fn control_username(site: &Site, rng: &mut fastrand::Rng) -> Option<String> {
    for len in [12, 9, 16, 6, 20] {
        let mut name = String::with_capacity(len);
        name.push(rng.lowercase());
        while name.len() < len {
            name.push(if rng.u8(0..4) == 0 {
                rng.digit(10)
            } else {
                rng.lowercase()
            });
        }
        if let Some(prepared) = site.prepare(&name) {
            return Some(prepared);
        }
    }
    None
}

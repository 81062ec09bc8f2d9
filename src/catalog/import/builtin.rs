//! findable's own check wins for a platform it knows: an imported entry for Instagram (or a
//! third-party mirror of it, such as imginn) is replaced by the built-in Instagram check, so
//! a list cannot turn findable's "only a person can check this" into an automatic guess.
//! Not for anything else about a list.

use super::{Imported, SkippedSite};
use crate::catalog::{Catalog, Check, ProbeMethod, Site};

/// Replaces every imported site that is a platform `catalog` has a profile check for with
/// that check's own site (once), and lists the replaced entries as skipped.
pub fn prefer_builtin(imported: &mut Imported, catalog: &Catalog) {
    let platforms: Vec<&Check> = catalog
        .checks
        .iter()
        .filter(|c| c.profile.is_some())
        .collect();
    let mut used: Vec<&Check> = Vec::new();
    let mut kept = Vec::with_capacity(imported.sites.len());
    for site in std::mem::take(&mut imported.sites) {
        let mirror_of = imported
            .mirrors
            .iter()
            .find(|(name, _)| *name == site.name)
            .map(|(_, platform)| platform.as_str());
        match platforms.iter().find(|c| is_platform(&site, mirror_of, c)) {
            Some(check) => {
                let how = match check.profile.as_ref().map(|p| p.method) {
                    Some(ProbeMethod::Manual) => "checked by hand: no honest automatic answer",
                    _ => "its own rules",
                };
                imported.skipped.push(SkippedSite {
                    name: site.name,
                    reason: format!(
                        "findable's own {} check is used instead ({how})",
                        check.name
                    ),
                    profile_url: None,
                });
                if !used.iter().any(|u| u.id == check.id) {
                    used.push(check);
                }
            }
            None => kept.push(site),
        }
    }
    imported.sites = used.into_iter().filter_map(Site::from_check).collect();
    imported.sites.append(&mut kept);
}

/// Whether `site` is `check`'s platform: one of its URLs is on the platform's domains, its
/// name is the platform's ("Instagram", "Instagram (Imginn)", "Twitter" for X), or the list
/// says it mirrors the platform.
fn is_platform(site: &Site, mirror_of: Option<&str>, check: &Check) -> bool {
    let on_domain = [&site.profile_url, &site.request.url].iter().any(|url| {
        let sample = url.replace("{username}", "user");
        let host = url::Url::parse(&sample)
            .ok()
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
            .unwrap_or_default();
        check
            .domains
            .iter()
            .any(|d| host == *d || host.ends_with(&format!(".{d}")))
    });
    let names = names_of(check);
    let leading = site
        .name
        .split([' ', '(', '_', '['])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    on_domain
        || names.contains(&leading)
        || mirror_of.is_some_and(|m| names.contains(&m.to_lowercase()))
}

/// The id and every name a check's platform goes by: "X (Twitter)" is "x" and "twitter".
fn names_of(check: &Check) -> Vec<String> {
    let mut names = vec![check.id.clone()];
    let lower = check.name.to_lowercase();
    match lower.split_once(" (") {
        Some((first, rest)) => {
            names.push(first.trim().to_string());
            names.push(rest.trim_end_matches(')').trim().to_string());
        }
        None => names.push(lower),
    }
    names
}

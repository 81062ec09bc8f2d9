//! findable's own check wins for a platform it knows: an imported entry for Instagram (or a
//! third-party mirror of it, such as imginn) is replaced by the built-in Instagram check, so
//! a list cannot turn findable's "only a person can check this" into an automatic guess.
//! A site is the platform when one of its URLs is on the platform's domains, its name is
//! the platform's ("Instagram", "Instagram (Imginn)", "Twitter" for X), or the list says it
//! mirrors the platform. Not for anything else about a list.

use super::{Imported, SkippedSite};
use crate::catalog::{Catalog, Check, ProbeMethod, Site};

/// Replaces every imported site that is a platform `catalog` has a profile check for with
/// that check's own site (once), and lists the replaced entries as skipped.
pub fn prefer_builtin(imported: &mut Imported, catalog: &Catalog) {
    let platforms: Vec<(&Check, Vec<String>)> = catalog
        .checks
        .iter()
        .filter(|c| c.profile.is_some())
        .map(|c| (c, names_of(c)))
        .collect();
    let mut used: Vec<&Check> = Vec::new();
    let mut replaced = Vec::new();
    let mirrors = std::mem::take(&mut imported.mirrors);
    // In place: a large list is not copied to drop a few entries.
    imported.sites.retain(|site| {
        let mirror_of = mirrors
            .iter()
            .find(|(name, _)| *name == site.name)
            .map(|(_, platform)| platform.to_lowercase());
        let hosts = hosts_of(site);
        let leading = site
            .name
            .split([' ', '(', '_', '['])
            .next()
            .unwrap_or_default()
            .to_lowercase();
        let matched = platforms.iter().find(|(check, names)| {
            let on_domain = hosts.iter().any(|host| {
                check.domains.iter().any(|d| {
                    host == d
                        || host
                            .strip_suffix(d.as_str())
                            .is_some_and(|h| h.ends_with('.'))
                })
            });
            on_domain
                || names.contains(&leading)
                || mirror_of.as_ref().is_some_and(|m| names.contains(m))
        });
        let Some((check, _)) = matched else {
            return true;
        };
        let how = match check.profile.as_ref().map(|p| p.method) {
            Some(ProbeMethod::Manual) => "checked by hand: no honest automatic answer",
            _ => "its own rules",
        };
        replaced.push(SkippedSite {
            name: site.name.clone(),
            reason: format!(
                "findable's own {} check is used instead ({how})",
                check.name
            ),
            profile_url: None,
        });
        if !used.iter().any(|u| u.id == check.id) {
            used.push(check);
        }
        false
    });
    imported.mirrors = mirrors;
    imported.skipped.append(&mut replaced);
    let builtin: Vec<Site> = used.into_iter().filter_map(Site::from_check).collect();
    imported.sites.splice(0..0, builtin);
}

/// The hosts of a site's profile and request URLs, lower-cased.
fn hosts_of(site: &Site) -> Vec<String> {
    [&site.profile_url, &site.request.url]
        .iter()
        .filter_map(|url| {
            let sample = url.replace("{username}", "user");
            url::Url::parse(&sample)
                .ok()
                .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        })
        .collect()
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

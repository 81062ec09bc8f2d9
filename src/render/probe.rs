//! What `findable probe` prints: every profile page of the plan to open by hand
//! (`--offline`), or the answers sorted into found, could not check and not found.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::escape::text as clean;
use super::plural;
use crate::evidence::{Evidence, ProbeStatus, UnknownReason};
use crate::plan::{Plan, PlannedProbe};

/// Each site of the plan with its probes (username and profile page), in plan order;
/// sites with none are left out.
pub(crate) fn profile_pages(plan: &Plan) -> Vec<(&str, Vec<&PlannedProbe>)> {
    plan.sites
        .iter()
        .map(|site| {
            let probes: Vec<&PlannedProbe> =
                plan.probes.iter().filter(|p| p.site == site.name).collect();
            (site.name.as_str(), probes)
        })
        .filter(|(_, probes)| !probes.is_empty())
        .collect()
}

/// Each site's pages: "instagram (3 pages):" then one address a line.
pub(crate) fn pages_text(out: &mut String, plan: &Plan) {
    for (site, probes) in profile_pages(plan) {
        let _ = writeln!(out, "\n{} ({}):", clean(site), plural(probes.len(), "page"));
        for p in probes {
            let _ = writeln!(out, "  {}", clean(&p.url));
        }
    }
}

/// The plan as `findable probe --offline` prints it.
pub fn plan_text(plan: &Plan) -> String {
    let mut out = String::from(
        "Profile pages to open by hand (in a private window, so you see what a pupil sees):\n",
    );
    pages_text(&mut out, plan);
    out
}

/// Wrapped to fit under an indent of four; empty lines dropped.
fn wrapped(text: &str) -> Vec<String> {
    textwrap::wrap(&clean(text), 74)
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.into_owned())
        .collect()
}

/// The answers, grouped: found, could not check (by reason), not found, then one line
/// with the counts.
pub fn results_text(evidence: &Evidence) -> String {
    let mut out = String::new();
    let with = |status| {
        evidence
            .probes
            .iter()
            .filter(move |p| p.status == status)
            .collect::<Vec<_>>()
    };
    let (found, unknown, absent) = (
        with(ProbeStatus::Found),
        with(ProbeStatus::Unknown),
        with(ProbeStatus::Absent),
    );

    if !found.is_empty() {
        out.push_str(
            "Found: a public account exists under these usernames. It may belong to someone\n\
             else with the same name: open each one to check.\n\n",
        );
        for p in &found {
            let _ = writeln!(
                out,
                "  {:<10} {:<24} {}",
                clean(&p.platform),
                clean(&p.username),
                clean(&p.url)
            );
        }
        out.push('\n');
    }
    if !unknown.is_empty() {
        out.push_str(
            "Could not check: this does not mean you are safe there. Open these in a private\n\
             window to see for yourself.\n\n",
        );
        let mut by_reason: BTreeMap<(&str, &str, &str), Vec<&str>> = BTreeMap::new();
        for p in &unknown {
            let reason = p.reason.map(UnknownReason::describe).unwrap_or_default();
            // A manual site's detail says why only a person can check; other details are
            // technical and live in the JSON.
            let why = match p.reason {
                Some(UnknownReason::Manual) => p.detail.as_deref().unwrap_or_default(),
                _ => "",
            };
            by_reason
                .entry((&p.platform, reason, why))
                .or_default()
                .push(&p.url);
        }
        for ((platform, reason, why), urls) in by_reason {
            let _ = writeln!(out, "  {}: {reason}", clean(platform));
            for line in wrapped(why) {
                let _ = writeln!(out, "    {line}");
            }
            for url in urls {
                let _ = writeln!(out, "    {}", clean(url));
            }
        }
        out.push('\n');
    }
    if !absent.is_empty() {
        out.push_str("Not found: no account under these usernames.\n\n");
        let mut by_platform: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
        for p in &absent {
            let note = p.detail.as_deref().unwrap_or_default();
            by_platform
                .entry((&p.platform, note))
                .or_default()
                .push(&p.username);
        }
        for ((platform, note), names) in by_platform {
            let _ = writeln!(out, "  {}: {}", clean(platform), clean(&names.join(", ")));
            for line in wrapped(note) {
                let _ = writeln!(out, "    ({line})");
            }
        }
        out.push('\n');
    }
    if let Some(list) = evidence
        .site_list
        .as_ref()
        .filter(|l| !l.skipped.is_empty())
    {
        let _ = writeln!(
            out,
            "Not probed: {} of {} were skipped. Check them by hand if they matter to you.\n",
            plural(list.skipped.len(), "site"),
            clean(&list.file)
        );
        for skipped in &list.skipped {
            let _ = writeln!(out, "  {}:", clean(&skipped.name));
            for line in wrapped(&skipped.reason) {
                let _ = writeln!(out, "    {line}");
            }
        }
        out.push('\n');
    }
    let platforms: BTreeSet<&str> = evidence
        .probes
        .iter()
        .map(|p| p.platform.as_str())
        .collect();
    let _ = write!(
        out,
        "{} {} on {}: {} found, {} could not be checked, {} not found",
        if evidence.partial {
            "Partial: checked"
        } else {
            "Checked"
        },
        plural(evidence.probes.len(), "username"),
        plural(platforms.len(), "platform"),
        found.len(),
        unknown.len(),
        absent.len()
    );
    if evidence.partial {
        let _ = write!(
            out,
            " ({} of {} planned)",
            evidence.probes.len(),
            evidence.planned
        );
    }
    out.push_str(".\n");
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::catalog::Site;
    use crate::evidence::ProbeResult;
    use crate::plan::PlanOptions;
    use crate::render::fixtures;

    pub(crate) fn plan() -> Plan {
        let catalog = fixtures::catalog();
        let subject = fixtures::subject();
        let variants = fixtures::variants();
        let sites: Vec<Site> = catalog.checks.iter().filter_map(Site::from_check).collect();
        let options = PlanOptions {
            max_usernames: 3,
            seed: Some(1),
            ..PlanOptions::default()
        };
        Plan::build(sites, &variants.usernames, &subject.usernames, &options).expect("plan")
    }

    fn probe(platform: &str, username: &str, status: ProbeStatus) -> ProbeResult {
        ProbeResult {
            platform: platform.into(),
            username: username.into(),
            url: format!("https://{platform}.example/@{username}"),
            status,
            reason: None,
            detail: None,
            http_status: None,
            final_url: None,
            weight: 1.0,
            source: "test".into(),
            page: None,
        }
    }

    fn evidence() -> Evidence {
        let mut manual = probe("facebook", "jane.smith", ProbeStatus::Unknown);
        manual.reason = Some(UnknownReason::Manual);
        manual.detail = Some(
            "Facebook shows a login page to visitors who are not logged in, so only a \
             person can see whether this profile exists."
                .into(),
        );
        let mut walled = probe("walled", "janesmith", ProbeStatus::Unknown);
        walled.reason = Some(UnknownReason::LoginWall);
        walled.detail = Some("HTTP 302 to /login".into());
        let mut absent_note = probe("pupilgram", "mssmith", ProbeStatus::Absent);
        absent_note.detail = Some("usernames there cannot contain dots".into());
        Evidence {
            probes: vec![
                probe("pupilgram", "janesmith_teach", ProbeStatus::Found),
                probe("pupilgram", "janesmith", ProbeStatus::Absent),
                absent_note,
                manual,
                walled,
                probe("github", "janesmith", ProbeStatus::Absent),
            ],
            controls: Vec::new(),
            partial: false,
            planned: 6,
            searches: Vec::new(),
            site_list: None,
        }
    }

    #[test]
    fn probe_snapshot_plan_text() {
        insta::assert_snapshot!("probe_plan_text", plan_text(&plan()));
    }

    #[test]
    fn probe_snapshot_results_text() {
        insta::assert_snapshot!("probe_results_text", results_text(&evidence()));
    }

    #[test]
    fn a_partial_run_says_so_and_a_hostile_server_cannot_reach_the_terminal() {
        let mut e = evidence();
        e.partial = true;
        e.planned = 40;
        e.probes[0].username = "jane\u{1b}[2J\u{202e}".into();
        let out = results_text(&e);
        assert!(out.ends_with("Partial: checked 6 usernames on 4 platforms: 1 found, 2 could not be checked, 3 not found (6 of 40 planned).\n"), "{out}");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}'));
    }
}

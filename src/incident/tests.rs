//! The steps on the built-in catalog: their order, the platform's own report links, the
//! school's route for who is responsible, the police moving up for threats.

mod kinds;

use super::*;
use crate::catalog::Catalog;

fn catalog() -> Catalog {
    Catalog::builtin().expect("built-in catalog")
}

fn input() -> IncidentInput {
    IncidentInput::default()
}

fn titles(steps: &[Step]) -> Vec<&str> {
    steps.iter().map(|s| s.title.as_str()).collect()
}

fn position(steps: &[Step], needle: &str) -> usize {
    steps
        .iter()
        .position(|s| s.title.contains(needle))
        .unwrap_or_else(|| panic!("no step titled {needle:?} in {:?}", titles(steps)))
}

fn all_links(steps: &[Step]) -> Vec<&str> {
    steps
        .iter()
        .flat_map(|s| s.links.iter().map(|(_, t)| t.as_str()))
        .collect()
}

#[test]
fn steps_come_in_the_order_the_guidance_gives() {
    let steps = steps(&input(), &catalog());
    let order = [
        "Don't reply",
        "Save the evidence",
        "Report it",
        "line manager or the DSL",
        "school's route",
        "POSH",
        "Report Harmful Content",
        "police",
        "support",
        "harder to find",
    ];
    let positions: Vec<usize> = order.iter().map(|t| position(&steps, t)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{:?}",
        titles(&steps)
    );
    assert_eq!(steps.len(), order.len());
    for (i, s) in steps.iter().enumerate() {
        assert_eq!(s.number, i + 1);
        assert!(!s.what_to_do.trim().is_empty());
    }
    assert!(
        steps.iter().all(|s| !s.urgent),
        "no threats: nothing urgent"
    );
}

#[test]
fn the_platforms_own_report_links_are_used() {
    let catalog = catalog();
    let tiktok = catalog.get("tiktok").and_then(|c| c.report.clone());
    let tiktok = tiktok.expect("tiktok has report links");
    let content = IncidentInput {
        platform: Some("tiktok".into()),
        ..input()
    };
    let steps_content = steps(&content, &catalog);
    let report = &steps_content[position(&steps_content, "Report it to TikTok")];
    assert_eq!(report.links[0].1, tiktok.abuse);
    assert!(!all_links(&steps_content).contains(&tiktok.impersonation.as_str()));

    let fake = IncidentInput {
        platform: Some("TikTok".into()),
        kind: Kind::Impersonation,
        ..input()
    };
    let steps_fake = steps(&fake, &catalog);
    let report = &steps_fake[position(&steps_fake, "fake account to TikTok")];
    assert_eq!(
        report.links[0].1, tiktok.impersonation,
        "impersonation first"
    );
    assert!(report.links.iter().any(|(_, t)| *t == tiktok.abuse));
    // TikTok has an agreed escalation route through POSH.
    let posh = &steps_fake[position(&steps_fake, "POSH")];
    assert!(posh.what_to_do.contains("TikTok"));
}

#[test]
fn without_a_known_platform_the_generic_route_is_given() {
    let catalog = catalog();
    for platform in [None, Some("no-such-site"), Some("self-search")] {
        let steps = steps(
            &IncidentInput {
                platform: platform.map(String::from),
                ..input()
            },
            &catalog,
        );
        let report = &steps[position(&steps, "Report it where it was posted")];
        assert_eq!(report.links[0].1, "https://reportharmfulcontent.com/");
    }
}

#[test]
fn only_platforms_with_a_report_button_are_offered() {
    let catalog = catalog();
    let ids: Vec<&str> = platforms(&catalog).iter().map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&"tiktok") && ids.contains(&"instagram"));
    assert!(!ids.contains(&"self-search"), "a habit, not a platform");
    assert!(!ids.contains(&"electoral-register"));
    assert!(find_platform(&catalog, "X (Twitter)").is_some());
    assert!(find_platform(&catalog, "nope").is_none());
}

#[test]
fn who_is_responsible_picks_the_school_policy() {
    let catalog = catalog();
    let cases = [
        (Responsible::Pupil, "behaviour policy"),
        (Responsible::Parent, "parental code of conduct"),
        (Responsible::Colleague, "staff code of conduct"),
        (Responsible::Unknown, "governor or trustee"),
    ];
    for (responsible, policy) in cases {
        let steps = steps(
            &IncidentInput {
                responsible,
                ..input()
            },
            &catalog,
        );
        let route = &steps[position(&steps, "school's route")];
        assert!(
            route.title.contains(policy) || route.what_to_do.contains(policy),
            "{responsible:?}: {route:?}"
        );
    }
    let pupil = steps(
        &IncidentInput {
            responsible: Responsible::Pupil,
            ..input()
        },
        &catalog,
    );
    let route = &pupil[position(&pupil, "school's route")];
    assert!(!route.what_to_do.contains("parental code"));
}

#[test]
fn threats_bring_the_police_forward_and_mark_it_urgent() {
    let catalog = catalog();
    let calm = steps(&input(), &catalog);
    let serious = steps(
        &IncidentInput {
            threats_or_sexual: true,
            ..input()
        },
        &catalog,
    );
    let police = position(&serious, "police");
    assert!(serious[police].urgent);
    assert_eq!(serious.iter().filter(|s| s.urgent).count(), 1);
    assert_eq!(
        serious
            .iter()
            .filter(|s| s.title.contains("police"))
            .count(),
        1
    );
    assert!(
        police < position(&serious, "where it was posted"),
        "before the platform"
    );
    assert!(police > position(&serious, "Save the evidence"));
    assert!(police < position(&calm, "police"));
    let links: Vec<&str> = serious[police]
        .links
        .iter()
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(links.contains(&"999") && links.contains(&"101"));
}

#[test]
fn posh_number_email_and_hours_are_given() {
    let steps = steps(&input(), &catalog());
    let posh = &steps[position(&steps, "POSH")];
    let links: Vec<&str> = posh.links.iter().map(|(_, t)| t.as_str()).collect();
    assert!(links.contains(&"0344 381 4772"));
    assert!(links.contains(&"helpline@saferinternet.org.uk"));
    assert!(posh.what_to_do.contains("Monday to Friday, 10:00 to 16:00"));
    let all = all_links(&steps);
    assert!(all.iter().any(|t| t.contains("08000 562 561")));
    assert!(all.contains(&"https://reportharmfulcontent.com/"));
}

#[test]
fn the_url_given_and_its_username_are_shown_with_the_evidence_step() {
    let url = "https://www.instagram.com/fake_account/";
    let given = steps(
        &IncidentInput {
            url: Some(url.into()),
            ..input()
        },
        &catalog(),
    );
    let evidence = &given[position(&given, "Save the evidence")];
    assert_eq!(
        evidence.links,
        vec![
            ("Where it is".to_string(), url.to_string()),
            ("Username".to_string(), "fake_account".to_string()),
        ]
    );
    // The platform comes from the address too.
    let report = &given[position(&given, "Report it to Instagram")];
    assert!(!report.links.is_empty());

    let pasted = IncidentInput {
        url: Some(format!(" \u{1b}[31m{url}\n")),
        ..input()
    };
    let pasted = steps(&pasted, &catalog());
    let evidence = &pasted[position(&pasted, "Save the evidence")];
    assert_eq!(
        evidence.links[0].1,
        format!("\u{1b}[31m{url}"),
        "trimmed only; render escapes it"
    );
    assert_eq!(
        evidence.links.len(),
        1,
        "no username read from a mangled address"
    );

    let named = IncidentInput {
        url: Some("https://www.facebook.com/profile.php?id=1".into()),
        handle: Some(" real.name ".into()),
        ..input()
    };
    assert_eq!(
        named.account().as_deref(),
        Some("real.name"),
        "a given name wins"
    );
}

//! The kinds beyond posts and fake accounts (contact, calls, sexual harassment), the
//! colleague path and the summary.

use super::{all_links, catalog, input, position};
use crate::incident::*;

/// The titles of the steps for `kind`, with the rest of the input as given.
fn kind_titles(kind: Kind, change: impl Fn(&mut IncidentInput)) -> Vec<String> {
    let mut input = IncidentInput {
        kind,
        platform: Some("tiktok".into()),
        ..input()
    };
    change(&mut input);
    let steps = steps(&input, &catalog());
    for (i, s) in steps.iter().enumerate() {
        assert_eq!(s.number, i + 1);
        assert!(!s.what_to_do.trim().is_empty(), "{}", s.title);
    }
    steps.into_iter().map(|s| s.title).collect()
}

fn in_order(titles: &[String], expected: &[&str]) {
    let positions: Vec<usize> = expected
        .iter()
        .map(|want| {
            titles
                .iter()
                .position(|t| t.contains(want))
                .unwrap_or_else(|| panic!("no step {want:?} in {titles:#?}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{expected:?} out of order in {titles:#?}"
    );
}

#[test]
fn contact_from_a_pupil_or_parent_follows_the_keys_order() {
    let titles = kind_titles(Kind::Contact, |i| i.responsible = Responsible::Parent);
    in_order(
        &titles,
        &[
            "Don't accept it or reply",
            "Screenshot the request",
            "Block the account",
            "privacy settings, name and photo",
            "line manager or the DSL",
            "If it keeps happening",
            "POSH",
            "police if it crosses the line",
        ],
    );
    assert_eq!(titles.len(), 8);
    let steps = steps(
        &IncidentInput {
            kind: Kind::Contact,
            responsible: Responsible::Parent,
            ..input()
        },
        &catalog(),
    );
    let persists = &steps[position(&steps, "If it keeps happening")];
    assert!(persists.what_to_do.contains("stock reply"));
    assert!(persists.what_to_do.contains("letter"));
    assert!(persists.what_to_do.contains("social media policy"));
    let decline = &steps[position(&steps, "Don't accept")];
    assert!(
        decline.what_to_do.contains("precedent"),
        "the parent's case"
    );
    let privacy = &steps[position(&steps, "privacy settings")];
    assert!(privacy.what_to_do.contains("display name"));
    assert!(privacy.what_to_do.contains("profile picture"));
    // Threats move the police up, as for posts.
    let threats = kind_titles(Kind::Contact, |i| i.threats_or_sexual = true);
    in_order(
        &threats,
        &["Screenshot the request", "police now", "Block the account"],
    );
}

#[test]
fn abusive_calls_follow_ofcoms_advice_and_the_police_where_it_is_a_crime() {
    let titles = kind_titles(Kind::Calls, |_| {});
    in_order(
        &titles,
        &[
            "hang up",
            "Keep a record",
            "Tell your phone company",
            "Block the number",
            "line manager or the DSL",
            "school's route",
            "POSH",
            "malicious calls are a crime",
            "support",
            "harder to find",
        ],
    );
    let steps = steps(
        &IncidentInput {
            kind: Kind::Calls,
            ..input()
        },
        &catalog(),
    );
    let company = &steps[position(&steps, "phone company")];
    assert!(
        company
            .what_to_do
            .contains("nuisance or malicious calls team")
    );
    assert_eq!(
        company.links[0].1,
        crate::contacts::OFCOM_CALLS.url.expect("a link")
    );
    let police = &steps[position(&steps, "police")];
    assert!(police.what_to_do.contains("criminal offence"));
    assert!(!police.urgent);
    assert!(
        !all_links(&steps).iter().any(|l| l.contains("tiktok")),
        "no platform"
    );
    let threats = kind_titles(Kind::Calls, |i| i.threats_or_sexual = true);
    in_order(&threats, &["Keep a record", "police now", "phone company"]);
}

#[test]
fn online_sexual_harassment_puts_the_police_first_and_gives_swgfls_guidance() {
    let titles = kind_titles(Kind::SexualHarassment, |_| {});
    in_order(
        &titles,
        &[
            "Don't reply",
            "Save the evidence",
            "Report it to the police now",
            "Report it to TikTok",
            "line manager or the DSL",
            "SWGfL's guidance",
            "school's route",
            "POSH",
            "Report Harmful Content",
            "support",
        ],
    );
    let steps = steps(
        &IncidentInput {
            kind: Kind::SexualHarassment,
            ..input()
        },
        &catalog(),
    );
    let police = &steps[position(&steps, "police")];
    assert!(police.urgent);
    assert!(police.what_to_do.contains("cyberflashing"));
    assert!(
        all_links(&steps)
            .iter()
            .any(|l| l.contains("0345 6000 459"))
    );
    let guidance = &steps[position(&steps, "SWGfL")];
    assert_eq!(
        guidance.links[0].1,
        crate::contacts::SWGFL_SEXUAL_HARASSMENT
            .url
            .expect("a link")
    );
    assert!(guidance.what_to_do.contains("Equality Act 2010"));
}

#[test]
fn every_kind_has_one_police_step_and_ends_with_what_comes_after() {
    for kind in Kind::ALL {
        for threats in [false, true] {
            let titles = kind_titles(kind, |i| i.threats_or_sexual = threats);
            let police: Vec<&String> = titles.iter().filter(|t| t.contains("police")).collect();
            assert_eq!(police.len(), 1, "{kind:?}: {titles:?}");
            let urgent = threats || kind == Kind::SexualHarassment;
            assert_eq!(police[0].contains("now"), urgent, "{kind:?} {threats}");
            assert!(titles.iter().any(|t| t.contains("POSH")), "{kind:?}");
        }
    }
}

#[test]
fn the_colleague_path_changes_who_acts_not_the_facts() {
    let catalog = catalog();
    for kind in Kind::ALL {
        for responsible in [Responsible::Pupil, Responsible::Unknown] {
            let mine = IncidentInput {
                kind,
                responsible,
                platform: Some("tiktok".into()),
                ..input()
            };
            let theirs = IncidentInput {
                for_colleague: true,
                ..mine.clone()
            };
            let (a, b) = (steps(&mine, &catalog), steps(&theirs, &catalog));
            assert_eq!(a.len(), b.len(), "{kind:?}: the same steps");
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(x.links, y.links, "{kind:?}: the same numbers and links");
                assert_eq!(x.urgent, y.urgent);
            }
            let text: String = b
                .iter()
                .map(|s| format!("{} {}\n", s.title, s.what_to_do))
                .collect();
            assert!(!text.contains("your line manager"), "{kind:?}: {text}");
            assert!(
                text.contains("your colleague") || text.contains("Ask them"),
                "{kind:?}"
            );
            assert_ne!(
                a.iter().map(|s| &s.title).collect::<Vec<_>>(),
                b.iter().map(|s| &s.title).collect::<Vec<_>>(),
                "{kind:?}: titles say who does it"
            );
        }
    }
    let dsl = steps(
        &IncidentInput {
            for_colleague: true,
            ..input()
        },
        &catalog,
    );
    assert_eq!(dsl[0].title, "Ask them not to reply, comment or hit back");
    assert!(
        dsl[position(&dsl, "headteacher")]
            .what_to_do
            .contains("governors")
    );
}

#[test]
fn the_summary_is_five_lines_led_by_the_police_when_they_come_first() {
    let catalog = catalog();
    let calm = summary(
        &IncidentInput {
            platform: Some("tiktok".into()),
            ..input()
        },
        &catalog,
    );
    assert_eq!(calm.len(), 5);
    assert!(calm[0].starts_with("Don't reply"));
    assert!(calm[1].contains("username"));
    assert!(calm[2].contains("Report it to TikTok"));
    assert!(calm[3].contains("line manager or the DSL"));
    assert!(calm[4].contains("POSH") && calm[4].contains("0344 381 4772"));
    let serious = summary(
        &IncidentInput {
            threats_or_sexual: true,
            ..input()
        },
        &catalog,
    );
    assert!(serious[2].contains("police") && serious[2].contains("999"));
    let dsl = summary(
        &IncidentInput {
            for_colleague: true,
            ..input()
        },
        &catalog,
    );
    assert!(dsl[0].starts_with("Ask them"));
    assert!(!dsl.iter().any(|l| l.contains("your line manager")));
    for kind in Kind::ALL {
        let lines = summary(&IncidentInput { kind, ..input() }, &catalog);
        assert_eq!(lines.len(), 5, "{kind:?}");
        assert!(lines.iter().all(|l| l.len() <= 76), "{lines:?}");
    }
}

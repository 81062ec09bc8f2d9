use super::*;
use crate::report::{Confidence, Severity, UncheckedKind};

fn typical() -> Report {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/reports/typical.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("a report")
}

fn answers(pairs: &[(&str, &str, Answer)]) -> Answers {
    let mut a = Answers::default();
    for (check, setting, answer) in pairs {
        a.set(check, setting, *answer);
    }
    a
}

fn profile(url: &str) -> Finding {
    Finding {
        kind: FindingKind::Profile,
        platform: Some("tiktok".into()),
        title: format!("A public TikTok account: {url}"),
        url: Some(url.into()),
        found_by: Some("the username janesmith (firstlast)".into()),
        confidence: Confidence::Likely,
        severity: Severity::High,
        pupil_could: "see it".into(),
        reasons: Vec::new(),
        needs_incident_steps: false,
    }
}

fn status_of(changes: &Changes, key: &str) -> Option<ChangeStatus> {
    changes.item(key).map(|c| c.status)
}

#[test]
fn a_first_audit_has_no_previous_and_no_items() {
    let mut report = typical();
    annotate(&mut report, None, None);
    let changes = report.changes.expect("annotated");
    assert!(changes.previous.is_none());
    assert!(changes.items.is_empty());
}

#[test]
fn the_same_audit_twice_is_all_still_open() {
    let older = typical();
    let mut newer = typical();
    newer.date = "2027-03-01".into();
    let changes = compare(Snapshot::new(&older, None), Snapshot::new(&newer, None));
    assert!(!changes.items.is_empty());
    assert!(
        changes
            .items
            .iter()
            .all(|i| i.status == ChangeStatus::StillOpen && i.since == "2026-12-01"),
        "{:#?}",
        changes.items
    );
    assert_eq!(changes.previous.expect("previous").date, "2026-12-01");
}

#[test]
fn new_accounts_come_first_and_gone_ones_last() {
    let older = typical();
    let mut newer = typical();
    newer.date = "2027-03-01".into();
    let gone = newer.findings.remove(0);
    newer
        .findings
        .push(profile("https://www.tiktok.com/@jane.smith.new"));
    let changes = compare(Snapshot::new(&older, None), Snapshot::new(&newer, None));
    let first = &changes.items[0];
    assert_eq!(first.status, ChangeStatus::New);
    assert_eq!(
        first.url.as_deref(),
        Some("https://www.tiktok.com/@jane.smith.new")
    );
    assert_eq!(first.since, "2026-12-01");
    let last = changes.items.last().expect("items");
    assert_eq!(last.status, ChangeStatus::Gone);
    assert_eq!(last.url, gone.url);
}

#[test]
fn found_after_could_not_check_is_newly_checked_not_new() {
    let older = typical();
    let mut newer = typical();
    // Instagram's janesmith_teach could not be checked in the older audit.
    newer
        .findings
        .push(profile("https://www.instagram.com/janesmith_teach"));
    let changes = compare(Snapshot::new(&older, None), Snapshot::new(&newer, None));
    assert_eq!(
        status_of(
            &changes,
            "profile:https://www.instagram.com/janesmith_teach"
        ),
        Some(ChangeStatus::NewlyChecked)
    );
}

#[test]
fn found_before_and_unchecked_now_is_not_gone() {
    let older = typical();
    let mut newer = typical();
    let f = newer.findings.remove(0);
    newer.could_not_check.push(Unchecked {
        kind: UncheckedKind::Username,
        platform: "TikTok".into(),
        what: "janesmith_teach".into(),
        reason: "the site said too many requests".into(),
        url: f.url.clone().expect("url"),
    });
    let changes = compare(Snapshot::new(&older, None), Snapshot::new(&newer, None));
    let key = finding_key(&f).expect("key");
    assert_eq!(status_of(&changes, &key), Some(ChangeStatus::NotCheckedNow));
}

#[test]
fn a_partial_audit_never_says_gone() {
    let older = typical();
    let mut newer = typical();
    newer.partial = true;
    let f = newer.findings.remove(0);
    let changes = compare(Snapshot::new(&older, None), Snapshot::new(&newer, None));
    let key = finding_key(&f).expect("key");
    assert_eq!(status_of(&changes, &key), Some(ChangeStatus::NotCheckedNow));
}

#[test]
fn dismissed_as_not_mine_is_left_out() {
    let older = typical();
    let mut newer = typical();
    let f = newer.findings.remove(0);
    let mut said = Answers::default();
    said.reviews
        .insert(f.url.clone().expect("url"), Review::NotMine);
    let changes = compare(
        Snapshot::new(&older, None),
        Snapshot::new(&newer, Some(&said)),
    );
    assert_eq!(status_of(&changes, &finding_key(&f).expect("key")), None);
}

#[test]
fn settings_closed_opened_and_answers_changed() {
    let older = typical();
    let mut newer = typical();
    // TikTok's private account is now set the safe way; Strava's zones were not asked.
    newer
        .actions
        .retain(|a| !(a.check == "tiktok" && a.setting == "private-account"));
    let was = answers(&[
        ("tiktok", "private-account", Answer::No),
        ("strava", "privacy-zones", Answer::No),
    ]);
    let now = answers(&[("tiktok", "private-account", Answer::Yes)]);
    let changes = compare(
        Snapshot::new(&older, Some(&was)),
        Snapshot::new(&newer, Some(&now)),
    );
    assert_eq!(
        status_of(&changes, "setting:tiktok/private-account"),
        Some(ChangeStatus::Gone)
    );
    // Still listed as open, but only the older audit had an answer for it.
    assert_eq!(
        status_of(&changes, "setting:strava/privacy-zones"),
        Some(ChangeStatus::StillOpen)
    );
    assert_eq!(changes.answers.len(), 1);
    let change = &changes.answers[0];
    assert_eq!(
        (
            change.label.as_str(),
            change.was.as_str(),
            change.now.as_str()
        ),
        ("TikTok: Private account", "No", "Yes")
    );
}

#[test]
fn still_open_since_the_first_audit_of_an_unbroken_run() {
    let first = typical();
    let mut second = typical();
    second.date = "2027-03-01".into();
    annotate(&mut second, None, Some(Snapshot::new(&first, None)));
    let mut third = typical();
    third.date = "2027-07-01".into();
    annotate(&mut third, None, Some(Snapshot::new(&second, None)));
    let changes = third.changes.expect("annotated");
    let item = &changes.items[0];
    assert_eq!(item.status, ChangeStatus::StillOpen);
    assert_eq!(item.since, "2026-12-01", "the first audit it was seen in");
    assert_eq!(changes.previous.expect("previous").date, "2027-03-01");
}

#[test]
fn urls_match_however_they_are_written() {
    let older = typical();
    let mut newer = typical();
    for f in &mut newer.findings {
        if let Some(url) = &mut f.url {
            *url = url.replacen("https://www.", "https://WWW.", 1) + "/#top";
        }
    }
    let changes = compare(Snapshot::new(&older, None), Snapshot::new(&newer, None));
    assert!(
        changes
            .items
            .iter()
            .all(|i| i.status == ChangeStatus::StillOpen),
        "{:#?}",
        changes.items
    );
}

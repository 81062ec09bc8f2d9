//! Assess on recorded evidence: what is found, in what order actions come, that unknowns
//! are never counted as safe, and that the score shows its working.

use findable::assess::{Input, assess};
use findable::checklist::{Answers, Review};
use findable::evidence::Evidence;
use findable::evidence::{ProbeStatus, QueryStatus, UnknownReason};
use findable::report::{Confidence, CoverageState, FindingKind, Report};
use findable::subject::{Subject, SubjectInput};
use findable::{Catalog, Variants};

fn subject() -> Subject {
    SubjectInput {
        name: Some("Jane Smith".into()),
        title: Some("Ms".into()),
        school: Some("Oakwood Academy".into()),
        town: Some("Leeds".into()),
        usernames: vec!["tiktok:janesmith84".into()],
        ..Default::default()
    }
    .validate(2026)
    .expect("valid subject")
}

fn evidence() -> Evidence {
    serde_json::from_str(include_str!("../../fixtures/evidence/audit.json")).expect("fixture")
}

fn answers() -> Answers {
    toml::from_str(
        "uses = [\"tiktok\", \"snapchat\", \"youtube\"]\n\
         [settings.tiktok]\nprivate-account = \"no\"\nsuggest-account = \"not-sure\"\n\
         [settings.youtube]\n",
    )
    .expect("answers")
}

fn run(answers: Option<&Answers>) -> Report {
    let catalog = Catalog::builtin().expect("catalog");
    let subject = subject();
    let variants = Variants::generate(&subject);
    let evidence = evidence();
    assess(&Input {
        subject: &subject,
        variants: &variants,
        evidence: &evidence,
        answers,
        catalog: &catalog,
        date: "2026-11-22".into(),
    })
}

#[test]
fn profiles_are_confirmed_only_when_they_carry_a_handle_you_gave() {
    let report = run(Some(&answers()));
    let profile = |platform: &str| {
        report
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::Profile && f.platform.as_deref() == Some(platform))
            .expect("profile finding")
    };
    assert_eq!(profile("tiktok").confidence, Confidence::Confirmed);
    assert_eq!(profile("youtube").confidence, Confidence::Possible);
    assert!(profile("youtube").pupil_could.contains("someone else"));
    // A "Ms Smith" account nobody claimed may be impersonation.
    assert!(profile("snapchat").needs_incident_steps);
}

#[test]
fn search_results_are_classified_and_others_left_out() {
    let report = run(None);
    let page = |start: &str| report.findings.iter().find(|f| f.title.starts_with(start));
    assert_eq!(
        page("Jane Smith - Head of Science")
            .expect("likely")
            .confidence,
        Confidence::Likely
    );
    assert_eq!(
        page("Jane Smith | Portrait").expect("possible").confidence,
        Confidence::Possible
    );
    assert!(page("John Smithson").is_none());
    assert!(report.stats.results_about_others >= 1);
    assert!(
        page("Oakwood Academy slander")
            .expect("alarming page")
            .needs_incident_steps
    );
}

#[test]
fn unknowns_are_listed_to_check_by_hand_and_never_counted_safe() {
    let report = run(Some(&answers()));
    assert_eq!(report.stats.profiles_unknown, 2);
    let unchecked: Vec<&str> = report
        .could_not_check
        .iter()
        .map(|u| u.url.as_str())
        .collect();
    assert!(unchecked.contains(&"https://www.instagram.com/janesmith/"));
    assert!(unchecked.contains(&"https://www.tiktok.com/@jsmith"));
    assert!(
        report
            .could_not_check
            .iter()
            .any(|u| u.what.contains("teacher") && u.url.starts_with("https://duckduckgo.com/"))
    );
    assert_eq!(report.coverage.state, CoverageState::Enough);
    // Nothing unknown turns into a finding of safety or an "absent" count.
    assert_eq!(report.stats.profiles_absent, 1);
}

#[test]
fn actions_put_platforms_where_you_were_found_first() {
    let report = run(Some(&answers()));
    assert!(!report.actions.is_empty());
    let first = &report.actions[0];
    assert_eq!(
        first.check, "tiktok",
        "found publicly on TikTok, so its open settings lead"
    );
    assert!(first.exposed);
    assert_eq!(
        report.actions.iter().filter(|a| a.quick).count(),
        report.actions.len().min(5)
    );
    let sure = report
        .actions
        .iter()
        .find(|a| a.setting == "suggest-account")
        .expect("not sure is open");
    assert_eq!(sure.your_answer, "not sure");
}

#[test]
fn without_the_checklist_the_key_settings_are_listed_as_not_asked() {
    let report = run(None);
    assert!(report.actions.iter().all(|a| a.your_answer == "not asked"));
    assert!(report.actions.iter().any(|a| a.check == "tiktok"));
    assert!(report.summary.contains("skipped the settings checklist"));
}

#[test]
fn the_score_adds_up_to_its_contributors() {
    for answers in [None, Some(answers())] {
        let report = run(answers.as_ref());
        let sum: u32 = report.score.contributors.iter().map(|c| c.points).sum();
        assert_eq!(report.coverage.state, CoverageState::Enough);
        assert_eq!(report.score.value, Some(sum.min(100)));
        assert!(report.score.value > Some(0));
    }
}

#[test]
fn what_you_dismiss_is_left_out() {
    let mut answers = answers();
    answers
        .reviews
        .insert("https://www.youtube.com/@janesmith".into(), Review::NotMine);
    answers.reviews.insert(
        "https://www.example.org/people/jane-smith".into(),
        Review::Mine,
    );
    let report = run(Some(&answers));
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.url.as_deref() != Some("https://www.youtube.com/@janesmith"))
    );
    let claimed = report
        .findings
        .iter()
        .find(|f| f.url.as_deref() == Some("https://www.example.org/people/jane-smith"))
        .expect("claimed page");
    assert_eq!(claimed.confidence, Confidence::Confirmed);
    assert_eq!(report.stats.dismissed_by_you, 1);
}

#[test]
fn the_report_matches_its_schema_shape() {
    let report = run(Some(&answers()));
    let json = serde_json::to_value(&report).expect("json");
    let schema = findable::report::schema();
    for key in schema["required"].as_array().expect("required keys") {
        assert!(
            json.get(key.as_str().expect("key")).is_some(),
            "missing {key}"
        );
    }
}

#[test]
fn empty_answers_never_read_as_safe() {
    let tiktok_only: Answers = toml::from_str("uses = [\"tiktok\"]\n").expect("answers");
    for answers in [Answers::default(), tiktok_only] {
        let report = run(Some(&answers));
        assert!(
            !report.summary.contains("no settings open"),
            "{}",
            report.summary
        );
        assert!(
            !report.actions.is_empty(),
            "every unanswered setting is open"
        );
        assert!(
            report
                .actions
                .iter()
                .all(|a| a.your_answer == "not answered yet"),
            "{:?}",
            report.actions
        );
        assert!(
            report.summary.contains("not answered yet"),
            "{}",
            report.summary
        );
        assert!(
            report.findings.iter().all(|f| f.url.is_some()),
            "settings are never findings"
        );
    }
    let with_tiktok = run(Some(
        &toml::from_str("uses = [\"tiktok\"]\n").expect("answers"),
    ));
    assert!(with_tiktok.actions.iter().any(|a| a.check == "tiktok"));
}

fn run_on(evidence: &Evidence) -> Report {
    let catalog = Catalog::builtin().expect("catalog");
    let subject = subject();
    let variants = Variants::generate(&subject);
    assess(&Input {
        subject: &subject,
        variants: &variants,
        evidence,
        answers: Some(&answers()),
        catalog: &catalog,
        date: "2026-11-22".into(),
    })
}

/// `evidence` as if the network had refused every request.
fn all_refused(mut evidence: Evidence) -> Evidence {
    for probe in &mut evidence.probes {
        if probe.reason != Some(UnknownReason::Manual) {
            probe.status = ProbeStatus::Unknown;
            probe.reason = Some(UnknownReason::Network);
        }
    }
    for query in &mut evidence.searches {
        query.status = QueryStatus::Failed;
        query.results.clear();
    }
    evidence
}

#[test]
fn with_nothing_answered_the_report_says_so_and_has_no_score() {
    let report = run_on(&all_refused(evidence()));
    assert_eq!(report.coverage.state, CoverageState::Nothing);
    assert_eq!(report.coverage.answered, 0);
    assert!(report.coverage.network_failed);
    assert_eq!(report.score.value, None, "answers alone make no score");
    assert!(report.findings.is_empty());
    assert!(
        report.headline.contains("could not check anything"),
        "{}",
        report.headline
    );
    assert!(!report.headline.contains("Nothing clearly about you"));
}

#[test]
fn with_little_answered_the_report_says_how_little() {
    let whole = evidence();
    let mut little = all_refused(whole.clone());
    // One profile check answers; everything else was refused.
    let answered = whole
        .probes
        .iter()
        .position(|p| p.status == ProbeStatus::Absent)
        .expect("an absent probe in the fixture");
    little.probes[answered] = whole.probes[answered].clone();
    let report = run_on(&little);
    assert_eq!(report.coverage.state, CoverageState::Little);
    assert_eq!(report.coverage.answered, 1);
    assert!(report.coverage.tried > 2);
    assert_eq!(report.score.value, None);
    assert!(
        report.headline.contains("could check only 1 of"),
        "{}",
        report.headline
    );
    // A site blocking findable is not the network: no "school network" advice then.
    let mut blocked = little.clone();
    if let Some(p) = blocked
        .probes
        .iter_mut()
        .find(|p| p.reason == Some(UnknownReason::Network))
    {
        p.reason = Some(UnknownReason::Blocked);
    }
    assert!(!run_on(&blocked).coverage.network_failed);
}

#[test]
fn a_setting_with_its_own_page_keeps_the_link_in_the_report() {
    let catalog = Catalog::builtin().expect("catalog");
    let report = run(None);
    for action in &report.actions {
        let setting = catalog
            .get(&action.check)
            .and_then(|c| c.settings.iter().find(|s| s.id == action.setting))
            .expect("the action's setting");
        assert_eq!(
            action.settings_url, setting.settings_url,
            "{}",
            action.setting
        );
    }
}

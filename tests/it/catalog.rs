//! The check catalog: shipped files are valid and complete; every kind of mistake in a
//! check file is caught and pointed at by file and line.

use std::path::Path;

use findable::Catalog;
use findable::catalog::{CatalogError, Category, ProbeMethod};

const SHIPPED: &[&str] = &[
    "instagram",
    "tiktok",
    "facebook",
    "snapchat",
    "x",
    "youtube",
];

#[test]
fn the_builtin_catalog_loads_and_matches_the_checks_directory() {
    let builtin = Catalog::builtin().expect("built-in checks are valid");
    let dir = Catalog::load_dir(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("checks")
            .as_path(),
    )
    .expect("checks/ is valid");
    let ids = |c: &Catalog| c.checks.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&builtin), ids(&dir));
    for id in SHIPPED {
        assert!(builtin.get(id).is_some(), "checks/{id}.toml is missing");
    }
}

#[test]
fn every_shipped_check_is_complete() {
    let catalog = Catalog::builtin().expect("built-in checks are valid");
    for check in &catalog.checks {
        let id = &check.id;
        assert!(!check.search.is_empty(), "{id}: no search templates");
        assert!(check.settings.len() >= 4, "{id}: fewer than 4 settings");
        for s in &check.settings {
            assert!(
                s.help_url.starts_with("https://"),
                "{id}/{}: help_url",
                s.id
            );
            assert!(!s.as_of.is_empty(), "{id}/{}: as_of", s.id);
        }
        // Non-platform checks (the electoral register, say) have no profile to probe.
        let Some(profile) = check.profile.as_ref() else {
            continue;
        };
        let report = check.report.as_ref().expect("platforms have report links");
        assert!(report.abuse.starts_with("https://"), "{id}: abuse link");
        assert!(
            report.impersonation.starts_with("https://"),
            "{id}: impersonation link"
        );
        match profile.method {
            ProbeMethod::Http => assert!(profile.exists.is_some() && profile.absent.is_some()),
            ProbeMethod::Manual => assert!(profile.manual_reason.is_some()),
        }
    }
}

#[test]
fn username_rules_accept_ordinary_handles() {
    let catalog = Catalog::builtin().expect("built-in checks are valid");
    for check in catalog.checks.iter().filter(|c| c.profile.is_some()) {
        let rule = &check.profile.as_ref().expect("profile").username_rule;
        assert!(rule.accepts("janesmith"), "{} rejects janesmith", check.id);
        assert!(!rule.accepts("jane smith"), "{} accepts a space", check.id);
    }
}

#[test]
fn the_valid_fixture_loads_with_every_field() {
    let catalog = Catalog::load_dir(Path::new("fixtures/checks/valid")).expect("valid");
    let check = catalog.get("example").expect("example check");
    let profile = check.profile.as_ref().expect("profile");
    assert_eq!(profile.url_for("jsmith"), "https://example.test/@jsmith");
    assert_eq!(
        profile.headers.get("Accept").map(String::as_str),
        Some("application/json")
    );
    assert_eq!(profile.exists.as_ref().expect("exists").status, vec![200]);
    assert_eq!(check.settings[0].location, "Profile → Settings → Privacy");
    assert_eq!(check.as_of, "2026-11-22");
    assert!(check.settings[0].essential && !check.settings[1].essential);
    assert_eq!(
        check.settings[0].settings_url.as_deref(),
        Some("https://example.test/settings/privacy")
    );
    assert_eq!(check.settings[1].settings_url, None);
    assert_eq!(
        check.help_hubs,
        ["https://example.test/help/privacy-settings"]
    );
    assert_eq!(check.essentials().count(), 1);
    let unverified: Vec<&str> = check.unverified().map(|s| s.id.as_str()).collect();
    assert_eq!(unverified, ["status"]);
    // The JSON form round-trips, compiled regex included.
    let json = serde_json::to_string(&catalog).expect("serialise");
    let back: Catalog = serde_json::from_str(&json).expect("deserialise");
    assert!(
        back.checks[0]
            .profile
            .as_ref()
            .expect("profile")
            .username_rule
            .accepts("jsmith")
    );
}

/// (file, line, words the message must contain) for every broken fixture.
const EXPECTED: &[(&str, usize, &str)] = &[
    ("unknown_key.toml", 7, "unknown field `colour`"),
    ("bad_regex.toml", 13, "not a valid regex"),
    ("bad_placeholder.toml", 32, "unknown placeholder {fullname}"),
    ("bad_url_placeholder.toml", 11, "must contain {username}"),
    ("missing_help.toml", 35, "missing field `help_url`"),
    ("empty_help.toml", 44, "help_url is missing a link"),
    ("missing_report.toml", 2, "needs a [report] table"),
    (
        "missing_impersonation.toml",
        47,
        "missing field `impersonation`",
    ),
    ("twin_b.toml", 2, "duplicate id \"twin\""),
    (
        "no_absent_rule.toml",
        14,
        "needs both [profile.exists] and [profile.absent]",
    ),
    ("bad_date.toml", 45, "datetime"),
    ("syntax_error.toml", 3, "string"),
];

#[test]
fn every_validation_error_names_its_file_and_line() {
    let err = Catalog::load_dir(Path::new("fixtures/checks/invalid")).expect_err("invalid");
    let CatalogError::Invalid(errors) = err else {
        panic!("expected validation errors, got {err}");
    };
    for (file, line, words) in EXPECTED {
        let found = errors
            .iter()
            .any(|e| e.file.ends_with(file) && e.line == *line && e.message.contains(words));
        assert!(
            found,
            "no error for {file}:{line} containing {words:?} in {errors:#?}"
        );
    }
    // Nothing else: each broken file is broken in exactly the way intended.
    let files: std::collections::HashSet<_> = errors.iter().map(|e| e.file.clone()).collect();
    assert_eq!(files.len(), EXPECTED.len());
}

#[test]
fn an_empty_or_missing_directory_is_an_error_not_an_empty_catalog() {
    let empty = tempfile::tempdir().expect("tempdir");
    assert!(matches!(
        Catalog::load_dir(empty.path()),
        Err(CatalogError::Empty(_))
    ));
    assert!(matches!(
        Catalog::load_dir(&empty.path().join("nope")),
        Err(CatalogError::Read { .. })
    ));
}

#[test]
fn the_annotated_example_in_checks_readme_is_valid() {
    let readme = std::fs::read_to_string("checks/README.md").expect("checks/README.md");
    let start = readme
        .find("```toml\n# Reviewed against official help pages:")
        .expect("an annotated example")
        + "```toml\n".len();
    let len = readme[start..].find("```").expect("closed block");
    let example = readme[start..start + len].to_string();
    let catalog = Catalog::from_sources([("checks/README.md".to_string(), example)])
        .expect("the documented example validates");
    assert_eq!(catalog.checks[0].settings.len(), 1);
}

/// A check file with one setting per `(help_url, essential)` pair, for the rules that
/// look across a file's settings.
fn with_settings(hubs: &[&str], settings: &[(&str, bool)]) -> String {
    let mut text = format!(
        "id = \"several\"\nname = \"Several\"\ncategory = \"social\"\npupil_use = \"low\"\n\
         as_of = 2026-11-30\nhelp_hubs = {hubs:?}\n\n[[search]]\nquery = '\"{{name}}\"'\n"
    );
    for (i, (help, essential)) in settings.iter().enumerate() {
        text.push_str(&format!(
            "\n[[settings]]\nid = \"s{i}\"\nlabel = \"S{i}\"\nwhere = \"Settings\"\n\
             recommended = \"Off\"\nrisk = \"A pupil sees it.\"\npriority = \"high\"\n\
             question = \"Is it off?\"\nsafe_answer = \"yes\"\nhelp_url = \"{help}\"\n\
             as_of = 2026-11-30\nessential = {essential}\n"
        ));
    }
    text
}

fn problems(text: String) -> Vec<(usize, String)> {
    match Catalog::from_sources([("several.toml".to_string(), text)]) {
        Ok(_) => Vec::new(),
        Err(CatalogError::Invalid(errors)) => {
            errors.into_iter().map(|e| (e.line, e.message)).collect()
        }
        Err(other) => panic!("unexpected error: {other}"),
    }
}

/// The line `help_url` of setting `index` (0-based) is on in [`with_settings`] output.
fn help_line(text: &str, index: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("help_url"))
        .nth(index)
        .map(|(n, _)| n + 1)
        .expect("setting")
}

#[test]
fn a_help_link_shared_by_more_than_two_settings_must_be_a_declared_hub() {
    let generic = "https://help.example.test/";
    let two = with_settings(&[], &[(generic, false), (generic, false)]);
    assert_eq!(problems(two), []);
    let three = with_settings(&[], &[(generic, false), (generic, false), (generic, false)]);
    let found = problems(three.clone());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, help_line(&three, 2));
    assert!(found[0].1.contains("help_hubs"), "{}", found[0].1);
    let hub = with_settings(
        &[generic],
        &[(generic, false), (generic, false), (generic, false)],
    );
    assert_eq!(problems(hub), []);
}

#[test]
fn a_hub_no_setting_uses_is_an_error() {
    let text = with_settings(
        &["https://help.example.test/old-page"],
        &[("https://help.example.test/a", false)],
    );
    let found = problems(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("no setting in this file uses it"));
}

#[test]
fn a_sixth_essential_setting_is_an_error() {
    let urls: Vec<String> = (0..6)
        .map(|i| format!("https://help.example.test/{i}"))
        .collect();
    let five: Vec<(&str, bool)> = urls[..5].iter().map(|u| (u.as_str(), true)).collect();
    assert_eq!(problems(with_settings(&[], &five)), []);
    let six: Vec<(&str, bool)> = urls.iter().map(|u| (u.as_str(), true)).collect();
    let found = problems(with_settings(&[], &six));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("at most 5"), "{}", found[0].1);
}

#[test]
fn settings_url_must_be_an_https_link() {
    let text = with_settings(&[], &[("https://help.example.test/a", true)]).replace(
        "as_of = 2026-11-30\nessential",
        "settings_url = \"http://example.test/settings\"\nas_of = 2026-11-30\nessential",
    );
    let found = problems(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("settings_url must be an https:// link"));
}
/// The eight platforms pupils use most: the short walkthrough asks exactly five
/// settings on each.
const MOST_USED: &[&str] = &[
    "tiktok",
    "instagram",
    "snapchat",
    "youtube",
    "whatsapp",
    "facebook",
    "x",
    "discord",
];

#[test]
fn essential_settings_keep_the_short_walkthrough_short() {
    let catalog = Catalog::builtin().expect("built-in checks are valid");
    // What a person who answers "no" to every "does this apply to you?" question is asked
    // outside the platforms: the ungated essentials, and one question per gate.
    let mut general = 0;
    let mut gates = std::collections::BTreeSet::new();
    for check in &catalog.checks {
        let id = check.id.as_str();
        let essentials = check.essentials().count();
        if check.category.is_general() {
            match &check.applies_when {
                None => general += essentials,
                Some(gate) if essentials > 0 => {
                    gates.insert(gate.id.clone());
                    assert!(essentials <= 2, "{id}: a gated check adds at most 2");
                }
                Some(_) => {}
            }
        } else if MOST_USED.contains(&id) {
            assert_eq!(
                essentials, 5,
                "{id}: the most-used platforms have exactly 5"
            );
        } else {
            assert!(
                (3..=5).contains(&essentials),
                "{id}: {essentials} essentials; other platforms have 3 to 5"
            );
        }
        assert!(check.settings.len() <= 16, "{id}: more than 16 settings");
    }
    let general = general + gates.len();
    assert!(
        general <= 10,
        "{general} general questions ({gates:?} among them)"
    );
    // Four most-used platforms plus the general questions: at most 30.
    assert!(4 * 5 + general <= 30);
    assert!(
        catalog
            .checks
            .iter()
            .any(|c| c.category == Category::Gaming)
    );
}

#[test]
fn every_check_file_says_when_it_was_reviewed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("checks");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("checks/") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).expect("readable");
        let first = text.lines().next().unwrap_or_default();
        let date = first
            .strip_prefix("# Reviewed against official help pages: ")
            .and_then(|rest| rest.strip_suffix('.'))
            .unwrap_or_else(|| panic!("{}: first line is {first:?}", path.display()));
        assert!(
            date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-',
            "{}: {date:?} is not a date",
            path.display()
        );
    }
    assert!(files > 0);
}

#[test]
fn known_accounts_must_fit_the_username_rule_and_redirects_can_be_left_unfollowed() {
    use crate::support::fake_platforms::{Behaviour, check_toml};
    let base = check_toml(
        "knowing",
        "https://example.test/u/{username}",
        &Behaviour::AlwaysFound,
    );
    let with = |extra: &str| {
        base.replacen(
            "method = \"http\"",
            &format!("method = \"http\"\n{extra}"),
            1,
        )
    };
    let good = with("known = [\"alice\"]\nfollow_redirects = false");
    let catalog = Catalog::from_sources([("knowing.toml".to_string(), good)]).expect("valid check");
    let site = findable::catalog::Site::from_check(&catalog.checks[0]).expect("site");
    assert_eq!(site.known, ["alice"]);
    assert!(!site.follow_redirects);
    let bad = with("known = [\"not valid!\"]");
    let error = Catalog::from_sources([("knowing.toml".to_string(), bad)])
        .expect_err("a known account the rule refuses")
        .to_string();
    assert!(
        error.contains("known account \"not valid!\" does not match username_rule"),
        "{error}"
    );
}

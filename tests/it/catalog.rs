//! The check catalog: shipped files are valid and complete; every kind of mistake in a
//! check file is caught and pointed at by file and line.

use std::path::Path;

use findable::Catalog;
use findable::catalog::{CatalogError, ProbeMethod};

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
    let start = readme.find("```toml\nid = ").expect("an annotated example") + "```toml\n".len();
    let len = readme[start..].find("```").expect("closed block");
    let example = readme[start..start + len].to_string();
    let catalog = Catalog::from_sources([("checks/README.md".to_string(), example)])
        .expect("the documented example validates");
    assert_eq!(catalog.checks[0].settings.len(), 1);
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

//! What each of findable's parsers promises for any input at all, written once and checked
//! two ways: by the cargo-fuzz targets in `fuzz/` (nightly, coverage-guided) and by the
//! proptest properties in `tests/it/hostile_input.rs` (stable, random). Each function takes
//! input as a file or a server could send it, runs the parser, and asserts that it gave a
//! value or an error (never a panic) and that the value keeps the promises later stages
//! rely on. An assertion failing here is a bug in findable, not in the input.
//!
//! Used by `#[path]` from the fuzz crate too, so it depends on `findable` and `serde_json`
//! and `toml` only.

// The fuzz crate and the test binary each use only part of this file.
#![allow(dead_code)]

use std::sync::OnceLock;

use findable::catalog::import::{ImportOptions, parse_site_list};
use findable::catalog::{Catalog, CatalogError, Detection, Rule, Site};
use findable::checklist::{Answers, AnswersFormat};
use findable::engine::detect::{self, Observed, Verdict};
use findable::engine::search::{Parsed, brave, duckduckgo, searxng};
use findable::subject::SubjectInput;
use findable::variants::Variants;
use findable::variants::parse::{self, ParsedName};

/// The year subjects are validated against, fixed so results do not depend on the clock.
pub const YEAR: u16 = 2026;

/// HTTP statuses worth trying: every one a parser or the detection rules treats apart,
/// their neighbours, and impossible ones a broken server might still send.
pub const STATUSES: &[u16] = &[
    0, 100, 199, 200, 201, 202, 203, 204, 206, 299, 300, 301, 302, 303, 304, 307, 308, 400, 401,
    403, 404, 405, 407, 410, 418, 422, 429, 451, 500, 502, 503, 504, 599, 999, 1000, 65535,
];

/// The status a fuzz input's byte stands for (see [`STATUSES`]).
pub fn status(byte: u8) -> u16 {
    STATUSES[usize::from(byte) % STATUSES.len()]
}

/// The checks shipped in the binary: answers are checked against them, and their sites'
/// rules are among those [`judge`] is tried with.
pub fn builtin() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().expect("the built-in checks load"))
}

/// Every site the detection rules are tried with: each built-in check with a profile, each
/// site of the fixture WhatsMyName and Sherlock lists, and a few hand-made rules that use
/// every kind of condition (status, body with `{username}`, redirect, blocked).
pub fn sites() -> &'static [Site] {
    static SITES: OnceLock<Vec<Site>> = OnceLock::new();
    SITES.get_or_init(|| {
        let mut sites: Vec<Site> = builtin()
            .checks
            .iter()
            .filter_map(Site::from_check)
            .collect();
        for (label, text) in [
            (
                "wmn-small.json",
                include_str!("../../../fixtures/sites/wmn-small.json"),
            ),
            (
                "sherlock-small.json",
                include_str!("../../../fixtures/sites/sherlock-small.json"),
            ),
            (
                "maigret-small.json",
                include_str!("../../../fixtures/sites/maigret-small.json"),
            ),
        ] {
            let imported = parse_site_list(label, text, &ImportOptions::default())
                .expect("the fixture lists load");
            sites.extend(imported.sites);
        }
        let rule = |status: &[u16], body: &[&str], redirect: Option<&str>| Rule {
            status: status.to_vec(),
            body: body.iter().map(|b| (*b).to_string()).collect(),
            redirect: redirect.map(str::to_string),
        };
        let hand_made = [
            Detection {
                exists: Some(rule(&[200], &["\"{username}\""], None)),
                absent: Some(rule(&[404], &[], None)),
                blocked: None,
            },
            Detection {
                exists: Some(rule(&[], &["og:type"], None)),
                absent: Some(rule(&[], &[], Some("/missing?u={username}"))),
                blocked: Some(rule(&[], &["rate limited", "{username} is blocked"], None)),
            },
            Detection {
                exists: Some(rule(&[200, 301], &[], Some("/{username}/"))),
                absent: Some(rule(&[200], &["not found", "no such"], None)),
                blocked: None,
            },
            Detection::default(),
        ];
        if let Some(template) = sites.first().cloned() {
            for (i, detection) in hand_made.into_iter().enumerate() {
                sites.push(Site {
                    name: format!("hand-made-{i}"),
                    detection,
                    ..template.clone()
                });
            }
        }
        sites
    })
}

/// A name as typed into `--name`: the parser splits it, and a subject built from it (with
/// the other lines as other name, nickname and title) is validated and, when valid, yields
/// names and usernames that are never empty and usernames that never hold whitespace.
pub fn name(text: &str) {
    let parsed = ParsedName::parse(text);
    let _ = ParsedName::surname_only(text);
    if let Some(surname) = &parsed.surname {
        let _ = parse::surname_parts(surname);
    }
    let folded = parse::fold(text);
    assert!(
        folded
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
        "fold({text:?}) = {folded:?}"
    );
    let _ = parse::fold_key(text);

    let mut lines = text.splitn(4, '\n');
    let mut next = || lines.next().map(str::to_string);
    let input = SubjectInput {
        name: next(),
        other_names: next().into_iter().collect(),
        nicknames: next().into_iter().collect(),
        title: next(),
        birth_year: Some(1984),
        ..Default::default()
    };
    if let Ok(subject) = input.validate(YEAR) {
        variants_keep_promises(&Variants::generate(&subject), text);
    }
}

fn variants_keep_promises(variants: &Variants, from: &str) {
    assert!(!variants.names.is_empty(), "no names from {from:?}");
    for n in &variants.names {
        assert!(!n.text.trim().is_empty(), "empty name from {from:?}");
        assert!(n.weight.is_finite(), "weight of {:?} from {from:?}", n.text);
    }
    for u in &variants.usernames {
        assert!(!u.text.is_empty(), "empty username from {from:?}");
        assert!(
            !u.text.contains(char::is_whitespace),
            "username {:?} from {from:?}",
            u.text
        );
        assert!(u.weight.is_finite(), "weight of {:?} from {from:?}", u.text);
    }
}

/// A subject file (`--subject me.toml`): read, validated, and when valid turned into
/// variants that keep the same promises as [`name`]'s.
pub fn subject_file(text: &str) {
    let Ok(input) = SubjectInput::from_toml("fuzz.toml", text) else {
        return;
    };
    if let Ok(subject) = input.validate(YEAR) {
        variants_keep_promises(&Variants::generate(&subject), text);
    }
}

/// An answers file, read as TOML and as JSON against the built-in checks. Answers that load
/// name only checks and settings that exist, and survive being saved and read back: the
/// checklist saves them after every question, so one that could not be read back would
/// lose the person's work.
pub fn answers(text: &str) {
    let catalog = builtin();
    if let Ok(answers) = Answers::parse("fuzz.toml", text, AnswersFormat::Toml, catalog) {
        answers_keep_promises(&answers, catalog);
    }
    if let Ok(answers) = Answers::parse("fuzz.json", text, AnswersFormat::Json, catalog) {
        answers_keep_promises(&answers, catalog);
    }
}

fn answers_keep_promises(answers: &Answers, catalog: &Catalog) {
    for id in answers.uses.iter().flatten().chain(answers.settings.keys()) {
        assert!(catalog.get(id).is_some(), "unknown check {id:?} accepted");
    }
    let saved = toml::to_string(answers).expect("answers can be saved as TOML");
    let back = Answers::parse("saved.toml", &saved, AnswersFormat::Toml, catalog)
        .expect("saved answers read back");
    assert_eq!(&back, answers, "TOML round trip of {saved}");
    let json = serde_json::to_string(answers).expect("answers can be written as JSON");
    let back = Answers::parse("saved.json", &json, AnswersFormat::Json, catalog)
        .expect("JSON answers read back");
    assert_eq!(&back, answers, "JSON round trip of {json}");
}

/// Check files (`--checks DIR`, `findable checks validate`): a catalog with unique ids,
/// or a list of problems each on one line with a real line number, as the validator prints
/// them. A valid catalog's sites fill their URL templates for any username.
pub fn check_files(files: Vec<(String, String)>) {
    let lines: Vec<usize> = files
        .iter()
        .map(|(_, t)| t.lines().count().max(1))
        .collect();
    match Catalog::from_sources(files) {
        Ok(catalog) => {
            for pair in catalog.checks.windows(2) {
                assert!(pair[0].id < pair[1].id, "ids not unique and sorted");
            }
            for site in catalog.checks.iter().filter_map(Site::from_check) {
                let url = site.profile_url_for("jane.smith");
                assert!(!url.contains("{username}"), "{url}");
                let _ = site.prepare("jane.smith");
            }
        }
        Err(CatalogError::Invalid(problems)) => {
            assert!(!problems.is_empty());
            let most = lines.iter().max().copied().unwrap_or(1) + 1;
            for problem in problems {
                assert!(
                    !problem.message.contains('\n'),
                    "problem on two lines: {problem:?}"
                );
                assert!(
                    (1..=most).contains(&problem.line),
                    "line {} of at most {most}: {problem:?}",
                    problem.line
                );
            }
        }
        Err(other) => panic!("from_sources reads no files, yet: {other}"),
    }
}

/// A WhatsMyName, Sherlock or Maigret site list (`--sites FILE`), with and without adult
/// sites: sites whose URLs all carry the one `{username}` placeholder, with unique names;
/// every entry accounted for (probed, skipped with a reason, or disabled by the list);
/// warnings, reasons and errors on one line each.
pub fn site_list(text: &str) {
    for include_adult in [false, true] {
        site_list_with(text, &ImportOptions { include_adult });
    }
}

fn site_list_with(text: &str, options: &ImportOptions) {
    match parse_site_list("fuzz.json", text, options) {
        Ok(imported) => {
            assert!(
                !imported.sites.is_empty(),
                "an import with no sites is an error"
            );
            let mut names: Vec<&str> = imported.sites.iter().map(|s| s.name.as_str()).collect();
            names.sort_unstable();
            let count = names.len();
            names.dedup();
            assert_eq!(names.len(), count, "duplicate site names kept");
            assert!(
                imported.sites.len() + imported.skipped.len() + imported.disabled
                    >= imported.entries,
                "entries lost: {} sites, {} skipped, {} disabled of {}",
                imported.sites.len(),
                imported.skipped.len(),
                imported.disabled,
                imported.entries
            );
            for site in &imported.sites {
                for url in [&site.profile_url, &site.request.url] {
                    assert!(!url.contains("{account}"), "{url}");
                }
                let _ = site.prepare("jane.smith");
                let _ = site.profile_url_for("jane.smith");
            }
            for skipped in &imported.skipped {
                assert!(!skipped.reason.trim().is_empty(), "{skipped:?}");
                assert!(!skipped.reason.contains('\n'), "{skipped:?}");
            }
            for warning in &imported.warnings {
                assert!(!warning.contains('\n'), "warning on two lines: {warning:?}");
            }
        }
        Err(error) => {
            let message = error.to_string();
            assert!(!message.contains('\n'), "error on two lines: {message:?}");
        }
    }
}

/// The three search backends' answers. Results carry only absolute http(s) URLs, ranks
/// that start at 1 and only rise, and text with no control or bidirectional-override
/// characters (it is printed to a terminal); a refusal or failure says why.
pub fn search(backend: usize, status: u16, body: &str) {
    let parsed = match backend % 3 {
        0 => duckduckgo::parse(status, body),
        1 => searxng::parse(status, body),
        _ => brave::parse(status, body),
    };
    match parsed {
        Parsed::Results { hits, unresponsive } => {
            let mut last = 0;
            for hit in &hits {
                let url = url::Url::parse(&hit.url).expect("hit URL parses");
                assert!(matches!(url.scheme(), "http" | "https"), "{}", hit.url);
                assert!(hit.rank > last, "ranks {last} then {}", hit.rank);
                last = hit.rank;
                for text in [&hit.title, &hit.snippet] {
                    assert!(printable(text), "unprintable text {text:?}");
                }
            }
            for engine in &unresponsive {
                assert!(!engine.is_empty() && printable(engine), "engine {engine:?}");
            }
        }
        Parsed::Blocked(why) | Parsed::Failed(why) => {
            assert!(!why.trim().is_empty(), "a refusal that does not say why");
        }
    }
}

fn printable(text: &str) -> bool {
    !text.chars().any(|c| {
        c.is_control() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// One answer read by a site's detection rules. `found` only when the exists rule matched
/// and the absent rule did not; `absent` only when the absent rule matched; anything
/// else is unknown with a reason.
pub fn judge(site: usize, username: &str, seen: &Observed<'_>) {
    let sites = sites();
    let site = &sites[site % sites.len()];
    let detection = &site.detection;
    let verdict = detect::judge(detection, username, seen);
    let matches = |rule: &Option<Rule>| {
        rule.as_ref()
            .is_some_and(|r| detect::rule_matches(r, username, seen))
    };
    match verdict {
        Verdict::Found => {
            assert!(matches(&detection.exists), "found without the exists rule");
            assert!(!matches(&detection.absent), "found though absent matched");
        }
        Verdict::Absent => assert!(matches(&detection.absent), "absent without the rule"),
        Verdict::Unknown(_, detail) => assert!(!detail.is_empty(), "unknown without a reason"),
    }
    let _ = detect::body_settled(detection, username, seen.body.as_bytes());
}

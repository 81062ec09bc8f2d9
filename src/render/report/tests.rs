//! Snapshot tests of every format on a realistic report, and hostile input (script tags,
//! event handlers, `javascript:` links, Markdown links, terminal escapes, very long words)
//! that must come out as inert text.

use super::*;
use crate::render::fixtures::readable;
use crate::render::page;

const TYPICAL: &str = include_str!("../../../fixtures/reports/typical.json");
const HOSTILE: &str = include_str!("../../../fixtures/reports/hostile.json");
/// A real audit's JSON (4 platforms, every setting answered) with every request refused,
/// as on a network that blocks everything.
const NO_NETWORK: &str = include_str!("../../../fixtures/reports/no-network.json");

fn load(json: &str) -> Report {
    serde_json::from_str(json).expect("fixture matches the Report model")
}

fn typical() -> Report {
    load(TYPICAL)
}

fn hostile() -> Report {
    load(HOSTILE)
}

fn no_network() -> Report {
    load(NO_NETWORK)
}

#[test]
fn report_snapshot_no_network_text() {
    insta::assert_snapshot!("no_network_text", text(&no_network(), false));
}

#[test]
fn report_with_nothing_checked_says_so_first_and_gives_no_score() {
    let r = no_network();
    assert_eq!(r.coverage.state, CoverageState::Nothing);
    assert!(r.coverage.network_failed);
    assert_eq!(r.score.value, None);
    for out in [text(&r, false), markdown(&r), html(&r)] {
        assert_increasing(
            &out,
            &[
                "could not check anything online",
                "Your network blocked every check",
                "Exposure: not measured",
                "Do these first: about ten minutes",
                "NOT mean nothing",
                "Check by hand (17 places)",
            ],
        );
        assert!(!out.contains("/100"), "no number when not measured");
        assert!(!out.contains("No public account or page about you turned up"));
    }
}

#[test]
fn report_with_little_checked_warns_and_gives_no_score() {
    let mut r = typical();
    r.coverage.state = CoverageState::Little;
    r.coverage.answered = 3;
    r.coverage.tried = 40;
    r.score.value = None;
    for out in [text(&r, false), markdown(&r)] {
        assert!(
            out.contains("findable could check only 3 of 40 things"),
            "{out}"
        );
        assert!(out.contains("Exposure: not measured"));
    }
    assert_eq!(coverage_banner(&typical()), None);
}

#[test]
fn report_check_by_hand_is_one_entry_per_platform_with_the_likeliest_few() {
    let r = no_network();
    let groups = by_hand(&r);
    assert_eq!(groups.len(), 17);
    let tiktok = groups
        .iter()
        .find(|g| g.platform == "TikTok")
        .expect("TikTok");
    assert_eq!(tiktok.links.len(), HAND_LINKS);
    assert_eq!(tiktok.more, 17);
    // The likeliest first, in the audit's order.
    assert_eq!(tiktok.links[0].what, "janesmith");
    assert_eq!(tiktok.reasons, ["the site did not answer"]);
    let text_out = text(&r, false);
    assert!(text_out.contains("TikTok: 20 usernames could not be checked: the site did not"));
    assert!(text_out.contains("and 17 less likely usernames"));
    assert!(text_out.contains("and 27 less likely searches"));
    // No technical error text, and no guessed handle beyond the first few.
    for out in [&text_out, &markdown(&r), &html(&r)] {
        assert!(!out.contains("lookup address"), "technical reason leaked");
        assert!(!out.contains("tcp connect"), "technical reason leaked");
    }
    let one = typical();
    assert!(text(&one, false).contains("Open it in a private window. If the account is yours"));
}

#[test]
fn report_lists_settings_once_and_never_as_findings() {
    for r in [typical(), no_network()] {
        assert!(r.findings.iter().all(|f| f.url.is_some()));
        let out = text(&r, false);
        let found = &out[out.find("What a pupil could find (").unwrap_or(0)
            ..out.find("Settings to tighten (").unwrap_or(0)];
        assert!(!found.contains("is not set the safe way"), "{found}");
        assert!(!found.contains("Your answer"), "{found}");
    }
}

#[test]
fn report_says_the_menu_caveat_once_per_platform() {
    let r = typical();
    let out = text(&r, false);
    let platforms_unverified: std::collections::BTreeSet<&str> = r
        .actions
        .iter()
        .filter(|a| !a.verified)
        .map(|a| a.check.as_str())
        .collect();
    let caveats = out.matches("menus may look different").count();
    assert_eq!(caveats, platforms_unverified.len(), "{out}");
}

#[test]
fn report_wording_has_no_rule_ids_or_doubled_names() {
    for r in [typical(), no_network()] {
        for out in [text(&r, false), markdown(&r), html(&r)] {
            for id in ["(title+school)", "(given)", "firstlast", "title+surname"] {
                assert!(!out.contains(id), "rule id {id} in the report");
            }
            assert!(!out.contains("(s)"), "a plural left to the reader");
            assert!(!out.contains("1 web pages") && !out.contains("1 usernames"));
            for a in &r.actions {
                let doubled = format!("{}: {}", a.label.trim(), a.label.trim());
                assert!(!out.contains(&doubled), "{doubled}");
            }
        }
    }
}

#[test]
fn report_snapshot_text() {
    insta::assert_snapshot!("typical_text", text(&typical(), false));
}

#[test]
fn report_snapshot_markdown() {
    insta::assert_snapshot!("typical_markdown", markdown(&typical()));
}

#[test]
fn report_snapshot_html() {
    insta::assert_snapshot!("typical_html", readable(&html(&typical())));
}

#[test]
fn report_snapshot_json() {
    insta::assert_snapshot!("typical_json", json(&typical()));
}

#[test]
fn report_json_keeps_struct_order_and_round_trips() {
    for fixture in [TYPICAL, HOSTILE] {
        let report = load(fixture);
        let out = json(&report);
        // The fixtures are written in struct order, so byte equality proves the order.
        assert_eq!(out, fixture);
        assert!(out.ends_with("}\n"));
        assert_eq!(load(&out), report);
    }
}

#[test]
fn report_render_dispatches_on_format() {
    let r = typical();
    assert_eq!(render(&r, OutputFormat::Text, false), text(&r, false));
    assert_eq!(render(&r, OutputFormat::Text, true), text(&r, true));
    assert_eq!(render(&r, OutputFormat::Markdown, true), markdown(&r));
    assert_eq!(render(&r, OutputFormat::Html, true), html(&r));
    assert_eq!(render(&r, OutputFormat::Json, true), json(&r));
}

/// Where each landmark of the content is, in every format, so order can be asserted.
fn positions(out: &str, marks: &[&str]) -> Vec<usize> {
    marks
        .iter()
        .map(|m| out.find(m).unwrap_or_else(|| panic!("{m:?} missing")))
        .collect()
}

fn assert_increasing(out: &str, marks: &[&str]) {
    let at = positions(out, marks);
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "out of order: {marks:?} at {at:?}"
    );
}

#[test]
fn report_first_screen_comes_first_in_every_format() {
    let r = typical();
    let headline = &r.headline[..40];
    let text_out = text(&r, false);
    let common = [
        "What a pupil could find about Jane Smith",
        "1 December 2026",
        headline,
        "Exposure 99/100",
        "Do these first: about ten minutes",
    ];
    for out in [&text_out, &markdown(&r)] {
        let mut marks = common.to_vec();
        marks.extend([
            "What a pupil could find (11)",
            "Settings to tighten (8)",
            "Check by hand (4 places)",
            "How the score was worked out",
            "Numbers",
            "This report is private",
        ]);
        assert_increasing(out, &marks);
    }
    let page = html(&r);
    let mut marks = common.to_vec();
    // The <title> holds the name and date too: start from the page's own heading.
    marks[0] = "<h1>What a pupil could find about Jane Smith</h1>";
    marks[1] = "1 December 2026</time>";
    marks.extend([
        "<h2 id=\"found-h\">",
        "<h2 id=\"settings-h\">",
        "<h2 id=\"unchecked-h\">",
        "<h2 id=\"score-h\">",
        "<h2 id=\"numbers-h\">",
        "<footer>",
    ]);
    assert_increasing(&page, &marks);
    // The top actions are the quick ones, and only those, in the report's order.
    let first = &text_out[text_out.find("Do these first").unwrap_or(0)
        ..text_out.find("What a pupil could find (").unwrap_or(0)];
    assert_eq!(first.matches("Where:").count(), 5);
    assert!(first.contains("1. TikTok: Private account. Choose: On"));
    assert!(!first.contains("Strava"));
}

#[test]
fn report_shows_what_a_teacher_needs_in_every_format() {
    let r = typical();
    for out in [text(&r, false), markdown(&r), html(&r)] {
        for needle in [
            "Confirmed: this is you",
            "Likely: probably you",
            "Possible: maybe you, please check",
            "findable incident",
            "0344 381 4772",
            "line manager",
            "NOT counted as safe",
            "private (incognito) window",
            "menus may look different",
            "15 + 3 + 30 + 18 + 3 + 30 = 99",
            "You were found publicly on TikTok",
            "Your answer",
            "the search site:tiktok.com",
        ] {
            assert!(out.contains(needle), "{needle:?} missing from:\n{out}");
        }
    }
}

#[test]
fn report_partial_notice_is_at_the_top() {
    let mut r = typical();
    assert!(!text(&r, false).contains("PARTIAL"));
    r.partial = true;
    let summary = &r.summary[..40];
    assert_increasing(&text(&r, false), &["PARTIAL REPORT", summary]);
    assert_increasing(&markdown(&r), &["**Partial report.**", summary]);
    assert_increasing(&html(&r), &["<strong>Partial report.</strong>", summary]);
}

#[test]
fn report_score_that_does_not_add_up_says_so() {
    let mut r = typical();
    r.score.value = Some(50);
    assert!(text(&r, false).contains("These add up to 99, not 50"));
    let h = hostile();
    assert!(text(&h, false).contains("These add up to 110; the score stops at 100."));
}

#[test]
fn report_empty_sections_say_so() {
    let mut r = typical();
    r.findings.clear();
    r.actions.clear();
    r.could_not_check.clear();
    r.score.contributors.clear();
    r.score.value = Some(0);
    for out in [text(&r, false), markdown(&r), html(&r)] {
        assert!(out.contains(NO_FINDINGS.split(' ').next().unwrap_or("")));
        assert!(out.contains("No settings to tighten came out of this audit."));
        assert!(out.contains("Everything planned was checked."));
        assert!(!out.contains("If something here is abusive"));
    }
}

// ---- Text ----

fn assert_fits_80(out: &str) {
    for line in out.lines() {
        let width = line.chars().count();
        let bare = line.trim();
        let is_url = (bare.starts_with("https://") || bare.starts_with("http://"))
            && !bare.contains(char::is_whitespace);
        assert!(width <= 80 || is_url, "{width} chars: {line:?}");
    }
}

#[test]
fn report_text_fits_80_columns() {
    assert_fits_80(&text(&typical(), false));
    assert_fits_80(&text(&hostile(), false));
}

#[test]
fn report_text_colour_only_when_asked() {
    for r in [typical(), hostile()] {
        let plain = text(&r, false);
        assert!(
            !plain.contains('\x1b'),
            "no escape codes, not even from the input"
        );
        assert!(
            plain.chars().all(|c| c == '\n' || !c.is_control()),
            "no control characters from the input"
        );
        assert!(!plain.contains('\u{202e}'), "no bidi overrides");
        let coloured = text(&r, true);
        assert!(coloured.contains("\x1b["));
        assert_eq!(console::strip_ansi_codes(&coloured), plain);
    }
}

// ---- Markdown ----

#[test]
fn report_markdown_escapes_untrusted_text() {
    let out = markdown(&hostile());
    assert!(!out.to_lowercase().contains("<script"));
    assert!(!out.to_lowercase().contains("<img"));
    assert!(!out.contains('\x1b'));
    assert!(out.contains(r"\[link\](javascript:alert(1))"));
    // Every "](" is escaped, so nothing can become a link or an image.
    for (i, _) in out.match_indices("](") {
        assert_eq!(&out[i - 1..i], "\\", "unescaped ]( at {i}");
    }
    // The only angle brackets are autolinks to web addresses.
    for (i, _) in out.match_indices('<') {
        assert!(
            out[i..].starts_with("<http"),
            "raw < at {}",
            &out[i..i + 20]
        );
    }
    for line in out.lines() {
        if line.starts_with('#') {
            assert!(
                line.starts_with("# What a pupil")
                    || line.starts_with("## ")
                    || line.starts_with("### ")
                    || line.starts_with("#### "),
                "untrusted heading: {line}"
            );
        }
        assert!(
            !line.starts_with("- -") && !line.starts_with("- 1."),
            "{line}"
        );
    }
    assert!(out.contains(r"\# Zoë O'Brien-Smith"));
    assert!(out.contains(r"\*bold\* \_under\_ \`code\` \~\~strike\~\~ \| pipe \\\["));
    assert!(out.contains("javascript:window.\\_\\_pwned=1 (not a web address, so not linked)"));
    assert!(!out.contains("<javascript") && !out.contains("<data:"));
}

#[test]
fn report_markdown_links_web_addresses_only() {
    let out = markdown(&typical());
    assert!(out.contains("<https://www.tiktok.com/@janesmith_teach>"));
    assert!(out.contains("**Where:** <https://www.oakwood.sch.uk/about-us/our-staff>"));
}

// ---- HTML ----

fn assert_safe_html(page: &str) {
    let lower = page.to_lowercase();
    assert!(!lower.contains("<script"), "raw <script");
    assert!(!lower.contains("<img"), "raw <img");
    assert!(!lower.contains("href=\"javascript:"));
    let problems = page::problems(page);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The shared checks of [`page::problems`], and the report's own: it has a contents list.
fn assert_accessible_structure(page: &str) {
    let doc = scraper::Html::parse_document(page);
    let nav = scraper::Selector::parse("body > nav").expect("selector");
    assert_eq!(
        doc.select(&nav).count(),
        1,
        "the report has a contents list"
    );
}

#[test]
fn report_html_typical_is_safe_and_accessible() {
    let page = html(&typical());
    assert_safe_html(&page);
    assert_accessible_structure(&page);
    assert!(page.contains(
        "<a class=\"shown\" href=\"https://www.tiktok.com/@janesmith_teach\" rel=\"noopener noreferrer\">Open “A public TikTok account: @janesmith_teach”</a>"
    ));
    assert!(page.contains("@page{size:A4"));
    assert!(page.contains("break-inside:avoid"));
}

#[test]
fn report_html_hostile_is_inert() {
    let page = html(&hostile());
    assert_safe_html(&page);
    assert_accessible_structure(&page);
    // The payloads are there, as text.
    assert!(page.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;"));
    assert!(page.contains("Zoë O'Brien-Smith"));
    // A quote in a web address cannot end the attribute.
    assert!(
        page.contains("href=\"https://www.tiktok.com/@zoe%22%20onmouseover=%22window.__pwned=1\"")
    );
    assert!(
        page.contains("javascript:window.__pwned=1</span> <span class=\"note\">(not a web address")
    );
    assert!(!page.contains('\x1b') && !page.contains('\u{202e}'));
    assert!(page.contains("(no address to open: search for it by hand)"));
}

#[test]
fn report_links_straight_to_a_setting_where_the_platform_has_a_page() {
    let mut r = typical();
    r.actions[0].settings_url = Some("https://www.example.test/settings/privacy".into());
    for out in [text(&r, false), markdown(&r), html(&r)] {
        assert!(
            out.contains("https://www.example.test/settings/privacy"),
            "{out}"
        );
    }
    assert!(html(&r).contains("Go straight to Private account on TikTok"));
    assert!(!text(&typical(), false).contains("Go straight to it"));
}

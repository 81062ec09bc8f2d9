//! Snapshot tests of every format on a realistic report, and hostile input (script tags,
//! event handlers, `javascript:` links, Markdown links, terminal escapes, very long words)
//! that must come out as inert text.

use super::*;
use crate::render::fixtures::readable;
use crate::render::page;

const TYPICAL: &str = include_str!("../../../fixtures/reports/typical.json");
const HOSTILE: &str = include_str!("../../../fixtures/reports/hostile.json");

fn load(json: &str) -> Report {
    serde_json::from_str(json).expect("fixture matches the Report model")
}

fn typical() -> Report {
    load(TYPICAL)
}

fn hostile() -> Report {
    load(HOSTILE)
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
    let summary = &r.summary[..40];
    let text_out = text(&r, false);
    let common = [
        "What a pupil could find about Jane Smith",
        "1 December 2026",
        summary,
        "Exposure 99/100",
        "Do these first: about ten minutes",
    ];
    for out in [&text_out, &markdown(&r)] {
        let mut marks = common.to_vec();
        marks.extend([
            "What a pupil could find (19)",
            "All settings to tighten (8)",
            "Could not check (4)",
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
            "This menu may look different",
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
    r.score.value = 50;
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
    r.score.value = 0;
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
    assert!(page.contains(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        page::CSP
    )));
    let doc = scraper::Html::parse_document(page);
    let all = scraper::Selector::parse("*").expect("selector");
    for el in doc.select(&all) {
        let name = el.value().name();
        assert!(
            !matches!(
                name,
                "script" | "img" | "iframe" | "object" | "embed" | "link" | "base" | "form"
            ),
            "<{name}> in the page"
        );
        for (attr, value) in el.value().attrs() {
            assert!(
                !attr.starts_with("on"),
                "event handler {attr}={value:?} on <{name}>"
            );
            assert!(attr != "src" && attr != "srcset", "{attr} fetches");
            if attr == "style" {
                panic!("inline style attribute {value:?}");
            }
        }
        if name == "a" {
            let href = el.value().attr("href").unwrap_or("");
            assert!(
                href.starts_with("https://")
                    || href.starts_with("http://")
                    || href.starts_with('#'),
                "href {href:?}"
            );
            if !href.starts_with('#') {
                assert_eq!(el.value().attr("rel"), Some("noopener noreferrer"));
            }
            let label: String = el.text().collect();
            assert!(
                label.trim().len() > 4 && !label.trim().eq_ignore_ascii_case("link"),
                "link text {label:?}"
            );
        }
    }
}

fn assert_accessible_structure(page: &str) {
    let doc = scraper::Html::parse_document(page);
    let count = |sel: &str| {
        doc.select(&scraper::Selector::parse(sel).expect("selector"))
            .count()
    };
    assert_eq!(count("html[lang=\"en-GB\"]"), 1);
    for landmark in [
        "body > header",
        "body > nav",
        "body > main",
        "body > footer",
    ] {
        assert_eq!(count(landmark), 1, "{landmark}");
    }
    assert_eq!(count("h1"), 1);
    assert_eq!(count("th:not([scope])"), 0, "every th has scope");
    let headings = scraper::Selector::parse("h1, h2, h3, h4, h5, h6").expect("selector");
    let mut last = 0;
    for h in doc.select(&headings) {
        let level: usize = h.value().name()[1..].parse().unwrap_or(9);
        assert!(level <= last + 1, "heading jumps from h{last} to h{level}");
        last = level;
    }
    // Every in-page link lands somewhere.
    let anchors = scraper::Selector::parse("a[href^=\"#\"]").expect("selector");
    for a in doc.select(&anchors) {
        let id = &a.value().attr("href").unwrap_or("#")[1..];
        assert_eq!(count(&format!("[id=\"{id}\"]")), 1, "#{id}");
    }
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

//! Every format from the recorded scan of the fake school website (with its hostile page):
//! the same sections in the same order, nothing that runs or fetches, nothing that moves the
//! terminal.

use super::*;

fn recorded() -> SchoolReport {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/reports/school.json");
    let text = std::fs::read_to_string(path).expect("fixture");
    serde_json::from_str(&text).expect("a school report")
}

#[test]
fn every_format_has_the_sections_in_order_and_nothing_runs() {
    let report = recorded();
    for format in OutputFormat::ALL {
        let out = render(&report, format, false);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{format:?}"
        );
        if format == OutputFormat::Json {
            let back: SchoolReport = serde_json::from_str(&out).expect("round trip");
            assert_eq!(back, report);
            continue;
        }
        let at = |heading: &str| {
            out.find(heading)
                .unwrap_or_else(|| panic!("{format:?}: {heading}"))
        };
        let order = [
            at(WEBSITE),
            at(PEOPLE),
            at(FIXES),
            at(ACCOUNTS),
            at(BY_HAND),
        ];
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "{format:?}: {order:?}"
        );
        assert!(out.contains("may be pretending"), "{format:?}");
        assert!(!out.to_lowercase().contains("malicious"), "{format:?}");
    }
    let page = html(&report);
    assert_eq!(crate::render::page::problems(&page), Vec::<String>::new());
    assert!(!page.contains("<script") && !page.contains("href=\"javascript:"));
    // No `src` attribute anywhere (page::problems checks): image addresses are text only.
    let md = markdown(&report);
    assert!(!md.contains("<script") && !md.contains("<img"), "{md}");
}

use super::*;
use crate::render::fixtures::readable;
use crate::render::onboard::fixtures;

#[test]
fn pack_snapshot_html() {
    let page = pack_html(
        &fixtures::pack(),
        &fixtures::school(),
        &fixtures::catalog(),
        fixtures::today(),
    );
    insta::assert_snapshot!("onboard_pack_html", readable(&page));
}

#[test]
fn pack_snapshot_markdown() {
    let doc = pack_markdown(
        &fixtures::pack(),
        &fixtures::school(),
        &fixtures::catalog(),
        fixtures::today(),
    );
    insta::assert_snapshot!("onboard_pack_markdown", doc);
}

#[test]
fn the_pack_page_passes_the_structural_checks_and_escapes_what_it_is_given() {
    let mut pack = fixtures::pack();
    pack.name = "<script>window.__pwned=1</script> Smith".into();
    pack.names[0].text = "<img src=x onerror=alert(1)>".into();
    let mut school = fixtures::school();
    school.name = "Oakwood <b>Academy</b>".into();
    let page = pack_html(&pack, &school, &fixtures::catalog(), fixtures::today());
    assert_eq!(page::problems(&page), Vec::<String>::new());
    assert!(page.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt; Smith"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let doc = pack_markdown(&pack, &school, &fixtures::catalog(), fixtures::today());
    assert!(!doc.contains("<script>") && !doc.contains("<b>"), "{doc}");
}

#[test]
fn the_check_up_says_what_went_online_in_every_case() {
    let mut pack = fixtures::pack();
    for (scan, says) in [
        (Scan::NotAsked, "without going online"),
        (Scan::NoConsent, "You did not agree to an online check"),
        (
            Scan::Done {
                date: "2025-08-28".into(),
                report: "report.html".into(),
                partial: true,
            },
            "The results are in report.html, beside this pack, for you alone (not everything",
        ),
        (Scan::NotReached, "stopped before it reached you"),
    ] {
        pack.scan = scan;
        let (_, words) = check_up_words(&pack);
        assert!(words.contains(says), "{words}");
    }
}

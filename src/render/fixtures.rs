//! Fixed inputs for the snapshot tests of every renderer, so a snapshot changes only when
//! the rendering does: the made-up checks in `fixtures/render/checks`, one subject, and the
//! reports in `fixtures/reports`. Also makes pages readable in a snapshot.

use std::path::Path;

use crate::catalog::Catalog;
use crate::plan::queries::PlannedQuery;
use crate::subject::{Subject, SubjectInput};
use crate::variants::{Variant, Variants};

/// Pupilgram (a platform) and Search yourself (a general check).
pub fn catalog() -> Catalog {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/render/checks");
    Catalog::load_dir(&dir).expect("fixtures/render/checks is valid")
}

/// Ms Jane Smith of Oakwood Academy, Leeds, who uses "janesmith_teach" on Pupilgram.
pub fn subject() -> Subject {
    SubjectInput {
        name: Some("Jane Smith".into()),
        title: Some("Ms".into()),
        school: Some("Oakwood Academy".into()),
        town: Some("Leeds".into()),
        usernames: vec!["pupilgram:janesmith_teach".into()],
        ..SubjectInput::default()
    }
    .validate(2026)
    .expect("a valid subject")
}

/// A fixed, short list (not generated, so a change to the rules never moves a snapshot).
pub fn variants() -> Variants {
    let list = |items: &[(&str, &str, f64)]| {
        items
            .iter()
            .map(|(text, source, weight)| Variant {
                text: (*text).into(),
                source: (*source).into(),
                weight: *weight,
            })
            .collect()
    };
    Variants {
        names: list(&[
            ("Jane Smith", "full name", 1.0),
            ("Ms Smith", "title + surname", 0.95),
            (
                "Janey Smith",
                "name + surname (Janey is short for Jane)",
                0.76,
            ),
            ("Miss Smith", "title + surname (Miss instead of Ms)", 0.76),
        ]),
        usernames: list(&[
            ("janesmith_teach", "username you gave (pupilgram)", 1.0),
            ("janesmith", "firstlast", 0.95),
            ("jane.smith", "first.last", 0.92),
            ("mssmith", "title+surname", 0.9),
        ]),
    }
}

/// Three searches, as the plan would hold them.
pub fn queries() -> Vec<PlannedQuery> {
    [
        (
            "\"Jane Smith\" \"Oakwood Academy\"",
            "\"{name}\" \"{school}\"",
            None,
        ),
        (
            "\"Ms Smith\" \"Oakwood Academy\"",
            "\"{title} {surname}\" \"{school}\"",
            None,
        ),
        (
            "site:pupilgram.example \"Jane Smith\"",
            "site:pupilgram.example \"{name}\"",
            Some("pupilgram"),
        ),
    ]
    .iter()
    .map(|(text, source, platform)| PlannedQuery {
        text: (*text).into(),
        source: (*source).into(),
        platform: platform.map(String::from),
        weight: 1.0,
    })
    .collect()
}

/// maud writes a page on one line: for a snapshot, each block element starts a line of its
/// own, and the shared stylesheet (tested on its own) is shown once as a placeholder.
/// `page` with a newline before every block-level tag and the stylesheet elided.
pub fn readable(page: &str) -> String {
    const BLOCKS: &[&str] = &[
        "<head",
        "<meta",
        "<title",
        "<style",
        "</head",
        "<body",
        "</body",
        "</html",
        "<header",
        "</header",
        "<nav",
        "</nav",
        "<main",
        "</main",
        "<footer",
        "</footer",
        "<section",
        "</section",
        "<h1",
        "<h2",
        "<h3",
        "<h4",
        "<p",
        "<ol",
        "</ol",
        "<ul",
        "</ul",
        "<li",
        "<dl",
        "</dl",
        "<table",
        "</table",
        "<thead",
        "<tbody",
        "<tfoot",
        "<tr",
        "</tbody",
        "</li",
    ];
    let page = page.replace(super::page::CSS, "/* page.css */");
    let mut out = String::with_capacity(page.len() + page.len() / 20);
    let mut rest = page.as_str();
    while let Some(at) = rest.find('<') {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let block = BLOCKS
            .iter()
            .any(|b| tag.starts_with(b) && tag[b.len()..].starts_with(['>', ' ', '/']));
        if block && !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('<');
        rest = &tag[1..];
    }
    out.push_str(rest);
    out
}

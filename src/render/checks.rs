//! What `findable checks` prints: the table of checks, and what validating a folder of
//! check files found.

use std::fmt::Write as _;

use super::escape::text as clean;
use super::plural;
use crate::catalog::freshness::{
    Freshness, MIN_ESSENTIALS, REVIEW_AFTER_MONTHS, STALE_AFTER_MONTHS,
};
use crate::catalog::{Catalog, ProbeMethod};

/// One line a check: id, name (shortened to keep within 80 columns; the full name is in
/// the JSON), how much pupils use it, whether findable can probe it, how many settings.
pub fn table(catalog: &Catalog) -> String {
    let rows: Vec<[String; 5]> = catalog
        .checks
        .iter()
        .map(|c| {
            let probe = match &c.profile {
                Some(p) if p.method == ProbeMethod::Http => "automatic",
                Some(_) => "by hand",
                None => "-",
            };
            [
                clean(&c.id).into_owned(),
                shorten(&clean(&c.name), 22),
                kebab(&c.pupil_use),
                probe.to_string(),
                c.settings.len().to_string(),
            ]
        })
        .collect();
    aligned(&["ID", "NAME", "PUPIL USE", "PROFILE", "SETTINGS"], &rows)
}

/// "checks: 29 check files, 212 settings, all valid".
pub fn valid(dir: &str, catalog: &Catalog) -> String {
    let settings: usize = catalog.checks.iter().map(|c| c.settings.len()).sum();
    format!(
        "{}: {}, {}, all valid\n",
        clean(dir),
        plural(catalog.checks.len(), "check file"),
        plural(settings, "setting"),
    )
}

/// Every problem, one a line (each already names its file and line).
pub fn problems<E: std::fmt::Display>(errors: &[E]) -> String {
    errors
        .iter()
        .map(|e| clean(&e.to_string()).into_owned() + "\n")
        .collect()
}

/// What `findable checks audit` found, most urgent first: settings too old to trust (CI
/// fails on these), settings due a review, then what a review should confirm.
pub fn freshness(f: &Freshness) -> String {
    let mut out = String::new();
    let stale: Vec<_> = f.stale().collect();
    let due: Vec<_> = f.due.iter().filter(|d| !d.stale).collect();
    let _ = writeln!(
        out,
        "Older than {STALE_AFTER_MONTHS} months (no longer to be trusted): {}",
        count_or_none(stale.len(), "setting")
    );
    for d in &stale {
        let _ = writeln!(
            out,
            "  {}: {} (checked {})",
            clean(&d.check),
            clean(&d.setting),
            clean(&d.as_of)
        );
    }
    let _ = writeln!(
        out,
        "Older than {REVIEW_AFTER_MONTHS} months (due a review): {}",
        count_or_none(due.len(), "setting")
    );
    for d in &due {
        let _ = writeln!(
            out,
            "  {}: {} (checked {})",
            clean(&d.check),
            clean(&d.setting),
            clean(&d.as_of)
        );
    }
    let unverified: usize = f.unverified.iter().map(|u| u.settings.len()).sum();
    let _ = writeln!(
        out,
        "Not confirmed on an official page: {}",
        count_or_none(unverified, "setting")
    );
    for u in &f.unverified {
        let _ = writeln!(
            out,
            "  {}: {} of {} ({})",
            clean(&u.check),
            u.settings.len(),
            u.of,
            clean(&u.settings.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "Help links shared by more than two settings: {}",
        count_or_none(f.shared_links.len(), "link")
    );
    for l in &f.shared_links {
        let _ = writeln!(
            out,
            "  {}: {} ({}{})",
            clean(&l.check),
            clean(&l.url),
            plural(l.settings.len(), "setting"),
            if l.hub { ", a hub on purpose" } else { "" }
        );
    }
    let _ = writeln!(
        out,
        "Platforms asking fewer than {MIN_ESSENTIALS} essentials: {}",
        count_or_none(f.few_essentials.len(), "platform")
    );
    for few in &f.few_essentials {
        let _ = writeln!(out, "  {}: {}", clean(&few.check), few.essentials);
    }
    out
}

/// "none" or "3 settings".
fn count_or_none(n: usize, noun: &str) -> String {
    if n == 0 {
        "none".into()
    } else {
        plural(n, noun)
    }
}

/// The serde name of an enum value ("very-high"), for text output.
fn kebab<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn aligned<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (cell, w) in cells.iter().zip(widths) {
            let _ = write!(text, "{cell:<w$}  ");
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        text.chars().take(max - 1).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixtures;

    #[test]
    fn checks_snapshot_freshness() {
        let catalog = Catalog::builtin().expect("catalog");
        let later = Freshness::of(&catalog, "2028-06-01").expect("measured");
        let out = freshness(&later);
        assert!(out.starts_with("Older than 18 months (no longer to be trusted): "));
        assert!(out.contains("Not confirmed on an official page: "));
        // A fixture folder, so the snapshot does not change with every content review.
        let fixture = Catalog::load_dir(std::path::Path::new("fixtures/checks/walkthrough"))
            .expect("fixture checks");
        let now = Freshness::of(&fixture, "2027-12-15").expect("measured");
        insta::assert_snapshot!("checks_freshness", freshness(&now));
    }

    #[test]
    fn checks_snapshot_table() {
        insta::assert_snapshot!("checks_table", table(&fixtures::catalog()));
    }

    #[test]
    fn long_names_are_shortened_and_counts_pluralised() {
        let mut catalog = fixtures::catalog();
        catalog.checks[0].name = "A platform with a very long name indeed".into();
        assert!(table(&catalog).contains("A platform with a ver…  "));
        catalog.checks.truncate(1);
        assert_eq!(
            valid("x", &catalog),
            "x: 1 check file, 3 settings, all valid\n"
        );
    }
}

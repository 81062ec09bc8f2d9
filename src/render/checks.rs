//! What `findable checks` prints: the table of checks, and what validating a folder of
//! check files found.

use std::fmt::Write as _;

use super::escape::text as clean;
use super::plural;
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

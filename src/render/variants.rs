//! What `findable variants` prints: the names a pupil might search for and the usernames
//! they might try, each with its weight and the rule that made it.

use std::fmt::Write as _;

use super::escape::text as clean;
use crate::variants::{Variant, Variants};

/// Both lists, the first `max` of each, saying how many there are in all.
pub fn text(all: &Variants, max: usize) -> String {
    let mut out = String::new();
    section(&mut out, "Names a pupil might search for", &all.names, max);
    out.push('\n');
    section(&mut out, "Usernames a pupil might try", &all.usernames, max);
    out
}

fn section(out: &mut String, heading: &str, list: &[Variant], max: usize) {
    let shown = &list[..list.len().min(max)];
    let total = list.len();
    let count = if shown.len() < total {
        format!(
            "{} of {total}, most likely first; --max to see more",
            shown.len()
        )
    } else {
        format!("{total}, most likely first")
    };
    let _ = writeln!(out, "{heading} ({count}):");
    let texts: Vec<_> = shown.iter().map(|v| clean(&v.text)).collect();
    let width = texts.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    for (v, text) in shown.iter().zip(&texts) {
        let pad = width - text.chars().count();
        let _ = writeln!(
            out,
            "  {:.2}  {text}{}  {}",
            v.weight,
            " ".repeat(pad),
            clean(&v.source)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixtures;

    #[test]
    fn variants_snapshot_text() {
        insta::assert_snapshot!("variants_text", text(&fixtures::variants(), 3));
    }

    #[test]
    fn all_shown_when_max_is_large() {
        let all = fixtures::variants();
        let out = text(&all, 10_000);
        assert!(out.contains(&format!("({}, most likely first):", all.names.len())));
        assert!(!out.contains("--max"));
    }
}

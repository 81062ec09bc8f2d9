//! What `findable sites check` prints: one line per site with how its rules fared and why,
//! problems first, then the counts. Not for judging: that is `selftest`.

use std::fmt::Write as _;

use super::escape::text as clean;
use super::plural;
use crate::selftest::{SiteCheck, Verdict};

const ORDER: [Verdict; 6] = [
    Verdict::Broken,
    Verdict::CannotSayFound,
    Verdict::CannotSayAbsent,
    Verdict::Blocked,
    Verdict::Untested,
    Verdict::Works,
];

/// The table, worst first, and a closing line of counts.
pub fn text(checks: &[SiteCheck]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{:<24}  {:<17}  WHY", "SITE", "RESULT");
    for verdict in ORDER {
        for check in checks.iter().filter(|c| c.verdict == verdict) {
            let name: String = clean(&check.site).chars().take(24).collect();
            let why = clean(&check.why);
            let why = textwrap::wrap(&why, 80);
            let mut lines = why.iter();
            let first = lines.next().map(|l| l.to_string()).unwrap_or_default();
            let _ = writeln!(out, "{name:<24}  {:<17}  {first}", verdict.label());
            for line in lines {
                let _ = writeln!(out, "{:<45}{line}", "");
            }
        }
    }
    let counts: Vec<String> = ORDER
        .iter()
        .rev()
        .filter_map(|v| {
            let n = checks.iter().filter(|c| c.verdict == *v).count();
            (n > 0).then(|| format!("{n} {}", v.label()))
        })
        .collect();
    let _ = writeln!(
        out,
        "\n{}: {}.",
        plural(checks.len(), "site"),
        counts.join(", ")
    );
    out
}

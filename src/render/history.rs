//! `findable history`: each person's audits, oldest first, one line each with its date,
//! score and counts, in 80 columns; and `findable due`: who is due for their next audit.

use std::fmt::Write as _;

use super::escape::text as clean;
use super::plural;
use crate::due::{Due, Every};
use crate::store::AuditSummary;

/// "14 Mar 2025", short enough for a table column.
fn short_day(date: &str) -> String {
    match date.parse::<jiff::civil::Date>() {
        Ok(d) => d.strftime("%-d %b %Y").to_string(),
        Err(_) => clean(date).into_owned(),
    }
}

fn who(name: &str, school: Option<&str>) -> String {
    match school {
        Some(school) => format!("{} ({})", clean(name), clean(school)),
        None => clean(name).into_owned(),
    }
}

/// What the last column says about an audit.
fn since_before(a: &AuditSummary) -> String {
    let mut parts = Vec::new();
    if a.partial {
        parts.push("incomplete".to_string());
    }
    if a.first {
        parts.push("first audit".to_string());
    } else if a.new + a.gone == 0 {
        parts.push("nothing new or gone".to_string());
    } else {
        if a.new > 0 {
            parts.push(format!("{} new", a.new));
        }
        if a.gone > 0 {
            parts.push(format!("{} gone", a.gone));
        }
    }
    parts.join(", ")
}

const EMPTY: &str = "No audits saved yet. Run `findable audit` and it is saved here.";

const LEGEND: &str = "Found: public accounts and web pages about you. Settings: left \
open. Unchecked: could not be checked. Compare two with `findable diff NO. NO.`";

/// The history as text: one block per person, one line per audit.
pub fn text(audits: &[AuditSummary]) -> String {
    if audits.is_empty() {
        return format!("{EMPTY}\n");
    }
    let mut out = String::new();
    for (i, (name, school, rows)) in by_person(audits).into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{}: {}",
            who(name, school),
            plural(rows.len(), "audit")
        );
        let _ = writeln!(
            out,
            "  {:>4}  {:<11}  {:>5}  {:>5}  {:>8}  {:>9}  Since the one before",
            "No.", "Date", "Score", "Found", "Settings", "Unchecked"
        );
        for a in rows {
            let _ = writeln!(
                out,
                "  {:>4}  {:<11}  {:>5}  {:>5}  {:>8}  {:>9}  {}",
                a.id,
                short_day(&a.date),
                a.score.map_or_else(|| "-".to_string(), |s| s.to_string()),
                a.profiles + a.search_results,
                a.settings_open,
                a.could_not_check,
                since_before(a)
            );
        }
    }
    out.push('\n');
    for line in super::wrap::wrap(LEGEND, "", "") {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// Audits grouped by person, in the order each person first appears.
fn by_person(audits: &[AuditSummary]) -> Vec<(&str, Option<&str>, Vec<&AuditSummary>)> {
    let mut out: Vec<(&str, Option<&str>, Vec<&AuditSummary>)> = Vec::new();
    for a in audits {
        let key = (a.name.as_str(), a.school.as_deref());
        match out.iter_mut().find(|(n, s, _)| (*n, *s) == key) {
            Some((_, _, rows)) => rows.push(a),
            None => out.push((key.0, key.1, vec![a])),
        }
    }
    out
}

pub fn json(audits: &[AuditSummary]) -> String {
    super::json(audits)
}

/// `findable due` as text: who is due now, then who is not yet, with the day.
pub fn due_text(list: &[Due], every: Every) -> String {
    if list.is_empty() {
        return format!("{EMPTY}\n");
    }
    let mut out = String::new();
    let (due, later): (Vec<&Due>, Vec<&Due>) = list.iter().partition(|d| d.due);
    let _ = writeln!(
        out,
        "{} for a new audit (one every {every}):",
        match due.len() {
            0 => "Nobody is due".to_string(),
            1 => "1 person is due".to_string(),
            n => format!("{n} people are due"),
        }
    );
    for d in &due {
        let when = match d.days_left {
            0 => "due today".to_string(),
            _ => format!("due since {}", short_day(&d.due_on)),
        };
        let _ = writeln!(
            out,
            "  {}: last audit {}, {when}",
            who(&d.name, d.school.as_deref()),
            short_day(&d.last_audit)
        );
    }
    if !later.is_empty() {
        let _ = writeln!(out, "Not due yet:");
        for d in later {
            let _ = writeln!(
                out,
                "  {}: last audit {}, due {} (in {})",
                who(&d.name, d.school.as_deref()),
                short_day(&d.last_audit),
                short_day(&d.due_on),
                plural(usize::try_from(d.days_left).unwrap_or(0), "day")
            );
        }
    }
    out
}

pub fn due_json(list: &[Due]) -> String {
    super::json(list)
}

//! Onboarding new staff: a roster and a school file become one pack per starter and the
//! safeguarding lead's index, as plain data for `render::onboard`. Pure: files, folders and
//! any scan (through [`crate::audit`], consenting starters only) are the binary's job.

mod folders;
mod pack;
mod roster;

pub use folders::{FolderNames, folder_name};
pub use pack::{
    COMMON_PLATFORMS, NAMES_SHOWN, PAGES_PER_PLATFORM, Pack, SEARCHES_SHOWN, Scan, USERNAMES_SHOWN,
    WhatToDo,
};
pub use roster::{MAX_ROWS, Roster, RosterError, RowError, Starter, parse_date};

use jiff::ToSpan;
use jiff::civil::{Date, Weekday, date};
use serde::Serialize;

/// The files of one pack, inside its folder.
pub const PACK_HTML: &str = "pack.html";
pub const PACK_MARKDOWN: &str = "pack.md";
pub const PACK_CALENDAR: &str = "check-up.ics";
/// With `--scan`, the starter's audit report, beside the pack.
pub const REPORT_HTML: &str = "report.html";
pub const REPORT_MARKDOWN: &str = "report.md";

/// The school's files, beside the folders.
pub const INDEX_HTML: &str = "index.html";
pub const INDEX_MARKDOWN: &str = "index.md";
pub const CHEAT_SHEET_HTML: &str = "cheat-sheet.html";
pub const CHEAT_SHEET_MARKDOWN: &str = "cheat-sheet.md";
pub const LETTER_HTML: &str = "letter-to-parents.html";
pub const LETTER_MARKDOWN: &str = "letter-to-parents.md";

/// Names a person's folder must not take, so it never sits beside a school file of the
/// same stem (`index` and `index.html` confuse people, not systems).
pub const RESERVED_FOLDERS: &[&str] = &["index", "cheat-sheet", "letter-to-parents"];

/// The first check-up: about a term (four months) after the start, moved off a weekend
/// and out of the Christmas and summer holidays, when nobody would do it.
pub fn check_up(start: Date) -> Date {
    let mut day = start.saturating_add(4.months());
    let (year, month, dom) = (day.year(), day.month(), day.day());
    if month == 12 && dom >= 18 {
        day = date(year.saturating_add(1), 1, 8);
    } else if month == 1 && dom < 8 {
        day = date(year, 1, 8);
    } else if (month == 7 && dom >= 20) || month == 8 {
        day = date(year, 9, 10);
    }
    match day.weekday() {
        Weekday::Saturday => day.saturating_add(2.days()),
        Weekday::Sunday => day.saturating_add(1.days()),
        _ => day,
    }
}

/// What happened to one starter's pack in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Written {
    /// Written now.
    New,
    /// Their folder was there already and was left as it was (no `--force`).
    Kept,
}

/// One line of the safeguarding lead's index: who has a pack and when their check-up is
/// due. Never anything that was found: that is the starter's own.
#[derive(Debug, Clone, Serialize)]
pub struct IndexEntry {
    pub name: String,
    pub title: Option<String>,
    pub folder: String,
    pub start: Date,
    pub check_up: Date,
    pub consent: bool,
    pub written: Written,
    /// Only whether a check ran, never what it found.
    pub checked_online: Option<String>,
}

impl IndexEntry {
    pub fn new(pack: &Pack, written: Written) -> Self {
        Self {
            name: pack.name.clone(),
            title: pack.title.clone(),
            folder: pack.folder.clone(),
            start: pack.start,
            check_up: pack.check_up,
            consent: pack.consent,
            written,
            checked_online: match &pack.scan {
                Scan::Done { date, .. } => Some(date.clone()),
                _ => None,
            },
        }
    }
}

/// The safeguarding lead's index of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Index {
    pub school: String,
    /// The day of the run.
    pub made: Date,
    pub people: Vec<IndexEntry>,
    /// Roster rows that got no pack, and why.
    pub skipped: Vec<RowError>,
    /// Whether `--scan` was asked for (consenting starters were checked online).
    pub scanned: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_up_is_a_term_later_on_a_school_day() {
        for (start, due) in [
            // Autumn starters: four months is the Christmas holiday, so the first week back.
            ("2025-09-01", "2026-01-08"),
            ("2025-08-20", "2026-01-08"),
            ("2025-10-27", "2026-02-27"),
            // Spring starters: late spring, or early summer term.
            ("2026-01-05", "2026-05-05"),
            ("2026-02-23", "2026-06-23"),
            // Summer starters: the summer holiday, so September.
            ("2026-04-13", "2026-09-10"),
            ("2026-03-20", "2026-09-10"),
            // A Saturday or a Sunday moves to the Monday.
            ("2026-01-09", "2026-05-11"),
            ("2025-11-01", "2026-03-02"),
        ] {
            let start: Date = start.parse().expect("date");
            let got = check_up(start);
            assert_eq!(got.to_string(), due, "{start}");
            assert!(!matches!(
                got.weekday(),
                Weekday::Saturday | Weekday::Sunday
            ));
        }
    }
}

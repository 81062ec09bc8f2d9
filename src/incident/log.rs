//! The evidence log, as data: the row filled in from what the person said and the blank
//! rows under it; `read` reads back one already on disk so a second account can be added
//! without losing a row. `render::incident` writes it as CSV and HTML.

mod read;

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::{IncidentInput, Kind, Responsible, clean, find_platform};
use crate::catalog::Catalog;
pub use read::{ExistingLog, LogError, LogRow, read_log};

/// Blank rows added under the pre-filled one in a new log, for later posts and replies.
pub const BLANK_LOG_ROWS: usize = 5;

/// One row of the evidence log: one post, comment, message, call or account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    #[serde(rename = "Date seen")]
    pub date_seen: String,
    #[serde(rename = "Time seen")]
    pub time_seen: String,
    #[serde(rename = "Platform")]
    pub platform: String,
    #[serde(rename = "URL")]
    pub url: String,
    #[serde(rename = "Username or handle")]
    pub username_or_handle: String,
    #[serde(rename = "What it shows")]
    pub what_it_shows: String,
    #[serde(rename = "Screenshot file")]
    pub screenshot_file: String,
    #[serde(rename = "Reported to platform on")]
    pub reported_to_platform_on: String,
    #[serde(rename = "Platform reference")]
    pub platform_reference: String,
    #[serde(rename = "Told school on")]
    pub told_school_on: String,
    #[serde(rename = "Told whom")]
    pub told_whom: String,
    #[serde(rename = "Notes")]
    pub notes: String,
}

/// The column headings, in order.
pub const LOG_HEADERS: [&str; 12] = [
    "Date seen",
    "Time seen",
    "Platform",
    "URL",
    "Username or handle",
    "What it shows",
    "Screenshot file",
    "Reported to platform on",
    "Platform reference",
    "Told school on",
    "Told whom",
    "Notes",
];

impl LogEntry {
    /// The cells in [`LOG_HEADERS`] order.
    pub fn cells(&self) -> [&str; 12] {
        [
            &self.date_seen,
            &self.time_seen,
            &self.platform,
            &self.url,
            &self.username_or_handle,
            &self.what_it_shows,
            &self.screenshot_file,
            &self.reported_to_platform_on,
            &self.platform_reference,
            &self.told_school_on,
            &self.told_whom,
            &self.notes,
        ]
    }

    /// An entry from cells in [`LOG_HEADERS`] order.
    fn from_cells(cells: [String; 12]) -> LogEntry {
        let [
            date_seen,
            time_seen,
            platform,
            url,
            username_or_handle,
            what_it_shows,
            screenshot_file,
            reported_to_platform_on,
            platform_reference,
            told_school_on,
            told_whom,
            notes,
        ] = cells;
        LogEntry {
            date_seen,
            time_seen,
            platform,
            url,
            username_or_handle,
            what_it_shows,
            screenshot_file,
            reported_to_platform_on,
            platform_reference,
            told_school_on,
            told_whom,
            notes,
        }
    }

    /// Nothing written in it yet.
    pub fn is_blank(&self) -> bool {
        self.cells().iter().all(|c| c.trim().is_empty())
    }
}

/// The row for this incident, filled in from what we were told; the rest stays for the
/// person to fill in. Nothing is guessed: no date seen, no screenshot name.
pub fn log_entry(input: &IncidentInput, catalog: &Catalog) -> LogEntry {
    let platform = match (input.platform.as_deref(), input.platform_in(catalog)) {
        (_, Some(check)) => check.name.clone(),
        (Some(given), None) => find_platform(catalog, given)
            .map_or_else(|| given.trim().to_string(), |c| c.name.clone()),
        (None, None) if input.kind == Kind::Calls => "Phone".to_string(),
        (None, None) => String::new(),
    };
    let whose = if input.for_colleague {
        "a colleague"
    } else {
        "me"
    };
    let mut shows = match input.kind {
        Kind::Content => format!("A post, video or comment about {whose}"),
        Kind::Impersonation => format!("An account pretending to be {whose} or the school"),
        Kind::Contact => format!("A friend request or message sent to {whose}"),
        Kind::Calls => format!("An abusive call, text or voicemail to {whose}"),
        Kind::SexualHarassment => format!("Online sexual harassment of {whose}"),
    };
    if input.threats_or_sexual {
        shows.push_str(" (threats, hate, sexual content or persistent anonymous abuse)");
    }
    let mut notes = match input.responsible {
        Responsible::Pupil => "Thought to be a pupil.",
        Responsible::Parent => "Thought to be a parent or carer.",
        Responsible::Colleague => "Thought to be a colleague.",
        Responsible::Unknown => "Not known who is behind it.",
    }
    .to_string();
    if input.for_colleague {
        notes.push_str(" Logged by the safeguarding lead for the colleague targeted.");
    }
    let today = clean(input.today.as_deref());
    if !today.is_empty() {
        let _ = write!(notes, " Added by findable on {today}.");
    }
    LogEntry {
        platform,
        url: clean(input.url.as_deref()),
        username_or_handle: input.account().unwrap_or_default(),
        what_it_shows: shows,
        notes,
        ..LogEntry::default()
    }
}

/// A new log: the row filled in from what we were told, then blank rows.
pub fn log_entries(input: &IncidentInput, catalog: &Catalog) -> Vec<LogEntry> {
    std::iter::once(log_entry(input, catalog))
        .chain(std::iter::repeat_n(LogEntry::default(), BLANK_LOG_ROWS))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn catalog() -> Catalog {
        Catalog::builtin().expect("built-in catalog")
    }

    fn input() -> IncidentInput {
        IncidentInput::default()
    }

    pub(crate) fn filled() -> IncidentInput {
        IncidentInput {
            platform: Some("instagram".into()),
            kind: Kind::Impersonation,
            responsible: Responsible::Pupil,
            url: Some("https://www.instagram.com/mr_smith_fake/".into()),
            handle: Some("=HYPERLINK(\"x\")".into()),
            today: Some("2026-11-22".into()),
            ..input()
        }
    }

    #[test]
    fn the_log_starts_with_a_filled_row_and_blank_ones() {
        let entries = log_entries(&filled(), &catalog());
        assert_eq!(entries.len(), 1 + BLANK_LOG_ROWS);
        let first = &entries[0];
        assert_eq!(first.platform, "Instagram");
        assert_eq!(first.url, "https://www.instagram.com/mr_smith_fake/");
        assert!(first.what_it_shows.contains("pretending"));
        assert!(first.notes.contains("pupil") && first.notes.contains("2026-11-22"));
        assert!(first.date_seen.is_empty(), "never guessed");
        assert!(entries[1..].iter().all(LogEntry::is_blank));
    }

    #[test]
    fn the_username_and_platform_come_from_the_url_when_not_given() {
        let entry = log_entry(
            &IncidentInput {
                url: Some("https://www.tiktok.com/@fake_head/video/1".into()),
                ..input()
            },
            &catalog(),
        );
        assert_eq!(entry.username_or_handle, "fake_head");
        assert_eq!(entry.platform, "TikTok");
        let given = log_entry(
            &IncidentInput {
                url: Some("https://www.facebook.com/profile.php?id=1".into()),
                ..input()
            },
            &catalog(),
        );
        assert_eq!(given.username_or_handle, "", "no username in that address");
        assert_eq!(given.platform, "Facebook");
    }

    #[test]
    fn each_kind_and_the_colleague_path_say_what_the_row_is() {
        let catalog = catalog();
        for kind in Kind::ALL {
            let mine = log_entry(&IncidentInput { kind, ..input() }, &catalog);
            let theirs = log_entry(
                &IncidentInput {
                    kind,
                    for_colleague: true,
                    ..input()
                },
                &catalog,
            );
            assert!(mine.what_it_shows.contains("me"), "{kind:?}");
            assert!(theirs.what_it_shows.contains("a colleague"), "{kind:?}");
            assert!(theirs.notes.contains("safeguarding lead"));
        }
        let call = log_entry(
            &IncidentInput {
                kind: Kind::Calls,
                ..input()
            },
            &catalog,
        );
        assert_eq!(call.platform, "Phone");
    }
}

//! The roster of new starters, as a school keeps it: a CSV file from a spreadsheet, with a
//! byte-order mark or without, commas or semicolons (Excel in some locales), quoted cells.
//! Each good row becomes a [`Starter`]; each bad one a [`RowError`] naming its line.

use std::collections::HashMap;
use std::path::Path;

use jiff::civil::Date;

pub use cells::parse_date;
use cells::{Lines, parse_consent, sniff_delimiter, surname_last};
use serde::Serialize;

use crate::input_file::{self, InputFileError};
use crate::school::School;
use crate::subject::{self, Subject, SubjectError, SubjectInput};

/// A roster is a few dozen rows; four megabytes is thousands of them.
pub const MAX_ROSTER_BYTES: u64 = 4 * 1024 * 1024;
/// Far more new starters than any school or trust takes on at once.
pub const MAX_ROWS: usize = 5000;

/// One column a roster may have, under any of the headings people give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Name,
    Title,
    OtherNames,
    Nicknames,
    Usernames,
    Start,
    Consent,
}

impl Column {
    const REQUIRED: [Column; 3] = [Column::Name, Column::Start, Column::Consent];

    /// The heading the README and the error messages use.
    fn heading(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Title => "title",
            Column::OtherNames => "other names",
            Column::Nicknames => "nicknames",
            Column::Usernames => "usernames",
            Column::Start => "start date",
            Column::Consent => "consent",
        }
    }

    /// A heading as typed ("Start Date", "start_date", "Other names (maiden)"), matched on
    /// its letters and digits alone.
    fn from_heading(raw: &str) -> Option<Column> {
        let key: String = raw
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        Some(match key.as_str() {
            "name" | "fullname" | "staffname" => Column::Name,
            "title" => Column::Title,
            "othernames" | "othername" | "previousnames" | "maidenname" => Column::OtherNames,
            "nicknames" | "nickname" => Column::Nicknames,
            "usernames" | "username" | "usernamestocheck" | "handles" => Column::Usernames,
            "startdate" | "start" | "starts" | "startingdate" => Column::Start,
            k if k.starts_with("consent") => Column::Consent,
            _ => return None,
        })
    }
}

/// One new member of staff from the roster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Starter {
    /// The roster line the row starts on.
    pub line: u64,
    /// Who they are, with the school file's name, website and town.
    pub subject: Subject,
    /// Their first day.
    pub start: Date,
    /// Whether they agreed to findable checking what is public about them online.
    pub consent: bool,
}

/// A row that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("line {line}{}: {message}", .name.as_ref().map(|n| format!(" ({n})")).unwrap_or_default())]
pub struct RowError {
    pub line: u64,
    /// The name on the row, when it has a usable one.
    pub name: Option<String>,
    pub message: String,
}

/// A roster read: the rows to make packs for, the rows skipped and the columns not used.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Roster {
    pub starters: Vec<Starter>,
    pub skipped: Vec<RowError>,
    /// Headings findable does not use (an email or department column), as written.
    pub ignored_columns: Vec<String>,
}

/// Problems with the file as a whole: nothing can be done from it.
#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("{path}: {source}{}", excel_hint(.source))]
    Read {
        path: String,
        source: InputFileError,
    },
    #[error(
        "{path}:{line}: no {} column (the headings found: {found}); the roster needs name, start date and consent, and may have title, other names, nicknames and usernames",
        .column
    )]
    MissingColumn {
        path: String,
        line: u64,
        column: &'static str,
        found: String,
    },
    #[error("{path}:{line}: two columns are {column:?}: keep one")]
    TwoColumns {
        path: String,
        line: u64,
        column: &'static str,
    },
    #[error("{path}: no rows: the first line should be the headings, then one row per new starter")]
    Empty { path: String },
    #[error("{path}: more than {MAX_ROWS} rows: split it into smaller rosters")]
    TooManyRows { path: String },
    #[error("{path}:{line}: {message}")]
    Csv {
        path: String,
        line: u64,
        message: String,
    },
}

fn excel_hint(source: &InputFileError) -> &'static str {
    match source {
        InputFileError::NotText => " (in Excel: Save As, then \"CSV UTF-8 (Comma delimited)\")",
        _ => "",
    }
}

impl Roster {
    /// Reads the roster at `path` for `school`; `current_year` bounds nothing yet but keeps
    /// validation free of the clock, as subjects are.
    pub fn from_file(path: &Path, school: &School, current_year: u16) -> Result<Self, RosterError> {
        let shown = path.display().to_string();
        let text =
            input_file::read_text(path, MAX_ROSTER_BYTES).map_err(|source| RosterError::Read {
                path: shown.clone(),
                source,
            })?;
        Self::from_csv(&shown, &text, school, current_year)
    }

    /// The roster from its text; `label` names it in errors.
    pub fn from_csv(
        label: &str,
        text: &str,
        school: &School,
        current_year: u16,
    ) -> Result<Self, RosterError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sniff_delimiter(text))
            .from_reader(text.as_bytes());
        let lines = std::cell::RefCell::new(Lines::new(text));
        let line_at = |position: Option<&csv::Position>| {
            position.map_or(0, |p| lines.borrow_mut().line_at(p.byte()))
        };
        let csv_error = |e: csv::Error| RosterError::Csv {
            path: label.to_string(),
            line: line_at(e.position()),
            message: e.to_string(),
        };
        let mut records = reader.records();
        let header = loop {
            match records.next() {
                None => return Err(RosterError::Empty { path: label.into() }),
                Some(record) => {
                    let record = record.map_err(csv_error)?;
                    if !is_blank(&record) {
                        break record;
                    }
                }
            }
        };
        let header_line = line_at(header.position());
        let mut columns: HashMap<Column, usize> = HashMap::new();
        let mut roster = Roster::default();
        for (index, heading) in header.iter().enumerate() {
            match Column::from_heading(heading) {
                Some(column) => {
                    if columns.insert(column, index).is_some() {
                        return Err(RosterError::TwoColumns {
                            path: label.into(),
                            line: header_line,
                            column: column.heading(),
                        });
                    }
                }
                None if heading.trim().is_empty() => {}
                None => roster.ignored_columns.push(heading.trim().to_string()),
            }
        }
        for column in Column::REQUIRED {
            if !columns.contains_key(&column) {
                let found: Vec<String> = header
                    .iter()
                    .filter(|h| !h.trim().is_empty())
                    .map(|h| format!("{:?}", h.trim()))
                    .collect();
                return Err(RosterError::MissingColumn {
                    path: label.into(),
                    line: header_line,
                    column: column.heading(),
                    found: if found.is_empty() {
                        "none".into()
                    } else {
                        found.join(", ")
                    },
                });
            }
        }
        // The first good line each row's cells were seen on, to catch a row pasted twice.
        let mut seen: HashMap<Vec<String>, u64> = HashMap::new();
        let mut rows = 0;
        for record in records {
            let record = record.map_err(csv_error)?;
            if is_blank(&record) {
                continue;
            }
            rows += 1;
            if rows > MAX_ROWS {
                return Err(RosterError::TooManyRows { path: label.into() });
            }
            let line = line_at(record.position());
            let cell = |column: Column| {
                columns
                    .get(&column)
                    .and_then(|&i| record.get(i))
                    .map_or("", str::trim)
            };
            match starter(line, &cell, school, current_year) {
                Ok(starter) => {
                    let key: Vec<String> = record.iter().map(|c| c.trim().to_lowercase()).collect();
                    if let Some(first) = seen.get(&key) {
                        roster.skipped.push(RowError {
                            line,
                            name: Some(starter.subject.name),
                            message: format!(
                                "the same row as line {first}: left out so they get one pack"
                            ),
                        });
                    } else {
                        seen.insert(key, line);
                        roster.starters.push(starter);
                    }
                }
                Err(error) => roster.skipped.push(error),
            }
        }
        if roster.starters.is_empty() && roster.skipped.is_empty() {
            return Err(RosterError::Empty { path: label.into() });
        }
        Ok(roster)
    }
}

fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|c| c.trim().is_empty())
}

/// One row as a starter, or what is wrong with it.
fn starter<'r>(
    line: u64,
    cell: &dyn Fn(Column) -> &'r str,
    school: &School,
    current_year: u16,
) -> Result<Starter, RowError> {
    let raw_name = surname_last(cell(Column::Name));
    let fail = |name: Option<&str>, message: String| RowError {
        line,
        name: name.map(String::from),
        message,
    };
    if raw_name.is_empty() {
        return Err(fail(
            None,
            "no name: every row needs the person's name".into(),
        ));
    }
    let name = subject::checked_work_name("name", &raw_name).map_err(|e| match e {
        SubjectError::OnlyInitials { value, .. } => fail(
            None,
            format!("name {value:?} is only initials: give their first name and surname"),
        ),
        e => fail(None, e.to_string()),
    })?;
    let named = Some(name.as_str());
    let list = |column: Column| -> Vec<String> {
        cell(column)
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    for (column, field) in [
        (Column::OtherNames, "other names"),
        (Column::Nicknames, "nicknames"),
    ] {
        for value in list(column) {
            subject::checked_name(field, &value).map_err(|e| fail(named, e.to_string()))?;
        }
    }
    let start = parse_date(cell(Column::Start)).map_err(|m| fail(named, m))?;
    let consent = parse_consent(cell(Column::Consent)).map_err(|m| fail(named, m))?;
    let title = Some(cell(Column::Title).to_string()).filter(|t| !t.is_empty());
    let subject = SubjectInput {
        name: Some(name.clone()),
        title,
        other_names: list(Column::OtherNames),
        nicknames: list(Column::Nicknames),
        usernames: list(Column::Usernames),
        ..school.subject_defaults()
    }
    .validate(current_year)
    .map_err(|e| fail(named, e.to_string()))?;
    Ok(Starter {
        line,
        subject,
        start,
        consent,
    })
}

mod cells;
#[cfg(test)]
mod tests;

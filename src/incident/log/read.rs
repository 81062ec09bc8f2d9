//! An evidence log already on disk, read back: columns found by their heading, any the
//! person added kept, and where new rows go (above the blank rows at the end), so adding
//! an account changes nothing that is there.

use super::{LOG_HEADERS, LogEntry};

/// A row of a log as it is in the file: findable's columns, and any the person added in
/// their spreadsheet (heading, value), so a printed copy leaves nothing out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogRow {
    pub entry: LogEntry,
    pub extra: Vec<(String, String)>,
}

impl From<LogEntry> for LogRow {
    fn from(entry: LogEntry) -> LogRow {
        LogRow {
            entry,
            extra: Vec::new(),
        }
    }
}

/// An evidence log already on disk, read so rows can be added without changing any that
/// are there: the text itself is kept, and new rows go in at [`ExistingLog::insert_at`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingLog {
    /// The file's column headings, in its order.
    pub headers: Vec<String>,
    /// Where each of [`LOG_HEADERS`] is among `headers`.
    pub columns: [usize; 12],
    pub rows: Vec<LogRow>,
    /// Byte offset for new rows: before the blank rows at the end, so an added account
    /// comes straight after the last row written in, with the blank rows still below it.
    pub insert_at: usize,
    /// `"\r\n"` when the file uses it (a spreadsheet may save it so), else `"\n"`.
    pub line_ending: &'static str,
}

/// Why an existing log cannot be added to. Nothing is changed when this happens.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error(
        "is not saved as UTF-8 text, so findable cannot add to it safely; save it from your \
         spreadsheet as \"CSV UTF-8\", or choose another folder"
    )]
    NotUtf8,
    #[error(
        "has no \"{0}\" column, so it is not a log findable can add to (it was left as it \
         was); choose another folder"
    )]
    MissingColumn(&'static str),
    #[error("cannot be read as CSV ({0}); it was left as it was: choose another folder")]
    Csv(String),
}

/// Reads an evidence log's CSV text. Columns are found by their heading, in any order;
/// columns the person added are kept as they are.
pub fn read_log(bytes: &[u8]) -> Result<ExistingLog, LogError> {
    let text = std::str::from_utf8(bytes).map_err(|_| LogError::NotUtf8)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let csv_error = |e: csv::Error| LogError::Csv(e.to_string());
    if !reader.read_record(&mut record).map_err(csv_error)? {
        return Err(LogError::MissingColumn(LOG_HEADERS[0]));
    }
    let headers: Vec<String> = record
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let mut columns = [0; 12];
    for (slot, wanted) in columns.iter_mut().zip(LOG_HEADERS) {
        *slot = headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(wanted))
            .ok_or(LogError::MissingColumn(wanted))?;
    }
    let mut rows = Vec::new();
    // Where the run of blank rows at the end starts, if the log ends with one.
    let mut blank_from: Option<usize> = None;
    while reader.read_record(&mut record).map_err(csv_error)? {
        let start = record.position().map_or(text.len(), |p| p.byte() as usize);
        let cell = |i: usize| undefused(record.get(i).unwrap_or_default());
        let entry = LogEntry::from_cells(columns.map(cell));
        let extra: Vec<(String, String)> = headers
            .iter()
            .enumerate()
            .filter(|(i, _)| !columns.contains(i))
            .map(|(i, h)| (h.clone(), cell(i)))
            .filter(|(_, v)| !v.trim().is_empty())
            .collect();
        if entry.is_blank() && extra.is_empty() {
            blank_from.get_or_insert(start);
        } else {
            blank_from = None;
        }
        rows.push(LogRow { entry, extra });
    }
    // A record's position can fall on the end of the line before it (the "\n" of a
    // "\r\n"), so move to the start of the blank row itself.
    let mut insert_at = blank_from.unwrap_or(text.len());
    while text
        .as_bytes()
        .get(insert_at)
        .is_some_and(|b| matches!(b, b'\r' | b'\n'))
    {
        insert_at += 1;
    }
    Ok(ExistingLog {
        headers,
        columns,
        rows,
        insert_at,
        line_ending: if text.contains("\r\n") { "\r\n" } else { "\n" },
    })
}

/// A cell as the person wrote it: the apostrophe findable put before a cell that a
/// spreadsheet would run as a formula is not part of what they wrote.
fn undefused(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_log_is_read_by_heading_with_its_own_columns_kept() {
        let text = "\u{feff}Notes,Date seen,Time seen,Platform,URL,Username or handle,\
                    What it shows,Screenshot file,Reported to platform on,Platform reference,\
                    Told school on,Told whom,My column\r\n\
                    note one,2026-11-01,,TikTok,,'=evil,,,,,,,kept\r\n\
                    ,,,,,,,,,,,,\r\n\
                    ,,,,,,,,,,,,\r\n";
        let log = read_log(text.as_bytes()).expect("reads");
        assert_eq!(log.line_ending, "\r\n");
        assert_eq!(log.columns[0], 1, "Date seen is the second column here");
        assert_eq!(log.rows.len(), 3);
        let first = &log.rows[0];
        assert_eq!(first.entry.notes, "note one");
        assert_eq!(first.entry.date_seen, "2026-11-01");
        assert_eq!(first.entry.username_or_handle, "=evil", "shown as written");
        assert_eq!(first.extra, vec![("My column".into(), "kept".into())]);
        let blank_rows = text.find("\r\n,").map(|i| i + 2);
        assert_eq!(
            Some(log.insert_at),
            blank_rows,
            "new rows go above the blank ones"
        );
    }

    #[test]
    fn a_log_that_is_not_one_is_refused() {
        assert!(matches!(
            read_log(b"my notes"),
            Err(LogError::MissingColumn("Date seen"))
        ));
        assert!(matches!(read_log(b""), Err(LogError::MissingColumn(_))));
        assert!(matches!(read_log(b"\xff\xfe"), Err(LogError::NotUtf8)));
        let semicolons = LOG_HEADERS.join(";");
        assert!(read_log(semicolons.as_bytes()).is_err());
        let ours = format!("{}\nx", LOG_HEADERS.join(","));
        let log = read_log(ours.as_bytes()).expect("reads");
        assert_eq!(log.insert_at, ours.len(), "no blank rows: at the end");
        assert_eq!(log.line_ending, "\n");
    }
}

//! The evidence log as CSV (for a spreadsheet) and as a Markdown table (to print).

use std::fmt::Write as _;

use crate::incident::{LOG_HEADERS, LogEntry};
use crate::render::escape::{markdown as md, text as clean};

/// A spreadsheet opens a cell starting with one of these as a formula; a handle or URL
/// pasted from a hostile account could use that, so such cells get a leading apostrophe.
fn spreadsheet_safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The evidence log as CSV with a header row, to open in a spreadsheet and fill in.
pub fn log_csv(entries: &[LogEntry]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(LOG_HEADERS)?;
    for entry in entries {
        writer.write_record(entry.cells().map(|c| spreadsheet_safe(&clean(c))))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    // Every cell came from a &str, so the bytes are UTF-8; lossy is only a belt and braces.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

const KEEPING: &[&str] = &[
    "Keep this log, your screenshots and recordings together in a private place: a folder \
     only you can open, not a shared drive. findable saves this file so only your account \
     can read it.",
    "Don't crop, edit or draw on screenshots. Keep the originals as they are; if you need to \
     point something out, do it on a copy.",
    "Note dates and times as you go: when you saw it, when you reported it, when the \
     platform answered and when you told the school, with any reference numbers.",
    "Add a row for each new post, comment, message, call or account, and keep rows for \
     posts that have since been deleted.",
    "Never save a sexual image of anyone under 18, not even as evidence: note the URL and \
     tell the DSL.",
];

/// The evidence log as a Markdown table, with a short note on how to keep it.
pub fn log_markdown(entries: &[LogEntry]) -> String {
    let mut out = String::from("# Evidence log\n\n");
    out.push_str("| ");
    out.push_str(&LOG_HEADERS.join(" | "));
    out.push_str(" |\n|");
    out.push_str(&"---|".repeat(LOG_HEADERS.len()));
    out.push('\n');
    for entry in entries {
        out.push('|');
        for cell in entry.cells() {
            let _ = write!(out, " {} |", md(cell));
        }
        out.push('\n');
    }
    out.push_str("\n## How to keep this\n\n");
    for line in KEEPING {
        let _ = writeln!(out, "- {line}");
    }
    out
}

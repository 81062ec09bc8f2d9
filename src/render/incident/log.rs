//! The evidence log as CSV (a new one, or rows added to one the person already has,
//! leaving every byte of it in place) and as one printable page in the shared layout: a
//! card per entry with labelled fields, which reads on A4 where a 12-column table cannot.

use maud::{Markup, html};

use crate::incident::{ExistingLog, LOG_HEADERS, LogEntry, LogRow};
use crate::render::escape::{text as clean, web_url};
use crate::render::page::{self, Page, link_and_address, text as t};

/// A spreadsheet opens a cell starting with one of these as a formula; a handle or URL
/// pasted from a hostile account could use that, so such cells get a leading apostrophe.
fn spreadsheet_safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn csv_text(records: &[Vec<String>], line_ending: &str) -> Result<String, csv::Error> {
    let terminator = match line_ending {
        "\r\n" => csv::Terminator::CRLF,
        _ => csv::Terminator::Any(b'\n'),
    };
    let mut writer = csv::WriterBuilder::new()
        .terminator(terminator)
        .flexible(true)
        .from_writer(Vec::new());
    for record in records {
        writer.write_record(record)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    // Every cell came from a &str, so the bytes are UTF-8; lossy is only a belt and braces.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn safe_cells(entry: &LogEntry) -> [String; 12] {
    entry.cells().map(|c| spreadsheet_safe(&clean(c)))
}

/// The evidence log as CSV with a header row, to open in a spreadsheet and fill in.
pub fn log_csv(entries: &[LogEntry]) -> Result<String, csv::Error> {
    let mut records = vec![LOG_HEADERS.map(String::from).to_vec()];
    records.extend(entries.iter().map(|e| safe_cells(e).to_vec()));
    csv_text(&records, "\n")
}

/// `existing` (the file's text, read as `log`) with `entries` added above its blank rows
/// at the end, in the file's own column order and line endings. Everything already in the
/// file stays exactly as it was: the new rows are spliced in, nothing is rewritten.
pub fn log_csv_append(
    existing: &str,
    log: &ExistingLog,
    entries: &[LogEntry],
) -> Result<String, csv::Error> {
    let records: Vec<Vec<String>> = entries
        .iter()
        .map(|entry| {
            let mut record = vec![String::new(); log.headers.len()];
            for (cell, &column) in safe_cells(entry).into_iter().zip(&log.columns) {
                record[column] = cell;
            }
            record
        })
        .collect();
    let added = csv_text(&records, log.line_ending)?;
    let at = log.insert_at.min(existing.len());
    let (before, after) = existing.split_at(at);
    let mut out = String::with_capacity(existing.len() + added.len() + 2);
    out.push_str(before);
    if !before.is_empty() && !before.ends_with('\n') {
        out.push_str(log.line_ending);
    }
    out.push_str(&added);
    out.push_str(after);
    Ok(out)
}

/// How to keep the log: on the page under the entries.
pub(super) const KEEPING: &[&str] = &[
    "Keep this log, your screenshots and recordings together in a private place: a folder \
     only you can open, not a shared drive. findable saves its files so only your account \
     can read them.",
    "Don't crop, edit or draw on screenshots. Keep the originals as they are; if you need to \
     point something out, do it on a copy.",
    "Note dates and times as you go: when you saw it, when you reported it, when the \
     platform answered and when you told the school, with any reference numbers.",
    "Add an entry for each new post, comment, message, call or account, and keep entries for \
     posts that have since been deleted.",
    "Never save a sexual image of anyone under 18, not even as evidence: note the URL and \
     tell the DSL.",
];

/// Said in the footer of every log page findable writes. Beside a CSV, a page without it
/// was not made by findable, so findable does not replace it.
pub const LOG_HTML_MARK: &str =
    "This page is a printable copy of the evidence log, made by findable.";

/// Each field of an entry, in reading order: (heading, whether it takes the card's full
/// width). Short dates and names pair up; addresses and sentences get a line each.
const FIELDS: [(usize, bool); 12] = [
    (0, false),  // Date seen
    (1, false),  // Time seen
    (2, false),  // Platform
    (4, false),  // Username or handle
    (3, true),   // URL
    (5, true),   // What it shows
    (6, true),   // Screenshot file
    (7, false),  // Reported to platform on
    (8, false),  // Platform reference
    (9, false),  // Told school on
    (10, false), // Told whom
    (11, true),  // Notes
];

const URL_COLUMN: usize = 3;

fn field(label: &str, value: &str, wide: bool, is_url: bool) -> Markup {
    let value = value.trim();
    html! {
        div class=[wide.then_some("wide")] {
            dt { (t(label)) }
            @if value.is_empty() {
                dd.blank {}
            } @else if is_url && web_url(value).is_some() {
                dd { (link_and_address(value, "Open the page")) }
            } @else {
                dd { (t(value)) }
            }
        }
    }
}

fn entry_heading(number: usize, entry: &LogEntry) -> String {
    if entry.is_blank() {
        return format!("Entry {number} (to fill in)");
    }
    let about: Vec<&str> = [entry.platform.trim(), entry.username_or_handle.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if about.is_empty() {
        format!("Entry {number}")
    } else {
        format!("Entry {number}: {}", about.join(", "))
    }
}

/// Empty cards at the end of the printed log, to write on by hand. The spreadsheet's own
/// blank rows are not printed: they would only be more empty cards.
pub const BLANK_CARDS: usize = 2;

/// The log as one page to print: a card for each entry written in, every field labelled,
/// then [`BLANK_CARDS`] empty ones whose fields are lines to write on. `made_on` is the
/// date it was made (`YYYY-MM-DD`).
pub fn log_html(rows: &[LogRow], made_on: &str) -> String {
    let blank = LogRow::default();
    let rows: Vec<&LogRow> = rows
        .iter()
        .filter(|r| !(r.entry.is_blank() && r.extra.is_empty()))
        .chain(std::iter::repeat_n(&blank, BLANK_CARDS))
        .collect();
    let written = rows.len() - BLANK_CARDS;
    page::render(Page {
        title: "Evidence log",
        header: html! {
            h1 { "Evidence log" }
            p.meta {
                "Made by findable on " (t(made_on)) " for printing: "
                (crate::render::plural_forms(written, "entry", "entries"))
                ", and space to write more by hand."
            }
            p.summary {
                "Fill in the spreadsheet copy (evidence-log.csv) if you have one, or write on \
                 the printed page. Keep both private."
            }
        },
        nav: None,
        main: html! {
            section aria-labelledby="entries-h" {
                h2 #entries-h { "Entries" }
                ol.cards {
                    @for (i, row) in rows.iter().enumerate() {
                        li.card {
                            h3 { (t(&entry_heading(i + 1, &row.entry))) }
                            dl.fields {
                                @for (column, wide) in FIELDS {
                                    (field(LOG_HEADERS[column], row.entry.cells()[column], wide, column == URL_COLUMN))
                                }
                                @for (heading, value) in &row.extra {
                                    (field(heading, value, true, false))
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="keep-h" {
                h2 #keep-h { "How to keep this" }
                ul {
                    @for line in KEEPING { li { (line) } }
                }
            }
        },
        footer: html! {
            p {
                (LOG_HTML_MARK) " findable writes it again from evidence-log.csv each time \
                 an incident is added with " code { "findable incident --log" } ", so write \
                 in the spreadsheet, not in this page."
            }
        },
    })
}

//! The incident documents: the steps in order as text (80 columns) or Markdown, and the
//! evidence log as CSV (for a spreadsheet) and as a Markdown table (to print).

use std::fmt::Write as _;

use super::escape::{markdown as md, markdown_target, text as clean};
use crate::incident::{LOG_HEADERS, LogEntry, Step};

const WIDTH: usize = 80;
const BODY_INDENT: &str = "    ";

fn wrap_options<'a>(indent: &'a str, subsequent: &'a str) -> textwrap::Options<'a> {
    // Never split a word or URL, not even at a hyphen: a broken address cannot be copied.
    textwrap::Options::new(WIDTH)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(indent)
        .subsequent_indent(subsequent)
}

/// The steps as plain text that fits 80 columns (a long web address gets a line of its own).
pub fn steps_text(steps: &[Step]) -> String {
    let mut out = String::from("What to do, in order\n");
    out.push_str("If anyone is in immediate danger, call 999 now.\n");
    for s in steps {
        let marker = if s.urgent { "URGENT: " } else { "" };
        let _ = writeln!(out, "\n{:>2}. {marker}{}", s.number, clean(&s.title));
        for line in s.what_to_do.lines() {
            let (first, rest, body) = match line.strip_prefix("- ") {
                Some(bullet) => ("    - ", "      ", bullet),
                None => (BODY_INDENT, BODY_INDENT, line),
            };
            for wrapped in textwrap::wrap(&clean(body), wrap_options(first, rest)) {
                let _ = writeln!(out, "{wrapped}");
            }
        }
        for (label, target) in &s.links {
            let (label, target) = (clean(label), clean(target));
            let one_line = format!("{BODY_INDENT}{label}: {target}");
            if textwrap::core::display_width(&one_line) <= WIDTH {
                let _ = writeln!(out, "{one_line}");
            } else {
                for wrapped in textwrap::wrap(&format!("{label}:"), wrap_options("    ", "    ")) {
                    let _ = writeln!(out, "{wrapped}");
                }
                for wrapped in textwrap::wrap(&target, wrap_options("      ", "      ")) {
                    let _ = writeln!(out, "{wrapped}");
                }
            }
        }
    }
    out
}

/// The steps as Markdown, to save or print.
pub fn steps_markdown(steps: &[Step]) -> String {
    let mut out = String::from("# What to do, in order\n\n");
    out.push_str("**If anyone is in immediate danger, call 999 now.**\n");
    for s in steps {
        let marker = if s.urgent { "Urgent: " } else { "" };
        // Exactly one blank line before each heading, whatever the last block ended with.
        while out.ends_with("\n\n") {
            out.pop();
        }
        let _ = writeln!(out, "\n## {}. {marker}{}\n", s.number, md(&s.title));
        let mut in_list = false;
        for line in s.what_to_do.lines() {
            match line.strip_prefix("- ") {
                Some(bullet) => {
                    let _ = writeln!(out, "- {}", md(bullet));
                    in_list = true;
                }
                None => {
                    if in_list {
                        out.push('\n');
                        in_list = false;
                    }
                    let _ = writeln!(out, "{}\n", md(line));
                }
            }
        }
        if in_list {
            out.push('\n');
        }
        for (label, target) in &s.links {
            let _ = writeln!(out, "- {}: {}", md(label), markdown_target(target));
        }
    }
    out
}

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
    "Add a row for each new post, comment, message or account, and keep rows for posts that \
     have since been deleted.",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::log::tests::{catalog, filled};
    use crate::incident::{self, IncidentInput, Kind, Responsible};
    use crate::render::fixtures;

    fn input() -> IncidentInput {
        IncidentInput::default()
    }

    /// A fake Pupilgram account, posted by a pupil, on the made-up catalog.
    fn fixture(threats_or_sexual: bool) -> Vec<Step> {
        let input = IncidentInput {
            platform: Some("pupilgram".into()),
            kind: Kind::Impersonation,
            responsible: Responsible::Pupil,
            threats_or_sexual,
            url: Some("https://pupilgram.example/@ms_smith_fake".into()),
            ..input()
        };
        incident::steps(&input, &fixtures::catalog())
    }

    #[test]
    fn incident_snapshot_steps_text() {
        insta::assert_snapshot!("incident_steps_text", steps_text(&fixture(false)));
    }

    #[test]
    fn incident_snapshot_steps_markdown() {
        insta::assert_snapshot!("incident_steps_markdown", steps_markdown(&fixture(true)));
    }

    #[test]
    fn incident_snapshot_log_csv_and_markdown() {
        let input = IncidentInput {
            platform: Some("pupilgram".into()),
            threats_or_sexual: true,
            ..filled()
        };
        let entries = incident::log_entries(&input, &fixtures::catalog());
        insta::assert_snapshot!("incident_log_csv", log_csv(&entries).expect("csv"));
        insta::assert_snapshot!("incident_log_markdown", log_markdown(&entries));
    }

    #[test]
    fn urgent_and_posh_are_in_both_formats() {
        let serious = fixture(true);
        assert!(steps_text(&serious).contains("URGENT: Report it to the police now"));
        assert!(steps_markdown(&serious).contains("Urgent: Report it to the police now"));
        for out in [steps_text(&serious), steps_markdown(&serious)] {
            assert!(out.contains("0344 381 4772"));
        }
    }

    #[test]
    fn text_fits_80_columns_except_unbreakable_addresses() {
        let catalog = catalog();
        for platform in incident::platforms(&catalog) {
            for kind in [Kind::Content, Kind::Impersonation] {
                let input = IncidentInput {
                    platform: Some(platform.id.clone()),
                    kind,
                    threats_or_sexual: true,
                    url: Some("https://www.tiktok.com/@someone/video/7300000000000000000".into()),
                    ..input()
                };
                for line in steps_text(&incident::steps(&input, &catalog)).lines() {
                    let width = textwrap::core::display_width(line);
                    let single_token = !line.trim().contains(' ');
                    assert!(width <= WIDTH || single_token, "{width}: {line}");
                }
            }
        }
    }

    #[test]
    fn markdown_escapes_a_hostile_url() {
        let steps = incident::steps(
            &IncidentInput {
                url: Some("javascript:alert(1)<script>".into()),
                ..input()
            },
            &catalog(),
        );
        let md = steps_markdown(&steps);
        assert!(!md.contains("<script>"));
        assert!(md.contains("<https://reportharmfulcontent.com/>"));
        assert!(!md.contains("\n\n\n"), "one blank line between blocks");
    }

    #[test]
    fn csv_parses_back_with_its_header_and_rows() {
        let entries = incident::log_entries(&filled(), &catalog());
        let text = log_csv(&entries).expect("csv");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().expect("headers").clone();
        assert_eq!(headers.iter().collect::<Vec<_>>(), LOG_HEADERS.to_vec());
        let rows: Vec<LogEntry> = reader
            .deserialize()
            .collect::<Result<_, _>>()
            .expect("rows parse");
        assert_eq!(rows.len(), entries.len());
        assert_eq!(rows[0].url, entries[0].url);
        assert_eq!(rows[0].what_it_shows, entries[0].what_it_shows);
        // A formula in a pasted handle is defused, not run by the spreadsheet.
        assert_eq!(rows[0].username_or_handle, "'=HYPERLINK(\"x\")");
        assert!(rows[1..].iter().all(|r| *r == LogEntry::default()));
    }

    #[test]
    fn markdown_log_is_a_well_formed_table_with_a_keeping_note() {
        let mut entries = incident::log_entries(&filled(), &catalog());
        entries[1].notes = "a | pipe\nand a newline".into();
        let md = log_markdown(&entries);
        let table: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
        assert_eq!(
            table.len(),
            2 + entries.len(),
            "header, rule, one line a row"
        );
        let columns = |line: &str| {
            // Unescaped pipes separate cells.
            let bytes = line.as_bytes();
            (0..bytes.len())
                .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
                .count()
                - 1
        };
        for line in &table {
            assert_eq!(columns(line), LOG_HEADERS.len(), "{line}");
            assert!(line.ends_with('|'));
        }
        assert!(table[1].chars().all(|c| c == '|' || c == '-'));
        assert!(md.contains("## How to keep this"));
        assert!(md.contains("private"));
        assert!(md.contains("Don't crop, edit"));
        assert!(md.to_lowercase().contains("times"));
    }
}

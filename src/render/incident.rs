//! The incident documents: the summary and the steps as text (80 columns, all at once or
//! one step per screen) or Markdown, and the evidence log as CSV (for a spreadsheet) and as
//! a Markdown table (to print).

mod log;
mod text;

use std::fmt::Write as _;

pub use log::{log_csv, log_markdown};
pub use text::{step_text, steps_text, summary_text};

use super::escape::{markdown as md, markdown_target};
use crate::incident::Guide;

/// The summary and the steps as Markdown, to save or print.
pub fn steps_markdown(guide: &Guide) -> String {
    let mut out = format!("# {}\n\n", text::summary_heading(guide));
    for line in &guide.summary {
        let _ = writeln!(out, "- {}", md(line));
    }
    let _ = writeln!(out, "\n**{}**", text::DANGER);
    for s in &guide.steps {
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

#[cfg(test)]
mod tests {
    use super::text::WIDTH;
    use super::*;
    use crate::incident::log::tests::{catalog, filled};
    use crate::incident::{self, IncidentInput, Kind, LogEntry, Responsible, Step};
    use crate::render::fixtures;

    fn input() -> IncidentInput {
        IncidentInput::default()
    }

    /// A fake Pupilgram account, posted by a pupil, on the made-up catalog.
    fn fake_account(threats_or_sexual: bool) -> IncidentInput {
        IncidentInput {
            platform: Some("pupilgram".into()),
            kind: Kind::Impersonation,
            responsible: Responsible::Pupil,
            threats_or_sexual,
            url: Some("https://pupilgram.example/@ms_smith_fake".into()),
            ..input()
        }
    }

    fn guide(input: &IncidentInput) -> Guide {
        incident::guide(input, &fixtures::catalog())
    }

    #[test]
    fn incident_snapshot_steps_text() {
        insta::assert_snapshot!(
            "incident_steps_text",
            steps_text(&guide(&fake_account(false)))
        );
    }

    #[test]
    fn incident_snapshot_steps_markdown() {
        insta::assert_snapshot!(
            "incident_steps_markdown",
            steps_markdown(&guide(&fake_account(true)))
        );
    }

    #[test]
    fn incident_snapshot_each_kind_as_text() {
        let cases = [
            (
                "incident_steps_text_contact",
                IncidentInput {
                    platform: Some("pupilgram".into()),
                    kind: Kind::Contact,
                    responsible: Responsible::Parent,
                    ..input()
                },
            ),
            (
                "incident_steps_text_calls",
                IncidentInput {
                    kind: Kind::Calls,
                    responsible: Responsible::Unknown,
                    ..input()
                },
            ),
            (
                "incident_steps_text_sexual_harassment",
                IncidentInput {
                    platform: Some("pupilgram".into()),
                    kind: Kind::SexualHarassment,
                    responsible: Responsible::Pupil,
                    ..input()
                },
            ),
            (
                "incident_steps_text_for_colleague",
                IncidentInput {
                    for_colleague: true,
                    ..fake_account(false)
                },
            ),
        ];
        for (name, input) in cases {
            insta::assert_snapshot!(name, steps_text(&guide(&input)));
        }
    }

    #[test]
    fn incident_snapshot_one_step_at_a_time() {
        let guide = guide(&fake_account(true));
        let screens = format!(
            "{}\n{}",
            summary_text(&guide),
            step_text(&guide.steps[2], Some(guide.steps.len()))
        );
        insta::assert_snapshot!("incident_steps_screens", screens);
    }

    #[test]
    fn urgent_and_posh_are_in_both_formats() {
        let serious = guide(&fake_account(true));
        assert!(steps_text(&serious).contains("URGENT: Report it to the police now"));
        assert!(steps_markdown(&serious).contains("Urgent: Report it to the police now"));
        for out in [steps_text(&serious), steps_markdown(&serious)] {
            assert!(out.contains("0344 381 4772"));
        }
    }

    /// Every combination a person can choose, on the built-in catalog.
    fn every_guide() -> Vec<Guide> {
        let catalog = catalog();
        let mut platforms: Vec<Option<String>> = incident::platforms(&catalog)
            .iter()
            .map(|c| Some(c.id.clone()))
            .collect();
        platforms.push(None);
        let mut out = Vec::new();
        for platform in &platforms {
            for kind in Kind::ALL {
                for (threats_or_sexual, for_colleague) in
                    [(false, false), (true, false), (false, true), (true, true)]
                {
                    let input = IncidentInput {
                        platform: platform.clone(),
                        kind,
                        threats_or_sexual,
                        for_colleague,
                        url: Some(
                            "https://www.tiktok.com/@someone/video/7300000000000000000".into(),
                        ),
                        ..input()
                    };
                    out.push(incident::guide(&input, &catalog));
                }
            }
        }
        out
    }

    #[test]
    fn text_fits_80_columns_except_unbreakable_addresses() {
        for guide in every_guide() {
            for line in steps_text(&guide).lines() {
                let width = textwrap::core::display_width(line);
                let single_token = !line.trim().contains(' ');
                assert!(width <= WIDTH || single_token, "{width}: {line}");
            }
        }
    }

    #[test]
    fn each_screen_fits_a_24_row_terminal() {
        // A screen is the blank line above a step, the step, a blank line and the prompt
        // for the next one; the first is the summary, a blank line and the first prompt.
        let room = 24 - 3;
        for guide in every_guide() {
            let first = summary_text(&guide).lines().count() + 2;
            assert!(first <= room, "summary: {first} lines");
            assert_eq!(guide.summary.len(), 5, "{:?}", guide.summary);
            for step in &guide.steps {
                let shown = step_text(step, Some(guide.steps.len()));
                let rows = shown.lines().count();
                assert!(rows <= room, "{rows} rows:\n{shown}");
            }
        }
    }

    #[test]
    fn markdown_escapes_a_hostile_url() {
        let guide = incident::guide(
            &IncidentInput {
                url: Some("javascript:alert(1)<script>".into()),
                ..input()
            },
            &catalog(),
        );
        let md = steps_markdown(&guide);
        assert!(!md.contains("<script>"));
        assert!(md.contains("<https://reportharmfulcontent.com/>"));
        assert!(!md.contains("\n\n\n"), "one blank line between blocks");
    }

    #[test]
    fn the_url_given_is_shown_with_the_evidence_step() {
        let url = "https://www.instagram.com/fake_account/";
        let pasted = IncidentInput {
            url: Some(format!(" \u{1b}[31m{url}\n")),
            ..input()
        };
        let pasted = incident::guide(&pasted, &catalog());
        // Every document made from it escapes it on the way out.
        for shown in [steps_text(&pasted), steps_markdown(&pasted)] {
            assert!(
                !shown.contains('\u{1b}'),
                "no escape character reaches a document"
            );
            assert!(shown.contains("instagram.com/fake"), "{shown}");
        }
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
    fn csv_parses_back_with_its_header_and_rows() {
        let entries = incident::log_entries(&filled(), &catalog());
        let text = log_csv(&entries).expect("csv");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().expect("headers").clone();
        assert_eq!(
            headers.iter().collect::<Vec<_>>(),
            incident::LOG_HEADERS.to_vec()
        );
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
            assert_eq!(columns(line), incident::LOG_HEADERS.len(), "{line}");
            assert!(line.ends_with('|'));
        }
        assert!(table[1].chars().all(|c| c == '|' || c == '-'));
        assert!(md.contains("## How to keep this"));
        assert!(md.contains("private"));
        assert!(md.contains("Don't crop, edit"));
    }

    #[test]
    fn step_text_is_numbered_or_counted() {
        let step = Step {
            number: 3,
            title: "Title".into(),
            what_to_do: "Body".into(),
            links: vec![],
            urgent: true,
        };
        assert!(step_text(&step, None).starts_with(" 3. URGENT: Title\n"));
        assert!(step_text(&step, Some(9)).starts_with("Step 3 of 9: URGENT: Title\n"));
    }
}

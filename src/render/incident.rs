//! The incident documents: the summary and the steps as text (80 columns, all at once or
//! one step per screen), Markdown, or HTML for the web page; and the evidence log as CSV
//! (for a spreadsheet, new or added to) and as one printable HTML page.

mod html;
mod log;
mod text;

use std::fmt::Write as _;

pub use html::steps_html;
pub use log::{LOG_HTML_MARK, log_csv, log_csv_append, log_html};
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
    use crate::incident::{self, IncidentInput, Kind, LogEntry, LogRow, Responsible, Step};
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

    fn hostile_rows() -> Vec<LogRow> {
        let mut entries = incident::log_entries(&filled(), &catalog());
        entries[0].what_it_shows = "<script>window.__pwned=1</script> & more".into();
        entries[1] = LogEntry {
            platform: "Elsewhere".into(),
            url: "javascript:alert(1)".into(),
            notes: "a \"quoted\" <b>note</b>\u{1b}[31m".into(),
            ..LogEntry::default()
        };
        let mut rows: Vec<LogRow> = entries.into_iter().map(LogRow::from).collect();
        rows[1].extra = vec![("My column".into(), "<img src=x onerror=alert(1)>".into())];
        rows
    }

    /// One tag a line where the layout has a block, fields included, so a diff is readable.
    fn readable_log(page: &str) -> String {
        fixtures::readable(page)
            .replace("<div", "\n<div")
            .replace("\n\n<div", "\n<div")
    }

    #[test]
    fn incident_snapshot_log_csv_and_html() {
        let input = IncidentInput {
            platform: Some("pupilgram".into()),
            threats_or_sexual: true,
            ..filled()
        };
        let entries = incident::log_entries(&input, &fixtures::catalog());
        insta::assert_snapshot!("incident_log_csv", log_csv(&entries).expect("csv"));
        let rows: Vec<LogRow> = entries.into_iter().map(LogRow::from).collect();
        insta::assert_snapshot!(
            "incident_log_html",
            readable_log(&log_html(&rows, "2026-11-30"))
        );
    }

    #[test]
    fn the_html_log_runs_nothing_and_links_only_to_web_addresses() {
        let page = log_html(&hostile_rows(), "2026-11-30");
        assert!(!page.contains("<script"), "no script, hostile text escaped");
        assert!(!page.contains("<img") && !page.contains("<b>"));
        assert!(page.contains("&lt;script&gt;") && page.contains("&lt;img"));
        assert!(!page.contains('\u{1b}'));
        assert!(page.contains(crate::render::page::CSP));
        for href in page.split("href=\"").skip(1) {
            assert!(
                href.starts_with("https://") || href.starts_with("http://"),
                "{}",
                &href[..href.len().min(40)]
            );
        }
        assert!(
            page.contains("<dd>javascript:alert(1)</dd>"),
            "shown as text"
        );
        assert!(
            page.contains("My column"),
            "the person's own column is printed"
        );
        assert!(page.contains(LOG_HTML_MARK));
        assert_eq!(
            page.matches("<li class=\"card\">").count(),
            2 + log::BLANK_CARDS,
            "two entries written in, then cards to write on; not every blank row"
        );
        assert!(page.contains("Entry 3 (to fill in)"));
        assert!(!page.contains("Entry 5"));
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
    fn a_second_account_is_added_above_the_blank_rows_and_nothing_else_changes() {
        let catalog = catalog();
        let first = log_csv(&incident::log_entries(&filled(), &catalog)).expect("csv");
        // The person has filled in the first row and added a column of their own.
        let edited = first.replacen("Notes\n", "Notes,Follow-up\n", 1).replacen(
            ",,Instagram",
            "2026-11-20,08:15,Instagram",
            1,
        );
        let log = incident::read_log(edited.as_bytes()).expect("reads");
        let second = IncidentInput {
            url: Some("https://www.tiktok.com/@second_fake/video/1".into()),
            kind: Kind::Impersonation,
            ..input()
        };
        let added = incident::log_entry(&second, &catalog);
        let out = log_csv_append(&edited, &log, std::slice::from_ref(&added)).expect("csv");
        let again = incident::read_log(out.as_bytes()).expect("reads back");
        assert_eq!(
            again.rows.len(),
            log.rows.len() + 1,
            "one row added, none lost"
        );
        assert_eq!(again.rows[0], log.rows[0], "the filled-in row is untouched");
        assert_eq!(again.rows[1].entry.username_or_handle, "second_fake");
        assert_eq!(again.rows[1].entry.platform, "TikTok");
        assert!(again.rows[2..].iter().all(|r| r.entry.is_blank()));
        assert!(
            out.starts_with(&edited[..log.insert_at]),
            "the text before is kept"
        );
        assert!(
            out.ends_with(&edited[log.insert_at..]),
            "and the blank rows after"
        );
        insta::assert_snapshot!("incident_log_csv_appended", out);

        // A log saved with Windows line endings and no blank rows gets the same.
        let crlf = edited.replace('\n', "\r\n");
        let crlf = crlf.trim_end_matches([',', '\r', '\n']).to_string();
        let log = incident::read_log(crlf.as_bytes()).expect("reads");
        let out = log_csv_append(&crlf, &log, &[added]).expect("csv");
        assert!(out.starts_with(&crlf) && out.ends_with("\r\n"));
        assert!(!out.contains("\n\n") && !out.replace("\r\n", "").contains('\n'));
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

//! The safeguarding lead's index of a run: who got a pack, in which folder, when their
//! check-up is due and whether they were checked online, and the roster rows that got no
//! pack. Never a finding: what a check found is the starter's own.

use std::fmt::Write as _;

use maud::html;

use super::long_date;
use crate::onboard::{
    CHEAT_SHEET_HTML, Index, IndexEntry, LETTER_HTML, PACK_CALENDAR, PACK_HTML, Written,
};
use crate::render::escape::markdown as md;
use crate::render::page::{self, Page, text as t};
use crate::render::{plural, plural_forms};

const TITLE: &str = "Onboarding packs";
const HAND_OVER: &str = "Each folder is one person's private pack: give it to them (a USB \
stick, their own school account, or printed and in an envelope), then delete your copy. \
Don't open the reports: what a check finds belongs to the person it is about. This index \
lists no findings, only who has a pack and when their check-up is due.";

fn meta(index: &Index) -> String {
    format!(
        "{}: {} made on {}.",
        index.school,
        plural(index.people.len(), "pack"),
        long_date(index.made)
    )
}

fn consent(e: &IndexEntry) -> &'static str {
    if e.consent { "yes" } else { "no" }
}

/// "1 Sep 2025": a table's dates stay on one line.
fn short_date(date: jiff::civil::Date) -> String {
    date.strftime("%-d %b %Y").to_string()
}

fn online(e: &IndexEntry, scanned: bool) -> String {
    match (&e.checked_online, e.consent) {
        (Some(date), _) => match date.parse() {
            Ok(day) => short_date(day),
            Err(_) => date.clone(),
        },
        (None, false) => "no (no consent)".into(),
        (None, true) if scanned && e.written == Written::New => "no (not reached)".into(),
        (None, true) => "no (not asked)".into(),
    }
}

fn written(e: &IndexEntry) -> &'static str {
    match e.written {
        Written::New => "new",
        Written::Kept => "kept",
    }
}

/// What the columns mean, where a word is not enough.
const COLUMNS: &str = "Pack: new (written in this run) or kept (there from an earlier run, \
left as it was). Checked online: the day findable looked, with the person's consent, or why \
it did not.";

fn files_line() -> String {
    format!(
        "In each folder: {PACK_HTML} (to read or print), the same as Markdown, and \
         {PACK_CALENDAR} (their check-up, for their calendar). Beside the folders: \
         {CHEAT_SHEET_HTML} (one page for every member of staff) and {LETTER_HTML} (to send \
         to parents at the start of term)."
    )
}

pub fn index_html(index: &Index) -> String {
    page::render(Page {
        title: &format!("{TITLE}: {}", index.school),
        header: html! {
            h1 { (TITLE) }
            p.meta { (t(&meta(index))) }
            p.notice { (HAND_OVER) }
        },
        nav: None,
        main: html! {
            section aria-labelledby="people-h" {
                h2 #people-h { "Who has a pack" }
                @if index.people.is_empty() {
                    p { "Nobody: every row of the roster was skipped (below)." }
                } @else {
                    table.people {
                        thead {
                            tr {
                                th scope="col" { "Name" }
                                th scope="col" { "Folder" }
                                th scope="col" { "Starts" }
                                th scope="col" { "Check-up due" }
                                th scope="col" { "Consent to a check" }
                                th scope="col" { "Checked online" }
                                th scope="col" { "Pack" }
                            }
                        }
                        tbody {
                            @for e in &index.people {
                                tr {
                                    th scope="row" {
                                        @if let Some(title) = &e.title { (t(title)) " " }
                                        (t(&e.name))
                                    }
                                    td { code { (t(&e.folder)) } }
                                    td.num { (short_date(e.start)) }
                                    td.num { (short_date(e.check_up)) }
                                    td { (consent(e)) }
                                    td { (online(e, index.scanned)) }
                                    td { (written(e)) }
                                }
                            }
                        }
                    }
                }
                p.note { (COLUMNS) }
                p.note { (files_line()) }
            }
            @if !index.skipped.is_empty() {
                section aria-labelledby="skipped-h" {
                    h2 #skipped-h { "Rows without a pack (" (index.skipped.len()) ")" }
                    p { "Fix these rows in the roster and run findable again: the packs already made are kept." }
                    ul.compact {
                        @for row in &index.skipped { li { (t(&row.to_string())) } }
                    }
                }
            }
        },
        footer: html! {
            p { "Made by findable. Keep this index with the school's safeguarding records; it holds names and dates only." }
        },
    })
}

pub fn index_markdown(index: &Index) -> String {
    let mut out = format!(
        "# {TITLE}\n\n{}\n\n{HAND_OVER}\n\n## Who has a pack\n\n",
        md(&meta(index))
    );
    if index.people.is_empty() {
        out.push_str("Nobody: every row of the roster was skipped (below).\n");
    } else {
        out.push_str("| Name | Folder | Starts | Check-up due | Consent to a check | Checked online | Pack |\n");
        out.push_str("|---|---|---|---|---|---|---|\n");
        for e in &index.people {
            let name = match &e.title {
                Some(title) => format!("{title} {}", e.name),
                None => e.name.clone(),
            };
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} | {} | {} | {} |",
                md(&name),
                e.folder,
                short_date(e.start),
                short_date(e.check_up),
                consent(e),
                online(e, index.scanned),
                written(e)
            );
        }
    }
    let _ = write!(out, "\n{COLUMNS}\n\n{}\n", files_line());
    if !index.skipped.is_empty() {
        let _ = write!(
            out,
            "\n## Rows without a pack ({})\n\nFix these rows in the roster and run findable again: the packs already made are kept.\n\n",
            index.skipped.len()
        );
        for row in &index.skipped {
            let _ = writeln!(out, "- {}", md(&row.to_string()));
        }
    }
    let _ = write!(
        out,
        "\n---\n\n{} with a pack; keep this index with the school's safeguarding records.\n",
        plural_forms(index.people.len(), "person", "people")
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixtures::readable;
    use crate::render::onboard::fixtures;

    #[test]
    fn index_snapshots() {
        let index = fixtures::index();
        let page = index_html(&index);
        assert_eq!(page::problems(&page), Vec::<String>::new());
        insta::assert_snapshot!("onboard_index_html", readable(&page));
        insta::assert_snapshot!("onboard_index_markdown", index_markdown(&index));
    }

    #[test]
    fn the_index_holds_no_findings() {
        let index = fixtures::index();
        for doc in [index_html(&index), index_markdown(&index)] {
            for private in [
                "janesmith_teach",
                "pupilgram.example",
                "report.html",
                "https://",
            ] {
                assert!(!doc.contains(private), "{private} in the index");
            }
        }
    }
}

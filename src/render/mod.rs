//! The one layer that turns plain data into documents: text for a terminal, Markdown, HTML
//! pages and JSON. Every escaper is in [`escape`]; every HTML page shares [`page`]. Not for
//! deciding what to say or asking anything: the data comes finished from the stages.

pub mod calendar;
pub mod changes;
pub mod checklist;
pub mod checks;
pub mod diff;
pub mod escape;
#[cfg(test)]
pub(crate) mod fixtures;
mod format;
pub mod history;
pub mod incident;
pub mod offline;
pub mod onboard;
pub mod page;
pub mod probe;
pub mod queries;
pub mod report;
pub mod school;
pub mod search;
pub mod sites;
pub mod variants;
pub(crate) mod wrap;

pub use format::{FormatError, OutputFormat};

/// Said wherever a place has no address to open.
pub(crate) const NO_URL: &str = "(no address to open: search for it by hand)";

/// "1 page" or "3 pages": `noun` plus "s" for anything but one.
/// `text` made safe for a terminal and wrapped to 80 columns (web addresses unbroken), for
/// a front end's own lines around a document.
pub fn terminal_paragraph(text: &str) -> String {
    wrap::wrap(&escape::text(text), "", "").join("\n")
}

pub fn plural(n: usize, noun: &str) -> String {
    plural_forms(n, noun, &format!("{noun}s"))
}

/// "1 person" or "3 people", for nouns that do not just add "s".
pub fn plural_forms(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Pretty JSON with a final newline, for every `--format json`. Serialising plain data
/// cannot fail; if it ever does, say so in valid JSON rather than panic or write nothing.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        Err(e) => format!("{}\n", serde_json::json!({ "error": e.to_string() })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural(0, "page"), "0 pages");
        assert_eq!(plural(1, "page"), "1 page");
        assert_eq!(plural(3, "check file"), "3 check files");
        assert_eq!(plural_forms(1, "person", "people"), "1 person");
        assert_eq!(plural_forms(2, "person", "people"), "2 people");
    }
}

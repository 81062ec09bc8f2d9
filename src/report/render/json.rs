//! The report as pretty JSON: fields in struct order, so files diff cleanly between
//! audits. `findable schema` prints the schema it follows.

use super::Report;

pub fn json(report: &Report) -> String {
    // A Report is strings, numbers and lists only, so serialising cannot fail; if that
    // ever changes, say so in valid JSON rather than panic or write nothing.
    match serde_json::to_string_pretty(report) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        Err(e) => format!("{}\n", serde_json::json!({ "error": e.to_string() })),
    }
}

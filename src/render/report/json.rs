//! The report as pretty JSON: fields in struct order, so files diff cleanly between
//! audits. `findable schema` prints the schema it follows.

use crate::report::Report;

pub fn json(report: &Report) -> String {
    crate::render::json(report)
}

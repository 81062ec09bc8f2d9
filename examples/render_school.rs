//! Renders a saved school scan as one HTML page, for the browser check in CI:
//! `cargo run --example render_school -- fixtures/reports/school.json out.html`.
//! A third argument (`text`, `md`, `html`, `json`) picks another format.

use std::process::ExitCode;

use findable::render::{self, OutputFormat};
use findable::school_scan::SchoolReport;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (input, output) = match args.as_slice() {
        [input, output] | [input, output, _] => (input, output),
        _ => {
            eprintln!("usage: render_school SCAN.json OUT.html [text|md|html|json]");
            return ExitCode::from(2);
        }
    };
    let format = match args.get(2).map(|f| f.parse::<OutputFormat>()) {
        None => OutputFormat::Html,
        Some(Ok(f)) => f,
        Some(Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let report: SchoolReport = match std::fs::read_to_string(input)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot read {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(output, render::school::render(&report, format, false)) {
        eprintln!("cannot write {output}: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

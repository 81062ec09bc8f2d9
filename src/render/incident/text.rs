//! The steps as plain text for an 80-column terminal: the summary screen, one step at a
//! time ("Step 3 of 11") for the terminal's pager, or everything at once.

use std::fmt::Write as _;

use crate::incident::{Guide, Step};
use crate::render::escape::text as clean;

pub(super) const WIDTH: usize = 80;
const BODY_INDENT: &str = "    ";
pub(super) const DANGER: &str = "If anyone is in immediate danger, call 999 now.";

fn wrap_options<'a>(indent: &'a str, subsequent: &'a str) -> textwrap::Options<'a> {
    // Never split a word or URL, not even at a hyphen: a broken address cannot be copied.
    textwrap::Options::new(WIDTH)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(indent)
        .subsequent_indent(subsequent)
}

fn wrapped(out: &mut String, text: &str, first: &str, rest: &str) {
    for line in textwrap::wrap(&clean(text), wrap_options(first, rest)) {
        let _ = writeln!(out, "{line}");
    }
}

pub(super) fn summary_heading(guide: &Guide) -> &'static str {
    if guide.for_colleague {
        "What to do now (you are acting for a colleague)"
    } else {
        "What to do now"
    }
}

/// The five lines to read first, and the 999 line: the whole first screen's message.
pub fn summary_text(guide: &Guide) -> String {
    let mut out = format!("{}\n", summary_heading(guide));
    for line in &guide.summary {
        wrapped(&mut out, line, "  - ", "    ");
    }
    let _ = writeln!(out, "{DANGER}");
    out
}

/// One step: " 3. Title" in the full list, or "Step 3 of 11: Title" when `of` says how
/// many there are (one step at a time), then its body and links.
pub fn step_text(step: &Step, of: Option<usize>) -> String {
    let mut out = String::new();
    let marker = if step.urgent { "URGENT: " } else { "" };
    let heading = match of {
        Some(total) => format!("Step {} of {total}: {marker}{}", step.number, step.title),
        None => format!("{:>2}. {marker}{}", step.number, step.title),
    };
    wrapped(&mut out, &heading, "", BODY_INDENT);
    for line in step.what_to_do.lines() {
        match line.strip_prefix("- ") {
            Some(bullet) => wrapped(&mut out, bullet, "    - ", "      "),
            None => wrapped(&mut out, line, BODY_INDENT, BODY_INDENT),
        }
    }
    for (label, target) in &step.links {
        let (label, target) = (clean(label), clean(target));
        let one_line = format!("{BODY_INDENT}{label}: {target}");
        if textwrap::core::display_width(&one_line) <= WIDTH {
            let _ = writeln!(out, "{one_line}");
        } else {
            wrapped(&mut out, &format!("{label}:"), BODY_INDENT, BODY_INDENT);
            wrapped(&mut out, &target, "      ", "      ");
        }
    }
    out
}

/// Everything at once, for a file, a pipe or `--all`: the summary, then every step.
pub fn steps_text(guide: &Guide) -> String {
    let mut out = summary_text(guide);
    out.push_str("\nThe steps, in order\n");
    for step in &guide.steps {
        out.push('\n');
        out.push_str(&step_text(step, None));
    }
    out
}

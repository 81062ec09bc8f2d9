//! Plain text for a terminal or a `.txt` file: lines wrapped to 80 columns, headings
//! underlined so they stand out without colour, web addresses never broken so they stay
//! copyable, and untrusted text cleaned on its way in.

use console::Style;

use super::NO_URL;
use super::escape::{text as clean, web_url};

pub(crate) const WIDTH: usize = 80;

/// A text document being written: wrapped lines, headings, labelled fields and web
/// addresses, with colour only when asked for.
pub(crate) struct Writer {
    pub(crate) s: String,
    color: bool,
}

impl Writer {
    pub(crate) fn new(color: bool) -> Writer {
        Writer {
            s: String::new(),
            color,
        }
    }

    pub(crate) fn paint(&self, text: &str, style: Style) -> String {
        if self.color {
            style.force_styling(true).apply_to(text).to_string()
        } else {
            text.to_string()
        }
    }

    pub(crate) fn line(&mut self, line: &str) {
        self.s.push_str(line);
        self.s.push('\n');
    }

    pub(crate) fn blank(&mut self) {
        if !self.s.ends_with("\n\n") && !self.s.is_empty() {
            self.s.push('\n');
        }
    }

    /// A section heading, underlined so it stands out without colour too.
    pub(crate) fn heading(&mut self, title: &str, underline: char) {
        self.blank();
        for line in wrap(title, "", "") {
            let rule = underline
                .to_string()
                .repeat(textwrap::core::display_width(&line));
            let bold = self.paint(&line, Style::new().bold());
            self.line(&bold);
            self.line(&rule);
        }
        self.s.push('\n');
    }

    pub(crate) fn para(&mut self, text: &str, first: &str, rest: &str) {
        for line in wrap(text, first, rest) {
            self.line(&line);
        }
    }

    /// "Label: value" wrapped, continuation lines indented under the value's start.
    pub(crate) fn field(&mut self, indent: &str, label: &str, value: &str) {
        let first = format!("{indent}{label}: ");
        let rest = format!("{indent}  ");
        self.para(value, &first, &rest);
    }

    /// A web address on one line, on a line of its own when it does not fit after the
    /// label, and only broken when it is not a web address anyway.
    pub(crate) fn url(&mut self, indent: &str, label: &str, url: &str) {
        let url = clean(url);
        let url = match url.trim() {
            "" => NO_URL,
            url => url,
        };
        let one = format!("{indent}{label}: {url}");
        if textwrap::core::display_width(&one) <= WIDTH {
            self.line(&one);
            return;
        }
        self.line(&format!("{indent}{label}:"));
        let own = format!("{indent}  {url}");
        if textwrap::core::display_width(&own) <= WIDTH
            || (web_url(url).is_some() && !url.contains(char::is_whitespace))
        {
            self.line(&own);
        } else {
            let rest = format!("{indent}  ");
            self.para(url, &rest, &rest);
        }
    }

    /// `! text`, marked so it is seen without colour; bold red with it.
    pub(crate) fn alert(&mut self, text: &str) {
        for (i, line) in wrap(text, "! ", "  ").into_iter().enumerate() {
            let line = if i == 0 {
                line.replacen('!', &self.paint("!", Style::new().bold().red()), 1)
            } else {
                line
            };
            self.line(&line);
        }
    }
}

/// `text` cleaned of control characters and wrapped to 80 columns, first line after
/// `first`, the rest after `rest`; long words are broken so every line fits.
pub(crate) fn wrap(text: &str, first: &str, rest: &str) -> Vec<String> {
    let text = clean(text);
    let options = textwrap::Options::new(WIDTH)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(true);
    textwrap::wrap(text.trim(), options)
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}

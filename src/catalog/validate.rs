//! The checks applied to single values of a check file (links, dates, URL templates,
//! detection rules), each problem recorded with the line it is on so one pass can report
//! every mistake in a file.

use toml::Spanned;
use toml::value::Datetime;

use super::check::Rule;
use super::raw::RawRule;
use super::{CheckError, line_of};

/// Collects problems for one file, each with its line.
pub struct Problems<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub list: Vec<CheckError>,
}

impl Problems<'_> {
    pub fn at<T>(&mut self, spanned: &Spanned<T>, message: impl Into<String>) {
        let line = line_of(self.text, spanned.span().start);
        self.list.push(CheckError {
            file: self.file.to_string(),
            line,
            message: message.into(),
        });
    }

    pub fn text<'s>(&mut self, field: &str, value: &'s Spanned<String>) -> &'s str {
        if value.get_ref().trim().is_empty() {
            self.at(value, format!("{field} is empty"));
        }
        value.get_ref()
    }

    pub fn date(&mut self, field: &str, value: &Spanned<Datetime>) -> String {
        let dt = value.get_ref();
        match (&dt.date, &dt.time) {
            (Some(date), None) if dt.offset.is_none() => date.to_string(),
            _ => {
                self.at(
                    value,
                    format!("{field} must be a date like 2026-11-22, not {dt}"),
                );
                String::new()
            }
        }
    }

    pub fn link(&mut self, field: &str, value: &Spanned<String>) -> String {
        let text = value.get_ref().trim();
        match url::Url::parse(text) {
            Ok(u) if u.scheme() == "https" && u.host_str().is_some() => {}
            Ok(_) => self.at(
                value,
                format!("{field} must be an https:// link, not {text:?}"),
            ),
            Err(_) if text.is_empty() => self.at(value, format!("{field} is missing a link")),
            Err(e) => self.at(value, format!("{field} {text:?} is not a valid link: {e}")),
        }
        text.to_string()
    }

    /// A URL template: `{username}` is required and is the only placeholder.
    pub fn url_template(&mut self, field: &str, value: &Spanned<String>) -> String {
        let text = value.get_ref().trim();
        if !text.contains("{username}") {
            self.at(value, format!("{field} must contain {{username}}"));
        }
        for name in placeholders(text) {
            if name != "username" {
                self.at(
                    value,
                    format!(
                        "{field} uses unknown placeholder {{{name}}}; only {{username}} is allowed"
                    ),
                );
            }
        }
        let sample = text.replace("{username}", "sample");
        match url::Url::parse(&sample) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => {}
            _ => self.at(value, format!("{field} {text:?} is not an http(s) URL")),
        }
        text.to_string()
    }

    pub fn rule(&mut self, name: &str, raw: &Spanned<RawRule>) -> Rule {
        let r = raw.get_ref();
        for status in &r.status {
            if !(100..=999).contains(status.get_ref()) {
                self.at(
                    status,
                    format!(
                        "[profile.{name}] status {} is not an HTTP status",
                        status.get_ref()
                    ),
                );
            }
        }
        let rule = Rule {
            status: r.status.iter().map(|s| *s.get_ref()).collect(),
            body: r.body.clone(),
            redirect: r.redirect.clone(),
        };
        if rule.is_empty() || rule.body.iter().any(String::is_empty) {
            self.at(raw, format!("[profile.{name}] needs at least one non-empty condition: status, body or redirect"));
        }
        rule
    }
}

/// `{name}` occurrences in a template, in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

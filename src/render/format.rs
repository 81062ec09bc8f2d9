//! Which format a document is written in, and the one rule every command uses to decide
//! it: `--format` wins; else the extension of the `-o` file; else the command's default.
//! An extension the command cannot write is an error, never a silent fallback.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// The formats findable writes documents in. Each command writes some of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    /// Readable text for a terminal or a `.txt` file.
    Text,
    /// Markdown, to save, edit or print.
    Markdown,
    /// One self-contained HTML page, to open in a browser or print.
    Html,
    /// JSON, for other programs.
    Json,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 4] = [
        OutputFormat::Text,
        OutputFormat::Markdown,
        OutputFormat::Html,
        OutputFormat::Json,
    ];

    /// The value `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Text => "text",
            OutputFormat::Markdown => "md",
            OutputFormat::Html => "html",
            OutputFormat::Json => "json",
        }
    }

    /// Other spellings `--format` accepts.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            OutputFormat::Text => &["txt"],
            OutputFormat::Markdown => &["markdown"],
            OutputFormat::Html => &["htm"],
            OutputFormat::Json => &[],
        }
    }

    /// One line for `--help`.
    pub fn help(self) -> &'static str {
        match self {
            OutputFormat::Text => "readable text",
            OutputFormat::Markdown => "Markdown, to save or print",
            OutputFormat::Html => "one web page to open in a browser or print",
            OutputFormat::Json => "JSON, for other programs",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Text => "txt",
            OutputFormat::Markdown => "md",
            OutputFormat::Html => "html",
            OutputFormat::Json => "json",
        }
    }

    /// The format a file name asks for (`.txt`, `.md`/`.markdown`, `.html`/`.htm`,
    /// `.json`, any case); `None` for any other extension or none.
    pub fn from_path(path: &Path) -> Option<OutputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(OutputFormat::Text),
            "md" | "markdown" => Some(OutputFormat::Markdown),
            "html" | "htm" => Some(OutputFormat::Html),
            "json" => Some(OutputFormat::Json),
            _ => None,
        }
    }

    /// The format for a document: `flag` (from `--format`) wins; else the extension of
    /// `output` (from `-o`); else `default`. `what` names the document in the error, e.g.
    /// "the report". A format the document cannot be written in is an error, whether it
    /// came from the flag or the extension.
    pub fn resolve(
        flag: Option<OutputFormat>,
        output: Option<&Path>,
        allowed: &[OutputFormat],
        default: OutputFormat,
        what: &str,
    ) -> Result<OutputFormat, FormatError> {
        if let Some(format) = flag {
            return if allowed.contains(&format) {
                Ok(format)
            } else {
                Err(FormatError::Flag {
                    format,
                    what: what.to_string(),
                    can: can_write(allowed, false),
                })
            };
        }
        let Some(path) = output else {
            return Ok(default);
        };
        let Some(ext) = path.extension() else {
            return Ok(default);
        };
        match OutputFormat::from_path(path) {
            Some(format) if allowed.contains(&format) => Ok(format),
            _ => Err(FormatError::Extension {
                file: path.display().to_string(),
                extension: ext.to_string_lossy().into_owned(),
                what: what.to_string(),
                can: can_write(allowed, true),
            }),
        }
    }
}

/// "text (.txt) or JSON (.json)".
fn can_write(allowed: &[OutputFormat], extensions: bool) -> String {
    let names: Vec<String> = allowed
        .iter()
        .map(|f| {
            let name = match f {
                OutputFormat::Text => "text",
                OutputFormat::Markdown => "Markdown",
                OutputFormat::Html => "HTML",
                OutputFormat::Json => "JSON",
            };
            if extensions {
                format!("{name} (.{})", f.extension())
            } else {
                format!("{name} (--format {})", f.name())
            }
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A format a document cannot be written in; bad input, so findable exits 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("-o {file}: {what} cannot be written as .{extension}; it can be {can}")]
    Extension {
        file: String,
        extension: String,
        what: String,
        can: String,
    },
    #[error("--format {format}: {what} can be written as {can}")]
    Flag {
        format: OutputFormat,
        what: String,
        can: String,
    },
    #[error("unknown format {0:?}: use text, md, html or json")]
    Unknown(String),
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for OutputFormat {
    type Err = FormatError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        OutputFormat::ALL
            .into_iter()
            .find(|f| f.name() == wanted || f.aliases().contains(&wanted.as_str()))
            .ok_or_else(|| FormatError::Unknown(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OutputFormat::{Html, Json, Markdown, Text};

    #[test]
    fn the_file_name_picks_the_format_in_any_case() {
        let cases = [
            ("report.txt", Some(Text)),
            ("out/report.md", Some(Markdown)),
            ("report.markdown", Some(Markdown)),
            ("report.html", Some(Html)),
            ("REPORT.HTM", Some(Html)),
            ("a.b/report.Json", Some(Json)),
            ("report", None),
            ("report.pdf", None),
            (".md", None),
            ("report.md.bak", None),
        ];
        for (path, want) in cases {
            assert_eq!(OutputFormat::from_path(Path::new(path)), want, "{path}");
        }
        for f in OutputFormat::ALL {
            assert_eq!(f.to_string().parse::<OutputFormat>(), Ok(f));
            let file = format!("x.{}", f.extension());
            assert_eq!(OutputFormat::from_path(Path::new(&file)), Some(f));
            for alias in f.aliases() {
                assert_eq!(alias.parse::<OutputFormat>(), Ok(f));
            }
        }
        assert!("pdf".parse::<OutputFormat>().is_err());
    }

    #[test]
    fn the_flag_wins_then_the_extension_then_the_default() {
        let all = &OutputFormat::ALL;
        let html = Some(Path::new("r.html"));
        let resolve = |flag, out| OutputFormat::resolve(flag, out, all, Text, "the report");
        assert_eq!(resolve(Some(Json), html), Ok(Json));
        assert_eq!(resolve(None, html), Ok(Html));
        assert_eq!(resolve(None, Some(Path::new("report"))), Ok(Text));
        assert_eq!(resolve(None, None), Ok(Text));
        let md = OutputFormat::resolve(None, None, &[Markdown, Html], Markdown, "the list");
        assert_eq!(md, Ok(Markdown));
    }

    #[test]
    fn an_extension_the_command_cannot_write_is_an_error_naming_the_flag() {
        let err = OutputFormat::resolve(
            None,
            Some(Path::new("report.docx")),
            &OutputFormat::ALL,
            Text,
            "the report",
        )
        .expect_err("docx");
        assert_eq!(
            err.to_string(),
            "-o report.docx: the report cannot be written as .docx; it can be text (.txt), \
             Markdown (.md), HTML (.html) or JSON (.json)"
        );
        let err = OutputFormat::resolve(
            None,
            Some(Path::new("notes.html")),
            &[Text, Json],
            Text,
            "the list of names",
        )
        .expect_err("no html here");
        assert_eq!(
            err.to_string(),
            "-o notes.html: the list of names cannot be written as .html; it can be text \
             (.txt) or JSON (.json)"
        );
        let err = OutputFormat::resolve(Some(Html), None, &[Text, Json], Text, "the summary")
            .expect_err("flag");
        assert_eq!(
            err.to_string(),
            "--format html: the summary can be written as text (--format text) or JSON \
             (--format json)"
        );
    }
}

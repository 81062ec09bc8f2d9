//! The one way a command hands over a document: pick its format by the one rule
//! (`--format`, else the `-o` extension, else the command's default), then print it or
//! write it to the `-o` file. Commands build documents with `findable::render`, not here.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use findable::render::OutputFormat;

/// Where a document goes, and in which format.
#[derive(Debug, Clone)]
pub struct Output {
    pub format: OutputFormat,
    pub path: Option<PathBuf>,
}

impl Output {
    /// The format from `--format` (`flag`) or `-o` (`path`) as [`OutputFormat::resolve`]
    /// decides; an extension or format the document cannot have is bad input (exit 2).
    /// `what` names the document in that error, e.g. "the report".
    pub fn resolve(
        flag: Option<OutputFormat>,
        path: Option<&Path>,
        allowed: &[OutputFormat],
        default: OutputFormat,
        what: &str,
    ) -> Result<Output> {
        let format = OutputFormat::resolve(flag, path, allowed, default, what)?;
        Ok(Output {
            format,
            path: path.map(Path::to_path_buf),
        })
    }

    /// Whether the document goes to the terminal rather than a file.
    pub fn to_terminal(&self) -> bool {
        self.path.is_none()
    }

    /// Prints `text`, or writes it to the file and says so on stderr.
    pub fn write(&self, text: &str) -> Result<()> {
        match &self.path {
            Some(path) => {
                findable::private_file::write(path, text.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                eprintln!("Written to {}", path.display());
                Ok(())
            }
            None => print(text),
        }
    }
}

/// Writes `text` to stdout; a closed pipe (`findable ... | head`) is not an error.
pub fn print(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

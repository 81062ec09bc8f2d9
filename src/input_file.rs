//! Reading a file the person named (a subject, answers or check file): only a regular
//! file, only up to a size no real one comes near, and only UTF-8 text, so a FIFO, a
//! device such as /dev/zero or a huge file is a clear error instead of a hang or a crash.

use std::io::Read;
use std::path::Path;

/// Subject, answers and check files are a few kilobytes; a megabyte is far past any real one.
pub const MAX_TEXT_FILE: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum InputFileError {
    #[error("cannot read it ({0})")]
    Io(#[from] std::io::Error),
    #[error("it is not a regular file (a folder, device or pipe)")]
    NotAFile,
    #[error("it is larger than {} KiB, far more than any real one", .0 / 1024)]
    TooLarge(u64),
    #[error("it is not UTF-8 text (save it as UTF-8)")]
    NotText,
}

/// The whole of `path` as text, refusing anything but a regular UTF-8 file of at most
/// `max` bytes. The size is enforced while reading, not only from the metadata.
pub fn read_text(path: &Path, max: u64) -> Result<String, InputFileError> {
    // Checked before opening: opening a FIFO for reading blocks until a writer appears.
    if !std::fs::metadata(path)?.is_file() {
        return Err(InputFileError::NotAFile);
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(InputFileError::TooLarge(max));
    }
    String::from_utf8(bytes).map_err(|_| InputFileError::NotText)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_small_regular_text_files_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ok = dir.path().join("ok.toml");
        std::fs::write(&ok, "name = \"Jane\"\n").expect("write");
        assert_eq!(read_text(&ok, 100).expect("read"), "name = \"Jane\"\n");
        assert!(matches!(
            read_text(dir.path(), 100),
            Err(InputFileError::NotAFile)
        ));
        let big = dir.path().join("big.toml");
        std::fs::write(&big, "x".repeat(101)).expect("write");
        assert!(matches!(
            read_text(&big, 100),
            Err(InputFileError::TooLarge(100))
        ));
        let latin1 = dir.path().join("latin1.toml");
        std::fs::write(&latin1, b"name = \"Zo\xeb\"").expect("write");
        assert!(matches!(
            read_text(&latin1, 100),
            Err(InputFileError::NotText)
        ));
        assert!(matches!(
            read_text(&dir.path().join("missing"), 100),
            Err(InputFileError::Io(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading_it() {
        assert!(matches!(
            read_text(Path::new("/dev/zero"), MAX_TEXT_FILE),
            Err(InputFileError::NotAFile)
        ));
    }
}

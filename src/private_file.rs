//! Writing the user's personal data (answers, reports, evidence logs): atomically, so a
//! crash or Ctrl-C never leaves half a file, readable by the owner only, never destroying a
//! device or pipe named as the output, and with a lock so two runs cannot overwrite each
//! other's answers.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Temporary files are named `.NAME.XXXXXX.findable-tmp` beside the file they become.
const TEMP_SUFFIX: &str = ".findable-tmp";

/// A temporary older than this is left over from a run that was killed: a write takes
/// milliseconds.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Writes `contents` to `path`, replacing it, via a temporary file in the same folder and
/// a rename, owner-only (0600 on Unix); creates missing parent folders (0700). A device,
/// pipe or terminal at `path` (`/dev/stdout`, a FIFO) is written into directly rather than
/// replaced; a folder is an error.
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    if let Some(mut special) = open_special(path)? {
        special.write_all(contents)?;
        return special.flush();
    }
    let temp = temp_beside(path, contents)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Like [`write`], but only if nothing is at `path` yet: two runs racing for one name
/// cannot both succeed (`AlreadyExists` for the loser).
pub fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let temp = temp_beside(path, contents)?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

fn open_special(path: &Path) -> io::Result<Option<File>> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder: give a file name",
        )),
        Ok(meta) if !meta.is_file() => OpenOptions::new().write(true).open(path).map(Some),
        _ => Ok(None),
    }
}

/// `contents` written and synced to a new owner-only temporary file beside `path`, after
/// clearing temporaries that killed runs left there.
fn temp_beside(path: &Path, contents: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.exists() {
        create_private_dir(dir)?;
    }
    let prefix = format!(".{}.", file_name(path));
    remove_stale(dir, &prefix);
    // tempfile creates the file with mode 0600 on Unix.
    let mut file = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    file.write_all(contents)?;
    file.as_file().sync_all()?;
    Ok(file)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned())
}

/// Removes our own temporaries for this file that a killed run left behind; they hold
/// personal data. Best effort: a folder we cannot list simply keeps them.
fn remove_stale(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(prefix) && name.ends_with(TEMP_SUFFIX);
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if ours && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Makes `dir` and any missing parents, each readable by the owner only (0700 on Unix); a
/// folder already there is left as it is.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    create_private_dir(dir)
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

/// Holds `PATH.lock` for as long as it lives, so a second run on the same saved answers is
/// told rather than silently overwriting them. The lock goes when the process does, even
/// if it is killed.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "another findable is using {}: finish or close it first (your answers are safe)",
        .0.display()
    )]
    Busy(PathBuf),
    #[error("cannot use {} (your saved answers go beside it)", path.display())]
    Io { path: PathBuf, source: io::Error },
}

impl Lock {
    /// Takes the lock for `path`, or says another run holds it.
    pub fn acquire(path: &Path) -> Result<Self, LockError> {
        let lock_path = path.with_file_name(format!("{}.lock", file_name(path)));
        let io = |source| LockError::Io {
            path: lock_path.clone(),
            source,
        };
        if let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            create_private_dir(dir).map_err(io)?;
        }
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&lock_path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(LockError::Busy(path.to_path_buf())),
            Err(std::fs::TryLockError::Error(e)) => Err(io(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_readable_by_the_owner_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nested/answers.toml");
        write(&path, b"first").expect("write");
        write(&path, b"second").expect("overwrite");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            let dir_mode = std::fs::metadata(path.parent().expect("parent"))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(dir_mode & 0o777, 0o700);
        }
        let leftovers = std::fs::read_dir(path.parent().expect("parent"))
            .expect("list")
            .count();
        assert_eq!(leftovers, 1, "no temporary files left behind");
    }

    #[test]
    fn stale_temporaries_from_a_killed_run_are_cleared() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("report.html");
        let stale = dir.path().join(".report.html.abc123.findable-tmp");
        let fresh = dir.path().join(".report.html.def456.findable-tmp");
        let other = dir.path().join(".notes.txt.abc123.findable-tmp");
        for p in [&stale, &fresh, &other] {
            std::fs::write(p, "personal data").expect("write");
        }
        let old = std::time::SystemTime::now() - Duration::from_secs(3600);
        for p in [&stale, &other] {
            File::options()
                .write(true)
                .open(p)
                .and_then(|f| f.set_modified(old))
                .expect("age it");
        }
        write(&path, b"report").expect("write");
        assert!(!stale.exists(), "an old temporary of this file goes");
        assert!(fresh.exists(), "one another run may be writing stays");
        assert!(other.exists(), "another file's temporaries are not touched");
    }

    #[test]
    fn create_new_never_replaces() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("evidence-log.csv");
        create_new(&path, b"first").expect("create");
        let again = create_new(&path, b"second").expect_err("exists");
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).expect("read"), b"first");
        let left = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(left, 1, "the loser's temporary is gone");
    }

    #[test]
    fn a_folder_is_refused_and_a_device_is_written_into() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = write(dir.path(), b"x").expect_err("folder");
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
        #[cfg(unix)]
        {
            write(Path::new("/dev/null"), b"report").expect("written into /dev/null");
            assert!(
                !std::fs::metadata("/dev/null").expect("meta").is_file(),
                "still a device"
            );
        }
    }

    #[test]
    fn a_second_lock_is_refused_until_the_first_goes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("answers.toml");
        let first = Lock::acquire(&path).expect("first");
        assert!(matches!(Lock::acquire(&path), Err(LockError::Busy(_))));
        drop(first);
        Lock::acquire(&path).expect("free again");
    }
}

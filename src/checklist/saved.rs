//! Where a person's checklist answers live between runs: one file of their own in the user
//! data folder, locked while a run uses it. Every front end (terminal or page) opens it
//! here, so a teacher can start in one and carry on in the other.

use std::path::{Path, PathBuf};

use super::{Answers, AnswersError, Person};
use crate::catalog::Catalog;
use crate::private_file::{Lock, LockError};

/// A person's saved answers, locked for as long as this lives.
#[derive(Debug)]
pub struct Saved {
    pub path: PathBuf,
    pub answers: Answers,
    _lock: Lock,
}

#[derive(Debug, thiserror::Error)]
pub enum SavedError {
    /// Another run holds the file, or its folder cannot be used.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The file is there but cannot be read as answers.
    #[error(transparent)]
    Load(AnswersError),
    /// The file belongs to someone else: never applied to `person`.
    #[error("{} holds the answers of {owner}, not {person}", path.display())]
    SomeoneElse {
        path: PathBuf,
        owner: Person,
        person: Person,
    },
}

/// The user data folder findable keeps answers in (`~/.local/share/findable` on Linux,
/// honouring `XDG_DATA_HOME`); `None` when the system has no home folder.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "findable").map(|d| d.data_dir().to_path_buf())
}

/// The answers file of `person` in `data_dir`: `answers/jane-smith@oakwood-academy.toml`,
/// so two people on one login never share answers and `findable forget` can find them.
pub fn path_for(data_dir: &Path, person: &Person) -> PathBuf {
    data_dir
        .join("answers")
        .join(format!("{}.toml", person.key()))
}

/// Locks `path`, then loads the answers in it (or starts afresh, with `restart` or when
/// there is no file yet). The lock comes first, which also proves the folder can be
/// written before anyone is asked a question. Answers saved for someone other than
/// `person` are an error, never applied; without a person the file is used as it is.
pub fn open(
    path: &Path,
    person: Option<&Person>,
    catalog: &Catalog,
    restart: bool,
) -> Result<Saved, SavedError> {
    let lock = Lock::acquire(path)?;
    let mut answers = if path.exists() && !restart {
        Answers::load(path, catalog).map_err(SavedError::Load)?
    } else {
        Answers::default()
    };
    match (&answers.person, person) {
        (Some(owner), Some(person)) if !owner.is(person) => {
            return Err(SavedError::SomeoneElse {
                path: path.to_path_buf(),
                owner: owner.clone(),
                person: person.clone(),
            });
        }
        (_, Some(person)) => answers.person = Some(person.clone()),
        (_, None) => {}
    }
    Ok(Saved {
        path: path.to_path_buf(),
        answers,
        _lock: lock,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, school: Option<&str>) -> Person {
        Person {
            name: name.into(),
            school: school.map(Into::into),
        }
    }

    #[test]
    fn each_person_has_a_file_of_their_own() {
        let dir = Path::new("/data");
        assert_eq!(
            path_for(dir, &person("Siobhán Ní Bhriain", Some("St Mary's"))),
            Path::new("/data/answers/siobhan-ni-bhriain@st-mary-s.toml")
        );
        assert_eq!(
            path_for(dir, &person("Jane Smith", None)),
            Path::new("/data/answers/jane-smith.toml")
        );
        assert_eq!(
            path_for(dir, &person("!!", Some(""))),
            Path::new("/data/answers/person.toml")
        );
    }

    #[test]
    fn someone_elses_answers_are_refused_and_a_second_open_is_busy() {
        let catalog = Catalog::builtin().expect("built-in checks");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("answers.toml");
        let jane = person("Jane Smith", Some("Oakwood"));
        let saved = open(&path, Some(&jane), &catalog, false).expect("first");
        assert_eq!(saved.answers.person.as_ref(), Some(&jane));
        saved.answers.save(&path).expect("save");
        assert!(matches!(
            open(&path, Some(&jane), &catalog, false),
            Err(SavedError::Lock(LockError::Busy(_)))
        ));
        drop(saved);
        let other = person("John Smith", Some("Oakwood"));
        assert!(matches!(
            open(&path, Some(&other), &catalog, false),
            Err(SavedError::SomeoneElse { .. })
        ));
        let again = open(
            &path,
            Some(&person("jane  SMITH", Some("oakwood"))),
            &catalog,
            false,
        );
        assert!(again.is_ok(), "the same person, typed differently");
    }
}

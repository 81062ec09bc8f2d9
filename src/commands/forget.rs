//! `findable forget NAME` (or `--all`): erases a person's saved audits and answers from
//! this computer, after saying what will go and asking (`--yes` in scripts). The history
//! file is rebuilt afterwards, so nothing of them is left in it.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::{Exit, InputError, setup};
use crate::cli::ForgetArgs;
use findable::checklist::Person;
use findable::private_file::Lock;
use findable::render::plural;

pub fn run(args: &ForgetArgs) -> Result<Exit> {
    let wanted = args.name.as_ref().map(|name| Person {
        name: name.clone(),
        school: args.school.clone(),
    });
    let matches = |key: &str| match &wanted {
        None => true,
        Some(p) if p.school.is_some() => key == p.key(),
        Some(p) => Person::key_has_name(key, &p.name),
    };
    let store_path = setup::store_path(args.db.db.as_deref())?;
    let mut store = setup::existing_store(Some(&store_path))?;
    let people = match &store {
        Some(store) => store.people()?,
        None => Vec::new(),
    };
    let people: Vec<_> = people.into_iter().filter(|p| matches(&p.key)).collect();
    let (answers_dir, legacy) = setup::answers_files_dir()?;
    let mut files = answer_files(&answers_dir, &matches);
    if args.all && legacy.exists() {
        files.entry("answers.toml".into()).or_default().push(legacy);
    }
    let whom = wanted
        .as_ref()
        .map_or("anyone".to_string(), Person::to_string);
    if people.is_empty() && files.is_empty() {
        eprintln!("Nothing of {whom} is saved here: nothing to erase.");
        return Ok(Exit::Success);
    }

    eprintln!("This erases, for good:");
    for p in &people {
        eprintln!(
            "  {}: {} in {}",
            p.person(),
            plural(p.audits, "saved audit"),
            store_path.display()
        );
    }
    for (key, paths) in &files {
        let file = paths.iter().find(|p| !is_side_file(p)).unwrap_or(&paths[0]);
        eprintln!("  saved answers ({key}): {}", file.display());
    }
    if !args.yes && !confirm()? {
        eprintln!("Nothing was erased.");
        return Ok(Exit::Success);
    }

    // Held while erasing: an audit of the same person running now is told, not undercut.
    let mut locks = Vec::new();
    for paths in files.values() {
        if let Some(main) = paths.iter().find(|p| !is_side_file(p)) {
            locks.push(Lock::acquire(main)?);
        }
    }
    let keys: Vec<String> = people.iter().map(|p| p.key.clone()).collect();
    let gone = match store.as_mut() {
        Some(store) if !keys.is_empty() => store.forget(&keys)?,
        _ => Default::default(),
    };
    let mut removed = 0;
    for path in files.values().flatten().filter(|p| !is_lock(p)) {
        std::fs::remove_file(path)
            .or_else(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Ok(()),
                _ => Err(e),
            })
            .with_context(|| format!("cannot remove {}", path.display()))?;
        removed += 1;
    }
    drop(locks);
    // The locks, whether they were there before or were just taken: their names say whose.
    for paths in files.values() {
        for main in paths.iter().filter(|p| !is_side_file(p)) {
            let mut lock = main.as_os_str().to_owned();
            lock.push(".lock");
            let _ = std::fs::remove_file(PathBuf::from(lock));
        }
        for lock in paths.iter().filter(|p| is_lock(p)) {
            let _ = std::fs::remove_file(lock);
        }
    }
    eprintln!(
        "Erased {} of {} and {}.",
        plural(gone.audits, "saved audit"),
        plural_people(gone.people),
        plural(removed, "answers file")
    );
    Ok(Exit::Success)
}

fn plural_people(n: usize) -> String {
    findable::render::plural_forms(n, "person", "people")
}

/// Asks in a terminal; elsewhere `--yes` is needed, since nothing can be undone.
fn confirm() -> Result<bool> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(InputError(
            "forget erases for good, so it asks first: run it in a terminal, or add --yes".into(),
        )
        .into());
    }
    dialoguer::Confirm::new()
        .with_prompt("Erase all of this?")
        .default(false)
        .interact()
        .context("the question stopped")
}

/// Each person's answers file in `dir`, with its lock and any temporary a killed run left
/// beside it, by key, for the keys `matches` chooses.
fn answer_files(dir: &Path, matches: &dyn Fn(&str) -> bool) -> BTreeMap<String, Vec<PathBuf>> {
    let mut out: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // "KEY.toml", "KEY.toml.lock" or ".KEY.toml.XXXXXX.findable-tmp".
        let Some((key, _)) = name.trim_start_matches('.').split_once(".toml") else {
            continue;
        };
        if matches(key) {
            out.entry(key.to_string()).or_default().push(entry.path());
        }
    }
    out
}

fn is_lock(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "lock")
}

fn is_side_file(path: &Path) -> bool {
    is_lock(path)
        || path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

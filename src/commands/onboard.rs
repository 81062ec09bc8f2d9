//! `findable onboard`: one private folder per new starter (pack and check-up calendar), and
//! the school's cheat sheet, parent letter and DSL index. Nothing goes online unless
//! `--scan`, and then only for starters whose consent is yes, one after another.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context, Result};

use super::session::{self, Progress};
use super::{Exit, InputError, setup};
use crate::cli::OnboardArgs;
use findable::Catalog;
use findable::audit::{Audit, AuditRequest, Stopper};
use findable::checklist::is_general;
use findable::onboard::{self as lib, FolderNames, Index, IndexEntry, Pack, Roster, Scan, Written};
use findable::private_file;
use findable::render::{self, OutputFormat, onboard as docs};
use findable::school::School;

pub fn run(args: &OnboardArgs) -> Result<Exit> {
    let school = School::from_file(&args.school_file)?;
    school.require_dsl(&args.school_file.display().to_string())?;
    let roster = Roster::from_file(&args.roster, &school, setup::this_year())?;
    let catalog = setup::catalog(args.sources.checks.as_deref())?;
    let platforms = platforms(args, &catalog)?;
    // Everything the scan needs is checked before anything is written.
    let scan = match args.scan {
        true => Some(ScanSetup::new(args)?),
        false => None,
    };
    prepare(&args.out)?;
    if !roster.ignored_columns.is_empty() {
        eprintln!(
            "note: not used: the column{} {}",
            if roster.ignored_columns.len() == 1 {
                ""
            } else {
                "s"
            },
            roster.ignored_columns.join(", ")
        );
    }
    let today = jiff::Zoned::now().date();
    let mut folders = FolderNames::reserving(lib::RESERVED_FOLDERS.iter().copied());
    let mut packs: Vec<(Pack, Written)> = Vec::with_capacity(roster.starters.len());
    for starter in &roster.starters {
        let folder = folders.unique(&starter.subject.name);
        let mut pack = Pack::build(starter, folder, &platforms, &catalog);
        pack.scan = match (starter.consent, args.scan) {
            (false, _) => Scan::NoConsent,
            (true, true) => Scan::NotReached,
            (true, false) => Scan::NotAsked,
        };
        let written = match args.out.join(&pack.folder).exists() && !args.force {
            true => Written::Kept,
            false => Written::New,
        };
        packs.push((pack, written));
    }
    let new: Vec<&Pack> = packs
        .iter()
        .filter(|(_, written)| *written == Written::New)
        .map(|(pack, _)| pack)
        .collect();
    write_packs(&args.out, &new, &school, &catalog, today, args.force)?;
    let mut stopped = false;
    if let Some(scan) = &scan {
        stopped = scan.run(args, &mut packs, &roster.starters, &school, &catalog, today)?;
    }
    let kept_docs = write_school_docs(&args.out, &school, &catalog, today, args.force)?;
    let index = Index {
        school: school.name.clone(),
        made: today,
        people: packs
            .iter()
            .map(|(pack, written)| IndexEntry::new(pack, *written))
            .collect(),
        skipped: roster.skipped.clone(),
        scanned: args.scan,
    };
    write(
        &args.out.join(lib::INDEX_HTML),
        &docs::index_html(&index),
        true,
    )?;
    write(
        &args.out.join(lib::INDEX_MARKDOWN),
        &docs::index_markdown(&index),
        true,
    )?;
    summary(args, &index, &kept_docs);
    Ok(if stopped {
        Exit::Interrupted
    } else if roster.skipped.is_empty() {
        Exit::Success
    } else {
        Exit::PartlyDone
    })
}

/// The platforms every pack covers: `--platforms` (check ids), or the common ones.
fn platforms(args: &OnboardArgs, catalog: &Catalog) -> Result<Vec<String>> {
    let Some(wanted) = &args.sources.platforms else {
        return Ok(lib::COMMON_PLATFORMS
            .iter()
            .map(|s| (*s).to_string())
            .collect());
    };
    // With a site list, --platforms names its sites for the scan; the packs take the ones
    // findable has checks for.
    if args.sources.sites.is_none() {
        for id in wanted {
            if catalog.get(id).is_none_or(is_general) {
                return Err(InputError(format!(
                    "--platforms: no platform called {id:?}; `findable checks list` shows them"
                ))
                .into());
            }
        }
    }
    Ok(wanted.clone())
}

/// The output folder, made owner-only when missing; a file there is an error.
fn prepare(out: &Path) -> Result<()> {
    if out.exists() && !out.is_dir() {
        return Err(InputError(format!(
            "--out {}: that is a file, not a folder: give a folder for the packs",
            out.display()
        ))
        .into());
    }
    private_file::create_dir(out).with_context(|| format!("cannot make {}", out.display()))
}

/// Writes `text` to `path` owner-only; without `replace`, only if nothing is there yet.
fn write(path: &Path, text: &str, replace: bool) -> Result<()> {
    let written = if replace {
        private_file::write(path, text.as_bytes())
    } else {
        private_file::create_new(path, text.as_bytes())
    };
    written.with_context(|| format!("cannot write {}", path.display()))
}

/// Files written at once: each is synced to disk before it is renamed into place, so
/// waiting on the disk, not the work, sets the pace, and several in flight hide the wait.
const WRITERS: usize = 8;

/// Every pack in `packs`, each in its folder under `out`, by [`WRITERS`] threads; the
/// first error stops the rest.
fn write_packs(
    out: &Path,
    packs: &[&Pack],
    school: &School,
    catalog: &Catalog,
    today: jiff::civil::Date,
    replace: bool,
) -> Result<()> {
    let next = AtomicUsize::new(0);
    let failed: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..WRITERS.min(packs.len()) {
            scope.spawn(|| {
                while let Some(pack) = packs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let dir = out.join(&pack.folder);
                    if let Err(e) = write_pack(&dir, pack, school, catalog, today, replace) {
                        failed
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .get_or_insert(e);
                        next.store(packs.len(), Ordering::Relaxed);
                    }
                }
            });
        }
    });
    match failed.into_inner().unwrap_or_else(PoisonError::into_inner) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// One starter's folder: the pack as a page and as Markdown, and the check-up calendar.
fn write_pack(
    dir: &Path,
    pack: &Pack,
    school: &School,
    catalog: &Catalog,
    today: jiff::civil::Date,
    replace: bool,
) -> Result<()> {
    private_file::create_dir(dir).with_context(|| format!("cannot make {}", dir.display()))?;
    write(
        &dir.join(lib::PACK_HTML),
        &docs::pack_html(pack, school, catalog, today),
        replace,
    )?;
    write(
        &dir.join(lib::PACK_MARKDOWN),
        &docs::pack_markdown(pack, school, catalog, today),
        replace,
    )?;
    write(
        &dir.join(lib::PACK_CALENDAR),
        &docs::check_up_ics(pack, school, jiff::Timestamp::now()),
        replace,
    )
}

/// The cheat sheet and the letter, unless they are there already (a school may have
/// edited its letter); returns the files kept.
fn write_school_docs(
    out: &Path,
    school: &School,
    catalog: &Catalog,
    today: jiff::civil::Date,
    force: bool,
) -> Result<Vec<&'static str>> {
    let what_to_do = lib::WhatToDo::new(catalog);
    let mut kept = Vec::new();
    for (name, text) in [
        (
            lib::CHEAT_SHEET_HTML,
            docs::cheat_sheet_html(school, catalog, &what_to_do),
        ),
        (
            lib::CHEAT_SHEET_MARKDOWN,
            docs::cheat_sheet_markdown(school, catalog, &what_to_do),
        ),
        (lib::LETTER_HTML, docs::letter_html(school, catalog, today)),
        (
            lib::LETTER_MARKDOWN,
            docs::letter_markdown(school, catalog, today),
        ),
    ] {
        let path = out.join(name);
        if path.exists() && !force {
            kept.push(name);
        } else {
            write(&path, &text, force)?;
        }
    }
    Ok(kept)
}

/// What the online checks need, set up once from the flags.
struct ScanSetup {
    sites: Option<findable::catalog::import::Imported>,
    backend: Option<findable::engine::search::Backend>,
    engine: findable::engine::EngineConfig,
    plan: findable::plan::PlanOptions,
}

impl ScanSetup {
    fn new(args: &OnboardArgs) -> Result<Self> {
        Ok(Self {
            sites: setup::imported_sites(&args.sources)?,
            backend: setup::backend(&args.search)?,
            engine: setup::engine(&args.network)?,
            plan: setup::plan_options(&args.sources, args.search.max_queries),
        })
    }

    /// Checks each consenting starter whose pack was written now, one after another, and
    /// puts their report beside their pack. Returns whether Ctrl-C stopped it.
    fn run(
        &self,
        args: &OnboardArgs,
        packs: &mut [(Pack, Written)],
        starters: &[lib::Starter],
        school: &School,
        catalog: &Catalog,
        today: jiff::civil::Date,
    ) -> Result<bool> {
        let runtime = session::runtime()?;
        let stopped = Arc::new(AtomicBool::new(false));
        let current: Arc<Mutex<Option<Stopper>>> = Arc::default();
        {
            let (stopped, current) = (stopped.clone(), current.clone());
            session::on_stop_signal(&runtime, move || {
                stopped.store(true, Ordering::SeqCst);
                if let Some(stopper) = current
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .as_ref()
                {
                    stopper.stop();
                }
            });
        }
        let due: Vec<usize> = (0..packs.len())
            .filter(|&i| packs[i].0.consent && packs[i].1 == Written::New)
            .collect();
        for (n, &i) in due.iter().enumerate() {
            if stopped.load(Ordering::SeqCst) {
                break;
            }
            let (pack, _) = &mut packs[i];
            if !args.quiet {
                eprintln!(
                    "Checking online ({} of {}): {}",
                    n + 1,
                    due.len(),
                    pack.name
                );
            }
            let audit = Audit::prepare(AuditRequest {
                subject: starters[i].subject.clone(),
                catalog: catalog.clone(),
                sites: self.sites.clone(),
                plan: self.plan.clone(),
                backend: self.backend.clone(),
                engine: self.engine.clone(),
                answers: None,
                date: today.to_string(),
            })?;
            let progress = Progress::new(args.quiet);
            let running = audit.start(runtime.handle(), progress.sink());
            *current.lock().unwrap_or_else(PoisonError::into_inner) = Some(running.stopper());
            let report = running.finish();
            progress.finish();
            let dir = args.out.join(&pack.folder);
            for (name, format) in [
                (lib::REPORT_HTML, OutputFormat::Html),
                (lib::REPORT_MARKDOWN, OutputFormat::Markdown),
            ] {
                write(
                    &dir.join(name),
                    &render::report::render(&report, format, false),
                    true,
                )?;
            }
            pack.scan = Scan::Done {
                date: today.to_string(),
                report: lib::REPORT_HTML.to_string(),
                partial: report.partial,
            };
            write_pack(&dir, pack, school, catalog, today, true)?;
        }
        Ok(stopped.load(Ordering::SeqCst))
    }
}

/// What was done, on stderr: packs written and kept, rows skipped, the school's files,
/// and whether anything went online. Paths and names go on lines of their own, never
/// wrapped, so they can be copied.
fn summary(args: &OnboardArgs, index: &Index, kept_docs: &[&str]) {
    let clean = |s: &str| render::escape::text(s).into_owned();
    let new = index
        .people
        .iter()
        .filter(|e| e.written == Written::New)
        .count();
    let kept: Vec<&str> = index
        .people
        .iter()
        .filter(|e| e.written == Written::Kept)
        .map(|e| e.folder.as_str())
        .collect();
    eprintln!(
        "Wrote {} in {}, one folder each, readable by you only.",
        render::plural(new, "pack"),
        clean(&args.out.display().to_string())
    );
    if !kept.is_empty() {
        eprintln!(
            "Kept {} already there (--force writes them again):",
            render::plural(kept.len(), "pack")
        );
        for line in textwrap::wrap(&kept.join(", "), 76) {
            eprintln!("  {line}");
        }
    }
    if !index.skipped.is_empty() {
        eprintln!(
            "{} skipped: fix {} in the roster and run again (the packs made are kept):",
            render::plural_forms(index.skipped.len(), "row", "rows"),
            if index.skipped.len() == 1 {
                "it"
            } else {
                "them"
            }
        );
        let options = textwrap::Options::new(80)
            .initial_indent("  ")
            .subsequent_indent("    ")
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for row in &index.skipped {
            for line in textwrap::wrap(&clean(&row.to_string()), &options) {
                eprintln!("{line}");
            }
        }
    }
    eprintln!("For the school, in the same folder:");
    for (name, what) in [
        (
            lib::INDEX_HTML,
            "who has a pack, and when each check-up is due",
        ),
        (lib::CHEAT_SHEET_HTML, "one page for every member of staff"),
        (lib::LETTER_HTML, "to send to parents"),
    ] {
        let note = if kept_docs.contains(&name) {
            " (kept)"
        } else {
            ""
        };
        eprintln!("  {name}: {what}{note}");
    }
    let checked = index
        .people
        .iter()
        .filter(|e| e.checked_online.is_some())
        .count();
    if args.scan {
        eprintln!(
            "Checked online: {} who agreed to it; nobody else was looked up.",
            render::plural_forms(checked, "starter", "starters")
        );
    } else {
        eprintln!("Nothing went online: add --scan to check those whose consent is yes.");
    }
}

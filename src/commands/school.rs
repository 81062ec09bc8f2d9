//! `findable school`: the school's website read for staff names and photos, and accounts
//! that may be pretending to be the school or its staff, as one report. Ctrl-C keeps what
//! finished.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tokio_util::sync::CancellationToken;

use super::output::Output;
use super::{Exit, InputError, session, setup};
use crate::cli::{REPORT_FORMATS, SchoolArgs};
use findable::audit::school::{SchoolEvent, SchoolRequest, scan};
use findable::engine::crawl::CrawlOptions;
use findable::onboard::Roster;
use findable::render::{self, OutputFormat};
use findable::school::School;
use findable::school_scan::Staff;
use findable::subject::{Handle, SubjectInput};

/// More pages than any school website needs read to find its staff pages.
const MAX_PAGES: usize = 1000;
const MAX_DEPTH: usize = 10;

pub fn run(args: &SchoolArgs) -> Result<Exit> {
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        REPORT_FORMATS,
        OutputFormat::Text,
        "the school report",
    )?;
    let mut school = match &args.school_file {
        Some(path) => School::from_file(path)?,
        None => School::default(),
    };
    if let Some(name) = &args.school {
        // Checked as a school file's name is, so a flag cannot carry what a file cannot.
        let line = format!("name = {}", serde_json::to_string(name)?);
        school.name = School::from_toml("--school", &line)?.name;
    }
    if school.name.is_empty() {
        return Err(InputError(
            "which school? give --school-file school.toml (or --school \"Oakwood Academy\")".into(),
        )
        .into());
    }
    let website = match args.website.as_deref().or(school.website.as_deref()) {
        Some(raw) => Some(website(raw)?),
        None => None,
    };
    if !(1..=MAX_PAGES).contains(&args.max_pages) || args.max_depth > MAX_DEPTH {
        return Err(InputError(format!(
            "--max-pages must be 1 to {MAX_PAGES} and --max-depth at most {MAX_DEPTH}"
        ))
        .into());
    }
    let (staff, without_consent) = staff(args, &school)?;
    let mut official = school.official_accounts.clone();
    for raw in &args.official {
        let handle = Handle::parse(raw)?;
        if !official.contains(&handle) {
            official.push(handle);
        }
    }
    let catalog = setup::catalog(args.checks.as_deref())?;
    let request = SchoolRequest {
        school: school.name.clone(),
        website,
        staff,
        without_consent,
        official,
        catalog,
        crawl: CrawlOptions {
            max_pages: args.max_pages,
            max_depth: args.max_depth,
            ..CrawlOptions::default()
        },
        max_handles: args.max_handles,
        engine: setup::engine(&args.network)?,
        offline: args.offline,
        date: setup::today(),
        seed: None,
    };
    let runtime = session::runtime()?;
    let stop = CancellationToken::new();
    let signalled = stop.clone();
    session::on_stop_signal(&runtime, move || signalled.cancel());
    let bar = progress(args.quiet);
    let shown = bar.clone();
    let counts = Arc::new(Mutex::new(((0, 0), (0, 0))));
    let events = Arc::new(move |event: &SchoolEvent| {
        let mut c = counts.lock().unwrap_or_else(PoisonError::into_inner);
        match *event {
            SchoolEvent::Page { done, limit } => c.0 = (done, limit),
            SchoolEvent::Account { done, total } => c.1 = (done, total),
        }
        shown.set_message(format!(
            "website: {} of at most {} pages read; accounts: {} of {} handles checked",
            c.0.0, c.0.1, c.1.0, c.1.1
        ));
    });
    let report = runtime.block_on(scan(request, events, stop.clone()))?;
    bar.finish_and_clear();
    let color = out.to_terminal() && console::colors_enabled();
    out.write(&render::school::render(&report, out.format, color))?;
    if stop.is_cancelled() {
        eprintln!("Stopped early: the report covers what finished.");
        return Ok(Exit::Interrupted);
    }
    Ok(Exit::Success)
}

/// The website as a web address: `oakwood.sch.uk` means https; anything but http(s) is
/// refused, since findable only reads web pages.
fn website(raw: &str) -> Result<url::Url> {
    let raw = raw.trim();
    let with_scheme = if raw.contains("://") {
        raw.to_string()
    } else {
        format!("https://{raw}")
    };
    match url::Url::parse(&with_scheme) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => {
            Ok(url)
        }
        _ => Err(InputError(format!(
            "website {:?} is not a web address findable can read: give it like https://www.oakwood.sch.uk",
            raw.chars().take(80).collect::<String>()
        ))
        .into()),
    }
}

/// Who to look for: the one person named, or everyone on the roster who agreed.
fn staff(args: &SchoolArgs, school: &School) -> Result<(Vec<Staff>, usize)> {
    if let Some(name) = &args.name {
        let subject = SubjectInput {
            name: Some(name.clone()),
            title: args.title.clone(),
            school: Some(school.name.clone()),
            ..SubjectInput::default()
        }
        .validate(setup::this_year())?;
        return Ok((vec![Staff::new(subject)], 0));
    }
    let Some(path) = &args.roster else {
        return Ok((Vec::new(), 0));
    };
    let roster = Roster::from_file(path, school, setup::this_year())?;
    for row in &roster.skipped {
        eprintln!("{}: skipped {row}", path.display());
    }
    let (agreed, not): (Vec<_>, Vec<_>) = roster.starters.into_iter().partition(|s| s.consent);
    Ok((
        agreed.into_iter().map(|s| Staff::new(s.subject)).collect(),
        not.len(),
    ))
}

fn progress(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

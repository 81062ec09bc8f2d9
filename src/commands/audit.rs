//! `findable audit`: the whole job. Probe the profiles, run the searches, go through the
//! settings (or read answers from a file), then write one report: what a pupil could find,
//! what to tighten first, and what could not be checked.

use std::io::IsTerminal;

use anyhow::{Context, Result};

use super::output::Output;
use super::{
    Exit, InputError, backend, build_plan, engine_config, load_catalog, load_subject, run_probes,
    run_searches, runtime, state_path,
};
use crate::cli::{AuditArgs, REPORT_FORMATS};
use findable::assess::{self, Input};
use findable::checklist::{self, Answers, Outcome, ReviewItem, prompt::TerminalPrompter};
use findable::engine::Engine;
use findable::evidence::ProbeStatus;
use findable::plan::links::SearchLinks;
use findable::plan::queries;
use findable::relevance::{JudgedSearches, MatchClass, Matcher};
use findable::render::{self, OutputFormat};
use findable::{Catalog, Variants};

pub fn run(args: &AuditArgs) -> Result<Exit> {
    let what = if args.offline {
        "the list to check by hand (--offline)"
    } else {
        "the report"
    };
    let out = Output::resolve(
        args.format,
        args.output.as_deref(),
        REPORT_FORMATS,
        OutputFormat::Text,
        what,
    )?;
    let subject = load_subject(&args.subject)?;
    let variants = Variants::generate(&subject);
    let catalog = load_catalog(args.sources.checks.as_deref())?;
    let mut plan = build_plan(&args.subject, &args.sources)?;
    plan.queries = queries::build(
        &subject,
        &variants,
        &catalog.checks,
        args.search.max_queries,
    );
    let backend = backend(&args.search)?;

    if args.offline {
        return offline(&out, &plan, &variants, &catalog);
    }
    // Decide how the checklist will run before any network work, so a missing terminal
    // is reported at once rather than after minutes of probing.
    let interactive = args.answers.is_none() && !args.no_checklist;
    if interactive && !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(InputError(
            "the audit asks about your settings, so it needs a terminal: run it in one, or give --answers FILE or --no-checklist".into(),
        )
        .into());
    }
    let mut answers = match &args.answers {
        Some(path) => Some(Answers::load(path, &catalog)?),
        None => None,
    };

    let config = engine_config(&args.network)?;
    let engine = Engine::new(config)?;
    let runtime = runtime()?;
    let (mut evidence, mut interrupted) = run_probes(&engine, &runtime, &plan, args.quiet);
    if let (Some(backend), false) = (&backend, interrupted) {
        let (searches, stopped) =
            run_searches(&engine, &runtime, &plan.queries, backend, args.quiet);
        evidence.searches = searches;
        interrupted |= stopped;
        evidence.partial |= stopped;
    }

    if interactive && !interrupted {
        answers = Some(ask(args, &catalog, &subject, &variants, &evidence)?);
    }
    let date = jiff::Zoned::now().date().to_string();
    let report = assess::assess(&Input {
        subject: &subject,
        variants: &variants,
        evidence: &evidence,
        answers: answers.as_ref(),
        catalog: &catalog,
        date,
    });
    let color = out.to_terminal() && console::colors_enabled();
    out.write(&render::report::render(&report, out.format, color))?;
    if interrupted {
        eprintln!("stopped early: the report covers what was checked before you pressed Ctrl-C");
    }
    Ok(if interrupted {
        Exit::Interrupted
    } else {
        Exit::Success
    })
}

/// The walkthrough, then "Is this you?" for each profile or page that may be yours.
fn ask(
    args: &AuditArgs,
    catalog: &Catalog,
    subject: &findable::Subject,
    variants: &Variants,
    evidence: &findable::Evidence,
) -> Result<Answers> {
    let state = state_path(args.state.as_deref())?;
    let mut answers = if state.exists() {
        Answers::load(&state, catalog).with_context(|| {
            format!(
                "your saved answers in {} (delete it to start again)",
                state.display()
            )
        })?
    } else {
        Answers::default()
    };
    let preselected: Vec<String> = subject
        .usernames
        .iter()
        .filter_map(|h| h.platform.clone())
        .collect();
    let mut prompter = TerminalPrompter::default();
    let mut save = |a: &Answers| a.save(&state).map_err(std::io::Error::other);
    let outcome = checklist::walk(
        catalog,
        &mut answers,
        &preselected,
        &mut prompter,
        &mut save,
    )
    .context("the checklist stopped")?;
    if outcome == Outcome::Finished {
        let items = review_items(catalog, subject, variants, evidence);
        if !items.is_empty() {
            eprintln!("\nNow a few results that may or may not be you.");
            checklist::review(&items, &mut answers, &mut prompter, &mut save)
                .context("the review stopped")?;
        }
    } else {
        eprintln!(
            "Checklist paused: the report uses the answers so far. Run the audit again to carry on."
        );
    }
    Ok(answers)
}

/// Found profiles under usernames the person did not give, and likely or possible pages.
fn review_items(
    catalog: &Catalog,
    subject: &findable::Subject,
    variants: &Variants,
    evidence: &findable::Evidence,
) -> Vec<ReviewItem> {
    let given: Vec<String> = subject
        .usernames
        .iter()
        .map(|h| h.handle.to_lowercase())
        .collect();
    let mut items: Vec<ReviewItem> = evidence
        .probes
        .iter()
        .filter(|p| p.status == ProbeStatus::Found && !given.contains(&p.username.to_lowercase()))
        .map(|p| {
            review_item(
                &p.url,
                &format!("A public {} account: @{}", p.platform, p.username),
                &format!("a username pupils would try ({})", p.source),
            )
        })
        .collect();
    let matcher = Matcher::for_catalog(subject, variants, catalog);
    let judged = JudgedSearches::judge(&evidence.searches, &matcher);
    for page in &judged.pages {
        if page.relevance.class < MatchClass::Confirmed && !items.iter().any(|i| i.url == page.url)
        {
            items.push(review_item(
                &page.url,
                &page.title,
                &page.relevance.reasons.join("; "),
            ));
        }
    }
    items
}

/// A question for the review, its words cleaned: titles come from search servers and the
/// prompt shows them as they are. The address stays exact: the answer is saved under it.
fn review_item(url: &str, title: &str, why: &str) -> ReviewItem {
    let clean = |s: &str| render::escape::text(s).trim().to_string();
    ReviewItem {
        url: url.to_string(),
        title: clean(title),
        why: clean(why),
    }
}

/// Everything to check by hand: profile pages, search links, and the printable checklist.
fn offline(
    out: &Output,
    plan: &findable::Plan,
    variants: &Variants,
    catalog: &Catalog,
) -> Result<Exit> {
    let searches = SearchLinks::build(&plan.queries, &variants.names);
    let checks: Vec<&findable::catalog::Check> = catalog.checks.iter().collect();
    let doc = render::offline::HandChecks {
        plan,
        searches: &searches,
        checks: &checks,
    };
    out.write(&match out.format {
        OutputFormat::Json => render::json(plan),
        OutputFormat::Text => render::offline::text(&doc),
        OutputFormat::Markdown => render::offline::markdown(&doc),
        OutputFormat::Html => render::offline::html(&doc),
    })?;
    Ok(Exit::Success)
}

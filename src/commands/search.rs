//! `findable search`: run the searches a pupil would, then sort every result into "this is
//! you", "maybe you" or someone else, saying why, and say plainly which searches were
//! blocked or failed instead of treating them as "nothing found".

use std::fmt::Write as _;

use anyhow::Result;
use serde::Serialize;

use super::checks::load_catalog;
use super::probe::engine_config;
use super::{Exit, InputError, load_subject, print};
use crate::cli::{BackendChoice, Format, SearchArgs, SearchOptions};
use findable::Variants;
use findable::engine::Engine;
use findable::engine::search::Backend;
use findable::evidence::{QueryResult, QueryStatus};
use findable::plan::queries;
use findable::relevance::{JudgedPage, JudgedSearches, MatchClass, Matcher};

#[derive(Serialize)]
struct Output<'a> {
    partial: bool,
    queries: Vec<QueryOut<'a>>,
    /// Every page that may be about the person, once each, strongest first.
    pages: &'a [JudgedPage],
    /// Distinct pages left out as being about someone else.
    pages_about_others: usize,
}

#[derive(Serialize)]
struct QueryOut<'a> {
    #[serde(flatten)]
    outcome: QueryHead<'a>,
    /// The pages this search returned that may be about the person, as judged overall.
    results: Vec<&'a JudgedPage>,
    /// Results that were about someone else.
    dropped: usize,
}

#[derive(Serialize)]
struct QueryHead<'a> {
    query: &'a str,
    backend: &'a str,
    status: QueryStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    unresponsive_engines: &'a [String],
}

pub fn run(args: &SearchArgs) -> Result<Exit> {
    let subject = load_subject(&args.subject)?;
    let variants = Variants::generate(&subject);
    let catalog = load_catalog(args.checks.as_deref())?;
    let planned = queries::build(
        &subject,
        &variants,
        &catalog.checks,
        args.search.max_queries,
    );
    let Some(backend) = backend(&args.search)? else {
        eprintln!("no backend: listing the searches instead of running them");
        let links = findable::plan::links::SearchLinks::build(&planned, &variants.names);
        print(&match args.format {
            Format::Json => findable::render::json(&links),
            Format::Text => findable::render::queries::text(&links),
        })?;
        return Ok(Exit::Success);
    };
    let config = engine_config(&args.network)?;
    let engine = Engine::new(config)?;
    let (results, interrupted) =
        run_searches(&engine, &super::runtime()?, &planned, &backend, args.quiet);
    let matcher = Matcher::for_catalog(&subject, &variants, &catalog);
    let judged = JudgedSearches::judge(&results, &matcher);
    let output = classify(&results, &judged, interrupted);
    if interrupted {
        eprintln!(
            "stopped: {} of {} searches ran; the results below are partial",
            results.len(),
            planned.len()
        );
    }
    match args.format {
        Format::Json => print(&(serde_json::to_string_pretty(&output)? + "\n"))?,
        Format::Text => print(&render_text(&output, &backend))?,
    }
    Ok(if interrupted {
        Exit::Interrupted
    } else {
        Exit::Success
    })
}

/// Runs `queries` with a progress bar; the flag says whether Ctrl-C cut them short.
pub fn run_searches(
    engine: &Engine,
    runtime: &tokio::runtime::Runtime,
    queries: &[queries::PlannedQuery],
    backend: &Backend,
    quiet: bool,
) -> (Vec<QueryResult>, bool) {
    let bar = super::progress_bar(queries.len() as u64, quiet, "searching");
    let outcome = runtime.block_on(async {
        let mut hits = 0;
        engine
            .search(
                queries,
                backend,
                None,
                |result| {
                    hits += result.results.len();
                    bar.set_message(format!("{hits} results"));
                    bar.inc(1);
                },
                super::ctrl_c(),
            )
            .await
    });
    bar.finish_and_clear();
    outcome
}

/// The backend the flags ask for; `None` for `--backend none`.
pub fn backend(options: &SearchOptions) -> Result<Option<Backend>> {
    let choice = options.backend.unwrap_or(if options.searxng.is_some() {
        BackendChoice::Searxng
    } else {
        BackendChoice::Duckduckgo
    });
    Ok(match choice {
        BackendChoice::None => None,
        BackendChoice::Searxng => {
            let base = options.searxng.clone().ok_or_else(|| {
                InputError("--backend searxng needs --searxng URL (your SearXNG instance)".into())
            })?;
            Some(Backend::SearXng { base })
        }
        BackendChoice::Duckduckgo => Some(Backend::DuckDuckGo {
            base: options.duckduckgo_url.clone(),
        }),
        BackendChoice::Brave => {
            let key = std::env::var("BRAVE_API_KEY")
                .ok()
                .filter(|k| !k.trim().is_empty())
                .ok_or_else(|| {
                    InputError("--backend brave needs your API key in the BRAVE_API_KEY environment variable".into())
                })?;
            Some(Backend::Brave {
                base: options.brave_url.clone(),
                key,
            })
        }
    })
}

fn classify<'a>(
    results: &'a [QueryResult],
    judged: &'a JudgedSearches,
    partial: bool,
) -> Output<'a> {
    let queries = results
        .iter()
        .map(|r| {
            let pages: Vec<&JudgedPage> = r
                .results
                .iter()
                .filter_map(|hit| judged.page(&hit.url))
                .collect();
            QueryOut {
                outcome: QueryHead {
                    query: &r.query,
                    backend: &r.backend,
                    status: r.status,
                    reason: r.reason.as_deref(),
                    unresponsive_engines: &r.unresponsive_engines,
                },
                dropped: r.results.len() - pages.len(),
                results: pages,
            }
        })
        .collect();
    Output {
        partial,
        queries,
        pages: &judged.pages,
        pages_about_others: judged.about_others,
    }
}

fn render_text(output: &Output, backend: &Backend) -> String {
    let mut out = String::new();
    let groups = [
        (
            MatchClass::Confirmed,
            "About you: these carry something only you have",
        ),
        (
            MatchClass::Likely,
            "Probably about you: your name with your school or town",
        ),
        (
            MatchClass::Possible,
            "Maybe about you: your name only; many people share a name, so check each",
        ),
    ];
    for (class, heading) in groups {
        let hits: Vec<&JudgedPage> = output
            .pages
            .iter()
            .filter(|p| p.relevance.class == class)
            .collect();
        if hits.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{heading} ({}):\n", hits.len());
        for page in hits {
            let title = if page.title.is_empty() {
                "(no title)"
            } else {
                &page.title
            };
            let _ = writeln!(out, "  {title}");
            let _ = writeln!(out, "  {}", page.url);
            let _ = writeln!(out, "    why: {}", page.relevance.reasons.join("; "));
            let _ = writeln!(out, "    found by: {}", page.found_by.join(" | "));
            out.push('\n');
        }
    }
    let count = |s: QueryStatus| {
        output
            .queries
            .iter()
            .filter(|q| q.outcome.status == s)
            .count()
    };
    let dropped = output.pages_about_others;
    if output.pages.is_empty() {
        out.push_str("Nothing that looks like you in the results.\n\n");
    }
    let problems: Vec<&QueryOut> = output
        .queries
        .iter()
        .filter(|q| matches!(q.outcome.status, QueryStatus::Blocked | QueryStatus::Failed))
        .collect();
    if !problems.is_empty() {
        let _ = writeln!(
            out,
            "Not searched: these did not run properly, so they tell you nothing. Run them by\nhand with `findable queries`.\n"
        );
        for q in problems {
            let status = if q.outcome.status == QueryStatus::Blocked {
                "blocked"
            } else {
                "failed"
            };
            let _ = writeln!(out, "  {} ({status})", q.outcome.query);
            for line in textwrap::wrap(q.outcome.reason.unwrap_or_default(), 74) {
                let _ = writeln!(out, "    {line}");
            }
        }
        out.push('\n');
    }
    let degraded: Vec<&String> = output
        .queries
        .iter()
        .flat_map(|q| q.outcome.unresponsive_engines)
        .collect();
    if !degraded.is_empty() {
        let mut engines: Vec<&String> = degraded.clone();
        engines.sort();
        engines.dedup();
        let list = engines
            .iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "Some {} engines did not answer: {list}\n",
            backend.label()
        );
    }
    let _ = writeln!(
        out,
        "{} {} searches on {}: {} with results, {} empty, {} blocked, {} failed; {} about other people left out.",
        if output.partial { "Partial:" } else { "Ran" },
        output.queries.len(),
        backend.label(),
        count(QueryStatus::Ok),
        count(QueryStatus::Empty),
        count(QueryStatus::Blocked),
        count(QueryStatus::Failed),
        findable::render::plural(dropped, "page")
    );
    out
}

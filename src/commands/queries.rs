//! `findable queries`: every search a pupil would run for you, as links to open by hand in
//! a private window, plus your name in each app's own search box. Nothing is sent anywhere.

use std::fmt::Write as _;

use anyhow::Result;
use serde::Serialize;

use super::checks::load_catalog;
use super::{Exit, load_subject, print};
use crate::cli::{Format, QueriesArgs};
use findable::Variants;
use findable::plan::links::{Link, in_app_links, search_links};
use findable::plan::queries::{self, PlannedQuery};

#[derive(Serialize)]
struct QueryLinks<'a> {
    query: &'a str,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    platform: Option<&'a str>,
    links: Vec<Link>,
}

#[derive(Serialize)]
struct NameLinks<'a> {
    name: &'a str,
    links: Vec<Link>,
}

#[derive(Serialize)]
struct Output<'a> {
    queries: Vec<QueryLinks<'a>>,
    in_app: Vec<NameLinks<'a>>,
}

/// Names worth typing into an app's search box.
const IN_APP_NAMES: usize = 3;

pub fn run(args: &QueriesArgs) -> Result<Exit> {
    let subject = load_subject(&args.subject)?;
    let variants = Variants::generate(&subject);
    let catalog = load_catalog(args.checks.as_deref())?;
    let planned = queries::build(&subject, &variants, &catalog.checks, args.max_queries);
    print(&render(&planned, &variants, args.format)?)?;
    Ok(Exit::Success)
}

pub fn render(planned: &[PlannedQuery], variants: &Variants, format: Format) -> Result<String> {
    let names: Vec<&str> = variants
        .names
        .iter()
        .take(IN_APP_NAMES)
        .map(|v| v.text.as_str())
        .collect();
    let output = Output {
        queries: planned
            .iter()
            .map(|q| QueryLinks {
                query: &q.text,
                source: &q.source,
                platform: q.platform.as_deref(),
                links: search_links(&q.text),
            })
            .collect(),
        in_app: names
            .iter()
            .map(|n| NameLinks {
                name: n,
                links: in_app_links(n),
            })
            .collect(),
    };
    if format == Format::Json {
        return Ok(serde_json::to_string_pretty(&output)? + "\n");
    }
    let mut out = String::from(
        "Searches a pupil might run. Open the links in a private window so you see what a\nstranger sees, not your own logged-in view.\n",
    );
    for (i, q) in output.queries.iter().enumerate() {
        let _ = writeln!(out, "\n{:>2}. {}", i + 1, q.query);
        for link in &q.links {
            let _ = writeln!(out, "    {:<10} {}", link.site, link.url);
        }
    }
    out.push_str("\nInside the apps (pupils search there too; some ask you to log in first):\n");
    for n in &output.in_app {
        let _ = writeln!(out, "\n    {}", n.name);
        for link in &n.links {
            let _ = writeln!(out, "    {:<10} {}", link.site, link.url);
        }
    }
    Ok(out)
}

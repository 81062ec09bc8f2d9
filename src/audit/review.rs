//! What to ask "Is this you?" about: public accounts under usernames the person did not
//! give, and pages that name them but carry nothing only they have; each with what the
//! page shows and why it came up, in plain words, so the answer needs no clicking.

use crate::Catalog;
use crate::checklist::ReviewItem;
use crate::evidence::{Evidence, ProbeResult, ProbeStatus};
use crate::relevance::{JudgedSearches, MatchClass};
use crate::subject::Subject;

/// Longest snippet shown: the search engine's own summary of the page.
const SNIPPET_CHARS: usize = 240;

/// Accounts found in `probes` (once the profile checks have ended, so a site that says
/// "found" to anything has already been caught) and the judged pages short of confirmed.
pub fn review_items(
    subject: &Subject,
    catalog: &Catalog,
    probes: Option<&Evidence>,
    judged: &JudgedSearches,
) -> Vec<ReviewItem> {
    let given: Vec<String> = subject
        .usernames
        .iter()
        .map(|h| h.handle.to_lowercase())
        .collect();
    let mut items: Vec<ReviewItem> = probes
        .map(|e| e.probes.as_slice())
        .unwrap_or_default()
        .iter()
        .filter(|p| p.status == ProbeStatus::Found && !given.contains(&p.username.to_lowercase()))
        .map(|p| account(p, catalog))
        .collect();
    for page in &judged.pages {
        if page.relevance.class < MatchClass::Confirmed && !items.iter().any(|i| i.url == page.url)
        {
            let mut evidence = Vec::new();
            if !page.snippet.trim().is_empty() {
                evidence.push(format!("The page says: {}", shorten(&page.snippet)));
            }
            items.push(ReviewItem {
                url: page.url.clone(),
                title: page.title.clone(),
                why: format!("it {}", page.relevance.reasons.join(", and ")),
                evidence,
            });
        }
    }
    items
}

fn account(probe: &ProbeResult, catalog: &Catalog) -> ReviewItem {
    // The platform as it writes its own name (TikTok, GitHub), not its id.
    let platform = catalog
        .get(&probe.platform)
        .map_or(probe.platform.as_str(), |c| c.name.as_str());
    let mut evidence = Vec::new();
    if let Some(page) = &probe.page {
        for (label, value) in [
            ("Name on the profile", &page.name),
            ("About", &page.bio),
            ("Location", &page.location),
        ] {
            if let Some(value) = value {
                evidence.push(format!("{label}: {value}"));
            }
        }
    }
    if evidence.is_empty() {
        evidence.push("The profile shows nothing more without opening it.".to_string());
    }
    ReviewItem {
        url: probe.url.clone(),
        title: format!("A public {platform} account: @{}", probe.username),
        why: format!(
            "pupils would try this username: it is {}",
            plain_rule(&probe.source)
        ),
        evidence,
    }
}

/// The variant rule that made a username, in words ("firstlast (Liz is short for
/// Elizabeth)" becomes "your first name and surname together (Liz is short for
/// Elizabeth)").
fn plain_rule(source: &str) -> String {
    let (rule, note) = match source.split_once(" (") {
        Some((rule, rest)) => (rule, format!(" ({rest}")),
        None => (source, String::new()),
    };
    let words = match rule.trim() {
        r if r.starts_with("title") => "your title and surname, as pupils say it",
        "teacher handle" => "your title and surname with a teaching word",
        r if r.starts_with("first") && r.contains("last") => "your first name and surname together",
        r if r.starts_with("last") => "your surname and first name together",
        r if r.starts_with('f') || r.starts_with('l') => "your initial and surname together",
        "first" => "your first name on its own",
        _ => "made from your name",
    };
    format!("{words}{note}")
}

fn shorten(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_as_words() {
        assert_eq!(
            plain_rule("firstlast (Liz is short for Elizabeth)"),
            "your first name and surname together (Liz is short for Elizabeth)"
        );
        assert_eq!(
            plain_rule("title+surname"),
            "your title and surname, as pupils say it"
        );
        assert_eq!(plain_rule("flast"), "your initial and surname together");
        assert!(!plain_rule("lastfirst").contains("last"));
    }
}

//! What to ask "Is this you?" about: public accounts under usernames the person did not
//! give, and pages that name them but carry nothing only they have.

use crate::checklist::ReviewItem;
use crate::evidence::{Evidence, ProbeStatus};
use crate::relevance::{JudgedSearches, MatchClass};
use crate::subject::Subject;

/// Accounts found in `probes` (once the profile checks have ended, so a site that says
/// "found" to anything has already been caught) and the judged pages short of confirmed.
pub fn review_items(
    subject: &Subject,
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
        .map(|p| ReviewItem {
            url: p.url.clone(),
            title: format!("A public {} account: @{}", p.platform, p.username),
            why: format!("a username pupils would try ({})", p.source),
        })
        .collect();
    for page in &judged.pages {
        if page.relevance.class < MatchClass::Confirmed && !items.iter().any(|i| i.url == page.url)
        {
            items.push(ReviewItem {
                url: page.url.clone(),
                title: page.title.clone(),
                why: page.relevance.reasons.join("; "),
            });
        }
    }
    items
}

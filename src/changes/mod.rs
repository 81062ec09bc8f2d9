//! What changed between two audits of one person: new, still open and gone, for every
//! finding, setting and unchecked place. Pure: two reports (and their answers) in, plain
//! [`Changes`] out; the store supplies the audits and `render` words the result.

mod diff;
#[cfg(test)]
mod tests;

pub use diff::{Diff, Side, diff};

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::Catalog;

use crate::checklist::{Answer, Answers, Review};
use crate::report::{
    Action, AnswerChange, AuditRef, ChangeStatus, Changes, Finding, FindingKind, ItemChange,
    ItemKind, Report, Unchecked,
};

/// What a setting's answer says when the person was not asked it (see `assess`).
const NOT_ASKED: [&str; 2] = ["not asked", "not answered yet"];

/// One audit as compared: its report, the answers it was made from, and its number in the
/// store when it has one.
#[derive(Debug, Clone, Copy)]
pub struct Snapshot<'a> {
    pub id: Option<i64>,
    pub report: &'a Report,
    pub answers: Option<&'a Answers>,
}

impl<'a> Snapshot<'a> {
    pub fn new(report: &'a Report, answers: Option<&'a Answers>) -> Self {
        Snapshot {
            id: None,
            report,
            answers,
        }
    }

    pub(crate) fn reference(&self) -> AuditRef {
        AuditRef {
            id: self.id,
            date: self.report.date.clone(),
            score: self.report.score.value,
            partial: self.report.partial,
        }
    }
}

/// Fills in `report.changes`: compared with `previous` (the person's last audit), or
/// marked as a first audit when there is none.
pub fn annotate(report: &mut Report, answers: Option<&Answers>, previous: Option<Snapshot<'_>>) {
    let changes = match previous {
        Some(previous) => compare(previous, Snapshot::new(report, answers)),
        None => Changes::default(),
    };
    report.changes = Some(changes);
}

/// `newer` compared with `older`: every item of either, with how it changed.
pub fn compare(older: Snapshot<'_>, newer: Snapshot<'_>) -> Changes {
    let old_items = items(older);
    let new_items = items(newer);
    let old_keys: HashSet<&str> = old_items.iter().map(|i| i.key.as_str()).collect();
    let new_keys: HashSet<&str> = new_items.iter().map(|i| i.key.as_str()).collect();
    let old_date = older.report.date.clone();
    let mut changes = Vec::new();
    for item in &new_items {
        let status = if old_keys.contains(item.key.as_str()) {
            ChangeStatus::StillOpen
        } else if looked_for(older, item) {
            ChangeStatus::New
        } else {
            ChangeStatus::NewlyChecked
        };
        let since = match status {
            ChangeStatus::StillOpen => first_seen(older, &item.key),
            _ => old_date.clone(),
        };
        changes.push(item.change(status, since));
    }
    let dismissed = |item: &Item| {
        item.url.as_ref().is_some_and(|url| {
            newer
                .answers
                .and_then(|a| a.reviews.get(url))
                .is_some_and(|r| *r == Review::NotMine)
        })
    };
    for item in old_items
        .iter()
        .filter(|i| !new_keys.contains(i.key.as_str()))
    {
        // Said not to be theirs this time: it was never theirs, so it did not "go".
        if dismissed(item) {
            continue;
        }
        let status = if looked_for(newer, item) {
            ChangeStatus::Gone
        } else {
            ChangeStatus::NotCheckedNow
        };
        changes.push(item.change(status, old_date.clone()));
    }
    changes.sort_by_key(|c| (status_rank(c.status), kind_rank(c.kind)));
    Changes {
        previous: Some(older.reference()),
        items: changes,
        answers: answer_changes(older, newer),
    }
}

/// New things first (what a name alert would have said), then what is still open, then
/// what could not be looked at again, then what has gone.
fn status_rank(status: ChangeStatus) -> u8 {
    match status {
        ChangeStatus::New => 0,
        ChangeStatus::NewlyChecked => 1,
        ChangeStatus::StillOpen => 2,
        ChangeStatus::NotCheckedNow => 3,
        ChangeStatus::Gone => 4,
    }
}

fn kind_rank(kind: ItemKind) -> u8 {
    match kind {
        ItemKind::Profile => 0,
        ItemKind::SearchResult => 1,
        ItemKind::Setting => 2,
        ItemKind::Unchecked => 3,
    }
}

/// The key of a finding in [`Changes`] (settings are followed by their action,
/// [`action_key`]); always some now that findings are accounts and pages only. A page of
/// the school's website is followed as a page.
pub fn finding_key(f: &Finding) -> Option<String> {
    let kind = match f.kind {
        FindingKind::Profile => "profile",
        FindingKind::SearchResult => "search-result",
        FindingKind::SchoolWebsite => "school-website",
    };
    Some(match &f.url {
        Some(url) => format!("{kind}:{}", normal_url(url)),
        None => format!(
            "{kind}:{}:{}",
            f.platform.as_deref().unwrap_or(""),
            f.title.trim()
        ),
    })
}

/// The key of a setting to tighten in [`Changes`].
pub fn action_key(a: &Action) -> String {
    format!("setting:{}/{}", a.check, a.setting)
}

/// The key of an unchecked place in [`Changes`].
pub fn unchecked_key(u: &Unchecked) -> String {
    format!("unchecked:{}:{}", u.platform.trim(), u.what.trim())
}

/// The same page however it was written: host in lower case, no fragment, no trailing
/// slash.
fn normal_url(url: &str) -> String {
    let url = url.trim();
    let mut s = match url::Url::parse(url) {
        Ok(mut parsed) => {
            parsed.set_fragment(None);
            parsed.to_string()
        }
        Err(_) => url.to_string(),
    };
    while s.ends_with('/') {
        s.pop();
    }
    s
}

/// An item of one audit, before it is compared.
struct Item {
    key: String,
    kind: ItemKind,
    title: String,
    url: Option<String>,
    /// For a finding, what found it ("the search ...", "the username ..."): matched
    /// against the other audit's could-not-check list.
    found_by: Option<String>,
}

impl Item {
    fn change(&self, status: ChangeStatus, since: String) -> ItemChange {
        ItemChange {
            key: self.key.clone(),
            kind: self.kind,
            status,
            title: self.title.clone(),
            url: self.url.clone(),
            since,
        }
    }
}

fn items(audit: Snapshot<'_>) -> Vec<Item> {
    let report = audit.report;
    let mut out = Vec::new();
    for f in &report.findings {
        let Some(key) = finding_key(f) else { continue };
        let kind = match f.kind {
            FindingKind::Profile => ItemKind::Profile,
            _ => ItemKind::SearchResult,
        };
        out.push(Item {
            key,
            kind,
            title: f.title.trim().to_string(),
            url: f.url.clone(),
            found_by: f.found_by.clone(),
        });
    }
    for a in report
        .actions
        .iter()
        .filter(|a| !NOT_ASKED.contains(&a.your_answer.as_str()))
    {
        out.push(Item {
            key: action_key(a),
            kind: ItemKind::Setting,
            title: format!("{}: {}", a.platform.trim(), a.label.trim()),
            url: None,
            found_by: None,
        });
    }
    for u in &report.could_not_check {
        out.push(Item {
            key: unchecked_key(u),
            kind: ItemKind::Unchecked,
            title: format!("{}: {}", u.platform.trim(), u.what.trim()),
            url: Some(u.url.clone()),
            found_by: None,
        });
    }
    // One entry per key: the same page found by two searches is one page.
    let mut seen = HashSet::new();
    out.retain(|i| seen.insert(i.key.clone()));
    out
}

/// Whether `audit` looked for `item` and could have seen it: the check ran, did not end in
/// "could not check", and (for a setting) the person answered it.
fn looked_for(audit: Snapshot<'_>, item: &Item) -> bool {
    let report = audit.report;
    match item.kind {
        ItemKind::Profile | ItemKind::SearchResult => {
            let ran = match item.kind {
                ItemKind::Profile => report.stats.profiles_found + report.stats.profiles_absent > 0,
                _ => report.stats.searches_run > report.stats.searches_blocked_or_failed,
            };
            // A profile could not be checked at its own address; a search result, when
            // the search that found it could not run.
            let unchecked = report.could_not_check.iter().any(|u| match item.kind {
                ItemKind::Profile => item
                    .url
                    .as_deref()
                    .is_some_and(|url| normal_url(url) == normal_url(&u.url)),
                _ => item
                    .found_by
                    .as_deref()
                    .is_some_and(|by| by.trim() == u.what.trim()),
            });
            ran && !unchecked && !report.partial
        }
        ItemKind::Setting => {
            let Some((check, setting)) = item
                .key
                .strip_prefix("setting:")
                .and_then(|k| k.split_once('/'))
            else {
                return false;
            };
            audit.answers.and_then(|a| a.get(check, setting)).is_some()
        }
        // A place is always "looked for": it either could be checked or it could not.
        ItemKind::Unchecked => true,
    }
}

/// The first audit in an unbroken run that had `key`, going back from `older`: its own
/// comparison says when the run began, else it began at `older`.
fn first_seen(older: Snapshot<'_>, key: &str) -> String {
    let before = older.report.changes.as_ref().and_then(|c| c.item(key));
    match before {
        Some(change) if change.status == ChangeStatus::StillOpen => change.since.clone(),
        _ => older.report.date.clone(),
    }
}

fn answer_changes(older: Snapshot<'_>, newer: Snapshot<'_>) -> Vec<AnswerChange> {
    let (Some(was), Some(now)) = (older.answers, newer.answers) else {
        return Vec::new();
    };
    // A setting's name, from whichever report lists it.
    let mut labels: HashMap<(&str, &str), String> = HashMap::new();
    for a in older.report.actions.iter().chain(&newer.report.actions) {
        labels.insert(
            (a.check.as_str(), a.setting.as_str()),
            format!("{}: {}", a.platform.trim(), a.label.trim()),
        );
    }
    let mut out = Vec::new();
    for (check, settings) in &now.settings {
        for (setting, answer) in settings {
            let Some(before) = was.get(check, setting) else {
                continue;
            };
            if before == *answer {
                continue;
            }
            out.push(AnswerChange {
                check: check.clone(),
                setting: setting.clone(),
                label: labels
                    .get(&(check.as_str(), setting.as_str()))
                    .cloned()
                    .or_else(|| builtin_label(check, setting))
                    .unwrap_or_else(|| format!("{check}: {setting}")),
                was: answer_word(before),
                now: answer_word(*answer),
            });
        }
    }
    out
}

/// "TikTok: Private account" from the built-in checks, for a setting neither report lists
/// (a setting now closed is not among the settings to tighten).
fn builtin_label(check: &str, setting: &str) -> Option<String> {
    static CATALOG: OnceLock<Option<Catalog>> = OnceLock::new();
    let catalog = CATALOG.get_or_init(|| Catalog::builtin().ok()).as_ref()?;
    let c = catalog.get(check)?;
    let s = c.settings.iter().find(|s| s.id == setting)?;
    Some(format!("{}: {}", c.name.trim(), s.label.trim()))
}

fn answer_word(a: Answer) -> String {
    a.label().to_string()
}

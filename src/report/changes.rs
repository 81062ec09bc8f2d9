//! What changed between two audits of one person, as plain data: on a re-audit's report
//! ([`super::Report::changes`]) and in `findable diff`. Worked out by [`crate::changes`];
//! the wording is [`crate::render::changes`]'s.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A re-audit compared with the audit before it; on a first audit, `previous` is `None`
/// and the lists are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Changes {
    /// The audit this one is compared with; `None` on a person's first audit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<AuditRef>,
    /// Every finding, setting and unchecked place of either audit that is worth a word:
    /// new ones first (accounts and search results before settings), then what is still
    /// open, then what has gone.
    #[serde(default)]
    pub items: Vec<ItemChange>,
    /// Settings whose answer changed between the two audits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<AnswerChange>,
}

/// One audit, as the other side of a comparison names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AuditRef {
    /// Its number in the history store, when it came from there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `None` when too little was checked for a score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u32>,
    /// It was stopped early or parts were left out.
    #[serde(default)]
    pub partial: bool,
}

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// A public account under a username a pupil would try.
    Profile,
    /// A search result naming the person.
    SearchResult,
    /// A privacy setting left open.
    Setting,
    /// A profile or search that could not be checked.
    Unchecked,
}

/// How an item compares with the audit before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeStatus {
    /// Not there last time, though it was looked for: it appeared since.
    New,
    /// Could not be checked (or was not asked) last time and is there now: new to the
    /// report, but it may have been there all along.
    NewlyChecked,
    /// There last time and still there.
    StillOpen,
    /// There last time, looked for again and not there now (a setting: closed).
    Gone,
    /// There last time, but this audit could not check it (or did not ask): it may still
    /// be there.
    NotCheckedNow,
}

/// One finding, setting or unchecked place and how it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ItemChange {
    /// Matches the item in either report: `profile:URL`, `search-result:URL`,
    /// `setting:CHECK/SETTING` or `unchecked:PLATFORM:WHAT`.
    pub key: String,
    pub kind: ItemKind,
    pub status: ChangeStatus,
    /// One line: what it is.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The day the status speaks of, `YYYY-MM-DD`: the audit before for new and gone, the
    /// first audit it was seen in (without a break) for still open.
    pub since: String,
}

/// A setting answered differently in the two audits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AnswerChange {
    pub check: String,
    pub setting: String,
    /// The setting's name, with its platform where the report had it.
    pub label: String,
    pub was: String,
    pub now: String,
}

impl Changes {
    /// The change for the item with `key`, if this comparison has one.
    pub fn item(&self, key: &str) -> Option<&ItemChange> {
        self.items.iter().find(|i| i.key == key)
    }

    /// Items with `status`, in order.
    pub fn with_status(&self, status: ChangeStatus) -> impl Iterator<Item = &ItemChange> {
        self.items.iter().filter(move |i| i.status == status)
    }
}

//! What to do after finding something abusive about you online, as data: the steps in
//! order, tailored to the platform, the kind of incident and who is behind it, and an
//! evidence log to fill in. Rendering is `render::incident`; asking questions and writing
//! files is the binary's job.
//!
//! The facts (the order of the steps, what each service does) come from the UK guidance
//! summarised in the project's reference notes: the DfE cyberbullying advice, INEQE, the NEU,
//! NASUWT, the Welsh Government, SWGfL (POSH and Report Harmful Content), UKCIS and The Key.
//! Numbers and addresses are in [`crate::contacts`].

pub mod handle;
pub(crate) mod log;
mod steps;
#[cfg(test)]
mod tests;

pub use handle::handle_from_url;
pub use log::{BLANK_LOG_ROWS, LOG_HEADERS, LogEntry, log_entries};
pub use steps::steps;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Category, Check, Report};

/// One thing to do, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// 1-based position in the list.
    pub number: usize,
    pub title: String,
    /// Plain words, one paragraph per line; a line starting with "- " is a bullet point.
    pub what_to_do: String,
    /// (label, target): a web address, a phone number or an email address.
    pub links: Vec<(String, String)>,
    /// Do this now, before the rest (the police when there are threats or sexual content).
    pub urgent: bool,
}

/// Who posted it, as far as the member of staff knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Responsible {
    Pupil,
    Parent,
    Colleague,
    #[default]
    Unknown,
}

/// Abusive posts, videos or comments, or an account pretending to be the person or school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    #[default]
    Content,
    Impersonation,
}

/// What the member of staff told us about the incident. Anything not known stays empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentInput {
    /// Check id of the platform it is on; `None` when it is somewhere else or not known
    /// (then the URL's address may still say which platform it is).
    pub platform: Option<String>,
    pub kind: Kind,
    pub responsible: Responsible,
    /// Threats, hate, sexual content or upskirting, or persistent anonymous abuse.
    pub threats_or_sexual: bool,
    /// Where it is: the post, video or profile.
    pub url: Option<String>,
    /// The username or handle that posted it, or the fake account's, when the person gave
    /// it; otherwise [`IncidentInput::account`] reads it from the URL.
    pub handle: Option<String>,
    /// When the log is started (`YYYY-MM-DD`), noted in its first row. Passed in so the
    /// library stays free of clocks.
    pub today: Option<String>,
}

impl IncidentInput {
    /// The account behind it: the handle given, else the one the URL names when the
    /// platform's address shape says where it is (`tiktok.com/@x/video/1` is `x`).
    pub fn account(&self) -> Option<String> {
        let given = clean(self.handle.as_deref());
        if !given.is_empty() {
            return Some(given);
        }
        self.url.as_deref().and_then(handle_from_url)
    }

    /// The platform it is on: the one named, else the one whose address the URL has.
    pub fn platform_in<'c>(&self, catalog: &'c Catalog) -> Option<&'c Check> {
        match self.platform.as_deref() {
            Some(id) => find_platform(catalog, id),
            None => self
                .url
                .as_deref()
                .and_then(|url| platform_from_url(catalog, url)),
        }
    }
}

/// The platform's report links, when `check` is a platform someone can post on. Checks for
/// search engines, public records, the school's own site and habits have no "Report" button
/// for a post, so they never count, even when their file lists somewhere to report.
pub fn report_links(check: &Check) -> Option<&Report> {
    match check.category {
        Category::Search | Category::Records | Category::School | Category::Habits => None,
        _ => check.report.as_ref(),
    }
}

/// Every platform in the catalog that has report links, the ones pupils use most first.
pub fn platforms(catalog: &Catalog) -> Vec<&Check> {
    let mut list: Vec<&Check> = catalog
        .checks
        .iter()
        .filter(|c| report_links(c).is_some())
        .collect();
    list.sort_by(|a, b| b.pupil_use.cmp(&a.pupil_use).then(a.name.cmp(&b.name)));
    list
}

/// The platform for `wanted`, matched on its check id or its name, ignoring case.
pub fn find_platform<'c>(catalog: &'c Catalog, wanted: &str) -> Option<&'c Check> {
    let wanted = wanted.trim();
    platforms(catalog)
        .into_iter()
        .find(|c| c.id.eq_ignore_ascii_case(wanted) || c.name.eq_ignore_ascii_case(wanted))
}

/// The platform whose domain the web address is on (`m.tiktok.com` is TikTok's).
pub fn platform_from_url<'c>(catalog: &'c Catalog, url: &str) -> Option<&'c Check> {
    let host = handle::host(url)?;
    platforms(catalog).into_iter().find(|c| {
        c.domains
            .iter()
            .any(|d| handle::on_domain(&host, &d.to_ascii_lowercase()))
    })
}

/// Text the person pasted, trimmed. It stays as given here: every document made from it
/// (terminal text, Markdown, the spreadsheet) goes through `render`, which escapes it.
fn clean(text: Option<&str>) -> String {
    text.unwrap_or_default().trim().to_string()
}

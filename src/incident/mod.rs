//! What to do after something abusive turns up online, as data: a five-line summary, then
//! the steps in order, tailored to the kind of incident, the platform, who is behind it and
//! whether the reader is the person targeted or the safeguarding lead acting for them; and
//! the evidence log to fill in. Rendering is `render::incident`; asking and writing files
//! is the binary's job.
//!
//! The facts come from the UK guidance in the project's reference notes: the DfE's advice
//! and flow for online bullying of staff, INEQE, the NEU, NASUWT, the Welsh Government,
//! The Key, SWGfL (POSH, Report Harmful Content, its guidance on online sexual harassment
//! of staff), Ofcom on malicious calls, and UKCIS. Numbers and addresses are in
//! [`crate::contacts`].

pub mod handle;
pub(crate) mod log;
mod steps;
mod summary;
#[cfg(test)]
mod tests;

pub use handle::handle_from_url;
pub use log::{
    BLANK_LOG_ROWS, ExistingLog, LOG_HEADERS, LogEntry, LogError, LogRow, log_entries, log_entry,
    read_log,
};
pub use steps::steps;
pub use summary::summary;

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

/// Everything to show: the summary to read first, then the steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Guide {
    /// Five short lines: what to do now, in the order of the steps.
    pub summary: Vec<String>,
    pub steps: Vec<Step>,
    /// Worded for the safeguarding lead acting for a colleague.
    pub for_colleague: bool,
}

/// The summary and the steps for this incident.
pub fn guide(input: &IncidentInput, catalog: &Catalog) -> Guide {
    Guide {
        summary: summary(input, catalog),
        steps: steps(input, catalog),
        for_colleague: input.for_colleague,
    }
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

/// What happened: the kinds of incident the guidance gives steps for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Abusive or mocking posts, videos or comments.
    #[default]
    Content,
    /// An account pretending to be the person or the school, parody accounts included.
    Impersonation,
    /// A pupil or parent contacting or friend-requesting a member of staff.
    Contact,
    /// Abusive phone calls, texts or voicemails.
    Calls,
    /// Online sexual harassment: sexual comments, images or messages.
    SexualHarassment,
}

impl Kind {
    /// Every kind, in the order a person is offered them.
    pub const ALL: [Kind; 5] = [
        Kind::Content,
        Kind::Impersonation,
        Kind::Contact,
        Kind::Calls,
        Kind::SexualHarassment,
    ];

    /// What a person picks, in their words.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Content => "Posts, videos or comments about me",
            Kind::Impersonation => "An account pretending to be me or the school (or a parody)",
            Kind::Contact => "A pupil or parent contacting me or sending a friend request",
            Kind::Calls => "Abusive phone calls, texts or voicemails",
            Kind::SexualHarassment => "Sexual comments, images or messages (sexual harassment)",
        }
    }
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
    /// The reader is the safeguarding lead (or a manager) acting for a colleague: the
    /// steps say who does what ("ask them to...", "you, as DSL, ..."); the facts stay.
    pub for_colleague: bool,
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

    /// Whether the police come straight after saving the evidence: threats, hate or sexual
    /// content, which online sexual harassment always is.
    pub fn police_first(&self) -> bool {
        self.threats_or_sexual || self.kind == Kind::SexualHarassment
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
/// (terminal text, Markdown, HTML, the spreadsheet) goes through `render`, which escapes it.
fn clean(text: Option<&str>) -> String {
    text.unwrap_or_default().trim().to_string()
}

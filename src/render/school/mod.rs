//! The school scan as text, Markdown, one script-free HTML page in the shared layout, or
//! JSON; every format in the same order: headline, website, each person, fixes, pages not
//! read, accounts that may be pretending, then what to check by hand.

mod html;
mod markdown;
#[cfg(test)]
mod tests;
mod text;

pub use html::html;
pub use markdown::markdown;
pub use text::text;

use super::{OutputFormat, plural};
use crate::school_scan::{SchoolReport, Website};

/// The scan in `format`; `color` only matters for text.
pub fn render(report: &SchoolReport, format: OutputFormat, color: bool) -> String {
    match format {
        OutputFormat::Text => text(report, color),
        OutputFormat::Markdown => markdown(report),
        OutputFormat::Html => html(report),
        OutputFormat::Json => json(report),
    }
}

/// Pretty JSON with every character that can reorder displayed text written as a `\u`
/// escape: the same data, but a page's bidi override cannot make the file read
/// differently in a terminal or an editor. (Control characters serde escapes itself.)
pub fn json(report: &SchoolReport) -> String {
    let raw = super::json(report);
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
        {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

// ---- Wording shared by every format ----

const TITLE: &str = "What a pupil could find about the school";
const WEBSITE: &str = "The school's website";
const PEOPLE: &str = "Staff you asked about";
const FIXES: &str = "What the school can change on its website";
const NOT_READ: &str = "Pages findable did not read (NOT checked: look at them yourself)";
const ACCOUNTS: &str = "Accounts that may be pretending to be the school or its staff";
const BY_HAND: &str = "Check by hand (NOT counted as clear)";
const SUSPECT_NOTE: &str = "An account answered at this address. It may be pretending to be \
the school or a member of staff, be a parody, or belong to someone else with a similar name: \
open it and look before doing anything.";
const IF_PRETENDING: &str = "If one of these is pretending to be the school or a colleague:";
const FULL_STEPS: &str = "The full steps, with an evidence log: `findable incident \
--impersonation --for-colleague --url ADDRESS`.";
const TITLE_ONLY_NOTE: &str = "named only by title and surname, as the advice recommends";
const PARTIAL: &str = "This scan is incomplete: it was stopped early or parts could not run. \
What was not checked is NOT counted as clear.";
const OFFICIAL: &str = "The school's own accounts (never reported)";

/// "12 pages read; 5 people named in full, 3 with a photo beside the name, ..."
fn website_counts(w: &Website) -> String {
    format!(
        "{} read. {} named in full, {} with a photo beside the name, {} only by title and \
         surname; {}.",
        plural(w.pages_read, "page"),
        super::plural_forms(w.named_in_full, "person", "people"),
        w.with_photos,
        w.title_only,
        super::plural_forms(
            w.personal_emails,
            "personal-looking email address",
            "personal-looking email addresses"
        ),
    )
}

/// The lines about what the crawl did not reach, when anything.
fn not_reached_lines(w: &Website) -> Vec<String> {
    let mut out = Vec::new();
    if w.pages_cut_off > 0 {
        out.push(format!(
            "{} longer than findable reads (1 MB each): the rest of each was not looked at.",
            plural(w.pages_cut_off, "page was").replace("pages was", "pages were")
        ));
    }
    if w.not_read_more > 0 {
        out.push(format!(
            "{} more not read, for the same kinds of reason.",
            plural(w.not_read_more, "page")
        ));
    }
    if w.not_reached > 0 {
        out.push(format!(
            "{} found but not reached within the page limit (--max-pages).",
            plural(w.not_reached, "more page")
        ));
    }
    if w.too_deep > 0 {
        out.push(format!(
            "{} found further from the home page than findable goes (--max-depth).",
            plural(w.too_deep, "link")
        ));
    }
    out
}

/// One line on how the accounts were checked.
fn accounts_line(report: &SchoolReport) -> String {
    let a = &report.accounts;
    if a.probed.is_empty() {
        return "findable did not ask any platform about accounts (offline, or none it can ask \
                honestly): everything below is to check by hand."
            .into();
    }
    format!(
        "Asked {} about up to {} each, made from the school's name{}: {} answered, {} with no \
         such account, {} could not be checked.",
        a.probed.join(", "),
        plural(a.handles_tried, "handle"),
        if report.staff.is_empty() {
            ""
        } else {
            " and the staff asked about"
        },
        a.suspects.len() + a.official_seen,
        a.absent,
        a.unknown.len()
    )
}

/// Who the scan looked for, when nobody on a roster agreed or some did not.
fn consent_line(report: &SchoolReport) -> Option<String> {
    (report.without_consent > 0).then(|| {
        format!(
            "{} on the roster did not agree to be checked, so findable did not look for them.",
            super::plural_forms(report.without_consent, "person", "people")
        )
    })
}

/// The handles that could not be checked, grouped by platform and why: "TikTok (the site
/// blocked the check)" and its handles.
fn unknown_groups(
    report: &SchoolReport,
) -> Vec<(String, Vec<&crate::school_scan::accounts::Unchecked>)> {
    let mut out: Vec<(String, Vec<&crate::school_scan::accounts::Unchecked>)> = Vec::new();
    for u in &report.accounts.unknown {
        let key = format!("{} ({})", u.platform, u.why);
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(u),
            None => out.push((key, vec![u])),
        }
    }
    out
}

/// What to say of someone not found: not named, or not looked for (no website read).
fn not_found(report: &SchoolReport) -> &'static str {
    match &report.website {
        Some(w) if w.pages_read > 0 => {
            "Not named on the pages findable read (pages it could not read are listed below)."
        }
        _ => {
            "The website was not read, so findable cannot say where they are named: NOT \
              counted as clear."
        }
    }
}

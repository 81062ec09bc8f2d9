//! Onboarding documents: each starter's pack and check-up calendar, and the school's cheat
//! sheet, letter to parents and safeguarding lead's index, as Markdown and as pages in the
//! shared layout (no script, prints on A4). Words only: the data comes from `onboard`.

mod ics;
mod index;
mod pack;
mod school;

pub use ics::{check_up_ics, uid};
pub use index::{index_html, index_markdown};
pub use pack::{pack_html, pack_markdown};
pub use school::{cheat_sheet_html, cheat_sheet_markdown, letter_html, letter_markdown};

use jiff::civil::Date;

use crate::Catalog;
use crate::catalog::Site;
use crate::contacts;
use crate::school::School;

/// A website as people write it on paper: `www.oakwood.sch.uk`, not
/// `https://www.oakwood.sch.uk/`.
pub(crate) fn site_shown(url: &str) -> String {
    let bare = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    bare.strip_suffix('/').unwrap_or(bare).to_string()
}

/// "1 September 2025", as people write a date in a letter.
pub(crate) fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// One of the school's own accounts, ready to show.
pub(crate) struct Official {
    /// The platform's name ("TikTok"), or its id when findable has no check for it.
    pub platform: String,
    pub handle: String,
    /// The account's public page, when findable knows the platform's addresses.
    pub url: Option<String>,
}

/// The school's official accounts with their platforms' names and pages.
pub(crate) fn official_accounts(school: &School, catalog: &Catalog) -> Vec<Official> {
    school
        .official_accounts
        .iter()
        .map(|h| {
            let id = h.platform.as_deref().unwrap_or_default();
            let check = catalog.get(id);
            Official {
                platform: check.map_or_else(|| id.to_string(), |c| c.name.clone()),
                handle: h.handle.clone(),
                url: check
                    .and_then(Site::from_check)
                    .and_then(|site| site.prepare(&h.handle).map(|u| site.profile_url_for(&u))),
            }
        })
        .collect()
}

/// "@oakwoodacademy on TikTok, @oakwood_academy on Instagram".
pub(crate) fn official_list(accounts: &[Official]) -> String {
    accounts
        .iter()
        .map(|a| format!("@{} on {}", a.handle, a.platform))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Mrs Priya Patel (dsl@oakwood.sch.uk)", or what to do when the file has no DSL.
pub(crate) fn dsl(school: &School) -> String {
    match (&school.dsl_name, &school.dsl_contact) {
        (Some(name), Some(contact)) => format!("{name} ({contact})"),
        (Some(name), None) => name.clone(),
        _ => "your school's designated safeguarding lead".into(),
    }
}

/// POSH: what it is for and how to reach it.
pub(crate) fn posh_line() -> String {
    let posh = contacts::POSH;
    format!(
        "The {} ({}) gives school staff free advice and can help get content taken down: \
         {} ({}) or {}.",
        posh.name,
        posh.short.unwrap_or(posh.name),
        posh.phone.unwrap_or_default(),
        posh.hours.unwrap_or_default(),
        posh.email.unwrap_or_default(),
    )
}

/// Where the POSH details came from, for the small print.
pub(crate) fn posh_source() -> String {
    let posh = contacts::POSH;
    format!(
        "POSH details from {} (checked {}).",
        posh.source, posh.as_of
    )
}

/// What a member of staff can send a parent who messages them on a personal account.
pub(crate) fn stock_reply(school: &School) -> String {
    let reach = match &school.website {
        Some(site) => format!(
            "through the school office or the contact details on {}",
            site_shown(site)
        ),
        None => "through the school office".into(),
    };
    format!(
        "Thank you for getting in touch. I keep my personal accounts for family and friends, \
         so I don't reply to messages about school here, and I don't connect with parents or \
         pupils online. Every member of staff at {} does the same. Please contact me {reach}, \
         and I'll be glad to help.",
        school.name
    )
}

/// When the police come in, in one sentence.
pub(crate) fn police_line() -> String {
    let police = contacts::POLICE;
    format!(
        "Go to the police when there are threats, hate, sexual comments or images (upskirting \
         included), or abuse that goes on, anonymously, after the platform was told: {} if \
         anyone is in danger, otherwise {}.",
        police.emergency, police.non_emergency
    )
}

#[cfg(test)]
pub(crate) mod fixtures;

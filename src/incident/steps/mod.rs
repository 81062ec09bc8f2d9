//! The steps themselves, in the order the guidance gives for each kind of incident, each
//! worded for whoever is reading: the person targeted ("you") or the safeguarding lead
//! acting for them ("ask them to..."). Numbers and addresses come from [`crate::contacts`].

mod common;
mod help;
mod kinds;

use super::{IncidentInput, Kind, Step};
use crate::catalog::Catalog;
use crate::contacts::Contact;
use common::{
    dont_engage, harder_to_find, keep_evidence, report_to_platform, school_route, support,
    tell_the_school,
};
use help::{police, posh, report_harmful_content};
use kinds::{
    block, block_number, dont_accept, hang_up, if_it_persists, keep_record, phone_company, privacy,
    save_contact, swgfl_guidance,
};

/// The steps for this incident, in the order to do them.
///
/// Posts and fake accounts follow the usual order: don't engage, keep evidence, report to
/// the platform, tell the school, the school's route, POSH, Report Harmful Content, then
/// the police. With threats or sexual content, and always for online sexual harassment,
/// the police step moves up to right after saving the evidence and is marked urgent: the
/// reference notes put the police first then, and the Revenge Porn Helpline advises going
/// to the police before the platform. Contact from a pupil or parent follows The Key's
/// order (decline, screenshot, block, privacy, then the school's policy if it persists);
/// abusive calls follow Ofcom's (a record, the phone company, the police).
pub fn steps(input: &IncidentInput, catalog: &Catalog) -> Vec<Step> {
    let platform = input.platform_in(catalog);
    let urgent = input.police_first();
    let police_now = || urgent.then(|| police(input));
    let police_later = || (!urgent).then(|| police(input));
    let list: Vec<Option<Step>> = match input.kind {
        Kind::Content | Kind::Impersonation => vec![
            Some(dont_engage(input)),
            Some(keep_evidence(input)),
            police_now(),
            Some(report_to_platform(input, platform)),
            Some(tell_the_school(input)),
            Some(school_route(input)),
            Some(posh(input, platform)),
            Some(report_harmful_content(input)),
            police_later(),
            Some(support(input)),
            Some(harder_to_find(input)),
        ],
        Kind::SexualHarassment => vec![
            Some(dont_engage(input)),
            Some(keep_evidence(input)),
            Some(police(input)),
            Some(report_to_platform(input, platform)),
            Some(tell_the_school(input)),
            Some(swgfl_guidance(input)),
            Some(school_route(input)),
            Some(posh(input, platform)),
            Some(report_harmful_content(input)),
            Some(support(input)),
            Some(harder_to_find(input)),
        ],
        Kind::Contact => vec![
            Some(dont_accept(input)),
            Some(save_contact(input)),
            police_now(),
            Some(block(input, platform)),
            Some(privacy(input)),
            Some(tell_the_school(input)),
            Some(if_it_persists(input)),
            Some(posh(input, platform)),
            police_later(),
        ],
        Kind::Calls => vec![
            Some(hang_up(input)),
            Some(keep_record(input)),
            police_now(),
            Some(phone_company(input)),
            Some(block_number(input)),
            Some(tell_the_school(input)),
            Some(school_route(input)),
            Some(posh(input, platform)),
            police_later(),
            Some(support(input)),
            Some(harder_to_find(input)),
        ],
    };
    let mut list: Vec<Step> = list.into_iter().flatten().collect();
    for (i, step) in list.iter_mut().enumerate() {
        step.number = i + 1;
    }
    list
}

fn link(label: &str, target: &str) -> (String, String) {
    (label.to_string(), target.to_string())
}

fn lines(parts: &[&str]) -> String {
    parts.join("\n")
}

/// The words for whoever reads the steps: the person targeted, or the safeguarding lead
/// acting for them. The facts in both are the same; only who does what changes.
fn pick<'a>(input: &IncidentInput, you: &'a str, dsl: &'a str) -> &'a str {
    if input.for_colleague { dsl } else { you }
}

fn url(contact: Contact) -> &'static str {
    contact.url.unwrap_or(contact.source)
}

/// "0345 6000 459, Monday to Friday, 10:00 to 16:00".
fn phone_and_hours(contact: Contact) -> String {
    match (contact.phone, contact.hours) {
        (Some(phone), Some(hours)) => format!("{phone}, {hours}"),
        (phone, _) => phone.unwrap_or(contact.source).to_string(),
    }
}

fn step(title: &str, what_to_do: String, links: Vec<(String, String)>) -> Step {
    Step {
        number: 0,
        title: title.to_string(),
        what_to_do,
        links,
        urgent: false,
    }
}

/// Where it is and whose account it is, for the step that saves the evidence.
fn where_it_is(input: &IncidentInput) -> Vec<(String, String)> {
    let mut links = Vec::new();
    let url = super::clean(input.url.as_deref());
    if !url.is_empty() {
        links.push(link("Where it is", &url));
    }
    if let Some(account) = input.account() {
        links.push(link("Username", &account));
    }
    links
}

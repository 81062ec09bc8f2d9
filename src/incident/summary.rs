//! The five lines to read before any step: what to do now, in the order of the steps.
//! Short enough to take in at a glance on a first screen, whoever is reading.

use super::{IncidentInput, Kind, report_links};
use crate::catalog::Catalog;
use crate::contacts;

/// Don't engage; save the evidence; report it; tell the school; POSH. Worded for the
/// kind of incident and for whoever reads it; the police come third when they come first
/// in the steps.
pub fn summary(input: &IncidentInput, catalog: &Catalog) -> Vec<String> {
    let dsl = input.for_colleague;
    let platform = input
        .platform_in(catalog)
        .filter(|c| report_links(c).is_some())
        .map(|c| c.name.clone());
    let engage = match (input.kind, dsl) {
        (Kind::Contact, false) => "Don't accept the request or reply.",
        (Kind::Contact, true) => "Ask them not to accept the request or reply.",
        (Kind::Calls, false) => "Don't answer back or call back: hang up.",
        (Kind::Calls, true) => "Ask them not to answer back or call back.",
        (_, false) => "Don't reply, comment or hit back.",
        (_, true) => "Ask them not to reply, comment or hit back.",
    };
    let evidence = match (input.kind, dsl) {
        (Kind::Calls, false) => "Write down each call: the number, date, time and what was said.",
        (Kind::Calls, true) => "Help them write down each call: number, date, time, what was said.",
        (_, false) => "Save the evidence: screenshots showing the username, date and time.",
        (_, true) => "Save the evidence with them: screenshots showing username, date and time.",
    };
    let report = if input.police_first() {
        "Report it to the police now: 999 if anyone is in danger, otherwise 101.".to_string()
    } else {
        match (input.kind, platform) {
            (Kind::Calls, _) => {
                if dsl {
                    "Ask them to tell their phone company's nuisance calls team.".to_string()
                } else {
                    "Tell your phone company's nuisance calls team.".to_string()
                }
            }
            (Kind::Contact, _) => {
                if dsl {
                    "Ask them to block the account, and report it if it is abusive.".to_string()
                } else {
                    "Block the account, and report it if it is abusive.".to_string()
                }
            }
            (_, Some(name)) => format!("Report it to {name}, with its Report option."),
            (_, None) => "Report it on the site where it was posted.".to_string(),
        }
    };
    let school = if dsl {
        "Record it and tell the headteacher today."
    } else {
        "Tell your line manager or the DSL today."
    };
    let posh = contacts::POSH;
    vec![
        engage.to_string(),
        evidence.to_string(),
        report,
        school.to_string(),
        format!(
            "For advice, call {}, the helpline for school staff: {}.",
            posh.short.unwrap_or(posh.name),
            posh.phone.unwrap_or_default()
        ),
    ]
}

//! A check file exactly as written, with the position of every value that validation
//! may need to point at, and the conversion into the plain [`Check`] that collects every
//! problem in the file (not just the first) with its line.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::check::{
    Category, Check, Gate, PLACEHOLDERS, Priority, ProbeMethod, Profile, PupilUse, Report,
    SafeAnswer, SearchTemplate, Setting, UsernameRule, Visibility,
};
use super::validate::{Problems, placeholders};
use super::{CheckError, line_of};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    id: Spanned<String>,
    name: Spanned<String>,
    category: Category,
    pupil_use: PupilUse,
    minimum_age: Option<u8>,
    #[serde(default)]
    domains: Vec<Spanned<String>>,
    as_of: Spanned<Datetime>,
    profile: Option<RawProfile>,
    #[serde(default)]
    search: Vec<RawSearch>,
    #[serde(default)]
    settings: Vec<RawSetting>,
    report: Option<Spanned<RawReport>>,
    visibility: Option<Visibility>,
    #[serde(default)]
    help_hubs: Vec<Spanned<String>>,
    applies_when: Option<Spanned<Gate>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    url: Spanned<String>,
    probe_url: Option<Spanned<String>>,
    username_rule: Spanned<String>,
    method: Spanned<ProbeMethod>,
    manual_reason: Option<Spanned<String>>,
    absent_note: Option<String>,
    min_interval_ms: Option<u64>,
    follow_redirects: Option<bool>,
    #[serde(default)]
    known: Vec<Spanned<String>>,
    source: Spanned<String>,
    as_of: Spanned<Datetime>,
    #[serde(default)]
    headers: BTreeMap<Spanned<String>, String>,
    exists: Option<Spanned<RawRule>>,
    absent: Option<Spanned<RawRule>>,
    blocked: Option<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    #[serde(default)]
    pub status: Vec<Spanned<u16>>,
    #[serde(default)]
    pub body: Vec<String>,
    pub redirect: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    query: Spanned<String>,
    why: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSetting {
    id: Spanned<String>,
    label: Spanned<String>,
    #[serde(rename = "where")]
    location: Spanned<String>,
    recommended: Spanned<String>,
    risk: Spanned<String>,
    priority: Priority,
    question: Spanned<String>,
    safe_answer: SafeAnswer,
    help_url: Spanned<String>,
    settings_url: Option<Spanned<String>>,
    as_of: Spanned<Datetime>,
    #[serde(default = "yes")]
    verified: bool,
    essential: Option<Spanned<bool>>,
}

fn yes() -> bool {
    true
}

/// More settings than this sharing one help link means the link is a generic page, not
/// each setting's own, unless the file lists it in `help_hubs`.
const MAX_SHARED_HELP: usize = 2;

/// The short walkthrough asks only essential settings; this keeps it short per platform.
const MAX_ESSENTIALS: usize = 5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    abuse: Spanned<String>,
    impersonation: Spanned<String>,
    help: Option<Spanned<String>>,
}

/// Parses and validates one file, returning the check with the line of its `id` (for
/// errors that span files, such as a duplicate id).
pub fn parse(file: &str, text: &str) -> Result<(Check, usize), Vec<CheckError>> {
    let raw: RawCheck = toml::from_str(text).map_err(|e| {
        vec![CheckError {
            file: file.to_string(),
            line: line_of(text, e.span().map_or(0, |s| s.start)),
            message: e.message().trim().to_string(),
        }]
    })?;
    let mut p = Problems {
        file,
        text,
        list: Vec::new(),
    };
    let id = raw.id.get_ref().clone();
    let id_ok = !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        p.at(
            &raw.id,
            format!("id {id:?} must be lower-case letters, digits and '-'"),
        );
    }
    let name = p.text("name", &raw.name).to_string();
    for domain in &raw.domains {
        let d = domain.get_ref();
        if d.is_empty() || d.contains('/') || d.contains(':') || d.contains(char::is_whitespace) {
            p.at(
                domain,
                format!("domain {d:?} must be a bare host name such as tiktok.com"),
            );
        }
    }
    let as_of = p.date("as_of", &raw.as_of);
    let has_profile = raw.profile.is_some();
    let profile = raw
        .profile
        .and_then(|profile| convert_profile(&mut p, profile));
    let search = raw
        .search
        .into_iter()
        .map(|s| {
            let query = p.text("search query", &s.query).to_string();
            for name in placeholders(&query) {
                if !PLACEHOLDERS.contains(&name) {
                    p.at(
                        &s.query,
                        format!(
                            "search query uses unknown placeholder {{{name}}}; use one of {}",
                            PLACEHOLDERS
                                .iter()
                                .map(|n| format!("{{{n}}}"))
                                .collect::<Vec<_>>()
                                .join(" ")
                        ),
                    );
                }
            }
            SearchTemplate { query, why: s.why }
        })
        .collect();
    let help_hubs: Vec<String> = raw
        .help_hubs
        .iter()
        .map(|hub| p.link("help_hubs entry", hub))
        .collect();
    let mut setting_ids = HashSet::new();
    // How many settings use each help link, to catch one generic page standing in for
    // every setting's own page.
    let mut help_uses: HashMap<String, usize> = HashMap::new();
    let mut essentials = 0;
    let mut settings = Vec::with_capacity(raw.settings.len());
    for s in raw.settings {
        let sid = s.id.get_ref().clone();
        if sid.is_empty()
            || !sid
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            p.at(
                &s.id,
                format!("setting id {sid:?} must be lower-case letters, digits and '-'"),
            );
        }
        if !setting_ids.insert(sid.clone()) {
            p.at(
                &s.id,
                format!("setting id {sid:?} is used twice in this file"),
            );
        }
        let help_url = p.link("help_url", &s.help_url);
        let uses = help_uses.entry(help_url.clone()).or_default();
        *uses += 1;
        if *uses == MAX_SHARED_HELP + 1 && !help_hubs.contains(&help_url) {
            p.at(
                &s.help_url,
                format!(
                    "help_url {help_url:?} is already used by {MAX_SHARED_HELP} other settings in this file; \
                     link this setting to its own help page, or list the link in help_hubs if it is \
                     a page that covers several settings on purpose"
                ),
            );
        }
        let essential_flag = s.essential.as_ref().filter(|e| *e.get_ref());
        if let Some(flag) = essential_flag {
            essentials += 1;
            if essentials == MAX_ESSENTIALS + 1 {
                p.at(
                    flag,
                    format!(
                        "at most {MAX_ESSENTIALS} settings in a file can be essential = true, \
                         so the short walkthrough stays short"
                    ),
                );
            }
        }
        settings.push(Setting {
            id: sid,
            label: p.text("label", &s.label).to_string(),
            location: p.text("where", &s.location).to_string(),
            recommended: p.text("recommended", &s.recommended).to_string(),
            risk: p.text("risk", &s.risk).to_string(),
            priority: s.priority,
            question: p.text("question", &s.question).to_string(),
            safe_answer: s.safe_answer,
            help_url,
            settings_url: s.settings_url.as_ref().map(|u| p.link("settings_url", u)),
            as_of: p.date("as_of", &s.as_of),
            verified: s.verified,
            essential: essential_flag.is_some(),
        });
    }
    for (hub, raw_hub) in help_hubs.iter().zip(&raw.help_hubs) {
        if !help_uses.contains_key(hub) {
            p.at(
                raw_hub,
                format!("help_hubs lists {hub:?}, but no setting in this file uses it"),
            );
        }
    }
    let report = raw.report.as_ref().map(|report| {
        let r = report.get_ref();
        Report {
            abuse: p.link("[report] abuse", &r.abuse),
            impersonation: p.link("[report] impersonation", &r.impersonation),
            help: r.help.as_ref().map(|h| p.link("[report] help", h)),
        }
    });
    // Somewhere a pupil can post about you or pretend to be you needs its report links.
    if has_profile && report.is_none() {
        p.at(
            &raw.id,
            "a platform with a [profile] needs a [report] table with abuse and impersonation links",
        );
    }
    if let Some(gate) = &raw.applies_when {
        let Gate { id, question } = gate.get_ref();
        let id_ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            p.at(
                gate,
                format!("applies_when id {id:?} must be lower-case letters, digits and '-'"),
            );
        }
        if !question.trim_end().ends_with('?') {
            p.at(
                gate,
                "applies_when question must be a yes/no question ending in '?'",
            );
        }
        if !raw.category.is_general() {
            p.at(
                gate,
                "applies_when is for general checks; a platform is asked about when the person ticks it",
            );
        }
    }
    if !p.list.is_empty() {
        return Err(p.list);
    }
    let id_line = line_of(text, raw.id.span().start);
    let check = Check {
        id,
        name,
        category: raw.category,
        pupil_use: raw.pupil_use,
        minimum_age: raw.minimum_age,
        domains: raw.domains.into_iter().map(Spanned::into_inner).collect(),
        as_of,
        profile,
        search,
        settings,
        report,
        visibility: raw.visibility,
        help_hubs,
        applies_when: raw.applies_when.map(Spanned::into_inner),
    };
    Ok((check, id_line))
}

/// `None` only when the file already has a problem recorded, so it will be rejected.
fn convert_profile(p: &mut Problems, raw: RawProfile) -> Option<Profile> {
    let url = p.url_template("[profile] url", &raw.url);
    let probe_url = raw
        .probe_url
        .as_ref()
        .map(|u| p.url_template("[profile] probe_url", u));
    let username_rule = UsernameRule::new(raw.username_rule.get_ref())
        .map_err(|e| {
            // The regex crate's message is several lines; its last line says what is wrong.
            let text = e.to_string();
            let last = text.lines().last().unwrap_or_default().trim();
            let reason = last.trim_start_matches("error:").trim().to_string();
            p.at(
                &raw.username_rule,
                format!("username_rule is not a valid regex: {reason}"),
            );
        })
        .ok();
    let method = *raw.method.get_ref();
    match (method, &raw.manual_reason) {
        (ProbeMethod::Manual, None) => {
            p.at(
                &raw.method,
                "method = \"manual\" needs a manual_reason saying why a person must check",
            );
        }
        (ProbeMethod::Http, Some(reason)) => {
            p.at(reason, "manual_reason is only for method = \"manual\"");
        }
        _ => {}
    }
    let exists = raw.exists.as_ref().map(|r| p.rule("exists", r));
    let absent = raw.absent.as_ref().map(|r| p.rule("absent", r));
    let blocked = raw.blocked.as_ref().map(|r| p.rule("blocked", r));
    match method {
        ProbeMethod::Http if exists.is_none() || absent.is_none() => {
            p.at(
                &raw.method,
                "method = \"http\" needs both [profile.exists] and [profile.absent]",
            );
        }
        ProbeMethod::Manual if exists.is_some() || absent.is_some() => {
            p.at(
                &raw.method,
                "method = \"manual\" must not have [profile.exists] or [profile.absent]",
            );
        }
        _ => {}
    }
    for name in raw.headers.keys() {
        let lower = name.get_ref().to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "cookie" | "authorization" | "proxy-authorization"
        ) {
            p.at(
                name,
                format!(
                    "header {} is not allowed: findable never logs in",
                    name.get_ref()
                ),
            );
        }
    }
    if let Some(rule) = &username_rule {
        for name in &raw.known {
            if !rule.accepts(name.get_ref()) {
                p.at(
                    name,
                    format!(
                        "known account {:?} does not match username_rule",
                        name.get_ref()
                    ),
                );
            }
        }
    }
    let source = p.link("[profile] source", &raw.source);
    let as_of = p.date("[profile] as_of", &raw.as_of);
    Some(Profile {
        url,
        probe_url,
        username_rule: username_rule?,
        method,
        manual_reason: raw.manual_reason.map(Spanned::into_inner),
        absent_note: raw.absent_note,
        min_interval_ms: raw.min_interval_ms,
        follow_redirects: raw.follow_redirects.unwrap_or(true),
        known: raw.known.into_iter().map(Spanned::into_inner).collect(),
        source,
        as_of,
        headers: raw
            .headers
            .into_iter()
            .map(|(k, v)| (k.into_inner(), v))
            .collect(),
        exists,
        absent,
        blocked,
    })
}

//! Search queries a pupil would type: general ones ("Jane Smith" "Oakwood Academy", "Ms
//! Smith" "Oakwood Academy", "Jane Smith" teacher) and each check file's own templates,
//! filled from the strongest name variants, deduplicated and ranked.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::catalog::{Check, PupilUse, placeholders};
use crate::subject::Subject;
use crate::variants::parse::ParsedName;
use crate::variants::{Variants, titles};

/// One query to run, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedQuery {
    pub text: String,
    /// The template that made it.
    pub source: String,
    /// The check the template belongs to, for platform-specific queries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    pub weight: f64,
}

/// General templates, most telling first: (template, weight).
const GENERAL: &[(&str, f64)] = &[
    ("\"{name}\" \"{school}\"", 1.0),
    ("\"{title} {surname}\" \"{school}\"", 0.95),
    // Pupils type names without accents ("Ni Bhriain"), and call a doctor Miss or Mr.
    ("\"{title} {plain_surname}\" \"{school}\"", 0.8),
    ("{pupil_titles} \"{school}\"", 0.9),
    ("\"{username}\"", 0.9),
    ("\"{name}\" site:{school_domain}", 0.9),
    ("\"{name}\" \"{town}\"", 0.85),
    ("\"{name}\" teacher", 0.8),
    ("\"{title} {surname}\" \"{town}\"", 0.6),
    ("\"{name}\"", 0.5),
];

/// Real-name variants used to fill `{name}`: the likeliest few, so queries stay few.
const NAMES_PER_TEMPLATE: usize = 3;

pub fn build(
    subject: &Subject,
    variants: &Variants,
    checks: &[Check],
    max: usize,
) -> Vec<PlannedQuery> {
    let names = search_names(variants);
    let work = ParsedName::parse(&subject.name);
    let title = subject
        .title
        .clone()
        .or(work.title.clone())
        .map(|t| titles::canonical(&t));
    let school_domain = subject.school_domain();
    let plain_surname = work
        .surname
        .as_deref()
        .map(deunicode::deunicode)
        .filter(|plain| Some(plain.as_str()) != work.surname.as_deref());
    let pupil_titles = match (title.as_deref(), work.surname.as_deref()) {
        (Some("Dr" | "Prof"), Some(surname)) => {
            Some(format!("(\"Miss {surname}\" OR \"Mr {surname}\")"))
        }
        _ => None,
    };
    let handles: Vec<&str> = subject
        .usernames
        .iter()
        .map(|h| h.handle.as_str())
        .collect();
    let fixed = |key: &str| -> Option<&str> {
        match key {
            "first" => Some(work.given.as_str()),
            "surname" => work.surname.as_deref(),
            "title" => title.as_deref(),
            "school" => subject.school.as_deref(),
            "town" => subject.town.as_deref(),
            "school_domain" => school_domain.as_deref(),
            "plain_surname" => plain_surname.as_deref(),
            "pupil_titles" => pupil_titles.as_deref(),
            _ => None,
        }
    };

    let mut templates: Vec<(String, f64, String, Option<String>)> = GENERAL
        .iter()
        .map(|(t, w)| (t.to_string(), *w, format!("general: {t}"), None))
        .collect();
    for check in checks {
        let factor = match check.pupil_use {
            PupilUse::VeryHigh => 0.8,
            PupilUse::High => 0.7,
            PupilUse::Medium => 0.55,
            PupilUse::Low => 0.4,
        };
        for search in &check.search {
            let source = format!("{}: {}", check.id, search.query);
            templates.push((search.query.clone(), factor, source, Some(check.id.clone())));
        }
        if check.search.is_empty()
            && let Some(domain) = check.domains.first()
        {
            let t = format!("site:{domain} \"{{name}}\"");
            templates.push((
                t.clone(),
                factor,
                format!("{}: {t}", check.id),
                Some(check.id.clone()),
            ));
        }
    }

    let mut out = Vec::new();
    for (template, weight, source, platform) in templates {
        let keys = placeholders(&template);
        let name_choices: Vec<(&str, f64)> = if keys.contains(&"name") {
            names.clone()
        } else {
            vec![("", 1.0)]
        };
        let handle_choices: Vec<&str> = if keys.contains(&"username") {
            handles.clone()
        } else {
            vec![""]
        };
        for (name, name_weight) in &name_choices {
            for handle in &handle_choices {
                let filled = fill(&template, |key| match key {
                    "name" => Some(*name),
                    "username" => Some(*handle),
                    other => fixed(other),
                });
                if let Some(text) = filled {
                    out.push(PlannedQuery {
                        text,
                        source: source.clone(),
                        platform: platform.clone(),
                        weight: weight * name_weight,
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let mut seen = HashSet::new();
    out.retain(|q| seen.insert(normalise(&q.text)));
    out.truncate(max);
    out
}

/// The strongest real-name variants (not "Ms Smith" or "J. Smith", which the title and
/// initial templates cover), with their weights.
fn search_names(variants: &Variants) -> Vec<(&str, f64)> {
    variants
        .names
        .iter()
        .filter(|v| !v.source.starts_with("title") && !v.source.starts_with("initial"))
        .take(NAMES_PER_TEMPLATE)
        .map(|v| (v.text.as_str(), v.weight))
        .collect()
}

/// Fills every `{key}`; `None` when a key has no value (an empty value counts as none).
fn fill<'a>(template: &str, value: impl Fn(&str) -> Option<&'a str>) -> Option<String> {
    let mut out = template.to_string();
    for key in placeholders(template) {
        let v = value(key).filter(|v| !v.trim().is_empty())?;
        out = out.replace(&format!("{{{key}}}"), v);
    }
    Some(out)
}

fn normalise(query: &str) -> String {
    query
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::SubjectInput;

    fn subject(school: bool) -> Subject {
        SubjectInput {
            name: Some("Jane Smith".into()),
            title: Some("Ms".into()),
            school: school.then(|| "Oakwood Academy".into()),
            town: Some("Leeds".into()),
            school_url: Some("https://www.oakwood.sch.uk".into()),
            usernames: vec!["instagram:janesmith84".into()],
            ..Default::default()
        }
        .validate(2026)
        .expect("valid")
    }

    fn texts(s: &Subject) -> Vec<String> {
        let catalog = crate::Catalog::builtin().expect("catalog");
        build(s, &Variants::generate(s), &catalog.checks, 200)
            .into_iter()
            .map(|q| q.text)
            .collect()
    }

    #[test]
    fn a_doctor_is_also_searched_as_miss_or_mr_and_without_accents() {
        let s = SubjectInput {
            name: Some("Siobhán Ní Bhriain".into()),
            title: Some("Dr".into()),
            school: Some("Oakwood Academy".into()),
            ..Default::default()
        }
        .validate(2026)
        .expect("valid");
        let q = texts(&s);
        for want in [
            "\"Dr Ní Bhriain\" \"Oakwood Academy\"",
            "\"Dr Ni Bhriain\" \"Oakwood Academy\"",
            "(\"Miss Ní Bhriain\" OR \"Mr Ní Bhriain\") \"Oakwood Academy\"",
            "\"Siobhan Ni Bhriain\" \"Oakwood Academy\"",
        ] {
            assert!(q.contains(&want.to_string()), "{want} not in {q:#?}");
        }
        // Neither form is made for a name with no accents or a title pupils use as it is.
        let plain = texts(&subject(true));
        assert!(!plain.iter().any(|t| t.contains(" OR \"Mr ")), "{plain:#?}");
    }

    #[test]
    fn general_queries_are_filled_from_the_subject() {
        let q = texts(&subject(true));
        for want in [
            "\"Jane Smith\" \"Oakwood Academy\"",
            "\"Ms Smith\" \"Oakwood Academy\"",
            "\"Jane Smith\" \"Leeds\"",
            "\"Jane Smith\" teacher",
            "\"janesmith84\"",
            "\"Jane Smith\" site:oakwood.sch.uk",
            "site:tiktok.com \"Jane Smith\"",
        ] {
            assert!(q.contains(&want.to_string()), "{want} not in {q:#?}");
        }
        assert_eq!(q[0], "\"Jane Smith\" \"Oakwood Academy\"");
    }

    #[test]
    fn templates_with_missing_values_are_skipped_and_nothing_repeats() {
        let q = texts(&subject(false));
        assert!(
            q.iter()
                .all(|t| !t.contains('{') && !t.contains("Oakwood Academy"))
        );
        let unique: HashSet<_> = q.iter().map(|t| normalise(t)).collect();
        assert_eq!(unique.len(), q.len());
    }

    #[test]
    fn the_cap_keeps_the_heaviest() {
        let s = subject(true);
        let catalog = crate::Catalog::builtin().expect("catalog");
        let q = build(&s, &Variants::generate(&s), &catalog.checks, 5);
        assert_eq!(q.len(), 5);
        assert!(q.windows(2).all(|w| w[0].weight >= w[1].weight));
    }
}

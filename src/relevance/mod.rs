//! Relevance: whether one search result is about the person being audited or about one of
//! the many others who share the name. Pure rules over the result's URL, title and snippet:
//! a name alone is only ever `possible`; anything stronger needs the school, town or a handle.

mod judged;
mod names;
mod place;
mod spot;
mod text;

pub use judged::{JudgedPage, JudgedSearches};
pub use spot::{Spot, Spotter};
pub use text::words;

use serde::{Deserialize, Serialize};

use crate::evidence::SearchHit;
use crate::subject::Subject;
use crate::variants::Variants;
use names::{Form, NameForm, TitleForm};
use place::Place;
use text::{Span, UrlParts};

/// How sure we are that a result is about this person, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchClass {
    /// Their name, and nothing to tell them from anyone else with it.
    Possible,
    /// Their name (or "Ms Smith") together with their school or town.
    Likely,
    /// Their own username, or their name on their school's website.
    Confirmed,
}

/// The verdict on one result, with the reasons in the order they weigh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relevance {
    #[serde(rename = "match")]
    pub class: MatchClass,
    pub reasons: Vec<String>,
    /// The check id whose domain the result is on.
    pub platform: Option<String>,
}

/// Shorter handles turn up in unrelated URLs and text far too often to mean anything.
const MIN_HANDLE_CHARS: usize = 4;

struct HandleForm {
    lower: String,
    shown: String,
    platform: Option<String>,
}

/// Judges search results for one subject; build once, call [`Matcher::judge`] per hit.
pub struct Matcher {
    names: Vec<NameForm>,
    titles: Vec<TitleForm>,
    handles: Vec<HandleForm>,
    school: Option<Place>,
    town: Option<Place>,
    school_domain: Option<String>,
    platforms: Vec<(String, Vec<String>)>,
}

impl Matcher {
    /// `school_domain` may be a bare host or a URL; `platforms` are (check id, domains).
    /// The matcher for an audit: the subject's own school site, and every check's domains
    /// to tie results to platforms.
    pub fn for_catalog(subject: &Subject, variants: &Variants, catalog: &crate::Catalog) -> Self {
        let platforms: Vec<(String, Vec<String>)> = catalog
            .checks
            .iter()
            .map(|c| (c.id.clone(), c.domains.clone()))
            .collect();
        Self::new(
            subject,
            variants,
            subject.school_domain().as_deref(),
            &platforms,
        )
    }

    pub fn new(
        subject: &Subject,
        variants: &Variants,
        school_domain: Option<&str>,
        platforms: &[(String, Vec<String>)],
    ) -> Self {
        let (names, titles) = names::forms(subject, variants);
        let handles = subject
            .usernames
            .iter()
            .filter(|h| h.handle.chars().count() >= MIN_HANDLE_CHARS)
            .map(|h| HandleForm {
                lower: h.handle.to_lowercase(),
                shown: h.handle.clone(),
                platform: h.platform.clone(),
            })
            .collect();
        let platforms = platforms
            .iter()
            .map(|(id, domains)| {
                let domains = domains.iter().filter_map(|d| text::normalise_domain(d));
                (id.clone(), domains.collect())
            })
            .collect();
        Self {
            names,
            titles,
            handles,
            school: subject.school.as_deref().and_then(place::school),
            town: subject.town.as_deref().and_then(place::town),
            school_domain: school_domain.and_then(text::normalise_domain),
            platforms,
        }
    }

    /// The verdict on one result; `None` when nothing ties it to this person.
    pub fn judge(&self, hit: &SearchHit) -> Option<Relevance> {
        let url = UrlParts::parse(&hit.url);
        let fields = [url.words(), words(&hit.title), words(&hit.snippet)];
        let platform = url.host.as_deref().and_then(|h| self.platform_of(h));
        let handle = self.handle_in(&url, hit, platform.as_deref());
        let mut taken = Vec::new();
        let name = first_reason(&self.names, &fields, &mut taken);
        let title = first_reason(&self.titles, &fields, &mut taken);
        let called = name.clone().or(title);
        let school = self.school.as_ref().filter(|p| p.found(&fields, &taken));
        let town = self.town.as_ref().filter(|p| p.found(&fields, &taken));
        let on_school_site = url
            .host
            .as_deref()
            .zip(self.school_domain.as_deref())
            .is_some_and(|(host, domain)| text::host_on(host, domain));

        let class = if handle.is_some() || (on_school_site && called.is_some()) {
            MatchClass::Confirmed
        } else if called.is_some() && (school.is_some() || town.is_some()) {
            MatchClass::Likely
        } else if name.is_some() {
            MatchClass::Possible
        } else {
            return None;
        };
        let mut reasons = Vec::new();
        if let Some(h) = handle {
            reasons.push(format!("mentions your username {}", h.shown));
        }
        if on_school_site {
            reasons.push("on your school's website".to_string());
        }
        reasons.extend(called);
        for place in [school, town].into_iter().flatten() {
            reasons.push(format!("mentions {}", place.shown));
        }
        Some(Relevance {
            class,
            reasons,
            platform,
        })
    }

    /// The most specific check domain the host is on (`m.tiktok.com` -> tiktok).
    fn platform_of(&self, host: &str) -> Option<String> {
        self.platforms
            .iter()
            .flat_map(|(id, domains)| domains.iter().map(move |d| (id, d)))
            .filter(|(_, d)| text::host_on(host, d))
            .max_by_key(|(_, d)| d.len())
            .map(|(id, _)| id.clone())
    }

    fn handle_in(
        &self,
        url: &UrlParts,
        hit: &SearchHit,
        platform: Option<&str>,
    ) -> Option<&HandleForm> {
        let is = |candidate: &str, h: &HandleForm| candidate.to_lowercase() == h.lower;
        self.handles.iter().find(|h| {
            // "instagram:jsmith" says nothing about whoever is jsmith on TikTok.
            let elsewhere = h.platform.as_deref().is_some_and(|own| {
                platform.is_some_and(|here| here != own)
                    && self.platforms.iter().any(|(id, _)| id == own)
            });
            !elsewhere
                && (url.handle_candidates().any(|c| is(c, h))
                    || [&hit.title, &hit.snippet]
                        .iter()
                        .any(|t| text::handle_tokens(t).any(|c| is(c, h))))
        })
    }
}

/// Records every span any form matched in `taken` (so places are not read out of a name)
/// and returns the reason for the first, i.e. heaviest, form that matched as written, or
/// failing that the first matched in another spelling of a short form ("Janie Smith").
fn first_reason(
    forms: &[impl Form],
    fields: &[Vec<String>],
    taken: &mut Vec<(usize, Span)>,
) -> Option<String> {
    let mut first = None;
    let mut spelled = None;
    for form in forms {
        let found: Vec<(usize, Span)> = fields
            .iter()
            .enumerate()
            .flat_map(|(f, words)| form.spans(words).into_iter().map(move |s| (f, s)))
            .collect();
        if first.is_none() && !found.is_empty() {
            first = Some(form.label().reason(found.iter().all(|(_, s)| s.typo)));
        }
        taken.extend(found);
        for (f, words) in fields.iter().enumerate() {
            for (span, at) in form.spelled(words) {
                if spelled.is_none() {
                    spelled = words
                        .get(at)
                        .and_then(|w| form.spelled_reason(w, span.typo));
                }
                taken.push((f, span));
            }
        }
    }
    first.or(spelled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::Handle;

    fn jane() -> Subject {
        Subject {
            name: "Jane Smith".into(),
            title: Some("Ms".into()),
            school: Some("Oakwood Academy".into()),
            town: Some("Leeds".into()),
            usernames: vec![
                Handle::parse("jsmith84").unwrap(),
                Handle::parse("js").unwrap(),
                Handle::parse("instagram:janeyreads").unwrap(),
            ],
            ..Default::default()
        }
    }

    fn named(name: &str) -> Subject {
        Subject {
            name: name.into(),
            ..Default::default()
        }
    }

    fn matcher(subject: &Subject) -> Matcher {
        let platforms = [
            ("tiktok", vec!["tiktok.com"]),
            ("x", vec!["x.com", "twitter.com"]),
            ("instagram", vec!["instagram.com"]),
        ]
        .map(|(id, ds)| (id.to_string(), ds.into_iter().map(String::from).collect()));
        let variants = Variants::generate(subject);
        Matcher::new(
            subject,
            &variants,
            Some("https://www.oakwood.sch.uk/"),
            &platforms,
        )
    }

    fn judge(m: &Matcher, url: &str, title: &str, snippet: &str) -> Option<Relevance> {
        m.judge(&SearchHit {
            url: url.into(),
            title: title.into(),
            snippet: snippet.into(),
            rank: 1,
        })
    }

    fn class(m: &Matcher, url: &str, title: &str, snippet: &str) -> Option<MatchClass> {
        judge(m, url, title, snippet).map(|r| r.class)
    }

    const NEWS: &str = "https://news.example.com/story";

    #[test]
    fn name_with_school_is_likely() {
        let r = judge(
            &matcher(&jane()),
            NEWS,
            "Jane Smith",
            "Staff at Oakwood Academy",
        )
        .unwrap();
        assert_eq!(r.class, MatchClass::Likely);
        assert_eq!(
            r.reasons,
            ["names \"Jane Smith\"", "mentions Oakwood Academy"]
        );
        assert_eq!(r.platform, None);
    }

    #[test]
    fn bare_name_is_only_possible() {
        let m = matcher(&jane());
        assert_eq!(
            class(&m, NEWS, "Jane Smith", ""),
            Some(MatchClass::Possible)
        );
        assert_eq!(
            class(&m, NEWS, "", "Dr JANE SMITH writes"),
            Some(MatchClass::Possible)
        );
    }

    #[test]
    fn other_names_and_longer_surnames_are_not_her() {
        let m = matcher(&jane());
        assert_eq!(class(&m, NEWS, "John Smithson", "Leeds, Oakwood"), None);
        assert_eq!(class(&m, NEWS, "Jane Smithson", ""), None);
        assert_eq!(class(&m, NEWS, "Jan Smith and Janet Smyth", ""), None);
    }

    #[test]
    fn surname_first_with_a_short_school_name_is_likely() {
        let m = matcher(&jane());
        let got = class(&m, NEWS, "Smith, Jane — Maths teacher at Oakwood", "");
        assert_eq!(got, Some(MatchClass::Likely));
    }

    #[test]
    fn another_town_never_makes_it_likely() {
        let m = matcher(&jane());
        let got = class(
            &m,
            NEWS,
            "Jane Smith, Manchester",
            "Jane Smith of Manchester",
        );
        assert_eq!(got, Some(MatchClass::Possible));
        let r = judge(&m, NEWS, "Jane Smith, Leeds", "").unwrap();
        assert_eq!(r.class, MatchClass::Likely);
        assert_eq!(r.reasons, ["names \"Jane Smith\"", "mentions Leeds"]);
    }

    #[test]
    fn a_short_form_from_the_table_names_her_and_says_so() {
        let m = matcher(&named("Elizabeth O'Brien-Smith"));
        for page in ["Liz O'Brien-Smith", "liz obrien smith", "Liz O Brien-Smith"] {
            let r = judge(&m, NEWS, page, "").unwrap();
            assert_eq!(r.class, MatchClass::Possible, "{page}");
            let reason = "names \"Liz O'Brien-Smith\" (a short form of Elizabeth)";
            assert_eq!(r.reasons, [reason], "{page}");
        }
        let r = judge(&m, "https://example.com/elizabeth-obriensmith", "", "").unwrap();
        assert_eq!(r.reasons, ["names \"Elizabeth O'Brien-Smith\""]);
    }

    #[test]
    fn janie_smith_at_her_school_is_likely() {
        let r = judge(&matcher(&jane()), NEWS, "Janie Smith", "Oakwood Academy").unwrap();
        assert_eq!(r.class, MatchClass::Likely);
        // Janie is in the nickname table, so it names her as written.
        let reasons = [
            "names \"Janie Smith\" (a short form of Jane)",
            "mentions Oakwood Academy",
        ];
        assert_eq!(r.reasons, reasons);
    }

    #[test]
    fn another_spelling_of_a_short_form_names_her_and_says_so() {
        let janey = Subject {
            name: "Janey Smith".into(),
            ..jane()
        };
        let m = matcher(&janey);
        let r = judge(&m, NEWS, "Janie Smith", "Oakwood Academy").unwrap();
        assert_eq!(r.class, MatchClass::Likely);
        let reasons = [
            "names \"Janie Smith\", a spelling of \"Janey Smith\"",
            "mentions Oakwood Academy",
        ];
        assert_eq!(r.reasons, reasons);
        // A name alone is still only possible, in either order and in a slug.
        for page in ["Janie Smith", "Smith, Janie", "JANIE A. SMITH"] {
            assert_eq!(
                class(&m, NEWS, page, ""),
                Some(MatchClass::Possible),
                "{page}"
            );
        }
        let katie = matcher(&Subject {
            name: "Katie Jones".into(),
            ..jane()
        });
        let r = judge(&katie, NEWS, "Katey Jones", "Leeds").unwrap();
        assert_eq!(r.class, MatchClass::Likely);
        assert_eq!(
            r.reasons[0],
            "names \"Katey Jones\", a spelling of \"Katie Jones\""
        );
        let vicky = matcher(&Subject {
            name: "Vicky Jones".into(),
            ..jane()
        });
        assert_eq!(
            class(&vicky, NEWS, "Vikkie Jones", "Oakwood"),
            Some(MatchClass::Likely)
        );
        // A nickname the person gave is a short form too.
        let debs = matcher(&Subject {
            nicknames: vec!["Debbie".into()],
            ..named("Deborah Hughes")
        });
        let r = judge(&debs, NEWS, "Debbi Hughes", "").unwrap();
        assert_eq!(
            r.reasons,
            ["names \"Debbi Hughes\", a spelling of \"Debbie Hughes\" (your nickname)"]
        );
    }

    #[test]
    fn spellings_never_reach_surnames_or_other_names() {
        let m = matcher(&jane());
        // The surname is what tells families apart: Smyth is another family, not a typo.
        for page in ["Jane Smyth", "Janie Smyth", "Janey Smithe"] {
            assert_eq!(class(&m, NEWS, page, "Oakwood Academy"), None, "{page}");
        }
        // Other names that differ from hers by a letter.
        for page in ["Jan Smith", "Janet Smith", "Jana Smith", "Jake Smith"] {
            assert_eq!(class(&m, NEWS, page, "Oakwood Academy"), None, "{page}");
        }
        let cases = [
            // Katie and Kathy are both Catherine, but Kathy is not a spelling of Katie.
            ("Katie Jones", "Kathy Jones"),
            // Toni is Antonia in the table, not Tony.
            ("Tony Jones", "Toni Jones"),
            // Mary is a name in its own right, so Marie is another woman.
            ("Mary Jones", "Marie Jones"),
            // Two-letter stems: Joy is not Joey.
            ("Joey Jones", "Joy Jones"),
        ];
        for (name, page) in cases {
            let m = matcher(&Subject {
                name: name.into(),
                ..jane()
            });
            assert_eq!(class(&m, NEWS, page, "Oakwood Academy"), None, "{page}");
        }
    }

    #[test]
    fn gaelic_surnames_match_whole_and_without_the_fada() {
        let m = matcher(&Subject {
            name: "Siobhán Ní Bhriain".into(),
            ..jane()
        });
        for page in [
            "Siobhan Ni Bhriain",
            "SIOBHÁN NÍ BHRIAIN",
            "siobhan-ni-bhriain",
        ] {
            let r = judge(&m, NEWS, page, "Oakwood Academy").unwrap();
            assert_eq!(r.class, MatchClass::Likely, "{page}");
            assert_eq!(r.reasons[0], "names \"Siobhán Ní Bhriain\"", "{page}");
        }
        let r = judge(&m, NEWS, "Ms Ni Bhriain", "Year 9, Oakwood Academy").unwrap();
        assert_eq!(r.reasons[0], "names \"Ms Ní Bhriain\"");
        // Without its particle it is another name.
        assert_eq!(class(&m, NEWS, "Siobhan Bhriain", "Oakwood Academy"), None);
        assert_eq!(class(&m, NEWS, "Ms Bhriain", "Oakwood Academy"), None);
    }

    #[test]
    fn a_doctor_called_miss_at_her_school_is_likely_and_says_why() {
        let m = matcher(&Subject {
            name: "Priya Patel".into(),
            title: Some("Dr".into()),
            ..jane()
        });
        let r = judge(&m, NEWS, "Miss Patel's science class", "Oakwood Academy").unwrap();
        assert_eq!(r.class, MatchClass::Likely);
        assert_eq!(
            r.reasons[0],
            "names \"Miss Patel\" (Miss instead of Dr, as pupils often say Miss or Mr to a doctor too)"
        );
        assert_eq!(class(&m, NEWS, "Miss Patel", "Great teacher"), None);
    }

    #[test]
    fn diacritics_fold_both_ways() {
        let zoe = matcher(&named("Zoë Taylor"));
        assert_eq!(
            class(&zoe, NEWS, "Zoe Taylor", ""),
            Some(MatchClass::Possible)
        );
        let plain = matcher(&named("Zoe Taylor"));
        assert_eq!(
            class(&plain, NEWS, "ZOË TAYLOR", ""),
            Some(MatchClass::Possible)
        );
    }

    #[test]
    fn a_title_form_needs_the_school_or_town() {
        let m = matcher(&jane());
        assert_eq!(class(&m, NEWS, "Ms Smith", "Great teacher!"), None);
        let r = judge(&m, NEWS, "Ms Smith", "Year 9 at Oakwood Academy").unwrap();
        assert_eq!(r.class, MatchClass::Likely);
        assert_eq!(
            r.reasons,
            ["names \"Ms Smith\"", "mentions Oakwood Academy"]
        );
        let got = class(&m, NEWS, "Miss Smith's class", "in Leeds");
        assert_eq!(got, Some(MatchClass::Likely));
        let got = class(&m, NEWS, "Mrs J. Smith", "Oakwood Academy");
        assert_eq!(got, Some(MatchClass::Likely));
        // Another Mrs Smith on the same staff.
        assert_eq!(class(&m, NEWS, "Mrs K. Smith", "Oakwood Academy"), None);
        // Without a title on file, "Mr Smith" is nobody in particular.
        let untitled = matcher(&Subject {
            title: None,
            ..jane()
        });
        assert_eq!(class(&untitled, NEWS, "Ms Smith", "Oakwood"), None);
    }

    #[test]
    fn her_handle_confirms_without_the_name() {
        let m = matcher(&jane());
        let r = judge(&m, "https://m.tiktok.com/@JSmith84/video/1", "cooking", "").unwrap();
        assert_eq!(r.class, MatchClass::Confirmed);
        assert_eq!(r.reasons, ["mentions your username jsmith84"]);
        assert_eq!(r.platform.as_deref(), Some("tiktok"));
        for url in [
            "https://x.com/jsmith84/",
            "https://example.com/u?user=jsmith84",
        ] {
            assert_eq!(class(&m, url, "", ""), Some(MatchClass::Confirmed), "{url}");
        }
        let got = class(&m, NEWS, "", "follow (@jsmith84).");
        assert_eq!(got, Some(MatchClass::Confirmed));
        assert_eq!(class(&m, NEWS, "", "jsmith845 xjsmith84"), None);
        // Too short to mean her.
        assert_eq!(class(&m, "https://example.com/js", "js", ""), None);
        // A handle tied to Instagram says nothing about the same name on X.
        let insta = "https://www.instagram.com/janeyreads/";
        assert_eq!(class(&m, insta, "", ""), Some(MatchClass::Confirmed));
        assert_eq!(class(&m, "https://x.com/janeyreads", "", ""), None);
    }

    #[test]
    fn her_school_site_with_her_name_confirms() {
        let m = matcher(&jane());
        let r = judge(
            &m,
            "https://www.oakwood.sch.uk/staff",
            "Our staff",
            "Jane Smith, Maths",
        );
        let r = r.unwrap();
        assert_eq!(r.class, MatchClass::Confirmed);
        let reasons = [
            "on your school's website",
            "names \"Jane Smith\"",
            "mentions Oakwood Academy",
        ];
        assert_eq!(r.reasons, reasons);
        let blog = "https://blog.oakwood.sch.uk/post";
        assert_eq!(
            class(&m, blog, "Ms Smith's trip", ""),
            Some(MatchClass::Confirmed)
        );
        assert_eq!(class(&m, blog, "Sports day", ""), None);
        // Its words still mention the school, but the site is not the school's.
        let fake = "https://oakwood.sch.uk.example.com/";
        assert_eq!(class(&m, fake, "Jane Smith", ""), Some(MatchClass::Likely));
    }

    #[test]
    fn platform_is_the_most_specific_domain() {
        let m = matcher(&jane());
        let on = |url: &str| judge(&m, url, "Jane Smith", "").and_then(|r| r.platform);
        assert_eq!(on("https://twitter.com/x").as_deref(), Some("x"));
        assert_eq!(on("https://www.tiktok.com/x").as_deref(), Some("tiktok"));
        assert_eq!(on("https://nottiktok.com/x"), None);
        assert_eq!(on("not a url"), None);
    }

    #[test]
    fn middle_names_on_the_page_or_on_file() {
        let m = matcher(&jane());
        for page in [
            "Jane Elizabeth Smith",
            "Jane A. Smith",
            "Jane Mary Anne Smith",
        ] {
            assert_eq!(
                class(&m, NEWS, page, ""),
                Some(MatchClass::Possible),
                "{page}"
            );
        }
        assert_eq!(class(&m, NEWS, "Jane and the Three Bears Smith", ""), None);
        let mary = matcher(&named("Jane Mary Smith"));
        let r = judge(&mary, NEWS, "Jane Mary Smith", "").unwrap();
        assert_eq!(r.reasons, ["names \"Jane Smith\""]);
    }

    #[test]
    fn maiden_name_from_other_names() {
        let m = matcher(&Subject {
            other_names: vec!["Jones".into()],
            ..jane()
        });
        let r = judge(&m, NEWS, "Jane Jones, Leeds", "").unwrap();
        assert_eq!(r.class, MatchClass::Likely);
        assert_eq!(r.reasons[0], "names \"Jane Jones\" (your other surname)");
    }

    #[test]
    fn given_and_surname_far_apart_are_not_a_name() {
        let m = matcher(&jane());
        let page = "Jane Austen was admired by the economist Adam Smith";
        assert_eq!(class(&m, NEWS, page, "Oakwood Academy"), None);
        assert_eq!(class(&m, NEWS, "Jane", "Smith"), None);
    }

    #[test]
    fn a_swapped_pair_in_a_long_name_is_forgiven_and_said() {
        let m = matcher(&named("Elizabeth Harrison"));
        let r = judge(&m, NEWS, "Elizabteh Harrison", "").unwrap();
        assert_eq!(
            r.reasons,
            ["names \"Elizabeth Harrison\" (allowing a typo)"]
        );
        assert_eq!(class(&m, NEWS, "Elizabeth Harison", ""), None);
    }

    #[test]
    fn a_surname_that_is_also_the_town_is_not_the_town() {
        let m = matcher(&Subject {
            town: Some("Preston".into()),
            ..named("Sarah Preston")
        });
        assert_eq!(
            class(&m, NEWS, "Sarah Preston", ""),
            Some(MatchClass::Possible)
        );
        let got = class(&m, NEWS, "Sarah Preston", "Preston");
        assert_eq!(got, Some(MatchClass::Likely));
    }

    #[test]
    fn saint_schools_need_the_saint() {
        let m = matcher(&Subject {
            school: Some("St Mary's C of E Primary School".into()),
            town: None,
            ..jane()
        });
        assert_eq!(
            class(&m, NEWS, "Jane Smith and Mary Jones", ""),
            Some(MatchClass::Possible)
        );
        for page in ["St Mary's Primary", "Saint Marys", "st. mary's"] {
            let got = class(&m, NEWS, "Jane Smith", page);
            assert_eq!(got, Some(MatchClass::Likely), "{page}");
        }
    }

    #[test]
    fn empty_and_single_word_subjects_do_not_panic() {
        let m = matcher(&jane());
        assert_eq!(class(&m, "", "", ""), None);
        let single = matcher(&Subject {
            title: Some("Miss".into()),
            ..named("Zoë")
        });
        assert_eq!(class(&single, NEWS, "Zoe", "Oakwood"), None);
    }

    #[test]
    fn judge_never_panics_on_odd_text() {
        let odd = [
            "",
            " ",
            "'",
            "’s",
            "%",
            "%e2%82",
            "@",
            "@@@",
            "'''s's",
            "Ｊａｎｅ　Ｓｍｉｔｈ",
            "𝓙𝓪𝓷𝓮",
            "\u{0}\u{200b}\u{fe0f}",
            "ß ǅ İ",
            "日本語 テキスト",
            "🙂🙃",
            "a-'-b",
            "https://",
            "http://[::1]/",
            "https://x.com/%FF%FE/@",
            "Jane\nSmith",
            "S\u{301}mith",
        ];
        let subjects = [
            jane(),
            named("Zoë"),
            named("’ '"),
            named("Ó Dálaigh-日本 Smith"),
        ];
        for subject in &subjects {
            let m = matcher(subject);
            for a in odd {
                for b in odd {
                    let _ = judge(&m, a, b, a);
                    let _ = judge(&m, &format!("https://oakwood.sch.uk/{a}{b}"), a, b);
                }
            }
        }
    }

    #[test]
    fn serialises_with_kebab_case_and_a_match_key() {
        let r = Relevance {
            class: MatchClass::Likely,
            reasons: vec!["x".into()],
            platform: None,
        };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"match":"likely","reasons":["x"],"platform":null}"#
        );
        assert!(MatchClass::Possible < MatchClass::Likely);
        assert!(MatchClass::Likely < MatchClass::Confirmed);
    }
}

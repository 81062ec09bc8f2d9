//! One new starter's pack, as data: what pupils will type to find them, the pages and
//! searches to open by hand, the platforms whose essentials they get, what to do if they are
//! contacted or targeted, and the day of their first check-up. Nothing here goes online.

use jiff::civil::Date;
use serde::Serialize;

use super::Starter;
use crate::Catalog;
use crate::catalog::Site;
use crate::checklist::is_general;
use crate::incident::{self, IncidentInput, Kind};

/// The incident summaries every new starter and the cheat sheet get: five lines each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WhatToDo {
    /// When a pupil or parent contacts them online or sends a friend request.
    pub if_contacted: Vec<String>,
    /// When someone posts about them or an account pretends to be them.
    pub if_targeted: Vec<String>,
}

impl WhatToDo {
    pub fn new(catalog: &Catalog) -> Self {
        let lines = |kind| {
            incident::summary(
                &IncidentInput {
                    kind,
                    ..IncidentInput::default()
                },
                catalog,
            )
        };
        Self {
            if_contacted: lines(Kind::Contact),
            if_targeted: lines(Kind::Content),
        }
    }
}
use crate::plan::links::SearchLinks;
use crate::plan::{Plan, PlanOptions, PlannedProbe, queries};
use crate::variants::{Variant, Variants};

/// The platforms most staff have and most pupils search, when the school names none: every
/// pack covers their essentials (plus any platform a starter gave a username on).
pub const COMMON_PLATFORMS: &[&str] = &[
    "tiktok",
    "instagram",
    "snapchat",
    "facebook",
    "whatsapp",
    "x",
];

/// Name forms and usernames shown: the likeliest, enough to recognise the pattern.
pub const NAMES_SHOWN: usize = 8;
pub const USERNAMES_SHOWN: usize = 10;
/// Profile pages per platform to open by hand, and searches listed.
pub const PAGES_PER_PLATFORM: usize = 3;
pub const SEARCHES_SHOWN: usize = 6;

/// Whether findable looked online for this person, and how it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Scan {
    /// `--scan` was not given: nothing went online for anyone.
    NotAsked,
    /// They did not consent: nothing about them went online.
    NoConsent,
    /// Their check ran on `date`; the results are in `report` (a file in their folder).
    Done {
        date: String,
        report: String,
        partial: bool,
    },
    /// The run was stopped before their check.
    NotReached,
}

/// What one starter gets, before it is rendered.
#[derive(Debug, Clone, Serialize)]
pub struct Pack {
    /// Their folder's name inside the output folder.
    pub folder: String,
    pub name: String,
    pub title: Option<String>,
    pub school: String,
    pub start: Date,
    pub consent: bool,
    /// The first check-up, about a term after the start ([`super::check_up`]).
    pub check_up: Date,
    /// What a pupil would type into a search box, likeliest first.
    pub names: Vec<Variant>,
    pub more_names: usize,
    /// Usernames a pupil would try, likeliest first.
    pub usernames: Vec<Variant>,
    pub more_usernames: usize,
    /// Profile pages to open by hand on the pack's platforms, in platform order.
    pub pages: Vec<PlannedProbe>,
    /// The searches a pupil would run, as links.
    pub searches: SearchLinks,
    /// Check ids of the platforms whose essentials the pack lists, riskiest first.
    pub platforms: Vec<String>,
    /// What to do if a pupil or parent contacts or targets them.
    pub what_to_do: WhatToDo,
    pub scan: Scan,
}

impl Pack {
    /// The pack for `starter`, in folder `folder`, covering `platforms` (check ids; the
    /// starter's own platforms are added) from `catalog`.
    pub fn build(
        starter: &Starter,
        folder: String,
        platforms: &[String],
        catalog: &Catalog,
    ) -> Pack {
        let subject = &starter.subject;
        let variants = Variants::generate(subject);
        let platforms = pack_platforms(starter, platforms, catalog);
        let sites: Vec<Site> = platforms
            .iter()
            .filter_map(|id| catalog.get(id))
            .filter_map(Site::from_check)
            .collect();
        let options = PlanOptions {
            max_usernames: PAGES_PER_PLATFORM,
            max_manual: PAGES_PER_PLATFORM,
            seed: Some(0),
            ..PlanOptions::default()
        };
        // A name always gives usernames, so planning cannot fail; an empty list is the
        // honest fallback if it ever did.
        let pages = Plan::build(sites, &variants.usernames, &subject.usernames, &options)
            .map(|plan| plan.probes)
            .unwrap_or_default();
        let planned = queries::build(subject, &variants, &catalog.checks, SEARCHES_SHOWN);
        let searches = SearchLinks::build(&planned, &variants.names);
        Pack {
            folder,
            name: subject.name.clone(),
            title: subject.title.clone(),
            school: subject.school.clone().unwrap_or_default(),
            start: starter.start,
            consent: starter.consent,
            check_up: super::check_up(starter.start),
            more_names: variants.names.len().saturating_sub(NAMES_SHOWN),
            names: variants.names.iter().take(NAMES_SHOWN).cloned().collect(),
            more_usernames: variants.usernames.len().saturating_sub(USERNAMES_SHOWN),
            usernames: variants
                .usernames
                .iter()
                .take(USERNAMES_SHOWN)
                .cloned()
                .collect(),
            pages,
            searches,
            platforms,
            what_to_do: WhatToDo::new(catalog),
            scan: Scan::NotAsked,
        }
    }

    /// "Ms Jane Smith", or the name alone.
    pub fn addressed(&self) -> String {
        match &self.title {
            Some(title) => format!("{title} {}", self.name),
            None => self.name.clone(),
        }
    }
}

/// `wanted` that are platforms in the catalog, then any platform the starter gave a
/// username on, riskiest (most used by pupils) first.
fn pack_platforms(starter: &Starter, wanted: &[String], catalog: &Catalog) -> Vec<String> {
    let own = starter
        .subject
        .usernames
        .iter()
        .filter_map(|h| h.platform.as_deref());
    let mut checks: Vec<&crate::catalog::Check> = Vec::new();
    for id in wanted.iter().map(String::as_str).chain(own) {
        if let Some(check) = catalog.get(id)
            && !is_general(check)
            && !checks.iter().any(|c| c.id == check.id)
        {
            checks.push(check);
        }
    }
    checks.sort_by(|a, b| b.pupil_use.cmp(&a.pupil_use).then(a.name.cmp(&b.name)));
    checks.into_iter().map(|c| c.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::school::School;

    fn starter(row: &str) -> Starter {
        let school = School::from_toml(
            "school.toml",
            "name = \"Oakwood Academy\"\ntown = \"Leeds\"\nwebsite = \"oakwood.sch.uk\"\n",
        )
        .expect("school");
        let csv = format!("name,title,usernames,start date,consent\n{row}\n");
        let roster = super::super::Roster::from_csv("r.csv", &csv, &school, 2026).expect("roster");
        assert!(roster.skipped.is_empty(), "{:?}", roster.skipped);
        roster.starters[0].clone()
    }

    fn common() -> Vec<String> {
        COMMON_PLATFORMS.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn a_pack_covers_the_common_platforms_and_the_starters_own() {
        let catalog = Catalog::builtin().expect("catalog");
        let s =
            starter("Siobhán Ní Bhriain,Ms,\"github:sniblue, twitch:siobhan_nb\",01/09/2025,yes");
        let pack = Pack::build(&s, "siobhan-ni-bhriain".into(), &common(), &catalog);
        assert_eq!(pack.addressed(), "Ms Siobhán Ní Bhriain");
        for id in COMMON_PLATFORMS.iter().chain(&["github", "twitch"]) {
            assert!(
                pack.platforms.iter().any(|p| p == id),
                "{id}: {:?}",
                pack.platforms
            );
        }
        assert_eq!(
            pack.platforms[0], "snapchat",
            "riskiest first: {:?}",
            pack.platforms
        );
        assert!(pack.names.len() == NAMES_SHOWN && pack.more_names > 0);
        assert_eq!(pack.usernames.len(), USERNAMES_SHOWN);
        assert!(pack.searches.queries.len() <= SEARCHES_SHOWN);
        assert!(
            pack.pages
                .iter()
                .any(|p| p.url.contains("twitch.tv") && p.username == "siobhan_nb")
        );
        for site in ["tiktok", "instagram"] {
            let n = pack.pages.iter().filter(|p| p.site == site).count();
            assert_eq!(n, PAGES_PER_PLATFORM, "{site}");
        }
        assert_eq!(pack.what_to_do.if_contacted.len(), 5);
        assert!(pack.what_to_do.if_contacted[0].contains("Don't accept"));
        assert!(pack.what_to_do.if_targeted[4].contains("0344 381 4772"));
        assert_eq!(pack.check_up.to_string(), "2026-01-08");
        assert_eq!(pack.scan, Scan::NotAsked);
    }

    #[test]
    fn general_checks_and_unknown_ids_are_not_platforms() {
        let catalog = Catalog::builtin().expect("catalog");
        let s = starter("Jane Smith,Ms,,2025-09-01,no");
        let wanted = vec!["self-search".into(), "nosuch".into(), "x".into()];
        let pack = Pack::build(&s, "jane-smith".into(), &wanted, &catalog);
        assert_eq!(pack.platforms, vec!["x"]);
    }
}

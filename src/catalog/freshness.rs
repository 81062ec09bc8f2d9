//! How current the check files are: settings not reviewed for a year, settings no official
//! page confirmed, help links shared by several settings, platforms with few essentials.
//! Pure: it reads a catalog and a date, so `findable checks audit` and CI agree.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Catalog, Check};

/// A setting reviewed longer ago than this is listed as due for a review.
pub const REVIEW_AFTER_MONTHS: i32 = 12;
/// A shipped setting older than this fails CI: the content must not quietly rot.
pub const STALE_AFTER_MONTHS: i32 = 18;
/// A platform's short walkthrough should ask at least this many settings.
pub const MIN_ESSENTIALS: usize = 5;

/// What a review of the check files should look at first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Freshness {
    /// The day the files were measured against, `YYYY-MM-DD`.
    pub today: String,
    /// Settings last checked more than [`REVIEW_AFTER_MONTHS`] ago, oldest first.
    pub due: Vec<Dated>,
    /// Settings no official page confirmed (`verified = false`), per check.
    pub unverified: Vec<Unverified>,
    /// Help links shared by more than two settings of a file.
    pub shared_links: Vec<SharedLink>,
    /// Platforms whose walkthrough asks fewer than [`MIN_ESSENTIALS`] settings.
    pub few_essentials: Vec<FewEssentials>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dated {
    pub check: String,
    pub setting: String,
    pub as_of: String,
    pub months: i32,
    /// Older than [`STALE_AFTER_MONTHS`]: a failure, not a reminder.
    pub stale: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Unverified {
    pub check: String,
    pub settings: Vec<String>,
    pub of: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SharedLink {
    pub check: String,
    pub url: String,
    pub settings: Vec<String>,
    /// The file lists it in `help_hubs`: shared on purpose.
    pub hub: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FewEssentials {
    pub check: String,
    pub essentials: usize,
}

#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a date (YYYY-MM-DD)")]
pub struct BadDate(String);

impl Freshness {
    /// Measures `catalog` on `today` (`YYYY-MM-DD`, passed in so tests do not depend on
    /// the clock).
    pub fn of(catalog: &Catalog, today: &str) -> Result<Self, BadDate> {
        let day: jiff::civil::Date = today.parse().map_err(|_| BadDate(today.into()))?;
        let mut out = Self {
            today: today.to_string(),
            ..Self::default()
        };
        for check in &catalog.checks {
            out.dates(check, day);
            let unverified: Vec<String> = check.unverified().map(|s| s.id.clone()).collect();
            if !unverified.is_empty() {
                out.unverified.push(Unverified {
                    check: check.id.clone(),
                    settings: unverified,
                    of: check.settings.len(),
                });
            }
            out.shared_links.extend(shared_links(check));
            let essentials = check.essentials().count();
            if !check.category.is_general() && essentials < MIN_ESSENTIALS {
                out.few_essentials.push(FewEssentials {
                    check: check.id.clone(),
                    essentials,
                });
            }
        }
        out.due
            .sort_by(|a, b| b.months.cmp(&a.months).then(a.check.cmp(&b.check)));
        Ok(out)
    }

    /// Settings older than [`STALE_AFTER_MONTHS`].
    pub fn stale(&self) -> impl Iterator<Item = &Dated> {
        self.due.iter().filter(|d| d.stale)
    }

    fn dates(&mut self, check: &Check, today: jiff::civil::Date) {
        use jiff::ToSpan;
        let before = |months: i32| today.checked_sub(months.months()).unwrap_or(today);
        let (review, stale) = (before(REVIEW_AFTER_MONTHS), before(STALE_AFTER_MONTHS));
        for setting in &check.settings {
            // Validation has checked every as_of already; one that does not parse is
            // counted as stale rather than skipped.
            let then = setting.as_of.parse::<jiff::civil::Date>().ok();
            if then.is_some_and(|then| then >= review) {
                continue;
            }
            self.due.push(Dated {
                check: check.id.clone(),
                setting: setting.id.clone(),
                as_of: setting.as_of.clone(),
                months: then.map_or(i32::MAX, |then| months_between(then, today)),
                stale: then.is_none_or(|then| then < stale),
            });
        }
    }
}

/// Whole months from `then` to `today` (negative when `then` is later).
fn months_between(then: jiff::civil::Date, today: jiff::civil::Date) -> i32 {
    let months = (i32::from(today.year()) - i32::from(then.year())) * 12 + i32::from(today.month())
        - i32::from(then.month());
    if today.day() < then.day() {
        months - 1
    } else {
        months
    }
}

/// Help links used by more than two settings of `check`, hubs included (marked).
fn shared_links(check: &Check) -> Vec<SharedLink> {
    let mut by_url: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for setting in &check.settings {
        by_url
            .entry(setting.help_url.as_str())
            .or_default()
            .push(setting.id.clone());
    }
    by_url
        .into_iter()
        .filter(|(_, settings)| settings.len() > 2)
        .map(|(url, settings)| SharedLink {
            check: check.id.clone(),
            url: url.to_string(),
            hub: check.help_hubs.iter().any(|h| h == url),
            settings,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::builtin().expect("built-in checks")
    }

    fn date(s: &str) -> jiff::civil::Date {
        s.parse().expect("date")
    }

    #[test]
    fn months_count_whole_months() {
        assert_eq!(months_between(date("2025-11-30"), date("2026-11-30")), 12);
        assert_eq!(months_between(date("2025-11-30"), date("2026-11-29")), 11);
        assert_eq!(months_between(date("2026-01-31"), date("2026-03-01")), 1);
        assert_eq!(months_between(date("2026-11-30"), date("2026-11-30")), 0);
    }

    #[test]
    fn the_shipped_files_are_fresh_today() {
        let f = Freshness::of(&catalog(), "2026-11-30").expect("measured");
        assert!(f.due.is_empty(), "{:?}", f.due);
        assert_eq!(f.stale().count(), 0);
    }

    #[test]
    fn a_year_on_they_are_due_and_after_eighteen_months_stale() {
        let cat = catalog();
        let settings: usize = cat.checks.iter().map(|c| c.settings.len()).sum();
        let year = Freshness::of(&cat, "2027-12-01").expect("measured");
        assert_eq!(year.due.len(), settings, "every setting is due a year on");
        assert_eq!(year.stale().count(), 0);
        let later = Freshness::of(&cat, "2028-06-01").expect("measured");
        assert!(later.stale().count() > 0);
        assert!(later.due.windows(2).all(|w| w[0].months >= w[1].months));
    }

    #[test]
    fn unverified_shared_links_and_few_essentials_are_listed() {
        let f = Freshness::of(&catalog(), "2026-11-30").expect("measured");
        let unverified: usize = f.unverified.iter().map(|u| u.settings.len()).sum();
        let expected: usize = catalog()
            .checks
            .iter()
            .map(|c| c.unverified().count())
            .sum();
        assert_eq!(unverified, expected);
        // Validation allows a link on more than two settings only as a hub.
        assert!(f.shared_links.iter().all(|l| l.hub), "{:?}", f.shared_links);
        for few in &f.few_essentials {
            assert!(few.essentials < MIN_ESSENTIALS);
        }
        assert!(Freshness::of(&catalog(), "30/11/2026").is_err());
    }
}

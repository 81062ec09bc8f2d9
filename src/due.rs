//! When each person is due for their next audit, and the days their calendar reminders
//! fall on: a fixed interval (a term, 120 days by default) from their last audit. Pure
//! date arithmetic on what the store lists; nothing here reads the clock.

use jiff::civil::Date;
use serde::Serialize;

use crate::store::PersonSummary;

/// About a school term: staff are advised to check themselves each term.
pub const DEFAULT_DAYS: u32 = 120;

/// How often to re-audit, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Every {
    pub days: u32,
}

impl Default for Every {
    fn default() -> Self {
        Every { days: DEFAULT_DAYS }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an interval: give days or weeks, such as 120d or 16w (at most 1000 days)")]
pub struct EveryError(pub String);

impl std::str::FromStr for Every {
    type Err = EveryError;

    /// `120d`, `120` (days) or `16w`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || EveryError(s.to_string());
        let t = s.trim().to_ascii_lowercase();
        let (number, unit) = match t.strip_suffix('w') {
            Some(n) => (n, 7),
            None => (t.strip_suffix('d').unwrap_or(&t), 1),
        };
        let n: u32 = number.trim().parse().map_err(|_| bad())?;
        let days = n.checked_mul(unit).ok_or_else(bad)?;
        if days == 0 || days > 1000 {
            return Err(bad());
        }
        Ok(Every { days })
    }
}

impl std::fmt::Display for Every {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} days", self.days)
    }
}

/// One person and when their next audit is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    /// Their last audit, `YYYY-MM-DD`.
    pub last_audit: String,
    /// `last_audit` plus the interval.
    pub due_on: String,
    /// `due_on` is today or past.
    pub due: bool,
    /// Days from today to `due_on` (negative when overdue).
    pub days_left: i64,
}

/// Everyone in `people`, due or not, the most overdue first.
pub fn due(people: &[PersonSummary], every: Every, today: Date) -> Vec<Due> {
    let mut out: Vec<Due> = people
        .iter()
        .map(|p| {
            let last = p.last_date.parse::<Date>().unwrap_or(today);
            let due_on = add_days(last, every.days);
            let days_left = (due_on - today).get_days().into();
            Due {
                name: p.name.clone(),
                school: p.school.clone(),
                last_audit: p.last_date.clone(),
                due_on: due_on.to_string(),
                due: due_on <= today,
                days_left,
            }
        })
        .collect();
    out.sort_by(|a, b| a.days_left.cmp(&b.days_left).then(a.name.cmp(&b.name)));
    out
}

/// The days of `count` reminders for someone last audited on `last`: one interval after
/// it, then one each interval; a reminder that would fall before `today` (they are
/// overdue) moves to `today`, and the rest follow on from it.
pub fn reminders(last: Date, every: Every, count: u32, today: Date) -> Vec<Date> {
    let first = add_days(last, every.days).max(today);
    (0..count)
        .map(|i| add_days(first, every.days.saturating_mul(i)))
        .collect()
}

fn add_days(date: Date, days: u32) -> Date {
    date.checked_add(jiff::Span::new().days(i64::from(days)))
        .unwrap_or(Date::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, last: &str) -> PersonSummary {
        PersonSummary {
            key: name.to_lowercase(),
            name: name.into(),
            school: None,
            audits: 1,
            last_id: 1,
            last_date: last.into(),
        }
    }

    #[test]
    fn intervals_in_days_or_weeks() {
        assert_eq!("120d".parse(), Ok(Every { days: 120 }));
        assert_eq!("90".parse(), Ok(Every { days: 90 }));
        assert_eq!(" 16W ".parse(), Ok(Every { days: 112 }));
        for bad in ["", "0d", "3m", "-5d", "1001d", "99999999999w", "d"] {
            assert!(bad.parse::<Every>().is_err(), "{bad}");
        }
    }

    #[test]
    fn due_from_the_last_audit_most_overdue_first() {
        let today: Date = "2026-06-01".parse().expect("date");
        let list = due(
            &[
                person("Recent", "2026-05-01"),
                person("Overdue", "2025-12-01"),
                person("Today", "2026-02-01"),
            ],
            Every::default(),
            today,
        );
        let names: Vec<_> = list.iter().map(|d| (d.name.as_str(), d.due)).collect();
        assert_eq!(
            names,
            [("Overdue", true), ("Today", true), ("Recent", false)]
        );
        assert_eq!(list[0].due_on, "2026-03-31");
        assert_eq!(list[0].days_left, -62);
        assert_eq!(list[1].days_left, 0);
        assert_eq!(list[2].days_left, 89);
    }

    #[test]
    fn reminders_one_per_term_never_in_the_past() {
        let last: Date = "2026-01-10".parse().expect("date");
        let soon: Date = "2026-02-01".parse().expect("date");
        let days: Vec<String> = reminders(last, Every::default(), 3, soon)
            .iter()
            .map(Date::to_string)
            .collect();
        assert_eq!(days, ["2026-05-10", "2026-09-07", "2027-01-05"]);
        let late: Date = "2026-07-01".parse().expect("date");
        let days = reminders(last, Every::default(), 2, late);
        assert_eq!(days[0], late, "overdue: the first reminder is today");
    }
}

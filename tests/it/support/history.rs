//! A history store with a made-up year of audits, written through the library's store API
//! (as `findable audit` and the web page write it), for the tests of `history`, `diff`,
//! `due`, `remind` and `forget`, and for the README's examples.

use std::path::Path;

use findable::checklist::{Answer, Answers, Person};
use findable::report::{FindingKind, Report};
use findable::store::Store;

pub fn jane() -> Person {
    Person {
        name: "Jane Smith".into(),
        school: Some("Oakwood Academy".into()),
    }
}

pub fn omar() -> Person {
    Person {
        name: "Omar Haddad".into(),
        school: Some("Riverside Primary".into()),
    }
}

/// `fixtures/reports/typical.json`: Jane Smith's audit, with accounts, pages and settings.
pub fn typical() -> Report {
    let text = std::fs::read_to_string("fixtures/reports/typical.json").expect("fixture");
    serde_json::from_str(&text).expect("a report")
}

fn answers(private_account: Answer) -> Answers {
    let mut a = Answers {
        person: Some(jane()),
        ..Answers::default()
    };
    for (check, setting, answer) in [
        ("tiktok", "private-account", private_account),
        ("tiktok", "suggest-account", Answer::NotSure),
        ("instagram", "private-account", Answer::No),
        ("facebook", "future-posts", Answer::No),
        ("x", "find-by-email", Answer::NotSure),
        ("facebook", "friends-list", Answer::NotSure),
        ("linkedin", "public-profile-visibility", Answer::No),
        ("strava", "privacy-zones", Answer::No),
    ] {
        a.set(check, setting, answer);
    }
    a
}

/// Jane's three audits a term apart (on 20 November 2025, 12 March 2026 and 9 July 2026),
/// and one of Omar's (4 May 2026):
/// - in March, a fake "slander" video and an Instagram account under her title and school
///   turned up;
/// - by July, she had made her TikTok account private and the school had taken her off its
///   staff page.
pub fn seed(path: &Path) {
    let mut store = Store::open(path).expect("a new store");
    let typical = typical();

    let mut first = typical.clone();
    first.date = "2025-11-20".into();
    let later = |f: &findable::report::Finding| {
        f.title.contains("schoolslander")
            || (f.kind == FindingKind::Profile && f.title.contains("ms.smith"))
    };
    first.findings.retain(|f| !later(f));
    store
        .save_audit(&jane(), &first, Some(&answers(Answer::No)))
        .expect("saved");

    let mut second = typical.clone();
    second.date = "2026-03-12".into();
    store
        .save_audit(&jane(), &second, Some(&answers(Answer::No)))
        .expect("saved");

    let mut other = typical.clone();
    other.date = "2026-05-04".into();
    other.subject.name = "Omar Haddad".into();
    other.subject.school = Some("Riverside Primary".into());
    other.summary = "Nothing clearly about you turned up.".into();
    other.findings.clear();
    other.score.value = Some(12);
    other.score.contributors.clear();
    other.actions.clear();
    other.stats.settings_open = 0;
    other.headline = "Nothing clearly about you turned up in what findable could check.".into();
    other.could_not_check = vec![findable::report::Unchecked {
        kind: findable::report::UncheckedKind::Username,
        platform: "Instagram".into(),
        what: "omarhaddad".into(),
        reason: "the site asks visitors to log in".into(),
        url: "https://www.instagram.com/omarhaddad/".into(),
    }];
    store.save_audit(&omar(), &other, None).expect("saved");

    let mut third = typical;
    third.date = "2026-07-09".into();
    let gone = |f: &findable::report::Finding| f.title.contains("Our staff");
    third.findings.retain(|f| !gone(f));
    third
        .actions
        .retain(|a| !(a.check == "tiktok" && a.setting == "private-account"));
    third.score.value = Some(84);
    third.stats.settings_open = 7;
    store
        .save_audit(&jane(), &third, Some(&answers(Answer::Yes)))
        .expect("saved");
}

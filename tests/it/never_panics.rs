//! Property test: whatever a person types, findable never panics and never produces an
//! empty or whitespace username.

use findable::subject::{Subject, SubjectInput};
use findable::variants::Variants;
use proptest::prelude::*;

fn check(name: String, other: String, nick: String, title: String) {
    let input = SubjectInput {
        name: Some(name),
        other_names: vec![other],
        nicknames: vec![nick],
        title: Some(title),
        birth_year: Some(1984),
        ..Default::default()
    };
    let raw = Subject {
        name: input.name.clone().unwrap_or_default(),
        other_names: input.other_names.clone(),
        nicknames: input.nicknames.clone(),
        title: input.title.clone(),
        ..Default::default()
    };
    // Invalid input is allowed to be rejected; it must never panic, and neither must
    // generating from it had it slipped through (a name of initials, say).
    let Ok(subject) = input.validate(2026) else {
        let _ = Variants::generate(&raw);
        return;
    };
    let v = Variants::generate(&subject);
    assert!(!v.names.is_empty(), "no names for {subject:?}");
    for u in &v.usernames {
        assert!(!u.text.trim().is_empty(), "empty username for {subject:?}");
        assert!(!u.text.contains(char::is_whitespace), "{:?}", u.text);
    }
    for n in &v.names {
        assert!(!n.text.trim().is_empty(), "empty name for {subject:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_unicode_never_panics(
        name in any::<String>(),
        other in any::<String>(),
        nick in any::<String>(),
        title in any::<String>(),
    ) {
        check(name, other, nick, title);
    }

    #[test]
    fn name_like_unicode_never_panics(
        name in r"(\PC{1,12}[ '\-]?){1,6}",
        other in r"\PC{0,20}",
        nick in r"\pL{1,10}",
        title in "(Mr|Mrs|Ms|Miss|Mx|Dr|Prof|)",
    ) {
        check(name, other, nick, title);
    }
}

#[test]
fn awkward_names_seen_in_real_life() {
    for name in [
        "Zoë",
        "李 小龍",
        "Αλέξανδρος Παπαδόπουλος",
        "Ӝ",
        "'",
        "Mr",
        "Dr Who",
        "O' Brien",
        "-",
        "Jean-- Luc",
        "A B C D E F G H I J K L M N O P",
        "محمد علي",
        "X Æ A-12",
        "\u{200b}Jane\u{200b} Smith",
        "de la",
        "van",
        "Ó Briain Seán",
        "Siobhán Ní Bhriain",
        "Mairéad Nic Giolla Phádraig",
        "Nic Giolla",
        "Máire Bean Uí",
        "Bean Uí Bhriain",
        "J",
        "Dr J.",
        "S\u{301}iobhán Ɲí ǅ",
    ] {
        check(name.to_string(), "Jones".into(), "J".into(), "Ms".into());
    }
}

proptest! {
    /// Whatever a roster file holds, reading it gives starters, skipped rows or one error:
    /// never a panic, and every starter has a name.
    #[test]
    fn any_roster_is_read_without_panicking(
        header in prop::sample::select(vec![
            "name,start date,consent",
            "Name;Title;Usernames;Start date;Consent",
            "\u{feff}full name\tstart\tconsent to check",
            "consent,name",
        ]),
        rows in proptest::collection::vec("[ -~\u{e1}\u{f3}\u{feff}\"\n;,\t]{0,60}", 0..8),
    ) {
        let school = findable::school::School::from_toml("s.toml", "name = \"Oakwood\"\n")
            .expect("school");
        let text = format!("{header}\n{}", rows.join("\n"));
        if let Ok(roster) = findable::onboard::Roster::from_csv("r.csv", &text, &school, 2026) {
            for starter in &roster.starters {
                prop_assert!(!starter.subject.name.trim().is_empty());
            }
        }
    }

    /// Whatever a name is, its folder name is plain, short and never a reserved name.
    #[test]
    fn folder_names_are_always_safe(name in "\\PC{0,80}") {
        let folder = findable::onboard::folder_name(&name);
        prop_assert!(!folder.is_empty() && folder.len() <= 67);
        prop_assert!(folder.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        prop_assert!(!folder.starts_with('-') && !folder.ends_with('-'));
        prop_assert!(!["con", "nul", "prn", "aux", "com1", "lpt1"].contains(&folder.as_str()));
    }
}

//! Name and username variants for the real names staff have.

use findable::subject::{Subject, SubjectInput};
use findable::variants::{Variant, Variants};

fn subject(name: &str) -> SubjectInput {
    SubjectInput {
        name: Some(name.to_string()),
        ..Default::default()
    }
}

fn generate(input: SubjectInput) -> Variants {
    let subject: Subject = input.validate(2026).expect("valid subject");
    Variants::generate(&subject)
}

fn texts(list: &[Variant]) -> Vec<&str> {
    list.iter().map(|v| v.text.as_str()).collect()
}

#[track_caller]
fn has(list: &[Variant], wanted: &[&str]) {
    let got = texts(list);
    for w in wanted {
        assert!(got.contains(w), "missing {w:?} in {got:?}");
    }
}

#[track_caller]
fn lacks(list: &[Variant], unwanted: &[&str]) {
    let got = texts(list);
    for u in unwanted {
        assert!(!got.contains(u), "unexpected {u:?}");
    }
}

#[test]
fn done_when_example_obrien_smith() {
    let mut input = subject("Elizabeth O'Brien-Smith");
    input.title = Some("Ms".into());
    let v = generate(input);
    has(
        &v.names,
        &[
            "Elizabeth O'Brien-Smith",
            "Liz O'Brien-Smith",
            "Ms O'Brien-Smith",
        ],
    );
    has(
        &v.usernames,
        &[
            "elizabeth.obriensmith",
            "lizobriensmith",
            "eobriensmith",
            "msobriensmith",
        ],
    );
}

#[test]
fn diacritics_fold_in_usernames_but_stay_in_names() {
    let v = generate(subject("Zoë Taylor"));
    has(&v.names, &["Zoë Taylor"]);
    has(&v.usernames, &["zoetaylor", "zoe.taylor", "ztaylor"]);
    assert!(v.usernames.iter().all(|u| u.text.is_ascii()));
}

#[test]
fn nicknames_work_in_both_directions() {
    let v = generate(subject("Elizabeth Smith"));
    has(&v.names, &["Liz Smith", "Beth Smith", "Lizzie Smith"]);
    let v = generate(subject("Bill Jones"));
    has(&v.names, &["William Jones"]);
    has(&v.usernames, &["williamjones", "billjones"]);
}

#[test]
fn nicknames_given_by_the_person_come_before_table_guesses() {
    let mut input = subject("Margaret Hughes");
    input.nicknames = vec!["Mags".into()];
    let v = generate(input);
    let pos = |t: &str| texts(&v.names).iter().position(|x| *x == t);
    let mags = pos("Mags Hughes").expect("nickname name");
    let peggy = pos("Peggy Hughes")
        .or(pos("Maggie Hughes"))
        .expect("table name");
    assert!(mags < peggy);
    has(&v.usernames, &["magshughes", "mhughes"]);
}

#[test]
fn username_anarchy_formats_are_all_there() {
    let v = generate(subject("Anna Mary Key"));
    has(
        &v.usernames,
        &[
            "annakey",
            "anna.key",
            "anna_key",
            "anna-key",
            "akey",
            "a.key",
            "annak",
            "keyanna",
            "key.anna",
            "keya",
            "key.a",
            "kanna",
            "k.anna",
            "anna.k",
            "amkey",
            "annamarykey",
            "anna.mary.key",
            "annamkey",
            "annakey",
            "annakey",
        ],
    );
    // first+last truncated to 8
    let v = generate(subject("Christopher Robinson"));
    has(&v.usernames, &["christop", "chrirobi"]);
}

#[test]
fn title_forms_and_alternatives() {
    let mut input = subject("Jane Jones");
    input.title = Some("Ms".into());
    let v = generate(input);
    has(&v.names, &["Ms Jones", "Miss Jones", "Mrs Jones"]);
    has(
        &v.usernames,
        &[
            "msjones",
            "ms_jones",
            "ms.jones",
            "missjones",
            "mrsjones",
            "msjonesteaches",
            "msjonesclass",
        ],
    );
    lacks(&v.names, &["Mr Jones"]);

    let mut input = subject("Priya Patel");
    input.title = Some("dr".into());
    let v = generate(input);
    has(&v.names, &["Dr Patel"]);
    has(&v.usernames, &["drpatel", "dr_patel"]);

    let mut input = subject("Tom Smith");
    input.title = Some("Mr".into());
    let v = generate(input);
    has(
        &v.usernames,
        &["mrsmith", "mr_smith", "mr.smith", "mrsmithteaches"],
    );
    lacks(&v.names, &["Mrs Smith", "Miss Smith"]);
}

#[test]
fn a_title_written_into_the_name_is_used() {
    let v = generate(subject("Mrs Sarah Khan"));
    has(&v.names, &["Sarah Khan", "Mrs Khan"]);
    has(&v.usernames, &["mrskhan"]);
}

#[test]
fn birth_year_suffixes_go_on_the_strongest_forms() {
    let mut input = subject("Jane Jones");
    input.title = Some("Miss".into());
    input.birth_year = Some(1984);
    let v = generate(input);
    has(
        &v.usernames,
        &[
            "missjones84",
            "missjones1984",
            "janejones84",
            "jane.jones1984",
            "jjones84",
        ],
    );
    // weak forms do not get years
    lacks(&v.usernames, &["jones.j84", "jj84"]);
}

#[test]
fn handles_given_come_first_verbatim() {
    let mut input = subject("Jane Jones");
    input.usernames = vec!["instagram:Jane_J.Art".into(), "jj_teaches".into()];
    let v = generate(input);
    assert_eq!(v.usernames[0].weight, 1.0);
    has(&v.usernames, &["Jane_J.Art", "jj_teaches"]);
    let art = v.usernames.iter().find(|u| u.text == "Jane_J.Art").unwrap();
    assert!(art.source.contains("instagram"));
}

#[test]
fn other_surnames_and_other_full_names() {
    let mut input = subject("Jane Smith");
    input.other_names = vec!["Jones".into(), "Janet Brown".into()];
    input.title = Some("Mrs".into());
    let v = generate(input);
    has(
        &v.names,
        &[
            "Jane Jones",
            "Mrs Jones",
            "Janet Brown",
            "Jane Brown",
            "Miss Jones",
        ],
    );
    has(
        &v.usernames,
        &[
            "janejones",
            "jane.jones",
            "mrsjones",
            "missjones",
            "janetbrown",
        ],
    );
}

#[test]
fn hyphenated_surnames_give_every_spelling_and_each_part() {
    let v = generate(subject("Tom Smith-Jones"));
    has(
        &v.usernames,
        &[
            "tomsmithjones",
            "tomsmith-jones",
            "tomsmith_jones",
            "tomsmith",
            "tomjones",
        ],
    );
    has(&v.names, &["Tom Smith", "Tom Jones", "Tom Smith-Jones"]);
    let mut input = subject("Tom Smith-Jones");
    input.title = Some("Mr".into());
    let v = generate(input);
    has(
        &v.usernames,
        &[
            "mrsmithjones",
            "mrsmith-jones",
            "mrsmith_jones",
            "mrsmith",
            "mrjones",
        ],
    );
}

#[test]
fn apostrophes_drop_and_mc_stays_as_written() {
    let v = generate(subject("Sean O'Brien"));
    has(&v.usernames, &["seanobrien", "sobrien"]);
    has(&v.names, &["Sean O'Brien"]);
    let v = generate(subject("Ian McDonald"));
    has(&v.names, &["Ian McDonald"]);
    has(&v.usernames, &["ianmcdonald", "imcdonald"]);
    lacks(&v.names, &["Ian Donald"]);
}

#[test]
fn particles_stay_with_the_surname() {
    let v = generate(subject("Anna van der Berg"));
    has(&v.names, &["Anna van der Berg", "Anna Berg"]);
    has(
        &v.usernames,
        &[
            "annavanderberg",
            "anna.vanderberg",
            "annaberg",
            "avanderberg",
        ],
    );
    lacks(&v.names, &["Anna van der"]);
    let v = generate(subject("Maria de la Cruz"));
    has(&v.usernames, &["mariadelacruz", "mariacruz"]);
    let v = generate(subject("Rhys ap Gruffydd"));
    has(&v.names, &["Rhys ap Gruffydd"]);
    has(&v.usernames, &["rhysapgruffydd", "rhysgruffydd"]);
}

#[test]
fn single_word_names_still_give_usable_variants() {
    let mut input = subject("Madonna");
    input.title = Some("Miss".into());
    let v = generate(input);
    has(&v.names, &["Madonna", "Miss Madonna"]);
    has(&v.usernames, &["madonna", "missmadonna"]);
}

#[test]
fn very_long_names_are_handled_and_capped() {
    let name = "Maria José Carolina Esperanza de los Santos Fernández";
    let v = generate(subject(name));
    has(&v.names, &[name, "Maria Fernández"]);
    assert!(v.usernames.iter().all(|u| u.text.len() <= 64));
    has(&v.usernames, &["mariafernandez"]);
    let long = format!("{} {}", "A".repeat(90), "B".repeat(90));
    let v = generate(subject(&long));
    assert!(
        v.usernames
            .iter()
            .all(|u| !u.text.is_empty() && u.text.len() <= 64)
    );
}

#[test]
fn lists_are_deduplicated_sorted_and_deterministic() {
    let mut input = subject("Elizabeth Anne O'Brien-Smith");
    input.title = Some("Ms".into());
    input.nicknames = vec!["Lizzie".into(), "lizzie".into()];
    input.birth_year = Some(1990);
    let a = generate(input.clone());
    let b = generate(input);
    assert_eq!(a, b);
    for list in [&a.names, &a.usernames] {
        let mut seen = std::collections::HashSet::new();
        for v in list.iter() {
            assert!(seen.insert(v.text.to_lowercase()), "duplicate {}", v.text);
            assert!(v.weight > 0.0 && v.weight <= 1.0);
            assert!(!v.source.is_empty());
        }
        assert!(list.windows(2).all(|w| w[0].weight >= w[1].weight));
    }
}

#[test]
fn every_username_is_clean() {
    let v = generate(subject("Émilie-Anne  D'Arcy"));
    for u in &v.usernames {
        assert!(!u.text.trim().is_empty());
        assert!(!u.text.contains(char::is_whitespace));
        assert!(!u.text.starts_with(['.', '_', '-']) && !u.text.ends_with(['.', '_', '-']));
        assert!(!u.text.contains("..") && !u.text.contains("__") && !u.text.contains("-_"));
    }
    has(&v.usernames, &["emilieannedarcy", "edarcy"]);
}

/// A name with an Irish or Scottish Gaelic surname and what it must give with title Ms.
struct Gaelic {
    name: &'static str,
    names: &'static [&'static str],
    not: &'static [&'static str],
    usernames: &'static [&'static str],
}

const GAELIC: &[Gaelic] = &[
    Gaelic {
        name: "Siobhán Ní Bhriain",
        names: &[
            "Siobhán Ní Bhriain",
            "Ms Ní Bhriain",
            "Ms Ni Bhriain",
            "Siobhan Ni Bhriain",
            "Miss Ní Bhriain",
        ],
        not: &["Ms Bhriain", "Siobhán Bhriain", "Siobhan Bhriain"],
        usernames: &[
            "siobhannibhriain",
            "siobhan.nibhriain",
            "snibhriain",
            "msnibhriain",
        ],
    },
    Gaelic {
        name: "Siobhan Ni Bhriain",
        names: &["Siobhan Ni Bhriain", "Ms Ni Bhriain"],
        not: &["Ms Bhriain", "Siobhan Bhriain"],
        usernames: &["siobhannibhriain", "snibhriain", "msnibhriain"],
    },
    Gaelic {
        name: "Mairéad Nic Giolla Phádraig",
        names: &[
            "Mairéad Nic Giolla Phádraig",
            "Ms Nic Giolla Phádraig",
            "Mairead Nic Giolla Phadraig",
            "Ms Nic Giolla Phadraig",
        ],
        not: &[
            "Mairéad Phádraig",
            "Ms Phádraig",
            "Mairéad Giolla Phádraig",
            "Ms Giolla Phádraig",
        ],
        usernames: &["maireadnicgiollaphadraig", "mnicgiollaphadraig"],
    },
    Gaelic {
        name: "Seán Ó Briain",
        names: &[
            "Seán Ó Briain",
            "Sean O Briain",
            "Ms Ó Briain",
            "Ms O Briain",
        ],
        not: &["Seán Briain", "Ms Briain"],
        usernames: &["seanobriain", "sobriain", "msobriain"],
    },
    Gaelic {
        name: "Máire Mhic Aoidh",
        names: &["Máire Mhic Aoidh", "Maire Mhic Aoidh", "Ms Mhic Aoidh"],
        not: &["Máire Aoidh", "Ms Aoidh"],
        usernames: &["mairemhicaoidh", "mmhicaoidh"],
    },
    Gaelic {
        name: "Máire Bean Uí Bhriain",
        names: &[
            "Máire Bean Uí Bhriain",
            "Ms Bean Uí Bhriain",
            "Máire Uí Bhriain",
            "Ms Uí Bhriain",
            "Maire Ui Bhriain",
        ],
        not: &["Máire Bhriain", "Ms Bhriain"],
        usernames: &["mairebeanuibhriain", "maireuibhriain"],
    },
    Gaelic {
        name: "Eilidh Nic a' Phearsain",
        names: &["Eilidh Nic a' Phearsain", "Ms Nic a' Phearsain"],
        not: &["Ms Phearsain"],
        usernames: &["eilidhnicaphearsain"],
    },
];

#[test]
fn gaelic_surname_particles_are_part_of_the_surname() {
    for case in GAELIC {
        let mut input = subject(case.name);
        input.title = Some("Ms".into());
        let v = generate(input);
        has(&v.names, case.names);
        lacks(&v.names, case.not);
        has(&v.usernames, case.usernames);
    }
}

#[test]
fn a_gaelic_other_surname_is_kept_whole() {
    let mut input = subject("Jane Smith");
    input.other_names = vec!["Nic Giolla Phádraig".into()];
    let v = generate(input);
    has(
        &v.names,
        &["Jane Nic Giolla Phádraig", "Jane Nic Giolla Phadraig"],
    );
    lacks(&v.names, &["Nic Giolla", "Jane Phádraig"]);
}

/// (name, title, a form as written, the same form without accents)
const UNACCENTED: &[(&str, &str, &str, &str)] = &[
    (
        "Siobhán Ní Bhriain",
        "Ms",
        "Siobhán Ní Bhriain",
        "Siobhan Ni Bhriain",
    ),
    ("Seán Ó Briain", "Mr", "Mr Ó Briain", "Mr O Briain"),
    ("Ana Wiśniewska", "Dr", "Ana Wiśniewska", "Ana Wisniewska"),
    ("Ana Wiśniewska", "Dr", "Dr Wiśniewska", "Dr Wisniewska"),
    ("Zoë Taylor", "Miss", "Zoë Taylor", "Zoe Taylor"),
    ("Zoë Taylor", "Miss", "Miss Taylor", "Miss Taylor"),
    (
        "Émilie-Anne D'Arcy",
        "Ms",
        "Émilie-Anne D'Arcy",
        "Emilie-Anne D'Arcy",
    ),
];

#[test]
fn every_form_with_accents_also_comes_without_them_a_little_lighter() {
    for (name, title, with, without) in UNACCENTED {
        let mut input = subject(name);
        input.title = Some(title.to_string());
        let v = generate(input);
        let find = |t: &str| v.names.iter().find(|n| n.text == t);
        let accented = find(with).unwrap_or_else(|| panic!("{with} missing"));
        let plain = find(without).unwrap_or_else(|| panic!("{without} missing"));
        if with == without {
            continue;
        }
        assert!(plain.weight < accented.weight, "{without}");
        assert!(plain.weight >= accented.weight * 0.9, "{without}");
        assert!(plain.source.contains("without accents"), "{}", plain.source);
        assert!(!accented.source.contains("without accents"));
    }
    // A name with no accents gets no copies.
    let v = generate(subject("Jane Smith"));
    assert!(v.names.iter().all(|n| !n.source.contains("accents")));
    // Other scripts are not transliterated: that is not taking accents off.
    let v = generate(subject("Αλέξανδρος Παπαδόπουλος"));
    assert!(v.names.iter().all(|n| !n.text.is_ascii()));
}

#[test]
fn a_doctor_is_also_miss_mrs_mr_and_ms_below_dr() {
    let mut input = subject("Ana Wiśniewska");
    input.title = Some("Dr".into());
    let v = generate(input);
    let weight = |t: &str| {
        v.names
            .iter()
            .find(|n| n.text == t)
            .map(|n| n.weight)
            .unwrap_or_else(|| panic!("{t} missing"))
    };
    let dr = weight("Dr Wiśniewska");
    for other in [
        "Miss Wiśniewska",
        "Mrs Wiśniewska",
        "Mr Wiśniewska",
        "Ms Wiśniewska",
        "Miss Wisniewska",
        "Doctor Wiśniewska",
    ] {
        assert!(weight(other) < dr, "{other}");
    }
    let miss = v.names.iter().find(|n| n.text == "Miss Wiśniewska");
    let source = miss.map(|n| n.source.as_str()).unwrap_or_default();
    assert_eq!(
        source,
        "title + surname (Miss instead of Dr, as pupils often say Miss or Mr to a doctor too)"
    );
    has(
        &v.usernames,
        &["drwisniewska", "misswisniewska", "mrwisniewska"],
    );
    // Other titles are unchanged: a Mr is never Miss.
    let mut input = subject("Tom Smith");
    input.title = Some("Mr".into());
    lacks(&generate(input).names, &["Miss Smith", "Dr Smith"]);
}

/// (name, spellings of its short forms that must all be there)
const SHORT_FORM_SPELLINGS: &[(&str, &[&str])] = &[
    ("Jane Smith", &["Janey Smith", "Janie Smith"]),
    (
        "Katherine Smith",
        &["Kate Smith", "Katie Smith", "Katy Smith"],
    ),
    (
        "Victoria Smith",
        &["Vicky Smith", "Vicki Smith", "Vikki Smith"],
    ),
    ("Deborah Smith", &["Debbie Smith", "Debby Smith"]),
    ("Janie Smith", &["Jane Smith"]),
    ("Debby Smith", &["Deborah Smith", "Debra Smith"]),
];

#[test]
fn spellings_of_short_forms_are_there_both_ways() {
    for (name, wanted) in SHORT_FORM_SPELLINGS {
        has(&generate(subject(name)).names, wanted);
    }
}

#[test]
fn a_name_of_initials_only_is_refused_in_one_line() {
    for name in ["J", "J.", "Dr J"] {
        let out = crate::support::findable()
            .args(["variants", "--name", name])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(&format!(
                "--name {name:?}: give your first name and surname as used at work, e.g. --name \"Jane Smith\""
            )),
            "{stderr}"
        );
        assert!(out.stdout.is_empty());
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("me.toml");
    std::fs::write(&file, "title = \"Ms\"\nname = \"J.\"\n").expect("write");
    let out = crate::support::findable()
        .args(["variants", "--subject"])
        .arg(&file)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("me.toml:2: name \"J.\": give your first name"),
        "{stderr}"
    );
}

#[test]
fn an_initial_and_a_surname_is_enough() {
    let mut input = subject("J Smith");
    input.title = Some("Ms".into());
    let v = generate(input);
    has(&v.names, &["J Smith", "J. Smith", "Ms Smith", "Miss Smith"]);
    has(&v.usernames, &["jsmith", "j.smith", "mssmith"]);
}

//! Fixed inputs for the onboarding snapshots: Oakwood Academy's school file and Ms Jane
//! Smith's pack, with the made-up Pupilgram platform and fixed name forms, so a snapshot
//! moves only when the rendering does.

use crate::Catalog;
use crate::onboard::{Index, IndexEntry, Pack, Roster, RowError, Scan, Written};
use crate::plan::PlannedProbe;
use crate::plan::links::SearchLinks;
use crate::render::fixtures as shared;
use crate::school::School;

pub fn catalog() -> Catalog {
    shared::catalog()
}

pub fn school() -> School {
    School::from_toml(
        "school.toml",
        r#"
name = "Oakwood Academy"
website = "https://www.oakwood.sch.uk"
town = "Leeds"
dsl_name = "Mrs Priya Patel"
dsl_contact = "dsl@oakwood.sch.uk"
policy_url = "https://www.oakwood.sch.uk/policies/social-media"
official_accounts = ["pupilgram:oakwoodacademy", "tiktok:oakwood_academy"]
"#,
    )
    .expect("a valid school file")
}

/// When the calendar was made, for a stable DTSTAMP.
pub fn stamp() -> jiff::Timestamp {
    "2025-11-20T10:15:00Z".parse().expect("a timestamp")
}

/// The day of the run.
pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2025, 8, 28)
}

pub fn pack() -> Pack {
    let catalog = catalog();
    let roster = Roster::from_csv(
        "roster.csv",
        "name,title,usernames,start date,consent\n\
         Jane Smith,Ms,pupilgram:janesmith_teach,01/09/2025,yes\n",
        &school(),
        2026,
    )
    .expect("a roster");
    let mut pack = Pack::build(
        &roster.starters[0],
        "jane-smith".into(),
        &["pupilgram".to_string()],
        &catalog,
    );
    let variants = shared::variants();
    pack.names = variants.names.clone();
    pack.more_names = 20;
    pack.usernames = variants.usernames.clone();
    pack.more_usernames = 300;
    pack.searches = SearchLinks::build(&shared::queries(), &variants.names);
    pack.pages = ["janesmith_teach", "janesmith", "jane.smith"]
        .iter()
        .map(|u| PlannedProbe {
            site: "pupilgram".into(),
            username: (*u).into(),
            url: format!("https://pupilgram.example/{u}"),
            weight: 1.0,
            source: "test".into(),
        })
        .collect();
    pack
}

/// Three starters (one kept from an earlier run, one checked online) and two rows skipped.
pub fn index() -> Index {
    let jane = pack();
    let mut checked = pack();
    checked.name = "Siobhán Ní Bhriain".into();
    checked.folder = "siobhan-ni-bhriain".into();
    checked.scan = Scan::Done {
        date: "2025-08-28".into(),
        report: "report.html".into(),
        partial: false,
    };
    let mut kept = pack();
    kept.name = "Tom Brown".into();
    kept.title = Some("Mr".into());
    kept.folder = "tom-brown".into();
    kept.consent = false;
    Index {
        school: "Oakwood Academy".into(),
        made: today(),
        people: vec![
            IndexEntry::new(&jane, Written::New),
            IndexEntry::new(&checked, Written::New),
            IndexEntry::new(&kept, Written::Kept),
        ],
        skipped: vec![
            RowError {
                line: 4,
                name: None,
                message: "no name: every row needs the person's name".into(),
            },
            RowError {
                line: 7,
                name: Some("Dan Fox".into()),
                message: "consent \"maybe\" is not yes or no".into(),
            },
        ],
        scanned: true,
    }
}

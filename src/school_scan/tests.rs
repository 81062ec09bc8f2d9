//! The scan read end to end on pages written here: a staff card, a table, a governors page,
//! a news story naming "Miss Smith", and images named after staff.

use super::*;
use crate::engine::crawl::{RobotsFile, SiteCrawl, SitePage};
use crate::subject::SubjectInput;

fn staff(name: &str, title: &str) -> Staff {
    Staff::new(
        SubjectInput {
            name: Some(name.into()),
            title: Some(title.into()),
            ..SubjectInput::default()
        }
        .validate(2026)
        .expect("subject"),
    )
}

fn crawl(pages: &[(&str, &str)]) -> SiteCrawl {
    SiteCrawl {
        start: "https://www.oakwood.sch.uk/".into(),
        robots: RobotsFile::Read,
        sitemap_pages: 0,
        pages: pages
            .iter()
            .map(|(url, html)| SitePage {
                url: (*url).into(),
                depth: 1,
                status: 200,
                html: (*html).into(),
                truncated: false,
            })
            .collect(),
        not_crawled: Vec::new(),
        not_crawled_more: 0,
        not_reached: 0,
        too_deep: 0,
        warnings: Vec::new(),
        partial: false,
    }
}

#[test]
fn cards_tables_governors_news_and_file_names() {
    let site = crawl(&[
        (
            "https://www.oakwood.sch.uk/our-staff",
            r#"<title>Our staff</title><div class="staff-card"><img src="/img/p1.jpg" alt="">
               <h3>Mrs Jane Smith</h3><p>Head of Science</p><a href="mailto:j.smith@oakwood.sch.uk">Email</a></div>
               <div class="staff-card"><img src="/img/p2.jpg"><h3>Mr Tom Brown</h3><p>Year 4 teacher</p></div>"#,
        ),
        (
            "https://www.oakwood.sch.uk/contact",
            r#"<title>Contact</title><table><tr><th scope="col">Name</th><th scope="col">Role</th></tr>
               <tr><td>Priya Patel</td><td>Designated Safeguarding Lead</td></tr></table>
               <p>office@oakwood.sch.uk</p>"#,
        ),
        (
            "https://www.oakwood.sch.uk/governors",
            r#"<title>Governors</title><ul><li>Alan Green, Chair of Governors</li></ul>"#,
        ),
        (
            "https://www.oakwood.sch.uk/news/trip",
            r#"<title>Year 5 trip</title><p>Miss Smith's class visited the museum.</p>"#,
        ),
        (
            "https://www.oakwood.sch.uk/gallery",
            r#"<title>Gallery</title><img src="/uploads/priya-patel.jpg" alt="">"#,
        ),
    ]);
    let people = [
        staff("Jane Smith", "Mrs"),
        staff("Priya Patel", "Ms"),
        staff("Alan Green", "Mr"),
        staff("Nobody Here", "Mr"),
    ];
    let (website, sightings) = site::read(&site, &people);
    let jane = staff_exposure("Jane Smith", &sightings[0], Voice::School);
    assert_eq!(jane.findings.len(), 1, "{jane:?}");
    let card = &jane.findings[0];
    assert_eq!(
        card.what,
        "Jane Smith's full name, photo and email address are on this page"
    );
    assert_eq!(card.severity, Severity::High);
    assert!(
        card.details
            .contains(&"Photo: /img/p1.jpg (it is in the same box as the name)".to_string()),
        "{card:?}"
    );
    assert!(
        card.details
            .contains(&"Role beside it: Head of Science".to_string()),
        "{card:?}"
    );
    assert_eq!(jane.title_only[0].name, "Miss Smith");
    assert_eq!(
        jane.title_only[0].url,
        "https://www.oakwood.sch.uk/news/trip"
    );

    let priya = staff_exposure("Priya Patel", &sightings[1], Voice::You);
    let urls: Vec<&str> = priya.findings.iter().map(|f| f.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://www.oakwood.sch.uk/gallery",
            "https://www.oakwood.sch.uk/contact"
        ]
    );
    assert_eq!(
        priya.findings[0].what,
        "Your full name and photo are on this page"
    );
    assert!(
        priya.findings[1]
            .details
            .iter()
            .any(|d| d.contains("Designated Safeguarding Lead"))
    );
    assert!(
        priya.findings[1]
            .details
            .iter()
            .all(|d| !d.starts_with("Email")),
        "office@ is shared"
    );

    let alan = staff_exposure("Alan Green", &sightings[2], Voice::School);
    assert_eq!(alan.findings[0].severity, Severity::Low);
    assert!(
        alan.findings[0]
            .fix
            .starts_with("Governors' and trustees' names must be published")
    );
    assert!(sightings[3].is_empty());

    assert_eq!(website.pages_read, 5);
    assert_eq!(website.named_in_full, 4, "{website:?}");
    assert_eq!(website.with_photos, 3, "{website:?}");
    assert_eq!(website.personal_emails, 1);
    assert_eq!(website.pages[0].url, "https://www.oakwood.sch.uk/our-staff");
}

#[test]
fn handles_and_a_headline_that_never_says_safe() {
    let all = handles("Oakwood Academy", &[staff("Jane Smith", "Ms")]);
    let texts: Vec<&str> = all.iter().map(|v| v.text.as_str()).collect();
    assert!(
        texts.contains(&"oakwoodacademy") && texts.contains(&"mssmith_oakwood"),
        "{texts:?}"
    );
    let report = SchoolReport {
        schema_version: SCHEMA_VERSION,
        date: "2026-12-01".into(),
        school: "Oakwood Academy".into(),
        headline: String::new(),
        website: None,
        staff: Vec::new(),
        without_consent: 0,
        accounts: Accounts::default(),
        fixes: Vec::new(),
        partial: false,
    };
    let line = headline(&report);
    assert!(
        line.contains("not checked") && line.contains("could not check any handle"),
        "{line}"
    );
}

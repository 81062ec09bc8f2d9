//! `findable school` end to end against the fake school website and fake platforms on
//! 127.0.0.1: each layout, the crawl's bounds, robots.txt, the off-site redirect and the
//! page that never ends, impersonation handles and official accounts, hostile page text
//! in every format, and bad input.

use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

use crate::support::fake_platforms::{Behaviour, FakePlatforms, PlatformSpec, users};
use crate::support::findable;
use crate::support::school_site::{SchoolSite, SiteOptions};

async fn output(mut cmd: Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("runs"))
        .await
        .expect("join")
}

/// A fake platform where the school's parody and official accounts exist, as check files.
async fn platform(dir: &Path) -> FakePlatforms {
    let fake = FakePlatforms::start(vec![PlatformSpec::new(
        "clips",
        Behaviour::Normal {
            existing: users(&["oakwoodacademy", "oakwoodacademy_memes", "fakemrssmith"]),
        },
    )])
    .await
    .expect("fake platform");
    for (name, text) in fake.check_files() {
        std::fs::write(dir.join(name), text).expect("check file");
    }
    fake
}

const ROSTER: &str = "name,title,start date,consent\n\
Jane Smith,Mrs,2026-09-01,yes\n\
Priya Patel,Ms,2026-09-01,yes\n\
Tom Brown,Mr,2026-09-01,yes\n\
Alan Green,Mr,2026-09-01,yes\n\
Sarah Khan,Mrs,2026-09-01,no\n";

fn scan_command(site: &SchoolSite, dir: &Path, extra: &[&str]) -> Command {
    let roster = dir.join("roster.csv");
    std::fs::write(&roster, ROSTER).expect("roster");
    let mut cmd = findable();
    cmd.args(["school", "--school", "Oakwood Academy", "--website"])
        .arg(format!("{}/", site.base()))
        .arg("--roster")
        .arg(&roster)
        .arg("--checks")
        .arg(dir.join("checks"))
        .args(["--official", "clips:oakwoodacademy"])
        .args(extra);
    cmd
}

fn finding_urls(person: &Value) -> Vec<String> {
    person["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["url"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn path_of(url: &str) -> &str {
    url.splitn(4, '/')
        .nth(3)
        .map_or("/", |p| &url[url.len() - p.len() - 1..])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_layout_is_read_and_accounts_are_asked_honestly() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("checks")).expect("checks dir");
    let _fake = platform(&dir.path().join("checks")).await;
    let site = SchoolSite::start(SiteOptions::default())
        .await
        .expect("site");
    let started = Instant::now();
    let out = output(scan_command(
        &site,
        dir.path(),
        &["--format", "json", "--max-handles", "40"],
    ))
    .await;
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let web = &report["website"];

    // The staff table: full name, role and a personal email; "Mr T. Brown" is title only.
    let staff = report["staff"].as_array().expect("staff");
    let names: Vec<&str> = staff
        .iter()
        .map(|s| s["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        ["Jane Smith", "Priya Patel", "Tom Brown", "Alan Green"],
        "consent only"
    );
    assert_eq!(report["without_consent"], 1);
    let priya = &staff[1]["findings"][0];
    assert!(
        priya["url"].as_str().unwrap_or("").ends_with("/our-staff/"),
        "{priya}"
    );
    let details = priya["details"].to_string();
    assert!(
        details.contains("Designated Safeguarding Lead")
            && details.contains("p.patel@oakwood.example"),
        "{details}"
    );

    // Cards with portraits, an image named after her, the hostile notices page; the news
    // story only says "Miss Smith".
    let jane = &staff[0];
    let paths: Vec<String> = finding_urls(jane)
        .iter()
        .map(|u| path_of(u).to_string())
        .collect();
    for wanted in ["/meet-the-team/", "/gallery/", "/notices/"] {
        assert!(
            paths.iter().any(|p| p == wanted),
            "{wanted} not in {paths:?}"
        );
    }
    let card = jane["findings"]
        .as_array()
        .and_then(|f| {
            f.iter().find(|f| {
                f["url"]
                    .as_str()
                    .is_some_and(|u| u.ends_with("/meet-the-team/"))
            })
        })
        .expect("the team page");
    assert_eq!(
        card["what"],
        "Jane Smith's full name and photo are on this page"
    );
    assert!(
        card["details"].to_string().contains("Head of Science"),
        "{card}"
    );
    let gallery = jane["findings"]
        .as_array()
        .and_then(|f| {
            f.iter()
                .find(|f| f["url"].as_str().is_some_and(|u| u.ends_with("/gallery/")))
        })
        .expect("the gallery");
    assert!(
        gallery["details"]
            .to_string()
            .contains("its file name is the name"),
        "{gallery}"
    );
    assert_eq!(jane["title_only"][0]["name"], "Miss Smith");
    assert!(
        jane["title_only"][0]["url"]
            .as_str()
            .unwrap_or("")
            .ends_with("/news/museum-trip/")
    );

    // A portrait whose alt text is the full name, under "Mr Brown".
    let tom = &staff[2];
    assert!(
        tom["findings"][0]["details"]
            .to_string()
            .contains("alt text"),
        "{tom}"
    );
    assert!(tom["title_only"].to_string().contains("Mr Brown"), "{tom}");

    // The governors page: required by law, so the advice says so.
    let alan = &staff[3]["findings"][0];
    assert_eq!(alan["severity"], "low");
    assert!(
        alan["fix"]
            .as_str()
            .unwrap_or("")
            .starts_with("Governors' and trustees' names must be published")
    );

    // The whole site.
    assert!(web["named_in_full"].as_u64().unwrap_or(0) >= 6, "{web}");
    assert!(web["with_photos"].as_u64().unwrap_or(0) >= 2, "{web}");
    assert_eq!(web["personal_emails"], 2, "{web}");

    // robots.txt kept findable out of /private/, the old site was not followed, and the
    // page that never ends was cut off.
    let requested = site.requested();
    assert!(
        !requested.iter().any(|p| p.starts_with("/private/")),
        "{requested:?}"
    );
    assert!(
        !requested.iter().any(|p| p.ends_with(".pdf")),
        "{requested:?}"
    );
    assert_eq!(
        site.elsewhere_hits(),
        0,
        "the off-site redirect was followed"
    );
    let not_read = web["not_read"].to_string();
    assert!(
        not_read.contains("/private/minutes/") && not_read.contains("robots.txt"),
        "{not_read}"
    );
    assert!(
        not_read.contains("/old-site/") && not_read.contains("another website"),
        "{not_read}"
    );
    assert_eq!(requested.iter().filter(|p| *p == "/live-feed/").count(), 1);
    assert_eq!(web["pages_cut_off"], 1, "{web}");
    assert!(
        web["robots_note"].as_str().unwrap_or("").contains("1 page"),
        "{web}"
    );
    assert!(
        web["warnings"][0]
            .as_str()
            .unwrap_or("")
            .contains("loopback"),
        "{web}"
    );

    // Accounts: the parody accounts answered; the school's own never appears as a suspect.
    let accounts = &report["accounts"];
    let suspects: Vec<&str> = accounts["suspects"]
        .as_array()
        .expect("suspects")
        .iter()
        .map(|s| s["handle"].as_str().unwrap_or(""))
        .collect();
    assert!(suspects.contains(&"oakwoodacademy_memes"), "{suspects:?}");
    assert!(suspects.contains(&"fakemrssmith"), "{suspects:?}");
    assert!(
        !suspects
            .iter()
            .any(|s| s.eq_ignore_ascii_case("oakwoodacademy")),
        "{suspects:?}"
    );
    assert_eq!(accounts["official_seen"], 1);
    assert_eq!(
        accounts["suspects"][0]["report"],
        "https://example.test/clips/report/impersonation"
    );
    assert_eq!(accounts["what_to_do"].as_array().map(Vec::len), Some(5));
    let headline = report["headline"].as_str().unwrap_or("");
    assert!(headline.contains("may be pretending"), "{headline}");
    assert!(!headline.to_lowercase().contains("malicious"), "{headline}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_and_depth_limits_hold_and_staff_pages_come_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("checks")).expect("checks dir");
    let _fake = platform(&dir.path().join("checks")).await;
    let site = SchoolSite::start(SiteOptions::default())
        .await
        .expect("site");
    let out = output(scan_command(
        &site,
        dir.path(),
        &["--format", "json", "--max-pages", "3", "--max-handles", "1"],
    ))
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut pages: Vec<String> = site
        .requested()
        .into_iter()
        .filter(|p| p != "/robots.txt" && p != "/sitemap.xml")
        .collect();
    // The home page alone first; then two at a time, so those two in either order.
    pages[1..].sort();
    assert_eq!(
        pages,
        ["/", "/meet-the-team/", "/our-staff/"],
        "the staff pages first"
    );
    assert_eq!(report["website"]["pages_read"], 3);
    assert!(report["website"]["not_reached"].as_u64().unwrap_or(0) > 0);

    let site = SchoolSite::start(SiteOptions::default())
        .await
        .expect("site");
    let out = output(scan_command(
        &site,
        dir.path(),
        &["--format", "json", "--max-depth", "1", "--max-handles", "1"],
    ))
    .await;
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let requested = site.requested();
    assert!(
        !requested.iter().any(|p| p == "/news/museum-trip/"),
        "two links away: {requested:?}"
    );
    assert!(requested.iter().any(|p| p == "/news/"), "{requested:?}");
    assert!(
        report["website"]["too_deep"].as_u64().unwrap_or(0) > 0,
        "{}",
        report["website"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_page_text_is_inert_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("checks")).expect("checks dir");
    let _fake = platform(&dir.path().join("checks")).await;
    let site = SchoolSite::start(SiteOptions::default())
        .await
        .expect("site");
    for ext in ["txt", "md", "html", "json"] {
        let file = dir.path().join(format!("school.{ext}"));
        let mut cmd = scan_command(&site, dir.path(), &["--max-handles", "1", "-o"]);
        cmd.arg(&file);
        let out = output(cmd).await;
        assert!(
            out.status.success(),
            "{ext}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&file).expect("report");
        assert!(
            text.contains("/notices/"),
            "{ext}: the hostile page is in the report"
        );
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{ext}: control characters"
        );
        match ext {
            "html" => {
                assert_eq!(
                    findable::render::page::problems(&text),
                    Vec::<String>::new()
                );
                assert!(
                    !text.contains("<script") && !text.contains("<img"),
                    "{text}"
                );
                assert!(!text.contains("href=\"javascript:"), "{text}");
            }
            "md" => {
                assert!(
                    !text.contains("<img") && !text.contains("<script"),
                    "{text}"
                );
                // Escaped brackets make no link: `\[x\](javascript:...)` is text.
                assert!(!text.replace("\\]", "").contains("](javascript:"), "{text}");
            }
            "json" => {
                let json: Value = serde_json::from_str(&text).expect("valid JSON");
                assert!(
                    json["staff"][0]["findings"]
                        .to_string()
                        .contains("javascript:"),
                    "kept as data"
                );
            }
            _ => {}
        }
    }
}

#[test]
fn a_website_that_is_not_a_web_address_is_refused() {
    let out = findable()
        .args([
            "school",
            "--school",
            "Oakwood Academy",
            "--website",
            "ftp://oakwood.sch.uk/",
            "--offline",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: website \"ftp://oakwood.sch.uk/\" is not a web address"),
        "{err}"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("school.toml");
    std::fs::write(
        &file,
        "name = \"Oakwood Academy\"\nwebsite = \"file:///etc/passwd\"\n",
    )
    .expect("write");
    let out = findable()
        .args(["school", "--offline", "--school-file"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("school.toml:2: "), "{err}");

    let out = findable()
        .args(["school", "--offline"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("which school?"));
}

#[test]
fn offline_lists_every_handle_to_check_by_hand() {
    let out = findable()
        .args([
            "school",
            "--school",
            "Oakwood Academy",
            "--name",
            "Jane Smith",
            "--title",
            "Ms",
        ])
        .args([
            "--official",
            "tiktok:oakwoodacademy",
            "--offline",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let accounts = &report["accounts"];
    assert_eq!(accounts["probed"].as_array().map(Vec::len), Some(0));
    let unknown = accounts["unknown"].to_string();
    assert!(
        unknown.contains("mssmith_oakwood") && unknown.contains("--offline"),
        "{unknown}"
    );
    assert!(!unknown.contains("\"handle\":\"oakwoodacademy\",\"platform\":\"TikTok\""));
    assert!(
        accounts["by_hand"].to_string().contains("instagram.com"),
        "{accounts}"
    );
    assert!(
        accounts["searches"]
            .to_string()
            .contains("tiktok.com/search"),
        "{accounts}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_reads_the_school_website_for_the_person_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("checks")).expect("checks dir");
    let _fake = platform(&dir.path().join("checks")).await;
    let site = SchoolSite::start(SiteOptions::default())
        .await
        .expect("site");
    let mut cmd = findable();
    cmd.args([
        "audit",
        "--name",
        "Jane Smith",
        "--title",
        "Mrs",
        "--school",
        "Oakwood Academy",
    ])
    .arg("--school-url")
    .arg(format!("{}/", site.base()))
    .arg("--checks")
    .arg(dir.path().join("checks"))
    .args([
        "--no-checklist",
        "--backend",
        "none",
        "--max-usernames",
        "2",
        "--format",
        "json",
    ]);
    let out = output(cmd).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let school: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["kind"] == "school-website")
        .collect();
    let titles: Vec<&str> = school
        .iter()
        .map(|f| f["title"].as_str().unwrap_or(""))
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Your full name and photo are on this page: Meet the team")),
        "{titles:?}"
    );
    assert!(
        school.iter().all(|f| f["confidence"] == "likely"),
        "never confirmed by a name alone"
    );
    assert!(!site.requested().iter().any(|p| p.starts_with("/private/")));
}

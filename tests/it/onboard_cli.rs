//! `findable onboard` end to end: the 60-staff roster in `fixtures/onboard` (accents,
//! hyphens, Gaelic particles, a surname-first name, two Jane Smiths, a row pasted twice and
//! bad rows), private folders, re-runs, bad input, and the network: nothing at all without
//! `--scan`, and with it only the starters who agreed.

use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;

use crate::support::fake_platforms::{Behaviour, FakePlatforms, PlatformSpec, users};
use crate::support::findable;
use findable::render::page;

const ROSTER: &str = "fixtures/onboard/roster.csv";
const SMALL: &str = "fixtures/onboard/roster-small.csv";
const SCHOOL: &str = "fixtures/onboard/school.toml";

/// Runs findable and returns (exit code, stdout, stderr).
fn run(cmd: &mut assert_cmd::Command) -> (Option<i32>, String, String) {
    let out = cmd.timeout(Duration::from_secs(60)).output().expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn onboard(roster: &str, out: &Path) -> assert_cmd::Command {
    let mut cmd = findable();
    cmd.args(["onboard", roster, "--school-file", SCHOOL, "--out"])
        .arg(out);
    cmd
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn sixty_staff_get_private_sound_packs_and_nothing_goes_online() {
    // Every proxy points at a listener here: any request findable tried to make, to any
    // host, would arrive at it (HTTPS as a CONNECT), so none arriving means none was made.
    let trap = TcpListener::bind("127.0.0.1:0").expect("listener");
    trap.set_nonblocking(true).expect("non-blocking");
    let proxy = format!("http://{}", trap.local_addr().expect("address"));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("packs");
    let mut cmd = onboard(ROSTER, &out);
    for var in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        cmd.env(var, &proxy);
    }
    cmd.env_remove("NO_PROXY");
    let (code, stdout, stderr) = run(&mut cmd);
    assert_eq!(code, Some(4), "some rows were skipped: {stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        matches!(trap.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "onboard without --scan made a connection"
    );
    assert!(stderr.contains("Wrote 52 packs in"), "{stderr}");
    assert!(stderr.contains("Nothing went online"), "{stderr}");
    assert!(
        stderr.contains("note: not used: the column Department"),
        "{stderr}"
    );
    for line in [
        "  line 54: no name: every row needs the person's name",
        "  line 55 (Mark Benson): username \"mark benson\" is not valid",
        "  line 56 (Laura Fox): start date \"31/02/2026\" is not a date",
        "  line 57 (Ben Carter): start date \"next term\" is not a date",
        "  line 58 (Grace Lloyd): consent \"maybe\" is not yes or no",
        "  line 59 (Ella Moore): no consent answer",
        "  line 60: name \"J\" is only initials",
        "  line 61 (Tariq Mahmood): the same row as line 27",
    ] {
        assert!(stderr.contains(line), "{line}\n{stderr}");
    }

    let folders: Vec<_> = std::fs::read_dir(&out)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(folders.len(), 52);
    let names: Vec<String> = folders
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    for expected in [
        "jane-smith",
        "jane-smith-2",
        "siobhan-ni-bhriain",
        "sean-obrien-smith",
        "eilidh-nicdhomhnaill",
        "ruairi-mac-giolla-phadraig",
        "lukasz-wisniewski",
        "thomas-smith",
        "ewan-mac-an-t-saoir",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    for name in &names {
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{name}"
        );
    }
    #[cfg(unix)]
    assert_eq!(mode(&out), 0o700);
    for folder in &folders {
        #[cfg(unix)]
        assert_eq!(mode(folder), 0o700, "{}", folder.display());
        let files: Vec<String> = std::fs::read_dir(folder)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        let mut sorted = files.clone();
        sorted.sort();
        assert_eq!(
            sorted,
            ["check-up.ics", "pack.html", "pack.md"],
            "{}",
            folder.display()
        );
        for file in &files {
            #[cfg(unix)]
            assert_eq!(mode(&folder.join(file)), 0o600);
        }
        let html = std::fs::read_to_string(folder.join("pack.html")).expect("pack");
        assert!(
            !html.to_lowercase().contains("<script"),
            "{}",
            folder.display()
        );
        let problems = page::problems(&html);
        assert!(problems.is_empty(), "{}: {problems:#?}", folder.display());
        let ics = std::fs::read_to_string(folder.join("check-up.ics")).expect("ics");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    }
    let siobhan = std::fs::read_to_string(out.join("siobhan-ni-bhriain/pack.html")).expect("pack");
    assert!(
        siobhan.contains("Ms Siobhán Ní Bhriain, starting at Oakwood Academy on 1 September 2025")
    );
    assert!(
        siobhan.contains("Ms Ni Bhriain"),
        "the name without accents, as pupils type it"
    );
    assert!(siobhan.contains("Mrs Priya Patel"));
    let sean = std::fs::read_to_string(out.join("sean-obrien-smith/pack.md")).expect("pack");
    assert!(
        sean.contains("You did not agree to an online check"),
        "{sean}"
    );

    for school_file in ["index.html", "cheat-sheet.html", "letter-to-parents.html"] {
        let html = std::fs::read_to_string(out.join(school_file)).expect(school_file);
        let problems = page::problems(&html);
        assert!(problems.is_empty(), "{school_file}: {problems:#?}");
        #[cfg(unix)]
        assert_eq!(mode(&out.join(school_file)), 0o600);
    }
    let index = std::fs::read_to_string(out.join("index.md")).expect("index");
    assert_eq!(index.matches("| `").count(), 52, "{index}");
    assert!(index.contains("## Rows without a pack (8)"));
    assert!(
        !index.contains("janesmith84") && !index.contains("https://"),
        "no findings, no usernames"
    );
    let letter = std::fs::read_to_string(out.join("letter-to-parents.md")).expect("letter");
    assert!(
        letter.contains("@oakwoodacademy on TikTok")
            && letter.contains("www.oakwood.sch.uk/policies/social-media")
    );
}

#[test]
fn a_rerun_keeps_every_pack_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("packs");
    let (code, _, stderr) = run(&mut onboard(SMALL, &out));
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("Wrote 2 packs"), "{stderr}");
    let pack = out.join("jane-smith/pack.md");
    std::fs::write(&pack, "my own notes").expect("edit");
    let letter = out.join("letter-to-parents.md");
    std::fs::write(&letter, "our edited letter").expect("edit");

    let (code, _, stderr) = run(&mut onboard(SMALL, &out));
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("Wrote 0 packs"), "{stderr}");
    assert!(
        stderr.contains("Kept 2 packs already there (--force writes them again):\n  siobhan-ni-bhriain, jane-smith\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  letter-to-parents.html: to send to parents (kept)"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&pack).expect("pack"),
        "my own notes"
    );
    assert_eq!(
        std::fs::read_to_string(&letter).expect("letter"),
        "our edited letter"
    );
    let index = std::fs::read_to_string(out.join("index.md")).expect("index");
    assert!(index.contains("| kept |"), "{index}");

    let (code, _, stderr) = run(onboard(SMALL, &out).arg("--force"));
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("Wrote 2 packs"), "{stderr}");
    assert!(
        std::fs::read_to_string(&pack)
            .expect("pack")
            .starts_with("# Your online safety pack")
    );
    assert!(
        std::fs::read_to_string(&letter)
            .expect("letter")
            .contains("Dear parents and carers")
    );
}

#[test]
fn a_roster_or_school_file_that_cannot_be_used_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad_roster = dir.path().join("roster.csv");
    std::fs::write(
        &bad_roster,
        "Name;Title;Start date\nJane Smith;Ms;01/09/2025\n",
    )
    .expect("write");
    let out = dir.path().join("packs");
    let school_without_dsl = dir.path().join("school.toml");
    std::fs::write(&school_without_dsl, "name = \"Oakwood Academy\"\n").expect("write");
    let a_file = dir.path().join("file");
    std::fs::write(&a_file, "").expect("write");
    let roster = bad_roster.to_string_lossy().into_owned();
    for (cmd, says) in [
        (
            onboard(&roster, &out),
            ":1: no consent column (the headings found: \"Name\", \"Title\", \"Start date\")",
        ),
        (
            {
                let mut c = findable();
                c.args(["onboard", SMALL, "--school-file"])
                    .arg(&school_without_dsl)
                    .arg("--out")
                    .arg(&out);
                c
            },
            "school.toml: dsl_name is missing",
        ),
        (onboard(SMALL, &a_file), "that is a file, not a folder"),
        (
            {
                let mut c = onboard(SMALL, &out);
                c.args(["--platforms", "tiktok,nosuch"]);
                c
            },
            "--platforms: no platform called \"nosuch\"",
        ),
    ] {
        let mut cmd = cmd;
        let (code, stdout, stderr) = run(&mut cmd);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(says), "{says}\n{stderr}");
    }
    assert!(
        !out.exists(),
        "nothing written when the input cannot be used"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scan_checks_only_the_starters_who_agreed() {
    let fake = FakePlatforms::start(vec![PlatformSpec::new(
        "fakegram",
        Behaviour::Normal {
            existing: users(&["annayesfield"]),
        },
    )])
    .await
    .expect("fake platform");
    let dir = tempfile::tempdir().expect("tempdir");
    let checks = dir.path().join("checks");
    std::fs::create_dir(&checks).expect("mkdir");
    for (file, text) in fake.check_files() {
        std::fs::write(checks.join(file), text).expect("write check");
    }
    let roster = dir.path().join("roster.csv");
    std::fs::write(
        &roster,
        "name,title,start date,consent\nAnna Yesfield,Ms,01/09/2025,yes\nBob Nofield,Mr,01/09/2025,no\n",
    )
    .expect("roster");
    let out = dir.path().join("packs");
    let mut cmd = findable();
    cmd.arg("onboard")
        .arg(&roster)
        .args([
            "--school-file",
            SCHOOL,
            "--scan",
            "--backend",
            "none",
            "--platforms",
            "fakegram",
            "--max-usernames",
            "3",
            "--checks",
        ])
        .arg(&checks)
        .arg("--out")
        .arg(&out);
    let (code, _, stderr) = tokio::task::spawn_blocking(move || run(&mut cmd))
        .await
        .expect("join");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("Checking online (1 of 1): Anna Yesfield"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Checked online: 1 starter who agreed to it"),
        "{stderr}"
    );
    let targets = fake.stats(0).targets;
    assert!(
        targets.iter().filter(|t| !t.contains("yesfield")).count() <= 1,
        "only Anna's usernames (and one made-up control): {targets:?}"
    );
    assert!(
        targets.iter().any(|t| t.contains("annayesfield")),
        "{targets:?}"
    );
    assert!(
        !targets.iter().any(|t| t.to_lowercase().contains("nofield")),
        "{targets:?}"
    );
    let anna = out.join("anna-yesfield");
    assert!(anna.join("report.html").is_file() && anna.join("report.md").is_file());
    let report = std::fs::read_to_string(anna.join("report.md")).expect("report");
    assert!(report.contains("annayesfield"), "{report}");
    let pack = std::fs::read_to_string(anna.join("pack.md")).expect("pack");
    assert!(pack.contains("The results are in report.html"), "{pack}");
    let bob = out.join("bob-nofield");
    assert!(!bob.join("report.html").exists());
    let pack = std::fs::read_to_string(bob.join("pack.md")).expect("pack");
    assert!(pack.contains("nothing about you went online"), "{pack}");
    let index = std::fs::read_to_string(out.join("index.md")).expect("index");
    assert!(
        index.contains("| no (no consent) |") && !index.contains("annayesfield"),
        "{index}"
    );
}

#[test]
fn the_school_file_stands_in_for_the_school_flags() {
    let (code, stdout, stderr) = run(findable().args([
        "queries",
        "--name",
        "Jane Smith",
        "--title",
        "Ms",
        "--school-file",
        SCHOOL,
        "--max-queries",
        "40",
    ]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("\"Jane Smith\" \"Oakwood Academy\""),
        "{stdout}"
    );
    assert!(stdout.contains("site:oakwood.sch.uk"), "{stdout}");
    assert!(stdout.contains("\"Jane Smith\" \"Leeds\""), "{stdout}");
    // A flag wins over the file.
    let (_, stdout, _) = run(findable().args([
        "queries",
        "--name",
        "Jane Smith",
        "--school-file",
        SCHOOL,
        "--school",
        "Elm Park",
        "--max-queries",
        "1",
    ]));
    assert!(stdout.contains("\"Jane Smith\" \"Elm Park\""), "{stdout}");
    let (code, _, stderr) = run(findable().args([
        "audit",
        "--name",
        "Jane Smith",
        "--school-file",
        "fixtures/onboard/roster.csv",
        "--offline",
    ]));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("fixtures/onboard/roster.csv:1: "),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_during_scan_keeps_every_pack_and_the_index() {
    let fake = FakePlatforms::start(vec![PlatformSpec::new("stuck", Behaviour::Hang)])
        .await
        .expect("fake platform");
    let dir = tempfile::tempdir().expect("tempdir");
    let checks = dir.path().join("checks");
    std::fs::create_dir(&checks).expect("mkdir");
    for (file, text) in fake.check_files() {
        std::fs::write(checks.join(file), text).expect("write check");
    }
    let roster = dir.path().join("roster.csv");
    std::fs::write(
        &roster,
        "name,start date,consent\nAnna Yesfield,01/09/2025,yes\nCara Alsoyes,01/09/2025,yes\n",
    )
    .expect("roster");
    let out = dir.path().join("packs");
    let child = crate::support::findable_process()
        .arg("onboard")
        .arg(&roster)
        .args([
            "--school-file",
            SCHOOL,
            "--scan",
            "--backend",
            "none",
            "--platforms",
            "stuck",
            "--timeout",
            "120",
            "--checks",
        ])
        .arg(&checks)
        .arg("--out")
        .arg(&out)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // The first check hangs on the stuck platform until it is stopped.
    let first_pack = out.join("anna-yesfield/pack.html");
    for _ in 0..100 {
        if first_pack.exists() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    crate::support::signal(child.id(), "INT");
    let output = tokio::task::spawn_blocking(move || child.wait_with_output().expect("wait"))
        .await
        .expect("join");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("Checking online (1 of 2): Anna Yesfield"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("(2 of 2)"),
        "the second check never started: {stderr}"
    );
    let anna = std::fs::read_to_string(out.join("anna-yesfield/pack.md")).expect("pack");
    assert!(anna.contains("(not everything could be checked"), "{anna}");
    assert!(out.join("anna-yesfield/report.html").is_file());
    let cara = std::fs::read_to_string(out.join("cara-alsoyes/pack.md")).expect("pack");
    assert!(cara.contains("stopped before it reached you"), "{cara}");
    let index = std::fs::read_to_string(out.join("index.md")).expect("index");
    assert!(index.contains("| no (not reached) |"), "{index}");
}

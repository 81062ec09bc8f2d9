//! Onboarding benchmark: `findable onboard` on a made-up roster of 500 new starters,
//! without `--scan` (so nothing goes online), into a fresh folder each run. Prints a
//! Markdown table of wall times; the target is under 5 s on the project's machine.
//!
//! Run: `cargo bench --bench onboard`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const STARTERS: usize = 500;
const RUNS: usize = 5;

const GIVEN: &[&str] = &[
    "Jane", "Siobhán", "Seán", "Zoë", "Eilidh", "Ruairí", "Dafydd", "Aoife", "Mohammed", "Ngozi",
    "Łukasz", "Chloé", "Thomas", "Priyanka", "Kwame", "Gráinne", "Oliver", "Amelia", "Rhiannon",
    "Callum", "Fiona", "Harriet", "James", "Bethan", "Tariq",
];
const SURNAMES: &[&str] = &[
    "Smith",
    "Ní Bhriain",
    "O'Brien-Smith",
    "Taylor",
    "NicDhòmhnaill",
    "Mac Giolla Phádraig",
    "ap Rhys",
    "Ó Briain",
    "Al-Hassan",
    "Okonkwo-Adeyemi",
    "Wiśniewski",
    "Dubois",
    "Mensah",
    "Mhic Aoidh",
    "Hughes",
    "Clarke-Jones",
    "Llewellyn",
    "MacLeod",
    "McAllister",
    "Baker",
];
const TITLES: &[&str] = &["Ms", "Mr", "Mrs", "Miss", "Dr", "Mx"];

fn roster(path: &Path) {
    let mut text = String::from("name,title,other names,nicknames,usernames,start date,consent\n");
    for i in 0..STARTERS {
        let given = GIVEN[i % GIVEN.len()];
        let surname = SURNAMES[(i / GIVEN.len()) % SURNAMES.len()];
        let title = TITLES[i % TITLES.len()];
        let nickname = if i % 3 == 0 { "Jo" } else { "" };
        let username = if i % 4 == 0 {
            format!("instagram:staff{i}")
        } else {
            String::new()
        };
        let consent = if i % 2 == 0 { "yes" } else { "no" };
        let start = ["01/09/2025", "05/01/2026", "13/04/2026"][i % 3];
        text.push_str(&format!(
            "\"{given} {surname}\",{title},,{nickname},{username},{start},{consent}\n"
        ));
    }
    std::fs::write(path, text).expect("write the roster");
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster_path = dir.path().join("roster.csv");
    roster(&roster_path);
    let school = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/onboard/school.toml");
    let mut walls = Vec::with_capacity(RUNS);
    let mut files = 0;
    for run in 0..RUNS {
        let out = dir.path().join(format!("packs-{run}"));
        let started = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_findable"))
            .arg("onboard")
            .arg(&roster_path)
            .arg("--school-file")
            .arg(&school)
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            // Nothing may go online: every proxy is a dead port on this machine.
            .env("HTTP_PROXY", "http://127.0.0.1:9")
            .env("HTTPS_PROXY", "http://127.0.0.1:9")
            .env("ALL_PROXY", "http://127.0.0.1:9")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run findable");
        walls.push(started.elapsed());
        assert!(status.success(), "findable onboard failed: {status}");
        let folders = std::fs::read_dir(&out)
            .expect("list")
            .filter(|e| e.as_ref().is_ok_and(|e| e.path().is_dir()))
            .count();
        assert_eq!(folders, STARTERS, "one folder per starter");
        files = walkdir_count(&out);
    }
    walls.sort();
    let secs = |d: Duration| d.as_secs_f64();
    let median = walls[RUNS / 2];
    println!(
        "| starters | files written | runs | wall min (s) | wall median (s) | wall max (s) | per pack (ms) | target |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "| {STARTERS} | {files} | {RUNS} | {:.2} | {:.2} | {:.2} | {:.1} | < 5 s: {} |",
        secs(walls[0]),
        secs(median),
        secs(walls[RUNS - 1]),
        secs(median) * 1000.0 / STARTERS as f64,
        if median < Duration::from_secs(5) {
            "met"
        } else {
            "NOT met"
        }
    );
}

/// Files under `dir`, at any depth.
fn walkdir_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .map(|p| if p.is_dir() { walkdir_count(&p) } else { 1 })
        .sum()
}

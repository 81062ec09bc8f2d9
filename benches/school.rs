//! School-scan benchmark: `findable school` reading a generated 60-page website on
//! 127.0.0.1 (50-150 ms an answer) at default politeness; the target is under 10 s.
//! Run: `cargo bench --bench school`. Nothing here leaves the machine.

#[path = "../tests/it/support/fake_platforms.rs"]
mod fake_platforms;
#[path = "../tests/it/support/school_site.rs"]
mod school_site;

use std::process::Command;
use std::time::{Duration, Instant};

use fake_platforms::{Behaviour, FakePlatforms, PlatformSpec, users};
use school_site::{SchoolSite, SiteOptions};

const PAGES: usize = 60;
const RUNS: usize = 5;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let fake = runtime
        .block_on(FakePlatforms::start(vec![PlatformSpec::new(
            "clips",
            Behaviour::Normal {
                existing: users(&["benchacademy_memes"]),
            },
        )]))
        .expect("fake platform");
    for (name, text) in fake.check_files() {
        std::fs::write(dir.path().join(name), text).expect("check file");
    }
    let bin = env!("CARGO_BIN_EXE_findable");
    println!("| run | pages read | requests to the site | wall (s) | under 10 s |");
    println!("|---|---|---|---|---|");
    let mut walls = Vec::new();
    for run in 1..=RUNS {
        let site = runtime
            .block_on(SchoolSite::start(SiteOptions {
                latency: Some((Duration::from_millis(50), Duration::from_millis(150))),
                generated: Some(PAGES),
            }))
            .expect("site");
        let started = Instant::now();
        let out = Command::new(bin)
            .args([
                "school",
                "--school",
                "Bench Academy",
                "--quiet",
                "--format",
                "json",
            ])
            .arg("--website")
            .arg(format!("{}/", site.base()))
            .arg("--checks")
            .arg(dir.path())
            .env("NO_PROXY", "*")
            .output()
            .expect("findable runs");
        let wall = started.elapsed();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let pages = report["website"]["pages_read"].as_u64().unwrap_or(0);
        let requests = site.requested().len();
        println!(
            "| {run} | {pages} | {requests} | {:.2} | {} |",
            wall.as_secs_f64(),
            if wall < Duration::from_secs(10) {
                "yes"
            } else {
                "NO"
            }
        );
        walls.push(wall.as_secs_f64());
    }
    walls.sort_by(f64::total_cmp);
    println!(
        "\nmedian {:.2} s, slowest {:.2} s over {RUNS} runs",
        walls[RUNS / 2],
        walls[RUNS - 1]
    );
}

//! Fake platforms and a fake SearXNG on 127.0.0.1, for the browser test of `findable
//! serve` in CI (`tests/browser/serve-flow.mjs`): writes check files for the fake
//! platforms (and two of the built-in general checks) into DIR, prints one JSON line with
//! DIR and the search backend's address, and serves until its standard input closes.
//!
//! `cargo run --example fake_sites -- DIR`

#[path = "../tests/it/support/fake_platforms.rs"]
mod fake_platforms;
#[path = "../tests/it/support/replay.rs"]
mod replay;

use std::io::Read as _;
use std::process::ExitCode;
use std::time::Duration;

use fake_platforms::{Behaviour, FakePlatforms, PlatformSpec, users};
use replay::Replay;

const MIXED: &str = include_str!("../fixtures/search/searxng-mixed.json");

/// Built-in checks that apply to everyone, so the walkthrough ends as a real one does.
const GENERAL: [(&str, &str); 2] = [
    (
        "school-website.toml",
        include_str!("../checks/school-website.toml"),
    ),
    (
        "username-reuse.toml",
        include_str!("../checks/username-reuse.toml"),
    ),
];

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: fake_sites DIR");
        return ExitCode::from(2);
    };
    match run(std::path::Path::new(&dir)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fake_sites: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(dir: &std::path::Path) -> std::io::Result<()> {
    // Slow enough that the progress can be watched, quick enough for CI.
    let latency = (Duration::from_millis(150), Duration::from_millis(600));
    let fake = FakePlatforms::start(vec![
        PlatformSpec::new(
            "Fakegram",
            Behaviour::Normal {
                existing: users(&["janesmith"]),
            },
        )
        .with_latency(latency.0, latency.1),
        // Slow enough that the walkthrough ends before its checks do, so the page that
        // waits for them is seen too.
        PlatformSpec::new("Slowgram", Behaviour::Normal { existing: vec![] })
            .with_latency(Duration::from_secs(8), Duration::from_secs(10)),
        PlatformSpec::new("Walled", Behaviour::LoginWall),
        PlatformSpec::new("Chatterbox", Behaviour::Soft404 { existing: vec![] }),
    ])
    .await?;
    let search = Replay::start(|_| {
        let json = vec![("content-type", "application/json".to_string())];
        (200, json, MIXED.to_string())
    })
    .await?;
    std::fs::create_dir_all(dir)?;
    for (file, text) in fake.check_files().into_iter().chain(
        GENERAL
            .iter()
            .map(|(f, t)| ((*f).to_string(), (*t).to_string())),
    ) {
        std::fs::write(dir.join(file), text)?;
    }
    println!(
        "{}",
        serde_json::json!({ "checks": dir, "searxng": search.base })
    );
    // Serve until whoever started us closes our input (or goes away).
    tokio::task::spawn_blocking(|| {
        let mut sink = Vec::new();
        let _ = std::io::stdin().read_to_end(&mut sink);
    })
    .await
    .map_err(std::io::Error::other)?;
    Ok(())
}

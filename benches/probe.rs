//! Probe-engine benchmark: `findable probe` against simulated platforms on 127.0.0.1, and
//! Sherlock on the same sites when it is installed (set SHERLOCK=/path/to/sherlock or put
//! it on PATH). Prints a Markdown table; `scripts/bench-probe.sh` runs the whole thing.
//!
//! Run: `cargo bench --bench probe`. Nothing here leaves the machine.

#[path = "../tests/it/support/fake_platforms.rs"]
mod fake_platforms;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fake_platforms::{Behaviour, FakePlatforms, PlatformSpec, sherlock_json, users, wmn_json};

const LATENCY: (Duration, Duration) = (Duration::from_millis(50), Duration::from_millis(150));
const CONCURRENCY: usize = 128;
const PER_HOST: usize = 2;
/// Sherlock's thread pool size (`max_workers` in its source).
const SHERLOCK_WORKERS: usize = 20;

struct Measured {
    wall: Duration,
    cpu: Duration,
    max_rss_kib: i64,
    stdout: String,
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let sherlock = sherlock_command();
    let dir = tempfile::tempdir().expect("tempdir");
    println!(
        "| workload | tool | probes | wall (s) | probes/s | CPU (s) | CPU/probe (ms) | peak RSS (MB) | ideal (s) | found |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for (sites, per_site) in [(200usize, 5usize), (300, 20)] {
        let fake = runtime
            .block_on(FakePlatforms::start(specs(sites)))
            .expect("fake platforms");
        let wmn = dir.path().join(format!("wmn-{sites}.json"));
        let data = dir.path().join(format!("data-{sites}.json"));
        std::fs::write(&wmn, wmn_json(&fake.entries())).expect("write wmn");
        std::fs::write(&data, sherlock_json(&fake.entries())).expect("write sherlock");
        let names: Vec<String> = (0..per_site).map(|i| format!("user{i}")).collect();
        let workload = format!("{sites} sites x {per_site} usernames");
        let probes = sites * per_site;

        // findable also sends one control probe per site.
        let requests_per_host = per_site + 1;
        let bound = ideal(
            sites * requests_per_host,
            requests_per_host,
            PER_HOST,
            CONCURRENCY,
        );
        let m = run_findable(&wmn, &names);
        let found = m.stdout.matches("\"status\": \"found\"").count();
        row(&workload, "findable", probes, &m, bound, found);

        if let Some(sherlock) = &sherlock {
            let out = dir.path().join(format!("sherlock-{sites}"));
            let m = run_sherlock(sherlock, &data, &names, &out);
            let found = m.stdout.lines().filter(|l| l.starts_with("[+]")).count();
            // Sherlock runs 20 worker threads and has no per-host limit.
            let bound = ideal(probes, per_site, per_site, SHERLOCK_WORKERS);
            row(&workload, "sherlock", probes, &m, bound, found);
        }
        drop(fake);
    }
    if sherlock.is_none() {
        eprintln!("sherlock not found: set SHERLOCK or run scripts/bench-probe.sh to compare");
    }
    import_big_list(dir.path());
}

/// Reading a 50 MB WhatsMyName list: made-up entries (about 220,000), never requested
/// (`--offline`), so the time and memory are the import's.
fn import_big_list(dir: &Path) {
    const SIZE: usize = 50_000_000;
    let path = dir.join("wmn-50mb.json");
    let mut text = String::with_capacity(SIZE + 1024);
    text.push_str("{\n  \"license\": [],\n  \"authors\": [],\n  \"categories\": [\"social\"],\n  \"sites\": [\n");
    let mut entries = 0;
    while text.len() < SIZE {
        if entries > 0 {
            text.push_str(",\n");
        }
        text.push_str(&format!(
            "    {{\"name\": \"site{entries:06}\", \"uri_check\": \"https://site{entries:06}.example.test/u/{{account}}\", \
             \"e_code\": 200, \"e_string\": \"og:type\\\" content=\\\"profile\\\"\", \"m_code\": 404, \
             \"m_string\": \"no such user\", \"known\": [\"user0\"], \"cat\": \"social\"}}"
        ));
        entries += 1;
    }
    text.push_str("\n  ]\n}\n");
    std::fs::write(&path, &text).expect("write big list");
    drop(text);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_findable"));
    cmd.args([
        "probe",
        "--offline",
        "--format",
        "json",
        "--username",
        "user0",
    ])
    .args(["--platforms", "site000001", "--sites"])
    .arg(&path);
    let m = measure(cmd);
    println!();
    println!("| import | entries | size (MB) | wall (s) | CPU (s) | peak RSS (MB) |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| WhatsMyName list, --offline | {entries} | {:.0} | {:.2} | {:.2} | {:.1} |",
        std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1e6,
        m.wall.as_secs_f64(),
        m.cpu.as_secs_f64(),
        m.max_rss_kib as f64 / 1024.0,
    );
}

fn specs(count: usize) -> Vec<PlatformSpec> {
    (0..count)
        .map(|i| {
            PlatformSpec::new(
                &format!("site{i:03}"),
                Behaviour::Normal {
                    existing: users(&["user0"]),
                },
            )
            .with_latency(LATENCY.0, LATENCY.1)
        })
        .collect()
}

/// The best any scheduler could do with these limits: each host serves `per_host`
/// requests at a time and the whole run `global`, each request taking the mean latency.
fn ideal(
    total_requests: usize,
    requests_per_host: usize,
    per_host: usize,
    global: usize,
) -> Duration {
    let mean = (LATENCY.0 + LATENCY.1) / 2;
    let host_rounds = requests_per_host.div_ceil(per_host) as u32;
    let global = mean.mul_f64(total_requests as f64 / global as f64);
    (mean * host_rounds).max(global)
}

fn run_findable(sites: &Path, names: &[String]) -> Measured {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_findable"));
    cmd.args(["probe", "--quiet", "--format", "json", "--timeout", "10"])
        .args(["--concurrency", &CONCURRENCY.to_string()])
        .args(["--max-usernames", &names.len().to_string()])
        .arg("--sites")
        .arg(sites)
        .env("NO_PROXY", "*");
    for n in names {
        cmd.args(["--username", n]);
    }
    measure(cmd)
}

fn run_sherlock(sherlock: &[String], data: &Path, names: &[String], out: &Path) -> Measured {
    std::fs::create_dir_all(out).expect("output dir");
    let mut cmd = Command::new(&sherlock[0]);
    cmd.args(&sherlock[1..])
        .args(["--json"])
        .arg(data)
        .args([
            "--timeout",
            "10",
            "--no-color",
            "--print-found",
            "--ignore-exclusions",
        ])
        .arg("--folderoutput")
        .arg(out)
        .args(names)
        // Sherlock checks for updates online at start; a dead local proxy makes that fail
        // at once, so the benchmark sends nothing off this machine.
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .env("NO_PROXY", "127.0.0.1,localhost");
    measure(cmd)
}

/// Runs a command to the end, with its wall time, CPU time and peak memory (from wait4).
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its rusage"
)]
// wait4 is the one way to read a child's own CPU time and peak memory.
#[allow(unsafe_code)]
fn measure(mut cmd: Command) -> Measured {
    let stdout_path = tempfile::NamedTempFile::new().expect("temp file");
    let stdout = std::fs::File::create(stdout_path.path()).expect("stdout file");
    let started = Instant::now();
    let child = cmd
        .stdout(stdout)
        .stderr(Stdio::null())
        .stdin(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child's pid, with valid pointers to locals.
    let waited = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert!(waited > 0, "wait4 failed");
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Measured {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        max_rss_kib: usage.ru_maxrss,
        stdout: std::fs::read_to_string(stdout_path.path()).unwrap_or_default(),
    }
}

fn row(workload: &str, tool: &str, probes: usize, m: &Measured, ideal: Duration, found: usize) {
    println!(
        "| {workload} | {tool} | {probes} | {:.2} | {:.0} | {:.2} | {:.3} | {:.1} | {:.2} | {found} |",
        m.wall.as_secs_f64(),
        probes as f64 / m.wall.as_secs_f64(),
        m.cpu.as_secs_f64(),
        m.cpu.as_secs_f64() * 1000.0 / probes as f64,
        m.max_rss_kib as f64 / 1024.0,
        ideal.as_secs_f64(),
    );
}

/// `SHERLOCK` (a command, split on spaces) or `sherlock` on PATH.
fn sherlock_command() -> Option<Vec<String>> {
    if let Ok(cmd) = std::env::var("SHERLOCK") {
        return Some(cmd.split_whitespace().map(str::to_string).collect());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("sherlock"))
        .find(|p| p.is_file())
        .map(|p: PathBuf| vec![p.display().to_string()])
}

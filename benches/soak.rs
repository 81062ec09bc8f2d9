//! Fault soak: `findable probe` (the release binary, as a separate process) runs 20,000
//! probes against fake platforms on 127.0.0.1 where 30% of requests get a fault instead of
//! an answer: connection resets, hangs, 429 storms, huge bodies, garbled bodies, invalid
//! UTF-8 and redirect loops (`Behaviour::Faulty` in `tests/it/support/fake_platforms.rs`).
//! It checks that every planned probe comes back as found, absent or unknown (none lost),
//! that no fault turns into a wrong answer, and that memory stays flat: it samples the
//! findable process's resident memory as it runs, and runs 5,000 probes too to compare.
//!
//! Run: `cargo bench --bench soak` (about two minutes). It panics if a check fails, and
//! prints the tables in docs/benchmarks.md. Nothing here leaves the machine.

#[path = "../tests/it/support/fake_platforms.rs"]
mod fake_platforms;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fake_platforms::{Behaviour, FakePlatforms, PlatformSpec, fault_for, wmn_json};
use findable::Evidence;
use findable::evidence::{ProbeStatus, UnknownReason};

/// Share of requests that get a fault.
const FAULT_PERCENT: u8 = 30;
/// Fake platforms, each on its own port.
const SITES: usize = 200;
/// Usernames probed on every site in the two runs (5,000 and 20,000 probes); the first
/// `EXISTING` exist everywhere.
const USERNAMES: [usize; 2] = [25, 100];
const EXISTING: usize = 5;
/// findable's per-request timeout: what a hang costs.
const TIMEOUT_SECS: u32 = 2;
const LATENCY: (Duration, Duration) = (Duration::from_millis(5), Duration::from_millis(20));
const SAMPLE_EVERY: Duration = Duration::from_millis(100);
/// How [`faults_served`] counts the requests a redirect loop makes after its first.
const LATER_HOP: &str = "redirect loop (later hop)";

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut runs = Vec::new();
    // The same sites both times: only the number of probes changes, so a difference in
    // memory is what each probe costs, not more hosts or more requests in flight.
    for per_site in USERNAMES {
        let fake = runtime
            .block_on(FakePlatforms::start(specs(SITES)))
            .expect("fake platforms");
        let list = dir.path().join(format!("wmn-{per_site}.json"));
        std::fs::write(&list, wmn_json(&fake.entries())).expect("write the site list");
        let names: Vec<String> = (0..per_site).map(|i| format!("user{i}")).collect();
        let run = run_findable(&list, &names);
        let evidence: Evidence = serde_json::from_str(&run.stdout).expect("probe --format json");
        let probes = SITES * per_site;
        let tally = check(&evidence, probes);
        let faults = faults_served(&fake);
        runs.push((probes, run, tally, faults));
        drop(fake);
    }

    println!(
        "| probes | wall (s) | found | absent | unknown | lost | wrong | requests | faults | later loop hops | peak RSS (MB) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for (probes, run, tally, faults) in &runs {
        let requests: usize = faults.values().sum();
        let hops = faults.get(LATER_HOP).copied().unwrap_or(0);
        let clean = faults.get("none").copied().unwrap_or(0);
        let faulted = requests - hops - clean;
        println!(
            "| {probes} | {:.1} | {} | {} | {} | {} | {} | {requests} | {faulted} ({:.0}%) | {hops} | {:.1} |",
            run.wall.as_secs_f64(),
            tally.found,
            tally.absent,
            tally.unknown,
            tally.lost,
            tally.wrong,
            faulted as f64 * 100.0 / (requests - hops) as f64,
            run.max_rss_kib as f64 / 1024.0,
        );
    }
    if let [(small, a, ..), (large, b, ..)] = runs.as_slice() {
        let per_probe = (b.max_rss_kib - a.max_rss_kib) as f64 * 1024.0 / (large - small) as f64;
        println!("\nPeak memory grew by {per_probe:.0} bytes per extra probe.");
    }
    let (_, big, tally, faults) = runs.last().expect("two runs");
    println!("\nRequests the fake platforms served in the 20,000-probe run, by what they got:\n");
    println!("| answer | requests |");
    println!("|---|---|");
    for (kind, count) in faults {
        println!("| {kind} | {count} |");
    }
    println!("\nWhy the unknown probes of that run are unknown:\n");
    println!("| reason | probes |");
    println!("|---|---|");
    for (reason, count) in &tally.reasons {
        println!("| {reason} | {count} |");
    }
    println!("\nResident memory of the findable process during that run, by tenth of its time:\n");
    println!("| time (s) | RSS (MB) |");
    println!("|---|---|");
    for (at, kib) in deciles(&big.samples) {
        println!("| {:.1} | {:.1} |", at.as_secs_f64(), kib as f64 / 1024.0);
    }
}

/// A third each of the three ways sites say "no such user", every one behind 30% faults.
fn specs(count: usize) -> Vec<PlatformSpec> {
    let existing = || -> Vec<String> { (0..EXISTING).map(|i| format!("user{i}")).collect() };
    (0..count)
        .map(|i| {
            let then = match i % 3 {
                0 => Behaviour::Normal {
                    existing: existing(),
                },
                1 => Behaviour::Soft404 {
                    existing: existing(),
                },
                _ => Behaviour::RedirectHome {
                    existing: existing(),
                },
            };
            PlatformSpec::new(
                &format!("site{i:03}"),
                Behaviour::Faulty {
                    percent: FAULT_PERCENT,
                    seed: i as u64,
                    then: Box::new(then),
                },
            )
            .with_latency(LATENCY.0, LATENCY.1)
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    found: usize,
    absent: usize,
    unknown: usize,
    /// Planned probes with no result.
    lost: usize,
    /// Found for a username that does not exist, or absent for one that does.
    wrong: usize,
    reasons: BTreeMap<String, usize>,
}

/// Every planned probe has exactly one result, and none is wrong.
fn check(evidence: &Evidence, planned: usize) -> Tally {
    assert_eq!(evidence.planned, planned, "the plan has every probe");
    assert!(!evidence.partial, "the run finished");
    let mut tally = Tally {
        lost: planned.saturating_sub(evidence.probes.len()),
        ..Tally::default()
    };
    let mut seen = std::collections::HashSet::new();
    for probe in &evidence.probes {
        assert!(
            seen.insert((probe.platform.as_str(), probe.username.as_str())),
            "one result per probe: {} {}",
            probe.platform,
            probe.username
        );
        let exists = probe
            .username
            .strip_prefix("user")
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|n| n < EXISTING);
        match probe.status {
            ProbeStatus::Found => {
                tally.found += 1;
                tally.wrong += usize::from(!exists);
            }
            ProbeStatus::Absent => {
                tally.absent += 1;
                tally.wrong += usize::from(exists);
            }
            ProbeStatus::Unknown => {
                tally.unknown += 1;
                let reason = probe.reason.map_or("none given".to_string(), reason_name);
                *tally.reasons.entry(reason).or_default() += 1;
            }
        }
    }
    assert_eq!(
        tally.found + tally.absent + tally.unknown,
        planned,
        "planned = found + absent + unknown"
    );
    assert_eq!(tally.lost, 0, "no probe lost");
    assert_eq!(tally.wrong, 0, "no fault became a wrong answer");
    tally
}

fn reason_name(reason: UnknownReason) -> String {
    format!("{reason:?}: {}", reason.describe())
}

/// Requests served, by the fault each got (recounted from its index) or `none`; requests
/// on a redirect loop's later hops count as `redirect loop (later hop)`.
fn faults_served(fake: &FakePlatforms) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for i in 0..fake.len() {
        for (index, target) in fake.stats(i).targets.iter().enumerate() {
            let kind = if target.contains(" /loop/") {
                LATER_HOP.to_string()
            } else {
                match fault_for(FAULT_PERCENT, i as u64, index as u64) {
                    Some(fault) => format!("{fault:?}"),
                    None => "none".to_string(),
                }
            };
            *out.entry(kind).or_default() += 1;
        }
    }
    out
}

struct Measured {
    wall: Duration,
    max_rss_kib: i64,
    /// (time since start, resident KiB), every `SAMPLE_EVERY`.
    samples: Vec<(Duration, u64)>,
    stdout: String,
}

fn run_findable(sites: &Path, names: &[String]) -> Measured {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_findable"));
    cmd.args(["probe", "--quiet", "--format", "json"])
        .args(["--timeout", &TIMEOUT_SECS.to_string()])
        .args(["--max-usernames", &names.len().to_string()])
        .arg("--sites")
        .arg(sites)
        .env("NO_PROXY", "*");
    for n in names {
        cmd.args(["--username", n]);
    }
    measure(cmd)
}

/// Runs a command to the end, sampling its resident memory from /proc as it goes, and
/// reads its peak memory from wait4.
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its rusage"
)]
// wait4 is the one way to read a child's own peak memory once it has exited.
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
    let pid = child.id() as libc::pid_t;
    let mut samples = Vec::new();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        if let Some(kib) = resident_kib(pid) {
            samples.push((started.elapsed(), kib));
        }
        // SAFETY: wait4 on our own child's pid, with valid pointers to locals.
        let waited = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(waited >= 0, "wait4 failed");
        if waited > 0 {
            break;
        }
        std::thread::sleep(SAMPLE_EVERY);
    }
    let wall = started.elapsed();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "findable probe failed: {status}"
    );
    Measured {
        wall,
        max_rss_kib: usage.ru_maxrss,
        samples,
        stdout: std::fs::read_to_string(stdout_path.path()).expect("probe output"),
    }
}

/// `VmRSS` of a running process, in KiB (Linux); `None` elsewhere or once it has exited.
fn resident_kib(pid: libc::pid_t) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The samples nearest to each tenth of the run's time.
fn deciles(samples: &[(Duration, u64)]) -> Vec<(Duration, u64)> {
    let Some(&(end, _)) = samples.last() else {
        return Vec::new();
    };
    (1..=10)
        .filter_map(|tenth| {
            let at = end.mul_f64(f64::from(tenth) / 10.0);
            samples.iter().rev().find(|(t, _)| *t <= at).copied()
        })
        .collect()
}

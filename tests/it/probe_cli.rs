//! `findable probe` end to end against fake platforms on 127.0.0.1: check files, imported
//! WhatsMyName and Sherlock lists, offline plans, JSON shape, bad input and Ctrl-C.

use std::process::Stdio;
use std::time::Duration;

use crate::support::fake_platforms::{
    Behaviour, FakePlatforms, PlatformSpec, sherlock_json, users, wmn_json,
};
use crate::support::findable;
use assert_cmd::Command;
use serde_json::Value;

async fn platforms() -> FakePlatforms {
    FakePlatforms::start(vec![
        PlatformSpec::new(
            "plain",
            Behaviour::Normal {
                existing: users(&["alice"]),
            },
        ),
        PlatformSpec::new(
            "soft",
            Behaviour::Soft404 {
                existing: users(&["alice"]),
            },
        ),
        PlatformSpec::new(
            "homeward",
            Behaviour::RedirectHome {
                existing: users(&["alice"]),
            },
        ),
        PlatformSpec::new("walled", Behaviour::LoginWall),
        PlatformSpec::new("anything", Behaviour::AlwaysFound),
    ])
    .await
    .expect("fake platforms")
}

/// Runs findable off the async runtime (the fake servers keep serving meanwhile).
async fn output(mut cmd: Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("runs"))
        .await
        .expect("join")
}

fn statuses(json: &Value) -> Vec<(String, String, String, String)> {
    json["probes"]
        .as_array()
        .expect("probes")
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or("-").to_string();
            (s("platform"), s("username"), s("status"), s("reason"))
        })
        .collect()
}

fn expect_honest(json: &Value) {
    let got = statuses(json);
    let want = |platform: &str, user: &str, status: &str, reason: &str| {
        assert!(
            got.contains(&(platform.into(), user.into(), status.into(), reason.into())),
            "missing {platform}/{user} {status}/{reason} in {got:#?}"
        );
    };
    for site in ["plain", "soft", "homeward"] {
        want(site, "alice", "found", "-");
        want(site, "nobody", "absent", "-");
    }
    want("walled", "alice", "unknown", "login-wall");
    want("anything", "nobody", "unknown", "unreliable");
    assert_eq!(got.len(), 10);
    for p in json["probes"].as_array().expect("probes") {
        assert!(
            p["url"]
                .as_str()
                .expect("url")
                .starts_with("http://127.0.0.1:")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn probe_with_check_files() {
    let fake = platforms().await;
    let dir = tempfile::tempdir().expect("tempdir");
    for (file, text) in fake.check_files() {
        std::fs::write(dir.path().join(file), text).expect("write check");
    }
    let mut cmd = findable();
    cmd.args([
        "probe",
        "--username",
        "alice",
        "--username",
        "nobody",
        "--format",
        "json",
    ])
    .arg("--checks")
    .arg(dir.path());
    let out = output(cmd).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    expect_honest(&json);
    assert_eq!(json["partial"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn probe_with_whatsmyname_and_sherlock_lists() {
    let fake = platforms().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let lists = [
        ("wmn-data.json", wmn_json(&fake.entries())),
        ("data.json", sherlock_json(&fake.entries())),
    ];
    for (file, text) in lists {
        let path = dir.path().join(file);
        std::fs::write(&path, text).expect("write list");
        let mut cmd = findable();
        cmd.args([
            "probe",
            "--username",
            "alice",
            "--username",
            "nobody",
            "--format",
            "json",
        ])
        .arg("--sites")
        .arg(&path);
        let out = output(cmd).await;
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        expect_honest(&json);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_output_groups_results_and_ends_with_a_summary() {
    let fake = platforms().await;
    let dir = tempfile::tempdir().expect("tempdir");
    for (file, text) in fake.check_files() {
        std::fs::write(dir.path().join(file), text).expect("write check");
    }
    let mut cmd = findable();
    cmd.args(["probe", "--username", "alice", "--username", "nobody"])
        .arg("--checks")
        .arg(dir.path());
    let out = output(cmd).await;
    let text = String::from_utf8_lossy(&out.stdout);
    let found = text.find("Found:").expect("found group");
    let unknown = text.find("Could not check:").expect("unknown group");
    let absent = text.find("Not found:").expect("absent group");
    assert!(found < unknown && unknown < absent, "{text}");
    let last = text.trim_end().lines().last().unwrap_or_default();
    assert_eq!(
        last,
        "Checked 10 usernames on 5 platforms: 3 found, 4 could not be checked, 3 not found."
    );
    assert!(
        out.stderr.is_empty(),
        "no progress bar when stderr is not a terminal"
    );
}

#[test]
fn offline_prints_every_profile_url_without_the_network() {
    let out = findable()
        .args([
            "probe",
            "--name",
            "Jane Smith",
            "--offline",
            "--max-usernames",
            "3",
        ])
        .args(["--platforms", "tiktok,youtube"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("https://www.tiktok.com/@janesmith"), "{text}");
    assert!(
        text.contains("https://www.youtube.com/@janesmith"),
        "{text}"
    );
    assert!(!text.contains("snapchat"));
    let json: Value = serde_json::from_slice(
        &findable()
            .args([
                "probe",
                "--name",
                "Jane Smith",
                "--offline",
                "--format",
                "json",
            ])
            .output()
            .expect("runs")
            .stdout,
    )
    .expect("plan JSON");
    assert!(json["probes"].as_array().expect("probes").len() > 20);
    assert!(json["sites"].as_array().expect("sites").len() >= 6);
}

#[test]
fn bad_probe_input_is_exit_2_with_one_line() {
    let cases: &[(&[&str], &str)] = &[
        (&["probe", "--offline"], "nothing to probe"),
        (
            &[
                "probe",
                "--username",
                "x",
                "--platforms",
                "myspace",
                "--offline",
            ],
            "no platform called \"myspace\"",
        ),
        (
            &[
                "probe",
                "--username",
                "x",
                "--sites",
                "fixtures/sites/not-a-list.json",
            ],
            "not a WhatsMyName, Sherlock or Maigret site list",
        ),
        (
            &[
                "probe",
                "--username",
                "x",
                "--sites",
                "fixtures/sites/wmn-bad-field.json",
            ],
            "field `e_code`",
        ),
        (
            &["probe", "--username", "x", "--sites", "/dev/zero"],
            "--sites: /dev/zero",
        ),
        (&["probe", "--username", "x", "--timeout", "0"], "--timeout"),
        (
            &["probe", "--username", "x", "--concurrency", "0"],
            "--concurrency",
        ),
        (&["probe", "--username", "a/b"], "username \"a/b\""),
    ];
    for (args, words) in cases {
        let out = findable().args(*args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(words), "{args:?}: {stderr}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_term_and_hangup_stop_cleanly_and_print_what_was_checked() {
    let fake = FakePlatforms::start(vec![
        PlatformSpec::new(
            "quick",
            Behaviour::Normal {
                existing: users(&["alice"]),
            },
        ),
        PlatformSpec::new("stuck", Behaviour::Hang),
    ])
    .await
    .expect("fake platforms");
    let dir = tempfile::tempdir().expect("tempdir");
    for (file, text) in fake.check_files() {
        std::fs::write(dir.path().join(file), text).expect("write check");
    }
    // Ctrl-C, a SIGTERM (shutdown) and a SIGHUP (terminal closed) all keep what finished.
    for signal in ["INT", "TERM", "HUP"] {
        let child = crate::support::findable_process()
            .args([
                "probe",
                "--username",
                "alice",
                "--format",
                "json",
                "--timeout",
                "120",
            ])
            .arg("--checks")
            .arg(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        tokio::time::sleep(Duration::from_millis(1500)).await;
        crate::support::signal(child.id(), signal);
        let out = tokio::task::spawn_blocking(move || child.wait_with_output().expect("wait"))
            .await
            .expect("join");
        assert_eq!(
            out.status.code(),
            Some(130),
            "SIG{signal}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: Value = serde_json::from_slice(&out.stdout).expect("partial JSON");
        assert_eq!(json["partial"], true);
        assert_eq!(json["planned"], 2);
        let got = statuses(&json);
        assert_eq!(
            got,
            vec![("quick".into(), "alice".into(), "found".into(), "-".into())]
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("stopped: 1 of 2"));
    }
}

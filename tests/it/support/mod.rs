//! Helpers shared by the integration tests: the one way to run the `findable` binary (the
//! same environment everywhere), fake platforms and replayed search backends on loopback.

pub mod contracts;
pub mod fake_platforms;
pub mod history;
pub mod replay;
pub mod school_site;

use std::path::PathBuf;
use std::sync::OnceLock;

/// A private data folder for the whole test run, so no test reads or writes the real
/// user's saved answers.
pub fn data_home() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("findable-tests-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("test data folder");
        dir
    })
}

/// Sets the environment every run of the binary gets: no colour, loopback never proxied,
/// no search key from the developer's shell, and a private data folder.
fn isolate(cmd: &mut std::process::Command) {
    cmd.env("NO_COLOR", "1")
        .env("NO_PROXY", "*")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .env_remove("BRAVE_API_KEY")
        .env("XDG_DATA_HOME", data_home())
        .env("XDG_CONFIG_HOME", data_home());
}

/// The `findable` binary, for assertions on its output.
pub fn findable() -> assert_cmd::Command {
    findable_process().into()
}

/// The `findable` binary as a plain process (to signal it, or to read it while it runs).
pub fn findable_process() -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("findable"));
    isolate(&mut cmd);
    cmd
}

/// `findable ARGS` in a pseudo-terminal of 24 rows and 80 columns, the smallest usual one (a new pty has no size,
/// and the prompts lay out as on a real screen). `args` is shell text.
pub fn pty(args: &str, timeout_ms: u64) -> rexpect::session::PtySession {
    let bin = assert_cmd::cargo::cargo_bin("findable");
    let script = format!("stty rows 24 cols 80; exec '{}' {args}", bin.display());
    let mut cmd = std::process::Command::new("sh");
    cmd.args(["-c", &script]);
    isolate(&mut cmd);
    rexpect::session::spawn_command(cmd, Some(timeout_ms)).expect("spawn in a pty")
}

/// Sends process `pid` the signal `name` (INT, TERM, HUP...).
pub fn signal(pid: u32, name: &str) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{name} {pid} failed");
}

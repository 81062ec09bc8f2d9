//! Fuzzes the answers file parser (`--answers`, the saved answers), as TOML and as JSON.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/contracts.rs"]
mod contracts;

fuzz_target!(|data: &[u8]| {
    contracts::answers(&String::from_utf8_lossy(data));
});

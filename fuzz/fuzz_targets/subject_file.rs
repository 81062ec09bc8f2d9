//! Fuzzes the subject file parser (`--subject me.toml`), its validation and the variants
//! made from a valid subject.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/contracts.rs"]
mod contracts;

fuzz_target!(|data: &[u8]| {
    contracts::subject_file(&String::from_utf8_lossy(data));
});

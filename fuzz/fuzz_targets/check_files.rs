//! Fuzzes the check-file parser and validator (`--checks DIR`, `findable checks validate`).
//! A NUL byte separates files, so duplicate ids across files are reached too.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/contracts.rs"]
mod contracts;

fuzz_target!(|data: &[u8]| {
    let files = data
        .split(|&b| b == 0)
        .enumerate()
        .map(|(i, file)| {
            (
                format!("check-{i}.toml"),
                String::from_utf8_lossy(file).into_owned(),
            )
        })
        .collect();
    contracts::check_files(files);
});

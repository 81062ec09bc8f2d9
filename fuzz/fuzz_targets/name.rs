//! Fuzzes the name parser and the variants made from it: the input is a name as typed into
//! `--name`, its later lines an other name, a nickname and a title.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/contracts.rs"]
mod contracts;

fuzz_target!(|data: &[u8]| {
    contracts::name(&String::from_utf8_lossy(data));
});

//! Fuzzes the reader of the Brave Search API's JSON answer. The first byte picks the HTTP
//! status (see `contracts::status`); the rest is the body, read as the engine reads it.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/contracts.rs"]
mod contracts;

fuzz_target!(|data: &[u8]| {
    let Some((&status, body)) = data.split_first() else {
        return;
    };
    contracts::search(2, contracts::status(status), &String::from_utf8_lossy(body));
});

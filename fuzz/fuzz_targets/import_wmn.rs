//! Fuzzes the site-list importer (`--sites FILE`) from a WhatsMyName `wmn-data.json`. The
//! importer tells the formats apart itself; this target's corpus starts from WhatsMyName lists.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/contracts.rs"]
mod contracts;

fuzz_target!(|data: &[u8]| {
    contracts::site_list(&String::from_utf8_lossy(data));
});

//! Fuzzes the site-list importer (`--sites FILE`) from a Maigret `data.json`: engines whose
//! rules a site takes over, check types, tags and disabled entries. The importer tells the
//! formats apart itself; this target's corpus starts from a Maigret-shaped list.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/contracts.rs"]
mod contracts;

fuzz_target!(|data: &[u8]| {
    contracts::site_list(&String::from_utf8_lossy(data));
});

//! Fuzzes the detection rules: how a profile probe's answer is read. The input is
//!
//! - byte 0: which site's rules (built-in checks, the fixture lists' sites, hand-made
//!   rules; see `contracts::sites`),
//! - byte 1: the HTTP status (see `contracts::status`),
//! - byte 2: flags: 1 a redirect was followed, 2 the server says cloudflare, 4 the
//!   `cf-mitigated: challenge` header,
//! - then lines: the username, the final URL, one more URL in the redirect chain, and the
//!   rest is the body (read as the engine reads it, invalid UTF-8 replaced).

#![no_main]

use findable::engine::detect::Observed;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/contracts.rs"]
mod contracts;

fuzz_target!(|data: &[u8]| {
    let [site, status, flags, rest @ ..] = data else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.splitn(4, '\n');
    let (username, final_url, hop, body) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let redirected = flags & 1 != 0;
    let chain = [hop, final_url];
    let seen = Observed {
        status: contracts::status(*status),
        final_url,
        redirected,
        chain: if redirected { &chain } else { &chain[1..] },
        body,
        server: if flags & 2 != 0 { "cloudflare" } else { "" },
        mitigated: if flags & 4 != 0 { "challenge" } else { "" },
    };
    contracts::judge(usize::from(*site), username, &seen);
});

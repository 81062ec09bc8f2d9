//! Property tests: every parser of outside input keeps its promises (`support::contracts`)
//! on random text and on the project's fixtures cut, spliced and salted with awkward
//! characters. This is the stable-toolchain half of the fuzzing in `fuzz/`: it runs on
//! every `cargo test`, with fewer and less clever cases.

use findable::engine::detect::Observed;
use proptest::prelude::*;
use proptest::sample::Index;

use crate::support::contracts;

/// Text that tends to break parsers: quotes, brackets, escapes, line breaks, a byte-order
/// mark, bidirectional overrides, combining marks, the replacement character, placeholders.
const AWKWARD: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "\\",
    "\\u",
    "\n",
    "\r\n",
    "\t",
    "\0",
    "=",
    ",",
    ":",
    "#",
    "<",
    ">",
    "&amp;",
    "&#0;",
    "<!--",
    "\u{feff}",
    "\u{202e}",
    "\u{2066}",
    "\u{301}",
    "\u{fffd}",
    "{username}",
    "{account}",
    "{}",
    "[[",
    "]]",
    "\"\"\"",
    "'''",
    "1e999",
    "-0",
    "\u{10ffff}",
    "ǅ",
    "İ",
    "ß",
];

/// One edit to a text: cut a span, insert awkward or random text, or repeat a span.
#[derive(Debug, Clone)]
enum Edit {
    Cut(Index, Index),
    Insert(Index, String),
    Repeat(Index, Index, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let awkward = prop::sample::select(AWKWARD).prop_map(str::to_string);
    prop_oneof![
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Cut(a, b)),
        (any::<Index>(), awkward).prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<Index>(), "\\PC{0,12}").prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<Index>(), any::<Index>(), 2u8..5).prop_map(|(a, b, n)| Edit::Repeat(a, b, n)),
    ]
}

/// The char boundaries of `text`, its end included, so edits never split a character.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

fn apply(text: &str, edit: &Edit) -> String {
    let cuts = boundaries(text);
    let at = |i: &Index| cuts[i.index(cuts.len())];
    let span = |a: &Index, b: &Index| {
        let (a, b) = (at(a), at(b));
        (a.min(b), a.max(b))
    };
    match edit {
        Edit::Cut(a, b) => {
            let (a, b) = span(a, b);
            format!("{}{}", &text[..a], &text[b..])
        }
        Edit::Insert(i, s) => {
            let i = at(i);
            format!("{}{s}{}", &text[..i], &text[i..])
        }
        Edit::Repeat(a, b, n) => {
            let (a, b) = span(a, b);
            let piece = &text[a..b];
            format!(
                "{}{}{}",
                &text[..b],
                piece.repeat(usize::from(*n)),
                &text[b..]
            )
        }
    }
}

/// One of `fixtures`, with up to four edits.
fn mutated(fixtures: &'static [&'static str]) -> impl Strategy<Value = String> {
    (
        prop::sample::select(fixtures),
        prop::collection::vec(edit(), 0..4),
    )
        .prop_map(|(text, edits)| edits.iter().fold(text.to_string(), |t, e| apply(&t, e)))
}

const SUBJECTS: &[&str] = &[
    include_str!("../../fixtures/subjects/liz.toml"),
    include_str!("../../fixtures/subjects/typo.toml"),
];
const ANSWERS: &[&str] = &[
    include_str!("../../fixtures/answers/typical.toml"),
    include_str!("../../fixtures/answers/typical.json"),
];
const CHECKS: &[&str] = &[
    include_str!("../../fixtures/checks/valid/example.toml"),
    include_str!("../../fixtures/checks/invalid/bad_regex.toml"),
    include_str!("../../fixtures/checks/invalid/twin_a.toml"),
    include_str!("../../checks/tiktok.toml"),
    include_str!("../../checks/whatsapp.toml"),
];
const SITE_LISTS: &[&str] = &[
    include_str!("../../fixtures/sites/wmn-small.json"),
    include_str!("../../fixtures/sites/sherlock-small.json"),
    include_str!("../../fixtures/sites/wmn-bad-field.json"),
    include_str!("../../fixtures/sites/not-a-list.json"),
];
const DDG: &[&str] = &[
    include_str!("../../fixtures/search/ddg-results.html"),
    include_str!("../../fixtures/search/ddg-no-results.html"),
    include_str!("../../fixtures/search/ddg-challenge.html"),
];
const JSON_ANSWERS: &[&str] = &[
    include_str!("../../fixtures/search/searxng-mixed.json"),
    include_str!("../../fixtures/search/searxng-degraded.json"),
    include_str!("../../fixtures/search/searxng-empty.json"),
    include_str!("../../fixtures/search/brave-results.json"),
];
/// Pages a profile probe might get back: a profile, a missing page, a login form, a bot
/// wall, a search page.
const PAGES: &[&str] = &[
    "<html><head><meta property=\"og:type\" content=\"profile\"><title>@janesmith</title>\
     </head><body data-username=\"janesmith\">12 posts</body></html>",
    "<html><body><h1>Not found</h1><p>There is no such user here.</p></body></html>",
    "<form><input type=\"password\"><button>Log in</button></form>",
    "<title>Just a moment...</title><script>window._cf_chl_opt={}</script>",
    include_str!("../../fixtures/search/ddg-challenge.html"),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn names_keep_their_promises(text in "(\\PC{0,16}[ '\\-.\\n]?){0,8}") {
        contracts::name(&text);
    }

    #[test]
    fn subject_files_keep_their_promises(text in mutated(SUBJECTS)) {
        contracts::subject_file(&text);
    }

    #[test]
    fn answers_files_keep_their_promises(text in mutated(ANSWERS)) {
        contracts::answers(&text);
    }

    #[test]
    fn check_files_keep_their_promises(
        first in mutated(CHECKS),
        second in prop::option::of(mutated(CHECKS)),
    ) {
        let files = std::iter::once(first)
            .chain(second)
            .enumerate()
            .map(|(i, text)| (format!("check-{i}.toml"), text))
            .collect();
        contracts::check_files(files);
    }

    #[test]
    fn site_lists_keep_their_promises(text in mutated(SITE_LISTS)) {
        contracts::site_list(&text);
    }

    #[test]
    fn duckduckgo_pages_keep_their_promises(
        status in prop::sample::select(contracts::STATUSES),
        body in mutated(DDG),
    ) {
        contracts::search(0, status, &body);
    }

    #[test]
    fn searxng_and_brave_answers_keep_their_promises(
        backend in 1usize..3,
        status in prop::sample::select(contracts::STATUSES),
        body in mutated(JSON_ANSWERS),
    ) {
        contracts::search(backend, status, &body);
    }

    #[test]
    fn detection_keeps_its_promises(
        site in any::<usize>(),
        status in prop::sample::select(contracts::STATUSES),
        username in "[a-z0-9._]{1,12}|\\PC{0,8}",
        final_url in "https?://[a-z.]{1,12}/(u/|accounts/login/|missing\\?u=)?[a-z0-9._]{0,12}",
        redirected in any::<bool>(),
        body in mutated(PAGES),
        cloudflare in any::<bool>(),
    ) {
        let chain = ["https://example.test/u/first", final_url.as_str()];
        let seen = Observed {
            status,
            final_url: &final_url,
            redirected,
            chain: if redirected { &chain } else { &chain[..1] },
            body: &body,
            server: if cloudflare { "cloudflare" } else { "" },
            mitigated: "",
        };
        contracts::judge(site, &username, &seen);
    }
}

/// Fixed inputs that once went wrong, or are likeliest to: each stays a test.
#[test]
fn awkward_inputs_seen_so_far() {
    contracts::name("");
    contracts::name("\n\n\n");
    contracts::subject_file("");
    contracts::answers("");
    contracts::site_list("");
    contracts::check_files(Vec::new());
    contracts::check_files(vec![("empty.toml".into(), String::new())]);
    for backend in 0..3 {
        contracts::search(backend, 200, "");
    }
    // fuzz/import_sherlock, 2026-11-30: WhatsMyName's placeholder inside a Sherlock URL.
    contracts::site_list(
        r#"{"Codeberg Test": {"url": "https://codes.exampl{account}e.test/user/{}",
            "urlMain": "https://codes.example.test/", "errorType": "status_code",
            "errorCode": 404, "username_claimed": "alice"},
           "Statusville": {"url": "https://statusville.example.test/{}",
            "errorType": "status_code", "username_claimed": "alice"}}"#,
    );
}

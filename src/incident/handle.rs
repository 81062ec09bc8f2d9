//! The account a web address points at, read from the platform's own address shape:
//! `tiktok.com/@x/video/1` is `x`, `instagram.com/p/abc/` names no account. Only shapes a
//! platform documents by use are read; anything else is left blank rather than guessed.

/// Where the username sits in a platform's addresses.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// `/@name/...` (TikTok, Threads).
    At,
    /// `/name/...`, unless the first part is one of the platform's own pages.
    First(&'static [&'static str]),
    /// `/PREFIX/name/...` for one of the prefixes (`/user/name`, `/in/name`).
    After(&'static [&'static str]),
    /// `name.host` (Tumblr blogs), or `/name` on the main host.
    Subdomain(&'static [&'static str]),
}

/// Instagram's own pages: `/p/CODE/` and `/reel/CODE/` are posts that name no account.
const INSTAGRAM: &[&str] = &[
    "p",
    "reel",
    "reels",
    "stories",
    "tv",
    "explore",
    "accounts",
    "direct",
    "about",
    "legal",
    "developer",
    "web",
    "challenge",
    "emails",
    "topics",
    "directory",
    "api",
    "ar",
];

/// X's own pages (`/home`, `/i/...`, `/search`).
const X: &[&str] = &[
    "home",
    "explore",
    "search",
    "i",
    "intent",
    "settings",
    "messages",
    "notifications",
    "hashtag",
    "share",
    "compose",
    "login",
    "signup",
    "tos",
    "privacy",
    "jobs",
    "download",
    "account",
    "logout",
];

/// Facebook's own pages: `profile.php?id=...` and `/people/Name/ID` name no username.
const FACEBOOK: &[&str] = &[
    "people",
    "groups",
    "pages",
    "events",
    "watch",
    "photo",
    "photos",
    "share",
    "sharer",
    "marketplace",
    "gaming",
    "reel",
    "reels",
    "stories",
    "hashtag",
    "login",
    "help",
    "privacy",
    "policies",
    "notes",
    "media",
    "videos",
    "search",
    "friends",
    "messages",
    "settings",
    "story",
    "permalink",
];

const TWITCH: &[&str] = &[
    "videos",
    "directory",
    "settings",
    "search",
    "p",
    "downloads",
    "jobs",
    "turbo",
    "subscriptions",
    "inventory",
    "wallet",
    "drops",
    "friends",
    "messages",
];

const TUMBLR: &[&str] = &[
    "www",
    "dashboard",
    "explore",
    "search",
    "tagged",
    "settings",
    "login",
    "register",
    "likes",
    "inbox",
    "following",
    "new",
    "privacy",
    "policy",
    "help",
    "docs",
    "about",
    "apps",
    "blog",
];

const PINTEREST: &[&str] = &[
    "pin", "search", "ideas", "today", "settings", "business", "login", "_",
];

const GITHUB: &[&str] = &[
    "orgs",
    "settings",
    "login",
    "about",
    "features",
    "topics",
    "explore",
    "marketplace",
    "sponsors",
    "search",
    "pulls",
    "issues",
    "notifications",
    "new",
];

/// Each platform's domain and where its addresses put the username.
const SHAPES: &[(&str, Shape)] = &[
    ("tiktok.com", Shape::At),
    ("threads.net", Shape::At),
    ("threads.com", Shape::At),
    ("instagram.com", Shape::First(INSTAGRAM)),
    ("x.com", Shape::First(X)),
    ("twitter.com", Shape::First(X)),
    ("facebook.com", Shape::First(FACEBOOK)),
    ("fb.com", Shape::First(FACEBOOK)),
    ("youtube.com", Shape::After(&["user", "c"])),
    ("snapchat.com", Shape::After(&["add"])),
    ("reddit.com", Shape::After(&["user", "u"])),
    ("linkedin.com", Shape::After(&["in"])),
    ("bsky.app", Shape::After(&["profile"])),
    ("twitch.tv", Shape::First(TWITCH)),
    ("tumblr.com", Shape::Subdomain(TUMBLR)),
    ("pinterest.com", Shape::First(PINTEREST)),
    ("pinterest.co.uk", Shape::First(PINTEREST)),
    ("github.com", Shape::First(GITHUB)),
    ("bere.al", Shape::First(&[])),
];

/// The lower-case host of a web address, when it is one.
pub(crate) fn host(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    parsed.host_str().map(str::to_ascii_lowercase)
}

/// `host` is `domain` or one of its subdomains (`m.facebook.com` is on `facebook.com`).
pub(crate) fn on_domain(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// The username in `url`, when the platform's address shape names one there; `None` for
/// an address that names no account (a Facebook `profile.php?id=`, an Instagram post),
/// a site findable does not know, or anything that is not a web address.
pub fn handle_from_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = parsed.host_str()?.to_ascii_lowercase();
    let (domain, shape) = SHAPES.iter().find(|(d, _)| on_domain(&host, d))?;
    let parts: Vec<&str> = parsed
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    let first = parts.first().copied();
    let name = match *shape {
        Shape::At => first.and_then(|p| p.strip_prefix('@')),
        Shape::First(reserved) => first
            .map(|p| p.strip_prefix('@').unwrap_or(p))
            .filter(|p| !is_reserved(p, reserved)),
        Shape::After(prefixes) => match first {
            // YouTube's `/@name` and Snapchat's newer `/@name` are the same account.
            Some(p) if p.starts_with('@') => p.strip_prefix('@'),
            Some(p) if prefixes.iter().any(|x| p.eq_ignore_ascii_case(x)) => parts.get(1).copied(),
            _ => None,
        },
        Shape::Subdomain(reserved) => {
            let sub = host
                .strip_suffix(domain)
                .and_then(|s| s.strip_suffix('.'))
                .filter(|s| !s.contains('.'));
            match sub {
                Some(s) if !is_reserved(s, reserved) => Some(s),
                _ => first.filter(|p| !is_reserved(p, reserved)),
            }
        }
    }?;
    valid(name).then(|| name.to_string())
}

/// One of the platform's own pages, or a script (`profile.php`) rather than a name.
fn is_reserved(part: &str, reserved: &[&str]) -> bool {
    part.contains(".php") || reserved.iter().any(|r| part.eq_ignore_ascii_case(r))
}

/// What a username can look like on these platforms: letters, digits, `.`, `_` and `-`.
/// Anything else (a percent-escaped space, a Bluesky `did:`) is not a name to copy.
fn valid(name: &str) -> bool {
    (1..=100).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && name.chars().any(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_is_read_from_each_platforms_address_shape() {
        let cases: &[(&str, Option<&str>)] = &[
            // TikTok: the account is always after the @, on a video too.
            (
                "https://www.tiktok.com/@ms_smith_fake",
                Some("ms_smith_fake"),
            ),
            (
                "https://www.tiktok.com/@x.y/video/7300000000000000000",
                Some("x.y"),
            ),
            ("https://m.tiktok.com/@mr.jones?lang=en", Some("mr.jones")),
            ("https://vm.tiktok.com/ZMabc123/", None),
            ("https://www.tiktok.com/tag/teachers", None),
            // Instagram: a profile is the first part; a post or reel names no account,
            // unless the newer shape puts the account first.
            (
                "https://www.instagram.com/fake_account/",
                Some("fake_account"),
            ),
            ("https://instagram.com/Mr.Smith", Some("Mr.Smith")),
            ("https://www.instagram.com/p/Cabc123/", None),
            ("https://www.instagram.com/reel/Cabc123/", None),
            (
                "https://www.instagram.com/fake_account/p/Cabc123/",
                Some("fake_account"),
            ),
            ("https://www.instagram.com/stories/highlights/1/", None),
            ("https://www.instagram.com/explore/tags/school/", None),
            // X and Twitter: the first part, on a post too.
            ("https://x.com/parody_head", Some("parody_head")),
            (
                "https://twitter.com/parody_head/status/1234567890",
                Some("parody_head"),
            ),
            (
                "https://mobile.twitter.com/@parody_head",
                Some("parody_head"),
            ),
            ("https://x.com/i/status/1234567890", None),
            ("https://x.com/search?q=oakwood", None),
            ("https://x.com/home", None),
            // Facebook: a username page, but never profile.php?id= or a group.
            (
                "https://www.facebook.com/jane.smith.123",
                Some("jane.smith.123"),
            ),
            (
                "https://m.facebook.com/jane.smith.123/posts/456",
                Some("jane.smith.123"),
            ),
            (
                "https://www.facebook.com/profile.php?id=100012345678901",
                None,
            ),
            (
                "https://www.facebook.com/people/Jane-Smith/100012345678901/",
                None,
            ),
            ("https://www.facebook.com/groups/oakwoodparents/", None),
            (
                "https://www.facebook.com/permalink.php?story_fbid=1&id=2",
                None,
            ),
            ("https://www.facebook.com/share/p/abc123/", None),
            // YouTube: @name and the old /user/ and /c/ shapes; a video names no account.
            ("https://www.youtube.com/@mockingvids", Some("mockingvids")),
            (
                "https://www.youtube.com/@mockingvids/shorts",
                Some("mockingvids"),
            ),
            ("https://www.youtube.com/user/oldname", Some("oldname")),
            ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", None),
            ("https://www.youtube.com/shorts/abc123", None),
            ("https://www.youtube.com/channel/UCabc", None),
            ("https://youtu.be/dQw4w9WgXcQ", None),
            // The others.
            (
                "https://www.threads.com/@fake.head/post/abc",
                Some("fake.head"),
            ),
            ("https://www.snapchat.com/add/snapper99", Some("snapper99")),
            (
                "https://www.reddit.com/user/throwaway_123/",
                Some("throwaway_123"),
            ),
            (
                "https://www.reddit.com/u/throwaway_123",
                Some("throwaway_123"),
            ),
            (
                "https://www.reddit.com/r/teachers/comments/abc/title/",
                None,
            ),
            ("https://www.twitch.tv/streamer_x", Some("streamer_x")),
            ("https://www.twitch.tv/videos/123", None),
            ("https://fakeblog.tumblr.com/post/123", Some("fakeblog")),
            ("https://www.tumblr.com/fakeblog/123/slug", Some("fakeblog")),
            ("https://www.tumblr.com/dashboard", None),
            (
                "https://bsky.app/profile/fake.bsky.social/post/3k",
                Some("fake.bsky.social"),
            ),
            ("https://bsky.app/profile/did:plc:abc123", None),
            (
                "https://www.linkedin.com/in/jane-smith-12345/",
                Some("jane-smith-12345"),
            ),
            ("https://www.pinterest.co.uk/pinner/", Some("pinner")),
            ("https://www.pinterest.com/pin/123/", None),
            // Not a platform's address, or not an address at all.
            ("https://example.com/@someone", None),
            ("https://notiktok.com/@someone", None),
            ("javascript:alert(1)", None),
            ("tiktok.com/@no_scheme", None),
            ("", None),
            ("https://www.tiktok.com/@", None),
            ("https://www.tiktok.com/@two%20words", None),
            ("https://www.tiktok.com/@%3Cscript%3E", None),
        ];
        for (url, want) in cases {
            assert_eq!(handle_from_url(url).as_deref(), *want, "{url}");
        }
    }

    #[test]
    fn hosts_and_domains() {
        assert_eq!(
            host(" https://M.TikTok.com/@x ").as_deref(),
            Some("m.tiktok.com")
        );
        assert_eq!(host("ftp://tiktok.com/"), None);
        assert!(on_domain("m.tiktok.com", "tiktok.com"));
        assert!(on_domain("tiktok.com", "tiktok.com"));
        assert!(!on_domain("notiktok.com", "tiktok.com"));
    }
}

//! A site's robots.txt as RFC 9309 reads it (longest rule wins, our own group before `*`,
//! an unreadable file means "fetch nothing"), matched by Google's reference matcher (the
//! `robotstxt` crate); this module only prepares its input.

use url::Url;

/// The product token findable's rules are looked up under (`User-agent: findable`).
pub const PRODUCT_TOKEN: &str = "findable";

/// RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt; the rest is ignored.
pub const MAX_ROBOTS_BYTES: usize = 500 * 1024;

/// The rules of one site, ready to ask.
#[derive(Debug, Clone)]
pub struct Robots {
    /// The file as ASCII: see [`Robots::parse`].
    body: String,
}

impl Robots {
    /// Rules from the bytes of a robots.txt. Bytes outside ASCII are percent-encoded, as
    /// RFC 9309 section 2.2.2 says paths are compared; that also keeps the matcher on
    /// ASCII, where it cannot slice inside a character (its issue #5 is a panic there).
    pub fn parse(raw: &[u8]) -> Self {
        let raw = &raw[..raw.len().min(MAX_ROBOTS_BYTES)];
        let raw = raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(raw);
        let mut body = String::with_capacity(raw.len());
        for &byte in raw {
            match byte {
                // Control characters other than line ends mean nothing in the file.
                b'\n' | b'\r' | b'\t' => body.push(char::from(byte)),
                0..=0x1f | 0x7f => body.push(' '),
                0x20..=0x7e => body.push(char::from(byte)),
                _ => body.push_str(&format!("%{byte:02X}")),
            }
        }
        Self { body }
    }

    /// No rules at all: what a missing robots.txt (a 4xx) means.
    pub fn allow_all() -> Self {
        Self {
            body: String::new(),
        }
    }

    /// Whether findable may fetch `url`.
    pub fn allows(&self, url: &Url) -> bool {
        let mut matcher = robotstxt::DefaultMatcher::default();
        matcher.one_agent_allowed_by_robots(&self.body, PRODUCT_TOKEN, url.as_str())
    }

    /// The `Sitemap:` lines, as written (resolved and checked by the caller).
    pub fn sitemaps(&self) -> Vec<String> {
        self.body
            .lines()
            .filter_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.trim().eq_ignore_ascii_case("sitemap").then(|| {
                    value
                        .split('#')
                        .next()
                        .unwrap_or_default()
                        .trim()
                        .to_string()
                })
            })
            .filter(|v| !v.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(path: &str) -> Url {
        Url::parse(&format!("https://www.oakwood.sch.uk{path}")).expect("url")
    }

    #[test]
    fn the_longest_rule_and_our_own_group_win() {
        let robots = Robots::parse(
            b"User-agent: *\nDisallow: /private/\nAllow: /private/open.html\n\n\
              User-agent: OtherBot\nDisallow: /\n\nSitemap: https://www.oakwood.sch.uk/sitemap.xml # main\n",
        );
        assert!(robots.allows(&url("/staff")));
        assert!(!robots.allows(&url("/private/minutes.html")));
        assert!(robots.allows(&url("/private/open.html")));
        assert_eq!(
            robots.sitemaps(),
            ["https://www.oakwood.sch.uk/sitemap.xml"]
        );
        let ours = Robots::parse(b"User-agent: findable\nDisallow: /\n\nUser-agent: *\nAllow: /\n");
        assert!(!ours.allows(&url("/staff")));
        assert!(Robots::allow_all().allows(&url("/anything")));
    }

    #[test]
    fn hostile_bytes_never_panic_and_non_ascii_paths_still_match() {
        let robots = Robots::parse(
            "User-agent: *\nDisallow: /caf\u{e9}/\n\u{a0}Disallow:\u{a0}/x\n\0\u{1b}[2J".as_bytes(),
        );
        assert!(!robots.allows(&url("/caf%C3%A9/menu")));
        assert!(robots.allows(&url("/staff")));
        let mut rng = fastrand::Rng::with_seed(17);
        for _ in 0..200 {
            let len = rng.usize(0..400);
            let bytes: Vec<u8> = (0..len)
                .map(|_| match rng.u8(0..6) {
                    0 => b'\n',
                    1 => b':',
                    2 => b'/',
                    3 => b'*',
                    _ => rng.u8(..),
                })
                .collect();
            let robots = Robots::parse(&bytes);
            let _ = robots.allows(&url("/staff/a%C3%A9?x=1"));
            let _ = robots.sitemaps();
        }
    }
}

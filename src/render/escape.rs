//! The only escapers and sanitisers: one per format. Anything that came from a file, a
//! flag or a server goes through one of these on its way into a document; our own
//! wording does not need to. HTML escaping itself is maud's: only the safe URL is here.

use std::borrow::Cow;

/// Characters that can reorder how text is displayed (Unicode's Bidi_Control set): an
/// override can make a web address read differently from where it goes.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Untrusted text made safe for a terminal or a plain-text file, as one line: control
/// characters (ESC, NUL, newlines, tabs, DEL, C1) become spaces so escape sequences cannot
/// reach the terminal, and bidirectional controls go. The other escapers start from this.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|&c| !is_bidi_control(c))
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect(),
    )
}

/// Untrusted text as literal Markdown, safe anywhere a line of text may go (including the
/// start of a line or a table cell): it cannot open a heading, list, quote, code, link,
/// image, table cell or raw HTML. Angle brackets become entities, so the raw file holds no
/// tag either, and so does an ampersand that could start an entity ("&amp;", not "& ");
/// other punctuation that means something is backslashed.
pub fn markdown(s: &str) -> String {
    let s = text(s);
    let s = s.trim();
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() || *n == '#') =>
            {
                out.push_str("&amp;");
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // At the start of a line `-`, `+`, `=` or `1.` would open a list or underline a heading.
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

/// A link target for Markdown: `<https://…>` for a well-formed http(s) address, `None`
/// for anything else (a phone number, `javascript:`, garbage), which the caller shows as
/// [`markdown`] text.
pub fn markdown_autolink(url: &str) -> Option<String> {
    web_url(url).map(|u| format!("<{u}>"))
}

/// A link target shown in Markdown: the autolink when it is a web address, else the
/// target as escaped text (a phone number stays a phone number).
pub fn markdown_target(target: &str) -> String {
    markdown_autolink(target).unwrap_or_else(|| markdown(target))
}

/// The address to link to, when `url` is a well-formed http(s) address with a host:
/// normalised, so quotes, spaces and angle brackets are percent-encoded and cannot end an
/// attribute or an autolink. Anything else (`javascript:`, `data:`, a phone number,
/// garbage) is `None` and must only ever be shown as text.
pub fn web_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(text(url).trim()).ok()?;
    match parsed.scheme() {
        "http" | "https" if parsed.host().is_some() => Some(parsed.into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_drops_escapes_controls_and_bidi_overrides() {
        let hostile = "a\u{1b}[31mb\0c\nd\te\u{7f}f\u{9b}g\u{202e}h\u{2066}i\u{200f}j";
        let out = text(hostile);
        assert_eq!(out, "a [31mb c d e f ghij");
        assert!(out.chars().all(|c| !c.is_control()));
        assert!(matches!(text("Zoë O'Brien"), Cow::Borrowed(_)));
    }

    #[test]
    fn markdown_cannot_make_structure_links_or_html() {
        assert_eq!(
            markdown("[x](javascript:alert(1))"),
            r"\[x\](javascript:alert(1))"
        );
        assert_eq!(markdown("![i](http://x/y.png)"), r"\!\[i\](http://x/y.png)");
        assert_eq!(
            markdown("<script>&</script>"),
            "&lt;script&gt;&&lt;/script&gt;"
        );
        assert_eq!(markdown("&amp; &#60; &x"), r"&amp;amp; &amp;\#60; &amp;x");
        assert_eq!(markdown("Settings & privacy"), "Settings & privacy");
        assert_eq!(markdown("# heading"), r"\# heading");
        assert_eq!(markdown("- item"), r"\- item");
        assert_eq!(markdown("+ item"), r"\+ item");
        assert_eq!(markdown("==="), r"\===");
        assert_eq!(markdown("12. item"), r"12\. item");
        assert_eq!(markdown("3) item"), r"3\) item");
        assert_eq!(markdown("> quote"), "&gt; quote");
        assert_eq!(markdown("a | b"), r"a \| b");
        assert_eq!(
            markdown("`code` *b* _u_ ~s~"),
            r"\`code\` \*b\* \_u\_ \~s\~"
        );
        assert_eq!(markdown("two\nlines"), "two lines");
        assert_eq!(markdown("  pad  "), "pad");
        assert_eq!(markdown("2025 was a year"), "2025 was a year");
    }

    #[test]
    fn only_well_formed_web_addresses_are_links() {
        assert_eq!(
            web_url("https://example.com/a b\"c"),
            Some("https://example.com/a%20b%22c".into())
        );
        assert_eq!(
            web_url(" http://example.com"),
            Some("http://example.com/".into())
        );
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<b>",
            "0344 381 4772",
            "helpline@saferinternet.org.uk",
            "file:///etc/passwd",
            "https://",
            "",
        ] {
            assert_eq!(web_url(bad), None, "{bad}");
            assert_eq!(markdown_autolink(bad), None, "{bad}");
        }
        assert_eq!(
            markdown_autolink("https://x.org/>"),
            Some("<https://x.org/%3E>".into())
        );
        assert_eq!(
            web_url("https://e\u{202e}x.org"),
            Some("https://ex.org/".into()),
            "no bidi override survives into a link"
        );
    }
}

//! A page as the scan reads it: text pieces in page order, each with the card it sits in
//! (a table row, a list item, a staff card), the images among them with what names them,
//! and the email addresses on it. Scripts, styles and templates are not text.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node};

/// Elements whose text is one piece: inline markup inside them (`<b>`, `<a>`) does not
/// split a name.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "dt",
    "dd",
    "figcaption",
    "caption",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "nav",
    "blockquote",
    "address",
    "label",
    "body",
    "summary",
    "details",
    "legend",
    "pre",
    "tr",
];

/// Elements whose contents a visitor never reads as text.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select",
    "textarea",
];

/// Elements that hold one item of a list of people, whatever their class.
const CARD_TAGS: &[&str] = &["tr", "li", "figure", "article", "dl"];

/// Class or id words of the boxes school websites put one person in.
const CARD_WORDS: &[&str] = &[
    "card", "staff", "member", "profile", "person", "people", "team", "governor", "bio", "trustee",
    "teacher", "tile",
];

/// Longest text piece kept, in characters: a name is found in the first part of a block;
/// a page-long block is cut rather than copied whole.
const MAX_PIECE: usize = 4000;

/// The box a piece of the page is in, numbered in page order; 0 is none.
pub type Card = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text { text: String, card: Card },
    Image(Image),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Image {
    /// The `src` as written (untrusted; shown as text only).
    pub src: String,
    pub alt: String,
    pub title: String,
    /// The caption of the figure it is in.
    pub caption: String,
    pub card: Card,
}

impl Image {
    /// The file name without folders, query or extension, as words: `jane-smith`.
    pub fn file_stem(&self) -> String {
        let path = self.src.split(['?', '#']).next().unwrap_or_default();
        let name = path.rsplit('/').next().unwrap_or_default();
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        percent_decode(stem)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub address: String,
    /// Index of the piece it sits in or before.
    pub at: usize,
    pub card: Card,
}

/// One page, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub title: String,
    pub pieces: Vec<Piece>,
    pub emails: Vec<Email>,
}

impl Page {
    pub fn parse(html: &str) -> Self {
        let doc = Html::parse_document(html);
        let mut page = Page::default();
        let mut cards = HashMap::new();
        let mut card_of = |el: Option<ElementRef>| -> Card {
            match el {
                None => 0,
                Some(el) => {
                    let next = cards.len() + 1;
                    *cards.entry(el.id()).or_insert(next)
                }
            }
        };
        // The block each text node belongs to, so text of one block joins up.
        let mut last_block = None;
        for node in doc.tree.root().descendants() {
            match node.value() {
                Node::Text(text) => {
                    let ancestors: Vec<ElementRef> =
                        node.ancestors().filter_map(ElementRef::wrap).collect();
                    if ancestors.iter().any(|a| HIDDEN.contains(&a.value().name())) {
                        if ancestors.iter().any(|a| a.value().name() == "title")
                            && page.title.is_empty()
                        {
                            page.title = squash(text);
                        }
                        continue;
                    }
                    let block = ancestors
                        .iter()
                        .find(|a| BLOCKS.contains(&a.value().name()))
                        .map(|a| a.id());
                    let card = card_of(ancestors.iter().copied().find(is_card));
                    let text = squash(text);
                    if text.is_empty() {
                        continue;
                    }
                    match page.pieces.last_mut() {
                        Some(Piece::Text { text: joined, .. })
                            if last_block == Some(block) && joined.chars().count() < MAX_PIECE =>
                        {
                            joined.push(' ');
                            joined.push_str(&text);
                        }
                        _ => page.pieces.push(Piece::Text { text, card }),
                    }
                    last_block = Some(block);
                }
                Node::Element(el) => {
                    let Some(element) = ElementRef::wrap(node) else {
                        continue;
                    };
                    let hidden = element
                        .ancestors()
                        .filter_map(ElementRef::wrap)
                        .any(|a| HIDDEN.contains(&a.value().name()));
                    if hidden {
                        continue;
                    }
                    match el.name() {
                        "img" => {
                            let card = card_of(
                                element
                                    .ancestors()
                                    .filter_map(ElementRef::wrap)
                                    .find(is_card),
                            );
                            let attr = |name| squash(el.attr(name).unwrap_or_default());
                            page.pieces.push(Piece::Image(Image {
                                src: el.attr("src").unwrap_or_default().trim().to_string(),
                                alt: attr("alt"),
                                title: attr("title"),
                                caption: caption_of(element),
                                card,
                            }));
                            last_block = None;
                        }
                        "a" => {
                            let href = el.attr("href").unwrap_or_default().trim();
                            let mailto = href
                                .get(..7)
                                .is_some_and(|s| s.eq_ignore_ascii_case("mailto:"));
                            if mailto {
                                let address = href[7..].split('?').next().unwrap_or_default();
                                let card = card_of(
                                    element
                                        .ancestors()
                                        .filter_map(ElementRef::wrap)
                                        .find(is_card),
                                );
                                add_email(
                                    &mut page.emails,
                                    &percent_decode(address),
                                    page.pieces.len(),
                                    card,
                                );
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        // Addresses written out in the text, too.
        let written: Vec<(String, usize, Card)> = page
            .pieces
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match p {
                Piece::Text { text, card } => Some((text, i, *card)),
                Piece::Image(_) => None,
            })
            .flat_map(|(text, i, card)| emails_in(text).into_iter().map(move |e| (e, i, card)))
            .collect();
        for (address, at, card) in written {
            add_email(&mut page.emails, &address, at, card);
        }
        page
    }
}

fn is_card(el: &ElementRef) -> bool {
    let value = el.value();
    if CARD_TAGS.contains(&value.name()) {
        return true;
    }
    if !matches!(value.name(), "div" | "section" | "span" | "a") {
        return false;
    }
    let named = format!(
        "{} {}",
        value.attr("class").unwrap_or_default(),
        value.attr("id").unwrap_or_default()
    )
    .to_ascii_lowercase();
    CARD_WORDS.iter().any(|w| named.contains(w))
}

/// The caption of the `<figure>` an image is in.
fn caption_of(img: ElementRef) -> String {
    let Some(figure) = img
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "figure")
    else {
        return String::new();
    };
    figure
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|d| d.value().name() == "figcaption")
        .map(|c| squash(&c.text().collect::<Vec<_>>().join(" ")))
        .unwrap_or_default()
}

fn add_email(emails: &mut Vec<Email>, address: &str, at: usize, card: Card) {
    let address = address.trim().to_ascii_lowercase();
    let valid = address.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && address.len() <= 254
    });
    if valid
        && !emails
            .iter()
            .any(|e| e.address == address && e.card == card)
    {
        emails.push(Email { address, at, card });
    }
}

/// Email addresses written in text: `local@domain.tld`, nothing clever.
fn emails_in(text: &str) -> Vec<String> {
    let is_local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let is_domain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let local_start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_local(*c))
            .last()
            .map(|(i, _)| i);
        let domain_end = text[at + 1..]
            .char_indices()
            .take_while(|(_, c)| is_domain(*c))
            .last()
            .map(|(i, c)| at + 1 + i + c.len_utf8());
        if let (Some(start), Some(end)) = (local_start, domain_end) {
            let address = text[start..end].trim_end_matches('.');
            if address
                .rsplit_once('.')
                .is_some_and(|(_, tld)| tld.len() >= 2)
            {
                out.push(address.to_string());
            }
        }
    }
    out
}

/// Whitespace collapsed, cut at [`MAX_PIECE`] characters.
fn squash(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match joined.char_indices().nth(MAX_PIECE) {
        Some((cut, _)) => joined[..cut].to_string(),
        None => joined,
    }
}

/// `%20` and friends in a file name or address; invalid escapes stay as written.
fn percent_decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", text.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_joins_within_a_block_and_cards_are_numbered() {
        let page = Page::parse(
            r#"<html><head><title> Our staff </title><style>.x{}</style></head><body>
            <div class="staff-card"><img src="/img/jane-smith.jpg" alt="Portrait">
              <h3><b>Jane</b> Smith</h3><p>Head of Science</p>
              <a href="mailto:J.Smith@Oakwood.sch.uk?subject=hi">Email</a></div>
            <figure><img src="a%20b.png"><figcaption>Mr  Tom Jones</figcaption></figure>
            <script>var name = "Jane Smith";</script>
            <p>Write to office@oakwood.sch.uk.</p></body></html>"#,
        );
        assert_eq!(page.title, "Our staff");
        let texts: Vec<(&str, Card)> = page
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text { text, card } => Some((text.as_str(), *card)),
                Piece::Image(_) => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                ("Jane Smith", 1),
                ("Head of Science", 1),
                ("Email", 1),
                ("Mr Tom Jones", 2),
                ("Write to office@oakwood.sch.uk.", 0)
            ]
        );
        let images: Vec<&Image> = page
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Image(i) => Some(i),
                Piece::Text { .. } => None,
            })
            .collect();
        assert_eq!(images[0].file_stem(), "jane-smith");
        assert_eq!(images[0].card, 1);
        assert_eq!(images[1].caption, "Mr Tom Jones");
        assert_eq!(images[1].file_stem(), "a b");
        let emails: Vec<(&str, Card)> = page
            .emails
            .iter()
            .map(|e| (e.address.as_str(), e.card))
            .collect();
        assert_eq!(
            emails,
            [("j.smith@oakwood.sch.uk", 1), ("office@oakwood.sch.uk", 0)]
        );
    }

    #[test]
    fn hostile_markup_is_only_text() {
        let page = Page::parse("<p>a@b</p><p>@@x.y</p><p>é@ü.de</p><a href=\"mailto:\">x</a>\u{0}");
        assert!(page.emails.is_empty(), "{:?}", page.emails);
        let long = format!("<p>{}</p>", "word ".repeat(5000));
        let page = Page::parse(&long);
        assert!(
            matches!(&page.pieces[0], Piece::Text { text, .. } if text.chars().count() <= MAX_PIECE)
        );
    }
}

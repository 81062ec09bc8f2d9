//! Who a page names. For a member of staff asked about: their full name with a photo,
//! personal-looking email or role near it, or only title and surname. For the school as a
//! whole: everyone named in full ("Mrs Jane Smith", a name in a staff card), counted.

use std::collections::BTreeSet;

use super::page::{Card, Image, Page, Piece};
use super::{Photo, PhotoLink, Sighting};
use crate::relevance::Spotter;
use crate::relevance::words;
use crate::variants::NicknameTable;

/// Words of a job at a school; a piece of text with one of them near a name is its role.
const ROLE_WORDS: &[&str] = &[
    "headteacher",
    "head",
    "deputy",
    "assistant",
    "teacher",
    "teaching",
    "senco",
    "sendco",
    "dsl",
    "safeguarding",
    "governor",
    "governors",
    "chair",
    "trustee",
    "clerk",
    "manager",
    "administrator",
    "admin",
    "receptionist",
    "librarian",
    "caretaker",
    "technician",
    "lead",
    "leader",
    "coordinator",
    "co-ordinator",
    "principal",
    "nursery",
    "mentor",
    "counsellor",
    "nurse",
    "officer",
    "director",
    "bursar",
    "pastoral",
    "support",
    "tutor",
    "coach",
    "secretary",
    "inclusion",
    "send",
    "pe",
    "maths",
    "english",
    "science",
    "music",
    "art",
];

/// Longest role text shown, in characters.
const MAX_ROLE: usize = 80;
/// Pieces either side of a name that may hold its photo when there is no card.
const NEAR: usize = 2;

/// Email local parts that belong to an office, not a person.
const SHARED_MAILBOXES: &[&str] = &[
    "office",
    "admin",
    "info",
    "enquiries",
    "enquiry",
    "head",
    "headteacher",
    "reception",
    "contact",
    "school",
    "finance",
    "hr",
    "senco",
    "send",
    "dsl",
    "safeguarding",
    "governors",
    "clerk",
    "attendance",
    "admissions",
    "bursar",
    "it",
    "support",
    "hello",
    "webmaster",
];

/// Where one member of staff is named on `page`, or `None` when they are not.
pub fn sighting(page: &Page, url: &str, spotter: &Spotter, keys: &NameKeys) -> Option<Sighting> {
    let mut full = Vec::new();
    for (i, piece) in page.pieces.iter().enumerate() {
        if let Piece::Text { text, card } = piece
            && let Some(spot) = spotter.full_name(text)
        {
            full.push((i, *card, spot.shown));
        }
    }
    let named_photo = page.pieces.iter().find_map(|p| match p {
        Piece::Image(img) => named_image(img, |t| spotter.full_name(t).map(|s| s.shown)),
        Piece::Text { .. } => None,
    });
    let base = Sighting {
        url: url.to_string(),
        page_title: page.title.clone(),
        full_name: None,
        title_name: None,
        photo: None,
        email: None,
        role: None,
    };
    if full.is_empty() && named_photo.is_none() {
        let title = page.pieces.iter().find_map(|p| match p {
            Piece::Text { text, .. } => spotter.title_name(text),
            Piece::Image(_) => None,
        })?;
        return Some(Sighting {
            title_name: Some(title.shown),
            ..base
        });
    }
    let full_name = full
        .first()
        .map(|(_, _, shown)| shown.clone())
        .or_else(|| named_photo.as_ref().map(|(_, shown)| shown.clone()));
    let photo = named_photo.map(|(photo, _)| photo).or_else(|| {
        full.iter()
            .find_map(|(i, card, _)| photo_near(page, *i, *card))
    });
    let role = full
        .iter()
        .find_map(|(i, card, _)| role_near(page, *i, *card));
    let cards: BTreeSet<Card> = full
        .iter()
        .map(|(_, c, _)| *c)
        .filter(|c| *c != 0)
        .collect();
    let email = page
        .emails
        .iter()
        .filter(|e| !is_shared(&e.address))
        .find(|e| cards.contains(&e.card) || keys.in_address(&e.address))
        .map(|e| e.address.clone());
    Some(Sighting {
        full_name,
        photo,
        role,
        email,
        ..base
    })
}

/// The folded name pieces an email address of theirs would carry.
#[derive(Debug, Clone, Default)]
pub struct NameKeys {
    surname: String,
    given: String,
}

impl NameKeys {
    pub fn new(given: &str, surname: &str) -> Self {
        let fold = |s: &str| words(s).concat();
        Self {
            surname: fold(surname),
            given: fold(given),
        }
    }

    /// The address's local part carries their surname (or their first name and initial):
    /// `j.smith@`, `jane.smith@`, `smithj@`.
    fn in_address(&self, address: &str) -> bool {
        let local: String = address
            .split('@')
            .next()
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let long = |k: &str| k.len() >= 3;
        (long(&self.surname) && local.contains(&self.surname))
            || (long(&self.given) && local.starts_with(&self.given))
    }
}

fn is_shared(address: &str) -> bool {
    let local = address.split('@').next().unwrap_or_default();
    SHARED_MAILBOXES.contains(&local)
}

/// An image that names someone itself: in its alt text, caption, title or file name.
fn named_image(img: &Image, find: impl Fn(&str) -> Option<String>) -> Option<(Photo, String)> {
    let stem = img.file_stem();
    [
        (&img.alt, PhotoLink::AltText),
        (&img.caption, PhotoLink::Caption),
        (&img.title, PhotoLink::Title),
        (&stem, PhotoLink::FileName),
    ]
    .into_iter()
    .find_map(|(text, how)| {
        let shown = find(text)?;
        Some((
            Photo {
                src: img.src.clone(),
                how,
            },
            shown,
        ))
    })
}

/// A photo in the same card as piece `at`, or next to it when neither is in a card.
fn photo_near(page: &Page, at: usize, card: Card) -> Option<Photo> {
    let image = |i: usize| match page.pieces.get(i) {
        Some(Piece::Image(img)) if !img.src.is_empty() => Some(img),
        _ => None,
    };
    if card != 0
        && let Some(img) = (0..page.pieces.len())
            .filter_map(image)
            .find(|img| img.card == card)
    {
        return Some(Photo {
            src: img.src.clone(),
            how: PhotoLink::SameCard,
        });
    }
    let window = at.saturating_sub(NEAR)..=at + NEAR;
    window
        .filter_map(image)
        .find(|img| img.card == card)
        .map(|img| Photo {
            src: img.src.clone(),
            how: PhotoLink::NextTo,
        })
}

/// The text beside a name that says what the person does.
fn role_near(page: &Page, at: usize, card: Card) -> Option<String> {
    let text_at = |i: usize| match page.pieces.get(i) {
        Some(Piece::Text { text, card: c }) if *c == card => Some(text.as_str()),
        _ => None,
    };
    let mut candidates: Vec<&str> = Vec::new();
    if card != 0 {
        candidates.extend((0..page.pieces.len()).filter_map(text_at));
    } else {
        candidates.extend([at, at + 1].into_iter().filter_map(text_at));
    }
    candidates
        .into_iter()
        .find(|text| words(text).iter().any(|w| ROLE_WORDS.contains(&w.as_str())))
        .map(|text| match text.char_indices().nth(MAX_ROLE) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.to_string(),
        })
}

/// Everyone a page names, as far as the text shows: who is named in full (and of those,
/// who has a photo), and who only by title and surname. Folded keys, so one person
/// counts once however their name is written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Named {
    pub full: BTreeSet<String>,
    pub with_photo: BTreeSet<String>,
    pub title_only: BTreeSet<String>,
    pub personal_emails: BTreeSet<String>,
}

/// Titles school websites put before staff names.
const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr", "sir", "rev", "revd"];

/// Words that make "Firstname Word" a place or a thing rather than a person.
const NOT_SURNAMES: &[&str] = &[
    "road", "street", "lane", "avenue", "close", "drive", "way", "centre", "center", "church",
    "school", "academy", "college", "primary", "trust", "day", "week", "term", "award", "awards",
    "cup", "prize", "fund", "library", "room", "building", "wing", "block", "class", "team",
    "group", "year", "site", "garden", "gardens", "unit", "club", "house",
];

/// Everyone `page` names: see [`Named`].
pub fn named(page: &Page) -> Named {
    let table = NicknameTable::builtin();
    let mut out = Named::default();
    let mut photo_cards = BTreeSet::new();
    let mut images = Vec::new();
    for piece in &page.pieces {
        match piece {
            Piece::Image(img) => {
                if img.card != 0 && !img.src.is_empty() {
                    photo_cards.insert(img.card);
                }
                images.push(img);
            }
            Piece::Text { .. } => {}
        }
    }
    for piece in &page.pieces {
        let Piece::Text { text, card } = piece else {
            continue;
        };
        let tokens: Vec<&str> = text
            .split(|c: char| {
                c.is_whitespace()
                    || matches!(c, ',' | ';' | ':' | '(' | ')' | '|' | '/' | '–' | '—')
            })
            .filter(|t| !t.is_empty())
            .collect();
        let short = tokens.len() <= 6;
        let mut i = 0;
        while i < tokens.len() {
            let title = TITLES.contains(
                &tokens[i]
                    .trim_end_matches('.')
                    .to_ascii_lowercase()
                    .as_str(),
            );
            let cap = |j: usize| tokens.get(j).copied().filter(|t| is_capitalised(t));
            let key = |parts: &[&str]| {
                parts
                    .iter()
                    .map(|p| words(p).concat())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let found = if title {
                match (cap(i + 1), cap(i + 2)) {
                    (Some(given), Some(surname)) if !is_initial(given) && !is_thing(surname) => {
                        Some((key(&[given, surname]), true, 3))
                    }
                    (Some(initial), Some(surname)) if is_initial(initial) => {
                        out.title_only.insert(key(&[tokens[i], surname]));
                        None
                    }
                    (Some(surname), _) if !is_initial(surname) => {
                        out.title_only.insert(key(&[tokens[i], surname]));
                        None
                    }
                    _ => None,
                }
            } else {
                match (cap(i), cap(i + 1)) {
                    (Some(given), Some(surname))
                        if (short || i == 0)
                            && *card != 0
                            && table.knows(&words(given).concat())
                            && !is_initial(surname)
                            && !is_thing(surname) =>
                    {
                        Some((key(&[given, surname]), true, 2))
                    }
                    _ => None,
                }
            };
            match found {
                Some((name, _, used)) => {
                    let pictured = photo_cards.contains(card)
                        || images.iter().any(|img| image_names(img, &name));
                    if pictured {
                        out.with_photo.insert(name.clone());
                    }
                    out.full.insert(name);
                    i += used;
                }
                None => i += 1,
            }
        }
    }
    // A portrait can name its subject on its own: jane-smith.jpg, alt="Jane Smith".
    for img in &images {
        for text in [&img.alt, &img.caption, &img.title, &img.file_stem()] {
            let parts = words(text);
            let named = matches!(parts.len(), 2 | 3)
                && table.knows(&parts[0])
                && parts[1..]
                    .iter()
                    .all(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
                && !is_thing(&parts[parts.len() - 1]);
            if named {
                let name = format!("{} {}", parts[0], parts[parts.len() - 1]);
                out.with_photo.insert(name.clone());
                out.full.insert(name);
                break;
            }
        }
    }
    for email in &page.emails {
        let local = email.address.split('@').next().unwrap_or_default();
        if !is_shared(&email.address) && local.chars().any(|c| matches!(c, '.' | '_' | '-')) {
            out.personal_emails.insert(email.address.clone());
        }
    }
    out
}

/// The image's alt, caption, title or file name carries every word of `name` (folded).
fn image_names(img: &Image, name: &str) -> bool {
    let wanted: Vec<&str> = name.split(' ').collect();
    [&img.alt, &img.caption, &img.title, &img.file_stem()]
        .iter()
        .any(|text| {
            let found = words(text);
            wanted.iter().all(|w| found.iter().any(|f| f == w))
        })
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.any(char::is_alphabetic)
        && !word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

fn is_initial(word: &str) -> bool {
    word.trim_end_matches('.').chars().count() == 1
}

fn is_thing(word: &str) -> bool {
    NOT_SURNAMES.contains(&words(word).concat().as_str())
}

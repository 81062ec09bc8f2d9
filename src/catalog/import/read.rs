//! Reading a list file once, as a stream: at most [`MAX_LIST_BYTES`], no copy of the whole
//! text and no JSON tree of it. WhatsMyName entries are converted as they are read; the
//! other formats keep each entry's raw text until the format is known. Not for the
//! meaning of any field: that is in the format modules.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::io::{BufRead, Read};
use std::rc::Rc;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{Collector, ImportError, ImportOptions, wmn};

/// The largest list findable reads. The real lists are a few megabytes; this leaves room
/// for much larger ones while a wrong file (`/dev/zero`, a disk image) stops at once.
pub const MAX_LIST_BYTES: u64 = 64 * 1024 * 1024;

/// A list's entries, as far as reading goes.
pub(super) enum Document {
    WhatsMyName(Collector),
    /// Site name and raw entry, in file order, repeated names kept.
    Sherlock(Vec<(String, Box<RawValue>)>),
    Maigret {
        sites: Vec<(String, Box<RawValue>)>,
        engines: serde_json::Map<String, serde_json::Value>,
    },
}

/// Why the stream did not give a list.
pub(super) enum Unreadable {
    TooLarge,
    Error(ImportError),
}

/// Counts what has been read, so a stream cut at the cap is told apart from bad JSON.
struct Counted<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// Reads a whole list from `reader`; `label` names it in messages.
pub(super) fn read(
    label: &str,
    mut reader: impl BufRead,
    options: &ImportOptions,
) -> Result<Document, Unreadable> {
    // Editors on Windows save JSON with a byte-order mark, which serde_json rejects.
    if let Ok(head) = reader.fill_buf()
        && head.starts_with(b"\xef\xbb\xbf")
    {
        reader.consume(3);
    }
    let count = Rc::new(Cell::new(0));
    // serde_json reads a stream a byte at a time: a buffer on the outside keeps that a
    // copy from memory rather than a call through every layer.
    let counted = std::io::BufReader::with_capacity(
        64 * 1024,
        Counted {
            inner: reader.take(MAX_LIST_BYTES + 1),
            count: count.clone(),
        },
    );
    let context = Context {
        label,
        options,
        error: RefCell::new(None),
    };
    let mut de = serde_json::Deserializer::from_reader(counted);
    let parsed = TopLevel(&context)
        .deserialize(&mut de)
        .and_then(|found| de.end().map(|()| found));
    if count.get() > MAX_LIST_BYTES {
        return Err(Unreadable::TooLarge);
    }
    if let Some(error) = context.error.into_inner() {
        return Err(Unreadable::Error(error));
    }
    match parsed {
        Err(e) => Err(Unreadable::Error(super::not_json(label, &e))),
        Ok(Found::List(document)) => Ok(document),
        Ok(Found::Other(found)) => Err(Unreadable::Error(ImportError::UnknownFormat {
            label: label.to_string(),
            found,
        })),
    }
}

struct Context<'a> {
    label: &'a str,
    options: &'a ImportOptions,
    /// A hard error in one entry, kept here while serde unwinds with a stand-in.
    error: RefCell<Option<ImportError>>,
}

enum Found {
    List(Document),
    /// What the document is instead, for the "not a site list" message.
    Other(String),
}

struct TopLevel<'c>(&'c Context<'c>);

impl<'de> DeserializeSeed<'de> for TopLevel<'_> {
    type Value = Found;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Found, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// What the `sites` key held.
enum Sites {
    /// WhatsMyName: converted; `None` when no entry had `uri_check` (not WhatsMyName).
    Array(Option<Collector>),
    Object(Vec<(String, Box<RawValue>)>),
    Other,
}

impl<'de> Visitor<'de> for TopLevel<'_> {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a site list")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut sites = None;
        let mut engines = None;
        let mut others: Vec<(String, Box<RawValue>)> = Vec::new();
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if keys.len() < 4 {
                keys.push(key.clone());
            }
            match key.as_str() {
                "sites" if sites.is_none() => sites = Some(map.next_value_seed(SitesSeed(self.0))?),
                "engines" if engines.is_none() => {
                    engines = Some(map.next_value::<serde_json::Map<_, _>>()?);
                }
                _ => others.push((key, map.next_value()?)),
            }
        }
        let no_uri_check = matches!(sites, Some(Sites::Array(None)));
        let list = match sites {
            Some(Sites::Array(Some(converted))) => Some(Document::WhatsMyName(converted)),
            Some(Sites::Object(sites)) => Some(Document::Maigret {
                sites,
                engines: engines.unwrap_or_default(),
            }),
            _ if others
                .iter()
                .any(|(key, raw)| !key.starts_with('$') && sherlock_shaped(raw)) =>
            {
                Some(Document::Sherlock(others))
            }
            _ => None,
        };
        Ok(match list {
            Some(list) => Found::List(list),
            None if no_uri_check => {
                Found::Other("a \"sites\" array whose entries have no \"uri_check\"".into())
            }
            None if keys.is_empty() => Found::Other("an empty object".into()),
            None => {
                let shown: Vec<String> = keys.iter().take(3).map(|k| format!("{k:?}")).collect();
                let more = if keys.len() > 3 { ", ..." } else { "" };
                Found::Other(format!(
                    "an object with keys {}{more} and no site with both \"url\" and \"errorType\"",
                    shown.join(", ")
                ))
            }
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Found, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Found::Other("a JSON array".into()))
    }

    fn visit_str<E>(self, _: &str) -> Result<Found, E> {
        Ok(Found::Other("a JSON string".into()))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Found, E> {
        Ok(Found::Other("a JSON number".into()))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Found, E> {
        Ok(Found::Other("a JSON number".into()))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Found, E> {
        Ok(Found::Other("a JSON number".into()))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Found, E> {
        Ok(Found::Other("a JSON boolean".into()))
    }

    fn visit_unit<E>(self) -> Result<Found, E> {
        Ok(Found::Other("JSON null".into()))
    }
}

/// An object with both `url` and `errorType`: what makes a Sherlock site.
fn sherlock_shaped(raw: &RawValue) -> bool {
    #[derive(Deserialize)]
    struct Shape {
        url: Option<IgnoredAny>,
        #[serde(rename = "errorType")]
        error_type: Option<IgnoredAny>,
    }
    serde_json::from_str::<Shape>(raw.get())
        .is_ok_and(|shape| shape.url.is_some() && shape.error_type.is_some())
}

/// Whether a WhatsMyName entry has `uri_check`, which marks the format.
fn has_uri_check(raw: &RawValue) -> bool {
    #[derive(Deserialize)]
    struct Shape {
        uri_check: Option<IgnoredAny>,
    }
    serde_json::from_str::<Shape>(raw.get()).is_ok_and(|shape| shape.uri_check.is_some())
}

struct SitesSeed<'c>(&'c Context<'c>);

impl<'de> DeserializeSeed<'de> for SitesSeed<'_> {
    type Value = Sites;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Sites, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SitesSeed<'_> {
    type Value = Sites;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array or object of sites")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Sites, A::Error> {
        let context = self.0;
        // One entry with `uri_check` is enough: a later entry missing it is then reported
        // as a missing field, which says more than "not a site list". Until one is seen
        // the raw entries wait.
        let mut waiting: Vec<Box<RawValue>> = Vec::new();
        let mut converted: Option<Collector> = None;
        let mut index = 0;
        let convert = |converted: &mut Collector, index: usize, raw: &RawValue| match wmn::convert(
            context.label,
            index,
            raw,
            context.options,
        ) {
            Ok(entry) => {
                converted.add(entry);
                Ok(())
            }
            Err(error) => {
                *context.error.borrow_mut() = Some(error);
                Err(serde::de::Error::custom("entry error"))
            }
        };
        while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
            index += 1;
            match &mut converted {
                Some(done) => convert(done, index, &raw)?,
                None if has_uri_check(&raw) => {
                    let mut done = Collector::default();
                    for (i, earlier) in waiting.drain(..).enumerate() {
                        convert(&mut done, i + 1, &earlier)?;
                    }
                    convert(&mut done, index, &raw)?;
                    converted = Some(done);
                }
                None => waiting.push(raw),
            }
        }
        if index == 0 {
            converted = Some(Collector::default());
        }
        Ok(Sites::Array(converted))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Sites, A::Error> {
        let mut sites = Vec::new();
        while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
            sites.push(entry);
        }
        Ok(Sites::Object(sites))
    }

    fn visit_str<E>(self, _: &str) -> Result<Sites, E> {
        Ok(Sites::Other)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Sites, E> {
        Ok(Sites::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Sites, E> {
        Ok(Sites::Other)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Sites, E> {
        Ok(Sites::Other)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Sites, E> {
        Ok(Sites::Other)
    }

    fn visit_unit<E>(self) -> Result<Sites, E> {
        Ok(Sites::Other)
    }
}

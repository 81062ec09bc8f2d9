//! Site lists kept by other username-search tools (WhatsMyName, Sherlock), read from a file
//! and converted into findable's [`Site`]s so `--sites FILE` can add breadth to the checks.
//! Entries findable cannot probe honestly are skipped with a warning; malformed ones stop
//! the load.

mod sherlock;
mod wmn;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use super::site::Site;

/// The sites a list yielded, and what was left out of it and why.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub format: ListFormat,
    pub sites: Vec<Site>,
    /// One line per skipped entry: `{label}: site "{name}": {why}; skipped`.
    pub warnings: Vec<String>,
    /// Entries the list itself marks as not working (WhatsMyName `valid: false`): skipped
    /// without a warning, because the list's maintainers already know.
    pub disabled: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ListFormat {
    WhatsMyName,
    Sherlock,
}

impl fmt::Display for ListFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::WhatsMyName => "WhatsMyName",
            Self::Sherlock => "Sherlock",
        })
    }
}

/// Why a list could not be loaded at all. Every message is one line and self-contained (no
/// `source()` chain), so `{:#}` does not repeat it.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: cannot read: {error}", path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{label}:{line}:{column}: not JSON: {message}")]
    NotJson {
        label: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{label}: not a WhatsMyName or Sherlock site list: expected an object with a \"sites\" \
         array of entries with \"uri_check\" (WhatsMyName) or an object of sites each with \
         \"url\" and \"errorType\" (Sherlock), found {found}"
    )]
    UnknownFormat { label: String, found: String },
    /// An entry with a missing field or a value of the wrong type. `index` is 1-based, in
    /// file order.
    #[error("{label}: site #{index}{}: {}", name_part(.name), field_part(.field, .message))]
    Entry {
        label: String,
        index: usize,
        name: Option<String>,
        field: Option<String>,
        message: String,
    },
    #[error(
        "{label}: no usable sites in this {format} list ({entries} entries: {disabled} disabled \
         by the list, {skipped} skipped as unsupported)"
    )]
    NoUsableSites {
        label: String,
        format: ListFormat,
        entries: usize,
        disabled: usize,
        skipped: usize,
    },
}

fn name_part(name: &Option<String>) -> String {
    name.as_ref()
        .map(|n| format!(" ({n:?})"))
        .unwrap_or_default()
}

fn field_part(field: &Option<String>, message: &str) -> String {
    match field {
        Some(field) => format!("field `{field}`: {message}"),
        None => message.to_string(),
    }
}

/// Reads and converts the site list at `path`, naming it by its path in messages.
pub fn load_site_list(path: &Path) -> Result<Imported, ImportError> {
    let text = std::fs::read_to_string(path).map_err(|error| ImportError::Read {
        path: path.to_path_buf(),
        error,
    })?;
    parse_site_list(&path.display().to_string(), &text)
}

/// Converts the text of a site list; `label` names it in warnings and errors.
pub fn parse_site_list(label: &str, text: &str) -> Result<Imported, ImportError> {
    // Editors on Windows save JSON with a byte-order mark, which serde_json rejects.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: Value = serde_json::from_str(text).map_err(|e| not_json(label, &e))?;
    let (format, entries) = match detect(&doc) {
        Some(ListFormat::WhatsMyName) => (ListFormat::WhatsMyName, wmn::convert(label, &doc)?),
        Some(ListFormat::Sherlock) => (ListFormat::Sherlock, sherlock::convert(label, text)?),
        None => {
            return Err(ImportError::UnknownFormat {
                label: label.to_string(),
                found: describe(&doc),
            });
        }
    };
    collect(label, format, entries)
}

/// What became of one entry of a list.
#[derive(Debug)]
enum Converted {
    Site(Box<Site>),
    /// Marked as not working by the list itself.
    Disabled,
    Skipped {
        name: String,
        why: String,
    },
}

fn detect(doc: &Value) -> Option<ListFormat> {
    let object = doc.as_object()?;
    if let Some(Value::Array(sites)) = object.get("sites") {
        // One entry with `uri_check` is enough: a later entry missing it is then reported as
        // a missing field, which says more than "not a site list".
        if sites.is_empty() || sites.iter().any(|s| s.get("uri_check").is_some()) {
            return Some(ListFormat::WhatsMyName);
        }
    }
    let sherlock = object
        .iter()
        .filter(|(key, _)| !key.starts_with('$'))
        .any(|(_, v)| v.get("url").is_some() && v.get("errorType").is_some());
    sherlock.then_some(ListFormat::Sherlock)
}

/// What the document is instead, for the "not a site list" message.
fn describe(doc: &Value) -> String {
    match doc {
        Value::Object(object) => match object.get("sites") {
            Some(Value::Array(_)) => "a \"sites\" array whose entries have no \"uri_check\"".into(),
            _ if object.is_empty() => "an empty object".into(),
            _ => {
                let keys: Vec<String> = object.keys().take(3).map(|k| format!("{k:?}")).collect();
                let more = if object.len() > 3 { ", ..." } else { "" };
                format!(
                    "an object with keys {}{more} and no site with both \"url\" and \"errorType\"",
                    keys.join(", ")
                )
            }
        },
        Value::Array(_) => "a JSON array".into(),
        Value::String(_) => "a JSON string".into(),
        Value::Number(_) => "a JSON number".into(),
        Value::Bool(_) => "a JSON boolean".into(),
        Value::Null => "JSON null".into(),
    }
}

fn not_json(label: &str, error: &serde_json::Error) -> ImportError {
    let (line, column) = (error.line(), error.column());
    let full = error.to_string();
    // The position moves to the front, compiler-style, so it is not said twice.
    let message = full
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(&full)
        .to_string();
    ImportError::NotJson {
        label: label.to_string(),
        line,
        column,
        message,
    }
}

/// The hard error for an entry that does not deserialise, naming the field at fault.
fn entry_error(
    label: &str,
    index: usize,
    name: Option<&str>,
    error: serde_path_to_error::Error<serde_json::Error>,
) -> ImportError {
    let field = (error.path().iter().next().is_some()).then(|| error.path().to_string());
    ImportError::Entry {
        label: label.to_string(),
        index,
        name: name.map(str::to_string),
        field,
        message: error.into_inner().to_string(),
    }
}

/// Keeps the first site of each name, turns skips into warnings, and refuses a list that
/// yields nothing (a run over zero imported sites would look like "nothing found").
fn collect(
    label: &str,
    format: ListFormat,
    entries: Vec<Converted>,
) -> Result<Imported, ImportError> {
    let total = entries.len();
    let mut seen = HashSet::new();
    let mut sites = Vec::new();
    let mut warnings = Vec::new();
    let mut disabled = 0;
    for entry in entries {
        match entry {
            Converted::Site(site) => {
                if seen.insert(site.name.clone()) {
                    sites.push(*site);
                } else {
                    warnings.push(warning(
                        label,
                        &site.name,
                        "duplicate name, the first one is kept",
                    ));
                }
            }
            Converted::Disabled => disabled += 1,
            Converted::Skipped { name, why } => warnings.push(warning(label, &name, &why)),
        }
    }
    if sites.is_empty() {
        return Err(ImportError::NoUsableSites {
            label: label.to_string(),
            format,
            entries: total,
            disabled,
            skipped: total - disabled,
        });
    }
    Ok(Imported {
        format,
        sites,
        warnings,
        disabled,
    })
}

fn warning(label: &str, name: &str, why: &str) -> String {
    // Debug quoting keeps a name with a newline or quote in it on one line.
    format!("{label}: site {name:?}: {why}; skipped")
}

/// Why a URL template, as written in the list, cannot be requested, if it cannot: findable
/// only speaks http(s).
fn web_url_problem(field: &str, template: &str) -> Option<String> {
    let sample = ["{username}", "{account}", "{}"]
        .iter()
        .fold(template.to_string(), |url, placeholder| {
            url.replace(placeholder, "user")
        });
    match url::Url::parse(&sample) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => None,
        Ok(url) => Some(format!(
            "{field} {template:?} is not an http(s) URL (scheme {:?})",
            url.scheme()
        )),
        Err(e) => Some(format!("{field} {template:?} is not a valid URL ({e})")),
    }
}

/// Why a header cannot be sent as given, if it cannot. Checked here so one bad entry is
/// skipped at load instead of failing every probe of it later.
fn header_problem(name: &str, value: &Value) -> Option<String> {
    let Value::String(value) = value else {
        return Some(format!("header {name:?} has a non-string value"));
    };
    // RFC 9110 token characters.
    let name_ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !name_ok {
        return Some(format!(
            "header name {name:?} is not a valid HTTP header name"
        ));
    }
    if value.chars().any(|c| c == '\r' || c == '\n' || c == '\0') {
        return Some(format!("header {name:?} has a line break in its value"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/sites")
            .join(name)
    }

    fn names(imported: &Imported) -> Vec<&str> {
        imported.sites.iter().map(|s| s.name.as_str()).collect()
    }

    fn error(label: &str, text: &str) -> String {
        let message = parse_site_list(label, text).unwrap_err().to_string();
        assert!(!message.contains('\n'), "not one line: {message}");
        message
    }

    #[test]
    fn whatsmyname_fixture_loads_with_its_skips() {
        let path = fixture("wmn-small.json");
        let imported = load_site_list(&path).unwrap();
        assert_eq!(imported.format, ListFormat::WhatsMyName);
        assert_eq!(
            names(&imported),
            ["Plainbook", "Prettyhub", "Postpals", "Dotless"]
        );
        assert_eq!(imported.disabled, 1, "Retired is valid:false");
        assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
        let label = path.display().to_string();
        let warning = &imported.warnings[0];
        assert!(
            warning.starts_with(&format!("{label}: site \"Burrow\": ")),
            "{warning}"
        );
        assert!(warning.contains("not an http(s) URL"), "{warning}");
        assert!(warning.ends_with("; skipped"), "{warning}");
    }

    #[test]
    fn sherlock_fixture_loads_in_file_order_without_schema() {
        let imported = load_site_list(&fixture("sherlock-small.json")).unwrap();
        assert_eq!(imported.format, ListFormat::Sherlock);
        assert_eq!(
            names(&imported),
            [
                "Statusville",
                "Codeberg Test",
                "Messageboard",
                "Redirector",
                "Mixedfeed",
                "Postgram"
            ]
        );
        assert_eq!(imported.disabled, 0);
        let warnings = imported.warnings.join("\n");
        assert_eq!(imported.warnings.len(), 2, "{warnings}");
        assert!(warnings.contains("site \"Adultsite\": adult site, not probed; skipped"));
        assert!(warnings.contains("site \"Lookahead\": regexCheck"));
        assert!(warnings.contains("look-around"), "{warnings}");
    }

    #[test]
    fn imported_sites_serialise_with_username_placeholders_only() {
        for file in ["wmn-small.json", "sherlock-small.json"] {
            let imported = load_site_list(&fixture(file)).unwrap();
            let json = serde_json::to_string(&imported.sites).unwrap();
            assert!(!json.contains("{account}"), "{file}: {json}");
            for site in &imported.sites {
                assert!(site.profile_url.contains("{username}"), "{}", site.name);
                assert!(!site.profile_url.contains("{}"), "{}", site.name);
                assert!(!site.request.url.contains("{}"), "{}", site.name);
            }
            // What is written can be read back, so a converted list can be saved and reused.
            let back: Vec<Site> = serde_json::from_str(&json).unwrap();
            assert_eq!(back.len(), imported.sites.len());
            assert_eq!(back[0].detection, imported.sites[0].detection);
            serde_json::to_value(&imported).unwrap();
        }
    }

    #[test]
    fn wrong_type_names_entry_and_field() {
        let path = fixture("wmn-bad-field.json");
        let message = load_site_list(&path).unwrap_err().to_string();
        assert_eq!(
            message,
            format!(
                "{}: site #2 (\"Brokenplace\"): field `e_code`: invalid type: string \"200\", \
                 expected u16",
                path.display()
            )
        );
    }

    #[test]
    fn missing_field_names_entry_and_field() {
        let message = error(
            "list.json",
            r#"{"sites": [{"name": "Nocode", "uri_check": "https://a.example.test/{account}",
                "e_string": "x", "m_code": 404, "m_string": "y", "known": [], "cat": "x"}]}"#,
        );
        assert_eq!(
            message,
            "list.json: site #1 (\"Nocode\"): missing field `e_code`"
        );
    }

    #[test]
    fn entry_that_is_not_an_object_is_an_error() {
        let message = error(
            "list.json",
            r#"{"sites": [{"uri_check": "https://a.example.test/{account}"}, 5]}"#,
        );
        assert!(
            message.starts_with("list.json: site #1: missing field `name`"),
            "{message}"
        );
        let message = error(
            "list.json",
            r#"{"a": {"url": "https://a.example.test/{}", "errorType": "status_code",
                "urlMain": "https://a.example.test/"}, "b": "oops"}"#,
        );
        assert_eq!(
            message,
            "list.json: site #2 (\"b\"): invalid type: string \"oops\", expected a site object"
        );
    }

    #[test]
    fn not_a_site_list_says_what_was_expected() {
        let message = load_site_list(&fixture("not-a-list.json"))
            .unwrap_err()
            .to_string();
        assert!(message.contains("not-a-list.json: not a WhatsMyName or Sherlock site list"));
        assert!(
            message.contains("expected an object with a \"sites\" array"),
            "{message}"
        );
        assert!(message.contains("\"url\" and \"errorType\""), "{message}");
        assert!(
            message.contains("found an object with keys \"engines\""),
            "{message}"
        );
        assert!(!message.contains('\n'));

        for (text, found) in [
            ("[]", "found a JSON array"),
            ("\"x\"", "found a JSON string"),
            ("{}", "found an empty object"),
            (r#"{"sites": [{"name": "a"}]}"#, "no \"uri_check\""),
        ] {
            let message = error("l.json", text);
            assert!(
                message.starts_with("l.json: not a WhatsMyName"),
                "{message}"
            );
            assert!(message.ends_with(found), "{message}");
        }
    }

    #[test]
    fn not_json_gives_line_and_column_once() {
        let message = error("list.json", "{\n  \"sites\": [,]\n}");
        assert!(
            message.starts_with("list.json:2:13: not JSON: "),
            "{message}"
        );
        assert!(!message.contains(" at line "), "{message}");
        let message = error("empty.json", "");
        assert!(
            message.starts_with("empty.json:1:0: not JSON: "),
            "{message}"
        );
    }

    #[test]
    fn unreadable_file_names_the_path() {
        let path = fixture("no-such-file.json");
        let message = load_site_list(&path).unwrap_err().to_string();
        assert!(message.starts_with(&format!("{}: cannot read: ", path.display())));
        assert!(!message.contains('\n'));
    }

    #[test]
    fn list_with_nothing_usable_is_an_error() {
        let message = error(
            "list.json",
            r#"{"sites": [
              {"name": "Off", "uri_check": "https://a.example.test/{account}", "e_code": 200,
               "e_string": "a", "m_code": 404, "m_string": "b", "known": [], "cat": "x",
               "valid": false},
              {"name": "Ftp", "uri_check": "ftp://a.example.test/{account}", "e_code": 200,
               "e_string": "a", "m_code": 404, "m_string": "b", "known": [], "cat": "x"}
            ]}"#,
        );
        assert_eq!(
            message,
            "list.json: no usable sites in this WhatsMyName list (2 entries: 1 disabled by the \
             list, 1 skipped as unsupported)"
        );
        let message = error("list.json", r#"{"sites": []}"#);
        assert!(message.contains("no usable sites"), "{message}");
    }

    #[test]
    fn duplicate_names_keep_the_first() {
        let entry = |host: &str| {
            format!(
                r#"{{"name": "Twin", "uri_check": "https://{host}.example.test/{{account}}",
                    "e_code": 200, "e_string": "a", "m_code": 404, "m_string": "b",
                    "known": [], "cat": "x"}}"#
            )
        };
        let text = format!(r#"{{"sites": [{}, {}]}}"#, entry("first"), entry("second"));
        let imported = parse_site_list("list.json", &text).unwrap();
        assert_eq!(imported.sites.len(), 1);
        assert!(imported.sites[0].request.url.contains("first"));
        assert_eq!(
            imported.warnings,
            ["list.json: site \"Twin\": duplicate name, the first one is kept; skipped"]
        );
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let text = std::fs::read_to_string(fixture("wmn-small.json")).unwrap();
        let imported = parse_site_list("bom.json", &format!("\u{feff}{text}")).unwrap();
        assert_eq!(imported.format, ListFormat::WhatsMyName);
    }

    #[test]
    fn warnings_stay_on_one_line() {
        assert_eq!(
            warning("l.json", "two\nlines", "why"),
            "l.json: site \"two\\nlines\": why; skipped"
        );
    }
}

//! The school as staff and parents know it: name, website, town, the designated
//! safeguarding lead (DSL), its social media policy and own accounts. Read once from a
//! `school.toml` and checked here, so `onboard`, `audit` and a school scan can trust it.

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::input_file;
use crate::subject::{self, Handle, SubjectError, SubjectInput};

/// More official accounts than any school runs, few enough to list on a letter.
pub const MAX_OFFICIAL_ACCOUNTS: usize = 20;

/// A school, checked. Only `name` is always there; onboarding also needs the DSL
/// ([`School::require_dsl`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct School {
    pub name: String,
    /// The school's website as a full URL (`https://www.oakwood.sch.uk/`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub town: Option<String>,
    /// The designated safeguarding lead, as staff would name them ("Mrs Priya Patel").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dsl_name: Option<String>,
    /// How to reach the DSL: an email address, a phone number or an extension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dsl_contact: Option<String>,
    /// The staff code of conduct or social media policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_url: Option<String>,
    /// The school's real accounts, each tied to its platform (`tiktok:oakwoodacademy`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub official_accounts: Vec<Handle>,
}

/// The file as written by a person: every value keeps where it is, so a bad one is
/// reported by file and line.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchoolFile {
    name: Option<Spanned<String>>,
    website: Option<Spanned<String>>,
    town: Option<Spanned<String>>,
    dsl_name: Option<Spanned<String>>,
    dsl_contact: Option<Spanned<String>>,
    policy_url: Option<Spanned<String>>,
    #[serde(default)]
    official_accounts: Vec<Spanned<String>>,
}

#[derive(Debug, thiserror::Error)]
pub enum SchoolError {
    #[error("{path}: {source}")]
    Read {
        path: String,
        source: input_file::InputFileError,
    },
    #[error("{path}:{line}: {message}")]
    File {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {key} is missing: {why}, e.g. {example}")]
    Missing {
        path: String,
        key: &'static str,
        why: &'static str,
        example: &'static str,
    },
}

/// A value's problem, before it is placed at a line.
#[derive(Debug, thiserror::Error)]
enum Bad {
    #[error(transparent)]
    Subject(#[from] SubjectError),
    #[error("{0}")]
    Said(String),
}

impl School {
    /// Reads a school file. Unknown keys, type errors and bad values are reported by file
    /// and line.
    pub fn from_file(path: &Path) -> Result<Self, SchoolError> {
        let shown = path.display().to_string();
        let text = input_file::read_text(path, input_file::MAX_TEXT_FILE).map_err(|source| {
            SchoolError::Read {
                path: shown.clone(),
                source,
            }
        })?;
        Self::from_toml(&shown, &text)
    }

    /// The text of a school file; `label` names it in errors.
    pub fn from_toml(label: &str, text: &str) -> Result<Self, SchoolError> {
        let at = |start: usize, error: Bad| SchoolError::File {
            path: label.to_string(),
            line: crate::catalog::line_of(text, start),
            message: error.to_string(),
        };
        let file: SchoolFile = toml::from_str(text).map_err(|e| SchoolError::File {
            path: label.to_string(),
            line: crate::catalog::line_of(text, e.span().map_or(0, |s| s.start)),
            message: e.message().to_string(),
        })?;
        let one = |value: Option<Spanned<String>>,
                   check: &dyn Fn(&str) -> Result<String, Bad>|
         -> Result<Option<String>, SchoolError> {
            let Some(value) = value else {
                return Ok(None);
            };
            match check(value.get_ref()) {
                Ok(v) if v.is_empty() => Ok(None),
                Ok(v) => Ok(Some(v)),
                Err(e) => Err(at(value.span().start, e)),
            }
        };
        let name = one(file.name, &|v| Ok(subject::checked_text("name", v)?))?.ok_or(
            SchoolError::Missing {
                path: label.to_string(),
                key: "name",
                why: "every document names the school",
                example: "name = \"Oakwood Academy\"",
            },
        )?;
        if let Some(extra) = file.official_accounts.get(MAX_OFFICIAL_ACCOUNTS) {
            let count = file.official_accounts.len();
            return Err(at(
                extra.span().start,
                Bad::Said(format!(
                    "official_accounts: {count} given, at most {MAX_OFFICIAL_ACCOUNTS}"
                )),
            ));
        }
        let mut official_accounts = Vec::new();
        for account in file.official_accounts {
            let handle = official(account.get_ref()).map_err(|e| at(account.span().start, e))?;
            if !official_accounts.contains(&handle) {
                official_accounts.push(handle);
            }
        }
        Ok(Self {
            name,
            website: one(file.website, &|v| match v.trim() {
                "" => Ok(String::new()),
                u => Ok(subject::checked_school_url(u)?),
            })?,
            town: one(file.town, &|v| Ok(subject::checked_text("town", v)?))?,
            dsl_name: one(file.dsl_name, &|v| {
                let name = subject::checked_text("dsl_name", v)?;
                if !name.is_empty() && !name.chars().any(char::is_alphabetic) {
                    return Err(Bad::Said(format!("dsl_name {name:?} has no letters in it")));
                }
                Ok(name)
            })?,
            dsl_contact: one(file.dsl_contact, &|v| {
                Ok(subject::checked_text("dsl_contact", v)?)
            })?,
            policy_url: one(file.policy_url, &|v| {
                match v.trim() {
                "" => Ok(String::new()),
                u => subject::checked_school_url(u).map_err(|_| {
                    Bad::Said(format!(
                        "policy_url {u:?} is not a web address: give it like https://www.oakwood.sch.uk/policies"
                    ))
                }),
            }
            })?,
            official_accounts,
        })
    }

    /// Onboarding tells every new starter who their DSL is and how to reach them: both
    /// must be in the file. `label` names the file in the error.
    pub fn require_dsl(&self, label: &str) -> Result<(), SchoolError> {
        let missing = |key, example| SchoolError::Missing {
            path: label.to_string(),
            key,
            why: "the packs tell every new starter who to go to",
            example,
        };
        if self.dsl_name.is_none() {
            return Err(missing("dsl_name", "dsl_name = \"Mrs Priya Patel\""));
        }
        if self.dsl_contact.is_none() {
            return Err(missing(
                "dsl_contact",
                "dsl_contact = \"dsl@oakwood.sch.uk\"",
            ));
        }
        Ok(())
    }

    /// What the school file says about a member of staff's school, as subject input to lay
    /// a subject file and flags over.
    pub fn subject_defaults(&self) -> SubjectInput {
        SubjectInput {
            school: Some(self.name.clone()),
            school_url: self.website.clone(),
            town: self.town.clone(),
            ..SubjectInput::default()
        }
    }
}

/// An official account must say its platform: a bare handle could be anyone's anywhere.
fn official(raw: &str) -> Result<Handle, Bad> {
    let handle = Handle::parse(raw)?;
    if handle.platform.is_none() {
        return Err(Bad::Said(format!(
            "official account {:?} does not say its platform: write it like \"tiktok:{}\"",
            raw.trim(),
            handle.handle
        )));
    }
    Ok(handle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
name = "Oakwood Academy"
website = "oakwood.sch.uk"
town = "Leeds"
dsl_name = "Mrs Priya Patel"
dsl_contact = "dsl@oakwood.sch.uk"
policy_url = "https://www.oakwood.sch.uk/policies/social-media"
official_accounts = ["tiktok:oakwoodacademy", "Instagram:@oakwood_academy", "tiktok:oakwoodacademy"]
"#;

    fn error(text: &str) -> String {
        School::from_toml("school.toml", text)
            .expect_err("an error")
            .to_string()
    }

    #[test]
    fn a_full_file_is_read_and_normalised() {
        let school = School::from_toml("school.toml", GOOD).expect("valid");
        assert_eq!(school.name, "Oakwood Academy");
        assert_eq!(school.website.as_deref(), Some("https://oakwood.sch.uk/"));
        assert_eq!(school.official_accounts.len(), 2, "the repeat is dropped");
        assert_eq!(
            school.official_accounts[1].to_string(),
            "instagram:oakwood_academy"
        );
        school.require_dsl("school.toml").expect("has a DSL");
        let defaults = school.subject_defaults();
        assert_eq!(defaults.school.as_deref(), Some("Oakwood Academy"));
        assert_eq!(defaults.town.as_deref(), Some("Leeds"));
    }

    #[test]
    fn bad_values_are_reported_at_their_line() {
        let cases = [
            (
                "name = \"Oakwood\"\nwebsite = \"ftp://x\"\n",
                "school.toml:2: ",
            ),
            (
                "name = \"Oakwood\"\n\npolicy_url = \"not a url\"\n",
                "school.toml:3: policy_url",
            ),
            (
                "name = \"Oakwood\"\nofficial_accounts = [\n  \"oakwood\",\n]\n",
                "school.toml:3: official account \"oakwood\" does not say its platform",
            ),
            (
                "name = \"Oakwood\"\nofficial_accounts = [\"tiktok:oak wood\"]\n",
                "school.toml:2: username \"tiktok:oak wood\" is not valid",
            ),
            (
                "name = \"Oakwood\"\ndsl_nme = \"x\"\n",
                "school.toml:2: unknown field `dsl_nme`",
            ),
            ("name = \"Oak\\u001b[2Jwood\"\n", "school.toml:1: name"),
            (
                "name = \"Oakwood\"\ndsl_name = \"123\"\n",
                "school.toml:2: dsl_name \"123\" has no letters",
            ),
            ("name = 3\n", "school.toml:1: "),
        ];
        for (text, starts) in cases {
            let e = error(text);
            assert!(e.starts_with(starts), "{text:?}: {e}");
        }
    }

    #[test]
    fn name_is_required_and_onboarding_needs_the_dsl() {
        assert_eq!(
            error("town = \"Leeds\"\n"),
            "school.toml: name is missing: every document names the school, e.g. name = \"Oakwood Academy\""
        );
        let school = School::from_toml("s.toml", "name = \"Oakwood\"\ndsl_name = \"Mr Ali\"\n")
            .expect("valid");
        let e = school
            .require_dsl("s.toml")
            .expect_err("no contact")
            .to_string();
        assert!(e.starts_with("s.toml: dsl_contact is missing"), "{e}");
    }

    #[test]
    fn too_many_official_accounts_are_refused_at_the_first_extra() {
        let list: Vec<String> = (0..25).map(|i| format!("\"tiktok:school{i}\"")).collect();
        let text = format!(
            "name = \"Oakwood\"\nofficial_accounts = [\n{}\n]\n",
            list.join(",\n")
        );
        let e = error(&text);
        assert!(
            e.starts_with("school.toml:23: official_accounts: 25 given, at most 20"),
            "{e}"
        );
    }
}

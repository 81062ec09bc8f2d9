//! Who is audited, as flags shared by every command that needs a person.

use std::path::PathBuf;

use clap::Args;

use findable::subject::SubjectInput;

/// Who is audited: from flags, a TOML file with the same fields, or both (flags win).
#[derive(Debug, Args)]
#[command(next_help_heading = "Who is audited")]
pub struct SubjectArgs {
    /// Read these details from a TOML file (keys: name, other_names, nicknames, usernames,
    /// title, school, school_url, town, birth_year)
    #[arg(long, value_name = "FILE")]
    pub subject: Option<PathBuf>,
    /// Your full name as used at work, e.g. "Jane Smith"
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// A maiden, partner's or previous surname, or another full name (repeatable)
    #[arg(long = "other-name", value_name = "NAME")]
    pub other_names: Vec<String>,
    /// A name friends call you, e.g. "Lizzie" (repeatable)
    #[arg(long = "nickname", value_name = "NAME")]
    pub nicknames: Vec<String>,
    /// A username you use: HANDLE or PLATFORM:HANDLE, e.g. instagram:jsmith84 (repeatable)
    #[arg(long = "username", value_name = "HANDLE")]
    pub usernames: Vec<String>,
    /// How pupils address you: Mr, Mrs, Ms, Miss, Mx, Dr...
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// The school you work at
    #[arg(long, value_name = "SCHOOL")]
    pub school: Option<String>,
    /// Take the school's name, website and town from a school file (the one `findable
    /// onboard` uses); --school, --school-url and --town win over it
    #[arg(long = "school-file", value_name = "FILE")]
    pub school_file: Option<PathBuf>,
    /// The school's website, e.g. https://www.oakwood.sch.uk
    #[arg(long = "school-url", value_name = "URL")]
    pub school_url: Option<String>,
    /// The town you live or work in
    #[arg(long, value_name = "TOWN")]
    pub town: Option<String>,
    /// Your year of birth (pupils try it in usernames: jsmith84)
    #[arg(long = "birth-year", value_name = "YEAR")]
    pub birth_year: Option<i64>,
}

impl SubjectArgs {
    /// The flags as subject input, to lay over a subject file.
    pub fn to_input(&self) -> SubjectInput {
        SubjectInput {
            name: self.name.clone(),
            other_names: self.other_names.clone(),
            nicknames: self.nicknames.clone(),
            usernames: self.usernames.clone(),
            title: self.title.clone(),
            school: self.school.clone(),
            school_url: self.school_url.clone(),
            town: self.town.clone(),
            birth_year: self.birth_year,
        }
    }
}

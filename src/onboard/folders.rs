//! Folder names made from people's names that every system accepts the same way: plain
//! lower-case letters, digits and hyphens, accents transliterated (Siobhán → siobhan), none
//! of Windows' reserved names, and a number added when two people would share one.

use std::collections::HashSet;

/// Long enough for any real name, short enough to keep a path well under Windows' limit.
const MAX_CHARS: usize = 60;

/// Names Windows gives to devices: a folder called `con` or `nul` cannot be made there.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The folder name for `name` alone: "Siobhán Ní Bhriain" → `siobhan-ni-bhriain`,
/// "Seán O'Brien-Smith" → `sean-obrien-smith`. Never empty, never a reserved name.
pub fn folder_name(name: &str) -> String {
    // Apostrophes join (O'Brien → obrien, as in usernames); everything else that is not a
    // letter or digit separates words.
    let joined: String = name
        .chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`'))
        .collect();
    let plain = deunicode::deunicode(&joined).to_lowercase();
    let words: Vec<&str> = plain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = String::new();
    for word in words {
        let extra = usize::from(!out.is_empty()) + word.len();
        if out.len() + extra > MAX_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // A name of letters deunicode has no Latin form for, or of one very long word.
        out = plain
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(MAX_CHARS)
            .collect();
    }
    if out.is_empty() {
        return "person".into();
    }
    if RESERVED.contains(&out.as_str()) {
        out.insert_str(0, "person-");
    }
    out
}

/// Hands out folder names, each once: the second Jane Smith gets `jane-smith-2`.
#[derive(Debug, Default)]
pub struct FolderNames {
    used: HashSet<String>,
}

impl FolderNames {
    /// Folder names already taken (by files findable writes beside the folders, say).
    pub fn reserving<'a>(taken: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            used: taken.into_iter().map(str::to_lowercase).collect(),
        }
    }

    /// A folder name for `name` that no earlier call returned.
    pub fn unique(&mut self, name: &str) -> String {
        let base = folder_name(name);
        let mut candidate = base.clone();
        let mut n = 2;
        // Lower-case already; compared as such so macOS and Windows, which ignore case,
        // never see two as one.
        while !self.used.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_plain_folder_names() {
        for (name, folder) in [
            ("Jane Smith", "jane-smith"),
            ("Siobhán Ní Bhriain", "siobhan-ni-bhriain"),
            ("Seán O'Brien-Smith", "sean-obrien-smith"),
            ("Zoë  Taylor", "zoe-taylor"),
            ("Eilidh NicDhòmhnaill", "eilidh-nicdhomhnaill"),
            ("Ruairí Mac Giolla Phádraig", "ruairi-mac-giolla-phadraig"),
            ("Łukasz Wiśniewski", "lukasz-wisniewski"),
            ("José María García", "jose-maria-garcia"),
            ("Ngozi Okonkwo-Adeyemi", "ngozi-okonkwo-adeyemi"),
            ("王芳", "wang-fang"),
        ] {
            assert_eq!(folder_name(name), folder, "{name}");
        }
    }

    #[test]
    fn nothing_unsafe_on_any_system_survives() {
        for name in [
            "../../etc/passwd",
            "..",
            "a/b\\c:d*e?f\"g<h>i|j",
            "Jane Smith. ",
            "  .hidden",
            "CON",
            "nul",
            "Com1",
            "LPT9",
            "\u{202e}evil",
            "😀",
            "",
            &"x".repeat(500),
            &"word ".repeat(100),
        ] {
            let folder = folder_name(name);
            assert!(!folder.is_empty(), "{name:?}");
            assert!(folder.len() <= MAX_CHARS + "person-".len(), "{name:?}");
            assert!(
                folder
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{name:?} -> {folder:?}"
            );
            assert!(
                !folder.starts_with('-') && !folder.ends_with('-'),
                "{folder:?}"
            );
            assert!(!RESERVED.contains(&folder.as_str()), "{folder:?}");
        }
        assert_eq!(folder_name("CON"), "person-con");
        assert_eq!(folder_name("../.."), "person");
    }

    #[test]
    fn twins_in_name_get_numbered_folders_whatever_the_case_or_accents() {
        let mut names = FolderNames::reserving(["index"]);
        assert_eq!(names.unique("Jane Smith"), "jane-smith");
        assert_eq!(names.unique("JANE SMITH"), "jane-smith-2");
        assert_eq!(names.unique("Jáne Smith"), "jane-smith-3");
        assert_eq!(names.unique("Index"), "index-2");
        // A real name that looks like a numbered one still gets its own.
        let mut names = FolderNames::default();
        assert_eq!(names.unique("Jane Smith 2"), "jane-smith-2");
        assert_eq!(names.unique("Jane Smith"), "jane-smith");
        assert_eq!(names.unique("Jane Smith"), "jane-smith-3");
    }
}

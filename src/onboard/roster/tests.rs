use super::*;

fn school() -> School {
    School::from_toml(
        "school.toml",
        "name = \"Oakwood Academy\"\nwebsite = \"oakwood.sch.uk\"\ntown = \"Leeds\"\n",
    )
    .expect("school")
}

fn read(text: &str) -> Roster {
    Roster::from_csv("roster.csv", text, &school(), 2026).expect("a roster")
}

fn fails(text: &str) -> String {
    Roster::from_csv("roster.csv", text, &school(), 2026)
        .expect_err("an error")
        .to_string()
}

#[test]
fn a_plain_roster_gives_one_starter_a_row_with_the_schools_details() {
    let r = read(
        "Name,Title,Other names,Nicknames,Usernames,Start date,Consent\n\
         Jane Smith,Ms,Jones,\"Janey, JJ\",instagram:janesmith84,01/09/2025,yes\n\
         Tom Brown,Mr,,,,2025-09-01,No\n",
    );
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert_eq!(r.starters.len(), 2);
    let jane = &r.starters[0];
    assert_eq!(jane.line, 2);
    assert_eq!(jane.subject.name, "Jane Smith");
    assert_eq!(jane.subject.nicknames, vec!["Janey", "JJ"]);
    assert_eq!(jane.subject.other_names, vec!["Jones"]);
    assert_eq!(
        jane.subject.usernames[0].to_string(),
        "instagram:janesmith84"
    );
    assert_eq!(jane.subject.school.as_deref(), Some("Oakwood Academy"));
    assert_eq!(jane.subject.town.as_deref(), Some("Leeds"));
    assert_eq!(jane.start.to_string(), "2025-09-01");
    assert!(jane.consent && !r.starters[1].consent);
}

#[test]
fn bom_semicolons_quoted_separators_and_crlf_all_read() {
    let text = "\u{feff}name;title;nicknames;start date;consent\r\n\
                \"Smith, Jane\";Ms;\"Janey; JJ\";1.9.2025;YES\r\n\
                \"O'Brien-Smith, Elizabeth\";Mrs;Liz;1 September 2025;n\r\n";
    let r = read(text);
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert_eq!(
        r.starters[0].subject.name, "Jane Smith",
        "surname first is turned round"
    );
    assert_eq!(r.starters[0].subject.nicknames, vec!["Janey", "JJ"]);
    assert_eq!(r.starters[1].subject.name, "Elizabeth O'Brien-Smith");
    assert_eq!(r.starters[1].start.to_string(), "2025-09-01");
    // A tab-separated paste from a spreadsheet too.
    let r = read("Name\tStart date\tConsent\nJane Smith\t2025-09-01\tyes\n");
    assert_eq!(r.starters.len(), 1);
}

#[test]
fn a_missing_column_names_the_heading_line_and_what_was_found() {
    let e = fails("\n\nName,Title,Start date\nJane Smith,Ms,2025-09-01\n");
    assert_eq!(
        e,
        "roster.csv:3: no consent column (the headings found: \"Name\", \"Title\", \"Start date\"); \
         the roster needs name, start date and consent, and may have title, other names, \
         nicknames and usernames"
    );
    assert!(
        fails("Name,Full name,Start,Consent\n").contains("roster.csv:1: two columns are \"name\"")
    );
    assert!(fails("").contains("no rows"));
    assert!(fails("\n \n").contains("no rows"));
    assert!(fails("name,start date,consent\n,,\n").contains("no rows"));
}

#[test]
fn bad_rows_are_skipped_with_their_line_and_the_good_ones_kept() {
    let r = read(
        "name,usernames,start date,consent\n\
         ,jsmith,2025-09-01,yes\n\
         J,,2025-09-01,yes\n\
         Amy Lee,amy lee,2025-09-01,yes\n\
         Ben Ode,,31/02/2025,yes\n\
         Cara Doyle,,next week,yes\n\
         Dan Fox,,2025-09-01,maybe\n\
         Eve Hart,,2025-09-01,\n\
         Faye Kerr,,,yes\n\
         \n\
         Gus Hill,,\"2025-09-01\",yes\n\
         Gus Hill,,2025-09-01,yes\n\
         \"Ivy\nMoss\",,2025-09-01,yes\n\
         Jo Wynn,,2025-09-01,yes\n",
    );
    let lines: Vec<(u64, &str)> = r
        .skipped
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    let said = |line: u64| {
        r.skipped
            .iter()
            .find(|e| e.line == line)
            .map(|e| e.to_string())
            .unwrap_or_else(|| panic!("line {line} not skipped: {lines:?}"))
    };
    assert_eq!(
        said(2),
        "line 2: no name: every row needs the person's name"
    );
    assert!(
        said(3).contains("is only initials: give their first name and surname"),
        "{}",
        said(3)
    );
    assert!(said(4).starts_with("line 4 (Amy Lee): username \"amy lee\" is not valid"));
    assert!(said(5).contains("start date \"31/02/2025\" is not a date"));
    assert!(said(6).contains("start date \"next week\" is not a date"));
    assert!(said(7).contains("consent \"maybe\" is not yes or no"));
    assert!(said(8).contains("no consent answer"));
    assert!(said(9).contains("no start date"));
    assert!(said(12).contains("the same row as line 11"), "{}", said(12));
    // A name with a line break in its cell is refused at the line the row starts on.
    assert!(said(13).contains("control or invisible"), "{}", said(13));
    let kept: Vec<&str> = r.starters.iter().map(|s| s.subject.name.as_str()).collect();
    assert_eq!(kept, vec!["Gus Hill", "Jo Wynn"]);
    assert_eq!(r.starters[1].line, 15, "lines count the quoted line break");
}

#[test]
fn columns_findable_does_not_use_are_listed_not_refused() {
    let r = read(
        "Email,Name,Department,Start date,Consent to online check\nj@x.uk,Jane Smith,Maths,2025-09-01,yes\n",
    );
    assert_eq!(r.ignored_columns, vec!["Email", "Department"]);
    assert!(r.starters[0].consent);
}

#[test]
fn dates_are_read_day_first_as_in_the_uk() {
    for (raw, iso) in [
        ("2025-09-01", "2025-09-01"),
        ("01/09/2025", "2025-09-01"),
        ("1/9/2025", "2025-09-01"),
        ("01-09-2025", "2025-09-01"),
        ("1.9.2025", "2025-09-01"),
        ("1 September 2025", "2025-09-01"),
        ("1 Sep 2025", "2025-09-01"),
        (" 29/02/2028 ", "2028-02-29"),
    ] {
        assert_eq!(
            parse_date(raw).map(|d| d.to_string()),
            Ok(iso.into()),
            "{raw}"
        );
    }
    for raw in [
        "",
        "09/01/25",
        "2025/13/01",
        "29/02/2025",
        "tomorrow",
        "1 Sept 2025x",
    ] {
        assert!(parse_date(raw).is_err(), "{raw}");
    }
}

#[test]
fn a_file_that_is_not_utf8_says_how_to_save_it_from_excel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("roster.csv");
    std::fs::write(
        &path,
        b"name,start date,consent\nZo\xeb Taylor,2025-09-01,yes\n",
    )
    .expect("write");
    let e = Roster::from_file(&path, &school(), 2026)
        .expect_err("latin-1")
        .to_string();
    assert!(
        e.contains("not UTF-8") && e.contains("CSV UTF-8 (Comma delimited)"),
        "{e}"
    );
}

#[test]
fn too_many_rows_are_refused() {
    let mut text = String::from("name,start date,consent\n");
    for i in 0..=MAX_ROWS {
        text.push_str(&format!("Person{i} Smith,2025-09-01,no\n"));
    }
    assert!(fails(&text).contains("more than 5000 rows"));
}

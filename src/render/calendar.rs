//! `findable remind --ics`: an iCalendar file (RFC 5545) with one all-day event per term
//! for each person, a reminder at 9 in the morning, and the command to run. Written here
//! rather than with the `icalendar` crate, which puts a random UID and a DTSTAMP into every
//! alarm (RFC 5545 allows neither there) and needs chrono: the format is small.

use jiff::civil::Date;

/// One reminder: whose, on which day, and when their last audit was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub name: String,
    pub school: Option<String>,
    /// The person's key ([`crate::checklist::Person::key`]), for a stable event id.
    pub key: String,
    pub last_audit: Date,
    pub day: Date,
}

/// The command that re-audits a person, quoted for a shell.
pub fn audit_command(name: &str, school: Option<&str>) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace(['"', '\\', '$', '`'], ""));
    match school {
        Some(school) => format!(
            "findable audit --name {} --school {}",
            quote(name),
            quote(school)
        ),
        None => format!("findable audit --name {}", quote(name)),
    }
}

/// The calendar; `stamp` is when it was made (every event carries it, as RFC 5545 asks).
pub fn ics(reminders: &[Reminder], stamp: jiff::Timestamp) -> String {
    let stamp = stamp.strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//findable//termly re-audit reminders//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:findable re-audits",
    ] {
        content_line(&mut out, line);
    }
    for r in reminders {
        let command = audit_command(&r.name, r.school.as_deref());
        let description = format!(
            "Time for your termly check-up: see what a pupil could find about you now, and \
             what changed since your last audit on {}.\n\nIn a terminal, run:\n{command}\n\n\
             findable keeps everything on your computer.",
            r.last_audit.strftime("%-d %B %Y")
        );
        let next = r.day.tomorrow().unwrap_or(r.day);
        for line in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", uid(&r.key, r.day)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", r.day.strftime("%Y%m%d")),
            // The end of an all-day event is the next day: DTEND is not included.
            format!("DTEND;VALUE=DATE:{}", next.strftime("%Y%m%d")),
            format!(
                "SUMMARY:{}",
                text(&format!("Re-audit with findable: {}", r.name))
            ),
            format!("DESCRIPTION:{}", text(&description)),
            "TRANSP:TRANSPARENT".to_string(),
            "BEGIN:VALARM".to_string(),
            "ACTION:DISPLAY".to_string(),
            format!(
                "DESCRIPTION:{}",
                text(&format!("Re-audit with findable today: {command}"))
            ),
            // Nine in the morning of the day.
            "TRIGGER;RELATED=START:PT9H".to_string(),
            "END:VALARM".to_string(),
            "END:VEVENT".to_string(),
        ] {
            content_line(&mut out, &line);
        }
    }
    content_line(&mut out, "END:VCALENDAR");
    out
}

/// A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped, other
/// control characters and bidirectional overrides dropped. Every calendar findable writes
/// uses it.
pub(crate) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || super::escape::is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line ending in CRLF, folded (RFC 5545 3.1) so no line is longer than 75
/// octets: continuation lines start with a space, and a character is never split.
pub(crate) fn content_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// The same id for the same person and day each time the file is made, so a calendar that
/// imports it again updates the events instead of doubling them; the name is not in it.
fn uid(key: &str, day: Date) -> String {
    // FNV-1a: stable across builds and platforms, unlike the standard library's hasher.
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}-{}@findable", day.strftime("%Y%m%d"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reminder(day: &str) -> Reminder {
        Reminder {
            name: "Siobhán Ní Bhriain".into(),
            school: Some("St. Mary's, \"Upper\"; Lower".into()),
            key: "siobhan-ni-bhriain@st-mary-s-upper-lower".into(),
            last_audit: "2026-01-10".parse().expect("date"),
            day: day.parse().expect("date"),
        }
    }

    #[test]
    fn one_all_day_event_per_reminder_with_an_alarm() {
        let stamp: jiff::Timestamp = "2026-02-01T10:00:00Z".parse().expect("time");
        let ics = ics(&[reminder("2026-05-10"), reminder("2026-09-07")], stamp);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(ics.matches("BEGIN:VALARM").count(), 2);
        assert!(ics.contains("DTSTART;VALUE=DATE:20260510\r\n"), "{ics}");
        assert!(ics.contains("DTSTAMP:20260201T100000Z\r\n"), "{ics}");
        assert!(ics.contains("DTEND;VALUE=DATE:20260511\r\n"), "{ics}");
        assert!(ics.contains("TRIGGER;RELATED=START:PT9H\r\n"), "{ics}");
        // RFC 5545: no line longer than 75 octets, continuation lines start with a space.
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains("St. Mary's\\, Upper\\; Lower"),
            "{unfolded}"
        );
        assert!(!unfolded.contains("siobhan"), "no name in the ids");
    }

    #[test]
    fn the_command_is_safe_to_paste() {
        assert_eq!(
            audit_command("Jane \"$(rm)\" Smith", Some("Oakwood")),
            "findable audit --name \"Jane (rm) Smith\" --school \"Oakwood\""
        );
    }
}

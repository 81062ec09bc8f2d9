//! A starter's first check-up as an iCalendar file (RFC 5545): one all-day event, reminder
//! at nine. Written by hand, like `findable remind --ics` (issue 15); the two should share
//! one writer once both are in (the `icalendar` crate adds a random UID and a DTSTAMP to
//! every alarm, which RFC 5545 does not allow there, and brings chrono).

use crate::onboard::{PACK_HTML, Pack};

use crate::render::calendar::{content_line, text};
use crate::school::School;

/// The calendar for `pack`; `stamp` is when it was made (each event must carry it), and the
/// school's DSL is who to tell if the check-up turns something up.
pub fn check_up_ics(pack: &Pack, school: &School, stamp: jiff::Timestamp) -> String {
    let dsl = super::dsl(school);
    let day = pack.check_up;
    let next = day.tomorrow().unwrap_or(day);
    let description = format!(
        "A term ago you started at {school}. Pupils know your name now: look yourself up the \
         way they would, and go through your privacy settings again. Your onboarding pack \
         ({PACK_HTML}) lists the searches, the pages and the settings. If you find anything \
         about you that you did not put there, tell {dsl}.",
        school = pack.school,
    );
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//findable//onboarding check-up//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!(
            "UID:{}",
            uid(&[&pack.name, &pack.school, &pack.start.to_string()])
        ),
        format!("DTSTAMP:{}", stamp.strftime("%Y%m%dT%H%M%SZ")),
        format!("DTSTART;VALUE=DATE:{}", day.strftime("%Y%m%d")),
        // An all-day event ends the next day: DTEND is not part of it.
        format!("DTEND;VALUE=DATE:{}", next.strftime("%Y%m%d")),
        format!("SUMMARY:{}", text("Online safety check-up (findable)")),
        format!("DESCRIPTION:{}", text(&description)),
        "TRANSP:TRANSPARENT".to_string(),
        "BEGIN:VALARM".to_string(),
        "ACTION:DISPLAY".to_string(),
        format!(
            "DESCRIPTION:{}",
            text("Your online safety check-up is today: open your onboarding pack.")
        ),
        // Nine in the morning of the day.
        "TRIGGER;RELATED=START:PT9H".to_string(),
        "END:VALARM".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ] {
        content_line(&mut out, &line);
    }
    out
}

/// A stable event id from `parts`, so a second run makes the same event (a calendar then
/// updates it rather than adding another) and no name is in it.
pub fn uid(parts: &[&str]) -> String {
    // FNV-1a: stable across versions and platforms, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}-check-up@findable")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::onboard::fixtures;

    /// The content lines with their folds undone.
    fn unfolded(ics: &str) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for raw in ics.split("\r\n").filter(|l| !l.is_empty()) {
            match raw.strip_prefix(' ') {
                Some(rest) => lines.last_mut().expect("a line to continue").push_str(rest),
                None => lines.push(raw.to_string()),
            }
        }
        lines
    }

    #[test]
    fn check_up_snapshot() {
        let (pack, school) = (fixtures::pack(), fixtures::school());
        let ics = check_up_ics(&pack, &school, fixtures::stamp());
        insta::assert_snapshot!("onboard_check_up_ics", ics.replace("\r\n", "\n"));
    }

    #[test]
    fn lines_end_in_crlf_fold_at_75_octets_and_unfold_to_the_event() {
        let (mut pack, school) = (fixtures::pack(), fixtures::school());
        pack.school = "Ysgol Gyfun Gŵyr; Oakwood, \"Ní Bhriain\" Academy\\".repeat(3);
        let ics = check_up_ics(&pack, &school, fixtures::stamp());
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "a bare LF");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let lines = unfolded(&ics);
        let get = |key: &str| {
            lines
                .iter()
                .find_map(|l| l.strip_prefix(key))
                .unwrap_or_else(|| panic!("{key} in {lines:#?}"))
        };
        assert_eq!(get("DTSTART;VALUE=DATE:"), "20260108");
        assert_eq!(get("DTEND;VALUE=DATE:"), "20260109");
        assert_eq!(get("DTSTAMP:"), "20251120T101500Z");
        assert!(
            get("DESCRIPTION:")
                .contains("Ysgol Gyfun Gŵyr\\; Oakwood\\, \"Ní Bhriain\" Academy\\\\")
        );
        let begins = lines.iter().filter(|l| l.starts_with("BEGIN:")).count();
        let ends = lines.iter().filter(|l| l.starts_with("END:")).count();
        assert_eq!((begins, ends), (3, 3));
    }

    #[test]
    fn the_uid_is_stable_and_names_nobody() {
        let a = uid(&["Jane Smith", "Oakwood Academy", "2025-09-01"]);
        assert_eq!(a, uid(&["Jane Smith", "Oakwood Academy", "2025-09-01"]));
        assert_ne!(a, uid(&["Jane Smith", "Oakwood Academy", "2025-09-02"]));
        assert_ne!(uid(&["ab", "c"]), uid(&["a", "bc"]));
        assert!(!a.to_lowercase().contains("jane") && a.ends_with("@findable"));
    }
}

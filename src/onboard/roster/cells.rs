//! The parts of a roster read cell by cell: which separator the file uses, line numbers as
//! a spreadsheet shows them, names written surname first, start dates and consent.

use jiff::civil::Date;

/// Line numbers as a spreadsheet or editor shows them. The csv reader's own count leaves
/// out blank lines, and a record's byte position is where the blank lines before it start.
pub(super) struct Lines<'t> {
    text: &'t [u8],
    at: usize,
    line: u64,
}

impl<'t> Lines<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Self {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line of the first character at or after byte `from` that is not a line break;
    /// `from` never goes back, so the whole file is counted once.
    pub(super) fn line_at(&mut self, from: u64) -> u64 {
        let mut from = usize::try_from(from)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while matches!(self.text.get(from), Some(b'\r' | b'\n')) {
            from += 1;
        }
        if from > self.at {
            self.line += memchr::memchr_iter(b'\n', &self.text[self.at..from]).count() as u64;
            self.at = from;
        }
        self.line
    }
}

/// `;` when the heading line has more semicolons than commas outside quotes (Excel's CSV
/// where the comma is the decimal mark), a tab for a pasted table, else `,`.
pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.trim_start().chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    match counts {
        [c, s, t] if t > c && t > s => b'\t',
        [c, s, _] if s > c => b';',
        _ => b',',
    }
}

/// "Smith, Jane" (as HR systems export names) becomes "Jane Smith"; anything else stays.
pub(super) fn surname_last(raw: &str) -> String {
    match raw.split_once(',') {
        Some((surname, given)) if !given.contains(',') && !given.trim().is_empty() => {
            format!("{} {}", given.trim(), surname.trim())
        }
        _ => raw.trim().to_string(),
    }
}

/// A start date as schools write it: 2025-09-01, 01/09/2025 (day first, as in the UK),
/// 1.9.2025 or 1 September 2025.
pub fn parse_date(raw: &str) -> Result<Date, String> {
    let raw = raw.trim();
    let bad = || {
        if raw.is_empty() {
            "no start date: give it like 2025-09-01 or 01/09/2025".to_string()
        } else {
            format!(
                "start date {raw:?} is not a date: give it like 2025-09-01 or 01/09/2025 (day first)"
            )
        }
    };
    if let Ok(date) = raw.parse::<Date>() {
        return Ok(date);
    }
    let parts: Vec<&str> = raw.split(['/', '.', '-']).collect();
    if let [day, month, year] = parts.as_slice()
        && year.len() == 4
        && let (Ok(d), Ok(m), Ok(y)) = (day.parse::<i8>(), month.parse::<i8>(), year.parse::<i16>())
    {
        return Date::new(y, m, d).map_err(|_| bad());
    }
    for format in ["%d %B %Y", "%d %b %Y"] {
        if let Ok(date) = Date::strptime(format, raw) {
            return Ok(date);
        }
    }
    Err(bad())
}

pub(super) fn parse_consent(raw: &str) -> Result<bool, String> {
    match raw.trim().to_lowercase().as_str() {
        "yes" | "y" => Ok(true),
        "no" | "n" => Ok(false),
        "" => Err(
            "no consent answer: write yes or no (no means nothing about them goes online)".into(),
        ),
        other => Err(format!(
            "consent {other:?} is not yes or no (no means nothing about them goes online)"
        )),
    }
}

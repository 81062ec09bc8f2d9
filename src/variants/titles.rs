//! Titles as pupils use them: the spelling a school writes ("Ms") and the other titles a
//! pupil is likely to type instead ("Miss", "Mrs"; Miss or Mr for a Dr), each with how
//! likely that slip is.

use super::parse::capitalise;

/// The conventional spelling of a title ("MISS" -> "Miss", "dr" -> "Dr").
pub fn canonical(title: &str) -> String {
    let lower = title.trim_end_matches('.').to_lowercase();
    match lower.as_str() {
        "professor" => "Prof".to_string(),
        "revd" => "Rev".to_string(),
        _ => capitalise(&lower),
    }
}

/// Titles a pupil may use instead of `title`, with a weight factor for each.
pub fn alternatives(title: &str) -> Vec<(&'static str, f64)> {
    match canonical(title).as_str() {
        // Pupils use Miss for almost every female teacher whatever she prefers.
        "Ms" => vec![("Miss", 0.8), ("Mrs", 0.7)],
        "Mrs" => vec![("Miss", 0.8), ("Ms", 0.6)],
        "Miss" => vec![("Ms", 0.6), ("Mrs", 0.6)],
        "Mx" => vec![("Miss", 0.45), ("Mr", 0.45), ("Ms", 0.4)],
        // A doctor's gender is not known here, so every everyday title is offered, each
        // below "Dr Smith" itself and below what a pupil would say to a Ms or a Mr.
        "Dr" => vec![
            ("Miss", 0.6),
            ("Mr", 0.6),
            ("Doctor", 0.55),
            ("Mrs", 0.5),
            ("Ms", 0.45),
        ],
        "Prof" => vec![("Professor", 0.6), ("Dr", 0.5)],
        _ => Vec::new(),
    }
}

/// Why a pupil would use `alt` for someone titled `title`, when "Miss instead of Dr" alone
/// would puzzle the reader.
pub fn why(title: &str, alt: &str) -> Option<&'static str> {
    let everyday = matches!(alt, "Miss" | "Mrs" | "Mr" | "Ms");
    (canonical(title) == "Dr" && everyday).then_some("pupils often say Miss or Mr to a doctor too")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_spellings() {
        assert_eq!(canonical("MISS"), "Miss");
        assert_eq!(canonical("dr."), "Dr");
        assert_eq!(canonical("professor"), "Prof");
    }

    #[test]
    fn ms_brings_miss_and_mrs() {
        let alts: Vec<_> = alternatives("ms").into_iter().map(|(t, _)| t).collect();
        assert_eq!(alts, vec!["Miss", "Mrs"]);
        assert!(alternatives("Mr").is_empty());
    }

    #[test]
    fn a_doctor_is_also_miss_mr_mrs_and_ms_and_says_why() {
        let alts = alternatives("Dr");
        for t in ["Miss", "Mr", "Mrs", "Ms", "Doctor"] {
            let (_, factor) = alts.iter().find(|(a, _)| *a == t).expect(t);
            assert!(*factor < 1.0, "{t}");
        }
        assert!(why("dr", "Miss").is_some_and(|w| w.contains("doctor")));
        assert_eq!(why("Dr", "Doctor"), None);
        assert_eq!(why("Ms", "Miss"), None);
    }
}

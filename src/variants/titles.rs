//! Titles as pupils use them: the spelling a school writes ("Ms") and the other titles a
//! pupil is likely to type instead ("Miss", "Mrs"), each with how likely that slip is.

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
        "Dr" => vec![("Doctor", 0.6)],
        "Prof" => vec![("Professor", 0.6), ("Dr", 0.5)],
        _ => Vec::new(),
    }
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
}

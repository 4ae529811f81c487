//! List markers, written into the item's text as Word will show them.
//!
//! Both writers need the same markers; this belongs in vanban-model next to
//! [`ListMarker`], where the DOCX writer can call it too.

use vanban_model::ListMarker;

/// The letters of điểm ("a)", "b)" …) in the Vietnamese alphabet's order: no f, j, w, z,
/// and "đ" after "d".
const LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// The marker text, trailing space included, of the item at `index` (0-based).
pub fn list_marker(marker: ListMarker, index: usize) -> String {
    match marker {
        ListMarker::Number => format!("{}. ", index + 1),
        ListMarker::Dash => "- ".to_string(),
        ListMarker::Letter => {
            // Past "y": "aa)", "ab)" … (bijective base 23), as the DOCX writer numbers.
            let mut n = index + 1;
            let mut letters = Vec::new();
            while n > 0 {
                n -= 1;
                letters.push(LETTERS[n % LETTERS.len()]);
                n /= LETTERS.len();
            }
            letters.reverse();
            format!("{}) ", letters.concat())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(list_marker(ListMarker::Number, 0), "1. ");
        assert_eq!(list_marker(ListMarker::Number, 9), "10. ");
        assert_eq!(list_marker(ListMarker::Dash, 3), "- ");
        let letters: Vec<String> = (0..7).map(|i| list_marker(ListMarker::Letter, i)).collect();
        assert_eq!(letters, ["a) ", "b) ", "c) ", "d) ", "đ) ", "e) ", "g) "]);
        assert_eq!(list_marker(ListMarker::Letter, 22), "y) ");
        assert_eq!(list_marker(ListMarker::Letter, 23), "aa) ");
        assert_eq!(list_marker(ListMarker::Letter, 24), "ab) ");
    }
}

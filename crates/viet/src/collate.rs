//! Vietnamese alphabetical order, after the CLDR "vi" collation.
//!
//! Three levels, each compared over the whole string before the next is looked at:
//! primary — base letters, with ă â đ ê ô ơ ư as letters of their own;
//! secondary — tones: none, huyền, hỏi, ngã, sắc, nặng; tertiary — lower before upper.
//! As in CLDR's default, spaces and punctuation are not ignored: they sort before
//! digits, digits before letters, so "An Bình" comes before "Anh".

use crate::alphabet::{BREVE, CIRCUMFLEX, HORN, Letter, letters, lower_char};
use std::cmp::Ordering;

/// The Latin letters in Vietnamese order; f j w z sit at their Latin places.
const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

// Classes in the high bits of a primary weight, so whole classes sort apart.
const PUNCT: u32 = 1 << 24;
const DIGIT: u32 = 2 << 24;
const LATIN: u32 = 3 << 24;
const OTHER: u32 = 4 << 24;

/// A sort key: comparing keys compares the strings in Vietnamese order.
/// Equal keys only for equal (NFC) strings, so the order is total.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CollationKey {
    primary: Vec<u32>,
    secondary: Vec<u32>,
    tertiary: Vec<u8>,
    /// Last resort, so that strings differing only in ignored details stay apart.
    text: String,
}

/// The Vietnamese letter a base letter and its first mark make, if they make one.
fn vietnamese_letter(base: char, mark: Option<char>) -> Option<char> {
    Some(match (base, mark) {
        ('a', Some(BREVE)) => 'ă',
        ('a', Some(CIRCUMFLEX)) => 'â',
        ('e', Some(CIRCUMFLEX)) => 'ê',
        ('o', Some(CIRCUMFLEX)) => 'ô',
        ('o', Some(HORN)) => 'ơ',
        ('u', Some(HORN)) => 'ư',
        _ => return None,
    })
}

/// Primary weight and the marks left over for the secondary level.
fn primary(l: &Letter) -> (u32, &[char]) {
    let base = lower_char(l.base);
    let (letter, rest) = match vietnamese_letter(base, l.marks.first().copied()) {
        Some(v) => (v, &l.marks[1..]),
        None => (base, &l.marks[..]),
    };
    let weight = if let Some(i) = ALPHABET.chars().position(|c| c == letter) {
        LATIN | i as u32
    } else if let Some(d) = letter.to_digit(10).filter(|_| letter.is_ascii()) {
        DIGIT | d
    } else if letter.is_whitespace() {
        PUNCT | ' ' as u32
    } else if letter.is_alphanumeric() {
        OTHER | letter as u32
    } else {
        PUNCT | letter as u32
    };
    (weight, rest)
}

/// The sort key of a string; accepts NFC or NFD.
pub fn collate_key(s: &str) -> CollationKey {
    let ls = letters(s);
    let mut key = CollationKey {
        primary: Vec::with_capacity(ls.len()),
        secondary: Vec::with_capacity(ls.len()),
        tertiary: Vec::with_capacity(ls.len()),
        text: crate::case::nfc(s),
    };
    for l in &ls {
        let (p, rest) = primary(l);
        key.primary.push(p);
        // Foreign marks (ü, ç …) rank after the tones, like CLDR's secondary diacritics.
        let extra = rest.first().map_or(0, |&m| m as u32 & 0xFFFF);
        key.secondary.push(l.tone_rank() << 16 | extra);
        key.tertiary.push(u8::from(l.base.is_uppercase()));
    }
    key
}

/// Compares two strings in Vietnamese order.
pub fn compare(a: &str, b: &str) -> Ordering {
    collate_key(a).cmp(&collate_key(b))
}

/// Sorts strings in Vietnamese order.
pub fn sort<S: AsRef<str>>(items: &mut [S]) {
    items.sort_by_cached_key(|s| collate_key(s.as_ref()));
}

/// Key for a person's full name: given name (last word), then middle names, then
/// family name (first word); the whole name breaks remaining ties.
fn person_key(name: &str) -> [CollationKey; 4] {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (family, middle, given) = match words.as_slice() {
        [] => ("", String::new(), ""),
        [only] => ("", String::new(), *only),
        [first, mid @ .., last] => (*first, mid.join(" "), *last),
    };
    [
        collate_key(given),
        collate_key(&middle),
        collate_key(family),
        collate_key(name),
    ]
}

/// Compares two people's full names the Vietnamese way (given name first).
pub fn compare_people(a: &str, b: &str) -> Ordering {
    person_key(a).cmp(&person_key(b))
}

/// Sorts full names by given name, then middle name, then family name.
pub fn sort_people<S: AsRef<str>>(names: &mut [S]) {
    names.sort_by_cached_key(|s| person_key(s.as_ref()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn sorted_lists() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["Bình", "An", "Ân", "Ăn"], &["An", "Ăn", "Ân", "Bình"]),
            (&["Đào", "Dung"], &["Dung", "Đào"]),
            (
                &["mạ", "má", "mã", "mả", "mà", "ma"],
                &["ma", "mà", "mả", "mã", "má", "mạ"],
            ),
            (&["Tuấn", "Trần"], &["Trần", "Tuấn"]),
            (
                &[
                    "y", "x", "v", "ư", "u", "t", "ơ", "ô", "o", "e", "ê", "đ", "d",
                ],
                &[
                    "d", "đ", "e", "ê", "o", "ô", "ơ", "t", "u", "ư", "v", "x", "y",
                ],
            ),
            (&["Zen", "Yên", "Xuân"], &["Xuân", "Yên", "Zen"]),
            (&["Fan", "Giang", "Em"], &["Em", "Fan", "Giang"]),
            (&["Anh", "An Bình", "An"], &["An", "An Bình", "Anh"]),
            (&["B2", "B10", "Ba"], &["B10", "B2", "Ba"]),
        ];
        for &(input, want) in cases {
            let mut v = input.to_vec();
            sort(&mut v);
            assert_eq!(v, want);
        }
    }

    #[test]
    fn pairwise_order() {
        // (a, b, expected order of a against b)
        let cases: &[(&str, &str, Ordering)] = &[
            ("Dung", "Đào", Ordering::Less),
            ("An", "Ánh", Ordering::Less),
            ("Ánh", "Ăn", Ordering::Less),
            // Letters decide before tones: "mà" < "mac" though à has a tone.
            ("mà", "mac", Ordering::Less),
            ("mạ", "mac", Ordering::Less),
            ("Tuân", "Tuấn", Ordering::Less),
            ("Trần", "Tuấn", Ordering::Less),
            // Case is the last level: same letters and tones, lower first.
            ("an", "An", Ordering::Less),
            ("an", "Àn", Ordering::Less),
            ("An", "àn", Ordering::Less),
            ("Ư", "ư", Ordering::Greater),
            ("Nguyễn", "Nguyễn", Ordering::Equal),
            ("Oanh", "Ơn", Ordering::Less),
            ("ưu", "uy", Ordering::Greater),
        ];
        for &(a, b, want) in cases {
            assert_eq!(compare(a, b), want, "{a} vs {b}");
            let (na, nb): (String, String) = (a.nfd().collect(), b.nfd().collect());
            assert_eq!(compare(&na, &nb), want, "NFD {a} vs {b}");
        }
    }

    #[test]
    fn people_by_given_name() {
        let cases: &[(&[&str], &[&str])] = &[
            (
                &["Lê Văn Ánh", "Nguyễn Thị An"],
                &["Nguyễn Thị An", "Lê Văn Ánh"],
            ),
            (
                &["Trần Văn Bình", "Ngô Đức Hải", "Nguyễn Thị An"],
                &["Nguyễn Thị An", "Trần Văn Bình", "Ngô Đức Hải"],
            ),
            // Same given name: the middle name decides before the family name.
            (
                &["Anh Văn Hùng", "Bùi Thị Hùng", "Bùi Văn Hùng"],
                &["Bùi Thị Hùng", "Anh Văn Hùng", "Bùi Văn Hùng"],
            ),
            // Same given and middle name: the family name decides.
            (
                &["Trần Văn Nam", "Đỗ Văn Nam", "Dương Văn Nam"],
                &["Dương Văn Nam", "Đỗ Văn Nam", "Trần Văn Nam"],
            ),
            (&["Hải", "Ngô Hà"], &["Ngô Hà", "Hải"]),
        ];
        for &(input, want) in cases {
            let mut v = input.to_vec();
            sort_people(&mut v);
            assert_eq!(v, want);
        }
        assert_eq!(
            compare_people("Lê Văn Ánh", "Nguyễn Thị An"),
            Ordering::Greater
        );
    }
}

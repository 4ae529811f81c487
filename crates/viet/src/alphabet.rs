//! The Vietnamese alphabet: point letters, and splitting text into letters with their
//! diacritics, shared by the tone-style transform and the collation.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Letters used for points (điểm) "a)", "b)" … in the order ND30 prescribes:
/// the Vietnamese alphabet without ă, â, ê, ô, ơ, ư.
const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// The point letter for the `i`-th point, counting from 0: a, b, c, d, đ, e, g … y.
///
/// The regulation does not say what follows "y" (the 23rd point); we continue with
/// doubled letters "aa", "bb" … "yy", then tripled "aaa" …, which stays readable and
/// never collides with a single letter.
pub fn alphabet_letter(i: usize) -> String {
    let n = POINT_LETTERS.len();
    POINT_LETTERS[i % n].repeat(i / n + 1)
}

/// Tone marks in the order the CLDR "vi" collation sorts them; no mark sorts first.
const TONE_MARKS: [char; 5] = [
    '\u{0300}', // huyền
    '\u{0309}', // hỏi
    '\u{0303}', // ngã
    '\u{0301}', // sắc
    '\u{0323}', // nặng
];

pub(crate) const BREVE: char = '\u{0306}';
pub(crate) const CIRCUMFLEX: char = '\u{0302}';
pub(crate) const HORN: char = '\u{031B}';

/// One base character with the combining marks that follow it in NFD, the tone mark
/// kept apart because both the tone-style transform and collation treat it specially.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Letter {
    pub base: char,
    /// Non-tone marks (breve, circumflex, horn, or foreign ones), in NFD order.
    pub marks: Vec<char>,
    /// The tone mark, if any. A second tone mark on one letter is kept in `marks`
    /// so that nothing of the input is lost.
    pub tone: Option<char>,
}

impl Letter {
    /// Rank of the tone: 0 for none, then huyền, hỏi, ngã, sắc, nặng as 1..=5.
    pub fn tone_rank(&self) -> u32 {
        match self.tone {
            None => 0,
            Some(t) => TONE_MARKS
                .iter()
                .position(|&m| m == t)
                .map_or(0, |p| p as u32 + 1),
        }
    }

    /// Writes the letter back in NFD order; callers recompose with NFC.
    pub fn push_to(&self, out: &mut String) {
        out.push(self.base);
        out.extend(self.marks.iter());
        out.extend(self.tone);
    }

    /// The lower-case base letter when it carries no vowel-quality or foreign mark
    /// (a tone is allowed), so "ò" is a plain 'o' but "ô" is not.
    pub fn plain_lower(&self) -> Option<char> {
        if self.marks.is_empty() {
            Some(lower_char(self.base))
        } else {
            None
        }
    }

    /// True for the Vietnamese vowel letters a ă â e ê i o ô ơ u ư y, any case or tone.
    pub fn is_vowel(&self) -> bool {
        matches!(lower_char(self.base), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
    }
}

/// Lower-cases one character, keeping it when the lower case is not a single character.
pub(crate) fn lower_char(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

pub(crate) fn is_tone_mark(c: char) -> bool {
    TONE_MARKS.contains(&c)
}

/// Splits text into letters (base + marks) after canonical decomposition, so that
/// precomposed (NFC) and decomposed (NFD) input give the same result.
pub(crate) fn letters(text: &str) -> Vec<Letter> {
    let mut out: Vec<Letter> = Vec::new();
    for c in text.nfd() {
        if is_combining_mark(c)
            && let Some(last) = out.last_mut()
        {
            if is_tone_mark(c) && last.tone.is_none() {
                last.tone = Some(c);
            } else {
                last.marks.push(c);
            }
            continue;
        }
        // A mark with nothing before it stands as its own "letter" so it is not lost.
        out.push(Letter {
            base: c,
            marks: Vec::new(),
            tone: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_letters() {
        let cases: &[(usize, &str)] = &[
            (0, "a"),
            (1, "b"),
            (3, "d"),
            (4, "đ"),
            (5, "e"),
            (6, "g"),
            (9, "k"),
            (13, "o"),
            (14, "p"),
            (19, "u"),
            (20, "v"),
            (21, "x"),
            (22, "y"),
            (23, "aa"),
            (27, "đđ"),
            (45, "yy"),
            (46, "aaa"),
        ];
        for &(i, want) in cases {
            assert_eq!(alphabet_letter(i), want, "index {i}");
        }
    }

    #[test]
    fn split_letters_nfc_and_nfd_agree() {
        let cases: &[(&str, usize, &[u32])] = &[
            ("Ủy", 2, &[2, 0]),
            ("U\u{0309}y", 2, &[2, 0]),
            ("hoà", 3, &[0, 0, 1]),
            ("ệ", 1, &[5]),
            (
                "ma mà mả mã má mạ",
                17,
                &[0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0, 5],
            ),
        ];
        for &(text, len, ranks) in cases {
            let ls = letters(text);
            assert_eq!(ls.len(), len, "{text}");
            let got: Vec<u32> = ls.iter().map(Letter::tone_rank).collect();
            assert_eq!(got, ranks, "{text}");
        }
        let e = &letters("ệ")[0];
        assert_eq!((e.base, e.marks.as_slice()), ('e', &[CIRCUMFLEX][..]));
    }
}

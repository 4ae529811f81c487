//! Letter case and tone-mark placement. Every function accepts NFC or NFD input and
//! returns NFC, the form the documents are stored in.

use crate::alphabet::{Letter, letters, lower_char};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Upper case keeping every diacritic: "Tỉnh ủy Kon Tum" → "TỈNH ỦY KON TUM".
pub fn upper(s: &str) -> String {
    // Normalise on both sides: upper-casing a decomposed letter would leave its marks
    // loose, and NFC afterwards guarantees the stored form whatever the input.
    nfc(&nfc(s).to_uppercase())
}

/// Lower case keeping every diacritic.
pub fn lower(s: &str) -> String {
    nfc(&nfc(s).to_lowercase())
}

/// The first letter upper case, the rest unchanged: titles of news items, money in
/// words. Leading non-letters (quotes, digits) are skipped over, not changed.
pub fn sentence_case(s: &str) -> String {
    let text = nfc(s);
    match text.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((i, c)) => {
            let rest = &text[i + c.len_utf8()..];
            nfc(&format!("{}{}{rest}", &text[..i], c.to_uppercase()))
        }
        None => text,
    }
}

/// Where the tone mark sits in the open syllables "oa", "oe", "uy".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ToneStyle {
    /// On the first vowel: "hòa", "khỏe", "thủy" — what Kon Tum's documents use.
    #[default]
    Old,
    /// On the second vowel: "hoà", "khoẻ", "thuỷ".
    New,
}

/// Moves tone marks to the chosen style. Only syllables ending in "oa", "oe" or "uy"
/// with no final consonant differ between the styles; "hoàn", "thuyết", "quý" (where
/// "qu" is the consonant) and everything else are left exactly as they are.
/// A word is a run of letters; any non-letter ends it.
pub fn tone_style(text: &str, style: ToneStyle) -> String {
    let text = nfc(text);
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphabetic() || (is_combining_mark(c) && !word.is_empty()) {
            word.push(c);
        } else {
            restyle_word(&word, style, &mut out);
            word.clear();
            out.push(c);
        }
    }
    restyle_word(&word, style, &mut out);
    out
}

fn restyle_word(word: &str, style: ToneStyle, out: &mut String) {
    if word.is_empty() {
        return;
    }
    let mut ls = letters(word);
    match tone_target(&ls, style) {
        Some((from, to)) if from != to => {
            ls[to].tone = ls[from].tone.take();
            let mut nfd = String::with_capacity(word.len() + 2);
            for l in &ls {
                l.push_to(&mut nfd);
            }
            out.push_str(&nfc(&nfd));
        }
        _ => out.push_str(word),
    }
}

/// For a word whose syllable is one of the style-dependent ones, the index of the
/// letter carrying the tone and the index where the style wants it.
fn tone_target(ls: &[Letter], style: ToneStyle) -> Option<(usize, usize)> {
    let mut toned = ls.iter().enumerate().filter(|(_, l)| l.tone.is_some());
    let (from, _) = toned.next()?;
    if toned.next().is_some() {
        return None; // Two tones: not one syllable, leave it alone.
    }
    let plain = |i: usize| ls.get(i).and_then(Letter::plain_lower);
    // The initial consonant; "qu" and "gi" before a vowel count as consonants, so the
    // u of "quý" and the i of "gìa"-like spellings are not part of the vowel.
    let mut start = ls.iter().take_while(|l| !l.is_vowel()).count();
    let onset_is =
        |s: &str| start > 0 && ls[..start].iter().map(|l| lower_char(l.base)).eq(s.chars());
    if (start > 0 && lower_char(ls[start - 1].base) == 'q' && plain(start) == Some('u'))
        || (onset_is("g")
            && plain(start) == Some('i')
            && ls.get(start + 1).is_some_and(Letter::is_vowel))
    {
        start += 1;
    }
    // Exactly two plain vowels and nothing after them: an open "oa", "oe" or "uy".
    if ls.len() != start + 2 {
        return None;
    }
    match (plain(start)?, plain(start + 1)?) {
        ('o', 'a') | ('o', 'e') | ('u', 'y') => {}
        _ => return None,
    }
    if from != start && from != start + 1 {
        return None;
    }
    let to = match style {
        ToneStyle::Old => start,
        ToneStyle::New => start + 1,
    };
    Some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn upper_keeps_diacritics() {
        let cases: &[(&str, &str)] = &[
            ("Tỉnh ủy Kon Tum", "TỈNH ỦY KON TUM"),
            ("đảng", "ĐẢNG"),
            ("Đảng", "ĐẢNG"),
            ("Ủy ban nhân dân tỉnh", "ỦY BAN NHÂN DÂN TỈNH"),
            (
                "khối thi đua các cơ quan Đảng tỉnh",
                "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH",
            ),
            ("cộng hòa xã hội chủ nghĩa", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"),
            ("ưu tiên, ời, ựa", "ƯU TIÊN, ỜI, ỰA"),
            ("Số 05-TTr/BNCTU", "SỐ 05-TTR/BNCTU"),
        ];
        for &(input, want) in cases {
            assert_eq!(upper(input), want, "{input}");
            let from_nfd = upper(&nfd(input));
            assert_eq!(from_nfd, want, "NFD {input}");
        }
        assert_eq!(lower("TỈNH ỦY KON TUM"), "tỉnh ủy kon tum");
        assert_eq!(lower(&nfd("ĐẢNG")), "đảng");
    }

    #[test]
    fn sentence_case_first_letter() {
        let cases: &[(&str, &str)] = &[
            (
                "khối thi đua các cơ quan Đảng tỉnh tổng kết",
                "Khối thi đua các cơ quan Đảng tỉnh tổng kết",
            ),
            ("mười tám triệu đồng", "Mười tám triệu đồng"),
            ("ủy ban", "Ủy ban"),
            ("“đảng” ta", "“Đảng” ta"),
            ("Đã viết hoa", "Đã viết hoa"),
            ("", ""),
            ("123", "123"),
        ];
        for &(input, want) in cases {
            assert_eq!(sentence_case(input), want, "{input}");
            assert_eq!(sentence_case(&nfd(input)), want, "NFD {input}");
        }
    }

    #[test]
    fn tone_style_pairs() {
        // (old style, new style): each converts into the other.
        let cases: &[(&str, &str)] = &[
            ("Tỉnh ủy", "Tỉnh uỷ"),
            ("hòa", "hoà"),
            ("khỏe", "khoẻ"),
            ("thủy", "thuỷ"),
            ("Hòa Bình", "Hoà Bình"),
            ("ỦY BAN", "UỶ BAN"),
            ("HÒA", "HOÀ"),
            ("hóa, hỏa, họa, hõa", "hoá, hoả, hoạ, hoã"),
            ("tùy, lũy, túy", "tuỳ, luỹ, tuý"),
            ("òa khóc", "oà khóc"),
        ];
        for &(old, new) in cases {
            assert_eq!(tone_style(new, ToneStyle::Old), old, "{new} → old");
            assert_eq!(tone_style(&nfd(new), ToneStyle::Old), old, "NFD {new}");
            assert_eq!(tone_style(old, ToneStyle::Old), old, "{old} stays old");
            assert_eq!(tone_style(old, ToneStyle::New), new, "{old} → new");
            assert_eq!(tone_style(&nfd(old), ToneStyle::New), new, "NFD {old}");
            assert_eq!(tone_style(new, ToneStyle::New), new, "{new} stays new");
        }
    }

    #[test]
    fn tone_style_unifies_mixed_text() {
        // The seed article mixes both styles; one call makes it consistent.
        let mixed = "Ban Tuyên giáo Tỉnh ủy, Văn phòng Tỉnh uỷ (hoà, hòa)";
        let cases: &[(ToneStyle, &str)] = &[
            (
                ToneStyle::Old,
                "Ban Tuyên giáo Tỉnh ủy, Văn phòng Tỉnh ủy (hòa, hòa)",
            ),
            (
                ToneStyle::New,
                "Ban Tuyên giáo Tỉnh uỷ, Văn phòng Tỉnh uỷ (hoà, hoà)",
            ),
        ];
        for &(style, want) in cases {
            assert_eq!(tone_style(mixed, style), want, "{style:?}");
        }
    }

    #[test]
    fn tone_style_leaves_other_syllables() {
        let unchanged = [
            "hoàn",
            "toàn",
            "quý",
            "quỳ",
            "QUÝ",
            "thuyết",
            "chuyển",
            "uyển",
            "khoẻn",
            "hoài",
            "ngoài",
            "xoáy",
            "khuỷu",
            "khuya",
            "thuế",
            "thuở",
            "giữa",
            "gì",
            "hoa",
            "thuy",
            "Số 05-TTr/BNCTU",
            "",
        ];
        for word in unchanged {
            for style in [ToneStyle::Old, ToneStyle::New] {
                assert_eq!(tone_style(word, style), word, "{word} {style:?}");
                assert_eq!(tone_style(&nfd(word), style), word, "NFD {word} {style:?}");
            }
        }
    }
}

//! Letter case and tone-mark placement. Every function accepts NFC or NFD input and
//! returns NFC, the form the documents are stored in.

use crate::alphabet::{Letter, letters, lower_char};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `s` in NFC, the form documents are stored in. Nearly all text arrives in NFC already
/// (ASCII always is): a quick check then copies it as it is, without decomposing and
/// recomposing every letter.
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_string();
    }
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
        if is_letter(c) || (is_combining_mark(c) && !word.is_empty()) {
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

/// `char::is_alphabetic`, answered without the Unicode tables for the Latin blocks
/// Vietnamese is written in (those tables cost hundreds of instructions a letter).
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' | '\u{D7}' | '\u{F7}' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphabetic(),
    }
}

fn restyle_word(word: &str, style: ToneStyle, out: &mut String) {
    if word.is_empty() {
        return;
    }
    // Only a word ending in a plain "oa", "oe" or "uy" can differ between the styles
    // (see `tone_target`): every other word is copied without taking it apart, which
    // is nearly every word of a document.
    if !may_differ(word) {
        out.push_str(word);
        return;
    }
    restyle_syllable(word, style, out);
}

/// Whether `word`'s last two letters are plain o, u then a, e, y (a tone mark allowed,
/// no other mark): a necessary condition for [`tone_target`] to move anything.
fn may_differ(word: &str) -> bool {
    let mut rev = word.chars().rev();
    let (Some(b), Some(a)) = (rev.next(), rev.next()) else {
        return false;
    };
    if b.is_ascii() && !matches!(b, 'a' | 'e' | 'y' | 'A' | 'E' | 'Y') {
        return false; // most words: a consonant or a plain i, o, u last
    }
    if is_combining_mark(a) || is_combining_mark(b) {
        return true; // marks NFC could not compose: the full analysis decides
    }
    matches!(
        (plain_vowel(a), plain_vowel(b)),
        (Some('o'), Some('a' | 'e')) | (Some('u'), Some('y'))
    )
}

/// The plain vowel a letter is under at most a tone mark: `ò` → o, `Ý` → y; `ô`, `ơ`, `ư`,
/// `ă`, `â`, `ê` and consonants → None.
fn plain_vowel(c: char) -> Option<char> {
    let mut parts = std::iter::once(c).nfd();
    let base = parts.next()?.to_ascii_lowercase();
    let tone_only =
        parts.all(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'));
    (matches!(base, 'o' | 'a' | 'e' | 'u' | 'y') && tone_only).then_some(base)
}

fn restyle_syllable(word: &str, style: ToneStyle, out: &mut String) {
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

    /// The shortcut of `restyle_word` changes nothing: every onset with every vowel pair
    /// (plain and with ô/ơ/ư/ă/â/ê), every tone, in lower, upper and title case, NFC and
    /// NFD, restyles as the full analysis does.
    #[test]
    fn the_shortcut_agrees_with_the_full_analysis() {
        let onsets = ["", "h", "kh", "th", "ng", "ngh", "qu", "gi", "tr", "schr"];
        let rimes = [
            "oa", "oe", "uy", "ôa", "ơe", "ưy", "oă", "oâ", "uê", "oan", "uyê", "ao", "ai", "a",
            "y",
        ];
        let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let mut checked = 0;
        for o in onsets {
            for r in rimes {
                for (at, t) in
                    (0..r.chars().count()).flat_map(|i| tones.iter().map(move |t| (i, *t)))
                {
                    let mut w = String::from(o);
                    for (i, c) in r.chars().enumerate() {
                        w.push(c);
                        if i == at {
                            w.push(t);
                        }
                    }
                    for w in [w.clone(), w.to_uppercase(), {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect())
                            .unwrap_or_default()
                    }] {
                        for form in [nfc(&w), nfd(&w)] {
                            for style in [ToneStyle::Old, ToneStyle::New] {
                                let mut fast = String::new();
                                restyle_word(&form, style, &mut fast);
                                let mut full = String::new();
                                restyle_syllable(&form, style, &mut full);
                                assert_eq!(fast, full, "{form} {style:?}");
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 5000, "{checked}");
    }

    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in ('\0'..='\u{2FFF}').chain(['\u{1F600}', '\u{4E00}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
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

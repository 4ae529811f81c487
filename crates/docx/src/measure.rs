//! Measuring text the way Word lays it out: advance widths without kerning, lines broken
//! greedily at spaces. Rules under header lines and titles are as long as the text they
//! stand under, so the writer needs the lines Word will draw.

use vanban_font::Fonts;
use vanban_model::Run;
use vanban_model::profile::Style;

/// A piece of text in one face.
pub(crate) struct Piece<'a> {
    pub text: &'a str,
    pub bold: bool,
    pub italic: bool,
}

/// Breaks `pieces` into lines no wider than `max_width` points at `size`, greedily at
/// spaces as Word does; a word wider than the line stays whole. Returns each line's text
/// and width, trailing spaces excluded (Word lets them hang past the margin).
pub(crate) fn wrap(
    pieces: &[Piece],
    size: f32,
    max_width: f32,
    fonts: &Fonts,
) -> Vec<(String, f32)> {
    let chars: Vec<(char, f32)> = pieces
        .iter()
        .flat_map(|p| {
            let face = fonts.styled(p.bold, p.italic);
            p.text.chars().map(move |c| (c, face.char_width(c, size)))
        })
        .collect();
    let n = chars.len();
    let width = |r: std::ops::Range<usize>| chars[r].iter().map(|c| c.1).sum::<f32>();
    let mut lines = Vec::new();
    let mut i = 0;
    loop {
        while i < n && chars[i].0 == ' ' {
            i += 1;
        }
        if i >= n {
            break;
        }
        let start = i;
        // Grow the line word by word while it fits; `end` closes the last word taken.
        let mut end = start;
        while i < n {
            let word_end = (i..n).find(|&j| chars[j].0 == ' ').unwrap_or(n);
            if end > start && width(start..word_end) > max_width {
                break;
            }
            end = word_end;
            i = word_end;
            while i < n && chars[i].0 == ' ' {
                i += 1;
            }
        }
        lines.push((
            chars[start..end].iter().map(|c| c.0).collect(),
            width(start..end),
        ));
        i = end;
    }
    lines
}

/// Width of the longest line `runs` in `style` wrap into at `max_width` points.
pub(crate) fn longest_line(runs: &[Run], style: &Style, max_width: f32, fonts: &Fonts) -> f32 {
    let pieces: Vec<Piece> = runs
        .iter()
        .map(|r| Piece {
            text: &r.text,
            bold: style.bold || r.bold,
            italic: style.italic || r.italic,
        })
        .collect();
    wrap(&pieces, style.size, max_width, fonts)
        .into_iter()
        .map(|(_, w)| w)
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> [Piece<'_>; 1] {
        [Piece {
            text,
            bold: false,
            italic: false,
        }]
    }

    #[test]
    fn short_text_is_one_line_of_its_width() {
        let fonts = Fonts::embedded();
        let lines = wrap(&plain("Tỉnh ủy"), 14.0, 500.0, fonts);
        let w = fonts.styled(false, false).width("Tỉnh ủy", 14.0);
        assert_eq!(lines, vec![("Tỉnh ủy".to_string(), w)]);
    }

    #[test]
    fn breaks_at_spaces_and_drops_trailing_space_width() {
        let fonts = Fonts::embedded();
        let face = fonts.styled(true, false);
        let text = "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH";
        let max = face.width("KHỐI THI ĐUA CÁC CƠ QUAN", 14.0) + 1.0;
        let pieces = [Piece {
            text,
            bold: true,
            italic: false,
        }];
        let lines = wrap(&pieces, 14.0, max, fonts);
        let texts: Vec<&str> = lines.iter().map(|l| l.0.as_str()).collect();
        assert_eq!(texts, ["KHỐI THI ĐUA CÁC CƠ QUAN", "ĐẢNG TỈNH"]);
        assert!((lines[1].1 - face.width("ĐẢNG TỈNH", 14.0)).abs() < 0.01);
    }

    #[test]
    fn a_word_wider_than_the_line_stays_whole() {
        let fonts = Fonts::embedded();
        let lines = wrap(&plain("abc defghij"), 14.0, 5.0, fonts);
        let texts: Vec<&str> = lines.iter().map(|l| l.0.as_str()).collect();
        assert_eq!(texts, ["abc", "defghij"]);
    }
}

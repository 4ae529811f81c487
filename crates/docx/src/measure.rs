//! Measuring text the way Word lays it out: advance widths without kerning, lines broken
//! greedily at spaces. Rules under header lines and titles are as long as the text they
//! stand under, so the writer needs the lines Word will draw.

use unicode_normalization::UnicodeNormalization;
use vanban_font::breaker::{Frame, Span, break_lines};
use vanban_font::{Fonts, Variant};
use vanban_model::Run;
use vanban_model::profile::{Align, Style};

/// A piece of text in one face.
pub(crate) struct Piece<'a> {
    pub text: &'a str,
    pub bold: bool,
    pub italic: bool,
}

/// Breaks `pieces` into lines no wider than `max_width` points at `size`, with the PDF
/// typesetter's breaker (first fit at spaces and after hyphens, as Word breaks; a word
/// wider than the line breaks at the character that overflows). Returns each line's text
/// and natural width, trailing spaces excluded (Word lets them hang past the margin).
pub(crate) fn wrap(
    pieces: &[Piece],
    size: f32,
    max_width: f32,
    fonts: &Fonts,
) -> Vec<(String, f32)> {
    let spans: Vec<Span> = pieces
        .iter()
        .map(|p| Span {
            text: p.text.nfc().collect(),
            variant: Variant::of(p.bold, p.italic),
            size,
            underline: false,
        })
        .collect();
    let frame = Frame {
        width: max_width,
        left_indent: 0.0,
        first_indent: 0.0,
        align: Align::Left,
    };
    break_lines(&spans, fonts, frame)
        .into_iter()
        .filter(|l| !l.pieces.is_empty())
        .map(|l| {
            let text: String = l.pieces.iter().map(|p| p.text.as_str()).collect();
            (text, l.natural)
        })
        .collect()
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

/// How many lines `runs` take in `style` in a column `width` points wide, indents
/// included, as the PDF typesetter breaks them (an empty paragraph has one).
pub(crate) fn line_count(runs: &[Run], style: &Style, width: f32, fonts: &Fonts) -> usize {
    let spans: Vec<Span> = runs
        .iter()
        .filter(|r| !r.text.is_empty())
        .map(|r| Span {
            text: r.text.nfc().collect(),
            variant: Variant::of(style.bold || r.bold, style.italic || r.italic),
            size: style.size,
            underline: false,
        })
        .collect();
    let mm = |v: f32| vanban_model::geometry::mm_twips(v) as f32 / 20.0;
    let frame = Frame {
        width,
        left_indent: mm(style.left_indent_mm),
        first_indent: mm(style.first_indent_mm),
        align: style.align,
    };
    break_lines(&spans, fonts, frame).len()
}

/// A table cell's height as both writers lay it out (the PDF's cells stack the same way):
/// paragraphs of exact line height, the larger of two neighbours' spaces between them,
/// the last one's space after included. It decides whether a row fits on a page
/// ([`vanban_model::geometry::keeps_whole`]).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Stack {
    y: f32,
    after: f32,
}

impl Stack {
    /// A paragraph of `lines` lines in `style`.
    pub(crate) fn lines(&mut self, lines: usize, style: &Style) {
        self.y += self.after.max(style.space_before_pt) + lines.max(1) as f32 * style.line_pt;
        self.after = style.space_after_pt;
    }

    /// A paragraph of `runs` in `style`, `width` points wide.
    pub(crate) fn para(&mut self, runs: &[Run], style: &Style, width: f32, fonts: &Fonts) {
        self.lines(line_count(runs, style, width, fonts), style);
    }

    /// A rule paragraph: its border and a one-twip line.
    pub(crate) fn rule(&mut self, thickness_pt: f32) {
        self.y += self.after + thickness_pt + 0.05;
        self.after = 0.0;
    }

    pub(crate) fn height(&self) -> f32 {
        self.y + self.after
    }
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
    fn breaks_after_a_hyphen_inside_a_word_as_the_pdf_does() {
        let fonts = Fonts::embedded();
        let face = fonts.styled(true, false);
        let max = face.width("KHỐI THI ĐUA-KH", 14.0);
        let pieces = [Piece {
            text: "KHỐI THI ĐUA-KHEN THƯỞNG",
            bold: true,
            italic: false,
        }];
        let texts: Vec<String> = wrap(&pieces, 14.0, max, fonts)
            .into_iter()
            .map(|l| l.0)
            .collect();
        assert_eq!(texts, ["KHỐI THI ĐUA-", "KHEN THƯỞNG"]);
    }
}

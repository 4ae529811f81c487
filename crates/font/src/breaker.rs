//! Line breaking as Word does it, shared by both writers (the PDF lays out every line
//! with it; the DOCX writer measures header lines and titles with it, so that rules and
//! explicit header breaks agree with the PDF): first fit, breaks at spaces and after hyphens inside
//! words, trailing spaces hang past the margin, a word longer than the line breaks at the character that overflows, and
//! justified lines stretch their spaces (all but the paragraph's last line).

use crate::{Fonts, Variant};

/// How a paragraph's lines sit in their frame (the profile's alignment, as the
/// breaker needs it: this crate knows nothing of profiles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

/// How a line's width is compared with the room it has. Word and LibreOffice place text
/// on a grid of twips (1/20 pt) and keep a little room at the margin: measured against
/// LibreOffice (scripts/fidelity over 90 generated records, 7,300 lines), a line
/// 0.035 pt or 0.056 pt short of the margin goes to the next line, one 0.088 pt or
/// 0.18 pt short stays. The rule that fits every observation: the width in whole twips,
/// plus one twip, must be less than the room.
pub fn fits(width: f32, available: f32) -> bool {
    const TWIPS_PER_PT: f32 = 20.0;
    (width * TWIPS_PER_PT).round() + 1.0 < (available * TWIPS_PER_PT).round()
}

/// A stretch of text in one font variant and size: a run after styles are applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub variant: Variant,
    pub size: f32,
    pub underline: bool,
}

/// Where a paragraph's lines go: the width of its box and its indents, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f32,
    pub left_indent: f32,
    /// Added to the left indent on the first line; negative for a hanging indent.
    pub first_indent: f32,
    pub align: Align,
}

/// A piece of one line in one span's style.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    pub variant: Variant,
    pub size: f32,
    pub underline: bool,
    /// From the left edge of the frame.
    pub x: f32,
    /// Advance width, stretch included.
    pub width: f32,
    /// Extra advance after each space of `text` (justification).
    pub word_spacing: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub pieces: Vec<Piece>,
    /// Width available to the line (frame width less indents).
    pub available: f32,
    /// Natural width of the line's text, trailing spaces excluded.
    pub natural: f32,
    /// Width after justification (equals `natural` unless stretched).
    pub width: f32,
}

/// One character with its span and advance.
struct Glyph {
    c: char,
    span: usize,
    width: f32,
}

/// Breaks `spans` into lines inside `frame`. An empty paragraph still has one (empty)
/// line, as in Word.
pub fn break_lines(spans: &[Span], fonts: &Fonts, frame: Frame) -> Vec<Line> {
    let glyphs: Vec<Glyph> = spans
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            let face = fonts.face(s.variant);
            s.text.chars().map(move |c| Glyph {
                c,
                span: i,
                width: face.char_width(c, s.size),
            })
        })
        .collect();

    // Each line is a char range [start, end) of content; spaces after `end` hang.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let n = glyphs.len();
    while start < n || ranges.is_empty() {
        let available = available(frame, ranges.is_empty());
        let end = fit(&glyphs, start, available, frame.align == Align::Center);
        ranges.push((start, end));
        // Skip the spaces that hang at the end of this line.
        start = end;
        while start < n && is_space(glyphs[start].c) {
            start += 1;
        }
        if start >= n {
            break;
        }
    }

    let last = ranges.len() - 1;
    ranges
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| build_line(&glyphs, spans, frame, i == 0, i == last, s, e))
        .collect()
}

fn available(frame: Frame, first: bool) -> f32 {
    let indent = frame.left_indent + if first { frame.first_indent } else { 0.0 };
    frame.width - indent
}

fn is_space(c: char) -> bool {
    // The ordinary space is the break opportunity (with hyphens, see `hyphen_break`): a
    // no-break space (U+00A0) binds, which is what it is for. UAX #14 allows more, but
    // Vietnamese words are separated by spaces and Word's own breaking is what we copy.
    c == ' '
}

/// Whether a line may break right after `glyphs[i]` inside a word: after a hyphen that
/// joins two non-spaces ("18-5-2021", "NĐ-CP"), as Word and LibreOffice break.
fn hyphen_break(glyphs: &[Glyph], i: usize) -> bool {
    glyphs[i].c == '-'
        && i > 0
        && !is_space(glyphs[i - 1].c)
        && glyphs.get(i + 1).is_some_and(|g| !is_space(g.c))
}

/// The end of the content of the line that starts at `start`: first fit. Each box is
/// measured only until it overflows, so a line costs its own length, not its word's:
/// a word of a million characters breaks in linear time.
///
/// `space_counts`: the space after a box must fit too. LibreOffice sets a centred line so
/// (scripts/fidelity: an annex caption 1 pt short of the margin, its trailing space over
/// it, went to the next line).
fn fit(glyphs: &[Glyph], start: usize, available: f32, space_counts: bool) -> usize {
    let n = glyphs.len();
    let mut i = start;
    let mut width = 0.0f32; // up to the end of the last whole box taken
    let mut end = start; // content end of the last whole box taken
    let mut pending = 0.0f32; // spaces since that box
    while i < n {
        if is_space(glyphs[i].c) {
            pending += glyphs[i].width;
            i += 1;
            continue;
        }
        // The box runs to the next space or just after a breakable hyphen; stop
        // measuring it at the first character that overflows.
        let mut j = i;
        let mut w = 0.0f32;
        let mut overflow = false;
        while j < n && !is_space(glyphs[j].c) {
            w += glyphs[j].width;
            j += 1;
            if !fits(width + pending + w, available) {
                overflow = true;
                break;
            }
            if hyphen_break(glyphs, j - 1) {
                break;
            }
        }
        if !overflow
            && space_counts
            && glyphs.get(j).is_some_and(|g| is_space(g.c))
            && !fits(width + pending + w + glyphs[j].width, available)
        {
            overflow = true;
        }
        if !overflow {
            width += pending + w;
            pending = 0.0;
            end = j;
            i = j;
            continue;
        }
        if end > start {
            // The box goes to the next line; spaces before it hang here.
            return end;
        }
        // Nothing on this line yet and the box is too long (leading spaces included):
        // break it at the character that overflows, keeping at least one.
        let mut w = width + pending;
        let mut k = i;
        while k < j && (fits(w + glyphs[k].width, available) || k == i) {
            w += glyphs[k].width;
            k += 1;
        }
        return k;
    }
    // The rest of the text fits (trailing spaces hang).
    end.max(start)
}

fn build_line(
    glyphs: &[Glyph],
    spans: &[Span],
    frame: Frame,
    first: bool,
    last: bool,
    start: usize,
    end: usize,
) -> Line {
    let available = available(frame, first);
    let content = &glyphs[start..end];
    let natural: f32 = content.iter().map(|g| g.width).sum();
    let spaces = content.iter().filter(|g| is_space(g.c)).count();
    let word_spacing = if frame.align == Align::Justify && !last && spaces > 0 {
        ((available - natural) / spaces as f32).max(0.0)
    } else {
        0.0
    };
    let width = natural + word_spacing * spaces as f32;
    let indent = frame.left_indent + if first { frame.first_indent } else { 0.0 };
    let offset = match frame.align {
        Align::Left | Align::Justify => 0.0,
        Align::Center => (available - width) / 2.0,
        Align::Right => available - width,
    };
    let mut x = indent + offset;
    let mut pieces: Vec<Piece> = Vec::new();
    for g in content {
        let advance = g.width + if is_space(g.c) { word_spacing } else { 0.0 };
        match pieces.last_mut() {
            Some(p) if same_style(p, &spans[g.span]) => {
                p.text.push(g.c);
                p.width += advance;
            }
            _ => {
                let s = &spans[g.span];
                pieces.push(Piece {
                    text: g.c.to_string(),
                    variant: s.variant,
                    size: s.size,
                    underline: s.underline,
                    x,
                    width: advance,
                    word_spacing,
                });
            }
        }
        x += advance;
    }
    Line {
        pieces,
        available,
        natural,
        width,
    }
}

fn same_style(p: &Piece, s: &Span) -> bool {
    p.variant == s.variant && p.size == s.size && p.underline == s.underline
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Span {
        Span {
            text: text.into(),
            variant: Variant::Regular,
            size: 14.0,
            underline: false,
        }
    }

    fn frame(width: f32, align: Align) -> Frame {
        Frame {
            width,
            left_indent: 0.0,
            first_indent: 0.0,
            align,
        }
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.pieces.iter().map(|p| p.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn a_line_ending_on_the_margin_goes_down_as_in_libreoffice() {
        assert!(fits(100.0, 100.2));
        assert!(!fits(100.0, 100.0));
        // The observed cases: refused 0.035 and 0.056 pt short, taken 0.088 and 0.18 pt.
        assert!(!fits(467.7148, 467.75));
        assert!(!fits(467.6943, 467.75));
        assert!(fits(467.6615, 467.75));
        assert!(fits(467.5658, 467.75));
    }

    fn w(text: &str) -> f32 {
        Fonts::embedded().face(Variant::Regular).width(text, 14.0)
    }

    #[test]
    fn a_centred_line_needs_room_for_the_space_after_its_last_word() {
        let fonts = Fonts::embedded();
        // Room for "aaa bbb" and half a space: left-aligned the space hangs past the
        // margin; centred it must fit, so "bbb" goes down (LibreOffice, an annex caption).
        let room = w("aaa bbb") + w(" ") / 2.0;
        let left = break_lines(&[span("aaa bbb ccc")], fonts, frame(room, Align::Left));
        assert_eq!(texts(&left), ["aaa bbb", "ccc"]);
        let centre = break_lines(&[span("aaa bbb ccc")], fonts, frame(room, Align::Center));
        assert_eq!(texts(&centre), ["aaa", "bbb ccc"]);
        // The paragraph's last word has no space after it: it stays.
        let centre = break_lines(&[span("aaa bbb")], fonts, frame(room, Align::Center));
        assert_eq!(texts(&centre), ["aaa bbb"]);
    }

    #[test]
    fn first_fit_breaks_at_spaces() {
        let fonts = Fonts::embedded();
        // Room for "aaa bbb" and a little: the next word must go down even though the
        // space before it would still fit.
        let lines = break_lines(
            &[span("aaa bbb ccc dd")],
            fonts,
            frame(w("aaa bbb") + 0.1, Align::Left),
        );
        assert_eq!(texts(&lines), ["aaa bbb", "ccc dd"]);
        // A hair narrower and "bbb" goes down too ("bbb ccc" is as wide as "aaa bbb").
        let lines = break_lines(
            &[span("aaa bbb ccc dd")],
            fonts,
            frame(w("aaa bbb") - 0.1, Align::Left),
        );
        assert_eq!(texts(&lines), ["aaa", "bbb", "ccc dd"]);
    }

    #[test]
    fn trailing_spaces_do_not_count() {
        let fonts = Fonts::embedded();
        // "aaa bbb   " is wider than the frame, but the spaces hang.
        let lines = break_lines(
            &[span("aaa bbb   ccc")],
            fonts,
            frame(w("aaa bbb") + 0.5, Align::Left),
        );
        assert_eq!(texts(&lines), ["aaa bbb", "ccc"]);
        assert!((lines[0].natural - w("aaa bbb")).abs() < 1e-3);
    }

    #[test]
    fn long_word_breaks_at_the_overflowing_character() {
        let fonts = Fonts::embedded();
        let lines = break_lines(
            &[span("ab cdefghij")],
            fonts,
            frame(w("cdef") + 0.1, Align::Left),
        );
        assert_eq!(texts(&lines), ["ab", "cdef", "ghij"]);
        // Even a frame narrower than one character takes a character per line.
        let lines = break_lines(&[span("xyz")], fonts, frame(1.0, Align::Left));
        assert_eq!(texts(&lines), ["x", "y", "z"]);
    }

    #[test]
    fn a_million_character_word_breaks_into_lines_within_the_measure() {
        // First fit measures a box only until it overflows: without that, this took
        // minutes (quadratic in the word's length).
        let fonts = Fonts::embedded();
        let word = "ư".repeat(1_000_000);
        let f = frame(467.75, Align::Justify);
        let lines = break_lines(&[span(&word)], fonts, f);
        assert!(lines.len() > 10_000);
        for l in &lines {
            assert!(l.natural < l.available, "{} > {}", l.natural, l.available);
            assert!(l.width <= l.available);
        }
        // Every line but the last is full: one more character would overflow it.
        let one = w("ư");
        for l in &lines[..lines.len() - 1] {
            assert!(!fits(l.natural + one, l.available));
        }
        let back: String = texts(&lines).concat();
        assert_eq!(back.len(), word.len());
        assert!(back == word);
    }

    #[test]
    fn hyphens_inside_words_are_break_opportunities() {
        let fonts = Fonts::embedded();
        let lines = break_lines(
            &[span("ngày 18-5-2021 và 2020 - 2025")],
            fonts,
            frame(w("ngày 18-5-") + 0.1, Align::Left),
        );
        // A hyphen between spaces is no break of its own: the spaces are.
        assert_eq!(texts(&lines), ["ngày 18-5-", "2021 và", "2020 -", "2025"]);
    }

    #[test]
    fn justified_lines_fill_the_width_and_the_last_does_not() {
        let fonts = Fonts::embedded();
        let text = "Các cơ quan trong Khối thi đua thống nhất ký kết giao ước thi đua năm 2024 với các nội dung chủ yếu như sau";
        let f = Frame {
            width: 300.0,
            left_indent: 0.0,
            first_indent: 28.35,
            align: Align::Justify,
        };
        let lines = break_lines(&[span(text)], fonts, f);
        assert!(lines.len() >= 3);
        let last = lines.len() - 1;
        for (i, l) in lines.iter().enumerate() {
            let sum: f32 = l.pieces.iter().map(|p| p.width).sum();
            let right = l.pieces.last().map(|p| p.x + p.width).unwrap();
            if i == last {
                assert_eq!(l.pieces[0].word_spacing, 0.0);
                assert!((sum - l.natural).abs() < 1e-3);
                assert!(right < f.width);
            } else {
                assert!((sum - l.available).abs() < 1e-2, "line {i}: {sum}");
                assert!((right - f.width).abs() < 1e-2);
                assert!(l.pieces[0].word_spacing > 0.0);
            }
        }
        assert!((lines[0].pieces[0].x - 28.35).abs() < 1e-4);
        assert_eq!(lines[1].pieces[0].x, 0.0);
        // Words are unchanged and separated by single spaces.
        assert_eq!(texts(&lines).join(" "), text);
    }

    #[test]
    fn alignment_and_mixed_styles() {
        let fonts = Fonts::embedded();
        let spans = [
            span("Kính gửi: "),
            Span {
                text: "Ủy ban nhân dân tỉnh".into(),
                variant: Variant::Bold,
                size: 14.0,
                underline: false,
            },
        ];
        let lines = break_lines(&spans, fonts, frame(400.0, Align::Center));
        assert_eq!(lines.len(), 1);
        let l = &lines[0];
        assert_eq!(l.pieces.len(), 2);
        assert_eq!(l.pieces[1].variant, Variant::Bold);
        assert!((l.pieces[0].x - (400.0 - l.natural) / 2.0).abs() < 1e-3);
        assert!((l.pieces[1].x - l.pieces[0].x - l.pieces[0].width).abs() < 1e-3);
        let right = break_lines(&spans, fonts, frame(400.0, Align::Right));
        let p = right[0].pieces.last().unwrap();
        assert!((p.x + p.width - 400.0).abs() < 1e-3);
    }

    #[test]
    fn hanging_indent_and_empty_paragraph() {
        let fonts = Fonts::embedded();
        let f = Frame {
            width: 100.0,
            left_indent: 50.0,
            first_indent: -50.0,
            align: Align::Left,
        };
        let lines = break_lines(&[span("aaaa bbbb cccc dddd eeee ffff gggg")], fonts, f);
        assert_eq!(lines[0].pieces[0].x, 0.0);
        assert_eq!(lines[1].pieces[0].x, 50.0);
        assert_eq!(lines[0].available, 100.0);
        assert_eq!(lines[1].available, 50.0);
        let empty = break_lines(&[], fonts, f);
        assert_eq!(empty.len(), 1);
        assert!(empty[0].pieces.is_empty());
    }
}

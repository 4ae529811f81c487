//! Paragraph text as runs and lines: first fit as Word breaks running text, or the
//! breaks [`crate::typography`] chooses, written out as explicit breaks.

use vanban_font::breaker::{Frame, Span, break_lines, fits};
use vanban_font::{Fonts, Variant};
use vanban_model::Run;
use vanban_model::profile::Style;

use crate::typography::{Word, choose, key};
use crate::{Content, Format, Inline, Problem, RunFormat, pt};

/// How a paragraph's lines break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Breaking {
    /// First fit, as Word breaks it (running text).
    Word,
    /// Balanced, at meaningful points ([`crate::typography`]).
    Balanced,
    /// Balanced, and a line break the user typed (`\n` in the model) is kept (header
    /// and signature lines).
    Explicit,
}

/// Character properties of `style` with a run's own emphasis added.
pub(crate) fn run_format(style: &Style, run: Option<&Run>) -> RunFormat {
    RunFormat {
        size: style.size,
        bold: style.bold || run.is_some_and(|r| r.bold),
        italic: style.italic || run.is_some_and(|r| r.italic),
        underline: style.underline || run.is_some_and(|r| r.underline),
    }
}

fn span(text: String, f: RunFormat) -> Span {
    Span {
        text,
        variant: Variant::of(f.bold, f.italic),
        size: f.size,
        underline: f.underline,
    }
}

pub(crate) fn frame(width_pt: f32, format: &Format) -> Frame {
    Frame {
        width: width_pt,
        left_indent: pt(format.left),
        first_indent: pt(format.first),
        align: format.align,
    }
}

/// The runs in `style`, NFC, empty ones dropped; a glyph the font lacks is noted.
pub(crate) fn styled(
    runs: &[Run],
    style: &Style,
    fonts: &Fonts,
    problems: &mut Vec<Problem>,
) -> Vec<(String, RunFormat)> {
    runs.iter()
        .filter(|r| !r.text.is_empty())
        .map(|r| {
            let text = vanban_viet::nfc(&r.text);
            let f = run_format(style, Some(r));
            let face = fonts.face(Variant::of(f.bold, f.italic));
            if let Some(ch) = text.chars().find(|&c| c != '\n' && !face.has_char(c)) {
                problems.push(Problem::MissingGlyph {
                    ch,
                    text: text.clone(),
                });
            }
            (text, f)
        })
        .collect()
}

/// Text content in `frame`: runs and the lines they make.
pub(crate) fn content(
    runs: Vec<(String, RunFormat)>,
    frame: Frame,
    breaking: Breaking,
    names: &[Vec<String>],
    fonts: &Fonts,
) -> Content {
    // Only header and signature lines keep typed line breaks.
    let runs: Vec<(String, RunFormat)> = if breaking == Breaking::Explicit {
        runs
    } else {
        runs.into_iter()
            .map(|(t, f)| (t.replace('\n', " "), f))
            .collect()
    };
    if breaking == Breaking::Word {
        let spans: Vec<Span> = runs.iter().map(|(t, f)| span(t.clone(), *f)).collect();
        return Content::Text {
            inlines: runs.into_iter().map(|(t, f)| Inline::Text(t, f)).collect(),
            lines: break_lines(&spans, fonts, frame),
        };
    }
    // Characters with their run, cut into the lines chosen.
    let chars: Vec<(char, usize)> = runs
        .iter()
        .enumerate()
        .flat_map(|(i, (t, _))| t.chars().map(move |c| (c, i)))
        .collect();
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, &(c, _)) in chars.iter().enumerate() {
        if c == '\n' && breaking == Breaking::Explicit {
            segments.push((start, i));
            start = i + 1;
        }
    }
    segments.push((start, chars.len()));
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    for (si, &(a, b)) in segments.iter().enumerate() {
        let (a, b) = trim(&chars, a, b);
        let first = si == 0;
        let room = |i: usize| {
            frame.width
                - frame.left_indent
                - if first && i == 0 {
                    frame.first_indent
                } else {
                    0.0
                }
        };
        pieces.extend(balance(&chars, a, b, &runs, fonts, names, &room));
    }
    let mut inlines = Vec::new();
    let mut lines = Vec::new();
    for (k, &(a, b)) in pieces.iter().enumerate() {
        if k > 0 {
            let f = chars
                .get(a.max(1) - 1)
                .map_or(RunFormat::default(), |c| runs[c.1].1);
            inlines.push(Inline::Break(f));
        }
        let mut spans: Vec<Span> = Vec::new();
        for &(c, r) in &chars[a..b] {
            match (spans.last_mut(), inlines.last_mut()) {
                (Some(s), Some(Inline::Text(t, f))) if *f == runs[r].1 => {
                    s.text.push(c);
                    t.push(c);
                }
                _ => {
                    spans.push(span(c.to_string(), runs[r].1));
                    inlines.push(Inline::Text(c.to_string(), runs[r].1));
                }
            }
        }
        let f = Frame {
            first_indent: if k == 0 { frame.first_indent } else { 0.0 },
            ..frame
        };
        let mut got = break_lines(&spans, fonts, f);
        if k > 0 && spans.is_empty() {
            // An empty line between two breaks still takes its line.
            got.truncate(1);
        }
        lines.extend(got);
    }
    Content::Text { inlines, lines }
}

/// `a..b` without leading and trailing spaces.
fn trim(chars: &[(char, usize)], mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && chars[a].0.is_whitespace() && chars[a].0 != '\u{a0}' {
        a += 1;
    }
    while b > a && chars[b - 1].0.is_whitespace() && chars[b - 1].0 != '\u{a0}' {
        b -= 1;
    }
    (a, b)
}

/// The lines of `a..b` as char ranges, broken where [`choose`] says (or in one piece,
/// left to the first-fit breaker, when it has no better choice).
fn balance(
    chars: &[(char, usize)],
    a: usize,
    b: usize,
    runs: &[(String, RunFormat)],
    fonts: &Fonts,
    names: &[Vec<String>],
    room: &dyn Fn(usize) -> f32,
) -> Vec<(usize, usize)> {
    let width = |c: char, r: usize| {
        let f = runs[r].1;
        fonts
            .face(Variant::of(f.bold, f.italic))
            .char_width(c, f.size)
    };
    // Words: maximal runs between ordinary spaces (a no-break space binds).
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut i = a;
    while i < b {
        if chars[i].0 == ' ' {
            i += 1;
            continue;
        }
        let s = i;
        while i < b && chars[i].0 != ' ' {
            i += 1;
        }
        ranges.push((s, i));
    }
    if ranges.len() < 2 {
        return vec![(a, b)];
    }
    let words: Vec<Word> = ranges
        .iter()
        .map(|&(s, e)| {
            let text: String = chars[s..e].iter().map(|c| c.0).collect();
            let w = chars[s..e].iter().map(|&(c, r)| width(c, r)).sum();
            Word::new(&text, w)
        })
        .collect();
    let space = width(' ', chars[a].1);
    let bound = bound_gaps(&words, names);
    let Some(breaks) = choose(&words, &bound, space, room, &fits) else {
        return vec![(a, b)];
    };
    let mut out = Vec::new();
    let mut start = a;
    for &w in &breaks {
        out.push((start, ranges[w - 1].1));
        start = ranges[w].0;
    }
    out.push((start, b));
    out
}

/// How many of `names` (word keys) each gap between words lies inside.
fn bound_gaps(words: &[Word], names: &[Vec<String>]) -> Vec<u8> {
    let mut bound = vec![0u8; words.len()];
    fn bare(w: &Word) -> &str {
        w.key.trim_end_matches([',', ';', '.'])
    }
    for name in names.iter().filter(|n| n.len() > 1) {
        for s in 0..words.len().saturating_sub(name.len() - 1) {
            if name.iter().zip(&words[s..]).all(|(n, w)| *n == bare(w)) {
                for b in &mut bound[s..s + name.len() - 1] {
                    *b = b.saturating_add(1);
                }
            }
        }
    }
    bound
}

/// `names` as word keys, for [`bound_gaps`].
pub(crate) fn name_keys(names: &[String]) -> Vec<Vec<String>> {
    names
        .iter()
        .map(|n| {
            vanban_viet::nfc(n)
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .map(key)
                .collect()
        })
        .collect()
}

//! A profile [`Style`] as docx-rs paragraph and run properties, and the two kinds of
//! empty paragraph the writer draws with: spacers and rules.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunProperty, SpecialIndentType,
};
use vanban_model::Run as TextRun;
use vanban_model::profile::{Align, MarkKind, Profile, Style, pt_to_twip};

/// Millimetres to twips.
pub(crate) fn mm_twip(mm: f32) -> i32 {
    vanban_model::geometry::mm_twips(mm)
}

/// Twips to points.
pub(crate) fn twip_pt(twips: i32) -> f32 {
    twips as f32 / 20.0
}

/// Points to Word's half-points (`w:sz`).
pub(crate) fn half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}

/// Points to a border width (`w:sz` of a border): eighths of a point, 2 to 96 in Word.
pub(crate) fn border_eighths(pt: f32) -> usize {
    (pt * 8.0).round().clamp(2.0, 96.0) as usize
}

/// Points to twips for lengths that cannot be negative (spacing).
fn twip_u(pt: f32) -> u32 {
    pt_to_twip(pt).max(0) as u32
}

pub(crate) fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// Exactly `line_pt` lines: Word then puts every line where our PDF puts it.
fn exact(line_pt: f32, before_pt: f32, after_pt: f32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        // Word needs a positive exact height; a zero-height spacer gets one twip.
        .line(pt_to_twip(line_pt).max(1))
        .before(twip_u(before_pt))
        .after(twip_u(after_pt))
}

/// The style's character properties, with a run's own emphasis added.
pub(crate) fn run_property(
    style: &Style,
    bold: bool,
    italic: bool,
    underline: bool,
) -> RunProperty {
    let mut rp = RunProperty::new().size(half_points(style.size));
    if style.bold || bold {
        rp = rp.bold();
    }
    if style.italic || italic {
        rp = rp.italic();
    }
    if style.underline || underline {
        rp = rp.underline("single");
    }
    rp
}

/// A paragraph with the style's properties. Its mark carries the style's character
/// properties too, so text typed into an empty line (a signer's name) looks right.
pub(crate) fn paragraph(style: &Style) -> Paragraph {
    let mut p = Paragraph::new()
        .align(alignment(style.align))
        .line_spacing(exact(
            style.line_pt,
            style.space_before_pt,
            style.space_after_pt,
        ))
        .keep_next(style.keep_next)
        .widow_control(true)
        .run_property(run_property(style, false, false, false));
    if style.left_indent_mm != 0.0 || style.first_indent_mm != 0.0 {
        let first = mm_twip(style.first_indent_mm);
        let special = match first {
            0 => None,
            f if f > 0 => Some(SpecialIndentType::FirstLine(f)),
            f => Some(SpecialIndentType::Hanging(-f)),
        };
        p = p.indent(Some(mm_twip(style.left_indent_mm)), special, None, None);
    }
    p
}

/// A run of `text` in `style`.
pub(crate) fn run(text: &str, style: &Style) -> Run {
    styled_run(text, style, false, false, false)
}

fn styled_run(text: &str, style: &Style, bold: bool, italic: bool, underline: bool) -> Run {
    let mut r = Run::new();
    r.run_property = run_property(style, bold, italic, underline);
    r.add_text(text)
}

/// The model's runs in `style`, each keeping its own emphasis.
pub(crate) fn runs(p: Paragraph, runs: &[TextRun], style: &Style) -> Paragraph {
    runs.iter().fold(p, |p, r| {
        p.add_run(styled_run(&r.text, style, r.bold, r.italic, r.underline))
    })
}

/// A paragraph of `style` holding `runs`.
pub(crate) fn text_paragraph(style: &Style, text: &[TextRun]) -> Paragraph {
    runs(paragraph(style), text, style)
}

/// An empty paragraph exactly `height_pt` high, with no spacing: vertical space where no
/// paragraph spacing can go (around tables) and the paragraph Word needs between two
/// tables.
pub(crate) fn spacer(height_pt: f32) -> Paragraph {
    Paragraph::new()
        .line_spacing(exact(height_pt, 0.0, 0.0))
        .widow_control(true)
}

/// A solid rule `length_pt` long and `thickness_pt` thick, centred in a column
/// `column_pt` wide, then `after_pt` of space: the top border of an empty, (almost)
/// zero-height paragraph whose indents make it exactly as long as the rule, so it sits
/// right under the line above.
pub(crate) fn rule(length_pt: f32, column_pt: f32, thickness_pt: f32, after_pt: f32) -> Paragraph {
    let side = pt_to_twip(((column_pt - length_pt) / 2.0).max(0.0));
    let size = border_eighths(thickness_pt);
    let mut p = Paragraph::new()
        .line_spacing(exact(0.0, 0.0, after_pt))
        .widow_control(true)
        .indent(Some(side), None, Some(side), None);
    // `set_border` on a paragraph without borders would draw the other three sides too
    // (docx-rs's default borders are single lines), so the set starts empty.
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Top)
                .val(BorderType::Single)
                .size(size)
                .space(0)
                .color("000000"),
        ),
    );
    p
}

/// What stands under a line `text_width_pt` wide in a column `column_pt` wide (the
/// issuer, a title): a line of text or a rule, then `after_pt` more space.
pub(crate) fn mark(
    kind: MarkKind,
    text_width_pt: f32,
    column_pt: f32,
    profile: &Profile,
    after_pt: f32,
) -> Option<Paragraph> {
    match kind {
        MarkKind::Text(t, style) => {
            let style = Style {
                space_after_pt: style.space_after_pt + after_pt,
                ..style.clone()
            };
            Some(paragraph(&style).add_run(run(t, &style)))
        }
        // Nothing to stand under, no rule.
        MarkKind::Rule(_) if text_width_pt <= 0.0 => None,
        MarkKind::Rule(ratio) => Some(rule(
            ratio * text_width_pt,
            column_pt,
            profile.rule_pt,
            after_pt,
        )),
        MarkKind::None => None,
    }
}

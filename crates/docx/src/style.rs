//! Lowered paragraph and run properties as docx-rs ones: the writer converts units and
//! decides nothing.

use docx_rs::{
    AlignmentType, BorderType, BreakType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunProperty, SpecialIndentType, Tab,
    TabValueType,
};
use vanban_layout::{Align, Content, Format, Inline, RunFormat};

/// Points to Word's half-points (`w:sz`).
pub(crate) fn half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}

/// Points to a border width (`w:sz` of a border): eighths of a point, 2 to 96 in Word.
pub(crate) fn border_eighths(pt: f32) -> usize {
    (pt * 8.0).round().clamp(2.0, 96.0) as usize
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

pub(crate) fn run_property(f: &RunFormat) -> RunProperty {
    let mut rp = RunProperty::new().size(half_points(f.size));
    if f.bold {
        rp = rp.bold();
    }
    if f.italic {
        rp = rp.italic();
    }
    if f.underline {
        rp = rp.underline("single");
    }
    rp
}

/// A paragraph with the lowered properties: exact line height ("exactly N pt", so that
/// Word puts every line where our PDF puts it), spacing, indents, a tab stop, keep with
/// next, widow control, and the mark's character properties (text typed into an empty
/// line, such as a signer's name, looks right).
pub(crate) fn paragraph(f: &Format) -> Paragraph {
    let mut p = Paragraph::new();
    if f.mark.is_some() || f.align != Align::Left {
        p = p.align(alignment(f.align));
    }
    if let Some(line) = f.line {
        p = p.line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(line)
                .before(f.before.max(0) as u32)
                .after(f.after.max(0) as u32),
        );
    }
    if f.mark.is_some() || f.keep_next {
        p = p.keep_next(f.keep_next);
    }
    p = p.widow_control(true);
    if let Some(m) = &f.mark {
        p = p.run_property(run_property(m));
    }
    if f.left != 0 || f.first != 0 || f.right != 0 {
        let special = match f.first {
            0 => None,
            v if v > 0 => Some(SpecialIndentType::FirstLine(v)),
            v => Some(SpecialIndentType::Hanging(-v)),
        };
        let right = (f.right != 0).then_some(f.right);
        p = p.indent(Some(f.left), special, right, None);
    }
    if let Some(pos) = f.tab {
        p = p.add_tab(Tab::new().val(TabValueType::Left).pos(pos as usize));
    }
    p
}

/// A lowered paragraph's text or rule (pictures are added by the caller).
pub(crate) fn filled(f: &Format, content: &Content) -> Paragraph {
    let mut p = paragraph(f);
    match content {
        Content::Text { inlines, .. } => {
            for i in inlines {
                p = p.add_run(inline(i));
            }
        }
        Content::Rule { thickness } => {
            // `set_border` on a paragraph without borders would draw the other three
            // sides too (docx-rs's default borders are single lines), so the set starts
            // empty.
            p.property = p.property.set_borders(
                ParagraphBorders::with_empty().set(
                    ParagraphBorder::new(ParagraphBorderPosition::Top)
                        .val(BorderType::Single)
                        .size(border_eighths(*thickness))
                        .space(0)
                        .color("000000"),
                ),
            );
        }
        Content::Empty | Content::Picture(_) => {}
    }
    p
}

fn inline(i: &Inline) -> Run {
    let (mut r, f) = match i {
        Inline::Text(t, f) => (Run::new().add_text(t), f),
        Inline::Tab(f) => (Run::new().add_tab(), f),
        Inline::Break(f) => (Run::new().add_break(BreakType::TextWrapping), f),
    };
    r.run_property = run_property(f);
    r
}

//! The page-1 header: issuing body on the left, the national (or Party) title on the right,
//! the number and the place-and-date line under them — a borderless two-column table.

use docx_rs::{BreakType, Paragraph};
use vanban_font::Fonts;
use vanban_model::profile::{MarkKind, Profile, Style};
use vanban_model::{Header, Run};

use crate::blocks::Flow;
use crate::measure::{Piece, Stack, wrap};
use crate::style::{mark, paragraph, rule, run, spacer, twip_pt};
use crate::tables::{Cell, Row, layout_table, split};

pub(crate) fn header(h: &Header, profile: &Profile, fonts: &Fonts, flow: &mut Flow) {
    let hp = &profile.header;
    let widths = split(profile, hp.left_percent);
    let (left_pt, right_pt) = (twip_pt(widths[0]), twip_pt(widths[1]));

    // Each cell's height is measured as it is filled, for the page-fit rule.
    let (mut left, mut left_h) = (Vec::new(), Stack::default());
    for parent in &h.parents {
        left.push(lines(parent, &hp.parent, left_pt, fonts, &mut left_h).0);
    }
    let (issuer, issuer_width) = lines(&h.issuer, &hp.issuer, left_pt, fonts, &mut left_h);
    left.push(issuer);
    let kind = hp.issuer_mark.kind();
    match kind {
        MarkKind::Text(_, style) => left_h.lines(1, style),
        MarkKind::Rule(_) if issuer_width > 0.0 => left_h.rule(profile.rule_pt),
        _ => {}
    }
    left.extend(mark(kind, issuer_width, left_pt, profile, 0.0));

    let (mut right, mut right_h) = (Vec::new(), Stack::default());
    let mut last_width = 0.0;
    for line in &hp.national {
        let (p, w) = lines(&line.text, &line.style, right_pt, fonts, &mut right_h);
        right.push(p);
        last_width = w;
    }
    if hp.national_rule_ratio > 0.0 && last_width > 0.0 {
        let length = hp.national_rule_ratio * last_width;
        right.push(rule(length, right_pt, profile.rule_pt, 0.0));
        right_h.rule(profile.rule_pt);
    }

    let (mut number, mut number_h) = (Vec::new(), Stack::default());
    if let Some(n) = &h.number {
        number.push(paragraph(&hp.number).add_run(run(n, &hp.number)));
        number_h.para(&[Run::plain(n.clone())], &hp.number, left_pt, fonts);
    }
    if let Some(b) = &h.brief {
        number.push(paragraph(&hp.brief).add_run(run(b, &hp.brief)));
        number_h.para(&[Run::plain(b.clone())], &hp.brief, left_pt, fonts);
    }
    let date = vec![paragraph(&hp.place_date).add_run(run(&h.place_date, &hp.place_date))];
    let mut date_h = Stack::default();
    date_h.para(
        &[Run::plain(h.place_date.clone())],
        &hp.place_date,
        right_pt,
        fonts,
    );

    let rows = [
        Row::layout(
            vec![Cell(left, left_h.height()), Cell(right, right_h.height())],
            profile,
        ),
        Row::layout(
            vec![Cell(number, number_h.height()), Cell(date, date_h.height())],
            profile,
        ),
    ];
    // No padding: the columns are exactly the widths the text was measured against.
    flow.table(layout_table(&widths, rows, 0), 0);
    flow.para(spacer(hp.space_after_pt));
}

/// One paragraph of `text` broken into the lines Word will draw in a column `width_pt`
/// wide, the breaks written out so that Word and the measured rule agree; and the width
/// of its longest line.
fn lines(
    text: &str,
    style: &Style,
    width_pt: f32,
    fonts: &Fonts,
    stack: &mut Stack,
) -> (Paragraph, f32) {
    let piece = Piece {
        text,
        bold: style.bold,
        italic: style.italic,
    };
    let lines = wrap(&[piece], style.size, width_pt, fonts);
    let longest = lines.iter().map(|l| l.1).fold(0.0, f32::max);
    stack.lines(lines.len(), style);
    let mut p = paragraph(style);
    for (i, (line, _)) in lines.iter().enumerate() {
        let mut r = run(line, style);
        if i + 1 < lines.len() {
            r = r.add_break(BreakType::TextWrapping);
        }
        p = p.add_run(r);
    }
    (p, longest)
}

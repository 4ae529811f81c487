//! The page-1 header: issuing body on the left, the national (or Party) title on the right,
//! the number and the place-and-date line under them — a borderless two-column table.

use docx_rs::{BreakType, Paragraph};
use vanban_font::Fonts;
use vanban_model::Header;
use vanban_model::profile::{Profile, Style};

use crate::blocks::Flow;
use crate::measure::{Piece, wrap};
use crate::style::{mark, paragraph, rule, run, spacer, twip_pt};
use crate::tables::{Cell, layout_table, split};

pub(crate) fn header(h: &Header, profile: &Profile, fonts: &Fonts, flow: &mut Flow) {
    let hp = &profile.header;
    let widths = split(profile, hp.left_percent);
    let (left_pt, right_pt) = (twip_pt(widths[0]), twip_pt(widths[1]));

    let mut left = Vec::new();
    for parent in &h.parents {
        left.push(lines(parent, &hp.parent, left_pt, fonts).0);
    }
    let (issuer, issuer_width) = lines(&h.issuer, &hp.issuer, left_pt, fonts);
    left.push(issuer);
    left.extend(mark(
        hp.issuer_mark.kind(),
        issuer_width,
        left_pt,
        profile,
        0.0,
    ));

    let mut right = Vec::new();
    let mut last_width = 0.0;
    for line in &hp.national {
        let (p, w) = lines(&line.text, &line.style, right_pt, fonts);
        right.push(p);
        last_width = w;
    }
    if hp.national_rule_ratio > 0.0 && last_width > 0.0 {
        let length = hp.national_rule_ratio * last_width;
        right.push(rule(length, right_pt, profile.rule_pt, 0.0));
    }

    let mut number = Vec::new();
    if let Some(n) = &h.number {
        number.push(paragraph(&hp.number).add_run(run(n, &hp.number)));
    }
    if let Some(b) = &h.brief {
        number.push(paragraph(&hp.brief).add_run(run(b, &hp.brief)));
    }
    let date = vec![paragraph(&hp.place_date).add_run(run(&h.place_date, &hp.place_date))];

    let rows = [
        vec![Cell(left), Cell(right)],
        vec![Cell(number), Cell(date)],
    ];
    // No padding: the columns are exactly the widths the text was measured against.
    flow.table(layout_table(&widths, rows, 0), 0);
    flow.para(spacer(hp.space_after_pt));
}

/// One paragraph of `text` broken into the lines Word will draw in a column `width_pt`
/// wide, the breaks written out so that Word and the measured rule agree; and the width
/// of its longest line.
fn lines(text: &str, style: &Style, width_pt: f32, fonts: &Fonts) -> (Paragraph, f32) {
    let piece = Piece {
        text,
        bold: style.bold,
        italic: style.italic,
    };
    let lines = wrap(&[piece], style.size, width_pt, fonts);
    let longest = lines.iter().map(|l| l.1).fold(0.0, f32::max);
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

//! Tables: the ruled annex table, and the borderless layout tables the closing pair and
//! the signature grid are built on (the page-1 header uses them too).

use docx_rs::{
    BorderType, Paragraph, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};
use vanban_model::profile::{Align, Profile, SignProfile, Style};
use vanban_model::{CellAlign, Closing, Column, Grid, ParaStyle, SignLine, Table as ModelTable};

use crate::blocks::Flow;
use crate::page::text_width;
use crate::style::{border_eighths, mm_twip, paragraph, run, spacer, text_paragraph};

/// The paragraphs of one table cell.
pub(crate) struct Cell(pub Vec<Paragraph>);

pub(crate) use vanban_model::geometry::proportional;

/// The text width split into a left column of `left_percent` and the rest, in twips.
pub(crate) fn split(profile: &Profile, left_percent: f32) -> Vec<i32> {
    vanban_model::geometry::split(text_width(profile), left_percent).to_vec()
}

/// The left and right padding of table cells, in twips.
fn padding(profile: &Profile) -> usize {
    mm_twip(profile.table.cell_padding_mm).max(0) as usize
}

/// A fixed-layout table with an explicit grid: LibreOffice sizes columns from
/// `w:tblGrid`, Word from the cell widths, so both are written. Rows never split.
fn fixed_table(widths: &[i32], rows: Vec<Vec<Cell>>, valign: Option<VAlignType>) -> Table {
    let rows = rows
        .into_iter()
        .map(|cells| {
            let cells = cells
                .into_iter()
                .zip(widths)
                .map(|(cell, &w)| {
                    let c = cell.0.into_iter().fold(
                        TableCell::new().width(w as usize, WidthType::Dxa),
                        |c, p| c.add_paragraph(p),
                    );
                    match valign {
                        Some(v) => c.vertical_align(v),
                        None => c,
                    }
                })
                .collect();
            TableRow::new(cells).cant_split()
        })
        .collect();
    Table::new(rows)
        .set_grid(widths.iter().map(|&w| w as usize).collect())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum::<i32>() as usize, WidthType::Dxa)
        .indent(0)
}

/// A borderless layout table with `pad` twips of padding left and right in each cell.
pub(crate) fn layout_table(
    widths: &[i32],
    rows: impl IntoIterator<Item = Vec<Cell>>,
    pad: usize,
) -> Table {
    fixed_table(widths, rows.into_iter().collect(), None)
        .set_borders(TableBorders::with_empty())
        .margins(TableCellMargins::new().margin(0, pad, 0, pad))
}

/// The ruled table of an annex: single borders, padded cells, header rows repeated on
/// every page (marked in [`crate::normalize`]), body cells aligned per column.
/// A ruled table; `keep_last` keeps its last row on the page of what follows (a closing).
pub(crate) fn ruled(t: &ModelTable, profile: &Profile, keep_last: bool, flow: &mut Flow) {
    let tp = &profile.table;
    let widths = proportional(&t.widths, text_width(profile));
    let rows = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .enumerate()
                .map(|(j, cell)| {
                    let style = if i < t.header_rows {
                        tp.header.clone()
                    } else {
                        let align = match t.align.get(j).copied().unwrap_or_default() {
                            CellAlign::Left => Align::Left,
                            CellAlign::Center => Align::Center,
                            CellAlign::Right => Align::Right,
                        };
                        Style {
                            align,
                            keep_next: tp.cell.keep_next || (keep_last && i + 1 == t.rows.len()),
                            ..tp.cell.clone()
                        }
                    };
                    Cell(vec![text_paragraph(&style, cell)])
                })
                .collect()
        })
        .collect();
    let size = border_eighths(tp.border_pt);
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |b, pos| {
        b.set(
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(size)
                .color("000000"),
        )
    });
    let pad = padding(profile);
    let table = fixed_table(&widths, rows, Some(VAlignType::Center))
        .set_borders(borders)
        .margins(TableCellMargins::new().margin(0, pad, 0, pad));
    if flow.after_table() {
        flow.para(spacer(profile.paragraph(ParaStyle::Body).space_after_pt));
    }
    flow.table(table, t.header_rows);
}

/// The closing pair: recipients left, signature right, kept whole and with the last body
/// lines (every paragraph keeps with the next; the paragraph before it too, see
/// [`crate::blocks`]).
pub(crate) fn closing(c: &Closing, profile: &Profile, flow: &mut Flow) {
    let sp = &profile.sign;
    // The space above, as a paragraph: it also separates the pair from a table above.
    flow.para(spacer(sp.space_before_pt).keep_next(true));
    let widths = split(profile, sp.left_percent);
    // The row never splits; it keeps with what precedes it (that block's keep-with-next
    // and the spacer's), not with what follows.
    let row = vec![
        Cell(sign_lines(&c.left, sp, false, 0.0)),
        Cell(sign_lines(&c.right, sp, false, 0.0)),
    ];
    // No padding: the recipients stand flush with the margin.
    flow.table(layout_table(&widths, [row], 0), 0);
}

/// The signature grid: `columns` equal cells a row, the last row padded with empty
/// cells, `grid_row_gap_pt` between rows. `keep_last` keeps the last row on the page of
/// what follows (a closing): Word keeps a row with the next when its paragraphs do.
pub(crate) fn grid(g: &Grid, profile: &Profile, keep_last: bool, flow: &mut Flow) {
    let sp = &profile.sign;
    let columns = g.columns.max(1);
    let widths = proportional(&vec![1; columns], text_width(profile));
    if flow.after_table() {
        flow.para(spacer(sp.grid_row_gap_pt));
    }
    let last_row = g.cells.len().div_ceil(columns).saturating_sub(1);
    let rows: Vec<Vec<Cell>> = g
        .cells
        .chunks(columns)
        .enumerate()
        .map(|(r, chunk)| {
            let gap = if r > 0 { sp.grid_row_gap_pt } else { 0.0 };
            let keep = keep_last && r == last_row;
            let mut cells: Vec<Cell> = chunk
                .iter()
                .map(|c| {
                    // Every agency signs: a cell without a name line still gets the room
                    // for a signature and an empty name line.
                    let mut col = c.clone();
                    if !col.lines.iter().any(|(k, _)| *k == SignLine::Name) {
                        col.lines.push((SignLine::Name, String::new()));
                    }
                    Cell(sign_lines(&col, sp, keep, gap))
                })
                .collect();
            cells.resize_with(columns, || Cell(Vec::new()));
            cells
        })
        .collect();
    // Cells side by side keep the annex tables' padding apart.
    flow.table(layout_table(&widths, rows, padding(profile)), 0);
}

/// A closing column or grid cell as paragraphs, each line in its profile style; a name
/// comes after the room for the hand signature and keeps its line even when empty.
fn sign_lines(col: &Column, sp: &SignProfile, keep_next: bool, gap_pt: f32) -> Vec<Paragraph> {
    col.lines
        .iter()
        .enumerate()
        .map(|(i, (kind, text))| {
            let mut style = sp.style(*kind).clone();
            if *kind == SignLine::Name {
                style.space_before_pt += sp.signature_space_pt;
            }
            if i == 0 {
                style.space_before_pt += gap_pt;
            }
            style.keep_next |= keep_next;
            let p = paragraph(&style);
            if text.is_empty() {
                p
            } else {
                p.add_run(run(text, &style))
            }
        })
        .collect()
}

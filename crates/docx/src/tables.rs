//! Tables: the ruled annex table, and the borderless layout tables the closing pair and
//! the signature grid are built on (the page-1 header uses them too).

use docx_rs::{
    BorderType, Paragraph, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};
use vanban_model::profile::{Align, Profile, SignProfile, Style};
use vanban_model::{CellAlign, Closing, Column, Grid, ParaStyle, SignLine, Table as ModelTable};

use vanban_font::Fonts;
use vanban_model::geometry::keeps_whole;

use crate::blocks::Flow;
use crate::measure::Stack;
use crate::page::text_width;
use crate::style::{border_eighths, mm_twip, paragraph, run, spacer, text_paragraph, twip_pt};

/// The paragraphs of one table cell and their height in points ([`Stack`]).
pub(crate) struct Cell(pub Vec<Paragraph>, pub f32);

/// A row's cells and whether it stays whole on a page (`cantSplit`).
pub(crate) struct Row(Vec<Cell>, bool);

impl Row {
    /// A row whose content is `height` points high under `above` points of repeated header
    /// rows: it stays whole when it fits on a page, the rule the PDF follows too.
    fn new(cells: Vec<Cell>, height: f32, above: f32, profile: &Profile) -> Row {
        Row(cells, keeps_whole(height, above, &profile.page))
    }

    /// A borderless row, as high as its tallest cell.
    pub(crate) fn layout(cells: Vec<Cell>, profile: &Profile) -> Row {
        let height = cells.iter().map(|c| c.1).fold(0.0, f32::max);
        Row::new(cells, height, 0.0, profile)
    }
}

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
/// `w:tblGrid`, Word from the cell widths, so both are written. Rows never split, but
/// for one taller than a page, which Word would cut at the page's bottom.
fn fixed_table(widths: &[i32], rows: Vec<Row>, valign: Option<VAlignType>) -> Table {
    let rows = rows
        .into_iter()
        .map(|Row(cells, whole)| {
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
            let row = TableRow::new(cells);
            if whole { row.cant_split() } else { row }
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
    rows: impl IntoIterator<Item = Row>,
    pad: usize,
) -> Table {
    fixed_table(widths, rows.into_iter().collect(), None)
        .set_borders(TableBorders::with_empty())
        .margins(TableCellMargins::new().margin(0, pad, 0, pad))
}

/// The ruled table of an annex: single borders, padded cells, header rows repeated on
/// every page (marked in [`crate::normalize`]), body cells aligned per column.
/// A ruled table; `keep_last` keeps its last row on the page of what follows (a closing).
pub(crate) fn ruled(
    t: &ModelTable,
    profile: &Profile,
    fonts: &Fonts,
    keep_last: bool,
    flow: &mut Flow,
) {
    let tp = &profile.table;
    let widths = proportional(&t.widths, text_width(profile));
    let pad = padding(profile);
    let cells: Vec<Vec<Cell>> = t
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
                    let width = twip_pt(widths.get(j).copied().unwrap_or(0) - 2 * pad as i32);
                    let mut stack = Stack::default();
                    stack.para(cell, &style, width, fonts);
                    Cell(vec![text_paragraph(&style, cell)], stack.height())
                })
                .collect()
        })
        .collect();
    // A row is its top border and its content (the last row its bottom border too), as
    // LibreOffice lays it out; header rows repeat over every body row on a new page.
    let border = tp.border_pt;
    let last = t.rows.len().saturating_sub(1);
    let heights: Vec<f32> = cells
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let content = row.iter().map(|c| c.1).fold(0.0, f32::max);
            border + content + if i == last { border } else { 0.0 }
        })
        .collect();
    let above: f32 = heights.iter().take(t.header_rows).sum();
    let rows: Vec<Row> = cells
        .into_iter()
        .zip(heights)
        .enumerate()
        .map(|(i, (row, h))| {
            let above = if i < t.header_rows { 0.0 } else { above };
            Row::new(row, h, above, profile)
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
pub(crate) fn closing(c: &Closing, profile: &Profile, fonts: &Fonts, flow: &mut Flow) {
    let sp = &profile.sign;
    // The space above, as a paragraph: it also separates the pair from a table above.
    flow.para(spacer(sp.space_before_pt).keep_next(true));
    let widths = split(profile, sp.left_percent);
    // The row never splits; it keeps with what precedes it (that block's keep-with-next
    // and the spacer's), not with what follows.
    let row = vec![
        sign_lines(&c.left, sp, false, 0.0, twip_pt(widths[0]), fonts),
        sign_lines(&c.right, sp, false, 0.0, twip_pt(widths[1]), fonts),
    ];
    // No padding: the recipients stand flush with the margin.
    flow.table(layout_table(&widths, [Row::layout(row, profile)], 0), 0);
}

/// The signature grid: `columns` equal cells a row, the last row padded with empty
/// cells, `grid_row_gap_pt` between rows. `keep_last` keeps the last row on the page of
/// what follows (a closing): Word keeps a row with the next when its paragraphs do.
pub(crate) fn grid(g: &Grid, profile: &Profile, fonts: &Fonts, keep_last: bool, flow: &mut Flow) {
    let sp = &profile.sign;
    let columns = g.columns.max(1);
    let widths = proportional(&vec![1; columns], text_width(profile));
    if flow.after_table() {
        flow.para(spacer(sp.grid_row_gap_pt));
    }
    let last_row = g.cells.len().div_ceil(columns).saturating_sub(1);
    let pad = padding(profile);
    let rows: Vec<Row> = g
        .cells
        .chunks(columns)
        .enumerate()
        .map(|(r, chunk)| {
            let gap = if r > 0 { sp.grid_row_gap_pt } else { 0.0 };
            let keep = keep_last && r == last_row;
            let mut cells: Vec<Cell> = chunk
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    // Every agency signs: a cell without a name line still gets the room
                    // for a signature and an empty name line.
                    let mut col = c.clone();
                    if !col.lines.iter().any(|(k, _)| *k == SignLine::Name) {
                        col.lines.push((SignLine::Name, String::new()));
                    }
                    let width = twip_pt(widths[j] - 2 * pad as i32);
                    sign_lines(&col, sp, keep, gap, width, fonts)
                })
                .collect();
            cells.resize_with(columns, || Cell(Vec::new(), 0.0));
            Row::layout(cells, profile)
        })
        .collect();
    // Cells side by side keep the annex tables' padding apart.
    flow.table(layout_table(&widths, rows, pad), 0);
}

/// A closing column or grid cell `width` points wide as paragraphs, each line in its
/// profile style; a name comes after the room for the hand signature and keeps its line
/// even when empty.
fn sign_lines(
    col: &Column,
    sp: &SignProfile,
    keep_next: bool,
    gap_pt: f32,
    width: f32,
    fonts: &Fonts,
) -> Cell {
    let mut stack = Stack::default();
    let paras = col
        .lines
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
            stack.para(
                &[vanban_model::Run::plain(text.clone())],
                &style,
                width,
                fonts,
            );
            let p = paragraph(&style);
            if text.is_empty() {
                p
            } else {
                p.add_run(run(text, &style))
            }
        })
        .collect();
    Cell(paras, stack.height())
}

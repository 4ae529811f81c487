//! Lowered tables as Word tables: the page-1 header, the closing pair and the signature
//! grid (borderless), and the ruled annex table.

use docx_rs::{
    BorderType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, WidthType,
};
use vanban_layout::Table as Lowered;

use crate::style::{border_eighths, filled};

/// A fixed-layout table with an explicit grid: LibreOffice sizes columns from
/// `w:tblGrid`, Word from the cell widths, so both are written. A row marked whole
/// never splits (`cantSplit`).
pub(crate) fn table(t: &Lowered) -> Table {
    let rows = t
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .zip(&t.widths)
                .map(|(paras, &w)| {
                    let c = paras.iter().fold(
                        TableCell::new().width(w as usize, WidthType::Dxa),
                        |c, p| c.add_paragraph(filled(&p.format, &p.content)),
                    );
                    if t.centre {
                        c.vertical_align(VAlignType::Center)
                    } else {
                        c
                    }
                })
                .collect();
            let r = TableRow::new(cells);
            if row.whole { r.cant_split() } else { r }
        })
        .collect();
    let borders = match t.border {
        None => TableBorders::with_empty(),
        Some(pt) => [
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
                    .size(border_eighths(pt))
                    .color("000000"),
            )
        }),
    };
    let pad = t.padding.max(0) as usize;
    Table::new(rows)
        .set_grid(t.widths.iter().map(|&w| w as usize).collect())
        .layout(TableLayoutType::Fixed)
        .width(t.widths.iter().sum::<i32>() as usize, WidthType::Dxa)
        .indent(0)
        .set_borders(borders)
        .margins(TableCellMargins::new().margin(0, pad, 0, pad))
}

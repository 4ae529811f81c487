//! The lowered document as a flow of units for the paginator: a line of a paragraph, a
//! table or grid row, a spacer, a rule, a picture. Each unit carries its height, its
//! spacing, whether a page break may come before it, and its items positioned relative
//! to its own top-left corner. Nothing is decided here that the lowering decided:
//! lines, spacing, keep flags and which rows stay whole come from `vanban_layout`.

use vanban_font::{Fonts, Variant};
use vanban_layout::{Content, Line, Lowered, Node, Para, Table, pt};

use crate::layout::{BASELINE_RATIO, Geometry, Item, Picture, Rule, Text};

/// The least exact line height Word accepts, one twip: the height of the (nearly)
/// empty paragraph that carries a page or section break.
const MIN_LINE_PT: f32 = 0.05;

#[derive(Debug, Clone, Default)]
pub(crate) struct Unit {
    pub height: f32,
    /// Kept at the top of page 1 and after `@pagebreak`, dropped after a natural break.
    pub space_before: f32,
    pub space_after: f32,
    /// Whether a page break may come right before this unit.
    pub breakable: bool,
    /// Whether the unit must start a page (it follows `@pagebreak`).
    pub hard_break: bool,
    /// Whether the unit ends a section (`@annex`): what follows starts a page whose
    /// numbers start again.
    pub section_end: bool,
    /// The table header rows ([`Flow::headers`]) to repeat when the unit starts a page.
    pub header: Option<usize>,
    /// Items with y measured down from the unit's top.
    pub items: Vec<Item>,
    /// The cells of a row taller than a page, line by line, so that the paginator can
    /// split it ([`Rows::cut`]); `None` for everything that stays whole.
    pub rows: Option<Box<Rows>>,
}

/// One line of a cell (or a rule paragraph), y measured down from the top of the row's
/// content: where the row may split.
#[derive(Debug, Clone)]
pub(crate) struct Band {
    pub top: f32,
    pub bottom: f32,
    pub items: Vec<Item>,
    /// Lines of the band's paragraph before it and after it: widow/orphan control keeps
    /// two of them on each side of a split.
    pub before: usize,
    pub after: usize,
}

/// The cells of a table row side by side, and its borders, to lay it out whole or cut.
#[derive(Debug, Clone)]
pub(crate) struct Rows {
    /// Each cell's lines and its height (its last paragraph's space after included).
    pub cells: Vec<(Vec<Band>, f32)>,
    /// Width of the top border above the content (and of the bottom one): 0 without.
    pub border: f32,
    /// Whether the row has a bottom border of its own (a ruled table's last row).
    pub bottom: bool,
    /// x of the row's vertical borders, left to right; empty without borders.
    pub edges: Vec<f32>,
    /// Whether cells are centred vertically in the row (a ruled table's).
    pub centre: bool,
}

impl Rows {
    /// Height and items of the row laid out whole. A row taller than a page has its
    /// cells at the top, as LibreOffice lays out a row it splits.
    fn lay_out(&self, split: bool) -> (f32, Vec<Item>) {
        let content = self.cells.iter().map(|c| c.1).fold(0.0, f32::max);
        let border = self.border;
        let mut items: Vec<Item> = Vec::new();
        for (bands, height) in &self.cells {
            let shift = border
                + if self.centre && !split {
                    (content - height) / 2.0
                } else {
                    0.0
                };
            for b in bands {
                items.extend(b.items.iter().cloned().map(|i| shifted(i, shift)));
            }
        }
        if let (Some(&left), Some(&right)) = (self.edges.first(), self.edges.last()) {
            let (top, bottom) = (border / 2.0, border + content + border / 2.0);
            let rule = |x1, y1, x2, y2| {
                Item::Rule(Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    thickness: border,
                })
            };
            items.push(rule(left, top, right, top));
            items.push(rule(left, bottom, right, bottom));
            for &x in &self.edges {
                items.push(rule(x, top, x, bottom));
            }
        }
        let height = border + content + if self.bottom { border } else { 0.0 };
        (height, items)
    }

    /// The row as a unit.
    pub(crate) fn unit(self, split: bool) -> Unit {
        let (height, items) = self.lay_out(split);
        Unit {
            height,
            items,
            rows: split.then(|| Box::new(self)),
            ..Unit::default()
        }
    }

    /// The row cut `room` points below its top: each cell keeps the lines that end
    /// above the cut (two at least of a paragraph it splits, and leaves two), and the rest
    /// goes to a new row whose cells start with their first line left over, as LibreOffice
    /// continues a split row on the next page. `None` when no line fits.
    pub(crate) fn cut(&self, room: f32, at_top: bool) -> Option<(Rows, Rows)> {
        let limit = room - self.border + vanban_layout::geometry::FIT_EPSILON_PT;
        let mut counts: Vec<usize> = self
            .cells
            .iter()
            .map(|(bands, _)| {
                let mut k = bands.iter().take_while(|b| b.bottom <= limit).count();
                if k > 0 && k < bands.len() && bands[k].before > 0 {
                    // The cut falls inside a paragraph: widow/orphan control, two lines
                    // left over at least, else two taken at least, else none.
                    let left = bands[k].after + 1;
                    if left < 2 {
                        k -= (2 - left).min(bands[k].before);
                    }
                    let taken = bands[k].before;
                    if taken < 2 {
                        k -= taken;
                    }
                }
                k
            })
            .collect();
        if counts.iter().all(|&k| k == 0) {
            if !at_top {
                return None;
            }
            // Not a line fits on an empty page (its repeated header rows take it all):
            // take one all the same, rather than never end.
            counts = self.cells.iter().map(|c| c.0.len().min(1)).collect();
        }
        if counts.iter().zip(&self.cells).all(|(&k, c)| k == c.0.len()) {
            return None;
        }
        let mut first = Rows {
            cells: Vec::new(),
            bottom: false,
            ..self.clone()
        };
        first.cells.clear();
        let mut rest = Rows {
            cells: Vec::new(),
            ..self.clone()
        };
        rest.cells.clear();
        for ((bands, height), &k) in self.cells.iter().zip(&counts) {
            let head = bands[..k].to_vec();
            let end = head.last().map_or(0.0, |b| b.bottom);
            first.cells.push((head, end));
            let shift = bands.get(k).map_or(*height, |b| b.top);
            let tail: Vec<Band> = bands[k..]
                .iter()
                .map(|b| Band {
                    top: b.top - shift,
                    bottom: b.bottom - shift,
                    items: b
                        .items
                        .iter()
                        .cloned()
                        .map(|i| shifted(i, -shift))
                        .collect(),
                    before: b.before,
                    after: b.after,
                })
                .collect();
            rest.cells.push((tail, (height - shift).max(0.0)));
        }
        Some((first, rest))
    }
}

#[derive(Debug, Default)]
pub(crate) struct Flow {
    pub units: Vec<Unit>,
    /// Header rows of each table that has them.
    pub headers: Vec<Vec<Unit>>,
}

pub(crate) fn build_flow(lowered: &Lowered, fonts: &Fonts, geo: Geometry) -> Flow {
    let mut b = Builder {
        fonts,
        geo,
        flow: Flow::default(),
        keep: false,
    };
    for node in &lowered.nodes {
        match node {
            Node::Para(p) => b.para(p),
            Node::Table(t) => b.table(t),
            Node::PageBreak | Node::SectionEnd => {
                // The break's paragraph: an (almost) empty line; what follows starts a
                // new page (and, after a section's end, new page numbers).
                let section_end = matches!(node, Node::SectionEnd);
                b.push_first(Unit {
                    height: MIN_LINE_PT,
                    hard_break: !section_end,
                    section_end,
                    ..Unit::default()
                });
                b.keep = false;
            }
        }
    }
    b.flow
}

struct Builder<'a> {
    fonts: &'a Fonts,
    geo: Geometry,
    flow: Flow,
    /// What came last keeps with what follows: no break before the next unit.
    keep: bool,
}

/// A column of a table being filled top-down.
struct Cell {
    /// Left edge of the text, padding included.
    x: f32,
    width: f32,
    /// Height used so far, space after the last paragraph excluded.
    y: f32,
    /// Space after the last paragraph, which merges with the next one's space before.
    after: f32,
    bands: Vec<Band>,
}

impl Builder<'_> {
    /// Marks the first unit of a node: no break before it after keep-with-next.
    fn push_first(&mut self, mut u: Unit) {
        u.breakable = !self.keep;
        self.flow.units.push(u);
    }

    /// A body paragraph across the text width: one unit a line (a spacer, rule or
    /// picture is one unit).
    fn para(&mut self, p: &Para) {
        let line = p.format.line_pt();
        let before = pt(p.format.before);
        let after = pt(p.format.after);
        match &p.content {
            Content::Text { lines, .. } => {
                let n = lines.len();
                for (i, l) in lines.iter().enumerate() {
                    let u = Unit {
                        height: line,
                        space_before: if i == 0 { before } else { 0.0 },
                        space_after: if i + 1 == n { after } else { 0.0 },
                        // Widow/orphan control: at least two lines on each side of a break.
                        breakable: i >= 2 && n - i >= 2,
                        items: self.line_items(l, line, p.block, self.geo.left, 0.0),
                        ..Unit::default()
                    };
                    if i == 0 {
                        self.push_first(u);
                    } else {
                        self.flow.units.push(u);
                    }
                }
            }
            Content::Empty | Content::Rule { .. } | Content::Picture(_) => {
                let items = self.object_items(p, self.geo.left, self.geo.text_width, 0.0);
                self.push_first(Unit {
                    height: p.height(),
                    space_before: before,
                    space_after: after,
                    items,
                    ..Unit::default()
                });
            }
        }
        self.keep = p.format.keep_next;
    }

    /// The items of a rule or picture paragraph whose column starts at `x`, `width`
    /// wide, its top at `top`.
    fn object_items(&self, p: &Para, x: f32, width: f32, top: f32) -> Vec<Item> {
        match &p.content {
            Content::Rule { thickness } => {
                let y = top + thickness / 2.0;
                vec![Item::Rule(Rule {
                    x1: x + pt(p.format.left),
                    y1: y,
                    x2: x + width - pt(p.format.right),
                    y2: y,
                    thickness: *thickness,
                })]
            }
            Content::Picture(pic) => vec![Item::Image(Picture {
                block: p.block,
                x: x + (width - pic.width) / 2.0,
                y: top,
                width: pic.width,
                height: pic.height,
            })],
            _ => Vec::new(),
        }
    }

    /// Text (and underline) items of a line whose top is `top`, frame starting at `x0`.
    fn line_items(&self, line: &Line, line_pt: f32, block: usize, x0: f32, top: f32) -> Vec<Item> {
        let baseline = top + BASELINE_RATIO * line_pt;
        let mut items = Vec::with_capacity(line.pieces.len());
        for p in &line.pieces {
            let x = x0 + p.x;
            items.push(Item::Text(Text {
                text: p.text.clone(),
                variant: p.variant,
                size: p.size,
                x,
                y: baseline,
                width: p.width,
                word_spacing: p.word_spacing,
                block,
            }));
            if p.underline {
                let (offset, thickness) = self.underline(p.variant, p.size);
                items.push(Item::Rule(Rule {
                    x1: x,
                    y1: baseline + offset,
                    x2: x + p.width,
                    y2: baseline + offset,
                    thickness,
                }));
            }
        }
        items
    }

    /// The face's underline: distance below the baseline to the stroke's centre, and its
    /// thickness, at `size`.
    fn underline(&self, variant: Variant, size: f32) -> (f32, f32) {
        let face = self.fonts.face(variant);
        let scale = size / face.units_per_em();
        let m = face.underline_metrics();
        let position = m
            .map(|m| m.position as f32)
            .unwrap_or(-0.1 * face.units_per_em());
        let thickness = m
            .map(|m| m.thickness as f32)
            .unwrap_or(0.05 * face.units_per_em());
        ((-position + thickness / 2.0) * scale, thickness * scale)
    }

    /// A paragraph at the bottom of a cell (space before and after apply inside cells).
    fn cell_para(&self, cell: &mut Cell, p: &Para) {
        let above = cell.y;
        cell.y += cell.after.max(pt(p.format.before));
        let line = p.format.line_pt();
        let first = cell.bands.len();
        match &p.content {
            Content::Text { lines, .. } => {
                let n = lines.len();
                for (i, l) in lines.iter().enumerate() {
                    cell.bands.push(Band {
                        top: cell.y,
                        bottom: cell.y + line,
                        items: self.line_items(l, line, p.block, cell.x, cell.y),
                        before: i,
                        after: n - i - 1,
                    });
                    cell.y += line;
                }
            }
            _ => {
                let h = p.height();
                cell.bands.push(Band {
                    top: cell.y,
                    bottom: cell.y + h,
                    items: self.object_items(p, cell.x, cell.width, cell.y),
                    before: 0,
                    after: 0,
                });
                cell.y += h;
            }
        }
        // A name line's signature places ride with its first line through pagination.
        if let (Some(place), Some(band)) = (&p.sign, cell.bands.get_mut(first)) {
            let slots =
                crate::slots::column_slots(place, cell.x, cell.width, above, band.top, band.bottom);
            band.items.extend(slots);
        }
        cell.after = pt(p.format.after);
    }

    /// A table, row by row: header rows repeat on a new page; a row that is not whole
    /// may be cut where the page ends.
    fn table(&mut self, t: &Table) {
        let header = (t.header_rows > 0).then(|| {
            self.flow.headers.push(Vec::new());
            self.flow.headers.len() - 1
        });
        let widths: Vec<f32> = t.widths.iter().map(|&w| pt(w)).collect();
        let mut edges = vec![self.geo.left];
        for w in &widths {
            edges.push(edges.last().unwrap() + w);
        }
        let pad = pt(t.padding);
        let border = t.border.unwrap_or(0.0);
        let last = t.rows.len().saturating_sub(1);
        for (r, row) in t.rows.iter().enumerate() {
            let cells = row
                .cells
                .iter()
                .enumerate()
                .map(|(j, paras)| {
                    let mut cell = Cell {
                        x: edges[j] + pad,
                        width: widths.get(j).copied().unwrap_or(0.0) - 2.0 * pad,
                        y: 0.0,
                        after: 0.0,
                        bands: Vec::new(),
                    };
                    for p in paras {
                        self.cell_para(&mut cell, p);
                    }
                    (cell.bands, cell.y + cell.after)
                })
                .collect();
            let rows = Rows {
                cells,
                border,
                bottom: t.border.is_some() && r == last,
                edges: if t.border.is_some() {
                    edges.clone()
                } else {
                    Vec::new()
                },
                centre: t.centre,
            };
            let is_header = r < t.header_rows;
            let u = Unit {
                header: if is_header { None } else { header },
                ..rows.unit(!row.whole)
            };
            if let (true, Some(h)) = (is_header, header) {
                self.flow.headers[h].push(u.clone());
            }
            self.push_first(u);
            self.keep = row.keep_next;
        }
    }
}

/// An item moved down by `dy`.
fn shifted(item: Item, dy: f32) -> Item {
    match item {
        Item::Text(t) => Item::Text(Text { y: t.y + dy, ..t }),
        Item::Rule(r) => Item::Rule(Rule {
            y1: r.y1 + dy,
            y2: r.y2 + dy,
            ..r
        }),
        Item::Image(p) => Item::Image(Picture { y: p.y + dy, ..p }),
        Item::Slot(s) => Item::Slot(crate::slots::Slot { y: s.y + dy, ..s }),
    }
}

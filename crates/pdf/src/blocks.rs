//! The document's blocks as a flow of units for the paginator: a line of a paragraph, a
//! table or grid row, or a block that never splits (the page-1 header, the closing pair,
//! a picture). Each unit carries its height, its spacing, whether a page break may come
//! before it, and its items positioned relative to its own top-left corner.

use unicode_normalization::UnicodeNormalization;
use vanban_font::{Fonts, Variant};
use vanban_model::profile::{Align, MarkKind, Style};
use vanban_model::{
    Addressees, Block, CellAlign, Closing, Column, Document, Grid, Header, Image, List, Profile,
    Run, SignLine, Table, Title,
};

use crate::layout::{BASELINE_RATIO, Geometry, Item, LayoutError, Picture, Rule, Text, mm};
use vanban_font::breaker::{Frame, Line, Span, break_lines};
use vanban_model::geometry::keeps_whole;

/// The least exact line height Word accepts, one twip: the height of the DOCX writer's
/// "empty" paragraphs (spacers, rules, the page break's mark).
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
        let limit = room - self.border + vanban_model::geometry::FIT_EPSILON_PT;
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

pub(crate) fn build_flow(
    doc: &Document,
    profile: &Profile,
    fonts: &Fonts,
    geo: Geometry,
) -> Result<Flow, LayoutError> {
    let mut b = Builder {
        profile,
        fonts,
        geo,
        flow: Flow::default(),
        block: 0,
        keep: false,
        after_table: false,
    };
    for (i, block) in doc.blocks.iter().enumerate() {
        b.block = i;
        match block {
            Block::Header(h) => b.header(h)?,
            Block::Title(t) => b.title(t)?,
            Block::Addressees(a) => b.addressees(a)?,
            Block::Heading(h) => {
                // A heading always keeps with what it heads.
                b.para(&h.runs, profile.heading(h.level))?;
                b.keep = true;
            }
            Block::Paragraph(p) => {
                b.para(&p.runs, profile.paragraph(p.style))?;
            }
            Block::List(l) => b.list(l)?,
            Block::Table(t) => b.table(t)?,
            Block::Closing(c) => {
                let keep = i > 0 && doc.blocks[i - 1].keeps_with_closing();
                b.closing(c, keep)?
            }
            Block::Grid(g) => b.grid(g)?,
            Block::Image(img) => b.image(img)?,
            Block::AnnexBreak => {
                // The DOCX writer's section-break paragraph: an (almost) empty line at the
                // end of the section; the next section starts a new page.
                b.keep = false;
                b.push_first(Unit {
                    height: MIN_LINE_PT,
                    section_end: true,
                    ..Unit::default()
                });
            }
            Block::PageBreak => {
                // The DOCX writer's break paragraph: its mark starts the next page as a
                // (nearly) empty line, so what follows is not at the top of that page.
                b.keep = false;
                b.push_first(Unit {
                    height: MIN_LINE_PT,
                    hard_break: true,
                    ..Unit::default()
                });
            }
        }
    }
    if b.after_table {
        // A body that ends with a table ends with an (almost) empty paragraph in Word.
        b.spacer(0.0);
    }
    Ok(b.flow)
}

/// Runs in a style: the style's bold, italic and underline add to the run's own; text is
/// NFC; a character the face lacks is an error rather than a blank box.
pub(crate) fn spans(runs: &[Run], style: &Style, fonts: &Fonts) -> Result<Vec<Span>, LayoutError> {
    runs.iter()
        .filter(|r| !r.text.is_empty())
        .map(|r| {
            let text: String = r.text.nfc().collect();
            let variant = Variant::of(style.bold || r.bold, style.italic || r.italic);
            let face = fonts.face(variant);
            if let Some(ch) = text.chars().find(|&c| !face.has_char(c)) {
                return Err(LayoutError::MissingGlyph { ch, text });
            }
            Ok(Span {
                text,
                variant,
                size: style.size,
                underline: style.underline || r.underline,
            })
        })
        .collect()
}

/// A column of a borderless table (header, grid, closing) being filled top-down.
struct Cell {
    /// Left edge of the text, padding included.
    x: f32,
    width: f32,
    /// Height used so far, space after the last paragraph excluded.
    y: f32,
    /// Space after the last paragraph, which merges with the next one's space before.
    after: f32,
    /// The cell's lines, each with its items.
    bands: Vec<Band>,
}

impl Cell {
    /// The cell's height: its content and the last paragraph's space after.
    fn height(&self) -> f32 {
        self.y + self.after
    }

    /// Moves down by `space` before a paragraph, the larger of it and the space after
    /// the paragraph above.
    fn space_before(&mut self, space: f32) {
        self.y += self.after.max(space);
        self.after = 0.0;
    }

    /// The cell's lines and height, for [`Rows`].
    fn into_rows_cell(self) -> (Vec<Band>, f32) {
        let height = self.height();
        (self.bands, height)
    }
}

struct Builder<'a> {
    profile: &'a Profile,
    fonts: &'a Fonts,
    geo: Geometry,
    flow: Flow,
    /// Index of the block being laid out.
    block: usize,
    /// The last paragraph had keep_next: no break before the next block.
    keep: bool,
    /// The last block was a table: Word needs a paragraph before another table.
    after_table: bool,
}

impl Builder<'_> {
    fn frame(&self, style: &Style, width: f32) -> Frame {
        Frame {
            width,
            left_indent: mm(style.left_indent_mm),
            first_indent: mm(style.first_indent_mm),
            align: style.align,
        }
    }

    fn lines(&self, runs: &[Run], style: &Style, frame: Frame) -> Result<Vec<Line>, LayoutError> {
        Ok(break_lines(
            &spans(runs, style, self.fonts)?,
            self.fonts,
            frame,
        ))
    }

    /// Text (and underline) items of a line whose top is `top` and frame starts at `x0`.
    fn line_items(&self, line: &Line, style: &Style, x0: f32, top: f32) -> Vec<Item> {
        let baseline = top + BASELINE_RATIO * style.line_pt;
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
                block: self.block,
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
        let m = face.ttf().underline_metrics();
        let position = m
            .map(|m| m.position as f32)
            .unwrap_or(-0.1 * face.units_per_em());
        let thickness = m
            .map(|m| m.thickness as f32)
            .unwrap_or(0.05 * face.units_per_em());
        ((-position + thickness / 2.0) * scale, thickness * scale)
    }

    /// Marks the first unit of a block: no break before it after keep_next, a forced one
    /// after `@pagebreak`.
    fn push_first(&mut self, mut u: Unit) {
        u.breakable = !self.keep;
        self.flow.units.push(u);
    }

    /// An empty paragraph exactly `height` high (at least a twip): the DOCX writer's
    /// vertical space where paragraph spacing cannot go.
    fn spacer(&mut self, height: f32) {
        self.push_first(Unit {
            height: height.max(MIN_LINE_PT),
            ..Unit::default()
        });
        self.keep = false;
        self.after_table = false;
    }

    /// A paragraph across the text width, one unit a line.
    fn para(&mut self, runs: &[Run], style: &Style) -> Result<Vec<Line>, LayoutError> {
        let frame = self.frame(style, self.geo.text_width);
        self.para_in(runs, style, frame)
    }

    fn para_in(
        &mut self,
        runs: &[Run],
        style: &Style,
        frame: Frame,
    ) -> Result<Vec<Line>, LayoutError> {
        let lines = self.lines(runs, style, frame)?;
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            let u = Unit {
                height: style.line_pt,
                space_before: if i == 0 { style.space_before_pt } else { 0.0 },
                space_after: if i + 1 == n {
                    style.space_after_pt
                } else {
                    0.0
                },
                // Widow/orphan control: at least two lines on each side of a break.
                breakable: i >= 2 && n - i >= 2,
                items: self.line_items(line, style, self.geo.left, 0.0),
                ..Unit::default()
            };
            if i == 0 {
                self.push_first(u);
            } else {
                self.flow.units.push(u);
            }
        }
        self.keep = style.keep_next;
        self.after_table = false;
        Ok(lines)
    }

    /// A column of a borderless table at `x`, `width` wide, with `pad` inside each side.
    fn cell(&self, x: f32, width: f32, pad: f32) -> Cell {
        Cell {
            x: x + pad,
            width: width - 2.0 * pad,
            y: 0.0,
            after: 0.0,
            bands: Vec::new(),
        }
    }

    /// The annex tables' cell padding, which the signature grid shares.
    fn padding(&self) -> f32 {
        mm(self.profile.table.cell_padding_mm)
    }

    /// A paragraph at the bottom of a cell (space before and after apply inside cells);
    /// its lines, to measure.
    fn cell_para(
        &self,
        cell: &mut Cell,
        runs: &[Run],
        style: &Style,
    ) -> Result<Vec<Line>, LayoutError> {
        cell.space_before(style.space_before_pt);
        let lines = self.lines(runs, style, self.frame(style, cell.width))?;
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            cell.bands.push(Band {
                top: cell.y,
                bottom: cell.y + style.line_pt,
                items: self.line_items(line, style, cell.x, cell.y),
                before: i,
                after: n - i - 1,
            });
            cell.y += style.line_pt;
        }
        cell.after = style.space_after_pt;
        Ok(lines)
    }

    fn cell_text(
        &self,
        cell: &mut Cell,
        text: &str,
        style: &Style,
    ) -> Result<Vec<Line>, LayoutError> {
        self.cell_para(cell, &[Run::plain(text)], style)
    }

    /// A rule paragraph at `top`: the DOCX writer's empty one-twip paragraph whose top
    /// border is the rule, `length` long and centred on `centre`. Returns the rule and
    /// the paragraph's height (border and line).
    fn rule(&self, length: f32, centre: f32, top: f32) -> (Item, f32) {
        let t = self.profile.rule_pt;
        let y = top + t / 2.0;
        let rule = Item::Rule(Rule {
            x1: centre - length / 2.0,
            y1: y,
            x2: centre + length / 2.0,
            y2: y,
            thickness: t,
        });
        (rule, t + MIN_LINE_PT)
    }

    /// A rule paragraph at the bottom of a cell, centred in it.
    fn cell_rule(&self, cell: &mut Cell, length: f32) {
        if length <= 0.0 {
            return;
        }
        cell.space_before(0.0);
        let (rule, height) = self.rule(length, cell.x + cell.width / 2.0, cell.y);
        cell.bands.push(Band {
            top: cell.y,
            bottom: cell.y + height,
            items: vec![rule],
            before: 0,
            after: 0,
        });
        cell.y += height;
    }

    /// The page-1 header: a borderless two-column table of two rows, without padding.
    fn header(&mut self, h: &Header) -> Result<(), LayoutError> {
        let hp = &self.profile.header;
        let widths = split(self.geo.text_width, hp.left_percent);
        let mut left = self.cell(self.geo.left, widths[0], 0.0);
        let mut right = self.cell(self.geo.left + widths[0], widths[1], 0.0);

        // Row 1: issuing body under its parent; the national or Party title.
        for parent in &h.parents {
            self.cell_text(&mut left, parent, &hp.parent)?;
        }
        let issuer = self.cell_text(&mut left, &h.issuer, &hp.issuer)?;
        match hp.issuer_mark.kind() {
            MarkKind::Text(text, style) => {
                self.cell_text(&mut left, text, style)?;
            }
            MarkKind::Rule(ratio) => self.cell_rule(&mut left, ratio * longest(&issuer)),
            MarkKind::None => {}
        }
        let mut last = Vec::new();
        for line in &hp.national {
            last = self.cell_text(&mut right, &line.text, &line.style)?;
        }
        self.cell_rule(&mut right, hp.national_rule_ratio * longest(&last));

        // Row 2: number and brief; place and date level with the number. A row of its
        // own, as in the DOCX, that never starts a page.
        self.push_row(true, layout_row(vec![left, right], &self.profile.page, 0.0));
        let mut left = self.cell(self.geo.left, widths[0], 0.0);
        let mut right = self.cell(self.geo.left + widths[0], widths[1], 0.0);
        if let Some(number) = &h.number {
            self.cell_text(&mut left, number, &hp.number)?;
        }
        if let Some(brief) = &h.brief {
            self.cell_text(&mut left, brief, &hp.brief)?;
        }
        self.cell_text(&mut right, &h.place_date, &hp.place_date)?;
        self.push_row(
            false,
            layout_row(vec![left, right], &self.profile.page, 0.0),
        );
        self.spacer(hp.space_after_pt);
        Ok(())
    }

    /// Type, summary lines and the mark under them, all kept with what follows; the
    /// title's own space goes under the last of them.
    fn title(&mut self, t: &Title) -> Result<(), LayoutError> {
        let tp = &self.profile.title;
        let with_after = |style: &Style, extra: f32| Style {
            space_after_pt: style.space_after_pt + extra,
            keep_next: true,
            ..style.clone()
        };
        let mark = tp.mark.kind();
        let extra = if mark == MarkKind::None {
            tp.space_after_pt
        } else {
            0.0
        };
        let kind_style = with_after(&tp.kind, if t.summary.is_empty() { extra } else { 0.0 });
        let mut longest_line = longest(&self.para(&[Run::plain(t.kind.as_str())], &kind_style)?);
        if !t.summary.is_empty() {
            longest_line = 0.0;
        }
        for (i, s) in t.summary.iter().enumerate() {
            let last = i + 1 == t.summary.len();
            let style = with_after(&tp.summary, if last { extra } else { 0.0 });
            longest_line = longest_line.max(longest(&self.para(s, &style)?));
        }
        match mark {
            MarkKind::Text(text, style) => {
                self.para(&[Run::plain(text)], &with_after(style, tp.space_after_pt))?;
            }
            MarkKind::Rule(ratio) => {
                let centre = self.geo.left + self.geo.text_width / 2.0;
                let (rule, height) = self.rule(ratio * longest_line, centre, 0.0);
                self.push_first(Unit {
                    height,
                    space_after: tp.space_after_pt,
                    items: vec![rule],
                    ..Unit::default()
                });
            }
            MarkKind::None => {}
        }
        self.keep = true;
        Ok(())
    }

    /// "Kính gửi:" then a tab to where every addressee line starts: a hanging indent as
    /// wide as the label and a space, rounded up to twips. The lines keep together.
    fn addressees(&mut self, a: &Addressees) -> Result<(), LayoutError> {
        let style = &self.profile.addressees;
        let label = [Run::plain(format!("{} ", a.label))];
        let label_spans = spans(&label, style, self.fonts)?;
        let width: f32 = label_spans
            .iter()
            .map(|s| self.fonts.face(s.variant).width(&s.text, s.size))
            .sum();
        let hang = (width * 20.0).ceil() / 20.0;
        let frame = Frame {
            width: self.geo.text_width,
            left_indent: mm(style.left_indent_mm) + hang,
            first_indent: 0.0,
            align: style.align,
        };
        let count = a.lines.len().max(1);
        let empty = Vec::new();
        for i in 0..count {
            let line_style = Style {
                space_before_pt: if i == 0 { style.space_before_pt } else { 0.0 },
                space_after_pt: if i + 1 == count {
                    style.space_after_pt
                } else {
                    0.0
                },
                keep_next: style.keep_next || i + 1 < count,
                ..style.clone()
            };
            let first = self.flow.units.len();
            self.para_in(a.lines.get(i).unwrap_or(&empty), &line_style, frame)?;
            if i == 0 {
                // The label, at the paragraph's hanging start.
                let line = break_lines(
                    &label_spans,
                    self.fonts,
                    Frame {
                        left_indent: mm(style.left_indent_mm),
                        align: Align::Left,
                        ..frame
                    },
                );
                let items = self.line_items(&line[0], style, self.geo.left, 0.0);
                self.flow.units[first].items.splice(0..0, items);
            }
        }
        Ok(())
    }

    /// List items are body paragraphs that begin with their marker as text.
    fn list(&mut self, l: &List) -> Result<(), LayoutError> {
        let style = self.profile.paragraph(vanban_model::ParaStyle::Body);
        for (i, item) in l.items.iter().enumerate() {
            let mut runs = vec![Run::plain(l.marker.label(i))];
            runs.extend(item.iter().cloned());
            self.para(&runs, style)?;
        }
        Ok(())
    }

    /// Before a table right after another table: Word needs a paragraph between them.
    fn table_gap(&mut self, height: f32) {
        if self.after_table {
            self.spacer(height);
        }
    }

    fn table(&mut self, t: &Table) -> Result<(), LayoutError> {
        let tp = &self.profile.table;
        self.table_gap(
            self.profile
                .paragraph(vanban_model::ParaStyle::Body)
                .space_after_pt,
        );
        let widths = proportional(&t.widths, self.geo.text_width);
        let pad = self.padding();
        let header = (t.header_rows > 0).then(|| {
            self.flow.headers.push(Vec::new());
            self.flow.headers.len() - 1
        });
        for (r, row) in t.rows.iter().enumerate() {
            let is_header = r < t.header_rows;
            let mut cells = Vec::new();
            let mut x = self.geo.left;
            for (c, runs) in row.iter().enumerate() {
                let width = widths.get(c).copied().unwrap_or(0.0);
                let style = if is_header {
                    tp.header.clone()
                } else {
                    Style {
                        align: match t.align.get(c).copied().unwrap_or_default() {
                            CellAlign::Left => Align::Left,
                            CellAlign::Center => Align::Center,
                            CellAlign::Right => Align::Right,
                        },
                        ..tp.cell.clone()
                    }
                };
                let mut cell = self.cell(x, width, pad);
                self.cell_para(&mut cell, runs, &style)?;
                cells.push(cell);
                x += width;
            }
            // A row's top border takes its width above the row's content (the last row's
            // bottom border too, below it), as LibreOffice lays out the DOCX; cells are
            // centred vertically in what is left, as the DOCX writer sets them.
            let mut edges = vec![self.geo.left];
            for w in &widths {
                edges.push(edges.last().unwrap() + w);
            }
            let rows = Rows {
                cells: cells.into_iter().map(Cell::into_rows_cell).collect(),
                border: tp.border_pt,
                bottom: r + 1 == t.rows.len(),
                edges,
                centre: true,
            };
            let above: f32 = match header {
                Some(h) if !is_header => self.flow.headers[h].iter().map(|u| u.height).sum(),
                _ => 0.0,
            };
            let whole = rows.clone().unit(false);
            let split = !keeps_whole(whole.height, above, &self.profile.page);
            let base = if split { rows.unit(true) } else { whole };
            let u = Unit {
                // Header rows stay together and with the first body row.
                breakable: !(is_header || (header.is_some() && r == t.header_rows)),
                header: if is_header { None } else { header },
                ..base
            };
            if let (true, Some(h)) = (is_header, header) {
                self.flow.headers[h].push(u.clone());
            }
            self.push_row(r == 0, u);
        }
        self.end_table();
        Ok(())
    }

    /// A table row: the first row follows the keep rules of what precedes the table, the
    /// others stack under it.
    fn push_row(&mut self, first: bool, u: Unit) {
        if first {
            self.push_first(u);
        } else {
            self.flow.units.push(u);
        }
    }

    /// After a table (or grid, or closing): nothing pending to keep, and the next table
    /// needs the spacer Word puts between two tables.
    fn end_table(&mut self) {
        self.keep = false;
        self.after_table = true;
    }

    /// Lines of a signature column: each name after the room for the hand signature,
    /// `gap` above the first line.
    fn sign_column(&self, cell: &mut Cell, column: &Column, gap: f32) -> Result<(), LayoutError> {
        let sp = &self.profile.sign;
        let mut gap = gap;
        for (kind, text) in &column.lines {
            let style = sp.style(*kind);
            // The room for the signature and the row gap are space before, as the DOCX
            // writer sets them.
            let mut before = style.space_before_pt + std::mem::take(&mut gap);
            if *kind == SignLine::Name {
                before += sp.signature_space_pt;
            }
            let style = Style {
                space_before_pt: before,
                ..style.clone()
            };
            let (above, first) = (cell.y, cell.bands.len());
            self.cell_text(cell, text, &style)?;
            // The signature fields go in the room above the name, riding with its line.
            if *kind == SignLine::Name && first < cell.bands.len() {
                let top = cell.bands[first].top;
                let slots = crate::slots::column_slots(column, cell.x, cell.width, above, top);
                cell.bands[first].items.extend(slots);
            }
        }
        Ok(())
    }

    /// The signature grid: rows of equal cells that never split, the row gap at the top of
    /// every row but the first (inside the row, so it stays at the top of a page too).
    fn grid(&mut self, g: &Grid) -> Result<(), LayoutError> {
        let sp = &self.profile.sign;
        self.table_gap(sp.grid_row_gap_pt);
        let columns = g.columns.max(1);
        let widths = proportional(&vec![1; columns], self.geo.text_width);
        let pad = self.padding();
        for (r, row) in g.cells.chunks(columns).enumerate() {
            let gap = if r > 0 { sp.grid_row_gap_pt } else { 0.0 };
            let mut cells = Vec::new();
            let mut x = self.geo.left;
            for (column, width) in row.iter().zip(&widths) {
                // Every agency signs: a cell without a name still gets room and a line.
                let mut column = column.clone();
                if !column.lines.iter().any(|(k, _)| *k == SignLine::Name) {
                    column.lines.push((SignLine::Name, String::new()));
                }
                let mut cell = self.cell(x, *width, pad);
                self.sign_column(&mut cell, &column, gap)?;
                cells.push(cell);
                x += width;
            }
            let u = Unit {
                breakable: true,
                ..layout_row(cells, &self.profile.page, 0.0)
            };
            self.push_row(r == 0, u);
        }
        self.end_table();
        Ok(())
    }

    /// Recipients and signature side by side, flush with the margins, after a spacer of
    /// the space above: one block that never starts a page without what precedes it.
    fn closing(&mut self, c: &Closing, keep_with_previous: bool) -> Result<(), LayoutError> {
        let sp = &self.profile.sign;
        self.keep |= keep_with_previous;
        self.spacer(sp.space_before_pt);
        let widths = split(self.geo.text_width, sp.left_percent);
        let mut left = self.cell(self.geo.left, widths[0], 0.0);
        let mut right = self.cell(self.geo.left + widths[0], widths[1], 0.0);
        self.sign_column(&mut left, &c.left, 0.0)?;
        self.sign_column(&mut right, &c.right, 0.0)?;
        self.keep = true;
        let u = layout_row(vec![left, right], &self.profile.page, 0.0);
        self.push_first(u);
        self.end_table();
        Ok(())
    }

    /// A picture at 96 dpi, scaled down to the text width and the page's height, centred, in a paragraph of
    /// automatic line height (the picture on the baseline, the body font's descent below)
    /// that keeps with its caption.
    fn image(&mut self, img: &Image) -> Result<(), LayoutError> {
        if !img.data.is_empty() {
            use vanban_model::picture;
            let natural = picture::natural_size(&img.data).ok_or_else(|| LayoutError::Image {
                path: img.path.clone(),
            })?;
            picture::check(&img.data).map_err(|reason| LayoutError::Picture {
                path: img.path.clone(),
                reason,
            })?;
            let body = self.profile.paragraph(vanban_model::ParaStyle::Body);
            let descent = self.fonts.face(Variant::Regular).descent(body.size);
            // Within the text width and, with its line's descent, a page's height.
            let room = vanban_model::geometry::body_height_pt(&self.profile.page) - descent;
            let (width, height) = picture::display_size(natural, self.geo.text_width, room);
            self.push_first(Unit {
                height: height + descent,
                items: vec![Item::Image(Picture {
                    block: self.block,
                    x: self.geo.left + (self.geo.text_width - width) / 2.0,
                    y: 0.0,
                    width,
                    height,
                })],
                ..Unit::default()
            });
            self.keep = true;
            self.after_table = false;
        }
        if !img.caption.is_empty() {
            let style = self.profile.paragraph(vanban_model::ParaStyle::Caption);
            self.para(&img.caption, style)?;
        } else {
            self.keep = false;
        }
        Ok(())
    }
}

/// A borderless row (header, grid, closing) as a unit: whole, or cut into lines when it is
/// taller than a page under `above` points of repeated rows (the rule both writers
/// share, [`keeps_whole`]).
fn layout_row(cells: Vec<Cell>, page: &vanban_model::profile::Page, above: f32) -> Unit {
    let rows = Rows {
        cells: cells.into_iter().map(Cell::into_rows_cell).collect(),
        border: 0.0,
        bottom: false,
        edges: Vec::new(),
        centre: false,
    };
    let whole = rows.clone().unit(false);
    if keeps_whole(whole.height, above, page) {
        whole
    } else {
        rows.unit(true)
    }
}

/// The widest of `lines`.
fn longest(lines: &[Line]) -> f32 {
    lines.iter().map(|l| l.width).fold(0.0, f32::max)
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

/// `total` points shared in proportion to `weights`, in the twips the DOCX grid uses
/// ([`vanban_model::geometry`]).
fn proportional(weights: &[u32], total: f32) -> Vec<f32> {
    vanban_model::geometry::proportional(weights, (total * 20.0).round() as i32)
        .into_iter()
        .map(|t| t as f32 / 20.0)
        .collect()
}

/// The text width split into a left column of `percent` and the rest, as the DOCX grid.
fn split(total: f32, percent: f32) -> [f32; 2] {
    vanban_model::geometry::split((total * 20.0).round() as i32, percent).map(|t| t as f32 / 20.0)
}

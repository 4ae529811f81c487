//! Page layout: where every piece of text, rule and picture goes, in PDF points, computed
//! once here so the PDF writer only draws. The rules copy what Word does with the DOCX
//! writer's output, so that both files show the same lines on the same pages:
//!
//! - Every line takes exactly its style's `line_pt` ("exactly" line spacing). The baseline
//!   sits at [`BASELINE_RATIO`] × `line_pt` below the top of the line, as LibreOffice
//!   places it for fixed line heights (measured on the DOCX writer's output).
//! - Lines break first-fit at spaces and after hyphens inside words; see `breaker`.
//! - The vertical structure is the DOCX writer's: rules are one-twip paragraphs whose top
//!   border is the rule, spacers are empty exact-height paragraphs, a ruled table's rows
//!   each take their top border's width.
//! - Between two paragraphs the larger of the first's space after and the second's
//!   space before separates them (LibreOffice lays the DOCX out so: 6 pt after and 6 pt
//!   before give 6 pt, not 12). Space before is dropped at the top of a page that a
//!   natural page break began, and kept on page 1 and after `@pagebreak`.
//! - Widow/orphan control: a page break inside a paragraph leaves at least two lines on
//!   each side, otherwise it moves earlier (or before the paragraph).
//! - A paragraph with `keep_next` has no page break between it and the next block; the
//!   closing pair behaves as if the body before it had `keep_next`. Table and grid rows,
//!   the page-1 header and the closing pair never split; table header rows repeat.
//! - A line fits when its bottom is at or above the bottom margin; space after may run
//!   into the margin.
//! - Lengths Word stores in twips (page size, margins, indents, column widths) come
//!   from the lowering in twips, so both writers work from the same numbers.

use std::fmt;

use vanban_font::{Fonts, Variant};
use vanban_layout::{Lowered, PageBox, Problem, pt};
use vanban_model::{Document, Profile};

use crate::blocks::{Flow, Unit, build_flow};
use vanban_layout::geometry::FIT_EPSILON_PT as FIT_EPSILON;

/// Baseline position inside an exact-height line, as a share of the line height from its
/// top (LibreOffice: 4/5 of a fixed line is above the baseline).
pub const BASELINE_RATIO: f32 = 0.8;

/// [`Text::block`] of a page number, which belongs to no block.
pub const NO_BLOCK: usize = usize::MAX;

/// A laid-out document: page size and the pages, in PDF points.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub items: Vec<Item>,
    /// The page number at the top (from page 2 on).
    pub number: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(Text),
    Rule(Rule),
    Image(Picture),
    /// Where a signature goes; draws nothing (see `crate::slots`).
    Slot(crate::slots::Slot),
}

/// A piece of a line in one font, drawn at one position. Coordinates are PDF user space:
/// origin at the bottom-left corner, y up.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub variant: Variant,
    pub size: f32,
    /// Left end of the text.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Advance width, justification stretch included.
    pub width: f32,
    /// Extra advance after each space (justification); the writer must honour it.
    pub word_spacing: f32,
    /// Index in `Document::blocks` of the block the text belongs to ([`NO_BLOCK`] for page
    /// numbers).
    pub block: usize,
}

/// A solid line (header rules, underlines, table borders).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub thickness: f32,
}

/// A picture: the image of `Document::blocks[block]`, bottom-left corner at (x, y).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Picture {
    pub block: usize,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutError {
    /// The font has no glyph for a character of the text.
    MissingGlyph { ch: char, text: String },
    /// An image whose size cannot be read.
    Image { path: String },
    /// An image refused for a reason (too many pixels), in Vietnamese.
    Picture { path: String, reason: String },
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LayoutError::MissingGlyph { ch, text } => write!(
                f,
                "phông chữ không có ký tự U+{:04X} «{ch}» trong đoạn «{text}»",
                *ch as u32
            ),
            LayoutError::Image { path } => {
                write!(f, "không đọc được ảnh «{path}»: chỉ nhận tệp PNG hoặc JPEG")
            }
            LayoutError::Picture { path, reason } => write!(f, "ảnh «{path}»: {reason}"),
        }
    }
}

impl std::error::Error for LayoutError {}

/// Page geometry in points, top-down (y from the top edge).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub top: f32,
    pub bottom: f32,
    pub text_width: f32,
}

impl Geometry {
    /// The lowered page in points.
    fn of(p: &PageBox) -> Geometry {
        Geometry {
            width: pt(p.width),
            height: pt(p.height),
            left: pt(p.left),
            top: pt(p.top),
            bottom: pt(p.height - p.bottom),
            text_width: pt(p.text_width()),
        }
    }
}

/// Lays `doc` out on pages: lowers it (`vanban_layout::lower`, the DOCX writer's
/// lowering too), then paginates ([`layout_lowered`]).
pub fn layout(doc: &Document, profile: &Profile, fonts: &Fonts) -> Result<Layout, LayoutError> {
    layout_lowered(&vanban_layout::lower(doc, profile, fonts), fonts)
}

/// Paginates a lowered document; `fonts` must be the ones it was lowered with.
pub fn layout_lowered(lowered: &Lowered, fonts: &Fonts) -> Result<Layout, LayoutError> {
    if let Some(p) = lowered.problems.first() {
        return Err(match p.clone() {
            Problem::MissingGlyph { ch, text } => LayoutError::MissingGlyph { ch, text },
            Problem::Image { path } => LayoutError::Image { path },
            Problem::Picture { path, reason } => LayoutError::Picture { path, reason },
        });
    }
    let geo = Geometry::of(&lowered.page);
    let flow = build_flow(lowered, fonts, geo);
    let laid = paginate(&flow, geo);
    let mut pages = Vec::with_capacity(laid.len());
    // Numbers count from each section's first page, which shows none (Word's "different
    // first page" holds in every section; appendices are numbered on their own).
    let mut n = 0;
    for (items, section_start) in laid {
        n = if section_start { 1 } else { n + 1 };
        let number = if n > 1 {
            Some(page_number(n, lowered, fonts, geo))
        } else {
            None
        };
        pages.push(Page { items, number });
    }
    Ok(Layout {
        width: geo.width,
        height: geo.height,
        pages,
    })
}

/// The page number, on a line whose top is the header distance below the top edge,
/// aligned over the text width as lowered.
fn page_number(n: usize, lowered: &Lowered, fonts: &Fonts, geo: Geometry) -> Text {
    let line = lowered.page_number_line(n, fonts);
    let piece = &line.pieces[0];
    let top = pt(lowered.page.header);
    Text {
        text: piece.text.clone(),
        variant: piece.variant,
        size: piece.size,
        x: geo.left + piece.x,
        y: geo.height - (top + BASELINE_RATIO * lowered.page_number.format.line_pt()),
        width: piece.width,
        word_spacing: 0.0,
        block: NO_BLOCK,
    }
}

/// One unit placed on the current page, its items already in page coordinates.
struct Placed {
    unit: usize,
    items: Vec<Item>,
}

/// Distributes the flow's units over pages: first fit, and when a unit does not fit, the
/// page breaks before the latest unit on the page that allows a break there.
/// Each page comes with whether it starts a section.
fn paginate(flow: &Flow, geo: Geometry) -> Vec<(Vec<Item>, bool)> {
    let units = &flow.units;
    let mut pages: Vec<(Vec<Item>, bool)> = Vec::new();
    // Whether the page being filled starts a section (page 1 does).
    let mut starts = true;
    let mut page: Vec<Placed> = Vec::new();
    let mut y = geo.top;
    // Whether the current page began at a natural break (its first space before is
    // dropped, a table's header rows repeat).
    let mut soft = false;
    let mut i = 0;
    // What is left of a row split at the bottom of the last page: it stands for unit i.
    let mut carry: Option<Unit> = None;
    while i < units.len() {
        let owned;
        let u = match carry.take() {
            Some(c) => {
                owned = c;
                &owned
            }
            None => &units[i],
        };
        let new_section = i > 0 && units[i - 1].section_end;
        if (u.hard_break || new_section) && !page.is_empty() {
            pages.push((
                finish(&mut page),
                std::mem::replace(&mut starts, new_section),
            ));
            y = geo.top;
            soft = false;
        }
        let at_top = page.is_empty();
        let gap = match (at_top, soft) {
            (true, true) => 0.0,
            (true, false) => u.space_before,
            (false, _) => units[i - 1].space_after.max(u.space_before),
        };
        let repeat: &[Unit] = match u.header {
            Some(h) if at_top && soft => &flow.headers[h],
            _ => &[],
        };
        let head: f32 = repeat.iter().map(|r| r.height).sum();
        let fits = y + gap + head + u.height <= geo.bottom + FIT_EPSILON;
        // A row taller than a page splits where the page ends, from wherever it starts
        // (vanban_layout::lower decided which rows stay whole).
        let cut = match &u.rows {
            Some(rows) if !fits => rows.cut(geo.bottom - (y + gap + head), at_top),
            _ => None,
        };
        if let Some((first, rest)) = cut {
            let part = first.unit(true);
            let mut items = Vec::new();
            let mut top = y + gap;
            for r in repeat.iter().chain(std::iter::once(&part)) {
                items.extend(r.items.iter().map(|it| to_page(it, top, geo.height)));
                top += r.height;
            }
            page.push(Placed { unit: i, items });
            pages.push((finish(&mut page), std::mem::replace(&mut starts, false)));
            y = geo.top;
            soft = true;
            carry = Some(Unit {
                header: u.header,
                ..rest.unit(true)
            });
            continue;
        }
        if at_top || fits {
            let mut items = Vec::new();
            let mut top = y + gap;
            for r in repeat.iter().chain(std::iter::once(u)) {
                items.extend(r.items.iter().map(|it| to_page(it, top, geo.height)));
                top += r.height;
            }
            y = top;
            page.push(Placed { unit: i, items });
            i += 1;
            continue;
        }
        // Break before the latest unit on this page that allows it; if the whole page is
        // one unbreakable chain, break here all the same.
        let first = page[0].unit;
        let k = (first + 1..=i)
            .rev()
            .find(|&k| units[k].breakable)
            .unwrap_or(i);
        page.retain(|p| p.unit < k);
        pages.push((finish(&mut page), std::mem::replace(&mut starts, false)));
        y = geo.top;
        soft = true;
        i = k;
    }
    if !page.is_empty() || pages.is_empty() {
        pages.push((finish(&mut page), starts));
    }
    pages
}

fn finish(page: &mut Vec<Placed>) -> Vec<Item> {
    page.drain(..).flat_map(|p| p.items).collect()
}

/// A unit's item (y measured down from the unit's top) in page coordinates.
fn to_page(item: &Item, top: f32, page_height: f32) -> Item {
    let y = |v: f32| page_height - (top + v);
    match item {
        Item::Text(t) => Item::Text(Text {
            y: y(t.y),
            ..t.clone()
        }),
        Item::Rule(r) => Item::Rule(Rule {
            y1: y(r.y1),
            y2: y(r.y2),
            ..*r
        }),
        Item::Image(p) => Item::Image(Picture {
            y: y(p.y + p.height),
            ..*p
        }),
        // A place inside the page even where a row taller than a page was cut above its
        // name; a seal stays square, kept at its right edge over the signature.
        Item::Slot(s) => {
            let bottom = y(s.y + s.height).max(0.0);
            let height = (y(s.y).min(page_height) - bottom).max(0.0);
            let mut slot = crate::slots::Slot {
                y: bottom,
                height,
                ..s.clone()
            };
            if s.name.starts_with(crate::slots::AGENCY_PREFIX) && height < s.width {
                slot.x += s.width - height;
                slot.width = height;
            }
            Item::Slot(slot)
        }
    }
}

//! The lowering stage between the document model and the writers.
//!
//! [`lower`] resolves everything Word would otherwise decide — each paragraph's
//! properties in twips, the spacer and rule paragraphs, the header, closing and grid
//! tables with their grids, the line breaks, the keep flags — into [`Lowered`], a plain
//! public structure. The DOCX writer serialises it into Word constructs (explicit
//! `w:br` where [`Inline::Break`] stands); the PDF typesetter paginates its lines and
//! draws them. Each rule of the profile, and each Vietnamese typographic rule
//! ([`typography`]), is applied once, here, and both outputs follow.
//!
//! Dependencies run one way: model and font know nothing of this crate, and the writers
//! know nothing of each other.

pub mod geometry;
mod lower;
mod text;
pub mod typography;

pub use lower::{lower, place_date_fits};
pub use vanban_font::breaker::{Align, Line, Piece};

/// A document lowered for the writers.
#[derive(Debug, Clone, PartialEq)]
pub struct Lowered {
    pub page: PageBox,
    pub page_number: PageNumber,
    /// The body text size, the document's default run size.
    pub default_size: f32,
    pub nodes: Vec<Node>,
    /// What a writer may refuse (a glyph the font lacks, an unreadable picture), in
    /// document order. Lowering never stops on them; each writer decides.
    pub problems: Vec<Problem>,
}

/// Paper and margins in twips, as Word stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageBox {
    pub width: i32,
    pub height: i32,
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
    /// From the top edge to the page-number line (Word's header distance).
    pub header: i32,
}

impl PageBox {
    pub fn text_width(&self) -> i32 {
        self.width - self.left - self.right
    }

    /// What an empty page offers the body, in points.
    pub fn body_height_pt(&self) -> f32 {
        (self.height - self.top - self.bottom) as f32 / 20.0
    }
}

/// The page number: centred at the top from a section's second page on.
#[derive(Debug, Clone, PartialEq)]
pub struct PageNumber {
    pub format: Format,
    pub run: RunFormat,
}

/// Character properties of a run.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RunFormat {
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
}

/// Paragraph properties, resolved. Lengths in twips.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Format {
    pub align: Align,
    /// Exact line height; `None`: automatic (a picture's paragraph).
    pub line: Option<i32>,
    pub before: i32,
    pub after: i32,
    pub left: i32,
    pub right: i32,
    /// First-line indent; negative for a hanging indent.
    pub first: i32,
    /// A left tab stop.
    pub tab: Option<i32>,
    pub keep_next: bool,
    /// The paragraph mark's character properties (what text typed into an empty line
    /// gets); `None` for spacers and rules, which hold no text.
    pub mark: Option<RunFormat>,
}

impl Format {
    /// The exact line height in points (a twip for an automatic one, never asked).
    pub fn line_pt(&self) -> f32 {
        self.line.unwrap_or(1) as f32 / 20.0
    }
}

/// A piece of a paragraph's content as Word holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String, RunFormat),
    Tab(RunFormat),
    /// An explicit line break (`w:br`), where the lowering broke a line on purpose.
    Break(RunFormat),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// No text: a spacer, exactly its line high.
    Empty,
    /// Text, as runs for Word and as the lines both writers show (pieces positioned
    /// from the left edge of the paragraph's column, indents included).
    Text {
        inlines: Vec<Inline>,
        lines: Vec<Line>,
    },
    /// A solid rule: the top border of a one-twip paragraph, its length set by the
    /// left and right indents.
    Rule {
        thickness: f32,
    },
    Picture(Picture),
}

/// A picture of the block [`Para::block`] (its bytes stay in the model).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Picture {
    /// Size on the page, in points.
    pub width: f32,
    pub height: f32,
    /// Size in pixels.
    pub pixels: (u32, u32),
    /// Room under it on its automatic line (0: LibreOffice makes the line exactly as
    /// high as the picture).
    pub descent: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// Index in `Document::blocks` of the block it comes from.
    pub block: usize,
    pub format: Format,
    pub content: Content,
    /// On a signature column's name line: the signature place in the room above it
    /// (Nghị định 30, Phụ lục I). Nothing is printed; the PDF writer puts empty signature
    /// fields there, the DOCX writer ignores it.
    pub sign: Option<SignPlace>,
}

/// Who signs in the room above a name line: the signer's field `ky.<id>`, and the
/// agency's field `dau.<seal>` when `seal` is not empty (markup `id:`/`seal:`), with the
/// profile's geometry of the two fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SignPlace {
    pub id: String,
    pub seal: String,
    /// Share of the signer's field the seal's covers, on its left (`sign.seal_overlap`).
    pub seal_overlap: f32,
    /// The signer's field at most this many times as wide as high
    /// (`sign.signature_max_aspect`).
    pub max_aspect: f32,
    /// The seal's real size in points (`sign.seal_size_mm`): the agency field's side
    /// where the cell has room for it.
    pub seal_side: f32,
    /// The room for a signature in points (`sign.signature_space_pt`): a grid row's
    /// alignment may make the room above a name taller, not the signature.
    pub room: f32,
}

impl Para {
    /// Height on the page without spacing, in points.
    pub fn height(&self) -> f32 {
        let line = self.format.line_pt();
        match &self.content {
            Content::Empty => line,
            Content::Text { lines, .. } => lines.len().max(1) as f32 * line,
            Content::Rule { thickness } => thickness + line,
            Content::Picture(p) => p.height + p.descent,
        }
    }

    /// The number of lines it shows (a rule or spacer counts as none).
    pub fn text_lines(&self) -> usize {
        match &self.content {
            Content::Text { lines, .. } => lines.len(),
            _ => 0,
        }
    }
}

/// A table: the page-1 header, the closing pair, the signature grid or a ruled table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub block: usize,
    /// Column widths in twips (the grid), summing to the table's width.
    pub widths: Vec<i32>,
    /// Left and right padding inside each cell, in twips.
    pub padding: i32,
    /// Single borders of this width in points, or none.
    pub border: Option<f32>,
    /// Cells centred vertically in their row.
    pub centre: bool,
    /// Leading rows repeated on every page.
    pub header_rows: usize,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Each cell's paragraphs; a padding cell has none.
    pub cells: Vec<Vec<Para>>,
    /// Stays whole on a page (`cantSplit`): it fits on an empty one.
    pub whole: bool,
    /// No page break between this row and what follows.
    pub keep_next: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Para(Para),
    Table(Table),
    /// A page break: its (nearly empty, one-twip) paragraph starts the next page.
    PageBreak,
    /// The end of a section: an appendix starts on the next page, numbered anew.
    SectionEnd,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The font has no glyph for `ch` in `text`.
    MissingGlyph { ch: char, text: String },
    /// A picture whose size cannot be read.
    Image { path: String },
    /// A picture refused (too many pixels), the reason in Vietnamese.
    Picture { path: String, reason: String },
}

/// Points to twips.
pub fn twips(pt: f32) -> i32 {
    vanban_model::profile::pt_to_twip(pt)
}

/// Twips to points.
pub fn pt(twips: i32) -> f32 {
    twips as f32 / 20.0
}

/// A cell's height as both writers stack it: paragraphs one under the other, the
/// larger of two neighbours' spaces between them, the last one's space after included.
pub fn stack_height(paras: &[Para]) -> f32 {
    let mut y = 0.0;
    let mut after = 0.0f32;
    for p in paras {
        y += after.max(pt(p.format.before)) + p.height();
        after = pt(p.format.after);
    }
    y + after
}

//! The document model: what a document says and how its parts are related, with no
//! measurements. The format profile decides sizes and spacing; the writers decide bytes.

/// One rendered document (a pledge, a minutes…), as both writers consume it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
}

/// Document properties: the DOCX core properties and the PDF info dictionary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub title: String,
    /// The issuing body.
    pub author: String,
    pub subject: String,
    /// ISO date (`2024-02-06`) the files carry as their creation date, so that output
    /// depends on the record only, never on the clock.
    pub date: String,
    pub keywords: String,
    /// Proper names (places, members) that header and signature lines never break
    /// inside, as the record spells them; matched without regard to case.
    pub names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The page-1 header: issuing body on the left, national or Party title on the right.
    Header(Header),
    /// Document type ("TỜ TRÌNH") and its summary lines.
    Title(Title),
    /// "Kính gửi:" and its addressees.
    Addressees(Addressees),
    Heading(Heading),
    Paragraph(Paragraph),
    List(List),
    Table(Table),
    /// The pair of columns that ends a document: recipients or a signature on each side.
    Closing(Closing),
    /// The signature grid of a pledge: one cell per signing agency.
    Grid(Grid),
    Image(Image),
    PageBreak,
    /// Starts an appendix (phụ lục): a new page whose page numbers start again, with no
    /// number on its first page, as Nghị định 30 wants appendix pages numbered on their own.
    AnnexBreak,
}

impl Block {
    /// Whether this block, standing right before a closing, goes to the next page with it
    /// rather than leave the signatures alone on a page. Both writers apply this one rule
    /// (a closing after a closing may stand on the next page by itself).
    pub fn keeps_with_closing(&self) -> bool {
        matches!(
            self,
            Block::Paragraph(_)
                | Block::Heading(_)
                | Block::List(_)
                | Block::Table(_)
                | Block::Grid(_)
        )
    }
}

/// A stretch of text with one set of character properties.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

/// The text of runs joined, for tests, metadata and plain-text outputs.
pub fn plain_text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Header {
    /// Parent bodies (cơ quan chủ quản), top down, e.g. ["TỈNH ỦY KON TUM"]; may be empty.
    pub parents: Vec<String>,
    /// Issuing body, e.g. "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH".
    pub issuer: String,
    /// The number line ("Số 05-TTr/BNCTU"); `None` when the document has none.
    pub number: Option<String>,
    /// The công văn summary under the number ("V/v …").
    pub brief: Option<String>,
    /// "Kon Tum, ngày 06 tháng 02 năm 2024".
    pub place_date: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Title {
    /// "BẢN GIAO ƯỚC THI ĐUA".
    pub kind: String,
    /// Lines under the type: "về việc …", "năm 2024".
    pub summary: Vec<Vec<Run>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Addressees {
    /// "Kính gửi:" or "Kính trình:".
    pub label: String,
    pub lines: Vec<Vec<Run>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Heading {
    /// 1: "I. NỘI DUNG" (caps bold); 2: "1. Tiêu đề" (bold); 3: "a) …" (upright).
    pub level: u8,
    pub runs: Vec<Run>,
}

/// Named paragraph styles; the profile gives each its size, alignment and spacing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum ParaStyle {
    #[default]
    Body,
    /// A body paragraph without first-line indent.
    Plain,
    /// Centred line, e.g. "ĐẠI DIỆN CÁC CƠ QUAN KÝ GIAO ƯỚC".
    Center,
    /// The news item's site name at the top.
    Site,
    /// The news item's title (sentence case, bold).
    NewsTitle,
    /// A photo caption (italic, centred).
    Caption,
    /// The news item's byline (bold, right-aligned).
    Byline,
    /// An annex title ("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG").
    AnnexTitle,
}

impl ParaStyle {
    pub const ALL: [ParaStyle; 8] = [
        ParaStyle::Body,
        ParaStyle::Plain,
        ParaStyle::Center,
        ParaStyle::Site,
        ParaStyle::NewsTitle,
        ParaStyle::Caption,
        ParaStyle::Byline,
        ParaStyle::AnnexTitle,
    ];

    /// The name used in the markup and in profile files.
    pub fn name(self) -> &'static str {
        match self {
            ParaStyle::Body => "body",
            ParaStyle::Plain => "plain",
            ParaStyle::Center => "center",
            ParaStyle::Site => "site",
            ParaStyle::NewsTitle => "news-title",
            ParaStyle::Caption => "caption",
            ParaStyle::Byline => "byline",
            ParaStyle::AnnexTitle => "annex-title",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    pub style: ParaStyle,
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListMarker {
    /// "1.", "2.", …
    #[default]
    Number,
    /// "- "
    Dash,
    /// "a)", "b)", … in the Vietnamese order (a, b, c, d, đ, e …).
    Letter,
}

impl ListMarker {
    /// The marker of item `index` (0-based) with its trailing space — "1. ", "- ", "a) " —
    /// written as text at the start of the item by both writers, so that they lay out the
    /// same line. Letters follow the Vietnamese point order (a, b, c, d, đ, e …).
    pub fn label(self, index: usize) -> String {
        match self {
            ListMarker::Number => format!("{}. ", index + 1),
            ListMarker::Dash => "- ".to_string(),
            ListMarker::Letter => format!("{}) ", vanban_viet::alphabet_letter(index)),
        }
    }
}

/// A list whose markers the writers generate; items are body paragraphs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct List {
    pub marker: ListMarker,
    pub items: Vec<Vec<Run>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CellAlign {
    #[default]
    Left,
    Center,
    Right,
}

/// A ruled table (the annex list). Widths are relative weights of the text width.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub widths: Vec<u32>,
    pub align: Vec<CellAlign>,
    /// How many leading rows are header rows, repeated on every page.
    pub header_rows: usize,
    pub rows: Vec<Vec<Vec<Run>>>,
}

/// What a line of a closing column or grid cell is; the profile styles each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignLine {
    /// "Nơi nhận:".
    RecipientsLabel,
    /// "- Như trên;".
    Recipient,
    /// Caps bold authority and title: "T/M KHỐI THI ĐUA", "TRƯỞNG KHỐI".
    Role,
    /// Italic note such as "(Ký, ghi rõ họ tên)".
    Note,
    /// An agency's name in a grid cell (caps bold).
    Agency,
    /// The signer's name (bold), after the room for the hand signature. An empty name
    /// keeps its line so the name can be written by hand.
    Name,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Column {
    pub lines: Vec<(SignLine, String)>,
    /// Names the signer's signature field `ky.<id>` in the PDF (markup `id:`); empty: no
    /// field. In a grid cell it also names the agency's field `dau.<id>`.
    pub id: String,
    /// Names the agency's signature field `dau.<seal>` (markup `seal:`); empty: none.
    pub seal: String,
}

/// The closing pair: left and right columns, never split across pages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Closing {
    pub left: Column,
    pub right: Column,
}

/// The signature grid of N agencies, `columns` cells a row; rows never split.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    pub columns: usize,
    pub cells: Vec<Column>,
}

/// A picture (the news item's photo). `path` is resolved by the caller; `data` holds the
/// bytes once loaded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Image {
    pub path: String,
    pub data: Vec<u8>,
    pub caption: Vec<Run>,
}

impl Document {
    /// Applies `f` to every piece of text in the document (for document-wide transforms such
    /// as the tone-mark style), metadata included.
    pub fn map_text(&mut self, f: &dyn Fn(&str) -> String) {
        let runs = |rs: &mut Vec<Run>| rs.iter_mut().for_each(|r| r.text = f(&r.text));
        let col = |c: &mut Column| c.lines.iter_mut().for_each(|(_, t)| *t = f(t));
        for s in [
            &mut self.meta.title,
            &mut self.meta.author,
            &mut self.meta.subject,
            &mut self.meta.keywords,
        ] {
            *s = f(s);
        }
        for s in self.meta.names.iter_mut() {
            *s = f(s);
        }
        for b in &mut self.blocks {
            match b {
                Block::Header(h) => {
                    for s in h.parents.iter_mut() {
                        *s = f(s);
                    }
                    for s in [&mut h.issuer, &mut h.place_date] {
                        *s = f(s);
                    }
                    for s in [&mut h.number, &mut h.brief].into_iter().flatten() {
                        *s = f(s);
                    }
                }
                Block::Title(t) => {
                    t.kind = f(&t.kind);
                    t.summary.iter_mut().for_each(runs);
                }
                Block::Addressees(a) => {
                    a.label = f(&a.label);
                    a.lines.iter_mut().for_each(runs);
                }
                Block::Heading(h) => runs(&mut h.runs),
                Block::Paragraph(p) => runs(&mut p.runs),
                Block::List(l) => l.items.iter_mut().for_each(runs),
                Block::Table(t) => t.rows.iter_mut().flat_map(|r| r.iter_mut()).for_each(runs),
                Block::Closing(c) => {
                    col(&mut c.left);
                    col(&mut c.right);
                }
                Block::Grid(g) => g.cells.iter_mut().for_each(col),
                Block::Image(i) => runs(&mut i.caption),
                Block::PageBreak | Block::AnnexBreak => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_labels() {
        assert_eq!(ListMarker::Number.label(9), "10. ");
        assert_eq!(ListMarker::Dash.label(3), "- ");
        let letters: Vec<String> = (0..7).map(|i| ListMarker::Letter.label(i)).collect();
        assert_eq!(letters, ["a) ", "b) ", "c) ", "d) ", "đ) ", "e) ", "g) "]);
        assert_eq!(ListMarker::Letter.label(22), "y) ");
        assert_eq!(ListMarker::Letter.label(23), "aa) ");
    }
}

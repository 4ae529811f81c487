//! vanban's DOCX writer: a [`Document`] and a format [`Profile`] in, the bytes of a
//! schema-valid, deterministic .docx out.
//!
//! The document is lowered first (`vanban_layout::lower`: every style, spacer, rule,
//! table grid, line break and keep flag decided there, for the PDF too); docx-rs then
//! builds the body from it (modules `blocks`, `tables`, `page`); its package is
//! then rewritten (`package`): every XML part goes through `normalize` (schema order, a
//! few injected properties docx-rs cannot express), the core properties are replaced
//! (`props`), unrelated parts are dropped, and the zip is written with fixed timestamps
//! and a fixed part order, so the same document always gives the same bytes.
//!
//! Every size, margin and spacing comes from the lowering; the writer only converts units.

use std::fmt;

use vanban_font::Fonts;
use vanban_layout::Lowered;
use vanban_model::{Document, Profile};

mod blocks;
mod normalize;
mod package;
mod page;
mod props;
mod style;
mod tables;

/// Why a document could not be written. The messages are Vietnamese, for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// `meta.date` is neither empty nor an ISO date.
    Date(String),
    /// A picture is neither PNG nor JPEG, or its header is broken; holds its path.
    Image(String),
    /// docx-rs could not write its package.
    Pack(String),
    /// A part of the package could not be read back while normalising it (a bug here).
    Part { part: String, message: String },
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::Date(d) => write!(
                f,
                "ngày của văn bản «{d}» không đúng dạng NNNN-TT-NN (ví dụ 2024-02-06)"
            ),
            DocxError::Image(p) => write!(
                f,
                "ảnh «{p}» không phải tệp PNG hay JPEG, hoặc tệp ảnh bị hỏng"
            ),
            DocxError::Pack(e) => write!(f, "không ghi được tệp DOCX: {e}"),
            DocxError::Part { part, message } => write!(
                f,
                "lỗi nội bộ khi chuẩn hóa phần «{part}» của tệp DOCX: {message}"
            ),
        }
    }
}

impl std::error::Error for DocxError {}

/// Writes `doc` as a .docx formatted by `profile`, lowered with `fonts` (the same
/// lowering the PDF typesetter draws). The same input always gives the same bytes.
///
/// Lowers and calls [`write_lowered`]; a caller writing the PDF of the same document
/// too lowers once and gives both writers the result.
pub fn write(doc: &Document, profile: &Profile, fonts: &Fonts) -> Result<Vec<u8>, DocxError> {
    write_lowered(doc, &vanban_layout::lower(doc, profile, fonts), profile)
}

/// Writes `doc` as a .docx from its lowering, `lowered`, which must be
/// `vanban_layout::lower(doc, profile, _)` of the same `doc` and `profile`.
pub fn write_lowered(
    doc: &Document,
    lowered: &Lowered,
    profile: &Profile,
) -> Result<Vec<u8>, DocxError> {
    let core = props::core_xml(&doc.meta, &profile.lang)?;
    let body = blocks::body(doc, lowered)?;
    let docx = page::setup(body.docx, lowered, &profile.font_family);
    let mut raw = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut raw)
        .map_err(|e| DocxError::Pack(e.to_string()))?;
    let fixes = normalize::Fixes {
        header_rows: body.header_rows,
        section_ends: body.section_ends,
        lang: profile.lang.clone(),
    };
    package::rewrite(&raw.into_inner(), &fixes, &core)
}

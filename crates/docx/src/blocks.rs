//! The body: each lowered node as docx-rs paragraphs and tables, in order.

use docx_rs::{BreakType, Docx, Paragraph, Pic, Run};
use vanban_layout::{Content, Format, Lowered, Node, Problem};
use vanban_model::{Block, Document};

use crate::DocxError;
use crate::style::{filled, paragraph};
use crate::tables::table;

/// The body as docx-rs holds it, and the header-row count of each table in document
/// order, which [`crate::normalize`] marks (docx-rs has no `w:tblHeader`).
pub(crate) struct Body {
    /// Body children (paragraphs and tables, in order) that end a section: an appendix
    /// starts after each, with its own page numbers.
    pub section_ends: Vec<usize>,
    pub docx: Docx,
    pub header_rows: Vec<usize>,
}

/// A one-twip paragraph with no spacing, which takes (almost) no room.
fn empty() -> Paragraph {
    paragraph(&Format {
        line: Some(1),
        ..Format::default()
    })
}

pub(crate) fn body(doc: &Document, lowered: &Lowered) -> Result<Body, DocxError> {
    if let Some(Problem::Image { path }) = lowered
        .problems
        .iter()
        .find(|p| matches!(p, Problem::Image { .. }))
    {
        return Err(DocxError::Image(path.clone()));
    }
    let mut docx = Docx::new();
    let mut header_rows = Vec::new();
    let mut section_ends = Vec::new();
    let mut images = 0;
    for (child, node) in lowered.nodes.iter().enumerate() {
        docx = match node {
            Node::Para(p) => match (&p.content, doc.blocks.get(p.block)) {
                (Content::Picture(pic), Some(Block::Image(img))) => {
                    images += 1;
                    // Points to EMU (12,700 a point).
                    let emu = |pt: f32| (pt as f64 * 12_700.0).round() as u32;
                    let run =
                        Pic::new_with_dimensions(img.data.clone(), pic.pixels.0, pic.pixels.1)
                            .size(emu(pic.width), emu(pic.height))
                            .id(format!("rIdImage{images}"));
                    docx.add_paragraph(paragraph(&p.format).add_run(Run::new().add_image(run)))
                }
                _ => docx.add_paragraph(filled(&p.format, &p.content)),
            },
            Node::Table(t) => {
                header_rows.push(t.header_rows);
                docx.add_table(table(t))
            }
            // The break's own paragraph mark, which Word carries to the next page, takes
            // no room there.
            Node::PageBreak => {
                docx.add_paragraph(empty().add_run(Run::new().add_break(BreakType::Page)))
            }
            // A paragraph that will carry the first section's properties (the package pass
            // copies them in): the section break itself starts the next page.
            Node::SectionEnd => {
                section_ends.push(child);
                docx.add_paragraph(empty())
            }
        };
    }
    Ok(Body {
        section_ends,
        docx,
        header_rows,
    })
}

//! The page: its size and margins, the document-wide defaults (font in every slot, body
//! size), and the page number centred at the top from page 2 on — all as lowered.

use docx_rs::{Docx, FieldCharType, Header, InstrPAGE, InstrText, PageMargin, Run, RunFonts};
use vanban_layout::Lowered;

use crate::style::{half_points, paragraph, run_property};

pub(crate) fn setup(docx: Docx, lowered: &Lowered, font: &str) -> Docx {
    let p = &lowered.page;
    let number = &lowered.page_number;
    let mut field = Run::new()
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    field.run_property = run_property(&number.run);
    let numbered = Header::new().add_paragraph(paragraph(&number.format).add_run(field));
    // Page 1 carries the document's own header block, not a number.
    let first = Header::new().add_paragraph(paragraph(&number.format));
    docx.header(numbered)
        .first_header(first)
        .page_size(p.width as u32, p.height as u32)
        .page_margin(PageMargin {
            top: p.top,
            left: p.left,
            bottom: p.bottom,
            right: p.right,
            header: p.header,
            // No footer is written; its distance mirrors the header's.
            footer: p.header,
            gutter: 0,
        })
        .default_fonts(
            RunFonts::new()
                .ascii(font)
                .hi_ansi(font)
                .east_asia(font)
                .cs(font),
        )
        .default_size(half_points(lowered.default_size))
}

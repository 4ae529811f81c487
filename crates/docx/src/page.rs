//! The page: A4 and the profile's margins, the document-wide defaults (font in every
//! slot, body size), and the page number centred at the top from page 2 on.

use docx_rs::{Docx, FieldCharType, Header, InstrPAGE, InstrText, PageMargin, Run, RunFonts};
use vanban_model::ParaStyle;
use vanban_model::profile::Profile;

use crate::style::{half_points, mm_twip, paragraph, run_property};

/// Width between the margins in twips, as Word computes it from the section's twips.
pub(crate) fn text_width(profile: &Profile) -> i32 {
    vanban_model::geometry::text_width_twips(&profile.page)
}

pub(crate) fn setup(docx: Docx, profile: &Profile) -> Docx {
    let p = &profile.page;
    let number = &profile.page_number;
    let mut field = Run::new()
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    field.run_property = run_property(number, false, false, false);
    let numbered = Header::new().add_paragraph(paragraph(number).add_run(field));
    // Page 1 carries the document's own header block, not a number.
    let first = Header::new().add_paragraph(paragraph(number));
    let font = &profile.font_family;
    let top = mm_twip(p.number_top_mm);
    docx.header(numbered)
        .first_header(first)
        .page_size(mm_twip(p.width_mm) as u32, mm_twip(p.height_mm) as u32)
        .page_margin(PageMargin {
            top: mm_twip(p.margin_top_mm),
            left: mm_twip(p.margin_left_mm),
            bottom: mm_twip(p.margin_bottom_mm),
            right: mm_twip(p.margin_right_mm),
            header: top,
            // No footer is written; its distance mirrors the header's.
            footer: top,
            gutter: 0,
        })
        .default_fonts(
            RunFonts::new()
                .ascii(font)
                .hi_ansi(font)
                .east_asia(font)
                .cs(font),
        )
        .default_size(half_points(profile.paragraph(ParaStyle::Body).size))
}

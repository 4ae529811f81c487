//! The document body: each model block as docx-rs paragraphs and tables, in order.

use docx_rs::{AlignmentType, BreakType, Docx, Paragraph, Pic, Run, Tab, TabValueType, Table};
use vanban_font::Fonts;
use vanban_model::profile::{Profile, Style};
use vanban_model::{Addressees, Block, Document, Image, List, ParaStyle, Title};

use crate::DocxError;
use crate::measure::longest_line;
use crate::style::{
    mark, mm_twip, paragraph, run, run_property, runs, spacer, text_paragraph, twip_pt,
};
use crate::{header, page, tables};

/// What the body becomes: paragraphs and tables in order (boxed: docx-rs's are large).
pub(crate) enum Item {
    Para(Box<Paragraph>),
    /// A table and how many of its leading rows are header rows.
    Table(Box<Table>, usize),
}

/// The body as it is written, block after block.
#[derive(Default)]
pub(crate) struct Flow {
    items: Vec<Item>,
}

impl Flow {
    pub(crate) fn para(&mut self, p: Paragraph) {
        self.items.push(Item::Para(Box::new(p)));
    }

    pub(crate) fn table(&mut self, t: Table, header_rows: usize) {
        self.items.push(Item::Table(Box::new(t), header_rows));
    }

    /// Whether the last thing written is a table: Word merges two tables that touch, so
    /// the next table needs a paragraph between.
    pub(crate) fn after_table(&self) -> bool {
        matches!(self.items.last(), Some(Item::Table(..)))
    }
}

/// The body as docx-rs holds it, and the header-row count of each table in document
/// order, which [`crate::normalize`] marks (docx-rs has no `w:tblHeader`).
pub(crate) struct Body {
    /// Body children (paragraphs and tables, in order) that end a section: an appendix
    /// starts after each, with its own page numbers.
    pub section_ends: Vec<usize>,
    pub docx: Docx,
    pub header_rows: Vec<usize>,
}

pub(crate) fn body(doc: &Document, profile: &Profile, fonts: &Fonts) -> Result<Body, DocxError> {
    let mut flow = Flow::default();
    let mut images = 0;
    let mut section_ends = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        // The closing pair moves to the next page with the last body lines.
        let keep =
            matches!(doc.blocks.get(i + 1), Some(Block::Closing(_))) && block.keeps_with_closing();
        match block {
            Block::Header(h) => header::header(h, profile, fonts, &mut flow),
            Block::Title(t) => title(t, profile, fonts, &mut flow),
            Block::Addressees(a) => addressees(a, profile, fonts, &mut flow),
            Block::Heading(h) => {
                let style = profile.heading(h.level);
                flow.para(text_paragraph(style, &h.runs).keep_next(true));
            }
            Block::Paragraph(p) => {
                let style = profile.paragraph(p.style);
                flow.para(text_paragraph(style, &p.runs).keep_next(style.keep_next || keep));
            }
            Block::List(l) => list(l, profile, keep, &mut flow),
            Block::Table(t) => tables::ruled(t, profile, fonts, keep, &mut flow),
            Block::Closing(c) => tables::closing(c, profile, fonts, &mut flow),
            Block::Grid(g) => tables::grid(g, profile, fonts, keep, &mut flow),
            Block::Image(img) => {
                images += 1;
                picture(img, images, profile, fonts, &mut flow)?;
            }
            // The break's own paragraph mark, which Word carries to the next page, takes
            // no room there.
            Block::PageBreak => {
                flow.para(spacer(0.0).add_run(Run::new().add_break(BreakType::Page)))
            }
            // A paragraph that will carry the first section's properties (the package pass
            // copies them in): the section break itself starts the next page.
            Block::AnnexBreak => {
                section_ends.push(flow.items.len());
                flow.para(spacer(0.0));
            }
        }
    }
    // A body that ends with a table still ends with a paragraph, as Word wants; it takes
    // no room, so it cannot push an empty page.
    if flow.after_table() {
        flow.para(spacer(0.0));
    }
    let mut docx = Docx::new();
    let mut header_rows = Vec::new();
    for item in flow.items {
        docx = match item {
            Item::Para(p) => docx.add_paragraph(*p),
            Item::Table(t, n) => {
                header_rows.push(n);
                docx.add_table(*t)
            }
        };
    }
    Ok(Body {
        section_ends,
        docx,
        header_rows,
    })
}

/// The style with other spacing above and below.
fn spaced(style: &Style, before: f32, after: f32) -> Style {
    Style {
        space_before_pt: before,
        space_after_pt: after,
        ..style.clone()
    }
}

/// The document type, its summary lines and the mark under them, all kept with what
/// follows; the title's own space goes under the last of them.
fn title(t: &Title, profile: &Profile, fonts: &Fonts, flow: &mut Flow) {
    let tp = &profile.title;
    let width = twip_pt(page::text_width(profile));
    // The mark stands under the longest summary line, or under the type.
    let longest = if t.summary.is_empty() {
        let kind = [vanban_model::Run::plain(t.kind.clone())];
        longest_line(&kind, &tp.kind, width, fonts)
    } else {
        t.summary
            .iter()
            .map(|l| longest_line(l, &tp.summary, width, fonts))
            .fold(0.0, f32::max)
    };
    let marked = mark(tp.mark.kind(), longest, width, profile, tp.space_after_pt);
    let extra = if marked.is_some() {
        0.0
    } else {
        tp.space_after_pt
    };
    let last = |style: &Style, is_last: bool| {
        let after = style.space_after_pt + if is_last { extra } else { 0.0 };
        spaced(style, style.space_before_pt, after)
    };
    let kind = last(&tp.kind, t.summary.is_empty());
    let mut paras = vec![paragraph(&kind).add_run(run(&t.kind, &kind))];
    for (i, line) in t.summary.iter().enumerate() {
        let style = last(&tp.summary, i + 1 == t.summary.len());
        paras.push(text_paragraph(&style, line));
    }
    paras.extend(marked);
    for p in paras {
        flow.para(p.keep_next(true));
    }
}

/// "Kính gửi:" and the addressees: the first on the label's line, the others one a line
/// under it, all starting where the text after the label starts (a hanging indent as
/// wide as the label and a space, with a tab stop there).
fn addressees(a: &Addressees, profile: &Profile, fonts: &Fonts, flow: &mut Flow) {
    let st = &profile.addressees;
    let face = fonts.styled(st.bold, st.italic);
    let label = format!("{} ", a.label);
    // Rounded up, so the label always ends before the tab stop.
    let hang = (face.width(&label, st.size) * 20.0).ceil() as i32;
    let left = mm_twip(st.left_indent_mm) + hang;
    let count = a.lines.len().max(1);
    for i in 0..count {
        let before = if i == 0 { st.space_before_pt } else { 0.0 };
        let after = if i + 1 == count {
            st.space_after_pt
        } else {
            0.0
        };
        let style = Style {
            first_indent_mm: 0.0,
            left_indent_mm: 0.0,
            keep_next: st.keep_next || i + 1 < count,
            ..spaced(st, before, after)
        };
        let mut p = paragraph(&style);
        if i == 0 {
            p = p
                .indent(
                    Some(left),
                    Some(docx_rs::SpecialIndentType::Hanging(hang)),
                    None,
                    None,
                )
                .add_tab(Tab::new().val(TabValueType::Left).pos(left as usize))
                .add_run(run(&a.label, st));
            if !a.lines.is_empty() {
                p = p.add_run(tab(st));
            }
        } else {
            p = p.indent(Some(left), None, None, None);
        }
        if let Some(line) = a.lines.get(i) {
            p = runs(p, line, st);
        }
        flow.para(p);
    }
}

fn tab(style: &Style) -> Run {
    let mut r = Run::new().add_tab();
    r.run_property = run_property(style, false, false, false);
    r
}

/// A list: body paragraphs opening with their marker.
fn list(l: &List, profile: &Profile, keep_last: bool, flow: &mut Flow) {
    let style = profile.paragraph(ParaStyle::Body);
    for (i, item) in l.items.iter().enumerate() {
        let last = i + 1 == l.items.len();
        let p = paragraph(style).add_run(run(&l.marker.label(i), style));
        flow.para(runs(p, item, style).keep_next(style.keep_next || (last && keep_last)));
    }
}

/// A picture, centred, within the text width and a page's height, and its caption under it. A
/// picture without data (not found by the caller) leaves its caption only.
fn picture(
    img: &Image,
    n: usize,
    profile: &Profile,
    fonts: &Fonts,
    flow: &mut Flow,
) -> Result<(), DocxError> {
    if !img.data.is_empty() {
        use vanban_model::picture;
        let (w, h) =
            picture::dimensions(&img.data).ok_or_else(|| DocxError::Image(img.path.clone()))?;
        let natural = picture::natural_size(&img.data).unwrap_or_default();
        // The size both writers give it: within the text width and, with its line's
        // descent under it (automatic line height), a page's height.
        let body = profile.paragraph(ParaStyle::Body);
        let room = vanban_model::geometry::body_height_pt(&profile.page)
            - fonts.face(vanban_font::Variant::Regular).descent(body.size);
        let width = twip_pt(page::text_width(profile));
        let (pw, ph) = picture::display_size(natural, width, room);
        // Points to EMU (12,700 a point).
        let emu = |pt: f32| (pt as f64 * 12_700.0).round() as u32;
        let (cx, cy) = (emu(pw), emu(ph));
        let pic = Pic::new_with_dimensions(img.data.clone(), w, h)
            .size(cx, cy)
            .id(format!("rIdImage{n}"));
        // Line spacing stays automatic: an exact height would crop the picture.
        flow.para(
            Paragraph::new()
                .align(AlignmentType::Center)
                .keep_next(true)
                .widow_control(true)
                .add_run(Run::new().add_image(pic)),
        );
    }
    if !img.caption.is_empty() {
        flow.para(text_paragraph(
            profile.paragraph(ParaStyle::Caption),
            &img.caption,
        ));
    }
    Ok(())
}

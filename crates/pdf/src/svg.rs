//! The laid-out pages as SVG, drawn from the same [`Layout`] the PDF is drawn from: the
//! live preview of `vanban serve` shows the PDF's lines and pages without a PDF viewer.
//!
//! Text is SVG text in a font family the caller names (the page serving the SVG declares
//! it with @font-face from the embedded faces, so glyph advances match the layout), rules
//! are lines, pictures are `<image>` elements whose address the caller gives.

use std::fmt::Write;

use vanban_font::Variant;

use crate::layout::{Item, Layout, Page, Text};

/// How to draw the pages.
pub struct SvgOptions<'a> {
    /// CSS font family for every text; bold and italic are asked for with font-weight
    /// and font-style, so the family must declare its four faces.
    pub font_family: &'a str,
    /// The `href` of the picture of `Document::blocks[block]`; `None` draws a grey box.
    pub image_href: &'a dyn Fn(usize) -> Option<String>,
}

/// Every page of `laid`, one SVG document each.
pub fn pages(laid: &Layout, opts: &SvgOptions) -> Vec<String> {
    laid.pages.iter().map(|p| page(laid, p, opts)).collect()
}

/// One page as an SVG document whose user unit is the PDF point, origin top-left.
pub fn page(laid: &Layout, page: &Page, opts: &SvgOptions) -> String {
    let (w, h) = (laid.width, laid.height);
    let mut out = String::with_capacity(64 * page.items.len() + 256);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" font-family="{}" style="white-space:pre" role="img">"#,
        num(w),
        num(h),
        vanban_model::xml::escape(opts.font_family)
    );
    let _ = write!(
        out,
        r##"<rect width="{}" height="{}" fill="#fff"/>"##,
        num(w),
        num(h)
    );
    for item in &page.items {
        match item {
            Item::Rule(r) => {
                let _ = write!(
                    out,
                    r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#000" stroke-width="{}"/>"##,
                    num(r.x1),
                    num(h - r.y1),
                    num(r.x2),
                    num(h - r.y2),
                    num(r.thickness)
                );
            }
            Item::Image(p) => {
                // (x, y) is the bottom-left corner in PDF space.
                let (x, y) = (num(p.x), num(h - p.y - p.height));
                let (pw, ph) = (num(p.width), num(p.height));
                match (opts.image_href)(p.block) {
                    Some(href) => {
                        let _ = write!(
                            out,
                            r#"<image x="{x}" y="{y}" width="{pw}" height="{ph}" preserveAspectRatio="none" href="{}"/>"#,
                            vanban_model::xml::escape(&href)
                        );
                    }
                    None => {
                        let _ = write!(
                            out,
                            r##"<rect x="{x}" y="{y}" width="{pw}" height="{ph}" fill="#ddd"/>"##
                        );
                    }
                }
            }
            Item::Text(t) => text(&mut out, t, h),
            // A signature place prints nothing in the PDF either.
            Item::Slot(_) => {}
        }
    }
    if let Some(t) = &page.number {
        text(&mut out, t, h);
    }
    out.push_str("</svg>");
    out
}

fn text(out: &mut String, t: &Text, h: f32) {
    let style = match t.variant {
        Variant::Regular => "",
        Variant::Bold => r#" font-weight="bold""#,
        Variant::Italic => r#" font-style="italic""#,
        Variant::BoldItalic => r#" font-weight="bold" font-style="italic""#,
    };
    // Justified lines stretch their spaces, exactly as the PDF's TJ offsets do.
    let spacing = if t.word_spacing != 0.0 {
        format!(r#" word-spacing="{}""#, num(t.word_spacing))
    } else {
        String::new()
    };
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" font-size="{}"{style}{spacing}>{}</text>"#,
        num(t.x),
        num(h - t.y),
        num(t.size),
        vanban_model::xml::escape(&t.text)
    );
}

/// A coordinate with at most two decimals and no trailing zeros: small SVG, exact enough
/// (1/100 pt).
fn num(v: f32) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Picture, Rule};

    #[test]
    fn draws_text_rules_and_pictures_flipped_and_escaped() {
        let laid = Layout {
            width: 595.3,
            height: 841.9,
            pages: vec![Page {
                items: vec![
                    Item::Text(Text {
                        text: "A & <B> \"C\"".into(),
                        variant: Variant::Bold,
                        size: 14.0,
                        x: 10.0,
                        y: 800.0,
                        width: 50.0,
                        word_spacing: 1.5,
                        block: 0,
                    }),
                    Item::Rule(Rule {
                        x1: 10.0,
                        y1: 700.0,
                        x2: 100.0,
                        y2: 700.0,
                        thickness: 0.5,
                    }),
                    Item::Image(Picture {
                        block: 3,
                        x: 20.0,
                        y: 100.0,
                        width: 200.0,
                        height: 100.0,
                    }),
                ],
                number: None,
            }],
        };
        let href = |b: usize| Some(format!("/anh?b={b}&x=1"));
        let svg = pages(
            &laid,
            &SvgOptions {
                font_family: "VB Serif",
                image_href: &href,
            },
        );
        assert_eq!(svg.len(), 1);
        let s = &svg[0];
        assert!(s.contains(r#"viewBox="0 0 595.3 841.9""#), "{s}");
        assert!(
            s.contains(r#"<text x="10" y="41.9" font-size="14" font-weight="bold" word-spacing="1.5">A &amp; &lt;B&gt; &quot;C&quot;</text>"#),
            "{s}"
        );
        assert!(s.contains(r#"y1="141.9""#), "{s}");
        // Bottom-left (20, 100) with height 100: the top edge is at 841.9 - 200.
        assert!(
            s.contains(r#"<image x="20" y="641.9" width="200" height="100" preserveAspectRatio="none" href="/anh?b=3&amp;x=1"/>"#),
            "{s}"
        );
    }
}

//! The news item as one self-contained web page: UTF-8, `lang="vi"`, semantic markup, no
//! external assets (pictures inlined as data URIs), ready to open in a browser or paste into
//! a site's editor. It reads the same document model and profile as the DOCX and PDF
//! writers: the language, the font family and the body size come from the profile.

use std::fmt::Write;

use vanban_model::{Block, Document, ParaStyle, Profile, Run, SignLine};

fn runs(rs: &[Run]) -> String {
    let mut out = String::new();
    for r in rs {
        let mut t = vanban_model::xml::escape(&r.text);
        if r.underline {
            t = format!("<u>{t}</u>");
        }
        if r.italic {
            t = format!("<em>{t}</em>");
        }
        if r.bold {
            t = format!("<strong>{t}</strong>");
        }
        out.push_str(&t);
    }
    out
}

/// Standard base64 (RFC 4648, padded), for inlining pictures.
fn base64(data: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// The picture's type by its content; pictures are checked to be PNG or JPEG when read
/// (src/assets.rs), anything else is labelled as unknown bytes rather than as a JPEG.
fn mime(data: &[u8]) -> &'static str {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if vanban_model::picture::is_jpeg(data) {
        "image/jpeg"
    } else {
        "application/octet-stream"
    }
}

/// Writes the page. Headings and the title become `h1`/`h2`, the byline a right-aligned
/// paragraph, pictures `figure` with `figcaption`.
pub fn write(doc: &Document, profile: &Profile) -> String {
    let mut body = String::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => {
                let inner = runs(&p.runs);
                let _ = match p.style {
                    ParaStyle::Site => writeln!(body, "<p class=\"site\">{inner}</p>"),
                    ParaStyle::NewsTitle => writeln!(body, "<h1>{inner}</h1>"),
                    ParaStyle::Caption => writeln!(body, "<p class=\"caption\">{inner}</p>"),
                    ParaStyle::Byline => writeln!(body, "<p class=\"byline\">{inner}</p>"),
                    ParaStyle::Center | ParaStyle::AnnexTitle => {
                        writeln!(body, "<p class=\"center\">{inner}</p>")
                    }
                    _ => writeln!(body, "<p>{inner}</p>"),
                };
            }
            Block::Heading(h) => {
                let _ = writeln!(body, "<h2>{}</h2>", runs(&h.runs));
            }
            Block::List(l) => {
                let tag = match l.marker {
                    vanban_model::ListMarker::Dash => "ul",
                    _ => "ol",
                };
                let _ = writeln!(body, "<{tag}>");
                for item in &l.items {
                    let _ = writeln!(body, "<li>{}</li>", runs(item));
                }
                let _ = writeln!(body, "</{tag}>");
            }
            Block::Image(img) => {
                let cap = runs(&img.caption);
                if img.data.is_empty() {
                    let _ = writeln!(body, "<p class=\"caption\">{cap}</p>");
                } else {
                    let _ = writeln!(
                        body,
                        "<figure><img src=\"data:{};base64,{}\" alt=\"{}\"><figcaption>{cap}</figcaption></figure>",
                        mime(&img.data),
                        base64(&img.data),
                        vanban_model::xml::escape(&vanban_model::plain_text(&img.caption))
                    );
                }
            }
            Block::Table(t) => {
                let _ = writeln!(body, "<table>");
                for (i, row) in t.rows.iter().enumerate() {
                    let cell = if i < t.header_rows { "th" } else { "td" };
                    let cells: String = row
                        .iter()
                        .map(|c| format!("<{cell}>{}</{cell}>", runs(c)))
                        .collect();
                    let _ = writeln!(body, "<tr>{cells}</tr>");
                }
                let _ = writeln!(body, "</table>");
            }
            Block::Closing(c) => {
                for (kind, t) in c.left.lines.iter().chain(&c.right.lines) {
                    if *kind == SignLine::Name && !t.is_empty() {
                        let _ = writeln!(
                            body,
                            "<p class=\"byline\">{}</p>",
                            vanban_model::xml::escape(t)
                        );
                    }
                }
            }
            Block::Header(_)
            | Block::Title(_)
            | Block::Addressees(_)
            | Block::Grid(_)
            | Block::PageBreak
            | Block::AnnexBreak => {}
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"author\" content=\"{author}\">\n<title>{title}</title>\n<style>\n\
         body {{ font-family: \"{font}\", Tinos, \"Liberation Serif\", serif; font-size: {size}pt; line-height: 1.4; max-width: 42em; margin: 2em auto; padding: 0 1em; }}\n\
         h1 {{ font-size: 1.4em; }} .site {{ font-weight: bold; }} p {{ text-align: justify; }}\n\
         .caption, figcaption {{ font-style: italic; text-align: center; }} .byline {{ font-weight: bold; text-align: right; }}\n\
         figure {{ margin: 1em 0; text-align: center; }} img {{ max-width: 100%; height: auto; }}\n\
         table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #000; padding: 0.2em 0.4em; }}\n\
         </style>\n</head>\n<body>\n<article>\n{body}</article>\n</body>\n</html>\n",
        author = vanban_model::xml::escape(&doc.meta.author),
        title = vanban_model::xml::escape(&doc.meta.title),
        // The primary language subtag ("vi" of "vi-VN"), as browsers expect.
        lang = vanban_model::xml::escape(profile.lang.split('-').next().unwrap_or("vi")),
        font = vanban_model::xml::escape(&profile.font_family),
        size = profile.paragraph(ParaStyle::Body).size,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn page_is_self_contained_and_escaped() {
        let doc = vanban_model::markup::parse(
            "@meta\ntitle: A & B\n@p news-title\nTiêu đề <x>\n@p byline\nTin, ảnh: Ngô Đức Hải\n",
        )
        .unwrap();
        let html = write(&doc, Profile::builtin("dang").unwrap());
        assert!(html.contains("<html lang=\"vi\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("<title>A &amp; B</title>"));
        assert!(html.contains("<h1>Tiêu đề &lt;x&gt;</h1>"));
        assert!(html.contains("<p class=\"byline\">Tin, ảnh: Ngô Đức Hải</p>"));
        assert!(!html.contains("http"));
    }
}

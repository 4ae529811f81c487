//! What a signed field shows (Phụ lục I): the signer's signature image; for an agency,
//! the seal image and, over its lower part, the agency's name and the signing time. The
//! text is in the embedded Liberation Serif (Vietnamese needs it), embedded with only
//! the glyphs it shows (`vanban_font::fontfile::subset`): a pledge signed by every member
//! would otherwise carry the whole face once per seal.

use lopdf::{Dictionary, Object, Stream};
use vanban_font::Face;

use crate::SignError;

/// A decoded PNG: 8-bit RGB or grey, and its alpha as a separate channel.
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub colour: Vec<u8>,
    pub grey: bool,
    pub alpha: Option<Vec<u8>>,
}

pub fn decode_png(data: &[u8], path: &str) -> Result<Picture, SignError> {
    let bad = |m: String| SignError::Image(format!("«{path}»: {m}"));
    let mut dec = png::Decoder::new(std::io::Cursor::new(data));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec
        .read_info()
        .map_err(|_| bad("không phải ảnh PNG đọc được".to_string()))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| bad("ảnh quá lớn".into()))?;
    if size > 64 << 20 {
        return Err(bad("ảnh quá lớn (hơn 64 MB khi giải nén)".into()));
    }
    let mut buf = vec![0; size];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|_| bad("ảnh PNG hỏng".to_string()))?;
    buf.truncate(info.buffer_size());
    let (channels, grey) = match info.color_type {
        png::ColorType::Grayscale => (1, true),
        png::ColorType::GrayscaleAlpha => (2, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (4, false),
        png::ColorType::Indexed => return Err(bad("ảnh PNG dùng bảng màu chưa giải được".into())),
    };
    let colours = if grey { 1 } else { 3 };
    let has_alpha = channels > colours;
    let mut colour = Vec::with_capacity(buf.len());
    let mut alpha = Vec::new();
    for px in buf.chunks_exact(channels) {
        colour.extend_from_slice(&px[..colours]);
        if has_alpha {
            alpha.push(px[colours]);
        }
    }
    Ok(Picture {
        width: info.width,
        height: info.height,
        colour,
        grey,
        alpha: has_alpha.then_some(alpha),
    })
}

fn deflate(data: &[u8]) -> Vec<u8> {
    use flate2::Compression;
    use flate2::write::ZlibEncoder;
    use std::io::Write;
    let mut enc = ZlibEncoder::new(Vec::new(), Compression::default());
    enc.write_all(data).expect("in memory");
    enc.finish().expect("in memory")
}

/// An image XObject and, with alpha, its soft mask (PDF/A-2 allows soft masks).
pub fn image_objects(p: &Picture, smask: Option<(u32, u16)>) -> (Stream, Option<Stream>) {
    let image = |data: &[u8], grey: bool| {
        let mut d = Dictionary::new();
        d.set("Type", "XObject");
        d.set("Subtype", "Image");
        d.set("Width", p.width as i64);
        d.set("Height", p.height as i64);
        d.set("ColorSpace", if grey { "DeviceGray" } else { "DeviceRGB" });
        d.set("BitsPerComponent", 8);
        d.set("Filter", "FlateDecode");
        Stream::new(d, deflate(data))
    };
    let mut main = image(&p.colour, p.grey);
    if let Some(id) = smask {
        main.dict.set("SMask", Object::Reference(id));
    }
    (main, p.alpha.as_ref().map(|a| image(a, true)))
}

/// Content that fits a `w` × `h` picture inside a `fw` × `fh` box at (x, y), centred,
/// keeping its proportions.
pub fn place_image(name: &str, w: u32, h: u32, x: f32, y: f32, fw: f32, fh: f32) -> String {
    let s = (fw / w as f32).min(fh / h as f32);
    let (dw, dh) = (w as f32 * s, h as f32 * s);
    let (ox, oy) = (x + (fw - dw) / 2.0, y + (fh - dh) / 2.0);
    use crate::pdf::real;
    format!(
        "q {} 0 0 {} {} {} cm /{name} Do Q\n",
        real(dw),
        real(dh),
        real(ox),
        real(oy)
    )
}

/// The face for the agency's text.
pub fn face() -> Result<&'static Face, SignError> {
    Ok(vanban_font::Fonts::embedded().face(vanban_font::Variant::Regular))
}

/// Lines of text, wrapped at spaces to `width` at `size` (a word still too wide shrunk,
/// to 3 pt at least), set bottom-up from `y`, centred on the box: content, and the
/// glyphs used.
pub fn text_lines(
    face: &Face,
    lines: &[String],
    x: f32,
    y: f32,
    width: f32,
    size: f32,
) -> (String, Vec<Glyph>) {
    let upem = face.units_per_em();
    // A line too wide at `size` wraps at spaces first (a long agency name over two or
    // three lines); only a word wider than the box shrinks.
    let em = |t: &str| -> f32 {
        t.chars()
            .map(|c| {
                face.glyph_advance_units(face.glyph_id(c).unwrap_or(0))
                    .unwrap_or(0) as f32
            })
            .sum::<f32>()
            / upem
    };
    let mut wrapped: Vec<String> = Vec::new();
    for line in lines {
        let mut current = String::new();
        for word in line.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if !current.is_empty() && em(&candidate) * size > width {
                wrapped.push(std::mem::replace(&mut current, word.to_string()));
            } else {
                current = candidate;
            }
        }
        wrapped.push(current);
    }
    let lines = &wrapped;
    let mut used = Vec::new();
    let mut content = String::from("q 0 g BT\n");
    let mut baseline = y + 1.0;
    for line in lines.iter().rev() {
        let glyphs: Vec<Glyph> = line
            .chars()
            .map(|ch| {
                let id = face.glyph_id(ch).unwrap_or(0);
                let advance = face.glyph_advance_units(id).unwrap_or(0) as f32 * 1000.0 / upem;
                Glyph { id, advance, ch }
            })
            .collect();
        let em: f32 = glyphs.iter().map(|g| g.advance).sum::<f32>() / 1000.0;
        let s = if em * size > width {
            (width / em).max(3.0)
        } else {
            size
        };
        let w = em * s;
        let hexed: String = glyphs.iter().map(|g| format!("{:04X}", g.id)).collect();
        use crate::pdf::real;
        let _ = std::fmt::Write::write_fmt(
            &mut content,
            format_args!(
                "/F1 {} Tf 1 0 0 1 {} {} Tm <{hexed}> Tj\n",
                real(s),
                real(x + (width - w) / 2.0),
                real(baseline)
            ),
        );
        baseline += s * 1.15;
        used.extend(glyphs);
    }
    content.push_str("ET Q\n");
    used.sort_by_key(|g| g.id);
    used.dedup_by_key(|g| g.id);
    (content, used)
}

/// A glyph of the agency's text: its id, its advance in 1/1000 em, and the character it
/// shows (for the font's ToUnicode map, so that the text can be copied and searched).
#[derive(Clone, Copy, Debug)]
pub struct Glyph {
    pub id: u16,
    pub advance: f32,
    pub ch: char,
}

/// The ToUnicode CMap of the used glyphs (ISO 32000-1 §9.10.3): without it, a reader
/// that extracts the text of a signed file gets glyph ids instead of the agency's name.
fn to_unicode(used: &[Glyph]) -> Vec<u8> {
    let mut m = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // At most 100 entries per bfchar block (the CMap format's limit).
    for chunk in used.chunks(100) {
        m.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for g in chunk {
            let mut units = [0u16; 2];
            let hex: String =
                g.ch.encode_utf16(&mut units)
                    .iter()
                    .map(|u| format!("{u:04X}"))
                    .collect();
            m.push_str(&format!("<{:04X}> <{hex}>\n", g.id));
        }
        m.push_str("endbfchar\n");
    }
    m.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    m.into_bytes()
}

/// The Type0 font objects for the face: (font file, descriptor, CID font, Type0, ToUnicode),
/// each to be given an id in this order; `ids` are those five ids.
pub fn font_objects(face: &Face, used: &[Glyph], ids: [(u32, u16); 5]) -> [Object; 5] {
    let data = face.data();
    let glyph_ids: Vec<u16> = used.iter().map(|g| g.id).collect();
    let subset = vanban_font::fontfile::subset(data, &glyph_ids);
    // A subset's name starts with a tag of six capitals (ISO 32000-1 §9.6.4), here from
    // its glyphs, so that the same text gives the same name.
    let name = match subset {
        Some(_) => {
            let mut h: u32 = 0x811c_9dc5;
            for g in &glyph_ids {
                for b in g.to_be_bytes() {
                    h = (h ^ b as u32).wrapping_mul(0x0100_0193);
                }
            }
            let tag: String = (0..6)
                .map(|i| (b'A' + ((h >> (5 * i)) % 26) as u8) as char)
                .collect();
            format!("{tag}+LiberationSerif")
        }
        None => "LiberationSerif".to_string(),
    };
    let name = name.as_str();
    let program = subset.unwrap_or_else(|| data.to_vec());
    let mut ff = Dictionary::new();
    ff.set("Length1", program.len() as i64);
    ff.set("Filter", "FlateDecode");
    let file = Stream::new(ff, deflate(&program));
    let scale = 1000.0 / face.units_per_em();
    let o = face.outline();
    let bbox = o.bbox;
    let mut fd = Dictionary::new();
    fd.set("Type", "FontDescriptor");
    fd.set("FontName", name);
    fd.set("Flags", 34);
    fd.set(
        "FontBBox",
        vec![
            ((bbox[0] as f32 * scale) as i64).into(),
            ((bbox[1] as f32 * scale) as i64).into(),
            ((bbox[2] as f32 * scale) as i64).into(),
            ((bbox[3] as f32 * scale) as i64).into(),
        ],
    );
    fd.set("ItalicAngle", 0);
    fd.set("Ascent", (o.ascender as f32 * scale) as i64);
    fd.set("Descent", (o.descender as f32 * scale) as i64);
    fd.set(
        "CapHeight",
        (o.cap_height.unwrap_or(662) as f32 * scale) as i64,
    );
    fd.set("StemV", 80);
    fd.set("FontFile2", Object::Reference(ids[0]));
    let mut w = Vec::new();
    for g in used {
        w.push(Object::Integer(g.id as i64));
        w.push(Object::Array(vec![Object::Real(g.advance)]));
    }
    let mut cid = Dictionary::new();
    cid.set("Type", "Font");
    cid.set("Subtype", "CIDFontType2");
    cid.set("BaseFont", name);
    cid.set(
        "CIDSystemInfo",
        Dictionary::from_iter(vec![
            ("Registry", Object::string_literal("Adobe")),
            ("Ordering", Object::string_literal("Identity")),
            ("Supplement", Object::Integer(0)),
        ]),
    );
    cid.set("FontDescriptor", Object::Reference(ids[1]));
    cid.set("CIDToGIDMap", "Identity");
    cid.set("W", w);
    let mut t0 = Dictionary::new();
    t0.set("Type", "Font");
    t0.set("Subtype", "Type0");
    t0.set("BaseFont", name);
    t0.set("Encoding", "Identity-H");
    t0.set("DescendantFonts", vec![Object::Reference(ids[2])]);
    t0.set("ToUnicode", Object::Reference(ids[4]));
    let mut tu = Dictionary::new();
    tu.set("Filter", "FlateDecode");
    let cmap = Stream::new(tu, deflate(&to_unicode(used)));
    [
        Object::Stream(file),
        Object::Dictionary(fd),
        Object::Dictionary(cid),
        Object::Dictionary(t0),
        Object::Stream(cmap),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long agency name wraps into lines that fit the seal's box at the given size,
    /// every word kept, the time line last.
    #[test]
    fn a_long_agency_name_wraps_inside_the_box() {
        let face = face().unwrap();
        let name = "Văn phòng Đoàn ĐBQH và Hội đồng nhân dân tỉnh Bà Rịa - Vũng Tàu";
        let lines = [name.to_string(), "2026-12-01T09:30:00+07:00".to_string()];
        let (content, _) = text_lines(face, &lines, 0.0, 0.0, 54.0, 6.0);
        let shown: Vec<&str> = content.lines().filter(|l| l.contains(" Tf ")).collect();
        assert!(shown.len() >= 4, "{content}");
        // Every line at 6 pt but the time (one 25-character word, shrunk to fit).
        assert!(
            shown[1..].iter().all(|l| l.starts_with("/F1 6 Tf")),
            "{content}"
        );
        // Each line starts inside the box: centred lines of at most its width.
        for l in &shown {
            let x: f32 = l.split_whitespace().nth(7).unwrap().parse().unwrap();
            assert!(x >= -0.01, "{l}");
        }
    }
}

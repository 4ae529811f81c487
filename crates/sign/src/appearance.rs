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

/// Lines of text set in a `width` × `height` box at (x, y), centred, bottom-up: content,
/// and the glyphs used. The text is put in NFC first (a name typed in decomposed form,
/// as some Vietnamese keyboards write it, would show its marks beside the letters), and
/// a character the face lacks shows as "?" rather than the empty .notdef glyph.
///
/// The lines wrap at spaces; the size goes down from `size` by quarter points until
/// they fit the box both ways, to 3 pt at least; at 3 pt a word still wider than the
/// box is broken between its letters. Every line has the same size.
pub fn text_lines(
    face: &Face,
    lines: &[String],
    [x, y, width, height]: [f32; 4],
    size: f32,
) -> (String, Vec<Glyph>) {
    let upem = face.units_per_em();
    let glyph = |ch: char| -> Glyph {
        let (id, ch) = match face.glyph_id(ch).filter(|&g| g != 0) {
            Some(id) => (id, ch),
            None => (face.glyph_id('?').unwrap_or(0), '?'),
        };
        let advance = face.glyph_advance_units(id).unwrap_or(0) as f32 * 1000.0 / upem;
        Glyph { id, advance, ch }
    };
    let lines: Vec<Vec<Glyph>> = lines
        .iter()
        .map(|l| vanban_viet::nfc(l).chars().map(glyph).collect())
        .collect();
    let em = |g: &[Glyph]| g.iter().map(|g| g.advance).sum::<f32>() / 1000.0;
    // Lines of glyphs no wider than `width` at `s`, wrapped at spaces (and, with
    // `letters`, a word too wide broken between letters).
    let wrap = |s: f32, letters: bool| -> Vec<Vec<Glyph>> {
        let mut out = Vec::new();
        for line in &lines {
            let mut current: Vec<Glyph> = Vec::new();
            for word in line.split(|g| g.ch == ' ').filter(|w| !w.is_empty()) {
                let space = glyph(' ');
                let fits =
                    |cur: &[Glyph], w: &[Glyph]| (em(cur) + em(&[space]) + em(w)) * s <= width;
                if !current.is_empty() && !fits(&current, word) {
                    out.push(std::mem::take(&mut current));
                }
                if !current.is_empty() {
                    current.push(space);
                }
                for &g in word {
                    if letters
                        && !current.is_empty()
                        && (em(&current) + g.advance / 1000.0) * s > width
                    {
                        out.push(std::mem::take(&mut current));
                    }
                    current.push(g);
                }
            }
            out.push(current);
        }
        out
    };
    let fits = |s: f32, set: &[Vec<Glyph>]| {
        set.len() as f32 * s * LEADING <= height && set.iter().all(|l| em(l) * s <= width)
    };
    let mut s = size;
    let set = loop {
        let set = wrap(s, false);
        if fits(s, &set) {
            break set;
        }
        if s <= 3.0 {
            break wrap(3.0, true);
        }
        s = (s - 0.25).max(3.0);
    };
    let mut used = Vec::new();
    let mut content = String::from("q 0 g BT\n");
    let mut baseline = y + 1.0;
    use crate::pdf::real;
    for line in set.iter().rev() {
        let w = em(line) * s;
        let hexed: String = line.iter().map(|g| format!("{:04X}", g.id)).collect();
        let _ = std::fmt::Write::write_fmt(
            &mut content,
            format_args!(
                "/F1 {} Tf 1 0 0 1 {} {} Tm <{hexed}> Tj\n",
                real(s),
                real(x + (width - w) / 2.0),
                real(baseline)
            ),
        );
        baseline += s * LEADING;
        used.extend(line.iter().copied());
    }
    content.push_str("ET Q\n");
    used.sort_by_key(|g| g.id);
    used.dedup_by_key(|g| g.id);
    (content, used)
}

/// Line height of the agency's text, in sizes.
const LEADING: f32 = 1.15;

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

    /// Where every line of a box's text sits: (size, x, baseline, hex glyphs).
    fn shown(content: &str) -> Vec<(f32, f32, f32, String)> {
        content
            .lines()
            .filter(|l| l.contains(" Tf "))
            .map(|l| {
                let w: Vec<&str> = l.split_whitespace().collect();
                let n = |i: usize| w[i].parse::<f32>().unwrap();
                (n(1), n(7), n(8), w[10].trim_matches(['<', '>']).to_string())
            })
            .collect()
    }

    /// A long agency name wraps into lines that fit the seal's box both ways, every word
    /// kept, all at one size, the time line last.
    #[test]
    fn a_long_agency_name_wraps_inside_the_box() {
        let face = face().unwrap();
        let name = "Văn phòng Đoàn ĐBQH và Hội đồng nhân dân tỉnh Bà Rịa - Vũng Tàu";
        let lines = [name.to_string(), "2026-12-01T09:30:00+07:00".to_string()];
        let (content, used) = text_lines(face, &lines, [0.0, 0.0, 54.0, 54.0], 6.0);
        let set = shown(&content);
        assert!(set.len() >= 4, "{content}");
        assert!(set.windows(2).all(|p| p[0].0 == p[1].0), "{content}");
        for (size, x, baseline, _) in &set {
            assert!(*x >= -0.01 && *baseline + size <= 54.0 + 0.01, "{content}");
        }
        // Every letter of the name is among the glyphs.
        for c in name.chars().filter(|c| *c != ' ') {
            let id = face.glyph_id(c).unwrap();
            assert!(used.iter().any(|g| g.id == id && g.ch == c), "{c}");
        }
    }

    /// A name of 156 letters in the proposal's box (57 × 54 pt): smaller type, inside the
    /// box; a single word wider than the box at 3 pt breaks between letters.
    #[test]
    fn text_too_long_for_the_box_shrinks_then_breaks() {
        let face = face().unwrap();
        let long = "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bà Rịa - Vũng Tàu và Ban Chỉ đạo \
                    thực hiện Cuộc vận động Toàn dân đoàn kết xây dựng nông thôn mới";
        for text in [long.to_string(), "Ủybannhândântỉnh".repeat(8)] {
            let lines = [text.clone(), "2026-12-01T09:30:00+07:00".to_string()];
            let (content, used) = text_lines(face, &lines, [0.0, 18.0, 57.0, 54.0], 6.0);
            for (size, x, baseline, hex) in shown(&content) {
                let w: f32 = (0..hex.len() / 4)
                    .map(|i| u16::from_str_radix(&hex[4 * i..4 * i + 4], 16).unwrap())
                    .map(|g| used.iter().find(|u| u.id == g).unwrap().advance)
                    .sum::<f32>()
                    / 1000.0
                    * size;
                assert!(x >= -0.01 && x + w <= 57.01, "{text}: {content}");
                assert!(
                    baseline >= 18.0 && baseline + size <= 72.01,
                    "{text}: {content}"
                );
            }
        }
    }

    /// A decomposed name shows composed letters; a character the face lacks shows "?",
    /// and the text reads back with it, not as another character.
    #[test]
    fn names_are_composed_and_missing_characters_shown_as_a_question_mark() {
        let face = face().unwrap();
        let decomposed: String = "Sở Y tế"
            .chars()
            .flat_map(|c| {
                use unicode_normalization::UnicodeNormalization;
                c.to_string().nfd().collect::<Vec<_>>()
            })
            .collect();
        assert_ne!(decomposed, "Sở Y tế");
        let (_, used) = text_lines(face, &[decomposed], [0.0, 0.0, 100.0, 50.0], 6.0);
        let ids = |s: &str| {
            s.chars()
                .map(|c| face.glyph_id(c).unwrap())
                .collect::<Vec<_>>()
        };
        for id in ids("SởYtế") {
            assert!(used.iter().any(|g| g.id == id), "{id}");
        }
        let (_, used) = text_lines(face, &["Sở 中文".to_string()], [0.0, 0.0, 100.0, 50.0], 6.0);
        assert!(used.iter().all(|g| g.id != 0), "{used:?}");
        assert!(used.iter().any(|g| g.ch == '?'), "{used:?}");
    }
}

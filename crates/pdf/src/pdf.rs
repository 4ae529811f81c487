//! Draws a [`Layout`] with printpdf: font subsets embedded as Identity-H CID fonts,
//! justified lines as TJ arrays (the space glyphs stay in the text, so extraction gives
//! single spaces; PDF word spacing `Tw` would not apply to two-byte fonts anyway), and a
//! file that depends on the document only: dates from its metadata, an ID from its bytes,
//! font and image resource names from their content.

use md5::Digest;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use printpdf::{
    Date, ExternalXObject, FontId, ImageCompression, ImageOptimizationOptions, Line, LinePoint, Mm,
    Offset, OffsetDateTime, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, RawImage, TextItem, TextMatrix, Time, XObject, XObjectId,
    XObjectTransform,
};
use vanban_font::{Fonts, Variant};
use vanban_layout::Lowered;
use vanban_model::{Block, Document, Meta, Profile};

use crate::layout::{Item, Layout, LayoutError, Text, layout, layout_lowered};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    Layout(LayoutError),
    /// A font printpdf cannot parse.
    Font {
        name: String,
        message: String,
    },
    /// A picture printpdf cannot decode.
    Image {
        path: String,
        message: String,
    },
    /// `meta.date` is not an ISO date.
    Date(String),
    /// printpdf or lopdf failed to produce the file.
    Write(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Layout(e) => e.fmt(f),
            PdfError::Font { name, message } => {
                write!(f, "không nhúng được phông {name} vào PDF: {message}")
            }
            PdfError::Image { path, message } => {
                write!(f, "không đưa được ảnh «{path}» vào PDF: {message}")
            }
            PdfError::Date(d) => write!(
                f,
                "ngày của văn bản «{d}» không đúng dạng năm-tháng-ngày (ví dụ 2024-02-06)"
            ),
            PdfError::Write(m) => write!(f, "không ghi được tệp PDF: {m}"),
        }
    }
}

impl std::error::Error for PdfError {}

impl From<LayoutError> for PdfError {
    fn from(e: LayoutError) -> Self {
        PdfError::Layout(e)
    }
}

/// Lays `doc` out and writes it as PDF. `producer` ("vanban 0.1.0") goes into the
/// Creator and Producer entries.
pub fn write(
    doc: &Document,
    profile: &Profile,
    fonts: &Fonts,
    producer: &str,
) -> Result<Vec<u8>, PdfError> {
    let laid = layout(doc, profile, fonts)?;
    render(&laid, doc, profile, fonts, producer)
}

/// Writes `doc` as PDF from its lowering, `lowered`, which must be
/// `vanban_layout::lower(doc, profile, fonts)` (see [`write`]): a caller writing the DOCX
/// of the same document too lowers once and gives both writers the result. With the PDF,
/// the signature places of the file, from the same layout (for the sidecar
/// `NAME.sign.json`, which must match the file's fields).
pub fn write_lowered_with_slots(
    doc: &Document,
    lowered: &Lowered,
    profile: &Profile,
    fonts: &Fonts,
    producer: &str,
) -> Result<(Vec<u8>, Vec<crate::SignatureSlot>), PdfError> {
    let laid = layout_lowered(lowered, fonts)?;
    let bytes = render(&laid, doc, profile, fonts, producer)?;
    Ok((bytes, crate::slots::slots(&laid)))
}

/// Writes an existing layout of `doc` (see [`write`]).
pub fn render(
    laid: &Layout,
    doc: &Document,
    profile: &Profile,
    fonts: &Fonts,
    producer: &str,
) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let date = iso_date(&doc.meta.date)?;
    set_info(&mut pdf, &doc.meta, producer, date);

    let font_ids = add_fonts(&mut pdf, laid, fonts)?;
    let images = add_images(&mut pdf, laid, doc)?;
    let (w, h) = (pt_to_mm(laid.width), pt_to_mm(laid.height));
    pdf.pages = laid
        .pages
        .iter()
        .map(|page| PdfPage::new(w, h, page_ops(page, &font_ids, &images)))
        .collect();

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        // A PNG's pixels, Flate-compressed as they are (its alpha as a soft mask): no
        // resizing, no lossy re-encoding; without options printpdf writes them raw.
        image_optimization: Some(ImageOptimizationOptions {
            quality: None,
            max_image_size: None,
            dither_greyscale: Some(false),
            convert_to_greyscale: Some(false),
            auto_optimize: Some(false),
            format: Some(ImageCompression::Flate),
        }),
    };
    let mut warnings = Vec::new();
    let mut lo = printpdf::to_lopdf_doc(&pdf, &options, &mut warnings);
    slim_fonts(&mut lo);
    compress(&mut lo).map_err(|e| PdfError::Write(e.to_string()))?;
    crate::slots::add_fields(&mut lo, &crate::slots::slots(laid))
        .map_err(|e| PdfError::Write(e.to_string()))?;
    finish(&mut lo, &profile.lang, date.is_some())
}

fn pt_to_mm(pt: f32) -> Mm {
    Mm(pt * 25.4 / 72.0)
}

/// `2024-02-06` as midnight UTC; empty means no date.
fn iso_date(s: &str) -> Result<Option<OffsetDateTime>, PdfError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    let bad = || PdfError::Date(s.to_string());
    let parts: Vec<&str> = s.trim().split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(bad());
    };
    let (year, month, day) = (
        y.parse::<i32>().map_err(|_| bad())?,
        m.parse::<u8>().map_err(|_| bad())?,
        d.parse::<u8>().map_err(|_| bad())?,
    );
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || y.len() != 4 {
        return Err(bad());
    }
    Ok(Some(OffsetDateTime::new_in_offset(
        Date { year, month, day },
        Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        // The document's date is a day in Vietnam: its midnight there.
        Offset {
            hours: vanban_viet::UTC_OFFSET_HOURS,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    )))
}

fn set_info(pdf: &mut PdfDocument, meta: &Meta, producer: &str, date: Option<OffsetDateTime>) {
    let info = &mut pdf.metadata.info;
    info.document_title = meta.title.clone();
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.keywords = Some(meta.keywords.clone())
        .filter(|k| !k.is_empty())
        .into_iter()
        .collect();
    info.creator = producer.to_string();
    info.producer = producer.to_string();
    let date = date.unwrap_or(OffsetDateTime::epoch());
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
}

/// One font resource per face the layout uses, named by a subset tag derived from the
/// face and its characters: a different subset gets a different tag, the same one the
/// same tag in every run.
fn add_fonts(
    pdf: &mut PdfDocument,
    laid: &Layout,
    fonts: &Fonts,
) -> Result<BTreeMap<Variant, FontId>, PdfError> {
    let mut used: BTreeMap<Variant, BTreeSet<char>> = BTreeMap::new();
    for t in texts(laid) {
        used.entry(t.variant).or_default().extend(t.text.chars());
    }
    let mut ids = BTreeMap::new();
    for (variant, chars) in used {
        let face = fonts.face(variant);
        let parsed = parsed_font(face)?;
        let mut key = face.name().as_bytes().to_vec();
        key.extend(chars.iter().collect::<String>().as_bytes());
        let id = FontId(subset_tag(&key));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed));
        ids.insert(variant, id);
    }
    Ok(ids)
}

/// printpdf's parse of a face, made once per process and cloned for each document:
/// parsing is a good part of a document's time, cloning a copy of bytes.
fn parsed_font(face: &vanban_font::Face) -> Result<ParsedFont, PdfError> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<usize, ParsedFont>>> = OnceLock::new();
    // Font bytes live for the whole process, so their address names the face.
    let key = face.data().as_ptr() as usize;
    let cache = CACHE.get_or_init(Default::default);
    if let Some(p) = cache.lock().expect("no panics under the lock").get(&key) {
        return Ok(p.clone());
    }
    let mut warnings = Vec::new();
    let parsed =
        ParsedFont::from_bytes(face.data(), 0, &mut warnings).ok_or_else(|| PdfError::Font {
            name: face.name().to_string(),
            message: format!("{warnings:?}"),
        })?;
    cache
        .lock()
        .expect("no panics under the lock")
        .insert(key, parsed.clone());
    Ok(parsed)
}

/// Every text item of the layout, page numbers included.
fn texts(laid: &Layout) -> impl Iterator<Item = &Text> {
    laid.pages.iter().flat_map(|p| {
        p.items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t),
                _ => None,
            })
            .chain(p.number.as_ref())
    })
}

/// Six capital letters, as ISO 32000 wants a subset tag to be.
fn subset_tag(key: &[u8]) -> String {
    let mut h = fnv1a(key, FNV_OFFSET);
    (0..6)
        .map(|_| {
            let c = (b'A' + (h % 26) as u8) as char;
            h /= 26;
            c
        })
        .collect()
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a(data: &[u8], seed: u64) -> u64 {
    data.iter().fold(seed, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The pictures the layout places, decoded once each; keyed by block.
fn add_images(
    pdf: &mut PdfDocument,
    laid: &Layout,
    doc: &Document,
) -> Result<BTreeMap<usize, (XObjectId, usize, usize)>, PdfError> {
    let mut ids = BTreeMap::new();
    for page in &laid.pages {
        for item in &page.items {
            let Item::Image(p) = item else { continue };
            let Some(Block::Image(img)) = doc.blocks.get(p.block) else {
                continue;
            };
            if ids.contains_key(&p.block) {
                continue;
            }
            let id = XObjectId(format!("Im{}", p.block));
            let (xobject, size) = if let Some(x) = jpeg_xobject(&img.data) {
                // A JPEG goes in as it is (DCT): decoding and recompressing it would make
                // the file many times larger and the picture no better.
                let size = (x.width.unwrap().0, x.height.unwrap().0);
                (XObject::External(x), size)
            } else {
                let mut warnings = Vec::new();
                let raw =
                    RawImage::decode_from_bytes(&img.data, &mut warnings).map_err(|message| {
                        PdfError::Image {
                            path: img.path.clone(),
                            message,
                        }
                    })?;
                let size = (raw.width, raw.height);
                (XObject::Image(raw), size)
            };
            pdf.resources.xobjects.map.insert(id.clone(), xobject);
            ids.insert(p.block, (id, size.0, size.1));
        }
    }
    Ok(ids)
}

/// A JPEG as an image XObject of its own bytes (DCTDecode); `None` for other data or a
/// JPEG whose frame header does not say its colours.
fn jpeg_xobject(data: &[u8]) -> Option<ExternalXObject> {
    use printpdf::xobject::{DictItem, ExternalStream};
    use vanban_model::picture;
    let (w, h) = picture::dimensions(data).filter(|_| picture::is_jpeg(data))?;
    let space: &[u8] = match picture::jpeg_components(data)? {
        1 => b"DeviceGray",
        3 => b"DeviceRGB",
        4 => b"DeviceCMYK",
        _ => return None,
    };
    let name = |n: &[u8]| DictItem::Name(n.to_vec());
    let dict = [
        ("Type", name(b"XObject")),
        ("Subtype", name(b"Image")),
        ("Width", DictItem::Int(w as i64)),
        ("Height", DictItem::Int(h as i64)),
        ("BitsPerComponent", DictItem::Int(8)),
        ("ColorSpace", name(space)),
        ("Filter", name(b"DCTDecode")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    Some(ExternalXObject {
        stream: ExternalStream {
            dict,
            content: data.to_vec(),
            compress: false,
        },
        width: Some(printpdf::Px(w as usize)),
        height: Some(printpdf::Px(h as usize)),
        dpi: None,
    })
}

fn page_ops(
    page: &crate::layout::Page,
    fonts: &BTreeMap<Variant, FontId>,
    images: &BTreeMap<usize, (XObjectId, usize, usize)>,
) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut thickness = None;
    for item in &page.items {
        match item {
            Item::Rule(r) => {
                if thickness != Some(r.thickness) {
                    ops.push(Op::SetOutlineThickness {
                        pt: Pt(r.thickness),
                    });
                    thickness = Some(r.thickness);
                }
                let point = |x, y| LinePoint {
                    p: Point { x: Pt(x), y: Pt(y) },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(r.x1, r.y1), point(r.x2, r.y2)],
                        is_closed: false,
                    },
                });
            }
            Item::Image(p) => {
                let Some((id, w, h)) = images.get(&p.block) else {
                    continue;
                };
                // At 72 dpi a pixel is a point; then scale to the laid-out size.
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(p.x)),
                        translate_y: Some(Pt(p.y)),
                        scale_x: Some(p.width / *w as f32),
                        scale_y: Some(p.height / *h as f32),
                        dpi: Some(72.0),
                        ..Default::default()
                    },
                });
            }
            Item::Text(_) | Item::Slot(_) => {}
        }
    }

    ops.push(Op::StartTextSection);
    let mut current: Option<(Variant, f32)> = None;
    let texts = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .chain(page.number.as_ref());
    for t in texts {
        if current != Some((t.variant, t.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(fonts[&t.variant].clone()),
                size: Pt(t.size),
            });
            current = Some((t.variant, t.size));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(t.x), Pt(t.y)),
        });
        ops.push(Op::ShowText {
            items: show_items(t),
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// The text as one string, or for a justified line a TJ array that moves each space's
/// successor right by the line's word spacing (negative TJ numbers move right).
fn show_items(t: &Text) -> Vec<TextItem> {
    if t.word_spacing == 0.0 {
        return vec![TextItem::Text(t.text.clone())];
    }
    let offset = -t.word_spacing * 1000.0 / t.size;
    let mut items = Vec::new();
    let mut word = String::new();
    for c in t.text.chars() {
        word.push(c);
        if c == ' ' {
            items.push(TextItem::Text(std::mem::take(&mut word)));
            items.push(TextItem::Offset(offset));
        }
    }
    if !word.is_empty() {
        items.push(TextItem::Text(word));
    }
    items
}

/// Replaces each embedded TrueType program (`/FontFile2`) with its slimmed form
/// ([`vanban_font::fontfile`]), before compression.
fn slim_fonts(lo: &mut lopdf::Document) {
    let programs: BTreeSet<lopdf::ObjectId> = lo
        .objects
        .values()
        .filter_map(|o| {
            o.as_dict()
                .ok()?
                .get(b"FontFile2")
                .ok()?
                .as_reference()
                .ok()
        })
        .collect();
    for id in programs {
        let Ok(stream) = lo.get_object_mut(id).and_then(lopdf::Object::as_stream_mut) else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        if let Some(slim) = vanban_font::fontfile::slim(&stream.content) {
            stream.dict.set("Length1", slim.len() as i64);
            stream.set_content(slim);
        }
    }
}

/// What printpdf does not set: the catalog's language, an ID derived from the content
/// (printpdf's is random), and an info dictionary without its empty or PDF/X-only keys.
/// Deflates every stream at zlib's default level. lopdf's own `compress` uses the best
/// level, which costs a quarter of a document's time for files a few percent smaller.
fn compress(lo: &mut lopdf::Document) -> std::io::Result<()> {
    for obj in lo.objects.values_mut() {
        let lopdf::Object::Stream(stream) = obj else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let packed = deflate(&stream.content)?;
        if packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
    Ok(())
}

/// `data` deflated at zlib's default level.
pub(crate) fn deflate(data: &[u8]) -> std::io::Result<Vec<u8>> {
    use flate2::Compression;
    use flate2::write::ZlibEncoder;
    use std::io::Write;
    let mut enc = ZlibEncoder::new(Vec::new(), Compression::default());
    enc.write_all(data)?;
    enc.finish()
}

fn finish(lo: &mut lopdf::Document, lang: &str, dated: bool) -> Result<Vec<u8>, PdfError> {
    use lopdf::{Object, StringFormat};
    let err = |e: lopdf::Error| PdfError::Write(e.to_string());

    let root = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(err)?;
    lo.get_dictionary_mut(root).map_err(err)?.set(
        "Lang",
        Object::String(lang.as_bytes().to_vec(), StringFormat::Literal),
    );

    let info = lo
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(err)?;
    let dict = lo.get_dictionary_mut(info).map_err(err)?;
    dict.remove(b"GTS_PDFXVersion");
    dict.remove(b"Identifier");
    dict.remove(b"Trapped");
    if !dated {
        dict.remove(b"CreationDate");
        dict.remove(b"ModDate");
    } else {
        // printpdf writes the date's clock time as given but always with +00'00': the
        // offset of `iso_date` (Vietnam's) is put back here, before the XMP copies it.
        let offset = format!("{:+03}'00'", vanban_viet::UTC_OFFSET_HOURS);
        for key in [&b"CreationDate"[..], b"ModDate"] {
            if let Ok(Object::String(v, _)) = dict.get_mut(key)
                && v.ends_with(b"+00'00'")
            {
                let n = v.len();
                v[n - 7..].copy_from_slice(offset.as_bytes());
            }
        }
    }
    let empty: Vec<Vec<u8>> = dict
        .iter()
        .filter(|(_, v)| {
            v.as_str()
                .map(|s| s.is_empty() || s == b"\xFE\xFF")
                .unwrap_or(false)
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in empty {
        dict.remove(&k);
    }

    // After the info dictionary is final: the XMP copies it.
    crate::pdfa::conform(lo).map_err(err)?;

    let id = |bytes: Vec<u8>| Object::String(bytes, StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", Object::Array(vec![id(vec![0; 16]), id(vec![0; 16])]));
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    // ISO 32000-1 §14.4 suggests an MD5 digest for the identifier; content-derived, so
    // the same document gives the same file.
    let digest = md5::Md5::digest(&out).to_vec();
    lo.trailer
        .set("ID", Object::Array(vec![id(digest.clone()), id(digest)]));
    out.clear();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_or_fail_in_vietnamese() {
        let d = iso_date("2024-02-06").unwrap().unwrap();
        assert_eq!((d.date.year, d.date.month, d.date.day), (2024, 2, 6));
        assert_eq!(iso_date("").unwrap(), None);
        let e = iso_date("06/02/2024").unwrap_err();
        assert!(e.to_string().contains("06/02/2024"));
    }

    #[test]
    fn tags_are_six_capitals_and_depend_on_content() {
        let a = subset_tag(b"Liberation Serif abc");
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(a, subset_tag(b"Liberation Serif abc"));
        assert_ne!(a, subset_tag(b"Liberation Serif abd"));
    }

    #[test]
    fn justified_text_keeps_its_spaces() {
        let t = Text {
            text: "a b".into(),
            variant: Variant::Regular,
            size: 14.0,
            x: 0.0,
            y: 0.0,
            width: 10.0,
            word_spacing: 1.4,
            block: 0,
        };
        assert_eq!(
            show_items(&t),
            vec![
                TextItem::Text("a ".into()),
                TextItem::Offset(-100.0),
                TextItem::Text("b".into())
            ]
        );
    }
}

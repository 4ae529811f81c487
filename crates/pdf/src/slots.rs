//! The places of the signatures (Nghị định 30/2020/NĐ-CP, Phụ lục I): where a signature
//! column's signer signs and where the agency's seal goes, carried through the layout as
//! [`Item::Slot`]s, and written into the PDF as empty signature fields that signing tools
//! (and `vanban ky`) fill.
//!
//! The lowering marks a signature column's name line with its [`SignPlace`]; the
//! typesetter's only hook is [`column_slots`], called where that line is set in its cell
//! with the room above it; everything else about signatures lives here.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use serde::Serialize;
use vanban_layout::SignPlace;

use crate::layout::{Item, Layout};

/// Prefix of a signer's field name; the column's `id` follows.
pub const SIGNER_PREFIX: &str = "ky.";
/// Prefix of an agency's (seal) field name; the column's `seal` follows.
pub const AGENCY_PREFIX: &str = "dau.";

/// A signature's place on a page, in a unit (y down from its top) until the paginator
/// puts it on a page, then in PDF user space (y of the bottom edge, up from the page's).
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// The field name: `ky.<id>` or `dau.<seal>`.
    pub name: String,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// A signature place as signing tools take it: 1-based page and `llx, lly, urx, ury` in
/// points from the page's bottom-left corner (the sidecar `NAME.sign.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignatureSlot {
    pub name: String,
    /// `ky` (the signer's signature image) or `dau` (the agency's seal and signature).
    pub kind: &'static str,
    pub page: usize,
    pub rect: [f32; 4],
}

/// The signature slots of a name line, in the cell's coordinates (y down, the cell's top
/// at 0): the signer's field between `above` (the bottom of the line before the name) and
/// `name_top`, and, when the place has a seal, a square agency field whose right part
/// overlaps the left `seal_overlap` of the signer's field (Phụ lục I: about a third, on
/// the left). A signature image is wider than tall: the signer's field is at most
/// `max_aspect` times as wide as high. Where a grid row's alignment made the room taller
/// than twice the profile's (`room`), the field is the lower part of it, just above the
/// name.
///
/// The agency field has the seal's real size (`seal_side`, Phụ lục I) where the cell has
/// room: like a seal on paper it is larger than the room above the name, centred on the
/// signer's field and covering the role line and the name of its own cell, never below
/// the name (`name_bottom`) nor above the cell. Both fields stay inside the cell (`x`,
/// `width`), so that they never reach a neighbouring cell's text, and are centred in it
/// together: a narrow cell first narrows the signer's field, down to the profile's room
/// (a square when the room is not taller), then the seal. The seal's comes after the signer's: annotations draw in order, and the seal
/// covers the signature.
pub(crate) fn column_slots(
    place: &SignPlace,
    x: f32,
    width: f32,
    above: f32,
    name_top: f32,
    name_bottom: f32,
) -> Vec<Item> {
    let height = (name_top - above).min(2.0 * place.room);
    let above = name_top - height;
    if place.id.is_empty() || height <= 0.0 || width <= 0.0 {
        return Vec::new();
    }
    let signer = |x: f32, w: f32| Slot {
        name: format!("{SIGNER_PREFIX}{}", place.id),
        x,
        y: above,
        width: w,
        height,
    };
    if place.seal.is_empty() {
        let w = width.min(place.max_aspect * height);
        return vec![Item::Slot(signer(x + (width - w) / 2.0, w))];
    }
    let overlap = place.seal_overlap;
    let keep = 1.0 - overlap;
    // The seal's side: its real size, less where the cell is too narrow for it and a
    // signer's field as wide as the room, or too short between its top and the name's
    // bottom; never less than half the cell (a very narrow cell).
    let floor = place.room.min(height);
    let side = place
        .seal_side
        .min((width - keep * floor).max(width / 2.0))
        .min(name_bottom);
    // The signer's width w then makes the pair (side + w × (1 − overlap)) fit the cell.
    let w = (place.max_aspect * height).min((width - side) / keep);
    let left = x + (width - (side + keep * w)) / 2.0;
    // Centred on the signer's field, then kept between the cell's top and the name's
    // bottom.
    let y = (above + (height - side) / 2.0)
        .min(name_bottom - side)
        .max(0.0);
    let seal = Slot {
        name: format!("{AGENCY_PREFIX}{}", place.seal),
        x: left,
        y,
        width: side,
        height: side,
    };
    vec![
        Item::Slot(signer(left + side - overlap * w, w)),
        Item::Slot(seal),
    ]
}

/// Every slot of a laid-out document, page by page.
pub fn slots(laid: &Layout) -> Vec<SignatureSlot> {
    let mut out = Vec::new();
    for (i, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Slot(s) = item {
                out.push(SignatureSlot {
                    name: s.name.clone(),
                    kind: if s.name.starts_with(AGENCY_PREFIX) {
                        "dau"
                    } else {
                        "ky"
                    },
                    page: i + 1,
                    rect: [s.x, s.y, s.x + s.width, s.y + s.height].map(round2),
                });
            }
        }
    }
    out
}

/// Hundredths of a point: more than any tool needs, and stable text in the sidecar.
fn round2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// The sidecar's JSON: the file's signature places, in page order.
pub fn sidecar_json(slots: &[SignatureSlot]) -> String {
    #[derive(Serialize)]
    struct Sidecar<'a> {
        /// Units and origin, for whoever reads the file without the docs.
        don_vi: &'static str,
        o_ky: &'a [SignatureSlot],
    }
    let mut s = serde_json::to_string_pretty(&Sidecar {
        don_vi: "điểm (point, 1/72 inch), gốc tọa độ ở góc dưới bên trái trang; rect = llx, lly, urx, ury",
        o_ky: slots,
    })
    .expect("serialises");
    s.push('\n');
    s
}

/// Adds an empty signature field (a widget annotation with an empty appearance and the
/// print flag, as PDF/A wants) for every slot, and the form that lists them. A period may
/// not stand in a field's own name (ISO 32000-1 §12.7.3.2), so `ky.bnc` is the field
/// `bnc` under a field `ky`: its fully qualified name is `ky.bnc`, as signing tools show
/// and look it up. A name that appears twice (two grids naming the same member) keeps its
/// first place: a field name must be unique.
pub(crate) fn add_fields(lo: &mut lopdf::Document, slots: &[SignatureSlot]) -> lopdf::Result<()> {
    if slots.is_empty() {
        return Ok(());
    }
    let pages = lo.get_pages();
    // Parent fields by prefix ("ky", "dau"), in order of first use.
    let mut parents: Vec<(String, ObjectId, Vec<Object>)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for s in slots {
        if !seen.insert(s.name.as_str()) {
            continue;
        }
        let Some(&page) = pages.get(&(s.page as u32)) else {
            continue;
        };
        let (prefix, own) = s.name.split_once('.').unwrap_or(("ky", &s.name));
        let parent = match parents.iter().position(|p| p.0 == prefix) {
            Some(i) => i,
            None => {
                let id = lo.new_object_id();
                parents.push((prefix.to_string(), id, Vec::new()));
                parents.len() - 1
            }
        };
        let [llx, lly, urx, ury] = s.rect;
        let appearance = lo.add_object(empty_appearance(urx - llx, ury - lly));
        let mut widget = Dictionary::new();
        widget.set("Type", "Annot");
        widget.set("Subtype", "Widget");
        widget.set("FT", "Sig");
        widget.set("T", Object::String(text_string(own), StringFormat::Literal));
        widget.set("Parent", parents[parent].1);
        widget.set("Rect", vec![llx.into(), lly.into(), urx.into(), ury.into()]);
        // Print (4), and nothing hidden: PDF/A-2 §6.3.2.
        widget.set("F", 4);
        widget.set("P", page);
        widget.set(
            "AP",
            Dictionary::from_iter(vec![("N", Object::Reference(appearance))]),
        );
        let id = lo.add_object(widget);
        add_annot(lo, page, id)?;
        parents[parent].2.push(Object::Reference(id));
    }
    let mut fields = Vec::new();
    for (prefix, id, kids) in parents {
        let mut dict = Dictionary::new();
        dict.set(
            "T",
            Object::String(text_string(&prefix), StringFormat::Literal),
        );
        dict.set("Kids", kids);
        lo.objects.insert(id, Object::Dictionary(dict));
        fields.push(Object::Reference(id));
    }
    let root = lo.trailer.get(b"Root")?.as_reference()?;
    let form = Dictionary::from_iter(vec![("Fields", Object::Array(fields))]);
    let form = lo.add_object(form);
    lo.get_dictionary_mut(root)?.set("AcroForm", form);
    Ok(())
}

fn add_annot(lo: &mut lopdf::Document, page: ObjectId, annot: ObjectId) -> lopdf::Result<()> {
    let dict = lo.get_dictionary_mut(page)?;
    match dict.get_mut(b"Annots") {
        Ok(Object::Array(a)) => a.push(Object::Reference(annot)),
        _ => dict.set("Annots", vec![Object::Reference(annot)]),
    }
    Ok(())
}

/// An empty form XObject the size of the field: an unsigned field shows nothing.
pub(crate) fn empty_appearance(width: f32, height: f32) -> Stream {
    let mut dict = Dictionary::new();
    dict.set("Type", "XObject");
    dict.set("Subtype", "Form");
    dict.set(
        "BBox",
        vec![0.into(), 0.into(), width.into(), height.into()],
    );
    Stream::new(dict, Vec::new())
}

/// A PDF text string: ASCII as it is, anything else UTF-16BE with its mark.
fn text_string(s: &str) -> Vec<u8> {
    if s.is_ascii() {
        return s.as_bytes().to_vec();
    }
    let mut out = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        out.extend(u.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seal 36 mm across, a third over the signature, at most 2.5 times as wide as high.
    fn place() -> SignPlace {
        SignPlace {
            id: "nguoi-ky".into(),
            seal: "co-quan".into(),
            seal_overlap: 1.0 / 3.0,
            max_aspect: 2.5,
            seal_side: 36.0 * 72.0 / 25.4,
            room: 54.0,
        }
    }

    fn pair(width: f32) -> (Slot, Slot) {
        // Room 54 pt high above a name line from 100 to 118, three lines above it.
        match &column_slots(&place(), 10.0, width, 46.0, 100.0, 118.0)[..] {
            [Item::Slot(s), Item::Slot(a)] => (s.clone(), a.clone()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn in_a_wide_cell_the_seal_has_its_real_size_over_the_left_third() {
        let (s, a) = pair(230.0);
        assert!(
            (a.width - 102.05).abs() < 0.01 && a.height == a.width,
            "{a:?}"
        );
        assert_eq!((s.y, s.height, s.width), (46.0, 54.0, 135.0), "{s:?}");
        // Over the signer's left third.
        let overlap = a.x + a.width - s.x;
        assert!((overlap - s.width / 3.0).abs() < 0.01, "{a:?} {s:?}");
        // Over the whole room, never below the name's bottom nor above the cell.
        assert!(a.y <= s.y && a.y + a.height >= s.y + s.height, "{a:?}");
        assert!(a.y >= 0.0 && a.y + a.height <= 118.01, "{a:?}");
        // The pair inside the cell, centred.
        let (l, r) = (a.x, s.x + s.width);
        assert!(l >= 10.0 && r <= 240.0 && ((l - 10.0) - (240.0 - r)).abs() < 0.01);
    }

    #[test]
    fn a_narrow_cell_narrows_the_signature_first_then_the_seal() {
        // A pledge cell of three columns: the seal keeps its size.
        let (s, a) = pair(146.0);
        assert!((a.width - 102.05).abs() < 0.01, "{a:?}");
        assert!(s.width >= s.height && a.x >= 10.0 && s.x + s.width <= 156.01);
        // Five columns: the signature is a square, the seal what is left.
        let (s, a) = pair(100.0);
        assert!((s.width - 54.0).abs() < 0.01, "{s:?}");
        assert!((a.width - (100.0 - 36.0)).abs() < 0.01, "{a:?}");
        assert!(a.x >= 10.0 - 0.01 && s.x + s.width <= 110.01);
        // Too narrow even for that: half the cell each way.
        let (s, a) = pair(60.0);
        assert!(
            (a.width - 30.0).abs() < 0.01 && s.x + s.width <= 70.01,
            "{a:?} {s:?}"
        );
    }

    /// A neighbour in the row with more role lines makes this cell's room taller (the
    /// names share a baseline): the seal keeps its real size in a pledge's cell, and a
    /// room taller than twice the profile's gives a field just above the name.
    #[test]
    fn a_taller_room_keeps_the_seal_and_the_signature_near_the_name() {
        match &column_slots(&place(), 10.0, 146.0, 28.0, 100.0, 118.0)[..] {
            [Item::Slot(s), Item::Slot(a)] => {
                assert!((a.width - 102.05).abs() < 0.01, "{a:?}");
                assert_eq!((s.y, s.height), (28.0, 72.0), "{s:?}");
                assert!(s.width >= 54.0 && s.x + s.width <= 156.01, "{s:?}");
            }
            other => panic!("{other:?}"),
        }
        match &column_slots(&place(), 10.0, 146.0, 0.0, 900.0, 918.0)[..] {
            [Item::Slot(s), Item::Slot(a)] => {
                assert_eq!((s.y, s.height), (900.0 - 108.0, 108.0), "{s:?}");
                assert!(a.y + a.height <= 918.01 && a.y >= s.y - 102.0, "{a:?}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_seal_stays_inside_a_short_cell() {
        // Only the room and the name in the cell: the seal is as high as they are.
        match &column_slots(&place(), 0.0, 230.0, 0.0, 54.0, 72.0)[..] {
            [Item::Slot(_), Item::Slot(a)] => {
                assert!(a.y >= 0.0 && (a.height - 72.0).abs() < 0.01, "{a:?}")
            }
            other => panic!("{other:?}"),
        }
    }
}

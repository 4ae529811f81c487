//! Slims TrueType faces for embedding in a PDF. The subsets printpdf (through allsorts)
//! embeds ([`slim`]) keep the face's
//! hinting — `fpgm`, `prep`, `cvt ` and every glyph's instructions — and all its `name`
//! strings. Hinting only grid-fits outlines for low-resolution screens; PDF viewers
//! render without it (poppler, pdf.js) or with their own hinter, and printers never use
//! it. It was over half of each subset. What stays is what a PDF reader uses: outlines
//! (`glyf`, `loca`), metrics (`head`, `hhea`, `hmtx`, `maxp`, `OS/2`), `cmap`, `post`
//! reduced to its header, and the `name` strings that say what the face is and its
//! licence. Outlines and advances are copied byte for byte, so rendering is unchanged.
//!
//! [`subset`] does the same to a whole face and also empties every glyph but the ones a
//! text uses (and the parts of those that are composites): glyph ids stay the same, so a
//! PDF's `Identity` CID-to-glyph map and its widths still hold. The signature appearances
//! of `vanban ky` embed their font this way (the whole face is about 200 KB a signature).

/// Tables kept; anything else (hinting, kerning, layout tables, device metrics) goes.
const KEEP: [&[u8; 4]; 10] = [
    b"OS/2", b"cmap", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"name", b"post",
];

/// Name records kept (Windows platform): copyright, family, subfamily, full name,
/// PostScript name, licence and its URL. The OFL asks the copyright notice and licence
/// to travel with the font.
const NAME_IDS: [u16; 7] = [0, 1, 2, 4, 6, 13, 14];

/// The slimmed font, or `None` when `ttf` is not a TrueType font this understands
/// (a CFF face, a damaged table): the caller then embeds it as it is.
pub fn slim(ttf: &[u8]) -> Option<Vec<u8>> {
    slim_keeping(ttf, None)
}

/// The slimmed font with only the outlines of `glyphs` (and .notdef, and the components
/// of composites among them); `None` as for [`slim`].
pub fn subset(ttf: &[u8], glyphs: &[u16]) -> Option<Vec<u8>> {
    slim_keeping(ttf, Some(glyphs))
}

fn slim_keeping(ttf: &[u8], keep: Option<&[u16]>) -> Option<Vec<u8>> {
    let version = be32(ttf, 0)?;
    if version != 0x0001_0000 && version != u32::from_be_bytes(*b"true") {
        return None;
    }
    let count = be16(ttf, 4)? as usize;
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for i in 0..count {
        let rec = ttf.get(12 + 16 * i..12 + 16 * (i + 1))?;
        let tag: [u8; 4] = rec[..4].try_into().ok()?;
        let (offset, len) = (be32(rec, 8)? as usize, be32(rec, 12)? as usize);
        let data = ttf.get(offset..offset.checked_add(len)?)?;
        if KEEP.contains(&&tag) {
            tables.push((tag, data.to_vec()));
        }
    }
    let table =
        |tables: &[([u8; 4], Vec<u8>)], tag: &[u8; 4]| tables.iter().position(|(t, _)| t == tag);
    let (head, maxp, loca, glyf) = (
        table(&tables, b"head")?,
        table(&tables, b"maxp")?,
        table(&tables, b"loca")?,
        table(&tables, b"glyf")?,
    );
    let long_loca = be16(&tables[head].1, 50)? != 0;
    let glyphs = be16(&tables[maxp].1, 4)? as usize;
    let kept = match keep {
        Some(ids) => Some(with_components(
            &tables[glyf].1,
            &tables[loca].1,
            glyphs,
            long_loca,
            ids,
        )?),
        None => None,
    };
    let (new_glyf, new_loca) = strip_instructions(
        &tables[glyf].1,
        &tables[loca].1,
        glyphs,
        long_loca,
        kept.as_deref(),
    )?;
    tables[glyf].1 = new_glyf;
    tables[loca].1 = new_loca;
    unhint_maxp(&mut tables[maxp].1);
    if let Some(i) = table(&tables, b"name")
        && let Some(name) = slim_name(&tables[i].1)
    {
        tables[i].1 = name;
    }
    if let Some(i) = table(&tables, b"post") {
        let post = &mut tables[i].1;
        // Version 3: the header only, no glyph names.
        if post.len() >= 32 {
            post.truncate(32);
            post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
        }
    }
    tables[head].1.get_mut(8..12)?.fill(0);
    tables.sort_by_key(|(tag, _)| *tag);
    Some(assemble(version, &tables))
}

/// Where glyph `i`'s data starts in `glyf`, by `loca`.
fn glyph_offset(loca: &[u8], long: bool, i: usize) -> Option<usize> {
    if long {
        be32(loca, 4 * i).map(|o| o as usize)
    } else {
        be16(loca, 2 * i).map(|o| 2 * o as usize)
    }
}

/// Which glyphs to keep: `ids`, .notdef, and every component of a composite among them
/// (to any depth), as a table indexed by glyph id.
fn with_components(
    glyf: &[u8],
    loca: &[u8],
    glyphs: usize,
    long: bool,
    ids: &[u16],
) -> Option<Vec<bool>> {
    let mut keep = vec![false; glyphs];
    let mut todo: Vec<usize> = ids.iter().map(|&g| g as usize).chain([0]).collect();
    while let Some(i) = todo.pop() {
        if i >= glyphs || keep[i] {
            continue;
        }
        keep[i] = true;
        let g = glyf.get(glyph_offset(loca, long, i)?..glyph_offset(loca, long, i + 1)?)?;
        if g.len() >= 10 && (be16(g, 0)? as i16) < 0 {
            todo.extend(components(g)?.into_iter().map(usize::from));
        }
    }
    Some(keep)
}

/// The glyph ids a composite glyph is made of.
fn components(g: &[u8]) -> Option<Vec<u16>> {
    let mut out = Vec::new();
    let mut at = 10;
    loop {
        let flags = be16(g, at)?;
        out.push(be16(g, at + 2)?);
        at += component_len(flags);
        if flags & MORE_COMPONENTS == 0 {
            return Some(out);
        }
    }
}

const ARGS_ARE_WORDS: u16 = 0x0001;
const HAVE_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const X_AND_Y_SCALE: u16 = 0x0040;
const TWO_BY_TWO: u16 = 0x0080;
const HAVE_INSTRUCTIONS: u16 = 0x0100;

/// The length of one component record of a composite glyph, from its flags.
fn component_len(flags: u16) -> usize {
    let mut len = 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
    len += if flags & HAVE_SCALE != 0 {
        2
    } else if flags & X_AND_Y_SCALE != 0 {
        4
    } else if flags & TWO_BY_TWO != 0 {
        8
    } else {
        0
    };
    len
}

/// `glyf` and `loca` with every glyph's instructions removed, in the same `loca` format;
/// with `keep`, the glyphs it does not keep are empty.
fn strip_instructions(
    glyf: &[u8],
    loca: &[u8],
    glyphs: usize,
    long: bool,
    keep: Option<&[bool]>,
) -> Option<(Vec<u8>, Vec<u8>)> {
    let offset = |i: usize| glyph_offset(loca, long, i);
    let mut out = Vec::with_capacity(glyf.len());
    let mut offsets = Vec::with_capacity(glyphs + 1);
    for i in 0..glyphs {
        offsets.push(out.len());
        let (start, end) = (offset(i)?, offset(i + 1)?);
        let g = glyf.get(start..end)?;
        let kept = keep.is_none_or(|k| k.get(i).copied().unwrap_or(false));
        if kept && !g.is_empty() {
            out.extend(strip_glyph(g)?);
            // Short offsets count words; long ones keep 4-byte alignment.
            let align = if long { 4 } else { 2 };
            out.resize(out.len().next_multiple_of(align), 0);
        }
    }
    offsets.push(out.len());
    let mut new_loca = Vec::with_capacity(loca.len());
    for o in offsets {
        if long {
            new_loca.extend((o as u32).to_be_bytes());
        } else {
            new_loca.extend(u16::try_from(o / 2).ok()?.to_be_bytes());
        }
    }
    Some((out, new_loca))
}

/// One glyph without its instructions.
fn strip_glyph(g: &[u8]) -> Option<Vec<u8>> {
    let contours = be16(g, 0)? as i16;
    if contours >= 0 {
        // Header (10 bytes), end points, instruction length, instructions, then the
        // flags and coordinates, which stay as they are.
        let at = 10 + 2 * contours as usize;
        let len = be16(g, at)? as usize;
        let points = match contours {
            0 => 0,
            _ => be16(g, at - 2)? as usize + 1,
        };
        let rest = g.get(at + 2 + len..)?;
        let mut out = g[..at].to_vec();
        out.extend([0, 0]);
        // Without the old padding, which would otherwise add to the new.
        out.extend(rest.get(..outline_len(rest, points)?)?);
        return Some(out);
    }
    // A composite: clear WE_HAVE_INSTRUCTIONS on each component and cut after the last.
    let mut out = g.get(..10)?.to_vec();
    let mut at = 10;
    loop {
        let flags = be16(g, at)?;
        let len = component_len(flags);
        let component = g.get(at..at + len)?;
        out.extend((flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        out.extend(&component[2..]);
        at += len;
        if flags & MORE_COMPONENTS == 0 {
            return Some(out);
        }
    }
}

/// The length of a simple glyph's flags and coordinates for `points` points.
fn outline_len(data: &[u8], points: usize) -> Option<usize> {
    const X_SHORT: u8 = 0x02;
    const Y_SHORT: u8 = 0x04;
    const REPEAT: u8 = 0x08;
    const X_SAME: u8 = 0x10;
    const Y_SAME: u8 = 0x20;
    let (mut at, mut seen, mut coords) = (0, 0, 0);
    while seen < points {
        let flag = *data.get(at)?;
        at += 1;
        let times = if flag & REPEAT != 0 {
            at += 1;
            1 + *data.get(at - 1)? as usize
        } else {
            1
        };
        let size = |short, same| match (flag & short != 0, flag & same != 0) {
            (true, _) => 1,
            (false, true) => 0,
            (false, false) => 2,
        };
        coords += times * (size(X_SHORT, X_SAME) + size(Y_SHORT, Y_SAME));
        seen += times;
    }
    Some(at + coords)
}

/// maxp without room for an interpreter nothing calls any more (what fontTools writes
/// for an unhinted font).
fn unhint_maxp(maxp: &mut [u8]) {
    if maxp.len() >= 32 && be32(maxp, 0) == Some(0x0001_0000) {
        maxp[14..16].copy_from_slice(&1u16.to_be_bytes()); // maxZones
        maxp[16..28].fill(0); // twilight points … size of instructions
    }
}

/// A format-0 `name` table with only [`NAME_IDS`] on the Windows platform; `None` keeps
/// the table as it is (another format, or no such record).
fn slim_name(name: &[u8]) -> Option<Vec<u8>> {
    if be16(name, 0)? != 0 {
        return None;
    }
    let (count, strings) = (be16(name, 2)? as usize, be16(name, 4)? as usize);
    let mut records = Vec::new();
    let mut data: Vec<u8> = Vec::new();
    for i in 0..count {
        let rec = name.get(6 + 12 * i..6 + 12 * (i + 1))?;
        let (platform, id) = (be16(rec, 0)?, be16(rec, 6)?);
        if platform != 3 || !NAME_IDS.contains(&id) {
            continue;
        }
        let (len, offset) = (be16(rec, 8)? as usize, be16(rec, 10)? as usize);
        let start = strings + offset;
        let s = name.get(start..start + len)?;
        records.extend(&rec[..10]);
        records.extend(u16::try_from(data.len()).ok()?.to_be_bytes());
        data.extend(s);
    }
    if records.is_empty() {
        return None;
    }
    let kept = records.len() / 12;
    let mut out = Vec::with_capacity(6 + records.len() + data.len());
    out.extend(0u16.to_be_bytes());
    out.extend((kept as u16).to_be_bytes());
    out.extend(((6 + 12 * kept) as u16).to_be_bytes());
    out.extend(records);
    out.extend(data);
    Some(out)
}

/// The font file: table directory, tables 4-byte aligned, checksums and `head`'s
/// checksum adjustment as the OpenType spec computes them. `tables` is sorted by tag.
fn assemble(version: u32, tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let pow = 1u16 << (15 - n.leading_zeros() as u16);
    let mut out = Vec::new();
    out.extend(version.to_be_bytes());
    out.extend(n.to_be_bytes());
    out.extend((pow * 16).to_be_bytes()); // searchRange
    out.extend((pow.trailing_zeros() as u16).to_be_bytes()); // entrySelector
    out.extend((n * 16 - pow * 16).to_be_bytes()); // rangeShift
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend(tag);
        out.extend(checksum(data).to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    let mut head_at = 0;
    for (tag, data) in tables {
        if tag == b"head" {
            head_at = out.len();
        }
        out.extend(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out[head_at + 8..head_at + 12].copy_from_slice(&adjust.to_be_bytes());
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn be16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn be32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Fonts, Variant};

    fn tables(font: &[u8]) -> Vec<([u8; 4], &[u8])> {
        (0..be16(font, 4).unwrap() as usize)
            .map(|i| {
                let rec = &font[12 + 16 * i..];
                let (o, l) = (
                    be32(rec, 8).unwrap() as usize,
                    be32(rec, 12).unwrap() as usize,
                );
                (rec[..4].try_into().unwrap(), &font[o..o + l])
            })
            .collect()
    }

    fn get<'a>(t: &[([u8; 4], &'a [u8])], tag: &[u8; 4]) -> Option<&'a [u8]> {
        t.iter().find(|(x, _)| x == tag).map(|(_, d)| *d)
    }

    fn glyph<'a>(t: &[([u8; 4], &'a [u8])], i: usize, long: bool) -> &'a [u8] {
        let loca = get(t, b"loca").unwrap();
        let at = |i: usize| {
            if long {
                be32(loca, 4 * i).unwrap() as usize
            } else {
                2 * be16(loca, 2 * i).unwrap() as usize
            }
        };
        &get(t, b"glyf").unwrap()[at(i)..at(i + 1)]
    }

    #[test]
    fn whole_faces_lose_hinting_and_keep_outlines_and_metrics() {
        for v in Variant::ALL {
            let original = Fonts::embedded().face(v).data();
            let slim = slim(original).expect("Liberation Serif is TrueType");
            assert!(slim.len() < original.len());
            assert_eq!(checksum(&slim), 0xB1B0_AFBA, "checksum adjustment");
            let (before, after) = (tables(original), tables(&slim));
            for tag in [b"fpgm", b"prep", b"cvt ", b"kern", b"GPOS", b"GSUB"] {
                assert!(
                    get(&after, tag).is_none(),
                    "{}",
                    String::from_utf8_lossy(tag)
                );
            }
            for tag in [b"hmtx", b"hhea", b"cmap", b"OS/2"] {
                assert_eq!(get(&before, tag), get(&after, tag));
            }
            let tags: Vec<_> = after.iter().map(|(t, _)| *t).collect();
            assert!(tags.is_sorted());
            // Every glyph keeps its outline: the same bytes after the instructions.
            let glyphs = be16(get(&after, b"maxp").unwrap(), 4).unwrap() as usize;
            let long = be16(get(&after, b"head").unwrap(), 50).unwrap() != 0;
            for i in 0..glyphs {
                let (a, b) = (glyph(&before, i, long), glyph(&after, i, long));
                assert_eq!(a.is_empty(), b.is_empty());
                if a.is_empty() {
                    continue;
                }
                assert_eq!(a[..10], b[..10], "glyph {i} header");
                if (be16(a, 0).unwrap() as i16) >= 0 {
                    let at = 10 + 2 * be16(a, 0).unwrap() as usize;
                    assert_eq!(be16(b, at), Some(0), "glyph {i} instructions");
                    let skip = be16(a, at).unwrap() as usize;
                    let (ra, rb) = (&a[at + 2 + skip..], &b[at + 2..]);
                    // Outline bytes equal up to padding.
                    let n = ra.len().min(rb.len());
                    assert_eq!(ra[..n], rb[..n], "glyph {i} outline");
                } else {
                    assert!(b.len() <= a.len());
                }
            }
            let name = get(&after, b"name").unwrap();
            assert_eq!(be16(name, 2), Some(NAME_IDS.len() as u16));
        }
    }

    /// A signature's text: its glyphs keep the slimmed face's bytes, and so do the parts
    /// of the accented letters that are composites; every other glyph is empty.
    #[test]
    fn a_subset_keeps_the_glyphs_a_text_shows_and_their_parts() {
        let face = Fonts::embedded().face(Variant::Regular);
        let text = "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu 2026-12-01T09:30:00+07:00";
        let ids: Vec<u16> = text.chars().map(|c| face.glyph_id(c).unwrap()).collect();
        let whole = slim(face.data()).unwrap();
        let sub = subset(face.data(), &ids).unwrap();
        assert!(
            sub.len() * 5 < whole.len(),
            "{} of {}",
            sub.len(),
            whole.len()
        );
        assert_eq!(checksum(&sub), 0xB1B0_AFBA, "checksum adjustment");
        let (w, s) = (tables(&whole), tables(&sub));
        for tag in [b"hmtx", b"hhea", b"cmap", b"OS/2", b"maxp"] {
            assert_eq!(
                get(&w, tag),
                get(&s, tag),
                "{}",
                String::from_utf8_lossy(tag)
            );
        }
        let glyphs = be16(get(&s, b"maxp").unwrap(), 4).unwrap() as usize;
        let long = be16(get(&s, b"head").unwrap(), 50).unwrap() != 0;
        let mut needed: Vec<usize> = ids.iter().map(|&g| g as usize).chain([0]).collect();
        let mut composites = 0;
        let mut i = 0;
        while i < needed.len() {
            let g = glyph(&w, needed[i], long);
            if g.len() >= 10 && (be16(g, 0).unwrap() as i16) < 0 {
                composites += 1;
                needed.extend(components(g).unwrap().into_iter().map(usize::from));
            }
            i += 1;
        }
        assert!(composites > 0, "the text should have composite letters");
        for i in 0..glyphs {
            if needed.contains(&i) {
                assert_eq!(glyph(&s, i, long), glyph(&w, i, long), "glyph {i}");
            } else {
                assert!(glyph(&s, i, long).is_empty(), "glyph {i} kept");
            }
        }
    }

    #[test]
    fn what_it_does_not_understand_it_leaves_alone() {
        assert_eq!(slim(b"OTTO\0\0"), None);
        assert_eq!(slim(&[0, 1, 0, 0, 0, 1]), None);
        let face = Fonts::embedded().face(Variant::Regular).data();
        assert_eq!(slim(&face[..200]), None);
    }
}

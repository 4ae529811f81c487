//! The PDF side of signing: finding the field, drawing its appearance, and appending an
//! incremental update (ISO 32000-1 §7.5.6) so that what was signed before stays byte for
//! byte as it was. The update is written here, not by lopdf, whose incremental writer
//! repeats the file header inside the update.

use std::fmt::Write as _;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::SignError;

/// A terminal signature field: fully qualified name, its widget (merged with the field in
/// the files vanban writes), page and rectangle.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub id: ObjectId,
    pub rect: [f32; 4],
    /// The page its widget is on (`/P`), when it says.
    pub page: Option<ObjectId>,
    pub signed: bool,
}

/// The signature fields of `doc`, in the form's order.
pub fn fields(doc: &Document) -> Vec<Field> {
    let mut out = Vec::new();
    let Some(form) = acroform(doc) else {
        return out;
    };
    if let Ok(Object::Array(list)) = form.get(b"Fields").and_then(|f| deref(doc, f)) {
        for f in list {
            if let Ok(id) = f.as_reference() {
                walk(doc, id, "", false, &mut out, 0);
            }
        }
    }
    out
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> lopdf::Result<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id),
        o => Ok(o),
    }
}

fn acroform(doc: &Document) -> Option<&Dictionary> {
    let root = doc.catalog().ok()?;
    deref(doc, root.get(b"AcroForm").ok()?).ok()?.as_dict().ok()
}

fn walk(doc: &Document, id: ObjectId, prefix: &str, sig: bool, out: &mut Vec<Field>, depth: usize) {
    let Ok(d) = doc.get_dictionary(id) else {
        return;
    };
    if depth > 16 {
        return;
    }
    let own = d.get(b"T").ok().and_then(|t| t.as_str().ok()).map(|t| {
        lopdf::decode_text_string(&Object::String(t.to_vec(), lopdf::StringFormat::Literal))
            .unwrap_or_default()
    });
    let name = match (&own, prefix.is_empty()) {
        (Some(t), true) => t.clone(),
        (Some(t), false) => format!("{prefix}.{t}"),
        (None, _) => prefix.to_string(),
    };
    let sig = sig
        || d.get(b"FT")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Sig");
    if let Ok(Object::Array(kids)) = d.get(b"Kids").and_then(|k| deref(doc, k)) {
        // Kids that are fields (they have /T) make this a non-terminal field; kids
        // without /T would be its widgets.
        let field_kids: Vec<ObjectId> = kids
            .iter()
            .filter_map(|k| k.as_reference().ok())
            .filter(|k| doc.get_dictionary(*k).is_ok_and(|kd| kd.has(b"T")))
            .collect();
        if !field_kids.is_empty() {
            for k in field_kids {
                walk(doc, k, &name, sig, out, depth + 1);
            }
            return;
        }
    }
    if !sig {
        return;
    }
    let rect = d
        .get(b"Rect")
        .and_then(Object::as_array)
        .map(|a| {
            let v: Vec<f32> = a.iter().filter_map(|x| x.as_float().ok()).collect();
            if v.len() == 4 {
                [v[0], v[1], v[2], v[3]]
            } else {
                [0.0; 4]
            }
        })
        .unwrap_or([0.0; 4]);
    out.push(Field {
        name,
        id,
        rect,
        page: d.get(b"P").and_then(Object::as_reference).ok(),
        signed: d.has(b"V"),
    });
}

/// The array under `key` in the dictionary of object `id` as the file writes it, when it
/// holds the same numbers as `values`. A field's `/Rect` written again from lopdf's `f32`
/// would change digits (`328.123456`, `1189.93` → `1189.9301`), and validators count a
/// changed `/Rect` as a change that breaks the earlier signatures; the file's own bytes
/// change nothing.
pub fn raw_array(
    pdf: &[u8],
    doc: &Document,
    id: ObjectId,
    key: &[u8],
    values: &[f32],
) -> Option<Vec<u8>> {
    let lopdf::xref::XrefEntry::Normal { offset, .. } = doc.reference_table.get(id.0)? else {
        return None;
    };
    let body = pdf.get(*offset as usize..)?;
    let body = &body[..body.windows(6).position(|w| w == b"endobj")?];
    let mut from = 0;
    let start = loop {
        let i = from + body[from..].windows(key.len()).position(|w| w == key)?;
        from = i + key.len();
        if !body.get(from)?.is_ascii_alphanumeric() {
            break from;
        }
    };
    let open = start
        + body[start..]
            .iter()
            .position(|b| !b.is_ascii_whitespace())?;
    if body[open] != b'[' {
        return None;
    }
    let close = open + body[open..].iter().position(|&b| b == b']')?;
    let inner = std::str::from_utf8(&body[open + 1..close]).ok()?;
    let numbers: Vec<f32> = inner
        .split_ascii_whitespace()
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    (numbers == values).then(|| body[open..=close].to_vec())
}

/// An object as PDF syntax. Strings go out in hex: nothing to escape.
pub fn write_object(out: &mut Vec<u8>, o: &Object) {
    match o {
        Object::Null => out.extend(b"null"),
        Object::Boolean(b) => out.extend(if *b { &b"true"[..] } else { b"false" }),
        Object::Integer(i) => out.extend(i.to_string().as_bytes()),
        // The shortest digits that read back as the same f32: a value read from the file
        // goes out as it came in, whenever it had no more digits than an f32 holds.
        Object::Real(r) => {
            let s = format!("{r}");
            out.extend(if s == "-0" { "0" } else { &s }.as_bytes())
        }
        Object::Name(n) => {
            out.push(b'/');
            for &b in n {
                if (0x21..=0x7e).contains(&b) && !b"#()<>[]{}/%".contains(&b) {
                    out.push(b);
                } else {
                    out.extend(format!("#{b:02X}").as_bytes());
                }
            }
        }
        Object::String(s, _) => {
            out.push(b'<');
            out.extend(hex(s).as_bytes());
            out.push(b'>');
        }
        Object::Array(a) => {
            out.push(b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, x);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dict(out, d),
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            dict.set("Length", s.content.len() as i64);
            write_dict(out, &dict);
            out.extend(b"\nstream\n");
            out.extend(&s.content);
            out.extend(b"\nendstream");
        }
        Object::Reference((n, g)) => out.extend(format!("{n} {g} R").as_bytes()),
    }
}

fn write_dict(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend(b"<<");
    for (k, v) in d.iter() {
        write_object(out, &Object::Name(k.clone()));
        out.push(b' ');
        write_object(out, v);
    }
    out.extend(b">>");
}

pub fn real(r: f32) -> String {
    let s = format!("{r:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

pub fn hex(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        let _ = write!(s, "{x:02X}");
    }
    s
}

/// Where the last cross-reference section starts (the number after the last `startxref`).
pub fn last_startxref(pdf: &[u8]) -> Option<usize> {
    let at = pdf.windows(9).rposition(|w| w == b"startxref")?;
    let rest = std::str::from_utf8(&pdf[at + 9..(at + 40).min(pdf.len())]).ok()?;
    rest.split_whitespace().next()?.parse().ok()
}

/// Appends an incremental update to `pdf`: `objects` (new or replacing ones), a
/// cross-reference section with one subsection per object, and a trailer chained to the
/// previous one. Returns the file and the offset of the update's first byte.
pub fn append_update(
    pdf: &[u8],
    doc: &Document,
    objects: &[(ObjectId, Vec<u8>)],
    size: u32,
    new_id: &[u8],
) -> Result<Vec<u8>, SignError> {
    let prev =
        last_startxref(pdf).ok_or_else(|| SignError::Pdf("không tìm thấy startxref".into()))?;
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets = Vec::new();
    for ((n, g), body) in objects {
        offsets.push((*n, *g, out.len()));
        out.extend(format!("{n} {g} obj\n").as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(b"xref\n");
    let mut sorted = offsets.clone();
    sorted.sort();
    for (n, g, off) in sorted {
        out.extend(format!("{n} 1\n{off:010} {g:05} n\r\n").as_bytes());
    }
    let mut trailer = Dictionary::new();
    trailer.set("Size", size as i64);
    for key in [&b"Root"[..], b"Info"] {
        if let Ok(v) = doc.trailer.get(key) {
            trailer.set(key.to_vec(), v.clone());
        }
    }
    trailer.set("Prev", prev as i64);
    let first = doc
        .trailer
        .get(b"ID")
        .and_then(Object::as_array)
        .ok()
        .and_then(|a| a.first().cloned())
        .unwrap_or_else(|| Object::String(new_id.to_vec(), lopdf::StringFormat::Hexadecimal));
    trailer.set(
        "ID",
        vec![
            first,
            Object::String(new_id.to_vec(), lopdf::StringFormat::Hexadecimal),
        ],
    );
    out.extend(b"trailer\n");
    write_dict(&mut out, &trailer);
    out.extend(format!("\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    Ok(out)
}

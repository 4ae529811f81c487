//! Signs a PDF's signature field: a PAdES baseline B-B signature (`/SubFilter
//! /ETSI.CAdES.detached`, SHA-256, signing-certificate-v2, the time in `/M`) appended as
//! an incremental update, so that earlier signatures stay valid and the file stays
//! PDF/A-2b. The key is in a .p12 file ([`P12Signer`]) or on a PKCS#11 token
//! ([`pkcs11::TokenSigner`]): both only implement [`Signer`].

mod appearance;
mod cert;
pub mod cms;
pub mod pdf;
pub mod pkcs11;
pub mod time;

use std::fmt;

use lopdf::{Dictionary, Object, ObjectId, Stream};
use sha2::{Digest, Sha256};

pub use cert::CertInfo;

/// Room for the CMS in /Contents: a signature, a chain of a few certificates.
const CONTENTS_BYTES: usize = 24 * 1024;

#[derive(Debug)]
pub enum SignError {
    /// The PDF cannot be read or has no such field; Vietnamese.
    Pdf(String),
    Field(String),
    Certificate(String),
    Key(String),
    Image(String),
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignError::Pdf(m) => write!(f, "tệp PDF: {m}"),
            SignError::Field(m)
            | SignError::Certificate(m)
            | SignError::Key(m)
            | SignError::Image(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for SignError {}

/// A private key somewhere and its certificate chain.
pub trait Signer {
    /// The signer's certificate first, then the rest of its chain, DER.
    fn chain(&self) -> &[Vec<u8>];
    /// An RSA PKCS#1 v1.5 signature with SHA-256 over `data`.
    fn sign(&self, data: &[u8]) -> Result<Vec<u8>, SignError>;
}

/// A key and chain from a PKCS#12 (.p12/.pfx) file.
pub struct P12Signer {
    key: rsa::pkcs1v15::SigningKey<Sha256>,
    chain: Vec<Vec<u8>>,
}

impl P12Signer {
    pub fn open(data: &[u8], password: &str) -> Result<P12Signer, SignError> {
        use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
        let archive =
            p12_keystore::Pkcs12Archive::from_pkcs12(data, password).map_err(|e| match e {
                p12_keystore::error::Error::MacError(_) => {
                    SignError::Key("mật khẩu của tệp .p12 không đúng".into())
                }
                // The library's own words are English: not shown.
                _ => SignError::Key(
                    "không đọc được tệp .p12: mật khẩu sai, hoặc đây không phải tệp chứng thư số .p12/.pfx, hoặc tệp hỏng".into(),
                ),
            })?;
        let bag = archive
            .keys
            .first()
            .ok_or_else(|| SignError::Key("tệp .p12 không có khóa bí mật".into()))?;
        let key = rsa::PrivateKey::from_pkcs8_der(bag.key.as_der()).map_err(|_| {
            SignError::Key(
                "khóa trong tệp .p12 không phải khóa RSA: vanban hiện chỉ ký bằng khóa RSA".into(),
            )
        })?;
        let public = key.to_public_key();
        // The signer's certificate is the one whose key is this key; the others are its chain.
        let mut certs: Vec<Vec<u8>> = archive
            .certs
            .iter()
            .map(|c| c.cert.as_der().to_vec())
            .collect();
        let mine = certs
            .iter()
            .position(|c| {
                CertInfo::parse(c)
                    .ok()
                    .and_then(|i| rsa::PublicKey::from_public_key_der(&i.spki_der).ok())
                    .is_some_and(|k| k == public)
            })
            .ok_or_else(|| {
                SignError::Key("tệp .p12 không có chứng thư số của khóa bí mật".into())
            })?;
        let signer = certs.remove(mine);
        certs.insert(0, signer);
        Ok(P12Signer {
            key: rsa::pkcs1v15::SigningKey::<Sha256>::new(key),
            chain: certs,
        })
    }
}

impl Signer for P12Signer {
    fn chain(&self) -> &[Vec<u8>] {
        &self.chain
    }

    fn sign(&self, data: &[u8]) -> Result<Vec<u8>, SignError> {
        use rsa::signature::{SignatureEncoding, Signer as _};
        let sig = self
            .key
            .try_sign(data)
            .map_err(|_| SignError::Key("khóa bí mật trong tệp .p12 không ký được".into()))?;
        Ok(sig.to_vec())
    }
}

/// What to sign and how it looks.
pub struct Request<'a> {
    /// The field's fully qualified name; `None`: the first unsigned field, signers' (`ky.`)
    /// before agencies'.
    pub field: Option<&'a str>,
    /// The signature image (the person's) or the seal (an agency's), PNG, and its path for
    /// messages.
    pub image: Option<(&'a [u8], &'a str)>,
    /// Signing time, seconds since 1970.
    pub time: i64,
}

/// What was signed.
#[derive(Debug)]
pub struct Signed {
    pub pdf: Vec<u8>,
    pub field: String,
    pub signer: String,
}

/// A PDF whose structure is not what the signing needs (lopdf's words are English).
fn damaged(_: lopdf::Error) -> SignError {
    SignError::Pdf("cấu trúc tệp PDF hỏng (thiếu mục lục hoặc biểu mẫu ô ký)".into())
}

/// Signs `pdf` and returns the signed file (the input with an update appended).
pub fn sign(pdf: &[u8], req: &Request, signer: &dyn Signer) -> Result<Signed, SignError> {
    let doc = lopdf::Document::load_mem(pdf).map_err(|_| {
        SignError::Pdf(
            "không đọc được: đây không phải tệp PDF, hoặc tệp bị hỏng hay bị cắt cụt".into(),
        )
    })?;
    // lopdf decrypts a file whose user password is empty as it loads it (and drops
    // /Encrypt): `was_encrypted` still tells. An update written in clear text into an
    // encrypted file would corrupt it.
    if doc.was_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(SignError::Pdf(
            "tệp được mã hóa; vanban không ký tệp mã hóa".into(),
        ));
    }
    let fields = pdf::fields(&doc);
    let unsigned: Vec<&str> = fields
        .iter()
        .filter(|f| !f.signed)
        .map(|f| f.name.as_str())
        .collect();
    let field = match req.field {
        Some(name) => fields.iter().find(|f| f.name == name).ok_or_else(|| {
            SignError::Field(if fields.is_empty() {
                format!("tệp không có ô ký nào, nên không có ô ký «{name}»")
            } else {
                format!(
                    "tệp không có ô ký «{name}»; các ô ký có: {}",
                    fields
                        .iter()
                        .map(|f| f.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        })?,
        None => fields
            .iter()
            .filter(|f| !f.signed)
            .min_by_key(|f| !f.name.starts_with("ky."))
            .ok_or_else(|| {
                SignError::Field(if fields.is_empty() {
                    "tệp không có ô ký nào".into()
                } else {
                    "mọi ô ký của tệp đã được ký".into()
                })
            })?,
    };
    if field.signed {
        return Err(SignError::Field(format!(
            "ô ký «{}» đã được ký; các ô còn trống: {}",
            field.name,
            if unsigned.is_empty() {
                "không còn ô nào".to_string()
            } else {
                unsigned.join(", ")
            }
        )));
    }
    let chain = signer.chain();
    let me = CertInfo::parse(
        chain
            .first()
            .ok_or_else(|| SignError::Key("không có chứng thư số".into()))?,
    )?;
    me.check(req.time)?;
    let agency = field.name.starts_with("dau.");

    // New objects get ids after the file's last one.
    let mut next = doc.max_id + 1;
    let mut alloc = || {
        let id = (next, 0u16);
        next += 1;
        id
    };
    let mut objects: Vec<(ObjectId, Vec<u8>)> = Vec::new();
    let put = |objects: &mut Vec<(ObjectId, Vec<u8>)>, id: ObjectId, o: &Object| {
        let mut b = Vec::new();
        pdf::write_object(&mut b, o);
        objects.push((id, b));
    };

    // The appearance.
    let [llx, lly, urx, ury] = field.rect;
    let (w, h) = ((urx - llx).abs(), (ury - lly).abs());
    let mut content = String::new();
    let mut xobjects = Dictionary::new();
    let mut resources = Dictionary::new();
    if let Some((data, path)) = req.image {
        let pic = appearance::decode_png(data, path)?;
        let img = alloc();
        let mask = pic.alpha.as_ref().map(|_| alloc());
        let (main, smask) = appearance::image_objects(&pic, mask);
        put(&mut objects, img, &Object::Stream(main));
        if let (Some(id), Some(s)) = (mask, smask) {
            put(&mut objects, id, &Object::Stream(s));
        }
        xobjects.set("Im1", Object::Reference(img));
        content.push_str(&appearance::place_image(
            "Im1", pic.width, pic.height, 0.0, 0.0, w, h,
        ));
    }
    // Phụ lục I: the agency's signature shows its name and the time, ISO 8601 with the
    // offset. A person's signature shows its image; without one, the signer's name and
    // the time, so that a signed field is never blank on paper.
    if agency || req.image.is_none() {
        let face = appearance::face()?;
        let who = if agency {
            &me.organisation
        } else {
            &me.subject
        };
        let lines = vec![who.clone(), time::iso(req.time, time::VN_OFFSET)];
        let b = if agency {
            text_box(field, &fields)
        } else {
            [0.0, 0.0, w, h]
        };
        let (text, used) = appearance::text_lines(face, &lines, b, 6.0);
        content.push_str(&text);
        let ids = [alloc(), alloc(), alloc(), alloc(), alloc()];
        for (id, o) in ids.iter().zip(appearance::font_objects(face, &used, ids)) {
            put(&mut objects, *id, &o);
        }
        resources.set(
            "Font",
            Dictionary::from_iter(vec![("F1", Object::Reference(ids[3]))]),
        );
    }
    if !xobjects.is_empty() {
        resources.set("XObject", xobjects);
    }
    let mut ap = Dictionary::new();
    ap.set("Type", "XObject");
    ap.set("Subtype", "Form");
    ap.set("BBox", vec![0.into(), 0.into(), w.into(), h.into()]);
    ap.set("Resources", resources);
    let ap_id = alloc();
    put(
        &mut objects,
        ap_id,
        &Object::Stream(Stream::new(ap, content.into_bytes())),
    );

    // The signature dictionary, written by hand to know where its placeholders are.
    let sig_id = alloc();
    let byte_range_slot = format!("[0 {:>10} {:>10} {:>10}]", 0, 0, 0);
    let mut sig = Vec::new();
    sig.extend(b"<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M");
    pdf::write_object(
        &mut sig,
        &Object::string_literal(time::pdf(req.time, time::VN_OFFSET)),
    );
    sig.extend(b"/Name");
    pdf::write_object(
        &mut sig,
        &Object::String(utf16(&me.subject), lopdf::StringFormat::Hexadecimal),
    );
    sig.extend(b"/ByteRange");
    let br_at = sig.len();
    sig.extend(byte_range_slot.as_bytes());
    sig.extend(b"/Contents");
    let contents_at = sig.len();
    sig.push(b'<');
    sig.extend(std::iter::repeat_n(b'0', CONTENTS_BYTES * 2));
    sig.push(b'>');
    sig.extend(b">>");
    objects.push((sig_id, sig));

    // The field, now with its value and appearance.
    let mut widget = doc.get_dictionary(field.id).map_err(damaged)?.clone();
    widget.set("V", Object::Reference(sig_id));
    widget.set(
        "AP",
        Dictionary::from_iter(vec![("N", Object::Reference(ap_id))]),
    );
    widget.set("F", 4);
    // The widget's /Rect as the file has it (see `pdf::raw_array`).
    match pdf::raw_array(pdf, &doc, field.id, b"/Rect", &field.rect) {
        Some(raw) => {
            widget.remove(b"Rect");
            let mut b = Vec::new();
            pdf::write_object(&mut b, &Object::Dictionary(widget));
            b.truncate(b.len() - 2);
            b.extend(b"/Rect ");
            b.extend(raw);
            b.extend(b">>");
            objects.push((field.id, b));
        }
        None => put(&mut objects, field.id, &Object::Dictionary(widget)),
    }

    // SigFlags 3: signatures exist, and the file must be updated by appending.
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(damaged)?;
    let catalog = doc.get_dictionary(root_id).map_err(damaged)?;
    match catalog.get(b"AcroForm") {
        Ok(Object::Reference(form_id)) => {
            let mut form = doc.get_dictionary(*form_id).map_err(damaged)?.clone();
            form.set("SigFlags", 3);
            put(&mut objects, *form_id, &Object::Dictionary(form));
        }
        Ok(Object::Dictionary(form)) => {
            let mut form = form.clone();
            form.set("SigFlags", 3);
            let mut cat = catalog.clone();
            cat.set("AcroForm", form);
            put(&mut objects, root_id, &Object::Dictionary(cat));
        }
        _ => return Err(SignError::Pdf("tệp không có biểu mẫu (AcroForm)".into())),
    }

    // A new file identifier for this revision: from its content, not random.
    let mut h2 = Sha256::new();
    h2.update(pdf.len().to_be_bytes());
    for (_, b) in &objects {
        h2.update(b);
    }
    let new_id = h2.finalize()[..16].to_vec();
    let mut out = pdf::append_update(pdf, &doc, &objects, next, &new_id)?;

    // Locate the placeholders in the output: the signature object is the one whose body
    // we wrote, found by its unique header.
    let header = format!("\n{} 0 obj\n", sig_id.0);
    let start = find(&out, header.as_bytes(), pdf.len())
        .ok_or_else(|| SignError::Pdf("lỗi nội bộ: không thấy chữ ký".into()))?
        + header.len();
    let (br, c0) = (start + br_at, start + contents_at);
    let c1 = c0 + CONTENTS_BYTES * 2 + 2;
    let ranges = format!("[0 {:>10} {:>10} {:>10}]", c0, c1, out.len() - c1);
    out[br..br + ranges.len()].copy_from_slice(ranges.as_bytes());
    let mut digest = Sha256::new();
    digest.update(&out[..c0]);
    digest.update(&out[c1..]);
    let digest = digest.finalize();
    let attrs = cms::signed_attributes(&digest, &me);
    let signature = signer.sign(&attrs)?;
    let cms = cms::signed_data(&attrs, &signature, &me, chain);
    if cms.len() > CONTENTS_BYTES {
        return Err(SignError::Key(format!(
            "chữ ký quá lớn ({} byte, chỗ dành sẵn {CONTENTS_BYTES}): chuỗi chứng thư quá dài",
            cms.len()
        )));
    }
    let hexed = pdf::hex(&cms);
    out[c0 + 1..c0 + 1 + hexed.len()].copy_from_slice(hexed.as_bytes());
    Ok(Signed {
        pdf: out,
        field: field.name.clone(),
        signer: me.subject.clone(),
    })
}

/// Where an agency's text goes in its field, in the field's own coordinates
/// (`[x, y, width, height]`): the seal field is larger than the room above the name and
/// covers the role and name lines (a seal's real size), so the text keeps to the part of
/// that room left of the signer's field on the same page, where it covers neither the
/// document's text nor the signature. Without such a signer's field (a file vanban did not
/// make), or with too little room, the field's bottom.
fn text_box(seal: &pdf::Field, fields: &[pdf::Field]) -> [f32; 4] {
    let [llx, lly, urx, ury] = seal.rect;
    let whole = [0.0, 0.0, urx - llx, (ury - lly).min(24.0)];
    let Some(signer) = fields.iter().find(|f| {
        f.name.starts_with("ky.")
            && f.page == seal.page
            && f.rect[0] > llx
            && f.rect[0] < urx
            && f.rect[1] < ury
            && f.rect[3] > lly
    }) else {
        return whole;
    };
    let (bottom, top) = (signer.rect[1].max(lly), signer.rect[3].min(ury));
    let width = signer.rect[0] - llx;
    if width < 24.0 || top - bottom < 18.0 {
        return whole;
    }
    [0.0, bottom - lly, width, top - bottom]
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

fn utf16(s: &str) -> Vec<u8> {
    let mut v = vec![0xFE, 0xFF];
    v.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, page: u32, rect: [f32; 4]) -> pdf::Field {
        pdf::Field {
            name: name.into(),
            id: (1, 0),
            rect,
            page: Some((page, 0)),
            signed: false,
        }
    }

    /// The agency's text keeps to the room above the name, left of the signature: the
    /// Kon Tum proposal's fields.
    #[test]
    fn the_agency_text_goes_left_of_the_signature() {
        let seal = field("dau.co-quan", 7, [328.0, 521.0, 430.0, 623.0]);
        let signer = field("ky.nguoi-ky", 7, [385.0, 539.0, 520.0, 593.0]);
        // A signer's field at the same place on another page is not this seal's.
        let elsewhere = field("ky.khac", 9, [350.0, 539.0, 520.0, 593.0]);
        let b = text_box(&seal, &[elsewhere.clone(), signer, seal.clone()]);
        assert_eq!(b, [0.0, 18.0, 57.0, 54.0]);
        // Without a signer's field over it: the field's bottom.
        assert_eq!(text_box(&seal, &[elsewhere]), [0.0, 0.0, 102.0, 24.0]);
    }
}

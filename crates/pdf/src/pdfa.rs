//! PDF/A-2b (ISO 19005-2, level B) on the file printpdf produced: a PDF 1.7 header, XMP
//! metadata that repeats the info dictionary (PDF/A-2 §6.6.2.3 wants both to agree) and
//! declares the conformance, and an sRGB output intent, since pages draw in DeviceRGB and
//! DeviceGray (§6.2.4.3). Everything else PDF/A asks for printpdf already does or never
//! writes (embedded fonts, no encryption, no JavaScript, no external content);
//! `scripts/pdfa-check` verifies the files.
//!
//! Nothing here reads the clock: the XMP dates are the info dictionary's, which come from
//! the document's date.

use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

/// sRGB v2 by Kai-Uwe Behrmann, Marti Maria et al., zlib licence (Debian
/// icc-profiles-free; see assets/icc/README.md).
const SRGB_ICC: &[u8] = include_bytes!("../../../assets/icc/sRGB.icc");

pub(crate) fn conform(lo: &mut Document) -> lopdf::Result<()> {
    lo.version = "1.7".into();
    let info = match lo.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => lo.get_dictionary(id)?.clone(),
        Err(_) => Dictionary::new(),
    };
    let xmp = xmp(&info);
    let mut dict = Dictionary::new();
    dict.set("Type", "Metadata");
    dict.set("Subtype", "XML");
    // Uncompressed, so that tools that do not parse PDF can find the packet.
    let meta = lo.add_object(Stream::new(dict, xmp.into_bytes()).with_compression(false));

    let mut dict = Dictionary::new();
    dict.set("N", 3);
    dict.set("Filter", "FlateDecode");
    let icc = lo.add_object(Stream::new(
        dict,
        crate::pdf::deflate(SRGB_ICC).expect("deflating in memory"),
    ));
    let mut intent = Dictionary::new();
    intent.set("Type", "OutputIntent");
    intent.set("S", "GTS_PDFA1");
    let text = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    intent.set("OutputConditionIdentifier", text("sRGB IEC61966-2.1"));
    intent.set("Info", text("sRGB IEC61966-2.1"));
    intent.set("RegistryName", text("http://www.color.org"));
    intent.set("DestOutputProfile", icc);

    let root = lo.trailer.get(b"Root")?.as_reference()?;
    let catalog = lo.get_dictionary_mut(root)?;
    catalog.set("Metadata", meta);
    catalog.set("OutputIntents", vec![Object::Dictionary(intent)]);
    Ok(())
}

/// The XMP packet: PDF/A identification and the info dictionary's entries under the
/// properties PDF/A-2 Table 1 maps them to.
fn xmp(info: &Dictionary) -> String {
    let get = |k: &[u8]| info.get(k).ok().and_then(|o| o.as_str().ok()).map(decode);
    let mut props = String::new();
    let mut add = |s: String| {
        props.push_str("   ");
        props.push_str(&s);
        props.push('\n');
    };
    add("<pdfaid:part>2</pdfaid:part>".into());
    add("<pdfaid:conformance>B</pdfaid:conformance>".into());
    add("<dc:format>application/pdf</dc:format>".into());
    if let Some(t) = get(b"Title") {
        add(format!(
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
            vanban_model::xml::escape(&t)
        ));
    }
    if let Some(a) = get(b"Author") {
        add(format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            vanban_model::xml::escape(&a)
        ));
    }
    if let Some(s) = get(b"Subject") {
        add(format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            vanban_model::xml::escape(&s)
        ));
    }
    if let Some(k) = get(b"Keywords") {
        add(format!(
            "<pdf:Keywords>{}</pdf:Keywords>",
            vanban_model::xml::escape(&k)
        ));
    }
    if let Some(p) = get(b"Producer") {
        add(format!(
            "<pdf:Producer>{}</pdf:Producer>",
            vanban_model::xml::escape(&p)
        ));
    }
    if let Some(c) = get(b"Creator") {
        add(format!(
            "<xmp:CreatorTool>{}</xmp:CreatorTool>",
            vanban_model::xml::escape(&c)
        ));
    }
    if let Some(d) = get(b"CreationDate").and_then(|d| iso(&d)) {
        add(format!("<xmp:CreateDate>{d}</xmp:CreateDate>"));
    }
    if let Some(d) = get(b"ModDate").and_then(|d| iso(&d)) {
        add(format!("<xmp:ModifyDate>{d}</xmp:ModifyDate>"));
        add(format!("<xmp:MetadataDate>{d}</xmp:MetadataDate>"));
    }
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\"\n   \
         xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n   \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n   \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n   \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
         {props}</rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"r\"?>"
    )
}

/// A PDF text string: UTF-16BE after its byte order mark, else PDFDocEncoding (whose
/// printable ASCII and Latin-1 part is all printpdf writes that way).
fn decode(b: &[u8]) -> String {
    match b.strip_prefix(&[0xFE, 0xFF]) {
        Some(rest) => {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => b.iter().map(|&c| c as char).collect(),
    }
}

/// `D:20240206000000+00'00'` as `2024-02-06T00:00:00+00:00`.
fn iso(d: &str) -> Option<String> {
    let d = d.strip_prefix("D:")?;
    let digits =
        |r: std::ops::Range<usize>| d.get(r).filter(|s| s.bytes().all(|b| b.is_ascii_digit()));
    let (y, mo, da) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let (h, mi, s) = (digits(8..10)?, digits(10..12)?, digits(12..14)?);
    let zone = match d.get(14..15) {
        Some("Z") | None => "Z".to_string(),
        Some(sign @ ("+" | "-")) => format!("{sign}{}:{}", digits(15..17)?, digits(18..20)?),
        _ => return None,
    };
    Some(format!("{y}-{mo}-{da}T{h}:{mi}:{s}{zone}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_xmp_dates() {
        assert_eq!(
            iso("D:20240206000000+00'00'").as_deref(),
            Some("2024-02-06T00:00:00+00:00")
        );
        assert_eq!(
            iso("D:20261201093000+07'00'").as_deref(),
            Some("2026-12-01T09:30:00+07:00")
        );
        assert_eq!(iso("2024"), None);
    }

    #[test]
    fn xmp_repeats_the_info_dictionary() {
        let mut info = Dictionary::new();
        let utf16 = |s: &str| {
            let mut v = vec![0xFE, 0xFF];
            v.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
            Object::String(v, StringFormat::Hexadecimal)
        };
        info.set("Title", utf16("Bản giao ước <A&B>"));
        info.set("Producer", utf16("vanban 0.1.0"));
        let x = xmp(&info);
        assert!(x.contains("Bản giao ước &lt;A&amp;B&gt;"));
        assert!(x.contains("<pdf:Producer>vanban 0.1.0</pdf:Producer>"));
        assert!(x.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(!x.contains("CreateDate"));
    }
}

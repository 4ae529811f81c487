//! The core properties part (docProps/core.xml), written whole: docx-rs can set neither
//! the title nor the language, and dates the document by the clock unless told.

use vanban_model::Meta;

use crate::DocxError;
use crate::normalize::escape;

/// core.xml for `meta`: title, subject, creator (the issuing body), keywords, language,
/// and the document's date at midnight UTC as created and modified date, so that output
/// depends on the record only. An empty date leaves the dates out.
pub(crate) fn core_xml(meta: &Meta, lang: &str) -> Result<Vec<u8>, DocxError> {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    let mut add = |tag: &str, value: &str| {
        if !value.is_empty() {
            x += &format!("<{tag}>{}</{tag}>", escape(value));
        }
    };
    add("dc:title", &meta.title);
    add("dc:subject", &meta.subject);
    add("dc:creator", &meta.author);
    add("cp:keywords", &meta.keywords);
    add("dc:language", lang);
    add("cp:lastModifiedBy", &meta.author);
    add("cp:revision", "1");
    if !meta.date.is_empty() {
        if !is_iso_date(&meta.date) {
            return Err(DocxError::Date(meta.date.clone()));
        }
        for tag in ["dcterms:created", "dcterms:modified"] {
            x += &format!(
                r#"<{tag} xsi:type="dcterms:W3CDTF">{}T00:00:00Z</{tag}>"#,
                meta.date
            );
        }
    }
    x += "</cp:coreProperties>";
    Ok(x.into_bytes())
}

/// `YYYY-MM-DD` with a month 1–12 and a day 1–31.
fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return false;
    }
    let month: u8 = d[5..7].parse().unwrap_or(0);
    let day: u8 = d[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_escaping() {
        let meta = Meta {
            title: "Giao ước <2024> & thi đua".into(),
            author: "Khối thi đua".into(),
            date: "2024-02-06".into(),
            ..Meta::default()
        };
        let x = String::from_utf8(core_xml(&meta, "vi-VN").unwrap()).unwrap();
        assert!(x.contains("<dc:title>Giao ước &lt;2024&gt; &amp; thi đua</dc:title>"));
        assert!(x.contains("<dc:creator>Khối thi đua</dc:creator>"));
        assert!(x.contains("<dc:language>vi-VN</dc:language>"));
        assert!(x.contains(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">2024-02-06T00:00:00Z</dcterms:created>"#
        ));
        assert!(!x.contains("<dc:subject>"));
        let undated = core_xml(&Meta::default(), "vi-VN").unwrap();
        assert!(
            !String::from_utf8(undated)
                .unwrap()
                .contains("dcterms:created")
        );
        for bad in ["06/02/2024", "2024-13-01", "2024-2-6"] {
            let meta = Meta {
                date: bad.into(),
                ..Meta::default()
            };
            assert_eq!(core_xml(&meta, "vi-VN"), Err(DocxError::Date(bad.into())));
        }
    }
}

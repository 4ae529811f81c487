//! Property tests: arbitrary text in a record's fields must come out intact and the DOCX
//! must stay well-formed (and schema-valid, checked in one docx-validate run at the end).

mod common;

use std::io::Read;

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use vanban::record::load::load_str;
use vanban::render::{Engine, Format, Request, load_checked};
use vanban_viet::{ToneStyle, tone_style, upper};

fn engine() -> Engine {
    Engine::builtin()
}

/// Text as the documents show it: NFC, old tone-mark style, line breaks as spaces, trimmed.
fn shown(s: &str) -> String {
    let s: String = s.nfc().collect();
    tone_style(&s.replace(['\n', '\r', '\t'], " "), ToneStyle::Old)
        .trim()
        .to_string()
}

fn document_xml(docx: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

fn well_formed(xml: &str) -> Result<(), String> {
    let mut r = quick_xml::Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
}

/// Printable text (no controls), not blank: what a user can type into a field.
fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{1,80}",
        "[<>&\"'*_@|\\\\ a-zA-ZàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ:#-]{1,80}",
    ]
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_arrives_intact(name in field_text(), content in field_text()) {
        let base = std::fs::read_to_string(common::fixture("kontum-2024.yaml")).unwrap();
        let mut v: serde_yaml::Value = serde_yaml::from_str(&base).unwrap();
        v["thanh_vien"][0]["ten"] = serde_yaml::Value::String(name.clone());
        v["giao_uoc"]["noi_dung"][0] = serde_yaml::Value::String(content.clone());
        let yaml = serde_yaml::to_string(&v).unwrap();
        let (loaded, _) = load_str("prop.yaml", yaml).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let problems = vanban::record::check::check(&loaded);
        // Text the font cannot draw is refused by the check, at its field; anything else
        // must pass and arrive intact.
        let face = vanban_font::Fonts::embedded().face(vanban_font::Variant::Regular);
        let drawable = |s: &str| s.chars().all(|c| c.is_whitespace() || face.has_char(c));
        if !drawable(&name) || !drawable(&content) {
            prop_assert!(problems.iter().any(|p| p.is_error() && p.message.contains("không có trong phông chữ")), "{:?}", problems);
            return Ok(());
        }
        prop_assert!(!problems.iter().any(|p| p.is_error()), "{:?}", problems);
        let req = Request { docs: Some(vec!["giao-uoc".into(), "to-trinh".into()]), formats: vec![Format::Docx], meeting: None };
        let files = engine().render(&loaded, &req).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let pledge = document_xml(&files[0].bytes);
        prop_assert!(well_formed(&pledge).is_ok(), "{:?}", well_formed(&pledge));
        let text = common::paragraphs(&pledge).join("\n");
        prop_assert!(text.contains(&shown(&content)), "content «{}» missing", shown(&content));
        prop_assert!(text.contains(&upper(&shown(&name))), "name «{}» missing", upper(&shown(&name)));
        let proposal = document_xml(&files[1].bytes);
        prop_assert!(well_formed(&proposal).is_ok());
        prop_assert!(common::paragraphs(&proposal).join("\n").contains(&shown(&name)));
    }
}

/// Text the embedded font covers: Vietnamese, ASCII punctuation and markup specials.
fn font_text() -> impl Strategy<Value = String> {
    "[<>&\"'*_@|\\ a-zA-Z0-9àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ:#,.;()“”-]{1,120}"
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// The PDF's extracted text holds the field's text (compared without white space:
    /// a justified or broken line spaces words differently, never drops or changes them).
    #[test]
    fn pdf_text_contains_the_field(content in font_text()) {
        if !poppler() {
            return Ok(());
        }
        let base = std::fs::read_to_string(common::fixture("kontum-2024.yaml")).unwrap();
        let mut v: serde_yaml::Value = serde_yaml::from_str(&base).unwrap();
        v["giao_uoc"]["noi_dung"][2] = serde_yaml::Value::String(content.clone());
        let (loaded, _) = load_str("prop.yaml", serde_yaml::to_string(&v).unwrap())
            .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let req = Request { docs: Some(vec!["giao-uoc".into()]), formats: vec![Format::Pdf], meeting: None };
        let files = engine().render(&loaded, &req).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let dir = common::temp_dir("prop-pdf");
        let pdf = dir.join("p.pdf");
        std::fs::write(&pdf, &files[0].bytes).unwrap();
        // -raw: no joining of a line that ends in "-" with the next (which drops the "-").
        let o = std::process::Command::new("pdftotext").args(["-raw", "-enc", "UTF-8"]).arg(&pdf).arg("-").output().unwrap();
        let text = no_space(&String::from_utf8(o.stdout).unwrap());
        prop_assert!(text.contains(&no_space(&shown(&content))), "«{}» not in the PDF", shown(&content));
    }
}

/// Whether poppler is here, asked once: a proptest case runs hundreds of times.
fn poppler() -> bool {
    static HAVE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *HAVE.get_or_init(|| common::have_poppler("properties::pdf_text_contains_the_field"))
}

/// Schema validity of DOCX made from hostile text, checked once for a batch of samples.
#[test]
fn hostile_text_stays_schema_valid() {
    if !common::need(
        common::Tool::DocxValidate,
        "properties::hostile_text_stays_schema_valid",
    ) {
        return;
    }
    let tool = common::docx_validate();
    let dir = common::temp_dir("prop-valid");
    let samples = [
        "<w:p>&amp;</w:p> ]]> <!-- x -->",
        "\"'&<>",
        "**đậm** *nghiêng* __gạch__ \\ @p | @grid",
        "Ban Tuye\u{302}n gia\u{301}o",
        "ngoặc ‘’ “” – — … § € № ½ ‰",
        "   khoảng   trắng   ",
    ];
    let base = std::fs::read_to_string(common::fixture("kontum-2024.yaml")).unwrap();
    let e = engine();
    for (i, s) in samples.iter().enumerate() {
        let mut v: serde_yaml::Value = serde_yaml::from_str(&base).unwrap();
        v["thanh_vien"][0]["ten"] = serde_yaml::Value::String(s.to_string());
        v["giao_uoc"]["noi_dung"][1] = serde_yaml::Value::String(s.to_string());
        let f = dir.join(format!("r{i}.yaml"));
        std::fs::write(&f, serde_yaml::to_string(&v).unwrap()).unwrap();
        let (loaded, _) = load_checked(&f, None).unwrap();
        let req = Request {
            docs: None,
            formats: vec![Format::Docx],
            meeting: None,
        };
        for r in e.render(&loaded, &req).unwrap() {
            std::fs::write(dir.join(format!("{i}-{}", r.name)), r.bytes).unwrap();
        }
    }
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .collect();
    assert_eq!(files.len(), samples.len() * 4);
    let o = std::process::Command::new("/usr/bin/python3")
        .arg(&tool)
        .args(&files)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

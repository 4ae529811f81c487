//! Blocks taller than a page, and a picture taller than a page, through the binary: the
//! PDF must lose no word the DOCX has, draw nothing outside the page, and keep pictures
//! inside the text area (issue 10). Each record is the Kon Tum fixture with one field
//! made hostile.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use serde_yaml::Value;

/// The Kon Tum fixture with `edit` applied, written to `dir/name.yaml`.
fn record(dir: &Path, name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let text = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    let mut v: Value = serde_yaml::from_str(&text).unwrap();
    edit(&mut v);
    let path = dir.join(format!("{name}.yaml"));
    std::fs::write(&path, serde_yaml::to_string(&v).unwrap()).unwrap();
    path
}

fn set(v: &mut Value, path: &[&str], value: Value) {
    let mut at = v;
    for key in path {
        at = match key.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*key],
        };
    }
    *at = value;
}

fn words(n: usize, word: &str) -> Value {
    Value::from(vec![word; n].join(" "))
}

/// Non-space characters of a text, counted: what a reader would find, whatever the lines.
fn chars(text: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_default() += 1;
    }
    m
}

/// Words counted, a word also ending after a hyphen (where a line may break inside it).
fn word_counts(text: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for w in text.split_whitespace() {
        for part in w.split_inclusive('-') {
            *m.entry(part.to_string()).or_default() += 1;
        }
    }
    m
}

/// The PDF's text, page-number lines left out (pages 2 on carry their number, drawn last).
fn pdf_text(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-raw", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(o.status.success());
    String::from_utf8(o.stdout)
        .unwrap()
        .split('\u{c}')
        .map(|page| {
            let mut lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
            if lines
                .last()
                .is_some_and(|l| l.trim().chars().all(|c| c.is_ascii_digit()))
            {
                lines.pop();
            }
            lines.join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of the DOCX body (document.xml; the page number lives in the header part).
fn docx_text(docx: &Path) -> String {
    // A tab (after "Kính gửi:") separates words as a space does.
    let xml = docx_part(docx, "word/document.xml").replace("<w:tab/>", "<w:t> </w:t>");
    paragraphs(&xml).join("\n")
}

/// The text of a DOCX table's header rows (`w:tblHeader`), if it has any.
fn header_row(docx: &Path) -> Option<String> {
    let xml = docx_part(docx, "word/document.xml").replace("<w:tab/>", "<w:t> </w:t>");
    let rows: Vec<String> = xml
        .split("</w:tr>")
        .filter(|r| r.contains("<w:tblHeader/>"))
        .map(|r| {
            let row = &r[r.rfind("<w:tr>").or_else(|| r.rfind("<w:tr "))?..];
            Some(paragraphs(row).join(" "))
        })
        .collect::<Option<_>>()?;
    (!rows.is_empty()).then(|| rows.join(" "))
}

/// Every word box pdftotext finds lies inside the page box.
fn assert_inside_pages(pdf: &Path) {
    let o = Command::new("pdftotext")
        .args(["-bbox", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let html = String::from_utf8(o.stdout).unwrap();
    let num = |tag: &str, attr: &str| -> f32 {
        let k = format!("{attr}=\"");
        let i = tag.find(&k).unwrap_or_else(|| panic!("{attr} in {tag}")) + k.len();
        tag[i..].split('"').next().unwrap().parse().unwrap()
    };
    let (mut w, mut h) = (0.0, 0.0);
    for tag in html.split('<').skip(1) {
        if tag.starts_with("page ") {
            (w, h) = (num(tag, "width"), num(tag, "height"));
        } else if tag.starts_with("word ") {
            let (x0, y0, x1, y1) = (
                num(tag, "xMin"),
                num(tag, "yMin"),
                num(tag, "xMax"),
                num(tag, "yMax"),
            );
            assert!(
                x0 >= 0.0 && y0 >= 0.0 && x1 <= w && y1 <= h,
                "{}: a word outside the page: {tag}",
                pdf.display()
            );
        }
    }
}

/// Renders `record`'s documents and checks each PDF against its DOCX: the same words
/// (counted), the same characters, nothing outside the page.
fn check_all(record: &Path, name: &str) {
    let out = render(record, &["--format", "docx,pdf"], name);
    let mut docs = 0;
    for doc in ["giao-uoc", "tin-bai", "to-trinh", "bien-ban"] {
        let (pdf, docx) = (
            out.join(format!("{doc}.pdf")),
            out.join(format!("{doc}.docx")),
        );
        if !pdf.exists() {
            continue;
        }
        docs += 1;
        let (p, d) = (pdf_text(&pdf), docx_text(&docx));
        // Table header rows repeat on every page a table runs onto, in the PDF as in a
        // reader of the DOCX: take those repeats out before comparing.
        let (mut pc, mut pw) = (chars(&p), word_counts(&p));
        if let Some(head) = header_row(&docx) {
            let first = head.split_whitespace().next().unwrap().to_string();
            let repeats = word_counts(&p)[&first] - word_counts(&d)[&first];
            for _ in 0..repeats {
                for (c, n) in chars(&head) {
                    *pc.get_mut(&c).unwrap() -= n;
                }
                for (w, n) in word_counts(&head) {
                    *pw.get_mut(&w).unwrap() -= n;
                }
            }
            pc.retain(|_, n| *n > 0);
            pw.retain(|_, n| *n > 0);
        }
        assert_eq!(
            pc,
            chars(&d),
            "{name}/{doc}: the PDF's characters differ from the DOCX's"
        );
        let dw = word_counts(&d);
        let missing: Vec<_> = dw
            .iter()
            .filter(|(w, n)| pw.get(*w) != Some(n))
            .map(|(w, n)| (w, *n, pw.get(w).copied().unwrap_or(0)))
            .take(5)
            .collect();
        // A word broken at characters (no space in it) reads as pieces in the PDF; the
        // character counts above still hold it whole.
        if !name.contains("unbreakable") {
            assert!(
                missing.is_empty(),
                "{name}/{doc}: words differ: {missing:?}"
            );
            assert_eq!(pw, dw, "{name}/{doc}");
        }
        assert_inside_pages(&pdf);
    }
    assert!(docs > 0, "{name}: no document");
}

/// A change made to the fixture.
type Edit = Box<dyn FnOnce(&mut Value)>;

#[test]
fn oversized_blocks_lose_no_word_in_the_pdf() {
    if !have_poppler("oversized::oversized_blocks_lose_no_word_in_the_pdf") {
        return;
    }
    let dir = temp_dir("oversized-record");
    let cases: Vec<(&str, Edit)> = vec![
        // A paragraph (the minutes' proceedings, the news item) and a list item (a
        // pledge content) of 3,000 words.
        (
            "paragraph",
            Box::new(|v| {
                set(v, &["hoi_nghi", "dien_bien", "0"], words(3000, "thảo luận"));
                set(
                    v,
                    &["giao_uoc", "noi_dung", "0"],
                    words(3000, "tuyên truyền"),
                );
            }),
        ),
        // Headings and the title: a meeting's subject of 1,500 words heads the minutes
        // ("Hội nghị …") and its sections.
        (
            "title",
            Box::new(|v| {
                set(v, &["hoi_nghi", "noi_dung"], words(1500, "tổng kết"));
                set(v, &["tin_bai", "tieu_de"], words(1500, "Khối thi đua"));
            }),
        ),
        // A table and annex row: a member's name of 1,500 words.
        (
            "row",
            Box::new(|v| set(v, &["thanh_vien", "6", "ten"], words(1500, "Trường"))),
        ),
        // A name of 3,000 characters without a break opportunity.
        (
            "unbreakable",
            Box::new(|v| {
                let name = format!("Trường{}", "x".repeat(3000));
                set(v, &["thanh_vien", "6", "ten"], Value::from(name));
            }),
        ),
        // A signature grid cell: a title repeated 600 times.
        (
            "grid",
            Box::new(|v| {
                set(
                    v,
                    &["thanh_vien", "2", "nguoi_ky", "chuc_vu"],
                    words(600, "Trưởng ban"),
                );
            }),
        ),
        // The closing's recipients: 65 of them, "Lưu VT" last.
        (
            "recipients",
            Box::new(|v| {
                let list: Vec<Value> = (1..=65)
                    .map(|i| Value::from(format!("Cơ quan nhận số {i}")))
                    .collect();
                set(v, &["to_trinh", "noi_nhan"], Value::from(list.clone()));
                set(v, &["bien_ban", "noi_nhan"], Value::from(list));
            }),
        ),
        // The page-1 header: the parent body and the block named at great length.
        (
            "header",
            Box::new(|v| {
                set(v, &["co_quan_chu_quan"], words(300, "Tỉnh ủy Kon Tum"));
                set(v, &["khoi", "ten"], words(150, "Khối thi đua các cơ quan"));
            }),
        ),
    ];
    for (name, edit) in cases {
        let rec = record(&dir, name, edit);
        check_all(&rec, &format!("oversized-{name}"));
    }
}

/// A 1 × 20,000 px PNG: solid red, one pixel wide.
fn tall_png() -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        out.extend(crc32(&out[start..]).to_be_bytes());
    }
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= b as u32;
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let (w, h) = (1u32, 20_000u32);
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]); // 8-bit RGB
    // Stored (uncompressed) deflate blocks of rows "filter 0, red pixel".
    let raw: Vec<u8> = (0..h).flat_map(|_| [0u8, 200, 30, 30]).collect();
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        z.push((i + 1 == blocks.len()) as u8);
        let len = block.len() as u16;
        z.extend(len.to_le_bytes());
        z.extend((!len).to_le_bytes());
        z.extend(*block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + x as u32) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend(((b << 16) | a).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &z);
    chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn a_picture_taller_than_a_page_fits_the_text_area_in_both_files() {
    if !have_poppler("oversized::a_picture_taller_than_a_page_fits_the_text_area_in_both_files") {
        return;
    }
    let dir = temp_dir("oversized-picture-record");
    std::fs::write(dir.join("tall.png"), tall_png()).unwrap();
    let rec = record(&dir, "picture", |v| {
        set(
            v,
            &["tin_bai", "anh", "0", "tep"],
            // Pictures lie under the record's folder, named relative to it.
            Value::from("tall.png"),
        );
    });
    check_all(&rec, "oversized-picture");
    let out = render(&rec, &["--doc", "tin-bai"], "oversized-picture-out");

    // Party profile: A4, margins 30/15 mm left/right, 20/20 mm top/bottom.
    let twip = |mm: f64| (mm * 72.0 / 25.4 * 20.0).round();
    let text_w = (twip(210.0) - twip(30.0) - twip(15.0)) / 20.0;
    let body_h = (twip(297.0) - twip(20.0) - twip(20.0)) / 20.0;

    // DOCX: wp:extent in EMU (12,700 a point).
    let xml = docx_part(&out.join("tin-bai.docx"), "word/document.xml");
    let extent = xml.split("<wp:extent ").nth(1).expect("a picture");
    let attr = |k: &str| -> f64 {
        let i = extent.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
        extent[i..].split('"').next().unwrap().parse().unwrap()
    };
    let (cx, cy) = (attr("cx") / 12_700.0, attr("cy") / 12_700.0);
    assert!(cy > 600.0 && cy < body_h, "DOCX height {cy} pt of {body_h}");
    assert!(cx > 0.0 && cx <= text_w, "DOCX width {cx} pt");
    // 1:20,000 kept.
    assert!((cy / cx - 20_000.0).abs() < 400.0, "{cx} × {cy}");

    // PDF: the image's placement from pdfimages (x-ppi: pixels per inch as drawn).
    let o = Command::new("pdfimages")
        .args(["-list", out.join("tin-bai.pdf").to_str().unwrap()])
        .output()
        .unwrap();
    let list = String::from_utf8(o.stdout).unwrap();
    let row: Vec<&str> = list
        .lines()
        .nth(2)
        .expect("an image")
        .split_whitespace()
        .collect();
    assert_eq!((row[3], row[4]), ("1", "20000"), "{list}");
    // Drawn height in points from its vertical resolution.
    let y_ppi: f64 = row[13].parse().unwrap();
    let drawn = 20_000.0 / y_ppi * 72.0;
    assert!(
        drawn < body_h && (drawn - cy).abs() < 2.0,
        "PDF height {drawn} pt, DOCX {cy} pt"
    );
}

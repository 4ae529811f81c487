//! The fixtures' PDF read back with poppler: text, pages, page numbers, fonts, size and
//! determinism; and the news item with a real picture in all three formats.

mod common;

use std::process::Command;

use common::*;

#[test]
fn party_pledge_pdf_reads_back() {
    if !have_poppler("render_pdf::party_pledge_pdf_reads_back") {
        return;
    }
    let out = render(
        &fixture("kontum-2024.yaml"),
        &["--doc", "giao-uoc", "--format", "pdf"],
        "pdf-pledge",
    );
    let pdf = out.join("giao-uoc.pdf");
    let pages = pdf_pages(&pdf);
    assert!(pages.len() >= 2);
    for t in [
        "TỈNH ỦY KON TUM",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Kon Tum, ngày 06 tháng 02 năm 2024",
        "BẢN GIAO ƯỚC THI ĐUA",
    ] {
        assert!(pages[0].contains(t), "page 1 lacks «{t}»");
    }
    // Every word of every pledge content, in order.
    let record = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    let all = pages.join(" ");
    for start in [
        "Tổ chức tuyên truyền, quán triệt",
        "Căn cứ chương trình, kế hoạch",
        "Lãnh đạo, chỉ đạo triển khai",
        "Tiếp tục phát huy vai trò",
        "Duy trì và nâng cao",
        "Lãnh đạo đội ngũ cán bộ",
    ] {
        assert!(all.contains(start), "«{start}»");
    }
    for w in [
        "Thủ tướng",
        "“Cả nước chung tay xây dựng nông thôn mới”,",
        "\"tự diễn biến\",",
        "(2021- 2025)",
    ] {
        assert!(record.contains(w) && all.contains(w), "«{w}»");
    }
    for a in [
        "BAN NỘI CHÍNH TỈNH ỦY",
        "BAN TUYÊN GIÁO TỈNH ỦY",
        "BAN TỔ CHỨC TỈNH ỦY",
        "ỦY BAN KIỂM TRA TỈNH ỦY",
        "BAN DÂN VẬN TỈNH ỦY",
        "VĂN PHÒNG TỈNH ỦY",
        "TRƯỜNG CHÍNH TRỊ TỈNH",
        "BÁO KON TUM",
    ] {
        assert!(all.contains(a), "agency «{a}»");
    }
    // No number on page 1; "2" heads page 2.
    assert!(!pages[0].starts_with("1 "));
    assert!(pages[1].starts_with("2 "), "{}", &pages[1][..30]);
    // A4, fonts embedded as Unicode subsets.
    let info =
        String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    assert!(info.contains("595.") && info.contains("841."), "{info}");
    let fonts =
        String::from_utf8(Command::new("pdffonts").arg(&pdf).output().unwrap().stdout).unwrap();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb sub uni: {r}"
        );
    }
}

#[test]
fn every_fixture_pdf_is_small_and_reproducible() {
    if !have_poppler("render_pdf::every_fixture_pdf_is_small_and_reproducible") {
        return;
    }
    for fx in ["kontum-2024.yaml", "nha-nuoc-mau.yaml"] {
        let a = render(&fixture(fx), &["--format", "pdf"], &format!("pdf-a-{fx}"));
        let b = render(&fixture(fx), &["--format", "pdf"], &format!("pdf-b-{fx}"));
        for d in ["giao-uoc", "tin-bai", "to-trinh", "bien-ban"] {
            let f = format!("{d}.pdf");
            let bytes = std::fs::read(a.join(&f)).unwrap();
            assert_eq!(
                bytes,
                std::fs::read(b.join(&f)).unwrap(),
                "{fx} {f} differs between runs"
            );
            let n = pdf_pages(&a.join(&f)).len();
            if n <= 2 {
                assert!(
                    bytes.len() <= 60 * 1024,
                    "{fx} {f}: {} bytes for {n} pages",
                    bytes.len()
                );
            }
        }
    }
}

#[test]
fn news_item_with_a_picture_in_docx_pdf_and_html() {
    let dir = temp_dir("photo");
    std::fs::copy(
        root().join("tests/data/quang-canh.png"),
        dir.join("quang-canh.png"),
    )
    .unwrap();
    let rec = std::fs::read_to_string(fixture("kontum-2024.yaml"))
        .unwrap()
        .replacen(
            "{ tep: \"\", chu_thich: Quang cảnh Hội nghị",
            "{ tep: quang-canh.png, chu_thich: Quang cảnh Hội nghị",
            1,
        );
    std::fs::write(dir.join("r.yaml"), rec).unwrap();
    let out = render(&dir.join("r.yaml"), &["--doc", "tin-bai"], "photo-out");
    let html = std::fs::read_to_string(out.join("tin-bai.html")).unwrap();
    assert!(html.contains("<html lang=\"vi\">"));
    assert!(html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo"));
    assert!(html.contains("<figcaption>Quang cảnh Hội nghị</figcaption>"));
    assert!(!html.contains("src=\"http"), "no external assets");
    let rels = docx_part(&out.join("tin-bai.docx"), "word/_rels/document.xml.rels");
    assert!(
        rels.contains("media/"),
        "the picture is in the DOCX: {rels}"
    );
    let pdf = std::fs::read(out.join("tin-bai.pdf")).unwrap();
    assert!(
        pdf.windows(7).any(|w| w == b"/Image " || w == b"/Image/"),
        "an image XObject in the PDF"
    );
    if have_poppler("render_pdf::news_item_with_a_picture_in_docx_pdf_and_html") {
        let all = pdf_pages(&out.join("tin-bai.pdf")).join(" ");
        assert!(all.contains("Quang cảnh Hội nghị"));
        assert!(all.contains("Tin, ảnh: Ngô Đức Hải"));
    }
}

#[test]
fn the_annex_numbers_its_pages_on_its_own() {
    let out = render(
        &fixture("kontum-2024.yaml"),
        &["--doc", "to-trinh"],
        "annex",
    );
    // DOCX: the body's section ends before the annex; the annex's section restarts at 1,
    // and both keep the first page without a number.
    let xml = docx_part(&out.join("to-trinh.docx"), "word/document.xml");
    assert_eq!(xml.matches("<w:sectPr>").count(), 2);
    let (body, annex) = xml.split_at(xml.find("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG").unwrap());
    assert!(!body.contains("w:pgNumType") && body.contains("<w:titlePg/>"));
    assert!(annex.contains("<w:pgNumType w:start=\"1\"/>") && annex.contains("<w:titlePg/>"));
    if !have_poppler("render_pdf::the_annex_numbers_its_pages_on_its_own") {
        return;
    }
    // PDF: the annex starts a page that shows no number.
    let pages = pdf_pages(&out.join("to-trinh.pdf"));
    let annex_page = pages
        .iter()
        .position(|p| p.contains("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"))
        .unwrap();
    assert!(annex_page >= 1);
    assert!(
        pages[annex_page].starts_with("DANH SÁCH"),
        "{}",
        &pages[annex_page][..40]
    );
    assert!(pages[1].starts_with("2 "), "the body's page 2 is numbered");
}

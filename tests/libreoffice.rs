//! The DOCX files as a reader sees them: LibreOffice (headless) converts each fixture
//! output to PDF and pdftotext reads it back. Needs libreoffice-writer-nogui and
//! poppler-utils; CI installs them (VANBAN_SKIP_EXTERNAL=1 skips where they are missing).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// Converts `docx` with LibreOffice into `dir`; returns the PDF's text per page.
fn libreoffice_pages(docx: &Path, dir: &Path) -> Vec<String> {
    // A private profile folder: parallel tests would otherwise fight over the user's.
    let profile = dir.join("lo-profile");
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    pdf_pages(&dir.join(docx.file_stem().unwrap()).with_extension("pdf"))
}

#[test]
fn libreoffice_renders_the_pledges() {
    let test = "libreoffice::libreoffice_renders_the_pledges";
    if !need(Tool::Soffice, test) || !have_poppler(test) {
        return;
    }
    // Party pledge.
    let out = render(
        &fixture("kontum-2024.yaml"),
        &["--doc", "giao-uoc", "--format", "docx"],
        "lo-dang",
    );
    let pages = libreoffice_pages(&out.join("giao-uoc.docx"), &out);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let first = &pages[0];
    for t in [
        "TỈNH ỦY KON TUM",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Kon Tum, ngày 06 tháng 02 năm 2024",
        "BẢN GIAO ƯỚC THI ĐUA",
        "năm 2024",
        "1. Tổ chức tuyên truyền, quán triệt",
    ] {
        assert!(first.contains(t), "page 1 lacks «{t}»: {first}");
    }
    let all = pages.join(" ");
    for t in [
        "2. Căn cứ chương trình, kế hoạch",
        "3. Lãnh đạo, chỉ đạo triển khai",
        "4. Tiếp tục phát huy vai trò",
        "5. Duy trì và nâng cao chất lượng",
        "6. Lãnh đạo đội ngũ cán bộ",
        "ĐẠI DIỆN CÁC CƠ QUAN KÝ GIAO ƯỚC",
        "BAN NỘI CHÍNH TỈNH ỦY",
        "BÁO KON TUM",
        "CHÁNH VĂN PHÒNG",
    ] {
        assert!(all.contains(t), "the PDF lacks «{t}»");
    }
    // Page numbers from page 2 only: page 1 does not start with "1", page 2 starts with "2".
    assert!(!first.starts_with("1 "), "no number on page 1");
    assert!(
        pages[1].starts_with("2 "),
        "page 2 is numbered: {}",
        &pages[1][..40]
    );

    // State pledge.
    let out = render(
        &fixture("nha-nuoc-mau.yaml"),
        &["--doc", "giao-uoc", "--format", "docx"],
        "lo-nn",
    );
    let pages = libreoffice_pages(&out.join("giao-uoc.docx"), &out);
    let first = &pages[0];
    for t in [
        "UBND TỈNH KON TUM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Kon Tum, ngày 20 tháng 12 năm 2024",
    ] {
        assert!(first.contains(t), "page 1 lacks «{t}»");
    }
    assert!(pages.join(" ").contains("Nguyễn Văn An"));
}

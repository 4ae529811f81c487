//! End to end: the fixtures through the binary into DOCX, read back from the package.

mod common;

use common::*;

const SIX_CONTENTS_START: [&str; 6] = [
    "1. Tổ chức tuyên truyền, quán triệt thực hiện chủ trương",
    "2. Căn cứ chương trình, kế hoạch của các cơ quan, đơn vị",
    "3. Lãnh đạo, chỉ đạo triển khai thực hiện tốt nhiệm vụ chính trị",
    "4. Tiếp tục phát huy vai trò lãnh đạo, chỉ đạo của cấp ủy",
    "5. Duy trì và nâng cao chất lượng hoạt động của Khối thi đua",
    "6. Lãnh đạo đội ngũ cán bộ, đảng viên, công chức, viên chức",
];

#[test]
fn party_pledge_has_header_date_title_contents_and_grid() {
    let out = render(
        &fixture("kontum-2024.yaml"),
        &["--doc", "giao-uoc", "--format", "docx"],
        "pledge",
    );
    let docx = out.join("giao-uoc.docx");
    let xml = docx_part(&docx, "word/document.xml");
    let paras = paragraphs(&xml);

    // Header: parent 14 pt regular, issuer 14 pt bold, the "*", the Party title 15 pt bold.
    let parent = paragraph_xml(&xml, "TỈNH ỦY KON TUM");
    assert!(parent.contains("<w:sz w:val=\"28\"/>") && !parent.contains("<w:b/>"));
    let issuer = paragraph_xml(&xml, "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH");
    assert!(issuer.contains("<w:sz w:val=\"28\"/>") && issuer.contains("<w:b/>"));
    assert!(
        paras.iter().any(|p| p == "*"),
        "the Party star under the issuer"
    );
    let title = paragraph_xml(&xml, "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert!(title.contains("<w:sz w:val=\"30\"/>") && title.contains("<w:b/>"));

    // The date line, italic.
    let date = paragraph_xml(&xml, "Kon Tum, ngày 06 tháng 02 năm 2024");
    assert!(date.contains("<w:i/>"), "date line is italic");

    // Title and the six contents, in order.
    let pos = |t: &str| {
        paras
            .iter()
            .position(|p| p == t)
            .unwrap_or_else(|| panic!("{t}"))
    };
    assert!(pos("BẢN GIAO ƯỚC THI ĐUA") < pos("năm 2024"));
    let mut last = 0;
    for c in SIX_CONTENTS_START {
        let i = paras
            .iter()
            .position(|p| p.starts_with(c))
            .unwrap_or_else(|| panic!("content «{c}»"));
        assert!(i > last, "contents in order");
        last = i;
    }
    assert!(paras.iter().any(|p| p.contains("Thủ tướng Chính phủ")));

    // The grid: nine agencies, head and deputy first, then the block's order.
    let agencies = [
        "BAN NỘI CHÍNH TỈNH ỦY",
        "BAN TUYÊN GIÁO TỈNH ỦY",
        "BAN TỔ CHỨC TỈNH ỦY",
        "ỦY BAN KIỂM TRA TỈNH ỦY",
        "BAN DÂN VẬN TỈNH ỦY",
        "VĂN PHÒNG TỈNH ỦY",
        "TRƯỜNG CHÍNH TRỊ TỈNH",
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
        "BÁO KON TUM",
    ];
    let grid_start = pos("ĐẠI DIỆN CÁC CƠ QUAN KÝ GIAO ƯỚC");
    let found: Vec<usize> = agencies.iter().map(|a| pos(a)).collect();
    assert!(
        found.windows(2).all(|w| w[0] < w[1]),
        "grid order {found:?}"
    );
    assert!(found[0] > grid_start);
    // Grid rows never split across pages.
    let grid_xml = &xml[xml.find("ĐẠI DIỆN CÁC CƠ QUAN").unwrap()..];
    assert_eq!(grid_xml.matches("<w:tr>").count(), 3);
    assert!(grid_xml.matches("<w:cantSplit/>").count() >= 3);
}

#[test]
fn page_setup_fonts_and_page_numbers() {
    let out = render(
        &fixture("kontum-2024.yaml"),
        &["--doc", "giao-uoc", "--format", "docx"],
        "setup",
    );
    let docx = out.join("giao-uoc.docx");
    let xml = docx_part(&docx, "word/document.xml");
    // A4 portrait, margins 20/20/30/15 mm.
    assert!(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""), "A4");
    for m in [
        "w:top=\"1134\"",
        "w:bottom=\"1134\"",
        "w:left=\"1701\"",
        "w:right=\"850\"",
    ] {
        assert!(xml.contains(m), "margin {m}");
    }
    // Page number from page 2: a PAGE field in the default header, first page different.
    assert!(xml.contains("<w:titlePg/>"));
    let rels = docx_part(&docx, "word/_rels/document.xml.rels");
    let headers: Vec<String> = rels
        .split("Target=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|t| t.starts_with("header"))
        .map(|t| docx_part(&docx, &format!("word/{t}")))
        .collect();
    assert!(
        headers.iter().any(|h| h.contains("PAGE")),
        "a header with the PAGE field"
    );
    assert!(
        headers.iter().any(|h| !h.contains("PAGE")),
        "an empty first-page header"
    );
    // Times New Roman in every slot, Vietnamese language.
    let styles = docx_part(&docx, "word/styles.xml");
    for slot in [
        "w:ascii=\"Times New Roman\"",
        "w:hAnsi=\"Times New Roman\"",
        "w:cs=\"Times New Roman\"",
    ] {
        assert!(styles.contains(slot), "{slot}");
    }
    assert!(styles.contains("w:val=\"vi-VN\""));
    assert!(!xml.contains("w:ascii=\"Calibri\"") && !styles.contains("Calibri"));
    let core = docx_part(&docx, "docProps/core.xml");
    assert!(core.contains("Bản giao ước thi đua năm 2024"));
    assert!(core.contains("Khối thi đua các cơ quan Đảng tỉnh"));
    assert!(core.contains("vi-VN"));
}

#[test]
fn state_profile_header_and_number_line() {
    let out = render(
        &fixture("nha-nuoc-mau.yaml"),
        &["--format", "docx"],
        "state",
    );
    let to_trinh = docx_part(&out.join("to-trinh.docx"), "word/document.xml");
    let paras = paragraphs(&to_trinh);
    assert!(
        paras
            .iter()
            .any(|p| p == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    );
    assert!(paras.iter().any(|p| p == "Độc lập - Tự do - Hạnh phúc"));
    assert!(paras.iter().any(|p| p == "Số: 15/TTr-SKHĐT"));
    assert!(
        paras
            .iter()
            .any(|p| p == "TM. KHỐI THI ĐUA CÁC CƠ QUAN QUẢN LÝ TỔNG HỢP")
    );
    assert!(paras.iter().any(|p| p == "- Lưu: VT, KTĐTH."));
    let national = paragraph_xml(&to_trinh, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(national.contains("<w:sz w:val=\"24\"/>") && national.contains("<w:b/>"));
    // "Nơi nhận:" is 12 pt bold italic in the state format.
    let label = paragraph_xml(&to_trinh, "Nơi nhận:");
    assert!(
        label.contains("<w:b/>")
            && label.contains("<w:i/>")
            && label.contains("<w:sz w:val=\"24\"/>")
    );
    // The annex table repeats its header row.
    assert!(to_trinh.contains("<w:tblHeader/>"));
    let pledge = paragraphs(&docx_part(&out.join("giao-uoc.docx"), "word/document.xml"));
    assert!(pledge.iter().any(|p| p == "KT. GIÁM ĐỐC"));
    assert!(
        !pledge.iter().any(|p| p == "*"),
        "no Party star in the state format"
    );
}

#[test]
fn all_four_documents_agree_on_units_and_votes() {
    let out = render(&fixture("kontum-2024.yaml"), &["--format", "docx"], "four");
    let text = |d: &str| {
        paragraphs(&docx_part(
            &out.join(format!("{d}.docx")),
            "word/document.xml",
        ))
        .join("\n")
    };
    let (tin, trinh, bb) = (text("tin-bai"), text("to-trinh"), text("bien-ban"));
    for unit in [
        "Trường Chính trị tỉnh",
        "Ban Tổ chức Tỉnh ủy",
        "Ban Nội chính Tỉnh ủy",
        "Văn phòng Tỉnh ủy",
    ] {
        for (name, t) in [("tin-bai", &tin), ("to-trinh", &trinh), ("bien-ban", &bb)] {
            assert!(t.contains(unit), "{unit} in {name}");
        }
    }
    assert!(trinh.contains("đạt 9/9 phiếu đồng ý, tỷ lệ 100%"));
    assert!(bb.contains("9/9 phiếu đồng ý, đạt tỷ lệ 100%"));
    assert!(trinh.contains("18.720.000"));
    assert!(trinh.contains("Ba mươi hai triệu bảy trăm sáu mươi nghìn đồng"));
    assert!(tin.starts_with("Ban Tuyên giáo Tỉnh ủy Kon Tum"));
    assert!(tin.contains("Sáng 06-02, tại Trường Chính trị tỉnh"));
    assert!(tin.contains("Quang cảnh Hội nghị"));
    assert!(tin.ends_with("Tin, ảnh: Ngô Đức Hải"));
    assert!(tin.contains("Ban Nội chính Tỉnh ủy làm Trưởng khối thi đua và Ban Tuyên giáo Tỉnh ủy làm Phó khối thi đua năm 2024"));
}

#[test]
fn output_is_byte_identical_across_runs() {
    let a = render(&fixture("kontum-2024.yaml"), &["--format", "docx"], "det-a");
    let b = render(&fixture("kontum-2024.yaml"), &["--format", "docx"], "det-b");
    for d in ["giao-uoc", "tin-bai", "to-trinh", "bien-ban"] {
        let f = format!("{d}.docx");
        assert_eq!(
            std::fs::read(a.join(&f)).unwrap(),
            std::fs::read(b.join(&f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn docx_validate_is_silent_on_every_fixture_output() {
    if !need(
        Tool::DocxValidate,
        "render_docx::docx_validate_is_silent_on_every_fixture_output",
    ) {
        return;
    }
    let tool = docx_validate();
    for (fx, name) in [
        ("kontum-2024.yaml", "val-dang"),
        ("nha-nuoc-mau.yaml", "val-nn"),
    ] {
        let out = render(&fixture(fx), &["--format", "docx"], name);
        let files: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 4);
        let o = std::process::Command::new("/usr/bin/python3")
            .arg(&tool)
            .args(&files)
            .output()
            .unwrap();
        assert!(
            o.status.success() && o.stdout.is_empty(),
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

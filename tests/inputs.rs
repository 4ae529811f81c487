//! Inputs that must work: many signatories, many pledge contents, very long names, every
//! optional field empty. Each output is read back and, where the tools exist, validated.

mod common;

use std::fmt::Write;

use common::*;

/// A record with `n` members and `contents` pledge contents; `long` makes names very long.
fn record(n: usize, contents: usize, long: bool) -> String {
    let mut y = String::from(
        "the_thuc: dang\ndia_danh: Kon Tum\ndia_phuong: { loai: tinh }\nco_quan_chu_quan: Tỉnh ủy Kon Tum\nkhoi:\n  ten: Khối thi đua thử\nthanh_vien:\n",
    );
    for i in 0..n {
        let name = if long {
            format!(
                "Trung tâm Nghiên cứu, Ứng dụng và Chuyển giao Khoa học Công nghệ Phục vụ Phát triển Kinh tế - Xã hội Vùng Đồng bào Dân tộc Thiểu số số {i}"
            )
        } else {
            format!("Cơ quan số {i}")
        };
        let _ = writeln!(
            y,
            "  - id: m{i}\n    ten: {name}\n    nguoi_ky: {{ chuc_vu: Thủ trưởng, ho_ten: Người Ký {i} }}"
        );
    }
    y.push_str("hoi_nghi:\n  ngay: 2024-02-06\n  dia_diem: Hội trường\n  nam_tong_ket: 2023\n  noi_dung: tổng kết năm 2023\n");
    y.push_str("lanh_dao: { nam: 2024, truong: m1, pho: m0, cach: bau }\n");
    y.push_str("giao_uoc:\n  nam: 2024\n  noi_dung:\n");
    for i in 0..contents {
        let _ = writeln!(
            y,
            "    - Nội dung giao ước thứ {i} - thực hiện tốt nhiệm vụ chính trị được giao, đẩy mạnh các phong trào thi đua yêu nước, không có tập thể, cá nhân vi phạm."
        );
    }
    y
}

fn render_record(name: &str, yaml: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    let f = dir.join("r.yaml");
    std::fs::write(&f, yaml).unwrap();
    render(
        &f,
        &["--doc", "giao-uoc", "--format", "docx,pdf"],
        &format!("{name}-out"),
    )
}

fn validate(docx: &std::path::Path) {
    if !need(Tool::DocxValidate, "inputs::validate") {
        return;
    }
    let tool = docx_validate();
    let o = std::process::Command::new("/usr/bin/python3")
        .arg(&tool)
        .arg(docx)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn forty_signatories_in_rows_that_never_split() {
    let out = render_record("forty", &record(40, 3, false));
    let docx = out.join("giao-uoc.docx");
    let xml = docx_part(&docx, "word/document.xml");
    let paras = paragraphs(&xml);
    // Head (m1) and deputy (m0) first, then the block's order.
    let order: Vec<usize> = [
        "CƠ QUAN SỐ 1",
        "CƠ QUAN SỐ 0",
        "CƠ QUAN SỐ 2",
        "CƠ QUAN SỐ 39",
    ]
    .iter()
    .map(|a| {
        paras
            .iter()
            .position(|p| p == a)
            .unwrap_or_else(|| panic!("{a}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let grid = &xml[xml.find("ĐẠI DIỆN CÁC CƠ QUAN").unwrap()..];
    let rows = grid.matches("<w:tr>").count();
    assert_eq!(rows, 14, "40 cells, 3 a row");
    assert_eq!(grid.matches("<w:cantSplit/>").count(), rows);
    validate(&docx);
    // The PDF: the grid continues on the next page, and no cell is cut between two
    // pages (an agency's name and its signer's name on the same page).
    if have_poppler("inputs::forty_signatories_in_rows_that_never_split") {
        let pages = pdf_pages(&out.join("giao-uoc.pdf"));
        assert!(pages.len() >= 3, "{} pages", pages.len());
        for i in 0..40 {
            let agency = format!("CƠ QUAN SỐ {i} ");
            let signer = format!("Người Ký {i} ");
            let on = |t: &str| pages.iter().position(|p| format!("{p} ").contains(t));
            assert_eq!(on(&agency), on(&signer), "cell {i} split across pages");
            assert!(on(&agency).is_some(), "cell {i} missing");
        }
    }
}

#[test]
fn two_hundred_contents_and_long_names() {
    let out = render_record("long", &record(5, 200, true));
    let docx = out.join("giao-uoc.docx");
    let paras = paragraphs(&docx_part(&docx, "word/document.xml"));
    assert!(
        paras
            .iter()
            .any(|p| p.starts_with("200. Nội dung giao ước thứ 199 - "))
    );
    assert!(
        paras
            .iter()
            .any(|p| p.contains("VÙNG ĐỒNG BÀO DÂN TỘC THIỂU SỐ SỐ 4"))
    );
    validate(&docx);
}

#[test]
fn every_optional_field_empty() {
    let yaml = "the_thuc: nha-nuoc\ndia_danh: Kon Tum\ndia_phuong: { loai: tinh }\nkhoi: { ten: Khối A }\nthanh_vien:\n  - { id: a, ten: Sở A }\nhoi_nghi: { ngay: 2024-02-06, dia_diem: Sở A, nam_tong_ket: 2023, noi_dung: tổng kết }\ngiao_uoc: { nam: 2024, noi_dung: [Một nội dung.] }\n";
    let out = render_record("minimal", yaml);
    let docx = out.join("giao-uoc.docx");
    let paras = paragraphs(&docx_part(&docx, "word/document.xml"));
    assert!(paras.iter().any(|p| p == "SỞ A"));
    assert!(paras.iter().any(|p| p == "1. Một nội dung."));
    validate(&docx);
}

#[test]
fn deeply_nested_input_is_refused_with_a_message() {
    let dir = temp_dir("deep");
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    let base = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    // Into a field read as a YAML value (the document number), and under an unknown key.
    let cases = [
        (
            base.replacen("  so: null", &format!("  so: {deep}"), 1),
            "lồng nhau quá sâu",
        ),
        (
            format!("{base}ghi_chu: {deep}\n"),
            "khóa «ghi_chu» không có",
        ),
    ];
    for (i, (yaml, words)) in cases.iter().enumerate() {
        let f = dir.join(format!("r{i}.yaml"));
        std::fs::write(&f, yaml).unwrap();
        let started = std::time::Instant::now();
        let o = vanban(&["check", f.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains(words), "{}", stderr(&o));
        assert!(started.elapsed().as_secs() < 5, "refused fast");
    }
}

#[test]
fn an_output_folder_that_cannot_be_written_gets_a_clear_message() {
    let dir = temp_dir("unwritable");
    let blocker = dir.join("out");
    std::fs::write(&blocker, "a file where the folder should be").unwrap();
    let o = vanban(&[
        "render",
        "fixtures/kontum-2024.yaml",
        "--out",
        blocker.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("không tạo được thư mục kết quả"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&blocker).unwrap(),
        "a file where the folder should be"
    );
}

//! Broken records, one case a row: each must end in exit code 1 with a Vietnamese message
//! that names the file, line and column and the field, and must leave the output folder
//! exactly as it was.

mod common;

use common::*;

struct Case {
    name: &'static str,
    /// Replace `from` by `to` in the Kon Tum fixture (the first occurrence).
    from: &'static str,
    to: &'static str,
    /// Expected `line:col` in the message, or just `line:`.
    at: &'static str,
    /// Expected field path, if the problem has one.
    path: Option<&'static str>,
    /// Words the message must contain.
    words: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "bad indentation",
        from: "  ten: Khối thi đua các cơ quan Đảng tỉnh\n",
        to: "  ten: Khối thi đua các cơ quan Đảng tỉnh\n   ten_viet_tat: X\n",
        at: ":15:",
        path: None,
        words: &["thụt dòng"],
    },
    Case {
        name: "unclosed quote",
        from: "dia_danh: Kon Tum",
        to: "dia_danh: \"Kon Tum",
        at: ":9:11:",
        path: None,
        words: &["thiếu dấu ngoặc kép đóng"],
    },
    Case {
        name: "tab indentation",
        from: "  ten: Khối thi đua các cơ quan Đảng tỉnh",
        to: "\tten: Khối thi đua các cơ quan Đảng tỉnh",
        at: ":14:1:",
        path: None,
        words: &["Tab", "dấu cách"],
    },
    Case {
        name: "wrong type",
        from: "  nam_tong_ket: 2023",
        to: "  nam_tong_ket: hai nghìn",
        at: ":65:",
        path: Some("hoi_nghi.nam_tong_ket"),
        words: &["sai kiểu", "số nguyên"],
    },
    Case {
        name: "text with a colon read as a key",
        from: "    - Hội nghị thảo luận đánh giá",
        to: "    - Nội dung: Hội nghị thảo luận đánh giá",
        at: ":73:",
        path: Some("hoi_nghi.dien_bien[0]"),
        words: &["sai kiểu", "dấu ngoặc kép"],
    },
    Case {
        name: "document number that is not a number",
        from: "  so: null\n  ngay: 2024-02-06",
        to: "  so: năm\n  ngay: 2024-02-06",
        at: ":163:7:",
        path: Some("to_trinh.so"),
        words: &["số văn bản «năm»", "05"],
    },
    Case {
        name: "unknown key with a suggestion",
        from: "dia_danh: Kon Tum",
        to: "dia_dnah: Kon Tum",
        at: ":9:1:",
        path: Some("dia_dnah"),
        words: &["không có trong hồ sơ", "có phải «dia_danh»"],
    },
    Case {
        name: "unknown nested key",
        from: "    ten_viet_tat: BTCTU",
        to: "    ten_viet_tatt: BTCTU",
        at: ":24:5:",
        path: Some("thanh_vien[0].ten_viet_tatt"),
        words: &["có phải «ten_viet_tat»"],
    },
    Case {
        name: "missing required field",
        from: "  noi_dung: tổng kết phong trào thi đua năm 2023 và phát động, ký kết giao ước năm 2024\n",
        to: "",
        at: ":59:",
        path: Some("hoi_nghi.noi_dung"),
        words: &["thiếu trường bắt buộc «noi_dung»"],
    },
    Case {
        name: "impossible date",
        from: "  ngay: 2024-02-06",
        to: "  ngay: 2024-02-30",
        at: ":60:9:",
        path: Some("hoi_nghi.ngay"),
        words: &["ngày không tồn tại", "29 ngày"],
    },
    Case {
        name: "date in the wrong form",
        from: "  ngay: 2024-02-06",
        to: "  ngay: 06/02/2024",
        at: ":60:9:",
        path: Some("hoi_nghi.ngay"),
        words: &["2024-02-06"],
    },
    Case {
        name: "unknown member id",
        from: "don_vi: tct, phuong_thuc",
        to: "don_vi: tcx, phuong_thuc",
        at: ":77:38:",
        path: Some("binh_xet[0].don_vi"),
        words: &["không có thành viên nào mang mã «tcx»", "có phải «tct»"],
    },
    Case {
        name: "duplicate member id",
        from: "  - id: ubkt",
        to: "  - id: btc",
        at: ":26:9:",
        path: Some("thanh_vien[1].id"),
        words: &["bị trùng"],
    },
    Case {
        name: "votes above the members present",
        from: "don_vi: btc, phuong_thuc: biểu quyết, dong_y: 9",
        to: "don_vi: btc, phuong_thuc: biểu quyết, dong_y: 12",
        at: ":78:",
        path: Some("binh_xet[1].dong_y"),
        words: &["12 phiếu đồng ý", "(9)"],
    },
    Case {
        name: "empty pledge",
        from: "  noi_dung:\n    - >-\n      Tổ chức",
        to: "  noi_dung: []\n  x_noi_dung:\n    - >-\n      Tổ chức",
        at: ":",
        path: Some("giao_uoc.noi_dung"),
        words: &["chưa có nội dung"],
    },
    Case {
        name: "unknown profile",
        from: "the_thuc: dang",
        to: "the_thuc: dang-uy",
        at: ":7:11:",
        path: Some("the_thuc"),
        words: &["không có thể thức «dang-uy»", "nha-nuoc"],
    },
    Case {
        // At the duplicate itself, not at the start of its map.
        name: "duplicate mapping key",
        from: "dia_danh: Kon Tum",
        to: "dia_danh: Kon Tum\ndia_danh: Kon Tum",
        at: ":10:1:",
        path: Some("dia_danh"),
        words: &["dia_danh", "hai lần"],
    },
    Case {
        // An optional section's key: no `to_trinh.?.ngayy`, and the suggestion is there.
        name: "unknown key in an optional section",
        from: "  so: null\n  ngay: 2024-02-06\n  gui",
        to: "  so: null\n  ngayy: 2024-02-06\n  gui",
        at: ":164:3:",
        path: Some("to_trinh.ngayy"),
        words: &["có phải «ngay»"],
    },
    Case {
        name: "control character",
        from: "dia_danh: Kon Tum",
        to: "dia_danh: Kon\u{7}Tum",
        at: ":9:14:",
        path: None,
        words: &["ký tự điều khiển", "U+0007"],
    },
    Case {
        // The caret under the bad item of a flow list, not under its `[`.
        name: "unknown member in a flow list",
        from: "  co_mat: []",
        to: "  co_mat: [btc, x, y]",
        at: ":68:17:",
        path: Some("hoi_nghi.co_mat[1]"),
        words: &["«x»"],
    },
    Case {
        // The caret under the picture's path in a flow map item, not under `- {`.
        name: "missing picture in a flow map item",
        from: "- { tep: \"\", chu",
        to: "- { tep: \"../khong-co.png\", chu",
        at: ":159:14:",
        path: Some("tin_bai.anh[0].tep"),
        words: &["../khong-co.png"],
    },
    Case {
        // Located where the `[` was opened, not where libyaml noticed.
        name: "unclosed flow list",
        from: "  co_mat: []",
        to: "  co_mat: [btc, tct",
        at: ":68:11:",
        path: None,
        words: &["«[»", "«]»"],
    },
    Case {
        name: "second YAML document",
        from: "dia_danh: Kon Tum",
        to: "dia_danh: Kon Tum\n---\nx: 1",
        at: ":10:1:",
        path: None,
        words: &["hơn một tài liệu", "---"],
    },
    Case {
        name: "number too large",
        from: "  so: null\n  ngay: 2024-02-06\n  gui",
        to: "  so: 99999999999999999999999999\n  ngay: 2024-02-06\n  gui",
        at: ":163:7:",
        path: Some("to_trinh.so"),
        words: &["«99999999999999999999999999» quá lớn"],
    },
];

#[test]
fn every_broken_record_gets_a_located_vietnamese_message() {
    let base = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    let dir = temp_dir("broken");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("giao-uoc.docx"), b"an earlier good file").unwrap();
    let mut failures = Vec::new();
    for (i, c) in CASES.iter().enumerate() {
        assert!(
            base.contains(c.from),
            "case «{}»: fixture lacks its text",
            c.name
        );
        let rec = dir.join(format!("case{i}.yaml"));
        std::fs::write(&rec, base.replacen(c.from, c.to, 1)).unwrap();
        let rec_s = rec.to_str().unwrap();
        for args in [
            vec!["check", rec_s],
            vec!["render", rec_s, "--out", out.to_str().unwrap()],
        ] {
            let o = vanban(&args);
            let err = stderr(&o);
            let mut why = Vec::new();
            if o.status.code() != Some(1) {
                why.push(format!("exit {:?}", o.status.code()));
            }
            if !err.contains(&format!("{rec_s}{}", c.at)) {
                why.push(format!("no location {}{}", rec_s, c.at));
            }
            if let Some(p) = c.path
                && !err.contains(&format!("trường «{p}»"))
            {
                why.push(format!("no field «{p}»"));
            }
            for w in c.words {
                if !err.contains(w) {
                    why.push(format!("no «{w}»"));
                }
            }
            if !err.contains("lỗi") {
                why.push("not in Vietnamese".into());
            }
            let english = english_words(&err);
            if !english.is_empty() {
                why.push(format!("English: {english:?}"));
            }
            if !why.is_empty() {
                failures.push(format!(
                    "{} ({}): {}\n{err}",
                    c.name,
                    args[0],
                    why.join("; ")
                ));
            }
        }
    }
    // The output folder is as it was: the earlier file intact, nothing added.
    assert_eq!(
        std::fs::read(out.join("giao-uoc.docx")).unwrap(),
        b"an earlier good file"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn all_problems_of_a_record_are_reported_at_once() {
    let base = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    let broken = base
        .replacen("dia_danh: Kon Tum", "dia_dnah: Kon Tum", 1)
        .replacen("  ngay: 2024-02-06", "  ngay: 2024-13-01", 1)
        .replacen("don_vi: tct, phuong_thuc", "don_vi: tcx, phuong_thuc", 1)
        .replacen("  pho: btg", "  pho: bnc", 1);
    let dir = temp_dir("all-at-once");
    let rec = dir.join("r.yaml");
    std::fs::write(&rec, broken).unwrap();
    let o = vanban(&["check", rec.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for w in ["dia_dnah", "2024-13-01", "tcx", "Phó trùng với Trưởng"] {
        assert!(err.contains(w), "«{w}» missing from\n{err}");
    }
    assert!(err.contains("Có 5 lỗi"), "{err}");
}

#[test]
fn oversized_and_missing_records_are_refused_clearly() {
    let dir = temp_dir("limits");
    let big = dir.join("big.yaml");
    std::fs::write(&big, "a: ".to_string() + &"x".repeat(6 * 1024 * 1024)).unwrap();
    let o = vanban(&["check", big.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("tệp quá lớn"));
    let o = vanban(&["check", dir.join("none.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("không tìm thấy tệp"));
}

#[test]
fn alias_bombs_are_refused() {
    let dir = temp_dir("bomb");
    let mut y = String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for i in 1..10 {
        let prev = (b'a' + i - 1) as char;
        let cur = (b'a' + i) as char;
        y.push_str(&format!("{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    let rec = dir.join("bomb.yaml");
    std::fs::write(&rec, y).unwrap();
    let started = std::time::Instant::now();
    let o = vanban(&["check", rec.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    // Refused, not expanded: well under the seconds an expansion would take.
    assert!(started.elapsed().as_secs() < 10);
    assert!(stderr(&o).contains("lỗi"), "{}", stderr(&o));
}

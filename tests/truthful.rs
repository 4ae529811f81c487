//! Documents say only what happened, in text a clerk would not correct.
//!
//! - The Kon Tum fixture keeps its text (golden markup in tests/data/kontum/).
//! - Every fixture (fixtures/ and fixtures/real/) passes the text check of `vanban::lint`.
//! - Generated records with every combination of the shapes real meetings take (no award,
//!   one, several authorities; elected, rotating, assigned or continuing leaders, with or
//!   without a deputy; one or two meetings; khối or cụm; province or city; both formats)
//!   pass the text check, and their documents state nothing the record does not say.

mod common;

use common::*;
use vanban::diag::Problem;
use vanban::lint;
use vanban::record::check::check;
use vanban::record::load::{Loaded, load_str};
use vanban::render::{Engine, Format, Request};
use vanban_model::Document;

fn engine() -> Engine {
    Engine::builtin()
}

fn load(name: &str, yaml: &str) -> Result<(Loaded, Vec<Problem>), Vec<Problem>> {
    let (l, mut ps) = load_str(name, yaml.to_string())?;
    ps.extend(check(&l));
    if ps.iter().any(Problem::is_error) {
        Err(ps)
    } else {
        Ok((l, ps))
    }
}

fn show(ps: &[Problem]) -> String {
    ps.iter().map(|p| p.render()).collect::<Vec<_>>().join("\n")
}

/// Every document of a record as (file stem, model).
fn documents(e: &Engine, l: &Loaded) -> Vec<(String, Document)> {
    let req = Request {
        docs: None,
        formats: vec![Format::Docx],
        meeting: None,
    };
    e.documents(l, &req)
        .unwrap_or_else(|ps| panic!("{}", show(&ps)))
        .into_iter()
        .map(|(j, d)| (j.stem, d))
        .collect()
}

fn text_of(d: &Document) -> String {
    lint::texts(d)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The markup of the Kon Tum fixture is what the golden files hold. They differ from the
/// text before the record could name authorities only where an award's full name is now
/// used ("Cờ thi đua của Ủy ban nhân dân tỉnh", "Bằng khen của Chủ tịch Ủy ban nhân dân
/// tỉnh", never "Bằng khen của UBND tỉnh"), "Trưởng khối thi đua" in the minutes, and the
/// minutes no longer say they were read back and approved (the record does not say so).
#[test]
fn kontum_keeps_its_text() {
    for doc in ["giao-uoc", "tin-bai", "to-trinh", "bien-ban"] {
        let o = vanban(&["markup", "fixtures/kontum-2024.yaml", "--doc", doc]);
        assert!(o.status.success(), "{}", stderr(&o));
        let got = String::from_utf8(o.stdout).unwrap();
        let want =
            std::fs::read_to_string(root().join(format!("tests/data/kontum/{doc}.vb"))).unwrap();
        assert_eq!(got, want, "{doc}: the Kon Tum text changed");
    }
}

fn fixtures() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for dir in ["fixtures", "fixtures/real"] {
        let Ok(rd) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for e in rd {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "yaml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_fixture_reads_clean() {
    let e = engine();
    let files = fixtures();
    assert!(files.len() >= 4, "{files:?}");
    let mut bad = Vec::new();
    for f in &files {
        let (l, _) = vanban::render::load_checked(f, None)
            .unwrap_or_else(|ps| panic!("{}: {}", f.display(), show(&ps)));
        for (stem, d) in documents(&e, &l) {
            for x in lint::check(&d) {
                bad.push(format!(
                    "{} {stem}: {} in «{}»",
                    f.display(),
                    x.problem,
                    x.text
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// One combination of the shapes a real record takes.
#[derive(Debug, Clone, Copy)]
struct Shape {
    party: bool,
    cum: bool,
    city: bool,
    /// 0 no award, 1 one provincial award, 2 provincial and Government awards.
    awards: u8,
    /// "", "bau", "luan-phien", "chi-dinh", "tiep-tuc".
    lead: &'static str,
    deputy: bool,
    two_meetings: bool,
    unanimous: bool,
}

fn record(s: Shape) -> String {
    let mut y = String::new();
    y += &format!("the_thuc: {}\n", if s.party { "dang" } else { "nha-nuoc" });
    if s.city {
        y += "dia_danh: Thành phố Cần Thơ\ndia_phuong: { loai: thanh-pho, ten: Cần Thơ }\nco_quan_chu_quan: Thành ủy Cần Thơ\n";
    } else {
        y += "dia_danh: Bắc Kạn\ndia_phuong: { loai: tinh, ten: Bắc Kạn }\nco_quan_chu_quan: Tỉnh ủy Bắc Kạn\n";
    }
    y += &format!(
        "khoi: {{ loai: {}, ten: {} thi đua số 2, ten_viet_tat: TĐ2 }}\n",
        if s.cum { "cum" } else { "khoi" },
        if s.cum { "Cụm" } else { "Khối" }
    );
    y += "thanh_vien:\n";
    for (id, name) in [
        ("a", "Ban Tổ chức"),
        ("b", "Ban Dân vận"),
        ("c", "Văn phòng"),
        ("d", "Báo Bắc Kạn"),
    ] {
        y += &format!("  - {{ id: {id}, ten: {name}, nguoi_ky: {{ chuc_vu: Trưởng ban }} }}\n");
    }
    let review = "id: tong-ket, ngay: 2024-12-20, gio_bat_dau: \"14:00\", dia_diem: Hội trường A, nam_tong_ket: 2024, noi_dung: tổng kết công tác thi đua năm 2024, co_mat: [], chu_tri: a, chu_toa: { ho_ten: Nguyễn Văn A, chuc_vu: Trưởng ban }, dien_bien: [Hội nghị đánh giá kết quả thi đua năm 2024.]";
    let signing = "id: ky-ket, ngay: 2025-02-10, gio_bat_dau: \"08:00\", dia_diem: Hội trường B, noi_dung: ký kết giao ước thi đua năm 2025, chu_tri: [b, c], chu_toa: [{ ho_ten: Trần Văn B, chuc_vu: Trưởng ban }, { ho_ten: Lê Thị C, chuc_vu: Chánh Văn phòng }]";
    let sign_at = if s.two_meetings { "ky-ket" } else { "tong-ket" };
    if s.two_meetings {
        y += &format!("hoi_nghi:\n  - {{ {review} }}\n  - {{ {signing} }}\n");
    } else {
        y += &format!("hoi_nghi: {{ {review} }}\n");
    }
    let at = if s.two_meetings {
        "hoi_nghi: tong-ket, "
    } else {
        ""
    };
    let yes = if s.unanimous { 4 } else { 3 };
    if s.awards > 0 {
        y += "binh_xet:\n";
        y += &format!(
            "  - {{ {at}hinh_thuc: co-thi-dua, don_vi: a, phuong_thuc: bỏ phiếu kín, dong_y: {yes} }}\n"
        );
        if s.awards > 1 {
            y += &format!(
                "  - {{ {at}hinh_thuc: co-thi-dua-chinh-phu, don_vi: b, phuong_thuc: bỏ phiếu kín, dong_y: {yes} }}\n"
            );
            y += &format!(
                "  - {{ {at}hinh_thuc: bang-khen-tap-the, don_vi: c, phuong_thuc: bỏ phiếu kín, dong_y: 4 }}\n"
            );
        }
    }
    if !s.lead.is_empty() {
        let meeting = match (s.lead, s.two_meetings) {
            ("bau", true) => "tong-ket",
            (_, true) => sign_at,
            _ => "",
        };
        y += &format!(
            "lanh_dao: {{ nam: 2025, truong: b, {}cach: {}, hoi_nghi: \"{meeting}\", thong_nhat: {}, quyet_dinh: \"{}\" }}\n",
            if s.deputy { "pho: c, " } else { "" },
            s.lead,
            s.lead == "bau" && s.unanimous,
            if s.lead == "chi-dinh" {
                "Quyết định số 05/QĐ-HĐTĐKT ngày 02/01/2025 của Hội đồng Thi đua - Khen thưởng"
            } else {
                ""
            }
        );
    }
    let sign_ref = if s.two_meetings {
        format!("hoi_nghi: {sign_at}, ")
    } else {
        String::new()
    };
    y += &format!(
        "giao_uoc: {{ {sign_ref}nam: 2025, noi_dung: [Hoàn thành tốt nhiệm vụ được giao., Không có cán bộ vi phạm kỷ luật.] }}\n"
    );
    if s.two_meetings {
        y += "tin_bai:\n  - { hoi_nghi: tong-ket, trang: Báo A, anh: [{ tep: \"\", chu_thich: Quang cảnh, sau_doan: 2 }] }\n  - { hoi_nghi: ky-ket, trang: Báo B }\n";
        y += "bien_ban:\n  - { hoi_nghi: tong-ket }\n  - { hoi_nghi: ky-ket }\n";
    } else {
        y +=
            "tin_bai: { trang: Báo A, anh: [{ tep: \"\", chu_thich: Quang cảnh, sau_doan: 2 }] }\n";
        y += "bien_ban: {}\n";
    }
    if s.awards > 0 {
        y += &format!(
            "to_trinh: {{ {at}gui: ubnd, ngay_tinh_thuong: 2025-01-15, nguoi_ky: {{ quyen: tm, chuc_vu: Trưởng khối }} }}\n"
        );
    }
    y
}

fn shapes() -> Vec<Shape> {
    let mut out = Vec::new();
    for party in [true, false] {
        for cum in [false, true] {
            for city in [false, true] {
                for awards in 0..3 {
                    for lead in ["", "bau", "luan-phien", "chi-dinh", "tiep-tuc"] {
                        for deputy in [true, false] {
                            for two_meetings in [false, true] {
                                for unanimous in [true, false] {
                                    out.push(Shape {
                                        party,
                                        cum,
                                        city,
                                        awards,
                                        lead,
                                        deputy,
                                        two_meetings,
                                        unanimous,
                                    });
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_combination_reads_clean_and_says_only_what_happened() {
    let e = engine();
    let mut bad = Vec::new();
    for s in shapes() {
        let yaml = record(s);
        let (l, _) =
            load("r.yaml", &yaml).unwrap_or_else(|ps| panic!("{s:?}\n{yaml}\n{}", show(&ps)));
        let docs = documents(&e, &l);
        let stems: Vec<&str> = docs.iter().map(|(s, _)| s.as_str()).collect();
        if s.two_meetings {
            // Two meetings' minutes never share a file name.
            assert!(
                stems.contains(&"bien-ban-tong-ket") && stems.contains(&"bien-ban-ky-ket"),
                "{stems:?}"
            );
        }
        for (stem, d) in &docs {
            for x in lint::check(d) {
                bad.push(format!("{s:?} {stem}: {} in «{}»", x.problem, x.text));
            }
            let t = text_of(d);
            let review_doc = stem.ends_with("tong-ket") || stem == "to-trinh";
            let mut says = |cond: bool, what: &str| {
                if cond {
                    bad.push(format!("{s:?} {stem}: {what}"));
                }
            };
            // An election only where one was held, and only at the meeting that held it.
            // "bầu chọn đề nghị" is the vote on awards, not an election.
            let elects = t.replace("bầu chọn", "").contains(" bầu ");
            says(s.lead != "bau" && elects, "reports an election not held");
            says(
                s.lead == "bau" && s.two_meetings && stem.ends_with("ky-ket") && elects,
                "reports the election at the signing meeting",
            );
            // The pledge signed only where it was signed.
            says(
                s.two_meetings && review_doc && t.contains("ký kết giao ước"),
                "says the pledge was signed at the review",
            );
            // "thống nhất" only for unanimous votes or elections.
            says(
                !s.unanimous && t.contains("thống nhất bầu"),
                "calls a split vote unanimous",
            );
            // The group's and the locality's words follow their kinds.
            says(
                s.cum && (t.contains("Trưởng khối") || t.contains("Phó khối")),
                "calls a cụm a khối",
            );
            says(
                !s.cum && (t.contains("Cụm trưởng") || t.contains("Cụm phó")),
                "calls a khối a cụm",
            );
            says(
                s.city && t.contains("nhân dân tỉnh"),
                "calls a city a province",
            );
            says(
                !s.city && t.contains("nhân dân Thành phố"),
                "calls a province a city",
            );
            says(
                t.contains("Bằng khen của UBND") || t.contains("Bằng khen của Ủy ban"),
                "drops «Chủ tịch» from the chairman's Bằng khen",
            );
            if stem == "to-trinh" && s.awards > 1 {
                says(
                    !t.contains("trình Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ"),
                    "does not forward the Government's award",
                );
            }
            if s.deputy || s.lead.is_empty() {
                continue;
            }
            says(
                t.contains("Phó khối") || t.contains("Cụm phó"),
                "names a deputy that does not exist",
            );
        }
    }
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad[..bad.len().min(40)].join("\n")
    );
}

#[test]
fn votes_are_worded_as_they_were() {
    // 7 of 9: "đạt 7/9 phiếu đồng ý, tỷ lệ 77,8%" and never "thống nhất".
    let yaml = std::fs::read_to_string(fixture("kontum-2024.yaml"))
        .unwrap()
        .replacen(
            "phuong_thuc: biểu quyết, dong_y: 9 }",
            "phuong_thuc: bỏ phiếu kín, dong_y: 7 }",
            1,
        );
    let (l, _) = load("k.yaml", &yaml).unwrap_or_else(|ps| panic!("{}", show(&ps)));
    let e = engine();
    for (stem, d) in documents(&e, &l) {
        let t = text_of(&d);
        if stem == "to-trinh" {
            assert!(t.contains("đạt 7/9 phiếu đồng ý, tỷ lệ 77,8%"), "{t}");
        }
        if stem == "tin-bai" {
            assert!(!t.contains("thống nhất bầu chọn"), "{t}");
            assert!(t.contains("Hội nghị đã bình xét, đề nghị"), "{t}");
        }
    }
    // Zero votes, and votes above the members present, are errors.
    for (from, to, word) in [
        (
            "dong_y: 9 }",
            "dong_y: 0, tong_phieu: 0 }",
            "tổng số phiếu bằng 0",
        ),
        ("dong_y: 9 }", "dong_y: 0 }", "không có phiếu đồng ý"),
        ("dong_y: 9 }", "dong_y: 10 }", "nhiều hơn số phiếu"),
        (
            "dong_y: 9 }",
            "dong_y: 9, tong_phieu: 12 }",
            "chỉ có 9 thành viên",
        ),
    ] {
        let y = std::fs::read_to_string(fixture("kontum-2024.yaml"))
            .unwrap()
            .replacen(from, to, 1);
        let ps = load("k.yaml", &y).expect_err("refused");
        assert!(show(&ps).contains(word), "{word}: {}", show(&ps));
    }
}

/// Records that `check` accepts render (DOCX and PDF) with no error: generated dates in
/// every accepted spelling, optional sections dropped, odd but valid text.
#[test]
fn check_promises_render() {
    let e = engine();
    let base = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    let variants: Vec<String> = vec![
        base.replace("ngay: 2024-02-06", "ngay: 2024-2-6"),
        base.replace("  ngay_tinh_thuong: 2024-08-01\n", ""),
        base.replace("gio_bat_dau: \"08:00\"", "gio_bat_dau: 8h30"),
        base.replace(
            "  thu_ky: { ho_ten: \"\", chuc_vu: Chuyên viên, don_vi: tct }\n",
            "",
        ),
        base.replace("  pho: btg\n", ""),
        base.replace("  cach: bau\n  thong_nhat: true\n", "  cach: tiep-tuc\n"),
        base.replace(
            "ngay_tinh_thuong: 2024-08-01",
            "ngay_tinh_thuong: 2026-08-01",
        ),
        base.replace(
            "ngay_tinh_thuong: 2024-08-01",
            "ngay_tinh_thuong: 2019-08-01",
        ),
        base.replace(
            "    - Hội nghị thảo luận",
            "    - \"*Hội* nghị @p | <x> & \\\\ {{ r }}\"\n    - Hội nghị thảo luận",
        ),
        record(Shape {
            party: false,
            cum: true,
            city: true,
            awards: 2,
            lead: "chi-dinh",
            deputy: false,
            two_meetings: true,
            unanimous: false,
        }),
    ];
    let req = Request {
        docs: None,
        formats: vec![Format::Docx, Format::Pdf, Format::Html],
        meeting: None,
    };
    for (i, y) in variants.iter().enumerate() {
        match load(&format!("v{i}.yaml"), y) {
            Ok((l, _)) => {
                let files = e.render(&l, &req).unwrap_or_else(|ps| {
                    panic!(
                        "variant {i}: check accepted, render refused:\n{}",
                        show(&ps)
                    )
                });
                assert!(!files.is_empty());
            }
            Err(ps) => panic!("variant {i} should be valid:\n{}", show(&ps)),
        }
    }
}

#[test]
fn the_law_on_the_day_is_cited_and_checked() {
    let base = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    // A 2022 meeting citing the 2022 Law and Nghị định 98/2023: both not yet in force.
    let y = base.replace("2024-02-06", "2022-12-20");
    let (_, warnings) = load("k.yaml", &y).unwrap_or_else(|ps| panic!("{}", show(&ps)));
    let w = show(&warnings);
    assert!(
        w.contains("Nghị định số 98/2023/NĐ-CP chưa có hiệu lực vào ngày 2022-12-20"),
        "{w}"
    );
    assert!(
        w.contains("Luật Thi đua, khen thưởng số 06/2022/QH15 chưa có hiệu lực"),
        "{w}"
    );
    // Without legal bases, the documents cite what was in force on their date.
    let y = y.replace(
        "  can_cu:\n    - Căn cứ Luật Thi đua, khen thưởng ngày 15-6-2022;\n    - Căn cứ Nghị định số 98/2023/NĐ-CP, ngày 31-12-2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;\n",
        "",
    );
    let (l, _) = load("k.yaml", &y).unwrap_or_else(|ps| panic!("{}", show(&ps)));
    let e = engine();
    let docs = documents(&e, &l);
    let pledge = docs.iter().find(|(s, _)| s == "giao-uoc").unwrap();
    let t = text_of(&pledge.1);
    assert!(
        t.contains("Luật Thi đua, khen thưởng ngày 26-11-2003"),
        "{t}"
    );
    assert!(t.contains("Nghị định số 91/2017/NĐ-CP"), "{t}");
    assert!(!t.contains("98/2023"), "{t}");
    // A 2026 proposal: Nghị định 152/2025, and an unconfirmed base salary is a warning.
    let y = base
        .replace("2024-02-06", "2026-01-10")
        .replace(
            "ngay_tinh_thuong: 2024-08-01",
            "ngay_tinh_thuong: 2026-08-01",
        )
        .replace("nam_tong_ket: 2023", "nam_tong_ket: 2025");
    let (_, warnings) = load("k.yaml", &y).unwrap_or_else(|ps| panic!("{}", show(&ps)));
    let w = show(&warnings);
    assert!(
        w.contains("Nghị định số 98/2023/NĐ-CP đã hết hiệu lực"),
        "{w}"
    );
    assert!(w.contains("2.530.000"), "an unconfirmed rate is named: {w}");
}

#[test]
fn a_profile_out_of_its_dates_is_warned_about() {
    // Hướng dẫn 36 applies from 03-4-2018: a 2017 pledge is out of its dates.
    let base = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    let y = base
        .replace("2024-02-06", "2017-12-20")
        .replace("  ngay_tinh_thuong: 2024-08-01\n", "");
    let (_, warnings) = load("k.yaml", &y).unwrap_or_else(|ps| panic!("{}", show(&ps)));
    let w = show(&warnings);
    assert!(
        w.contains("nằm ngoài thời gian áp dụng của thể thức «dang»"),
        "{w}"
    );
}

#[test]
fn a_proposal_issued_by_the_head_unit_to_a_party_committee() {
    // The head unit issues the tờ trình under its own three-level header and number
    // symbol, to the standing board of a city Party committee, for the board's Bằng khen
    // and a Government award that the board can only forward.
    let base = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    let y = base
        .replace(
            "dia_phuong: { loai: tinh, ten: Kon Tum }",
            "dia_phuong: { loai: thanh-pho, ten: Hà Nội }",
        )
        .replace("dia_danh: Kon Tum", "dia_danh: Hà Nội")
        .replace(
            "    ten_viet_tat: BNCTU\n",
            "    ten_viet_tat: BNCTU\n    cap_tren: [Đảng bộ Thành phố Hà Nội, Thành ủy Hà Nội]\n",
        )
        .replace("  gui: ubnd ", "  gui: btv-cap-uy\n  ban_hanh: bnc\n  thu_truong: '' ")
        .replace("  kinh_gui:\n    - Ủy ban nhân dân tỉnh Kon Tum\n    - Hội đồng Thi đua - Khen thưởng tỉnh\n", "")
        .replace("hinh_thuc: co-thi-dua,", "hinh_thuc: co-thi-dua-chinh-phu,")
        .replace("hinh_thuc: bang-khen-tap-the,", "hinh_thuc: bang-khen-btv-cap-uy,")
        .replace("  ngay_tinh_thuong: 2024-08-01\n", "");
    let (l, _) = load("k.yaml", &y).unwrap_or_else(|ps| panic!("{}", show(&ps)));
    let e = engine();
    let docs = documents(&e, &l);
    let (_, d) = docs.iter().find(|(s, _)| s == "to-trinh").unwrap();
    let t = text_of(d);
    for want in [
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        "THÀNH ỦY HÀ NỘI",
        "BAN NỘI CHÍNH TỈNH ỦY",
        "-TTr/BNCTU",
        "Ban Thường vụ Thành ủy Hà Nội",
        "kính đề nghị Ban Thường vụ Thành ủy:",
        "Tặng Bằng khen của Ban Thường vụ Thành ủy cho",
        "Xem xét, trình Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ cho Trường Chính trị tỉnh",
        "Kính trình Ban Thường vụ Thành ủy xem xét, quyết định./.",
    ] {
        assert!(t.contains(want), "«{want}» missing:\n{t}");
    }
    assert!(!t.contains("Ủy ban nhân dân"), "{t}");
    // The head unit speaks in its role, as the record says it is the head for 2024.
    assert!(t.contains("Ban Nội chính Tỉnh ủy, Trưởng khối Khối thi đua các cơ quan Đảng tỉnh năm 2024 kính đề nghị"), "{t}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 96, .. Default::default() })]

    /// Any record that `check` accepts renders: the Kon Tum record with random values put
    /// at random places (text, numbers, dates in odd spellings, empty values, lists).
    #[test]
    fn whatever_check_accepts_renders(
        edits in proptest::collection::vec((0usize..PLACES.len(), 0usize..VALUES.len()), 1..4)
    ) {
        let base = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
        let mut v: serde_yaml::Value = serde_yaml::from_str(&base).unwrap();
        for (p, x) in &edits {
            let value: serde_yaml::Value = serde_yaml::from_str(VALUES[*x]).unwrap();
            set(&mut v, PLACES[*p], value);
        }
        let yaml = serde_yaml::to_string(&v).unwrap();
        if let Ok((l, _)) = load("p.yaml", &yaml) {
            let req = Request { docs: None, formats: vec![Format::Docx, Format::Pdf, Format::Html], meeting: None };
            let r = engine().render(&l, &req);
            proptest::prop_assert!(r.is_ok(), "check accepted, render refused:\n{}\n{}", yaml, show(&r.err().unwrap_or_default()));
        }
    }
}

/// Where the property test puts values: a path of keys and list indices.
const PLACES: &[&[&str]] = &[
    &["hoi_nghi", "ngay"],
    &["hoi_nghi", "gio_bat_dau"],
    &["hoi_nghi", "buoi"],
    &["hoi_nghi", "dia_diem"],
    &["hoi_nghi", "nam_tong_ket"],
    &["hoi_nghi", "co_mat"],
    &["hoi_nghi", "so_co_mat"],
    &["hoi_nghi", "chu_tri"],
    &["hoi_nghi", "chu_toa"],
    &["hoi_nghi", "dien_bien"],
    &["binh_xet", "0", "dong_y"],
    &["binh_xet", "0", "tong_phieu"],
    &["binh_xet", "1", "hinh_thuc"],
    &["lanh_dao", "cach"],
    &["lanh_dao", "nam"],
    &["lanh_dao", "pho"],
    &["giao_uoc", "ngay"],
    &["giao_uoc", "can_cu"],
    &["giao_uoc", "so_cot"],
    &["to_trinh", "ngay"],
    &["to_trinh", "ngay_tinh_thuong"],
    &["to_trinh", "gui"],
    &["to_trinh", "ban_hanh"],
    &["to_trinh", "kinh_gui"],
    &["to_trinh", "so"],
    &["tin_bai", "tieu_de"],
    &["khoi", "loai"],
    &["khoi", "so_thanh_vien"],
    &["dia_phuong", "loai"],
    &["co_quan_chu_quan"],
    &["thanh_vien", "0", "ten"],
    &["bien_ban", "so"],
];

/// What it puts there.
const VALUES: &[&str] = &[
    "''",
    "'2024-2-6'",
    "'2023-12-31'",
    "'2026-08-01'",
    "'1999-01-01'",
    "0",
    "1",
    "9",
    "12",
    "2025",
    "-5",
    "'8h30'",
    "'chieu'",
    "'cum'",
    "'thanh-pho'",
    "'luan-phien'",
    "'tiep-tuc'",
    "'bau'",
    "'bnc'",
    "'btv-cap-uy'",
    "'co-thi-dua-chinh-phu'",
    "[]",
    "[bnc, btg]",
    "['Căn cứ Nghị định số 91/2017/NĐ-CP;']",
    "[Một, Hai, Ba]",
    "'*Chữ* @p | <x> & \\\\'",
    "{ ho_ten: A, chuc_vu: B }",
    "[{ ho_ten: A }, { ho_ten: B }]",
    "null",
];

fn set(v: &mut serde_yaml::Value, path: &[&str], value: serde_yaml::Value) {
    let mut cur = v;
    for (i, key) in path.iter().enumerate() {
        let last = i + 1 == path.len();
        let next = match key.parse::<usize>() {
            Ok(n) => match cur.as_sequence_mut().and_then(|s| s.get_mut(n)) {
                Some(x) => x,
                None => return,
            },
            Err(_) => {
                let Some(m) = cur.as_mapping_mut() else {
                    return;
                };
                if last {
                    m.insert(serde_yaml::Value::from(*key), value);
                    return;
                }
                match m.get_mut(*key) {
                    Some(x) => x,
                    None => return,
                }
            }
        };
        if last {
            *next = value;
            return;
        }
        cur = next;
    }
}

#[test]
fn a_city_is_named_once_and_the_head_unit_only_for_its_year() {
    let base = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    // A city's place line reads "Thành phố Cần Thơ"; with no dia_phuong.ten the authority
    // is "Ủy ban nhân dân Thành phố Cần Thơ", never "Thành phố Thành phố".
    let y = base
        .replace("dia_danh: Kon Tum", "dia_danh: Thành phố Cần Thơ")
        .replace("dia_phuong: { loai: tinh, ten: Kon Tum }", "dia_phuong: { loai: thanh-pho }")
        .replace("  kinh_gui:\n    - Ủy ban nhân dân tỉnh Kon Tum\n    - Hội đồng Thi đua - Khen thưởng tỉnh\n", "")
        .replace("  gui: ubnd ", "  ban_hanh: bnc\n  gui: ubnd ");
    let (l, _) = load("k.yaml", &y).unwrap_or_else(|ps| panic!("{}", show(&ps)));
    let e = engine();
    let docs = documents(&e, &l);
    let t = text_of(&docs.iter().find(|(s, _)| s == "to-trinh").unwrap().1);
    assert!(t.contains("Ủy ban nhân dân Thành phố Cần Thơ"), "{t}");
    assert!(!t.contains("Thành phố Thành phố"), "{t}");
    // Leadership 2024, tờ trình dated 2024: the head unit speaks as the head.
    assert!(t.contains("Ban Nội chính Tỉnh ủy, Trưởng khối"), "{t}");
    // Dated 2025, the record no longer makes it the head: it speaks as itself.
    let y = y.replace(
        "  ngay: 2024-02-06\n  ban_hanh",
        "  ngay: 2025-01-10\n  ban_hanh",
    );
    let (l, _) = load("k.yaml", &y).unwrap_or_else(|ps| panic!("{}", show(&ps)));
    let docs = documents(&e, &l);
    let t = text_of(&docs.iter().find(|(s, _)| s == "to-trinh").unwrap().1);
    assert!(!t.contains("Trưởng khối Khối"), "{t}");
    assert!(t.contains("Ban Nội chính Tỉnh ủy kính đề nghị"), "{t}");
}

#[test]
fn years_a_document_cannot_print_are_refused() {
    let base = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    for (from, to) in [
        ("  nam_tong_ket: 2023", "  nam_tong_ket: 0"),
        ("  nam: 2024\n  truong: bnc", "  nam: -5\n  truong: bnc"),
    ] {
        let y = base.replacen(from, to, 1);
        let ps = load("k.yaml", &y).expect_err("refused");
        assert!(show(&ps).contains("không hợp lệ"), "{}", show(&ps));
    }
}

/// The minutes say they were read back and approved only when the record says so
/// (`bien_ban_thong_qua`), in the DOCX and in the PDF alike.
#[test]
fn the_minutes_are_approved_only_when_the_record_says_so() {
    let sentence =
        "Biên bản đã được đọc lại trước Hội nghị và các thành viên dự họp nhất trí thông qua.";
    let text = std::fs::read_to_string(root().join("fixtures/kontum-2024.yaml")).unwrap();
    let at = "  gio_ket_thuc: \"11:00\"";
    assert!(text.contains(at));
    let dir = temp_dir("thong-qua");
    for approved in [false, true] {
        let rec = dir.join(format!("ho-so-{approved}.yaml"));
        let yaml = if approved {
            text.replacen(at, &format!("{at}\n  bien_ban_thong_qua: true"), 1)
        } else {
            text.clone()
        };
        std::fs::write(&rec, yaml).unwrap();
        let out = render(
            &rec,
            &["--doc", "bien-ban", "--format", "docx,pdf"],
            &format!("thong-qua-{approved}"),
        );
        let docx =
            paragraphs(&docx_part(&out.join("bien-ban.docx"), "word/document.xml")).join(" ");
        assert_eq!(docx.contains(sentence), approved, "DOCX: {docx}");
        if have_poppler("the_minutes_are_approved_only_when_the_record_says_so") {
            let pdf = pdf_pages(&out.join("bien-ban.pdf")).join(" ");
            assert_eq!(pdf.contains(sentence), approved, "PDF: {pdf}");
        }
    }
}

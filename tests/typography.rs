//! Pages a clerk would not correct, with long real names: headers broken after the
//! organ's type and never inside a place name, the place-and-date line on one line,
//! titles without a lone word, grid cells whose role and name lines share baselines, no
//! page holding the signature grid alone. Read back from the DOCX XML and from the PDF's
//! text positions, which must agree.

mod common;

use std::io::Read;

use vanban::record::load::load_str;
use vanban::render::{Engine, Request};
use vanban_font::Fonts;
use vanban_model::{Block, Document, Profile};
use vanban_pdf::layout::{Item, Layout, Text, layout};

const MEMBERS: [&str; 17] = [
    "Sở Giáo dục và Đào tạo",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Sở Lao động - Thương binh và Xã hội",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Trường Chính trị tỉnh",
    "Đảng ủy Khối các cơ quan tỉnh",
    "Báo {place}",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Tỉnh đoàn {place}",
    "Hội Cựu chiến binh tỉnh",
    "Hội Nông dân tỉnh",
    "Liên đoàn Lao động tỉnh",
];

/// Two-syllable words a line must not split.
const COMPOUNDS: [&str; 11] = [
    "THI ĐUA",
    "CƠ QUAN",
    "MẶT TRẬN",
    "ĐOÀN THỂ",
    "NHÂN DÂN",
    "ĐÀO TẠO",
    "THƯƠNG BINH",
    "XÃ HỘI",
    "PHỤ NỮ",
    "LIÊN HIỆP",
    "GIÁO DỤC",
];

/// 60 to 80 characters with the place.
const BLOCK: &str = "Khối thi đua các cơ quan Đảng, Mặt trận và các đoàn thể tỉnh {place}";

/// The Kon Tum record with a long province name, a three-level Party header, a block
/// name of 79 characters and 17 members with long names, in profile `profile`.
fn record(profile: &str, place: &str, parents: &[&str]) -> vanban::record::load::Loaded {
    let base = std::fs::read_to_string(common::fixture("kontum-2024.yaml")).unwrap();
    let mut v: serde_yaml::Value = serde_yaml::from_str(&base).unwrap();
    v["the_thuc"] = profile.into();
    v["dia_danh"] = place.into();
    v["dia_phuong"]["ten"] = place.into();
    v["co_quan_chu_quan"] =
        serde_yaml::Value::Sequence(parents.iter().map(|&p| p.into()).collect());
    v["khoi"]["ten"] = BLOCK.replace("{place}", place).into();
    let old: Vec<serde_yaml::Value> = v["thanh_vien"].as_sequence().unwrap().clone();
    let mut members = Vec::new();
    for (i, name) in MEMBERS.iter().enumerate() {
        let mut m = old[i % old.len()].clone();
        m["id"] = format!("m{i}").into();
        m["ten"] = name.replace("{place}", place).into();
        m["ten_viet_tat"] = format!("M{i}").into();
        m["nguoi_ky"]["ho_ten"] = format!("Lê Văn K{i}").into();
        if i == 2 {
            m["nguoi_ky"] = serde_yaml::from_str(
                "{ quyen: kt, thay_mat: Giám đốc, chuc_vu: Phó Giám đốc, ho_ten: Trần Thị Bình }",
            )
            .unwrap();
        }
        members.push(m);
    }
    v["thanh_vien"] = serde_yaml::Value::Sequence(members);
    let ids = ["m0", "m1", "m2", "m3"];
    for (k, vote) in v["binh_xet"]
        .as_sequence_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        vote["don_vi"] = ids[k].into();
        vote["dong_y"] = 17.into();
    }
    v["hoi_nghi"]["don_vi_dang_cai"] = "m9".into();
    v["hoi_nghi"]["chu_tri"] = "m9".into();
    v["hoi_nghi"]["chu_toa"]["don_vi"] = "m9".into();
    v["hoi_nghi"]["thu_ky"]["don_vi"] = "m9".into();
    v["lanh_dao"]["truong"] = "m7".into();
    v["lanh_dao"]["pho"] = "m5".into();
    let yaml = serde_yaml::to_string(&v).unwrap();
    let (loaded, _) = load_str("dai.yaml", yaml).unwrap_or_else(|p| panic!("{p:?}"));
    let errors: Vec<_> = vanban::record::check::check(&loaded)
        .into_iter()
        .filter(|p| p.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    loaded
}

fn engine() -> Engine {
    Engine::builtin()
}

fn documents(l: &vanban::record::load::Loaded) -> Vec<(String, Document)> {
    let req = Request {
        docs: Some(vec!["giao-uoc".into(), "to-trinh".into()]),
        formats: vec![],
        meeting: None,
    };
    engine()
        .documents(l, &req)
        .unwrap_or_else(|p| panic!("{p:?}"))
        .into_iter()
        .map(|(j, d)| (j.doc, d))
        .collect()
}

/// The lines of block `block` on each page: text pieces on one baseline, cut where a
/// gap between pieces shows another column. (page, baseline, left x, text).
fn pdf_lines(laid: &Layout, block: usize) -> Vec<(usize, f32, f32, String)> {
    let mut out: Vec<(usize, f32, f32, String)> = Vec::new();
    for (p, page) in laid.pages.iter().enumerate() {
        let mut texts: Vec<&Text> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if t.block == block => Some(t),
                _ => None,
            })
            .collect();
        texts.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        let mut end = f32::MIN;
        for t in texts {
            match out.last_mut() {
                Some((lp, ly, _, s)) if *lp == p && (*ly - t.y).abs() < 0.01 && t.x - end < 5.0 => {
                    s.push_str(&t.text)
                }
                _ => out.push((p, t.y, t.x, t.text.clone())),
            }
            end = t.x + t.width;
        }
    }
    out.into_iter()
        .map(|(p, y, x, s)| (p, y, x, s.trim().to_string()))
        .collect()
}

/// The paragraphs of the DOCX body, each as its lines (text between explicit breaks).
fn docx_paragraph_lines(doc: &Document, profile: &Profile) -> Vec<Vec<String>> {
    let bytes = vanban_docx::write(doc, profile, Fonts::embedded()).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.split("</w:p>")
        .map(|p| {
            let marked = p.replace("<w:br w:type=\"textWrapping\"/>", "<w:t>\u{1}</w:t>");
            let text = common::paragraphs(&format!("{marked}</w:p>")).join("");
            text.split('\u{1}').map(|s| s.trim().to_string()).collect()
        })
        .collect()
}

/// Whether some line ends inside `name` (its words split over two lines).
fn splits(lines: &[String], name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    lines.windows(2).any(|w| {
        (1..words.len()).any(|k| {
            w[0].ends_with(&words[..k].join(" ")) && w[1].starts_with(&words[k..].join(" "))
        })
    })
}

fn block_of(doc: &Document, pred: impl Fn(&Block) -> bool) -> usize {
    doc.blocks.iter().position(pred).expect("block present")
}

#[test]
fn long_names_set_as_a_clerk_would() {
    let cases: [(&str, &str, &[&str]); 3] = [
        ("nha-nuoc", "Bắc Kạn", &["Ủy ban nhân dân tỉnh Bắc Kạn"]),
        (
            "dang",
            "Hồ Chí Minh",
            &[
                "Thành ủy Thành phố Hồ Chí Minh",
                "Đảng ủy Khối các cơ quan Thành phố Hồ Chí Minh",
            ],
        ),
        (
            "dang",
            "Bà Rịa - Vũng Tàu",
            &[
                "Tỉnh ủy Bà Rịa - Vũng Tàu",
                "Ban Thường vụ Tỉnh ủy Bà Rịa - Vũng Tàu",
            ],
        ),
    ];
    let fonts = Fonts::embedded();
    for (pid, place, parents) in cases {
        let profile = Profile::builtin(pid).unwrap();
        let l = record(pid, place, parents);
        let caps = vanban_viet::upper(place);
        for (name, doc) in documents(&l) {
            let laid = layout(&doc, profile, fonts).unwrap();
            let docx = docx_paragraph_lines(&doc, profile);
            let header = block_of(&doc, |b| matches!(b, Block::Header(_)));
            let lines = pdf_lines(&laid, header);
            let texts: Vec<String> = lines.iter().map(|l| l.3.clone()).collect();

            // The place-and-date line: one line in both files.
            let date: Vec<_> = lines.iter().filter(|l| l.3.contains(", ngày ")).collect();
            assert_eq!(date.len(), 1, "{pid} {name}: {texts:?}");
            assert!(
                date[0].3.starts_with(&format!("{place}, ngày")),
                "{:?}",
                date[0]
            );
            assert!(docx.iter().any(|p| p.len() == 1 && p[0] == date[0].3));

            // No place name split, in the PDF or in the DOCX's explicit breaks.
            for n in [caps.as_str()] {
                assert!(!splits(&texts, n), "{pid} {name}: «{n}» split in {texts:?}");
                for p in &docx {
                    assert!(!splits(p, n), "{pid} {name}: «{n}» split in DOCX {p:?}");
                }
            }
            // Broken after the organ's type.
            let first = |prefix: &str| texts.iter().find(|t| t.starts_with(prefix)).cloned();
            if place == "Hồ Chí Minh" {
                assert_eq!(first("THÀNH ỦY").as_deref(), Some("THÀNH ỦY"), "{texts:?}");
            }
            if pid == "nha-nuoc" {
                assert_eq!(
                    first("ỦY BAN").as_deref(),
                    Some("ỦY BAN NHÂN DÂN"),
                    "{texts:?}"
                );
                assert!(texts.contains(&"TỈNH BẮC KẠN".to_string()), "{texts:?}");
            }
            // Never inside a two-syllable word.
            for c in COMPOUNDS {
                assert!(!splits(&texts, c), "{pid} {name}: «{c}» split in {texts:?}");
            }
            // Balanced: no header line under a third of the longest of its paragraph.
            assert!(first("KHỐI THI ĐUA").is_some(), "{texts:?}");
            // Every line the DOCX breaks explicitly is a line of the PDF.
            let all: Vec<String> = (0..doc.blocks.len())
                .flat_map(|b| pdf_lines(&laid, b).into_iter().map(|l| l.3))
                .collect();
            for p in docx.iter().filter(|p| p.len() > 1) {
                for line in p {
                    assert!(
                        all.contains(line),
                        "{pid} {name}: DOCX line «{line}» not in the PDF"
                    );
                }
            }

            // Titles: no line holds a single word.
            let title = block_of(&doc, |b| matches!(b, Block::Title(_)));
            for (_, _, _, t) in pdf_lines(&laid, title) {
                assert!(
                    t.contains(' ') || t.chars().all(|c| c == '-'),
                    "{pid} {name}: lone word «{t}»"
                );
            }

            if name == "giao-uoc" {
                grid_checks(&doc, &laid, pid);
            }
        }
    }
}

/// Role lines of a grid row on one baseline, names on another; no agency name broken
/// inside a two-syllable word or before a dash; the grid never alone on a page.
fn grid_checks(doc: &Document, laid: &Layout, pid: &str) {
    let grid = block_of(doc, |b| matches!(b, Block::Grid(_)));
    let Block::Grid(g) = &doc.blocks[grid] else {
        unreachable!()
    };
    let lines = pdf_lines(laid, grid);
    let texts: Vec<String> = lines.iter().map(|l| l.3.clone()).collect();
    for t in &texts {
        assert!(
            !t.starts_with('-'),
            "{pid}: a line starts with a dash: {texts:?}"
        );
        assert!(
            t != "TẠO" && t != "ĐÀO TẠO" || t.contains("GIÁO DỤC") || t.starts_with("VÀ"),
            "{t}"
        );
    }
    for c in COMPOUNDS.iter().chain(&["CHÍNH TRỊ"]) {
        assert!(!splits(&texts, c), "{pid}: «{c}» split in {texts:?}");
    }
    // Per row: the first role lines of its cells share a baseline, and so do the names.
    let left = vanban_model::profile::mm_to_pt(30.0);
    let colw = 467.75 / g.columns as f32;
    let column = |x: f32| ((x - left) / colw).floor() as usize;
    for row in g.cells.chunks(g.columns) {
        let (mut roles, mut names) = (Vec::new(), Vec::new());
        for (j, cell) in row.iter().enumerate() {
            let of = |k| {
                cell.lines
                    .iter()
                    .find(|(kind, _)| *kind == k)
                    .map(|l| l.1.clone())
            };
            let name = of(vanban_model::SignLine::Name).unwrap();
            let role = of(vanban_model::SignLine::Role).unwrap();
            let at = lines
                .iter()
                .find(|l| l.3 == name && column(l.2) == j)
                .unwrap_or_else(|| panic!("{pid}: name «{name}» not found"));
            names.push((at.0, at.1));
            let r = lines
                .iter()
                .filter(|l| l.0 == at.0 && column(l.2) == j && l.1 > at.1)
                .filter(|l| role.starts_with(&l.3))
                .map(|l| (l.0, l.1))
                .reduce(|a, b| if b.1 < a.1 { b } else { a })
                .unwrap_or_else(|| panic!("{pid}: role «{role}» not found"));
            roles.push(r);
        }
        for ys in [&roles, &names] {
            assert!(
                ys.windows(2)
                    .all(|w| w[0].0 == w[1].0 && (w[0].1 - w[1].1).abs() < 0.01),
                "{pid}: {ys:?} in row {row:?}"
            );
        }
    }
    // The grid's first page holds body text above it.
    let first_page = lines[0].0;
    let body_above = laid.pages[first_page].items.iter().any(|i| {
        matches!(i, Item::Text(t) if t.block < grid && t.block != usize::MAX
            && matches!(doc.blocks[t.block], Block::Paragraph(_) | Block::List(_)))
    });
    assert!(body_above, "{pid}: the grid starts a page alone");
}

#[test]
fn a_place_too_long_for_the_header_is_a_warning() {
    let l = record(
        "nha-nuoc",
        "Thành phố Hồ Chí Minh",
        &["Ủy ban nhân dân Thành phố Hồ Chí Minh"],
    );
    let fine = vanban::record::check::check(&l);
    assert!(
        !fine.iter().any(|p| p.message.contains("quá dài")),
        "{fine:?}"
    );
    let l = record(
        "nha-nuoc",
        "Thị trấn Phong Điền thuộc huyện Phong Điền, thành phố Cần Thơ",
        &["Ủy ban nhân dân tỉnh Bắc Kạn"],
    );
    let warned = vanban::record::check::check(&l);
    assert!(
        warned
            .iter()
            .any(|p| !p.is_error() && p.path == "dia_danh" && p.message.contains("quá dài")),
        "{warned:?}"
    );
    let profile = Profile::builtin("dang").unwrap();
    assert!(vanban_layout::place_date_fits(
        profile,
        Fonts::embedded(),
        "Kon Tum, ngày 28 tháng 12 năm 2024"
    ));
}

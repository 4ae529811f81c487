//! Shared by the integration tests: two realistic documents in markup, rendering, and
//! reading parts back.
#![allow(dead_code)]

#[path = "../../../../tests/common/external.rs"]
mod external;

use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::process::Command;

use vanban_font::Fonts;
use vanban_model::{Document, Profile, markup};

/// The 2024 pledge of the Party agencies' emulation block (Party format). Agencies after
/// the five the seed article names are assumed.
pub const PLEDGE: &str = r#"
@meta
title: Bản giao ước thi đua năm 2024
author: Khối thi đua các cơ quan Đảng tỉnh
subject: Giao ước thi đua năm 2024
date: 2024-02-06
keywords: giao ước, thi đua

@header
parent: TỈNH ỦY KON TUM
issuer: KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH
place-date: Kon Tum, ngày 06 tháng 02 năm 2024

@title BẢN GIAO ƯỚC THI ĐUA
năm 2024

@p
Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định số 98/2023/NĐ-CP, ngày 31-12-2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;

Căn cứ kết quả Hội nghị tổng kết phong trào thi đua năm 2023 ngày 06-02-2024, các cơ quan thành viên Khối thi đua các cơ quan Đảng tỉnh thống nhất ký kết giao ước thi đua năm 2024 với các nội dung sau:

@heading 1
I. NỘI DUNG GIAO ƯỚC

@list number
Tổ chức tuyên truyền, quán triệt thực hiện chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước; tiếp tục thực hiện Chỉ thị số 34-CT/TW, ngày 08-4-2014 của Bộ Chính trị khóa X "về tiếp tục đổi mới công tác thi đua, khen thưởng".
Căn cứ chương trình, kế hoạch của các cơ quan, đơn vị để tổ chức phát động và hưởng ứng triển khai hiệu quả các phong trào thi đua yêu nước thiết thực, phù hợp với nhiệm vụ chính trị của cơ quan, đơn vị.
Lãnh đạo, chỉ đạo triển khai thực hiện tốt nhiệm vụ chính trị được giao; siết chặt kỷ luật, kỷ cương hành chính trong chỉ đạo, điều hành và thực thi công vụ.
Tiếp tục phát huy vai trò lãnh đạo, chỉ đạo của cấp ủy, chính quyền và Hội đồng Thi đua - Khen thưởng các cơ quan, đơn vị; công tác thi đua, khen thưởng phải thực sự công khai, đúng quy trình.
Duy trì và nâng cao chất lượng hoạt động của Khối thi đua, chia sẻ kinh nghiệm, mô hình, giải pháp thiết thực, tạo sự lan tỏa trong phong trào thi đua toàn Khối.
Lãnh đạo đội ngũ cán bộ, đảng viên, công chức, viên chức phát huy tinh thần "Trung thành, sáng tạo, tận tụy, gương mẫu", phấn đấu hoàn thành tốt mọi nhiệm vụ được giao.

@heading 1
II. TỔ CHỨC THỰC HIỆN

@p
Trưởng khối theo dõi, đôn đốc các cơ quan thành viên thực hiện giao ước; sơ kết 6 tháng, tổng kết cuối năm, chấm điểm làm căn cứ bình xét, đề nghị khen thưởng.

Bản giao ước có hiệu lực kể từ ngày ký, được lập thành 09 bản, mỗi cơ quan thành viên giữ 01 bản./.

@closing
left label: Nơi nhận:
left item: - Ban Thi đua - Khen thưởng tỉnh;
left item: - Các cơ quan thành viên Khối;
left item: - Lưu VT.
right role: T/M KHỐI THI ĐUA
right role: TRƯỞNG KHỐI
right name: 

@p center
ĐẠI DIỆN CÁC CƠ QUAN KÝ GIAO ƯỚC

@grid 3
agency: BAN NỘI CHÍNH TỈNH ỦY
role: TRƯỞNG BAN
name:

agency: BAN TUYÊN GIÁO TỈNH ỦY
role: K/T TRƯỞNG BAN
role: PHÓ TRƯỞNG BAN
name:

agency: TRƯỜNG CHÍNH TRỊ TỈNH
role: HIỆU TRƯỞNG
name:

agency: BAN TỔ CHỨC TỈNH ỦY
role: TRƯỞNG BAN
name:

agency: VĂN PHÒNG TỈNH ỦY
role: CHÁNH VĂN PHÒNG
name:

agency: ỦY BAN KIỂM TRA TỈNH ỦY
role: CHỦ NHIỆM
name:

agency: BAN DÂN VẬN TỈNH ỦY
role: TRƯỞNG BAN
name:

agency: ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH
role: BÍ THƯ
name:

agency: BÁO KON TUM
role: TỔNG BIÊN TẬP
name:
"#;

/// An award proposal (state format) with two addressees and an annex list of 12 units.
pub const PROPOSAL: &str = r#"
@meta
title: Tờ trình đề nghị khen thưởng năm 2023
author: Khối thi đua các cơ quan Đảng tỉnh
date: 2024-02-20

@header
parent: TỈNH ỦY KON TUM
issuer: KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH
number: Số: 01/TTr-KTĐ
place-date: Kon Tum, ngày 20 tháng 02 năm 2024

@title TỜ TRÌNH
về việc đề nghị tặng Cờ thi đua, Bằng khen của Ủy ban nhân dân tỉnh năm 2023

@to
- Ủy ban nhân dân tỉnh Kon Tum;
- Hội đồng Thi đua - Khen thưởng tỉnh.

@p
Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;

Ngày 06/02/2024, Khối thi đua các cơ quan Đảng tỉnh tổ chức Hội nghị tổng kết phong trào thi đua năm 2023; có 9/9 cơ quan thành viên dự. Kết quả bình xét: **Trường Chính trị tỉnh** đạt 9/9 phiếu, tỷ lệ 100%.

Khối thi đua kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./.

@closing
left label: Nơi nhận:
left item: - Như trên;
left item: - Lưu: VT, KTĐ.
right role: TM. KHỐI THI ĐUA
right role: TRƯỞNG KHỐI
right name: Nguyễn Văn An

@pagebreak

@p annex-title
DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2023

@table widths=8,46,28,18 header=1 align=c,l,l,c
STT | Tên đơn vị | Hình thức | Số phiếu
1 | Trường Chính trị tỉnh | Cờ thi đua | 9/9
2 | Ban Tổ chức Tỉnh ủy | Bằng khen | 9/9
3 | Ban Nội chính Tỉnh ủy | Bằng khen | 9/9
4 | Văn phòng Tỉnh ủy | Bằng khen | 8/9
5 | Ban Tuyên giáo Tỉnh ủy | Giấy khen | 8/9
6 | Ủy ban Kiểm tra Tỉnh ủy | Giấy khen | 8/9
7 | Ban Dân vận Tỉnh ủy | Giấy khen | 7/9
8 | Đảng ủy Khối cơ quan và doanh nghiệp tỉnh | Giấy khen | 7/9
9 | Báo Kon Tum | Giấy khen | 7/9
10 | Ban Bảo vệ chăm sóc sức khỏe cán bộ tỉnh | Giấy khen | 6/9
11 | Hội Nông dân tỉnh | Giấy khen | 6/9
12 | Liên đoàn Lao động tỉnh | Giấy khen | 6/9
"#;

pub fn doc(src: &str) -> Document {
    markup::parse(src).expect("test markup parses")
}

pub fn profile(id: &str) -> Profile {
    Profile::builtin(id).expect("built-in profile").clone()
}

pub fn render(src: &str, profile_id: &str) -> Vec<u8> {
    vanban_docx::write(&doc(src), &profile(profile_id), Fonts::embedded()).expect("writes")
}

/// The names of the package's parts, in zip order.
pub fn names(docx: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    zip.file_names().map(str::to_string).collect()
}

/// One part's text.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    let mut f = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"));
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8 part");
    s
}

/// The `<w:p>` element whose text holds `text` (within one run).
pub fn paragraph_with<'a>(xml: &'a str, text: &str) -> &'a str {
    let at = xml.find(text).unwrap_or_else(|| panic!("no text «{text}»"));
    let start = xml[..at].rfind("<w:p>").expect("inside a paragraph");
    let end = at + xml[at..].find("</w:p>").expect("closed") + "</w:p>".len();
    &xml[start..end]
}

/// The top-level tables of document.xml, in order.
pub fn tables(xml: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(s) = rest.find("<w:tbl>") {
        // Layout tables are never nested, so the first close ends this one.
        let e = s + rest[s..].find("</w:tbl>").expect("closed") + "</w:tbl>".len();
        out.push(&rest[s..e]);
        rest = &rest[e..];
    }
    out
}

/// Runs docx-validate on the package; returns its complaints (empty when valid), or
/// `None` when the checker is missing and the test is skipped (see `external::need`).
pub fn validate(docx: &[u8], name: &str) -> Option<String> {
    if !external::need(external::Tool::DocxValidate, &format!("docx::{name}")) {
        return None;
    }
    let tool = external::docx_validate();
    let python = PathBuf::from("/usr/bin/python3");
    let path = std::env::temp_dir().join(format!("vanban-docx-{}-{name}.docx", std::process::id()));
    std::fs::write(&path, docx).expect("temp file");
    let out = Command::new(&python)
        .arg(&tool)
        .arg(&path)
        .output()
        .expect("runs");
    let _ = std::fs::remove_file(&path);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(if out.status.success() && text.is_empty() {
        String::new()
    } else {
        text
    })
}

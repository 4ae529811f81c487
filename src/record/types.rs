//! The meeting record: what a user writes in YAML. Keys are Vietnamese without diacritics,
//! snake_case, because the people who write records think in those words. Every field is
//! documented in docs/record.md; the doc comments here become the JSON Schema's
//! descriptions (`vanban schema`), which editors show on hover.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Required fields by type, for the JSON Schema editors read. Parsing itself is lenient
/// (every field has a default) so that one missing field does not hide the record's other
/// problems; `check` reports missing fields with the rest.
pub const REQUIRED: &[(&str, &[&str])] = &[
    (
        "Record",
        &["the_thuc", "dia_danh", "khoi", "thanh_vien", "hoi_nghi"],
    ),
    ("Khoi", &["ten"]),
    ("ThanhVien", &["id", "ten"]),
    ("HoiNghi", &["ngay", "dia_diem", "nam_tong_ket", "noi_dung"]),
    ("BinhXet", &["hinh_thuc", "don_vi", "dong_y"]),
    ("BauKhoi", &["nam", "truong_khoi", "pho_khoi"]),
    ("GiaoUoc", &["nam", "noi_dung"]),
    ("Anh", &["chu_thich"]),
    ("TinBai", &["trang"]),
    ("ToTrinh", &["kinh_gui"]),
];

/// One meeting of an emulation block, and what the documents that follow from it need.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct Record {
    /// Format profile: `dang` (Hướng dẫn 36-HD/VPTW) or `nha-nuoc` (Nghị định 30/2020/NĐ-CP).
    pub the_thuc: String,
    /// Tone-mark style for the whole document: `cu` (hòa, thủy — default) or `moi` (hoà, thuỷ).
    pub kieu_dau: Option<String>,
    /// Place name for the date line, e.g. "Kon Tum".
    pub dia_danh: String,
    /// Parent body (cơ quan chủ quản), e.g. "Tỉnh ủy Kon Tum".
    pub co_quan_chu_quan: String,
    /// The emulation block: its name and abbreviation.
    pub khoi: Khoi,
    /// Member agencies, in the block's protocol order.
    pub thanh_vien: Vec<ThanhVien>,
    /// The meeting itself.
    pub hoi_nghi: HoiNghi,
    /// Votes on award proposals, one per proposed unit and award.
    pub binh_xet: Vec<BinhXet>,
    /// Election of next year's head and deputy head.
    pub bau_khoi: Option<BauKhoi>,
    /// The pledge signed at the meeting.
    pub giao_uoc: Option<GiaoUoc>,
    /// The news item for the agency's website.
    pub tin_bai: Option<TinBai>,
    /// The award proposal (tờ trình) to the provincial People's Committee.
    pub to_trinh: Option<ToTrinh>,
    /// The minutes (biên bản) of the meeting.
    pub bien_ban: Option<BienBan>,
}

/// The emulation block (khối thi đua).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct Khoi {
    /// Full name, e.g. "Khối thi đua các cơ quan Đảng tỉnh".
    pub ten: String,
    /// Abbreviation used in document numbers, e.g. "KTĐ".
    pub ten_viet_tat: String,
}

/// A member agency.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct ThanhVien {
    /// Short id the rest of the record refers to, e.g. `tct`.
    pub id: String,
    /// Full name, e.g. "Trường Chính trị tỉnh".
    pub ten: String,
    /// Abbreviation, e.g. "TCT".
    pub ten_viet_tat: String,
    /// Who signs for the agency (the pledge's signature grid).
    pub nguoi_ky: Option<NguoiKy>,
}

/// A signer: authority prefix, title and name.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct NguoiKy {
    /// Authority: empty (signs in their own right), `tm` (on behalf of a collective),
    /// `kt` (deputy for the head), `tl` (by order), `tuq`, `q` (acting).
    pub quyen: String,
    /// The head's title after a `kt` prefix, e.g. "Trưởng ban" for "K/T TRƯỞNG BAN".
    pub thay_mat: String,
    /// The signer's own title, e.g. "Trưởng ban", "Phó Trưởng ban".
    pub chuc_vu: String,
    /// Full name; empty leaves the line for writing by hand.
    pub ho_ten: String,
}

/// A person named in the minutes.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct Nguoi {
    pub ho_ten: String,
    pub chuc_vu: String,
    /// Member id of the person's agency.
    pub don_vi: String,
}

/// The meeting.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct HoiNghi {
    /// ISO date, e.g. 2024-02-06.
    pub ngay: String,
    /// Start time "08:00"; decides "Sáng"/"Chiều" in the news item.
    pub gio_bat_dau: String,
    /// End time "11:30".
    pub gio_ket_thuc: String,
    /// Where, e.g. "Trường Chính trị tỉnh".
    pub dia_diem: String,
    /// Member id of the host agency, if it is a member.
    pub don_vi_dang_cai: String,
    /// The year under review, e.g. 2023.
    pub nam_tong_ket: Option<i32>,
    /// What the meeting was, after "Hội nghị", e.g. "tổng kết phong trào thi đua năm 2023 …".
    pub noi_dung: String,
    /// Member ids present; empty means all members.
    pub co_mat: Vec<String>,
    /// Who attended, in words: "đại diện lãnh đạo và cán bộ tham mưu …".
    pub thanh_phan: String,
    /// Member id of the agency that chaired.
    pub chu_tri: String,
    /// The person who chaired.
    pub chu_toa: Option<Nguoi>,
    /// The person who took the minutes.
    pub thu_ky: Option<Nguoi>,
    /// What was discussed, one paragraph each.
    pub dien_bien: Vec<String>,
}

/// A vote on proposing one unit for one award.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct BinhXet {
    /// Award form: `co-thi-dua` (Cờ thi đua of the province), `bang-khen-tap-the`
    /// (Bằng khen of the chairman, collective), or another id in data/awards.yaml.
    pub hinh_thuc: String,
    /// Member id of the proposed unit.
    pub don_vi: String,
    /// Method: "bỏ phiếu kín", "biểu quyết giơ tay" …
    pub phuong_thuc: String,
    /// Votes in favour.
    pub dong_y: Option<u32>,
    /// Votes cast; empty means the members present.
    pub tong_phieu: Option<u32>,
}

/// Election of next year's head and deputy.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct BauKhoi {
    /// The year they lead, e.g. 2024.
    pub nam: Option<i32>,
    /// Member id of the head (Trưởng khối).
    pub truong_khoi: String,
    /// Member id of the deputy (Phó khối).
    pub pho_khoi: String,
}

/// The pledge (bản giao ước thi đua).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct GiaoUoc {
    /// The year pledged for, e.g. 2024.
    pub nam: Option<i32>,
    /// Date signed; empty means the meeting's date.
    pub ngay: String,
    /// Legal bases (căn cứ), one per line.
    pub can_cu: Vec<String>,
    /// The pledged contents, in order.
    pub noi_dung: Vec<String>,
    /// Implementation clauses (tổ chức thực hiện).
    pub to_chuc_thuc_hien: Vec<String>,
    /// Grid columns: 2 or 3 (default 3).
    pub so_cot: Option<usize>,
}

/// A photo of the news item.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct Anh {
    /// Image file (PNG or JPEG), relative to the record; empty for a caption only.
    pub tep: String,
    /// Caption, e.g. "Quang cảnh Hội nghị".
    pub chu_thich: String,
    /// Where the photo stands: 1 after the lead; any other value (or none) after the
    /// paragraph of results.
    pub sau_doan: Option<usize>,
}

/// The news item (tin bài).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct TinBai {
    /// The website's name, e.g. "Ban Tuyên giáo Tỉnh ủy Kon Tum".
    pub trang: String,
    /// Title in sentence case; empty builds one from the record.
    pub tieu_de: String,
    /// Photos.
    pub anh: Vec<Anh>,
    /// Byline, e.g. "Tin, ảnh: Ngô Đức Hải".
    pub tac_gia: String,
}

/// The award proposal (tờ trình).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct ToTrinh {
    /// Number; empty leaves a blank to fill in by hand. "05" and 5 are the same.
    #[serde(deserialize_with = "doc_number")]
    #[schemars(with = "Option<DocNumber>")]
    pub so: Option<u32>,
    /// Date; empty means the meeting's date.
    pub ngay: String,
    /// Abbreviation of the issuing agency in the number symbol, e.g. "BNCTU".
    pub ky_hieu: String,
    /// "Kính gửi" addressees.
    pub kinh_gui: Vec<String>,
    /// Legal bases.
    pub can_cu: Vec<String>,
    /// Date of the award decision, for the bonus estimate; empty: no estimate column.
    pub ngay_tinh_thuong: String,
    /// Attachments.
    pub kem_theo: Vec<String>,
    /// Recipients after "Như trên".
    pub noi_nhan: Vec<String>,
    /// Who signs (for the head of the block).
    pub nguoi_ky: Option<NguoiKy>,
}

/// The minutes (biên bản).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct BienBan {
    /// Number; empty leaves a blank. "02" and 2 are the same.
    #[serde(deserialize_with = "doc_number")]
    #[schemars(with = "Option<DocNumber>")]
    pub so: Option<u32>,
    /// Abbreviation in the number symbol.
    pub ky_hieu: String,
    /// Recipients.
    pub noi_nhan: Vec<String>,
}

/// A document number written as `5`, `05` or `"05"`: YAML reads a leading zero as text,
/// and official numbers are written with one.
fn doc_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    use serde::de::Error;
    let bad = |s: &str| {
        D::Error::custom(format!(
            "số văn bản «{s}» phải là một số nguyên dương, ví dụ 05"
        ))
    };
    match Option::<serde_yaml::Value>::deserialize(d)? {
        None | Some(serde_yaml::Value::Null) => Ok(None),
        Some(serde_yaml::Value::Number(n)) => {
            match n.as_u64().and_then(|n| u32::try_from(n).ok()) {
                Some(n) => Ok(Some(n)),
                None => Err(bad(&n.to_string())),
            }
        }
        Some(serde_yaml::Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(serde_yaml::Value::String(s)) => s.trim().parse().map(Some).map_err(|_| bad(&s)),
        Some(_) => Err(bad("…")),
    }
}

/// The schema of a document number: a whole number, or text of digits ("05").
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // only its schema is used
enum DocNumber {
    Number(u32),
    Text(String),
}

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
        &[
            "the_thuc",
            "dia_danh",
            "dia_phuong",
            "khoi",
            "thanh_vien",
            "hoi_nghi",
        ],
    ),
    ("DiaPhuong", &["loai"]),
    ("Khoi", &["ten"]),
    ("ThanhVien", &["id", "ten"]),
    ("HoiNghi", &["ngay", "noi_dung"]),
    ("BinhXet", &["hinh_thuc", "don_vi"]),
    ("LanhDao", &["truong"]),
    ("GiaoUoc", &["nam", "noi_dung"]),
    ("Anh", &["chu_thich"]),
    ("TinBai", &["trang"]),
    ("ToTrinh", &["gui"]),
];

/// One meeting of an emulation block, and what the documents that follow from it need.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct Record {
    /// Format profile: `dang` (Hướng dẫn 36-HD/VPTW) or `nha-nuoc` (Nghị định 30/2020/NĐ-CP).
    pub the_thuc: String,
    /// Tone-mark style for the whole document: `cu` (hòa, thủy — default) or `moi` (hoà, thuỷ).
    pub kieu_dau: Option<String>,
    /// Place name for the date line, e.g. "Kon Tum", "Thành phố Hồ Chí Minh".
    pub dia_danh: String,
    /// The province or centrally-run city the group belongs to.
    pub dia_phuong: DiaPhuong,
    /// Parent bodies above the issuing group, from the top down: one line, or a list of
    /// one to three levels, e.g. "Tỉnh ủy Kon Tum" or ["Thành ủy Hà Nội", "Ban Tuyên giáo"].
    #[serde(deserialize_with = "one_or_many")]
    #[schemars(with = "OneOrMany<String>")]
    pub co_quan_chu_quan: Vec<String>,
    /// The emulation group (khối or cụm): its kind, name and abbreviation.
    pub khoi: Khoi,
    /// Member agencies, in the group's protocol order.
    pub thanh_vien: Vec<ThanhVien>,
    /// The meeting, or a list of the meetings of the same cycle (e.g. a year-end review
    /// and a later signing), each with an `id` the other sections refer to.
    #[serde(deserialize_with = "meetings")]
    #[schemars(with = "OneOrMany<HoiNghi>")]
    pub hoi_nghi: Meetings,
    /// Votes on award proposals, one per proposed unit and award.
    pub binh_xet: Vec<BinhXet>,
    /// The group's head and deputy for a year, and how they came to be.
    pub lanh_dao: Option<LanhDao>,
    /// The pledge (bản giao ước) and the meeting where it was signed.
    pub giao_uoc: Option<GiaoUoc>,
    /// The news item for the agency's website: one, or one per meeting (list).
    #[serde(default, deserialize_with = "opt_one_or_many")]
    #[schemars(with = "Option<OneOrMany<TinBai>>")]
    pub tin_bai: Option<Vec<TinBai>>,
    /// The award proposal (tờ trình) to the authority that confers the awards.
    pub to_trinh: Option<ToTrinh>,
    /// The minutes (biên bản): one, or one per meeting (list).
    #[serde(default, deserialize_with = "opt_one_or_many")]
    #[schemars(with = "Option<OneOrMany<BienBan>>")]
    pub bien_ban: Option<Vec<BienBan>>,
}

/// The province or centrally-run city.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct DiaPhuong {
    /// `tinh` (province: "Ủy ban nhân dân tỉnh", "Tỉnh ủy") or `thanh-pho` (centrally-run
    /// city: "Ủy ban nhân dân Thành phố", "Thành ủy").
    pub loai: String,
    /// Its name without the kind, e.g. "Kon Tum", "Hồ Chí Minh"; empty means `dia_danh`.
    pub ten: String,
}

/// The emulation group: a block (khối thi đua) or a cluster (cụm thi đua).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct Khoi {
    /// `khoi` (Trưởng khối, Phó khối) or `cum` (Cụm trưởng, Cụm phó); may be left out
    /// when the name starts with "Khối" or "Cụm".
    pub loai: String,
    /// Full name, e.g. "Khối thi đua các cơ quan Đảng tỉnh".
    pub ten: String,
    /// Abbreviation used in document numbers, e.g. "KTĐ".
    pub ten_viet_tat: String,
    /// How many members the group has, when `thanh_vien` lists only some of them.
    pub so_thanh_vien: Option<u32>,
}

/// A member agency.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct ThanhVien {
    /// Short id the rest of the record refers to, e.g. `tct`; no period (it names the
    /// pledge's PDF signature fields `ky.<id>`, `dau.<id>`).
    #[schemars(regex(pattern = r"^[^.]*$"))]
    pub id: String,
    /// Full name, e.g. "Trường Chính trị tỉnh".
    pub ten: String,
    /// Abbreviation, e.g. "TCT"; also its number symbol when it issues a document.
    pub ten_viet_tat: String,
    /// Its own parent bodies, for a document it issues under its own header (one line or
    /// a list); empty means the record's `co_quan_chu_quan`.
    #[serde(deserialize_with = "one_or_many")]
    #[schemars(with = "OneOrMany<String>")]
    pub cap_tren: Vec<String>,
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

/// A meeting.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct HoiNghi {
    /// Short id, needed when the record has several meetings, e.g. `tong-ket`, `ky-ket`.
    pub id: String,
    /// ISO date, e.g. 2024-02-06.
    pub ngay: String,
    /// Start time "08:00"; decides "Sáng"/"Chiều" in the news item.
    pub gio_bat_dau: String,
    /// The part of the day when the hour is not known: `sang`, `chieu` or `toi`. With
    /// neither, the news item opens with "Ngày 06-02".
    pub buoi: String,
    /// End time "11:30".
    pub gio_ket_thuc: String,
    /// The minutes were read back at the meeting and those present approved them: only
    /// then does the biên bản say so.
    pub bien_ban_thong_qua: bool,
    /// Where, e.g. "Trường Chính trị tỉnh"; may be empty when not known (the documents
    /// then name no place).
    pub dia_diem: String,
    /// How many members were present, when `co_mat` does not list them.
    pub so_co_mat: Option<u32>,
    /// Member id of the host agency, if it is a member.
    pub don_vi_dang_cai: String,
    /// The year this meeting reviews, e.g. 2023; only for a meeting that reviews a year.
    pub nam_tong_ket: Option<i32>,
    /// What the meeting was, after "Hội nghị", e.g. "tổng kết phong trào thi đua năm 2023 …".
    pub noi_dung: String,
    /// Member ids present; `[]` means all members. Left out (with no `so_co_mat`), the
    /// attendance is not known and no document states it.
    pub co_mat: Option<Vec<String>>,
    /// Who attended, in words: "đại diện lãnh đạo và cán bộ tham mưu …".
    pub thanh_phan: String,
    /// Member id of the agency that chaired, or a list when several co-chaired (e.g. the
    /// head and the deputy).
    #[serde(deserialize_with = "one_or_many")]
    #[schemars(with = "OneOrMany<String>")]
    pub chu_tri: Vec<String>,
    /// The person who chaired, or a list of the co-chairs.
    #[serde(deserialize_with = "one_or_many")]
    #[schemars(with = "OneOrMany<Nguoi>")]
    pub chu_toa: Vec<Nguoi>,
    /// The person who took the minutes.
    pub thu_ky: Option<Nguoi>,
    /// What was discussed, one paragraph each.
    pub dien_bien: Vec<String>,
}

/// A vote on proposing one unit for one award.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct BinhXet {
    /// Award form, an id of data/awards.yaml: `co-thi-dua` (Cờ thi đua of the province or
    /// city), `bang-khen-tap-the` (Bằng khen of its chairman, collective),
    /// `co-thi-dua-chinh-phu`, `bang-khen-thu-tuong-tap-the` …
    pub hinh_thuc: String,
    /// Id of the meeting that voted; needed when the record has several meetings.
    pub hoi_nghi: String,
    /// Member id of the proposed unit.
    pub don_vi: String,
    /// Method: "bỏ phiếu kín", "biểu quyết giơ tay" …
    pub phuong_thuc: String,
    /// Votes in favour; may be empty when not published (then no count is printed; a
    /// tờ trình needs it).
    pub dong_y: Option<u32>,
    /// Votes cast; empty means the members present.
    pub tong_phieu: Option<u32>,
}

/// The group's head and deputy for a year.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct LanhDao {
    /// The year they lead, e.g. 2024; may be left out when not published (the documents
    /// then name no year).
    pub nam: Option<i32>,
    /// Member id of the head (Trưởng khối / Cụm trưởng).
    pub truong: String,
    /// Member id of the deputy (Phó khối / Cụm phó); empty when there is none.
    pub pho: String,
    /// How they came to be: `bau` (elected at a meeting of this record), `luan-phien`
    /// (by rotation), `chi-dinh` (assigned), `tiep-tuc` (continuing); empty when not
    /// known (the roles are then stated as facts).
    pub cach: String,
    /// Id of the meeting that elected or announced them; needed when the record has
    /// several meetings and they were elected.
    pub hoi_nghi: String,
    /// For `chi-dinh`: the decision if known, e.g. "Quyết định số 12/QĐ-HĐTĐKT ngày 05/01/2024 của
    /// Hội đồng Thi đua - Khen thưởng tỉnh".
    pub quyet_dinh: String,
    /// For `bau`: every member present agreed ("thống nhất bầu").
    pub thong_nhat: bool,
}

/// The pledge (bản giao ước thi đua).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct GiaoUoc {
    /// The year pledged for, e.g. 2024.
    pub nam: Option<i32>,
    /// Id of the meeting where it was signed; needed when the record has several meetings.
    pub hoi_nghi: String,
    /// Date signed; empty means the date of the meeting where it was signed.
    pub ngay: String,
    /// Legal bases (căn cứ), one per line; empty means the laws in force on its date
    /// (data/law.yaml).
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

/// The news item (tin bài) about one meeting.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct TinBai {
    /// Id of the meeting it reports; needed when the record has several meetings.
    pub hoi_nghi: String,
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
    /// Abbreviation of the issuing agency in the number symbol, e.g. "BNCTU"; empty
    /// means the issuer's abbreviation.
    pub ky_hieu: String,
    /// Id of the meeting whose votes it reports; needed when the record has several.
    pub hoi_nghi: String,
    /// Member id of the unit that issues it under its own header (often the head unit);
    /// empty means the group itself.
    pub ban_hanh: String,
    /// The authority it is addressed to, an id of data/awards.yaml: `ubnd` (the
    /// province's or city's People's Committee), `chu-tich-ubnd`, `btv-cap-uy` (the Party
    /// committee's standing board), `thu-tuong` …
    pub gui: String,
    /// The agency head whose Giấy khen or title is proposed (authority `thu-truong`),
    /// e.g. "Giám đốc Sở Nội vụ".
    pub thu_truong: String,
    /// "Kính gửi" lines; empty means the authority's full name. The first line names
    /// the authority.
    pub kinh_gui: Vec<String>,
    /// Legal bases; empty means the laws in force on its date (data/law.yaml).
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

/// The minutes (biên bản) of one meeting.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default)]
pub struct BienBan {
    /// Id of the meeting; needed when the record has several meetings.
    pub hoi_nghi: String,
    /// Member id of the unit that issues it under its own header; empty: the group.
    pub ban_hanh: String,
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

/// The meetings of a record, and whether the YAML wrote them as a list (which decides how
/// their fields are named in messages: `hoi_nghi.ngay` or `hoi_nghi[1].ngay`).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct Meetings {
    pub items: Vec<HoiNghi>,
    #[serde(skip)]
    pub list: bool,
}

impl Meetings {
    /// The record path of meeting `i`.
    pub fn path(&self, i: usize) -> String {
        if self.list {
            format!("hoi_nghi[{i}]")
        } else {
            "hoi_nghi".to_string()
        }
    }
}

/// One value or a list of them, in the schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // only its schema is used
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

/// Reads one value or a list into a Vec, and says which it was. A visitor rather than an
/// untagged enum, so that errors inside the value keep their own wording and position.
fn one_or_many_list<'de, D, T>(d: D) -> Result<(Vec<T>, bool), D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
    use std::marker::PhantomData;
    struct V<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
        type Value = (Vec<T>, bool);
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("một giá trị hoặc một danh sách")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
            Ok((Vec::deserialize(SeqAccessDeserializer::new(a))?, true))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
            Ok((vec![T::deserialize(MapAccessDeserializer::new(a))?], false))
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            use serde::de::IntoDeserializer;
            if s.trim().is_empty() {
                return Ok((Vec::new(), false));
            }
            Ok((vec![T::deserialize(s.into_deserializer())?], false))
        }
        fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Self::Value, E> {
            self.visit_str(&s)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok((Vec::new(), false))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok((Vec::new(), false))
        }
    }
    d.deserialize_any(V(PhantomData))
}

fn one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    one_or_many_list(d).map(|(v, _)| v)
}

fn opt_one_or_many<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    one_or_many_list(d).map(|(v, _)| Some(v))
}

fn meetings<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Meetings, D::Error> {
    one_or_many_list(d).map(|(items, list)| Meetings { items, list })
}

//! Consistency checks on a parsed record, all reported at once: every id refers to a member,
//! dates exist, votes fit the members present, each document has what it needs.

use std::collections::HashSet;

use vanban_model::Profile;
use vanban_viet::{Date, Session};

use super::load::Loaded;
use crate::awards::Awards;
use crate::diag::{Problem, closest};

/// Which documents a record can produce.
pub const DOCS: [&str; 4] = ["giao-uoc", "tin-bai", "to-trinh", "bien-ban"];

/// All problems of a record (errors and warnings).
pub fn check(l: &Loaded) -> Vec<Problem> {
    let mut c = Checker {
        l,
        problems: Vec::new(),
    };
    c.run();
    c.problems
        .into_iter()
        .map(|p| p.with_source(&l.src))
        .collect()
}

struct Checker<'a> {
    l: &'a Loaded,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn error(&mut self, path: &str, msg: impl Into<String>) -> &mut Problem {
        let p = Problem::error(&self.l.file, self.l.pos(path), path, msg);
        self.problems.push(p);
        self.problems.last_mut().expect("just pushed")
    }

    fn warn(&mut self, path: &str, msg: impl Into<String>) {
        let p = Problem::warning(&self.l.file, self.l.pos(path), path, msg);
        self.problems.push(p);
    }

    /// A required field: missing (located at its parent) or empty.
    fn required(&mut self, path: &str, value: &str) -> bool {
        if !value.trim().is_empty() {
            return true;
        }
        self.missing(path);
        false
    }

    fn missing(&mut self, path: &str) {
        if self.l.index.has(path) {
            self.error(path, "không được để trống");
            return;
        }
        // Name the outermost absent section ("khoi", not "khoi.ten"), once.
        let mut top = path;
        while let Some(cut) = top.rfind('.') {
            if self.l.index.has(&top[..cut]) {
                break;
            }
            top = &top[..cut];
        }
        if self.problems.iter().any(|p| p.path == top) {
            return;
        }
        let field = top.rsplit('.').next().unwrap_or(top);
        self.error(top, format!("thiếu trường bắt buộc «{field}»"))
            .hint = Some(format!("thêm mục «{field}: …» (xem docs/record.md)"));
    }

    fn date(&mut self, path: &str, value: &str) -> Option<Date> {
        if !self.required(path, value) {
            return None;
        }
        match Date::parse_iso(value) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(path, e.to_string());
                None
            }
        }
    }

    fn optional_date(&mut self, path: &str, value: &str) {
        if !value.trim().is_empty() {
            self.date(path, value);
        }
    }

    /// `id` must name a member.
    fn member(&mut self, path: &str, id: &str, ids: &[&str]) {
        if ids.contains(&id) {
            return;
        }
        let list = ids.join(", ");
        let hint = match closest(id, ids.iter().copied()) {
            Some(best) => format!("có phải «{best}»? Các mã thành viên: {list}"),
            None => format!("các mã thành viên: {list}"),
        };
        self.error(path, format!("không có thành viên nào mang mã «{id}»"))
            .hint = Some(hint);
    }

    /// Characters XML cannot carry (C0 controls but tab and line breaks, U+FFFE, U+FFFF)
    /// would make a broken DOCX: refused wherever they stand.
    fn characters(&mut self) {
        fn walk(v: &serde_json::Value, path: &str, out: &mut Vec<(String, char)>) {
            match v {
                serde_json::Value::String(s) => {
                    if let Some(c) = s.chars().find(|c| {
                        matches!(*c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
                    }) {
                        out.push((path.to_string(), c));
                    }
                }
                serde_json::Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        walk(x, &format!("{path}[{i}]"), out);
                    }
                }
                serde_json::Value::Object(m) => {
                    for (k, x) in m {
                        let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                        walk(x, &p, out);
                    }
                }
                _ => {}
            }
        }
        let mut found = Vec::new();
        walk(
            &serde_json::to_value(&self.l.record).expect("records serialise"),
            "",
            &mut found,
        );
        for (path, c) in found {
            self.error(
                &path,
                format!(
                    "có ký tự điều khiển U+{:04X}, không dùng được trong văn bản",
                    c as u32
                ),
            )
            .hint = Some("xóa ký tự đó (thường do dán từ phần mềm khác)".into());
        }
    }

    fn run(&mut self) {
        self.characters();
        let r = &self.l.record;
        if self.required("the_thuc", &r.the_thuc) && Profile::builtin(&r.the_thuc).is_none() {
            self.error("the_thuc", format!("không có thể thức «{}»", r.the_thuc))
                .hint = Some(
                "dùng «dang» (văn bản của Đảng) hoặc «nha-nuoc» (Nghị định 30/2020/NĐ-CP)".into(),
            );
        }
        if let Some(k) = &r.kieu_dau
            && !matches!(k.as_str(), "cu" | "moi")
        {
            self.error("kieu_dau", format!("kiểu đặt dấu «{k}» không có"))
                .hint = Some("dùng «cu» (hòa, thủy) hoặc «moi» (hoà, thuỷ)".into());
        }
        if let Some(p) = Profile::builtin(&r.the_thuc)
            && let Ok(d) = Date::parse_iso(&r.hoi_nghi.ngay)
        {
            let before = Date::parse_iso(&p.valid_from).is_ok_and(|f| d < f);
            let after = p
                .valid_to
                .as_deref()
                .and_then(|t| Date::parse_iso(t).ok())
                .is_some_and(|t| d > t);
            if before || after {
                self.warn(
                    "the_thuc",
                    format!(
                        "ngày họp {d} nằm ngoài thời gian áp dụng của thể thức «{}» ({})",
                        p.id, p.regulation
                    ),
                );
            }
        }
        self.required("dia_danh", &r.dia_danh);
        self.required("khoi.ten", &r.khoi.ten);

        // Members: non-empty, ids unique.
        if r.thanh_vien.is_empty() {
            self.error("thanh_vien", "khối phải có ít nhất một thành viên");
        }
        let mut seen = HashSet::new();
        for (i, m) in r.thanh_vien.iter().enumerate() {
            let p = format!("thanh_vien[{i}]");
            self.required(&format!("{p}.id"), &m.id);
            self.required(&format!("{p}.ten"), &m.ten);
            if !m.id.is_empty() && !seen.insert(m.id.as_str()) {
                self.error(&format!("{p}.id"), format!("mã «{}» bị trùng", m.id))
                    .hint = Some("mỗi thành viên cần một mã riêng".into());
            }
            if let Some(k) = &m.nguoi_ky {
                self.signer(&format!("{p}.nguoi_ky"), k);
            }
        }
        let ids: Vec<&str> = r.thanh_vien.iter().map(|m| m.id.as_str()).collect();

        // The meeting.
        let h = &r.hoi_nghi;
        self.date("hoi_nghi.ngay", &h.ngay);
        self.required("hoi_nghi.dia_diem", &h.dia_diem);
        self.required("hoi_nghi.noi_dung", &h.noi_dung);
        if h.nam_tong_ket.is_none() {
            self.missing("hoi_nghi.nam_tong_ket");
        }
        for (path, t) in [
            ("hoi_nghi.gio_bat_dau", &h.gio_bat_dau),
            ("hoi_nghi.gio_ket_thuc", &h.gio_ket_thuc),
        ] {
            if !t.is_empty()
                && let Err(e) = Session::from_time(t)
            {
                self.error(path, e.to_string());
            }
        }
        for (i, id) in h.co_mat.iter().enumerate() {
            self.member(&format!("hoi_nghi.co_mat[{i}]"), id, &ids);
        }
        let present = if h.co_mat.is_empty() {
            r.thanh_vien.len()
        } else {
            h.co_mat.iter().collect::<HashSet<_>>().len()
        };
        for (path, id) in [
            ("hoi_nghi.chu_tri", &h.chu_tri),
            ("hoi_nghi.don_vi_dang_cai", &h.don_vi_dang_cai),
        ] {
            if !id.is_empty() {
                self.member(path, id, &ids);
            }
        }
        for (path, who) in [
            ("hoi_nghi.chu_toa", &h.chu_toa),
            ("hoi_nghi.thu_ky", &h.thu_ky),
        ] {
            if let Some(n) = who
                && !n.don_vi.is_empty()
            {
                self.member(&format!("{path}.don_vi"), &n.don_vi, &ids);
            }
        }

        // Votes.
        let awards = Awards::builtin();
        let mut flags = Vec::new();
        for (i, v) in r.binh_xet.iter().enumerate() {
            let p = format!("binh_xet[{i}]");
            if self.required(&format!("{p}.don_vi"), &v.don_vi) {
                self.member(&format!("{p}.don_vi"), &v.don_vi, &ids);
            }
            if v.dong_y.is_none() {
                self.missing(&format!("{p}.dong_y"));
            }
            let dong_y = v.dong_y.unwrap_or(0);
            if !self.required(&format!("{p}.hinh_thuc"), &v.hinh_thuc) {
                continue;
            }
            match awards.form(&v.hinh_thuc) {
                Some(f) => {
                    if f.one_per_block {
                        flags.push(i);
                    }
                }
                None => {
                    let list: Vec<&str> = awards.ids().collect();
                    let hint = match closest(&v.hinh_thuc, list.iter().copied()) {
                        Some(b) => format!("có phải «{b}»? Các hình thức: {}", list.join(", ")),
                        None => format!("các hình thức: {}", list.join(", ")),
                    };
                    self.error(
                        &format!("{p}.hinh_thuc"),
                        format!("không có hình thức khen thưởng «{}»", v.hinh_thuc),
                    )
                    .hint = Some(hint);
                }
            }
            let cast = v.tong_phieu.unwrap_or(present as u32);
            if let Some(t) = v.tong_phieu
                && t as usize > present
            {
                self.error(
                    &format!("{p}.tong_phieu"),
                    format!("{t} phiếu nhưng hội nghị chỉ có {present} thành viên có mặt"),
                );
            }
            if dong_y > cast {
                self.error(
                    &format!("{p}.dong_y"),
                    format!("{dong_y} phiếu đồng ý nhiều hơn số phiếu bầu ({cast})"),
                )
                .hint = Some("số phiếu đồng ý không thể vượt số thành viên có mặt".into());
            }
        }
        if flags.len() > 1 {
            for &i in &flags[1..] {
                self.warn(
                    &format!("binh_xet[{i}].hinh_thuc"),
                    "Cờ thi đua chỉ tặng cho một tập thể dẫn đầu mỗi khối mỗi năm; hồ sơ đề nghị nhiều hơn một",
                );
            }
        }

        if let Some(b) = &r.bau_khoi {
            if b.nam.is_none() {
                self.missing("bau_khoi.nam");
            }
            for (path, id) in [
                ("bau_khoi.truong_khoi", &b.truong_khoi),
                ("bau_khoi.pho_khoi", &b.pho_khoi),
            ] {
                if self.required(path, id) {
                    self.member(path, id, &ids);
                }
            }
            if !b.truong_khoi.is_empty() && b.truong_khoi == b.pho_khoi {
                self.error("bau_khoi.pho_khoi", "Phó khối trùng với Trưởng khối");
            }
        }

        if let Some(g) = &r.giao_uoc {
            if g.nam.is_none() {
                self.missing("giao_uoc.nam");
            }
            if g.noi_dung.iter().all(|s| s.trim().is_empty()) {
                self.error("giao_uoc.noi_dung", "bản giao ước chưa có nội dung nào")
                    .hint = Some("ghi mỗi nội dung giao ước thành một dòng «- …»".into());
            }
            self.optional_date("giao_uoc.ngay", &g.ngay);
            if let Some(c) = g.so_cot
                && !(2..=3).contains(&c)
            {
                self.error(
                    "giao_uoc.so_cot",
                    format!("lưới chữ ký có {c} cột; chỉ được 2 hoặc 3"),
                );
            }
        }
        if let Some(t) = &r.tin_bai {
            self.required("tin_bai.trang", &t.trang);
            for (i, a) in t.anh.iter().enumerate() {
                self.required(&format!("tin_bai.anh[{i}].chu_thich"), &a.chu_thich);
            }
        }
        if let Some(t) = &r.to_trinh {
            self.optional_date("to_trinh.ngay", &t.ngay);
            if t.kinh_gui.is_empty() {
                self.error(
                    "to_trinh.kinh_gui",
                    "tờ trình cần ít nhất một nơi «Kính gửi»",
                );
            }
            if r.binh_xet.is_empty() {
                self.error(
                    "binh_xet",
                    "tờ trình đề nghị khen thưởng cần ít nhất một kết quả bình xét",
                );
            }
            if let Some(k) = &t.nguoi_ky {
                self.signer("to_trinh.nguoi_ky", k);
            }
            if !t.ngay_tinh_thuong.is_empty()
                && let Some(d) = self.date("to_trinh.ngay_tinh_thuong", &t.ngay_tinh_thuong)
            {
                for (i, v) in r.binh_xet.iter().enumerate() {
                    if awards.form(&v.hinh_thuc).is_some()
                        && let Err(e) = awards.bonus(&v.hinh_thuc, d)
                    {
                        self.error(&format!("binh_xet[{i}].hinh_thuc"), e);
                    }
                }
            }
        }
        if r.bien_ban.is_some() && r.hoi_nghi.chu_tri.is_empty() && r.hoi_nghi.chu_toa.is_none() {
            self.error("hoi_nghi.chu_toa", "biên bản cần người chủ trì hội nghị")
                .hint = Some("thêm «chu_toa: { ho_ten: …, chuc_vu: … }» vào hoi_nghi".into());
        }
    }

    /// The authority prefix exists, and those that sign for someone name whom.
    fn signer(&mut self, path: &str, k: &super::types::NguoiKy) {
        let q = k.quyen.as_str();
        if !matches!(q, "" | "tm" | "kt" | "tl" | "tuq" | "q") {
            self.error(
                &format!("{path}.quyen"),
                format!("thẩm quyền ký «{q}» không có"),
            )
            .hint = Some("để trống, hoặc dùng tm, kt, tl, tuq, q".into());
        } else if matches!(q, "kt" | "tl" | "tuq") && k.thay_mat.trim().is_empty() {
            self.error(
                &format!("{path}.thay_mat"),
                format!(
                    "ký «{q}» cần chức vụ của người được ký thay (thay_mat), ví dụ «Trưởng ban»"
                ),
            );
        }
    }
}

//! Consistency checks on a parsed record, all reported at once: every id refers to a member,
//! dates exist, votes fit the members present, each document has what it needs.

use std::collections::HashSet;

use vanban_model::Profile;
use vanban_viet::{Date, Session};

use super::load::Loaded;
use crate::awards::Awards;
use crate::context::meeting_index;
use crate::diag::{Problem, closest};
use crate::law::Law;
use crate::terms::{Terms, group_kind};

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

    fn optional_date(&mut self, path: &str, value: &str) -> Option<Date> {
        if value.trim().is_empty() {
            return None;
        }
        self.date(path, value)
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

    /// The place-and-date line must fit on one line of the header, at its widest date
    /// ("ngày 28 tháng 12 năm 2024"): the layout narrows the left column only so far.
    fn place_date_fits(&mut self) {
        let r = &self.l.record;
        let (Some(profile), Ok(date)) =
            (Profile::builtin(&r.the_thuc), Date::parse_iso("2024-12-28"))
        else {
            return;
        };
        let line = vanban_viet::header_date_line(&r.dia_danh, date);
        let fonts = vanban_font::Fonts::embedded();
        if !vanban_layout::place_date_fits(profile, fonts, &line) {
            self.warn(
                "dia_danh",
                format!(
                    "địa danh «{}» quá dài: dòng «{line}» không vừa một dòng ở đầu văn bản",
                    r.dia_danh
                ),
            );
        }
    }

    /// Characters XML cannot carry (C0 controls but tab and line breaks, U+FFFE, U+FFFF)
    /// would make a broken DOCX, and characters the embedded font lacks could not be drawn
    /// in the PDF: both are refused wherever they stand, so that `check` promises `render`.
    fn characters(&mut self) {
        fn walk(v: &serde_json::Value, path: &str, out: &mut Vec<(String, char)>) {
            match v {
                serde_json::Value::String(s) => {
                    let face = vanban_font::Fonts::embedded().face(vanban_font::Variant::Regular);
                    if let Some(c) = s.chars().find(|c| {
                        matches!(*c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
                            || (!c.is_whitespace() && !c.is_control() && !face.has_char(*c))
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
                        let p = if path.is_empty() {
                            k.clone()
                        } else {
                            format!("{path}.{k}")
                        };
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
            let path = self.yaml_path(&path);
            if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') {
                self.error(
                    &path,
                    format!(
                        "có ký tự điều khiển U+{:04X}, không dùng được trong văn bản",
                        c as u32
                    ),
                )
                .hint = Some("xóa ký tự đó (thường do dán từ phần mềm khác)".into());
            } else {
                self.error(
                    &path,
                    format!(
                        "ký tự «{c}» (U+{:04X}) không có trong phông chữ nên không in ra được",
                        c as u32
                    ),
                )
                .hint = Some("thay bằng chữ, số hoặc dấu thông thường; biểu tượng cảm xúc và chữ tượng hình không dùng được trong văn bản hành chính".into());
            }
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
        if self.required("dia_danh", &r.dia_danh) {
            self.place_date_fits();
        }
        self.required("khoi.ten", &r.khoi.ten);
        self.kinds();

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
            if m.id.contains('.') {
                // The pledge names each member's PDF signature fields ky.<id> and dau.<id>;
                // a period would split the field name (docs/signing.md).
                self.error(
                    &format!("{p}.id"),
                    format!("mã «{}» không được có dấu chấm", m.id),
                )
                .hint = Some(
                    "mã thành viên đặt tên ô ký số trong PDF (ky.<mã>); dùng chữ, số, gạch ngang, ví dụ «so-gd-dt»"
                        .into(),
                );
            }
            if let Some(k) = &m.nguoi_ky {
                self.signer(&format!("{p}.nguoi_ky"), k);
            }
        }
        let ids: Vec<&str> = r.thanh_vien.iter().map(|m| m.id.as_str()).collect();

        let dates = self.meetings(&ids);
        self.votes(&ids);
        self.leadership(&ids);

        // Each document: its meeting, date, legal bases and format profile by date.
        if let Some(g) = &r.giao_uoc {
            self.year("giao_uoc.nam", g.nam);
            // Every member signs the pledge: a partial member list cannot make one.
            if let Some(n) = r.khoi.so_thanh_vien
                && n as usize > r.thanh_vien.len()
            {
                self.error(
                    "giao_uoc",
                    format!(
                        "bản giao ước cần chữ ký của cả {n} cơ quan thành viên, nhưng «thanh_vien» chỉ ghi {}",
                        r.thanh_vien.len()
                    ),
                )
                .hint = Some("ghi đủ các cơ quan thành viên, hoặc bỏ mục giao_uoc".into());
            }
            let mi = self.meeting_ref("giao_uoc.hoi_nghi", &g.hoi_nghi, "bản giao ước");
            if g.noi_dung.iter().all(|s| s.trim().is_empty()) {
                self.error("giao_uoc.noi_dung", "bản giao ước chưa có nội dung nào")
                    .hint = Some("ghi mỗi nội dung giao ước thành một dòng «- …»".into());
            }
            let own = self.optional_date("giao_uoc.ngay", &g.ngay);
            if let Some(d) = own.or(mi.and_then(|i| dates[i])) {
                self.bases("giao_uoc.can_cu", &g.can_cu, d);
                self.profile_date("giao_uoc", d, "bản giao ước");
            }
            if let Some(c) = g.so_cot
                && !(2..=3).contains(&c)
            {
                self.error(
                    "giao_uoc.so_cot",
                    format!("lưới chữ ký có {c} cột; chỉ được 2 hoặc 3"),
                );
            }
        }
        if let Some(ts) = &r.tin_bai {
            let many = self.l.index.has("tin_bai[0]");
            for (k, t) in ts.iter().enumerate() {
                let p = if many {
                    format!("tin_bai[{k}]")
                } else {
                    "tin_bai".into()
                };
                self.meeting_ref(&format!("{p}.hoi_nghi"), &t.hoi_nghi, "tin bài");
                self.required(&format!("{p}.trang"), &t.trang);
                for (i, a) in t.anh.iter().enumerate() {
                    self.required(&format!("{p}.anh[{i}].chu_thich"), &a.chu_thich);
                }
            }
            self.one_per_meeting("tin_bai", ts.iter().map(|t| t.hoi_nghi.as_str()), many);
        }
        if let Some(t) = &r.to_trinh {
            self.proposal(t, &ids, &dates);
        }
        if let Some(bs) = &r.bien_ban {
            let many = self.l.index.has("bien_ban[0]");
            for (k, b) in bs.iter().enumerate() {
                let p = if many {
                    format!("bien_ban[{k}]")
                } else {
                    "bien_ban".into()
                };
                if let Some(mi) =
                    self.meeting_ref(&format!("{p}.hoi_nghi"), &b.hoi_nghi, "biên bản")
                {
                    let h = &r.hoi_nghi.items[mi];
                    if h.chu_tri.is_empty() && h.chu_toa.is_empty() {
                        self.error(
                            &format!("{}.chu_toa", r.hoi_nghi.path(mi)),
                            "biên bản cần người chủ trì hội nghị",
                        )
                        .hint = Some(
                            "thêm «chu_toa: { ho_ten: …, chuc_vu: … }» vào hội nghị đó".into(),
                        );
                    }
                    if let Some(d) = dates[mi] {
                        self.profile_date(&p, d, "biên bản");
                    }
                }
                if !b.ban_hanh.is_empty() {
                    self.member(&format!("{p}.ban_hanh"), &b.ban_hanh, &ids);
                }
            }
            self.one_per_meeting("bien_ban", bs.iter().map(|b| b.hoi_nghi.as_str()), many);
        }
    }

    /// The record path of a value as the YAML wrote it: fields that take one value or a
    /// list (`hoi_nghi`, `chu_toa` …) hold a list in the record but may be a single map in
    /// the file, where `x[0]` is just `x`.
    fn yaml_path(&self, path: &str) -> String {
        let mut out = String::new();
        let mut rest = path;
        while !rest.is_empty() {
            let cut = rest[1..].find(['.', '[']).map_or(rest.len(), |i| i + 1);
            let seg = &rest[..cut];
            rest = &rest[cut..];
            if seg == "[0]" && !self.l.index.has(&format!("{out}[0]")) {
                continue;
            }
            out.push_str(seg);
        }
        out
    }

    /// A year: present, and one a document can print.
    fn year(&mut self, path: &str, y: Option<i32>) {
        match y {
            None => self.missing(path),
            Some(y) if !(1945..=2100).contains(&y) => {
                self.error(path, format!("năm {y} không hợp lệ")).hint =
                    Some("ghi năm đủ bốn chữ số, ví dụ 2024".into());
            }
            Some(_) => {}
        }
    }

    /// The group's and the locality's kinds.
    fn kinds(&mut self) {
        let r = &self.l.record;
        let k = &r.khoi;
        if !k.loai.is_empty() && !matches!(k.loai.as_str(), "khoi" | "cum") {
            self.error("khoi.loai", format!("loại «{}» không có", k.loai))
                .hint = Some("dùng «khoi» (khối thi đua) hoặc «cum» (cụm thi đua)".into());
        } else if !k.ten.is_empty() && group_kind(&k.loai, &k.ten).is_none() {
            self.error("khoi", "chưa rõ đây là khối hay cụm thi đua")
                .hint = Some("thêm «loai: khoi» hoặc «loai: cum» vào mục khoi".into());
        } else if !k.loai.is_empty()
            && let Some(by_name) = group_kind("", &k.ten)
            && by_name != k.loai
        {
            self.error(
                "khoi.loai",
                format!("loại «{}» không khớp với tên «{}»", k.loai, k.ten),
            );
        }
        let loai = r.dia_phuong.loai.clone();
        if loai.is_empty() {
            self.missing("dia_phuong.loai");
        } else if !Terms::builtin().localities.contains_key(loai.as_str()) {
            self.error(
                "dia_phuong.loai",
                format!("loại địa phương «{loai}» không có"),
            )
            .hint = Some(
                "dùng «tinh» (tỉnh) hoặc «thanh-pho» (thành phố trực thuộc trung ương)".into(),
            );
        }
    }

    /// Every meeting: its fields, ids unique when several. Returns their dates.
    fn meetings(&mut self, ids: &[&str]) -> Vec<Option<Date>> {
        let r = &self.l.record;
        let ms = &r.hoi_nghi;
        if ms.items.is_empty() {
            self.missing("hoi_nghi");
        }
        let mut dates = Vec::new();
        let mut seen = HashSet::new();
        for (i, h) in ms.items.iter().enumerate() {
            let p = ms.path(i);
            if ms.items.len() > 1
                && self.required(&format!("{p}.id"), &h.id)
                && !seen.insert(h.id.as_str())
            {
                self.error(
                    &format!("{p}.id"),
                    format!("mã hội nghị «{}» bị trùng", h.id),
                );
            }
            dates.push(self.date(&format!("{p}.ngay"), &h.ngay));
            // A `buoi` that is not a value at all gets the error below, not this warning.
            if let Ok(s) = vanban_viet::Session::from_time(&h.gio_bat_dau)
                && let Some(b) = crate::context::session_of_buoi(&h.buoi)
                && b != s
            {
                self.warn(
                    &format!("{p}.buoi"),
                    format!(
                        "buổi «{}» không khớp giờ bắt đầu «{}»; văn bản theo giờ bắt đầu",
                        h.buoi, h.gio_bat_dau
                    ),
                );
            }
            if !matches!(h.buoi.as_str(), "" | "sang" | "chieu" | "toi") {
                self.error(&format!("{p}.buoi"), format!("buổi «{}» không có", h.buoi))
                    .hint = Some("dùng sang, chieu hoặc toi".into());
            }
            if let Some(n) = h.so_co_mat {
                let total = crate::context::member_count(r);
                if n as usize > total {
                    self.error(
                        &format!("{p}.so_co_mat"),
                        format!("{n} thành viên có mặt nhưng khối chỉ có {total} thành viên"),
                    );
                } else if n == 0 {
                    self.error(
                        &format!("{p}.so_co_mat"),
                        "hội nghị phải có ít nhất một thành viên có mặt",
                    );
                }
            }
            self.required(&format!("{p}.noi_dung"), &h.noi_dung);
            if h.nam_tong_ket.is_some() {
                self.year(&format!("{p}.nam_tong_ket"), h.nam_tong_ket);
            }
            for (key, t) in [
                ("gio_bat_dau", &h.gio_bat_dau),
                ("gio_ket_thuc", &h.gio_ket_thuc),
            ] {
                if !t.is_empty()
                    && let Err(e) = Session::from_time(t)
                {
                    self.error(&format!("{p}.{key}"), e.to_string());
                }
            }
            for (j, id) in h.co_mat.iter().flatten().enumerate() {
                self.member(&format!("{p}.co_mat[{j}]"), id, ids);
            }
            let many = self.l.index.has(&format!("{p}.chu_tri[0]"));
            for (j, id) in h.chu_tri.iter().enumerate() {
                let at = if many {
                    format!("{p}.chu_tri[{j}]")
                } else {
                    format!("{p}.chu_tri")
                };
                self.member(&at, id, ids);
            }
            if !h.don_vi_dang_cai.is_empty() {
                self.member(&format!("{p}.don_vi_dang_cai"), &h.don_vi_dang_cai, ids);
            }
            let many = self.l.index.has(&format!("{p}.chu_toa[0]"));
            for (j, n) in h.chu_toa.iter().enumerate() {
                let at = if many {
                    format!("{p}.chu_toa[{j}]")
                } else {
                    format!("{p}.chu_toa")
                };
                if !n.don_vi.is_empty() {
                    self.member(&format!("{at}.don_vi"), &n.don_vi, ids);
                }
            }
            if let Some(n) = &h.thu_ky
                && !n.don_vi.is_empty()
            {
                self.member(&format!("{p}.thu_ky.don_vi"), &n.don_vi, ids);
            }
        }
        dates
    }

    /// A section's reference to a meeting: the only one when empty, else an id.
    fn meeting_ref(&mut self, path: &str, id: &str, what: &str) -> Option<usize> {
        let r = &self.l.record;
        let ms = &r.hoi_nghi.items;
        if let Some(i) = meeting_index(r, id) {
            return Some(i);
        }
        let list: Vec<&str> = ms
            .iter()
            .map(|m| m.id.as_str())
            .filter(|s| !s.is_empty())
            .collect();
        if id.trim().is_empty() {
            if ms.len() > 1 {
                self.error(
                    path,
                    format!(
                        "hồ sơ có {} hội nghị: cần ghi {what} thuộc hội nghị nào",
                        ms.len()
                    ),
                )
                .hint = Some(format!(
                    "thêm «hoi_nghi: MÃ», với MÃ là một trong: {}",
                    list.join(", ")
                ));
            }
            return None;
        }
        let hint = match closest(id, list.iter().copied()) {
            Some(b) => format!("có phải «{b}»? Các mã hội nghị: {}", list.join(", ")),
            None => format!("các mã hội nghị: {}", list.join(", ")),
        };
        self.error(path, format!("không có hội nghị nào mang mã «{id}»"))
            .hint = Some(hint);
        None
    }

    /// Two documents of one kind for the same meeting would say the same thing twice.
    fn one_per_meeting<'a>(&mut self, key: &str, refs: impl Iterator<Item = &'a str>, many: bool) {
        let mut seen: Vec<Option<usize>> = Vec::new();
        for (k, id) in refs.enumerate() {
            let mi = meeting_index(&self.l.record, id);
            if mi.is_some() && seen.contains(&mi) {
                let p = if many {
                    format!("{key}[{k}].hoi_nghi")
                } else {
                    format!("{key}.hoi_nghi")
                };
                self.error(&p, "hội nghị này đã có một văn bản cùng loại ở trên");
            }
            seen.push(mi);
        }
    }

    fn votes(&mut self, ids: &[&str]) {
        let r = &self.l.record;
        let awards = Awards::builtin();
        let mut flags = Vec::new();
        for (i, v) in r.binh_xet.iter().enumerate() {
            let p = format!("binh_xet[{i}]");
            let mi = self.meeting_ref(&format!("{p}.hoi_nghi"), &v.hoi_nghi, "kết quả bình xét");
            if self.required(&format!("{p}.don_vi"), &v.don_vi) {
                self.member(&format!("{p}.don_vi"), &v.don_vi, ids);
            }
            let dong_y = v.dong_y.unwrap_or(0);
            if self.required(&format!("{p}.hinh_thuc"), &v.hinh_thuc) {
                match awards.form(&v.hinh_thuc) {
                    Some(f) => {
                        if f.one_per_block {
                            flags.push(i);
                        }
                        if f.authority == "thu-truong"
                            && r.to_trinh
                                .as_ref()
                                .is_none_or(|t| t.thu_truong.trim().is_empty())
                        {
                            self.error(
                                &format!("{p}.hinh_thuc"),
                                format!("«{}» do thủ trưởng cơ quan tặng: cần ghi người đó", f.id),
                            )
                            .hint =
                                Some("thêm «thu_truong: Giám đốc Sở …» vào mục to_trinh".into());
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
            }
            let Some(mi) = mi else { continue };
            let h = &r.hoi_nghi.items[mi];
            let present = crate::context::present_at(r, h);
            if v.dong_y.is_some() && v.tong_phieu.is_none() && present.is_none() {
                self.error(
                    &format!("{p}.tong_phieu"),
                    "không rõ số phiếu bầu: hội nghị không ghi thành viên có mặt (co_mat, so_co_mat)",
                )
                .hint = Some("ghi «tong_phieu: N», hoặc «co_mat: []» nếu mọi thành viên đều có mặt".into());
                continue;
            }
            let present = present.unwrap_or(usize::MAX);
            let cast = v.tong_phieu.unwrap_or(present as u32);
            if let Some(t) = v.tong_phieu
                && t as usize > present
            {
                self.error(
                    &format!("{p}.tong_phieu"),
                    format!("{t} phiếu nhưng hội nghị chỉ có {present} thành viên có mặt"),
                );
            }
            if cast == 0 {
                self.error(
                    &format!("{p}.tong_phieu"),
                    "tổng số phiếu bằng 0: không có cuộc bỏ phiếu nào",
                )
                .hint = Some("ghi số phiếu bầu (tong_phieu) và số phiếu đồng ý (dong_y)".into());
            } else if v.dong_y.is_none() && v.tong_phieu.is_some() {
                self.error(
                    &format!("{p}.dong_y"),
                    "có tổng số phiếu nhưng thiếu số phiếu đồng ý",
                );
            } else if v.dong_y == Some(0) {
                self.error(
                    &format!("{p}.dong_y"),
                    "không có phiếu đồng ý nào nên không có đề nghị khen thưởng",
                )
                .hint = Some("xóa mục bình xét này, hoặc ghi đúng số phiếu đồng ý".into());
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
    }

    fn leadership(&mut self, ids: &[&str]) {
        let r = &self.l.record;
        let Some(b) = &r.lanh_dao else { return };
        if b.nam.is_some() {
            self.year("lanh_dao.nam", b.nam);
        }
        if self.required("lanh_dao.truong", &b.truong) {
            self.member("lanh_dao.truong", &b.truong, ids);
        }
        if !b.pho.is_empty() {
            self.member("lanh_dao.pho", &b.pho, ids);
            if b.truong == b.pho {
                self.error("lanh_dao.pho", "Phó trùng với Trưởng");
            }
        }
        if b.thong_nhat && b.cach != "bau" {
            self.warn(
                "lanh_dao.thong_nhat",
                "«thong_nhat» chỉ dùng khi bầu tại hội nghị (cach: bau); ở đây không có tác dụng",
            );
        }
        match b.cach.as_str() {
            "" => {
                if !b.hoi_nghi.is_empty() {
                    self.meeting_ref("lanh_dao.hoi_nghi", &b.hoi_nghi, "việc công bố");
                }
            }
            "bau" => {
                // With several meetings, the one that elected must be named.
                if !b.hoi_nghi.is_empty() || r.hoi_nghi.items.len() > 1 {
                    self.meeting_ref("lanh_dao.hoi_nghi", &b.hoi_nghi, "việc bầu");
                }
            }
            "luan-phien" | "tiep-tuc" | "chi-dinh" => {
                if !b.hoi_nghi.is_empty() {
                    self.meeting_ref("lanh_dao.hoi_nghi", &b.hoi_nghi, "việc công bố");
                }
            }
            other => {
                self.error("lanh_dao.cach", format!("cách «{other}» không có"))
                    .hint =
                    Some("dùng bau (bầu tại hội nghị), luan-phien, chi-dinh hoặc tiep-tuc".into());
            }
        }
    }

    fn proposal(&mut self, t: &super::types::ToTrinh, ids: &[&str], dates: &[Option<Date>]) {
        let r = &self.l.record;
        let awards = Awards::builtin();
        let mi = self.meeting_ref("to_trinh.hoi_nghi", &t.hoi_nghi, "tờ trình");
        let own = self.optional_date("to_trinh.ngay", &t.ngay);
        if let Some(mi) = mi {
            let p = r.hoi_nghi.path(mi);
            if r.hoi_nghi.items[mi].nam_tong_ket.is_none() {
                self.error(
                    &format!("{p}.nam_tong_ket"),
                    "tờ trình đề nghị khen thưởng cần năm được bình xét (nam_tong_ket) của hội nghị này",
                );
            }
            for (i, v) in r.binh_xet.iter().enumerate() {
                if meeting_index(r, &v.hoi_nghi) == Some(mi) && v.dong_y.is_none() {
                    self.error(
                        &format!("binh_xet[{i}].dong_y"),
                        "tờ trình đề nghị khen thưởng cần số phiếu đồng ý của từng đề nghị",
                    );
                }
            }
            if !r
                .binh_xet
                .iter()
                .any(|v| meeting_index(r, &v.hoi_nghi) == Some(mi))
            {
                self.error(
                    "binh_xet",
                    "tờ trình đề nghị khen thưởng cần ít nhất một kết quả bình xét của hội nghị đó",
                );
            }
        }
        if let Some(d) = own.or(mi.and_then(|i| dates[i])) {
            self.bases("to_trinh.can_cu", &t.can_cu, d);
            self.profile_date("to_trinh", d, "tờ trình");
        }
        if !t.ban_hanh.is_empty() {
            self.member("to_trinh.ban_hanh", &t.ban_hanh, ids);
        }
        match awards.authority(&t.gui) {
            None if t.gui.is_empty() => self.missing("to_trinh.gui"),
            None => {
                let list: Vec<&str> = awards.authority_ids().collect();
                let hint = match closest(&t.gui, list.iter().copied()) {
                    Some(b) => format!("có phải «{b}»? Các cơ quan: {}", list.join(", ")),
                    None => format!("các cơ quan: {}", list.join(", ")),
                };
                self.error("to_trinh.gui", format!("không có cơ quan «{}»", t.gui))
                    .hint = Some(hint);
            }
            Some(a) => {
                let name = crate::context::place(r).fill(&a.name);
                if let Some(first) = t.kinh_gui.first()
                    && !vanban_viet::lower(first).contains(&vanban_viet::lower(&name))
                {
                    self.warn(
                        "to_trinh.kinh_gui[0]",
                        format!("tờ trình gửi «{name}» (to_trinh.gui) nhưng dòng «Kính gửi» đầu tiên không nêu cơ quan đó"),
                    );
                }
            }
        }
        if let Some(k) = &t.nguoi_ky {
            self.signer("to_trinh.nguoi_ky", k);
        }
        if !t.ngay_tinh_thuong.is_empty()
            && let Some(d) = self.date("to_trinh.ngay_tinh_thuong", &t.ngay_tinh_thuong)
        {
            let mut warned = HashSet::new();
            for (i, v) in r.binh_xet.iter().enumerate() {
                if mi.is_some() && meeting_index(r, &v.hoi_nghi) != mi {
                    continue;
                }
                if awards.form(&v.hinh_thuc).is_none() {
                    continue;
                }
                match awards.bonus(&v.hinh_thuc, d) {
                    Err(e) => {
                        self.error(&format!("binh_xet[{i}].hinh_thuc"), e);
                    }
                    Ok(b) => {
                        for u in &b.unconfirmed {
                            // Once per row, at its first use.
                            if !warned.insert(u.clone()) {
                                continue;
                            }
                            self.warn(
                                &format!("binh_xet[{i}].hinh_thuc"),
                                format!("tiền thưởng dự kiến dùng {u}, chưa được đối chiếu với văn bản gốc; kiểm tra lại trước khi ký"),
                            );
                        }
                    }
                }
            }
        }
    }

    /// Legal bases the user wrote: each recognised instrument must be in force on `d`.
    /// None written: those in force are cited, with a warning for an unchecked citation.
    fn bases(&mut self, path: &str, bases: &[String], d: Date) {
        let law = Law::builtin();
        if bases.is_empty() {
            for i in law.default_citations(d) {
                if !i.confirmed {
                    self.warn(
                        path,
                        format!("văn bản tự dẫn căn cứ «{}»; lời trích của văn bản này chưa được đối chiếu với bản gốc", i.name),
                    );
                }
            }
            return;
        }
        for (k, b) in bases.iter().enumerate() {
            for i in law.cited_in(b) {
                if !i.in_force(d) {
                    let when = if Date::parse_iso(&i.from).is_ok_and(|f| d < f) {
                        "chưa có hiệu lực"
                    } else {
                        "đã hết hiệu lực"
                    };
                    let now: Vec<&str> = law
                        .default_citations(d)
                        .iter()
                        .map(|x| x.name.as_str())
                        .collect();
                    self.warn(
                        &format!("{path}[{k}]"),
                        format!("{} {when} vào ngày {d} (hiệu lực {})", i.name, i.span()),
                    );
                    if let Some(p) = self.problems.last_mut() {
                        p.hint = Some(format!(
                            "văn bản đang có hiệu lực ngày đó: {}",
                            now.join("; ")
                        ));
                    }
                }
            }
        }
    }

    /// A document dated outside its format profile's validity.
    fn profile_date(&mut self, path: &str, d: Date, what: &str) {
        let Some(p) = Profile::builtin(&self.l.record.the_thuc) else {
            return;
        };
        let before = Date::parse_iso(&p.valid_from).is_ok_and(|f| d < f);
        let after = p
            .valid_to
            .as_deref()
            .and_then(|t| Date::parse_iso(t).ok())
            .is_some_and(|t| d > t);
        if before || after {
            self.warn(
                path,
                format!(
                    "{what} ngày {d} nằm ngoài thời gian áp dụng của thể thức «{}» ({}, {})",
                    p.id,
                    p.regulation,
                    match &p.valid_to {
                        Some(t) => format!("từ {} đến {t}", p.valid_from),
                        None => format!("từ {}", p.valid_from),
                    }
                ),
            );
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

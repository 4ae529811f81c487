//! What templates see: the record as written (`r`) and the facts derived from it (`v`) —
//! member names resolved from ids, signers in protocol order, votes with their
//! percentages, dates and number lines formatted per profile. Deriving them here, once,
//! keeps the four documents consistent and the templates simple.

use serde::Serialize;
use vanban_model::Profile;
use vanban_model::profile::Convention;
use vanban_viet::{self as viet, Date, DateStyle, NumberStyle, Session};

use crate::awards::Awards;
use crate::record::types::{NguoiKy, Record};

/// The derived view of a record.
#[derive(Debug, Serialize)]
pub struct View {
    pub profile: ProfileView,
    /// "Kon Tum, ngày 06 tháng 02 năm 2024" for the meeting's date.
    pub place_date: String,
    pub parent_caps: String,
    /// The block's abbreviation ("KTĐ" when the record gives none), for number lines and
    /// the archive line.
    pub block_abbr: String,
    pub block_caps: String,
    /// The meeting's date in running text: "06-02-2024" (Party) or "06/02/2024" (state).
    pub date: String,
    /// "Sáng 06-02".
    pub news_date: String,
    /// "Sáng", "Chiều" or "Tối", lower-cased for running text: "sáng".
    pub session: String,
    pub members: Vec<MemberView>,
    pub total: usize,
    pub present: usize,
    pub all_present: bool,
    pub host: Option<MemberView>,
    pub chair: Option<MemberView>,
    pub votes: Vec<VoteView>,
    /// Votes grouped by award form, in the order forms first appear.
    pub awards: Vec<AwardGroup>,
    /// Every vote was unanimous.
    pub unanimous: bool,
    /// The award forms' short names joined: "Cờ thi đua, Bằng khen".
    pub award_shorts_text: String,
    pub bonus_total: Option<u64>,
    pub bonus_total_text: String,
    pub bonus_total_words: String,
    pub head: Option<MemberView>,
    pub deputy: Option<MemberView>,
    /// Signers of the pledge: the head first, then the deputy, then the block's order.
    pub signers: Vec<SignerView>,
    pub pledge: Option<DocView>,
    pub proposal: Option<DocView>,
    pub minutes: Option<DocView>,
}

#[derive(Debug, Serialize)]
pub struct ProfileView {
    pub id: String,
    /// "party" or "state": what the date and number filters take as `kieu`.
    pub convention: String,
    pub party: bool,
    pub tm: String,
    pub kt: String,
    pub tl: String,
    pub archive: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    pub id: String,
    pub name: String,
    pub caps: String,
    pub abbr: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VoteView {
    pub unit: MemberView,
    pub form: String,
    pub form_name: String,
    pub form_short: String,
    pub wording: String,
    pub merit: String,
    pub method: String,
    pub yes: u32,
    pub cast: u32,
    /// "88,9%".
    pub percent: String,
    pub bonus: Option<u64>,
    pub bonus_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AwardGroup {
    pub form: String,
    pub form_name: String,
    pub wording: String,
    pub merit: String,
    pub units: Vec<MemberView>,
    /// Unit names joined the Vietnamese way: "A, B và C".
    pub units_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignerView {
    pub agency_caps: String,
    /// Caps lines above the signature: "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN".
    pub roles: Vec<String>,
    pub name: String,
}

/// Per-document facts: its date line and number line.
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    /// ISO date, for the files' metadata.
    pub iso: String,
    pub place_date: String,
    pub date: String,
    pub number: String,
    pub signer_roles: Vec<String>,
    pub signer_name: String,
}

fn member(r: &Record, id: &str) -> Option<MemberView> {
    r.thanh_vien
        .iter()
        .find(|m| m.id == id)
        .map(|m| MemberView {
            id: m.id.clone(),
            name: m.ten.clone(),
            caps: viet::upper(&m.ten),
            abbr: m.ten_viet_tat.clone(),
        })
}

/// "A", "A và B", "A, B và C".
pub fn join_vi(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} và {last}", rest.join(", ")),
    }
}

/// The caps lines of a signer's authority and title, e.g. ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"].
pub fn signer_roles(k: &NguoiKy, collective: &str, p: &Profile) -> Vec<String> {
    let prefix = match k.quyen.as_str() {
        "tm" => Some(&p.prefixes.tm),
        "kt" => Some(&p.prefixes.kt),
        "tl" => Some(&p.prefixes.tl),
        "tuq" => Some(&p.prefixes.tuq),
        "q" => Some(&p.prefixes.q),
        _ => None,
    };
    let mut lines = Vec::new();
    match (prefix, k.quyen.as_str()) {
        (Some(pre), "tm") => lines.push(format!("{pre} {}", viet::upper(collective))),
        (Some(pre), "q") => {
            lines.push(format!("{pre} {}", viet::upper(&k.chuc_vu)));
            return lines;
        }
        (Some(pre), _) if !k.thay_mat.is_empty() => {
            lines.push(format!("{pre} {}", viet::upper(&k.thay_mat)))
        }
        _ => {}
    }
    if !k.chuc_vu.is_empty() {
        lines.push(viet::upper(&k.chuc_vu));
    }
    lines
}

pub fn build(r: &Record, p: &Profile) -> View {
    let party = p.convention == Convention::Party;
    let dstyle = if party {
        DateStyle::Party
    } else {
        DateStyle::State
    };
    let nstyle = if party {
        NumberStyle::Party
    } else {
        NumberStyle::State
    };
    // The record was checked: dates parse. A fallback keeps this total anyway.
    let date_of = |s: &str| Date::parse_iso(s).ok();
    let meeting =
        date_of(&r.hoi_nghi.ngay).unwrap_or_else(|| Date::new(2000, 1, 1).expect("valid"));
    let session = Session::from_time(&r.hoi_nghi.gio_bat_dau).unwrap_or(Session::Morning);

    let members: Vec<MemberView> = r
        .thanh_vien
        .iter()
        .filter_map(|m| member(r, &m.id))
        .collect();
    let present = if r.hoi_nghi.co_mat.is_empty() {
        members.len()
    } else {
        let mut ids = r.hoi_nghi.co_mat.clone();
        ids.sort();
        ids.dedup();
        ids.len()
    };

    let awards = Awards::builtin();
    let bonus_date = r
        .to_trinh
        .as_ref()
        .and_then(|t| date_of(&t.ngay_tinh_thuong));
    let votes: Vec<VoteView> = r
        .binh_xet
        .iter()
        .filter_map(|v| {
            let unit = member(r, &v.don_vi)?;
            let form = awards.form(&v.hinh_thuc)?;
            let cast = v.tong_phieu.unwrap_or(present as u32);
            let yes = v.dong_y.unwrap_or(0);
            let bonus =
                bonus_date.and_then(|d| awards.bonus(&v.hinh_thuc, d).ok().map(|b| b.amount));
            Some(VoteView {
                unit,
                form: form.id.clone(),
                form_name: form.name.clone(),
                form_short: form.short.clone(),
                wording: form.wording.clone(),
                merit: form.merit.clone(),
                method: v.phuong_thuc.clone(),
                yes,
                cast,
                percent: viet::percent(yes, cast).unwrap_or_default(),
                bonus,
                bonus_text: bonus.map(viet::group_thousands).unwrap_or_default(),
            })
        })
        .collect();
    let mut groups: Vec<AwardGroup> = Vec::new();
    for v in &votes {
        match groups.iter_mut().find(|g| g.form == v.form) {
            Some(g) => g.units.push(v.unit.clone()),
            None => groups.push(AwardGroup {
                form: v.form.clone(),
                form_name: v.form_name.clone(),
                wording: v.wording.clone(),
                merit: v.merit.clone(),
                units: vec![v.unit.clone()],
                units_text: String::new(),
            }),
        }
    }
    for g in &mut groups {
        let names: Vec<String> = g.units.iter().map(|u| u.name.clone()).collect();
        g.units_text = join_vi(&names);
    }
    let bonus_total = bonus_date.map(|_| votes.iter().filter_map(|v| v.bonus).sum::<u64>());

    let head = r.bau_khoi.as_ref().and_then(|b| member(r, &b.truong_khoi));
    let deputy = r.bau_khoi.as_ref().and_then(|b| member(r, &b.pho_khoi));
    // Protocol order of the grid: the head, the deputy, then the block's order.
    let mut order: Vec<&crate::record::types::ThanhVien> = Vec::new();
    for id in [&head, &deputy].into_iter().flatten().map(|m| &m.id) {
        if let Some(m) = r.thanh_vien.iter().find(|m| &m.id == id) {
            order.push(m);
        }
    }
    for m in &r.thanh_vien {
        if !order.iter().any(|o| o.id == m.id) {
            order.push(m);
        }
    }
    let signers = order
        .iter()
        .map(|m| {
            let k = m.nguoi_ky.clone().unwrap_or_default();
            SignerView {
                agency_caps: viet::upper(&m.ten),
                roles: signer_roles(&k, &m.ten, p),
                name: k.ho_ten.clone(),
            }
        })
        .collect();

    let doc_view = |date: &str,
                    number: Option<u32>,
                    kind: Option<&str>,
                    abbr: &str,
                    signer: Option<&NguoiKy>| {
        let d = date_of(date).unwrap_or(meeting);
        let type_abbr = kind.and_then(|k| viet::type_abbr(k, nstyle));
        let k = signer.cloned().unwrap_or_default();
        DocView {
            iso: d.to_string(),
            place_date: viet::header_date_line(&r.dia_danh, d),
            date: viet::running_date(d, dstyle),
            number: if kind.is_some() {
                viet::number_line(nstyle, number, type_abbr, abbr)
            } else {
                String::new()
            },
            signer_roles: signer_roles(&k, &r.khoi.ten, p),
            signer_name: k.ho_ten.clone(),
        }
    };
    let block_abbr = if r.khoi.ten_viet_tat.is_empty() {
        "KTĐ".to_string()
    } else {
        r.khoi.ten_viet_tat.clone()
    };
    let pledge = r
        .giao_uoc
        .as_ref()
        .map(|g| doc_view(&g.ngay, None, None, "", None));
    let proposal = r.to_trinh.as_ref().map(|t| {
        let abbr = if t.ky_hieu.is_empty() {
            &block_abbr
        } else {
            &t.ky_hieu
        };
        doc_view(&t.ngay, t.so, Some("to-trinh"), abbr, t.nguoi_ky.as_ref())
    });
    let minutes = r.bien_ban.as_ref().map(|b| {
        let abbr = if b.ky_hieu.is_empty() {
            &block_abbr
        } else {
            &b.ky_hieu
        };
        doc_view("", b.so, Some("bien-ban"), abbr, None)
    });

    View {
        profile: ProfileView {
            id: p.id.clone(),
            convention: if party { "party" } else { "state" }.to_string(),
            party,
            tm: p.prefixes.tm.clone(),
            kt: p.prefixes.kt.clone(),
            tl: p.prefixes.tl.clone(),
            archive: p.archive_prefix.clone(),
        },
        place_date: viet::header_date_line(&r.dia_danh, meeting),
        parent_caps: viet::upper(&r.co_quan_chu_quan),
        block_abbr: block_abbr.clone(),
        block_caps: viet::upper(&r.khoi.ten),
        date: viet::running_date(meeting, dstyle),
        news_date: viet::news_lead_date(session, meeting),
        session: viet::lower(session.word()),
        total: members.len(),
        all_present: present == members.len(),
        present,
        host: member(r, &r.hoi_nghi.don_vi_dang_cai),
        chair: member(r, &r.hoi_nghi.chu_tri),
        members,
        unanimous: !votes.is_empty() && votes.iter().all(|v| v.yes == v.cast),
        award_shorts_text: {
            let mut shorts: Vec<String> = Vec::new();
            for g in &groups {
                let s = awards
                    .form(&g.form)
                    .map(|f| f.short.clone())
                    .unwrap_or_default();
                if !shorts.contains(&s) {
                    shorts.push(s);
                }
            }
            shorts.join(", ")
        },
        bonus_total,
        bonus_total_text: bonus_total.map(viet::money).unwrap_or_default(),
        bonus_total_words: bonus_total
            .map(|t| viet::money_words(t, &viet::WordsOptions::default()))
            .unwrap_or_default(),
        votes,
        awards: groups,
        head,
        deputy,
        signers,
        pledge,
        proposal,
        minutes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_the_vietnamese_way() {
        let s = |v: &[&str]| join_vi(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&["A"]), "A");
        assert_eq!(s(&["A", "B"]), "A và B");
        assert_eq!(s(&["A", "B", "C"]), "A, B và C");
    }

    #[test]
    fn signer_roles_follow_the_profile() {
        let dang = Profile::builtin("dang").unwrap();
        let nn = Profile::builtin("nha-nuoc").unwrap();
        let kt = NguoiKy {
            quyen: "kt".into(),
            thay_mat: "Trưởng ban".into(),
            chuc_vu: "Phó Trưởng ban".into(),
            ho_ten: String::new(),
        };
        assert_eq!(
            signer_roles(&kt, "", dang),
            ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
        );
        assert_eq!(
            signer_roles(&kt, "", nn),
            ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
        );
        let tm = NguoiKy {
            quyen: "tm".into(),
            chuc_vu: "Trưởng khối".into(),
            ..NguoiKy::default()
        };
        assert_eq!(
            signer_roles(&tm, "Khối thi đua các cơ quan Đảng tỉnh", dang),
            ["T/M KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH", "TRƯỞNG KHỐI"]
        );
    }
}

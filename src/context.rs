//! What templates see: the record as written (`r`) and the facts derived from it (`v`) —
//! member names resolved from ids, signers in protocol order, votes with their
//! percentages, dates and number lines formatted per profile. Deriving them here, once,
//! keeps the four documents consistent and the templates simple.

use serde::Serialize;
use vanban_model::Profile;
use vanban_model::profile::Convention;
use vanban_viet::{self as viet, Date, DateStyle, NumberStyle, Session};

use crate::awards::{Awards, Place};
use crate::law::Law;
use crate::record::types::{HoiNghi, NguoiKy, Record};
use crate::terms::{GroupWords, LocalityWords, Terms, group_kind};

/// The derived view of a record.
#[derive(Debug, Serialize)]
pub struct View {
    pub profile: ProfileView,
    /// The group's words by its kind: "Trưởng khối" or "Cụm trưởng" …
    pub group: GroupView,
    /// The locality's words by its kind: "tỉnh" or "Thành phố" …
    pub locality: LocalityView,
    /// The block's abbreviation ("KTĐ" when the record gives none), for number lines and
    /// the archive line.
    pub block_abbr: String,
    pub block_caps: String,
    pub members: Vec<MemberView>,
    pub total: usize,
    /// Every meeting, in the record's order.
    pub meetings: Vec<MeetingView>,
    pub leadership: Option<LeaderView>,
    /// Signers of the pledge: the head first, then the deputy, then the block's order.
    pub signers: Vec<SignerView>,
    pub pledge: Option<DocView>,
    pub proposal: Option<ProposalView>,
    /// One per `bien_ban` entry, in the record's order.
    pub minutes: Vec<DocView>,
}

#[derive(Debug, Serialize)]
pub struct GroupView {
    /// `khoi` or `cum`.
    pub kind: String,
    #[serde(flatten)]
    pub words: GroupWords,
}

#[derive(Debug, Serialize)]
pub struct LocalityView {
    /// `tinh` or `thanh-pho`.
    pub kind: String,
    pub name: String,
    #[serde(flatten)]
    pub words: LocalityWords,
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

/// One meeting and what happened there.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub index: usize,
    pub id: String,
    pub iso: String,
    /// "Kon Tum, ngày 06 tháng 02 năm 2024".
    pub place_date: String,
    /// The date in running text: "06-02-2024" (Party) or "06/02/2024" (state).
    pub date: String,
    /// "Sáng 06-02", or "Ngày 06-02" when the part of the day is not known.
    pub news_date: String,
    /// "sáng", "chiều", "tối" or "" when not known.
    pub session: String,
    /// Members present; 0 with `attendance` false when the record does not say.
    pub present: usize,
    /// The record states who (or how many) attended.
    pub attendance: bool,
    pub all_present: bool,
    pub host: Option<MemberView>,
    /// The chairing agencies (several when they co-chaired).
    pub chairs: Vec<MemberView>,
    /// Their names joined: "A" or "A và B".
    pub chairs_text: String,
    /// The year it reviewed, if it reviewed one.
    pub reviews: Option<i32>,
    /// The votes held there.
    pub votes: Vec<VoteView>,
    /// Its votes grouped by award form, in the order forms first appear.
    pub awards: Vec<AwardGroup>,
    /// Every vote there was unanimous (and there was at least one).
    pub unanimous: bool,
    /// The leadership was elected at this meeting.
    pub elects: bool,
    /// The leadership (not elected) is stated in this meeting's documents.
    pub states_leadership: bool,
    /// The year of the pledge signed there, if one was.
    pub signs: Option<i32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VoteView {
    pub unit: MemberView,
    pub form: String,
    /// The award's full official name: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh".
    pub form_name: String,
    /// The name with "Ủy ban nhân dân" abbreviated, for the news item.
    pub form_short: String,
    /// "tặng Cờ thi đua của Ủy ban nhân dân tỉnh".
    pub wording: String,
    pub method: String,
    /// The vote's count is known (`dong_y` given).
    pub counted: bool,
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
    pub form_short: String,
    /// "tặng Cờ thi đua của Ủy ban nhân dân tỉnh".
    pub wording: String,
    /// The same with the short name, for the news item.
    pub wording_short: String,
    pub merit: String,
    /// The authority that confers it: "Thủ tướng Chính phủ".
    pub authority: String,
    pub units: Vec<MemberView>,
    /// Unit names joined the Vietnamese way: "A, B và C".
    pub units_text: String,
}

/// The group's leadership for a year.
#[derive(Debug, Clone, Serialize)]
pub struct LeaderView {
    /// The year they lead, when the record gives it.
    pub year: Option<i32>,
    pub head: MemberView,
    pub deputy: Option<MemberView>,
    /// `bau`, `luan-phien`, `chi-dinh`, `tiep-tuc`.
    pub how: String,
    pub decision: String,
    pub unanimous: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignerView {
    /// The member's id: names its signature fields in the PDF (`ky.<id>`, `dau.<id>`).
    pub id: String,
    pub agency_caps: String,
    /// Caps lines above the signature: "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN".
    pub roles: Vec<String>,
    pub name: String,
}

/// Per-document facts: its issuer, date line and number line.
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    /// ISO date, for the files' metadata.
    pub iso: String,
    pub place_date: String,
    pub date: String,
    pub number: String,
    /// The header's parent lines, top down, in capitals.
    pub parents: Vec<String>,
    /// The issuing body in capitals.
    pub issuer_caps: String,
    /// The issuing body as named in running text.
    pub issuer: String,
    /// Its abbreviation, for the archive line.
    pub abbr: String,
    pub signer_roles: Vec<String>,
    pub signer_name: String,
    /// Index of the meeting it reports or was signed at.
    pub meeting: usize,
    /// Legal bases: the record's, or those in force on its date.
    pub bases: Vec<String>,
}

/// What the proposal asks for one award form.
#[derive(Debug, Clone, Serialize)]
pub struct Request {
    /// "Tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho A" when the addressee confers it;
    /// "Xem xét, trình Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ cho A" when it
    /// is above the addressee.
    pub text: String,
    /// "đã có thành tích xuất sắc, dẫn đầu phong trào thi đua".
    pub merit: String,
    /// Whether it is forwarded to a higher authority.
    pub forwarded: bool,
}

/// The award proposal: its document facts and how it addresses its authority.
#[derive(Debug, Clone, Serialize)]
pub struct ProposalView {
    #[serde(flatten)]
    pub doc: DocView,
    /// The addressee's name in running text: "Ủy ban nhân dân tỉnh".
    pub addressee: String,
    /// "Kính gửi" lines.
    pub to: Vec<String>,
    /// The awards' full names joined, for the summary line.
    pub award_names_text: String,
    /// One request per award form.
    pub requests: Vec<Request>,
    /// The speaker of "… kính đề nghị": the group, or the head unit in its role.
    pub speaker: String,
    pub votes: Vec<VoteView>,
    pub bonus_total: Option<u64>,
    pub bonus_total_text: String,
    pub bonus_total_words: String,
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

/// The meeting a section refers to: its `hoi_nghi` id, or the only meeting.
pub fn meeting_index(r: &Record, id: &str) -> Option<usize> {
    let ms = &r.hoi_nghi.items;
    if id.trim().is_empty() {
        return (ms.len() == 1).then_some(0);
    }
    ms.iter().position(|m| m.id == id)
}

/// The locality's placeholders for award and authority names.
pub fn place(r: &Record) -> Place {
    let terms = Terms::builtin();
    let words = terms.localities.get(r.dia_phuong.loai.as_str());
    // `dia_danh` of a city reads "Thành phố Hồ Chí Minh"; the name alone is "Hồ Chí Minh"
    // ("Ủy ban nhân dân Thành phố Hồ Chí Minh", never "Thành phố Thành phố").
    let name = if r.dia_phuong.ten.trim().is_empty() {
        let w = words.map(|w| w.word.as_str()).unwrap_or("");
        r.dia_danh
            .strip_prefix(w)
            .or_else(|| r.dia_danh.strip_prefix(&vanban_viet::lower(w)))
            .map(str::trim_start)
            .filter(|_| !w.is_empty() && r.dia_phuong.loai == "thanh-pho")
            .unwrap_or(&r.dia_danh)
            .to_string()
    } else {
        r.dia_phuong.ten.clone()
    };
    Place {
        word: words.map(|w| w.word.clone()).unwrap_or_default(),
        party_committee: words.map(|w| w.party_committee.clone()).unwrap_or_default(),
        name,
        head: r
            .to_trinh
            .as_ref()
            .map(|t| t.thu_truong.clone())
            .unwrap_or_default(),
    }
}

/// How many members the group has: `so_thanh_vien`, or those listed.
pub fn member_count(r: &Record) -> usize {
    r.khoi
        .so_thanh_vien
        .map(|n| n as usize)
        .unwrap_or(r.thanh_vien.len())
        .max(r.thanh_vien.len())
}

/// The part of the day of a meeting: from its start time, else its `buoi`.
pub fn session_of(h: &HoiNghi) -> Option<Session> {
    Session::from_time(&h.gio_bat_dau)
        .ok()
        .or(session_of_buoi(&h.buoi))
}

/// The part of the day a `buoi` value names (`sang`, `chieu`, `toi`).
pub fn session_of_buoi(buoi: &str) -> Option<Session> {
    match buoi {
        "sang" => Some(Session::Morning),
        "chieu" => Some(Session::Afternoon),
        "toi" => Some(Session::Evening),
        _ => None,
    }
}

/// Members present at a meeting: its `so_co_mat`, its `co_mat` (`[]`: all), or `None`
/// when the record does not say.
pub fn present_at(r: &Record, h: &HoiNghi) -> Option<usize> {
    if let Some(n) = h.so_co_mat {
        return Some(n as usize);
    }
    let co_mat = h.co_mat.as_ref()?;
    Some(if co_mat.is_empty() {
        member_count(r)
    } else {
        let mut ids = co_mat.clone();
        ids.sort();
        ids.dedup();
        ids.len()
    })
}

fn group_votes(votes: &[VoteView], awards: &Awards, place: &Place) -> Vec<AwardGroup> {
    let mut groups: Vec<AwardGroup> = Vec::new();
    for v in votes {
        match groups.iter_mut().find(|g| g.form == v.form) {
            Some(g) => g.units.push(v.unit.clone()),
            None => {
                let Some(f) = awards.form(&v.form) else {
                    continue;
                };
                let authority = awards
                    .authority(&f.authority)
                    .map(|a| place.fill(&a.name))
                    .unwrap_or_default();
                groups.push(AwardGroup {
                    form: v.form.clone(),
                    form_name: v.form_name.clone(),
                    form_short: v.form_short.clone(),
                    wording: format!("{} {}", f.verb, v.form_name),
                    wording_short: format!("{} {}", f.verb, v.form_short),
                    merit: f.merit.clone(),
                    authority,
                    units: vec![v.unit.clone()],
                    units_text: String::new(),
                })
            }
        }
    }
    for g in &mut groups {
        let names: Vec<String> = g.units.iter().map(|u| u.name.clone()).collect();
        g.units_text = join_vi(&names);
    }
    groups
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
    let fallback = Date::new(2000, 1, 1).expect("valid");
    let awards = Awards::builtin();
    let terms = Terms::builtin();
    let place = place(r);

    let members: Vec<MemberView> = r
        .thanh_vien
        .iter()
        .filter_map(|m| member(r, &m.id))
        .collect();

    let bonus_date = r
        .to_trinh
        .as_ref()
        .and_then(|t| date_of(&t.ngay_tinh_thuong));
    let vote_view = |v: &crate::record::types::BinhXet, present: Option<usize>| {
        let unit = member(r, &v.don_vi)?;
        let form = awards.form(&v.hinh_thuc)?;
        // Checked: a counted vote has its total, or the meeting's attendance.
        let cast = v.tong_phieu.or(present.map(|p| p as u32)).unwrap_or(0);
        let yes = v.dong_y.unwrap_or(0);
        let bonus = bonus_date.and_then(|d| awards.bonus(&v.hinh_thuc, d).ok().map(|b| b.amount));
        Some(VoteView {
            unit,
            form: form.id.clone(),
            form_name: place.fill(&form.name),
            form_short: place.fill(&form.short),
            wording: format!("{} {}", form.verb, place.fill(&form.name)),
            method: v.phuong_thuc.clone(),
            counted: v.dong_y.is_some(),
            yes,
            cast,
            percent: viet::percent(yes, cast).unwrap_or_default(),
            bonus,
            bonus_text: bonus.map(viet::group_thousands).unwrap_or_default(),
        })
    };

    let leadership = r.lanh_dao.as_ref().and_then(|l| {
        Some(LeaderView {
            year: l.nam,
            head: member(r, &l.truong)?,
            deputy: member(r, &l.pho),
            how: l.cach.clone(),
            decision: l.quyet_dinh.clone(),
            unanimous: l.thong_nhat,
        })
    });
    let leader_meeting = r
        .lanh_dao
        .as_ref()
        .and_then(|l| meeting_index(r, &l.hoi_nghi));
    let pledge_meeting = r
        .giao_uoc
        .as_ref()
        .and_then(|g| meeting_index(r, &g.hoi_nghi));

    let meetings: Vec<MeetingView> = r
        .hoi_nghi
        .items
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let d = date_of(&h.ngay).unwrap_or(fallback);
            let session = session_of(h);
            let present = present_at(r, h);
            let votes: Vec<VoteView> = r
                .binh_xet
                .iter()
                .filter(|v| meeting_index(r, &v.hoi_nghi) == Some(i))
                .filter_map(|v| vote_view(v, present))
                .collect();
            let chairs: Vec<MemberView> = h.chu_tri.iter().filter_map(|c| member(r, c)).collect();
            let names: Vec<String> = chairs.iter().map(|c| c.name.clone()).collect();
            let here = leader_meeting == Some(i) && leadership.is_some();
            MeetingView {
                index: i,
                id: h.id.clone(),
                iso: d.to_string(),
                place_date: viet::header_date_line(&r.dia_danh, d),
                date: viet::running_date(d, dstyle),
                news_date: match session {
                    Some(s) => viet::news_lead_date(s, d),
                    None => format!("Ngày {}", viet::news_date(d)),
                },
                session: session.map(|s| viet::lower(s.word())).unwrap_or_default(),
                present: present.unwrap_or(0),
                attendance: present.is_some(),
                all_present: present == Some(member_count(r)),
                host: member(r, &h.don_vi_dang_cai),
                chairs_text: join_vi(&names),
                chairs,
                reviews: h.nam_tong_ket,
                unanimous: !votes.is_empty() && votes.iter().all(|v| v.counted && v.yes == v.cast),
                awards: group_votes(&votes, awards, &place),
                votes,
                elects: here && r.lanh_dao.as_ref().is_some_and(|l| l.cach == "bau"),
                states_leadership: here && r.lanh_dao.as_ref().is_some_and(|l| l.cach != "bau"),
                signs: if pledge_meeting == Some(i) {
                    r.giao_uoc.as_ref().and_then(|g| g.nam)
                } else {
                    None
                },
            }
        })
        .collect();

    // Protocol order of the grid: the head, the deputy, then the block's order.
    let mut order: Vec<&crate::record::types::ThanhVien> = Vec::new();
    if let Some(l) = &leadership {
        for id in std::iter::once(&l.head.id).chain(l.deputy.as_ref().map(|d| &d.id)) {
            if let Some(m) = r.thanh_vien.iter().find(|m| &m.id == id) {
                order.push(m);
            }
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
                id: m.id.clone(),
                agency_caps: viet::upper(&m.ten),
                roles: signer_roles(&k, &m.ten, p),
                name: k.ho_ten.clone(),
            }
        })
        .collect();

    let block_abbr = if r.khoi.ten_viet_tat.is_empty() {
        "KTĐ".to_string()
    } else {
        r.khoi.ten_viet_tat.clone()
    };
    let law = Law::builtin();
    // A document's facts. `issuer` is a member id when a member issues it under its own
    // header; `bases` the record's legal bases (empty: those in force on its date).
    let doc_view = |date: &str,
                    meeting: usize,
                    number: Option<u32>,
                    kind: Option<&str>,
                    symbol: &str,
                    issuer: &str,
                    signer: Option<&NguoiKy>,
                    bases: &[String]| {
        let meeting_date = r
            .hoi_nghi
            .items
            .get(meeting)
            .and_then(|h| date_of(&h.ngay))
            .unwrap_or(fallback);
        let d = date_of(date).unwrap_or(meeting_date);
        let type_abbr = kind.and_then(|k| viet::type_abbr(k, nstyle));
        let k = signer.cloned().unwrap_or_default();
        let unit = r
            .thanh_vien
            .iter()
            .find(|m| !issuer.is_empty() && m.id == issuer);
        let (parents, name, abbr) = match unit {
            Some(m) => (
                if m.cap_tren.is_empty() {
                    &r.co_quan_chu_quan
                } else {
                    &m.cap_tren
                },
                m.ten.clone(),
                if m.ten_viet_tat.is_empty() {
                    block_abbr.clone()
                } else {
                    m.ten_viet_tat.clone()
                },
            ),
            None => (&r.co_quan_chu_quan, r.khoi.ten.clone(), block_abbr.clone()),
        };
        let symbol = if symbol.is_empty() { &abbr } else { symbol };
        DocView {
            iso: d.to_string(),
            place_date: viet::header_date_line(&r.dia_danh, d),
            date: viet::running_date(d, dstyle),
            number: if kind.is_some() {
                viet::number_line(nstyle, number, type_abbr, symbol)
            } else {
                String::new()
            },
            parents: parents.iter().map(|x| viet::upper(x)).collect(),
            issuer_caps: viet::upper(&name),
            signer_roles: signer_roles(&k, &name, p),
            issuer: name,
            abbr,
            signer_name: k.ho_ten.clone(),
            meeting,
            bases: if bases.is_empty() {
                law.default_citations(d)
                    .iter()
                    .filter_map(|i| i.citation(&p.id).map(str::to_string))
                    .collect()
            } else {
                bases.to_vec()
            },
        }
    };
    let pledge = r.giao_uoc.as_ref().map(|g| {
        doc_view(
            &g.ngay,
            pledge_meeting.unwrap_or(0),
            None,
            None,
            "",
            "",
            None,
            &g.can_cu,
        )
    });
    let proposal = r.to_trinh.as_ref().map(|t| {
        let mi = meeting_index(r, &t.hoi_nghi).unwrap_or(0);
        let doc = doc_view(
            &t.ngay,
            mi,
            t.so,
            Some("to-trinh"),
            &t.ky_hieu,
            &t.ban_hanh,
            t.nguoi_ky.as_ref(),
            &t.can_cu,
        );
        let addressee = awards.authority(&t.gui);
        let m = meetings.get(mi);
        let votes = m.map(|m| m.votes.clone()).unwrap_or_default();
        let requests = m
            .map(|m| {
                m.awards
                    .iter()
                    .map(|g| {
                        let direct = addressee.is_some_and(|a| {
                            awards
                                .form(&g.form)
                                .is_some_and(|f| a.decides.contains(&f.authority))
                        });
                        let text = if direct {
                            format!("{} cho {}", viet::sentence_case(&g.wording), g.units_text)
                        } else {
                            format!(
                                "Xem xét, trình {} {} cho {}",
                                g.authority, g.wording, g.units_text
                            )
                        };
                        Request {
                            text,
                            merit: g.merit.clone(),
                            forwarded: !direct,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut names: Vec<String> = Vec::new();
        for v in &votes {
            if !names.contains(&v.form_name) {
                names.push(v.form_name.clone());
            }
        }
        let bonus_total = bonus_date.map(|_| votes.iter().filter_map(|v| v.bonus).sum::<u64>());
        // The head unit issuing in its role says so, when the record makes it the head
        // for the year the tờ trình is dated in; otherwise the issuer speaks.
        let doc_year = Date::parse_iso(&doc.iso).map(|d| d.year()).ok();
        let speaker = match (&leadership, t.ban_hanh.as_str()) {
            (Some(l), id)
                if !id.is_empty() && l.head.id == id && l.year.is_some() && l.year == doc_year =>
            {
                format!(
                    "{}, {} {}{}",
                    l.head.name,
                    terms
                        .groups
                        .get(group_kind(&r.khoi.loai, &r.khoi.ten).unwrap_or("khoi"))
                        .map(|g| g.head.clone())
                        .unwrap_or_default(),
                    r.khoi.ten,
                    l.year.map(|y| format!(" năm {y}")).unwrap_or_default()
                )
            }
            _ => doc.issuer.clone(),
        };
        ProposalView {
            addressee: addressee.map(|a| place.fill(&a.name)).unwrap_or_default(),
            to: if t.kinh_gui.is_empty() {
                addressee
                    .map(|a| vec![place.fill(&a.full)])
                    .unwrap_or_default()
            } else {
                t.kinh_gui.clone()
            },
            award_names_text: join_vi(&names),
            requests,
            speaker,
            bonus_total,
            bonus_total_text: bonus_total.map(viet::money).unwrap_or_default(),
            bonus_total_words: bonus_total
                .map(|t| viet::money_words(t, &viet::WordsOptions::default()))
                .unwrap_or_default(),
            votes,
            doc,
        }
    });

    let minutes = r
        .bien_ban
        .iter()
        .flatten()
        .map(|b| {
            doc_view(
                "",
                meeting_index(r, &b.hoi_nghi).unwrap_or(0),
                b.so,
                Some("bien-ban"),
                &b.ky_hieu,
                &b.ban_hanh,
                None,
                &[],
            )
        })
        .collect();
    let kind = group_kind(&r.khoi.loai, &r.khoi.ten).unwrap_or("khoi");
    let loc_kind = if terms.localities.contains_key(r.dia_phuong.loai.as_str()) {
        r.dia_phuong.loai.as_str()
    } else {
        "tinh"
    };
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
        group: GroupView {
            kind: kind.to_string(),
            words: terms.groups[kind].clone(),
        },
        locality: LocalityView {
            kind: loc_kind.to_string(),
            name: place.name.clone(),
            words: terms.localities[loc_kind].clone(),
        },
        block_abbr,
        block_caps: viet::upper(&r.khoi.ten),
        total: member_count(r),
        members,
        meetings,
        leadership,
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

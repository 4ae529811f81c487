//! Award forms, the authorities that confer them, and money by date (data/awards.yaml):
//! which forms exist, who confers each, how a proposal is worded, and the bonus a decision
//! on a given date carries. Rules change by date, so they are data with their legal
//! source; a date no row covers is an error, never a guess.

use serde::Deserialize;
use vanban_viet::Date;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    pub coefficient: f64,
    pub from: String,
    pub to: Option<String>,
    pub source: String,
    pub confirmed: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub id: String,
    /// Full official name, with placeholders ([`Place::fill`]).
    pub name: String,
    /// The name where "Ủy ban nhân dân" may be abbreviated (news item).
    pub short: String,
    /// Id of the authority that confers it.
    pub authority: String,
    pub collective: bool,
    #[serde(default)]
    pub one_per_block: bool,
    /// "tặng", "công nhận danh hiệu": what the decision does with the name.
    pub verb: String,
    pub merit: String,
    pub rates: Vec<Rate>,
}

/// Who confers awards or receives a proposal.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    pub id: String,
    pub name: String,
    pub short: String,
    pub full: String,
    /// Authorities whose awards this one confers itself.
    pub decides: Vec<String>,
}

/// What fills the placeholders of names: the locality's words and name, and the agency
/// head who confers a Giấy khen.
#[derive(Debug, Clone, Default)]
pub struct Place {
    /// "tỉnh" or "Thành phố".
    pub word: String,
    /// "Tỉnh ủy" or "Thành ủy".
    pub party_committee: String,
    /// "Kon Tum".
    pub name: String,
    /// "Giám đốc Sở Nội vụ".
    pub head: String,
}

impl Place {
    /// Fills `{dp}`, `{cu}`, `{ten}` and `{tt}`.
    pub fn fill(&self, s: &str) -> String {
        s.replace("{dp}", &self.word)
            .replace("{cu}", &self.party_committee)
            .replace("{ten}", &self.name)
            .replace("{tt}", &self.head)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseSalary {
    pub amount: u64,
    pub from: String,
    pub to: Option<String>,
    pub source: String,
    pub confirmed: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Awards {
    pub authorities: Vec<Authority>,
    pub forms: Vec<Form>,
    pub base_salary: Vec<BaseSalary>,
}

/// A computed bonus with where its numbers come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Bonus {
    pub amount: u64,
    pub coefficient: f64,
    pub base: u64,
    pub sources: String,
    pub confirmed: bool,
    /// The rows used that are not confirmed, each as "source (confirmed: false)".
    pub unconfirmed: Vec<String>,
}

pub(crate) fn covers(from: &str, to: &Option<String>, d: Date) -> bool {
    let from_ok = Date::parse_iso(from).is_ok_and(|f| f <= d);
    let to_ok = match to {
        None => true,
        Some(t) => Date::parse_iso(t).is_ok_and(|t| d <= t),
    };
    from_ok && to_ok
}

impl Awards {
    /// The table shipped in the binary.
    pub fn builtin() -> &'static Awards {
        static AWARDS: std::sync::OnceLock<Awards> = std::sync::OnceLock::new();
        AWARDS.get_or_init(|| {
            serde_yaml::from_str(include_str!("../data/awards.yaml"))
                .expect("data/awards.yaml is tested")
        })
    }

    pub fn form(&self, id: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.forms.iter().map(|f| f.id.as_str())
    }

    pub fn authority(&self, id: &str) -> Option<&Authority> {
        self.authorities.iter().find(|a| a.id == id)
    }

    pub fn authority_ids(&self) -> impl Iterator<Item = &str> {
        self.authorities.iter().map(|a| a.id.as_str())
    }

    /// The bonus for `form` decided on `date`: coefficient × base salary in force, rounded
    /// up to the next 10.000 đồng. The error says which table has no row for the date.
    pub fn bonus(&self, form: &str, date: Date) -> Result<Bonus, String> {
        let f = self
            .form(form)
            .ok_or_else(|| format!("không có hình thức khen thưởng «{form}»"))?;
        let rate = f
            .rates
            .iter()
            .find(|r| covers(&r.from, &r.to, date))
            .ok_or_else(|| {
                format!(
                    "bảng khen thưởng không có hệ số của «{}» áp dụng ngày {date}",
                    f.name
                )
            })?;
        let base = self
            .base_salary
            .iter()
            .find(|b| covers(&b.from, &b.to, date))
            .ok_or_else(|| format!("bảng lương cơ sở không có mức áp dụng ngày {date}"))?;
        // Coefficients have one decimal: compute in tenths to stay exact.
        let tenths = (rate.coefficient * 10.0).round() as u64;
        let raw = base.amount * tenths / 10;
        let amount = raw.div_ceil(10_000) * 10_000;
        let mut unconfirmed = Vec::new();
        if !rate.confirmed {
            unconfirmed.push(format!(
                "hệ số {} của «{}» từ ngày {} ({})",
                vanban_viet::decimal(rate.coefficient, 1),
                f.id,
                rate.from,
                rate.source
            ));
        }
        if !base.confirmed {
            unconfirmed.push(format!(
                "mức lương cơ sở {} đồng từ ngày {} ({})",
                vanban_viet::group_thousands(base.amount),
                base.from,
                base.source
            ));
        }
        Ok(Bonus {
            amount,
            coefficient: rate.coefficient,
            base: base.amount,
            sources: format!("{}; {}", rate.source, base.source),
            confirmed: rate.confirmed && base.confirmed,
            unconfirmed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    /// Amounts worked out from the decrees (coefficient × base salary, rounded up to
    /// 10.000 đồng), not from the code.
    #[test]
    fn bonus_follows_the_dated_tables() {
        let a = Awards::builtin();
        let cases = [
            // The spec's example: Cờ thi đua, 8,0 × 2.340.000.
            ("co-thi-dua", "2024-08-01", 18_720_000),
            // Before 01-7-2024: 8,0 × 1.800.000.
            ("co-thi-dua", "2024-03-01", 14_400_000),
            ("bang-khen-tap-the", "2024-08-01", 4_680_000),
            // 1,5 × 2.340.000 = 3.510.000 (already a multiple of 10.000).
            ("tap-the-lao-dong-xuat-sac", "2024-08-01", 3_510_000),
            // 0,3 × 2.340.000 = 702.000 → rounded up to 710.000.
            ("lao-dong-tien-tien", "2024-08-01", 710_000),
            // 2019: 8,0 × 1.390.000 (Nghị định 91/2017, Nghị định 72/2018).
            ("co-thi-dua", "2019-03-01", 11_120_000),
            // 2022: Cờ thi đua của Chính phủ 12,0 × 1.490.000.
            ("co-thi-dua-chinh-phu", "2022-05-01", 17_880_000),
            // 2026-08: 8,0 × 2.530.000 (unconfirmed, below).
            ("co-thi-dua", "2026-08-01", 20_240_000),
        ];
        for (form, date, amount) in cases {
            assert_eq!(
                a.bonus(form, d(date)).unwrap().amount,
                amount,
                "{form} {date}"
            );
        }
        // Nghị định 98/2023, Điều 54 and Nghị định 73/2024 are confirmed.
        assert!(a.bonus("co-thi-dua", d("2024-08-01")).unwrap().confirmed);
        // The Bằng khen collective row of Nghị định 98/2023 is not.
        let b = a.bonus("bang-khen-tap-the", d("2024-08-01")).unwrap();
        assert!(!b.confirmed);
        assert!(b.unconfirmed[0].contains("98/2023"), "{:?}", b.unconfirmed);
        // 2.530.000 is not confirmed, and says so.
        let b = a.bonus("co-thi-dua", d("2026-08-01")).unwrap();
        assert!(b.unconfirmed.iter().any(|u| u.contains("2.530.000")));
    }

    #[test]
    fn every_form_names_a_known_authority() {
        let a = Awards::builtin();
        for f in &a.forms {
            assert!(a.authority(&f.authority).is_some(), "{}", f.id);
        }
        for au in &a.authorities {
            for d in &au.decides {
                assert!(a.authority(d).is_some(), "{} decides {d}", au.id);
            }
        }
    }

    #[test]
    fn uncovered_dates_are_errors() {
        let a = Awards::builtin();
        let e = a.bonus("co-thi-dua", d("2017-01-01")).unwrap_err();
        assert!(e.contains("2017-01-01"), "{e}");
        assert!(a.bonus("khong-co", d("2024-08-01")).is_err());
    }
}

//! Award forms and money by date (data/awards.yaml): which forms exist, how a proposal is
//! worded, and the bonus a decision on a given date carries. Rules change by date, so they
//! are data with their legal source; a date no row covers is an error, never a guess.

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
    pub name: String,
    pub short: String,
    pub collective: bool,
    #[serde(default)]
    pub one_per_block: bool,
    pub wording: String,
    pub merit: String,
    pub rates: Vec<Rate>,
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
}

fn covers(from: &str, to: &Option<String>, d: Date) -> bool {
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
        Ok(Bonus {
            amount,
            coefficient: rate.coefficient,
            base: base.amount,
            sources: format!("{}; {}", rate.source, base.source),
            confirmed: rate.confirmed && base.confirmed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn bonus_follows_the_dated_tables() {
        let a = Awards::builtin();
        // The spec's example: Cờ thi đua at 2.340.000 → 18.720.000 đồng.
        assert_eq!(
            a.bonus("co-thi-dua", d("2024-08-01")).unwrap().amount,
            18_720_000
        );
        assert_eq!(
            a.bonus("co-thi-dua", d("2024-03-01")).unwrap().amount,
            14_400_000
        );
        assert_eq!(
            a.bonus("bang-khen-tap-the", d("2024-08-01"))
                .unwrap()
                .amount,
            4_680_000
        );
        // 1,5 × 2.340.000 = 3.510.000 (already a multiple of 10.000).
        assert_eq!(
            a.bonus("tap-the-lao-dong-xuat-sac", d("2024-08-01"))
                .unwrap()
                .amount,
            3_510_000
        );
        // 0,3 × 2.340.000 = 702.000 → rounded up to 710.000.
        assert_eq!(
            a.bonus("lao-dong-tien-tien", d("2024-08-01"))
                .unwrap()
                .amount,
            710_000
        );
        assert!(!a.bonus("co-thi-dua", d("2024-08-01")).unwrap().confirmed);
    }

    #[test]
    fn uncovered_dates_are_errors() {
        let a = Awards::builtin();
        let e = a.bonus("co-thi-dua", d("2023-01-01")).unwrap_err();
        assert!(e.contains("2023-01-01"), "{e}");
        assert!(a.bonus("khong-co", d("2024-08-01")).is_err());
    }
}

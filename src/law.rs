//! The law on the day (data/law.yaml): which instruments on emulation and commendation
//! were in force on a date, what a document cites by default, and which instrument a
//! legal basis written by the user refers to.

use serde::Deserialize;
use vanban_viet::Date;

use crate::awards::covers;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub id: String,
    pub name: String,
    pub from: String,
    pub to: Option<String>,
    /// Cited by default when the record gives no legal bases.
    pub cite: bool,
    #[serde(default = "yes")]
    pub confirmed: bool,
    pub r#match: Vec<String>,
    /// The citation in the Party format.
    pub dang: Option<String>,
    /// The citation in the state format.
    #[serde(rename = "nha-nuoc")]
    pub nha_nuoc: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Law {
    pub instruments: Vec<Instrument>,
}

impl Instrument {
    pub fn in_force(&self, d: Date) -> bool {
        covers(&self.from, &self.to, d)
    }

    /// "từ 01-01-2024" or "từ 01-01-2024 đến 30-06-2025", for messages.
    pub fn span(&self) -> String {
        match &self.to {
            Some(t) => format!("từ {} đến {t}", self.from),
            None => format!("từ {}", self.from),
        }
    }

    /// The citation for a profile (`dang` or `nha-nuoc`).
    pub fn citation(&self, profile: &str) -> Option<&str> {
        match profile {
            "dang" => self.dang.as_deref(),
            _ => self.nha_nuoc.as_deref(),
        }
    }
}

impl Law {
    pub fn builtin() -> &'static Law {
        static LAW: std::sync::OnceLock<Law> = std::sync::OnceLock::new();
        LAW.get_or_init(|| {
            serde_yaml::from_str(include_str!("../data/law.yaml")).expect("data/law.yaml is tested")
        })
    }

    /// What a document dated `d` cites when the record gives no legal bases.
    pub fn default_citations(&self, d: Date) -> Vec<&Instrument> {
        self.instruments
            .iter()
            .filter(|i| i.cite && i.in_force(d))
            .collect()
    }

    /// The instruments a legal basis written by the user refers to.
    pub fn cited_in<'a>(&'a self, text: &str) -> Vec<&'a Instrument> {
        self.instruments
            .iter()
            .filter(|i| i.r#match.iter().any(|m| text.contains(m.as_str())))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn ids(v: Vec<&Instrument>) -> Vec<&str> {
        v.into_iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn the_law_in_force_by_date() {
        let l = Law::builtin();
        // Nghị định 91/2017 until 31-12-2023; the 2022 Law and Nghị định 98/2023 from
        // 01-01-2024; Nghị định 152/2025 from 01-7-2025.
        assert_eq!(
            ids(l.default_citations(d("2022-12-20"))),
            ["luat-2003", "nd-91-2017"]
        );
        assert_eq!(
            ids(l.default_citations(d("2023-12-31"))),
            ["luat-2003", "nd-91-2017"]
        );
        assert_eq!(
            ids(l.default_citations(d("2024-01-01"))),
            ["luat-2022", "nd-98-2023"]
        );
        assert_eq!(
            ids(l.default_citations(d("2025-06-30"))),
            ["luat-2022", "nd-98-2023"]
        );
        assert_eq!(
            ids(l.default_citations(d("2025-07-01"))),
            ["luat-2022", "nd-152-2025"]
        );
    }

    #[test]
    fn recognises_what_a_basis_cites() {
        let l = Law::builtin();
        let t = "Căn cứ Nghị định số 98/2023/NĐ-CP, ngày 31-12-2023 của Chính phủ";
        assert_eq!(ids(l.cited_in(t)), ["nd-98-2023"]);
        let t = "Căn cứ Luật Thi đua, khen thưởng ngày 15-6-2022;";
        assert_eq!(ids(l.cited_in(t)), ["luat-2022"]);
        assert!(l.cited_in("Căn cứ Quy chế hoạt động của Khối").is_empty());
    }

    #[test]
    fn every_cited_instrument_has_both_citations() {
        for i in &Law::builtin().instruments {
            if i.cite {
                assert!(i.dang.is_some() && i.nha_nuoc.is_some(), "{}", i.id);
            }
            assert!(Date::parse_iso(&i.from).is_ok(), "{}", i.id);
        }
    }
}

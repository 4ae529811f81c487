//! Words that follow from the kind of group (khối or cụm) and of locality (province or
//! centrally-run city), from data/terms.yaml.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The words of a group kind.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GroupWords {
    /// "Khối" / "Cụm".
    pub noun: String,
    /// "khối thi đua" / "cụm thi đua".
    pub full: String,
    /// "Trưởng khối" / "Cụm trưởng".
    pub head: String,
    /// "Phó khối" / "Cụm phó".
    pub deputy: String,
    /// "Trưởng khối thi đua" / "Cụm trưởng", where the news item names the role.
    pub head_long: String,
    pub deputy_long: String,
}

/// The words of a locality kind.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LocalityWords {
    /// "tỉnh" / "Thành phố".
    pub word: String,
    /// "Tỉnh ủy" / "Thành ủy".
    pub party_committee: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    pub groups: BTreeMap<String, GroupWords>,
    pub localities: BTreeMap<String, LocalityWords>,
}

impl Terms {
    pub fn builtin() -> &'static Terms {
        static TERMS: std::sync::OnceLock<Terms> = std::sync::OnceLock::new();
        TERMS.get_or_init(|| {
            serde_yaml::from_str(include_str!("../data/terms.yaml"))
                .expect("data/terms.yaml is tested")
        })
    }
}

/// The group kind a record means: `khoi.loai`, or the first word of the name.
pub fn group_kind(loai: &str, name: &str) -> Option<&'static str> {
    match loai.trim() {
        "khoi" => Some("khoi"),
        "cum" => Some("cum"),
        "" => {
            let first = name.split_whitespace().next().unwrap_or("");
            match vanban_viet::lower(first).as_str() {
                "khối" => Some("khoi"),
                "cụm" => Some("cum"),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_parse_and_cover_both_kinds() {
        let t = Terms::builtin();
        assert_eq!(t.groups["khoi"].head, "Trưởng khối");
        assert_eq!(t.groups["cum"].head, "Cụm trưởng");
        assert_eq!(t.localities["thanh-pho"].party_committee, "Thành ủy");
    }

    #[test]
    fn kind_from_the_name() {
        assert_eq!(group_kind("", "Cụm thi đua số 3"), Some("cum"));
        assert_eq!(
            group_kind("", "Khối thi đua các cơ quan Đảng tỉnh"),
            Some("khoi")
        );
        assert_eq!(group_kind("", "Các cơ quan"), None);
        assert_eq!(group_kind("cum", "Khối"), Some("cum"));
    }
}

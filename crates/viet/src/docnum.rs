//! The number and symbol line under the issuing body ("Số: 05/TTr-UBND").

/// Which regulation writes the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum NumberStyle {
    /// Nghị định 30/2020/NĐ-CP: "Số: 05/TTr-UBND".
    #[default]
    State,
    /// Hướng dẫn 36-HD/VPTW: "Số 05-TTr/BTGTU".
    Party,
}

/// Stands in for the number when it is to be written by hand after signing:
/// six plain spaces (not non-breaking ones), wide enough for a handwritten number.
/// It replaces the number together with the space before it.
pub const NUMBER_BLANK: &str = "      ";

/// The number line: "Số: 05/TTr-UBND" (state), "Số 05-TTr/BNCTU" (Party).
///
/// Without a type abbreviation (a state công văn) the number is followed directly by
/// the body: "Số: 05/UBND-VP"; the Party form then reads "Số 05/BNCTU".
/// Numbers below 10 get a leading zero. With no number, [`NUMBER_BLANK`] is left:
/// "Số:      /TTr-UBND".
pub fn number_line(
    style: NumberStyle,
    number: Option<u32>,
    type_abbr: Option<&str>,
    body_abbr: &str,
) -> String {
    let number = match number {
        Some(n) => format!(" {n:02}"),
        None => NUMBER_BLANK.to_string(),
    };
    match (style, type_abbr) {
        (NumberStyle::State, Some(t)) => format!("Số:{number}/{t}-{body_abbr}"),
        (NumberStyle::State, None) => format!("Số:{number}/{body_abbr}"),
        (NumberStyle::Party, Some(t)) => format!("Số{number}-{t}/{body_abbr}"),
        (NumberStyle::Party, None) => format!("Số{number}/{body_abbr}"),
    }
}

/// The type abbreviation (ký hiệu loại) for a document type key such as "to-trinh".
///
/// `None` for a state công văn, which has none, and for types the regulations give no
/// abbreviation (e.g. "giao-uoc"). "ket-luan" is KL in both styles, though the spec
/// cites only Party use.
pub fn type_abbr(doc_type: &str, style: NumberStyle) -> Option<&'static str> {
    Some(match doc_type {
        "to-trinh" => "TTr",
        "bao-cao" => "BC",
        "bien-ban" => "BB",
        "ke-hoach" => "KH",
        "thong-bao" => "TB",
        "chuong-trinh" => "CTr",
        "quyet-dinh" => "QĐ",
        "chi-thi" => "CT",
        "huong-dan" => "HD",
        "ket-luan" => "KL",
        "nghi-quyet" => "NQ",
        "quy-che" => "QC",
        "quy-dinh" => match style {
            NumberStyle::State => "QyĐ",
            NumberStyle::Party => "QĐi",
        },
        "cong-van" => match style {
            NumberStyle::State => return None,
            NumberStyle::Party => "CV",
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberStyle::{Party, State};

    /// style, number, type abbreviation, body abbreviation, expected line.
    type Row = (
        NumberStyle,
        Option<u32>,
        Option<&'static str>,
        &'static str,
        &'static str,
    );

    #[test]
    fn number_lines() {
        let cases: &[Row] = &[
            (State, Some(5), Some("TTr"), "UBND", "Số: 05/TTr-UBND"),
            (State, Some(5), None, "UBND-VP", "Số: 05/UBND-VP"),
            (Party, Some(5), Some("TTr"), "BNCTU", "Số 05-TTr/BNCTU"),
            (Party, Some(234), Some("CV"), "BTGTU", "Số 234-CV/BTGTU"),
            (Party, Some(5), None, "BNCTU", "Số 05/BNCTU"),
            (State, Some(10), Some("QĐ"), "UBND", "Số: 10/QĐ-UBND"),
            (State, Some(0), Some("BC"), "UBND", "Số: 00/BC-UBND"),
            (State, None, Some("TTr"), "UBND", "Số:      /TTr-UBND"),
            (Party, None, Some("TTr"), "BNCTU", "Số      -TTr/BNCTU"),
            (State, None, None, "UBND-VP", "Số:      /UBND-VP"),
        ];
        for &(style, n, t, body, want) in cases {
            assert_eq!(number_line(style, n, t, body), want);
        }
    }

    #[test]
    fn type_abbreviations() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("to-trinh", Some("TTr"), Some("TTr")),
            ("bao-cao", Some("BC"), Some("BC")),
            ("bien-ban", Some("BB"), Some("BB")),
            ("ke-hoach", Some("KH"), Some("KH")),
            ("thong-bao", Some("TB"), Some("TB")),
            ("chuong-trinh", Some("CTr"), Some("CTr")),
            ("quyet-dinh", Some("QĐ"), Some("QĐ")),
            ("chi-thi", Some("CT"), Some("CT")),
            ("huong-dan", Some("HD"), Some("HD")),
            ("ket-luan", Some("KL"), Some("KL")),
            ("nghi-quyet", Some("NQ"), Some("NQ")),
            ("quy-che", Some("QC"), Some("QC")),
            ("quy-dinh", Some("QyĐ"), Some("QĐi")),
            ("cong-van", None, Some("CV")),
            ("giao-uoc", None, None),
            ("", None, None),
        ];
        for &(doc_type, state, party) in cases {
            assert_eq!(type_abbr(doc_type, State), state, "{doc_type} state");
            assert_eq!(type_abbr(doc_type, Party), party, "{doc_type} party");
        }
    }
}

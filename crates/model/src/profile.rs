//! Format profiles: every number and wording that differs between the Party format
//! (Hướng dẫn 36-HD/VPTW) and the state format (Nghị định 30/2020/NĐ-CP), as data.
//! Both writers read a profile; neither holds a size, margin or prefix of its own.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::ParaStyle;

/// Millimetres to PDF points (and Word's twentieths of a point via [`pt_to_twip`]).
pub fn mm_to_pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

/// Points to twips (1/20 pt), Word's unit for most lengths.
pub fn pt_to_twip(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

/// How a piece of text looks and sits: character and paragraph properties together.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub align: Align,
    /// Exact line height ("exactly N pt" in Word), which keeps line positions predictable.
    pub line_pt: f32,
    pub first_indent_mm: f32,
    pub left_indent_mm: f32,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    pub keep_next: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            size: 14.0,
            bold: false,
            italic: false,
            underline: false,
            align: Align::Left,
            line_pt: 18.0,
            first_indent_mm: 0.0,
            left_indent_mm: 0.0,
            space_before_pt: 0.0,
            space_after_pt: 0.0,
            keep_next: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub width_mm: f32,
    pub height_mm: f32,
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
    /// Distance from the top edge to the page number's line.
    pub number_top_mm: f32,
}

impl Page {
    /// Width between the margins, in points.
    pub fn text_width_pt(&self) -> f32 {
        mm_to_pt(self.width_mm - self.margin_left_mm - self.margin_right_mm)
    }
    /// Height between the margins, in points.
    pub fn text_height_pt(&self) -> f32 {
        mm_to_pt(self.height_mm - self.margin_top_mm - self.margin_bottom_mm)
    }
}

/// A line of text with its style (the national title, the motto).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedLine {
    pub text: String,
    pub style: Style,
}

/// What stands under the issuing body or a title: a centred line of text (the Party "*",
/// "-----"), a solid rule of `rule_ratio` × the width of the text above, or nothing.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Mark {
    pub text: String,
    pub style: Style,
    pub rule_ratio: f32,
}

/// [`Mark`] resolved, for the writers to match on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MarkKind<'a> {
    Text(&'a str, &'a Style),
    Rule(f32),
    None,
}

impl Mark {
    pub fn kind(&self) -> MarkKind<'_> {
        if !self.text.is_empty() {
            MarkKind::Text(&self.text, &self.style)
        } else if self.rule_ratio > 0.0 {
            MarkKind::Rule(self.rule_ratio)
        } else {
            MarkKind::None
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderProfile {
    /// Share of the text width the left column (issuing body) takes, in percent.
    pub left_percent: f32,
    /// The least share the left column may shrink to, so that the place-and-date line
    /// fits on one line in the right column.
    pub left_percent_min: f32,
    pub parent: Style,
    pub issuer: Style,
    pub issuer_mark: Mark,
    /// Right column lines: "ĐẢNG CỘNG SẢN VIỆT NAM" or the national title and motto.
    pub national: Vec<FixedLine>,
    /// Rule under the last national line, as a share of that line's width.
    pub national_rule_ratio: f32,
    pub number: Style,
    pub brief: Style,
    pub place_date: Style,
    /// Space between the header block and what follows.
    pub space_after_pt: f32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleProfile {
    pub kind: Style,
    pub summary: Style,
    /// Under the last summary line.
    pub mark: Mark,
    pub space_after_pt: f32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableProfile {
    pub cell: Style,
    pub header: Style,
    /// Inner left/right padding of every cell.
    pub cell_padding_mm: f32,
    pub border_pt: f32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignProfile {
    /// Share of the text width the closing's left column takes, in percent.
    pub left_percent: f32,
    pub label: Style,
    pub item: Style,
    pub role: Style,
    pub note: Style,
    pub agency: Style,
    pub name: Style,
    /// Room for the hand signature and seal, above the name.
    pub signature_space_pt: f32,
    /// Space above the closing pair.
    pub space_before_pt: f32,
    /// Vertical space between rows of the signature grid.
    pub grid_row_gap_pt: f32,
    /// Body lines that go to the page of a closing or grid with it, at least: the
    /// signatures never start a page without text above them.
    pub keep_body_lines: usize,
    /// Share of the signer's PDF signature field that the agency's (seal) field covers,
    /// on its left (Nghị định 30, Phụ lục I: about a third).
    pub seal_overlap: f32,
    /// The signer's field is at most this many times as wide as it is high.
    pub signature_max_aspect: f32,
    /// The side of the agency's (seal) field, in millimetres: the seal's real size, which
    /// Phụ lục I wants the seal image shown at.
    pub seal_size_mm: f32,
}

impl SignProfile {
    /// The style of one kind of line in a closing column or grid cell.
    pub fn style(&self, kind: crate::model::SignLine) -> &Style {
        use crate::model::SignLine;
        match kind {
            SignLine::RecipientsLabel => &self.label,
            SignLine::Recipient => &self.item,
            SignLine::Role => &self.role,
            SignLine::Note => &self.note,
            SignLine::Agency => &self.agency,
            SignLine::Name => &self.name,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Convention {
    /// "Số 05-TTr/BNCTU", "06-02-2024".
    Party,
    /// "Số: 05/TTr-UBND", "06/02/2024".
    State,
}

/// Authority prefixes before a signer's title.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prefixes {
    /// On behalf of a collective: "T/M" or "TM.".
    pub tm: String,
    /// A deputy signing for the head: "K/T" or "KT.".
    pub kt: String,
    /// By order: "T/L" or "TL.".
    pub tl: String,
    /// By authorisation: "TUQ.".
    pub tuq: String,
    /// Acting: "Q.".
    pub q: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// `dang` or `nha-nuoc`.
    pub id: String,
    pub name: String,
    /// The regulation the profile follows and the dates it applies to.
    pub regulation: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub font_family: String,
    pub lang: String,
    pub convention: Convention,
    pub prefixes: Prefixes,
    /// The text after "Lưu" in the last recipient line: "Lưu: VT" (state) or "Lưu VT" (Party).
    pub archive_prefix: String,
    pub page: Page,
    pub page_number: Style,
    /// Thickness of every drawn rule.
    pub rule_pt: f32,
    pub header: HeaderProfile,
    pub title: TitleProfile,
    pub addressees: Style,
    /// Heading levels 1, 2, 3.
    pub headings: Vec<Style>,
    /// One style per [`ParaStyle`], by its markup name.
    pub paragraphs: BTreeMap<String, Style>,
    pub table: TableProfile,
    pub sign: SignProfile,
}

/// The profiles shipped in the binary.
pub const BUILTIN: &[(&str, &str)] = &[
    ("dang", include_str!("../../../profiles/dang.yaml")),
    ("nha-nuoc", include_str!("../../../profiles/nha-nuoc.yaml")),
];

impl Profile {
    /// A built-in profile by id.
    pub fn builtin(id: &str) -> Option<&'static Profile> {
        // Parsed once per process, however many records a batch renders.
        static PARSED: std::sync::OnceLock<Vec<(&'static str, Profile)>> =
            std::sync::OnceLock::new();
        let all = PARSED.get_or_init(|| {
            BUILTIN
                .iter()
                .map(|(n, src)| {
                    (
                        *n,
                        Profile::from_yaml(src).expect("built-in profiles are tested"),
                    )
                })
                .collect()
        });
        all.iter().find(|(n, _)| *n == id).map(|(_, p)| p)
    }

    pub fn from_yaml(src: &str) -> Result<Profile, String> {
        let p: Profile = serde_yaml::from_str(src).map_err(|e| e.to_string())?;
        p.check()?;
        Ok(p)
    }

    fn check(&self) -> Result<(), String> {
        for s in ParaStyle::ALL {
            if !self.paragraphs.contains_key(s.name()) {
                return Err(format!("hồ sơ thể thức thiếu kiểu đoạn «{}»", s.name()));
            }
        }
        if self.headings.len() != 3 {
            return Err("hồ sơ thể thức cần đúng 3 cấp tiêu đề (headings)".into());
        }
        let sp = &self.sign;
        if !(0.0 < sp.seal_overlap && sp.seal_overlap < 1.0) || sp.signature_max_aspect < 1.0 {
            return Err(
                "sign.seal_overlap phải ở giữa 0 và 1, sign.signature_max_aspect ít nhất là 1"
                    .into(),
            );
        }
        if !(10.0..=80.0).contains(&sp.seal_size_mm) {
            return Err("sign.seal_size_mm (cỡ con dấu) phải từ 10 đến 80 mm".into());
        }
        // Word stores sizes in half-points and spacing in twips; a value between those
        // steps would be rounded in the DOCX but not in the PDF, and their lines differ.
        for (what, st) in self.styles() {
            let steps = [
                ("size", st.size, 2.0),
                ("line_pt", st.line_pt, 20.0),
                ("space_before_pt", st.space_before_pt, 20.0),
                ("space_after_pt", st.space_after_pt, 20.0),
            ];
            for (field, v, per_pt) in steps {
                if ((v * per_pt).round() - v * per_pt).abs() > 1e-3 {
                    return Err(format!(
                        "{what}.{field} = {v}: cỡ chữ phải là bội của 0,5 pt, khoảng cách là bội của 0,05 pt"
                    ));
                }
            }
        }
        Ok(())
    }

    /// Every style of the profile with a name for messages.
    fn styles(&self) -> Vec<(String, &Style)> {
        let h = &self.header;
        let sp = &self.sign;
        let mut v: Vec<(String, &Style)> = vec![
            ("page_number".into(), &self.page_number),
            ("header.parent".into(), &h.parent),
            ("header.issuer".into(), &h.issuer),
            ("header.issuer_mark".into(), &h.issuer_mark.style),
            ("header.number".into(), &h.number),
            ("header.brief".into(), &h.brief),
            ("header.place_date".into(), &h.place_date),
            ("title.kind".into(), &self.title.kind),
            ("title.summary".into(), &self.title.summary),
            ("title.mark".into(), &self.title.mark.style),
            ("addressees".into(), &self.addressees),
            ("table.cell".into(), &self.table.cell),
            ("table.header".into(), &self.table.header),
            ("sign.label".into(), &sp.label),
            ("sign.item".into(), &sp.item),
            ("sign.role".into(), &sp.role),
            ("sign.note".into(), &sp.note),
            ("sign.agency".into(), &sp.agency),
            ("sign.name".into(), &sp.name),
        ];
        v.extend(
            h.national
                .iter()
                .map(|l| ("header.national".to_string(), &l.style)),
        );
        v.extend(self.headings.iter().map(|s| ("headings".to_string(), s)));
        v.extend(
            self.paragraphs
                .iter()
                .map(|(n, s)| (format!("paragraphs.{n}"), s)),
        );
        v
    }

    /// The style of a named paragraph kind.
    pub fn paragraph(&self, s: ParaStyle) -> &Style {
        &self.paragraphs[s.name()]
    }

    /// The style of a heading level (1–3; others are clamped).
    pub fn heading(&self, level: u8) -> &Style {
        &self.headings[(level.clamp(1, 3) - 1) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load_and_differ_where_the_spec_says() {
        let d = Profile::builtin("dang").unwrap();
        let n = Profile::builtin("nha-nuoc").unwrap();
        assert_eq!(d.convention, Convention::Party);
        assert_eq!(n.convention, Convention::State);
        assert_eq!(d.prefixes.tm, "T/M");
        assert_eq!(n.prefixes.tm, "TM.");
        assert_eq!(d.header.national[0].text, "ĐẢNG CỘNG SẢN VIỆT NAM");
        assert_eq!(d.header.national[0].style.size, 15.0);
        assert_eq!(n.header.national.len(), 2);
        assert!(matches!(
            d.header.issuer_mark.kind(),
            MarkKind::Text("*", _)
        ));
        assert!(matches!(n.header.issuer_mark.kind(), MarkKind::Rule(r) if r > 0.3));
        assert!(n.sign.label.bold && n.sign.label.italic && n.sign.label.size == 12.0);
        assert!(d.sign.label.underline);
        for p in [&d, &n] {
            assert_eq!((p.page.width_mm, p.page.height_mm), (210.0, 297.0));
            assert_eq!(p.font_family, "Times New Roman");
            assert!(p.header.place_date.italic);
        }
        assert!(Profile::builtin("khac").is_none());
    }

    #[test]
    fn sizes_between_word_steps_are_refused() {
        let src = BUILTIN[0]
            .1
            .replace("body: { size: 14,", "body: { size: 13.2,");
        let e = Profile::from_yaml(&src).unwrap_err();
        assert!(e.contains("paragraphs.body.size"), "{e}");
    }

    #[test]
    fn unknown_keys_are_refused() {
        let src = BUILTIN[0].1.replace("rule_pt:", "rule_ptx:");
        assert!(Profile::from_yaml(&src).is_err());
    }
}

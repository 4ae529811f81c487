//! The fonts vanban measures and embeds: Liberation Serif 2.1.5 (SIL OFL 1.1), whose
//! advance widths equal Times New Roman's and which covers every Vietnamese letter, shipped
//! inside the binary; or real Times New Roman files a user points at.
//!
//! Both writers measure with this crate ([`breaker`]: first fit at spaces and hyphens,
//! as Word breaks): the DOCX writer for header lines and the length of rules, the PDF
//! typesetter for every line. No kerning, as in Word's default.

pub mod breaker;

use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// The four faces of a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Variant {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Variant {
    pub const ALL: [Variant; 4] = [
        Variant::Regular,
        Variant::Bold,
        Variant::Italic,
        Variant::BoldItalic,
    ];

    pub fn of(bold: bool, italic: bool) -> Variant {
        match (bold, italic) {
            (false, false) => Variant::Regular,
            (true, false) => Variant::Bold,
            (false, true) => Variant::Italic,
            (true, true) => Variant::BoldItalic,
        }
    }
}

/// One parsed face. The font bytes live for the whole process: embedded ones are static,
/// user-supplied ones are read once and leaked, which a command-line run can afford.
pub struct Face {
    data: &'static [u8],
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Advance widths of U+0000–U+20FF (the ranges Vietnamese text and punctuation use),
    /// each looked up in the cmap the first time it is asked for: a process that renders
    /// one document pays only for the characters it uses. Other characters go to the cmap.
    fast: Box<[AtomicU32]>,
    name: String,
}

/// A line's position and thickness in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineMetrics {
    pub position: i16,
    pub thickness: i16,
}

const FAST_RANGE: usize = 0x2100;
/// Cache states besides an advance width (which fits in 16 bits).
const UNKNOWN: u32 = u32::MAX;
const NO_GLYPH: u32 = u32::MAX - 1;

impl Face {
    fn parse(data: &'static [u8]) -> Result<Face, String> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| e.to_string())?;
        let units_per_em = face.units_per_em() as f32;
        let fast = (0..FAST_RANGE).map(|_| AtomicU32::new(UNKNOWN)).collect();
        let name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::FULL_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| "?".into());
        Ok(Face {
            data,
            face,
            units_per_em,
            fast,
            name,
        })
    }

    /// The font file's bytes, for embedding.
    pub fn data(&self) -> &'static [u8] {
        self.data
    }

    /// The face's full name, e.g. "Liberation Serif Bold".
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn ttf(&self) -> &ttf_parser::Face<'static> {
        &self.face
    }

    /// The underline's position (its top, negative below the baseline) and thickness,
    /// in font units, from `post`.
    pub fn underline_metrics(&self) -> Option<LineMetrics> {
        self.face.underline_metrics().map(|m| LineMetrics {
            position: m.position,
            thickness: m.thickness,
        })
    }

    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    fn advance_units(&self, c: char) -> Option<u16> {
        let lookup = |c: char| {
            self.face
                .glyph_index(c)
                .and_then(|g| self.face.glyph_hor_advance(g))
        };
        let Some(slot) = self.fast.get(c as usize) else {
            return lookup(c);
        };
        match slot.load(Ordering::Relaxed) {
            UNKNOWN => {
                let v = lookup(c);
                // Racing threads store the same value: Relaxed is enough.
                slot.store(v.map_or(NO_GLYPH, u32::from), Ordering::Relaxed);
                v
            }
            NO_GLYPH => None,
            w => Some(w as u16),
        }
    }

    #[cfg(test)]
    fn glyph_count(&self) -> usize {
        self.face.number_of_glyphs() as usize
    }

    #[cfg(test)]
    fn glyph_advance(&self, g: u16) -> Option<u16> {
        self.face.glyph_hor_advance(ttf_parser::GlyphId(g))
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.advance_units(c).is_some()
    }

    /// Advance width of `c` at `size` points; a missing glyph measures as the .notdef box,
    /// but callers check [`Face::has_char`] first and report it.
    pub fn char_width(&self, c: char, size: f32) -> f32 {
        let units = self
            .advance_units(c)
            .or_else(|| self.face.glyph_hor_advance(ttf_parser::GlyphId(0)))
            .unwrap_or(0);
        units as f32 * size / self.units_per_em
    }

    /// Width of `text` at `size` points: the sum of advances, no kerning.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(c, size)).sum()
    }

    /// Ascender at `size` points (from the OS/2 Windows metrics Word uses, falling back to
    /// hhea).
    pub fn ascent(&self, size: f32) -> f32 {
        let units = self
            .face
            .tables()
            .os2
            .map(|t| t.windows_ascender() as f32)
            .unwrap_or(self.face.ascender() as f32);
        units * size / self.units_per_em
    }

    /// Descender at `size` points, positive.
    pub fn descent(&self, size: f32) -> f32 {
        let units = self
            .face
            .tables()
            .os2
            .map(|t| t.windows_descender() as f32)
            .unwrap_or(-(self.face.descender() as f32));
        units.abs() * size / self.units_per_em
    }
}

/// A family of four faces.
pub struct Fonts {
    faces: [Face; 4],
}

static EMBEDDED: OnceLock<Fonts> = OnceLock::new();

const LIBERATION: [&[u8]; 4] = [
    include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// File names of Times New Roman's faces as Windows and most Linux packages ship them.
const TIMES_FILES: [&[&str]; 4] = [
    &["times.ttf", "Times New Roman.ttf", "TimesNewRoman.ttf"],
    &[
        "timesbd.ttf",
        "Times New Roman Bold.ttf",
        "TimesNewRoman-Bold.ttf",
    ],
    &[
        "timesi.ttf",
        "Times New Roman Italic.ttf",
        "TimesNewRoman-Italic.ttf",
    ],
    &[
        "timesbi.ttf",
        "Times New Roman Bold Italic.ttf",
        "TimesNewRoman-BoldItalic.ttf",
    ],
];

impl Fonts {
    /// The embedded Liberation Serif family, parsed once per process.
    pub fn embedded() -> &'static Fonts {
        EMBEDDED.get_or_init(|| {
            let faces = LIBERATION.map(|d| Face::parse(d).expect("embedded font parses"));
            Fonts { faces }
        })
    }

    /// Times New Roman from a folder (file names as Windows ships them). The message of the
    /// error is Vietnamese, for the user who gave the folder.
    pub fn from_dir(dir: &Path) -> Result<Fonts, String> {
        let mut faces = Vec::with_capacity(4);
        for names in TIMES_FILES {
            let path = names
                .iter()
                .map(|n| dir.join(n))
                .find(|p| p.is_file())
                .ok_or_else(|| {
                    format!(
                        "không tìm thấy phông {} trong thư mục {}",
                        names[0],
                        dir.display()
                    )
                })?;
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("không đọc được phông {}: {e}", path.display()))?;
            let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            faces.push(
                Face::parse(data).map_err(|e| format!("tệp phông {} hỏng: {e}", path.display()))?,
            );
        }
        let faces: [Face; 4] = faces.try_into().map_err(|_| "bốn kiểu phông".to_string())?;
        Ok(Fonts { faces })
    }

    pub fn face(&self, v: Variant) -> &Face {
        &self.faces[v as usize]
    }

    pub fn styled(&self, bold: bool, italic: bool) -> &Face {
        self.face(Variant::of(bold, italic))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Vietnamese letter, both cases, precomposed.
    pub const VIETNAMESE: &str =
        "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";

    #[test]
    fn covers_vietnamese_in_every_face() {
        let fonts = Fonts::embedded();
        let upper: String = VIETNAMESE.to_uppercase();
        assert_eq!(VIETNAMESE.chars().count() + upper.chars().count(), 2 * 89);
        for v in Variant::ALL {
            let f = fonts.face(v);
            for c in VIETNAMESE.chars().chain(upper.chars()) {
                assert!(f.has_char(c), "{} lacks {c}", f.name());
            }
        }
    }

    /// A digest of every measurement the crate makes of a face: the advance of every
    /// character the cmap maps and of every glyph, the vertical metrics, the underline
    /// and the name. The expected values were taken with ttf-parser 0.25, the reader
    /// this crate used before read-fonts: the switch must not move a single line break.
    fn measurements(f: &Face) -> (usize, usize, u64, String) {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        let mut eat = |bytes: &[u8]| {
            for b in bytes {
                h = (h ^ *b as u64).wrapping_mul(0x0000_0100_0000_01b3);
            }
        };
        let mut chars = 0;
        // Planes 0 and 1: Liberation Serif maps nothing beyond, and every glyph is also
        // measured by its id below.
        for c in (0..0x20000).filter_map(char::from_u32) {
            if f.has_char(c) {
                chars += 1;
                eat(&(c as u32).to_be_bytes());
                eat(&f.char_width(c, 2048.0).to_bits().to_be_bytes());
            }
        }
        let glyphs = f.glyph_count();
        for g in 0..glyphs {
            eat(&f.glyph_advance(g as u16).unwrap_or(u16::MAX).to_be_bytes());
        }
        let u = f.underline_metrics().map(|m| (m.position, m.thickness));
        let metrics = format!(
            "{} upem {} ascent {} descent {} underline {u:?}",
            f.name(),
            f.units_per_em(),
            f.ascent(1000.0),
            f.descent(1000.0)
        );
        (chars, glyphs, h, metrics)
    }

    #[test]
    fn every_measurement_is_what_ttf_parser_gave() {
        let (a, d) = ("ascent 891.1133 descent 216.3086", "underline Some");
        let expected = [
            (
                2322,
                2602,
                5220865811036290981,
                format!("Liberation Serif upem 2048 {a} {d}((-123, 100))"),
            ),
            (
                2322,
                2602,
                343144321373983269,
                format!("Liberation Serif Bold upem 2048 {a} {d}((-28, 195))"),
            ),
            (
                2330,
                2610,
                15962280532393274671,
                format!("Liberation Serif Italic upem 2048 {a} {d}((-123, 100))"),
            ),
            (
                2323,
                2605,
                13764747152337856060,
                format!("Liberation Serif Bold Italic upem 2048 {a} {d}((-28, 195))"),
            ),
        ];
        let got: Vec<_> = std::thread::scope(|s| {
            let faces =
                Variant::ALL.map(|v| s.spawn(move || measurements(Fonts::embedded().face(v))));
            faces.map(|h| h.join().unwrap())
        })
        .into();
        let expected: Vec<_> = expected
            .iter()
            .map(|(c, g, d, m)| (*c, *g, *d, m.clone()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn widths_are_times_metrics() {
        // Times New Roman: space 512/2048 em, "m" 1593/2048 em — 14 pt: 3.5 pt and 10.89 pt.
        let f = Fonts::embedded().face(Variant::Regular);
        assert!((f.width(" ", 14.0) - 3.5).abs() < 0.01);
        assert!((f.width("m", 14.0) - 1593.0 * 14.0 / 2048.0).abs() < 0.01);
        assert!(f.name().contains("Liberation Serif"));
        assert!(Fonts::embedded().face(Variant::Bold).width("m", 14.0) > 0.0);
    }
}

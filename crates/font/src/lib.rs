//! The fonts vanban measures and embeds: Liberation Serif 2.1.5 (SIL OFL 1.1), whose
//! advance widths equal Times New Roman's and which covers every Vietnamese letter, shipped
//! inside the binary; or real Times New Roman files a user points at.
//!
//! Both writers measure with this crate ([`breaker`]: first fit at spaces and hyphens,
//! as Word breaks): the DOCX writer for header lines and the length of rules, the PDF
//! typesetter for every line. No kerning, as in Word's default.

pub mod breaker;
pub mod fontfile;

use std::path::Path;

use read_fonts::tables::cmap::{CmapSubtable, PlatformId};
use read_fonts::tables::hmtx::Hmtx;
use read_fonts::tables::name::{NameId, NameRecord};
use read_fonts::types::GlyphId;
use read_fonts::{FontRef, ReadError, TableProvider};
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
    glyphs: u16,
    hmtx: Hmtx<'static>,
    /// The cmap's Unicode subtables in file order, searched as ttf-parser searched them
    /// (measurements were pinned with it; see the tests).
    cmaps: Vec<CmapSubtable<'static>>,
    units_per_em: f32,
    /// OS/2 usWinAscent and usWinDescent (read as signed, as ttf-parser did), or hhea's
    /// ascender and negated descender without OS/2.
    win_ascent: i16,
    win_descent: i16,
    underline: Option<LineMetrics>,
    outline: Outline,
    /// Advance widths of U+0000–U+20FF (the ranges Vietnamese text and punctuation use),
    /// each looked up in the cmap the first time it is asked for: a process that renders
    /// one document pays only for the characters it uses. Other characters go to the cmap.
    fast: Box<[AtomicU32]>,
    name: String,
}

/// What a PDF font descriptor states of a face, in font units: the bounding box of all
/// glyphs (`head`), hhea's ascender and descender, and OS/2's capital height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outline {
    pub bbox: [i16; 4],
    pub ascender: i16,
    pub descender: i16,
    pub cap_height: Option<i16>,
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
        let font = FontRef::from_index(data, 0).map_err(|e| e.to_string())?;
        let err = |table: &'static str| move |e: ReadError| format!("{table}: {e}");
        let head = font.head().map_err(err("head"))?;
        let hhea = font.hhea().map_err(err("hhea"))?;
        let glyphs = font.maxp().map_err(err("maxp"))?.num_glyphs();
        let hmtx = font.hmtx().map_err(err("hmtx"))?;
        let cmap = font.cmap().map_err(err("cmap"))?;
        let cmaps = cmap
            .encoding_records()
            .iter()
            .filter_map(|r| r.subtable(cmap.offset_data()).ok().map(|s| (r, s)))
            .filter(|(r, s)| unicode_cmap(r.platform_id(), r.encoding_id(), s))
            .map(|(_, s)| s)
            .collect();
        let (win_ascent, win_descent) = match font.os2() {
            Ok(os2) => (os2.us_win_ascent() as i16, -(os2.us_win_descent() as i16)),
            Err(_) => (hhea.ascender().to_i16(), hhea.descender().to_i16()),
        };
        let underline = font.post().ok().map(|p| LineMetrics {
            position: p.underline_position().to_i16(),
            thickness: p.underline_thickness().to_i16(),
        });
        let name = font
            .name()
            .ok()
            .and_then(|n| {
                n.name_record()
                    .iter()
                    .filter(|r| r.name_id() == NameId::FULL_NAME && unicode_name(r))
                    .find_map(|r| r.string(n.string_data()).ok())
                    .map(|s| s.chars().collect::<String>())
            })
            .unwrap_or_else(|| "?".into());
        let outline = Outline {
            bbox: [head.x_min(), head.y_min(), head.x_max(), head.y_max()],
            ascender: hhea.ascender().to_i16(),
            descender: hhea.descender().to_i16(),
            cap_height: font.os2().ok().and_then(|o| o.s_cap_height()),
        };
        Ok(Face {
            data,
            glyphs,
            outline,
            hmtx,
            cmaps,
            units_per_em: head.units_per_em() as f32,
            win_ascent,
            win_descent,
            underline,
            fast: (0..FAST_RANGE).map(|_| AtomicU32::new(UNKNOWN)).collect(),
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

    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// The underline's position (its top, negative below the baseline) and thickness,
    /// in font units, from `post`.
    pub fn underline_metrics(&self) -> Option<LineMetrics> {
        self.underline
    }

    /// The face's box and vertical metrics, for a PDF font descriptor.
    pub fn outline(&self) -> Outline {
        self.outline
    }

    /// The glyph id the cmap gives `c` (for drawing with Identity-H encoding).
    pub fn glyph_id(&self, c: char) -> Option<u16> {
        self.glyph(c).and_then(|g| u16::try_from(g.to_u32()).ok())
    }

    /// The advance of glyph `g` in font units.
    pub fn glyph_advance_units(&self, g: u16) -> Option<u16> {
        self.glyph_advance(u32::from(g))
    }

    fn glyph(&self, c: char) -> Option<GlyphId> {
        self.cmaps.iter().find_map(|s| s.map_codepoint(c))
    }

    /// hmtx's advance (the last long metric repeats), for glyphs the face has.
    fn glyph_advance(&self, g: u32) -> Option<u16> {
        (g < self.glyphs as u32)
            .then(|| self.hmtx.advance(GlyphId::new(g)))
            .flatten()
    }

    #[cfg(test)]
    fn glyph_count(&self) -> usize {
        self.glyphs as usize
    }

    fn advance_units(&self, c: char) -> Option<u16> {
        let lookup = |c: char| self.glyph(c).and_then(|g| self.glyph_advance(g.to_u32()));
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

    /// Whether the face has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.advance_units(c).is_some()
    }

    /// Advance width of `c` at `size` points; a missing glyph measures as the .notdef box,
    /// but callers check [`Face::has_char`] first and report it.
    pub fn char_width(&self, c: char, size: f32) -> f32 {
        let units = self
            .advance_units(c)
            .or_else(|| self.glyph_advance(0))
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
        self.win_ascent as f32 * size / self.units_per_em
    }

    /// Descender at `size` points, positive.
    pub fn descent(&self, size: f32) -> f32 {
        (self.win_descent as f32).abs() * size / self.units_per_em
    }
}

/// A cmap subtable that maps Unicode: the Unicode platform, Windows BMP, or Windows full
/// repertoire in format 12 or 13.
fn unicode_cmap(platform: PlatformId, encoding: u16, table: &CmapSubtable) -> bool {
    match platform {
        PlatformId::Unicode => true,
        PlatformId::Windows => {
            encoding == 1
                || (encoding == 10
                    && matches!(table, CmapSubtable::Format12(_) | CmapSubtable::Format13(_)))
        }
        _ => false,
    }
}

/// A name record in UTF-16: the Unicode platform, or Windows symbol or BMP.
fn unicode_name(r: &NameRecord) -> bool {
    r.platform_id() == 0 || (r.platform_id() == 3 && matches!(r.encoding_id(), 0 | 1))
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
            eat(&f.glyph_advance(g as u32).unwrap_or(u16::MAX).to_be_bytes());
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

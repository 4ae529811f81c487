//! Problems found in a user's input, and how they are shown: file, line and column, the
//! field, what is wrong in Vietnamese, what would be right, and the offending line with a
//! caret under the spot — the way compilers print errors.

use std::fmt::Write;
use std::sync::Arc;

use crate::record::locate::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The file as the user named it.
    pub file: String,
    pub pos: Option<Pos>,
    /// The field path (`binh_xet[0].don_vi`), empty for file-level problems.
    pub path: String,
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The file's text, for the snippet under the message.
    pub source: Option<Arc<str>>,
}

impl Problem {
    pub fn error(file: &str, pos: Option<Pos>, path: &str, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.to_string(),
            pos,
            path: path.to_string(),
            message: message.into(),
            hint: None,
            source: None,
        }
    }

    pub fn warning(file: &str, pos: Option<Pos>, path: &str, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, pos, path, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_source(mut self, src: &Arc<str>) -> Self {
        self.source = Some(src.clone());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: lỗi: trường «path»: message`, then the source line with a caret
    /// under the spot, then the hint.
    pub fn render(&self) -> String {
        let src = self.source.as_deref();
        let mut out = String::new();
        let _ = write!(out, "{}", self.file);
        if let Some(p) = self.pos {
            let _ = write!(out, ":{}:{}", p.line, p.col);
        }
        let kind = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        let _ = write!(out, ": {kind}: ");
        if !self.path.is_empty() {
            let _ = write!(out, "trường «{}»: ", self.path);
        }
        out.push_str(&self.message);
        if let (Some(p), Some(src)) = (self.pos, src)
            && let Some(line) = src.lines().nth(p.line.saturating_sub(1))
        {
            let num = p.line.to_string();
            let pad = " ".repeat(num.len());
            // A very long line is cut to a window around the column.
            const SIDE: usize = 60;
            let col = p.col.saturating_sub(1);
            let start = col.saturating_sub(SIDE);
            let count = line.chars().count();
            let mut shown: String = line.chars().skip(start).take(2 * SIDE).collect();
            if start + 2 * SIDE < count {
                shown.push('…');
            }
            let (line, col) = if start > 0 {
                (format!("…{shown}"), col - start + 1)
            } else {
                (shown, col)
            };
            let line = line.as_str();
            // The caret goes under the character at the column, counted in characters.
            let before: String = line.chars().take(col).collect();
            let caret_pad: String = before
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = write!(out, "\n {pad} |\n {num} | {line}\n {pad} | {caret_pad}^");
        }
        if let Some(h) = &self.hint {
            let _ = write!(out, "\n  gợi ý: {h}");
        }
        out
    }
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_snippet_and_hint() {
        let p = Problem::error("a.yaml", Some(Pos { line: 2, col: 9 }), "khoi.ten", "sai")
            .with_hint("sửa đi")
            .with_source(&Arc::from("x: 1\nkhoi:   ten\n"));
        let s = p.render();
        assert!(s.starts_with("a.yaml:2:9: lỗi: trường «khoi.ten»: sai"));
        assert!(s.contains(" 2 | khoi:   ten\n   |         ^"));
        assert!(s.ends_with("gợi ý: sửa đi"));
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let long = format!("x: {}y{}", "a".repeat(500), "b".repeat(500));
        let p = Problem::error("a.yaml", Some(Pos { line: 1, col: 504 }), "", "sai")
            .with_source(&Arc::from(long.as_str()));
        let s = p.render();
        let lines: Vec<&str> = s.lines().collect();
        assert!(lines[2].chars().count() < 140, "{}", lines[2]);
        let caret = lines[3].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[2].chars().nth(caret), Some('y'));
    }

    #[test]
    fn suggests_close_keys_only() {
        assert_eq!(
            closest("thanh_vein", ["thanh_vien", "the_thuc"]),
            Some("thanh_vien")
        );
        assert_eq!(closest("zzz", ["thanh_vien", "the_thuc"]), None);
    }
}

//! Where each field of a record stands in its YAML text, so that a problem found after
//! parsing (an unknown member id, a vote count too high) can name the line and column.
//!
//! serde gives locations only for the first error it stops at; this index covers the rest.
//! It reads the block style records are written in (indented maps, `- ` items, block
//! scalars) and falls back to the nearest enclosing field for anything else (flow style).

use std::collections::HashMap;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// Path → position of the field's value (or of its key when the value is a block below).
/// Paths look like serde_yaml's: `thanh_vien[2].ten`.
#[derive(Debug, Default)]
pub struct Index {
    map: HashMap<String, Pos>,
}

#[derive(Debug)]
struct Frame {
    indent: usize,
    path: String,
    seq: bool,
    items: usize,
}

impl Index {
    pub fn build(src: &str) -> Index {
        let mut idx = Index::default();
        let mut stack = vec![Frame {
            indent: 0,
            path: String::new(),
            seq: false,
            items: 0,
        }];
        // The key that opened a block on the line before, and lines to skip (block scalars
        // and continuation lines of plain scalars) while their indent is deeper than this.
        let mut open_key: Option<(String, usize)> = None;
        let mut skip_deeper_than: Option<usize> = None;
        for (i, raw) in src.lines().enumerate() {
            let line_no = i + 1;
            let trimmed = raw.trim_start_matches(' ');
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") {
                continue;
            }
            let indent = raw.len() - trimmed.len();
            if let Some(d) = skip_deeper_than {
                if indent > d {
                    continue;
                }
                skip_deeper_than = None;
            }
            while stack.len() > 1 && stack.last().is_some_and(|f| f.indent > indent) {
                stack.pop();
            }
            // A deeper line after `key:` opens that key's map or sequence.
            if let Some((path, key_indent)) = open_key.take() {
                if indent > key_indent {
                    stack.push(Frame {
                        indent,
                        path,
                        seq: trimmed.starts_with('-'),
                        items: 0,
                    });
                } else if indent == key_indent && trimmed.starts_with("- ") {
                    // `key:` followed by items at the same indent.
                    stack.push(Frame {
                        indent,
                        path,
                        seq: true,
                        items: 0,
                    });
                }
            }
            // A key at the indent of a same-indent sequence closes that sequence.
            if !trimmed.starts_with('-')
                && stack.len() > 1
                && stack.last().is_some_and(|f| f.seq && f.indent == indent)
            {
                stack.pop();
            }
            let mut col = indent;
            let mut rest = trimmed;
            let top = stack.last_mut().expect("root frame stays");
            let mut parent = top.path.clone();
            if top.seq && (rest.starts_with("- ") || rest == "-") {
                let item = format!("{}[{}]", top.path, top.items);
                top.items += 1;
                idx.map.insert(
                    item.clone(),
                    Pos {
                        line: line_no,
                        col: char_col(raw, col),
                    },
                );
                let after = rest[1..].trim_start_matches(' ');
                col += rest.len() - after.len();
                rest = after;
                if rest.is_empty() {
                    open_key = Some((item, indent));
                    continue;
                }
                if split_key(rest).is_none() {
                    idx.flow(raw, &item, line_no, col, rest);
                    continue; // a scalar item or a flow map
                }
                stack.push(Frame {
                    indent: col,
                    path: item.clone(),
                    seq: false,
                    items: 0,
                });
                parent = item;
            }
            let Some((key, value, value_off)) = split_key(rest) else {
                continue;
            };
            let path = if parent.is_empty() {
                key.to_string()
            } else {
                format!("{parent}.{key}")
            };
            let key_pos = Pos {
                line: line_no,
                col: char_col(raw, col),
            };
            if value.is_empty() {
                idx.map.insert(path.clone(), key_pos);
                open_key = Some((path, col));
            } else {
                idx.flow(raw, &path, line_no, col + value_off, value);
                idx.map.insert(
                    path,
                    Pos {
                        line: line_no,
                        col: char_col(raw, col + value_off),
                    },
                );
                // Block scalars and wrapped plain scalars continue on deeper lines.
                skip_deeper_than = Some(col);
            }
            idx.map
                .entry(format!("{}#key", key_pos_path(&parent, key)))
                .or_insert(key_pos);
        }
        idx
    }

    /// Indexes a one-line flow map `{ a: 1, b: x }` standing at byte `start` of its line,
    /// so that `path.b` points at `x`. Nested braces and quoted commas are left to the
    /// enclosing field.
    fn flow(&mut self, raw: &str, path: &str, line: usize, start: usize, text: &str) {
        let Some(inner) = text
            .strip_prefix('{')
            .and_then(|t| t.trim_end().strip_suffix('}'))
        else {
            return;
        };
        if inner.contains(['{', '[', '"', '\'']) && inner.contains(',') && inner.contains('"') {
            return;
        }
        let mut off = start + 1;
        for part in inner.split(',') {
            let lead = part.len() - part.trim_start().len();
            if let Some((key, _, value_off)) = split_key(part.trim_start()) {
                let key_col = off + lead;
                let p = format!("{path}.{key}");
                self.map.insert(
                    format!("{p}#key"),
                    Pos {
                        line,
                        col: char_col(raw, key_col),
                    },
                );
                self.map.insert(
                    p,
                    Pos {
                        line,
                        col: char_col(raw, key_col + value_off),
                    },
                );
            }
            off += part.len() + 1;
        }
    }

    /// Position of a field's value, or of the nearest enclosing field the index knows.
    pub fn find(&self, path: &str) -> Option<Pos> {
        let mut p = path;
        loop {
            if let Some(pos) = self.map.get(p) {
                return Some(*pos);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// Whether the record has this exact field.
    pub fn has(&self, path: &str) -> bool {
        self.map.contains_key(path)
    }

    /// Position of a field's key (for unknown keys), else of its value.
    pub fn find_key(&self, path: &str) -> Option<Pos> {
        self.map
            .get(&format!("{path}#key"))
            .copied()
            .or_else(|| self.find(path))
    }
}

/// 1-based column in characters of byte offset `byte` in `line`: what an editor shows.
fn char_col(line: &str, byte: usize) -> usize {
    line.get(..byte).map_or(byte, |s| s.chars().count()) + 1
}

fn key_pos_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// `key: value` → (key, value, byte offset of the value). Quoted keys lose their quotes.
fn split_key(s: &str) -> Option<(&str, &str, usize)> {
    let (key, after) = if let Some(q @ ('"' | '\'')) = s.chars().next() {
        let end = s[1..].find(q)? + 1;
        let after = s[end + 1..].strip_prefix(':')?;
        (&s[1..end], after)
    } else {
        let colon = s
            .find(": ")
            .or_else(|| s.strip_suffix(':').map(|t| t.len()))?;
        let key = &s[..colon];
        if key.is_empty() || key.starts_with(['{', '[', '"', '\'', '#', '&', '*', '!', '|', '>']) {
            return None;
        }
        (key.trim_end(), &s[colon + 1..])
    };
    let value = after.trim_start();
    // A trailing comment is no value.
    let value = if value.starts_with('#') { "" } else { value };
    let off = s.len() - after.len() + (after.len() - after.trim_start().len());
    Some((key, value.trim_end(), off))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "\
# comment
the_thuc: dang
khoi:
  ten: Khối thi đua
thanh_vien:
  - id: tct
    ten: Trường Chính trị tỉnh
  - id: btc
    ten: >
      Ban Tổ chức
      Tỉnh ủy
    nguoi_ky:
      ho_ten: A
binh_xet:
- hinh_thuc: co-thi-dua
  don_vi: tct
- { hinh_thuc: bằng-khen, don_vi: btc, dong_y: 9 }
giao_uoc:
  noi_dung:
    - Một
    - Hai: ba
";

    #[test]
    fn finds_fields() {
        let idx = Index::build(SRC);
        let at = |p: &str| idx.find(p).map(|p| (p.line, p.col));
        assert_eq!(at("the_thuc"), Some((2, 11)));
        assert_eq!(at("khoi.ten"), Some((4, 8)));
        assert_eq!(at("thanh_vien[0].id"), Some((6, 9)));
        assert_eq!(at("thanh_vien[1].id"), Some((8, 9)));
        assert_eq!(at("thanh_vien[1].nguoi_ky.ho_ten"), Some((13, 15)));
        assert_eq!(at("binh_xet[0].don_vi"), Some((16, 11)));
        assert_eq!(at("binh_xet[1].don_vi"), Some((17, 35)));
        assert_eq!(at("binh_xet[1].dong_y"), Some((17, 48)));
        assert_eq!(at("giao_uoc.noi_dung[1]"), Some((21, 5)));
        // Unknown below a known field: the field.
        assert_eq!(at("thanh_vien[1].nguoi_ky.xyz"), Some((12, 5)));
        assert_eq!(
            idx.find_key("khoi.ten").map(|p| (p.line, p.col)),
            Some((4, 3))
        );
    }
}

//! Where each field of a record stands in its YAML text, so that a problem found after
//! parsing (an unknown member id, a vote count too high) can name the line and column.
//!
//! serde gives locations only for the first error it stops at; this index covers the rest.
//! It is built from the marked events of a YAML parser (saphyr-parser), so block and flow
//! style, quoted keys, block scalars and anchors are all placed where the parser saw them.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    fn of(span: &Span) -> Pos {
        // saphyr counts lines from 1 and columns from 0, in characters: what editors show.
        Pos {
            line: span.start.line(),
            col: span.start.col() + 1,
        }
    }
}

/// Path → position of the field's value (or of its key when the value is a block below).
/// Paths look like serde_yaml's: `thanh_vien[2].ten`; a key's own position is kept under
/// `path#key`.
#[derive(Debug, Default)]
pub struct Index {
    map: HashMap<String, Pos>,
    /// Keys written twice in one map, at their second occurrence, in document order.
    dups: Vec<(String, Pos)>,
    /// Where a second document (`---` after the first) starts.
    second_doc: Option<Pos>,
}

/// Deeper nodes are not indexed: their paths would grow with the depth (quadratic memory
/// on `[[[[…`), and serde refuses such records anyway (recursion limit 128).
const MAX_DEPTH: usize = 64;

enum Frame {
    Map {
        path: String,
        /// The key just read, waiting for its value.
        key: Option<(String, Pos)>,
        seen: HashSet<String>,
    },
    Seq {
        path: String,
        items: usize,
    },
}

impl Frame {
    fn path(&self) -> &str {
        match self {
            Frame::Map { path, .. } | Frame::Seq { path, .. } => path,
        }
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Index {
    pub fn build(src: &str) -> Index {
        let mut idx = Index::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut docs = 0;
        // Events up to a syntax error are kept: the fields before it can still be found.
        for (event, span) in Parser::new_from_str(src).map_while(Result::ok) {
            let at = Pos::of(&span);
            // What kind of node this is, and where its value is to be reported.
            let (scalar, opens) = match &event {
                Event::DocumentStart(_) => {
                    docs += 1;
                    if docs == 2 {
                        idx.second_doc = Some(at);
                        break; // serde reads one document; so does the index.
                    }
                    continue;
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                    continue;
                }
                Event::Scalar(v, style, ..) => (Some((v.as_ref(), *style)), None),
                Event::MappingStart(..) => (None, Some(true)),
                Event::SequenceStart(..) => (None, Some(false)),
                Event::Alias(_) => (None, None),
                _ => continue,
            };
            let deep = stack.len() >= MAX_DEPTH;
            // A node is a map's key, a map's value, a sequence's item, or the root.
            let (path, key_pos) = match stack.last_mut() {
                Some(Frame::Map { path, key, seen }) if key.is_none() => {
                    let name = scalar.map_or("?", |(v, _)| v).to_string();
                    if !deep {
                        let full = join(path, &name);
                        if !seen.insert(name.clone()) {
                            idx.dups.push((full.clone(), at));
                        }
                        idx.map.entry(format!("{full}#key")).or_insert(at);
                    }
                    *key = Some((name, at));
                    if let Some(is_map) = opens {
                        // A collection as a key (`? [a, b]: x`): walked, not indexed.
                        let p = join(path, "?");
                        stack.push(new_frame(p, is_map));
                    }
                    continue;
                }
                Some(Frame::Map { path, key, .. }) => {
                    let (k, kp) = key.take().expect("guarded above");
                    (join(path, &k), Some(kp))
                }
                Some(Frame::Seq { path, items }) => {
                    *items += 1;
                    (format!("{path}[{}]", *items - 1), None)
                }
                None => (String::new(), None),
            };
            let path = if deep {
                stack
                    .last()
                    .map(|f| f.path().to_string())
                    .unwrap_or_default()
            } else {
                path
            };
            // Blocks below a key (`key:` then indented lines, `key: |`) and empty values
            // are reported at the key: that is the line the user wrote.
            let below = match scalar {
                Some((_, ScalarStyle::Literal | ScalarStyle::Folded)) => true,
                Some((v, ScalarStyle::Plain)) => v.is_empty(),
                Some(_) => false,
                // Block collections start with an empty span; flow ones span `{`/`[`.
                None => opens.is_some() && span.is_empty(),
            };
            let pos = match key_pos {
                Some(kp) if below => kp,
                _ => at,
            };
            if !deep && !path.is_empty() {
                idx.map.entry(path.clone()).or_insert(pos);
            }
            if let Some(is_map) = opens {
                stack.push(new_frame(path, is_map));
            }
        }
        idx
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

    /// Keys written twice in one map: the path and the position of the second one, in
    /// the order they appear.
    pub fn duplicates(&self) -> &[(String, Pos)] {
        &self.dups
    }

    /// Where a second YAML document starts (`---` after a first one), if there is one.
    pub fn second_document(&self) -> Option<Pos> {
        self.second_doc
    }
}

fn new_frame(path: String, is_map: bool) -> Frame {
    if is_map {
        Frame::Map {
            path,
            key: None,
            seen: HashSet::new(),
        }
    } else {
        Frame::Seq { path, items: 0 }
    }
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
hoi_nghi:
  co_mat: [btc, x, y]
tin_bai:
  anh:
  - { tep: \"../x.png\", chu_thich: \"a, b\" }
\"khóa có dấu\": 1
khoi:
  ten: lần hai
";

    #[test]
    fn finds_fields() {
        let idx = Index::build(SRC);
        let at = |p: &str| idx.find(p).map(|p| (p.line, p.col));
        assert_eq!(at("the_thuc"), Some((2, 11)));
        assert_eq!(at("khoi.ten"), Some((4, 8)));
        assert_eq!(at("thanh_vien[0].id"), Some((6, 9)));
        assert_eq!(at("thanh_vien[1].id"), Some((8, 9)));
        // A block scalar is reported at its key.
        assert_eq!(at("thanh_vien[1].ten"), Some((9, 5)));
        assert_eq!(at("thanh_vien[1].nguoi_ky.ho_ten"), Some((13, 15)));
        assert_eq!(at("binh_xet[0].don_vi"), Some((16, 11)));
        assert_eq!(at("binh_xet[1].don_vi"), Some((17, 35)));
        assert_eq!(at("binh_xet[1].dong_y"), Some((17, 48)));
        // A map as a sequence item: at its first key.
        assert_eq!(at("giao_uoc.noi_dung[1]"), Some((21, 7)));
        // Flow items under their own caret, quoted values with commas included.
        assert_eq!(at("hoi_nghi.co_mat"), Some((23, 11)));
        assert_eq!(at("hoi_nghi.co_mat[1]"), Some((23, 17)));
        assert_eq!(at("tin_bai.anh[0].tep"), Some((26, 12)));
        assert_eq!(at("tin_bai.anh[0].chu_thich"), Some((26, 35)));
        assert_eq!(
            idx.find_key("tin_bai.anh[0].tep").map(|p| (p.line, p.col)),
            Some((26, 7))
        );
        assert!(idx.has("khóa có dấu"));
        // Unknown below a known field: the field.
        assert_eq!(at("thanh_vien[1].nguoi_ky.xyz"), Some((12, 5)));
        assert_eq!(
            idx.find_key("khoi.ten").map(|p| (p.line, p.col)),
            Some((4, 3))
        );
        // The second `khoi` is a duplicate, at its own line; the first stays indexed.
        assert_eq!(
            idx.duplicates(),
            &[("khoi".to_string(), Pos { line: 28, col: 1 })]
        );
        assert_eq!(at("khoi.ten"), Some((4, 8)));
    }

    #[test]
    fn a_second_document_and_a_syntax_error_keep_what_came_before() {
        let idx = Index::build("a: 1\n---\nb: 2\n");
        assert_eq!(idx.second_document(), Some(Pos { line: 2, col: 1 }));
        assert!(!idx.has("b"));
        let idx = Index::build("a: 1\nb: [1, 2\nc: 3\n");
        assert!(idx.has("a"));
    }

    #[test]
    fn deep_nesting_stays_small() {
        let src = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let idx = Index::build(&src);
        assert!(idx.map.len() <= MAX_DEPTH);
    }
}

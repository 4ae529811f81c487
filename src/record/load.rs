//! Reading a record file: YAML → [`Record`], with every problem located and explained in
//! Vietnamese. Syntax and type errors stop parsing (serde reports the first); unknown keys
//! are all collected, each with the closest valid key; the consistency checks in
//! [`super::check`] then report everything else at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value as Json;

use super::locate::{Index, Pos};
use super::types::Record;
use crate::diag::{Problem, closest};

/// Records above this size are refused before parsing: a meeting record is a few KB.
pub const MAX_RECORD_BYTES: usize = 5 * 1024 * 1024;

/// A parsed record with what is needed to locate its fields.
#[derive(Debug)]
pub struct Loaded {
    /// The file as the user named it, for messages.
    pub file: String,
    pub path: PathBuf,
    pub src: Arc<str>,
    pub record: Record,
    pub index: Index,
}

impl Loaded {
    pub fn pos(&self, path: &str) -> Option<Pos> {
        self.index.find(path)
    }
}

/// Reads and parses a record file. `Ok` carries the problems that did not stop parsing
/// (unknown keys); `Err` holds those that did, with the others found before them.
pub fn load_file(path: &Path) -> Result<(Loaded, Vec<Problem>), Vec<Problem>> {
    let file = path.display().to_string();
    // Regular files only (a FIFO or a device is refused, never read), and the limit holds
    // on the bytes read: /dev/zero reports a size of 0.
    let bytes = crate::input::read_regular(path, MAX_RECORD_BYTES).map_err(|e| {
        let p = Problem::error(&file, None, "", e.message());
        vec![match e {
            crate::input::ReadError::TooBig(_) => {
                p.with_hint("hồ sơ cuộc họp chỉ vài KB; kiểm tra lại tên tệp")
            }
            _ => p,
        }]
    })?;
    let src = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let pos = utf8_pos(&bytes[..at]);
        let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).as_ref());
        vec![
            Problem::error(&file, Some(pos), "", "tệp không phải văn bản UTF-8")
                .with_hint("lưu lại tệp với bảng mã UTF-8 (trong Notepad++: Encoding → UTF-8)")
                .with_source(&lossy),
        ]
    })?;
    let (mut l, problems) = load_str(&file, src)?;
    l.path = path.to_path_buf();
    Ok((l, problems))
}

/// Line and column (in characters, from 1) of the byte after `valid`, valid UTF-8.
fn utf8_pos(valid: &[u8]) -> Pos {
    let text = std::str::from_utf8(valid).unwrap_or_default();
    let line_start = text.rfind('\n').map_or(0, |i| i + 1);
    Pos {
        line: text.matches('\n').count() + 1,
        col: text[line_start..].chars().count() + 1,
    }
}

/// Parses record text; `file` names it in messages.
pub fn load_str(file: &str, src: String) -> Result<(Loaded, Vec<Problem>), Vec<Problem>> {
    let text: Arc<str> = Arc::from(src.as_str());
    let attach = |ps: Vec<Problem>| -> Vec<Problem> {
        ps.into_iter().map(|p| p.with_source(&text)).collect()
    };
    match load_text(file, &text) {
        Ok((l, ps)) => Ok((l, attach(ps))),
        Err(ps) => Err(attach(ps)),
    }
}

fn load_text(file: &str, text: &Arc<str>) -> Result<(Loaded, Vec<Problem>), Vec<Problem>> {
    let src: &str = text;
    let index = Index::build(src);
    let mut problems = Vec::new();
    // One pass over the lines: tabs cannot indent YAML (libyaml's own message for them is
    // cryptic), and libyaml refuses control characters but says only "at position N" (a
    // byte offset): find each, one per line, by line and column.
    for (i, line) in src.lines().enumerate() {
        // Columns count characters, as every other position does.
        let at = |col: usize| {
            Some(Pos {
                line: i + 1,
                col: col + 1,
            })
        };
        if let Some(col) = line
            .chars()
            .take_while(|c| c.is_whitespace())
            .position(|c| c == '\t')
        {
            problems.push(
                Problem::error(file, at(col), "", "dòng thụt vào bằng phím Tab")
                    .with_hint("YAML chỉ cho thụt dòng bằng dấu cách; thay Tab bằng 2 dấu cách"),
            );
        }
        if let Some((col, c)) = line.chars().enumerate().find(|(_, c)| forbidden(*c)) {
            problems.push(
                Problem::error(
                    file,
                    at(col),
                    "",
                    format!(
                        "có ký tự điều khiển không in được (mã U+{:04X})",
                        u32::from(c)
                    ),
                )
                .with_hint("xóa ký tự đó (thường lẫn vào khi sao chép từ Word hay PDF)"),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut unknown: Vec<String> = Vec::new();
    let de = serde_yaml::Deserializer::from_str(src);
    let parsed: Result<Record, _> = serde_ignored::deserialize(de, |path| {
        unknown.push(bracket_indices(&path.to_string()));
    });
    for path in &unknown {
        problems.push(unknown_key(file, &index, path));
    }
    match parsed {
        Ok(record) => Ok((
            Loaded {
                file: file.to_string(),
                path: PathBuf::from(file),
                src: text.clone(),
                record,
                index,
            },
            problems,
        )),
        Err(e) => {
            // libyaml reports an unclosed quote where the next quote happens to be, often
            // many lines later; the line that opened it is the one to fix.
            let mut p = translate(file, src, &index, &e);
            if let Some(open) = unclosed_quote(src)
                && p.pos.is_none_or(|at| open.line < at.line)
            {
                p = Problem::error(file, Some(open), "", "thiếu dấu ngoặc kép đóng").with_hint(
                    "chuỗi mở bằng \" hoặc ' phải đóng bằng dấu giống vậy trên cùng dòng",
                );
            }
            problems.push(p);
            Err(problems)
        }
    }
}

/// Characters YAML does not allow in a file (YAML 1.1 §5.1, as libyaml checks them).
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}')
        || matches!(c, '\u{80}'..='\u{9f}' if c != '\u{85}')
        || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// serde_ignored writes `thanh_vien.0.ten`; messages and the index use `thanh_vien[0].ten`.
/// The `?` both write for an optional section (`to_trinh.?.ngayy`) is no field: dropped.
fn bracket_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    for seg in path.split('.') {
        if seg == "?" || seg.is_empty() {
            continue;
        }
        if seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    out
}

/// The first line whose value opens a quote it does not close (outside comments).
fn unclosed_quote(src: &str) -> Option<Pos> {
    for (i, line) in src.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with('#') {
            continue;
        }
        let value_start = t.strip_prefix("- ").map(|r| r.trim_start()).unwrap_or(t);
        let value = match value_start.find(": ") {
            Some(i) => value_start[i + 2..].trim_start(),
            None => value_start,
        };
        let Some(q @ ('"' | '\'')) = value.chars().next() else {
            continue;
        };
        let rest = &value[1..];
        let closed = if q == '"' {
            let mut esc = false;
            rest.chars().any(|c| {
                let end = c == '"' && !esc;
                esc = c == '\\' && !esc;
                end
            })
        } else {
            rest.contains('\'')
        };
        if !closed {
            let col = line.len() - value.len() + 1;
            return Some(Pos {
                line: i + 1,
                col: line[..col - 1].chars().count() + 1,
            });
        }
    }
    None
}

fn unknown_key(file: &str, index: &Index, path: &str) -> Problem {
    let (parent, key) = match path.rfind('.') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => ("", path),
    };
    let valid = schema_keys(parent);
    let mut p = Problem::error(
        file,
        index.find_key(path),
        path,
        format!("khóa «{key}» không có trong hồ sơ"),
    );
    let list = valid.join(", ");
    p = match closest(key, valid.iter().map(String::as_str)) {
        Some(best) => p.with_hint(format!("có phải «{best}»? Các khóa hợp lệ ở đây: {list}")),
        None if !valid.is_empty() => p.with_hint(format!("các khóa hợp lệ ở đây: {list}")),
        None => p,
    };
    p
}

/// The JSON Schema of [`Record`], generated once: the one list of valid keys.
pub fn schema() -> &'static Json {
    static SCHEMA: std::sync::OnceLock<Json> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut s = serde_json::to_value(schemars::schema_for!(Record)).expect("serialises");
        // Required fields and "no other keys", which the lenient parse leaves to `check`.
        let title = s
            .get("title")
            .and_then(Json::as_str)
            .unwrap_or("Record")
            .to_string();
        let mark = |name: &str, node: &mut Json| {
            // Only objects with named fields; a one-or-many wrapper (`anyOf`) is not one.
            if let Some(obj) = node.as_object_mut()
                && obj.contains_key("properties")
            {
                obj.insert("additionalProperties".into(), Json::Bool(false));
                if let Some((_, req)) = super::types::REQUIRED.iter().find(|(n, _)| *n == name) {
                    obj.insert("required".into(), Json::from(req.to_vec()));
                }
            }
        };
        mark(&title, &mut s);
        if let Some(defs) = s.get_mut("$defs").and_then(Json::as_object_mut) {
            for (name, node) in defs.iter_mut() {
                mark(name, node);
            }
        }
        s
    })
}

/// Valid keys of the map at `path` (`thanh_vien[0].nguoi_ky`), from the schema.
pub fn schema_keys(path: &str) -> Vec<String> {
    let root = schema();
    let mut node = root;
    let segments = path
        .split(['.', '['])
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_end_matches(']'));
    for seg in segments {
        let raw = node;
        node = resolve(root, node);
        node = if seg.chars().all(|c| c.is_ascii_digit()) {
            // A one-or-many field (`anyOf: [T, [T]]`): the list branch's items.
            match node.get("items").or_else(|| list_items(root, raw)) {
                Some(n) => n,
                None => return Vec::new(),
            }
        } else {
            match node.get("properties").and_then(|p| p.get(seg)) {
                Some(n) => n,
                None => return Vec::new(),
            }
        };
    }
    let node = resolve(root, node);
    node.get("properties")
        .and_then(Json::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// The `items` of the list branch of a one-or-many field, following `$ref`s.
fn list_items<'a>(root: &'a Json, mut node: &'a Json) -> Option<&'a Json> {
    loop {
        if let Some(i) = node.get("items") {
            return Some(i);
        }
        if let Some(r) = node.get("$ref").and_then(Json::as_str) {
            node = root.get("$defs")?.get(r.trim_start_matches("#/$defs/"))?;
            continue;
        }
        let branches = node.get("anyOf").and_then(Json::as_array)?;
        return branches.iter().find_map(|b| list_items(root, b));
    }
}

/// Follows `$ref` and unwraps `Option` (`anyOf: [T, null]`).
fn resolve<'a>(root: &'a Json, mut node: &'a Json) -> &'a Json {
    loop {
        if let Some(r) = node.get("$ref").and_then(Json::as_str) {
            let name = r.trim_start_matches("#/$defs/");
            match root.get("$defs").and_then(|d| d.get(name)) {
                Some(n) => node = n,
                None => return node,
            }
        } else if let Some(first) = node.get("anyOf").and_then(Json::as_array).and_then(|a| {
            a.iter()
                .find(|v| v.get("type") != Some(&Json::from("null")))
        }) {
            node = first;
        } else {
            return node;
        }
    }
}

/// A serde_yaml error in Vietnamese, located.
fn translate(file: &str, src: &str, index: &Index, e: &serde_yaml::Error) -> Problem {
    let raw = e.to_string();
    let pos = e.location().map(|l| Pos {
        line: l.line(),
        col: l.column(),
    });
    // serde_yaml prefixes the field path ("hoi_nghi.ngay: invalid type …") and appends
    // " at line L column C" (or " at position N" for reader errors), and libyaml adds its
    // context (", while parsing a block mapping at line …"), which we leave out.
    let body = raw
        .split(" at line ")
        .next()
        .and_then(|s| s.split(" at position ").next())
        .unwrap_or(&raw);
    let (path, msg) = match body.split_once(": ") {
        Some((p, m)) if !p.contains(' ') => (bracket_indices(p), m),
        _ => (String::new(), body),
    };
    let path = path.as_str();
    // Our own messages (from the `so` deserialiser) are Vietnamese already; serde reports
    // them at the enclosing map, so point at the field itself.
    if msg.starts_with("số văn bản") {
        let field = format!("{path}.so");
        return Problem::error(file, index.find(&field).or(pos), &field, msg)
            .with_hint("viết số văn bản như 5 hoặc 05, hoặc để trống để ghi tay");
    }
    // libyaml reports a duplicate at the start of its map; the index knows the duplicate.
    if msg.starts_with("duplicate field") || msg.starts_with("duplicate entry") {
        let key = quoted(msg);
        let dup = index
            .duplicates()
            .iter()
            .find(|(p, _)| p.rsplit('.').next() == Some(key.as_str()));
        let (path, pos) = match dup {
            Some((p, at)) => (p.as_str(), Some(*at)),
            None => (path, pos.or_else(|| index.find(path))),
        };
        return Problem::error(file, pos, path, format!("khóa «{key}» được ghi hai lần"))
            .with_hint("xóa một trong hai dòng, hoặc gộp nội dung lại");
    }
    if msg.contains("more than one document") {
        return Problem::error(
            file,
            index.second_document().or(pos),
            "",
            "tệp có hơn một tài liệu YAML (từ dòng «---» này)",
        )
        .with_hint(
            "mỗi tệp chỉ ghi một hồ sơ: xóa dòng «---» và phần sau, hoặc tách ra tệp riêng",
        );
    }
    // libyaml's context ("while scanning a block scalar") tells apart problems that share
    // their words (a missing line break after a directive, a tag or `|`).
    let context = raw
        .split_once(", while ")
        .map(|(_, c)| c.split(" at line ").next().unwrap_or(c));
    let (message, hint) = match context {
        Some(c) => explain(&format!("{msg}, while {c}")),
        None => explain(msg),
    };
    // An unclosed `[` or `{` is noticed where something else stands; libyaml's context
    // ("while parsing a flow sequence at line L column C") is where it was opened.
    let pos = if msg.starts_with("did not find expected ',' or") {
        marks(&raw).get(1).copied().or(pos)
    } else {
        pos
    };
    let pos = pos.or_else(|| index.find(path)).or_else(|| {
        // Only "the file ended too soon" has no mark of its own: its place is the end.
        msg.contains("EOF").then(|| Pos {
            line: src.lines().count().max(1),
            col: 1,
        })
    });
    let mut p = Problem::error(file, pos, path, message);
    if let Some(h) = hint {
        p = p.with_hint(h);
    }
    p
}

/// Every "at line L column C" of a libyaml message: the problem's, then its context's.
fn marks(raw: &str) -> Vec<Pos> {
    raw.split(" at line ")
        .skip(1)
        .filter_map(|s| {
            let (line, rest) = s.split_once(" column ")?;
            let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some(Pos {
                line: line.parse().ok()?,
                col: col.parse().ok()?,
            })
        })
        .collect()
}

/// The first name quoted in a serde message: `x`, "x" or 'x'.
fn quoted(msg: &str) -> String {
    for q in ['`', '"', '\''] {
        if let Some(s) = msg.split(q).nth(1) {
            return s.to_string();
        }
    }
    String::new()
}

/// Every word of `msg` quoted with backticks, as «a», «b».
fn ticked_list(msg: &str) -> String {
    msg.split('`')
        .skip(1)
        .step_by(2)
        .map(|s| format!("«{s}»"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// libyaml's problems (scanner, parser, reader), each in Vietnamese with what to do.
/// Every string libyaml-rs 0.3 can put in a parser error is matched by one needle.
const SYNTAX: &[(&[&str], &str, &str)] = &[
    (
        &["found unexpected end of stream"],
        "thiếu dấu ngoặc kép đóng",
        "mỗi chuỗi mở bằng \" hoặc ' phải đóng bằng dấu giống vậy trên cùng dòng",
    ),
    (
        &["did not find expected key"],
        "thụt dòng không khớp với các dòng cùng nhóm",
        "các khóa cùng một nhóm phải thẳng cột với nhau",
    ),
    (
        &["mapping values are not allowed", "found unexpected ':'"],
        "dấu hai chấm «:» ở chỗ không được phép (thường do thụt dòng sai)",
        "các khóa cùng một nhóm phải thẳng cột với nhau; nếu nội dung có «: », hãy đặt cả nội dung trong dấu ngoặc kép \"…\"",
    ),
    (
        &["mapping keys are not allowed"],
        "khóa «…:» ở chỗ không được phép (thường do thụt dòng sai)",
        "các khóa cùng một nhóm phải thẳng cột với nhau",
    ),
    (
        &["block sequence entries are not allowed"],
        "mục danh sách «- » đứng sai chỗ",
        "mỗi mục «- » nằm trên một dòng riêng dưới khóa của danh sách, các mục thẳng cột; nội dung bắt đầu bằng «-» thì đặt trong dấu ngoặc kép",
    ),
    (
        &["found character that cannot start any token"],
        "có ký tự không được đứng đầu giá trị (như Tab, @, `)",
        "đặt nội dung trong dấu ngoặc kép \"…\"",
    ),
    (
        &["did not find expected '-' indicator"],
        "thụt dòng của danh sách không khớp",
        "các mục «- » của một danh sách phải thẳng cột với nhau",
    ),
    (
        &["could not find expected ':'"],
        "thiếu dấu hai chấm sau tên khóa",
        "mỗi dòng dạng «khóa: giá trị»",
    ),
    (
        &["did not find expected node content"],
        "thiếu nội dung ở chỗ cần giá trị",
        "kiểm tra dấu «-», «:» hoặc «,» thừa",
    ),
    (
        &["did not find expected ',' or ']'"],
        "danh sách mở bằng «[» chưa đóng bằng «]», hoặc thiếu dấu phẩy giữa các mục",
        "viết danh sách như [a, b, c] trên một dòng; mục có dấu phẩy hay dấu hai chấm thì đặt trong dấu ngoặc kép",
    ),
    (
        &["did not find expected ',' or '}'"],
        "nhóm mở bằng «{» chưa đóng bằng «}», hoặc thiếu dấu phẩy giữa các khóa",
        "viết nhóm như { khoa: a, khoa_khac: b } trên một dòng; giá trị có dấu phẩy thì đặt trong dấu ngoặc kép",
    ),
    (
        &["did not find expected comment or line break"],
        "có nội dung thừa sau giá trị trên cùng dòng",
        "xóa phần thừa, hoặc đặt cả nội dung trong dấu ngoặc kép \"…\"",
    ),
    (
        &["found undefined alias", "unknown anchor"],
        "bí danh (*) chưa được định nghĩa",
        "định nghĩa bằng &tên trước khi dùng *tên, hoặc viết thẳng nội dung (nội dung bắt đầu bằng * thì đặt trong dấu ngoặc kép)",
    ),
    (
        &["found duplicate anchor", "second occurrence"],
        "bí danh (&) được định nghĩa hai lần",
        "đổi tên một trong hai, hoặc viết thẳng nội dung",
    ),
    (
        &[
            "did not find expected alphabetic or numeric character",
            "found unexpected non-alphabetical character",
            "while scanning an anchor",
            "while scanning an alias",
        ],
        "tên bí danh sau «&» hoặc «*» không hợp lệ",
        "nội dung bắt đầu bằng & hoặc * thì đặt trong dấu ngoặc kép \"…\"",
    ),
    (
        &[
            "did not find URI escaped octet",
            "did not find expected tag URI",
            "did not find expected '!'",
            "did not find the expected '>'",
            "found undefined tag handle",
            "while parsing a tag",
            "while scanning a tag",
            "empty YAML tag",
        ],
        "thẻ YAML (bắt đầu bằng «!») không hợp lệ",
        "hồ sơ không dùng thẻ «!»; xóa nó, hoặc đặt nội dung bắt đầu bằng ! trong dấu ngoặc kép",
    ),
    (
        &[
            "while scanning a block scalar",
            "found an indentation indicator equal to 0",
        ],
        "sau dấu «|» hoặc «>» của đoạn văn nhiều dòng chỉ được xuống dòng",
        "viết «khóa: >» rồi xuống dòng, các dòng nội dung thụt vào thêm 2 dấu cách",
    ),
    (
        &[
            "directive",
            "did not find expected whitespace",
            "did not find expected version number",
            "did not find expected digit or '.' character",
            "found extremely long version number",
            "found incompatible YAML document",
            "did not find expected <document start>",
        ],
        "chỉ thị YAML (dòng bắt đầu bằng «%») không hợp lệ hoặc đứng sai chỗ",
        "hồ sơ không cần chỉ thị «%»; xóa dòng đó, hoặc đặt nội dung bắt đầu bằng % trong dấu ngoặc kép",
    ),
    (
        &[
            "did not find expected hexadecimal number",
            "found invalid Unicode character escape code",
            "found unknown escape character",
            "surrogate",
        ],
        "chuỗi trong ngoặc kép có dấu «\\» không hợp lệ",
        "viết «\\\\» cho một dấu gạch chéo ngược, hoặc dùng ngoặc đơn '…' (trong đó «\\» giữ nguyên)",
    ),
    (
        &["tab character"],
        "dòng thụt vào bằng phím Tab",
        "YAML chỉ cho thụt dòng bằng dấu cách; thay Tab bằng 2 dấu cách",
    ),
    (
        &["found unexpected document indicator"],
        "dòng «---» hoặc «...» nằm giữa một chuỗi trong ngoặc kép",
        "đóng dấu ngoặc kép trước dòng đó, hoặc đặt nội dung vào đoạn «>» nhiều dòng",
    ),
    (
        &["control characters", "invalid Unicode character"],
        "có ký tự điều khiển không in được",
        "xóa ký tự đó (thường lẫn vào khi sao chép từ Word hay PDF)",
    ),
    (
        &["UTF-8", "UTF-16", "invalid length of a UTF-8 sequence"],
        "tệp không phải văn bản UTF-8",
        "lưu lại tệp với bảng mã UTF-8 (trong Notepad++: Encoding → UTF-8)",
    ),
    (
        &["input is too long", "input error"],
        "không đọc được hết tệp hồ sơ",
        "hồ sơ cuộc họp chỉ vài KB; kiểm tra lại tệp",
    ),
    (
        &["EOF while parsing"],
        "hồ sơ kết thúc giữa chừng",
        "tệp có thể bị cắt cụt; kiểm tra phần cuối tệp",
    ),
    (
        &["merging", "in merge"],
        "khóa gộp «<<» phải chỉ tới một nhóm «khóa: giá trị» (&tên)",
        "viết thẳng nội dung thay cho «<<»",
    ),
    (
        &["failed to parse YAML number"],
        "số viết không đúng",
        "viết số bằng chữ số, như 12; nội dung không phải số thì đặt trong dấu ngoặc kép",
    ),
    (
        &["recursion limit exceeded"],
        "hồ sơ lồng nhau quá sâu",
        "hồ sơ cuộc họp không cần lồng quá vài cấp; kiểm tra lại thụt dòng",
    ),
    (
        &["repetition limit exceeded"],
        "hồ sơ dùng bí danh (&, *) lặp lại quá nhiều lần",
        "viết thẳng nội dung thay cho bí danh YAML",
    ),
    (
        &["bytes", "nested enum", "stream-start"],
        "hồ sơ có dạng dữ liệu không dùng được",
        "so với các mục trong docs/record.md",
    ),
];

/// serde's and libyaml's English messages, in Vietnamese with a hint. Nothing English is
/// passed through: a message not known here gets a general Vietnamese sentence.
fn explain(msg: &str) -> (String, Option<String>) {
    if msg.starts_with("missing field") {
        let f = quoted(msg);
        return (
            format!("thiếu trường bắt buộc «{f}»"),
            Some(format!(
                "thêm dòng «{f}: …» vào nhóm này (xem docs/record.md)"
            )),
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if got.contains(" as u128") || got.contains(" as i128") {
            return (
                format!("{} quá lớn", kind_vi(got)),
                Some("kiểm tra lại số đã ghi".into()),
            );
        }
        // Text with ": " inside reads as a key and its value: the commonest slip.
        let hint = if got == "map" && expected.contains("string") {
            "nội dung có «: » nên bị hiểu là «khóa: giá trị»; đặt cả nội dung trong dấu ngoặc kép \"…\"".to_string()
        } else {
            format!(
                "sửa thành {} (xem ví dụ trong docs/record.md)",
                kind_vi(expected)
            )
        };
        let hint = Some(hint);
        return (
            format!(
                "sai kiểu dữ liệu: gặp {}, cần {}",
                kind_vi(got),
                kind_vi(expected)
            ),
            hint,
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            format!(
                "giá trị không hợp lệ: gặp {}, cần {}",
                kind_vi(got),
                kind_vi(expected)
            ),
            Some("xem ví dụ trong docs/record.md".into()),
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        let (n, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            format!("số mục không đúng: có {n}, cần {}", kind_vi(expected)),
            Some("xem ví dụ trong docs/record.md".into()),
        );
    }
    if msg.starts_with("unknown variant") || msg.starts_with("unknown field") {
        let word = if msg.starts_with("unknown variant") {
            "giá trị"
        } else {
            "khóa"
        };
        let got = quoted(msg);
        let valid = msg
            .split_once("expected ")
            .map(|(_, e)| ticked_list(e))
            .unwrap_or_default();
        return (
            format!("{word} «{got}» không hợp lệ"),
            (!valid.is_empty()).then(|| format!("các {word} hợp lệ: {valid}")),
        );
    }
    if msg.starts_with("data did not match any variant") {
        return (
            "nội dung không đúng dạng".into(),
            Some(
                "so với ví dụ trong docs/record.md: một mục, hoặc một danh sách các mục «- »"
                    .into(),
            ),
        );
    }
    // Already ours: custom deserialisers write Vietnamese (serde's own words are ASCII;
    // a non-ASCII serde message carries user text and is matched above).
    if !msg.is_ascii() {
        return (msg.to_string(), None);
    }
    for (needles, vi, hint) in SYNTAX {
        if needles.iter().any(|n| msg.contains(n)) {
            return ((*vi).to_string(), Some((*hint).to_string()));
        }
    }
    (
        "lỗi cú pháp YAML ở chỗ này".into(),
        Some(
            "so với hồ sơ mẫu (vanban init): thụt dòng bằng dấu cách, «khóa: giá trị», «- » trước mỗi mục; nội dung có ký tự đặc biệt thì đặt trong dấu ngoặc kép \"…\"".into(),
        ),
    )
}

/// serde's type words ("a string", "u32", "map", "integer `5`") in Vietnamese.
fn kind_vi(s: &str) -> String {
    let s = s.trim();
    // A value shown with backticks: `5`, or "text".
    let shown = |v: &str| -> String {
        let v = v
            .trim()
            .trim_end_matches(" as u128")
            .trim_end_matches(" as i128");
        let v = v.trim_matches('`').trim_matches('"');
        format!("«{v}»")
    };
    for (prefix, vi) in [
        ("string ", "chữ"),
        ("integer ", "số"),
        ("floating point ", "số thập phân"),
        ("boolean ", "giá trị đúng/sai"),
        ("character ", "ký tự"),
    ] {
        if let Some(v) = s.strip_prefix(prefix) {
            return format!("{vi} {}", shown(v));
        }
    }
    if let Some(n) = s
        .strip_prefix("tuple of ")
        .or_else(|| s.strip_prefix("an array of length "))
        .or_else(|| s.strip_prefix("a sequence of "))
    {
        let n = n.split_whitespace().next().unwrap_or(n);
        return format!("{n} mục");
    }
    match s {
        "a string" | "string" | "a borrowed string" | "a character" | "char" => {
            "một chuỗi chữ".into()
        }
        "u8" | "u16" | "u32" | "usize" | "u64" | "u128" => "một số nguyên không âm".into(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "an integer" => "một số nguyên".into(),
        "f32" | "f64" | "a float" => "một số".into(),
        "a boolean" | "bool" => "giá trị đúng/sai (true hoặc false)".into(),
        "a sequence" | "sequence" | "a YAML sequence" => {
            "một danh sách (các dòng bắt đầu bằng «- »)".into()
        }
        "map" | "a map" | "a YAML mapping" | "enum" => "một nhóm «khóa: giá trị»".into(),
        "unit value" | "null" | "unit" => "giá trị rỗng".into(),
        "Option value" => "một giá trị hoặc để trống".into(),
        "any YAML value" => "một giá trị".into(),
        s if s.starts_with("struct ") => "một nhóm «khóa: giá trị»".into(),
        s if s.starts_with("option") => "một giá trị hoặc để trống".into(),
        s if s.contains("date") || s.contains("YYYY") => "một ngày dạng YYYY-MM-DD".into(),
        // Anything else serde may name (a Rust type, a visitor's words): no English.
        _ => "giá trị khác (xem docs/record.md)".into(),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_use_brackets_for_indices() {
        assert_eq!(bracket_indices("thanh_vien.0.ten"), "thanh_vien[0].ten");
        assert_eq!(bracket_indices("a.b"), "a.b");
        assert_eq!(bracket_indices("x.12"), "x[12]");
        assert_eq!(bracket_indices("to_trinh.?.ngayy"), "to_trinh.ngayy");
        assert_eq!(bracket_indices("hoi_nghi[0].?"), "hoi_nghi[0]");
        assert_eq!(bracket_indices("."), "");
    }

    /// Every problem libyaml-rs 0.3 can report (its scanner, parser and reader, read from
    /// its source), and yaml_serde's own: each has its own Vietnamese sentence.
    #[test]
    fn every_parser_problem_has_a_vietnamese_sentence() {
        const LIBYAML: &[&str] = &[
            "block sequence entries are not allowed in this context",
            "control characters are not allowed",
            "could not find expected ':'",
            "could not find expected directive name",
            "did not find URI escaped octet",
            "did not find expected '!'",
            "did not find expected ',' or ']'",
            "did not find expected ',' or '}'",
            "did not find expected '-' indicator",
            "did not find expected <document start>",
            "did not find expected <stream-start>",
            "did not find expected alphabetic or numeric character",
            "did not find expected comment or line break",
            "did not find expected digit or '.' character",
            "did not find expected hexadecimal number",
            "did not find expected key",
            "did not find expected node content",
            "did not find expected tag URI",
            "did not find expected version number",
            "did not find expected whitespace or line break",
            "did not find expected whitespace",
            "did not find the expected '>'",
            "expected low surrogate area",
            "found a tab character that violates indentation",
            "found a tab character where an indentation space is expected",
            "found an incorrect leading UTF-8 octet",
            "found an incorrect trailing UTF-8 octet",
            "found an indentation indicator equal to 0",
            "found character that cannot start any token",
            "found duplicate %TAG directive",
            "found duplicate %YAML directive",
            "found duplicate anchor; first occurrence",
            "found extremely long version number",
            "found incompatible YAML document",
            "found invalid Unicode character escape code",
            "found undefined alias",
            "found undefined tag handle",
            "found unexpected ':'",
            "found unexpected document indicator",
            "found unexpected end of stream",
            "found unexpected non-alphabetical character",
            "found unknown directive name",
            "found unknown escape character",
            "incomplete UTF-16 character",
            "incomplete UTF-16 surrogate pair",
            "incomplete UTF-8 octet sequence",
            "input error",
            "input is too long",
            "invalid Unicode character",
            "invalid leading UTF-8 octet",
            "invalid length of a UTF-8 sequence",
            "invalid trailing UTF-8 octet",
            "mapping keys are not allowed in this context",
            "mapping values are not allowed in this context",
            "second occurrence",
            "unexpected low surrogate area",
            // yaml_serde's (error.rs)
            "EOF while parsing a value",
            "recursion limit exceeded",
            "repetition limit exceeded",
            "serialization and deserialization of bytes in YAML is not implemented",
            "unknown anchor",
            "serializing nested enums in YAML is not supported yet",
            "expected a mapping or list of mappings for merging, but found scalar",
            "unexpected tagged value in merge",
            "expected a mapping for merging, but found scalar",
            "expected a mapping for merging, but found sequence",
            "empty YAML tag is not allowed",
            "failed to parse YAML number",
        ];
        let (general, _) = explain("?");
        for m in LIBYAML {
            let (vi, hint) = explain(m);
            assert_ne!(vi, general, "«{m}» has no sentence of its own");
            assert!(!vi.is_ascii() && hint.is_some(), "«{m}» → «{vi}»");
        }
        // Words shared by several problems are told apart by libyaml's context.
        let (a, _) = explain(
            "did not find expected whitespace or line break, while scanning a block scalar",
        );
        let (b, _) =
            explain("did not find expected whitespace or line break, while scanning a tag");
        let (c, _) =
            explain("did not find expected whitespace or line break, while scanning a directive");
        assert!(
            a.contains('|') && b.contains('!') && c.contains('%'),
            "{a} / {b} / {c}"
        );
        // serde's: no Rust type names or English words left.
        for m in [
            "invalid type: integer `5` as u128, expected any YAML value",
            "invalid type: sequence, expected a string",
            "invalid value: string \"x\", expected a boolean",
            "invalid length 3, expected tuple of 2 elements",
            "unknown variant `dnag`, expected one of `dang`, `nha-nuoc`",
            "data did not match any variant of untagged enum OneOrMany",
            "invalid type: map, expected struct Foo",
            "invalid type: unit value, expected u32",
            "invalid type: floating point `1.5`, expected i32",
        ] {
            let (vi, hint) = explain(m);
            for w in [
                "u128", "u32", "i32", "any", "expected", "struct", "invalid", "tuple",
            ] {
                assert!(!vi.contains(w), "«{m}» → «{vi}»");
            }
            assert!(hint.is_some(), "«{m}»");
        }
    }

    #[test]
    fn schema_knows_nested_keys() {
        assert!(schema_keys("").contains(&"thanh_vien".to_string()));
        assert!(schema_keys("thanh_vien[3]").contains(&"ten".to_string()));
        assert!(schema_keys("thanh_vien[0].nguoi_ky").contains(&"ho_ten".to_string()));
        assert!(schema_keys("giao_uoc").contains(&"noi_dung".to_string()));
        assert!(schema_keys("khong_co").is_empty());
    }
}

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
    // Tabs cannot indent YAML; libyaml's own message for them is cryptic.
    for (i, line) in src.lines().enumerate() {
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        if let Some(col) = indent.find('\t') {
            problems.push(
                Problem::error(
                    file,
                    Some(Pos {
                        line: i + 1,
                        col: col + 1,
                    }),
                    "",
                    "dòng thụt vào bằng phím Tab",
                )
                .with_hint("YAML chỉ cho thụt dòng bằng dấu cách; thay Tab bằng 2 dấu cách"),
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
            let mut p = translate(file, &index, &e);
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

/// serde_ignored writes `thanh_vien.0.ten`; messages and the index use `thanh_vien[0].ten`.
fn bracket_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    for seg in path.split('.') {
        if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
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
fn translate(file: &str, index: &Index, e: &serde_yaml::Error) -> Problem {
    let raw = e.to_string();
    let pos = e.location().map(|l| Pos {
        line: l.line(),
        col: l.column(),
    });
    // serde_yaml prefixes the field path ("hoi_nghi.ngay: invalid type …") and appends
    // " at line L column C".
    let body = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw.as_str(),
    };
    let (path, msg) = match body.split_once(": ") {
        Some((p, m)) if !p.contains(' ') => (p, m),
        _ => ("", body),
    };
    // Our own messages (from the `so` deserialiser) are Vietnamese already; serde reports
    // them at the enclosing map, so point at the field itself.
    if msg.starts_with("số văn bản") {
        let field = format!("{path}.so");
        return Problem::error(file, index.find(&field).or(pos), &field, msg)
            .with_hint("viết số văn bản như 5 hoặc 05, hoặc để trống để ghi tay");
    }
    let (message, hint) = explain(msg);
    let pos = pos.or_else(|| index.find(path));
    let mut p = Problem::error(file, pos, path, message);
    if let Some(h) = hint {
        p = p.with_hint(h);
    }
    p
}

/// serde's and libyaml's English messages, in Vietnamese with a hint.
fn explain(msg: &str) -> (String, Option<String>) {
    let tick = |s: &str| -> String { s.split('`').nth(1).unwrap_or(s).to_string() };
    if msg.starts_with("missing field") {
        let f = tick(msg);
        return (
            format!("thiếu trường bắt buộc «{f}»"),
            Some(format!(
                "thêm dòng «{f}: …» vào nhóm này (xem docs/record.md)"
            )),
        );
    }
    if msg.starts_with("duplicate field") || msg.starts_with("duplicate entry") {
        let f = if msg.contains('`') {
            tick(msg)
        } else {
            msg.split('"').nth(1).unwrap_or("").to_string()
        };
        return (
            format!("khóa «{f}» được ghi hai lần"),
            Some("xóa một trong hai dòng, hoặc gộp nội dung lại".into()),
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        // Text with ": " inside reads as a key and its value: the commonest slip.
        let hint = (got == "map" && expected.contains("string")).then(|| {
            "nội dung có «: » nên bị hiểu là «khóa: giá trị»; đặt cả nội dung trong dấu ngoặc kép \"…\"".to_string()
        });
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
                "giá trị không hợp lệ: {}, cần {}",
                kind_vi(got),
                kind_vi(expected)
            ),
            None,
        );
    }
    if msg.contains("recursion limit exceeded") {
        return (
            "hồ sơ lồng nhau quá sâu".into(),
            Some("hồ sơ cuộc họp không cần lồng quá vài cấp; kiểm tra lại thụt dòng".into()),
        );
    }
    if msg.contains("repetition limit exceeded") {
        return (
            "hồ sơ dùng bí danh (&, *) lặp lại quá nhiều lần".into(),
            Some("viết thẳng nội dung thay cho bí danh YAML".into()),
        );
    }
    let syntax: &[(&str, &str, &str)] = &[
        (
            "found unexpected end of stream",
            "thiếu dấu ngoặc kép đóng",
            "mỗi chuỗi mở bằng \" hoặc ' phải đóng bằng dấu giống vậy trên cùng dòng",
        ),
        (
            "did not find expected key",
            "thụt dòng không khớp với các dòng cùng nhóm",
            "các khóa cùng một nhóm phải thẳng cột với nhau",
        ),
        (
            "mapping values are not allowed",
            "dấu hai chấm «:» ở chỗ không được phép (thường do thụt dòng sai)",
            "các khóa cùng một nhóm phải thẳng cột với nhau; nếu nội dung có «: », hãy đặt cả nội dung trong dấu ngoặc kép \"…\"",
        ),
        (
            "found character that cannot start any token",
            "có ký tự không được đứng đầu giá trị (như Tab, @, `)",
            "đặt nội dung trong dấu ngoặc kép \"…\"",
        ),
        (
            "did not find expected '-' indicator",
            "thụt dòng của danh sách không khớp",
            "các mục «- » của một danh sách phải thẳng cột với nhau",
        ),
        (
            "could not find expected ':'",
            "thiếu dấu hai chấm sau tên khóa",
            "mỗi dòng dạng «khóa: giá trị»",
        ),
        (
            "did not find expected node content",
            "thiếu nội dung ở chỗ cần giá trị",
            "kiểm tra dấu «-» hoặc «:» thừa",
        ),
        (
            "found undefined alias",
            "bí danh (*) chưa được định nghĩa",
            "định nghĩa bằng &tên trước khi dùng *tên, hoặc viết thẳng nội dung",
        ),
    ];
    for (needle, vi, hint) in syntax {
        if msg.contains(needle) {
            return ((*vi).to_string(), Some((*hint).to_string()));
        }
    }
    (format!("lỗi cú pháp YAML ({msg})"), None)
}

/// serde's type words ("a string", "u32", "map") in Vietnamese.
fn kind_vi(s: &str) -> String {
    let s = s.trim();
    if let Some(v) = s.strip_prefix("string ") {
        return format!("chữ {v}");
    }
    if let Some(v) = s.strip_prefix("integer ") {
        return format!("số {v}");
    }
    if let Some(v) = s.strip_prefix("floating point ") {
        return format!("số thập phân {v}");
    }
    if let Some(v) = s.strip_prefix("boolean ") {
        return format!("giá trị đúng/sai {v}");
    }
    match s {
        "a string" | "string" => "một chuỗi chữ".into(),
        "u32" | "usize" | "u64" => "một số nguyên không âm".into(),
        "i32" | "i64" => "một số nguyên".into(),
        "a sequence" | "sequence" => "một danh sách (các dòng bắt đầu bằng «- »)".into(),
        "map" | "a map" => "một nhóm «khóa: giá trị»".into(),
        "unit value" | "null" => "giá trị rỗng".into(),
        s if s.starts_with("struct ") => "một nhóm «khóa: giá trị»".into(),
        s if s.starts_with("option") => "một giá trị hoặc để trống".into(),
        s => s.to_string(),
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

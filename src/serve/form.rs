//! The form of `vanban serve`, generated from the record's JSON Schema: one control per
//! field, labelled from the Vietnamese label table (assets/web/nhan.yaml). The browser
//! draws the controls from [`spec`]; the tests here walk the schema on their own and fail
//! when a field has no control or no label, so the form cannot fall behind the record.
//!
//! Also here: the form's value (the record as JSON) written back as clean YAML, and the
//! problem paths of `check` mapped to the form's paths.

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value as Json;

use crate::record::load::schema;
use crate::record::types::Record;

/// The label table, embedded.
pub const LABELS_YAML: &str = include_str!("../../assets/web/nhan.yaml");

/// One entry of the label table.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    nhan: String,
    #[serde(default)]
    goi_y: String,
    #[serde(default)]
    muc: String,
    #[serde(default)]
    kieu: String,
    #[serde(default)]
    lua_chon: Vec<(serde_yaml::Value, String)>,
}

/// The label table in file order (the order of the form).
fn labels() -> &'static Vec<(String, Label)> {
    static L: OnceLock<Vec<(String, Label)>> = OnceLock::new();
    L.get_or_init(|| {
        let map: serde_yaml::Mapping =
            serde_yaml::from_str(LABELS_YAML).expect("assets/web/nhan.yaml parses");
        map.into_iter()
            .map(|(k, v)| {
                let k = k.as_str().expect("string keys").to_string();
                let l: Label = serde_yaml::from_value(v)
                    .unwrap_or_else(|e| panic!("assets/web/nhan.yaml, «{k}»: {e}"));
                (k, l)
            })
            .collect()
    })
}

fn label(path: &str) -> Option<&'static Label> {
    labels().iter().find(|(k, _)| k == path).map(|(_, l)| l)
}

/// A control of the form.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The key in its parent object (empty for a list's item).
    pub key: String,
    /// The schema path, `[]` for a list's items: `hoi_nghi[].ngay`.
    pub path: String,
    /// text, textarea, number, bool, date, time, choice, docnum, member, members,
    /// meeting, award, authority, photo, object, list.
    pub kind: String,
    pub label: String,
    pub help: String,
    pub required: bool,
    /// An object that may be absent (a document section, a signer): added on demand.
    pub optional: bool,
    /// The name of one item of a list ("Thành viên").
    pub item_label: String,
    /// For `choice`: the values and their labels.
    pub options: Vec<(Json, String)>,
    pub children: Vec<Field>,
    pub item: Option<Box<Field>>,
}

/// The form, generated once from the schema and the label table.
pub fn spec() -> &'static Field {
    static S: OnceLock<Field> = OnceLock::new();
    S.get_or_init(|| {
        let root = schema();
        let mut f = object_field(root, root, "", "");
        f.label = "Hồ sơ".into();
        f
    })
}

/// What a schema node is, once `$ref`, `Option` and one-or-many are seen through.
enum Shape<'a> {
    Object(&'a Json),
    List(&'a Json),
    Scalar(&'static str),
    DocNumber,
}

fn deref<'a>(root: &'a Json, node: &'a Json) -> &'a Json {
    match node.get("$ref").and_then(Json::as_str) {
        Some(r) => root
            .get("$defs")
            .and_then(|d| d.get(r.trim_start_matches("#/$defs/")))
            .unwrap_or(node),
        None => node,
    }
}

/// The shape of `node` and whether it may be null.
fn shape<'a>(root: &'a Json, node: &'a Json) -> (Shape<'a>, bool) {
    let node = deref(root, node);
    if let Some(variants) = node.get("anyOf").and_then(Json::as_array) {
        let non_null: Vec<&Json> = variants
            .iter()
            .map(|v| deref(root, v))
            .filter(|v| v.get("type") != Some(&Json::from("null")))
            .collect();
        let nullable = non_null.len() < variants.len();
        if let Some(list) = non_null
            .iter()
            .find(|v| v.get("type") == Some(&Json::from("array")))
        {
            // One value or a list: the form always edits a list.
            return (
                Shape::List(list.get("items").unwrap_or(&Json::Null)),
                nullable,
            );
        }
        if non_null.len() == 1 {
            let (s, n) = shape(root, non_null[0]);
            return (s, n || nullable);
        }
        return (Shape::DocNumber, nullable);
    }
    let (ty, nullable) = match node.get("type") {
        Some(Json::String(t)) => (t.as_str(), false),
        Some(Json::Array(ts)) => (
            ts.iter()
                .filter_map(Json::as_str)
                .find(|t| *t != "null")
                .unwrap_or("string"),
            ts.iter().any(|t| t == "null"),
        ),
        _ => ("string", false),
    };
    let s = match ty {
        "object" => Shape::Object(node),
        "array" => Shape::List(node.get("items").unwrap_or(&Json::Null)),
        "integer" | "number" => Shape::Scalar("number"),
        "boolean" => Shape::Scalar("bool"),
        _ => Shape::Scalar("text"),
    };
    (s, nullable)
}

fn base_field(key: &str, path: &str, kind: &str, required: bool) -> Field {
    let l = label(path).cloned().unwrap_or_else(|| Label {
        nhan: key.to_string(),
        ..Label::default()
    });
    let options = l
        .lua_chon
        .iter()
        .map(|(v, t)| (serde_json::to_value(v).unwrap_or(Json::Null), t.to_string()))
        .collect();
    let kind = match (kind, l.kieu.as_str()) {
        // The table refines scalars; it cannot turn a list or object into a scalar.
        ("text" | "number" | "docnum", k) if !k.is_empty() => kind_name(k),
        ("list", "thanh-vien-nhieu") => "members".into(),
        (k, _) => k.to_string(),
    };
    Field {
        key: key.to_string(),
        path: path.to_string(),
        kind,
        label: l.nhan,
        help: l.goi_y,
        required,
        optional: false,
        item_label: l.muc,
        options,
        children: Vec::new(),
        item: None,
    }
}

/// The table's Vietnamese kind names as the browser's.
fn kind_name(k: &str) -> String {
    match k {
        "ngay" => "date",
        "gio" => "time",
        "chon" => "choice",
        "van-ban-dai" => "textarea",
        "thanh-vien" => "member",
        "thanh-vien-nhieu" => "members",
        "hoi-nghi" => "meeting",
        "khen-thuong" => "award",
        "co-quan" => "authority",
        "anh" => "photo",
        "so-van-ban" => "docnum",
        other => other,
    }
    .to_string()
}

fn object_field(root: &Json, node: &Json, key: &str, path: &str) -> Field {
    let mut f = base_field(key, path, "object", false);
    let required: Vec<&str> = node
        .get("required")
        .and_then(Json::as_array)
        .map(|a| a.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default();
    let props = node
        .get("properties")
        .and_then(Json::as_object)
        .cloned()
        .unwrap_or_default();
    let mut children: Vec<Field> = props
        .iter()
        .map(|(k, v)| {
            let p = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            field(root, v, k, &p, required.contains(&k.as_str()))
        })
        .collect();
    // The label table's order; fields it lacks go last (and fail the tests).
    let order = |p: &str| {
        labels()
            .iter()
            .position(|(k, _)| k == p)
            .unwrap_or(usize::MAX)
    };
    children.sort_by_key(|c| order(&c.path));
    f.children = children;
    f
}

fn field(root: &Json, node: &Json, key: &str, path: &str, required: bool) -> Field {
    let (s, nullable) = shape(root, node);
    match s {
        Shape::Object(o) => {
            let mut f = object_field(root, o, key, path);
            f.required = required;
            f.optional = nullable;
            f
        }
        Shape::List(items) => {
            let mut f = base_field(key, path, "list", required);
            f.item = Some(Box::new(field(
                root,
                items,
                "",
                &format!("{path}[]"),
                false,
            )));
            f
        }
        Shape::Scalar(k) => base_field(key, path, k, required),
        Shape::DocNumber => base_field(key, path, "docnum", required),
    }
}

/// Every control path of the form (`hoi_nghi[].ngay`), depth first.
pub fn paths(f: &Field, out: &mut Vec<String>) {
    if !f.path.is_empty() {
        out.push(f.path.clone());
    }
    for c in &f.children {
        paths(c, out);
    }
    if let Some(i) = &f.item {
        paths(i, out);
    }
}

/// The one-or-many fields (`hoi_nghi`, `thanh_vien[].cap_tren` …) by schema path: the
/// form edits them as lists; the YAML writes a single value when there is one.
fn one_or_many() -> &'static Vec<String> {
    static O: OnceLock<Vec<String>> = OnceLock::new();
    O.get_or_init(|| {
        let root = schema();
        let mut out = Vec::new();
        fn walk(root: &Json, node: &Json, path: &str, out: &mut Vec<String>) {
            let node = deref(root, node);
            if let Some(vs) = node.get("anyOf").and_then(Json::as_array) {
                let vs: Vec<&Json> = vs.iter().map(|v| deref(root, v)).collect();
                let list = vs
                    .iter()
                    .find(|v| v.get("type") == Some(&Json::from("array")));
                let single = vs.iter().any(|v| {
                    v.get("type") != Some(&Json::from("array"))
                        && v.get("type") != Some(&Json::from("null"))
                });
                if let Some(l) = list {
                    if single {
                        out.push(path.to_string());
                    }
                    if let Some(items) = l.get("items") {
                        walk(root, items, &format!("{path}[]"), out);
                    }
                    return;
                }
                for v in vs {
                    walk(root, v, path, out);
                }
                return;
            }
            if let Some(props) = node.get("properties").and_then(Json::as_object) {
                for (k, v) in props {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(root, v, &p, out);
                }
            }
            if let Some(items) = node.get("items") {
                walk(root, items, &format!("{path}[]"), out);
            }
        }
        walk(root, root, "", &mut out);
        out
    })
}

/// A problem's path as the form names it: `hoi_nghi.ngay` (a single meeting written as a
/// map) is the form's `hoi_nghi[0].ngay`.
pub fn form_path(path: &str) -> String {
    let oom = one_or_many();
    let mut out = String::new();
    let mut schema_path = String::new();
    let mut rest = path;
    while !rest.is_empty() {
        let cut = rest[1..].find(['.', '[']).map_or(rest.len(), |i| i + 1);
        let seg = &rest[..cut];
        rest = &rest[cut..];
        if seg.starts_with('[') {
            schema_path.push_str("[]");
        } else {
            schema_path.push_str(seg);
        }
        out.push_str(seg);
        if oom.contains(&schema_path) && rest.starts_with('.') {
            out.push_str("[0]");
            schema_path.push_str("[]");
        }
    }
    out
}

/// Why the form's value is not a record, in Vietnamese.
pub fn parse_value(value: &Json) -> Result<Record, String> {
    // serde's own words are English: say what it means instead.
    serde_json::from_value::<Record>(value.clone()).map_err(|_| {
        "dữ liệu biểu mẫu không đúng dạng hồ sơ (có ô mang giá trị sai kiểu); hãy tải lại trang"
            .to_string()
    })
}

/// The first line of a record the form writes; not a user's comment (see
/// `folder::has_comments`).
pub const HEADER: &str = "# Hồ sơ cuộc họp, ghi bằng «vanban serve».";

/// The record as clean YAML: keys in the record's order, empty values left out, a list of
/// one written as the single value where the record allows either (as people write it).
pub fn to_yaml(r: &Record) -> String {
    let v = serde_yaml::to_value(r).expect("a record serialises");
    let v = clean(v, "").unwrap_or(serde_yaml::Value::Mapping(Default::default()));
    let text = serde_yaml::to_string(&v).expect("a value serialises");
    format!("{HEADER}\n{text}")
}

fn clean(v: serde_yaml::Value, path: &str) -> Option<serde_yaml::Value> {
    use serde_yaml::Value as Y;
    match v {
        Y::Null => None,
        Y::String(s) if s.is_empty() => None,
        Y::Bool(false) => None,
        Y::Sequence(items) => {
            let item_path = format!("{path}[]");
            let items: Vec<Y> = items
                .into_iter()
                .filter_map(|i| clean(i, &item_path))
                .collect();
            // `co_mat: []` says every member attended; left out, attendance is unknown.
            if items.is_empty() && path.ends_with(".co_mat") {
                Some(Y::Sequence(items))
            } else if items.is_empty() {
                None
            } else if items.len() == 1 && one_or_many().iter().any(|p| p == path) {
                items.into_iter().next()
            } else {
                Some(Y::Sequence(items))
            }
        }
        Y::Mapping(m) => {
            let mut out = serde_yaml::Mapping::new();
            for (k, v) in m {
                let key = k.as_str().unwrap_or_default().to_string();
                let p = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if let Some(v) = clean(v, &p) {
                    out.insert(k, v);
                }
            }
            // A section or signer the user added but has not filled stays as `{}`: its
            // presence means something (the document is wanted).
            Some(Y::Mapping(out))
        }
        other => Some(other),
    }
}

/// The form's value of a record: the record as JSON, every one-or-many field a list.
pub fn to_value(r: &Record) -> Json {
    serde_json::to_value(r).expect("a record serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of the schema, walked here independently of [`spec`].
    fn schema_fields() -> Vec<String> {
        fn walk(root: &Json, node: &Json, path: &str, out: &mut Vec<String>) {
            let node = deref(root, node);
            for key in ["anyOf", "oneOf"] {
                if let Some(vs) = node.get(key).and_then(Json::as_array) {
                    let vs: Vec<&Json> = vs.iter().map(|v| deref(root, v)).collect();
                    let list = vs
                        .iter()
                        .find(|v| v.get("type") == Some(&Json::from("array")));
                    for v in &vs {
                        match list {
                            // One value or a list: the single value must be the list's
                            // item, which the form edits as a list of one.
                            Some(l) if !std::ptr::eq(*v, *l) => {
                                if v.get("type") != Some(&Json::from("null")) {
                                    assert_eq!(
                                        Some(*v),
                                        l.get("items").map(|i| deref(root, i)),
                                        "{path}: one-or-many of different types"
                                    );
                                }
                            }
                            _ => walk(root, v, path, out),
                        }
                    }
                }
            }
            if let Some(props) = node.get("properties").and_then(Json::as_object) {
                for (k, v) in props {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    out.push(p.clone());
                    walk(root, v, &p, out);
                }
            }
            if let Some(items) = node.get("items") {
                let p = format!("{path}[]");
                let item = deref(root, items);
                // A list of scalars has one control per item; a list of objects has its
                // fields' controls.
                if item.get("properties").is_none() {
                    out.push(p.clone());
                }
                walk(root, items, &p, out);
            }
        }
        let root = schema();
        let mut out = Vec::new();
        walk(root, root, "", &mut out);
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn every_schema_field_has_a_labelled_control() {
        let mut controls = Vec::new();
        paths(spec(), &mut controls);
        let mut missing = Vec::new();
        for p in schema_fields() {
            if !controls.contains(&p) {
                missing.push(format!("{p}: không có ô nhập"));
            } else if label(&p).is_none_or(|l| l.nhan.trim().is_empty()) {
                missing.push(format!("{p}: chưa có nhãn trong assets/web/nhan.yaml"));
            }
        }
        assert!(missing.is_empty(), "{}", missing.join("\n"));
        // And no stale entries in the table.
        let stale: Vec<&str> = labels()
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !controls.iter().any(|c| c == k))
            .collect();
        assert!(stale.is_empty(), "nhãn thừa: {stale:?}");
    }

    #[test]
    fn every_control_kind_is_one_the_browser_draws() {
        const KINDS: &[&str] = &[
            "text",
            "textarea",
            "number",
            "bool",
            "date",
            "time",
            "choice",
            "docnum",
            "member",
            "members",
            "meeting",
            "award",
            "authority",
            "photo",
            "object",
            "list",
        ];
        fn walk(f: &Field, bad: &mut Vec<String>) {
            if !KINDS.contains(&f.kind.as_str()) {
                bad.push(format!("{} ({})", f.path, f.kind));
            }
            if f.kind == "choice" && f.options.is_empty() {
                bad.push(format!("{}: ô chọn không có lựa chọn", f.path));
            }
            if f.kind == "list" && f.item.is_none() {
                bad.push(format!("{}: danh sách không có phần tử", f.path));
            }
            f.children.iter().for_each(|c| walk(c, bad));
            if let Some(i) = &f.item {
                walk(i, bad);
            }
        }
        let mut bad = Vec::new();
        walk(spec(), &mut bad);
        assert!(bad.is_empty(), "{bad:?}");
        // A few the form depends on.
        let find = |p: &str| {
            let mut all = Vec::new();
            fn collect<'a>(f: &'a Field, out: &mut Vec<&'a Field>) {
                out.push(f);
                f.children.iter().for_each(|c| collect(c, out));
                if let Some(i) = &f.item {
                    collect(i, out);
                }
            }
            collect(spec(), &mut all);
            all.into_iter().find(|f| f.path == p).cloned().unwrap()
        };
        assert_eq!(find("hoi_nghi").kind, "list");
        assert_eq!(find("hoi_nghi[].ngay").kind, "date");
        assert_eq!(find("hoi_nghi[].co_mat").kind, "members");
        assert_eq!(find("binh_xet[].hinh_thuc").kind, "award");
        assert!(find("giao_uoc").optional);
        assert!(find("thanh_vien[].ten").required);
    }

    #[test]
    fn problem_paths_map_to_form_paths() {
        assert_eq!(form_path("hoi_nghi.ngay"), "hoi_nghi[0].ngay");
        assert_eq!(form_path("hoi_nghi[1].ngay"), "hoi_nghi[1].ngay");
        assert_eq!(
            form_path("hoi_nghi.chu_toa.ho_ten"),
            "hoi_nghi[0].chu_toa[0].ho_ten"
        );
        assert_eq!(form_path("tin_bai.anh[0].tep"), "tin_bai[0].anh[0].tep");
        assert_eq!(form_path("thanh_vien[2].ten"), "thanh_vien[2].ten");
        assert_eq!(form_path("hoi_nghi"), "hoi_nghi");
        assert_eq!(form_path(""), "");
    }

    #[test]
    fn yaml_round_trips_the_starters_and_drops_empties() {
        for src in [
            include_str!("../../fixtures/mau-khoi-dau.yaml"),
            include_str!("../../fixtures/mau-hai-hoi-nghi.yaml"),
            include_str!("../../fixtures/kontum-2024.yaml"),
        ] {
            let (l, _) = crate::record::load::load_str("a.yaml", src.to_string()).unwrap();
            let value = to_value(&l.record);
            let r = parse_value(&value).unwrap();
            let yaml = to_yaml(&r);
            let (l2, ps) =
                crate::record::load::load_str("b.yaml", yaml.clone()).unwrap_or_else(|e| {
                    panic!("{yaml}\n{e:?}");
                });
            assert!(ps.is_empty(), "{ps:?}");
            assert_eq!(to_value(&l2.record), value, "{yaml}");
            assert!(!yaml.contains("''") && !yaml.contains("null"), "{yaml}");
        }
    }
}

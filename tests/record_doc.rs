//! docs/record.md stays true to the code: every field of the record's JSON Schema has a row
//! in the table of its section and every row names a field; the "Bắt buộc" column says
//! "có" exactly for the required fields (`REQUIRED`); the examples marked `# kiểm tra`
//! pass `vanban check` and every other YAML block parses; the tables of authorities and
//! award forms list exactly the ids of data/awards.yaml.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value as Json;
use vanban::awards::Awards;
use vanban::record::load::schema;
use vanban::record::types::REQUIRED;

/// The section of docs/record.md that documents the fields of each parent (a field path
/// in the schema, "" for the root): the start of its heading line.
const SECTIONS: &[(&str, &str)] = &[
    ("", "## Gốc của hồ sơ"),
    ("dia_phuong", "## `dia_phuong`"),
    ("khoi", "## `khoi`"),
    ("thanh_vien", "## `thanh_vien[]`"),
    ("thanh_vien.nguoi_ky", "## `nguoi_ky`"),
    ("to_trinh.nguoi_ky", "## `nguoi_ky`"),
    ("hoi_nghi", "## `hoi_nghi`"),
    ("hoi_nghi.chu_toa", "### `nguoi`"),
    ("hoi_nghi.thu_ky", "### `nguoi`"),
    ("binh_xet", "## `binh_xet[]`"),
    ("lanh_dao", "## `lanh_dao`"),
    ("giao_uoc", "## `giao_uoc`"),
    ("tin_bai", "## `tin_bai`"),
    ("tin_bai.anh", "### `anh[]`"),
    ("to_trinh", "## `to_trinh`"),
    ("bien_ban", "## `bien_ban`"),
];

fn doc() -> String {
    std::fs::read_to_string(common::root().join("docs/record.md")).expect("docs/record.md")
}

/// A field of the schema: its parent's path, its name, and the type that holds it.
#[derive(Debug, Clone)]
struct Field {
    parent: String,
    name: String,
    owner: String,
}

/// The object types a schema node stands for, with their names: follows `$ref` into
/// `$defs`, every non-null branch of `anyOf` (options and one-or-many wrappers), and
/// `items` of arrays.
fn objects<'a>(root: &'a Json, node: &'a Json, name: &str, out: &mut Vec<(String, &'a Json)>) {
    if let Some(r) = node.get("$ref").and_then(Json::as_str) {
        let def = r.strip_prefix("#/$defs/").expect("local $ref");
        let target = &root["$defs"][def];
        assert!(!target.is_null(), "$ref to a missing definition {r}");
        objects(root, target, def, out);
        return;
    }
    if let Some(branches) = node.get("anyOf").and_then(Json::as_array) {
        for b in branches {
            objects(root, b, name, out);
        }
    }
    if let Some(items) = node.get("items") {
        objects(root, items, name, out);
    }
    if node.get("properties").is_some() {
        out.push((name.to_string(), node));
    }
}

/// Every field of the record, walking the schema from the root.
fn fields() -> Vec<Field> {
    fn walk(root: &Json, node: &Json, name: &str, path: &str, out: &mut Vec<Field>) {
        let mut objs = Vec::new();
        objects(root, node, name, &mut objs);
        let mut seen = BTreeSet::new();
        for (owner, obj) in objs {
            if !seen.insert(owner.clone()) {
                continue; // a one-or-many wrapper names the same type twice
            }
            let props = obj["properties"].as_object().expect("properties");
            for (key, prop) in props {
                out.push(Field {
                    parent: path.to_string(),
                    name: key.clone(),
                    owner: owner.clone(),
                });
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                assert!(child.matches('.').count() < 6, "schema too deep at {child}");
                walk(root, prop, "", &child, out);
            }
        }
    }
    let root = schema();
    let title = root["title"].as_str().unwrap_or("Record");
    let mut out = Vec::new();
    walk(root, root, title, "", &mut out);
    out
}

/// The lines of the document with code blocks blanked out, so that a `#` comment in a
/// YAML example is never read as a heading nor a `|` as a table.
fn prose(doc: &str) -> Vec<String> {
    let mut code = false;
    doc.lines()
        .map(|l| {
            if l.trim_start().starts_with("```") {
                code = !code;
                return String::new();
            }
            if code { String::new() } else { l.to_string() }
        })
        .collect()
}

/// The lines of the section whose heading starts with `heading`, up to the next heading of
/// any level.
fn section(lines: &[String], heading: &str) -> Vec<String> {
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with(heading))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        starts.len(),
        1,
        "docs/record.md needs exactly one heading starting with «{heading}»"
    );
    lines[starts[0] + 1..]
        .iter()
        .take_while(|l| !l.starts_with('#'))
        .cloned()
        .collect()
}

fn cells(row: &str) -> Vec<String> {
    let t = row.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim().to_string()).collect()
}

/// The tables of some lines: each as its header cells and its body rows' cells.
fn tables(lines: &[String]) -> Vec<(Vec<String>, Vec<Vec<String>>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let is_row = |l: &str| l.trim_start().starts_with('|');
        if is_row(&lines[i]) {
            let header = cells(&lines[i]);
            let mut rows = Vec::new();
            i += 1;
            // The |---|---| line.
            if i < lines.len() && lines[i].contains("---") {
                i += 1;
            }
            while i < lines.len() && is_row(&lines[i]) {
                rows.push(cells(&lines[i]));
                i += 1;
            }
            out.push((header, rows));
        } else {
            i += 1;
        }
    }
    out
}

/// "`name`" → "name".
fn code_name(cell: &str) -> Option<&str> {
    cell.strip_prefix('`')?.strip_suffix('`')
}

fn is_field_table(header: &[String]) -> bool {
    header.first().map(String::as_str) == Some("Trường")
}

#[test]
fn every_field_has_a_row_in_its_section_and_every_row_a_field() {
    let doc = doc();
    let lines = prose(&doc);
    let fields = fields();
    let required: BTreeMap<&str, &[&str]> = REQUIRED.iter().copied().collect();
    let headings: BTreeMap<&str, &str> = SECTIONS.iter().copied().collect();

    // Each parent of the schema has its section.
    let parents: BTreeSet<&str> = fields.iter().map(|f| f.parent.as_str()).collect();
    for p in &parents {
        assert!(
            headings.contains_key(p),
            "the schema has fields under «{p}»: add it to SECTIONS and document it in docs/record.md"
        );
    }
    for (p, _) in SECTIONS {
        assert!(
            parents.contains(p),
            "SECTIONS names «{p}», which has no fields in the schema"
        );
    }
    // REQUIRED names only types that hold record fields.
    let owners: BTreeSet<&str> = fields.iter().map(|f| f.owner.as_str()).collect();
    for (ty, names) in REQUIRED {
        assert!(
            owners.contains(ty),
            "REQUIRED names type {ty}, not in the schema"
        );
        for n in *names {
            assert!(
                fields.iter().any(|f| f.owner == *ty && f.name == *n),
                "REQUIRED names {ty}.{n}, not a field"
            );
        }
    }

    let mut problems = Vec::new();
    let mut headings_used: BTreeSet<&str> = BTreeSet::new();
    for (parent, heading) in SECTIONS {
        let here: Vec<&Field> = fields.iter().filter(|f| f.parent == *parent).collect();
        let owner = &here[0].owner;
        let lines = section(&lines, heading);
        let field_tables: Vec<_> = tables(&lines)
            .into_iter()
            .filter(|(h, _)| is_field_table(h))
            .collect();
        if field_tables.len() != 1 {
            problems.push(format!(
                "«{heading}»: needs exactly one table «| Trường | Bắt buộc | …», has {}",
                field_tables.len()
            ));
            continue;
        }
        headings_used.insert(heading);
        let (header, rows) = &field_tables[0];
        let req_col = header
            .iter()
            .position(|h| h == "Bắt buộc")
            .expect("a «Bắt buộc» column");
        let mut rows_by_name: BTreeMap<&str, &Vec<String>> = BTreeMap::new();
        for row in rows {
            match code_name(&row[0]) {
                Some(n) => {
                    if rows_by_name.insert(n, row).is_some() {
                        problems.push(format!("«{heading}»: two rows for `{n}`"));
                    }
                }
                None => problems.push(format!(
                    "«{heading}»: row «{}» does not name a field as `name`",
                    row[0]
                )),
            }
        }
        for f in &here {
            let Some(row) = rows_by_name.get(f.name.as_str()) else {
                let path = if f.parent.is_empty() {
                    f.name.clone()
                } else {
                    format!("{}.{}", f.parent, f.name)
                };
                problems.push(format!(
                    "«{heading}»: no row «| `{}` |» for the field {path}",
                    f.name
                ));
                continue;
            };
            let is_required = required
                .get(f.owner.as_str())
                .is_some_and(|r| r.contains(&f.name.as_str()));
            let cell = row.get(req_col).map(String::as_str).unwrap_or("");
            if is_required && cell != "có" {
                problems.push(format!(
                    "«{heading}»: `{}` is required ({}), its «Bắt buộc» cell must be «có», is «{cell}»",
                    f.name, f.owner
                ));
            }
            if !is_required && !cell.starts_with('—') {
                problems.push(format!(
                    "«{heading}»: `{}` is not required ({}), its «Bắt buộc» cell must start with «—», is «{cell}»",
                    f.name, f.owner
                ));
            }
        }
        for name in rows_by_name.keys() {
            if !here.iter().any(|f| f.name == *name) {
                problems.push(format!(
                    "«{heading}»: row `{name}` is not a field of {owner} (under «{parent}»)"
                ));
            }
        }
    }
    // No field table outside the sections above.
    let all_field_tables = tables(&lines)
        .into_iter()
        .filter(|(h, _)| is_field_table(h))
        .count();
    if all_field_tables != headings_used.len() {
        problems.push(format!(
            "docs/record.md has {all_field_tables} field tables but only {} sections in SECTIONS",
            headings_used.len()
        ));
    }
    assert!(
        problems.is_empty(),
        "docs/record.md:\n{}",
        problems.join("\n")
    );
}

/// The ```yaml blocks of the document, each with the line it starts on.
fn yaml_blocks(doc: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, l) in doc.lines().enumerate() {
        let t = l.trim_start();
        match &mut cur {
            None if t.starts_with("```yaml") => cur = Some((i + 1, String::new())),
            None => {}
            Some(_) if t.starts_with("```") => out.push(cur.take().unwrap()),
            Some((_, text)) => {
                text.push_str(l);
                text.push('\n');
            }
        }
    }
    assert!(cur.is_none(), "an unclosed ```yaml block");
    out
}

#[test]
fn marked_examples_pass_check_and_the_others_parse() {
    let doc = doc();
    let blocks = yaml_blocks(&doc);
    let dir = common::temp_dir("record-doc");
    let mut checked = 0;
    let mut problems = Vec::new();
    for (line, text) in &blocks {
        if text.lines().next() == Some("# kiểm tra") {
            checked += 1;
            let file = dir.join(format!("vi-du-dong-{line}.yaml"));
            std::fs::write(&file, text).unwrap();
            let o = common::vanban(&["check", file.to_str().unwrap()]);
            if !o.status.success() {
                problems.push(format!(
                    "the example at docs/record.md:{line} fails `vanban check`:\n{}",
                    common::stderr(&o)
                ));
            }
        } else if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(text) {
            problems.push(format!(
                "the YAML block at docs/record.md:{line} does not parse: {e}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The minimal example, one meeting doing everything, two meetings, a head unit's tờ
    // trình.
    assert!(
        checked >= 4,
        "only {checked} examples marked «# kiểm tra» in docs/record.md"
    );
}

/// The first-column ids of the table whose first header cell is `first`.
fn table_ids(doc: &str, first: &str) -> BTreeSet<String> {
    let lines = prose(doc);
    let found: Vec<_> = tables(&lines)
        .into_iter()
        .filter(|(h, _)| h.first().map(String::as_str) == Some(first))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "docs/record.md needs exactly one table starting «| {first} |»"
    );
    found[0]
        .1
        .iter()
        .map(|row| {
            code_name(&row[0])
                .unwrap_or_else(|| panic!("«{}» in the «{first}» table is not `id`", row[0]))
                .to_string()
        })
        .collect()
}

#[test]
fn authority_and_award_tables_match_the_data() {
    let doc = doc();
    let awards = Awards::builtin();
    let authorities: BTreeSet<String> = awards.authority_ids().map(str::to_string).collect();
    let forms: BTreeSet<String> = awards.ids().map(str::to_string).collect();
    assert_eq!(
        table_ids(&doc, "Mã cơ quan"),
        authorities,
        "the authority table of docs/record.md vs data/awards.yaml"
    );
    assert_eq!(
        table_ids(&doc, "Mã hình thức"),
        forms,
        "the award-form table of docs/record.md vs data/awards.yaml"
    );
    // Each form's authority, as the table states it.
    let lines = prose(&doc);
    let (header, rows) = tables(&lines)
        .into_iter()
        .find(|(h, _)| h.first().map(String::as_str) == Some("Mã hình thức"))
        .unwrap();
    let col = header
        .iter()
        .position(|h| h == "Cơ quan tặng")
        .expect("a «Cơ quan tặng» column");
    for row in rows {
        let id = code_name(&row[0]).unwrap();
        let f = awards.form(id).unwrap();
        assert_eq!(
            code_name(&row[col]),
            Some(f.authority.as_str()),
            "the authority of `{id}` in docs/record.md"
        );
    }
}

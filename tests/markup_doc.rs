//! docs/markup.md lists every field templates can read in the derived views (`v`, `m`,
//! `d` …). This keeps the list true both ways: every field the code gives templates is in
//! the doc, and every field the doc lists exists.

mod common;

use std::collections::BTreeSet;

use common::*;
use vanban::render::load_checked;

/// Every object key in the derived views of a record, as templates see them.
fn keys_of(record: &str, out: &mut BTreeSet<String>) {
    let (l, _) = load_checked(&fixture(record), None).unwrap();
    let profile = vanban_model::Profile::builtin(&l.record.the_thuc).unwrap();
    let view = vanban::context::build(&l.record, profile);
    fn walk(v: &serde_json::Value, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    out.insert(k.clone());
                    walk(x, out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(&serde_json::to_value(&view).unwrap(), out);
}

/// The field names in the first column of the tables of the "Variables" section.
fn documented() -> BTreeSet<String> {
    let doc = std::fs::read_to_string(root().join("docs/markup.md")).unwrap();
    let start = doc.find("## Variables").expect("a Variables section");
    let end = doc[start..].find("\n## ").map_or(doc.len(), |i| start + i);
    let mut out = BTreeSet::new();
    for line in doc[start..end].lines() {
        let Some(first) = line.strip_prefix('|').and_then(|l| l.split('|').next()) else {
            continue;
        };
        for part in first.split('`').skip(1).step_by(2) {
            let name = part.strip_prefix("v.").unwrap_or(part);
            out.insert(name.to_string());
        }
    }
    out
}

#[test]
fn every_view_field_is_documented_and_every_documented_field_exists() {
    let mut keys = BTreeSet::new();
    for f in [
        "kontum-2024.yaml",
        "mau-hai-hoi-nghi.yaml",
        "nha-nuoc-mau.yaml",
    ] {
        keys_of(f, &mut keys);
    }
    let doc = documented();
    let missing: Vec<_> = keys.difference(&doc).collect();
    assert!(
        missing.is_empty(),
        "fields templates see but docs/markup.md does not list: {missing:?}"
    );
    // The template-level names (r, v, h, m, d, s) are variables, not fields.
    let extra: Vec<_> = doc
        .difference(&keys)
        .filter(|n| !["r", "v", "h", "m", "d", "s", "Name", "Field"].contains(&n.as_str()))
        .collect();
    assert!(
        extra.is_empty(),
        "docs/markup.md lists fields the code does not have: {extra:?}"
    );
}

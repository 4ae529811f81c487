//! docs/markup.md stays true to the code: its table of blocks is the markup parser's list,
//! and its table of filters and functions is what the templates register. docs/profiles.md
//! names every key the shipped profiles have.

mod common;

use common::root;

/// The first column's `code` of every row of the table under the `## heading`.
fn first_column(doc: &str, heading: &str) -> Vec<String> {
    let start = doc
        .find(heading)
        .unwrap_or_else(|| panic!("no «{heading}»"));
    let section = &doc[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // header and |---|
        .filter_map(|l| l.split('`').nth(1))
        .map(|c| {
            // `@title KIND` → title; `date_running(kieu=…)` → date_running.
            let c = c.trim_start_matches('@');
            c.split([' ', '(', '[']).next().unwrap_or(c).to_string()
        })
        .collect()
}

#[test]
fn markup_doc_lists_every_block_the_parser_knows() {
    let doc = std::fs::read_to_string(root().join("docs/markup.md")).unwrap();
    let documented = first_column(&doc, "## Blocks");
    let known: Vec<String> = vanban_model::markup::BLOCKS
        .iter()
        .map(|b| b.to_string())
        .collect();
    assert_eq!(
        documented, known,
        "docs/markup.md «Blocks» vs markup::BLOCKS"
    );
    // And each listed name really is a block: the parser does not call it unknown.
    for b in vanban_model::markup::BLOCKS {
        if let Err(e) = vanban_model::markup::parse(&format!("@{b}\n")) {
            assert!(!e.message.contains("không có"), "@{b}: {}", e.message);
        }
    }
}

#[test]
fn markup_doc_lists_every_registered_filter_and_function() {
    let doc = std::fs::read_to_string(root().join("docs/markup.md")).unwrap();
    let mut documented = first_column(&doc, "## Filters and functions");
    documented.sort();
    // What src/templates.rs registers with Tera, read from its source.
    let src = std::fs::read_to_string(root().join("src/templates.rs")).unwrap();
    let mut registered: Vec<String> = ["register_filter(\"", "register_function(\""]
        .iter()
        .flat_map(|call| {
            src.split(call)
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    registered.sort();
    assert!(!registered.is_empty());
    assert_eq!(
        documented, registered,
        "docs/markup.md «Filters and functions» vs register_filter/register_function"
    );
}

/// Every key of every shipped profile (profiles/*.yaml) is named, in backticks, in
/// docs/profiles.md: a field added to a profile is documented.
#[test]
fn profiles_doc_names_every_profile_key() {
    fn keys(v: &serde_yaml::Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_yaml::Value::Mapping(m) => {
                for (k, v) in m {
                    if let Some(k) = k.as_str() {
                        out.insert(k.to_string());
                    }
                    keys(v, out);
                }
            }
            serde_yaml::Value::Sequence(s) => s.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let doc = std::fs::read_to_string(root().join("docs/profiles.md")).unwrap();
    // The words inside backticks, split at what is not part of a key.
    let named: std::collections::BTreeSet<&str> = doc
        .split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|code| code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')))
        .collect();
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("profiles")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let value: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut all = std::collections::BTreeSet::new();
        keys(&value, &mut all);
        let missing: Vec<&String> = all.iter().filter(|k| !named.contains(k.as_str())).collect();
        assert!(missing.is_empty(), "{}: {missing:?}", path.display());
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} profiles");
}

//! Rewrites docx-rs's package into ours: every XML part normalised, our core properties,
//! pictures named for what they are, parts nothing relates to dropped, and a zip whose
//! bytes depend on the parts only (fixed timestamps and permissions, a fixed part order,
//! no directory entries).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::DocxError;
use crate::normalize::{self, Element, Fixes, Node};

const CONTENT_TYPES: &str = "[Content_Types].xml";

fn part_error(part: &str, message: impl ToString) -> DocxError {
    DocxError::Part {
        part: part.to_string(),
        message: message.to_string(),
    }
}

/// Parts below this size are stored, not deflated.
const SMALL_PART: usize = 1024;

pub(crate) fn rewrite(raw: &[u8], fixes: &Fixes, core: &[u8]) -> Result<Vec<u8>, DocxError> {
    let mut parts = read(raw)?;
    parts.insert("docProps/core.xml".into(), core.to_vec());
    name_jpegs(&mut parts);
    drop_unrelated(&mut parts)?;

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    let deflated = stored.compression_method(CompressionMethod::Deflated);
    // [Content_Types].xml first, as Word writes it; the rest by name.
    let mut names: Vec<&String> = parts.keys().collect();
    names.sort_by_key(|n| (n.as_str() != CONTENT_TYPES, n.as_str()));
    for name in names {
        let data = &parts[name];
        let data = if name.ends_with(".xml") || name.ends_with(".rels") {
            normalize::part(name, data, fixes).map_err(|e| part_error(name, e))?
        } else {
            data.clone()
        };
        // Setting up a deflater costs more than deflating a small part saves: the many
        // small parts (relationships, properties, headers) are stored.
        let options = if data.len() < SMALL_PART {
            stored
        } else {
            deflated
        };
        zip.start_file(name.as_str(), options)
            .and_then(|_| Ok(zip.write_all(&data)?))
            .map_err(|e| DocxError::Pack(e.to_string()))?;
    }
    let out = zip.finish().map_err(|e| DocxError::Pack(e.to_string()))?;
    Ok(out.into_inner())
}

/// The package's files by name, directories left out.
fn read(raw: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, DocxError> {
    let pack = |e: &dyn ToString| DocxError::Pack(e.to_string());
    let mut archive = ZipArchive::new(Cursor::new(raw)).map_err(|e| pack(&e))?;
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).map_err(|e| pack(&e))?;
        if f.is_dir() {
            continue;
        }
        let mut data = Vec::new();
        f.read_to_end(&mut data).map_err(|e| pack(&e))?;
        parts.insert(f.name().to_string(), data);
    }
    Ok(parts)
}

/// docx-rs names every picture `.png`; a JPEG gets `.jpeg`, which the content types
/// already map to image/jpeg, and the relationships follow.
fn name_jpegs(parts: &mut BTreeMap<String, Vec<u8>>) {
    let jpegs: Vec<String> = parts
        .iter()
        .filter(|(n, d)| {
            n.starts_with("word/media/") && n.ends_with(".png") && vanban_model::picture::is_jpeg(d)
        })
        .map(|(n, _)| n.clone())
        .collect();
    for old in jpegs {
        let new = format!("{}.jpeg", old.trim_end_matches(".png"));
        let data = parts.remove(&old).expect("listed above");
        parts.insert(new.clone(), data);
        let (old_target, new_target) = (&old["word/".len()..], &new["word/".len()..]);
        for (name, data) in parts.iter_mut() {
            if name.ends_with(".rels") {
                let text = String::from_utf8_lossy(data);
                let quoted = format!("\"{old_target}\"");
                if text.contains(&quoted) {
                    *data = text
                        .replace(&quoted, &format!("\"{new_target}\""))
                        .into_bytes();
                }
            }
        }
    }
}

/// The part a relationships part belongs to: `word/_rels/document.xml.rels` →
/// `word/document.xml`; the package's own `_rels/.rels` → "".
fn source_of(rels: &str) -> String {
    let (dir, file) = rels.rsplit_once("_rels/").unwrap_or(("", rels));
    format!("{dir}{}", file.trim_end_matches(".rels"))
}

/// A relationship's target as a part name, relative to its source part's folder.
fn resolve(source: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut path: Vec<&str> = source.split('/').collect();
    path.pop();
    for seg in target.split('/') {
        match seg {
            ".." => {
                path.pop();
            }
            "." | "" => {}
            s => path.push(s),
        }
    }
    path.join("/")
}

/// Drops the parts no relationship reaches (docx-rs writes comments, footnotes and
/// numbering parts it does not relate), their content-type overrides, and relationships
/// of parts that are gone.
fn drop_unrelated(parts: &mut BTreeMap<String, Vec<u8>>) -> Result<(), DocxError> {
    let mut reached: BTreeSet<String> = BTreeSet::new();
    for (name, data) in parts.iter().filter(|(n, _)| n.ends_with(".rels")) {
        let source = source_of(name);
        let rels = normalize::parse(data).map_err(|e| part_error(name, e))?;
        for rel in elements(&rels) {
            let attr = |k: &str| rel.attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v);
            if attr("TargetMode").is_some_and(|m| m == "External") {
                continue;
            }
            if let Some(target) = attr("Target") {
                reached.insert(resolve(&source, target));
            }
        }
    }
    parts.retain(|name, _| {
        name == CONTENT_TYPES
            || reached.contains(name)
            || (name.ends_with(".rels") && {
                let source = source_of(name);
                source.is_empty() || reached.contains(&source)
            })
    });

    let types = parts
        .get(CONTENT_TYPES)
        .ok_or_else(|| part_error(CONTENT_TYPES, "missing"))?;
    let mut types = normalize::parse(types).map_err(|e| part_error(CONTENT_TYPES, e))?;
    types.children.retain(|n| match n {
        Node::Element(e) if e.name == "Override" => e
            .attrs
            .iter()
            .find(|(k, _)| k == "PartName")
            .is_some_and(|(_, v)| parts.contains_key(v.trim_start_matches('/'))),
        _ => true,
    });
    parts.insert(CONTENT_TYPES.into(), normalize::to_xml(&types));
    Ok(())
}

fn elements(e: &Element) -> impl Iterator<Item = &Element> {
    e.children.iter().filter_map(|n| match n {
        Node::Element(e) => Some(e),
        Node::Text(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_paths() {
        assert_eq!(
            source_of("word/_rels/document.xml.rels"),
            "word/document.xml"
        );
        assert_eq!(source_of("_rels/.rels"), "");
        assert_eq!(
            resolve("word/document.xml", "styles.xml"),
            "word/styles.xml"
        );
        assert_eq!(resolve("", "docProps/core.xml"), "docProps/core.xml");
        assert_eq!(
            resolve("word/header1.xml", "../customXml/a.xml"),
            "customXml/a.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "/word/media/a.png"),
            "word/media/a.png"
        );
    }

    #[test]
    fn unrelated_parts_and_their_overrides_go() {
        let mut parts = BTreeMap::new();
        let rels = r#"<Relationships><Relationship Id="rId1" Target="word/document.xml"/></Relationships>"#;
        let doc_rels = r#"<Relationships><Relationship Id="rId1" Target="styles.xml"/><Relationship Id="rId2" TargetMode="External" Target="https://x"/></Relationships>"#;
        let types = r#"<Types><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="d"/><Override PartName="/word/comments.xml" ContentType="c"/></Types>"#;
        for (n, d) in [
            ("_rels/.rels", rels),
            ("word/_rels/document.xml.rels", doc_rels),
            (CONTENT_TYPES, types),
            ("word/document.xml", "<w:document/>"),
            ("word/styles.xml", "<w:styles/>"),
            ("word/comments.xml", "<w:comments/>"),
            ("word/_rels/comments.xml.rels", "<Relationships/>"),
        ] {
            parts.insert(n.to_string(), d.as_bytes().to_vec());
        }
        drop_unrelated(&mut parts).unwrap();
        let names: Vec<&str> = parts.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                CONTENT_TYPES,
                "_rels/.rels",
                "word/_rels/document.xml.rels",
                "word/document.xml",
                "word/styles.xml"
            ]
        );
        let types = String::from_utf8(parts[CONTENT_TYPES].clone()).unwrap();
        assert!(types.contains("/word/document.xml") && !types.contains("comments"));
    }
}

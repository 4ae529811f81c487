//! Helpers shared by the integration tests: run the binary, read DOCX parts back.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// A fresh, empty temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vanban-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs vanban")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Renders `record` into a new folder and returns it.
pub fn render(record: &Path, extra: &[&str], name: &str) -> PathBuf {
    let out = temp_dir(name);
    let mut args = vec![
        "render",
        record.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = vanban(&args);
    assert!(o.status.success(), "render failed: {}", stderr(&o));
    out
}

/// One part of a DOCX package as text.
pub fn docx_part(docx: &Path, part: &str) -> String {
    let f = std::fs::File::open(docx).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    z.by_name(part)
        .unwrap_or_else(|_| panic!("{part} in {}", docx.display()))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The text of every paragraph of document.xml, in order: runs joined, a line break
/// (`<w:br/>`) read as a space, tags dropped.
pub fn paragraphs(document_xml: &str) -> Vec<String> {
    document_xml
        .split("</w:p>")
        .map(|p| {
            let mut text = String::new();
            let mut rest = p;
            while let Some(i) = rest.find('<') {
                let tag_end = rest[i..].find('>').map(|e| i + e + 1).unwrap_or(rest.len());
                let tag = &rest[i..tag_end];
                rest = &rest[tag_end..];
                if tag.starts_with("<w:br") {
                    text.push(' ');
                } else if (tag == "<w:t>" || tag.starts_with("<w:t ")) && !tag.ends_with("/>") {
                    let end = rest.find("</w:t>").unwrap_or(rest.len());
                    text.push_str(&unescape(&rest[..end]));
                    rest = &rest[end..];
                }
            }
            text
        })
        .filter(|t| !t.is_empty())
        .collect()
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The XML of the paragraph whose text is `text`.
pub fn paragraph_xml<'a>(document_xml: &'a str, text: &str) -> &'a str {
    document_xml
        .split("</w:p>")
        .find(|p| {
            paragraphs(&format!("{p}</w:p>"))
                .first()
                .map(String::as_str)
                == Some(text)
        })
        .unwrap_or_else(|| panic!("no paragraph «{text}»"))
}

#[path = "external.rs"]
mod external;
#[allow(unused_imports)]
pub use external::{Tool, docx_validate, need, pyhanko};

/// Whether poppler's tools are here for `test` (see [`need`]).
pub fn have_poppler(test: &str) -> bool {
    need(Tool::Poppler, test)
}

/// The text of a PDF per page, white space collapsed, as pdftotext reads it.
pub fn pdf_pages(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(o.stdout)
        .unwrap()
        .split('\u{c}')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// English words found in a message meant for the user: what the YAML parser, serde, Tera
/// or clap say when their text leaks through. The source lines quoted under a message
/// (`  12 | …` and the caret line) are the user's own text and are skipped.
pub fn english_words(text: &str) -> Vec<String> {
    const ENGLISH: &[&str] = &[
        "expected",
        "found",
        "while",
        "not",
        "allowed",
        "invalid",
        "unknown",
        "error",
        "the",
        "and",
        "value",
        "type",
        "document",
        "template",
        "usage",
        "options",
        "any",
        "character",
        "line",
        "column",
        "position",
        "parsing",
        "scanning",
        "did",
        "find",
        "missing",
        "duplicate",
        "detected",
        "circular",
        "include",
        "argument",
        "arguments",
        "required",
        "provided",
        "print",
        "help",
        "version",
        "unexpected",
        "more",
        "than",
        "one",
        "supported",
        "for",
        "commands",
        "command",
        "subcommand",
        "tip",
        "see",
        "use",
        "was",
        "were",
        "but",
        "exists",
        "defined",
        "field",
    ];
    text.lines()
        .filter(|l| {
            let t = l.trim_start();
            !(t.starts_with('|')
                || t.split_once(" | ")
                    .is_some_and(|(n, _)| n.trim().parse::<usize>().is_ok()))
        })
        .flat_map(|l| {
            // Names in «…» are quoted: a field, a template, a Tera keyword.
            let l: String = l
                .split('«')
                .map(|part| part.split_once('»').map_or(part, |(_, rest)| rest))
                .collect::<Vec<_>>()
                .join(" ");
            l.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .filter(|w| ENGLISH.contains(&w.to_ascii_lowercase().as_str()))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

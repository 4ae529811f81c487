//! Text a clerk would not correct: a check over a rendered document for the slips that
//! templates make when an optional fact is missing — doubled or clashing punctuation,
//! empty brackets or quotes, a placeholder left behind, a caption between a colon and
//! what it introduces. Tests and CI run it over every fixture's documents.

use vanban_model::{Block, Document, model::plain_text};

/// One finding: where (a short description of the block) and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub block: usize,
    pub text: String,
    pub problem: String,
}

/// Punctuation sequences no document should contain, with what each means.
const BAD: &[(&str, &str)] = &[
    (".;", "dấu chấm liền dấu chấm phẩy"),
    (";.", "dấu chấm phẩy liền dấu chấm"),
    (",.", "dấu phẩy liền dấu chấm"),
    (".,", "dấu chấm liền dấu phẩy"),
    (",,", "hai dấu phẩy"),
    (";;", "hai dấu chấm phẩy"),
    (":.", "dấu hai chấm liền dấu chấm"),
    (" ,", "dấu cách trước dấu phẩy"),
    (" .", "dấu cách trước dấu chấm"),
    (" ;", "dấu cách trước dấu chấm phẩy"),
    (" :", "dấu cách trước dấu hai chấm"),
    ("()", "ngoặc rỗng"),
    ("( )", "ngoặc rỗng"),
    ("\"\"", "ngoặc kép rỗng"),
    ("“”", "ngoặc kép rỗng"),
    ("{{", "mẫu còn sót"),
    ("}}", "mẫu còn sót"),
    ("{%", "mẫu còn sót"),
    ("  ", "hai dấu cách liền nhau"),
];

/// The problems of one piece of text.
pub fn text_problems(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // ".." outside "…" and the end mark "./."; the blank left for a handwritten document
    // number is spaces on purpose.
    let cleaned = text
        .replace("./.", "§")
        .replace(vanban_viet::NUMBER_BLANK, "§");
    if cleaned.contains("..") {
        out.push("hai dấu chấm liền nhau".to_string());
    }
    for (pat, what) in BAD {
        // The end mark "./." legitimately follows a full stop; "(.)" style markers are
        // not used by our documents.
        if cleaned.contains(pat) {
            out.push(format!("{what} («{pat}»)"));
        }
    }
    if text.trim() != text {
        out.push("dấu cách ở đầu hoặc cuối".to_string());
    }
    for word in ["None", "null", "undefined", "NaN"] {
        if text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == word)
        {
            out.push(format!("chữ «{word}» do thiếu dữ liệu"));
        }
    }
    out
}

/// Every piece of running text of a document, with its block index.
pub fn texts(doc: &Document) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let mut push = |s: String| {
            if !s.is_empty() {
                out.push((i, s));
            }
        };
        match b {
            Block::Header(h) => {
                h.parents.iter().for_each(|p| push(p.clone()));
                push(h.issuer.clone());
                push(h.place_date.clone());
                if let Some(n) = &h.number {
                    push(n.clone());
                }
            }
            Block::Title(t) => {
                push(t.kind.clone());
                t.summary.iter().for_each(|r| push(plain_text(r)));
            }
            Block::Addressees(a) => a.lines.iter().for_each(|r| push(plain_text(r))),
            Block::Heading(h) => push(plain_text(&h.runs)),
            Block::Paragraph(p) => push(plain_text(&p.runs)),
            Block::List(l) => l.items.iter().for_each(|r| push(plain_text(r))),
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| r.iter())
                .for_each(|c| push(plain_text(c))),
            Block::Closing(c) => c
                .left
                .lines
                .iter()
                .chain(c.right.lines.iter())
                .for_each(|(_, t)| push(t.clone())),
            Block::Grid(g) => g
                .cells
                .iter()
                .flat_map(|c| c.lines.iter())
                .for_each(|(_, t)| push(t.clone())),
            Block::Image(img) => push(plain_text(&img.caption)),
            Block::PageBreak | Block::AnnexBreak => {}
        }
    }
    out
}

/// Every finding of a document: its texts, and its structure (a picture between a colon
/// and the list it introduces).
pub fn check(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    for (block, text) in texts(doc) {
        for problem in text_problems(&text) {
            out.push(Finding {
                block,
                text: text.clone(),
                problem,
            });
        }
    }
    let ends_with_colon = |b: &Block| match b {
        Block::Paragraph(p) => {
            let t = plain_text(&p.runs);
            t.trim_end().ends_with(':').then_some(t)
        }
        _ => None,
    };
    for (i, w) in doc.blocks.windows(2).enumerate() {
        if let (Some(t), Block::Image(_)) = (ends_with_colon(&w[0]), &w[1]) {
            out.push(Finding {
                block: i + 1,
                text: t,
                problem: "ảnh và chú thích chen giữa dấu hai chấm và phần nó dẫn".into(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_slips_of_issue_9() {
        assert!(!text_problems("… năm 2024”.. Hội nghị").is_empty());
        assert!(!text_problems("năm 2026.; đồng thời").is_empty());
        assert!(!text_problems("tỷ lệ ;").is_empty());
        assert!(!text_problems("tỷ lệ ()").is_empty());
        assert!(text_problems("xem xét, quyết định./.").is_empty());
        assert!(text_problems("Tin, ảnh: Ngô Đức Hải").is_empty());
        assert!(text_problems("đạt 7/9 phiếu đồng ý, tỷ lệ 77,8%;").is_empty());
    }

    #[test]
    fn a_picture_after_a_colon_is_found() {
        let doc = vanban_model::markup::parse(
            "@p\nvới các nội dung:\n@image path=\nQuang cảnh\n@list number\nmột\n",
        )
        .unwrap();
        let f = check(&doc);
        assert!(
            f.iter().any(|f| f.problem.contains("dấu hai chấm")),
            "{f:?}"
        );
    }
}

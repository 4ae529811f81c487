//! The normalising pass over each XML part docx-rs writes.
//!
//! docx-rs 0.4 writes parts Word has to "recover" (its issue #724): children out of the
//! schema's sequence order (`w:rPr` first in `w:pPr`, `w:jc` before `w:ind`,
//! `w:headerReference` after `w:pgSz`, `w:zoom` after `w:defaultTabStop`, `w:rPr` before
//! `w:pPr` in a style, paragraph borders left-right-top-bottom), and a `w:type` attribute
//! on `w:gridCol`. It also numbers paragraphs (`w14:paraId`) and pictures (`wp:docPr`)
//! from counters that outlive a document, and cannot express `w:tblHeader` or `w:lang`.
//!
//! So each part is parsed into a small tree (text and attribute values stay escaped as
//! read, so nothing else changes), the missing properties are injected ([`Fixes`]),
//! then every element whose children form a schema sequence has them stably sorted into
//! that sequence ([`ORDER`], from ECMA-376 wml.xsd); unknown children go last.

use quick_xml::Reader;
use quick_xml::events::Event;

/// What the document needs that docx-rs cannot write.
pub(crate) struct Fixes {
    /// Header rows of each body table, in document order: marked `w:tblHeader` so they
    /// repeat on every page.
    pub header_rows: Vec<usize>,
    /// The document language, set on the default run properties.
    pub lang: String,
    /// Body children that end a section (before an appendix); see [`split_sections`].
    pub section_ends: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Element(Element),
    /// Character data as it stood in the source, escapes included.
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Element {
    pub name: String,
    /// Names and escaped values.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    fn new(name: &str) -> Element {
        Element {
            name: name.to_string(),
            ..Element::default()
        }
    }

    fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn child_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// The child named `name`, created first in the element if missing.
    fn ensure_child(&mut self, name: &str) -> &mut Element {
        let i = match self
            .children
            .iter()
            .position(|n| matches!(n, Node::Element(e) if e.name == name))
        {
            Some(i) => i,
            None => {
                self.children.insert(0, Node::Element(Element::new(name)));
                0
            }
        };
        match &mut self.children[i] {
            Node::Element(e) => e,
            Node::Text(_) => unreachable!("position found an element"),
        }
    }
}

/// Escapes text for element content and attribute values (and drops the control
/// characters XML 1.0 forbids).
pub(crate) use vanban_model::xml::escape;

/// Parses a part into its root element. Declarations, comments and processing
/// instructions are dropped (the declaration is written anew).
pub(crate) fn parse(xml: &[u8]) -> Result<Element, String> {
    let text = std::str::from_utf8(xml).map_err(|e| e.to_string())?;
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = vec![Element::default()];
    let open = |e: &quick_xml::events::BytesStart| -> Result<Element, String> {
        let mut el = Element::new(&String::from_utf8_lossy(e.name().as_ref()));
        for a in e.attributes() {
            let a = a.map_err(|e| e.to_string())?;
            el.attrs.push((
                String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                String::from_utf8_lossy(&a.value).into_owned(),
            ));
        }
        Ok(el)
    };
    loop {
        let top = stack.last_mut().expect("the document node stays");
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => stack.push(open(&e)?),
            Event::Empty(e) => top.children.push(Node::Element(open(&e)?)),
            Event::End(_) => {
                let done = stack.pop().expect("balanced, or the reader fails");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => return Err("unbalanced end tag".into()),
                }
            }
            Event::Text(t) => top
                .children
                .push(Node::Text(String::from_utf8_lossy(&t).into_owned())),
            Event::GeneralRef(r) => top
                .children
                .push(Node::Text(format!("&{};", String::from_utf8_lossy(&r)))),
            Event::CData(c) => top
                .children
                .push(Node::Text(escape(&String::from_utf8_lossy(&c)))),
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    let mut doc = stack
        .pop()
        .filter(|_| stack.is_empty())
        .ok_or("unclosed element")?;
    doc.children.retain(|n| matches!(n, Node::Element(_)));
    match doc.children.pop() {
        Some(Node::Element(root)) if doc.children.is_empty() => Ok(root),
        _ => Err("a part needs exactly one root element".into()),
    }
}

/// Writes a tree back as a standalone XML part.
pub(crate) fn to_xml(root: &Element) -> Vec<u8> {
    fn write(e: &Element, out: &mut String) {
        out.push('<');
        out.push_str(&e.name);
        for (k, v) in &e.attrs {
            out.push_str(&format!(" {k}=\"{v}\""));
        }
        if e.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for c in &e.children {
            match c {
                Node::Element(c) => write(c, out),
                Node::Text(t) => out.push_str(t),
            }
        }
        out.push_str(&format!("</{}>", e.name));
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    write(root, &mut out);
    out.into_bytes()
}

const RPR: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

const PPR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];

const SECT_PR: &[&str] = &[
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];

const TBL_PR: &[&str] = &[
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
];

const TC_PR: &[&str] = &[
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
];

/// Borders and margins: `start`/`end` are the newer names of `left`/`right`.
const SIDES: &[&str] = &[
    "top", "start", "left", "bottom", "end", "right", "insideH", "insideV", "tl2br", "tr2bl",
];

const PBDR: &[&str] = &["top", "left", "bottom", "right", "between", "bar"];

const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

/// The settings docx-rs can write, in schema order.
const SETTINGS: &[&str] = &[
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "defaultTabStop",
    "autoHyphenation",
    "evenAndOddHeaders",
    "characterSpacingControl",
    "compat",
    "docVars",
    "rsids",
];

const LVL: &[&str] = &[
    "start",
    "numFmt",
    "lvlRestart",
    "pStyle",
    "isLgl",
    "suff",
    "lvlText",
    "lvlPicBulletId",
    "legacy",
    "lvlJc",
    "pPr",
    "rPr",
];

/// Elements whose children are a schema sequence, and that sequence (local names in the
/// `w:` namespace).
pub(crate) const ORDER: &[(&str, &[&str])] = &[
    ("w:rPr", RPR),
    ("w:pPr", PPR),
    ("w:sectPr", SECT_PR),
    ("w:tblPr", TBL_PR),
    ("w:tcPr", TC_PR),
    ("w:tblBorders", SIDES),
    ("w:tcBorders", SIDES),
    ("w:tblCellMar", SIDES),
    ("w:tcMar", SIDES),
    ("w:pBdr", PBDR),
    ("w:style", STYLE),
    ("w:settings", SETTINGS),
    ("w:lvl", LVL),
    ("w:docDefaults", &["rPrDefault", "pPrDefault"]),
    ("w:styles", &["docDefaults", "latentStyles", "style"]),
    ("w:tbl", &["tblPr", "tblGrid", "tr"]),
    ("w:tr", &["tblPrEx", "trPr", "tc"]),
    ("w:tc", &["tcPr"]),
    ("w:p", &["pPr"]),
    ("w:r", &["rPr"]),
];

/// Attributes the schema does not allow, or that vary from run to run: `w14:paraId` and
/// `w14:textId` come from a thread-wide counter.
const DROP: &[(&str, &str)] = &[
    ("w:gridCol", "w:type"),
    ("w:p", "w14:paraId"),
    ("w:p", "w14:textId"),
];

/// Puts every element's children into schema order and drops disallowed attributes,
/// through the whole tree.
pub(crate) fn clean(e: &mut Element) {
    e.attrs
        .retain(|(k, _)| !DROP.iter().any(|(el, at)| *el == e.name && at == k));
    if let Some((_, order)) = ORDER.iter().find(|(n, _)| *n == e.name) {
        let rank = |n: &Node| match n {
            Node::Element(c) => c
                .name
                .strip_prefix("w:")
                .and_then(|local| order.iter().position(|o| *o == local))
                .unwrap_or(order.len()),
            // Whitespace between elements (none in docx-rs output) stays with the end.
            Node::Text(_) => order.len(),
        };
        // A stable sort: repeated elements (rows, cells, runs) keep their order.
        e.children.sort_by_key(rank);
    }
    for c in e.elements_mut() {
        clean(c);
    }
}

/// Normalises one part of the package: injects what [`Fixes`] asks for, then
/// [`clean`]s it.
pub(crate) fn part(name: &str, xml: &[u8], fixes: &Fixes) -> Result<Vec<u8>, String> {
    let mut root = parse(xml)?;
    match name {
        "word/document.xml" => {
            if let Some(body) = root.child_mut("w:body") {
                mark_header_rows(body, &fixes.header_rows);
                split_sections(body, &fixes.section_ends);
            }
            number_drawings(&mut root, &mut 0);
        }
        "word/styles.xml" => {
            let rpr = root
                .ensure_child("w:docDefaults")
                .ensure_child("w:rPrDefault")
                .ensure_child("w:rPr");
            let mut lang = Element::new("w:lang");
            lang.attrs.push(("w:val".into(), escape(&fixes.lang)));
            rpr.children
                .retain(|n| !matches!(n, Node::Element(e) if e.name == "w:lang"));
            rpr.children.push(Node::Element(lang));
            drop_mark_properties(&mut root);
        }
        "word/numbering.xml" => drop_mark_properties(&mut root),
        _ => {}
    }
    clean(&mut root);
    Ok(to_xml(&root))
}

/// Removes `w:rPr` from every `w:pPr`: in styles and numbering a `w:pPr` is
/// CT_PPrGeneral, which has no paragraph-mark properties; docx-rs writes empty ones.
fn drop_mark_properties(e: &mut Element) {
    if e.name == "w:pPr" {
        e.children
            .retain(|n| !matches!(n, Node::Element(c) if c.name == "w:rPr"));
    }
    for c in e.elements_mut() {
        drop_mark_properties(c);
    }
}

/// Marks the first `n` rows of the body's tables as header rows.
fn mark_header_rows(body: &mut Element, header_rows: &[usize]) {
    let tables = body.elements_mut().filter(|e| e.name == "w:tbl");
    for (table, &n) in tables.zip(header_rows) {
        for row in table.elements_mut().filter(|e| e.name == "w:tr").take(n) {
            row.ensure_child("w:trPr")
                .children
                .push(Node::Element(Element::new("w:tblHeader")));
        }
    }
}

/// Ends a section at each of the given body children (paragraphs) by giving them a copy of
/// the document's section properties — same page, margins, headers, first page without a
/// number — and makes every section after the first number its pages from 1: appendix
/// pages are numbered on their own. docx-rs writes only the document's last section.
fn split_sections(body: &mut Element, ends: &[usize]) {
    if ends.is_empty() {
        return;
    }
    let Some(last) = body
        .elements_mut()
        .filter(|e| e.name == "w:sectPr")
        .last()
        .cloned()
    else {
        return;
    };
    let restart = |mut s: Element| {
        s.children
            .retain(|n| !matches!(n, Node::Element(e) if e.name == "w:pgNumType"));
        let mut n = Element::new("w:pgNumType");
        n.attrs.push(("w:start".into(), "1".into()));
        s.children.push(Node::Element(n));
        s
    };
    for (j, &i) in ends.iter().enumerate() {
        let sect = if j == 0 {
            last.clone()
        } else {
            restart(last.clone())
        };
        if let Some(p) = body.elements_mut().nth(i).filter(|e| e.name == "w:p") {
            p.ensure_child("w:pPr").children.push(Node::Element(sect));
        }
    }
    if let Some(s) = body.elements_mut().filter(|e| e.name == "w:sectPr").last() {
        *s = restart(s.clone());
    }
}

/// Numbers the pictures' `wp:docPr` ids 1, 2, … in document order; docx-rs gives them
/// all the same id.
fn number_drawings(e: &mut Element, next: &mut usize) {
    if e.name == "wp:docPr" {
        *next += 1;
        for (k, v) in &mut e.attrs {
            if k == "id" {
                *v = next.to_string();
            }
        }
    }
    for c in e.elements_mut() {
        number_drawings(c, next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes() -> Fixes {
        Fixes {
            header_rows: vec![],
            lang: "vi-VN".into(),
            section_ends: vec![],
        }
    }

    #[test]
    fn sections_split_with_restarted_numbers_after_the_first() {
        let doc = r#"<w:document xmlns:w="w"><w:body><w:p/><w:p/><w:p/><w:p/><w:sectPr><w:pgSz w:w="11906"/><w:titlePg/></w:sectPr></w:body></w:document>"#;
        let f = Fixes {
            section_ends: vec![1, 2],
            ..fixes()
        };
        let out =
            String::from_utf8(part("word/document.xml", doc.as_bytes(), &f).unwrap()).unwrap();
        // The first section keeps the document's numbering; the others restart at 1.
        let first =
            r#"<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906"/><w:titlePg/></w:sectPr></w:pPr></w:p>"#;
        let second = r#"<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906"/><w:pgNumType w:start="1"/><w:titlePg/></w:sectPr></w:pPr></w:p>"#;
        let last = r#"<w:sectPr><w:pgSz w:w="11906"/><w:pgNumType w:start="1"/><w:titlePg/></w:sectPr></w:body>"#;
        let expected = format!("<w:body><w:p/>{first}{second}<w:p/>{last}");
        assert!(out.contains(&expected), "{out}");
    }

    /// The root's serialisation without the declaration.
    fn cleaned(xml: &str) -> String {
        let mut root = parse(xml.as_bytes()).unwrap();
        clean(&mut root);
        let out = String::from_utf8(to_xml(&root)).unwrap();
        out.split_once('\n').unwrap().1.to_string()
    }

    #[test]
    fn round_trip_keeps_text_escapes_and_attributes() {
        let xml = r#"<w:p a="x &amp; y"><w:r><w:t xml:space="preserve"> A &lt;b&gt; &amp; c </w:t></w:r></w:p>"#;
        assert_eq!(cleaned(xml), xml);
    }

    #[test]
    fn paragraph_properties_in_schema_order() {
        let xml = r#"<w:pPr><w:rPr/><w:jc w:val="center"/><w:ind w:left="0"/><w:spacing w:line="360"/><w:keepNext/></w:pPr>"#;
        assert_eq!(
            cleaned(xml),
            r#"<w:pPr><w:keepNext/><w:spacing w:line="360"/><w:ind w:left="0"/><w:jc w:val="center"/><w:rPr/></w:pPr>"#
        );
    }

    #[test]
    fn section_settings_style_and_borders() {
        assert_eq!(
            cleaned(
                r#"<w:sectPr><w:pgSz/><w:pgMar/><w:headerReference r:id="a"/><w:titlePg/><w:headerReference r:id="b"/></w:sectPr>"#
            ),
            r#"<w:sectPr><w:headerReference r:id="a"/><w:headerReference r:id="b"/><w:pgSz/><w:pgMar/><w:titlePg/></w:sectPr>"#
        );
        assert_eq!(
            cleaned(r#"<w:settings><w:defaultTabStop/><w:zoom/><w:compat/></w:settings>"#),
            r#"<w:settings><w:zoom/><w:defaultTabStop/><w:compat/></w:settings>"#
        );
        assert_eq!(
            cleaned(r#"<w:style><w:name/><w:rPr/><w:pPr><w:rPr/></w:pPr><w:qFormat/></w:style>"#),
            r#"<w:style><w:name/><w:qFormat/><w:pPr><w:rPr/></w:pPr><w:rPr/></w:style>"#
        );
        assert_eq!(
            cleaned(r#"<w:pBdr><w:left/><w:right/><w:top/><w:bottom/></w:pBdr>"#),
            r#"<w:pBdr><w:top/><w:left/><w:bottom/><w:right/></w:pBdr>"#
        );
    }

    #[test]
    fn repeated_children_keep_their_order() {
        let xml = r#"<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr><w:tblGrid/><w:tr/><w:tblPr/></w:tbl>"#;
        assert_eq!(
            cleaned(xml),
            r#"<w:tbl><w:tblPr/><w:tblGrid/><w:tr><w:tc><w:p/></w:tc></w:tr><w:tr/></w:tbl>"#
        );
    }

    #[test]
    fn drops_invalid_and_varying_attributes() {
        let xml = r#"<w:tbl><w:tblGrid><w:gridCol w:w="100" w:type="dxa"/></w:tblGrid><w:p w14:paraId="0000002A" w14:textId="1"/></w:tbl>"#;
        assert_eq!(
            cleaned(xml),
            r#"<w:tbl><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid><w:p/></w:tbl>"#
        );
    }

    #[test]
    fn injects_header_rows_lang_and_drawing_ids() {
        let doc = r#"<w:document><w:body><w:tbl><w:tr><w:tc/></w:tr></w:tbl><w:p><w:r><w:drawing><wp:docPr id="1"/></w:drawing><w:drawing><wp:docPr id="1"/></w:drawing></w:r></w:p><w:tbl><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc/></w:tr><w:tr><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl></w:body></w:document>"#;
        let f = Fixes {
            header_rows: vec![0, 2],
            ..fixes()
        };
        let out =
            String::from_utf8(part("word/document.xml", doc.as_bytes(), &f).unwrap()).unwrap();
        assert!(out.contains(r#"<w:tbl><w:tr><w:tc/></w:tr></w:tbl>"#));
        assert!(out.contains(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:tc/></w:tr>"#));
        assert!(out.contains(r#"<wp:docPr id="1"/></w:drawing><w:drawing><wp:docPr id="2"/>"#));

        let styles = r#"<w:styles><w:style><w:pPr><w:rPr/><w:jc w:val="left"/></w:pPr></w:style><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/><w:rFonts w:ascii="T"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:rPr/></w:pPr></w:pPrDefault></w:docDefaults></w:styles>"#;
        let out = String::from_utf8(part("word/styles.xml", styles.as_bytes(), &fixes()).unwrap())
            .unwrap();
        assert!(out.contains(r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="T"/><w:sz w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults><w:style><w:pPr><w:jc w:val="left"/></w:pPr></w:style>"#));
    }

    #[test]
    fn malformed_parts_are_errors() {
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"<a/><b/>").is_err());
        assert!(parse(b"<a>").is_err());
    }
}

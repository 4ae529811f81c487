//! The text markup that templates produce, and its parser into the document model.
//!
//! A template never writes OOXML or PDF: it writes this line-oriented markup (see
//! docs/markup.md). A line starting with `@` opens a block; the lines up to the next `@` line
//! are its body. Inline, `**bold**`, `*italic*` and `__underline__`; a backslash makes the
//! next character literal. Record text reaches the markup through [`escape`] (the templates'
//! autoescape function), so `<`, `&`, `*`, `@` or `|` in a record arrive intact.

use std::fmt;
use std::io::Write;

use crate::model::*;

/// A markup problem: which line of the rendered markup and what is wrong. These are
/// template bugs, so the caller adds the template's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    /// 1-based line in the markup text.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for MarkupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "dòng {}: {}", self.line, self.message)
    }
}

impl std::error::Error for MarkupError {}

/// What [`escape`] makes of a line break in record text (U+2028 LINE SEPARATOR): one
/// markup line still holds the value.
pub const LINE_BREAK: char = '\u{2028}';

/// Characters that mean something in the markup and are escaped in record text.
const SPECIAL: &[char] = &['\\', '*', '_', '|', '@'];

/// Escapes record text for the markup: specials get a backslash; line breaks and tabs
/// become spaces, because a markup line is a unit (a list item, a table row).
pub fn escape(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            // A line break the user typed survives as a line separator: header and
            // signature lines break there ([`line_text`]), other text shows a space.
            '\n' => out.push(LINE_BREAK),
            '\r' | '\t' => out.push(' '),
            c if SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// [`escape`] with the signature Tera's `set_escape_fn` wants.
pub fn escape_to(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(escape(input).as_bytes())
}

/// Every block name the parser knows, in the order docs/markup.md lists them.
pub const BLOCKS: &[&str] = &[
    "meta",
    "header",
    "title",
    "to",
    "heading",
    "p",
    "list",
    "table",
    "closing",
    "grid",
    "image",
    "pagebreak",
    "annex",
];

/// One `@` block of the source: its directive, arguments and body lines.
struct RawBlock<'a> {
    line: usize,
    name: &'a str,
    args: &'a str,
    body: Vec<(usize, &'a str)>,
}

/// Parses markup into a document. All text is normalised to NFC.
pub fn parse(src: &str) -> Result<Document, MarkupError> {
    let mut doc = Document::default();
    for raw in split_blocks(src)? {
        parse_block(&raw, &mut doc)?;
    }
    Ok(doc)
}

fn split_blocks(src: &str) -> Result<Vec<RawBlock<'_>>, MarkupError> {
    let mut blocks: Vec<RawBlock> = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let n = i + 1;
        let t = line.trim();
        if let Some(rest) = t.strip_prefix('@') {
            let (name, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            blocks.push(RawBlock {
                line: n,
                name,
                args: args.trim(),
                body: Vec::new(),
            });
        } else if let Some(b) = blocks.last_mut() {
            b.body.push((n, t));
        } else if !t.is_empty() {
            return Err(err(n, "văn bản phải bắt đầu bằng một dòng khối (@…)"));
        }
    }
    Ok(blocks)
}

fn err(line: usize, msg: impl Into<String>) -> MarkupError {
    MarkupError {
        line,
        message: msg.into(),
    }
}

fn parse_block(raw: &RawBlock, doc: &mut Document) -> Result<(), MarkupError> {
    let lines = || raw.body.iter().filter(|(_, t)| !t.is_empty());
    match raw.name {
        "meta" => {
            for (n, t) in lines() {
                let (k, v) = key_value(*n, t)?;
                let v = text(v);
                match k {
                    "title" => doc.meta.title = v,
                    "author" => doc.meta.author = v,
                    "subject" => doc.meta.subject = v,
                    "date" => doc.meta.date = v,
                    "keywords" => doc.meta.keywords = v,
                    "names" => doc.meta.names.extend(
                        v.split(';')
                            .map(str::trim)
                            .filter(|n| !n.is_empty())
                            .map(str::to_string),
                    ),
                    _ => {
                        return Err(unknown_key(
                            *n,
                            k,
                            "title, author, subject, date, keywords, names",
                        ));
                    }
                }
            }
        }
        "header" => {
            let mut h = Header::default();
            for (n, t) in lines() {
                let (k, v) = key_value(*n, t)?;
                let v = match k {
                    "parent" | "issuer" => line_text(v),
                    _ => text(v),
                };
                match k {
                    // One line per level of a multi-level header, top down.
                    "parent" => {
                        if !v.is_empty() {
                            h.parents.push(v)
                        }
                    }
                    "issuer" => h.issuer = v,
                    "number" => h.number = Some(v).filter(|s| !s.is_empty()),
                    "brief" => h.brief = Some(v).filter(|s| !s.is_empty()),
                    "place-date" => h.place_date = v,
                    _ => {
                        return Err(unknown_key(
                            *n,
                            k,
                            "parent, issuer, number, brief, place-date",
                        ));
                    }
                }
            }
            doc.blocks.push(Block::Header(h));
        }
        "title" => {
            if raw.args.is_empty() {
                return Err(err(
                    raw.line,
                    "@title cần tên loại văn bản, ví dụ: @title TỜ TRÌNH",
                ));
            }
            doc.blocks.push(Block::Title(Title {
                kind: text(raw.args),
                summary: lines().map(|(_, t)| inline(t)).collect(),
            }));
        }
        "to" => {
            let label = if raw.args.is_empty() {
                "Kính gửi:".to_string()
            } else {
                text(raw.args)
            };
            doc.blocks.push(Block::Addressees(Addressees {
                label,
                lines: lines().map(|(_, t)| inline(t)).collect(),
            }));
        }
        "heading" => {
            let level = match raw.args {
                "" | "1" => 1,
                "2" => 2,
                "3" => 3,
                other => {
                    return Err(err(
                        raw.line,
                        format!("cấp tiêu đề phải là 1, 2 hoặc 3, không phải «{other}»"),
                    ));
                }
            };
            let body: Vec<&str> = lines().map(|(_, t)| *t).collect();
            doc.blocks.push(Block::Heading(Heading {
                level,
                runs: inline(&body.join(" ")),
            }));
        }
        "p" => {
            let style = if raw.args.is_empty() {
                ParaStyle::Body
            } else {
                ParaStyle::from_name(raw.args).ok_or_else(|| {
                    let names: Vec<_> = ParaStyle::ALL.iter().map(|s| s.name()).collect();
                    err(
                        raw.line,
                        format!(
                            "kiểu đoạn «{}» không có; dùng: {}",
                            raw.args,
                            names.join(", ")
                        ),
                    )
                })?
            };
            // Blank lines separate paragraphs; the lines of one paragraph join with a space.
            let mut current: Vec<&str> = Vec::new();
            let flush = |current: &mut Vec<&str>, doc: &mut Document| {
                if !current.is_empty() {
                    doc.blocks.push(Block::Paragraph(Paragraph {
                        style,
                        runs: inline(&current.join(" ")),
                    }));
                    current.clear();
                }
            };
            for (_, t) in &raw.body {
                if t.is_empty() {
                    flush(&mut current, doc);
                } else {
                    current.push(t);
                }
            }
            flush(&mut current, doc);
        }
        "list" => {
            let marker = match raw.args {
                "" | "number" => ListMarker::Number,
                "dash" => ListMarker::Dash,
                "letter" => ListMarker::Letter,
                other => {
                    return Err(err(
                        raw.line,
                        format!("kiểu danh sách «{other}» không có; dùng: number, dash, letter"),
                    ));
                }
            };
            doc.blocks.push(Block::List(List {
                marker,
                items: lines().map(|(_, t)| inline(t)).collect(),
            }));
        }
        "table" => doc.blocks.push(Block::Table(parse_table(raw)?)),
        "closing" => {
            let mut c = Closing::default();
            for (n, t) in &raw.body {
                if t.is_empty() {
                    continue;
                }
                let (side, rest) = t.split_once(' ').unwrap_or((t, ""));
                let col = match side {
                    "left" => &mut c.left,
                    "right" => &mut c.right,
                    _ => {
                        return Err(err(
                            *n,
                            format!(
                                "dòng của @closing phải bắt đầu bằng left hoặc right, không phải «{side}»"
                            ),
                        ));
                    }
                };
                if !column_key(col, *n, rest.trim())? {
                    col.lines.push(sign_line(*n, rest.trim())?);
                }
            }
            doc.blocks.push(Block::Closing(c));
        }
        "grid" => {
            let columns = match raw.args {
                "" => 3,
                a => a
                    .parse::<usize>()
                    .ok()
                    .filter(|c| (1..=4).contains(c))
                    .ok_or_else(|| {
                        err(
                            raw.line,
                            format!("số cột của @grid phải từ 1 đến 4, không phải «{a}»"),
                        )
                    })?,
            };
            let mut g = Grid {
                columns,
                cells: Vec::new(),
            };
            // Cells are separated by blank lines.
            let mut cell = Column::default();
            for (n, t) in &raw.body {
                if t.is_empty() {
                    if cell != Column::default() {
                        g.cells.push(std::mem::take(&mut cell));
                    }
                } else if column_key(&mut cell, *n, t)? {
                    // Every agency of a grid signs and seals: its id names both fields.
                    if cell.seal.is_empty() {
                        cell.seal = cell.id.clone();
                    }
                } else {
                    cell.lines.push(sign_line(*n, t)?);
                }
            }
            if cell != Column::default() {
                g.cells.push(cell);
            }
            doc.blocks.push(Block::Grid(g));
        }
        "image" => {
            let path = raw
                .args
                .strip_prefix("path=")
                .map(text)
                .ok_or_else(|| err(raw.line, "@image cần path=TỆP"))?;
            let caption: Vec<&str> = lines().map(|(_, t)| *t).collect();
            doc.blocks.push(Block::Image(Image {
                path,
                data: Vec::new(),
                caption: inline(&caption.join(" ")),
            }));
        }
        "pagebreak" => doc.blocks.push(Block::PageBreak),
        "annex" => doc.blocks.push(Block::AnnexBreak),
        other => {
            return Err(err(
                raw.line,
                format!("khối «@{other}» không có; dùng: {}", BLOCKS.join(", ")),
            ));
        }
    }
    Ok(())
}

fn key_value(line: usize, t: &str) -> Result<(&str, &str), MarkupError> {
    match t.split_once(':') {
        Some((k, v)) => Ok((k.trim(), v.trim())),
        None => Err(err(line, format!("cần dạng «khóa: giá trị», gặp «{t}»"))),
    }
}

fn unknown_key(line: usize, key: &str, valid: &str) -> MarkupError {
    err(line, format!("khóa «{key}» không có; dùng: {valid}"))
}

/// `id:` and `seal:` of a signature column, which name its PDF signature fields and
/// print nothing; `false` for any other line. A period would split a PDF field name into
/// a hierarchy, so it is refused.
fn column_key(col: &mut Column, line: usize, t: &str) -> Result<bool, MarkupError> {
    let Some((k, v)) = t.split_once(':') else {
        return Ok(false);
    };
    let slot = match k.trim() {
        "id" => &mut col.id,
        "seal" => &mut col.seal,
        _ => return Ok(false),
    };
    let v = text(v.trim());
    if v.contains('.') {
        return Err(err(
            line,
            format!("mã «{v}» dùng làm tên ô ký trong PDF nên không được có dấu chấm"),
        ));
    }
    *slot = v;
    Ok(true)
}

fn sign_line(line: usize, t: &str) -> Result<(SignLine, String), MarkupError> {
    let (k, v) = key_value(line, t)?;
    let kind = match k {
        "label" => SignLine::RecipientsLabel,
        "item" => SignLine::Recipient,
        "role" => SignLine::Role,
        "note" => SignLine::Note,
        "agency" => SignLine::Agency,
        "name" => SignLine::Name,
        _ => {
            return Err(unknown_key(
                line,
                k,
                "label, item, role, note, agency, name",
            ));
        }
    };
    Ok((kind, line_text(v)))
}

fn parse_table(raw: &RawBlock) -> Result<Table, MarkupError> {
    let mut t = Table::default();
    for arg in raw.args.split_whitespace() {
        let (k, v) = arg.split_once('=').ok_or_else(|| {
            err(
                raw.line,
                format!("tham số «{arg}» của @table cần dạng tên=giá_trị"),
            )
        })?;
        let bad = || err(raw.line, format!("giá trị «{v}» của {k} không hợp lệ"));
        match k {
            "widths" => {
                t.widths = v
                    .split(',')
                    .map(|w| w.parse::<u32>().ok().filter(|w| *w > 0))
                    .collect::<Option<_>>()
                    .ok_or_else(bad)?
            }
            "header" => t.header_rows = v.parse().map_err(|_| bad())?,
            "align" => {
                t.align = v
                    .split(',')
                    .map(|a| match a {
                        "l" => Some(CellAlign::Left),
                        "c" => Some(CellAlign::Center),
                        "r" => Some(CellAlign::Right),
                        _ => None,
                    })
                    .collect::<Option<_>>()
                    .ok_or_else(bad)?
            }
            _ => {
                return Err(err(
                    raw.line,
                    format!("tham số «{k}» của @table không có; dùng: widths, header, align"),
                ));
            }
        }
    }
    if t.widths.is_empty() {
        return Err(err(raw.line, "@table cần widths=…, ví dụ widths=8,50,42"));
    }
    let cols = t.widths.len();
    if t.align.is_empty() {
        t.align = vec![CellAlign::Left; cols];
    } else if t.align.len() != cols {
        return Err(err(
            raw.line,
            format!("align có {} cột nhưng widths có {cols}", t.align.len()),
        ));
    }
    for (n, line) in &raw.body {
        if line.is_empty() {
            continue;
        }
        let cells = split_cells(line);
        if cells.len() != cols {
            return Err(err(
                *n,
                format!("hàng có {} ô nhưng bảng có {cols} cột", cells.len()),
            ));
        }
        t.rows
            .push(cells.iter().map(|c| inline(c.trim())).collect());
    }
    if t.header_rows > t.rows.len() {
        return Err(err(raw.line, "header lớn hơn số hàng của bảng"));
    }
    Ok(t)
}

/// Splits a table row at unescaped `|`, keeping escapes for [`inline`].
fn split_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let cell = cells.last_mut().expect("never empty");
                cell.push('\\');
                if let Some(n) = chars.next() {
                    cell.push(n);
                }
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().expect("never empty").push(c),
        }
    }
    cells
}

/// Plain text: escapes resolved, no inline styling, NFC; a line break as a space.
fn text(s: &str) -> String {
    text_with_breaks(s).replace('\n', " ")
}

/// Plain text of a header or signature line, where a line break the user typed
/// ([`LINE_BREAK`]) stays a line break (`\n`): the layout breaks the line there.
fn line_text(s: &str) -> String {
    text_with_breaks(s).trim().to_string()
}

fn text_with_breaks(s: &str) -> String {
    let s = s.replace(LINE_BREAK, "\n");
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    vanban_viet::nfc(&out)
}

/// Inline markup into runs: `**bold**`, `*italic*`, `__underline__`, `\x` literal. Unclosed
/// markers simply toggle to the end of the text, which is forgiving for hand-edited templates.
pub fn inline(s: &str) -> Vec<Run> {
    let s = &s.replace(LINE_BREAK, " ");
    let mut runs: Vec<Run> = Vec::new();
    let (mut bold, mut italic, mut underline) = (false, false, false);
    let mut buf = String::new();
    let flush = |buf: &mut String, runs: &mut Vec<Run>, b: bool, i: bool, u: bool| {
        if buf.is_empty() {
            return;
        }
        let t = vanban_viet::nfc(buf);
        buf.clear();
        match runs.last_mut() {
            Some(last) if (last.bold, last.italic, last.underline) == (b, i, u) => {
                last.text.push_str(&t)
            }
            _ => runs.push(Run {
                text: t,
                bold: b,
                italic: i,
                underline: u,
            }),
        }
    };
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match (c, next) {
            ('\\', Some(n)) => {
                buf.push(n);
                i += 2;
            }
            ('*', Some('*')) => {
                flush(&mut buf, &mut runs, bold, italic, underline);
                bold = !bold;
                i += 2;
            }
            ('_', Some('_')) => {
                flush(&mut buf, &mut runs, bold, italic, underline);
                underline = !underline;
                i += 2;
            }
            ('*', _) => {
                flush(&mut buf, &mut runs, bold, italic, underline);
                italic = !italic;
                i += 1;
            }
            _ => {
                buf.push(c);
                i += 1;
            }
        }
    }
    flush(&mut buf, &mut runs, bold, italic, underline);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_roundtrips_through_inline() {
        let nasty = "A & B <c> \"q\" 'x' **not bold** a_b __u__ x|y @z \\ end";
        let runs = inline(&escape(nasty));
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].text, nasty);
        assert!(!runs[0].bold && !runs[0].italic && !runs[0].underline);
    }

    #[test]
    fn escape_folds_line_breaks() {
        assert_eq!(escape("a\nb\tc"), "a\u{2028}b c");
        // A typed line break is a break in header and signature lines, a space elsewhere.
        let src = format!(
            "@header\nissuer: {}\nplace-date: {}\n@p\n{}\n@grid 1\nagency: {}\n",
            escape("SỞ GIÁO DỤC\nVÀ ĐÀO TẠO"),
            escape("Kon\nTum"),
            escape("một\nhai"),
            escape("A\nB")
        );
        let doc = parse(&src).unwrap();
        let Block::Header(h) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(h.issuer, "SỞ GIÁO DỤC\nVÀ ĐÀO TẠO");
        assert_eq!(h.place_date, "Kon Tum");
        let Block::Paragraph(p) = &doc.blocks[1] else {
            panic!()
        };
        assert_eq!(plain_text(&p.runs), "một hai");
        let Block::Grid(g) = &doc.blocks[2] else {
            panic!()
        };
        assert_eq!(g.cells[0].lines[0].1, "A\nB");
    }

    #[test]
    fn inline_styles() {
        let runs = inline("a **b *c*** __d__");
        let got: Vec<_> = runs
            .iter()
            .map(|r| (r.text.as_str(), r.bold, r.italic, r.underline))
            .collect();
        assert_eq!(
            got,
            vec![
                ("a ", false, false, false),
                ("b ", true, false, false),
                ("c", true, true, false),
                (" ", false, false, false),
                ("d", false, false, true),
            ]
        );
    }

    #[test]
    fn text_is_nfc() {
        let nfd = unicode_normalization::UnicodeNormalization::nfd("Tỉnh ủy").collect::<String>();
        let doc = parse(&format!("@p\n{nfd}")).unwrap();
        let Block::Paragraph(p) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(p.runs[0].text, "Tỉnh ủy");
    }

    #[test]
    fn parses_every_block() {
        let src = "@meta\ntitle: T\ndate: 2024-02-06\n\
            @header\nparent: TỈNH ỦY KON TUM\nissuer: KHỐI\nplace-date: Kon Tum, ngày 06 tháng 02 năm 2024\n\
            @title BẢN GIAO ƯỚC THI ĐUA\nnăm 2024\n\
            @to\nỦy ban nhân dân tỉnh.\n\
            @heading 1\nI. NỘI DUNG\n\
            @p\nline one\nline two\n\nsecond\n\
            @list dash\nx\ny\n\
            @table widths=1,3 header=1 align=c,l\nSTT | Đơn vị\n1 | A \\| B\n\
            @closing\nleft label: Nơi nhận:\nleft item: - Lưu VT.\nright role: T/M KHỐI\nright name: Nguyễn Văn A\n\
            @grid 2\nagency: A\nrole: TRƯỞNG BAN\nname:\n\nagency: B\nname: X\n\
            @pagebreak\n";
        let doc = parse(src).unwrap();
        assert_eq!(doc.meta.title, "T");
        assert_eq!(doc.meta.date, "2024-02-06");
        assert_eq!(doc.blocks.len(), 11);
        let Block::Header(h) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(h.number, None);
        let Block::Paragraph(p) = &doc.blocks[4] else {
            panic!()
        };
        assert_eq!(plain_text(&p.runs), "line one line two");
        let Block::Table(t) = &doc.blocks[7] else {
            panic!()
        };
        assert_eq!(plain_text(&t.rows[1][1]), "A | B");
        let Block::Grid(g) = &doc.blocks[9] else {
            panic!()
        };
        assert_eq!(g.cells.len(), 2);
        assert_eq!(g.cells[0].lines[2], (SignLine::Name, String::new()));
        assert_eq!(doc.blocks[10], Block::PageBreak);
    }

    #[test]
    fn signature_ids_name_fields_and_print_nothing() {
        let doc = parse(
            "@closing\nright id: nguoi-ky\nright seal: co-quan\nright role: T/M KHỐI\nright name: A\n\
             @grid 2\nid: btc\nagency: A\nname: X\n\nagency: B\nid: ub_2\nseal: khac\nname: Y\n",
        )
        .unwrap();
        let Block::Closing(c) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(
            (c.right.id.as_str(), c.right.seal.as_str()),
            ("nguoi-ky", "co-quan")
        );
        assert_eq!(c.right.lines.len(), 2);
        assert_eq!(c.left.id, "");
        let Block::Grid(g) = &doc.blocks[1] else {
            panic!()
        };
        assert_eq!(
            (g.cells[0].id.as_str(), g.cells[0].seal.as_str()),
            ("btc", "btc")
        );
        assert_eq!(
            (g.cells[1].id.as_str(), g.cells[1].seal.as_str()),
            ("ub_2", "khac")
        );
        assert_eq!(g.cells[1].lines.len(), 2);
        let e = parse("@grid 1\nid: a.b\nname: X\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("a.b"));
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("@p\nok\n@nope\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("@nope"));
        let e = parse("@table widths=1,2\na | b | c\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(parse("text before any block").is_err());
    }
}

//! Layout of parsed markup: pages, line positions and the rules that decide page breaks.

use vanban_font::Fonts;
use vanban_model::{Block, Document, Profile, markup, plain_text};
use vanban_pdf::layout::{BASELINE_RATIO, Item, Layout, LayoutError, Text, layout};

const GIAO_UOC: &str = include_str!("data/giao-uoc.md");
const TO_TRINH: &str = include_str!("data/to-trinh.md");

fn lay(src: &str, profile: &str) -> (Document, Layout) {
    let doc = markup::parse(src).expect("markup parses");
    let profile = Profile::builtin(profile).unwrap();
    let laid = layout(&doc, profile, Fonts::embedded()).expect("lays out");
    (doc, laid)
}

fn texts(page: &vanban_pdf::Page) -> impl Iterator<Item = &Text> {
    page.items.iter().filter_map(|i| match i {
        Item::Text(t) => Some(t),
        _ => None,
    })
}

/// The lines of `block`: (page index, baseline, text of the line), top to bottom.
fn lines(laid: &Layout, block: usize) -> Vec<(usize, f32, String)> {
    let mut out: Vec<(usize, f32, String)> = Vec::new();
    for (p, page) in laid.pages.iter().enumerate() {
        let mut here: Vec<&Text> = texts(page).filter(|t| t.block == block).collect();
        here.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        for t in here {
            match out.last_mut() {
                Some((lp, ly, s)) if *lp == p && (*ly - t.y).abs() < 0.01 => s.push_str(&t.text),
                _ => out.push((p, t.y, t.text.clone())),
            }
        }
    }
    out
}

/// Pages on which a text containing `needle` appears.
fn pages_with(laid: &Layout, needle: &str) -> Vec<usize> {
    laid.pages
        .iter()
        .enumerate()
        .filter(|(_, p)| texts(p).any(|t| t.text.contains(needle)))
        .map(|(i, _)| i)
        .collect()
}

fn block_index(doc: &Document, pred: impl Fn(&Block) -> bool) -> usize {
    doc.blocks.iter().position(pred).expect("block present")
}

#[test]
fn pledge_header_title_and_page_numbers() {
    let (_, laid) = lay(GIAO_UOC, "dang");
    assert!(laid.pages.len() >= 2);
    assert!((laid.width - 595.3).abs() < 0.01 && (laid.height - 841.9).abs() < 0.01);
    for needle in [
        "TỈNH ỦY KON TUM",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Kon Tum, ngày 06 tháng 02 năm 2024",
        "BẢN GIAO ƯỚC THI ĐUA",
        "năm 2024",
        "*",
        "-----",
    ] {
        assert_eq!(pages_with(&laid, needle)[0], 0, "{needle} on page 1");
    }
    // The issuer wraps in its column; both halves are on page 1.
    let issuer: String = texts(&laid.pages[0])
        .filter(|t| t.block == 0 && t.variant == vanban_font::Variant::Bold && t.size == 14.0)
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(issuer, "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH");
    // The national title is underlined by a rule as long as itself, centred under it.
    let national = texts(&laid.pages[0])
        .find(|t| t.text == "ĐẢNG CỘNG SẢN VIỆT NAM")
        .unwrap();
    let rule = laid.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Rule(r) if r.y1 < national.y && r.y1 > national.y - 10.0 => Some(*r),
            _ => None,
        })
        .expect("rule under the national title");
    // Its indents are whole twips, as Word stores them: within a twip of the title.
    assert!((rule.x2 - rule.x1 - national.width).abs() <= 0.1);
    assert!(((rule.x1 + rule.x2) / 2.0 - (national.x + national.width / 2.0)).abs() <= 0.05);

    // Page numbers: none on page 1, centred at the top from page 2 on.
    assert!(laid.pages[0].number.is_none());
    let profile = Profile::builtin("dang").unwrap();
    for (i, page) in laid.pages.iter().enumerate().skip(1) {
        let n = page.number.as_ref().expect("page number");
        assert_eq!(n.text, (i + 1).to_string());
        let centre = 85.05 + (595.3 - 85.05 - 42.5) / 2.0;
        assert!((n.x + n.width / 2.0 - centre).abs() < 0.01);
        let top = 28.35; // 10 mm in twips
        let expected = 841.9 - (top + BASELINE_RATIO * profile.page_number.line_pt);
        assert!((n.y - expected).abs() < 0.01, "{} vs {expected}", n.y);
        assert_eq!(n.size, profile.page_number.size);
    }
}

#[test]
fn pledge_list_items_keep_every_word_in_order() {
    let (doc, laid) = lay(GIAO_UOC, "dang");
    let list = block_index(&doc, |b| matches!(b, Block::List(_)));
    let Block::List(l) = &doc.blocks[list] else {
        unreachable!()
    };
    assert_eq!(l.items.len(), 6);
    // Lines join with a space, except after a hyphen the line broke at ("18-5-|2021").
    let mut text = String::new();
    for (_, _, line) in lines(&laid, list) {
        if !(text.is_empty() || text.ends_with('-') && !text.ends_with(" -")) {
            text.push(' ');
        }
        text.push_str(&line);
    }
    let expected = l
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| format!("{}. {}", i + 1, plain_text(item)))
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(text, expected);
}

#[test]
fn justified_lines_reach_the_right_margin() {
    let (doc, laid) = lay(GIAO_UOC, "dang");
    let right = 595.3 - 42.5;
    let first = block_index(&doc, |b| matches!(b, Block::Paragraph(_)));
    for page in &laid.pages {
        let mut by_line: Vec<Vec<&Text>> = Vec::new();
        for t in texts(page).filter(|t| t.block == first) {
            match by_line.last_mut() {
                Some(l) if (l[0].y - t.y).abs() < 0.01 => l.push(t),
                _ => by_line.push(vec![t]),
            }
        }
        let n = by_line.len();
        for (i, line) in by_line.iter().enumerate() {
            let end = line.iter().map(|t| t.x + t.width).fold(0.0, f32::max);
            if i + 1 < n {
                assert!((end - right).abs() < 0.02, "line {i} ends at {end}");
            } else {
                assert!(end < right - 1.0, "the last line is not stretched");
                assert!(line.iter().all(|t| t.word_spacing == 0.0));
            }
        }
    }
}

#[test]
fn grid_rows_never_split_and_the_closing_stays_with_them() {
    let (doc, laid) = lay(GIAO_UOC, "dang");
    let grid = block_index(&doc, |b| matches!(b, Block::Grid(_)));
    let Block::Grid(g) = &doc.blocks[grid] else {
        unreachable!()
    };
    assert_eq!(g.cells.len(), 9);
    // Where a cell's first line and its name are: (page, baseline).
    let find = |pred: &dyn Fn(&str) -> bool| -> Vec<(usize, f32)> {
        laid.pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                texts(p)
                    .filter(|t| t.block == grid && pred(&t.text))
                    .map(move |t| (i, t.y))
            })
            .collect()
    };
    for row in g.cells.chunks(3) {
        let mut tops = Vec::new();
        let mut pages = Vec::new();
        for cell in row {
            let agency = &cell.lines[0].1;
            let first = find(&|t| t.len() > 8 && agency.starts_with(t));
            assert_eq!(first.len(), 1, "{agency}");
            tops.push(first[0]);
            pages.push(first[0].0);
            let name = &cell.lines.last().unwrap().1;
            if !name.is_empty() {
                let at = find(&|t| t == name);
                assert_eq!(at.len(), 1, "{name}");
                pages.push(at[0].0);
            }
        }
        // One page per row, and the cells start level.
        assert!(pages.windows(2).all(|w| w[0] == w[1]), "{pages:?}");
        assert!(tops.windows(2).all(|w| (w[0].1 - w[1].1).abs() < 0.01));
    }
    // The closing never starts a page on its own: it shares its page with the grid's
    // last row.
    let closing = block_index(&doc, |b| matches!(b, Block::Closing(_)));
    let closing_pages: Vec<usize> = lines(&laid, closing).iter().map(|l| l.0).collect();
    assert!(closing_pages.windows(2).all(|w| w[0] == w[1]));
    let last_name = lines(&laid, grid).last().unwrap().0;
    assert_eq!(closing_pages[0], last_name);
    // The empty name keeps its line: the last row is as tall as the others.
    assert!(lines(&laid, closing).iter().any(|l| l.2 == "Nguyễn Văn An"));
}

/// `count` one-line plain paragraphs.
fn filler(count: usize) -> String {
    let mut s = String::from("@p plain\n");
    for i in 0..count {
        s.push_str(&format!("Dòng đệm số {i}.\n\n"));
    }
    s
}

/// A plain paragraph of exactly `n` lines in the Party profile.
fn para_of(n: usize) -> String {
    let words = "các cơ quan trong khối thống nhất ký kết giao ước thi đua năm với nội dung";
    let words: Vec<&str> = words.split(' ').collect();
    for k in 1..2000 {
        let text: Vec<&str> = (0..k).map(|i| words[i % words.len()]).collect();
        let src = format!("@p plain\n{}\n", text.join(" "));
        let (_, laid) = lay(&src, "dang");
        if lines(&laid, 0).len() == n {
            return src;
        }
    }
    unreachable!()
}

#[test]
fn keep_next_moves_a_heading_to_the_next_page() {
    // 29 one-line paragraphs fill page 1 down to where a heading still fits but not the
    // first line of the paragraph after it.
    let src = format!("{}@heading 2\nTiêu đề mục\n{}", filler(29), para_of(3));
    let (_, laid) = lay(&src, "dang");
    let heading = lines(&laid, 29);
    assert_eq!(heading.len(), 1);
    assert_eq!(heading[0].0, 1, "the heading went with its paragraph");
    assert_eq!(lines(&laid, 30)[0].0, 1);
    // Its space before is dropped at the top of a page a natural break began.
    let top_baseline = 841.9 - (56.7 + BASELINE_RATIO * 18.0);
    assert!((heading[0].1 - top_baseline).abs() < 0.01);
    // Without keep_next (a plain paragraph instead) the line would have stayed.
    let src = format!("{}@p plain\nKhông giữ\n{}", filler(29), para_of(3));
    let (_, laid) = lay(&src, "dang");
    assert_eq!(lines(&laid, 29)[0].0, 0);

    // After @pagebreak the space before is kept.
    let src = "@p plain\nTrang một\n@pagebreak\n@heading 2\nTiêu đề\n";
    let (_, laid) = lay(src, "dang");
    let heading = lines(&laid, 2);
    assert_eq!(heading[0].0, 1);
    // (Under the break's own one-twip paragraph mark, as in the DOCX.)
    assert!((heading[0].1 - (top_baseline - 6.0 - 0.05)).abs() < 0.01);
}

#[test]
fn widow_and_orphan_control() {
    // After 29 fillers one line fits: a lone first line would be an orphan, so the
    // whole paragraph moves.
    let (_, laid) = lay(&format!("{}{}", filler(29), para_of(6)), "dang");
    let l = lines(&laid, 29);
    assert_eq!(l.len(), 6);
    assert!(l.iter().all(|l| l.0 == 1));
    // After 28 fillers three lines fit. Six lines split 3 + 3.
    let (_, laid) = lay(&format!("{}{}", filler(28), para_of(6)), "dang");
    let pages: Vec<usize> = lines(&laid, 28).iter().map(|l| l.0).collect();
    assert_eq!(pages, [0, 0, 0, 1, 1, 1]);
    // Four lines would leave a widow (3 + 1): one more line goes down, 2 + 2.
    let (_, laid) = lay(&format!("{}{}", filler(28), para_of(4)), "dang");
    let pages: Vec<usize> = lines(&laid, 28).iter().map(|l| l.0).collect();
    assert_eq!(pages, [0, 0, 1, 1]);
    // Three lines cannot split at all.
    let (_, laid) = lay(&format!("{}{}", filler(28), para_of(3)), "dang");
    assert_eq!(lines(&laid, 28).len(), 3);
    let (_, laid) = lay(&format!("{}{}", filler(29), para_of(3)), "dang");
    let pages: Vec<usize> = lines(&laid, 29).iter().map(|l| l.0).collect();
    assert_eq!(pages, [1, 1, 1]);
}

#[test]
fn state_document_table_rows_never_split_and_headers_repeat() {
    let (doc, laid) = lay(TO_TRINH, "nha-nuoc");
    let table = block_index(&doc, |b| matches!(b, Block::Table(_)));
    let Block::Table(t) = &doc.blocks[table] else {
        unreachable!()
    };
    assert_eq!(t.rows.len(), 41);
    // @pagebreak: the annex starts page 2.
    let annex = table - 1;
    assert_eq!(lines(&laid, annex)[0].0, 1);
    // The closing of the letter is on page 1 with the last body lines.
    let closing = block_index(&doc, |b| matches!(b, Block::Closing(_)));
    assert!(lines(&laid, closing).iter().all(|l| l.0 == 0));

    let table_pages: Vec<usize> = {
        let mut p: Vec<usize> = lines(&laid, table).iter().map(|l| l.0).collect();
        p.dedup();
        p
    };
    assert!(table_pages.len() >= 2, "a 40-row table spans pages");
    for &p in &table_pages {
        // Each page of the table starts with the header row.
        let first = lines(&laid, table).into_iter().find(|l| l.0 == p).unwrap();
        assert!(
            first.2.starts_with("STT"),
            "page {p} starts with {:?}",
            first.2
        );
    }
    // Every row, however many lines its cells wrap to, is on one page between two of
    // its borders: the STT cell and the whole text of the row's last cell are found in
    // one band between horizontal rules.
    let third_column = 85.05 + (8.0 + 34.0) / 100.0 * 467.75;
    for row in &t.rows[1..] {
        let stt = plain_text(&row[0]);
        let unit = plain_text(&row[2]);
        let found: Vec<(usize, &Text)> = laid
            .pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| texts(p).map(move |t| (i, t)))
            .filter(|(_, t)| t.block == table && t.text == stt)
            .collect();
        assert_eq!(found.len(), 1, "row {stt}");
        let (p, at) = found[0];
        let rules: Vec<f32> = laid.pages[p]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Rule(r) if r.y1 == r.y2 => Some(r.y1),
                _ => None,
            })
            .collect();
        let top = rules
            .iter()
            .copied()
            .filter(|y| *y > at.y)
            .fold(f32::MAX, f32::min);
        let bottom = rules
            .iter()
            .copied()
            .filter(|y| *y < at.y)
            .fold(f32::MIN, f32::max);
        let mut cell: Vec<&Text> = texts(&laid.pages[p])
            .filter(|t| t.block == table && t.x > third_column && t.y < top && t.y > bottom)
            .collect();
        cell.sort_by(|a, b| b.y.total_cmp(&a.y));
        let joined = cell
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, unit, "row {stt}");
    }
}

#[test]
fn a_row_that_does_not_fit_moves_with_the_header_repeated() {
    // Three or four lines of 17 pt in its cell: a 51–68 pt row.
    let long = "Chi cục Văn thư - Lưu trữ, kiêm nhiệm công tác tổng hợp, theo dõi thi đua của các đơn vị sự nghiệp trực thuộc Sở và các phòng chuyên môn; phụ trách công tác khen thưởng đột xuất, khen thưởng theo chuyên đề của các cơ quan, đơn vị";
    let mut src = filler(26);
    src.push_str("@table widths=10,90 header=1\nSTT | Đơn vị\n");
    for i in 1..=3 {
        src.push_str(&format!("{i} | {long}\n"));
    }
    let (_, laid) = lay(&src, "dang");
    let rows = lines(&laid, 26);
    // Row 1 fits on page 1 after the header; row 2 does not and moves whole.
    let pages: Vec<(usize, String)> = rows.iter().map(|l| (l.0, l.2.clone())).collect();
    let page_of = |s: &str| {
        pages
            .iter()
            .filter(|(_, t)| t.starts_with(s))
            .map(|(p, _)| *p)
            .collect::<Vec<_>>()
    };
    assert_eq!(page_of("STT"), [0, 1]);
    assert_eq!(page_of("1"), [0]);
    assert_eq!(page_of("2"), [1]);
    let row2: Vec<&(usize, f32, String)> = rows.iter().filter(|l| l.0 == 1).collect();
    assert!(
        row2.len() >= 4,
        "header + the wrapped lines of row 2 on page 2"
    );
    // Header rows keep with the first body row: after 28 fillers neither fits.
    let mut src = filler(28);
    src.push_str("@table widths=10,90 header=1\nSTT | Đơn vị\n");
    src.push_str(&format!("1 | {long}\n"));
    let (_, laid) = lay(&src, "dang");
    assert!(lines(&laid, 28).iter().all(|l| l.0 == 1));
}

#[test]
fn missing_glyph_is_an_error_naming_it() {
    let doc = markup::parse("@p\nKý hiệu 中 không có\n").unwrap();
    let profile = Profile::builtin("dang").unwrap();
    let e = layout(&doc, profile, Fonts::embedded()).unwrap_err();
    assert_eq!(
        e,
        LayoutError::MissingGlyph {
            ch: '中',
            text: "Ký hiệu 中 không có".into()
        }
    );
    let msg = e.to_string();
    assert!(msg.contains("U+4E2D") && msg.contains("中") && msg.contains("Ký hiệu"));
}

#[test]
fn addressees_hang_under_the_text_after_the_label() {
    let src = "@to\nỦy ban nhân dân tỉnh Kon Tum, Hội đồng Thi đua - Khen thưởng tỉnh và các sở, ban, ngành có liên quan;\n- Sở Tài chính.\n";
    let (_, laid) = lay(src, "nha-nuoc");
    let page = &laid.pages[0];
    let label = texts(page)
        .find(|t| t.text.starts_with("Kính gửi:"))
        .unwrap();
    assert!((label.x - 85.05).abs() < 0.01);
    let fonts = Fonts::embedded();
    let indent = fonts.styled(false, false).width("Kính gửi: ", 14.0);
    let others: Vec<&Text> = texts(page).filter(|t| t.y < label.y - 1.0).collect();
    assert!(others.len() >= 2);
    for t in others {
        assert!(
            (t.x - (85.05 + indent)).abs() < 0.05,
            "{} at {}",
            t.text,
            t.x
        );
    }
}

#[test]
fn spacing_between_paragraphs_is_the_larger_of_after_and_before() {
    // plain: 18 pt lines, 6 pt after; center: 6 pt before. LibreOffice (and Word) put
    // 6 pt between them, not 12.
    let (_, laid) = lay("@p plain\nMột\n@p center\nHAI\n", "dang");
    let (a, b) = (lines(&laid, 0)[0].1, lines(&laid, 1)[0].1);
    assert!((a - b - (18.0 + 6.0)).abs() < 0.01, "{}", a - b);
}

#[test]
fn an_annex_starts_a_page_and_numbers_its_pages_from_one() {
    let para = "Nội dung đoạn văn đủ dài để chiếm vài dòng trên trang giấy khổ A4 của văn bản hành chính. ".repeat(6);
    let body: String = (0..40).map(|_| format!("{para}\n\n")).collect();
    let src = format!("@p\n{body}@annex\n@p annex-title\nPHỤ LỤC\n@p\n{body}");
    let (_, laid) = lay(&src, "nha-nuoc");
    let numbers: Vec<Option<String>> = laid
        .pages
        .iter()
        .map(|p| p.number.as_ref().map(|t| t.text.clone()))
        .collect();
    let annex = pages_with(&laid, "PHỤ LỤC")[0];
    assert!(annex > 1, "the body fills pages first");
    // Page 1 and the annex's first page show no number; each part counts from 1.
    assert_eq!(numbers[0], None);
    assert_eq!(numbers[annex], None);
    for (i, n) in numbers.iter().enumerate().take(annex).skip(1) {
        assert_eq!(n.as_deref(), Some((i + 1).to_string().as_str()));
    }
    for (i, n) in numbers.iter().enumerate().skip(annex + 1) {
        assert_eq!(n.as_deref(), Some((i - annex + 1).to_string().as_str()));
    }
    assert!(
        numbers.len() > annex + 1,
        "the annex runs over several pages"
    );
}

/// The closing never starts a page with less than two body lines above it (Nghị định
/// 30 and common practice): when it does not fit under one-line paragraphs, the last two
/// go with it, and the rest of the body stays on the page before.
#[test]
fn a_closing_takes_the_last_two_body_lines_to_its_page() {
    let closing = "@closing\nleft label: Nơi nhận:\nleft item: - Như trên;\nleft item: - Lưu VT.\n\
                   right role: T/M KHỐI THI ĐUA\nright role: TRƯỞNG KHỐI\nright name: Nguyễn Văn An\n";
    let mut moved = 0;
    for n in 20..40 {
        let (_, laid) = lay(&format!("{}{closing}", filler(n)), "dang");
        let page_of = |b: usize| lines(&laid, b)[0].0;
        let at = page_of(n);
        if at == 0 {
            continue;
        }
        moved += 1;
        assert_eq!(
            page_of(n - 1),
            at,
            "{n} fillers: the last line stays behind"
        );
        assert_eq!(page_of(n - 2), at, "{n} fillers: one line only went along");
        if moved == 1 {
            // The first time the closing does not fit: only the two lines went along.
            assert_eq!(page_of(n - 3), at - 1, "{n} fillers: more went along");
        }
    }
    assert!(moved > 0, "no case where the closing moved");
}

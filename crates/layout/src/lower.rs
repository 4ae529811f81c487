//! The model's blocks, lowered: every paragraph, spacer, rule and table the writers
//! put down, with its properties resolved.

use vanban_font::breaker::{Frame, Span, break_lines, fits};
use vanban_font::{Fonts, Variant};
use vanban_model::profile::{Align as ProfileAlign, MarkKind, Profile, Style};
use vanban_model::{
    Addressees, Block, CellAlign, Closing, Column, Document, Grid, Header, Image, List, ParaStyle,
    Run, SignLine, Table as ModelTable, Title,
};

use crate::geometry::{keeps_whole, mm_twips, proportional, split};
use crate::text::{Breaking, content, frame, name_keys, run_format, styled};
use crate::{
    Content, Format, Inline, Line, Lowered, Node, PageBox, PageNumber, Para, Picture, Problem, Row,
    Table, pt, stack_height, twips,
};

/// Lowers `doc` for both writers, measuring with `fonts`.
pub fn lower(doc: &Document, profile: &Profile, fonts: &Fonts) -> Lowered {
    let p = &profile.page;
    let page = PageBox {
        width: mm_twips(p.width_mm),
        height: mm_twips(p.height_mm),
        top: mm_twips(p.margin_top_mm),
        bottom: mm_twips(p.margin_bottom_mm),
        left: mm_twips(p.margin_left_mm),
        right: mm_twips(p.margin_right_mm),
        header: mm_twips(p.number_top_mm),
    };
    let mut l = Lowerer {
        doc,
        profile,
        fonts,
        page,
        names: name_keys(&doc.meta.names),
        nodes: Vec::new(),
        problems: Vec::new(),
        block: 0,
    };
    for (i, block) in doc.blocks.iter().enumerate() {
        l.block = i;
        match block {
            Block::Header(h) => l.header(h),
            Block::Title(t) => l.title(t),
            Block::Addressees(a) => l.addressees(a),
            Block::Heading(h) => {
                let style = profile.heading(h.level);
                let mut para = l.para(&h.runs, style, Breaking::Word);
                // A heading always keeps with what it heads.
                para.format.keep_next = true;
                l.push(para);
            }
            Block::Paragraph(p) => {
                let style = profile.paragraph(p.style);
                // Titles of a news item or an annex, and centred lines, are set balanced.
                let breaking = match p.style {
                    ParaStyle::NewsTitle | ParaStyle::AnnexTitle | ParaStyle::Center
                        if style.align != ProfileAlign::Justify =>
                    {
                        Breaking::Balanced
                    }
                    _ => Breaking::Word,
                };
                let para = l.para(&p.runs, style, breaking);
                l.push(para);
            }
            Block::List(list) => l.list(list),
            Block::Table(t) => l.table(t),
            Block::Closing(c) => l.closing(c),
            Block::Grid(g) => l.grid(g),
            Block::Image(img) => l.image(img),
            Block::PageBreak => l.nodes.push(Node::PageBreak),
            Block::AnnexBreak => l.nodes.push(Node::SectionEnd),
        }
    }
    // A body that ends with a table still ends with a paragraph, as Word wants; it takes
    // no room, so it cannot push an empty page.
    if matches!(l.nodes.last(), Some(Node::Table(_))) {
        l.spacer(0.0, false);
    }
    let number = &profile.page_number;
    Lowered {
        page,
        page_number: PageNumber {
            format: format(number),
            run: run_format(number, None),
        },
        default_size: profile.paragraph(ParaStyle::Body).size,
        nodes: l.nodes,
        problems: l.problems,
    }
}

impl Lowered {
    /// The line of page number `n`, across the text width.
    pub fn page_number_line(&self, n: usize, fonts: &Fonts) -> Line {
        let f = self.page_number.run;
        let spans = [Span {
            text: n.to_string(),
            variant: Variant::of(f.bold, f.italic),
            size: f.size,
            underline: f.underline,
        }];
        let width = pt(self.page.text_width());
        break_lines(&spans, fonts, frame(width, &self.page_number.format)).remove(0)
    }
}

/// Whether `text` fits on one line of the header's right column at the widest the
/// profile allows it (the left column at `left_percent_min`): a place-and-date line
/// that does not is a warning for the record's author.
pub fn place_date_fits(profile: &Profile, fonts: &Fonts, text: &str) -> bool {
    header_widths(profile, fonts, text).1
}

/// The header's two columns in twips: the profile's split, or a narrower left column
/// (down to `left_percent_min`) so that the place-and-date line fits on one line; and
/// whether it does.
fn header_widths(profile: &Profile, fonts: &Fonts, place_date: &str) -> ([i32; 2], bool) {
    let hp = &profile.header;
    let total = crate::geometry::text_width_twips(&profile.page);
    let [left, right] = split(total, hp.left_percent);
    let style = &hp.place_date;
    let text = vanban_viet::nfc(place_date);
    let width = fonts
        .styled(style.bold, style.italic)
        .width(&text, style.size)
        + pt(mm_twips(style.left_indent_mm));
    if fits(width, pt(right)) {
        return ([left, right], true);
    }
    // The least right column that fits, with 5 pt to spare: a point over the breaker's
    // limit LibreOffice still wraps the italic line in the cell, five it does not
    // (scripts/fidelity, generated records with long place names).
    let need = twips(width) + 2 + 100;
    let least_left = split(total, hp.left_percent_min)[0];
    if total - need >= least_left {
        ([total - need, need], true)
    } else {
        ([least_left, total - least_left], false)
    }
}

/// A profile style as paragraph properties.
pub(crate) fn format(style: &Style) -> Format {
    Format {
        align: match style.align {
            ProfileAlign::Left => crate::Align::Left,
            ProfileAlign::Center => crate::Align::Center,
            ProfileAlign::Right => crate::Align::Right,
            ProfileAlign::Justify => crate::Align::Justify,
        },
        line: Some(twips(style.line_pt).max(1)),
        before: twips(style.space_before_pt),
        after: twips(style.space_after_pt),
        left: mm_twips(style.left_indent_mm),
        right: 0,
        first: mm_twips(style.first_indent_mm),
        tab: None,
        keep_next: style.keep_next,
        mark: Some(run_format(style, None)),
    }
}

struct Lowerer<'a> {
    doc: &'a Document,
    profile: &'a Profile,
    fonts: &'a Fonts,
    page: PageBox,
    names: Vec<Vec<String>>,
    nodes: Vec<Node>,
    problems: Vec<Problem>,
    block: usize,
}

/// What a line of a signature column is, for aligning the lines of a grid row: the
/// agency's lines, then roles and notes, then the name.
fn phase(kind: SignLine) -> u8 {
    match kind {
        SignLine::Agency => 0,
        SignLine::Name => 2,
        _ => 1,
    }
}

impl Lowerer<'_> {
    fn text_width(&self) -> i32 {
        self.page.text_width()
    }

    fn push(&mut self, p: Para) {
        self.nodes.push(Node::Para(p));
    }

    /// A paragraph of `runs` in `style` across the text width.
    fn para(&mut self, runs: &[Run], style: &Style, breaking: Breaking) -> Para {
        self.para_in(runs, format(style), style, pt(self.text_width()), breaking)
    }

    /// A paragraph with properties `format` in a column `width` points wide.
    fn para_in(
        &mut self,
        runs: &[Run],
        format: Format,
        style: &Style,
        width: f32,
        breaking: Breaking,
    ) -> Para {
        let runs = styled(runs, style, self.fonts, &mut self.problems);
        let content = content(
            runs,
            frame(width, &format),
            breaking,
            &self.names,
            self.fonts,
        );
        Para {
            block: self.block,
            format,
            content,
            sign: None,
        }
    }

    /// An empty paragraph exactly `height` high (a twip at least): vertical space where
    /// no paragraph spacing can go (around tables), and the paragraph Word needs between
    /// two tables.
    fn spacer(&mut self, height: f32, keep_next: bool) {
        let p = Para {
            block: self.block,
            format: Format {
                line: Some(twips(height).max(1)),
                keep_next,
                ..Format::default()
            },
            content: Content::Empty,
            sign: None,
        };
        self.push(p);
    }

    /// Before a table right after another: Word merges two tables that touch, so a
    /// spacer of `height` stands between.
    fn table_gap(&mut self, height: f32) {
        if matches!(self.nodes.last(), Some(Node::Table(_))) {
            self.spacer(height, false);
        }
    }

    /// A solid rule `length` points long, centred in a column `column` twips wide,
    /// then `after` twips of space.
    fn rule(&self, length: f32, column: i32, after: i32) -> Para {
        let side = twips(((pt(column) - length) / 2.0).max(0.0));
        Para {
            block: self.block,
            format: Format {
                line: Some(1),
                after,
                left: side,
                right: side,
                ..Format::default()
            },
            content: Content::Rule {
                thickness: self.profile.rule_pt,
            },
            sign: None,
        }
    }

    /// What stands under text whose longest line is `longest` points (the issuer, a
    /// title) in a column `column` twips wide: a line of text or a rule, then `after`
    /// more space.
    fn mark(&mut self, kind: MarkKind, longest: f32, column: i32, after: f32) -> Option<Para> {
        match kind {
            MarkKind::Text(text, style) => {
                let style = Style {
                    space_after_pt: style.space_after_pt + after,
                    ..style.clone()
                };
                Some(self.para_in(
                    &[Run::plain(text)],
                    format(&style),
                    &style,
                    pt(column),
                    Breaking::Word,
                ))
            }
            // Nothing to stand under, no rule.
            MarkKind::Rule(_) if longest <= 0.0 => None,
            MarkKind::Rule(ratio) => Some(self.rule(ratio * longest, column, twips(after))),
            MarkKind::None => None,
        }
    }

    /// A line of text in a column: one paragraph.
    fn line_in(&mut self, text: &str, style: &Style, column: i32, breaking: Breaking) -> Para {
        self.para_in(
            &[Run::plain(text)],
            format(style),
            style,
            pt(column),
            breaking,
        )
    }

    /// The page-1 header: a borderless two-column table of two rows, without padding.
    /// Left: parents, issuer, its mark; number and brief. Right: the national or Party
    /// title and its rule; the place-and-date line, level with the number, on one line.
    fn header(&mut self, h: &Header) {
        let hp = &self.profile.header;
        let (widths, _) = header_widths(self.profile, self.fonts, &h.place_date);
        let [lw, rw] = widths;
        let mut left = Vec::new();
        for parent in &h.parents {
            left.push(self.line_in(parent, &hp.parent, lw, Breaking::Explicit));
        }
        let issuer = self.line_in(&h.issuer, &hp.issuer, lw, Breaking::Explicit);
        let issuer_width = longest(&issuer);
        left.push(issuer);
        left.extend(self.mark(hp.issuer_mark.kind(), issuer_width, lw, 0.0));

        let mut right = Vec::new();
        let mut last = 0.0;
        for line in &hp.national {
            let p = self.line_in(&line.text, &line.style, rw, Breaking::Word);
            last = longest(&p);
            right.push(p);
        }
        if hp.national_rule_ratio > 0.0 && last > 0.0 {
            right.push(self.rule(hp.national_rule_ratio * last, rw, 0));
        }

        let mut number = Vec::new();
        if let Some(n) = &h.number {
            number.push(self.line_in(n, &hp.number, lw, Breaking::Word));
        }
        if let Some(b) = &h.brief {
            number.push(self.line_in(b, &hp.brief, lw, Breaking::Word));
        }
        let date = vec![self.line_in(&h.place_date, &hp.place_date, rw, Breaking::Word)];
        let mut first = self.row(vec![left, right], 0.0, 0.0);
        // The number row never starts a page without the rest of the header.
        first.keep_next = true;
        let second = self.row(vec![number, date], 0.0, 0.0);
        self.layout_table(&widths, vec![first, second]);
        self.spacer(hp.space_after_pt, false);
    }

    /// A borderless or ruled row: whole when its content, `border` above (and below),
    /// fits on a page under `above` points of repeated header rows.
    fn row(&self, cells: Vec<Vec<Para>>, border: f32, above: f32) -> Row {
        let content = cells.iter().map(|c| stack_height(c)).fold(0.0, f32::max);
        Row {
            whole: keeps_whole(content + border, above, &self.profile.page),
            cells,
            keep_next: false,
        }
    }

    /// Type, summary lines and the mark under them, all kept with what follows, set
    /// balanced; the title's own space goes under the last of them.
    fn title(&mut self, t: &Title) {
        let tp = &self.profile.title;
        let mark = tp.mark.kind();
        let extra = if mark == MarkKind::None {
            tp.space_after_pt
        } else {
            0.0
        };
        let with_after = |style: &Style, extra: f32| Style {
            space_after_pt: style.space_after_pt + extra,
            keep_next: true,
            ..style.clone()
        };
        let kind_style = with_after(&tp.kind, if t.summary.is_empty() { extra } else { 0.0 });
        let kind = self.para(
            &[Run::plain(t.kind.as_str())],
            &kind_style,
            Breaking::Balanced,
        );
        // The mark stands under the longest summary line, or under the type.
        let mut longest_line = if t.summary.is_empty() {
            longest(&kind)
        } else {
            0.0
        };
        self.push(kind);
        for (i, s) in t.summary.iter().enumerate() {
            let last = i + 1 == t.summary.len();
            let style = with_after(&tp.summary, if last { extra } else { 0.0 });
            let p = self.para(s, &style, Breaking::Balanced);
            longest_line = longest_line.max(longest(&p));
            self.push(p);
        }
        if let Some(mut p) = self.mark(mark, longest_line, self.text_width(), tp.space_after_pt) {
            p.format.keep_next = true;
            self.push(p);
        }
    }

    /// "Kính gửi:" then a tab to where every addressee line starts: a hanging indent as
    /// wide as the label and a space, rounded up to twips. The lines keep together.
    fn addressees(&mut self, a: &Addressees) {
        let st = &self.profile.addressees;
        let label = styled(
            &[Run::plain(format!("{} ", a.label))],
            st,
            self.fonts,
            &mut self.problems,
        );
        let label_width: f32 = label
            .iter()
            .map(|(t, f)| {
                self.fonts
                    .face(Variant::of(f.bold, f.italic))
                    .width(t, f.size)
            })
            .sum();
        // Rounded up, so the label always ends before the tab stop.
        let hang = (label_width * 20.0).ceil() as i32;
        let indent = mm_twips(st.left_indent_mm);
        let left = indent + hang;
        let count = a.lines.len().max(1);
        let empty = Vec::new();
        for i in 0..count {
            let mut f = format(st);
            f.before = if i == 0 { f.before } else { 0 };
            f.after = if i + 1 == count { f.after } else { 0 };
            f.keep_next = st.keep_next || i + 1 < count;
            f.left = left;
            f.first = 0;
            let runs = a.lines.get(i).unwrap_or(&empty);
            let mut p = self.para_in(runs, f, st, pt(self.text_width()), Breaking::Word);
            if i == 0 {
                p.format.first = -hang;
                p.format.tab = Some(left);
                if let Content::Text { inlines, lines } = &mut p.content {
                    let (text, rf) = label[0].clone();
                    let mut head = vec![Inline::Text(text.trim_end().to_string(), rf)];
                    if !a.lines.is_empty() {
                        head.push(Inline::Tab(rf));
                    }
                    inlines.splice(0..0, head);
                    // The label at the hanging start of the first line.
                    let spans = [Span {
                        text: text.clone(),
                        variant: Variant::of(rf.bold, rf.italic),
                        size: rf.size,
                        underline: rf.underline,
                    }];
                    let f = Frame {
                        width: pt(self.text_width()),
                        left_indent: pt(indent),
                        first_indent: 0.0,
                        align: crate::Align::Left,
                    };
                    let label_line = break_lines(&spans, self.fonts, f).remove(0);
                    if let Some(first) = lines.first_mut() {
                        first.pieces.splice(0..0, label_line.pieces);
                    }
                }
            }
            self.push(p);
        }
    }

    /// A list: body paragraphs opening with their marker, written as text.
    fn list(&mut self, l: &List) {
        let style = self.profile.paragraph(ParaStyle::Body);
        for (i, item) in l.items.iter().enumerate() {
            let mut runs = vec![Run::plain(l.marker.label(i))];
            runs.extend(item.iter().cloned());
            let p = self.para(&runs, style, Breaking::Word);
            self.push(p);
        }
    }

    /// The ruled table of an annex: single borders, padded cells centred vertically,
    /// header rows repeated on every page, body cells aligned per column.
    fn table(&mut self, t: &ModelTable) {
        let tp = &self.profile.table;
        self.table_gap(self.profile.paragraph(ParaStyle::Body).space_after_pt);
        let widths = proportional(&t.widths, self.text_width());
        let pad = mm_twips(tp.cell_padding_mm).max(0);
        let border = tp.border_pt;
        let last = t.rows.len().saturating_sub(1);
        let mut rows: Vec<Row> = Vec::new();
        let mut above = 0.0;
        for (i, row) in t.rows.iter().enumerate() {
            let header = i < t.header_rows;
            let cells: Vec<Vec<Para>> = row
                .iter()
                .enumerate()
                .map(|(j, cell)| {
                    let style = if header {
                        tp.header.clone()
                    } else {
                        Style {
                            align: match t.align.get(j).copied().unwrap_or_default() {
                                CellAlign::Left => ProfileAlign::Left,
                                CellAlign::Center => ProfileAlign::Center,
                                CellAlign::Right => ProfileAlign::Right,
                            },
                            ..tp.cell.clone()
                        }
                    };
                    let width = widths.get(j).copied().unwrap_or(0) - 2 * pad;
                    vec![self.para_in(cell, format(&style), &style, pt(width), Breaking::Word)]
                })
                .collect();
            // A row is its top border and its content (the last row its bottom border
            // too), as LibreOffice lays it out; header rows repeat above every body row
            // that starts a page.
            let b = border + if i == last { border } else { 0.0 };
            let mut r = self.row(cells, b, if header { 0.0 } else { above });
            if header {
                above += stack_height_row(&r) + b;
                // Header rows stay together and with the first body row.
                r.keep_next = true;
            }
            rows.push(r);
        }
        self.nodes.push(Node::Table(Table {
            block: self.block,
            widths,
            padding: pad,
            border: Some(border),
            centre: true,
            header_rows: t.header_rows,
            rows,
        }));
    }

    /// Keeps the last body blocks with what comes next, a closing or a grid, until
    /// `lines` lines go with it: the signatures never start a page without text above.
    fn keep_body_with_next(&mut self, lines_wanted: usize) {
        let mut lines = 0;
        for node in self.nodes.iter_mut().rev() {
            match node {
                Node::Para(p)
                    if p.text_lines() > 0 && self.doc.blocks[p.block].keeps_with_closing() =>
                {
                    p.format.keep_next = true;
                    lines += p.text_lines();
                }
                Node::Table(t) if self.doc.blocks[t.block].keeps_with_closing() => {
                    if let Some(r) = t.rows.last_mut() {
                        // Word keeps a row with the next when its paragraphs do.
                        r.keep_next = true;
                        r.cells
                            .iter_mut()
                            .flatten()
                            .for_each(|p| p.format.keep_next = true);
                    }
                    lines += 2;
                }
                _ => break,
            }
            if lines >= lines_wanted {
                break;
            }
        }
    }

    /// A closing column or grid cell `width` twips wide: each line a paragraph in its
    /// profile style, set balanced; a name after the room for the hand signature,
    /// keeping its line even when empty; `gap` above the first line.
    fn sign_column(&mut self, col: &Column, width: i32, gap: f32) -> Vec<Para> {
        let sp = &self.profile.sign;
        let mut out = Vec::new();
        for (i, (kind, text)) in col.lines.iter().enumerate() {
            let mut style = sp.style(*kind).clone();
            if *kind == SignLine::Name {
                style.space_before_pt += sp.signature_space_pt;
            }
            if i == 0 {
                style.space_before_pt += gap;
            }
            let breaking = match kind {
                SignLine::RecipientsLabel | SignLine::Recipient => Breaking::Word,
                _ => Breaking::Explicit,
            };
            if *kind == SignLine::Name && !text.trim().is_empty() {
                // A signer's name is one unit.
                self.names
                    .push(crate::text::name_keys(std::slice::from_ref(text)).remove(0));
            }
            let mut p = self.line_in(text, &style, width, breaking);
            if *kind == SignLine::Name && !col.id.is_empty() {
                // The signature goes in the room above the name (Phụ lục I).
                p.sign = Some(crate::SignPlace {
                    id: col.id.clone(),
                    seal: col.seal.clone(),
                    seal_overlap: sp.seal_overlap,
                    max_aspect: sp.signature_max_aspect,
                    seal_side: vanban_model::profile::mm_to_pt(sp.seal_size_mm),
                    room: sp.signature_space_pt,
                });
            }
            out.push(p);
        }
        out
    }

    /// A borderless table without padding, as the header and the closing are laid out.
    fn layout_table(&mut self, widths: &[i32], rows: Vec<Row>) {
        self.nodes.push(Node::Table(Table {
            block: self.block,
            widths: widths.to_vec(),
            padding: 0,
            border: None,
            centre: false,
            header_rows: 0,
            rows,
        }));
    }

    /// Recipients and signature side by side, flush with the margins: never split (but
    /// for one taller than a page), never starting a page without the last body lines.
    fn closing(&mut self, c: &Closing) {
        let sp = &self.profile.sign;
        // The last body lines go with it (`sign.keep_body_lines`: a signature never
        // starts a page alone).
        self.keep_body_with_next(sp.keep_body_lines);
        // The space above is the cells' own (space before their first line), not a
        // spacer paragraph: LibreOffice does not carry a chain of kept paragraphs through
        // an empty one into a table (it moved the closing alone, the body's last line
        // left behind); without it the kept lines go with the table, as in Word.
        let gap = sp.space_before_pt;
        let widths = split(self.text_width(), sp.left_percent);
        let left = self.sign_column(&c.left, widths[0], gap);
        let right = self.sign_column(&c.right, widths[1], gap);
        let row = self.row(vec![left, right], 0.0, 0.0);
        self.layout_table(&widths, vec![row]);
    }

    /// The signature grid: `columns` equal cells a row, the last row padded, rows that
    /// never split, the row gap at the top of every row but the first. Every agency
    /// signs: a cell without a name line gets one. In a row, the role lines of all
    /// cells start on one baseline, and so do the names.
    fn grid(&mut self, g: &Grid) {
        let sp = &self.profile.sign;
        let gap_pt = sp.grid_row_gap_pt;
        self.keep_body_with_next(sp.keep_body_lines);
        self.table_gap(gap_pt);
        let columns = g.columns.max(1);
        let widths = proportional(&vec![1; columns], self.text_width());
        let pad = mm_twips(self.profile.table.cell_padding_mm).max(0);
        let mut rows = Vec::new();
        for (r, chunk) in g.cells.chunks(columns).enumerate() {
            let gap = if r > 0 { gap_pt } else { 0.0 };
            let mut cells = Vec::new();
            let mut kinds = Vec::new();
            for (j, c) in chunk.iter().enumerate() {
                let mut col = c.clone();
                if !col.lines.iter().any(|(k, _)| *k == SignLine::Name) {
                    col.lines.push((SignLine::Name, String::new()));
                }
                cells.push(self.sign_column(&col, widths[j] - 2 * pad, gap));
                kinds.push(col.lines.iter().map(|l| phase(l.0)).collect::<Vec<_>>());
            }
            align_phases(&mut cells, &kinds);
            cells.resize_with(columns, Vec::new);
            rows.push(self.row(cells, 0.0, 0.0));
        }
        self.nodes.push(Node::Table(Table {
            block: self.block,
            widths,
            padding: pad,
            border: None,
            centre: false,
            header_rows: 0,
            rows,
        }));
    }

    /// A picture at 96 dpi, scaled down to the text width and a page's height, centred,
    /// in a paragraph of automatic line height, exactly as high as the picture, that
    /// keeps with its caption when it has one; then the caption.
    fn image(&mut self, img: &Image) {
        if !img.data.is_empty() {
            use vanban_model::picture;
            match (
                picture::dimensions(&img.data),
                picture::natural_size(&img.data),
            ) {
                (Some(pixels), Some(natural)) => {
                    if let Err(reason) = picture::check(&img.data) {
                        self.problems.push(Problem::Picture {
                            path: img.path.clone(),
                            reason,
                        });
                    }
                    let body = self.profile.paragraph(ParaStyle::Body);
                    let font_descent = self.fonts.face(Variant::Regular).descent(body.size);
                    // Within the text width and, with the body font's descent, a page's
                    // height (room kept as before for the page fit).
                    let room = self.page.body_height_pt() - font_descent;
                    // LibreOffice makes the picture's automatic line exactly as high as
                    // the picture: the text after it stands there (scripts/fidelity,
                    // word positions, generated records with photos).
                    let descent = 0.0;
                    let (width, height) =
                        crate::geometry::display_size(natural, pt(self.text_width()), room);
                    let p = Para {
                        block: self.block,
                        format: Format {
                            align: crate::Align::Center,
                            line: None,
                            keep_next: !img.caption.is_empty(),
                            ..Format::default()
                        },
                        content: Content::Picture(Picture {
                            width,
                            height,
                            pixels,
                            descent,
                        }),
                        sign: None,
                    };
                    self.push(p);
                }
                _ => self.problems.push(Problem::Image {
                    path: img.path.clone(),
                }),
            }
        }
        if !img.caption.is_empty() {
            let style = self.profile.paragraph(ParaStyle::Caption);
            let p = self.para(&img.caption, style, Breaking::Word);
            self.push(p);
        }
    }
}

/// The height of a row's tallest cell.
fn stack_height_row(r: &Row) -> f32 {
    r.cells.iter().map(|c| stack_height(c)).fold(0.0, f32::max)
}

/// The widest line of a paragraph.
fn longest(p: &Para) -> f32 {
    match &p.content {
        Content::Text { lines, .. } => lines.iter().map(|l| l.width).fold(0.0, f32::max),
        _ => 0.0,
    }
}

/// Pads the cells of a grid row so that each phase (roles, then the name) starts at the
/// same height in every cell: the first paragraph of the phase gets the difference as
/// space before.
fn align_phases(cells: &mut [Vec<Para>], kinds: &[Vec<u8>]) {
    for phase in [1u8, 2] {
        let tops: Vec<Option<(usize, f32)>> = cells
            .iter()
            .zip(kinds)
            .map(|(c, k)| {
                let i = k.iter().position(|&p| p >= phase)?;
                Some((i, top_of(c, i)))
            })
            .collect();
        let Some(highest) = tops.iter().flatten().map(|t| t.1).reduce(f32::max) else {
            continue;
        };
        for (c, t) in cells.iter_mut().zip(&tops) {
            if let Some((i, top)) = *t
                && highest - top > 0.001
            {
                let above = if i > 0 { c[i - 1].format.after } else { 0 };
                let f = &mut c[i].format;
                f.before = f.before.max(above) + twips(highest - top);
            }
        }
    }
}

/// The top of the first line of paragraph `i` in a cell.
fn top_of(cell: &[Para], i: usize) -> f32 {
    let mut y = 0.0;
    let mut after = 0.0f32;
    for p in &cell[..i] {
        y += after.max(pt(p.format.before)) + p.height();
        after = pt(p.format.after);
    }
    y + after.max(pt(cell[i].format.before))
}

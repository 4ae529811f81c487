//! One record through the pipeline: record → template → markup → document model → bytes.
//! Everything is produced in memory first; nothing is written unless every requested file
//! rendered (see [`crate::output`]).

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use vanban_font::Fonts;
use vanban_model::{Block, Document, Profile, markup};
use vanban_viet::ToneStyle;

use crate::context;
use crate::diag::Problem;
use crate::record::check::{DOCS, check};
use crate::record::load::{Loaded, load_file};
use crate::templates::{self, Templates};

/// What the PDF files name as their creator and producer.
pub const PRODUCER: &str = concat!("vanban ", env!("CARGO_PKG_VERSION"));

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Docx,
    Pdf,
    Html,
    /// The PDF's signature places as JSON (`NAME.sign.json`); only on request, never in
    /// [`Format::ALL`].
    SignMap,
}

impl Format {
    /// Every format, the default of `render` (HTML is made for the news item only).
    pub const ALL: [Format; 3] = [Format::Docx, Format::Pdf, Format::Html];

    pub fn ext(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::SignMap => "sign.json",
        }
    }
}

/// What to render; `None` means "everything the record has data for".
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub docs: Option<Vec<String>>,
    pub formats: Vec<Format>,
    /// Only the documents of this meeting (its `id`); `None`: every meeting's.
    pub meeting: Option<String>,
}

/// One document to render: which template, the meeting it reports or was signed at, the
/// section entry it comes from, and the file name without extension.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub doc: String,
    pub meeting: usize,
    /// Index into `tin_bai` / `bien_ban` for the per-meeting documents.
    pub entry: usize,
    pub stem: String,
}

/// The documents a record makes for `docs`. The minutes and the news item are per meeting:
/// with several meetings their files carry the meeting's id (`bien-ban-tong-ket.docx`),
/// so two meetings' minutes never overwrite each other.
pub fn jobs(l: &Loaded, docs: &[String], meeting: Option<&str>) -> Vec<Job> {
    let r = &l.record;
    let many = r.hoi_nghi.items.len() > 1;
    let mut out = Vec::new();
    for d in docs {
        match d.as_str() {
            "giao-uoc" | "to-trinh" => {
                let id = match d.as_str() {
                    "giao-uoc" => r.giao_uoc.as_ref().map(|g| g.hoi_nghi.as_str()),
                    _ => r.to_trinh.as_ref().map(|t| t.hoi_nghi.as_str()),
                };
                if let Some(id) = id {
                    out.push(Job {
                        doc: d.clone(),
                        meeting: context::meeting_index(r, id).unwrap_or(0),
                        entry: 0,
                        stem: d.clone(),
                    });
                }
            }
            _ => {
                let ids: Vec<&str> = match d.as_str() {
                    "tin-bai" => r
                        .tin_bai
                        .iter()
                        .flatten()
                        .map(|t| t.hoi_nghi.as_str())
                        .collect(),
                    _ => r
                        .bien_ban
                        .iter()
                        .flatten()
                        .map(|b| b.hoi_nghi.as_str())
                        .collect(),
                };
                for (entry, id) in ids.into_iter().enumerate() {
                    let mi = context::meeting_index(r, id).unwrap_or(0);
                    let stem = if many {
                        format!("{d}-{}", r.hoi_nghi.items[mi].id)
                    } else {
                        d.clone()
                    };
                    out.push(Job {
                        doc: d.clone(),
                        meeting: mi,
                        entry,
                        stem,
                    });
                }
            }
        }
    }
    if let Some(id) = meeting {
        out.retain(|j| r.hoi_nghi.items.get(j.meeting).is_some_and(|m| m.id == id));
    }
    out
}

/// Process-wide resources: compiled templates and fonts, loaded once.
pub struct Engine {
    pub templates: Templates,
    pub template_dir: Option<PathBuf>,
    pub fonts: &'static Fonts,
    /// A folder pictures may come from besides the record's own (`--anh-dir`).
    pub anh_dir: Option<PathBuf>,
}

impl Engine {
    /// The built-in templates and fonts, no template or picture folder: what tests,
    /// benches and a default run use.
    pub fn builtin() -> Engine {
        Engine {
            templates: Templates::load(None).expect("the built-in templates compile"),
            template_dir: None,
            fonts: Fonts::embedded(),
            anh_dir: None,
        }
    }
}

/// A rendered file, not yet written.
pub struct Rendered {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Whether the record has the section a document needs.
pub fn has_data(l: &Loaded, doc: &str) -> bool {
    let r = &l.record;
    match doc {
        "giao-uoc" => r.giao_uoc.is_some(),
        "tin-bai" => r.tin_bai.as_ref().is_some_and(|t| !t.is_empty()),
        "to-trinh" => r.to_trinh.is_some(),
        "bien-ban" => r.bien_ban.as_ref().is_some_and(|b| !b.is_empty()),
        _ => false,
    }
}

/// The record key that holds a document's section.
fn section_key(doc: &str) -> &'static str {
    match doc {
        "giao-uoc" => "giao_uoc",
        "tin-bai" => "tin_bai",
        "to-trinh" => "to_trinh",
        _ => "bien_ban",
    }
}

/// Loads and checks a record, its pictures included (`anh_dir`: the `--anh-dir` folder):
/// `Err` holds every problem (warnings included) when there is at least one error; `Ok`
/// carries the warnings.
pub fn load_checked(
    path: &Path,
    anh_dir: Option<&Path>,
) -> Result<(Loaded, Vec<Problem>), Vec<Problem>> {
    let (loaded, mut problems) = load_file(path)?;
    problems.extend(check(&loaded));
    problems.extend(crate::assets::check_record_pictures(&loaded, anh_dir));
    // In file order, as a reader goes through the record.
    problems.sort_by_key(|p| p.pos);
    if problems.iter().any(Problem::is_error) {
        Err(problems)
    } else {
        Ok((loaded, problems))
    }
}

impl Engine {
    /// The document models of a record's requested documents, one per job, before any
    /// writer runs (the text check of [`crate::lint`] reads these).
    pub fn documents(
        &self,
        l: &Loaded,
        req: &Request,
    ) -> Result<Vec<(Job, Document)>, Vec<Problem>> {
        let profile = Profile::builtin(&l.record.the_thuc).expect("checked");
        let docs: Vec<String> = match &req.docs {
            Some(d) => d.clone(),
            None => DOCS
                .iter()
                .filter(|d| has_data(l, d))
                .map(|d| d.to_string())
                .collect(),
        };
        let mut problems = Vec::new();
        for d in &docs {
            if !has_data(l, d) {
                problems.push(
                    Problem::error(
                        &l.file,
                        None,
                        section_key(d),
                        format!("hồ sơ chưa có mục «{}» nên không làm được văn bản {d}", section_key(d)),
                    )
                    .with_hint("thêm mục đó vào hồ sơ (xem docs/record.md), hoặc chọn văn bản khác bằng --doc"),
                );
            }
        }
        if docs.is_empty() {
            problems.push(Problem::error(
                &l.file,
                None,
                "",
                "hồ sơ không có mục văn bản nào (giao_uoc, tin_bai, to_trinh, bien_ban)",
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        if let Some(id) = &req.meeting
            && !l.record.hoi_nghi.items.iter().any(|m| &m.id == id)
        {
            let list: Vec<&str> = l
                .record
                .hoi_nghi
                .items
                .iter()
                .map(|m| m.id.as_str())
                .collect();
            problems.push(
                Problem::error(
                    &l.file,
                    None,
                    "hoi_nghi",
                    format!("hồ sơ không có hội nghị mang mã «{id}» (--hoi-nghi)"),
                )
                .with_hint(format!("các mã hội nghị: {}", list.join(", "))),
            );
            return Err(problems);
        }
        let view = context::build(&l.record, profile);
        let jobs = jobs(l, &docs, req.meeting.as_deref());
        let tone = match l.record.kieu_dau.as_deref() {
            Some("moi") => ToneStyle::New,
            _ => ToneStyle::Old,
        };
        let base = l.path.parent().unwrap_or(Path::new("."));
        // Documents first (cheap), then every (document, format) pair on all cores: one
        // record's files are independent, and a cold run of one record is what a user
        // previewing waits for.
        let mut built = Vec::with_capacity(jobs.len());
        for j in jobs {
            let ctx = templates::job_context(&l.record, &view, &j);
            match self.document(&j.doc, &ctx, tone, base) {
                Ok(mut doc) => {
                    doc.meta.names.extend(proper_names(&l.record));
                    built.push((j, doc))
                }
                Err(ps) => problems.extend(ps),
            }
        }
        if problems.is_empty() {
            Ok(built)
        } else {
            Err(problems)
        }
    }

    /// Renders one loaded record to the requested files, in memory.
    pub fn render(&self, l: &Loaded, req: &Request) -> Result<Vec<Rendered>, Vec<Problem>> {
        let profile = Profile::builtin(&l.record.the_thuc).expect("checked");
        let built = self.documents(l, req)?;
        let mut problems = Vec::new();
        // Each document is lowered once (`vanban_layout::lower`, plain data) for both its
        // DOCX and its PDF; documents in parallel, and each document's files in parallel
        // as soon as it is lowered (no barrier between the two stages). The order of the
        // files is the jobs' order, then the formats'.
        let formats = |j: &Job| -> Vec<Format> {
            req.formats
                .iter()
                .copied()
                // HTML is for the news item only.
                .filter(|f| *f != Format::Html || j.doc == "tin-bai")
                .collect()
        };
        let results: Vec<(String, Result<Vec<u8>, String>)> = built
            .par_iter()
            .flat_map_iter(|(j, doc)| {
                let formats = formats(j);
                let has = |f: Format| formats.contains(&f);
                // The sign map is the PDF's own signature places: one layout gives both.
                let pdf = has(Format::Pdf) || has(Format::SignMap);
                let lowered = (pdf || has(Format::Docx))
                    .then(|| vanban_layout::lower(doc, profile, self.fonts));
                let name = |f: Format| format!("{}.{}", j.stem, f.ext());
                let files: Vec<(String, Result<Vec<u8>, String>)> = formats
                    .par_iter()
                    // The map alone stands for the PDF it is laid out with.
                    .filter(|f| **f != Format::SignMap || !has(Format::Pdf))
                    .flat_map_iter(|f| match (f, &lowered) {
                        (Format::Docx, Some(low)) => vec![(
                            name(Format::Docx),
                            vanban_docx::write_lowered(doc, low, profile)
                                .map_err(|e| e.to_string()),
                        )],
                        (Format::Pdf | Format::SignMap, Some(low)) => {
                            match vanban_pdf::write_lowered_with_slots(
                                doc, low, profile, self.fonts, PRODUCER,
                            ) {
                                Ok((bytes, slots)) => {
                                    let mut v = Vec::new();
                                    if has(Format::Pdf) {
                                        v.push((name(Format::Pdf), Ok(bytes)));
                                    }
                                    if has(Format::SignMap) {
                                        let map = vanban_pdf::sidecar_json(&slots).into_bytes();
                                        v.push((name(Format::SignMap), Ok(map)));
                                    }
                                    v
                                }
                                Err(e) => vec![(name(Format::Pdf), Err(e.to_string()))],
                            }
                        }
                        (Format::Html, _) => vec![(
                            name(Format::Html),
                            Ok(vanban_html::write(doc, profile).into_bytes()),
                        )],
                        (Format::Docx | Format::Pdf | Format::SignMap, None) => {
                            unreachable!("lowered for every DOCX, PDF and sign map")
                        }
                    })
                    .collect();
                files
            })
            .collect();
        let mut out = Vec::with_capacity(results.len());
        for (name, bytes) in results {
            match bytes {
                Ok(bytes) => out.push(Rendered { name, bytes }),
                Err(e) => problems.push(Problem::error(&l.file, None, "", format!("{name}: {e}"))),
            }
        }
        if problems.is_empty() && out.is_empty() {
            problems.push(
                Problem::error(
                    &l.file,
                    None,
                    "",
                    "không có tệp nào để ghi: HTML chỉ làm cho tin bài",
                )
                .with_hint("dùng --doc tin-bai với --format html, hoặc chọn định dạng docx/pdf"),
            );
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }

    /// Template → markup → document model, with the record's tone-mark style applied and
    /// pictures loaded (paths relative to the record, confined: see [`crate::assets`]).
    pub fn document(
        &self,
        doc: &str,
        ctx: &tera::Context,
        tone: ToneStyle,
        base: &Path,
    ) -> Result<Document, Vec<Problem>> {
        let text = self
            .templates
            .render(doc, ctx, self.template_dir.as_deref())?;
        let mut model = markup::parse(&text).map_err(|e| {
            let name = format!("{doc}.vb");
            let file = self
                .template_dir
                .as_ref()
                .map(|d| d.join(&name))
                .filter(|p| p.is_file())
                .unwrap_or_else(|| Path::new("templates").join(&name));
            let line = text.lines().nth(e.line.saturating_sub(1)).unwrap_or("");
            // A line without template expressions stands as it is in the template: point
            // at it there.
            let src = crate::input::read_regular(&file, templates::MAX_TEMPLATE_BYTES)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .or_else(|| templates::embedded(&name).map(str::to_string))
                .unwrap_or_default();
            let pos = src
                .lines()
                .position(|l| !line.trim().is_empty() && l.trim() == line.trim())
                .map(|i| crate::record::locate::Pos { line: i + 1, col: 1 });
            vec![
                Problem::error(
                    &file.display().to_string(),
                    pos,
                    "",
                    format!(
                        "mẫu sinh ra văn bản đánh dấu sai ở dòng {} của kết quả: {}",
                        e.line, e.message
                    ),
                )
                .with_hint(format!(
                    "dòng đó là «{line}»; xem toàn bộ bằng «vanban markup HỒ_SƠ --doc {doc}» và cú pháp trong docs/markup.md"
                ))
                .with_source(&std::sync::Arc::from(src.as_str())),
            ]
        })?;
        model.map_text(&|t| vanban_viet::tone_style(t, tone));
        for b in &mut model.blocks {
            if let Block::Image(img) = b
                && !img.path.is_empty()
            {
                img.data = crate::assets::load_picture(base, self.anh_dir.as_deref(), &img.path)
                    .map_err(|m| {
                        vec![Problem::error(
                            &base.join(&img.path).display().to_string(),
                            None,
                            "",
                            m,
                        )]
                    })?;
            }
        }
        Ok(model)
    }
}

/// The record's proper names, which header and signature lines never break inside
/// (the layout's typography): the place and the members, as written (matching ignores
/// case and tone-mark style).
fn proper_names(r: &crate::record::types::Record) -> Vec<String> {
    let mut names = vec![r.dia_danh.clone(), r.dia_phuong.ten.clone()];
    names.extend(r.thanh_vien.iter().map(|m| m.ten.clone()));
    names.retain(|n| n.split_whitespace().count() > 1);
    names
}

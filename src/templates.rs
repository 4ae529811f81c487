//! The Tera templates: embedded in the binary, overridable from a folder, compiled once per
//! process, with the Vietnamese helpers as filters and functions. Templates write our markup
//! (docs/markup.md); autoescaping is on with the markup's escape function, so record text
//! with `*`, `@`, `|`, `<` or `&` arrives intact.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tera::{Context, Kwargs, State, Tera, TeraResult};
use vanban_viet::{self as viet, Date, DateStyle, NumberStyle, WordsOptions};

use crate::diag::Problem;
use crate::record::locate::Pos;

/// Template files shipped in the binary: the four documents and the parts they share.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("_dau.vb", include_str!("../templates/_dau.vb")),
    ("_lanh-dao.vb", include_str!("../templates/_lanh-dao.vb")),
    ("giao-uoc.vb", include_str!("../templates/giao-uoc.vb")),
    ("tin-bai.vb", include_str!("../templates/tin-bai.vb")),
    ("to-trinh.vb", include_str!("../templates/to-trinh.vb")),
    ("bien-ban.vb", include_str!("../templates/bien-ban.vb")),
];

/// The text of an embedded template by file name.
pub fn embedded(name: &str) -> Option<&'static str> {
    EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// How long one template may render before it is stopped and reported.
pub const TEMPLATE_TIME_LIMIT: Duration = Duration::from_secs(30);
/// Environment variable overriding [`TEMPLATE_TIME_LIMIT`], in whole seconds (for tests).
pub const TEMPLATE_TIME_ENV: &str = "VANBAN_TEMPLATE_SECONDS";
/// The most markup one template may produce (a document's markup is tens of KB).
pub const MAX_MARKUP_BYTES: usize = 8 * 1024 * 1024;
/// The largest template file read from a `--templates` folder.
pub const MAX_TEMPLATE_BYTES: usize = 1024 * 1024;
/// The largest number the `letter` filter takes (its letters repeat: 30 → "aa").
pub const MAX_LETTER: usize = 10_000;

/// The template time limit in force: [`TEMPLATE_TIME_ENV`] or [`TEMPLATE_TIME_LIMIT`].
pub fn template_time_limit() -> Duration {
    std::env::var(TEMPLATE_TIME_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&s| s > 0)
        .map_or(TEMPLATE_TIME_LIMIT, Duration::from_secs)
}

/// A writer that refuses to grow past a limit, so a runaway template stops early.
struct Bounded {
    buf: Vec<u8>,
    exceeded: bool,
}

impl std::io::Write for Bounded {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + b.len() > MAX_MARKUP_BYTES {
            self.exceeded = true;
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "markup limit",
            ));
        }
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Compiled templates, ready to render any number of records.
pub struct Templates {
    tera: Arc<Tera>,
}

/// Whether `kieu` names the Party convention: "party" (as `v.profile.convention` gives) or
/// "dang"; "state" or "nha-nuoc" is the state's. Anything else is a template error.
fn style_of(kwargs: &Kwargs) -> TeraResult<bool> {
    match kwargs.get::<&str>("kieu")?.unwrap_or("party") {
        "party" | "dang" => Ok(true),
        "state" | "nha-nuoc" => Ok(false),
        other => Err(tera::Error::message(format!(
            "kieu=«{other}» không có; dùng kieu=v.profile.convention, \"party\" hoặc \"state\""
        ))),
    }
}

fn date_arg(s: &str) -> TeraResult<Date> {
    Date::parse_iso(s).map_err(|e| tera::Error::message(e.to_string()))
}

/// "08:00", "8:00", "8h", "8h30" → "08 giờ 00 phút"; anything else is kept as written.
pub fn time_words(s: &str) -> String {
    let t = s.trim().to_lowercase();
    let (h, m) = match t.split_once([':', 'h']) {
        Some((h, m)) => (h.trim(), m.trim()),
        None => return s.to_string(),
    };
    let m = if m.is_empty() { "0" } else { m };
    match (h.parse::<u32>(), m.parse::<u32>()) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 => format!("{h:02} giờ {m:02} phút"),
        _ => s.to_string(),
    }
}

/// The reading choices of numbers in words, from filter arguments:
/// `nghin="ngàn"`, `linh="lẻ"`, `tu="bốn"` (defaults nghìn, linh, tư).
fn words_options(k: &Kwargs) -> TeraResult<WordsOptions> {
    let mut o = WordsOptions::default();
    match k.get::<&str>("nghin")? {
        None | Some("nghìn") => {}
        Some("ngàn") => o.thousand = viet::Thousand::Ngan,
        Some(x) => {
            return Err(tera::Error::message(format!(
                "nghin=«{x}»: dùng \"nghìn\" hoặc \"ngàn\""
            )));
        }
    }
    match k.get::<&str>("linh")? {
        None | Some("linh") => {}
        Some("lẻ") => o.zero_tens = viet::ZeroTens::Le,
        Some(x) => {
            return Err(tera::Error::message(format!(
                "linh=«{x}»: dùng \"linh\" hoặc \"lẻ\""
            )));
        }
    }
    match k.get::<&str>("tu")? {
        None | Some("tư") => {}
        Some("bốn") => o.four = viet::Four::Bon,
        Some(x) => {
            return Err(tera::Error::message(format!(
                "tu=«{x}»: dùng \"tư\" hoặc \"bốn\""
            )));
        }
    }
    Ok(o)
}

fn register_helpers(tera: &mut Tera) {
    tera.register_filter("upper_vi", |s: &str, _: Kwargs, _: &State| viet::upper(s));
    tera.register_filter("lower_vi", |s: &str, _: Kwargs, _: &State| viet::lower(s));
    tera.register_filter("sentence", |s: &str, _: Kwargs, _: &State| {
        viet::sentence_case(s)
    });
    tera.register_filter("date_running", |s: &str, k: Kwargs, _: &State| {
        let style = if style_of(&k)? {
            DateStyle::Party
        } else {
            DateStyle::State
        };
        Ok::<_, tera::Error>(viet::running_date(date_arg(s)?, style))
    });
    tera.register_filter("date_header", |s: &str, k: Kwargs, _: &State| {
        let place = k.get::<&str>("noi")?.unwrap_or("");
        Ok::<_, tera::Error>(viet::header_date_line(place, date_arg(s)?))
    });
    tera.register_filter("date_long", |s: &str, _: Kwargs, _: &State| {
        Ok::<_, tera::Error>(viet::long_date(date_arg(s)?))
    });
    tera.register_filter("thousands", |n: u64, _: Kwargs, _: &State| {
        viet::group_thousands(n)
    });
    tera.register_filter("time_words", |s: &str, _: Kwargs, _: &State| time_words(s));
    tera.register_filter("pad2", |n: u64, _: Kwargs, _: &State| format!("{n:02}"));
    tera.register_filter("money", |n: u64, _: Kwargs, _: &State| viet::money(n));
    tera.register_filter("money_words", |n: u64, k: Kwargs, _: &State| {
        Ok::<_, tera::Error>(viet::money_words(n, &words_options(&k)?))
    });
    tera.register_filter("number_words", |n: u64, k: Kwargs, _: &State| {
        Ok::<_, tera::Error>(viet::number_words(n, &words_options(&k)?))
    });
    tera.register_filter("letter", |n: usize, _: Kwargs, _: &State| match n {
        0 => Err(tera::Error::message(
            "letter: số thứ tự bắt đầu từ 1 (1 → a); 0 không có chữ cái",
        )),
        n if n > MAX_LETTER => Err(tera::Error::message(format!(
            "letter: số {n} quá lớn; tối đa {MAX_LETTER} (MAX_LETTER)"
        ))),
        n => Ok(viet::alphabet_letter(n - 1)),
    });
    tera.register_filter("sort_vi", |v: Vec<String>, _: Kwargs, _: &State| {
        let mut v = v;
        viet::sort(&mut v);
        v
    });
    tera.register_function("percent", |k: Kwargs, _: &State| {
        let n = k.must_get::<u32>("so")?;
        let d = k.must_get::<u32>("tren")?;
        viet::percent(n, d).ok_or_else(|| tera::Error::message("tỷ lệ trên 0 phiếu"))
    });
    tera.register_function("number_line", |k: Kwargs, _: &State| {
        let style = if style_of(&k)? {
            NumberStyle::Party
        } else {
            NumberStyle::State
        };
        let so = k.get::<u32>("so")?;
        let loai = k.get::<&str>("loai")?;
        let co_quan = k.must_get::<&str>("co_quan")?;
        Ok::<_, tera::Error>(viet::number_line(
            style,
            so,
            loai.and_then(|l| viet::type_abbr(l, style)),
            co_quan,
        ))
    });
}

impl Templates {
    /// The embedded set, with files of the same name from `dir` replacing embedded ones.
    pub fn load(dir: Option<&Path>) -> Result<Templates, Vec<Problem>> {
        let mut tera = Tera::new();
        tera.set_escape_fn(vanban_model::markup::escape_to);
        tera.autoescape_on([".vb"]);
        register_helpers(&mut tera);
        let mut problems = Vec::new();
        let mut sources: Vec<(String, String, PathBuf)> = EMBEDDED
            .iter()
            .map(|(n, s)| {
                (
                    n.to_string(),
                    s.to_string(),
                    PathBuf::from("templates").join(n),
                )
            })
            .collect();
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir).map_err(|e| {
                vec![Problem::error(
                    &dir.display().to_string(),
                    None,
                    "",
                    format!("không mở được thư mục mẫu: {}", crate::output::io_vi(&e)),
                )]
            })?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "vb"))
                .collect();
            files.sort();
            for path in files {
                let name = path
                    .file_name()
                    .expect("has a name")
                    .to_string_lossy()
                    .to_string();
                // Regular files only, bounded: a FIFO named *.vb must not block.
                let text = crate::input::read_regular(&path, MAX_TEMPLATE_BYTES)
                    .map_err(|e| e.message())
                    .and_then(|b| {
                        String::from_utf8(b).map_err(|_| {
                            "tệp mẫu không phải văn bản UTF-8; lưu lại với bảng mã UTF-8"
                                .to_string()
                        })
                    });
                match text {
                    Ok(src) => match sources.iter_mut().find(|(n, _, _)| *n == name) {
                        Some(slot) => *slot = (name, src, path),
                        None => sources.push((name, src, path)),
                    },
                    Err(e) => problems.push(Problem::error(
                        &path.display().to_string(),
                        None,
                        "",
                        format!("không đọc được mẫu: {e}"),
                    )),
                }
            }
        }
        // All at once: a template may include one added after it (a new file of the
        // folder), which Tera checks when the set is added.
        if problems.is_empty()
            && let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, s, _)| (n, s)))
        {
            // Tera names the file for most errors; for an unknown include it does not, and
            // the template is the one that names the missing one.
            let name = report_file(&e, "");
            let text = e.to_string();
            let named = text.split('`').nth(1).unwrap_or("\u{0}");
            let line = match e.kind() {
                tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                    r.span().start_line
                }
                _ => report_pos(&text).map_or(0, |p| p.line),
            };
            let names_it = |s: &str| {
                s.lines()
                    .nth(line.saturating_sub(1))
                    .is_some_and(|l| l.contains(named))
            };
            let (path, src) = sources
                .iter()
                .find(|(n, _, _)| *n == name)
                .or_else(|| sources.iter().find(|(_, s, _)| names_it(s)))
                .map(|(_, s, p)| (p.display().to_string(), s.as_str()))
                .unwrap_or_else(|| (name.clone(), ""));
            problems.push(template_problem(&path, src, &e));
        }
        if problems.is_empty() {
            Ok(Templates {
                tera: Arc::new(tera),
            })
        } else {
            Err(problems)
        }
    }

    /// Renders a document's template to markup. The problem points into the template file.
    /// The render runs on its own thread, bounded in time ([`template_time_limit`]) and in
    /// output ([`MAX_MARKUP_BYTES`]); a render past its time is left running and reported.
    pub fn render(
        &self,
        doc: &str,
        ctx: &Context,
        dir: Option<&Path>,
    ) -> Result<String, Vec<Problem>> {
        let name = format!("{doc}.vb");
        let limit = template_time_limit();
        let (tx, rx) = std::sync::mpsc::channel();
        let (tera, ctx_owned, job_name) = (self.tera.clone(), ctx.clone(), name.clone());
        let spawned = std::thread::Builder::new()
            .name(format!("mau-{doc}"))
            .spawn(move || {
                let mut w = Bounded {
                    buf: Vec::new(),
                    exceeded: false,
                };
                let r = tera.render_to(&job_name, &ctx_owned, &mut w);
                let _ = tx.send((r, w));
            });
        let bound = |msg: String, hint: &str| {
            let (path, src) = template_source(&name, dir);
            vec![
                Problem::error(&path, None, "", msg)
                    .with_hint(hint)
                    .with_source(&Arc::from(src.as_str())),
            ]
        };
        if spawned.is_err() {
            return Err(bound(
                format!("không chạy được mẫu {name}: hệ thống không tạo thêm được luồng"),
                "chạy lại khi máy bớt bận",
            ));
        }
        let (result, w) = match rx.recv_timeout(limit) {
            Ok(x) => x,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                return Err(bound(
                    format!(
                        "mẫu {name} chạy quá {} giây (TEMPLATE_TIME_LIMIT) nên đã bị dừng",
                        limit.as_secs()
                    ),
                    "mẫu có vòng lặp quá lớn hoặc lồng nhau (range, for); sửa mẫu cho vòng lặp theo dữ liệu hồ sơ",
                ));
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(bound(
                    format!("mẫu {name} dừng bất thường khi dựng"),
                    "xem lại các vòng lặp và bộ lọc của mẫu",
                ));
            }
        };
        if w.exceeded {
            return Err(bound(
                format!(
                    "mẫu {name} sinh ra quá {} văn bản đánh dấu (MAX_MARKUP_BYTES) nên đã bị dừng",
                    crate::input::size_vi(MAX_MARKUP_BYTES)
                ),
                "mẫu có vòng lặp quá lớn; sửa mẫu cho vòng lặp theo dữ liệu hồ sơ",
            ));
        }
        result.map_err(|e| {
            let file = report_file(&e, &name);
            let (path, src) = template_source(&file, dir);
            vec![template_problem(&path, &src, &e)]
        })?;
        String::from_utf8(w.buf).map_err(|_| {
            bound(
                format!("mẫu {name} sinh ra văn bản không phải UTF-8"),
                "xem lại các bộ lọc của mẫu",
            )
        })
    }

    /// Writes the embedded set to `dir`, as a starting point for a customised one. Files
    /// already there are not overwritten (all are named) unless `force`; the set is
    /// written all or nothing (see [`crate::output::write_all`]).
    pub fn export(dir: &Path, force: bool) -> Result<Vec<PathBuf>, String> {
        if !force {
            let existing: Vec<String> = EMBEDDED
                .iter()
                .map(|(n, _)| dir.join(n))
                .filter(|p| std::fs::symlink_metadata(p).is_ok())
                .map(|p| p.display().to_string())
                .collect();
            if !existing.is_empty() {
                return Err(format!(
                    "đã có {}; không ghi đè để giữ mẫu bạn có thể đã sửa. Chưa ghi tệp nào. \
                     Muốn thay bằng mẫu có sẵn thì thêm --force",
                    existing.join(", ")
                ));
            }
        }
        let files: Vec<crate::render::Rendered> = EMBEDDED
            .iter()
            .map(|(n, s)| crate::render::Rendered {
                name: n.to_string(),
                bytes: s.as_bytes().to_vec(),
            })
            .collect();
        crate::output::write_all(dir, &files)
    }
}

fn report_file(e: &tera::Error, fallback: &str) -> String {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r)
            if !r.filename().is_empty() =>
        {
            r.filename().to_string()
        }
        tera::ErrorKind::CircularInclude { tpl, .. }
        | tera::ErrorKind::CircularExtend { tpl, .. } => tpl.clone(),
        tera::ErrorKind::MissingParent { current, .. } => current.clone(),
        _ => fallback.to_string(),
    }
}

/// A Tera error as a located problem in the template file, in Vietnamese.
pub fn template_problem(file: &str, src: &str, e: &tera::Error) -> Problem {
    // Where the statement naming `word` stands: errors about includes and inheritance
    // carry no position of their own.
    let find_tag = |tag: &str, word: &str| {
        src.lines().enumerate().find_map(|(i, l)| {
            let at = l.find(tag)?;
            (word.is_empty() || l[at..].contains(word)).then(|| Pos {
                line: i + 1,
                col: l[..at].chars().count() + 1,
            })
        })
    };
    let (pos, message) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let s = r.span();
            (
                Some(Pos {
                    line: s.start_line,
                    col: s.start_col + 1,
                }),
                explain(r.message()),
            )
        }
        tera::ErrorKind::CircularInclude { include_chain, .. } => {
            let next = include_chain.get(1).map_or("", String::as_str);
            (
                find_tag("include", next),
                format!(
                    "các mẫu gọi nhau thành vòng tròn qua «include»: {}",
                    include_chain.join(" → ")
                ),
            )
        }
        tera::ErrorKind::CircularExtend {
            inheritance_chain, ..
        } => (
            find_tag("extends", ""),
            format!(
                "các mẫu kế thừa nhau thành vòng tròn qua «extends»: {}",
                inheritance_chain.join(" → ")
            ),
        ),
        tera::ErrorKind::MissingParent { parent, .. } => (
            find_tag("extends", parent),
            format!("mẫu kế thừa («extends») mẫu «{parent}» không có"),
        ),
        tera::ErrorKind::TemplateNotFound(name) => (None, format!("không có mẫu «{name}»")),
        // Some errors (an unknown filter) carry their location only in the report text:
        // "error: Unknown filter `x`\n  --> giao-uoc.vb:10:40".
        _ => {
            let text = e.to_string();
            let pos = report_pos(&text);
            let first = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ");
            (pos, explain(first))
        }
    };
    let kind = match e.kind() {
        tera::ErrorKind::SyntaxError(_) => "lỗi cú pháp trong mẫu",
        _ => "lỗi khi dựng mẫu",
    };
    Problem::error(file, pos, "", format!("{kind}: {message}"))
        .with_hint(template_hint(e))
        .with_source(&Arc::from(src))
}

/// The position in a Tera report's text: "  --> giao-uoc.vb:10:40".
fn report_pos(text: &str) -> Option<Pos> {
    text.lines().find_map(|l| {
        let loc = l.trim().strip_prefix("--> ")?;
        let mut parts = loc.rsplitn(3, ':');
        let col = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        Some(Pos { line, col })
    })
}

/// Tera's type names in Vietnamese.
fn type_vi(t: &str) -> &'static str {
    match t.trim_matches(['`', '\'', '"']) {
        "string" | "str" => "chuỗi chữ",
        "bool" => "đúng/sai",
        "array" | "vec" => "danh sách",
        "map" | "object" => "nhóm khóa-giá trị",
        "none" | "null" => "rỗng",
        "undefined" => "chưa có giá trị",
        t if t.starts_with(['i', 'u', 'f']) && t[1..].chars().all(|c| c.is_ascii_digit()) => "số",
        "number" | "integer" | "float" => "số",
        _ => "giá trị khác",
    }
}

/// Tera's messages (tera 2.4: its parser, renderer and filters) in Vietnamese. Names in
/// backticks or quotes are kept; Tera's words are not: an unknown message gets a general
/// sentence, never English.
fn explain(msg: &str) -> String {
    let q: Vec<&str> = msg.split(['`', '\'']).skip(1).step_by(2).collect();
    let a = q.first().copied().unwrap_or("");
    let b = q.get(1).copied().unwrap_or("");
    // Already ours: our filters and functions write Vietnamese.
    if !msg.is_ascii() && !msg.starts_with("Field") && !msg.starts_with("Variable") {
        return msg.to_string();
    }
    let table: &[(&str, String)] = &[
        (
            "Field ",
            match msg.split_once("Available fields: ") {
                Some((_, list)) => format!("không có biến «{a}»; các trường có: {list}"),
                None => format!("không có biến «{a}»"),
            },
        ),
        (
            "Variable `",
            if msg.contains("undefined") {
                format!("biến «{a}» chưa có giá trị")
            } else {
                format!("không có biến «{a}»")
            },
        ),
        ("Unknown filter", format!("không có bộ lọc «{a}»")),
        ("Unknown function", format!("không có hàm «{a}»")),
        ("Unknown test", format!("không có phép thử «{a}»")),
        ("Unknown template", format!("không có mẫu «{a}»")),
        ("Unknown component", format!("không có thành phần «{a}»")),
        (
            "Unknown tag",
            "thẻ {% … %} không hợp lệ ở chỗ này".to_string(),
        ),
        ("Template '", format!("không có mẫu «{a}»")),
        (
            "Closing tag",
            format!("thẻ đóng «{a}» không khớp với thẻ mở «{b}»"),
        ),
        (
            "Found ",
            if msg.contains("elif") {
                "thiếu thẻ đóng: cần {% elif %}, {% else %} hoặc {% endif %}".to_string()
            } else {
                "cú pháp sai: ký hiệu này không được đứng ở đây".to_string()
            },
        ),
        (
            "Cannot compare",
            format!("không so sánh được {} với {}", type_vi(a), type_vi(b)),
        ),
        ("Cannot divide by 0", "chia cho 0".to_string()),
        (
            "Unable to perform",
            "không thực hiện được phép tính này với các giá trị đó".to_string(),
        ),
        (
            "Iteration not possible",
            format!("không lặp («for») được trên {}", type_vi(a)),
        ),
        ("Missing keyword argument", format!("thiếu tham số «{a}»")),
        ("Argument `", format!("thiếu tham số «{a}»")),
        (
            "Keyword argument",
            format!("tham số «{a}» được ghi hai lần"),
        ),
        (
            "Component argument",
            format!("tham số «{a}» được ghi hai lần"),
        ),
        (
            "Invalid type for the value",
            format!("giá trị sai kiểu: cần {}, gặp {}", type_vi(a), type_vi(b)),
        ),
        ("Value `", format!("giá trị «{a}» vượt quá giới hạn")),
        (
            "Slice",
            "chỉ số cắt danh sách phải là số nguyên".to_string(),
        ),
        ("Block `", format!("khối «{a}» không có trong mẫu cha")),
        (
            "Template already contains a block",
            format!("mẫu đã có khối «{a}»"),
        ),
        (
            "Template is already extending",
            "mẫu chỉ được kế thừa («extends») một mẫu".to_string(),
        ),
        (
            "Blocks cannot be written inside",
            "không được viết {% block %} ở chỗ này".to_string(),
        ),
        (
            "Unclosed component",
            format!("thành phần «{a}» chưa được đóng"),
        ),
        (
            "Identifiers can only have",
            "quá nhiều dấu ngoặc [ ] lồng nhau".to_string(),
        ),
        (
            "Arrays can have",
            "danh sách lồng nhau quá nhiều cấp".to_string(),
        ),
        // The longer prefix first: the first match wins.
        (
            "Invalid UTF-8",
            "mẫu sinh ra văn bản không phải UTF-8".to_string(),
        ),
        (
            "Invalid ",
            "chỗ này chỉ được ghi giá trị cố định".to_string(),
        ),
    ];
    table
        .iter()
        .find(|(p, _)| msg.starts_with(p))
        .map(|(_, vi)| vi.clone())
        .unwrap_or_else(|| "lỗi trong mẫu ở chỗ này".to_string())
}

fn template_hint(e: &tera::Error) -> String {
    let msg = e.to_string();
    if msg.contains("filter") || msg.contains("function") {
        "các bộ lọc và hàm có sẵn được liệt kê trong docs/markup.md".into()
    } else if msg.contains("Field `") || msg.contains("Variable `") {
        "các biến mẫu dùng được liệt kê trong docs/markup.md (r. là hồ sơ, v. là dữ liệu suy ra)"
            .into()
    } else if msg.contains("template") || msg.contains("Template") {
        format!(
            "mẫu được gọi phải nằm trong thư mục --templates hoặc trong bộ mẫu có sẵn ({}); \
             không mẫu nào được gọi lại chính nó",
            EMBEDDED
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        "xem cú pháp Tera trong docs/markup.md".into()
    }
}

/// Where a template comes from (the override folder or the embedded set) and its text.
fn template_source(file: &str, dir: Option<&Path>) -> (String, String) {
    if let Some(p) = dir.map(|d| d.join(file)).filter(|p| p.is_file()) {
        let src = crate::input::read_regular(&p, MAX_TEMPLATE_BYTES)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default();
        return (p.display().to_string(), src);
    }
    let src = embedded(file).unwrap_or_default().to_string();
    (format!("templates/{file}"), src)
}

/// The template context of one document: `r` (the record as written), `v` (derived
/// facts), `h` and `m` (the meeting it reports, as written and derived), `d` (the
/// document's own facts) and `s` (its `tin_bai`/`bien_ban` entry).
pub fn job_context(
    record: &crate::record::types::Record,
    view: &crate::context::View,
    job: &crate::render::Job,
) -> Context {
    let mut ctx = Context::new();
    ctx.insert("r", record);
    ctx.insert("v", view);
    if let Some(h) = record.hoi_nghi.items.get(job.meeting) {
        ctx.insert("h", h);
    }
    if let Some(m) = view.meetings.get(job.meeting) {
        ctx.insert("m", m);
    }
    match job.doc.as_str() {
        "giao-uoc" => {
            if let Some(d) = &view.pledge {
                ctx.insert("d", d);
            }
        }
        "to-trinh" => {
            if let Some(d) = &view.proposal {
                ctx.insert("d", d);
            }
        }
        "bien-ban" => {
            if let Some(d) = view.minutes.get(job.entry) {
                ctx.insert("d", d);
            }
            if let Some(s) = record.bien_ban.as_ref().and_then(|b| b.get(job.entry)) {
                ctx.insert("s", s);
            }
        }
        _ => {
            if let Some(s) = record.tin_bai.as_ref().and_then(|b| b.get(job.entry)) {
                ctx.insert("s", s);
            }
        }
    }
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_words() {
        assert_eq!(time_words("08:00"), "08 giờ 00 phút");
        assert_eq!(time_words("8h30"), "08 giờ 30 phút");
        assert_eq!(time_words("14h"), "14 giờ 00 phút");
        assert_eq!(time_words("sáng"), "sáng");
        assert_eq!(time_words("25:00"), "25:00");
    }

    #[test]
    fn filters_render_vietnamese() {
        let mut t = Tera::new();
        register_helpers(&mut t);
        let ctx = Context::new();
        let r = |src: &str| t.render_str(src, &ctx, false).unwrap();
        assert_eq!(
            r("{{ 18720000 | money_words }}"),
            "Mười tám triệu bảy trăm hai mươi nghìn đồng"
        );
        assert_eq!(
            r("{{ 1005000 | money_words(nghin=\"ngàn\", linh=\"lẻ\") }}"),
            "Một triệu không trăm lẻ năm ngàn đồng"
        );
        assert_eq!(r("{{ 24 | number_words(tu=\"bốn\") }}"), "hai mươi bốn");
        assert_eq!(r("{{ 18720000 | money }}"), "18.720.000 đồng");
        assert_eq!(r("{{ percent(so=8, tren=9) }}"), "88,9%");
        assert_eq!(
            r("{{ \"2024-02-06\" | date_running(kieu=\"party\") }}"),
            "06-02-2024"
        );
        assert_eq!(
            r("{{ \"2024-02-06\" | date_running(kieu=\"state\") }}"),
            "06/02/2024"
        );
        assert_eq!(
            r("{{ \"2024-02-06\" | date_header(noi=\"Kon Tum\") }}"),
            "Kon Tum, ngày 06 tháng 02 năm 2024"
        );
        assert_eq!(
            r("{{ number_line(kieu=\"state\", so=5, loai=\"to-trinh\", co_quan=\"UBND\") }}"),
            "Số: 05/TTr-UBND"
        );
        assert_eq!(
            r("{{ number_line(kieu=\"party\", so=5, loai=\"to-trinh\", co_quan=\"BNCTU\") }}"),
            "Số 05-TTr/BNCTU"
        );
        assert_eq!(r("{{ \"Tỉnh ủy Kon Tum\" | upper_vi }}"), "TỈNH ỦY KON TUM");
        assert_eq!(
            r("{{ [\"Bình\", \"Ăn\", \"An\"] | sort_vi | join(sep=\",\") }}"),
            "An,Ăn,Bình"
        );
        assert_eq!(r("{{ 5 | letter }}"), "đ");
        assert!(t.render_str("{{ 0 | letter }}", &ctx, false).is_err());
        assert!(
            t.render_str("{{ 5 | money_words(nghin=\"x\") }}", &ctx, false)
                .is_err()
        );
    }

    #[test]
    fn embedded_templates_compile() {
        assert!(Templates::load(None).is_ok());
        assert!(embedded("giao-uoc.vb").is_some());
    }
}

//! The `vanban` command line. The pipeline itself is in the library (src/lib.rs).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use vanban::diag::Problem;
use vanban::render::{self, Engine, Format, Request};
use vanban::templates::Templates;
use vanban::{batch, output, record};

mod ky;

/// Exit codes: 0 success, 1 invalid input (record, template, files), 2 wrong usage (clap).
const INVALID: u8 = 1;

/// Writes to stdout and flushes: a closed pipe or a full disk is an error to handle, not a
/// panic (println! panics).
fn write_out(args: std::fmt::Arguments) -> std::io::Result<()> {
    let mut o = std::io::stdout().lock();
    o.write_fmt(args)?;
    o.flush()
}

fn write_err(args: std::fmt::Arguments) -> std::io::Result<()> {
    let mut e = std::io::stderr().lock();
    e.write_fmt(args)?;
    e.flush()
}

/// `println!` that returns the error.
macro_rules! outln {
    ($($t:tt)*) => { write_out(format_args!("{}\n", format_args!($($t)*))) };
}

/// `eprintln!` that returns the error.
macro_rules! errln {
    ($($t:tt)*) => { write_err(format_args!("{}\n", format_args!($($t)*))) };
}

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Soạn văn bản của khối thi đua (giao ước, tin bài, tờ trình, biên bản) từ hồ sơ cuộc họp YAML, ra DOCX và PDF"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Soạn văn bản từ một hay nhiều hồ sơ (hoặc thư mục hồ sơ)
    Render {
        /// Tệp hồ sơ cuộc họp (.yaml), hoặc thư mục chứa các tệp hồ sơ
        #[arg(required = true, num_args = 1..)]
        records: Vec<PathBuf>,
        /// Văn bản cần soạn, cách nhau bằng dấu phẩy (mặc định: mọi văn bản hồ sơ có dữ liệu)
        #[arg(long, value_enum, value_delimiter = ',', default_value = "all")]
        doc: Vec<DocArg>,
        /// Định dạng, cách nhau bằng dấu phẩy (mặc định: docx, pdf, và html cho tin bài)
        #[arg(long, value_enum, value_delimiter = ',', default_value = "all")]
        format: Vec<FormatArg>,
        /// Thư mục kết quả
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Thư mục mẫu thay cho mẫu có sẵn (tệp cùng tên sẽ được dùng)
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Thư mục chứa phông Times New Roman (times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf) để đo chữ và nhúng vào PDF
        #[arg(long)]
        font_dir: Option<PathBuf>,
        /// Thư mục ảnh được phép đọc ngoài thư mục hồ sơ (tin_bai.anh[].tep)
        #[arg(long)]
        anh_dir: Option<PathBuf>,
        /// Chỉ soạn văn bản của một hội nghị (mã «id» của hội nghị trong hồ sơ)
        #[arg(long)]
        hoi_nghi: Option<String>,
        /// Ghi thêm TÊN.sign.json bên mỗi PDF: vị trí các ô ký (trang, llx, lly, urx, ury) cho phần mềm ký số
        #[arg(long)]
        sign_map: bool,
    },
    /// Kiểm tra hồ sơ và liệt kê mọi lỗi
    Check {
        /// Tệp hồ sơ cuộc họp (.yaml)
        record: PathBuf,
        /// Thư mục ảnh được phép đọc ngoài thư mục hồ sơ (tin_bai.anh[].tep)
        #[arg(long)]
        anh_dir: Option<PathBuf>,
    },
    /// Tạo một hồ sơ mẫu có chú thích để bắt đầu
    Init {
        /// Tệp sẽ tạo
        file: PathBuf,
        /// Dạng hồ sơ: mot-hoi-nghi (một hội nghị làm mọi việc) hoặc hai-hoi-nghi (tổng kết và ký giao ước ở hai hội nghị)
        #[arg(long, default_value = "mot-hoi-nghi")]
        mau: String,
    },
    /// Làm việc với bộ mẫu
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
    /// In JSON Schema của hồ sơ (cho trình soạn thảo gợi ý và kiểm tra)
    Schema,
    /// Ký số một ô ký của tệp PDF (PAdES), bằng tệp .p12 hoặc thiết bị ký số PKCS#11.
    /// Mật khẩu lấy từ VANBAN_P12_PASSWORD, mã PIN từ VANBAN_PKCS11_PIN, nếu không có thì hỏi.
    Ky {
        /// Tệp PDF cần ký
        file: PathBuf,
        /// Tệp chứng thư số và khóa (.p12, .pfx)
        #[arg(long, conflicts_with = "pkcs11")]
        p12: Option<PathBuf>,
        /// Thư viện PKCS#11 của thiết bị ký số (USB token), ví dụ /usr/lib/softhsm/libsofthsm2.so
        #[arg(long, requires = "token_label")]
        pkcs11: Option<PathBuf>,
        /// Nhãn của thiết bị ký số
        #[arg(long)]
        token_label: Option<String>,
        /// Ô ký (ví dụ ky.nguoi-ky, dau.co-quan); mặc định: ô còn trống đầu tiên, ô của người ký trước
        #[arg(long)]
        field: Option<String>,
        /// Ảnh chữ ký (ô ky.) hoặc ảnh con dấu (ô dau.), PNG nền trong suốt
        #[arg(long)]
        image: Option<PathBuf>,
        /// Tệp kết quả (mặc định: TÊN.da-ky.pdf bên cạnh tệp vào; tệp vào không bị sửa)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// In văn bản đánh dấu mà mẫu sinh ra (để sửa mẫu)
    Markup {
        /// Tệp hồ sơ cuộc họp (.yaml)
        record: PathBuf,
        /// Văn bản
        #[arg(long, value_enum)]
        doc: DocArg,
        /// Thư mục mẫu thay cho mẫu có sẵn
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Thư mục ảnh được phép đọc ngoài thư mục hồ sơ (tin_bai.anh[].tep)
        #[arg(long)]
        anh_dir: Option<PathBuf>,
        /// Chỉ soạn văn bản của một hội nghị (mã «id» của hội nghị trong hồ sơ)
        #[arg(long)]
        hoi_nghi: Option<String>,
    },
}

#[derive(Subcommand)]
enum TemplatesAction {
    /// Ghi bộ mẫu có sẵn ra thư mục để sửa
    Export {
        /// Thư mục đích
        dir: PathBuf,
        /// Ghi đè các tệp mẫu đã có trong thư mục đích
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DocArg {
    GiaoUoc,
    TinBai,
    ToTrinh,
    BienBan,
    All,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Docx,
    Pdf,
    Html,
    All,
}

fn print_problems(problems: &[Problem]) -> std::io::Result<()> {
    for p in problems {
        errln!("{}\n", p.render())?;
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    if errors > 0 {
        errln!(
            "Có {errors} lỗi, {warnings} cảnh báo. Chưa ghi tệp nào; sửa các lỗi trên rồi chạy lại."
        )?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help, version or wrong usage; help that cannot be written is an error.
            if e.print().is_err() {
                return ExitCode::from(INVALID);
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // stdout or stderr cannot be written. A closed pipe (`| head`) ends quietly;
            // anything else is said on stderr if stderr still works.
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                let _ = errln!(
                    "lỗi: không ghi được kết quả ra đầu ra chuẩn: {}",
                    output::io_vi(&e)
                );
            }
            ExitCode::from(INVALID)
        }
    }
}

fn run(cli: Cli) -> std::io::Result<ExitCode> {
    Ok(match cli.command {
        Command::Render {
            records,
            doc,
            format,
            out,
            templates,
            font_dir,
            anh_dir,
            hoi_nghi,
            sign_map,
        } => render_cmd(
            &records, doc, format, &out, templates, font_dir, anh_dir, hoi_nghi, sign_map,
        )?,
        Command::Check { record, anh_dir } => {
            match render::load_checked(&record, anh_dir.as_deref()) {
                Ok((_, warnings)) => {
                    print_problems(&warnings)?;
                    errln!("Hồ sơ {} hợp lệ.", record.display())?;
                    ExitCode::SUCCESS
                }
                Err(problems) => {
                    print_problems(&problems)?;
                    ExitCode::from(INVALID)
                }
            }
        }
        Command::Init { file, mau } => init(&file, &mau)?,
        Command::Templates {
            action: TemplatesAction::Export { dir, force },
        } => match Templates::export(&dir, force) {
            Ok(files) => {
                for f in files {
                    errln!("đã ghi {}", f.display())?;
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                errln!("{}: lỗi: {e}", dir.display())?;
                ExitCode::from(INVALID)
            }
        },
        Command::Markup {
            record,
            doc,
            templates,
            anh_dir,
            hoi_nghi,
        } => markup_cmd(&record, doc, templates, anh_dir, hoi_nghi)?,
        Command::Ky {
            file,
            p12,
            pkcs11,
            token_label,
            field,
            image,
            out,
        } => match ky::run(&ky::Args {
            file,
            p12,
            pkcs11,
            token_label,
            field,
            image,
            out,
        }) {
            Ok(line) => {
                errln!("{line}")?;
                ExitCode::SUCCESS
            }
            Err(e) => {
                errln!("lỗi: {e}")?;
                ExitCode::from(INVALID)
            }
        },
        Command::Schema => {
            let s = serde_json::to_string_pretty(record::load::schema()).expect("serialises");
            outln!("{s}")?;
            ExitCode::SUCCESS
        }
    })
}

// One argument per `render` flag, as clap hands them over.
#[allow(clippy::too_many_arguments)]
fn render_cmd(
    inputs: &[PathBuf],
    doc: Vec<DocArg>,
    format: Vec<FormatArg>,
    out: &Path,
    template_dir: Option<PathBuf>,
    font_dir: Option<PathBuf>,
    anh_dir: Option<PathBuf>,
    meeting: Option<String>,
    sign_map: bool,
) -> std::io::Result<ExitCode> {
    let templates = match Templates::load(template_dir.as_deref()) {
        Ok(t) => t,
        Err(problems) => {
            print_problems(&problems)?;
            return Ok(ExitCode::from(INVALID));
        }
    };
    let fonts: &'static vanban_font::Fonts = match &font_dir {
        None => vanban_font::Fonts::embedded(),
        Some(dir) => match vanban_font::Fonts::from_dir(dir) {
            Ok(f) => Box::leak(Box::new(f)),
            Err(e) => {
                errln!("{}: lỗi: {e}", dir.display())?;
                return Ok(ExitCode::from(INVALID));
            }
        },
    };
    let engine = Arc::new(Engine {
        templates,
        template_dir,
        fonts,
        anh_dir,
    });
    let mut formats: Vec<Format> = Vec::new();
    for f in format {
        match f {
            FormatArg::Docx => formats.push(Format::Docx),
            FormatArg::Pdf => formats.push(Format::Pdf),
            FormatArg::Html => formats.push(Format::Html),
            FormatArg::All => formats.extend(Format::ALL),
        }
    }
    if sign_map {
        if !formats.contains(&Format::Pdf) {
            errln!("lỗi: --sign-map ghi vị trí ô ký của tệp PDF: cần --format pdf (hoặc all)")?;
            return Ok(ExitCode::from(2));
        }
        formats.push(Format::SignMap);
    }
    formats.sort();
    formats.dedup();
    let req = Request {
        docs: doc_list(&doc),
        formats,
        meeting,
    };
    let plan = batch::expand(inputs).and_then(|r| Ok((batch::out_dirs(&r, out)?, r)));
    let (dirs, records) = match plan {
        Ok(x) => x,
        Err(problems) => {
            print_problems(&problems)?;
            return Ok(ExitCode::from(INVALID));
        }
    };
    let single = records.len() == 1;
    // A bar only for a batch on a terminal; piped output gets the summary line alone.
    let bar = if !single && std::io::stderr().is_terminal() {
        ProgressBar::new(records.len() as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} hồ sơ  {elapsed}")
                .expect("valid template"),
        )
    } else {
        ProgressBar::hidden()
    };
    let started = Instant::now();
    let outcomes = batch::run(&engine, &records, &dirs, &req, &|n| {
        bar.set_position(n as u64)
    });
    bar.finish_and_clear();
    let (mut failed, mut written, mut pdf) = (0, 0, false);
    for o in &outcomes {
        print_problems(&o.warnings)?;
        match &o.result {
            Ok(paths) => {
                written += paths.len();
                pdf |= paths
                    .iter()
                    .any(|p| p.extension().is_some_and(|x| x == "pdf"));
                if single {
                    for p in paths {
                        outln!("{}", p.display())?;
                    }
                }
            }
            Err(problems) => {
                failed += 1;
                print_problems(problems)?;
            }
        }
    }
    if pdf {
        errln!(
            "PDF nhúng phông {}",
            fonts.face(vanban_font::Variant::Regular).name()
        )?;
    }
    if !single {
        errln!(
            "Đã soạn {}/{} hồ sơ ({written} tệp) vào {} trong {} giây{}",
            records.len() - failed,
            records.len(),
            out.display(),
            vanban_viet::decimal(started.elapsed().as_secs_f64(), 1),
            if failed > 0 {
                format!("; {failed} hồ sơ lỗi, xem thông báo ở trên")
            } else {
                String::new()
            }
        )?;
    }
    Ok(if failed > 0 {
        ExitCode::from(INVALID)
    } else {
        ExitCode::SUCCESS
    })
}

fn doc_names(doc: DocArg) -> Option<Vec<String>> {
    match doc {
        DocArg::All => None,
        DocArg::GiaoUoc => Some(vec!["giao-uoc".into()]),
        DocArg::TinBai => Some(vec!["tin-bai".into()]),
        DocArg::ToTrinh => Some(vec!["to-trinh".into()]),
        DocArg::BienBan => Some(vec!["bien-ban".into()]),
    }
}

/// Several `--doc` values, in the documents' usual order; `all` means the record's own.
fn doc_list(docs: &[DocArg]) -> Option<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    for d in docs {
        for m in doc_names(*d)? {
            if !names.contains(&m) {
                names.push(m);
            }
        }
    }
    Some(names)
}

fn markup_cmd(
    record: &Path,
    doc: DocArg,
    template_dir: Option<PathBuf>,
    anh_dir: Option<PathBuf>,
    meeting: Option<String>,
) -> std::io::Result<ExitCode> {
    let result = Templates::load(template_dir.as_deref()).and_then(|t| {
        let (l, _) = render::load_checked(record, anh_dir.as_deref())?;
        let profile = vanban_model::Profile::builtin(&l.record.the_thuc).expect("checked");
        let view = vanban::context::build(&l.record, profile);
        let docs = doc_names(doc).unwrap_or_else(|| {
            vanban::record::check::DOCS
                .iter()
                .filter(|d| render::has_data(&l, d))
                .map(|d| d.to_string())
                .collect()
        });
        // As `render` does: a document the record has no section for is an error, not
        // empty output.
        if let Some(d) = docs.iter().find(|d| !render::has_data(&l, d)) {
            return Err(vec![Problem::error(
                &l.file,
                None,
                "",
                format!("hồ sơ chưa có mục cho văn bản {d} nên không có văn bản đánh dấu nào"),
            )]);
        }
        let mut out = String::new();
        for j in render::jobs(&l, &docs, meeting.as_deref()) {
            let ctx = vanban::templates::job_context(&l.record, &view, &j);
            out.push_str(&t.render(&j.doc, &ctx, template_dir.as_deref())?);
        }
        Ok(out)
    });
    Ok(match result {
        Ok(text) => {
            write_out(format_args!("{text}"))?;
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems)?;
            ExitCode::from(INVALID)
        }
    })
}

/// Writes the starter record; never over an existing file (or link).
fn init(file: &Path, mau: &str) -> std::io::Result<ExitCode> {
    let Some(starter) = vanban::starters::starter(mau) else {
        errln!("lỗi: không có dạng hồ sơ «{mau}»; các dạng có sẵn:")?;
        for s in vanban::starters::STARTERS {
            errln!("  {}: {}", s.id, s.about)?;
        }
        return Ok(ExitCode::from(INVALID));
    };
    if let Some(dir) = file.parent().filter(|p| !p.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        errln!(
            "lỗi: không tạo được thư mục {}: {}",
            dir.display(),
            output::io_vi(&e)
        )?;
        return Ok(ExitCode::from(INVALID));
    }
    match output::create_new(file, starter.text.as_bytes()) {
        Ok(()) => {
            errln!(
                "đã tạo {}; sửa các mục có chú thích rồi chạy: vanban check {}",
                file.display(),
                file.display()
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            errln!("lỗi: {e}")?;
            Ok(ExitCode::from(INVALID))
        }
    }
}

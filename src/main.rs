//! The `vanban` command line. The pipeline itself is in the library (src/lib.rs).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
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
    /// Mở ứng dụng soạn hồ sơ trên trình duyệt cho một thư mục hồ sơ
    Serve {
        /// Thư mục hồ sơ (mặc định: thư mục hiện tại)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Cổng (mặc định 8686; nếu bận thì dùng cổng trống kế tiếp)
        #[arg(long, default_value_t = vanban::serve::DEFAULT_PORT)]
        port: u16,
        /// Địa chỉ lắng nghe (mặc định 127.0.0.1, chỉ máy này); địa chỉ khác cần mã truy cập
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Mở trình duyệt mặc định
        #[arg(long)]
        open: bool,
    },
    /// Ký số một ô ký của tệp PDF (PAdES), bằng tệp .p12 hoặc thiết bị ký số PKCS#11.
    /// Mật khẩu lấy từ VANBAN_P12_PASSWORD, mã PIN từ VANBAN_PKCS11_PIN, nếu không có thì hỏi.
    Ky(ky::Args),
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
    let parsed = command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            // Help, version or wrong usage, in Vietnamese; help that cannot be written is
            // an error.
            let text = clap_vi(&e);
            let written = if e.use_stderr() {
                write_err(format_args!("{text}"))
            } else {
                write_out(format_args!("{text}"))
            };
            if written.is_err() {
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

/// The command line with clap's own words in Vietnamese: section headings, the help and
/// version flags, value names. Applied to every subcommand.
fn command() -> clap::Command {
    fn vi(cmd: clap::Command, top: bool) -> clap::Command {
        let mut cmd = cmd
            .help_template("{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}")
            .subcommand_help_heading("Lệnh")
            .subcommand_value_name("LỆNH")
            .disable_help_flag(true)
            .disable_help_subcommand(true)
            .arg(
                clap::Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help("In trợ giúp này")
                    .help_heading("Tùy chọn"),
            )
            .mut_args(|a| {
                let heading = if a.is_positional() {
                    "Tham số"
                } else {
                    "Tùy chọn"
                };
                let name = match a.get_id().as_str() {
                    "records" | "record" => Some("HỒ_SƠ"),
                    "doc" => Some("VĂN_BẢN"),
                    "format" => Some("ĐỊNH_DẠNG"),
                    "out" | "templates" | "font_dir" | "anh_dir" | "dir" => Some("THƯ_MỤC"),
                    "hoi_nghi" => Some("MÃ"),
                    "file" => Some("TỆP"),
                    _ => None,
                };
                let a = a.help_heading(heading);
                match name {
                    Some(n) => a.value_name(n),
                    None => a,
                }
            });
        if top {
            cmd = cmd.disable_version_flag(true).arg(
                clap::Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help("In số phiên bản")
                    .help_heading("Tùy chọn"),
            );
        }
        let subs: Vec<clap::Command> = cmd.get_subcommands().cloned().collect();
        for sub in subs {
            let name = sub.get_name().to_string();
            let sub = vi(sub, false);
            cmd = cmd.mut_subcommand(name, |_| sub);
        }
        cmd
    }
    vi(Cli::command(), true)
}

/// clap's help, version and usage errors in Vietnamese. Help and version are clap's text
/// with its few fixed words replaced; errors are written here from their kind and context,
/// so no English sentence of clap's reaches the user.
fn clap_vi(e: &clap::Error) -> String {
    let words = |t: String| {
        t.replace("[OPTIONS]", "[TÙY_CHỌN]")
            .replace("[default: ", "[mặc định: ")
            .replace("[possible values: ", "[giá trị: ")
            .replace("Usage: ", "Cách dùng: ")
    };
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return words(e.render().to_string());
        }
        _ => {}
    }
    let get = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let list = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::Strings(v)) => v
                .iter()
                .map(|s| format!("«{s}»"))
                .collect::<Vec<_>>()
                .join(", "),
            _ => format!("«{}»", get(k)),
        }
    };
    let arg = words(get(ContextKind::InvalidArg));
    let mut msg = match e.kind() {
        ErrorKind::InvalidValue => {
            let v = get(ContextKind::InvalidValue);
            if v.is_empty() {
                format!("thiếu giá trị cho «{arg}»")
            } else {
                format!("giá trị «{v}» không dùng được cho «{arg}»")
            }
        }
        ErrorKind::UnknownArgument => format!("không có tùy chọn «{arg}»"),
        ErrorKind::InvalidSubcommand => {
            format!("không có lệnh «{}»", get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::NoEquals => format!("tùy chọn «{arg}» cần dấu «=» trước giá trị"),
        ErrorKind::ValueValidation => format!(
            "giá trị «{}» không dùng được cho «{arg}»",
            get(ContextKind::InvalidValue)
        ),
        ErrorKind::TooManyValues => format!(
            "thừa giá trị «{}» cho «{arg}»",
            get(ContextKind::InvalidValue)
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị cho «{arg}» không đúng")
        }
        ErrorKind::ArgumentConflict => format!(
            "không dùng «{arg}» cùng với «{}»",
            words(get(ContextKind::PriorArg))
        ),
        ErrorKind::MissingRequiredArgument => format!(
            "thiếu tham số bắt buộc: {}",
            words(list(ContextKind::InvalidArg))
        ),
        ErrorKind::MissingSubcommand => "thiếu lệnh".to_string(),
        ErrorKind::InvalidUtf8 => "tham số không phải văn bản UTF-8".to_string(),
        _ => "dòng lệnh không đúng".to_string(),
    };
    msg = format!("lỗi: {msg}\n");
    for (k, say) in [
        (ContextKind::ValidValue, "các giá trị dùng được"),
        (ContextKind::SuggestedValue, "có phải"),
        (ContextKind::SuggestedArg, "có phải"),
        (ContextKind::SuggestedSubcommand, "có phải lệnh"),
        (ContextKind::ValidSubcommand, "các lệnh"),
    ] {
        if e.get(k).is_some() {
            msg.push_str(&format!("  gợi ý: {say} {}\n", list(k)));
        }
    }
    let usage = words(get(ContextKind::Usage));
    if !usage.is_empty() {
        msg.push_str(&format!("\n{}\n", usage.trim_end()));
    }
    msg.push_str("\nXem thêm: vanban --help, hoặc vanban <lệnh> --help\n");
    msg
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
        Command::Serve {
            dir,
            port,
            host,
            open,
        } => match vanban::serve::run(vanban::serve::Config { dir, host, port }, open) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                errln!("lỗi: {e}")?;
                ExitCode::from(INVALID)
            }
        },
        Command::Ky(args) => match ky::run(&args) {
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

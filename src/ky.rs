//! `vanban ky`: signs one signature field of a PDF with a .p12 file or a PKCS#11 token.
//! Secrets come from the environment or a prompt, never from the command line (where
//! other users and shell histories see them).

use std::path::{Path, PathBuf};

use vanban_sign::{P12Signer, Request, Signer, pkcs11::TokenSigner, time};

/// `vanban ky`'s arguments (clap reads them; their help is the users' Vietnamese).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Tệp PDF cần ký
    pub file: PathBuf,
    /// Tệp chứng thư số và khóa (.p12, .pfx)
    #[arg(long, conflicts_with = "pkcs11", value_name = "TỆP_P12")]
    pub p12: Option<PathBuf>,
    /// Thư viện PKCS#11 của thiết bị ký số (USB token), ví dụ /usr/lib/softhsm/libsofthsm2.so
    #[arg(long, requires = "token_label", value_name = "THƯ_VIỆN")]
    pub pkcs11: Option<PathBuf>,
    /// Nhãn của thiết bị ký số
    #[arg(long, value_name = "NHÃN")]
    pub token_label: Option<String>,
    /// Ô ký (ví dụ ky.nguoi-ky, dau.co-quan); mặc định: ô còn trống đầu tiên, ô của người ký trước
    #[arg(long, value_name = "Ô_KÝ")]
    pub field: Option<String>,
    /// Ảnh chữ ký (ô ky.) hoặc ảnh con dấu (ô dau.), PNG nền trong suốt
    #[arg(long, value_name = "ẢNH_PNG")]
    pub image: Option<PathBuf>,
    /// Tệp kết quả (mặc định: TÊN.da-ky.pdf bên cạnh tệp vào; tệp vào không bị sửa)
    #[arg(long = "out", id = "out_file", value_name = "TỆP_KẾT_QUẢ")]
    pub out: Option<PathBuf>,
}

/// "Mã PIN …" → "mã PIN …": the sentence goes on, the abbreviation stays.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// A secret from `var`, else asked for on the terminal.
fn secret(var: &str, prompt: &str) -> Result<String, String> {
    if let Ok(v) = std::env::var(var) {
        return Ok(v);
    }
    rpassword::prompt_password(prompt).map_err(|_| {
        format!(
            "cần {prompt_l}: đặt biến môi trường {var} hoặc chạy trong cửa sổ lệnh để nhập",
            prompt_l = lower_first(prompt.trim_end_matches(": "))
        )
    })
}

/// The most `vanban ky` reads of a PDF, a .p12 file and an image: far above what a
/// document, a certificate or a signature image needs, and a bound on memory.
pub const MAX_PDF_BYTES: usize = 200 * 1024 * 1024;
pub const MAX_P12_BYTES: usize = 1024 * 1024;
pub const MAX_IMAGE_BYTES: usize = 20 * 1024 * 1024;

fn read(path: &Path, what: &str, limit: usize) -> Result<Vec<u8>, String> {
    vanban::input::read_regular(path, limit)
        .map_err(|e| format!("{}: {what}: {}", path.display(), e.message()))
}

/// The signing time: `VANBAN_SIGN_TIME` (ISO 8601, for tests and re-runs) or the clock.
fn now() -> Result<i64, String> {
    match std::env::var("VANBAN_SIGN_TIME") {
        Ok(t) => time::parse_iso(&t).ok_or_else(|| {
            format!("VANBAN_SIGN_TIME «{t}» không đúng dạng 2026-12-01T09:30:00+07:00")
        }),
        Err(_) => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)),
    }
}

/// Signs and writes the result; returns the line to print, or the error.
/// Where the signed file goes, checked before anything is asked or signed: a name
/// ending in .pdf in a folder that exists; an existing file there must be a regular file
/// (its permissions are kept), never a device, a folder or a link: the signed file
/// replaces what is at the name, and a link would be replaced, not followed.
fn target(a: &Args) -> Result<(PathBuf, Option<std::fs::Permissions>), String> {
    let out = a.out.clone().unwrap_or_else(|| {
        let stem = a.file.file_stem().unwrap_or_default().to_string_lossy();
        a.file.with_file_name(format!("{stem}.da-ky.pdf"))
    });
    let shown = out.display();
    let pdf_name = out
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.len() > 4 && n.to_lowercase().ends_with(".pdf"));
    if !pdf_name {
        return Err(format!(
            "--out «{shown}»: tệp kết quả phải có tên kết thúc bằng .pdf"
        ));
    }
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(format!(
            "--out «{shown}»: thư mục «{}» không có; tạo thư mục trước hoặc chọn thư mục khác",
            dir.display()
        ));
    }
    match std::fs::symlink_metadata(&out) {
        Ok(m) if m.file_type().is_symlink() => {
            let real = std::fs::canonicalize(&out)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| "(không tới đâu)".into());
            Err(format!(
                "--out «{shown}» là một liên kết (symlink) tới «{real}»; vanban không ghi qua liên kết: ghi thẳng vào tệp thật bằng --out «{real}»"
            ))
        }
        Ok(m) if !m.is_file() => Err(format!(
            "--out «{shown}» là {}, không phải tệp thường; chọn một tên tệp .pdf",
            vanban::input::kind_of(&m)
        )),
        Ok(m) => Ok((out, Some(m.permissions()))),
        Err(_) => Ok((out, None)),
    }
}

pub fn run(a: &Args) -> Result<String, String> {
    let (out, keep_permissions) = target(a)?;
    let pdf = read(&a.file, "tệp PDF", MAX_PDF_BYTES)?;
    let signer: Box<dyn Signer> = match (&a.p12, &a.pkcs11) {
        (Some(p12), None) => {
            let data = read(p12, "tệp .p12", MAX_P12_BYTES)?;
            let password = secret("VANBAN_P12_PASSWORD", "Mật khẩu tệp .p12: ")?;
            Box::new(
                P12Signer::open(&data, &password).map_err(|e| format!("{}: {e}", p12.display()))?,
            )
        }
        (None, Some(module)) => {
            let label = a
                .token_label
                .as_deref()
                .ok_or("--pkcs11 cần --token-label NHÃN")?;
            let pin = secret("VANBAN_PKCS11_PIN", "Mã PIN thiết bị ký số: ")?;
            Box::new(
                TokenSigner::open(&module.to_string_lossy(), label, &pin)
                    .map_err(|e| e.to_string())?,
            )
        }
        _ => {
            return Err(
                "cần đúng một trong --p12 TỆP hoặc --pkcs11 THƯ_VIỆN --token-label NHÃN".into(),
            );
        }
    };
    let image = match &a.image {
        Some(p) => Some((read(p, "ảnh", MAX_IMAGE_BYTES)?, p.display().to_string())),
        None => None,
    };
    let req = Request {
        field: a.field.as_deref(),
        image: image.as_ref().map(|(d, p)| (d.as_slice(), p.as_str())),
        time: now()?,
    };
    // Each problem names the file it is in: the PDF, the key (.p12 or token), the image.
    let signed = vanban_sign::sign(&pdf, &req, signer.as_ref()).map_err(|e| {
        use vanban_sign::SignError;
        let key = match (&a.p12, &a.pkcs11) {
            (Some(p), _) => p.display().to_string(),
            (_, Some(m)) => format!(
                "thiết bị ký số «{}»",
                a.token_label.as_deref().unwrap_or(&m.display().to_string())
            ),
            _ => String::new(),
        };
        match &e {
            SignError::Certificate(_) | SignError::Key(_) => format!("{key}: {e}"),
            SignError::Image(_) => {
                format!("{e}; dùng ảnh PNG nhỏ hơn (vài trăm điểm ảnh mỗi chiều là đủ)")
            }
            SignError::Pdf(_) | SignError::Field(_) => format!("{}: {e}", a.file.display()),
        }
    })?;
    // Atomically (temporary file, rename): the input stays whole even when --out is it.
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .ok_or("--out cần tên tệp")?
        .to_string_lossy()
        .into_owned();
    vanban::output::write_all(
        &dir,
        &[vanban::render::Rendered {
            name,
            bytes: signed.pdf,
        }],
    )
    .map_err(|e| format!("{}: {e}", out.display()))?;
    // A document replaced in place keeps who may read it.
    if let Some(p) = keep_permissions {
        std::fs::set_permissions(&out, p).map_err(|e| {
            format!(
                "{}: đã ký nhưng không giữ được quyền truy cập cũ của tệp: {}",
                out.display(),
                vanban::output::io_vi(&e)
            )
        })?;
    }
    Ok(format!(
        "Đã ký ô «{}» ({}) vào {}",
        signed.field,
        signed.signer,
        out.display()
    ))
}

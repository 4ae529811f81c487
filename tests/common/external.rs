//! Outside tools some tests read outputs back with (docx-validate, LibreOffice, poppler).
//! One rule for all: a missing tool skips the test with one loud line naming the Debian
//! package to install, and a line in `target/skipped-tests.txt`; under CI (`CI=true`) a
//! missing tool fails the test instead. `VANBAN_SKIP_EXTERNAL=1` skips them even when
//! present (a quick local run), recorded the same way.
//!
//! Shared by the workspace's test folders through `#[path]`, so there is one copy.

#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// ../shared/tools/docx-validate, run by /usr/bin/python3 with lxml.
    DocxValidate,
    /// LibreOffice's `soffice`.
    Soffice,
    /// poppler's `pdftotext` and `pdffonts`.
    Poppler,
    /// poppler's `pdfsig`, which validates signatures.
    Pdfsig,
    /// `openssl`, which makes the signing tests' certificates.
    Openssl,
    /// SoftHSM2, a PKCS#11 token in software.
    Softhsm,
    /// scripts/pdfa-check's modules: pikepdf and fontTools under /usr/bin/python3.
    PdfaCheck,
    /// qpdf, which can encrypt a PDF for a test.
    Qpdf,
    /// pyHanko's CLI: `$VANBAN_PYHANKO` (a virtual environment, see .ci/run) or `pyhanko`.
    Pyhanko,
}

impl Tool {
    fn what(self) -> &'static str {
        match self {
            Tool::DocxValidate => {
                "docx-validate (../shared/tools/docx-validate, python3 with lxml)"
            }
            Tool::Soffice => "LibreOffice (soffice)",
            Tool::Poppler => "poppler (pdftotext, pdffonts)",
            Tool::Pdfsig => "poppler's pdfsig",
            Tool::Openssl => "openssl",
            Tool::Softhsm => "SoftHSM2 (softhsm2-util)",
            Tool::PdfaCheck => "scripts/pdfa-check's modules (pikepdf, fontTools)",
            Tool::Pyhanko => "pyHanko (pyhanko sign validate)",
            Tool::Qpdf => "qpdf",
        }
    }

    /// What to install on Debian.
    fn package(self) -> &'static str {
        match self {
            Tool::DocxValidate => "python3-lxml (and the shared/ folder beside the repository)",
            Tool::Soffice => "libreoffice-writer-nogui",
            Tool::Poppler | Tool::Pdfsig => "poppler-utils",
            Tool::Openssl => "openssl",
            Tool::Qpdf => "qpdf",
            Tool::Softhsm => "softhsm2",
            Tool::PdfaCheck => "python3-pikepdf python3-fonttools",
            Tool::Pyhanko => {
                "python3-venv, then pyhanko-cli from PyPI in a venv named by VANBAN_PYHANKO (.ci/run)"
            }
        }
    }

    fn present(self) -> bool {
        let runs = |cmd: &str, arg: &str| {
            Command::new(cmd)
                .arg(arg)
                .output()
                .is_ok_and(|o| o.status.success() || !o.stderr.is_empty())
        };
        match self {
            Tool::DocxValidate => {
                docx_validate().is_file()
                    && Command::new("/usr/bin/python3")
                        .args(["-c", "import lxml"])
                        .status()
                        .is_ok_and(|s| s.success())
            }
            Tool::Soffice => runs("soffice", "--version"),
            Tool::Poppler => runs("pdftotext", "-v") && runs("pdffonts", "-v"),
            Tool::Pdfsig => runs("pdfsig", "-v"),
            Tool::Openssl => runs("openssl", "version"),
            Tool::Qpdf => runs("qpdf", "--version"),
            Tool::Softhsm => runs("softhsm2-util", "--version"),
            Tool::PdfaCheck => Command::new("/usr/bin/python3")
                .args(["-c", "import pikepdf, fontTools"])
                .status()
                .is_ok_and(|s| s.success()),
            Tool::Pyhanko => runs(&pyhanko(), "--version"),
        }
    }
}

/// The workspace root: the nearest folder above this crate holding Cargo.lock.
pub fn workspace() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .find(|d| d.join("Cargo.lock").is_file())
        .unwrap_or(&here)
        .to_path_buf()
}

/// The docx-validate script of the shared folder beside the repository.
pub fn docx_validate() -> PathBuf {
    workspace().join("../shared/tools/docx-validate")
}

/// The pyHanko command: `$VANBAN_PYHANKO`, else `pyhanko` on the PATH.
pub fn pyhanko() -> String {
    std::env::var("VANBAN_PYHANKO").unwrap_or_else(|_| "pyhanko".into())
}

/// Where skipped tests are listed: `target/skipped-tests.txt` (or under CARGO_TARGET_DIR).
pub fn skipped_list() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
        .join("skipped-tests.txt")
}

/// Whether `test` may use `tool`. When it may not, says so loudly and records the skip —
/// or fails the test under CI, where every tool must be installed.
pub fn need(tool: Tool, test: &str) -> bool {
    let forced = std::env::var("VANBAN_SKIP_EXTERNAL").is_ok_and(|v| v == "1");
    if !forced && tool.present() {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    let why = if forced {
        "VANBAN_SKIP_EXTERNAL=1".to_string()
    } else {
        format!(
            "{} is missing: apt-get install {}",
            tool.what(),
            tool.package()
        )
    };
    assert!(
        forced || !ci,
        "{test}: {why} (CI=true: every outside tool must be there)"
    );
    let line = format!("SKIPPED {test}: {why}");
    // Straight to the process's stderr: the test harness captures `eprintln!` of passing
    // tests, and a skip must be seen.
    let _ = writeln!(std::io::stderr(), "\n*** {line} ***");
    record(&line);
    false
}

/// Appends the skip to the list. The list belongs to one `cargo test` run (the test
/// binaries' parent process): the first skip of a new run starts it afresh.
fn record(line: &str) {
    let path = skipped_list();
    #[cfg(unix)]
    let run = std::os::unix::process::parent_id();
    #[cfg(not(unix))]
    let run = 0;
    let header = format!("# tests skipped by the cargo test run {run}\n");
    let _ = std::fs::create_dir_all(path.parent().unwrap_or(&path));
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    if !old.starts_with(&header) {
        let _ = std::fs::write(&path, &header);
    }
    // One small O_APPEND write a line: parallel tests do not interleave or lose lines.
    if let Ok(mut f) = std::fs::OpenOptions::new().append(true).open(&path) {
        let _ = f.write_all(format!("{line}\n").as_bytes());
    }
}

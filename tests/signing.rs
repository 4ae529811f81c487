//! `vanban ky` end to end, with certificates this test makes (openssl): a test CA, a
//! person and an agency. The signed files are checked by pdfsig (poppler) and pyHanko
//! (`pyhanko sign validate`), and by scripts/pdfa-check. A missing tool skips with one
//! loud line outside CI and fails under CI.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

/// pyHanko's command when it is here for `test` (see [`need`]).
fn pyhanko(test: &str) -> Option<String> {
    need(Tool::Pyhanko, test).then(common::pyhanko)
}

fn run(cmd: &mut Command) -> Output {
    let o = cmd.output().unwrap();
    assert!(
        o.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// A CA and end entities in `dir`: person (nguoi), agency (coquan), one without the
/// digital-signature key usage (khongky); each as .p12 with password "matkhau".
fn pki(dir: &Path) {
    std::fs::write(
        dir.join("ext.cnf"),
        "[ee]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n\
         [nods]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,keyEncipherment\n",
    )
    .unwrap();
    let ossl = || {
        let mut c = Command::new("openssl");
        c.current_dir(dir);
        c
    };
    run(ossl().args([
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "30",
        "-subj",
        "/CN=CA thu nghiem vanban",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]));
    for (name, subj, serial, ext) in [
        ("nguoi", "/CN=Nguyễn Văn A", "2", "ee"),
        (
            "coquan",
            "/O=Ủy ban nhân dân tỉnh Kon Tum/CN=Ủy ban nhân dân tỉnh Kon Tum",
            "3",
            "ee",
        ),
        ("khongky", "/CN=Không ký", "4", "nods"),
    ] {
        run(ossl().args([
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-utf8",
            "-keyout",
            &format!("{name}.key"),
            "-out",
            &format!("{name}.csr"),
            "-subj",
            subj,
        ]));
        run(ossl().args([
            "x509",
            "-req",
            "-in",
            &format!("{name}.csr"),
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-set_serial",
            serial,
            "-days",
            "30",
            "-extfile",
            "ext.cnf",
            "-extensions",
            ext,
            "-out",
            &format!("{name}.pem"),
        ]));
        run(ossl().args([
            "pkcs12",
            "-export",
            "-inkey",
            &format!("{name}.key"),
            "-in",
            &format!("{name}.pem"),
            "-certfile",
            "ca.pem",
            "-out",
            &format!("{name}.p12"),
            "-passout",
            "pass:matkhau",
        ]));
    }
    std::fs::write(dir.join("chuky.png"), png(120, 50, [0, 0, 200, 180])).unwrap();
    std::fs::write(dir.join("dau.png"), png(80, 80, [220, 0, 0, 120])).unwrap();
}

/// A one-colour RGBA PNG.
fn png(w: u32, h: u32, rgba: [u8; 4]) -> Vec<u8> {
    // Each row: filter type 0, then the pixels.
    let row: Vec<u8> = std::iter::once(0)
        .chain(rgba.iter().copied().cycle().take(4 * w as usize))
        .collect();
    let raw = row.repeat(h as usize);
    let z = flate2_like::zlib(&raw);
    let chunk = |t: &[u8], d: &[u8]| {
        let mut c = (d.len() as u32).to_be_bytes().to_vec();
        c.extend(t);
        c.extend(d);
        c.extend(flate2_like::crc32(&[t, d].concat()).to_be_bytes());
        c
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(b"IDAT", &z));
    out.extend(chunk(b"IEND", b""));
    out
}

/// zlib with stored blocks and CRC-32: enough for a test PNG, without a dependency.
mod flate2_like {
    pub fn zlib(data: &[u8]) -> Vec<u8> {
        let mut out = vec![0x78, 0x01];
        let chunks: Vec<&[u8]> = data.chunks(65_535).collect();
        for (i, c) in chunks.iter().enumerate() {
            out.push(u8::from(i + 1 == chunks.len()));
            let n = c.len() as u16;
            out.extend(n.to_le_bytes());
            out.extend((!n).to_le_bytes());
            out.extend(*c);
        }
        let (mut a, mut b) = (1u32, 0u32);
        for &x in data {
            a = (a + x as u32) % 65_521;
            b = (b + a) % 65_521;
        }
        out.extend(((b << 16) | a).to_be_bytes());
        out
    }

    pub fn crc32(data: &[u8]) -> u32 {
        let mut c = !0u32;
        for &b in data {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
}

fn ky(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vanban"));
    c.arg("ky").args(args).env_remove("VANBAN_SIGN_TIME");
    for (k, v) in envs {
        c.env(k, v);
    }
    c.output().unwrap()
}

const PW: (&str, &str) = ("VANBAN_P12_PASSWORD", "matkhau");

/// `pyhanko sign validate` of `pdf`, trusting the test's CA in `dir`.
fn validate(pyhanko: &str, dir: &Path, pdf: &Path) -> Output {
    Command::new(pyhanko)
        .args(["sign", "validate", "--trust-replace", "--trust"])
        .arg(dir.join("ca.pem"))
        .arg(pdf)
        .output()
        .unwrap()
}

/// `o` is a refusal (exit 1) saying `says` in Vietnamese only, and wrote nothing at `out`.
fn assert_refused(o: &Output, says: &str, what: &str, out: &Path) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{what}: {err}");
    assert!(err.contains(says), "{what}: «{err}» lacks «{says}»");
    assert!(english_words(&err).is_empty(), "{what}: {err}");
    assert!(!out.exists(), "{what} wrote {out:?}");
}

/// Signs `field` of `input` with the test's `key` (.p12 in `dir`) and `image`, into `out`.
fn ky_p12(dir: &Path, input: &Path, key: &str, field: &str, image: &str, out: &Path) -> Output {
    let (key, image) = (dir.join(key), dir.join(image));
    let args = [
        s(input),
        "--p12",
        s(&key),
        "--field",
        field,
        "--image",
        s(&image),
        "--out",
        s(out),
    ];
    ky(&args, &[PW])
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// pdfsig's verdicts: (field, valid, covers the whole file), in its order.
fn pdfsig(pdf: &Path) -> Vec<(String, bool, bool)> {
    let o = Command::new("pdfsig").arg(pdf).output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut out = Vec::new();
    for block in text.split("Signature #").skip(1) {
        let field = block
            .lines()
            .find_map(|l| l.trim().strip_prefix("- Signature Field Name: "))
            .unwrap_or("")
            .to_string();
        out.push((
            field,
            block.contains("Signature Validation: Signature is Valid."),
            block.contains("Total document signed"),
        ));
    }
    out
}

fn setup(name: &str) -> Option<(PathBuf, PathBuf)> {
    if !need(Tool::Openssl, name) || !need(Tool::Pdfsig, name) {
        return None;
    }
    let dir = temp_dir(name);
    pki(&dir);
    let out = render(
        &fixture("kontum-2024.yaml"),
        &["--doc", "to-trinh", "--format", "pdf"],
        &format!("{name}-render"),
    );
    Some((dir, out.join("to-trinh.pdf")))
}

#[test]
fn signer_then_agency_both_valid_and_still_pdfa() {
    let Some((dir, pdf)) = setup("ky-ok") else {
        return;
    };
    let before = std::fs::read(&pdf).unwrap();
    let (s1, s2) = (dir.join("s1.pdf"), dir.join("s2.pdf"));
    let o = ky_p12(&dir, &pdf, "nguoi.p12", "ky.nguoi-ky", "chuky.png", &s1);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Đã ký ô «ky.nguoi-ky»"),
        "{}",
        stderr(&o)
    );
    let o = ky_p12(&dir, &s1, "coquan.p12", "dau.co-quan", "dau.png", &s2);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&pdf).unwrap(), before, "the input changed");
    // The signer's update is kept byte for byte under the agency's.
    let signed = std::fs::read(&s2).unwrap();
    assert!(signed.starts_with(&std::fs::read(&s1).unwrap()));
    // The agency's font carries only the glyphs it shows: its signature adds the 48 KB
    // of its reserved hex contents and a few KB more, not the whole face (≈ 200 KB).
    let added = signed.len() - std::fs::metadata(&s1).unwrap().len() as usize;
    assert!(
        added < 80 * 1024,
        "the agency's signature added {added} bytes"
    );

    let verdicts = pdfsig(&s2);
    assert_eq!(verdicts.len(), 2, "{verdicts:?}");
    assert!(verdicts.iter().all(|v| v.1), "{verdicts:?}");
    let last = verdicts.iter().find(|v| v.0 == "dau.co-quan").unwrap();
    assert!(
        last.2,
        "the agency's signature must cover the whole file: {verdicts:?}"
    );

    // The agency's text can be read back (its font maps glyphs to characters): the signing
    // time in ISO 8601 with +07:00, and the agency's name once more than before.
    if have_poppler("signer_then_agency_both_valid_and_still_pdfa") {
        let (before, after) = (pdf_pages(&s1).join(" "), pdf_pages(&s2).join(" "));
        let time = after
            .split_whitespace()
            .find(|w| w.ends_with("+07:00"))
            .unwrap_or_else(|| panic!("no signing time in the text: {after}"));
        let b = time.as_bytes();
        assert!(
            time.len() == 25 && b[4] == b'-' && b[10] == b'T' && b[13] == b':',
            "{time}"
        );
        let name = "Ủy ban nhân dân tỉnh Kon Tum";
        assert_eq!(
            after.matches(name).count(),
            before.matches(name).count() + 1,
            "{after}"
        );
    }

    if need(
        Tool::PdfaCheck,
        "signer_then_agency_both_valid_and_still_pdfa",
    ) {
        let check = Command::new("/usr/bin/python3")
            .arg(root().join("scripts/pdfa-check"))
            .arg(&s2)
            .output()
            .unwrap();
        assert!(check.status.success(), "{}", stderr(&check));
    }

    if let Some(p) = pyhanko("signer_then_agency_both_valid_and_still_pdfa") {
        let o = validate(&p, &dir, &s2);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{out}{}", stderr(&o));
        for field in ["ky.nguoi-ky", "dau.co-quan"] {
            let line = out
                .lines()
                .find(|l| l.starts_with(field))
                .unwrap_or_else(|| panic!("{out}"));
            assert!(line.contains(":INTACT:TRUSTED"), "{line}");
        }
    }

    // One byte changed after signing: both tools say so.
    let mut bad = signed.clone();
    let at = bad.windows(9).position(|w| w == b"/Producer").unwrap() + 20;
    bad[at] = if bad[at] == b'0' { b'1' } else { b'0' };
    let tampered = dir.join("tampered.pdf");
    std::fs::write(&tampered, &bad).unwrap();
    let verdicts = pdfsig(&tampered);
    assert!(
        !verdicts.is_empty() && verdicts.iter().all(|v| !v.1),
        "{verdicts:?}"
    );
    if let Some(p) = pyhanko("signer_then_agency_both_valid_and_still_pdfa") {
        let o = validate(&p, &dir, &tampered);
        assert!(!o.status.success(), "pyhanko accepted a changed file");
    }
}

#[test]
fn refusals_are_in_vietnamese_and_touch_nothing() {
    let Some((dir, pdf)) = setup("ky-refuse") else {
        return;
    };
    let before = std::fs::read(&pdf).unwrap();
    let s1 = dir.join("s1.pdf");
    let nguoi = dir.join("nguoi.p12");
    let ok = ky(
        &[
            s(&pdf),
            "--p12",
            s(&nguoi),
            "--field",
            "ky.nguoi-ky",
            "--out",
            s(&s1),
        ],
        &[PW],
    );
    assert!(ok.status.success(), "{}", stderr(&ok));
    let signed = std::fs::read(&s1).unwrap();
    let out = dir.join("never.pdf");
    type Case<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![s(&s1), "--field", "ky.nguoi-ky"],
            vec![PW],
            "đã được ký",
        ),
        (
            vec![s(&pdf), "--field", "ky.khong-co"],
            vec![PW],
            "không có ô ký «ky.khong-co»",
        ),
        (
            vec![s(&pdf)],
            vec![("VANBAN_P12_PASSWORD", "sai")],
            "mật khẩu",
        ),
        (
            vec![s(&pdf)],
            vec![PW, ("VANBAN_SIGN_TIME", "2099-01-01T00:00:00+07:00")],
            "đã hết hạn",
        ),
    ];
    for (args, envs, says) in cases {
        let mut a = args.clone();
        a.extend(["--p12", s(&nguoi), "--out", s(&out)]);
        let o = ky(&a, &envs);
        assert_eq!(o.status.code(), Some(1), "{a:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(says),
            "{a:?}: «{}» lacks «{says}»",
            stderr(&o)
        );
        assert!(!out.exists(), "{a:?} wrote a file");
    }
    let o = ky(
        &[
            s(&pdf),
            "--p12",
            s(&dir.join("khongky.p12")),
            "--out",
            s(&out),
        ],
        &[PW],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("không được phép dùng để ký số"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    // No password anywhere and no terminal (CI): asks for the variable, does not hang.
    // With a terminal the prompt would wait for a person, so that case is left out.
    if std::fs::File::open("/dev/tty").is_err() {
        let o = ky(&[s(&pdf), "--p12", s(&nguoi), "--out", s(&out)], &[]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("VANBAN_P12_PASSWORD"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&pdf).unwrap(), before);
    assert_eq!(std::fs::read(&s1).unwrap(), signed);
    // In place only when asked: --out the input itself.
    let o = ky(
        &[s(&s1), "--p12", s(&dir.join("coquan.p12")), "--out", s(&s1)],
        &[PW],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&s1).unwrap().starts_with(&signed));
}

/// The SoftHSM2 module, where Debian puts it.
const SOFTHSM: &str = "/usr/lib/softhsm/libsofthsm2.so";

#[test]
fn signs_with_a_pkcs11_token() {
    let Some((dir, pdf)) = setup("ky-token") else {
        return;
    };
    if !need(Tool::Softhsm, "signs_with_a_pkcs11_token") {
        return;
    }
    // A token of our own: SOFTHSM2_CONF points SoftHSM2 at a folder of this test.
    let tokens = dir.join("tokens");
    std::fs::create_dir_all(&tokens).unwrap();
    let conf = dir.join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            tokens.display()
        ),
    )
    .unwrap();
    let hsm = || {
        let mut c = Command::new("softhsm2-util");
        c.env("SOFTHSM2_CONF", &conf);
        c
    };
    run(hsm().args([
        "--init-token",
        "--free",
        "--label",
        "vanban",
        "--pin",
        "1234",
        "--so-pin",
        "5678",
    ]));
    run(hsm().args([
        "--import",
        s(&dir.join("nguoi.key")),
        "--token",
        "vanban",
        "--label",
        "nguoi",
        "--id",
        "01",
        "--pin",
        "1234",
    ]));
    // The certificate, DER, next to its key (same CKA_ID).
    let der = run(Command::new("openssl").args([
        "x509",
        "-in",
        s(&dir.join("nguoi.pem")),
        "-outform",
        "DER",
    ]))
    .stdout;
    {
        use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
        use cryptoki::object::{Attribute, CertificateType, ObjectClass};
        use cryptoki::session::UserType;
        use cryptoki::types::AuthPin;
        // SAFETY: the other tests of this binary touch the environment only through std
        // (Command), which holds std's environment lock as set_var does; the only C reader
        // is the SoftHSM2 module this thread loads next.
        unsafe { std::env::set_var("SOFTHSM2_CONF", &conf) };
        let ctx = Pkcs11::new(SOFTHSM).unwrap();
        ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
            .unwrap();
        let slot = ctx
            .get_slots_with_token()
            .unwrap()
            .into_iter()
            .find(|s| ctx.get_token_info(*s).unwrap().label() == "vanban")
            .unwrap();
        let session = ctx.open_rw_session(slot).unwrap();
        session
            .login(UserType::User, Some(&AuthPin::new("1234".into())))
            .unwrap();
        session
            .create_object(&[
                Attribute::Class(ObjectClass::CERTIFICATE),
                Attribute::CertificateType(CertificateType::X_509),
                Attribute::Token(true),
                Attribute::Id(vec![1]),
                Attribute::Label(b"nguoi".to_vec()),
                Attribute::Subject(vanban_sign::CertInfo::parse(&der).unwrap().subject_der),
                Attribute::Value(der),
            ])
            .unwrap();
    }
    let out = dir.join("token.pdf");
    // `vanban ky` on the token labelled `label` with `pin`, writing `to`.
    let on_token = |label: &str, pin: &str, extra: &[&str], to: &Path| {
        let mut args = vec![s(&pdf), "--pkcs11", SOFTHSM, "--token-label", label];
        args.extend(extra);
        args.extend(["--out", s(to)]);
        ky(
            &args,
            &[("VANBAN_PKCS11_PIN", pin), ("SOFTHSM2_CONF", s(&conf))],
        )
    };
    let chuky = dir.join("chuky.png");
    let o = on_token(
        "vanban",
        "1234",
        &["--field", "ky.nguoi-ky", "--image", s(&chuky)],
        &out,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let verdicts = pdfsig(&out);
    assert_eq!(verdicts.len(), 2, "{verdicts:?}");
    let signed = verdicts.iter().find(|v| v.0 == "ky.nguoi-ky").unwrap();
    assert!(signed.1 && signed.2, "{verdicts:?}");
    if let Some(p) = pyhanko("signs_with_a_pkcs11_token") {
        let o = validate(&p, &dir, &out);
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success() && text.contains("ky.nguoi-ky") && text.contains(":INTACT:TRUSTED"),
            "{text}{}",
            stderr(&o)
        );
    }
    // A wrong PIN and an unknown label are refused in Vietnamese, writing nothing.
    let never = dir.join("never.pdf");
    let o = on_token("vanban", "0000", &[], &never);
    assert!(stderr(&o).contains("mã PIN"), "{}", stderr(&o));
    let o = on_token("khac", "1234", &[], &never);
    assert!(
        stderr(&o).contains("không thấy thiết bị ký số nhãn «khac»"),
        "{}",
        stderr(&o)
    );
    assert!(!never.exists());
}

/// `vanban ky` reads regular files only, within bounds: a device as the PDF or the .p12
/// is refused in Vietnamese before anything is read from it, and nothing is written.
#[test]
fn ky_reads_only_regular_files() {
    let dir = temp_dir("ky-devices");
    let out = dir.join("ra.pdf");
    for args in [
        vec!["ky", "/dev/zero", "--p12", "/dev/null", "--out"],
        vec!["ky", "/dev/null", "--p12", "/dev/zero", "--out"],
    ] {
        let mut args: Vec<&str> = args;
        args.push(out.to_str().unwrap());
        let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(&args)
            .env("VANBAN_P12_PASSWORD", "x")
            .output()
            .unwrap();
        assert_refused(&o, "không phải tệp thường", &format!("{args:?}"), &out);
    }
}

/// Broken inputs to `vanban ky` — not a PDF, a cut PDF, a PDF without fields, a file
/// that is not a .p12, an image that is not a PNG — are refused with a Vietnamese
/// sentence (no library English), and nothing is written.
#[test]
fn broken_inputs_are_refused_in_vietnamese() {
    let Some((dir, pdf)) = setup("ky-broken") else {
        return;
    };
    let bytes = std::fs::read(&pdf).unwrap();
    std::fs::write(dir.join("khong-phai.pdf"), "xin chào").unwrap();
    std::fs::write(dir.join("cat-cut.pdf"), &bytes[..bytes.len() / 3]).unwrap();
    std::fs::write(dir.join("khong-phai.png"), "GIF89a").unwrap();
    let news = render(
        &fixture("kontum-2024.yaml"),
        &["--doc", "tin-bai", "--format", "pdf"],
        "ky-broken-news",
    )
    .join("tin-bai.pdf");
    let out = dir.join("never.pdf");
    let cases: [(&Path, &str, &str, &str); 5] = [
        (
            &dir.join("khong-phai.pdf"),
            "nguoi.p12",
            "chuky.png",
            "không phải tệp PDF",
        ),
        (
            &dir.join("cat-cut.pdf"),
            "nguoi.p12",
            "chuky.png",
            "bị cắt cụt",
        ),
        (&news, "nguoi.p12", "chuky.png", "không có ô ký"),
        (
            &pdf,
            "khong-phai.pdf",
            "chuky.png",
            "không đọc được tệp .p12",
        ),
        (&pdf, "nguoi.p12", "khong-phai.png", "ảnh PNG"),
    ];
    for (input, key, image, says) in cases {
        let o = ky_p12(&dir, input, key, "ky.nguoi-ky", image, &out);
        assert_refused(&o, says, &format!("{input:?} {key} {image}"), &out);
    }
}

/// `--out` is checked before anything is signed: a name that does not end in .pdf, a
/// folder that does not exist, a FIFO and a link are refused (a link would be replaced,
/// not followed; a device would be replaced by a file); a file signed in place keeps
/// its permissions. An encrypted PDF is refused even when its user password is empty
/// (the library opens it without asking).
#[test]
fn the_output_is_checked_and_encrypted_files_refused() {
    let Some((dir, pdf)) = setup("ky-out") else {
        return;
    };
    let link = dir.join("lien-ket.pdf");
    std::os::unix::fs::symlink(&pdf, &link).unwrap();
    let fifo = dir.join("ong.pdf");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let before = std::fs::read(&pdf).unwrap();
    for (out, says) in [
        (dir.join("ket-qua.json"), "phải có tên kết thúc bằng .pdf"),
        (dir.join("khong-co/x.pdf"), "không có; tạo thư mục trước"),
        (fifo.clone(), "không phải tệp thường"),
        (link.clone(), "vanban không ghi qua liên kết"),
    ] {
        let o = ky_p12(&dir, &pdf, "nguoi.p12", "ky.nguoi-ky", "chuky.png", &out);
        // The FIFO and the link are still there, untouched: no `assert_refused`.
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{out:?}: {err}");
        assert!(err.contains(says), "{out:?}: «{err}» lacks «{says}»");
        assert!(english_words(&err).is_empty(), "{out:?}: {err}");
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), before);

    use std::os::unix::fs::PermissionsExt;
    let own = dir.join("rieng.pdf");
    std::fs::copy(&pdf, &own).unwrap();
    std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = ky_p12(&dir, &own, "nguoi.p12", "ky.nguoi-ky", "chuky.png", &own);
    assert!(o.status.success(), "{}", stderr(&o));
    let mode = std::fs::metadata(&own).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);

    if need(
        Tool::Qpdf,
        "the_output_is_checked_and_encrypted_files_refused",
    ) {
        let enc = dir.join("ma-hoa.pdf");
        let q = Command::new("qpdf")
            .args(["--encrypt", "", "chu", "256", "--"])
            .arg(&pdf)
            .arg(&enc)
            .status()
            .unwrap();
        assert!(q.success());
        let out = dir.join("ma-hoa-ky.pdf");
        let o = ky_p12(&dir, &enc, "nguoi.p12", "ky.nguoi-ky", "chuky.png", &out);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("tệp mã hóa"), "{}", stderr(&o));
        assert!(!out.exists());
    }
}

/// A field's `/Rect` with more digits than an `f32` holds (as other tools write them)
/// goes into the signed revision as the file has it: validators count a changed `/Rect`
/// as a change that breaks the earlier signature.
#[test]
fn a_field_rectangle_is_copied_as_the_file_writes_it() {
    let Some((dir, pdf)) = setup("ky-rect") else {
        return;
    };
    let mut bytes = std::fs::read(&pdf).unwrap();
    let (from, to) = (
        &b"/Rect[328.15 521.2 430.2 623.25]"[..],
        &b"/Rect[328.123456 521 430 623.25]"[..],
    );
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("the seal field's rectangle");
    bytes[at..at + from.len()].copy_from_slice(to);
    let input = dir.join("rect.pdf");
    std::fs::write(&input, &bytes).unwrap();
    let (s1, s2) = (dir.join("r1.pdf"), dir.join("r2.pdf"));
    let o = ky_p12(&dir, &input, "nguoi.p12", "ky.nguoi-ky", "chuky.png", &s1);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = ky_p12(&dir, &s1, "coquan.p12", "dau.co-quan", "dau.png", &s2);
    assert!(o.status.success(), "{}", stderr(&o));
    let signed = std::fs::read(&s2).unwrap();
    let update = &signed[std::fs::metadata(&s1).unwrap().len() as usize..];
    let kept = b"/Rect [328.123456 521 430 623.25]";
    assert!(
        update.windows(kept.len()).any(|w| w == kept),
        "the agency's update rewrote the rectangle"
    );
    if let Some(p) = pyhanko("a_field_rectangle_is_copied_as_the_file_writes_it") {
        let o = validate(&p, &dir, &s2);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{out}{}", stderr(&o));
        let first = out.lines().find(|l| l.starts_with("ky.nguoi-ky")).unwrap();
        assert!(
            first.contains("ACCEPTABLE_MODIFICATIONS") && !first.contains("ILLEGAL"),
            "{first}"
        );
    }
}

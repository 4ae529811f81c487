//! Hostile inputs and environments (issue 10): nothing lost, nothing hangs, nothing
//! written where it should not be. Each test names the guarantee it holds; the list is in
//! docs/reliability.md.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;

const DOCS: [&str; 4] = ["giao-uoc", "tin-bai", "to-trinh", "bien-ban"];

fn cmd(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vanban"));
    c.args(args).current_dir(root());
    c
}

/// Waits for a child, killing it (and failing) after a generous watchdog: the tests must
/// end even if a bound is broken.
fn finish(mut child: Child, what: &str) -> Output {
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what}: still running after 300 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Asserts the things every run must keep: no panic, no raw system English.
fn sane(o: &Output, what: &str) {
    let err = stderr(o);
    assert_ne!(o.status.code(), Some(101), "{what} panicked: {err}");
    assert!(o.status.code().is_some(), "{what} killed by a signal");
    assert!(!err.contains("panicked"), "{what}: {err}");
    assert!(!err.contains("os error"), "{what}: {err}");
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Every entry of a folder whose name starts with a dot.
fn hidden(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

fn fill_old(out: &Path) {
    std::fs::create_dir_all(out).unwrap();
    for d in DOCS {
        std::fs::write(out.join(format!("{d}.docx")), format!("OLD {d}")).unwrap();
    }
}

// 1. All or nothing per output folder.

#[test]
fn a_failed_rename_rolls_back_every_file() {
    let out = temp_dir("hostile-rollback");
    fill_old(&out);
    // The last file's target is a folder: its rename fails after three files went in.
    std::fs::remove_file(out.join("bien-ban.docx")).unwrap();
    std::fs::create_dir(out.join("bien-ban.docx")).unwrap();
    let o = vanban(&[
        "render",
        "fixtures/kontum-2024.yaml",
        "--format",
        "docx",
        "--out",
        p(&out),
    ]);
    sane(&o, "render");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bien-ban.docx"), "{err}");
    assert!(err.contains("Chưa ghi tệp nào"), "{err}");
    assert!(err.contains("trả lại nguyên trạng"), "{err}");
    for d in &DOCS[..3] {
        assert_eq!(
            std::fs::read_to_string(out.join(format!("{d}.docx"))).unwrap(),
            format!("OLD {d}"),
            "{d} replaced"
        );
    }
    assert!(out.join("bien-ban.docx").is_dir());
    assert!(hidden(&out).is_empty(), "{:?}", hidden(&out));
    assert!(o.stdout.is_empty(), "no file announced as written");
}

#[test]
fn leftovers_of_a_killed_run_are_removed_by_the_next() {
    let out = temp_dir("hostile-leftovers");
    // What a kill -9 leaves: a staging folder, a lock of a dead process, an old-style
    // temporary file.
    let staging = out.join(".vanban-tmp-4000000-0/new");
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(staging.join("giao-uoc.docx"), "half").unwrap();
    // Killed between moving the old file aside and putting the new one in place.
    let old = out.join(".vanban-tmp-4000000-0/old");
    std::fs::create_dir_all(&old).unwrap();
    std::fs::write(old.join("ghi-chu.docx"), "old, moved aside").unwrap();
    std::fs::write(out.join(".vanban.lock"), "999999999").unwrap();
    std::fs::write(out.join(".giao-uoc.docx.4242.tmp"), "half").unwrap();
    std::fs::write(out.join(".ghi-chu"), "mine").unwrap();
    let o = vanban(&[
        "render",
        "fixtures/kontum-2024.yaml",
        "--format",
        "docx",
        "--out",
        p(&out),
    ]);
    sane(&o, "render");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        hidden(&out),
        [".ghi-chu"],
        "only the user's own hidden file stays"
    );
    assert!(docx_part(&out.join("giao-uoc.docx"), "word/document.xml").contains("<w:body>"));
}

#[test]
fn a_folder_locked_by_a_live_run_is_refused_and_a_dead_ones_lock_taken_over() {
    let out = temp_dir("hostile-lock");
    fill_old(&out);
    // A live process that is not vanban holds the lock.
    let mut holder = Command::new("sleep").arg("600").spawn().unwrap();
    std::fs::write(out.join(".vanban.lock"), holder.id().to_string()).unwrap();
    let args = [
        "render",
        "fixtures/kontum-2024.yaml",
        "--format",
        "docx",
        "--out",
        p(&out),
    ];
    let o = vanban(&args);
    sane(&o, "render");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("đang được một lần chạy vanban khác ghi"),
        "{err}"
    );
    assert!(err.contains(&holder.id().to_string()), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("giao-uoc.docx")).unwrap(),
        "OLD giao-uoc"
    );
    holder.kill().unwrap();
    holder.wait().unwrap();
    let o = vanban(&args);
    sane(&o, "render");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.join(".vanban.lock").exists());
    assert!(docx_part(&out.join("giao-uoc.docx"), "word/document.xml").contains("<w:body>"));
}

#[test]
fn two_runs_into_one_folder_never_mix_their_files() {
    let dir = temp_dir("hostile-race");
    let recs = [fixture("kontum-2024.yaml"), fixture("nha-nuoc-mau.yaml")];
    let refs: Vec<PathBuf> = recs
        .iter()
        .enumerate()
        .map(|(i, r)| render(r, &["--format", "docx"], &format!("hostile-race-ref{i}")))
        .collect();
    let out = dir.join("out");
    for round in 0..3 {
        let children: Vec<Child> = recs
            .iter()
            .map(|r| {
                cmd(&["render", p(r), "--format", "docx", "--out", p(&out)])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outputs: Vec<Output> = children.into_iter().map(|c| finish(c, "race")).collect();
        for o in &outputs {
            sane(o, "race");
            if !o.status.success() {
                let err = stderr(o);
                assert!(
                    err.contains("đang được một lần chạy vanban khác ghi"),
                    "{err}"
                );
            }
        }
        assert!(outputs.iter().any(|o| o.status.success()), "round {round}");
        // Every file of the folder comes from one and the same record.
        let from: Vec<usize> = DOCS
            .iter()
            .map(|d| {
                let got = std::fs::read(out.join(format!("{d}.docx"))).unwrap();
                refs.iter()
                    .position(|r| std::fs::read(r.join(format!("{d}.docx"))).unwrap() == got)
                    .unwrap_or_else(|| panic!("{d}.docx matches neither record"))
            })
            .collect();
        assert!(from.iter().all(|&i| i == from[0]), "mixed: {from:?}");
        assert!(hidden(&out).is_empty(), "{:?}", hidden(&out));
    }
}

// 2. Writing where it should not.

#[cfg(unix)]
#[test]
fn a_planted_symlink_is_replaced_never_followed() {
    use std::os::unix::fs::symlink;
    let dir = temp_dir("hostile-symlink");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let victim_dir = dir.join("victim-dir");
    std::fs::create_dir_all(&victim_dir).unwrap();
    std::fs::write(victim_dir.join("keep.txt"), "keep").unwrap();
    // At a target name, at the lock's name, at temporary names old and new.
    symlink(&victim, out.join("giao-uoc.docx")).unwrap();
    symlink(&victim, out.join(".vanban.lock")).unwrap();
    symlink(&victim, out.join(".tin-bai.docx.1.tmp")).unwrap();
    symlink(&victim_dir, out.join(".vanban-tmp-1-0")).unwrap();
    let o = vanban(&[
        "render",
        "fixtures/kontum-2024.yaml",
        "--format",
        "docx",
        "--out",
        p(&out),
    ]);
    sane(&o, "render");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let kept: Vec<_> = std::fs::read_dir(&victim_dir).unwrap().collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        std::fs::read_to_string(victim_dir.join("keep.txt")).unwrap(),
        "keep"
    );
    let meta = std::fs::symlink_metadata(out.join("giao-uoc.docx")).unwrap();
    assert!(meta.file_type().is_file(), "the link itself was replaced");
    assert!(docx_part(&out.join("giao-uoc.docx"), "word/document.xml").contains("<w:body>"));
    assert!(hidden(&out).is_empty(), "{:?}", hidden(&out));
}

#[test]
fn batch_output_never_leaves_out() {
    let dir = temp_dir("hostile-names");
    let recs = dir.join("ho-so");
    std::fs::create_dir_all(&recs).unwrap();
    std::fs::copy(fixture("kontum-2024.yaml"), recs.join("...yaml")).unwrap();
    std::fs::copy(fixture("kontum-2024.yaml"), recs.join("tot.yaml")).unwrap();
    let out = dir.join("out");
    let o = vanban(&["render", p(&recs), "--format", "docx", "--out", p(&out)]);
    sane(&o, "render");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("...yaml"), "{err}");
    assert!(err.contains("ra ngoài thư mục --out"), "{err}");
    assert!(!dir.join("giao-uoc.docx").exists());
    assert!(!out.exists(), "nothing written");
    // Names that differ only in case would share a folder on Windows and macOS.
    let recs2 = dir.join("ho-so-2");
    std::fs::create_dir_all(&recs2).unwrap();
    std::fs::copy(fixture("kontum-2024.yaml"), recs2.join("a.yaml")).unwrap();
    std::fs::copy(fixture("kontum-2024.yaml"), recs2.join("A.yml")).unwrap();
    let o = vanban(&["render", p(&recs2), "--out", p(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("ghi đè lên nhau"), "{}", stderr(&o));
}

#[test]
fn upper_case_extensions_are_records() {
    let dir = temp_dir("hostile-ext");
    let recs = dir.join("ho-so");
    std::fs::create_dir_all(&recs).unwrap();
    std::fs::copy(fixture("kontum-2024.yaml"), recs.join("mot.YAML")).unwrap();
    std::fs::copy(fixture("nha-nuoc-mau.yaml"), recs.join("hai.Yml")).unwrap();
    let out = dir.join("out");
    let o = vanban(&["render", p(&recs), "--format", "docx", "--out", p(&out)]);
    sane(&o, "render");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("mot/giao-uoc.docx").is_file());
    assert!(out.join("hai/giao-uoc.docx").is_file());
}

#[test]
fn templates_export_never_overwrites_without_force() {
    let dir = temp_dir("hostile-export");
    let mau = dir.join("mau");
    assert!(vanban(&["templates", "export", p(&mau)]).status.success());
    std::fs::write(mau.join("giao-uoc.vb"), "mine").unwrap();
    let o = vanban(&["templates", "export", p(&mau)]);
    sane(&o, "export");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for f in [
        "_dau.vb",
        "giao-uoc.vb",
        "tin-bai.vb",
        "to-trinh.vb",
        "bien-ban.vb",
    ] {
        assert!(err.contains(f), "{f} not named: {err}");
    }
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(mau.join("giao-uoc.vb")).unwrap(),
        "mine"
    );
    let o = vanban(&["templates", "export", p(&mau), "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let src = std::fs::read_to_string(mau.join("giao-uoc.vb")).unwrap();
    assert_eq!(
        src,
        std::fs::read_to_string(root().join("templates/giao-uoc.vb")).unwrap()
    );
}

// 3. No panics.

#[cfg(unix)]
#[test]
fn no_command_panics_when_stdout_or_stderr_cannot_be_written() {
    let dir = temp_dir("hostile-pipes");
    let rec = "fixtures/kontum-2024.yaml";
    let bad = dir.join("hong.yaml");
    std::fs::write(&bad, "the_thuc: [").unwrap();
    let out = dir.join("out");
    let init = dir.join("init");
    let mau = dir.join("mau");
    // (arguments, writes to stdout)
    let cases: Vec<(Vec<&str>, bool)> = vec![
        (vec!["schema"], true),
        (vec!["markup", rec, "--doc", "giao-uoc"], true),
        (
            vec!["render", rec, "--format", "docx", "--out", p(&out)],
            true,
        ),
        (vec!["check", rec], false),
        (vec!["check", p(&bad)], false),
        (vec!["init", p(&init)], false),
        (vec!["templates", "export", p(&mau), "--force"], false),
        (vec!["--help"], true),
    ];
    for (args, to_stdout) in &cases {
        let what = args.join(" ");
        let _ = std::fs::remove_dir_all(&init);
        // stdout: a pipe whose reader is already closed.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = finish(
            cmd(args)
                .stdout(writer)
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
            &what,
        );
        sane(&o, &what);
        if *to_stdout {
            assert_eq!(o.status.code(), Some(1), "{what} into a closed pipe");
        }
        // stdout: a full disk.
        let _ = std::fs::remove_dir_all(&init);
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = finish(
            cmd(args)
                .stdout(full)
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
            &what,
        );
        sane(&o, &what);
        if *to_stdout {
            assert_eq!(o.status.code(), Some(1), "{what} into /dev/full");
            if args[0] != "--help" {
                assert!(
                    stderr(&o).contains("ổ đĩa đã đầy"),
                    "{what}: {}",
                    stderr(&o)
                );
            }
        }
        // stderr: a full disk; stdout: a closed pipe.
        let _ = std::fs::remove_dir_all(&init);
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = finish(
            cmd(args).stdout(writer).stderr(full).spawn().unwrap(),
            &what,
        );
        assert_ne!(o.status.code(), Some(101), "{what} panicked");
        assert!(o.status.code().is_some(), "{what} killed by a signal");
        if *to_stdout || args[1..].contains(&p(&bad)) {
            assert_eq!(o.status.code(), Some(1), "{what}");
        }
    }
}

// 4. Reading what it should not; bounded input.

#[cfg(unix)]
#[test]
fn devices_fifos_and_folders_are_refused_as_records() {
    let dir = temp_dir("hostile-devices");
    let fifo = dir.join("ong.yaml");
    let c = std::ffi::CString::new(p(&fifo)).unwrap();
    // SAFETY: a valid C string; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    for (path, says) in [
        ("/dev/zero", "thiết bị"),
        (p(&fifo), "ống dẫn (FIFO)"),
        (p(&dir), "thư mục"),
    ] {
        let child = cmd(&["check", path])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let o = finish(child, path);
        sane(&o, path);
        assert_eq!(o.status.code(), Some(1), "{path}");
        let err = stderr(&o);
        assert!(err.contains(path) && err.contains(says), "{err}");
    }
    // A FIFO among the templates of --templates.
    let mau = dir.join("mau");
    std::fs::create_dir_all(&mau).unwrap();
    let c = std::ffi::CString::new(p(&mau.join("giao-uoc.vb"))).unwrap();
    // SAFETY: as above.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let child = cmd(&[
        "markup",
        "fixtures/kontum-2024.yaml",
        "--doc",
        "giao-uoc",
        "--templates",
        p(&mau),
    ])
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    let o = finish(child, "fifo template");
    sane(&o, "markup");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("giao-uoc.vb") && err.contains("ống dẫn (FIFO)"),
        "{err}"
    );
}

#[test]
fn a_record_over_the_limit_is_refused_on_the_bytes_read() {
    let dir = temp_dir("hostile-big");
    let f = dir.join("lon.yaml");
    let mut text = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    while text.len() <= vanban::record::load::MAX_RECORD_BYTES {
        text.push_str("# chú thích cho dài ra ..........................................\n");
    }
    std::fs::write(&f, text).unwrap();
    let o = vanban(&["check", p(&f)]);
    sane(&o, "check");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("tệp quá lớn"), "{}", stderr(&o));
}

#[test]
fn invalid_utf8_is_located_by_line_and_column() {
    let dir = temp_dir("hostile-utf8");
    let f = dir.join("latin1.yaml");
    std::fs::write(&f, b"the_thuc: dang\ndia_danh: Kh\xe1nh H\xf2a\n").unwrap();
    let o = vanban(&["check", p(&f)]);
    sane(&o, "check");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("latin1.yaml:2:13:"), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
}

/// The Kon Tum record in its own folder with its picture at `tep`.
fn record_with_picture(name: &str, tep: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(name);
    let recs = dir.join("ho-so");
    std::fs::create_dir_all(&recs).unwrap();
    let text = std::fs::read_to_string(fixture("kontum-2024.yaml"))
        .unwrap()
        .replacen("tep: \"\"", &format!("tep: \"{tep}\""), 1);
    assert!(text.contains(tep));
    let f = recs.join("r.yaml");
    std::fs::write(&f, text).unwrap();
    (dir, f)
}

#[test]
fn pictures_stay_in_the_record_folder_or_anh_dir() {
    let png = root().join("tests/data/quang-canh.png");
    // Climbing out with ..: refused by check and by render, located at the field.
    let (dir, f) = record_with_picture("hostile-pic-out", "../anh/a.png");
    std::fs::create_dir_all(dir.join("anh")).unwrap();
    std::fs::copy(&png, dir.join("anh/a.png")).unwrap();
    for args in [
        vec!["check", p(&f)],
        vec!["render", p(&f), "--out", p(&dir.join("out"))],
    ] {
        let o = vanban(&args);
        sane(&o, args[0]);
        assert_eq!(o.status.code(), Some(1), "{}", args[0]);
        let err = stderr(&o);
        assert!(err.contains("r.yaml:159:"), "{err}");
        assert!(err.contains("trường «tin_bai.anh[0].tep»"), "{err}");
        assert!(err.contains("nằm ngoài"), "{err}");
    }
    assert!(!dir.join("out").exists());
    // With --anh-dir naming that folder, check and render accept it.
    let anh = dir.join("anh");
    let o = vanban(&["check", p(&f), "--anh-dir", p(&anh)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.join("out");
    let o = vanban(&[
        "render",
        p(&f),
        "--doc",
        "tin-bai",
        "--format",
        "html",
        "--anh-dir",
        p(&anh),
        "--out",
        p(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(out.join("tin-bai.html")).unwrap();
    assert!(html.contains("data:image/png;base64,"));
    // Absolute paths are refused even inside --anh-dir.
    let abs = anh.join("a.png");
    let (_, f) = record_with_picture("hostile-pic-abs", p(&abs));
    let o = vanban(&["check", p(&f), "--anh-dir", p(&anh)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("đường dẫn tuyệt đối"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn pictures_must_be_png_or_jpeg_regular_files() {
    let (dir, f) = record_with_picture("hostile-pic-type", "anh.jpg");
    std::fs::write(dir.join("ho-so/anh.jpg"), "not a picture at all").unwrap();
    let o = vanban(&["check", p(&f)]);
    sane(&o, "check");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("không phải ảnh PNG hay JPEG"),
        "{}",
        stderr(&o)
    );
    // A FIFO must not block.
    let (dir, f) = record_with_picture("hostile-pic-fifo", "ong.png");
    let c = std::ffi::CString::new(p(&dir.join("ho-so/ong.png"))).unwrap();
    // SAFETY: a valid C string; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let child = cmd(&["check", p(&f)])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let o = finish(child, "fifo picture");
    sane(&o, "check");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("ống dẫn (FIFO)"), "{}", stderr(&o));
}

// 5. Bounded work.

fn template_dir(name: &str, giao_uoc: &str) -> PathBuf {
    let dir = temp_dir(name);
    std::fs::write(dir.join("giao-uoc.vb"), giao_uoc).unwrap();
    dir
}

const FOREVER: &str =
    "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";

/// The pledge of the Kon Tum fixture rendered with the templates of `tpl`, under a
/// template time limit of `seconds`.
fn render_pledge_with(tpl: &Path, seconds: &str, what: &str) -> Output {
    let child = cmd(&[
        "render",
        "fixtures/kontum-2024.yaml",
        "--doc",
        "giao-uoc",
        "--templates",
        p(tpl),
        "--out",
        p(&tpl.join("out")),
    ])
    .env("VANBAN_TEMPLATE_SECONDS", seconds)
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    let o = finish(child, what);
    sane(&o, "render");
    assert_eq!(o.status.code(), Some(1));
    o
}

#[test]
fn a_runaway_template_is_stopped_in_time_and_in_size() {
    let slow = template_dir("hostile-tpl-slow", FOREVER);
    let err = stderr(&render_pledge_with(&slow, "1", "slow template"));
    assert!(err.contains("giao-uoc.vb"), "{err}");
    assert!(err.contains("chạy quá 1 giây"), "{err}");
    let big = template_dir(
        "hostile-tpl-big",
        &FOREVER.replace(
            "{% endfor %}{% endfor %}",
            "xxxxxxxxxx{% endfor %}{% endfor %}",
        ),
    );
    let err = stderr(&render_pledge_with(&big, "3000", "big template"));
    assert!(err.contains("MAX_MARKUP_BYTES"), "{err}");
}

#[test]
fn a_stuck_record_is_reported_and_the_batch_ends() {
    let tpl = template_dir(
        "hostile-stuck",
        &format!(
            "{{% if r.dia_danh == \"Treo\" %}}{FOREVER}{{% endif %}}{}",
            std::fs::read_to_string(root().join("templates/giao-uoc.vb")).unwrap()
        ),
    );
    let recs = tpl.join("ho-so");
    std::fs::create_dir_all(&recs).unwrap();
    std::fs::copy(fixture("kontum-2024.yaml"), recs.join("tot.yaml")).unwrap();
    let stuck = std::fs::read_to_string(fixture("kontum-2024.yaml"))
        .unwrap()
        .replacen("dia_danh: Kon Tum", "dia_danh: Treo", 1);
    std::fs::write(recs.join("treo.yaml"), stuck).unwrap();
    let out = tpl.join("out");
    let child = cmd(&[
        "render",
        p(&recs),
        "--doc",
        "giao-uoc",
        "--format",
        "docx",
        "--templates",
        p(&tpl),
        "--out",
        p(&out),
    ])
    // The template bound is out of the way: the record bound must end the batch.
    .env("VANBAN_TEMPLATE_SECONDS", "3000")
    .env("VANBAN_RECORD_SECONDS", "8")
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    let o = finish(child, "stuck batch");
    sane(&o, "render");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("treo.yaml"), "{err}");
    assert!(err.contains("quá 8 giây (RECORD_TIME_LIMIT)"), "{err}");
    assert!(err.contains("Đã soạn 1/2 hồ sơ"), "{err}");
    assert!(out.join("tot/giao-uoc.docx").is_file());
    assert!(!out.join("treo").exists());
}

// 7. Smaller.

#[test]
fn letter_of_zero_is_a_template_error() {
    let tpl = template_dir("hostile-letter", "{{ 0 | letter }}\n");
    let o = vanban(&[
        "markup",
        "fixtures/kontum-2024.yaml",
        "--doc",
        "giao-uoc",
        "--templates",
        p(&tpl),
    ]);
    sane(&o, "markup");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("giao-uoc.vb:1:"), "{err}");
    assert!(err.contains("0 không có chữ cái"), "{err}");
}

#[test]
fn init_never_writes_through_a_link_or_over_a_file() {
    let dir = temp_dir("hostile-init");
    let f = dir.join("ho-so.yaml");
    std::fs::write(&f, "mine").unwrap();
    let o = vanban(&["init", p(&f)]);
    sane(&o, "init");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("tệp đã có"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "mine");
    #[cfg(unix)]
    {
        let link = dir.join("link.yaml");
        std::os::unix::fs::symlink(dir.join("khong-co.yaml"), &link).unwrap();
        let o = vanban(&["init", p(&link)]);
        sane(&o, "init");
        assert_eq!(o.status.code(), Some(1));
        assert!(
            !dir.join("khong-co.yaml").exists(),
            "written through the link"
        );
    }
}

//! Writing rendered files: all of a run's files or none of them, per output folder.
//!
//! 1. A lock file ([`LOCK_NAME`], created exclusively, holding the PID) keeps a second run
//!    out of the folder; a lock whose process is dead is taken over.
//! 2. Leftovers of a killed run (staging folders, [`STAGING_PREFIX`]) are removed.
//! 3. Every file is written into a fresh staging folder inside the output folder (created
//!    exclusively; files opened with O_EXCL and O_NOFOLLOW), and synced.
//! 4. Each file is renamed into place, the file it replaces moved aside first. A failure
//!    moves the new files out and the old ones back, so the folder is as it was.
//!
//! A rename replaces a symbolic link itself, never the file it points to.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::render::Rendered;

/// The lock file of an output folder while a run writes into it.
pub const LOCK_NAME: &str = ".vanban.lock";
/// Staging folders: `.vanban-tmp-<pid>-<n>`.
pub const STAGING_PREFIX: &str = ".vanban-tmp-";

/// A file opened for writing that must not exist yet and is never a symbolic link.
fn create_exclusive(path: &Path) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC);
    }
    o.open(path)
}

/// Whether a process with this id runs (unix); elsewhere assumed running.
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        if pid <= 0 {
            return false;
        }
        // SAFETY: signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The PID in a lock file; reads without following a link, at most 64 bytes.
fn lock_owner(path: &Path) -> std::io::Result<Option<u32>> {
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let mut s = String::new();
    o.open(path)?.take(64).read_to_string(&mut s)?;
    Ok(s.trim().parse().ok())
}

/// The lock of an output folder; removed when dropped.
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Lock {
    /// Takes the folder's lock, or says in Vietnamese which run holds it.
    pub fn acquire(dir: &Path) -> Result<Lock, String> {
        let path = dir.join(LOCK_NAME);
        let fail = |e: std::io::Error| {
            format!(
                "không tạo được tệp khóa {}: {}; chưa ghi tệp nào",
                path.display(),
                io_vi(&e)
            )
        };
        // A lock just created may not hold its PID yet: look again a few times.
        let mut unreadable = 0;
        loop {
            match create_exclusive(&path) {
                Ok(mut f) => {
                    let lock = Lock { path: path.clone() };
                    f.write_all(std::process::id().to_string().as_bytes())
                        .map_err(fail)?;
                    return Ok(lock);
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
                Err(e) => return Err(fail(e)),
            }
            let owner = match lock_owner(&path) {
                Ok(o) => o,
                Err(e) if e.kind() == ErrorKind::NotFound => continue,
                // Not a file we can read (a planted link or folder): not our lock.
                Err(_) => None,
            };
            match owner {
                Some(pid) if process_alive(pid) => {
                    return Err(format!(
                        "thư mục kết quả {} đang được một lần chạy vanban khác ghi (tiến trình {pid}); \
                         chờ lần chạy đó xong rồi chạy lại. Chưa ghi tệp nào. \
                         Nếu chắc không còn lần chạy nào, xóa tệp khóa {}",
                        dir.display(),
                        path.display()
                    ));
                }
                Some(pid) => {
                    // Stale: its process is gone. Remove it only if it still names that
                    // process, then race for it again.
                    if lock_owner(&path).ok().flatten() == Some(pid) {
                        let _ = std::fs::remove_file(&path);
                    }
                }
                None if unreadable < 20 => {
                    unreadable += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                None => match std::fs::symlink_metadata(&path) {
                    Ok(m) if m.is_dir() => {
                        return Err(format!(
                            "{} là một thư mục, không phải tệp khóa của vanban; xóa nó rồi chạy lại. Chưa ghi tệp nào",
                            path.display()
                        ));
                    }
                    _ => {
                        let _ = std::fs::remove_file(&path);
                    }
                },
            }
        }
    }
}

/// Removes what killed runs left in `dir`: staging folders (the lock is held, so none is
/// in use) and temporary files of older versions (`.<name>.<pid>.tmp` for `names`).
fn clean_leftovers(dir: &Path, names: &[&str]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        if name.starts_with(STAGING_PREFIX) {
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                restore_moved_aside(dir, &path.join("old"));
            }
            let _ = if is_dir {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
        } else if let Some(rest) = name.strip_suffix(".tmp").and_then(|n| n.strip_prefix('.'))
            && names.iter().any(|n| {
                rest.strip_prefix(n)
                    .and_then(|p| p.strip_prefix('.'))
                    .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            })
            && e.file_type().is_ok_and(|t| !t.is_dir())
        {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// A run killed between moving an old file aside and putting the new one in place left
/// the target missing: the old file goes back.
fn restore_moved_aside(dir: &Path, old: &Path) {
    let Ok(entries) = std::fs::read_dir(old) else {
        return;
    };
    for e in entries.flatten() {
        let target = dir.join(e.file_name());
        if std::fs::symlink_metadata(&target).is_err() {
            let _ = std::fs::rename(e.path(), &target);
        }
    }
}

/// A fresh staging folder in `dir`, created exclusively.
fn make_staging(dir: &Path) -> std::io::Result<PathBuf> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let p = dir.join(format!("{STAGING_PREFIX}{}-{n}", std::process::id()));
        match std::fs::create_dir(&p) {
            Ok(()) => {
                std::fs::create_dir(p.join("new"))?;
                std::fs::create_dir(p.join("old"))?;
                return Ok(p);
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Whether `name` is a plain file name (no folder part, not `.`/`..`, not hidden).
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && Path::new(name).components().count() == 1
}

fn names_vi(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    if let Ok(f) = File::open(dir) {
        let _ = f.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) {}

/// Writes all `files` into `dir` (created when missing), or none of them: on error the
/// folder is left as it was and the message says so (or, if even putting things back
/// failed, exactly which files are new, which are old and where the old copies are).
pub fn write_all(dir: &Path, files: &[Rendered]) -> Result<Vec<PathBuf>, String> {
    if let Some(f) = files.iter().find(|f| !plain_name(&f.name)) {
        return Err(format!(
            "tên tệp «{}» không hợp lệ (phải là tên tệp thường, không có thư mục, không bắt đầu bằng dấu chấm); chưa ghi tệp nào",
            f.name
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        format!(
            "không tạo được thư mục kết quả {}: {}; chưa ghi tệp nào",
            dir.display(),
            io_vi(&e)
        )
    })?;
    let _lock = Lock::acquire(dir)?;
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    clean_leftovers(dir, &names);
    let staging = make_staging(dir).map_err(|e| {
        format!(
            "không tạo được thư mục tạm trong {}: {}; chưa ghi tệp nào",
            dir.display(),
            io_vi(&e)
        )
    })?;
    // Stage every file.
    for f in files {
        let tmp = staging.join("new").join(&f.name);
        let result = (|| {
            let mut file = create_exclusive(&tmp)?;
            file.write_all(&f.bytes)?;
            file.sync_all()
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(format!(
                "không ghi được {}: {}. Chưa ghi tệp nào: các tệp trong {} vẫn như cũ",
                dir.join(&f.name).display(),
                io_vi(&e),
                dir.display()
            ));
        }
    }
    sync_dir(&staging.join("new"));
    // Commit: old aside, new in place; undo everything on the first failure.
    let mut done: Vec<(PathBuf, bool)> = Vec::with_capacity(files.len());
    for f in files {
        let target = dir.join(&f.name);
        let old = staging.join("old").join(&f.name);
        let result = (|| -> Result<bool, String> {
            let had_old = match std::fs::symlink_metadata(&target) {
                Ok(m) if m.is_dir() => {
                    return Err("ở đó đang có một thư mục cùng tên".into());
                }
                Ok(_) => {
                    std::fs::rename(&target, &old).map_err(|e| io_vi(&e))?;
                    true
                }
                Err(e) if e.kind() == ErrorKind::NotFound => false,
                Err(e) => return Err(io_vi(&e)),
            };
            if let Err(e) = std::fs::rename(staging.join("new").join(&f.name), &target) {
                if had_old {
                    let _ = std::fs::rename(&old, &target);
                }
                return Err(io_vi(&e));
            }
            Ok(had_old)
        })();
        match result {
            Ok(had_old) => done.push((target, had_old)),
            Err(why) => {
                let undone = rollback(&staging, &done);
                let msg = format!("không ghi được {}: {why}.", target.display());
                return Err(match undone {
                    Ok(()) => {
                        let _ = std::fs::remove_dir_all(&staging);
                        format!(
                            "{msg} Chưa ghi tệp nào: đã trả lại nguyên trạng, các tệp trong {} vẫn như cũ",
                            dir.display()
                        )
                    }
                    Err(stuck) => {
                        let written: Vec<PathBuf> = done.iter().map(|(p, _)| p.clone()).collect();
                        format!(
                            "{msg} Không trả lại được nguyên trạng. Đã thay bằng bản mới: {}. \
                             Chưa trả lại được bản cũ của: {}; bản cũ nằm trong {}: hãy chép ra trước khi chạy lại",
                            names_vi(&written),
                            names_vi(&stuck),
                            staging.join("old").display()
                        )
                    }
                });
            }
        }
    }
    sync_dir(dir);
    let _ = std::fs::remove_dir_all(&staging);
    Ok(done.into_iter().map(|(p, _)| p).collect())
}

/// Puts back what `done` replaced, last first. `Err` names the targets not restored.
fn rollback(staging: &Path, done: &[(PathBuf, bool)]) -> Result<(), Vec<PathBuf>> {
    let mut stuck = Vec::new();
    for (target, had_old) in done.iter().rev() {
        let ok = if *had_old {
            let name = target.file_name().expect("a file name");
            std::fs::rename(staging.join("old").join(name), target).is_ok()
        } else {
            std::fs::remove_file(target).is_ok()
        };
        if !ok {
            stuck.push(target.clone());
        }
    }
    if stuck.is_empty() { Ok(()) } else { Err(stuck) }
}

/// Creates `path` with `bytes`, refusing when anything (a file, a link) is there already.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut f = create_exclusive(path).map_err(|e| match e.kind() {
        ErrorKind::AlreadyExists => format!(
            "{}: tệp đã có; chọn tên khác để không ghi đè tệp đang có",
            path.display()
        ),
        _ => format!("không tạo được {}: {}", path.display(), io_vi(&e)),
    })?;
    if let Err(e) = f.write_all(bytes).and_then(|()| f.sync_all()) {
        drop(f);
        let _ = std::fs::remove_file(path);
        return Err(format!(
            "không ghi được {}: {}; tệp chưa được tạo",
            path.display(),
            io_vi(&e)
        ));
    }
    Ok(())
}

/// An I/O error in Vietnamese; never the system's English text.
pub fn io_vi(e: &std::io::Error) -> String {
    use ErrorKind as K;
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return "gặp liên kết tượng trưng (symlink); vì an toàn, vanban không đi theo".into();
    }
    let s = match e.kind() {
        K::PermissionDenied => "không có quyền truy cập",
        K::NotFound => "không tìm thấy đường dẫn",
        K::AlreadyExists => "đã có tệp hoặc thư mục cùng tên",
        K::StorageFull => "ổ đĩa đã đầy",
        K::QuotaExceeded => "đã hết hạn mức dung lượng trên ổ đĩa",
        K::FileTooLarge => "tệp quá lớn so với giới hạn của hệ thống",
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc",
        K::IsADirectory => "đây là một thư mục, không phải tệp",
        K::NotADirectory => "một phần của đường dẫn không phải thư mục",
        K::DirectoryNotEmpty => "thư mục không trống",
        K::BrokenPipe => "đầu nhận đã đóng (ống dẫn bị ngắt)",
        K::WriteZero => "không ghi thêm được byte nào",
        K::UnexpectedEof => "tệp kết thúc sớm hơn dự kiến",
        K::Interrupted => "thao tác bị ngắt",
        K::InvalidInput => "tham số không hợp lệ",
        K::InvalidData => "dữ liệu không hợp lệ",
        K::InvalidFilename => "tên tệp không hợp lệ hoặc quá dài",
        K::TimedOut => "quá thời gian chờ",
        K::WouldBlock => "thao tác phải chờ (tệp đặc biệt)",
        K::CrossesDevices => "không chuyển được tệp sang ổ đĩa khác",
        K::ResourceBusy => "tệp hoặc thiết bị đang bận",
        K::ExecutableFileBusy => "tệp đang được chạy",
        K::TooManyLinks => "quá nhiều liên kết",
        K::NotSeekable => "không định vị được trong tệp",
        K::StaleNetworkFileHandle => "tệp trên ổ mạng không còn hợp lệ",
        K::Deadlock => "khóa tệp bị tắc",
        K::OutOfMemory => "hết bộ nhớ",
        K::Unsupported => "hệ thống không hỗ trợ thao tác này",
        _ => {
            return match e.raw_os_error() {
                Some(n) => format!("lỗi hệ thống (mã {n})"),
                None => "lỗi vào/ra".into(),
            };
        }
    };
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("vanban-out-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn file(name: &str, bytes: &[u8]) -> Rendered {
        Rendered {
            name: name.into(),
            bytes: bytes.to_vec(),
        }
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_and_leaves_no_temporary_files() {
        let dir = temp("ok");
        write_all(&dir, &[file("a.docx", b"abc")]).unwrap();
        assert_eq!(std::fs::read(dir.join("a.docx")).unwrap(), b"abc");
        assert_eq!(listing(&dir), ["a.docx"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_rename_puts_every_old_file_back() {
        let dir = temp("rollback");
        std::fs::create_dir_all(dir.join("c.pdf")).unwrap();
        std::fs::write(dir.join("a.docx"), b"old a").unwrap();
        let e = write_all(
            &dir,
            &[
                file("a.docx", b"new a"),
                file("b.pdf", b"new b"),
                file("c.pdf", b"new c"),
            ],
        )
        .unwrap_err();
        assert!(e.contains("Chưa ghi tệp nào"), "{e}");
        assert!(e.contains("c.pdf"), "{e}");
        assert_eq!(std::fs::read(dir.join("a.docx")).unwrap(), b"old a");
        assert!(!dir.join("b.pdf").exists());
        assert_eq!(listing(&dir), ["a.docx", "c.pdf"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_live_lock_refuses_and_a_stale_one_is_taken_over() {
        let dir = temp("lock");
        std::fs::create_dir_all(&dir).unwrap();
        // This process is alive.
        std::fs::write(dir.join(LOCK_NAME), std::process::id().to_string()).unwrap();
        let e = write_all(&dir, &[file("a.docx", b"x")]).unwrap_err();
        assert!(e.contains("đang được một lần chạy vanban khác ghi"), "{e}");
        assert!(!dir.join("a.docx").exists());
        // PIDs are below 2^22 on Linux: this one is not running.
        std::fs::write(dir.join(LOCK_NAME), "999999999").unwrap();
        write_all(&dir, &[file("a.docx", b"x")]).unwrap();
        assert_eq!(listing(&dir), ["a.docx"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn links_at_the_very_staging_names_this_process_uses_are_not_followed() {
        let dir = temp("links");
        let victim = temp("links-victim");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::create_dir_all(&victim).unwrap();
        for n in 0..256 {
            let name = format!("{STAGING_PREFIX}{}-{n}", std::process::id());
            std::os::unix::fs::symlink(&victim, dir.join(name)).unwrap();
        }
        write_all(&dir, &[file("a.docx", b"x")]).unwrap();
        assert_eq!(listing(&dir), ["a.docx"]);
        assert!(listing(&victim).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::remove_dir_all(&victim).unwrap();
    }

    #[test]
    fn messages_carry_no_english() {
        let e = std::io::Error::from_raw_os_error(17);
        assert_eq!(io_vi(&e), "đã có tệp hoặc thư mục cùng tên");
        let e = std::io::Error::from_raw_os_error(9999);
        assert_eq!(io_vi(&e), "lỗi hệ thống (mã 9999)");
    }
}

//! The served folder: its records, their history and the trash. Nothing here reads or
//! writes outside the folder: names are checked ([`super::security::record_name`]), and a
//! record that is a symbolic link must point to a file directly inside the folder.
//!
//! Layout: `DIR/*.yaml` the records, `DIR/.lich-su/NAME/<time>.yaml` the last
//! [`HISTORY_KEEP`] versions of each, `DIR/.thung-rac/` deleted records (never destroyed),
//! `DIR/anh/` uploaded pictures.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::output;
use crate::render::Rendered;

pub const HISTORY_DIR: &str = ".lich-su";
pub const TRASH_DIR: &str = ".thung-rac";
pub const PICTURE_DIR: &str = "anh";
/// Versions kept per record.
pub const HISTORY_KEEP: usize = 20;

/// The hex SHA-256 of a file's bytes: what the form sends back to prove it saw them.
pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The record files directly in `root`, sorted by name.
pub fn list(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| super::security::record_name(n).as_deref() == Ok(n.as_str()))
        .filter(|n| resolve(root, n).is_ok_and(|p| p.is_file()))
        .collect();
    names.sort_by_key(|n| n.to_lowercase());
    names
}

/// The path of record `name` in `root`, which must stay in `root` (a symbolic link must
/// point to a file directly inside it).
pub fn resolve(root: &Path, name: &str) -> Result<PathBuf, String> {
    let checked = super::security::record_name(name)?;
    if checked != name {
        return Err(format!("tên hồ sơ «{name}» không hợp lệ"));
    }
    let path = root.join(name);
    if let Ok(m) = std::fs::symlink_metadata(&path)
        && m.file_type().is_symlink()
    {
        let real =
            std::fs::canonicalize(&path).map_err(|_| format!("hồ sơ «{name}» là liên kết hỏng"))?;
        if real.parent() != Some(root) {
            return Err(format!(
                "hồ sơ «{name}» là liên kết trỏ ra ngoài thư mục; vì an toàn, vanban không mở"
            ));
        }
    }
    Ok(path)
}

/// Reads a record's bytes (bounded like `vanban check`).
pub fn read(root: &Path, name: &str) -> Result<Vec<u8>, String> {
    let path = resolve(root, name)?;
    crate::input::read_regular(&path, crate::record::load::MAX_RECORD_BYTES).map_err(|e| match e {
        crate::input::ReadError::Io(ref io) if io.kind() == std::io::ErrorKind::NotFound => {
            format!("không có hồ sơ «{name}» trong thư mục")
        }
        e => format!("hồ sơ «{name}»: {}", e.message()),
    })
}

/// Whether YAML text has comments, which a save from the form does not keep (the line
/// the form itself writes first does not count).
pub fn has_comments(text: &str) -> bool {
    text.lines().filter(|l| *l != super::form::HEADER).any(|l| {
        let t = l.trim_start();
        if t.starts_with('#') {
            return true;
        }
        // A ` #` outside quotes starts a comment.
        let (mut single, mut double) = (false, false);
        let mut prev = ' ';
        for c in l.chars() {
            match c {
                '\'' if !double => single = !single,
                '"' if !single => double = !double,
                '#' if !single && !double && prev.is_whitespace() => return true,
                _ => {}
            }
            prev = c;
        }
        false
    })
}

/// Now as `20240206-081500-123` (UTC), for history and trash names.
pub fn timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil(days as i64);
    format!(
        "{y:04}{m:02}{d:02}-{:02}{:02}{:02}-{:03}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        now.subsec_millis()
    )
}

/// Days since 1970-01-01 as a civil date (Howard Hinnant's algorithm).
fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Creates `dir` inside `root` (one level, not a link).
fn ensure_dir(dir: &Path) -> Result<(), String> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(format!(
            "{} đã có nhưng không phải thư mục; vì an toàn, vanban không ghi vào đó",
            dir.display()
        )),
        Err(_) => std::fs::create_dir_all(dir).map_err(|e| {
            format!(
                "không tạo được thư mục {}: {}",
                dir.display(),
                output::io_vi(&e)
            )
        }),
    }
}

/// Keeps `bytes` as a version of `name` in the history, then drops the oldest beyond
/// [`HISTORY_KEEP`].
pub fn keep_version(root: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
    let hist = root.join(HISTORY_DIR);
    ensure_dir(&hist)?;
    let dir = hist.join(name);
    ensure_dir(&dir)?;
    let mut stamp = timestamp();
    let mut n = 1;
    loop {
        match output::create_new(&dir.join(format!("{stamp}.yaml")), bytes) {
            Ok(()) => break,
            Err(_) if n < 100 && dir.join(format!("{stamp}.yaml")).exists() => {
                n += 1;
                stamp = format!("{}-{n}", timestamp());
            }
            Err(e) => return Err(e),
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    versions.sort();
    if versions.len() > HISTORY_KEEP {
        for old in &versions[..versions.len() - HISTORY_KEEP] {
            let _ = std::fs::remove_file(old);
        }
    }
    Ok(())
}

/// The versions kept of `name`, newest first.
pub fn versions(root: &Path, name: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root.join(HISTORY_DIR).join(name))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    v.sort();
    v.reverse();
    v
}

/// Writes record `name` atomically (`output::write_all`), keeping the previous version.
pub fn write(root: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
    resolve(root, name)?;
    if let Ok(old) = read(root, name) {
        keep_version(root, name, &old)?;
    }
    output::write_all(
        root,
        &[Rendered {
            name: name.to_string(),
            bytes: bytes.to_vec(),
        }],
    )
    .map(|_| ())
}

/// Creates record `name`; never over an existing file.
pub fn create(root: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
    let path = resolve(root, name)?;
    output::create_new(&path, bytes).map_err(|_| {
        if path.exists() || std::fs::symlink_metadata(&path).is_ok() {
            format!("đã có hồ sơ «{name}»; chọn tên khác")
        } else {
            format!("không tạo được hồ sơ «{name}»")
        }
    })
}

/// Moves `from` to `to` without ever replacing `to` (a hard link, then unlink).
fn move_no_clobber(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::hard_link(from, to)?;
    std::fs::remove_file(from)
}

/// Renames a record; its history follows it.
pub fn rename(root: &Path, from: &str, to: &str) -> Result<(), String> {
    let a = resolve(root, from)?;
    let b = resolve(root, to)?;
    if !a.is_file() {
        return Err(format!("không có hồ sơ «{from}» trong thư mục"));
    }
    move_no_clobber(&a, &b).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!("đã có hồ sơ «{to}»; chọn tên khác"),
        _ => format!("không đổi được tên «{from}»: {}", output::io_vi(&e)),
    })?;
    let (ha, hb) = (
        root.join(HISTORY_DIR).join(from),
        root.join(HISTORY_DIR).join(to),
    );
    if ha.is_dir() && !hb.exists() {
        let _ = std::fs::rename(ha, hb);
    }
    Ok(())
}

/// Moves a record to the trash (`DIR/.thung-rac/NAME-<time>.yaml`); returns that name.
pub fn trash(root: &Path, name: &str) -> Result<String, String> {
    let path = resolve(root, name)?;
    if !path.is_file() {
        return Err(format!("không có hồ sơ «{name}» trong thư mục"));
    }
    let dir = root.join(TRASH_DIR);
    ensure_dir(&dir)?;
    let stem = name
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(name)
        .to_string();
    let target = format!("{stem}-{}.yaml", timestamp());
    move_no_clobber(&path, &dir.join(&target)).map_err(|e| {
        format!(
            "không chuyển được «{name}» vào thùng rác: {}",
            output::io_vi(&e)
        )
    })?;
    Ok(format!("{TRASH_DIR}/{target}"))
}

/// A free name like `stem-ban-sao.yaml`, `stem-ban-sao-2.yaml` …
pub fn free_name(root: &Path, stem: &str) -> String {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.yaml")
        } else {
            format!("{stem}-{n}.yaml")
        };
        if std::fs::symlink_metadata(root.join(&name)).is_err() {
            return name;
        }
        n += 1;
    }
}

/// The record a year on: every date and year moved forward by one, and "năm YYYY" in its
/// texts too (next year's meeting from this year's).
pub fn next_year(r: &mut crate::record::types::Record) {
    fn date(s: &mut String) {
        if let Some((y, rest)) = s.split_once('-')
            && let Ok(n) = y.parse::<i32>()
            && y.len() == 4
        {
            let rest = if rest == "02-29" { "02-28" } else { rest };
            *s = format!("{}-{rest}", n + 1);
        }
    }
    fn text(s: &mut String) {
        let mut out = String::with_capacity(s.len());
        let mut rest = s.as_str();
        while let Some(i) = rest.find("năm ") {
            let (head, tail) = rest.split_at(i + "năm ".len());
            out.push_str(head);
            let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
            if digits.len() == 4
                && let Ok(y) = digits.parse::<i32>()
            {
                out.push_str(&(y + 1).to_string());
                rest = &tail[4..];
            } else {
                rest = tail;
            }
        }
        out.push_str(rest);
        *s = out;
    }
    let bump = |y: &mut Option<i32>| {
        if let Some(y) = y {
            *y += 1;
        }
    };
    for m in &mut r.hoi_nghi.items {
        date(&mut m.ngay);
        bump(&mut m.nam_tong_ket);
        text(&mut m.noi_dung);
        m.dien_bien.iter_mut().for_each(text);
    }
    if let Some(l) = &mut r.lanh_dao {
        bump(&mut l.nam);
    }
    if let Some(g) = &mut r.giao_uoc {
        bump(&mut g.nam);
        date(&mut g.ngay);
        g.noi_dung.iter_mut().for_each(text);
    }
    if let Some(t) = &mut r.to_trinh {
        date(&mut t.ngay);
        date(&mut t.ngay_tinh_thuong);
        t.so = None;
    }
    for b in r.bien_ban.iter_mut().flatten() {
        b.so = None;
    }
    for t in r.tin_bai.iter_mut().flatten() {
        text(&mut t.tieu_de);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_seen() {
        assert!(has_comments("# đầu\na: 1\n"));
        assert!(has_comments("a: 1   # chú thích\n"));
        assert!(!has_comments("a: \"C# và #1\"\nb: x#y\n"));
        assert!(!has_comments(&format!(
            "{}\na: 1\n",
            super::super::form::HEADER
        )));
    }

    #[test]
    fn timestamps_are_civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(19_759), (2024, 2, 6));
        assert_eq!(timestamp().len(), "20240206-081500-123".len());
    }

    #[test]
    fn next_year_moves_dates_and_years() {
        let (l, _) = crate::record::load::load_str(
            "a.yaml",
            include_str!("../../fixtures/mau-khoi-dau.yaml").to_string(),
        )
        .unwrap();
        let mut r = l.record;
        next_year(&mut r);
        let m = &r.hoi_nghi.items[0];
        assert_eq!(m.ngay, "2025-02-06");
        assert_eq!(m.nam_tong_ket, Some(2024));
        assert!(
            m.noi_dung
                .contains("năm 2024 và ký kết giao ước thi đua năm 2025")
        );
        assert_eq!(r.giao_uoc.unwrap().nam, Some(2025));
    }

    #[test]
    fn history_keeps_the_last_versions_and_trash_never_destroys() {
        let root = std::env::temp_dir().join(format!("vanban-folder-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let root = std::fs::canonicalize(&root).unwrap();
        create(&root, "a.yaml", b"v0").unwrap();
        assert!(create(&root, "a.yaml", b"x").is_err());
        for i in 1..=25 {
            write(&root, "a.yaml", format!("v{i}").as_bytes()).unwrap();
        }
        assert_eq!(read(&root, "a.yaml").unwrap(), b"v25");
        let v = versions(&root, "a.yaml");
        assert_eq!(v.len(), HISTORY_KEEP);
        let newest = std::fs::read(root.join(HISTORY_DIR).join("a.yaml").join(&v[0])).unwrap();
        assert_eq!(newest, b"v24");
        rename(&root, "a.yaml", "b.yaml").unwrap();
        assert!(!root.join("a.yaml").exists());
        assert_eq!(versions(&root, "b.yaml").len(), HISTORY_KEEP);
        create(&root, "c.yaml", b"c").unwrap();
        assert!(rename(&root, "b.yaml", "c.yaml").is_err());
        assert_eq!(read(&root, "c.yaml").unwrap(), b"c");
        let t = trash(&root, "b.yaml").unwrap();
        assert_eq!(std::fs::read(root.join(t)).unwrap(), b"v25");
        assert_eq!(list(&root), vec!["c.yaml".to_string()]);
        std::fs::remove_dir_all(&root).unwrap();
    }
}

//! Pictures a record names (`tin_bai.anh[].tep`): confined to the record's folder or the
//! folder given with `--anh-dir`, PNG or JPEG by content, bounded in size. `check` and
//! `render` use the same rules, so a record `check` accepts renders.

use std::path::{Path, PathBuf};

use crate::diag::Problem;
use crate::input::{ReadError, read_regular, size_vi};
use crate::record::load::Loaded;

/// Pictures above this size are refused (a news photo is a few MB at most).
pub const MAX_PICTURE_BYTES: usize = 20 * 1024 * 1024;

/// The folder a relative path starts from: `""` (a bare file name's parent) is `.`.
fn folder(p: &Path) -> &Path {
    if p.as_os_str().is_empty() {
        Path::new(".")
    } else {
        p
    }
}

/// Where the picture `rel` is, confirmed (symbolic links resolved) to lie under
/// `record_dir` or `extra_dir`. Messages are Vietnamese and name `rel`.
fn resolve(record_dir: &Path, extra_dir: Option<&Path>, rel: &str) -> Result<PathBuf, String> {
    let p = Path::new(rel);
    if p.is_absolute() || p.has_root() {
        return Err(format!(
            "ảnh «{rel}» ghi đường dẫn tuyệt đối; chỉ được ghi đường dẫn tương đối, tính từ thư mục hồ sơ{}",
            if extra_dir.is_some() {
                " hoặc thư mục --anh-dir"
            } else {
                ""
            }
        ));
    }
    let record_dir = folder(record_dir);
    let mut roots = Vec::new();
    let mut starts = vec![record_dir];
    if let Ok(r) = std::fs::canonicalize(record_dir) {
        roots.push(r);
    }
    if let Some(d) = extra_dir {
        let r = std::fs::canonicalize(d).map_err(|e| {
            format!(
                "không mở được thư mục ảnh --anh-dir {}: {}",
                d.display(),
                crate::output::io_vi(&e)
            )
        })?;
        roots.push(r);
        starts.push(d);
    }
    let mut outside = false;
    for start in &starts {
        if let Ok(real) = std::fs::canonicalize(start.join(p)) {
            if roots.iter().any(|r| real.starts_with(r)) {
                return Ok(real);
            }
            outside = true;
        }
    }
    let where_ = match extra_dir {
        Some(d) => format!(
            "thư mục hồ sơ {} và thư mục {}",
            record_dir.display(),
            d.display()
        ),
        None => format!("thư mục hồ sơ {}", record_dir.display()),
    };
    if outside {
        Err(format!(
            "ảnh «{rel}» nằm ngoài {where_}; vì an toàn, vanban chỉ đọc ảnh trong đó (chép ảnh vào thư mục hồ sơ, hoặc chỉ thư mục ảnh bằng --anh-dir)"
        ))
    } else {
        Err(format!("không tìm thấy tệp ảnh «{rel}» trong {where_}"))
    }
}

/// The picture's bytes when it is a PNG or JPEG with a readable size, by content.
fn read_picture(path: &Path, rel: &str) -> Result<Vec<u8>, String> {
    let data = read_regular(path, MAX_PICTURE_BYTES).map_err(|e| match e {
        ReadError::TooBig(n) => format!(
            "ảnh «{rel}» quá lớn: tối đa {} (MAX_PICTURE_BYTES); hãy thu nhỏ ảnh",
            size_vi(n)
        ),
        e => format!("ảnh «{rel}»: {}", e.message()),
    })?;
    if vanban_model::picture::dimensions(&data).is_none() {
        return Err(format!(
            "ảnh «{rel}» không phải ảnh PNG hay JPEG đọc được (xét theo nội dung tệp, không theo đuôi tên)"
        ));
    }
    // The pixel bound, so that `check` refuses what the PDF writer would.
    vanban_model::picture::check(&data).map_err(|e| format!("ảnh «{rel}»: {e}"))?;
    Ok(data)
}

/// Checks the picture `rel` as `render` will read it: where it is, what it is, how big.
/// Returns its real path.
pub fn check_picture(
    record_dir: &Path,
    extra_dir: Option<&Path>,
    rel: &str,
) -> Result<PathBuf, String> {
    let path = resolve(record_dir, extra_dir, rel)?;
    read_picture(&path, rel)?;
    Ok(path)
}

/// The bytes of the picture `rel`, under the same rules as [`check_picture`].
pub fn load_picture(
    record_dir: &Path,
    extra_dir: Option<&Path>,
    rel: &str,
) -> Result<Vec<u8>, String> {
    let path = resolve(record_dir, extra_dir, rel)?;
    read_picture(&path, rel)
}

/// Every picture problem of a record, located at its `tin_bai.anh[i].tep` field.
pub fn check_record_pictures(l: &Loaded, extra_dir: Option<&Path>) -> Vec<Problem> {
    let Some(items) = &l.record.tin_bai else {
        return Vec::new();
    };
    let dir = l.path.parent().unwrap_or(Path::new("."));
    // One news item is written as a map (`tin_bai.anh…`), several as a list.
    let many = l.index.has("tin_bai[0]");
    let mut problems = Vec::new();
    for (k, t) in items.iter().enumerate() {
        for (i, a) in t.anh.iter().enumerate() {
            if a.tep.is_empty() {
                continue;
            }
            if let Err(m) = check_picture(dir, extra_dir, &a.tep) {
                let field = if many {
                    format!("tin_bai[{k}].anh[{i}].tep")
                } else {
                    format!("tin_bai.anh[{i}].tep")
                };
                problems
                    .push(Problem::error(&l.file, l.pos(&field), &field, m).with_source(&l.src));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confined_typed_and_bounded() {
        let root = std::env::temp_dir().join(format!("vanban-assets-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let rec = root.join("rec");
        std::fs::create_dir_all(&rec).unwrap();
        let png = include_bytes!("../tests/data/quang-canh.png");
        std::fs::write(rec.join("a.png"), png).unwrap();
        std::fs::write(root.join("out.png"), png).unwrap();
        std::fs::write(rec.join("fake.jpg"), b"GIF89a not a jpeg").unwrap();
        assert!(check_picture(&rec, None, "a.png").is_ok());
        let e = check_picture(&rec, None, "../out.png").unwrap_err();
        assert!(e.contains("nằm ngoài"), "{e}");
        assert!(check_picture(&rec, Some(&root), "../out.png").is_ok());
        let abs = root.join("out.png");
        let e = check_picture(&rec, Some(&root), abs.to_str().unwrap()).unwrap_err();
        assert!(e.contains("tuyệt đối"), "{e}");
        let e = check_picture(&rec, None, "fake.jpg").unwrap_err();
        assert!(e.contains("không phải ảnh PNG hay JPEG"), "{e}");
        let e = check_picture(&rec, None, "khong-co.png").unwrap_err();
        assert!(e.contains("không tìm thấy"), "{e}");
        std::fs::remove_dir_all(&root).unwrap();
    }
}

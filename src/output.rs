//! Writing rendered files safely: each goes to a temporary file in the output folder and is
//! renamed into place, so a reader never sees half a file and a failed run never replaces
//! a good one. A run writes only after every file of the record rendered.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::render::Rendered;

/// Writes all files into `dir` (created when missing). On error, files already renamed
/// into place stay (they are complete) and no temporary file is left behind.
pub fn write_all(dir: &Path, files: &[Rendered]) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| {
        format!(
            "không tạo được thư mục kết quả {}: {}",
            dir.display(),
            io_vi(&e)
        )
    })?;
    let mut written = Vec::with_capacity(files.len());
    for f in files {
        let target = dir.join(&f.name);
        let tmp = dir.join(format!(".{}.{}.tmp", f.name, std::process::id()));
        let result = (|| {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(&f.bytes)?;
            file.sync_all()?;
            std::fs::rename(&tmp, &target)
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(format!(
                "không ghi được {}: {}",
                target.display(),
                io_vi(&e)
            ));
        }
        written.push(target);
    }
    Ok(written)
}

/// Common I/O errors in Vietnamese.
pub fn io_vi(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "không có quyền ghi".into(),
        std::io::ErrorKind::NotFound => "không tìm thấy đường dẫn".into(),
        std::io::ErrorKind::StorageFull => "ổ đĩa đã đầy".into(),
        std::io::ErrorKind::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_leaves_no_temporary_files() {
        let dir = std::env::temp_dir().join(format!("vanban-out-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let files = vec![Rendered {
            name: "a.docx".into(),
            bytes: b"abc".to_vec(),
        }];
        write_all(&dir, &files).unwrap();
        assert_eq!(std::fs::read(dir.join("a.docx")).unwrap(), b"abc");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

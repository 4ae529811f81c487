//! Reading input files (records, pictures) safely: regular files only, never blocking on
//! a FIFO or reading a device forever, and never more bytes than a limit, whatever the
//! file's size says.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::output::io_vi;

/// Why a file could not be read; `message` is Vietnamese and does not name the file (the
/// caller does).
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed.
    Io(std::io::Error),
    /// Not a regular file: a folder, a FIFO, a device, a socket. Holds what it is.
    NotRegular(&'static str),
    /// More than the limit; holds the limit in bytes.
    TooBig(usize),
}

impl ReadError {
    pub fn message(&self) -> String {
        match self {
            ReadError::Io(e) => match e.kind() {
                std::io::ErrorKind::NotFound => "không tìm thấy tệp".into(),
                std::io::ErrorKind::PermissionDenied => "không có quyền đọc tệp".into(),
                _ => format!("không đọc được tệp: {}", io_vi(e)),
            },
            ReadError::NotRegular(what) => {
                format!("đây là {what}, không phải tệp thường; chỉ đọc được tệp thường")
            }
            ReadError::TooBig(limit) => format!(
                "tệp quá lớn: vượt quá giới hạn {} (MAX {} byte)",
                size_vi(*limit),
                limit
            ),
        }
    }
}

/// "5 MB", "512 KB": a limit for messages.
pub fn size_vi(bytes: usize) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MB", bytes / (1024 * 1024))
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} byte")
    }
}

/// What a file that is not a regular file is, in Vietnamese ("một thư mục", "một thiết bị" …).
pub fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "một thư mục";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "một ống dẫn (FIFO)";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "một thiết bị";
        }
        if ft.is_socket() {
            return "một socket";
        }
    }
    "một tệp đặc biệt"
}

/// Opens `path` for reading without blocking (a FIFO opens at once) and refuses anything
/// but a regular file, judged on the opened handle so the file cannot be swapped between
/// the check and the read.
fn open_regular(path: &Path) -> Result<File, ReadError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    {
        // Without O_NONBLOCK, look before opening.
        let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
        if !meta.is_file() {
            return Err(ReadError::NotRegular(kind_of(&meta)));
        }
    }
    let file = match opts.open(path) {
        Ok(f) => f,
        // A socket cannot be opened at all (ENXIO); say what it is.
        Err(e) => {
            return Err(match std::fs::metadata(path) {
                Ok(m) if !m.is_file() => ReadError::NotRegular(kind_of(&m)),
                _ => ReadError::Io(e),
            });
        }
    };
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    Ok(file)
}

/// The bytes of the regular file at `path`, at most `limit` of them: one byte more is
/// [`ReadError::TooBig`]. The limit holds on the bytes read, not on the size the file
/// system reports.
pub fn read_regular(path: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() > limit {
        return Err(ReadError::TooBig(limit));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_hold_on_bytes_read() {
        let dir = std::env::temp_dir().join(format!("vanban-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.txt");
        std::fs::write(&f, b"12345").unwrap();
        assert_eq!(read_regular(&f, 5).unwrap(), b"12345");
        assert!(matches!(read_regular(&f, 4), Err(ReadError::TooBig(4))));
        assert!(matches!(
            read_regular(&dir, 10),
            Err(ReadError::NotRegular(_))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused() {
        let e = read_regular(Path::new("/dev/zero"), 10).unwrap_err();
        assert!(e.message().contains("thiết bị"), "{}", e.message());
    }
}

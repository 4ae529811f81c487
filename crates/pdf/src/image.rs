//! The natural size of a PNG or JPEG picture, read from its header: its pixels at 96 per
//! inch, as the DOCX writer sizes it (whatever resolution the file records).

/// Pixels per inch of a picture's natural size.
const DPI: f32 = 96.0;

/// Width and height in points, or `None` when the data is neither PNG nor JPEG.
pub fn natural_size(data: &[u8]) -> Option<(f32, f32)> {
    let (w, h) = png(data).or_else(|| jpeg(data))?;
    (w > 0 && h > 0).then(|| (w as f32 * 72.0 / DPI, h as f32 * 72.0 / DPI))
}

fn be16(d: &[u8], at: usize) -> Option<u32> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?) as u32)
}

fn be32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// The IHDR chunk's size.
fn png(d: &[u8]) -> Option<(u32, u32)> {
    if !d.starts_with(b"\x89PNG\r\n\x1a\n") || d.get(12..16)? != b"IHDR" {
        return None;
    }
    Some((be32(d, 16)?, be32(d, 20)?))
}

/// The frame header's size.
fn jpeg(d: &[u8]) -> Option<(u32, u32)> {
    if !d.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    loop {
        if *d.get(at)? != 0xFF {
            return None;
        }
        let marker = *d.get(at + 1)?;
        if marker == 0xFF {
            at += 1; // fill byte
            continue;
        }
        // Start of frame (not DHT 0xC4, JPG 0xC8, DAC 0xCC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return Some((be16(d, at + 7)?, be16(d, at + 5)?));
        }
        at += 2 + be16(d, at + 2)? as usize;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_size() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(192u32.to_be_bytes());
        png.extend(96u32.to_be_bytes());
        png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]); // depth, colour…, CRC
        assert_eq!(natural_size(&png), Some((144.0, 72.0)));
    }

    #[test]
    fn jpeg_size() {
        let mut jpg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
        jpg.extend(b"JFIF\0\x01\x01\x01\0\x48\0\x48\0\0"); // says 72 dpi: ignored
        jpg.extend([0xFF, 0xC0, 0, 17, 8, 0, 48, 0, 96]); // 96 × 48 px
        assert_eq!(natural_size(&jpg), Some((72.0, 36.0)));
        assert_eq!(natural_size(b"GIF89a"), None);
    }
}

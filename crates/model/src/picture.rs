//! Pictures' sizes, read from the PNG or JPEG header so that no image library is needed,
//! and their natural size: pixels at 96 per inch, whatever resolution the file records.
//! The size on the page is the lowering's (`vanban_layout::geometry::display_size`).

/// Pixels per inch of a picture's natural size (Word's convention for pictures without a
/// trusted resolution).
pub const PX_PER_INCH: u32 = 96;

/// Whether `data` is a JPEG file.
pub fn is_jpeg(data: &[u8]) -> bool {
    data.starts_with(&[0xFF, 0xD8, 0xFF])
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The most pixels a picture may have: 40 megapixels, a 7,300 × 5,500 photograph. A
/// picture is decoded to its pixels for the PDF (a PNG; a JPEG is embedded as it is),
/// three or four bytes each, so this bounds memory at about 160 MB; beyond it a small
/// file of a huge, plain image would take gigabytes.
pub const MAX_PIXELS: u64 = 40_000_000;

/// Whether a picture can go into the documents: a PNG or JPEG whose header reads, of at
/// most [`MAX_PIXELS`], not a CMYK JPEG. The error is the reason, in Vietnamese, for the user.
pub fn check(data: &[u8]) -> Result<(), String> {
    let (w, h) = dimensions(data)
        .ok_or_else(|| "không phải tệp PNG hay JPEG, hoặc tệp ảnh bị hỏng".to_string())?;
    let pixels = w as u64 * h as u64;
    if pixels > MAX_PIXELS {
        return Err(format!(
            "ảnh quá lớn: {w} × {h} điểm ảnh ({} triệu), tối đa {} triệu điểm ảnh; hãy thu nhỏ ảnh",
            pixels.div_ceil(1_000_000),
            MAX_PIXELS / 1_000_000
        ));
    }
    // PDF/A-2b with an sRGB output intent admits no CMYK image (ISO 19005-2, 6.2.4.3), and
    // vanban embeds a JPEG as it is, without converting it.
    if jpeg_components(data) == Some(4) {
        return Err(
            "ảnh JPEG ở hệ màu CMYK (dùng cho nhà in) không đưa được vào tệp PDF lưu trữ (PDF/A); hãy lưu lại ảnh ở hệ màu RGB (trong phần mềm ảnh: Chế độ màu → RGB) hoặc dưới dạng PNG"
                .to_string(),
        );
    }
    Ok(())
}

/// Colour components of a JPEG (1 grey, 3 YCbCr/RGB, 4 CMYK), read from its frame header.
pub fn jpeg_components(data: &[u8]) -> Option<u8> {
    jpeg_frame(data).map(|f| f.2).filter(|&c| c > 0)
}

/// Width and height in pixels of a PNG or JPEG; `None` for anything else or a broken
/// header.
pub fn dimensions(data: &[u8]) -> Option<(u32, u32)> {
    if data.starts_with(PNG) {
        // The IHDR chunk comes first: width and height right after its type.
        let be = |i: usize| Some(u32::from_be_bytes(data.get(i..i + 4)?.try_into().ok()?));
        return (data.get(12..16)? == b"IHDR")
            .then(|| Some((be(16)?, be(20)?)))
            .flatten()
            .filter(|&(w, h)| w > 0 && h > 0);
    }
    jpeg_frame(data).map(|(w, h, _)| (w, h))
}

/// A JPEG's width, height and components, from its start-of-frame segment.
fn jpeg_frame(data: &[u8]) -> Option<(u32, u32, u8)> {
    if !is_jpeg(data) {
        return None;
    }
    // Walk the JPEG segments up to a start-of-frame, which holds the size.
    let mut i = 2;
    loop {
        while *data.get(i)? != 0xFF {
            i += 1;
        }
        while *data.get(i)? == 0xFF {
            i += 1;
        }
        let m = *data.get(i)?;
        i += 1;
        if (0xD0..=0xD9).contains(&m) || m == 0x01 {
            continue; // markers without a length
        }
        let len = u16::from_be_bytes([*data.get(i)?, *data.get(i + 1)?]) as usize;
        let sof = (0xC0..=0xCF).contains(&m) && !matches!(m, 0xC4 | 0xC8 | 0xCC);
        if sof {
            let h = u16::from_be_bytes([*data.get(i + 3)?, *data.get(i + 4)?]) as u32;
            let w = u16::from_be_bytes([*data.get(i + 5)?, *data.get(i + 6)?]) as u32;
            // 0 when the header stops short of it: the size is still known.
            let components = data.get(i + 7).copied().unwrap_or(0);
            return (w > 0 && h > 0).then_some((w, h, components));
        }
        i += len;
    }
}

/// Natural width and height in points, or `None` when the data is neither PNG nor JPEG.
pub fn natural_size(data: &[u8]) -> Option<(f32, f32)> {
    let (w, h) = dimensions(data)?;
    let pt = |px: u32| px as f32 * 72.0 / PX_PER_INCH as f32;
    Some((pt(w), pt(h)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_size() {
        let mut png = PNG.to_vec();
        png.extend([0, 0, 0, 13]);
        png.extend(b"IHDR");
        png.extend(640u32.to_be_bytes());
        png.extend(480u32.to_be_bytes());
        assert_eq!(dimensions(&png), Some((640, 480)));
        assert_eq!(dimensions(&png[..20]), None);
    }

    #[test]
    fn jpeg_size_after_other_segments() {
        let mut jpg = vec![0xFF, 0xD8];
        jpg.extend([0xFF, 0xE0, 0, 4, 1, 2]); // APP0, 2 bytes of payload
        jpg.extend([0xFF, 0xC0, 0, 11, 8, 0x01, 0xE0, 0x02, 0x80, 3]);
        assert!(is_jpeg(&jpg));
        assert_eq!(dimensions(&jpg), Some((640, 480)));
        assert_eq!(jpeg_components(&jpg), Some(3));
        assert_eq!(dimensions(b"GIF89a"), None);
    }

    #[test]
    fn png_natural_size() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(192u32.to_be_bytes());
        png.extend(96u32.to_be_bytes());
        png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]); // depth, colour…, CRC
        assert_eq!(natural_size(&png), Some((144.0, 72.0)));
    }

    #[test]
    fn pixels_are_bounded_with_a_vietnamese_reason() {
        let png = |w: u32, h: u32| {
            let mut png = PNG.to_vec();
            png.extend([0, 0, 0, 13]);
            png.extend(b"IHDR");
            png.extend(w.to_be_bytes());
            png.extend(h.to_be_bytes());
            png
        };
        assert_eq!(check(&png(1, 20_000)), Ok(()));
        assert_eq!(check(&png(8_000, 5_000)), Ok(()));
        let e = check(&png(20_000, 20_000)).unwrap_err();
        assert!(e.contains("ảnh quá lớn") && e.contains("400 triệu"), "{e}");
        assert!(check(b"GIF89a").unwrap_err().contains("PNG"));
    }

    #[test]
    fn a_cmyk_jpeg_is_refused_for_pdf_a() {
        let jpeg = |components: u8| {
            let mut jpg = vec![0xFF, 0xD8];
            jpg.extend([
                0xFF,
                0xC0,
                0,
                8 + 3 * components,
                8,
                0,
                48,
                0,
                96,
                components,
            ]);
            jpg
        };
        assert_eq!(check(&jpeg(3)), Ok(()));
        assert_eq!(check(&jpeg(1)), Ok(()));
        let e = check(&jpeg(4)).unwrap_err();
        assert!(e.contains("CMYK") && e.contains("RGB"), "{e}");
    }

    #[test]
    fn jpeg_natural_size_ignores_its_dpi() {
        let mut jpg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
        jpg.extend(b"JFIF\0\x01\x01\x01\0\x48\0\x48\0\0"); // says 72 dpi: ignored
        jpg.extend([0xFF, 0xC0, 0, 17, 8, 0, 48, 0, 96]); // 96 × 48 px
        assert_eq!(natural_size(&jpg), Some((72.0, 36.0)));
        assert_eq!(natural_size(b"GIF89a"), None);
    }
}

//! Signing times: seconds since 1970 shown in Vietnam's time (+07:00, no daylight saving),
//! as Phụ lục I shows them (ISO 8601) and as PDF dates.

/// Vietnam's offset from UTC, in seconds (`vanban_viet::UTC_OFFSET_HOURS`).
pub const VN_OFFSET: i64 = vanban_viet::UTC_OFFSET_HOURS as i64 * 3600;

/// (year, month, day, hour, minute, second) of `secs` at `offset`.
fn civil(secs: i64, offset: i64) -> (i64, i64, i64, i64, i64, i64) {
    let t = secs + offset;
    let (days, rem) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn zone(offset: i64, sep: &str, end: &str) -> String {
    if offset == 0 && sep.is_empty() {
        return "Z".into();
    }
    let sign = if offset < 0 { '-' } else { '+' };
    let o = offset.abs();
    format!("{sign}{:02}{sep}{:02}{end}", o / 3600, o % 3600 / 60)
}

/// `2026-12-01T09:30:00+07:00`.
pub fn iso(secs: i64, offset: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs, offset);
    format!(
        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{}",
        zone(offset, ":", "")
    )
}

/// `D:20261201093000+07'00'`.
pub fn pdf(secs: i64, offset: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs, offset);
    format!(
        "D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}{}",
        zone(offset, "'", "'")
    )
}

/// Parses `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`.
pub fn parse_iso(s: &str) -> Option<i64> {
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let days = days_from_civil(num(0..4)?, num(5..7)?, num(8..10)?);
    let local = days * 86_400 + num(11..13)? * 3600 + num(14..16)? * 60 + num(17..19)?;
    let offset = match &s[19..] {
        "Z" => 0,
        z if z.len() == 6 && z.as_bytes()[3] == b':' => {
            let o = num(20..22)? * 3600 + num(23..25)? * 60;
            if z.starts_with('-') { -o } else { o }
        }
        _ => return None,
    };
    Some(local - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_in_vietnam_time() {
        let t = parse_iso("2026-12-01T09:30:00+07:00").unwrap();
        assert_eq!(t, parse_iso("2026-12-01T02:30:00Z").unwrap());
        assert_eq!(iso(t, VN_OFFSET), "2026-12-01T09:30:00+07:00");
        assert_eq!(pdf(t, VN_OFFSET), "D:20261201093000+07'00'");
        assert_eq!(iso(0, 0), "1970-01-01T00:00:00+00:00");
        assert_eq!(
            parse_iso("2024-02-29T23:59:59+07:00")
                .map(|t| iso(t, VN_OFFSET))
                .as_deref(),
            Some("2024-02-29T23:59:59+07:00")
        );
        assert_eq!(parse_iso("hôm qua"), None);
    }
}

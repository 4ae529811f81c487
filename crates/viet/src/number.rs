//! Numbers and money in figures: "." groups thousands, "," marks decimals.

/// Inserts "." every three digits from the right of a run of ASCII digits.
fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// "2.340.000".
pub fn group_thousands(n: u64) -> String {
    group_digits(&n.to_string())
}

/// An amount of money in figures: "18.720.000 đồng".
pub fn money(amount: u64) -> String {
    format!("{} đồng", group_thousands(amount))
}

/// A decimal with a fixed number of places: `decimal(8.0, 1)` is "8,0",
/// `decimal(1234.5, 2)` is "1.234,50".
///
/// Rounding is that of Rust's formatter on the binary value; for exact ratios use
/// [`percent`]. Non-finite values come out as Rust prints them ("NaN", "inf").
pub fn decimal(value: f64, places: usize) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let text = format!("{:.*}", places, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    // "-0,0" would read as a negative amount; a value that rounds to zero has no sign.
    let negative = value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b));
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group_digits(int));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A share as a percentage with one decimal place, the trailing ",0" dropped:
/// 8/9 → "88,9%", 9/9 → "100%", 1/2 → "50%". `None` when `den` is 0.
///
/// Computed on integers so that the rounding (half up) is that of the exact ratio,
/// not of a binary float: 1/8 = 12,5% exactly, 1/16 = 6,25% → "6,3%".
pub fn percent(num: u32, den: u32) -> Option<String> {
    if den == 0 {
        return None;
    }
    let (num, den) = (u64::from(num), u64::from(den));
    // tenths of a percent = round(num * 1000 / den), half up.
    let tenths = (2 * num * 1000 + den) / (2 * den);
    let int = group_thousands(tenths / 10);
    Some(match tenths % 10 {
        0 => format!("{int}%"),
        d => format!("{int},{d}%"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        let cases: &[(u64, &str)] = &[
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1_000, "1.000"),
            (21_000, "21.000"),
            (710_000, "710.000"),
            (1_800_000, "1.800.000"),
            (2_340_000, "2.340.000"),
            (18_720_000, "18.720.000"),
            (u64::MAX, "18.446.744.073.709.551.615"),
        ];
        for &(n, want) in cases {
            assert_eq!(group_thousands(n), want);
        }
    }

    #[test]
    fn money_figures() {
        let cases: &[(u64, &str)] = &[
            (18_720_000, "18.720.000 đồng"),
            (2_340_000, "2.340.000 đồng"),
            (0, "0 đồng"),
        ];
        for &(n, want) in cases {
            assert_eq!(money(n), want);
        }
    }

    #[test]
    fn decimals() {
        let cases: &[(f64, usize, &str)] = &[
            (8.0, 1, "8,0"),
            (1.5, 1, "1,5"),
            (0.3, 1, "0,3"),
            (0.8, 1, "0,8"),
            (3.0, 0, "3"),
            (1234.5, 2, "1.234,50"),
            (-2.26, 1, "-2,3"),
            (-0.04, 1, "0,0"),
            (1_000_000.0, 1, "1.000.000,0"),
        ];
        for &(v, p, want) in cases {
            assert_eq!(decimal(v, p), want, "{v} {p}");
        }
    }

    #[test]
    fn percents() {
        let cases: &[(u32, u32, Option<&str>)] = &[
            (8, 9, Some("88,9%")),
            (9, 9, Some("100%")),
            (2, 3, Some("66,7%")),
            (1, 2, Some("50%")),
            (1, 3, Some("33,3%")),
            (0, 9, Some("0%")),
            (1, 8, Some("12,5%")),
            (1, 16, Some("6,3%")),
            (1, 2000, Some("0,1%")),
            (1, 2001, Some("0%")),
            (20, 2, Some("1.000%")),
            (u32::MAX, 1, Some("429.496.729.500%")),
            (1, 0, None),
        ];
        for &(n, d, want) in cases {
            assert_eq!(percent(n, d).as_deref(), want, "{n}/{d}");
        }
    }
}

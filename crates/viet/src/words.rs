//! Numbers and money in words (bằng chữ): "Mười tám triệu bảy trăm hai mươi nghìn đồng".

/// Word for the thousands scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Thousand {
    #[default]
    Nghin,
    Ngan,
}

/// Word for a zero tens digit between hundreds and a unit (105).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ZeroTens {
    #[default]
    Linh,
    Le,
}

/// Word for a unit 4 after "mươi" (24); after "mười" or "linh" it is always "bốn".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Four {
    #[default]
    Tu,
    Bon,
}

/// The regional choices in spelling numbers; the default is nghìn, linh, tư.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct WordsOptions {
    pub thousand: Thousand,
    pub zero_tens: ZeroTens,
    pub four: Four,
}

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

const BILLION: u64 = 1_000_000_000;

/// Words for one group of three digits. `full` is set for a group that is not the
/// leading one, which must say its hundreds even when zero ("không trăm").
fn group(n: u64, full: bool, opts: &WordsOptions, out: &mut Vec<&'static str>) {
    let (h, t, u) = (
        (n / 100) as usize,
        (n / 10 % 10) as usize,
        (n % 10) as usize,
    );
    let said_hundreds = full || h > 0;
    if said_hundreds {
        out.extend([DIGITS[h], "trăm"]);
    }
    match t {
        0 if u == 0 => {}
        0 if said_hundreds => out.extend([
            match opts.zero_tens {
                ZeroTens::Linh => "linh",
                ZeroTens::Le => "lẻ",
            },
            DIGITS[u],
        ]),
        0 => out.push(DIGITS[u]),
        1 => {
            out.push("mười");
            match u {
                0 => {}
                5 => out.push("lăm"),
                _ => out.push(DIGITS[u]),
            }
        }
        _ => {
            out.extend([DIGITS[t], "mươi"]);
            match u {
                0 => {}
                1 => out.push("mốt"),
                4 if opts.four == Four::Tu => out.push("tư"),
                5 => out.push("lăm"),
                _ => out.push(DIGITS[u]),
            }
        }
    }
}

/// Words for `n < 10^9` with groups nghìn, triệu; `full` as in [`group`].
fn below_billion(n: u64, full: bool, opts: &WordsOptions, out: &mut Vec<&'static str>) {
    let thousand = match opts.thousand {
        Thousand::Nghin => "nghìn",
        Thousand::Ngan => "ngàn",
    };
    let groups = [
        (n / 1_000_000, Some("triệu")),
        (n / 1_000 % 1_000, Some(thousand)),
        (n % 1_000, None),
    ];
    let mut leading = !full;
    for (g, scale) in groups {
        // All-zero groups are skipped; leading zeros are not groups at all.
        if g == 0 {
            continue;
        }
        group(g, !leading, opts, out);
        out.extend(scale);
        leading = false;
    }
}

/// Reads the part above 10^9 as a number of its own followed by "tỷ", so that
/// 10^12 is "một nghìn tỷ" and 10^18 "một tỷ tỷ", the way such sums are spoken.
fn words(n: u64, full: bool, opts: &WordsOptions, out: &mut Vec<&'static str>) {
    let (high, low) = (n / BILLION, n % BILLION);
    if high > 0 {
        words(high, full, opts, out);
        out.push("tỷ");
    }
    below_billion(low, full || high > 0, opts, out);
}

/// A number in words, lower case: 105 → "một trăm linh năm", 0 → "không".
pub fn number_words(n: u64, opts: &WordsOptions) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let mut out = Vec::new();
    words(n, false, opts, &mut out);
    out.join(" ")
}

/// An amount in words as written after the figure: capitalised, ending in "đồng":
/// 18.720.000 → "Mười tám triệu bảy trăm hai mươi nghìn đồng".
pub fn money_words(amount: u64, opts: &WordsOptions) -> String {
    let text = number_words(amount, opts);
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("{}{} đồng", first.unwrap_or_default(), chars.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_words_default() {
        let cases: &[(u64, &str)] = &[
            (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
            (18_720_000, "Mười tám triệu bảy trăm hai mươi nghìn đồng"),
            (4_680_000, "Bốn triệu sáu trăm tám mươi nghìn đồng"),
            (3_510_000, "Ba triệu năm trăm mười nghìn đồng"),
            (710_000, "Bảy trăm mười nghìn đồng"),
            (21_000, "Hai mươi mốt nghìn đồng"),
            (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
            (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
            (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
            (1_800_000, "Một triệu tám trăm nghìn đồng"),
            (0, "Không đồng"),
        ];
        for &(n, want) in cases {
            assert_eq!(money_words(n, &WordsOptions::default()), want, "{n}");
        }
    }

    #[test]
    fn number_in_words_default() {
        let cases: &[(u64, &str)] = &[
            (0, "không"),
            (1, "một"),
            (4, "bốn"),
            (5, "năm"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (100, "một trăm"),
            (101, "một trăm linh một"),
            (104, "một trăm linh bốn"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (111, "một trăm mười một"),
            (114, "một trăm mười bốn"),
            (115, "một trăm mười lăm"),
            (124, "một trăm hai mươi tư"),
            (125, "một trăm hai mươi lăm"),
            (1_000, "một nghìn"),
            (1_001, "một nghìn không trăm linh một"),
            (1_010, "một nghìn không trăm mười"),
            (1_000_000, "một triệu"),
            (1_000_050, "một triệu không trăm năm mươi"),
            (1_000_000_000, "một tỷ"),
            (2_000_000_000_000, "hai nghìn tỷ"),
            (1_000_000_000_000, "một nghìn tỷ"),
            (1_001_000_000_000, "một nghìn không trăm linh một tỷ"),
            (
                5_000_000_021_000,
                "năm nghìn tỷ không trăm hai mươi mốt nghìn",
            ),
            (1_000_000_000_000_000_000, "một tỷ tỷ"),
            (
                u64::MAX,
                "mười tám tỷ bốn trăm bốn mươi sáu triệu bảy trăm bốn mươi tư nghìn \
                 không trăm bảy mươi ba tỷ bảy trăm linh chín triệu năm trăm năm mươi mốt \
                 nghìn sáu trăm mười lăm",
            ),
        ];
        for &(n, want) in cases {
            assert_eq!(number_words(n, &WordsOptions::default()), want, "{n}");
        }
    }

    #[test]
    fn options() {
        let all = WordsOptions {
            thousand: Thousand::Ngan,
            zero_tens: ZeroTens::Le,
            four: Four::Bon,
        };
        let ngan = WordsOptions {
            thousand: Thousand::Ngan,
            ..WordsOptions::default()
        };
        let le = WordsOptions {
            zero_tens: ZeroTens::Le,
            ..WordsOptions::default()
        };
        let bon = WordsOptions {
            four: Four::Bon,
            ..WordsOptions::default()
        };
        let cases: &[(u64, &WordsOptions, &str)] = &[
            (21_000, &ngan, "Hai mươi mốt ngàn đồng"),
            (105, &le, "Một trăm lẻ năm đồng"),
            (1_005_000, &le, "Một triệu không trăm lẻ năm nghìn đồng"),
            (24, &bon, "Hai mươi bốn đồng"),
            (14, &bon, "Mười bốn đồng"),
            (
                1_024_000,
                &all,
                "Một triệu không trăm hai mươi bốn ngàn đồng",
            ),
            (104_004, &all, "Một trăm lẻ bốn ngàn không trăm lẻ bốn đồng"),
        ];
        for &(n, opts, want) in cases {
            assert_eq!(money_words(n, opts), want, "{n} {opts:?}");
        }
    }
}

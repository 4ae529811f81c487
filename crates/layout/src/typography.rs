//! Where lines of header, title and signature text break: at meaningful points and
//! balanced, the way a clerk sets them by hand.
//!
//! The breaker in `vanban-font` fills lines first-fit, as Word does for running text.
//! For short centred blocks a clerk would correct that: "KHỐI THI ĐUA CÁC CƠ QUAN /
//! ĐẢNG TỈNH" becomes "KHỐI THI ĐUA / CÁC CƠ QUAN ĐẢNG TỈNH". [`choose`] keeps the
//! first-fit number of lines (one more only when that avoids a bad break) and picks the
//! breaks of least cost: uneven lines cost, a break inside a proper name or before a
//! dash is (nearly) never taken, a break inside a two-syllable word ("ĐÀO / TẠO") or
//! leaving one word alone on a line costs a lot, and a break after the organ's type
//! ("ỦY BAN NHÂN DÂN / TỈNH BẮC KẠN") or before "VÀ", "CÁC", a place word costs
//! nothing. The word lists are Vietnamese usage, kept here, not in a writer.

/// Organ types after which a header line breaks best.
const ORGAN_TYPES: &[&str] = &[
    "ỦY BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM",
    "KHỐI THI ĐUA",
    "CỤM THI ĐUA",
    "THÀNH ỦY",
    "TỈNH ỦY",
    "HUYỆN ỦY",
    "QUẬN ỦY",
    "THỊ ỦY",
    "ĐẢNG ỦY",
    "ĐẢNG ỦY KHỐI",
    "BAN THƯỜNG VỤ",
    "BAN CHẤP HÀNH",
    "BAN THI ĐUA - KHEN THƯỞNG",
];

/// Words a line starts well with: conjunctions, prepositions and the kinds of place
/// that open a place name.
const GOOD_STARTS: &[&str] = &[
    "VÀ",
    "CÁC",
    "CỦA",
    "VỀ",
    "CHO",
    "TẠI",
    "TRONG",
    "NĂM",
    "TỈNH",
    "THÀNH PHỐ",
    "HUYỆN",
    "QUẬN",
    "THỊ XÃ",
    "XÃ",
    "PHƯỜNG",
    "THỊ TRẤN",
];

/// Two-syllable words (and a few longer ones) of agency names, titles and roles that
/// a line never splits: "ĐÀO / TẠO" is read as two words.
const COMPOUNDS: &[&str] = &[
    "BẢO HIỂM",
    "BIÊN BẢN",
    "BIÊN PHÒNG",
    "BIÊN TẬP",
    "BÍ THƯ",
    "CHÁNH VĂN PHÒNG",
    "CHÁNH VĂN",
    "CHẤP HÀNH",
    "CHIẾN BINH",
    "CHÍNH TRỊ",
    "CHỦ NHIỆM",
    "CHỦ TỊCH",
    "CÔNG AN",
    "CÔNG ĐOÀN",
    "CÔNG NGHỆ",
    "CÔNG THƯƠNG",
    "CỘNG SẢN",
    "CƠ QUAN",
    "DÂN TỘC",
    "DÂN VẬN",
    "DU LỊCH",
    "ĐÀO TẠO",
    "ĐẢNG ỦY",
    "ĐẦU TƯ",
    "ĐỀ NGHỊ",
    "ĐOÀN THỂ",
    "ĐƠN VỊ",
    "GIÁM ĐỐC",
    "GIAO ƯỚC",
    "GIÁO DỤC",
    "GIAO THÔNG",
    "HIỆU TRƯỞNG",
    "HỘI ĐỒNG",
    "HỘI NGHỊ",
    "HUYỆN ỦY",
    "KẾ HOẠCH",
    "KHEN THƯỞNG",
    "KHO BẠC",
    "KHOA HỌC",
    "KIỂM SÁT",
    "KIỂM TRA",
    "KINH TẾ",
    "LAO ĐỘNG",
    "LIÊN ĐOÀN",
    "LIÊN HIỆP",
    "MẶT TRẬN",
    "MÔI TRƯỜNG",
    "NGÂN HÀNG",
    "NGOẠI VỤ",
    "NHÀ NƯỚC",
    "NHÂN DÂN",
    "NÔNG DÂN",
    "NÔNG NGHIỆP",
    "NÔNG THÔN",
    "NỘI CHÍNH",
    "NỘI VỤ",
    "PHÁT THANH",
    "PHÁT TRIỂN",
    "PHÓ TRƯỞNG",
    "PHONG TRÀO",
    "PHỤ NỮ",
    "QUÂN SỰ",
    "QUẢN LÝ",
    "TÀI CHÍNH",
    "TÀI NGUYÊN",
    "THANH NIÊN",
    "THANH TRA",
    "THÀNH PHỐ",
    "THÀNH ỦY",
    "THỂ THAO",
    "THI ĐUA",
    "THỊ TRẤN",
    "THỊ XÃ",
    "THÔNG TIN",
    "THƯỜNG VỤ",
    "THƯƠNG BINH",
    "TỈNH ỦY",
    "TÔN GIÁO",
    "TỔ CHỨC",
    "TỔ QUỐC",
    "TỔNG BIÊN TẬP",
    "TỔNG HỢP",
    "TỔNG KẾT",
    "TÒA ÁN",
    "TỜ TRÌNH",
    "TRUYỀN HÌNH",
    "TRUYỀN THÔNG",
    "TRƯỞNG BAN",
    "TRƯỞNG KHỐI",
    "TUYÊN GIÁO",
    "TƯ PHÁP",
    "ỦY BAN",
    "VĂN HÓA",
    "VĂN PHÒNG",
    "VẬN TẢI",
    "VIỆT NAM",
    "XÃ HỘI",
    "XÂY DỰNG",
    "Y TẾ",
];

/// Authority prefixes that never end a line: they belong to the word after them.
const PREFIXES: &[&str] = &["T/M", "K/T", "T/L", "TM.", "KT.", "TL.", "TUQ.", "Q."];

/// Costs, in the units of [`choose`]'s raggedness (100: one line empty beside a full one).
const NEUTRAL: f32 = 40.0;
const AFTER_DASH: f32 = 15.0;
const COMPOUND: f32 = 800.0;
const LONE_WORD: f32 = 300.0;
const EXTRA_LINE: f32 = 60.0;
const NAME: f32 = 1000.0;
/// A line starting with a dash: never, unless every other split is impossible.
const NEVER: f32 = 10_000.0;
/// Above this many candidate splits, first fit is kept (long running titles).
const MAX_CANDIDATES: u64 = 20_000;

/// A word of the line: its key (upper case, old tone-mark style, for the lists) and
/// width in points.
#[derive(Debug, Clone)]
pub struct Word {
    pub key: String,
    pub width: f32,
}

impl Word {
    pub fn new(text: &str, width: f32) -> Word {
        Word {
            key: key(text),
            width,
        }
    }
}

/// The comparison key of text: upper case, old tone-mark style ("UỶ" as "ỦY").
pub fn key(text: &str) -> String {
    vanban_viet::tone_style(&text.to_uppercase(), vanban_viet::ToneStyle::Old)
}

/// Whether the words `start..` begin with `phrase` (keys, space-separated).
fn starts_with(words: &[Word], start: usize, phrase: &str) -> bool {
    // No allocation: this runs for every list entry at every gap of every balanced line.
    let mut rest = words.get(start..).unwrap_or_default().iter();
    phrase.split(' ').all(|p| {
        rest.next()
            .is_some_and(|w| w.key.trim_end_matches([',', ';']) == p)
    })
}

/// Whether the words before `end` (exclusive) end with `phrase`.
fn ends_with(words: &[Word], end: usize, phrase: &str) -> bool {
    let n = phrase.split(' ').count();
    end >= n && starts_with(words, end - n, phrase)
}

/// The cost of breaking between `words[g]` and `words[g + 1]`; `bound[g]` counts the
/// proper names the gap lies inside (a place inside a member's name counts twice, so
/// the member's name breaks first).
pub fn break_cost(words: &[Word], bound: &[u8], g: usize) -> f32 {
    // Inside a proper name on top of what the gap is otherwise: when a name must
    // break (longer than the line), it breaks at its best point.
    NAME * bound.get(g).copied().unwrap_or(0) as f32 + gap_cost(words, g)
}

fn gap_cost(words: &[Word], g: usize) -> f32 {
    let (before, after) = (&words[g], &words[g + 1]);
    let dash = |w: &Word| w.key.starts_with(['-', '–']);
    if dash(after) {
        return NEVER;
    }
    if PREFIXES.contains(&before.key.as_str()) {
        return NAME;
    }
    // Inside a compound spanning the gap (its words on both sides). A compound that
    // does not even contain the word after the gap cannot span it: skipped unsplit.
    let next = after.key.trim_end_matches([',', ';']);
    let inside = COMPOUNDS.iter().filter(|c| c.contains(next)).any(|c| {
        let n = c.split(' ').count();
        (1..n).any(|k| g + 1 >= k && starts_with(words, g + 1 - k, c))
    });
    if inside {
        return COMPOUND;
    }
    if before.key.ends_with([',', ';', ':']) {
        return 0.0;
    }
    if dash(before) {
        return AFTER_DASH;
    }
    if ORGAN_TYPES.iter().any(|o| ends_with(words, g + 1, o))
        || GOOD_STARTS.iter().any(|s| starts_with(words, g + 1, s))
    {
        return 0.0;
    }
    NEUTRAL
}

/// The lines `words` are set on: the index of the first word of every line after the
/// first. `space` is the width of a space; `room(i)` the width line `i` offers; `fits`
/// the breaker's fit rule. `None` when first fit should stand: a word wider than its
/// line, one line is enough, or too many candidates.
pub fn choose(
    words: &[Word],
    bound: &[u8],
    space: f32,
    room: &dyn Fn(usize) -> f32,
    fits: &dyn Fn(f32, f32) -> bool,
) -> Option<Vec<usize>> {
    let n = words.len();
    if n < 2 {
        return None;
    }
    let width = |a: usize, b: usize| -> f32 {
        words[a..b].iter().map(|w| w.width).sum::<f32>() + space * (b - a - 1) as f32
    };
    // First fit, word by word: the fewest lines.
    let mut lines = 1;
    let mut start = 0;
    for i in 1..=n {
        if !fits(width(start, i), room(lines - 1)) {
            if i - 1 == start {
                return None;
            }
            lines += 1;
            start = i - 1;
            if !fits(width(start, i), room(lines - 1)) {
                return None;
            }
        }
    }
    if lines == 1 {
        return None;
    }
    let costs: Vec<f32> = (0..n - 1).map(|g| break_cost(words, bound, g)).collect();
    let mut best: Option<(f32, Vec<usize>)> = None;
    for k in [lines, lines + 1] {
        if k > n || binomial(n as u64 - 1, k as u64 - 1) > MAX_CANDIDATES {
            continue;
        }
        let mut breaks: Vec<usize> = (1..k).collect();
        loop {
            if let Some(c) = cost(&breaks, n, &costs, &width, room, fits) {
                let c = c + EXTRA_LINE * (k - lines) as f32;
                if best.as_ref().is_none_or(|(b, _)| c < *b - 1e-3) {
                    best = Some((c, breaks.clone()));
                }
            }
            if !next_combination(&mut breaks, n) {
                break;
            }
        }
    }
    best.map(|(_, b)| b)
}

/// The cost of one split, `None` if a line does not fit.
fn cost(
    breaks: &[usize],
    n: usize,
    costs: &[f32],
    width: &dyn Fn(usize, usize) -> f32,
    room: &dyn Fn(usize) -> f32,
    fits: &dyn Fn(f32, f32) -> bool,
) -> Option<f32> {
    let mut widths = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    let mut total = 0.0;
    for (i, &end) in breaks.iter().chain(std::iter::once(&n)).enumerate() {
        let w = width(start, end);
        if !fits(w, room(i)) {
            return None;
        }
        if end - start == 1 {
            total += LONE_WORD;
        }
        widths.push((w, room(i)));
        start = end;
    }
    let longest = widths.iter().map(|w| w.0).fold(0.0, f32::max);
    for (w, r) in &widths {
        total += 100.0 * ((longest - w) / r).powi(2);
    }
    total += breaks.iter().map(|&b| costs[b - 1]).sum::<f32>();
    Some(total)
}

/// The next increasing sequence of break positions in 1..n, lexicographically.
fn next_combination(c: &mut [usize], n: usize) -> bool {
    let k = c.len();
    for i in (0..k).rev() {
        if c[i] < n - (k - i) {
            c[i] += 1;
            for j in i + 1..k {
                c[j] = c[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

fn binomial(n: u64, k: u64) -> u64 {
    let k = k.min(n.saturating_sub(k));
    let mut r: u64 = 1;
    for i in 0..k {
        r = r.saturating_mul(n - i) / (i + 1);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of equal-width letters, for readable cases.
    fn words(text: &str) -> Vec<Word> {
        text.split(' ')
            .map(|w| Word::new(w, w.chars().count() as f32))
            .collect()
    }

    fn lines(text: &str, room: f32) -> Vec<String> {
        let ws = words(text);
        let bound = vec![0; ws.len()];
        let fits = |w: f32, r: f32| w <= r;
        let breaks = choose(&ws, &bound, 1.0, &|_| room, &fits).unwrap_or_default();
        let parts: Vec<&str> = text.split(' ').collect();
        let mut out = Vec::new();
        let mut start = 0;
        for end in breaks.into_iter().chain([parts.len()]) {
            out.push(parts[start..end].join(" "));
            start = end;
        }
        out
    }

    #[test]
    fn breaks_after_the_organ_type() {
        assert_eq!(
            lines("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN", 22.0),
            ["ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN"]
        );
        assert_eq!(
            lines("KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH", 26.0),
            ["KHỐI THI ĐUA", "CÁC CƠ QUAN ĐẢNG TỈNH"]
        );
    }

    #[test]
    fn never_splits_a_two_syllable_word_or_starts_with_a_dash() {
        for room in 12..24 {
            let got = lines("SỞ GIÁO DỤC VÀ ĐÀO TẠO", room as f32);
            assert!(
                got.iter().all(|l| l != "TẠO" && !l.ends_with("ĐÀO")),
                "{got:?}"
            );
            let got = lines("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", room as f32);
            assert!(got.iter().all(|l| !l.starts_with('-')), "{room}: {got:?}");
        }
    }

    #[test]
    fn no_word_alone_when_it_can_be_helped() {
        let got = lines("về việc đề nghị tặng Cờ thi đua năm 2024", 36.0);
        assert!(got.iter().all(|l| l.contains(' ')), "{got:?}");
    }
}

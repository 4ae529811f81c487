//! Lengths both writers must agree on to the twip: Word stores page geometry and table
//! grids in twips (1/20 pt), so both writers compute them here, in twips, once.

use vanban_model::profile::{Page, mm_to_pt, pt_to_twip};

/// Millimetres to whole twips, as Word stores margins and page sizes.
pub fn mm_twips(mm: f32) -> i32 {
    pt_to_twip(mm_to_pt(mm))
}

/// Width between the margins, from the twip-rounded page and margins, as Word computes it.
pub fn text_width_twips(page: &Page) -> i32 {
    mm_twips(page.width_mm) - mm_twips(page.margin_left_mm) - mm_twips(page.margin_right_mm)
}

/// `total` twips shared in proportion to `weights`, each column edge rounded to a twip,
/// so the parts sum to `total` exactly.
pub fn proportional(weights: &[u32], total: i32) -> Vec<i32> {
    let sum: u64 = weights.iter().map(|&w| w as u64).sum::<u64>().max(1);
    let mut acc = 0u64;
    let mut prev = 0i32;
    weights
        .iter()
        .map(|&w| {
            acc += w as u64;
            let edge = (total as f64 * acc as f64 / sum as f64).round() as i32;
            let width = edge - prev;
            prev = edge;
            width
        })
        .collect()
}

/// `total` twips split into a left column of `left_percent` and the rest.
pub fn split(total: i32, left_percent: f32) -> [i32; 2] {
    let left = (total as f32 * left_percent / 100.0).round() as i32;
    [left, total - left]
}

/// The height between the top and bottom margins in points, from the twip-rounded page
/// and margins: what an empty page offers the body.
pub fn body_height_pt(page: &Page) -> f32 {
    (mm_twips(page.height_mm) - mm_twips(page.margin_top_mm) - mm_twips(page.margin_bottom_mm))
        as f32
        / 20.0
}

/// Tolerance of a fit on the page, as the PDF paginator compares.
pub const FIT_EPSILON_PT: f32 = 0.01;

/// The one rule for blocks that do not split (table and grid rows, the closing pair, the
/// page-1 header's rows), which both writers follow: such a block, `height_pt` high with
/// `above_pt` of repeated table header rows over it on a new page, stays whole (the DOCX
/// marks it `cantSplit`; the PDF moves it to the next page) when it fits on an empty
/// page. Taller, it splits across pages line by line, as LibreOffice splits a row that
/// may split; Word would cut a `cantSplit` row taller than a page at its bottom, and the
/// PDF must lose nothing either.
pub fn keeps_whole(height_pt: f32, above_pt: f32, page: &Page) -> bool {
    above_pt + height_pt <= body_height_pt(page) + FIT_EPSILON_PT
}

/// The size a picture takes on the page, in points, for both writers: its natural size
/// (`vanban_model::picture::natural_size`), scaled down (never up, proportions kept) to at most `max_width`
/// wide and `max_height` high — the text width, and the body height less what its line
/// needs under it, so that a picture always fits on a page.
pub fn display_size(natural: (f32, f32), max_width: f32, max_height: f32) -> (f32, f32) {
    let (w, h) = natural;
    let scale = (max_width / w).min(max_height / h).min(1.0);
    (w * scale, h * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_sum_to_the_text_width() {
        let page = vanban_model::Profile::builtin("dang").unwrap().page.clone();
        assert_eq!(text_width_twips(&page), 11906 - 1701 - 850);
        let w = proportional(&[8, 50, 42], 9355);
        assert_eq!(w.iter().sum::<i32>(), 9355);
        assert_eq!(w[0], 748);
        assert_eq!(proportional(&[1, 1, 1], 9355), [3118, 3119, 3118]);
        assert_eq!(split(9355, 45.0), [4210, 5145]);
    }

    #[test]
    fn a_block_keeps_whole_up_to_the_body_height() {
        let page = vanban_model::Profile::builtin("dang").unwrap().page.clone();
        let body = body_height_pt(&page);
        // A4 less 20 mm top and bottom, each rounded to twips.
        assert_eq!(body, (16838 - 1134 - 1134) as f32 / 20.0);
        assert!(keeps_whole(body, 0.0, &page));
        assert!(!keeps_whole(body + 0.5, 0.0, &page));
        assert!(!keeps_whole(body - 10.0, 20.0, &page));
    }

    #[test]
    fn display_size_fits_width_and_height() {
        // 1 × 20,000 px is 0.75 × 15,000 pt: the height decides.
        let (w, h) = display_size((0.75, 15_000.0), 467.75, 700.0);
        assert!((h - 700.0).abs() < 1e-3 && (w - 0.035).abs() < 1e-3);
        assert_eq!(display_size((100.0, 50.0), 467.75, 700.0), (100.0, 50.0));
        let (w, h) = display_size((935.5, 100.0), 467.75, 700.0);
        assert!((w - 467.75).abs() < 1e-3 && (h - 50.0).abs() < 1e-3);
    }
}

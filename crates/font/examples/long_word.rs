//! Times the line breaker on one word without a break opportunity, the worst case for a
//! first-fit breaker: `cargo run --release -p vanban-font --example long_word [CHARS…]`.
//! Figures: docs/performance.md.

use std::time::Instant;

use vanban_font::breaker::Align;
use vanban_font::breaker::{Frame, Span, break_lines};
use vanban_font::{Fonts, Variant};

fn main() {
    let fonts = Fonts::embedded();
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("a number of characters"))
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100_000, 200_000, 400_000, 800_000]
    } else {
        sizes
    };
    // The body text width of both profiles (165 mm less margins), 14 pt.
    let frame = Frame {
        width: 467.75,
        left_indent: 0.0,
        first_indent: 0.0,
        align: Align::Justify,
    };
    for n in sizes {
        let span = Span {
            text: "ư".repeat(n),
            variant: Variant::Regular,
            size: 14.0,
            underline: false,
        };
        let t = Instant::now();
        let lines = break_lines(&[span], fonts, frame);
        println!(
            "{n:>9} chars: {:>5} lines, {:>10.1} ms",
            lines.len(),
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}

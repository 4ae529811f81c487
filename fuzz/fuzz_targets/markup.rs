//! Any text as template output: the markup parser must never panic, and the escape
//! function must round-trip through inline parsing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban_model::markup;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = markup::parse(text);
    let runs = markup::inline(&markup::escape(text));
    let joined: String = runs.iter().map(|r| r.text.as_str()).collect();
    let expected: String = unicode_normalization_nfc(&text.replace(['\n', '\r', '\t'], " "));
    assert_eq!(joined, expected);
});

fn unicode_normalization_nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

//! Text escaped for XML and HTML attribute and element content, shared by the writers
//! that emit markup themselves (HTML news item, SVG preview).

/// `&`, `<`, `>`, `"` and `'` escaped; control characters XML 1.0 forbids (all but tab,
/// line feed and carriage return) dropped — the record check refuses them anyway.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(
            super::escape("a<b>&\"c'\u{1}\td"),
            "a&lt;b&gt;&amp;&quot;c&#39;\td"
        );
    }
}

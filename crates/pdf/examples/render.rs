//! Renders a markup file to PDF with a built-in profile, for looking at the output:
//! `cargo run -p vanban-pdf --example render -- IN.md dang|nha-nuoc OUT.pdf`

use vanban_font::Fonts;
use vanban_model::{Profile, markup};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, profile, output] = &args[..] else {
        return Err("cách dùng: render IN.md dang|nha-nuoc OUT.pdf".into());
    };
    let doc = markup::parse(&std::fs::read_to_string(input)?)?;
    let profile = Profile::builtin(profile).ok_or("không có hồ sơ thể thức này")?;
    let bytes = vanban_pdf::write(&doc, profile, Fonts::embedded(), "vanban 0.1.0")?;
    std::fs::write(output, bytes)?;
    Ok(())
}

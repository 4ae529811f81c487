//! Any text as a record, through the whole path a user's record takes: load, check, then
//! (when it is valid) render every document it has to DOCX and PDF in memory. Nothing
//! may panic; every failure must come back as problems.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use vanban::render::{Engine, Format, Request};
use vanban::templates::Templates;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine {
        templates: Templates::load(None).expect("built-in templates compile"),
        template_dir: None,
        fonts: vanban_font::Fonts::embedded(),
        anh_dir: None,
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let loaded = match vanban::record::load::load_str("fuzz.yaml", text.to_string()) {
        Ok((l, _)) => l,
        Err(problems) => {
            for p in &problems {
                let _ = p.render();
            }
            return;
        }
    };
    let problems = vanban::record::check::check(&loaded);
    for p in &problems {
        let _ = p.render();
    }
    if problems.iter().any(|p| p.is_error()) {
        return;
    }
    let req = Request {
        docs: None,
        formats: vec![Format::Docx, Format::Pdf],
        meeting: None,
    };
    match engine().render(&loaded, &req) {
        Ok(files) => assert!(files.iter().all(|f| !f.bytes.is_empty())),
        Err(problems) => {
            for p in &problems {
                let _ = p.render();
            }
        }
    }
});

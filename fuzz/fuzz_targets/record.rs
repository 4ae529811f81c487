//! Any bytes as a record: parsing, locating and checking must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((loaded, _)) = vanban::record::load::load_str("fuzz.yaml", text.to_string()) {
        let problems = vanban::record::check::check(&loaded);
        for p in &problems {
            let _ = p.render();
        }
        if !problems.iter().any(|p| p.is_error())
            && let Some(profile) = vanban_model::Profile::builtin(&loaded.record.the_thuc)
        {
            let _ = vanban::context::build(&loaded.record, &profile);
        }
    } else if let Err(problems) = vanban::record::load::load_str("fuzz.yaml", text.to_string()) {
        for p in &problems {
            let _ = p.render();
        }
    }
});

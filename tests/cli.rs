//! The command line: exit codes, init, template overrides and their errors, the schema,
//! and record text that must arrive intact.

mod common;

use common::*;

#[test]
fn wrong_usage_exits_2() {
    assert_eq!(vanban(&["render"]).status.code(), Some(2));
    assert_eq!(vanban(&["khong-co-lenh"]).status.code(), Some(2));
    let o = vanban(&["render", "fixtures/kontum-2024.yaml", "--doc", "cong-van"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn init_writes_a_valid_record_and_never_overwrites() {
    let dir = temp_dir("init");
    let f = dir.join("ho-so.yaml");
    let o = vanban(&["init", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = vanban(&["check", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(&f).unwrap();
    let o = vanban(&["init", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("tệp đã có"));
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

#[test]
fn init_offers_the_common_shapes_and_each_checks_and_renders() {
    let dir = temp_dir("init-shapes");
    for s in vanban::starters::STARTERS {
        let f = dir.join(format!("{}.yaml", s.id));
        let o = vanban(&["init", f.to_str().unwrap(), "--mau", s.id]);
        assert!(o.status.success(), "{}", stderr(&o));
        let o = vanban(&["check", f.to_str().unwrap()]);
        assert!(o.status.success(), "{}: {}", s.id, stderr(&o));
        let out = dir.join(format!("out-{}", s.id));
        let o = vanban(&[
            "render",
            f.to_str().unwrap(),
            "--format",
            "docx",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}: {}", s.id, stderr(&o));
    }
    // Two meetings: each has its own minutes.
    assert!(
        dir.join("out-hai-hoi-nghi/bien-ban-tong-ket.docx")
            .is_file()
    );
    assert!(dir.join("out-hai-hoi-nghi/bien-ban-ky-ket.docx").is_file());
    // An unknown shape is refused with the list of shapes.
    let o = vanban(&["init", dir.join("x.yaml").to_str().unwrap(), "--mau", "ba"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("hai-hoi-nghi"), "{}", stderr(&o));
    assert!(!dir.join("x.yaml").exists());
}

#[test]
fn templates_export_and_override() {
    let dir = temp_dir("tpl");
    let mau = dir.join("mau");
    let o = vanban(&["templates", "export", mau.to_str().unwrap()]);
    assert!(o.status.success());
    for f in [
        "_dau.vb",
        "giao-uoc.vb",
        "tin-bai.vb",
        "to-trinh.vb",
        "bien-ban.vb",
    ] {
        assert!(mau.join(f).is_file(), "{f}");
    }
    // Override one sentence of the pledge.
    let p = mau.join("giao-uoc.vb");
    let src = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        src.replace("ĐẠI DIỆN CÁC CƠ QUAN KÝ GIAO ƯỚC", "CÁC CƠ QUAN KÝ TÊN"),
    )
    .unwrap();
    let out = render(
        &fixture("kontum-2024.yaml"),
        &[
            "--doc",
            "giao-uoc",
            "--format",
            "docx",
            "--templates",
            mau.to_str().unwrap(),
        ],
        "tpl-out",
    );
    let paras = paragraphs(&docx_part(&out.join("giao-uoc.docx"), "word/document.xml"));
    assert!(paras.iter().any(|p| p == "CÁC CƠ QUAN KÝ TÊN"));
    assert!(
        !paras
            .iter()
            .any(|p| p == "ĐẠI DIỆN CÁC CƠ QUAN KÝ GIAO ƯỚC")
    );
}

#[test]
fn template_errors_name_file_line_and_column() {
    let cases = [
        ("{% if %}", "lỗi cú pháp trong mẫu"),
        ("{{ g.nam_x }}", "không có biến «nam_x»"),
        ("{{ g.nam | khong_co }}", "không có bộ lọc «khong_co»"),
    ];
    for (i, (bad, words)) in cases.iter().enumerate() {
        let dir = temp_dir(&format!("tpl-err-{i}"));
        let mau = dir.join("mau");
        std::fs::create_dir_all(&mau).unwrap();
        let src = std::fs::read_to_string(root().join("templates/giao-uoc.vb")).unwrap();
        let line = src.lines().position(|l| l.starts_with("@title")).unwrap() + 1;
        let col = "@title BẢN GIAO ƯỚC THI ĐUA ".chars().count() + 1;
        std::fs::write(
            mau.join("giao-uoc.vb"),
            src.replace(
                "@title BẢN GIAO ƯỚC THI ĐUA",
                &format!("@title BẢN GIAO ƯỚC THI ĐUA {bad}"),
            ),
        )
        .unwrap();
        let out = dir.join("out");
        let o = vanban(&[
            "render",
            "fixtures/kontum-2024.yaml",
            "--doc",
            "giao-uoc",
            "--templates",
            mau.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        let file = mau.join("giao-uoc.vb");
        let at = format!("{}:{line}:", file.display());
        assert!(err.contains(&at), "«{at}» in\n{err}");
        // The column points into the expression (Tera marks its start or the name).
        let col_found: usize = err[err.find(&at).unwrap() + at.len()..]
            .split(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            (col..col + bad.len()).contains(&col_found),
            "column {col_found} for «{bad}»"
        );
        assert!(err.contains(words), "«{words}» in\n{err}");
        assert!(!out.exists(), "nothing written");
    }
}

#[test]
fn schema_is_json_and_names_every_section() {
    let o = vanban(&["schema"]);
    assert!(o.status.success());
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(s.trim_start().starts_with('{'));
    for k in [
        "\"the_thuc\"",
        "\"thanh_vien\"",
        "\"giao_uoc\"",
        "\"noi_dung\"",
        "\"binh_xet\"",
        "\"required\"",
    ] {
        assert!(s.contains(k), "{k}");
    }
}

#[test]
fn record_text_arrives_intact_in_the_docx() {
    let base = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    let nasty = "Ban <Tổ> & \"chức\" 'Tỉnh' *ủy* @x | y \\ z __u__";
    // NFD input (decomposed diacritics) must come out NFC.
    let nfd_name = "Ban Tuye\u{302}n gia\u{301}o Ti\u{309}nh u\u{309}y";
    let rec = base
        .replacen(
            "    ten: Ban Tổ chức Tỉnh ủy",
            &format!("    ten: '{}'", nasty.replace('\'', "''")),
            1,
        )
        .replacen(
            "    ten: Ban Tuyên giáo Tỉnh ủy",
            &format!("    ten: \"{nfd_name}\""),
            1,
        );
    let dir = temp_dir("intact");
    let f = dir.join("r.yaml");
    std::fs::write(&f, rec).unwrap();
    let out = render(&f, &["--format", "docx"], "intact-out");
    let to_trinh =
        paragraphs(&docx_part(&out.join("to-trinh.docx"), "word/document.xml")).join("\n");
    assert!(to_trinh.contains(nasty), "{to_trinh}");
    let pledge = paragraphs(&docx_part(&out.join("giao-uoc.docx"), "word/document.xml"));
    assert!(
        pledge.iter().any(|p| p == "BAN TUYÊN GIÁO TỈNH ỦY"),
        "NFD normalised and upper-cased"
    );
}

#[test]
fn the_schema_in_docs_is_current() {
    let o = vanban(&["schema"]);
    let now = String::from_utf8(o.stdout).unwrap();
    let saved = std::fs::read_to_string(root().join("docs/record.schema.json")).unwrap();
    assert!(
        now.trim() == saved.trim(),
        "docs/record.schema.json is stale: run `cargo run -- schema > docs/record.schema.json`"
    );
}

#[test]
fn a_character_the_font_lacks_is_an_error_not_a_blank_box() {
    let base = std::fs::read_to_string(fixture("kontum-2024.yaml")).unwrap();
    let rec = base.replacen("    ten: Báo Kon Tum", "    ten: Báo Kon Tum 越南", 1);
    let dir = temp_dir("glyph");
    let f = dir.join("r.yaml");
    std::fs::write(&f, rec).unwrap();
    let out = dir.join("out");
    let o = vanban(&[
        "render",
        f.to_str().unwrap(),
        "--doc",
        "giao-uoc",
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("U+8D8A") && err.contains("越"), "{err}");
    // Found by the record check, at the field it stands in, so `check` refuses it too.
    assert!(
        err.contains("«thanh_vien[8].ten»") && err.contains(":55:"),
        "names the field it came from: {err}"
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn font_dir_takes_times_new_roman_files_and_says_what_it_embeds() {
    let dir = temp_dir("fontdir");
    let fonts = dir.join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    // Liberation Serif under the file names Windows gives Times New Roman.
    for (from, to) in [
        ("Regular", "times.ttf"),
        ("Bold", "timesbd.ttf"),
        ("Italic", "timesi.ttf"),
        ("BoldItalic", "timesbi.ttf"),
    ] {
        std::fs::copy(
            root().join(format!("assets/fonts/LiberationSerif-{from}.ttf")),
            fonts.join(to),
        )
        .unwrap();
    }
    let out = dir.join("out");
    let args = [
        "render",
        "fixtures/kontum-2024.yaml",
        "--doc",
        "giao-uoc",
        "--format",
        "pdf",
        "--font-dir",
    ];
    let o = vanban(
        &[
            &args[..],
            &[fonts.to_str().unwrap(), "--out", out.to_str().unwrap()],
        ]
        .concat(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("PDF nhúng phông Liberation Serif"),
        "{}",
        stderr(&o)
    );
    // A folder without them: a Vietnamese message naming the missing file.
    std::fs::remove_file(fonts.join("timesbd.ttf")).unwrap();
    let o = vanban(
        &[
            &args[..],
            &[fonts.to_str().unwrap(), "--out", out.to_str().unwrap()],
        ]
        .concat(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("không tìm thấy phông timesbd.ttf"),
        "{}",
        stderr(&o)
    );
}

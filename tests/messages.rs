//! Every message a user can meet is Vietnamese and located: the YAML parser's and serde's
//! (each kind of syntax error libyaml reports), Tera's, and clap's (usage errors, --help).

mod common;

use common::*;
use vanban::record::load::load_str;

/// Broken YAML, one kind of parser or serde error a row, with where it must be reported.
const SYNTAX: &[(&str, &str, (usize, usize))] = &[
    ("unclosed flow list", "a: [1, 2\nb: 3\n", (1, 4)),
    ("unclosed flow map", "a: { b: 1\nc: 3\n", (1, 4)),
    ("colon inside a value", "a: b: c\n", (1, 5)),
    ("character that cannot start a token", "a: @x\n", (1, 4)),
    ("undefined alias", "a: *x\n", (1, 4)),
    ("unknown escape", "a: \"x\\q\"\n", (1, 6)),
    ("indentation indicator 0", "a: |0\n  x\n", (1, 5)),
    (
        "document marker in a quoted string",
        "a: \"x\n---\ny\"\n",
        (1, 4),
    ),
    ("second document", "a: 1\n---\nb: 2\n", (2, 1)),
    ("list item beside a key", "a: 1\n- b\n", (2, 1)),
    ("bad indentation", "a:\n  b: 1\n c: 2\n", (3, 2)),
    ("tab indentation", "a:\n\tb: 1\n", (2, 1)),
    ("control character", "a: x\u{1b}y\n", (1, 5)),
    ("C1 control character", "a: x\u{85}\u{9b}\n", (1, 6)),
    ("merge of a scalar", "<<: 1\n", (1, 1)),
    ("directive", "%FOO bar\n---\na: 1\n", (1, 5)),
    ("tag without a handle", "a: !x!y 1\n", (1, 4)),
    ("text after a quoted value", "a: \"x\" y\n", (1, 8)),
    ("unclosed quote", "a: 'x\n", (1, 4)),
    ("record that is a list", "- a\n- b\n", (1, 1)),
    ("record that is text", "hello\n", (1, 1)),
    ("wrong type of a top field", "the_thuc: [1]\n", (1, 11)),
    (
        "huge number",
        "hoi_nghi:\n  nam_tong_ket: 99999999999999999999999\n",
        (2, 17),
    ),
    ("anchor without a name", "a: & x\n", (1, 5)),
    (
        "duplicate key in a nested map",
        "khoi:\n  ten: a\n  ten: b\n",
        (3, 3),
    ),
];

#[test]
fn every_parser_error_is_vietnamese_and_located() {
    let mut failures = Vec::new();
    for (name, src, (line, col)) in SYNTAX {
        let problems = match load_str("r.yaml", src.to_string()) {
            Ok((_, ps)) => ps,
            Err(ps) => ps,
        };
        // The parse error comes last, after the unknown keys found before it.
        let Some(p) = problems.iter().rev().find(|p| p.is_error()) else {
            failures.push(format!("{name}: no error"));
            continue;
        };
        let text = format!("{} {}", p.message, p.hint.clone().unwrap_or_default());
        let english = english_words(&text);
        if !english.is_empty() {
            failures.push(format!("{name}: English {english:?} in «{text}»"));
        }
        match p.pos {
            Some(at) if (at.line, at.col) == (*line, *col) => {}
            other => failures.push(format!(
                "{name}: at {other:?}, want {line}:{col}\n{}",
                p.render()
            )),
        }
        if p.hint.is_none() {
            failures.push(format!("{name}: no hint for «{}»", p.message));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Broken templates: (what, giao-uoc.vb, another file, the file and line:col reported).
/// (what, giao-uoc.vb, another file and its text, where the error is reported)
type TemplateCase = (
    &'static str,
    &'static str,
    Option<(&'static str, &'static str)>,
    &'static str,
);

const TEMPLATES: &[TemplateCase] = &[
    (
        "include of a missing template",
        "x\n{% include \"khong-co.vb\" %}",
        None,
        "giao-uoc.vb:2:12:",
    ),
    (
        "circular include",
        "{% include \"a.vb\" %}",
        Some(("a.vb", "\n{% include \"giao-uoc.vb\" %}")),
        "a.vb:2:4:",
    ),
    (
        "extends a missing template",
        "{% extends \"khong.vb\" %}",
        None,
        "giao-uoc.vb:1:4:",
    ),
    ("syntax", "{{ x + }}", None, "giao-uoc.vb:1:8:"),
    (
        "unknown field",
        "{{ r.khong_co }}",
        None,
        "giao-uoc.vb:1:6:",
    ),
    (
        "unknown variable",
        "\n{{ khong_co }}",
        None,
        "giao-uoc.vb:2:4:",
    ),
    (
        "unknown filter",
        "{{ r.dia_danh | khong_co }}",
        None,
        "giao-uoc.vb:1:17:",
    ),
    (
        "unknown tag",
        "{% if true %}x{% endfor %}",
        None,
        "giao-uoc.vb:1:18:",
    ),
    (
        "comparison of text and number",
        "{% if r.dia_danh < 3 %}x{% endif %}",
        None,
        "giao-uoc.vb:1:7:",
    ),
    (
        "missing argument",
        "{{ r.dia_danh | truncate }}",
        None,
        "giao-uoc.vb:1:17:",
    ),
    ("division by zero", "{{ 1 / 0 }}", None, "giao-uoc.vb:1:8:"),
    (
        "loop over a number",
        "{% for x in 3 %}{% endfor %}",
        None,
        "giao-uoc.vb:1:",
    ),
];

#[test]
fn every_template_error_is_vietnamese_and_located_in_its_file() {
    let dir = temp_dir("tera-messages");
    let mut failures = Vec::new();
    for (i, (name, main, other, at)) in TEMPLATES.iter().enumerate() {
        let mau = dir.join(format!("mau{i}"));
        std::fs::create_dir_all(&mau).unwrap();
        std::fs::write(mau.join("giao-uoc.vb"), main).unwrap();
        if let Some((f, text)) = other {
            std::fs::write(mau.join(f), text).unwrap();
        }
        let o = vanban(&[
            "markup",
            fixture("kontum-2024.yaml").to_str().unwrap(),
            "--doc",
            "giao-uoc",
            "--templates",
            mau.to_str().unwrap(),
        ]);
        let err = stderr(&o);
        let want = format!("{}{at}", mau.join("").display());
        if o.status.code() != Some(1) || !err.contains(&want) {
            failures.push(format!(
                "{name}: want {want}, got {:?}\n{err}",
                o.status.code()
            ));
        }
        let english = english_words(&err);
        if !english.is_empty() {
            failures.push(format!("{name}: English {english:?}\n{err}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn command_line_help_and_usage_errors_are_vietnamese() {
    let rec = fixture("kontum-2024.yaml");
    let rec = rec.to_str().unwrap();
    // (arguments, exit code, words the output must have)
    let cases: &[(&[&str], i32, &[&str])] = &[
        (
            &["--help"],
            0,
            &["Cách dùng:", "Lệnh:", "Tùy chọn:", "In trợ giúp"],
        ),
        (
            &["render", "--help"],
            0,
            &["Cách dùng:", "Tham số:", "[mặc định: "],
        ),
        (&["check", "--help"], 0, &["<HỒ_SƠ>", "Tùy chọn:"]),
        (&["templates", "export", "--help"], 0, &["<THƯ_MỤC>"]),
        (&[], 2, &["Cách dùng:", "Lệnh:"]),
        (&["check"], 2, &["lỗi: thiếu tham số bắt buộc", "<HỒ_SƠ>"]),
        (&["chek", rec], 2, &["không có lệnh «chek»", "«check»"]),
        (
            &["render", rec, "--doc", "foo"],
            2,
            &["giá trị «foo»", "«giao-uoc»"],
        ),
        (
            &["render", rec, "--frmat", "pdf"],
            2,
            &["không có tùy chọn «--frmat»", "«--format»"],
        ),
        (&["render", rec, "--out"], 2, &["thiếu giá trị", "--out"]),
        (&["schema", "x"], 2, &["lỗi:"]),
    ];
    let mut failures = Vec::new();
    for (args, code, words) in cases {
        let o = vanban(args);
        let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
        if o.status.code() != Some(*code) {
            failures.push(format!("{args:?}: exit {:?}\n{text}", o.status.code()));
        }
        for w in *words {
            if !text.contains(w) {
                failures.push(format!("{args:?}: no «{w}»\n{text}"));
            }
        }
        let english = english_words(&text);
        if !english.is_empty() {
            failures.push(format!("{args:?}: English {english:?}\n{text}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A `buoi` that disagrees with the start time is a warning; one that is no value at all
/// is an error, and only that (not also the warning).
#[test]
fn a_session_that_disagrees_warns_and_an_unknown_one_is_only_an_error() {
    let dir = common::temp_dir("buoi");
    let text = std::fs::read_to_string(common::fixture("kontum-2024.yaml")).unwrap();
    let at = "  gio_bat_dau: \"08:00\"";
    assert!(text.contains(at));
    for (buoi, warns, errs) in [
        ("chieu", true, false),
        ("xyz", false, true),
        ("sang", false, false),
    ] {
        let rec = dir.join(format!("{buoi}.yaml"));
        std::fs::write(&rec, text.replacen(at, &format!("{at}\n  buoi: {buoi}"), 1)).unwrap();
        let o = common::vanban(&["check", rec.to_str().unwrap()]);
        let err = common::stderr(&o);
        assert_eq!(
            err.contains("không khớp giờ bắt đầu"),
            warns,
            "{buoi}: {err}"
        );
        assert_eq!(
            err.contains(&format!("buổi «{buoi}» không có")),
            errs,
            "{buoi}: {err}"
        );
        assert_eq!(o.status.success(), !errs, "{buoi}: {err}");
    }
}

//! Batch rendering: several records, a folder of records, one broken record among good
//! ones.

mod common;

use common::*;

fn make_folder(name: &str, broken: bool) -> std::path::PathBuf {
    let dir = temp_dir(name);
    let recs = dir.join("ho-so");
    std::fs::create_dir_all(&recs).unwrap();
    std::fs::copy(fixture("kontum-2024.yaml"), recs.join("kontum.yaml")).unwrap();
    std::fs::copy(fixture("nha-nuoc-mau.yaml"), recs.join("so-nganh.yaml")).unwrap();
    std::fs::write(recs.join("ghi-chu.txt"), "not a record").unwrap();
    if broken {
        let bad = std::fs::read_to_string(fixture("kontum-2024.yaml"))
            .unwrap()
            .replacen("don_vi: tct, phuong_thuc", "don_vi: tcx, phuong_thuc", 1);
        std::fs::write(recs.join("hong.yaml"), bad).unwrap();
    }
    dir
}

#[test]
fn a_folder_renders_each_record_into_its_own_subfolder() {
    let dir = make_folder("batch-ok", false);
    let out = dir.join("out");
    let o = vanban(&[
        "render",
        dir.join("ho-so").to_str().unwrap(),
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for sub in ["kontum", "so-nganh"] {
        for d in ["giao-uoc", "tin-bai", "to-trinh", "bien-ban"] {
            assert!(
                out.join(sub).join(format!("{d}.docx")).is_file(),
                "{sub}/{d}"
            );
        }
    }
    assert!(!out.join("ghi-chu").exists());
    // Piped: a one-line summary and no progress bar.
    let err = stderr(&o);
    assert!(err.contains("Đã soạn 2/2 hồ sơ (8 tệp)"), "{err}");
    assert!(!err.contains('█'));
}

#[test]
fn several_records_by_name_and_one_broken_among_them() {
    let dir = make_folder("batch-bad", true);
    let out = dir.join("out");
    let recs = dir.join("ho-so");
    let o = vanban(&[
        "render",
        recs.join("kontum.yaml").to_str().unwrap(),
        recs.join("hong.yaml").to_str().unwrap(),
        recs.join("so-nganh.yaml").to_str().unwrap(),
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "some failed");
    let err = stderr(&o);
    assert!(err.contains("hong.yaml:77:38"), "{err}");
    assert!(err.contains("Đã soạn 2/3 hồ sơ"), "{err}");
    assert!(out.join("kontum/giao-uoc.docx").is_file());
    assert!(out.join("so-nganh/giao-uoc.docx").is_file());
    assert!(
        !out.join("hong").exists(),
        "nothing written for the broken record"
    );
}

#[test]
fn records_with_the_same_name_are_refused() {
    let a = temp_dir("same-a");
    let b = temp_dir("same-b");
    std::fs::copy(fixture("kontum-2024.yaml"), a.join("r.yaml")).unwrap();
    std::fs::copy(fixture("kontum-2024.yaml"), b.join("r.yaml")).unwrap();
    let out = a.join("out");
    let o = vanban(&[
        "render",
        a.join("r.yaml").to_str().unwrap(),
        b.join("r.yaml").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("ghi đè lên nhau"));
    assert!(!out.exists());
}

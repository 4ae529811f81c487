//! The signature places (Nghị định 30, Phụ lục I) of every fixture's PDF, read back: the
//! sidecar `NAME.sign.json` against the PDF's own fields (pdfsig) and against where
//! pdftotext finds the text — each signer's field inside its page, between the line above
//! the name (the role) and the name, over no text; each agency field over about the left
//! third of its signer's field.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::*;

#[derive(Debug, Clone)]
struct Place {
    name: String,
    page: usize,
    rect: [f64; 4],
}

fn sidecar(path: &Path) -> Vec<Place> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v["o_ky"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| Place {
            name: s["name"].as_str().unwrap().to_string(),
            page: s["page"].as_u64().unwrap() as usize,
            rect: std::array::from_fn(|i| s["rect"][i].as_f64().unwrap()),
        })
        .collect()
}

/// A line of text as pdftotext -bbox-layout finds it: page (1-based), box with y down
/// from the top of the page, and its words.
#[derive(Debug)]
struct Line {
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

fn attr(tag: &str, name: &str) -> f64 {
    let k = format!("{name}=\"");
    let i = tag.find(&k).unwrap() + k.len();
    tag[i..i + tag[i..].find('"').unwrap()].parse().unwrap()
}

/// Page sizes and lines of a PDF.
fn bbox_lines(pdf: &Path) -> (Vec<(f64, f64)>, Vec<Line>) {
    let o = Command::new("pdftotext")
        .args(["-bbox-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let xml = String::from_utf8(o.stdout).unwrap();
    let (mut pages, mut lines) = (Vec::new(), Vec::new());
    for chunk in xml.split("<page ").skip(1) {
        let head = &chunk[..chunk.find('>').unwrap()];
        pages.push((attr(head, "width"), attr(head, "height")));
        for l in chunk.split("<line ").skip(1) {
            let head = &l[..l.find('>').unwrap()];
            let words: Vec<&str> = l
                .split("<word ")
                .skip(1)
                .map(|w| {
                    let s = &w[w.find('>').unwrap() + 1..];
                    &s[..s.find("</word>").unwrap()]
                })
                .collect();
            lines.push(Line {
                page: pages.len(),
                x0: attr(head, "xMin"),
                y0: attr(head, "yMin"),
                x1: attr(head, "xMax"),
                y1: attr(head, "yMax"),
                text: words.join(" ").replace("&amp;", "&"),
            });
        }
    }
    (pages, lines)
}

/// A signature column of the markup: the line before the name, the name, and all its
/// shown lines' text.
struct Column {
    before: String,
    name: String,
    text: String,
}

/// For each signature column of the markup with an id: its lines.
fn columns(record: &Path, doc: &str) -> BTreeMap<String, Column> {
    let o = vanban(&["markup", record.to_str().unwrap(), "--doc", doc]);
    assert!(o.status.success(), "{}", stderr(&o));
    let markup = String::from_utf8(o.stdout).unwrap();
    let mut out = BTreeMap::new();
    // Grid cells are blank-line separated; closing lines carry "left "/"right ".
    let mut cols: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut cell = 0;
    let mut in_sign = false;
    for line in markup.lines() {
        if line.starts_with('@') {
            in_sign = line.starts_with("@grid") || line.starts_with("@closing");
            cell += 1;
            continue;
        }
        if !in_sign {
            continue;
        }
        if line.trim().is_empty() {
            cell += 1;
            continue;
        }
        let (side, rest) = match line.split_once(' ') {
            Some((s @ ("left" | "right"), r)) => (s.to_string(), r),
            _ => (String::new(), line),
        };
        let Some((k, v)) = rest.split_once(':') else {
            continue;
        };
        cols.entry(format!("{cell}{side}"))
            .or_default()
            .push((k.trim().to_string(), v.trim().to_string()));
    }
    for lines in cols.values() {
        let Some(id) = lines.iter().find(|(k, _)| k == "id").map(|l| l.1.clone()) else {
            continue;
        };
        let shown: Vec<&(String, String)> = lines
            .iter()
            .filter(|(k, _)| k != "id" && k != "seal")
            .collect();
        let n = shown.iter().position(|(k, _)| k == "name").unwrap();
        let before = if n > 0 {
            shown[n - 1].1.clone()
        } else {
            String::new()
        };
        let text = shown
            .iter()
            .map(|l| l.1.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        out.insert(
            id,
            Column {
                before,
                name: shown[n].1.clone(),
                text,
            },
        );
    }
    out
}

fn pdfsig_fields(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdfsig").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- Signature Field Name: "))
        .map(str::to_string)
        .collect()
}

fn check_document(record: &Path, doc: &str, out: &Path) -> Vec<Place> {
    let pdf = out.join(format!("{doc}.pdf"));
    let places = sidecar(&out.join(format!("{doc}.sign.json")));
    let (pages, lines) = bbox_lines(&pdf);
    let what = format!("{} {doc}", record.display());
    // The PDF's fields (fully qualified names, as signing tools show them) are the
    // sidecar's places.
    let mut names: Vec<String> = places.iter().map(|p| p.name.clone()).collect();
    let mut fields = pdfsig_fields(&pdf);
    names.sort();
    fields.sort();
    assert_eq!(fields, names, "{what}");
    let cols = columns(record, doc);
    for (i, p) in places.iter().enumerate() {
        let (w, h) = pages[p.page - 1];
        let [llx, lly, urx, ury] = p.rect;
        assert!(
            0.0 <= llx && llx < urx && urx <= w && 0.0 <= lly && lly < ury && ury <= h,
            "{what}: {} outside its page: {:?}",
            p.name,
            p.rect
        );
        // In pdftotext's coordinates (y down).
        let (top, bottom) = (h - ury, h - lly);
        let over = |l: &&Line| l.page == p.page && l.x0 < urx && l.x1 > llx;
        let inside = |l: &&Line| !(l.y1 <= top + 1.0 || l.y0 >= bottom - 1.0);
        let Some(id) = p.name.strip_prefix("ky.") else {
            // A seal has its real size and covers lines as on paper, but only its own
            // column's: its signer's field comes just before it.
            let signer = &places[i - 1].name;
            let own = &cols[signer.strip_prefix("ky.").unwrap()].text;
            for l in lines.iter().filter(over).filter(inside) {
                assert!(
                    own.contains(&l.text),
                    "{what}: {} covers «{}», not of its column «{own}»",
                    p.name,
                    l.text
                );
            }
            continue;
        };
        if let Some(l) = lines.iter().filter(over).find(inside) {
            panic!("{what}: text «{}» inside field {}", l.text, p.name);
        }
        let Column { before, name, .. } = &cols[id];
        let above = lines
            .iter()
            .filter(over)
            .filter(|l| l.y1 <= top + 1.0)
            .max_by(|a, b| a.y1.total_cmp(&b.y1))
            .unwrap_or_else(|| panic!("{what}: no line above {}", p.name));
        assert!(
            before.ends_with(&above.text),
            "{what}: above {} is «{}», not the end of «{before}»",
            p.name,
            above.text
        );
        assert!(
            top - above.y1 < 12.0,
            "{what}: {} starts far below «{}»",
            p.name,
            above.text
        );
        if !name.is_empty() {
            let below = lines
                .iter()
                .filter(over)
                .filter(|l| l.y0 >= bottom - 1.0)
                .min_by(|a, b| a.y0.total_cmp(&b.y0))
                .unwrap_or_else(|| panic!("{what}: no line below {}", p.name));
            assert!(
                name.starts_with(&below.text),
                "{what}: below {} is «{}», not «{name}»",
                p.name,
                below.text
            );
            assert!(
                below.y0 - bottom < 12.0,
                "{what}: {} ends far above the name",
                p.name
            );
        }
    }
    // Each agency field covers about the left third of its signer's field (±10%); the
    // signer's field comes just before it in the sidecar, as in the page's annotations:
    // the seal is drawn over the signature.
    for (i, a) in places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.name.starts_with("dau."))
    {
        let s = i
            .checked_sub(1)
            .and_then(|j| places.get(j))
            .filter(|s| s.name.starts_with("ky."))
            .unwrap_or_else(|| panic!("{what}: {} has no signer's field", a.name));
        assert_eq!(a.page, s.page, "{what}: {}", a.name);
        let overlap = (a.rect[2].min(s.rect[2]) - a.rect[0].max(s.rect[0])).max(0.0);
        let share = overlap / (s.rect[2] - s.rect[0]);
        assert!(
            (share - 1.0 / 3.0).abs() <= 0.1 / 3.0,
            "{what}: {} covers {share:.2} of {}",
            a.name,
            s.name
        );
        assert!(
            a.rect[0] < s.rect[0],
            "{what}: {} is not on the left",
            a.name
        );
        let v = a.rect[3].min(s.rect[3]) - a.rect[1].max(s.rect[1]);
        assert!(
            v > 0.9 * (s.rect[3] - s.rect[1]),
            "{what}: {} beside, not over",
            a.name
        );
        // A seal at least as large as the room it signs in (Phụ lục I: its real size;
        // the profiles' 36 mm, less only in a narrow grid cell).
        assert!(
            a.rect[3] - a.rect[1] >= s.rect[3] - s.rect[1] - 0.01,
            "{what}: {} smaller than the room",
            a.name
        );
    }
    places
}

#[test]
fn every_fixture_has_its_signature_places() {
    if !have_poppler("every_fixture_has_its_signature_places") {
        return;
    }
    let mut records: Vec<_> = std::fs::read_dir(root().join("fixtures"))
        .unwrap()
        .chain(std::fs::read_dir(root().join("fixtures/real")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    records.sort();
    let mut seen = 0;
    for (i, record) in records.iter().enumerate() {
        let out = render(
            record,
            &["--format", "pdf", "--sign-map"],
            &format!("places-{i}"),
        );
        for doc in ["giao-uoc", "to-trinh", "bien-ban"] {
            if !out.join(format!("{doc}.pdf")).exists() {
                continue;
            }
            let names: Vec<String> = check_document(record, doc, &out)
                .into_iter()
                .map(|p| p.name)
                .collect();
            let has = |n: &str| names.iter().any(|x| x == n);
            match doc {
                "to-trinh" => assert!(has("ky.nguoi-ky") && has("dau.co-quan"), "{names:?}"),
                "bien-ban" => assert!(has("ky.thu-ky") && has("ky.chu-tri"), "{names:?}"),
                _ => {
                    let ky = names.iter().filter(|n| n.starts_with("ky.")).count();
                    let dau = names.iter().filter(|n| n.starts_with("dau.")).count();
                    assert!(ky > 1 && ky == dau, "{names:?}");
                }
            }
            seen += 1;
        }
        std::fs::remove_dir_all(&out).unwrap();
    }
    assert!(seen >= 10, "only {seen} documents checked");
}

/// A member id names the pledge's PDF fields `ky.<id>`, `dau.<id>`: `check` refuses a
/// period in it at the id's line, so that `render` never fails on it.
#[test]
fn a_member_id_with_a_period_is_refused_at_its_line() {
    let dir = temp_dir("id-period");
    let text = std::fs::read_to_string(fixture("kontum-2024.yaml"))
        .unwrap()
        .replacen("id: btc\n", "id: btc.2\n", 1);
    let line = text.lines().position(|l| l.contains("id: btc.2")).unwrap() + 1;
    let rec = dir.join("ho-so.yaml");
    std::fs::write(&rec, text).unwrap();
    let o = vanban(&["check", rec.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(err.contains("mã «btc.2» không được có dấu chấm"), "{err}");
    assert!(err.contains(&format!("ho-so.yaml:{line}:")), "{err}");
}

/// docs/signing.md quotes the Kon Tum proposal's sidecar and names each document's
/// fields: both stay what `render --sign-map` writes.
#[test]
fn signing_doc_quotes_the_sidecar() {
    let out = render(
        &fixture("kontum-2024.yaml"),
        &["--format", "pdf", "--sign-map"],
        "sign-doc",
    );
    let doc = std::fs::read_to_string(root().join("docs/signing.md")).unwrap();
    let start = doc.find("```json\n").unwrap() + 8;
    let quoted: serde_json::Value =
        serde_json::from_str(&doc[start..start + doc[start..].find("```").unwrap()]).unwrap();
    let sidecar: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("to-trinh.sign.json")).unwrap()).unwrap();
    let entry = sidecar["o_ky"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == quoted["name"])
        .unwrap_or_else(|| panic!("no {} in {sidecar}", quoted["name"]));
    assert_eq!(entry, &quoted);
    // The seal field's size it states: the profile's real size, in mm and in points.
    let seal = sidecar["o_ky"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "dau.co-quan")
        .unwrap();
    let r: Vec<f64> = (0..4).map(|i| seal["rect"][i].as_f64().unwrap()).collect();
    let (w, h) = (r[2] - r[0], r[3] - r[1]);
    assert!((w - h).abs() < 0.1, "{seal}");
    let profile = std::fs::read_to_string(root().join("profiles/dang.yaml")).unwrap();
    let number = |key: &str| -> f64 {
        profile
            .lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .unwrap()
            .split('#')
            .next()
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    let mm = number("seal_size_mm:");
    assert!((h - mm * 72.0 / 25.4).abs() < 0.1, "{seal}: not {mm} mm");
    let doc_flat = doc.replace("\n  ", " ");
    for stated in [
        format!("mặc định {mm} mm"),
        format!("{} point", h.round()),
        // The signer's field narrows down to the profile's room.
        format!("đến bề rộng {} point", number("signature_space_pt:")),
    ] {
        assert!(
            doc_flat.contains(&stated),
            "docs/signing.md should say {stated}"
        );
    }
    // The table of fields per document.
    for (file, names) in [
        ("to-trinh", &["ky.nguoi-ky", "dau.co-quan"][..]),
        ("bien-ban", &["ky.thu-ky", "ky.chu-tri"][..]),
        ("giao-uoc", &["ky.bnc", "dau.bnc"][..]),
    ] {
        let found: Vec<String> = sidecar_names(&out.join(format!("{file}.sign.json")));
        for n in names {
            assert!(doc.contains(&format!("`{n}`")), "docs/signing.md: {n}");
            assert!(found.iter().any(|f| f == n), "{file}: {n} not in {found:?}");
        }
    }
}

fn sidecar_names(path: &Path) -> Vec<String> {
    sidecar(path).into_iter().map(|p| p.name).collect()
}

/// A PDF rendered again without `--sign-map` leaves no older map beside it: signing
/// tools would read stale places.
#[test]
fn a_stale_sign_map_does_not_outlive_its_pdf() {
    let dir = temp_dir("stale-map");
    let out = dir.join("ra");
    let rec = fixture("kontum-2024.yaml");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "render",
            rec.to_str().unwrap(),
            "--doc",
            "to-trinh",
            "--format",
            "pdf",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        let o = vanban(&args);
        assert!(o.status.success(), "{}", stderr(&o));
    };
    run(&["--sign-map"]);
    assert!(out.join("to-trinh.sign.json").is_file());
    run(&[]);
    assert!(out.join("to-trinh.pdf").is_file());
    assert!(!out.join("to-trinh.sign.json").exists());
}

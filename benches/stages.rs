//! Where the time of one record goes, stage by stage, on the Kon Tum fixture:
//! `cargo bench --bench stages`. End-to-end and batch figures: scripts/bench.

use vanban::context;
use vanban::record::load::load_str;
use vanban::render::{Engine, Format, Request, jobs};
use vanban::templates::{self, Templates};
use vanban_font::Fonts;
use vanban_model::{Document, Profile, markup};

fn main() {
    divan::main();
}

const RECORD: &str = include_str!("../fixtures/kontum-2024.yaml");
const DOCS: [&str; 4] = ["giao-uoc", "tin-bai", "to-trinh", "bien-ban"];

struct Fixture {
    engine: Engine,
    profile: &'static Profile,
    markup: Vec<String>,
    docs: Vec<Document>,
}

fn fixture() -> Fixture {
    let engine = Engine::builtin();
    let (loaded, _) = load_str("kontum-2024.yaml", RECORD.to_string()).unwrap();
    let profile = Profile::builtin(&loaded.record.the_thuc).unwrap();
    let view = context::build(&loaded.record, profile);
    let markup: Vec<String> = jobs(&loaded, &docs(), None)
        .iter()
        .map(|j| {
            let ctx = templates::job_context(&loaded.record, &view, j);
            engine.templates.render(&j.doc, &ctx, None).unwrap()
        })
        .collect();
    let docs = markup.iter().map(|m| markup::parse(m).unwrap()).collect();
    Fixture {
        engine,
        profile,
        markup,
        docs,
    }
}

fn docs() -> Vec<String> {
    DOCS.iter().map(|d| d.to_string()).collect()
}

#[divan::bench]
fn record_parse_and_check(b: divan::Bencher) {
    b.bench(|| {
        let (l, _) = load_str("kontum-2024.yaml", RECORD.to_string()).unwrap();
        vanban::record::check::check(&l)
    });
}

#[divan::bench]
fn templates_compile() -> Templates {
    Templates::load(None).unwrap()
}

#[divan::bench]
fn template_render_four_docs(b: divan::Bencher) {
    let f = fixture();
    let (loaded, _) = load_str("kontum-2024.yaml", RECORD.to_string()).unwrap();
    b.bench(|| {
        let view = context::build(&loaded.record, f.profile);
        jobs(&loaded, &docs(), None)
            .iter()
            .map(|j| {
                let ctx = templates::job_context(&loaded.record, &view, j);
                f.engine.templates.render(&j.doc, &ctx, None).unwrap().len()
            })
            .sum::<usize>()
    });
}

#[divan::bench]
fn markup_parse_four_docs(b: divan::Bencher) {
    let f = fixture();
    b.bench(|| {
        f.markup
            .iter()
            .map(|m| markup::parse(m).unwrap().blocks.len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn layout_four_docs(b: divan::Bencher) {
    let f = fixture();
    b.bench(|| {
        f.docs
            .iter()
            .map(|d| {
                vanban_pdf::layout(d, f.profile, Fonts::embedded())
                    .unwrap()
                    .pages
                    .len()
            })
            .sum::<usize>()
    });
}

/// The lowering alone (`vanban_layout::lower`), which `render` runs once per document for
/// both its files; the DOCX and PDF benches below include it.
#[divan::bench]
fn lower_four_docs(b: divan::Bencher) {
    let f = fixture();
    b.bench(|| {
        f.docs
            .iter()
            .map(|d| {
                vanban_layout::lower(d, f.profile, Fonts::embedded())
                    .nodes
                    .len()
            })
            .sum::<usize>()
    });
}

#[divan::bench]
fn docx_write_four_docs(b: divan::Bencher) {
    let f = fixture();
    b.bench(|| {
        f.docs
            .iter()
            .map(|d| {
                vanban_docx::write(d, f.profile, Fonts::embedded())
                    .unwrap()
                    .len()
            })
            .sum::<usize>()
    });
}

#[divan::bench]
fn pdf_write_four_docs(b: divan::Bencher) {
    let f = fixture();
    b.bench(|| {
        f.docs
            .iter()
            .map(|d| {
                vanban_pdf::write(d, f.profile, Fonts::embedded(), "vanban bench")
                    .unwrap()
                    .len()
            })
            .sum::<usize>()
    });
}

#[divan::bench]
fn whole_record_docx_and_pdf(b: divan::Bencher) {
    let f = fixture();
    let (loaded, _) = load_str("kontum-2024.yaml", RECORD.to_string()).unwrap();
    let req = Request {
        docs: None,
        formats: vec![Format::Docx, Format::Pdf],
        meeting: None,
    };
    b.bench(|| f.engine.render(&loaded, &req).unwrap().len());
}

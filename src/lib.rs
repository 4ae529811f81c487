//! vanban: the record of an emulation block's meeting (YAML) in, the official Vietnamese
//! documents that follow from it out — DOCX for Word and a PDF typeset with the same lines.
//!
//! The pipeline, each stage its own module or crate:
//!
//! 1. [`record`] — read the YAML record, locate and explain every problem, check consistency;
//! 2. [`context`] — derive the facts templates need (names from ids, votes, dates per profile);
//! 3. [`templates`] — Tera templates render our markup (`vanban_model::markup`);
//! 4. `vanban_model` — the markup parses into the one document model;
//! 5. `vanban_layout` — lowers the model for DOCX and PDF: styles, spacers, table grids,
//!    line breaks and keep flags decided once;
//! 6. writers — `vanban_docx`, `vanban_pdf` and `vanban_html` turn it into bytes, each
//!    reading the format profile (`vanban_model::Profile`);
//! 7. [`output`] — files are written atomically, only when everything rendered.
//!
//! [`render`] strings the stages together for one record, [`batch`] runs many on all
//! cores; `main.rs` is the command line.

pub mod assets;
pub mod awards;
pub mod batch;
pub mod context;
pub mod diag;
pub mod input;
pub mod law;
pub mod lint;
pub mod output;
pub mod record;
pub mod render;
pub mod serve;
pub mod starters;
pub mod templates;
pub mod terms;

//! vanban's PDF typesetter: lays a [`Document`](vanban_model::Document) out the way Word
//! lays out the DOCX writer's file — same lines, same pages — and writes it as PDF.
//!
//! [`layout::layout`] computes every position (testable without a PDF); [`pdf::write`]
//! lays out and draws with printpdf, embedding font subsets.

mod blocks;
pub mod layout;
pub mod pdf;
mod pdfa;
pub mod slots;
pub mod svg;

pub use layout::{Item, Layout, LayoutError, Page, Picture, Rule, Text, layout, layout_lowered};
pub use pdf::{PdfError, render, write, write_lowered_with_slots};
pub use slots::{SignatureSlot, sidecar_json, slots};

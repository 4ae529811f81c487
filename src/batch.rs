//! Many records in one process, on all cores: each record is loaded, checked, rendered and
//! written on its own; a bad record is reported and skipped without stopping the others.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diag::Problem;
use crate::output;
use crate::render::{self, Engine, Request};

/// What happened to one record.
pub struct Outcome {
    pub record: PathBuf,
    /// Files written, or every problem that stopped the record.
    pub result: Result<Vec<PathBuf>, Vec<Problem>>,
    /// Problems that did not stop it.
    pub warnings: Vec<Problem>,
}

/// Record files named on the command line: files as given, folders expanded to the
/// `.yaml`/`.yml` files directly inside them, in name order.
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Vec<Problem>> {
    let mut records = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| {
                    vec![Problem::error(
                        &p.display().to_string(),
                        None,
                        "",
                        format!("không mở được thư mục: {}", output::io_vi(&e)),
                    )]
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(vec![Problem::error(
                    &p.display().to_string(),
                    None,
                    "",
                    "thư mục không có tệp hồ sơ .yaml nào",
                )]);
            }
            records.extend(files);
        } else {
            records.push(p.clone());
        }
    }
    Ok(records)
}

/// The output folder of each record: `out` itself for one record, `out/<file stem>` for
/// several. Two records with the same stem would overwrite each other: refused.
pub fn out_dirs(records: &[PathBuf], out: &Path) -> Result<Vec<PathBuf>, Vec<Problem>> {
    if records.len() == 1 {
        return Ok(vec![out.to_path_buf()]);
    }
    let mut dirs: Vec<PathBuf> = Vec::with_capacity(records.len());
    for r in records {
        let stem = r.file_stem().unwrap_or_default();
        let d = out.join(stem);
        if let Some(i) = dirs.iter().position(|x| *x == d) {
            return Err(vec![
                Problem::error(
                    &r.display().to_string(),
                    None,
                    "",
                    format!(
                        "trùng tên với {}: kết quả của hai hồ sơ sẽ ghi đè lên nhau",
                        records[i].display()
                    ),
                )
                .with_hint("đổi tên một trong hai tệp hồ sơ"),
            ]);
        }
        dirs.push(d);
    }
    Ok(dirs)
}

/// Renders every record into its folder, in parallel. `tick` is called after each record
/// (for a progress bar).
pub fn run(
    engine: &Engine,
    records: &[PathBuf],
    dirs: &[PathBuf],
    req: &Request,
    tick: &(dyn Fn(usize) + Sync),
) -> Vec<Outcome> {
    let done = AtomicUsize::new(0);
    records
        .par_iter()
        .zip(dirs.par_iter())
        .map(|(record, dir)| {
            let outcome = one(engine, record, dir, req);
            tick(done.fetch_add(1, Ordering::Relaxed) + 1);
            outcome
        })
        .collect()
}

fn one(engine: &Engine, record: &Path, dir: &Path, req: &Request) -> Outcome {
    let (loaded, warnings) = match render::load_checked(record) {
        Ok(x) => x,
        Err(problems) => {
            return Outcome {
                record: record.to_path_buf(),
                result: Err(problems),
                warnings: Vec::new(),
            };
        }
    };
    let result = engine.render(&loaded, req).and_then(|files| {
        output::write_all(dir, &files).map_err(|e| vec![Problem::error(&loaded.file, None, "", e)])
    });
    Outcome {
        record: record.to_path_buf(),
        result,
        warnings,
    }
}

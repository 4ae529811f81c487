//! Many records in one process, on all cores: each record is loaded, checked, rendered and
//! written on its own; a bad record is reported and skipped without stopping the others,
//! and a record that takes longer than [`record_time_limit`] is reported as failed so the
//! batch always ends.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::diag::Problem;
use crate::output;
use crate::render::{self, Engine, Request};

/// How long one record may take (load, check, render, write) before it is reported as
/// failed; its thread is abandoned and never writes.
pub const RECORD_TIME_LIMIT: Duration = Duration::from_secs(300);
/// Environment variable overriding [`RECORD_TIME_LIMIT`], in whole seconds (`--han-giay`
/// on the command line sets it too).
pub const RECORD_TIME_ENV: &str = "VANBAN_RECORD_SECONDS";

/// The per-record limit in force: [`RECORD_TIME_ENV`] or [`RECORD_TIME_LIMIT`].
pub fn record_time_limit() -> Duration {
    std::env::var(RECORD_TIME_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&s| s > 0)
        .map_or(RECORD_TIME_LIMIT, Duration::from_secs)
}

/// Whether a path names a record file: `.yaml` or `.yml`, in any case.
pub fn is_record_name(p: &Path) -> bool {
    p.extension()
        .and_then(OsStr::to_str)
        .is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"))
}

/// What happened to one record.
pub struct Outcome {
    pub record: PathBuf,
    /// Files written, or every problem that stopped the record.
    pub result: Result<Vec<PathBuf>, Vec<Problem>>,
    /// Problems that did not stop it.
    pub warnings: Vec<Problem>,
}

/// Record files named on the command line: files as given, folders expanded to the
/// `.yaml`/`.yml` files (any case) directly inside them, in name order.
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
                .filter(|f| f.is_file() && is_record_name(f))
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

/// The sub-folder name for a record: its file stem, which must be a plain name that
/// stays inside `--out` (not empty, not `.`/`..`-like, not hidden, no separators).
fn sub_folder(record: &Path) -> Result<String, Box<Problem>> {
    let stem = record
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bad = stem.is_empty()
        || stem.starts_with('.')
        || stem.contains(['/', '\\', '\0', ':'])
        || stem.chars().all(|c| c == '.' || c.is_whitespace());
    if bad {
        return Err(Box::new(Problem::error(
            &record.display().to_string(),
            None,
            "",
            format!(
                "tên tệp không dùng làm tên thư mục kết quả được («{stem}»): kết quả có thể ghi ra ngoài thư mục --out hoặc thành thư mục ẩn"
            ),
        )
        .with_hint("đổi tên tệp hồ sơ, bắt đầu bằng chữ hoặc số, ví dụ ho-so-1.yaml")));
    }
    Ok(stem)
}

/// The output folder of each record: `out` itself for one record, `out/<file stem>` for
/// several; the folder never leaves `out`. Two records whose stems differ only in case
/// would share a folder on some systems: refused like identical ones.
pub fn out_dirs(records: &[PathBuf], out: &Path) -> Result<Vec<PathBuf>, Vec<Problem>> {
    if records.len() == 1 {
        return Ok(vec![out.to_path_buf()]);
    }
    let mut dirs: Vec<PathBuf> = Vec::with_capacity(records.len());
    let mut keys: Vec<String> = Vec::with_capacity(records.len());
    let mut problems = Vec::new();
    for r in records {
        let stem = match sub_folder(r) {
            Ok(s) => s,
            Err(p) => {
                problems.push(*p);
                continue;
            }
        };
        let key = stem.to_lowercase();
        if let Some(i) = keys.iter().position(|k| *k == key) {
            problems.push(
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
            );
            continue;
        }
        keys.push(key);
        let d = out.join(&stem);
        debug_assert_eq!(d.parent(), Some(out));
        dirs.push(d);
    }
    if problems.is_empty() {
        Ok(dirs)
    } else {
        Err(problems)
    }
}

/// Renders every record into its folder, a few at a time (one per core). `tick` is called
/// after each record (for a progress bar). A record past [`record_time_limit`] is reported
/// as failed; its thread may still run, but it will not write.
pub fn run(
    engine: &Arc<Engine>,
    records: &[PathBuf],
    dirs: &[PathBuf],
    req: &Request,
    tick: &(dyn Fn(usize) + Sync),
) -> Vec<Outcome> {
    let limit = record_time_limit();
    let width = std::thread::available_parallelism().map_or(2, |n| n.get());
    let req = Arc::new(req.clone());
    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
    let mut results: Vec<Option<Outcome>> = records.iter().map(|_| None).collect();
    // Running jobs: index, deadline, cancel flag.
    let mut running: Vec<(usize, Instant, Arc<AtomicBool>)> = Vec::new();
    let (mut next, mut done) = (0, 0);
    while done < records.len() {
        while running.len() < width && next < records.len() {
            let i = next;
            next += 1;
            let cancel = Arc::new(AtomicBool::new(false));
            let (engine, req, tx, flag) = (engine.clone(), req.clone(), tx.clone(), cancel.clone());
            let (record, dir) = (records[i].clone(), dirs[i].clone());
            let spawned = std::thread::Builder::new()
                .name(format!("ho-so-{i}"))
                .spawn(move || {
                    let o = one(&engine, &record, &dir, &req, &flag);
                    let _ = tx.send((i, o));
                });
            if spawned.is_err() {
                results[i] = Some(failed(
                    &records[i],
                    "hệ thống không tạo thêm được luồng để soạn hồ sơ này; chạy lại khi máy bớt bận",
                ));
                done += 1;
                tick(done);
                continue;
            }
            running.push((i, Instant::now() + limit, cancel));
        }
        let Some(soonest) = running.iter().map(|r| r.1).min() else {
            continue;
        };
        match rx.recv_timeout(soonest.saturating_duration_since(Instant::now())) {
            Ok((i, o)) => {
                // A record already reported as timed out stays failed.
                if let Some(at) = running.iter().position(|r| r.0 == i) {
                    running.swap_remove(at);
                    results[i] = Some(o);
                    done += 1;
                    tick(done);
                }
            }
            Err(_) => {
                let now = Instant::now();
                running.retain(|(i, deadline, cancel)| {
                    if *deadline > now {
                        return true;
                    }
                    cancel.store(true, Ordering::SeqCst);
                    results[*i] = Some(failed(
                        &records[*i],
                        &format!(
                            "soạn hồ sơ quá {} giây (RECORD_TIME_LIMIT) nên đã bỏ; không ghi tệp nào của hồ sơ này",
                            limit.as_secs()
                        ),
                    ));
                    done += 1;
                    tick(done);
                    false
                });
            }
        }
    }
    results
        .into_iter()
        .map(|o| o.expect("every record has an outcome"))
        .collect()
}

fn failed(record: &Path, msg: &str) -> Outcome {
    Outcome {
        record: record.to_path_buf(),
        result: Err(vec![Problem::error(
            &record.display().to_string(),
            None,
            "",
            msg,
        )]),
        warnings: Vec::new(),
    }
}

/// A PDF written without its sign map leaves no older `NAME.sign.json` beside it: the
/// map would place signatures where the new PDF has none (signing tools read it). Only a
/// regular file is removed, never a link's target.
fn remove_stale_sign_maps(dir: &Path, files: &[render::Rendered]) {
    let map_ext = render::Format::SignMap.ext();
    for f in files {
        let Some(stem) = f.name.strip_suffix(".pdf") else {
            continue;
        };
        let map = format!("{stem}.{map_ext}");
        if files.iter().any(|g| g.name == map) {
            continue;
        }
        let path = dir.join(&map);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

fn one(engine: &Engine, record: &Path, dir: &Path, req: &Request, cancel: &AtomicBool) -> Outcome {
    let (loaded, warnings) = match render::load_checked(record, engine.anh_dir.as_deref()) {
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
        // Past its time limit the record was reported as failed: it must not write.
        if cancel.load(Ordering::SeqCst) {
            return Err(Vec::new());
        }
        let written = output::write_all(dir, &files)
            .map_err(|e| vec![Problem::error(&loaded.file, None, "", e)])?;
        remove_stale_sign_maps(dir, &files);
        Ok(written)
    });
    Outcome {
        record: record.to_path_buf(),
        result,
        warnings,
    }
}

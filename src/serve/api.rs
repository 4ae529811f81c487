//! The JSON API behind the pages: check and preview the form's record, download its
//! documents, and manage the folder's records. Rendering runs on blocking threads; every
//! refusal is Vietnamese JSON (`{"loi": …}`) with a 4xx status.
// Handlers answer `Result<Response, Response>`, axum's idiom; a response is not small.
#![allow(clippy::result_large_err)]

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value as Json, json};

use super::security::refuse;
use super::{AppState, folder, form};
use crate::diag::Problem;
use crate::record::load::Loaded;
use crate::render::{Format, Request, has_data};

type Reply = Result<Response, Response>;

fn bad(message: impl AsRef<str>) -> Response {
    refuse(StatusCode::BAD_REQUEST, true, message.as_ref())
}

fn ok(v: Json) -> Response {
    axum::Json(v).into_response()
}

fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Response> {
    serde_json::from_slice(body).map_err(|e| {
        bad(format!(
            "dữ liệu gửi lên không phải JSON đúng dạng (dòng {}, cột {})",
            e.line(),
            e.column()
        ))
    })
}

/// Runs CPU work off the async threads; a panic there is a 500, never a dead server.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    tokio::task::spawn_blocking(f).await.map_err(|_| {
        refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            true,
            "máy chủ gặp lỗi khi xử lý hồ sơ này; hãy thử lại",
        )
    })
}

/// A problem as the browser shows it, at its form path.
#[derive(Serialize)]
pub struct ProblemJson {
    muc: &'static str,
    duong_dan: String,
    truong: String,
    thong_bao: String,
    goi_y: Option<String>,
}

pub fn problems_json(ps: &[Problem]) -> Vec<ProblemJson> {
    ps.iter()
        .map(|p| ProblemJson {
            muc: if p.is_error() { "loi" } else { "canh-bao" },
            duong_dan: form::form_path(&p.path),
            truong: p.path.clone(),
            thong_bao: p.message.clone(),
            goi_y: p.hint.clone(),
        })
        .collect()
}

/// The form's record, written as YAML and checked by the same code as `vanban check`.
/// `None` when the YAML did not even load (it always does for a form's record).
fn check_record(
    root: &Path,
    name: &str,
    value: &Json,
) -> Result<(Option<Loaded>, Vec<Problem>), String> {
    let record = form::parse_value(value)?;
    let yaml = form::to_yaml(&record);
    Ok(check_text(root, name, yaml))
}

fn check_text(root: &Path, name: &str, yaml: String) -> (Option<Loaded>, Vec<Problem>) {
    match crate::record::load::load_str(name, yaml) {
        Err(ps) => (None, ps),
        Ok((mut l, mut ps)) => {
            // Pictures are relative to the record, which lives in the served folder.
            l.path = root.join(name);
            ps.extend(crate::record::check::check(&l));
            ps.extend(crate::assets::check_record_pictures(&l, None));
            ps.sort_by_key(|p| p.pos);
            (Some(l), ps)
        }
    }
}

fn summary(ps: &[Problem]) -> Json {
    let errors = ps.iter().filter(|p| p.is_error()).count();
    json!({ "loi": errors, "canh_bao": ps.len() - errors })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordBody {
    ten: String,
    ho_so: Json,
    #[serde(default)]
    van_ban: Option<String>,
    #[serde(default)]
    dinh_dang: Option<String>,
}

/// The form spec, the award catalogue and the starters.
pub async fn form_spec() -> Response {
    let awards = crate::awards::Awards::builtin();
    // Names without a locality yet: the form is for any province or city.
    let place = crate::awards::Place {
        word: "tỉnh/thành phố".into(),
        party_committee: "Tỉnh ủy/Thành ủy".into(),
        name: String::new(),
        head: "thủ trưởng cơ quan".into(),
    };
    let forms: Vec<Json> = awards
        .ids()
        .filter_map(|id| awards.form(id))
        .map(|f| {
            let who = if f.collective {
                "tập thể"
            } else {
                "cá nhân"
            };
            json!({ "id": f.id, "ten": format!("{} ({who})", place.fill(&f.short)) })
        })
        .collect();
    let authorities: Vec<Json> = awards
        .authority_ids()
        .filter_map(|id| awards.authority(id))
        .map(|a| json!({ "id": a.id, "ten": place.fill(&a.short) }))
        .collect();
    let mut r = ok(json!({
        "bieu_mau": form::spec(),
        "khen_thuong": forms,
        "co_quan": authorities,
        "van_ban": crate::record::check::DOCS,
    }));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

/// `POST /api/kiem-tra`: the problems of the form's record.
pub async fn check(State(s): State<Arc<AppState>>, body: Bytes) -> Reply {
    let b: RecordBody = parse(&body)?;
    let root = s.root.clone();
    let ps = blocking(move || check_record(&root, &b.ten, &b.ho_so))
        .await?
        .map_err(bad)?
        .1;
    Ok(ok(
        json!({ "van_de": problems_json(&ps), "tom_tat": summary(&ps) }),
    ))
}

/// Percent-encodes a relative path for a URL, keeping `/`.
pub fn url_path(rel: &str) -> String {
    let mut out = String::new();
    for b in rel.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `POST /api/xem-truoc`: the problems, and the pages of one document as SVG, drawn from
/// the layout the PDF is drawn from.
pub async fn preview(State(s): State<Arc<AppState>>, body: Bytes) -> Reply {
    let b: RecordBody = parse(&body)?;
    let state = s.clone();
    let out = blocking(move || -> Result<Json, String> {
        let (loaded, ps) = check_record(&state.root, &b.ten, &b.ho_so)?;
        let mut result = json!({
            "van_de": problems_json(&ps),
            "tom_tat": summary(&ps),
            "van_ban": [],
        });
        let Some(l) = loaded else { return Ok(result) };
        let available: Vec<&str> = crate::record::check::DOCS
            .iter()
            .copied()
            .filter(|d| has_data(&l, d))
            .collect();
        result["co_van_ban"] = json!(available);
        if ps.iter().any(Problem::is_error) {
            result["loi_xem_truoc"] =
                json!("Hồ sơ còn lỗi nên chưa xem trước được; sửa các lỗi trong danh sách.");
            return Ok(result);
        }
        let doc = match b.van_ban.as_deref() {
            Some(d) if available.contains(&d) => d.to_string(),
            _ => match available.first() {
                Some(d) => d.to_string(),
                None => {
                    result["loi_xem_truoc"] = json!(
                        "Hồ sơ chưa có văn bản nào: thêm mục giao ước, tin bài, tờ trình hoặc biên bản."
                    );
                    return Ok(result);
                }
            },
        };
        result["dang_xem"] = json!(doc);
        let req = Request {
            docs: Some(vec![doc]),
            formats: Vec::new(),
            meeting: None,
        };
        match state.engine.documents(&l, &req) {
            Err(ps) => {
                result["loi_xem_truoc"] = json!(
                    ps.iter()
                        .map(|p| p.message.clone())
                        .collect::<Vec<_>>()
                        .join("; ")
                );
            }
            Ok(docs) => {
                let profile =
                    vanban_model::Profile::builtin(&l.record.the_thuc).expect("checked");
                let mut shown = Vec::new();
                for (job, document) in &docs {
                    let laid = vanban_pdf::layout(document, profile, state.engine.fonts)
                        .map_err(|e| e.to_string())?;
                    let href = |block: usize| match document.blocks.get(block) {
                        Some(vanban_model::Block::Image(img)) if !img.path.is_empty() => {
                            Some(format!("/tep/{}", url_path(&img.path)))
                        }
                        _ => None,
                    };
                    let pages = vanban_pdf::svg::pages(
                        &laid,
                        &vanban_pdf::svg::SvgOptions {
                            font_family: "VB Serif",
                            image_href: &href,
                        },
                    );
                    shown.push(json!({ "ten": job.stem, "trang": pages }));
                }
                result["van_ban"] = json!(shown);
            }
        }
        Ok(result)
    })
    .await?
    .map_err(bad)?;
    Ok(ok(out))
}

/// `POST /api/tai-ve`: one document as DOCX, PDF or (news item) HTML, or everything as
/// one ZIP with the record itself.
pub async fn download(State(s): State<Arc<AppState>>, body: Bytes) -> Reply {
    let b: RecordBody = parse(&body)?;
    let format = b.dinh_dang.clone().unwrap_or_else(|| "zip".into());
    let formats = match format.as_str() {
        "docx" => vec![Format::Docx],
        "pdf" => vec![Format::Pdf],
        "html" => vec![Format::Html],
        "zip" => Format::ALL.to_vec(),
        other => {
            return Err(bad(format!(
                "định dạng «{other}» không có; chọn docx, pdf, html hoặc zip"
            )));
        }
    };
    if format != "zip" && b.van_ban.is_none() {
        return Err(bad("chưa chọn văn bản để tải về"));
    }
    let record = form::parse_value(&b.ho_so).map_err(bad)?;
    let state = s.clone();
    let (name, bytes, mime) =
        blocking(move || -> Result<(String, Vec<u8>, &'static str), String> {
            let yaml = form::to_yaml(&record);
            let (loaded, ps) = check_text(&state.root, &b.ten, yaml.clone());
            let first_error = ps.iter().find(|p| p.is_error());
            let (Some(l), None) = (loaded, first_error) else {
                return Err(format!(
                    "hồ sơ còn lỗi, chưa tải về được: {}",
                    first_error.map(|p| p.message.as_str()).unwrap_or("")
                ));
            };
            let req = Request {
                docs: b.van_ban.clone().map(|d| vec![d]),
                formats,
                meeting: None,
            };
            let files = state.engine.render(&l, &req).map_err(|ps| {
                ps.iter()
                    .map(|p| p.message.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            })?;
            if format == "zip" {
                let stem = b
                    .ten
                    .rsplit_once('.')
                    .map(|(s, _)| s)
                    .unwrap_or(&b.ten)
                    .to_string();
                let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                let opts = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated);
                let mut add = |n: &str, bytes: &[u8]| -> Result<(), String> {
                    zip.start_file(n, opts)
                        .map_err(|_| "không đóng gói được tệp ZIP".to_string())?;
                    zip.write_all(bytes).map_err(|e| crate::output::io_vi(&e))
                };
                add(&format!("{stem}.yaml"), yaml.as_bytes())?;
                for f in &files {
                    add(&f.name, &f.bytes)?;
                }
                let bytes = zip
                    .finish()
                    .map_err(|_| "không đóng gói được tệp ZIP".to_string())?
                    .into_inner();
                Ok((format!("{stem}.zip"), bytes, "application/zip"))
            } else {
                let f = files.into_iter().next().ok_or("không có tệp nào")?;
                let mime = match format.as_str() {
                    "docx" => {
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    }
                    "pdf" => "application/pdf",
                    _ => "text/html; charset=utf-8",
                };
                Ok((f.name, f.bytes, mime))
            }
        })
        .await?
        .map_err(|m| refuse(StatusCode::UNPROCESSABLE_ENTITY, true, &m))?;
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        url_path(&name).replace('/', "%2F")
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// `GET /api/ho-so/{ten}`: the record as the form's value, its content hash, whether it
/// has comments, and its problems.
pub async fn open(State(s): State<Arc<AppState>>, UrlPath(ten): UrlPath<String>) -> Reply {
    folder::resolve(&s.root, &ten).map_err(bad)?;
    let root = s.root.clone();
    let out = blocking(move || -> Result<Json, (StatusCode, Json)> {
        let bytes = folder::read(&root, &ten)
            .map_err(|m| (StatusCode::NOT_FOUND, json!({ "loi": m })))?;
        let hash = folder::hash(&bytes);
        let text = String::from_utf8(bytes).map_err(|_| {
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({ "loi": format!("hồ sơ «{ten}» không phải văn bản UTF-8; lưu lại tệp với bảng mã UTF-8") }),
            )
        })?;
        let comments = folder::has_comments(&text);
        let (loaded, ps) = check_text(&root, &ten, text);
        let Some(l) = loaded else {
            return Err((
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({
                    "loi": format!("hồ sơ «{ten}» có lỗi cú pháp nên biểu mẫu chưa mở được; sửa tệp bằng trình soạn thảo văn bản theo các lỗi dưới đây"),
                    "van_de": problems_json(&ps),
                }),
            ));
        };
        Ok(json!({
            "ten": ten,
            "ho_so": form::to_value(&l.record),
            "bam": hash,
            "co_chu_thich": comments,
            "van_de": problems_json(&ps),
            "tom_tat": summary(&ps),
            "phien_ban": folder::versions(&root, &ten).len(),
        }))
    })
    .await?;
    match out {
        Ok(v) => Ok(ok(v)),
        Err((status, v)) => {
            let mut r = (status, axum::Json(v)).into_response();
            r.headers_mut()
                .insert(super::security::OURS_HEADER, HeaderValue::from_static("1"));
            Err(r)
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveBody {
    ho_so: Json,
    /// The hash of the file as the form opened (or last saved) it.
    bam: String,
    /// Save as a new copy instead (after a conflict).
    #[serde(default)]
    ban_sao: bool,
}

/// `POST /api/ho-so/{ten}/luu`: writes the record atomically, keeping the previous
/// version; refuses (409) when the file changed on disk since the form read it.
pub async fn save(
    State(s): State<Arc<AppState>>,
    UrlPath(ten): UrlPath<String>,
    body: Bytes,
) -> Reply {
    let b: SaveBody = parse(&body)?;
    folder::resolve(&s.root, &ten).map_err(bad)?;
    let record = form::parse_value(&b.ho_so).map_err(bad)?;
    let yaml = form::to_yaml(&record);
    let _guard = s.files.lock().await;
    let root = s.root.clone();
    let out = blocking(move || -> Result<Json, (StatusCode, String)> {
        if b.ban_sao {
            let stem = ten.rsplit_once('.').map(|(s, _)| s).unwrap_or(&ten);
            let name = folder::free_name(&root, &format!("{stem}-ban-sao"));
            folder::create(&root, &name, yaml.as_bytes())
                .map_err(|m| (StatusCode::CONFLICT, m))?;
            return Ok(json!({ "ten": name, "bam": folder::hash(yaml.as_bytes()) }));
        }
        let current = folder::read(&root, &ten).ok();
        let current_hash = current.as_deref().map(folder::hash).unwrap_or_default();
        if current_hash != b.bam {
            return Err((
                StatusCode::CONFLICT,
                format!(
                    "tệp «{ten}» đã bị thay đổi (hoặc xóa) trên đĩa sau khi mở; chưa ghi gì. Chọn: tải lại tệp trên đĩa, hoặc lưu biểu mẫu thành bản sao"
                ),
            ));
        }
        folder::write(&root, &ten, yaml.as_bytes())
            .map_err(|m| (StatusCode::INTERNAL_SERVER_ERROR, m))?;
        Ok(json!({ "ten": ten, "bam": folder::hash(yaml.as_bytes()) }))
    })
    .await?;
    match out {
        Ok(v) => Ok(ok(v)),
        Err((status, m)) => {
            let mut r = refuse(status, true, &m);
            if status == StatusCode::CONFLICT {
                *r.body_mut() =
                    axum::body::Body::from(json!({ "loi": m, "xung_dot": true }).to_string());
            }
            Err(r)
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    ten: String,
    #[serde(default)]
    mau: Option<String>,
}

/// `POST /api/ho-so`: a new record from a starter (`vanban init`'s shapes).
pub async fn create(State(s): State<Arc<AppState>>, body: Bytes) -> Reply {
    let b: CreateBody = parse(&body)?;
    let name = super::security::record_name(&b.ten).map_err(bad)?;
    let mau = b.mau.as_deref().unwrap_or(crate::starters::STARTERS[0].id);
    let Some(text) = crate::starters::starter(mau).map(|s| s.text) else {
        return Err(bad(format!("không có mẫu «{mau}»")));
    };
    let _guard = s.files.lock().await;
    folder::create(&s.root, &name, text.as_bytes())
        .map_err(|m| refuse(StatusCode::CONFLICT, true, &m))?;
    Ok((StatusCode::CREATED, axum::Json(json!({ "ten": name }))).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameBody {
    #[serde(default)]
    ten_moi: Option<String>,
    #[serde(default)]
    sang_nam: bool,
}

/// `POST /api/ho-so/{ten}/nhan-ban`: a copy, optionally a year on (next year's meeting).
pub async fn duplicate(
    State(s): State<Arc<AppState>>,
    UrlPath(ten): UrlPath<String>,
    body: Bytes,
) -> Reply {
    let b: NameBody = parse(&body)?;
    let bytes = folder::read(&s.root, &ten).map_err(|m| refuse(StatusCode::NOT_FOUND, true, &m))?;
    let bytes = if b.sang_nam {
        let text = String::from_utf8(bytes).map_err(|_| bad("hồ sơ không phải văn bản UTF-8"))?;
        let (l, _) = crate::record::load::load_str(&ten, text)
            .map_err(|_| bad("hồ sơ có lỗi cú pháp; sửa trước khi nhân bản sang năm sau"))?;
        let mut r = l.record;
        folder::next_year(&mut r);
        form::to_yaml(&r).into_bytes()
    } else {
        bytes
    };
    let stem = ten
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(&ten)
        .to_string();
    let _guard = s.files.lock().await;
    let name = match b.ten_moi.as_deref().filter(|n| !n.trim().is_empty()) {
        Some(n) => super::security::record_name(n).map_err(bad)?,
        None => folder::free_name(
            &s.root,
            &format!("{stem}-{}", if b.sang_nam { "nam-sau" } else { "ban-sao" }),
        ),
    };
    folder::create(&s.root, &name, &bytes).map_err(|m| refuse(StatusCode::CONFLICT, true, &m))?;
    Ok((StatusCode::CREATED, axum::Json(json!({ "ten": name }))).into_response())
}

/// `POST /api/ho-so/{ten}/doi-ten`.
pub async fn rename(
    State(s): State<Arc<AppState>>,
    UrlPath(ten): UrlPath<String>,
    body: Bytes,
) -> Reply {
    let b: NameBody = parse(&body)?;
    let to = super::security::record_name(b.ten_moi.as_deref().unwrap_or("")).map_err(bad)?;
    folder::resolve(&s.root, &ten).map_err(bad)?;
    let _guard = s.files.lock().await;
    folder::rename(&s.root, &ten, &to).map_err(|m| refuse(StatusCode::CONFLICT, true, &m))?;
    Ok(ok(json!({ "ten": to })))
}

/// `DELETE /api/ho-so/{ten}`: into the trash, never destroyed.
pub async fn delete(State(s): State<Arc<AppState>>, UrlPath(ten): UrlPath<String>) -> Reply {
    folder::resolve(&s.root, &ten).map_err(bad)?;
    let _guard = s.files.lock().await;
    let where_ =
        folder::trash(&s.root, &ten).map_err(|m| refuse(StatusCode::NOT_FOUND, true, &m))?;
    Ok(ok(json!({ "thung_rac": where_ })))
}

#[derive(Deserialize)]
pub struct UploadQuery {
    #[serde(default)]
    ten: String,
}

/// A plain ASCII file stem from a user's file name.
fn safe_stem(name: &str) -> String {
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let mut out = String::new();
    for c in unicode_normalization::UnicodeNormalization::nfd(stem) {
        let c = match c {
            'đ' => 'd',
            'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if (c == '-' || c == '_' || c == ' ') && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(40).collect();
    if out.is_empty() { "anh".into() } else { out }
}

/// `POST /api/anh?ten=…`: a picture, checked by content (PNG or JPEG, readable size,
/// bounded pixels), stored as `anh/<name>` in the folder; answers its relative path.
pub async fn upload(
    State(s): State<Arc<AppState>>,
    Query(q): Query<UploadQuery>,
    body: Bytes,
) -> Reply {
    let data = body.to_vec();
    if vanban_model::picture::dimensions(&data).is_none() {
        return Err(refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            true,
            "tệp tải lên không phải ảnh PNG hay JPEG đọc được (xét theo nội dung tệp, không theo đuôi tên)",
        ));
    }
    vanban_model::picture::check(&data)
        .map_err(|e| refuse(StatusCode::UNPROCESSABLE_ENTITY, true, &e))?;
    let ext = if vanban_model::picture::is_jpeg(&data) {
        "jpg"
    } else {
        "png"
    };
    let stem = safe_stem(&q.ten);
    let _guard = s.files.lock().await;
    let dir = s.root.join(folder::PICTURE_DIR);
    match std::fs::symlink_metadata(&dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(bad("«anh» trong thư mục hồ sơ không phải thư mục")),
        Err(_) => std::fs::create_dir(&dir).map_err(|e| {
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                true,
                &format!("không tạo được thư mục ảnh: {}", crate::output::io_vi(&e)),
            )
        })?,
    }
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(&name);
        if std::fs::symlink_metadata(&path).is_ok() {
            continue;
        }
        crate::output::create_new(&path, &data)
            .map_err(|m| refuse(StatusCode::INTERNAL_SERVER_ERROR, true, &m))?;
        return Ok((
            StatusCode::CREATED,
            axum::Json(json!({ "tep": format!("{}/{name}", folder::PICTURE_DIR) })),
        )
            .into_response());
    }
    Err(refuse(
        StatusCode::CONFLICT,
        true,
        "đã có quá nhiều ảnh cùng tên",
    ))
}

/// `GET /tep/{path}`: a picture of the folder, for the preview; only PNG and JPEG inside
/// the folder (the same rule as rendering).
pub async fn picture(State(s): State<Arc<AppState>>, UrlPath(rel): UrlPath<String>) -> Reply {
    super::security::relative_path(&rel).map_err(|m| refuse(StatusCode::BAD_REQUEST, false, &m))?;
    let root = s.root.clone();
    let data = blocking(move || crate::assets::load_picture(&root, None, &rel))
        .await?
        .map_err(|m| refuse(StatusCode::NOT_FOUND, false, &m))?;
    let mime = if vanban_model::picture::is_jpeg(&data) {
        "image/jpeg"
    } else {
        "image/png"
    };
    let mut r = data.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_plain_ascii() {
        assert_eq!(safe_stem("Quang cảnh Hội nghị.JPG"), "quang-canh-hoi-nghi");
        assert_eq!(safe_stem("../../etc/passwd"), "anh");
        assert_eq!(safe_stem("a/../b.png"), "ab");
        assert_eq!(safe_stem("đ.png"), "d");
        assert_eq!(safe_stem("....png"), "anh");
    }
}

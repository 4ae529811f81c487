//! The HTML pages (Tera, autoescaped), the embedded script, style sheet and fonts.

use std::sync::Arc;

use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use tera::{Context, Tera};

use super::security::refuse;
use super::{AppState, folder};

const TEMPLATES: &[(&str, &str)] = &[
    (
        "trang-chu.html",
        include_str!("../../assets/web/trang-chu.html"),
    ),
    ("ho-so.html", include_str!("../../assets/web/ho-so.html")),
];

/// Static files: name, content type, bytes.
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../../assets/web/app.js"),
    ),
    (
        "trang-chu.js",
        "text/javascript; charset=utf-8",
        include_str!("../../assets/web/trang-chu.js"),
    ),
    (
        "kieu.css",
        "text/css; charset=utf-8",
        include_str!("../../assets/web/kieu.css"),
    ),
];

pub struct Pages {
    tera: Tera,
}

impl Pages {
    pub fn new() -> Result<Pages, String> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        for (name, src) in TEMPLATES {
            tera.add_raw_template(name, src)
                .map_err(|e| format!("mẫu trang {name}: {e}"))?;
        }
        Ok(Pages { tera })
    }

    fn render(&self, name: &str, ctx: &Context) -> Response {
        match self.tera.render(name, ctx) {
            Ok(html) => Html(html).into_response(),
            // Built-in pages fail only through a bug of ours: the engine's English goes
            // to the terminal for whoever reports it, the browser gets Vietnamese.
            Err(e) => {
                eprintln!("vanban serve: trang {name}: {e:?}");
                refuse(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    false,
                    &format!("không dựng được trang {name}; đây là lỗi của vanban, xin báo lại"),
                )
            }
        }
    }
}

/// A whole error page, in Vietnamese, without the template engine (it must never fail).
pub fn error_page(status: StatusCode, message: &str) -> String {
    let esc = vanban_model::xml::escape;
    format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Lỗi {code} — vanban</title>\
         <link rel=\"stylesheet\" href=\"/tai-nguyen/kieu.css\"></head><body><main class=\"loi-trang\">\
         <h1>Lỗi {code}</h1><p>{msg}</p><p><a href=\"/\">Về trang đầu</a></p></main></body></html>",
        code = status.as_u16(),
        msg = esc(message)
    )
}

#[derive(Serialize)]
struct Row {
    ten: String,
    /// The name percent-encoded for the form's address.
    lien_ket: String,
    trang_thai: &'static str,
    loi: usize,
    canh_bao: usize,
    ngay: String,
    khoi: String,
}

/// `GET /`: the records of the folder with their state, date and group.
pub async fn start(State(s): State<Arc<AppState>>) -> Response {
    let root = s.root.clone();
    let rows = tokio::task::spawn_blocking(move || {
        folder::list(&root)
            .into_iter()
            .map(|name| {
                let path = root.join(&name);
                let (loaded, ps) = match crate::record::load::load_file(&path) {
                    Ok((mut l, mut ps)) => {
                        l.file = name.clone();
                        ps.extend(crate::record::check::check(&l));
                        ps.extend(crate::assets::check_record_pictures(&l, None));
                        (Some(l), ps)
                    }
                    Err(ps) => (None, ps),
                };
                let loi = ps.iter().filter(|p| p.is_error()).count();
                let (ngay, khoi) = loaded
                    .map(|l| {
                        (
                            l.record
                                .hoi_nghi
                                .items
                                .iter()
                                .map(|m| m.ngay.clone())
                                .filter(|d| !d.is_empty())
                                .collect::<Vec<_>>()
                                .join(", "),
                            l.record.khoi.ten.clone(),
                        )
                    })
                    .unwrap_or_default();
                Row {
                    trang_thai: if loi > 0 {
                        "loi"
                    } else if ps.is_empty() {
                        "hop-le"
                    } else {
                        "canh-bao"
                    },
                    loi,
                    canh_bao: ps.len() - loi,
                    lien_ket: super::api::url_path(&name).replace('/', "%2F"),
                    ten: name,
                    ngay,
                    khoi,
                }
            })
            .collect::<Vec<_>>()
    })
    .await
    .unwrap_or_default();
    let mut ctx = Context::new();
    ctx.insert("csrf", &s.security.csrf);
    ctx.insert("thu_muc", &s.root.display().to_string());
    ctx.insert("ho_so", &rows);
    let starters: Vec<serde_json::Value> = crate::starters::STARTERS
        .iter()
        .map(|s| serde_json::json!({ "id": s.id, "ten": s.name }))
        .collect();
    ctx.insert("mau", &starters);
    s.pages.render("trang-chu.html", &ctx)
}

/// `GET /ho-so/{ten}`: the form page; the script loads the record and the form spec.
pub async fn record(State(s): State<Arc<AppState>>, UrlPath(ten): UrlPath<String>) -> Response {
    if let Err(m) = folder::resolve(&s.root, &ten) {
        return refuse(StatusCode::BAD_REQUEST, false, &m);
    }
    if !s.root.join(&ten).is_file() {
        return refuse(
            StatusCode::NOT_FOUND,
            false,
            &format!("Không có hồ sơ «{ten}» trong thư mục."),
        );
    }
    let mut ctx = Context::new();
    ctx.insert("csrf", &s.security.csrf);
    ctx.insert("ten", &ten);
    s.pages.render("ho-so.html", &ctx)
}

/// `GET /tai-nguyen/{tep}`: the embedded script and style sheet.
pub async fn asset(UrlPath(tep): UrlPath<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == tep) {
        Some((_, mime, body)) => {
            let mut r = (*body).into_response();
            r.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            r
        }
        None => not_found().await,
    }
}

/// `GET /phong/{kieu}`: the embedded Liberation Serif faces the layout measures with, so
/// the preview's glyphs have the PDF's advances.
pub async fn font(UrlPath(kieu): UrlPath<String>) -> Response {
    use vanban_font::Variant;
    let v = match kieu.as_str() {
        "thuong.ttf" => Variant::Regular,
        "dam.ttf" => Variant::Bold,
        "nghieng.ttf" => Variant::Italic,
        "dam-nghieng.ttf" => Variant::BoldItalic,
        _ => return not_found().await,
    };
    let data = vanban_font::Fonts::embedded().face(v).data();
    let mut r = data.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("font/ttf"));
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("max-age=86400"),
    );
    r
}

pub async fn not_found() -> Response {
    refuse(StatusCode::NOT_FOUND, false, "Không có trang này.")
}

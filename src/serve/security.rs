//! What keeps `vanban serve` safe by default (docs/serve.md, "An toàn"):
//!
//! - the Host header must name the served address (an IP literal or `localhost`), so a
//!   page whose domain was rebound to 127.0.0.1 cannot read or change anything;
//! - state-changing requests carry the page's random token in [`CSRF_HEADER`] and, when
//!   the browser sends one, an Origin equal to the served address;
//! - off loopback, every request needs the random access token printed at start (`?khoa=`
//!   once, then a strict same-site cookie);
//! - names of records and pictures are plain names inside the folder ([`record_name`],
//!   [`relative_path`]);
//! - every error is answered in Vietnamese ([`vietnamese_errors`]).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;

/// The header carrying the page's token on state-changing requests.
pub const CSRF_HEADER: &str = "x-vanban-token";
/// The cookie that carries the access token after the first visit.
pub const ACCESS_COOKIE: &str = "vanban_khoa";
/// Marks a response whose body is already ours (in Vietnamese).
pub const OURS_HEADER: &str = "x-vanban-vi";
/// Longest record file name, in characters.
pub const MAX_NAME_CHARS: usize = 120;

pub struct Security {
    pub addr: SocketAddr,
    /// Sent in every page; required on POST, PUT, PATCH and DELETE.
    pub csrf: String,
    /// Off loopback only.
    pub access_token: Option<String>,
}

/// 32 random bytes as hex.
fn random_token() -> Result<String, String> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b)
        .map_err(|e| format!("không lấy được số ngẫu nhiên của hệ thống: {e}"))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

impl Security {
    pub fn new(addr: SocketAddr) -> Result<Security, String> {
        Ok(Security {
            addr,
            csrf: random_token()?,
            access_token: if addr.ip().is_loopback() {
                None
            } else {
                Some(random_token()?)
            },
        })
    }

    /// Whether a Host header names this server: the port must be ours and the name an IP
    /// literal we listen on, or `localhost` when we listen on loopback. Domain names are
    /// refused: that is what defeats DNS rebinding.
    pub fn host_ok(&self, host: &str) -> bool {
        let Some((name, port)) = host.rsplit_once(':') else {
            return false;
        };
        if port.parse::<u16>().ok() != Some(self.addr.port()) {
            return false;
        }
        let ip = self.addr.ip();
        let listening_all = ip.is_unspecified();
        if name.eq_ignore_ascii_case("localhost") {
            return ip.is_loopback() || listening_all;
        }
        let literal = name
            .strip_prefix('[')
            .and_then(|n| n.strip_suffix(']'))
            .unwrap_or(name);
        match literal.parse::<IpAddr>() {
            Ok(asked) => listening_all || asked == ip || (ip.is_loopback() && asked.is_loopback()),
            Err(_) => false,
        }
    }

    fn access_ok(&self, req: &Request) -> Result<bool, ()> {
        let Some(token) = &self.access_token else {
            return Ok(false);
        };
        let from_query = req.uri().query().is_some_and(|q| {
            q.split('&')
                .any(|kv| kv.strip_prefix("khoa=").is_some_and(|v| eq(v, token)))
        });
        if from_query {
            return Ok(true);
        }
        let from_cookie = req
            .headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|kv| kv.trim().split_once('='))
            .any(|(k, v)| k == ACCESS_COOKIE && eq(v, token));
        if from_cookie { Ok(false) } else { Err(()) }
    }
}

/// Compares tokens in time independent of where they differ.
fn eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// A refusal in Vietnamese: JSON for the API, a page for the rest.
pub fn refuse(status: StatusCode, api: bool, message: &str) -> Response {
    let mut r = if api {
        (status, axum::Json(serde_json::json!({ "loi": message }))).into_response()
    } else {
        (
            status,
            axum::response::Html(super::pages::error_page(status, message)),
        )
            .into_response()
    };
    r.headers_mut()
        .insert(OURS_HEADER, HeaderValue::from_static("1"));
    r
}

/// The checks every request passes before any handler.
pub async fn guard(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let sec = &state.security;
    let api = req.uri().path().starts_with("/api/");
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !sec.host_ok(host) {
        return refuse(
            StatusCode::FORBIDDEN,
            api,
            "Địa chỉ máy chủ trong yêu cầu (Host) không phải địa chỉ vanban đang phục vụ; yêu cầu bị từ chối để chống giả mạo tên miền.",
        );
    }
    let set_cookie = match sec.access_ok(&req) {
        Ok(from_query) => from_query,
        Err(()) => {
            return refuse(
                StatusCode::UNAUTHORIZED,
                api,
                "Cần mã truy cập: mở địa chỉ có «?khoa=…» mà vanban serve in ra khi khởi động.",
            );
        }
    };
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes {
        let origin_ok = match req.headers().get(header::ORIGIN) {
            None => true,
            Some(o) => o
                .to_str()
                .ok()
                .and_then(|o| o.strip_prefix("http://"))
                .is_some_and(|h| h == host),
        };
        let site_ok = req
            .headers()
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_none_or(|v| v == "same-origin" || v == "none");
        let token_ok = req
            .headers()
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| eq(v, &sec.csrf));
        if !origin_ok || !site_ok {
            return refuse(
                StatusCode::FORBIDDEN,
                api,
                "Yêu cầu đến từ một trang khác; vanban chỉ nhận thay đổi từ chính trang của mình.",
            );
        }
        if !token_ok {
            return refuse(
                StatusCode::FORBIDDEN,
                api,
                "Thiếu mã bảo vệ của trang (hoặc mã đã cũ vì vanban serve đã khởi động lại); hãy tải lại trang.",
            );
        }
    }
    let mut resp = next.run(req).await;
    if set_cookie && let Some(t) = &sec.access_token {
        let cookie = format!("{ACCESS_COOKIE}={t}; HttpOnly; SameSite=Strict; Path=/");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            resp.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    let h = resp.headers_mut();
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
    resp
}

/// Replaces the body of any error not already ours (axum's rejections: a body too large,
/// a path that does not parse, a method not allowed) with Vietnamese words.
pub async fn vietnamese_errors(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let resp = next.run(req).await;
    let status = resp.status();
    if !(status.is_client_error() || status.is_server_error())
        || resp.headers().contains_key(OURS_HEADER)
    {
        return resp;
    }
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "Dữ liệu gửi lên quá lớn.",
        StatusCode::METHOD_NOT_ALLOWED => "Địa chỉ này không nhận kiểu yêu cầu đó.",
        StatusCode::NOT_FOUND => "Không có trang này.",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "Kiểu dữ liệu gửi lên không đúng.",
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "Yêu cầu không đúng dạng.",
        s if s.is_server_error() => "Máy chủ gặp lỗi khi xử lý yêu cầu; hãy thử lại.",
        _ => "Yêu cầu bị từ chối.",
    };
    let mut r = refuse(status, api, message);
    if status == StatusCode::METHOD_NOT_ALLOWED
        && let Some(allow) = resp.headers().get(header::ALLOW)
    {
        r.headers_mut().insert(header::ALLOW, allow.clone());
    }
    r
}

/// A record's file name as the folder holds it: a plain name (no folder, not hidden,
/// no control characters), ending in `.yaml` or `.yml`; a name without either gets
/// `.yaml`. `Err` says why in Vietnamese.
pub fn record_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("tên hồ sơ đang trống".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!("tên hồ sơ dài quá {MAX_NAME_CHARS} ký tự"));
    }
    if name.starts_with('.') {
        return Err("tên hồ sơ không được bắt đầu bằng dấu chấm".into());
    }
    if name.chars().any(|c| {
        c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
    }) {
        return Err("tên hồ sơ không được chứa / \\ : * ? \" < > | hay ký tự điều khiển".into());
    }
    let lower = name.to_lowercase();
    let name = if lower.ends_with(".yaml") || lower.ends_with(".yml") {
        name.to_string()
    } else {
        format!("{name}.yaml")
    };
    if name.len() <= ".yaml".len() || name.to_lowercase() == ".yml" {
        return Err("tên hồ sơ đang trống".into());
    }
    Ok(name)
}

/// A path inside the folder, given relative with `/`: only plain components (no `..`,
/// no `.`, not absolute, none hidden).
pub fn relative_path(rel: &str) -> Result<std::path::PathBuf, String> {
    if rel.is_empty() || rel.starts_with('/') || rel.contains('\\') || rel.contains('\0') {
        return Err("đường dẫn không hợp lệ".into());
    }
    let mut out = std::path::PathBuf::new();
    for part in rel.split('/') {
        if part.is_empty() || part.starts_with('.') || part.contains(':') {
            return Err(format!(
                "đường dẫn «{rel}» không hợp lệ: chỉ nhận đường dẫn trong thư mục hồ sơ"
            ));
        }
        out.push(part);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sec(addr: &str) -> Security {
        Security::new(addr.parse().unwrap()).unwrap()
    }

    #[test]
    fn host_must_name_the_served_address() {
        let s = sec("127.0.0.1:8686");
        assert!(s.access_token.is_none());
        for ok in [
            "127.0.0.1:8686",
            "localhost:8686",
            "LOCALHOST:8686",
            "[::1]:8686",
        ] {
            assert!(s.host_ok(ok), "{ok}");
        }
        for bad in [
            "evil.example:8686",
            "127.0.0.1:8687",
            "127.0.0.1",
            "",
            "localhost.evil.example:8686",
            "10.0.0.1:8686",
        ] {
            assert!(!s.host_ok(bad), "{bad}");
        }
        let all = sec("0.0.0.0:9000");
        assert!(all.access_token.is_some());
        assert!(all.host_ok("192.168.1.5:9000"));
        assert!(!all.host_ok("rebound.example:9000"));
    }

    #[test]
    fn names_stay_inside_the_folder() {
        assert_eq!(record_name("hoi-nghi").unwrap(), "hoi-nghi.yaml");
        assert_eq!(
            record_name("Hội nghị 2024.yml").unwrap(),
            "Hội nghị 2024.yml"
        );
        for bad in [
            "",
            "../x.yaml",
            "a/b.yaml",
            ".an.yaml",
            "a\\b",
            "x\n.yaml",
            ".yaml",
        ] {
            assert!(record_name(bad).is_err(), "{bad:?}");
        }
        assert!(relative_path("anh/a.png").is_ok());
        for bad in [
            "../a.png",
            "/etc/passwd",
            "anh/../../a",
            "a//b",
            ".lich-su/x",
            "c:/x",
        ] {
            assert!(relative_path(bad).is_err(), "{bad}");
        }
    }
}

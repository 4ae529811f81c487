//! `vanban serve`: the whole job in a browser, for people who will never write YAML.
//!
//! A local web application on a folder of records: the start page lists them, the form
//! (generated from the record's JSON Schema, [`form`]) edits one, the same checks as
//! `vanban check` run as the user types, and the pages of a document are drawn beside the
//! form from the layout the PDF is drawn from (`vanban_pdf::svg`). Everything it serves is
//! embedded in the binary. Security model: docs/serve.md and [`security`].

pub mod api;
pub mod folder;
pub mod form;
pub mod pages;
pub mod security;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::render::Engine;
use crate::templates::Templates;

/// Largest request body besides uploads: a record is at most 5 MB of YAML
/// (`MAX_RECORD_BYTES`); its JSON with the request's other fields fits in 6 MB.
pub const MAX_BODY_BYTES: usize = 6 * 1024 * 1024;
/// Largest upload: a picture (`assets::MAX_PICTURE_BYTES`).
pub const MAX_UPLOAD_BYTES: usize = crate::assets::MAX_PICTURE_BYTES;
/// The default port; when taken, the next free one up to [`PORT_TRIES`] further.
pub const DEFAULT_PORT: u16 = 8686;
pub const PORT_TRIES: u16 = 20;

/// What `vanban serve` was asked for.
#[derive(Debug, Clone)]
pub struct Config {
    pub dir: PathBuf,
    pub host: IpAddr,
    /// 0 lets the system choose (tests).
    pub port: u16,
}

/// Shared by every request.
pub struct AppState {
    /// The served folder, canonical.
    pub root: PathBuf,
    pub engine: Engine,
    pub security: security::Security,
    /// Saving, renaming and deleting one at a time: the "changed on disk" check and the
    /// write must not interleave with another request's.
    pub files: tokio::sync::Mutex<()>,
    pub pages: pages::Pages,
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    /// The address to open: with the access token when one is needed.
    pub url: String,
    /// Required on any address but loopback; `None` on loopback.
    pub access_token: Option<String>,
    pub shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    pub thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Binds `port`, or the next free one (only when a port was asked for; 0 is any).
fn bind(host: IpAddr, port: u16) -> Result<TcpListener, String> {
    let tries = if port == 0 { 1 } else { PORT_TRIES };
    let mut last = None;
    for p in (0..tries).filter_map(|i| port.checked_add(i)) {
        match TcpListener::bind(SocketAddr::new(host, p)) {
            Ok(l) => return Ok(l),
            Err(e) => last = Some(e),
        }
    }
    Err(format!(
        "không mở được cổng {port} (và {} cổng sau nó) trên {host}: {}",
        tries - 1,
        last.map(|e| crate::output::io_vi(&e)).unwrap_or_default()
    ))
}

/// Starts the server on its own thread and runtime; it runs until [`Running`] is dropped.
pub fn spawn(config: Config) -> Result<Running, String> {
    let root = std::fs::canonicalize(&config.dir)
        .map_err(|e| {
            format!(
                "không mở được thư mục {}: {}",
                config.dir.display(),
                crate::output::io_vi(&e)
            )
        })
        .and_then(|r| {
            if r.is_dir() {
                Ok(r)
            } else {
                Err(format!("{} không phải thư mục", config.dir.display()))
            }
        })?;
    let templates = Templates::load(None)
        .map_err(|ps| ps.iter().map(|p| p.render()).collect::<Vec<_>>().join("\n"))?;
    let listener = bind(config.host, config.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| crate::output::io_vi(&e))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| crate::output::io_vi(&e))?;
    let security = security::Security::new(addr)?;
    let access_token = security.access_token.clone();
    let shown_host = match addr.ip() {
        IpAddr::V4(v) if v.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(v) if v.is_unspecified() => "[::1]".to_string(),
        IpAddr::V6(v) => format!("[{v}]"),
        ip => ip.to_string(),
    };
    let url = match &access_token {
        Some(t) => format!("http://{shown_host}:{}/?khoa={t}", addr.port()),
        None => format!("http://{shown_host}:{}/", addr.port()),
    };
    let state = Arc::new(AppState {
        root,
        engine: Engine {
            templates,
            template_dir: None,
            fonts: vanban_font::Fonts::embedded(),
            anh_dir: None,
        },
        security,
        files: tokio::sync::Mutex::new(()),
        pages: pages::Pages::new()?,
    });
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Result<(), String>>();
    let thread = std::thread::Builder::new()
        .name("vanban-serve".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(crate::output::io_vi(&e)));
                    return;
                }
            };
            rt.block_on(async move {
                let listener = match tokio::net::TcpListener::from_std(listener) {
                    Ok(l) => l,
                    Err(e) => {
                        let _ = ready_tx.send(Err(crate::output::io_vi(&e)));
                        return;
                    }
                };
                let _ = ready_tx.send(Ok(()));
                let app = router(state);
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await;
            });
        })
        .map_err(|e| crate::output::io_vi(&e))?;
    ready_rx
        .recv()
        .map_err(|_| "máy chủ dừng ngay khi khởi động".to_string())??;
    Ok(Running {
        addr,
        url,
        access_token,
        shutdown: Some(tx),
        thread: Some(thread),
    })
}

/// Every route. Security layers wrap them all (outermost last added).
pub fn router(state: Arc<AppState>) -> Router {
    let upload = Router::new()
        .route("/api/anh", post(api::upload))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES));
    Router::new()
        .route("/", get(pages::start))
        .route("/ho-so/{ten}", get(pages::record))
        .route("/tai-nguyen/{tep}", get(pages::asset))
        .route("/phong/{kieu}", get(pages::font))
        .route("/tep/{*duong_dan}", get(api::picture))
        .route("/suc-khoe", get(|| async { "ổn" }))
        .route("/api/bieu-mau", get(api::form_spec))
        .route("/api/ho-so", post(api::create))
        .route("/api/ho-so/{ten}", get(api::open).delete(api::delete))
        .route("/api/ho-so/{ten}/nhan-ban", post(api::duplicate))
        .route("/api/ho-so/{ten}/doi-ten", post(api::rename))
        .route("/api/ho-so/{ten}/luu", post(api::save))
        .route("/api/kiem-tra", post(api::check))
        .route("/api/xem-truoc", post(api::preview))
        .route("/api/tai-ve", post(api::download))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .merge(upload)
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .layer(axum::middleware::from_fn(security::vietnamese_errors))
        .with_state(state)
}

/// `vanban serve`: starts, prints the address, opens the browser when asked, and serves
/// until the process is stopped.
pub fn run(config: Config, open: bool) -> Result<(), String> {
    let dir = config.dir.clone();
    let running = spawn(config)?;
    eprintln!(
        "vanban serve: đang phục vụ thư mục {} tại {}",
        dir.display(),
        running.url
    );
    if let Some(t) = &running.access_token {
        eprintln!(
            "Địa chỉ này mở ra ngoài máy; chỉ ai có mã truy cập {t} (đã kèm trong địa chỉ trên) mới vào được."
        );
    }
    eprintln!("Mở địa chỉ trên bằng trình duyệt. Nhấn Ctrl+C để dừng.");
    if open {
        open_browser(&running.url);
    }
    // Serve until killed (Ctrl+C ends the process).
    loop {
        std::thread::park();
    }
}

/// Opens the default browser; says so softly when it cannot.
fn open_browser(url: &str) {
    use std::process::{Command, Stdio};
    let mut cmd = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        Command::new("xdg-open")
    };
    // The opener's own messages are English; ours says what matters.
    let result = cmd
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match result {
        // Reaped on its own thread: the opener exits at once, the server goes on.
        Ok(mut child) => {
            std::thread::spawn(move || {
                if !child.wait().is_ok_and(|s| s.success()) {
                    eprintln!("Không tự mở được trình duyệt; hãy mở địa chỉ trên bằng tay.");
                }
            });
        }
        Err(_) => eprintln!("Không tự mở được trình duyệt; hãy mở địa chỉ trên bằng tay."),
    }
}

//! `vanban serve` under load and abuse, on loopback, with bounded loops: many clients
//! previewing at once all get correct pages; hostile and malformed requests are each
//! refused with the right status and a Vietnamese body; the server stays healthy.
//!
//! Requests are written by hand over TCP so that malformed ones can be sent at all.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

struct Reply {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends raw bytes, reads the whole answer (the connection is closed after it).
fn raw(addr: SocketAddr, request: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    // A refused upload may close before all of it is sent; the answer still counts.
    let _ = s.write_all(request);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let split = out
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP answer: {:?}", String::from_utf8_lossy(&out)));
    let head = String::from_utf8_lossy(&out[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut body = out[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers: head,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let n = usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + n]);
        b = &b[eol + 2 + n + 2..];
    }
}

struct Client {
    addr: SocketAddr,
    host: String,
    csrf: String,
}

impl Client {
    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.host,
            body.len()
        );
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        let mut bytes = req.into_bytes();
        bytes.extend_from_slice(body);
        raw(self.addr, &bytes)
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path, &[], b"")
    }

    fn post(&self, path: &str, body: &[u8]) -> Reply {
        self.request(
            "POST",
            path,
            &[
                ("X-Vanban-Token", &self.csrf),
                ("Content-Type", "application/json"),
                ("Origin", &format!("http://{}", self.host)),
            ],
            body,
        )
    }
}

fn start() -> (vanban::serve::Running, Client, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "vanban-serve-abuse-{}-{}",
        std::process::id(),
        std::thread::current()
            .name()
            .unwrap_or("t")
            .replace("::", "-")
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("anh")).unwrap();
    std::fs::write(
        dir.join("kontum.yaml"),
        include_str!("../fixtures/kontum-2024.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("anh/that.png"),
        include_bytes!("data/quang-canh.png"),
    )
    .unwrap();
    let running = vanban::serve::spawn(vanban::serve::Config {
        dir: dir.clone(),
        host: "127.0.0.1".parse().unwrap(),
        port: 0,
    })
    .unwrap();
    let addr = running.addr;
    let host = format!("127.0.0.1:{}", addr.port());
    let page = Client {
        addr,
        host: host.clone(),
        csrf: String::new(),
    }
    .get("/ho-so/kontum.yaml")
    .text();
    let csrf = page
        .split("name=\"vanban-csrf\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the page carries the token")
        .to_string();
    (running, Client { addr, host, csrf }, dir)
}

fn preview_body(c: &Client) -> Vec<u8> {
    let open: serde_json::Value =
        serde_json::from_slice(&c.get("/api/ho-so/kontum.yaml").body).unwrap();
    serde_json::to_vec(&serde_json::json!({
        "ten": "kontum.yaml",
        "ho_so": open["ho_so"],
        "van_ban": "giao-uoc",
    }))
    .unwrap()
}

#[test]
fn fifty_clients_previewing_at_once_all_get_the_pages() {
    let (_server, c, dir) = start();
    let body = preview_body(&c);
    let c = std::sync::Arc::new(c);
    let body = std::sync::Arc::new(body);
    let threads: Vec<_> = (0..50)
        .map(|_| {
            let (c, body) = (c.clone(), body.clone());
            std::thread::spawn(move || {
                for _ in 0..20 {
                    let r = c.post("/api/xem-truoc", &body);
                    assert_eq!(r.status, 200, "{}", r.text());
                    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
                    let pages = v["van_ban"][0]["trang"].as_array().unwrap();
                    assert_eq!(pages.len(), 3, "the Kon Tum pledge has three pages");
                    assert!(pages[0].as_str().unwrap().contains("BẢN GIAO ƯỚC THI ĐUA"));
                    assert_eq!(v["tom_tat"]["loi"], 0);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("a client saw a wrong answer");
    }
    assert_eq!(c.get("/suc-khoe").status, 200);
    let _ = std::fs::remove_dir_all(dir);
}

/// Asserts the status and that the body is ours (Vietnamese), not a framework's English.
fn refused(r: &Reply, status: u16, what: &str) {
    assert_eq!(r.status, status, "{what}: {}\n{}", r.headers, r.text());
    let t = r.text();
    assert!(
        t.contains("\"loi\"") || t.contains("<html lang=\"vi\">"),
        "{what}: not a Vietnamese refusal: {t}"
    );
}

#[test]
fn hostile_and_malformed_requests_are_refused_and_the_server_stays_healthy() {
    let (_server, c, dir) = start();
    let outside = dir.parent().unwrap().join("ngoai-thu-muc.yaml");
    std::fs::write(&outside, "the_thuc: dang\n").unwrap();
    let good = preview_body(&c);
    let mut count = 0;

    // Bad JSON, wrong shapes, unknown fields.
    for body in [
        &b"{"[..],
        b"null",
        b"[]",
        b"{\"ten\": 5}",
        b"{\"ten\":\"a.yaml\",\"ho_so\":{\"thanh_vien\":\"x\"}}",
        b"{\"ten\":\"a.yaml\",\"ho_so\":{},\"la\":1}",
        b"\xff\xfe\x00",
        b"{\"ten\":\"a.yaml\",\"ho_so\":{\"giao_uoc\":{\"nam\":\"hai\"}}}",
    ] {
        for path in [
            "/api/kiem-tra",
            "/api/xem-truoc",
            "/api/tai-ve",
            "/api/ho-so",
            "/api/ho-so/kontum.yaml/luu",
        ] {
            let r = c.post(path, body);
            refused(
                &r,
                400,
                &format!("{path} {:?}", String::from_utf8_lossy(body)),
            );
            count += 1;
        }
    }

    // Huge bodies: refused before they are read whole.
    let huge = vec![b' '; vanban::serve::MAX_BODY_BYTES + 1];
    for path in [
        "/api/kiem-tra",
        "/api/xem-truoc",
        "/api/tai-ve",
        "/api/ho-so/kontum.yaml/luu",
    ] {
        refused(&c.post(path, &huge), 413, path);
        count += 1;
    }
    let big_upload = vec![0u8; vanban::serve::MAX_UPLOAD_BYTES + 1];
    refused(&c.post("/api/anh?ten=a.png", &big_upload), 413, "upload");
    // Not a picture by content, whatever the name says.
    refused(
        &c.post("/api/anh?ten=a.png", b"GIF89a not a png at all"),
        415,
        "fake picture",
    );
    count += 2;

    // Path traversal in every path parameter.
    let names = [
        "..%2Fngoai-thu-muc.yaml",
        "..%2F..%2Fetc%2Fpasswd",
        "%2Fetc%2Fpasswd",
        ".lich-su",
        "..",
        "a%5C..%5Cb.yaml",
        "%00.yaml",
        ".thung-rac%2Fx.yaml",
    ];
    for n in names {
        for (method, path) in [
            ("GET", format!("/ho-so/{n}")),
            ("GET", format!("/api/ho-so/{n}")),
            ("DELETE", format!("/api/ho-so/{n}")),
            ("POST", format!("/api/ho-so/{n}/luu")),
            ("POST", format!("/api/ho-so/{n}/doi-ten")),
            ("POST", format!("/api/ho-so/{n}/nhan-ban")),
        ] {
            let body: &[u8] = match path.rsplit('/').next() {
                Some("luu") => b"{\"ho_so\":{},\"bam\":\"\"}",
                Some("doi-ten") => b"{\"ten_moi\":\"moi.yaml\"}",
                _ => b"{}",
            };
            let r = c.request(
                method,
                &path,
                &[
                    ("X-Vanban-Token", &c.csrf),
                    ("Content-Type", "application/json"),
                ],
                body,
            );
            assert!(
                matches!(r.status, 400 | 404),
                "{method} {path}: {} {}",
                r.status,
                r.text()
            );
            assert!(!r.text().contains("the_thuc: dang"), "{path} read outside");
            count += 1;
        }
        // Renaming to a name outside the folder.
        let r = c.post(
            "/api/ho-so/kontum.yaml/doi-ten",
            serde_json::json!({
                "ten_moi": n.replace("%2F", "/").replace("%5C", "\\").replace("%00", "\0")
            })
            .to_string()
            .as_bytes(),
        );
        refused(&r, 400, &format!("rename to {n}"));
        count += 1;
    }
    for p in [
        "/tep/..%2F..%2Fetc%2Fpasswd",
        "/tep/%2Fetc%2Fpasswd",
        "/tep/../ngoai-thu-muc.yaml",
        "/tep/anh/..%2F..%2Fngoai-thu-muc.yaml",
        "/tep/.lich-su/x.png",
        "/tep/kontum.yaml",
        "/tai-nguyen/..%2F..%2FCargo.toml",
        "/phong/..%2Fthuong.ttf",
    ] {
        let r = c.get(p);
        assert!(matches!(r.status, 400 | 404), "{p}: {}", r.status);
        assert!(!r.text().contains("the_thuc"), "{p} leaked a file");
        count += 1;
    }
    // A symbolic link inside the folder that points out of it.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside, dir.join("lien-ket.yaml")).unwrap();
        refused(&c.get("/api/ho-so/lien-ket.yaml"), 400, "symlink out");
        count += 1;
    }
    // The picture inside the folder is served.
    assert_eq!(c.get("/tep/anh/that.png").status, 200);
    // A real picture uploads under a plain name inside DIR/anh, never over another.
    let png = include_bytes!("data/quang-canh.png");
    for want in [
        "anh/quang-canh-hoi-nghi.png",
        "anh/quang-canh-hoi-nghi-2.png",
    ] {
        let r = c.post(
            "/api/anh?ten=Quang%20c%E1%BA%A3nh%20H%E1%BB%99i%20ngh%E1%BB%8B.png",
            png,
        );
        assert_eq!(r.status, 201, "{}", r.text());
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["tep"], want);
        assert_eq!(std::fs::read(dir.join(want)).unwrap(), png);
    }

    // Wrong Host (DNS rebinding), for reads and writes.
    for host in [
        "evil.example:80",
        "evil.example",
        "127.0.0.1:1",
        "localhost.evil.example",
        "",
    ] {
        let bad = Client {
            addr: c.addr,
            host: host.to_string(),
            csrf: c.csrf.clone(),
        };
        refused(&bad.get("/api/ho-so/kontum.yaml"), 403, host);
        refused(&bad.post("/api/xem-truoc", &good), 403, host);
        count += 2;
    }
    // Missing or wrong token; cross-origin posts.
    for (headers, what) in [
        (vec![("Content-Type", "application/json")], "no token"),
        (vec![("X-Vanban-Token", "0000")], "wrong token"),
        (
            vec![
                ("X-Vanban-Token", c.csrf.as_str()),
                ("Origin", "http://evil.example"),
            ],
            "cross origin",
        ),
        (
            vec![
                ("X-Vanban-Token", c.csrf.as_str()),
                ("Sec-Fetch-Site", "cross-site"),
            ],
            "cross site",
        ),
        (
            vec![("X-Vanban-Token", c.csrf.as_str()), ("Origin", "null")],
            "opaque origin",
        ),
    ] {
        for (method, path) in [
            ("POST", "/api/xem-truoc"),
            ("POST", "/api/ho-so"),
            ("DELETE", "/api/ho-so/kontum.yaml"),
            ("POST", "/api/ho-so/kontum.yaml/luu"),
            ("POST", "/api/anh?ten=a.png"),
        ] {
            refused(
                &c.request(method, path, &headers, &good),
                403,
                &format!("{what} {method} {path}"),
            );
            count += 1;
        }
    }
    // Wrong methods, unknown pages, garbage requests.
    refused(
        &c.request(
            "PUT",
            "/api/xem-truoc",
            &[("X-Vanban-Token", &c.csrf)],
            b"{}",
        ),
        405,
        "PUT",
    );
    refused(&c.get("/khong-co"), 404, "unknown page");
    refused(&c.get("/api/khong-co"), 404, "unknown api");
    count += 3;
    for junk in [
        &b"GARBAGE\r\n\r\n"[..],
        b"GET /\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n",
        b"\x00\x01\x02\x03\r\n\r\n",
    ] {
        let mut s = TcpStream::connect(c.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let _ = s.write_all(junk);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        if !out.is_empty() {
            let head = String::from_utf8_lossy(&out);
            assert!(head.starts_with("HTTP/1.1 4"), "{head}");
        }
        count += 1;
    }
    assert!(count >= 150, "{count} hostile requests");

    // Still healthy, and nothing was changed or destroyed.
    assert_eq!(c.get("/suc-khoe").status, 200);
    let r = c.post("/api/xem-truoc", &good);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        std::fs::read_to_string(dir.join("kontum.yaml")).unwrap(),
        include_str!("../fixtures/kontum-2024.yaml")
    );
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "the_thuc: dang\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&outside);
}

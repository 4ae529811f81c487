//! Preview latency of `vanban serve`: starts the server on a temporary folder holding the
//! Kon Tum fixture and measures `POST /api/xem-truoc` (the pledge) at 1 and 8 concurrent
//! clients, each request on a fresh connection as the browser's fetch may be. Prints the
//! median and p95. Not a test: run it on a quiet machine, in release:
//!
//! ```sh
//! cargo run --release --example serve_latency [-- REQUESTS_PER_CLIENT]
//! ```

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn post(addr: SocketAddr, host: &str, csrf: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(addr).expect("connects");
    let head = format!(
        "POST /api/xem-truoc HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/json\r\nX-Vanban-Token: {csrf}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let status = String::from_utf8_lossy(&out[..12.min(out.len())])
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, out)
}

fn get(addr: SocketAddr, host: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out.split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let per_client: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let dir = std::env::temp_dir().join(format!("vanban-serve-latency-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("kontum.yaml"),
        include_str!("../fixtures/kontum-2024.yaml"),
    )
    .unwrap();
    let server = vanban::serve::spawn(vanban::serve::Config {
        dir: dir.clone(),
        host: "127.0.0.1".parse().unwrap(),
        port: 0,
    })
    .expect("starts");
    let addr = server.addr;
    let host = format!("127.0.0.1:{}", addr.port());
    let page = get(addr, &host, "/ho-so/kontum.yaml");
    let csrf = page
        .split("name=\"vanban-csrf\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let open: serde_json::Value =
        serde_json::from_str(&get(addr, &host, "/api/ho-so/kontum.yaml")).unwrap();
    let body = serde_json::to_vec(&serde_json::json!({
        "ten": "kontum.yaml", "ho_so": open["ho_so"], "van_ban": "giao-uoc"
    }))
    .unwrap();
    // Warm up: fonts, templates, allocator.
    for _ in 0..10 {
        assert_eq!(post(addr, &host, &csrf, &body).0, 200);
    }
    println!("Kon Tum pledge preview (3 pages, check included), {per_client} requests per client");
    for clients in [1usize, 8] {
        let started = Instant::now();
        let threads: Vec<_> = (0..clients)
            .map(|_| {
                let (host, csrf, body) = (host.clone(), csrf.clone(), body.clone());
                std::thread::spawn(move || {
                    (0..per_client)
                        .map(|_| {
                            let t = Instant::now();
                            let (status, _) = post(addr, &host, &csrf, &body);
                            assert_eq!(status, 200);
                            t.elapsed()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<Duration> = threads
            .into_iter()
            .flat_map(|t| t.join().unwrap())
            .collect();
        let wall = started.elapsed();
        all.sort();
        println!(
            "{clients} client(s): median {:.1} ms, p95 {:.1} ms, {} requests in {:.2} s ({:.0}/s)",
            percentile(&all, 0.5).as_secs_f64() * 1e3,
            percentile(&all, 0.95).as_secs_f64() * 1e3,
            all.len(),
            wall.as_secs_f64(),
            all.len() as f64 / wall.as_secs_f64()
        );
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

//! `vanban serve` in a real browser: chromium driven through chromedriver (WebDriver).
//! A record is created and filled through the form, a located error comes and goes, the
//! preview shows the pledge and follows a rename, the ZIP is downloaded and read back,
//! unsaved changes survive a reload, and the form works from the keyboard with every
//! control labelled. Screenshots go to target/serve-screenshots/.
//!
//! Needs Debian's `chromium` and `chromium-driver`. Without them the test is skipped
//! (loudly) unless `CI` is set, where it fails.

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value as Json, json};

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// chromedriver on a free port, ended (by its own id) when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_driver(driver: &Path) -> Driver {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let d = Driver { child, port };
    let until = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < until, "chromedriver did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    d
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

async fn shot(c: &Client, name: &str) {
    let dir = target_dir().join("serve-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Polls a JavaScript expression until it is truthy; returns its value.
/// Sends `keys` to whatever has the focus (WebDriver key codes: "\u{e004}" Tab,
/// "\u{e007}" Enter).
async fn press(c: &Client, keys: &str) {
    c.active_element()
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

/// Focuses the element of `selector` (a `querySelector` string), then sends `keys`.
async fn focus_and_press(c: &Client, selector: &str, keys: &str) {
    c.execute(
        &format!("document.querySelector('{selector}').focus()"),
        vec![],
    )
    .await
    .unwrap();
    press(c, keys).await;
}

async fn wait_js(c: &Client, expr: &str, what: &str) -> Json {
    let until = Instant::now() + Duration::from_secs(20);
    loop {
        let v = c
            .execute(&format!("return ({expr});"), vec![])
            .await
            .unwrap();
        if !(v.is_null() || v == json!(false) || v == json!("") || v == json!(0)) {
            return v;
        }
        assert!(
            Instant::now() < until,
            "timed out waiting for {what}: {expr}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Types into the control at `path` (replacing its text) as a user does, then leaves it.
async fn type_into(c: &Client, path: &str, text: &str) {
    let sel = format!("[data-path=\"{path}\"]:is(input,textarea)");
    let e = c.find(Locator::Css(&sel)).await.unwrap();
    e.clear().await.unwrap();
    if !text.is_empty() {
        e.send_keys(text).await.unwrap();
    }
    // Clearing sends no input event in every driver: make sure the form heard it.
    c.execute(
        "const e=document.querySelector(arguments[0]); e.dispatchEvent(new Event('input',{bubbles:true})); e.dispatchEvent(new Event('change',{bubbles:true}));",
        vec![json!(sel)],
    )
    .await
    .unwrap();
}

/// Sets a value the way a date picker does.
async fn set_value(c: &Client, path: &str, value: &str) {
    c.execute(
        "const e=document.querySelector('[data-path=\"'+arguments[0]+'\"]:is(input,select,textarea)'); e.value=arguments[1]; e.dispatchEvent(new Event('input',{bubbles:true})); e.dispatchEvent(new Event('change',{bubbles:true}));",
        vec![json!(path), json!(value)],
    )
    .await
    .unwrap();
}

async fn click(c: &Client, css: &str) {
    c.execute(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'center'})",
        vec![json!(css)],
    )
    .await
    .unwrap();
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// The text of the preview's pages.
const PREVIEW_TEXT: &str =
    "Array.from(document.querySelectorAll('#xem-truoc text')).map(t=>t.textContent).join(' ')";

fn upper(s: &str) -> String {
    s.to_uppercase()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_made_checked_previewed_downloaded_and_kept_in_the_browser() {
    let (Some(chromium), Some(driver)) = (which("chromium"), which("chromedriver")) else {
        if std::env::var_os("CI").is_some() {
            panic!("chromium or chromedriver missing: apt-get install chromium chromium-driver");
        }
        eprintln!(
            "\n!!! SKIPPED tests/serve_browser.rs: chromium and chromedriver are not installed; apt-get install chromium chromium-driver !!!\n"
        );
        return;
    };
    let tmp = std::env::temp_dir().join(format!("vanban-serve-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let dir = tmp.join("ho-so");
    let downloads = tmp.join("tai-ve");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&downloads).unwrap();
    let server = vanban::serve::spawn(vanban::serve::Config {
        dir: dir.clone(),
        host: "127.0.0.1".parse().unwrap(),
        port: 0,
    })
    .unwrap();
    let base = format!("http://127.0.0.1:{}", server.addr.port());
    let drv = start_driver(&driver);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1500,1000", "--lang=vi"],
            "prefs": {
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
            },
        }),
    );
    caps.insert("unhandledPromptBehavior".into(), json!("accept"));
    let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", drv.port))
        .await
        .expect("a WebDriver session");

    // The start page: create a record from the first starter.
    c.goto(&format!("{base}/")).await.unwrap();
    c.find(Locator::Id("ten-moi"))
        .await
        .unwrap()
        .send_keys("hoi-nghi-thu")
        .await
        .unwrap();
    shot(&c, "1-trang-chu").await;
    click(&c, "#form-tao button[type=submit]").await;
    wait_js(
        &c,
        "document.querySelector('[data-path=\"khoi.ten\"]')",
        "the form",
    )
    .await;
    assert!(dir.join("hoi-nghi-thu.yaml").is_file());

    // Group, place, date.
    type_into(&c, "khoi.ten", "Khối thi đua Thử nghiệm").await;
    type_into(&c, "hoi_nghi[0].dia_diem", "Hội trường Thử nghiệm").await;
    set_value(&c, "hoi_nghi[0].ngay", "2025-02-06").await;

    // Three members added, one removed.
    let added = [
        ("sxd", "Sở Xây dựng Thử"),
        ("scu", "Sở Sẽ Bị Xóa"),
        ("syt", "Sở Y tế Thử"),
    ];
    for (id, ten) in added {
        let before: usize = wait_js(&c, "(window.__n = document.querySelectorAll('[data-path^=\"thanh_vien[\"][data-path$=\"].ten\"]:is(input)').length) + 1", "members")
            .await
            .as_u64()
            .unwrap() as usize
            - 1;
        click(&c, "button[data-them=\"thanh_vien\"]").await;
        type_into(&c, &format!("thanh_vien[{before}].id"), id).await;
        type_into(&c, &format!("thanh_vien[{before}].ten"), ten).await;
    }
    let n: usize = wait_js(
        &c,
        "document.querySelectorAll('[data-path^=\"thanh_vien[\"][data-path$=\"].ten\"]:is(input)').length",
        "members",
    )
    .await
    .as_u64()
    .unwrap() as usize;
    assert_eq!(n, 6, "three starter members and three added");
    click(&c, "button[aria-label=\"Xóa Thành viên 5\"]").await;
    wait_js(
        &c,
        "document.querySelectorAll('[data-path^=\"thanh_vien[\"][data-path$=\"].ten\"]:is(input)').length === 5",
        "a member removed",
    )
    .await;

    // A pledge with two contents.
    type_into(
        &c,
        "giao_uoc.noi_dung[0]",
        "Thi đua hoàn thành xuất sắc nhiệm vụ chính trị năm 2025.",
    )
    .await;
    type_into(
        &c,
        "giao_uoc.noi_dung[1]",
        "Đẩy mạnh chuyển đổi số trong mọi cơ quan thành viên.",
    )
    .await;

    // The preview shows the pledge's pages with the members.
    let text = wait_js(
        &c,
        &format!(
            "document.getElementById('chon-van-ban').value==='giao-uoc' && {PREVIEW_TEXT}.includes('chuyển đổi số') && {PREVIEW_TEXT}.includes({}) && {PREVIEW_TEXT}.includes({}) && !{PREVIEW_TEXT}.includes({}) && {PREVIEW_TEXT}",
            json!(upper("Sở Xây dựng Thử")),
            json!(upper("Sở Y tế Thử")),
            json!(upper("Sở Sẽ Bị Xóa"))
        ),
        "the pledge's pages with the added members",
    )
    .await;
    assert!(
        text.as_str()
            .unwrap()
            .contains("Thi đua hoàn thành xuất sắc")
    );
    let pages = wait_js(
        &c,
        "Number(document.getElementById('xem-truoc').dataset.trang)",
        "pages",
    )
    .await;
    assert!(pages.as_u64().unwrap() >= 1);
    shot(&c, "2-bieu-mau-xem-truoc").await;

    // A required field emptied: its error appears beside it, in the summary, and goes.
    type_into(&c, "khoi.ten", "").await;
    let msg = wait_js(
        &c,
        "(document.querySelector('[data-path=\"khoi.ten\"] .van-de.loi')||{}).textContent",
        "the located error",
    )
    .await;
    assert!(
        msg.as_str().unwrap().contains("khoi.ten") || msg.as_str().unwrap().contains("thiếu"),
        "{msg}"
    );
    assert_eq!(
        c.execute(
            "return document.getElementById('f-khoi-ten').getAttribute('aria-invalid')",
            vec![]
        )
        .await
        .unwrap(),
        json!("true")
    );
    wait_js(
        &c,
        "document.querySelector('#tom-tat a[href=\"#f-khoi-ten\"]')",
        "the summary link",
    )
    .await;
    shot(&c, "3-loi-tai-cho").await;
    type_into(&c, "khoi.ten", "Khối thi đua Thử nghiệm").await;
    wait_js(
        &c,
        "!document.querySelector('[data-path=\"khoi.ten\"] .van-de') && document.getElementById('f-khoi-ten').getAttribute('aria-invalid')===null",
        "the error gone",
    )
    .await;

    // A rename shows in the preview; the time from the keystroke to the new pages.
    let elapsed = c
        .execute_async(
            &format!(
                r#"const done = arguments[arguments.length-1];
                const e = document.getElementById('f-thanh_vien-3-ten');
                const want = {};
                const t0 = performance.now();
                const obs = new MutationObserver(() => {{
                  if ({PREVIEW_TEXT}.includes(want)) {{ obs.disconnect(); done(performance.now() - t0); }}
                }});
                obs.observe(document.getElementById('xem-truoc'), {{childList: true, subtree: true}});
                e.value = 'Sở Xây dựng Đổi Tên';
                e.dispatchEvent(new Event('input', {{bubbles: true}}));"#,
                json!(upper("Sở Xây dựng Đổi Tên"))
            ),
            vec![],
        )
        .await
        .unwrap();
    let ms = elapsed.as_f64().unwrap();
    eprintln!("preview after a rename: {ms:.0} ms (debounce included)");
    assert!(ms < 3000.0, "preview took {ms} ms");
    c.execute(
        "document.getElementById('f-thanh_vien-3-ten').dispatchEvent(new Event('change',{bubbles:true}))",
        vec![],
    )
    .await
    .unwrap();

    // Every control has a label, and the keyboard reaches every one.
    let unlabelled = c
        .execute(
            r#"return Array.from(document.querySelectorAll('#bieu-mau input, #bieu-mau select, #bieu-mau textarea, #bieu-mau button, .cot-phai select, .cot-phai button, header button'))
                 .filter(e => !(e.labels && e.labels.length && e.labels[0].textContent.trim()) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !(e.tagName==='BUTTON' && e.textContent.trim()))
                 .map(e => e.outerHTML.slice(0, 120));"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(unlabelled, json!([]), "controls without a label");
    let controls = c
        .execute(
            r#"return Array.from(document.querySelectorAll('#bieu-mau input, #bieu-mau select, #bieu-mau textarea, #bieu-mau button'))
                 .filter(e => !e.disabled && e.getClientRects().length)
                 .map((e, i) => { if (!e.id) e.id = 'tab-' + i; return e.id; });"#,
            vec![],
        )
        .await
        .unwrap();
    let controls: Vec<String> = serde_json::from_value(controls).unwrap();
    assert!(controls.len() > 80, "{} controls", controls.len());
    c.execute("document.getElementById('nut-luu').focus()", vec![])
        .await
        .unwrap();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..(controls.len() * 2 + 40) {
        press(&c, "\u{e004}").await;
        let id = c
            .execute("return document.activeElement.id", vec![])
            .await
            .unwrap();
        if let Some(id) = id.as_str() {
            seen.insert(id.to_string());
        }
        if controls.iter().all(|c| seen.contains(c)) {
            break;
        }
    }
    let missed: Vec<&String> = controls.iter().filter(|c| !seen.contains(*c)).collect();
    assert!(missed.is_empty(), "Tab never reached: {missed:?}");
    // Space and Enter activate buttons.
    let count =
        "document.querySelectorAll('[data-path^=\"giao_uoc.noi_dung[\"]:is(textarea)').length";
    focus_and_press(&c, "button[data-them=\"giao_uoc.noi_dung\"]", " ").await;
    wait_js(&c, &format!("{count} === 3"), "Space added a content").await;
    focus_and_press(&c, "button[aria-label=\"Xóa Nội dung 3\"]", "\u{e007}").await;
    wait_js(&c, &format!("{count} === 2"), "Enter removed it").await;

    // Rows pasted from Excel become members (ids made from the names when missing).
    click(&c, "button[data-them=\"thanh_vien\"]").await;
    c.execute(
        r#"const dt = new DataTransfer();
           dt.setData('text/plain', 'Sở Dán Một\tSDM\r\nSở Dán Hai\tSDH\r\n');
           document.getElementById('f-thanh_vien-5-ten').dispatchEvent(
             new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));"#,
        vec![],
    )
    .await
    .unwrap();
    wait_js(
        &c,
        "document.getElementById('f-thanh_vien-6-ten') && document.getElementById('f-thanh_vien-6-ten').value === 'Sở Dán Hai' && document.getElementById('f-thanh_vien-6-id').value === 'sdh' && document.getElementById('f-thanh_vien-5-ten_viet_tat').value === 'SDM'",
        "the pasted rows",
    )
    .await;

    // Download everything as one ZIP and read it back.
    click(&c, "#tai-zip").await;
    let zip_path = downloads.join("hoi-nghi-thu.zip");
    let until = Instant::now() + Duration::from_secs(30);
    while !zip_path.is_file() {
        assert!(Instant::now() < until, "the ZIP did not arrive");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    for want in [
        "hoi-nghi-thu.yaml",
        "giao-uoc.docx",
        "giao-uoc.pdf",
        "tin-bai.html",
        "to-trinh.pdf",
        "bien-ban.docx",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
    }
    let mut docx = Vec::new();
    zip.by_name("giao-uoc.docx")
        .unwrap()
        .read_to_end(&mut docx)
        .unwrap();
    let mut inner = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    inner
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // The text of the document: signature lines may be broken (<w:br/>) between words.
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.replace("<w:br", " <w:br").chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in ["Sở Xây dựng Đổi Tên", "Sở Y tế Thử", "Sở Dán Hai"] {
        assert!(
            upper(&text).contains(&upper(name)),
            "{name} not in the DOCX"
        );
    }
    assert!(!upper(&text).contains(&upper("Sở Sẽ Bị Xóa")));
    let mut pdf = Vec::new();
    zip.by_name("giao-uoc.pdf")
        .unwrap()
        .read_to_end(&mut pdf)
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let pdf_path = tmp.join("giao-uoc.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    match Command::new("pdftotext").arg(&pdf_path).arg("-").output() {
        Ok(out) => {
            // Names wrap inside the signature grid's cells.
            let text = String::from_utf8_lossy(&out.stdout)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            for name in ["Sở Xây dựng Đổi Tên", "Sở Y tế Thử"] {
                assert!(
                    upper(&text).contains(&upper(name)),
                    "{name} not in the PDF text"
                );
            }
        }
        Err(_) if std::env::var_os("VANBAN_SKIP_EXTERNAL").is_some() => {}
        Err(e) => panic!("pdftotext (poppler-utils): {e}"),
    }

    // Save: the file had comments, so the form asks first; then it is written.
    click(&c, "#nut-luu").await;
    wait_js(&c, "Array.from(document.querySelectorAll('#thong-bao button')).find(b => b.textContent === 'Vẫn lưu')", "the comments question").await;
    c.execute("Array.from(document.querySelectorAll('#thong-bao button')).find(b => b.textContent === 'Vẫn lưu').click()", vec![])
        .await
        .unwrap();
    wait_js(
        &c,
        "document.getElementById('trang-thai-luu').textContent.startsWith('Đã lưu')",
        "saved",
    )
    .await;
    let saved = std::fs::read_to_string(dir.join("hoi-nghi-thu.yaml")).unwrap();
    assert!(
        saved.contains("Sở Xây dựng Đổi Tên") && saved.contains("Khối thi đua Thử nghiệm"),
        "{saved}"
    );
    assert!(dir.join(".lich-su/hoi-nghi-thu.yaml").is_dir());

    // Unsaved changes survive a reload.
    type_into(&c, "hoi_nghi[0].dia_diem", "Nơi chưa lưu").await;
    c.refresh().await.unwrap();
    wait_js(
        &c,
        "document.getElementById('khoi-phuc')",
        "the offer of the draft",
    )
    .await;
    focus_and_press(&c, "#khoi-phuc", "\u{e007}").await;
    wait_js(
        &c,
        "document.getElementById('f-hoi_nghi-0-dia_diem').value === 'Nơi chưa lưu'",
        "the draft restored",
    )
    .await;

    // A file changed on disk is never overwritten silently.
    std::fs::write(
        dir.join("hoi-nghi-thu.yaml"),
        saved.replace("Thử nghiệm", "Sửa ngoài"),
    )
    .unwrap();
    click(&c, "#nut-luu").await;
    wait_js(&c, "Array.from(document.querySelectorAll('#thong-bao button')).find(b => b.textContent.startsWith('Lưu biểu mẫu thành bản sao'))", "the conflict choice").await;
    shot(&c, "4-xung-dot").await;
    let on_disk = std::fs::read_to_string(dir.join("hoi-nghi-thu.yaml")).unwrap();
    assert!(on_disk.contains("Sửa ngoài"));

    c.close().await.unwrap();
    drop(server);
    let _ = std::fs::remove_dir_all(&tmp);
}

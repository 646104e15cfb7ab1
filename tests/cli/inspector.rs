//! The web inspector (`listen --inspect`, `inspect FILE`), driven in headless Chromium through
//! WebDriver (Debian's `chromium` and `chromium-driver`); the page's "Copy as curl" command is
//! made in Node and run with curl. Without these tools the tests print a notice and pass,
//! except in CI (`CI=true`), where they fail.

use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::support::{Listener, bluehook_std, post_signed, request};

const SECRET: &str = "inspector-secret";
/// Everything one browser test does, at most.
const LIMIT: Duration = Duration::from_secs(120);
/// How long the page gets to show something.
const SHOW: Duration = Duration::from_secs(20);

/// One browser at a time: the machine has few cores.
static BROWSER: Mutex<()> = Mutex::new(());

fn tool(name: &str) -> Option<String> {
    ["/usr/bin/", "/usr/local/bin/", "/usr/lib/chromium/"]
        .iter()
        .map(|dir| format!("{dir}{name}"))
        .find(|p| std::path::Path::new(p).exists())
}

/// The browser and its driver, or `None` (after a notice) when they are not installed.
fn browser_tools() -> Option<(String, String)> {
    match (tool("chromium"), tool("chromedriver")) {
        (Some(c), Some(d)) => Some((c, d)),
        _ if std::env::var("CI").as_deref() == Ok("true") => {
            panic!(
                "chromium and chromedriver are required in CI (apt-get install chromium chromium-driver)"
            )
        }
        _ => {
            eprintln!("skipped: chromium or chromedriver is not installed");
            None
        }
    }
}

/// A chromedriver on a free loopback port, killed when dropped.
struct Driver {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
    chromium: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver(chromium: String, driver: &str) -> Driver {
    let port = crate::support::closed_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let profile = tempfile::tempdir().unwrap();
    let deadline = Instant::now() + SHOW;
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver { child, port, _profile: profile, chromium }
}

async fn session(driver: &Driver) -> Client {
    let profile = driver._profile.path().display().to_string();
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
    ];
    let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    args.push(format!("--user-data-dir={profile}"));
    let caps = json!({"goog:chromeOptions": {"binary": driver.chromium, "args": args}});
    let serde_json::Value::Object(caps) = caps else { unreachable!() };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session")
}

/// Runs `test` with a fresh headless browser, bounded in time; skips without the tools.
fn with_browser<F>(test: impl FnOnce(Client) -> F)
where
    F: std::future::Future<Output = ()>,
{
    let Some((chromium, driver)) = browser_tools() else { return };
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let driver = start_driver(chromium, &driver);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let client = session(&driver).await;
        let closer = client.clone();
        let run = tokio::time::timeout(LIMIT, test(client)).await;
        let _ = closer.close().await;
        run.expect("the browser test finished in time");
    });
}

/// A listener with the inspector, and the inspector's URL from its ready line.
fn inspected(extra: &[&str]) -> (Listener, String) {
    let mut args = vec!["--secret", SECRET, "--inspect"];
    args.extend_from_slice(extra);
    let listener = Listener::start(&args);
    let url = inspector_url(&listener);
    (listener, url)
}

fn inspector_url(listener: &Listener) -> String {
    let deadline = Instant::now() + SHOW;
    loop {
        let err = listener.stderr();
        // The whole line: the URL ends with a 32-digit token.
        let url = err.lines().find_map(|l| l.split("inspector on ").nth(1)).map(str::trim);
        if let Some(url) = url.filter(|u| u.rsplit('=').next().is_some_and(|t| t.len() == 32)) {
            return url.to_string();
        }
        assert!(Instant::now() < deadline, "no inspector URL: {err}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits until `css` matches at least `n` elements, and returns their texts.
async fn texts(c: &Client, css: &str, n: usize) -> Vec<String> {
    let deadline = Instant::now() + SHOW;
    loop {
        let found = c.find_all(Locator::Css(css)).await.unwrap();
        if found.len() >= n {
            let mut out = Vec::new();
            for e in found {
                out.push(e.text().await.unwrap());
            }
            return out;
        }
        assert!(Instant::now() < deadline, "{n} × `{css}` did not show (found {})", found.len());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn click(c: &Client, css: &str) {
    c.wait().at_most(SHOW).for_element(Locator::Css(css)).await.unwrap().click().await.unwrap();
}

fn body(event: &str, title: &str) -> Vec<u8> {
    json!({"event": event, "previousValue": null, "currentValue": {"id": "t1", "title": title}})
        .to_string()
        .into_bytes()
}

#[test]
fn deliveries_appear_live_and_forged_ones_show_as_rejected() {
    let (listener, url) = inspected(&[]);
    with_browser(|c| async move {
        c.goto(&url).await.unwrap();
        texts(&c, "#status", 1).await;
        assert_eq!(
            post_signed(listener.port, SECRET, &body("TODO_CREATED", "Ship it")).status,
            200
        );
        let rows = texts(&c, ".row", 1).await;
        assert!(rows[0].contains("verified") && rows[0].contains("Ship it"), "{rows:?}");
        let forged = post_signed(listener.port, "not-the-secret", &body("TODO_DELETED", "Forged"));
        assert_eq!(forged.status, 401);
        let rows = texts(&c, ".row", 2).await;
        assert!(
            rows[0].contains("rejected") && rows[0].contains("Forged"),
            "newest first: {rows:?}"
        );
        click(&c, ".row.rejected").await;
        let reason = texts(&c, "#detail .reason", 1).await;
        assert!(reason[0].contains("signature-mismatch"), "{reason:?}");
        assert!(reason[0].contains("does not match"), "{reason:?}");
        let explain = texts(&c, "#detail .explain", 2).await;
        assert!(explain[0].contains("[no-known-cause]"), "why it failed: {explain:?}");
        assert!(explain[1].starts_with("hint: "), "{explain:?}");
    });
}

#[test]
fn network_text_is_shown_as_text_never_as_markup() {
    let (listener, url) = inspected(&[]);
    with_browser(|c| async move {
        c.goto(&url).await.unwrap();
        let evil = "<img src=x onerror=\"document.title='owned'\"><b>bold</b>";
        post_signed(listener.port, SECRET, &body("TODO_CREATED", evil));
        let rows = texts(&c, ".row", 1).await;
        assert!(rows[0].contains("<b>bold</b>"), "{rows:?}");
        click(&c, ".row").await;
        texts(&c, "#detail .tree", 1).await;
        assert!(c.find_all(Locator::Css("#detail b, .row b, img")).await.unwrap().is_empty());
        assert_ne!(c.title().await.unwrap(), "owned");
    });
}

#[test]
fn the_diff_shows_the_change() {
    let (listener, url) = inspected(&[]);
    with_browser(|c| async move {
        c.goto(&url).await.unwrap();
        let update = json!({
            "event": "TODO_UPDATED",
            "previousValue": {"id": "t1", "title": "Draft", "done": false},
            "currentValue": {"id": "t1", "title": "Final", "done": false}
        });
        post_signed(listener.port, SECRET, update.to_string().as_bytes());
        click(&c, ".row").await;
        let diff = texts(&c, "#detail table.diff tr", 1).await;
        assert_eq!(diff.len(), 1, "only the title changed: {diff:?}");
        assert!(diff[0].contains("title") && diff[0].contains("\"Draft\""), "{diff:?}");
        assert!(diff[0].contains("\"Final\""), "{diff:?}");
    });
}

#[test]
fn replay_with_an_edited_body_reaches_a_second_listener_verified() {
    let (listener, url) = inspected(&[]);
    let mut second = Listener::start(&["--secret", SECRET]);
    let second_url = second.url.clone();
    with_browser(|c| async move {
        c.goto(&url).await.unwrap();
        post_signed(listener.port, SECRET, &body("TODO_CREATED", "Before"));
        click(&c, ".row").await;
        click(&c, "#edit").await;
        let edited = body("TODO_CREATED", "After the edit");
        let edited = String::from_utf8(edited).unwrap();
        let set = "document.getElementById('replay-url').value = arguments[0]; \
                   document.getElementById('editor').value = arguments[1];";
        c.execute(set, vec![json!(second_url), json!(edited)]).await.unwrap();
        click(&c, "#replay").await;
        let deadline = Instant::now() + SHOW;
        loop {
            let result = texts(&c, "#replay-result", 1).await.remove(0);
            if result.contains("resigned") {
                assert!(result.starts_with("200"), "{result}");
                break;
            }
            assert!(Instant::now() < deadline, "no replay result: {result}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let got: Value = second.next().expect("the replay reached the second listener");
    assert_eq!(got["verified"], true, "{got}");
    assert!(got["body"].to_string().contains("After the edit"), "{got}");
}

#[test]
fn search_filters_the_list_and_stays_in_the_url() {
    let (listener, url) = inspected(&[]);
    with_browser(|c| async move {
        c.goto(&url).await.unwrap();
        for title in ["Invoice 42", "Lunch", "Invoice 43"] {
            post_signed(listener.port, SECRET, &body("TODO_CREATED", title));
        }
        texts(&c, ".row", 3).await;
        c.find(Locator::Css("body")).await.unwrap().send_keys("/").await.unwrap();
        c.active_element().await.unwrap().send_keys("lunch").await.unwrap();
        let deadline = Instant::now() + SHOW;
        while c.find_all(Locator::Css(".row")).await.unwrap().len() != 1 {
            assert!(Instant::now() < deadline, "the search did not filter the list");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(texts(&c, ".row", 1).await[0].contains("Lunch"));
        let current = c.current_url().await.unwrap();
        assert!(current.query().unwrap().contains("q=lunch"), "{current}");
        // The filter survives a reload, from the URL alone.
        c.goto(current.as_str()).await.unwrap();
        texts(&c, ".row", 1).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(c.find_all(Locator::Css(".row")).await.unwrap().len(), 1);
    });
}

#[test]
fn requests_without_the_token_are_refused() {
    let (_listener, url) = inspected(&[]);
    let base = url.split("/?token=").next().unwrap().to_string();
    let port: u16 = base.rsplit(':').next().unwrap().parse().unwrap();
    let token = url.rsplit('=').next().unwrap().to_string();
    for path in ["/", "/page.js", "/api/events", "/api/info", "/?token=0000"] {
        assert_eq!(request(port, "GET", path, &[], b"").status, 403, "{path}");
    }
    // With the token, but from another page's origin (or none): refused too.
    let replay = format!("/api/replay?token={token}");
    let ask = br#"{"id":1}"#;
    let foreign = [("Origin", "http://evil.example")];
    assert_eq!(request(port, "POST", &replay, &foreign, ask).status, 403);
    assert_eq!(request(port, "POST", &replay, &[], ask).status, 403);
    let page = request(port, "GET", &format!("/?token={token}"), &[], b"");
    assert_eq!(page.status, 200);
    assert!(page.head.contains("content-security-policy: default-src 'none'"), "{}", page.head);
    with_browser(|c| async move {
        c.goto(&format!("{base}/")).await.unwrap();
        let text = c.find(Locator::Css("body")).await.unwrap().text().await.unwrap();
        assert!(text.contains("missing or wrong token"), "{text}");
        c.goto(&url).await.unwrap();
        texts(&c, "#status", 1).await;
    });
}

/// `-v` shows what the inspector's replays send and get, as it does for every delivery sent.
#[test]
fn replays_are_traced_with_v() {
    use std::io::{BufRead, BufReader, Read};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deliveries.ndjson");
    let line =
        json!({"event": "TAG_CREATED", "headers": {}, "body": "{\"event\":\"TAG_CREATED\"}"});
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let mut target = Listener::start(&[]);
    let mut child = bluehook_std()
        .args(["inspect", file.to_str().unwrap(), "--to", &target.url, "-v"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut url).unwrap();
    let base = url.trim().split("/?token=").next().unwrap().to_string();
    let port: u16 = base.rsplit(':').next().unwrap().parse().unwrap();
    let token = url.trim().rsplit('=').next().unwrap().to_string();
    let replay = format!("/api/replay?token={token}");
    let reply = request(port, "POST", &replay, &[("Origin", base.as_str())], br#"{"id":1}"#);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(target.next().unwrap()["event"], "TAG_CREATED");
    crate::support::sigterm(&child);
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let _ = child.wait();
    assert!(stderr.contains(&format!("> POST {}", target.url)), "{stderr}");
    assert!(stderr.contains("< HTTP 200"), "{stderr}");
}

/// `bluehook inspect FILE`: the page's API over a record file; replays are appended to it.
#[test]
fn inspect_serves_a_record_file_and_appends_what_it_replays() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deliveries.ndjson");
    let sig = bluehook::signature::sign(SECRET.as_bytes(), b"{\"event\":\"TAG_CREATED\"}");
    let line = json!({"event": "TAG_CREATED", "verified": true,
        "headers": {"x-signature": sig}, "body": "{\"event\":\"TAG_CREATED\"}"});
    std::fs::write(&file, format!("{line}\nnot a record\n")).unwrap();
    let mut target = Listener::start(&["--secret", SECRET]);
    let mut child = bluehook_std()
        .args(["inspect", file.to_str().unwrap(), "--to", &target.url])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut url).unwrap();
    let base = url.trim().split("/?token=").next().unwrap().to_string();
    let port: u16 = base.rsplit(':').next().unwrap().parse().unwrap();
    let token = url.trim().rsplit('=').next().unwrap().to_string();
    let origin = [("Origin", base.as_str())];
    let replay = format!("/api/replay?token={token}");
    let reply = request(port, "POST", &replay, &origin, br#"{"id":1}"#);
    // SIGTERM ends it as Ctrl-C does.
    crate::support::sigterm(&child);
    let deadline = std::time::Instant::now() + crate::support::WAIT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("inspect ignored SIGTERM");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let answer: Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(
        (answer["signature"].as_str(), answer["outcome"]["status"].as_u64()),
        (Some("recorded"), Some(200))
    );
    assert_eq!(target.next().unwrap()["verified"], true);
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let appended = bluehook::record::parse_line(lines[2].as_bytes()).unwrap();
    assert_eq!(
        (appended.body.as_str(), appended.signature()),
        ("{\"event\":\"TAG_CREATED\"}", Some(sig.as_str()))
    );
}

#[test]
fn the_page_keeps_the_last_n_and_draws_only_the_rows_in_view() {
    let (listener, url) = inspected(&["--inspect-keep", "300"]);
    let target = listener.url.clone();
    with_browser(|c| async move {
        c.goto(&url).await.unwrap();
        texts(&c, "#status", 1).await;
        let sent = crate::support::bluehook()
            .args(["send-sample", &target, "--secret", SECRET, "--count", "400", "--unique"])
            .output()
            .unwrap();
        assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
        let deadline = Instant::now() + SHOW;
        loop {
            let status = texts(&c, "#status", 1).await.remove(0);
            if status.contains("300 deliveries") {
                break;
            }
            assert!(Instant::now() < deadline, "the page does not keep 300: {status}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let drawn = c.find_all(Locator::Css(".row")).await.unwrap().len();
        assert!((10..100).contains(&drawn), "{drawn} rows drawn for 300 kept");
        // Scrolled to the end, the oldest kept rows are drawn.
        c.execute(
            "const l = document.getElementById('list'); l.scrollTop = l.scrollHeight;",
            vec![],
        )
        .await
        .unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        let last = c.execute("return [...document.querySelectorAll('.row')].map(r => parseInt(r.style.top)).reduce((a, b) => Math.max(a, b), 0);", vec![]).await.unwrap();
        assert_eq!(last.as_i64(), Some(299 * 30), "the last row sits at the end of the list");
        // The server keeps the same 300: a new page gets exactly those.
        c.goto(&url).await.unwrap();
        let status = texts(&c, "#status", 1).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let status_now = texts(&c, "#status", 1).await.remove(0);
        assert!(status_now.contains("300 deliveries"), "{status:?} then {status_now}");
    });
}

#[test]
fn an_inspector_off_loopback_needs_the_flag_and_warns() {
    let refused = crate::support::bluehook()
        .args(["listen", "--port", "0", "--inspect=0.0.0.0:0", "--timeout", "1s"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("other machines") && err.contains("--inspect-public"), "{err}");
    let allowed = crate::support::bluehook()
        .args(["listen", "--port", "0", "--inspect=0.0.0.0:0", "--inspect-public"])
        .args(["--timeout", "1s", "--count", "1"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&allowed.stderr);
    assert!(err.contains("reachable from other machines"), "{err}");
    assert!(err.contains("inspector on http://0.0.0.0:"), "{err}");
}

/// `name`'s path, or `None` (after a notice) when it is not installed; in CI it must be.
fn command_line_tool(name: &str) -> Option<String> {
    match tool(name) {
        Some(path) => Some(path),
        None if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("{name} is required in CI (apt-get install nodejs curl)")
        }
        None => {
            eprintln!("skipped: {name} is not installed");
            None
        }
    }
}

/// The page's "Copy as curl" command for a delivery, made by the page's own `curlOf` (run in
/// Node, outside a browser).
fn curl_of(node: &str, delivery: &Value, url: &str) -> String {
    let page = std::fs::read_to_string(crate::support::root().join("src/listen/inspector/page.js"))
        .unwrap();
    let start = page.find("function quote(").expect("quote in page.js");
    let end = page[start..].find("\nfunction clip(").expect("clip after curlOf") + start;
    let script = format!(
        "{}\nprocess.stdout.write(curlOf(JSON.parse(process.argv[1]), process.argv[2]));",
        &page[start..end]
    );
    let out = Command::new(node).args(["-e", &script, &delivery.to_string(), url]).output();
    let out = out.expect("node runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn copy_as_curl_sends_a_body_that_starts_with_at_as_it_is() {
    let (Some(node), Some(_)) = (command_line_tool("node"), command_line_tool("curl")) else {
        return;
    };
    let body = "@/etc/hostname";
    let signature = bluehook::signature::sign(SECRET.as_bytes(), body.as_bytes());
    let headers = json!({"content-type": "application/json", "x-signature": signature});
    let mut listener = Listener::start(&["--secret", SECRET]);
    let url = format!("http://127.0.0.1:{}/", listener.port);
    let command = curl_of(&node, &json!({"headers": headers, "body": body}), &url);
    let run = Command::new("sh").args(["-c", &format!("{command} -sS -o /dev/null")]).output();
    let run = run.expect("sh runs");
    assert!(run.status.success(), "{command}: {}", String::from_utf8_lossy(&run.stderr));
    let line = listener.next().expect("the delivery");
    assert_eq!(line["verified"], true, "the body arrived as it was signed: {line}");
}

/// `bluehook inspect FILE` running on `file`, and its page's URL (killed when dropped).
struct Inspecting(std::process::Child, String);

impl Drop for Inspecting {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn inspect_file(file: &std::path::Path) -> Inspecting {
    use std::io::{BufRead, BufReader};
    let mut child = bluehook_std()
        .args(["inspect", file.to_str().unwrap(), "--secret", SECRET])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut url).unwrap();
    Inspecting(child, url.trim().to_string())
}

#[test]
fn a_record_file_is_shown_as_that_file_not_as_live() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deliveries.ndjson");
    let line = json!({"event": "TAG_CREATED", "verified": true, "headers": {},
        "body": "{\"event\":\"TAG_CREATED\"}"});
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let empty = dir.path().join("empty.ndjson");
    std::fs::write(&empty, "").unwrap();
    let (one, none) = (inspect_file(&file), inspect_file(&empty));
    with_browser(|c| async move {
        c.goto(&one.1).await.unwrap();
        texts(&c, ".row", 1).await;
        let status = text_until(&c, "#status", |t| t.contains("1 deliveries")).await;
        assert_eq!(status, "deliveries.ndjson · 1 deliveries");
        c.goto(&none.1).await.unwrap();
        let empty = text_until(&c, "#empty", |t| t.starts_with("No deliveries in ")).await;
        assert!(empty.ends_with("empty.ndjson"), "{empty}");
        let status = text_until(&c, "#status", |t| t.contains("0 deliveries")).await;
        assert_eq!(status, "empty.ndjson · 0 deliveries");
    });
}

/// The text of the element `css` once `done` says it is what the test waits for.
async fn text_until(c: &Client, css: &str, done: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + SHOW;
    loop {
        let text = c.find(Locator::Css(css)).await.unwrap().text().await.unwrap();
        if done(&text) {
            return text;
        }
        assert!(Instant::now() < deadline, "`{css}` still reads {text:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

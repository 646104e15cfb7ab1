//! The API client against answers the fake Blue does not give: redirects, huge bodies,
//! answers cut short, rate limits that last, wrong shapes, secrets echoed back. Also the
//! secret, body and count limits of the commands that sign and send.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::fake_blue::{FakeBlue, TOKEN_ID, TOKEN_SECRET};
use crate::support::bluehook;

type Answer = dyn Fn(&str, &mut TcpStream, &AtomicU64) + Send + Sync;

/// An HTTP/1.1 server on 127.0.0.1:0 that answers every request with bytes of the test's
/// choosing (`Connection: close`, one request per connection). It records each request
/// (head and body) and counts the body bytes its answers wrote. It stops when dropped, or
/// after a minute whatever happens.
struct Raw {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
    written: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

impl Raw {
    fn start(answer: impl Fn(&str, &mut TcpStream, &AtomicU64) + Send + Sync + 'static) -> Raw {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}/graphql", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let written = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let answer: Arc<Answer> = Arc::new(answer);
        let (reqs, count, stopped) = (requests.clone(), written.clone(), stop.clone());
        std::thread::spawn(move || {
            let end = Instant::now() + Duration::from_secs(60);
            while Instant::now() < end && !stopped.load(Ordering::Relaxed) {
                let Ok((mut conn, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                let (reqs, count, answer) = (reqs.clone(), count.clone(), answer.clone());
                std::thread::spawn(move || {
                    conn.set_nonblocking(false).unwrap();
                    conn.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                    conn.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
                    let request = read_request(&mut conn);
                    reqs.lock().unwrap().push(request.clone());
                    answer(&request, &mut conn, &count);
                });
            }
        });
        Raw { url, requests, written, stop }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn read_request(conn: &mut TcpStream) -> String {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") && conn.read(&mut byte).unwrap_or(0) == 1 {
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    let _ = conn.read_exact(&mut body);
    buf.extend_from_slice(&body);
    String::from_utf8_lossy(&buf).into_owned()
}

/// A whole answer with a JSON body.
fn respond(conn: &mut TcpStream, status: &str, headers: &str, body: &str) {
    let _ = write!(
        conn,
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         connection: close\r\n{headers}\r\n{body}",
        body.len()
    );
}

/// `bluehook` against `url` with the fake's credentials and a fresh config file.
fn against(url: &str, dir: &tempfile::TempDir) -> assert_cmd::Command {
    let mut cmd = bluehook();
    cmd.arg("--config").arg(dir.path().join("config.toml"));
    cmd.env("BLUE_API_URL", url)
        .env("BLUE_TOKEN_ID", TOKEN_ID)
        .env("BLUE_TOKEN_SECRET", TOKEN_SECRET)
        .env("BLUE_ORG_ID", "acme");
    cmd
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn api_redirects_are_not_followed_and_the_token_stays_home() {
    let thief = Raw::start(|_, conn, _| respond(conn, "200 OK", "", r#"{"data":{}}"#));
    let location = format!("{}/steal", thief.url.trim_end_matches("/graphql"));
    for status in ["307 Temporary Redirect", "302 Found"] {
        let to = location.clone();
        let api = Raw::start(move |_, conn, _| {
            respond(conn, status, &format!("location: {to}\r\n"), "");
        });
        let dir = tempfile::tempdir().unwrap();
        let out = against(&api.url, &dir)
            .args(["create", "--url", "https://example.com/h"])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(8), "{err}");
        assert!(err.contains(&location) && err.contains("--api-url"), "{err}");
        assert_eq!(api.requests().len(), 1, "asked once, not retried");
    }
    assert!(thief.requests().is_empty(), "the redirect target got nothing");
}

#[test]
fn huge_answers_are_cut_at_the_cap() {
    // An endless chunked body: bluehook must stop reading, not run out of memory.
    let api = Raw::start(|_, conn, written| {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                    transfer-encoding: chunked\r\nconnection: close\r\n\r\n";
        if conn.write_all(head.as_bytes()).is_err() {
            return;
        }
        let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, " ".repeat(64 * 1024));
        while written.load(Ordering::Relaxed) < 2 << 30 && conn.write_all(chunk.as_bytes()).is_ok()
        {
            written.fetch_add(64 * 1024, Ordering::Relaxed);
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let out = against(&api.url, &dir).args(["list"]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("larger than 10 MB"), "{err}");
    std::thread::sleep(Duration::from_millis(200));
    let sent = api.written.load(Ordering::Relaxed);
    assert!(sent < 100 << 20, "stopped reading near the cap, not at {sent} bytes");
}

#[test]
fn answers_of_the_wrong_shape_exit_8() {
    let fake = FakeBlue::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let cases = [
        ("ListWebhooks", json!({ "data": { "webhooks": { "pageInfo": {} } } }), "list"),
        ("ListWebhooks", json!({ "data": { "webhooks": { "items": [{"url": "x"}] } } }), "list"),
        ("GetWebhook", json!({ "data": { "webhook": { "url": "no id" } } }), "get"),
        ("GetWebhook", json!({ "data": null }), "get"),
        ("GetWebhook", json!([1, 2]), "get"),
    ];
    for (op, body, command) in cases {
        fake.answer_next(op, body.clone());
        let mut cmd = fake.bluehook(&config);
        cmd.arg(command);
        if command == "get" {
            cmd.arg("cmwh1");
        }
        let out = cmd.output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(8), "{body}: {err}");
        assert!(err.contains("is not what Blue sends"), "{err}");
    }
}

#[test]
fn endless_paging_stops_with_exit_8() {
    let api = Raw::start(|_, conn, _| {
        let page = json!({ "data": { "webhooks": {
            "items": [{ "id": "cmwh1", "url": "https://e.com" }],
            "pageInfo": { "hasNextPage": true } } } });
        respond(conn, "200 OK", "", &page.to_string());
    });
    let dir = tempfile::tempdir().unwrap();
    let out = against(&api.url, &dir).args(["list", "--json"]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("kept announcing more webhooks"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_mutation_cut_short_may_have_been_applied() {
    // Blue's answer to the mutation stops half-way: the change may well have been made.
    let api = Raw::start(|_, conn, _| {
        let _ = conn.write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\
              connection: close\r\n\r\n{\"data\":{\"createWebhook\":{\"id\":",
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let out = against(&api.url, &dir)
        .args(["create", "--url", "https://example.com/h"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("answer to CreateWebhook was cut short"), "{err}");
    assert!(err.contains("may have applied the change"), "{err}");
    assert!(err.contains("bluehook list"), "{err}");
    assert_eq!(api.requests().len(), 1, "a mutation is never sent twice");

    let fake = FakeBlue::start();
    fake.state().delay = Some(Duration::from_secs(3));
    let config = dir.path().join("config.toml");
    let out = fake
        .bluehook(&config)
        .args(["create", "--url", "https://example.com/h", "--api-timeout", "300ms"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("may have applied the change") && err.contains("bluehook list"), "{err}");
}

#[test]
fn a_lasting_rate_limit_gives_up_within_the_api_timeout() {
    let api = Raw::start(|_, conn, _| {
        let body = r#"{"error":"RATE_LIMITED","message":"Too many requests","retryAfter":60}"#;
        respond(conn, "429 Too Many Requests", "retry-after: 60\r\n", body);
    });
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = against(&api.url, &dir)
        .args(["list", "--api-timeout", "2s"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err} after {:?}", started.elapsed());
    assert!(err.contains("asked to wait 60s") && err.contains("--api-timeout"), "{err}");
    assert_eq!(api.requests().len(), 1, "no wait Blue asked for fits in 2s");
}

#[test]
fn short_rate_limits_are_still_waited_out() {
    let fake = FakeBlue::start();
    fake.seed(1);
    fake.state().rate_limit_next = 1;
    let dir = tempfile::tempdir().unwrap();
    let out = fake.bluehook(&dir.path().join("c.toml")).args(["list", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fake.operations().len(), 2);
}

#[test]
fn secrets_echoed_by_the_api_are_redacted_everywhere() {
    // Blue's error message and a 5xx body both repeat the token secret.
    let fake = FakeBlue::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let echo = format!("token {TOKEN_SECRET} is not valid here");
    fake.fail_next("ListWebhooks", "BAD_USER_INPUT", &echo, json!(null));
    let out = fake.bluehook(&config).args(["-vv", "list"]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("is not valid here"), "{err}");
    assert!(!err.contains(TOKEN_SECRET), "{err}");

    let api = Raw::start(|request, conn, _| {
        let secret = request
            .lines()
            .find_map(|l| l.strip_prefix("x-bloo-token-secret: "))
            .unwrap_or("none")
            .to_string();
        respond(conn, "500 Internal Server Error", "", &format!("crash: secret={secret}"));
    });
    let password = "hunter2-Sekrit";
    let url = api.url.replace("http://", &format!("http://ops:{password}@"));
    let out =
        against(&url, &dir).args(["-vv", "create", "--url", "https://e.com/h"]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("crash: secret=pat_********"), "the answer is shown, redacted: {err}");
    assert!(!err.contains(TOKEN_SECRET) && !err.contains(password), "{err}");
    assert!(err.contains("ops:********@"), "the URL is shown without its password: {err}");

    let out = against(&url, &dir).args(["config", "show", "--json"]).output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && shown.contains("ops:********@"), "{shown}");
    assert!(!shown.contains(password) && !shown.contains(TOKEN_SECRET), "{shown}");
}

#[test]
fn webhook_secrets_from_the_config_file_are_redacted_from_api_errors() {
    let fake = FakeBlue::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[webhook_secrets]\ncmwh1 = \"whsec_saved_0123456789abcdef\"\n")
        .unwrap();
    fake.fail_next(
        "ListWebhooks",
        "BAD_USER_INPUT",
        "seen whsec_saved_0123456789abcdef",
        json!(null),
    );
    let out = fake.bluehook(&config).args(["list"]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("seen whse********") && !err.contains("0123456789abcdef"), "{err}");
}

#[test]
fn long_api_messages_are_cut_and_escaped() {
    let fake = FakeBlue::start();
    let dir = tempfile::tempdir().unwrap();
    let message = format!("bad\u{1b}]0;owned\u{7}\r{}", "x".repeat(1 << 20));
    fake.fail_next("ListWebhooks", "BAD_USER_INPUT", &message, json!(null));
    let out = fake.bluehook(&dir.path().join("c.toml")).arg("list").output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8));
    assert!(err.len() < 2000, "cut to a sane length: {} bytes", err.len());
    assert!(!err.contains('\u{1b}') && !err.contains('\r') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("bad\\x1b]0;owned"), "{err}");
}

#[test]
fn an_empty_secret_is_a_usage_error_not_no_verification() {
    let dir = tempfile::tempdir().unwrap();
    let body = dir.path().join("body.json");
    std::fs::write(&body, "{}").unwrap();
    let out = bluehook()
        .args(["listen", "--port", "0", "--expect", "TODO_CREATED", "--timeout", "5s"])
        .env("BLUEHOOK_SECRET", "")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("BLUEHOOK_SECRET is set but empty"), "{err}");
    let body = body.to_str().unwrap();
    for args in [
        vec!["send-sample", "http://127.0.0.1:9/", "--secret", ""],
        vec!["verify", "--secret", "", "--signature", "00", body],
        vec!["sign", "--secret", "", body],
    ] {
        let out = bluehook().args(&args).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("--secret is empty"), "{err}");
    }
}

#[test]
fn send_sample_refuses_a_count_of_zero() {
    let listener = crate::support::Listener::start(&[]);
    let out = bluehook().args(["send-sample", &listener.url, "-n", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("at least 1"), "{}", stderr(&out));
    listener.signal("INT");
    let (_, lines, _) = listener.finish();
    assert!(lines.iter().all(|l| l["type"] != "request"), "nothing was sent: {lines:?}");
}

#[cfg(unix)]
#[test]
fn send_sample_data_is_capped() {
    let out = bluehook()
        .args(["send-sample", "http://127.0.0.1:9/", "--data", "/dev/zero"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("/dev/zero is larger than 10 MB"), "{err}");
}

#[cfg(unix)]
#[test]
fn login_writes_through_a_symlinked_config() {
    use std::os::unix::fs::PermissionsExt;
    let fake = FakeBlue::start();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("dotfiles").join("bluehook.toml");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, "[webhook_secrets]\nkept = \"whsec_kept_0000000000\"\n").unwrap();
    let link = dir.path().join("config.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = bluehook()
        .arg("--config")
        .arg(&link)
        .env("BLUE_API_URL", fake.url())
        .args(["login", "--token-id", TOKEN_ID, "--token-secret", TOKEN_SECRET, "--org", "acme"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.contains(TOKEN_ID) && text.contains("whsec_kept"), "{text}");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn send_sample_shows_a_target_url_without_its_password() {
    let port = crate::support::closed_port();
    let url = format!("http://hook:pw-0123456789@127.0.0.1:{port}/blue");
    for json in [false, true] {
        let mut cmd = bluehook();
        cmd.args(["send-sample", &url, "--secret", "whsec_test_secret"]);
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert_eq!(out.status.code(), Some(5), "{all}");
        assert!(all.contains("hook:********@127.0.0.1"), "{all}");
        assert!(!all.contains("pw-0123456789"), "{all}");
    }
}

#[test]
fn login_refuses_an_answer_without_a_user() {
    let fake = FakeBlue::start();
    fake.answer_next("WhoAmI", json!({ "data": { "company": null } }));
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let out = bluehook()
        .arg("--config")
        .arg(&config)
        .env("BLUE_API_URL", fake.url())
        .args(["login", "--token-id", TOKEN_ID, "--token-secret", TOKEN_SECRET])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("not what Blue sends") && err.contains("nothing was saved"), "{err}");
    assert!(!config.exists());
}

#[test]
fn a_host_name_that_does_not_resolve_is_not_retried() {
    let dir = tempfile::tempdir().unwrap();
    // `.invalid` never resolves (RFC 6761).
    let out = against("http://blue-api.invalid/graphql", &dir).arg("list").output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(8), "{err}");
    assert!(err.contains("cannot reach Blue at http://blue-api.invalid/graphql"), "{err}");
    assert!(!err.contains("retrying"), "{err}");
}

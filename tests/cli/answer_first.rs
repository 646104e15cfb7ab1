//! `listen --answer-first` (answer once queued on disk, forward from the queue), routes by
//! event, and the hint for a slow app, with real processes and an app stub that records what
//! it was sent and what it answered.

use std::io::Write;
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{Listener, WAIT, app_after, post_signed, read_request};

const SECRET: &str = "whsec_answer_first";

/// An app on 127.0.0.1 that records the `n` of every body it is sent and of every one it
/// answered 200. It holds its answer to request number `stall_at` for `stall`; while `hang`
/// is set it answers nothing (the connection stays open until the sender goes away).
struct App {
    port: u16,
    got: Arc<Mutex<Vec<u64>>>,
    answered: Arc<Mutex<Vec<u64>>>,
    hang: Arc<AtomicBool>,
}

impl App {
    fn start(stall_at: usize, stall: Duration) -> App {
        App::on(TcpListener::bind("127.0.0.1:0").unwrap(), stall_at, stall)
    }

    fn on(listener: TcpListener, stall_at: usize, stall: Duration) -> App {
        let port = listener.local_addr().unwrap().port();
        let (got, answered) = (Arc::new(Mutex::new(Vec::new())), Arc::new(Mutex::new(Vec::new())));
        let hang = Arc::new(AtomicBool::new(false));
        let app = App { port, got: got.clone(), answered: answered.clone(), hang: hang.clone() };
        let seen = Arc::new(AtomicUsize::new(0));
        std::thread::spawn(move || {
            for stream in listener.incoming().take(200) {
                let Ok(mut s) = stream else { return };
                let (got, answered, hang, seen) =
                    (got.clone(), answered.clone(), hang.clone(), seen.clone());
                std::thread::spawn(move || {
                    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
                    let request = String::from_utf8_lossy(&read_request(&mut s)).into_owned();
                    let Some(n) = number(&request) else { return };
                    got.lock().unwrap().push(n);
                    if hang.load(Ordering::SeqCst) {
                        return wait_for_hang_up(&mut s);
                    }
                    if seen.fetch_add(1, Ordering::SeqCst) + 1 == stall_at {
                        std::thread::sleep(stall);
                    }
                    let answer =
                        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
                    if s.write_all(answer).is_ok() {
                        answered.lock().unwrap().push(n);
                    }
                });
            }
        });
        app
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hook", self.port)
    }

    fn got(&self) -> Vec<u64> {
        self.got.lock().unwrap().clone()
    }

    fn answered(&self) -> Vec<u64> {
        self.answered.lock().unwrap().clone()
    }

    /// Waits (bounded) until it has answered `n` requests.
    fn wait_for_answers(&self, n: usize) -> Vec<u64> {
        let deadline = Instant::now() + WAIT + Duration::from_secs(20);
        while self.answered().len() < n && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        self.answered()
    }
}

/// Reads until the peer closes the connection (or 30 s pass), answering nothing.
fn wait_for_hang_up(s: &mut std::net::TcpStream) {
    use std::io::Read;
    let mut buf = [0u8; 64];
    while let Ok(1..) = s.read(&mut buf) {}
}

/// The `n` of a request's JSON body.
fn number(request: &str) -> Option<u64> {
    let body = request.split_once("\r\n\r\n")?.1;
    serde_json::from_str::<Value>(body).ok()?["n"].as_u64()
}

fn body(event: &str, n: u64) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({ "event": event, "n": n })).unwrap()
}

fn answer_first(app: &App, queue: &std::path::Path, more: &[&str]) -> Listener {
    let queue = queue.to_str().unwrap();
    let args = ["--secret", SECRET, "--forward-to", &app.url(), "--answer-first", "--queue", queue];
    Listener::start(&[&args[..], more].concat())
}

#[test]
fn an_app_on_a_breakpoint_gets_every_delivery_in_order_and_blue_never_waits_for_it() {
    let app = App::start(1, Duration::from_secs(20));
    let dir = tempfile::tempdir().unwrap();
    // Two routes to the same app share one courier and one order.
    let tag_route = format!("TAG_*={}", app.url());
    let mut l = answer_first(&app, &dir.path().join("q.db"), &["-n", "10", "-f", &tag_route]);
    for n in 1..=10 {
        let event = if n % 2 == 0 { "TAG_CREATED" } else { "TODO_CREATED" };
        let reply = post_signed(l.port, SECRET, &body(event, n));
        assert_eq!(reply.status, 200, "answered at once, whatever the app does");
    }
    // Every answer came while the app still held the first delivery.
    assert_eq!(app.got(), [1], "the app is still on its breakpoint");
    assert!(app.answered().is_empty());
    let lines = l.take(10);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["type"], "request", "{line}");
        assert_eq!(line["queued"]["waiting"].as_u64(), Some(i as u64 + 1), "{line}");
    }
    assert_eq!(app.wait_for_answers(10), (1..=10).collect::<Vec<_>>(), "all, in arrival order");
    let (code, rest, stderr) = l.finish();
    assert_eq!(code, Some(0), "--count counts what the app took: {stderr}");
    let forwards: Vec<&Value> = rest.iter().filter(|l| l["type"] == "forward").collect();
    assert_eq!(forwards.len(), 10, "{rest:?}");
    assert!(forwards.iter().all(|f| f["state"] == "delivered" && f["status"] == 200));
    assert_eq!(forwards.last().unwrap()["waiting"], 0);
    assert!(forwards[0]["after_ms"].as_u64().unwrap() >= 19_000, "{}", forwards[0]);
}

#[test]
fn a_killed_listener_loses_nothing_it_answered_and_forwards_nothing_twice() {
    let app = App::start(0, Duration::ZERO);
    let dir = tempfile::tempdir().unwrap();
    let queue = dir.path().join("q.db");
    let mut l = answer_first(&app, &queue, &[]);
    for n in 1..=2 {
        assert_eq!(post_signed(l.port, SECRET, &body("TODO_CREATED", n)).status, 200);
    }
    assert_eq!(app.wait_for_answers(2), [1, 2]);
    app.hang.store(true, Ordering::SeqCst);
    for n in 3..=5 {
        assert_eq!(post_signed(l.port, SECRET, &body("TODO_CREATED", n)).status, 200);
    }
    let deadline = Instant::now() + WAIT;
    while app.got().len() < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(app.got(), [1, 2, 3], "the app holds #3 when the listener dies");
    l.take(5);
    l.signal("KILL");
    let _ = l.finish();
    app.hang.store(false, Ordering::SeqCst);
    let again = answer_first(&app, &queue, &["-n", "3"]);
    assert_eq!(app.wait_for_answers(5), [1, 2, 3, 4, 5], "each answered 2xx exactly once");
    let (code, _, stderr) = again.finish();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("3 queued deliveries for"), "{stderr}");
    assert_eq!(app.got(), [1, 2, 3, 3, 4, 5], "only #3, never answered, came twice");
}

#[test]
fn each_route_gets_its_events_and_an_event_no_route_takes_is_answered_and_said() {
    let (todos, tags) = (App::start(0, Duration::ZERO), App::start(0, Duration::ZERO));
    let todo_route = format!("TODO_*={}", todos.url());
    let tag_route = format!("TAG_CREATED,TAG_DELETED={}", tags.url());
    let mut l = Listener::start(&[
        "--secret",
        SECRET,
        "--forward-to",
        &todo_route,
        "--forward-to",
        &tag_route,
    ]);
    let sent = [("TODO_CREATED", 1), ("TAG_CREATED", 2), ("TODO_MOVED", 3), ("COMMENT_CREATED", 4)];
    for (event, n) in sent {
        assert_eq!(post_signed(l.port, SECRET, &body(event, n)).status, 200, "{event}");
    }
    let lines = l.take(4);
    assert_eq!(todos.answered(), [1, 3]);
    assert_eq!(tags.answered(), [2]);
    assert_eq!(lines[3]["unrouted"], true, "{}", lines[3]);
    assert!(lines[3]["forward"].is_null());
    assert!(
        lines[..3].iter().all(|l| l["forward"]["status"] == 200 && l.get("unrouted").is_none())
    );
    let bad = crate::support::bluehook()
        .args(["listen", "--port", "0", "--forward-to", "TODO_CRATED=http://127.0.0.1:1/"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("TODO_CRATED") && stderr.contains("TODO_CREATED"), "{stderr}");
}

#[test]
fn a_queued_delivery_the_app_keeps_failing_is_retried_then_given_up_and_kept() {
    let (port, _seen) =
        app_after(Duration::ZERO, Some(b"HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n"));
    let dir = tempfile::tempdir().unwrap();
    let queue = dir.path().join("q.db");
    let url = format!("http://127.0.0.1:{port}/");
    let q = queue.to_str().unwrap();
    let mut l = Listener::start(&[
        "--secret",
        SECRET,
        "--forward-to",
        &url,
        "--answer-first",
        "--queue",
        q,
        "--forward-attempts",
        "2",
    ]);
    assert_eq!(post_signed(l.port, SECRET, &body("TODO_CREATED", 1)).status, 200);
    let lines = l.take(3);
    assert_eq!(
        (lines[1]["state"].as_str(), lines[1]["attempt"].as_u64()),
        (Some("retrying"), Some(1))
    );
    assert_eq!(lines[1]["retry_in_ms"], 1000, "{}", lines[1]);
    assert_eq!(
        (lines[2]["state"].as_str(), lines[2]["status"].as_u64()),
        (Some("gave_up"), Some(500))
    );
    l.signal("INT");
    let _ = l.finish();
    let db = rusqlite::Connection::open(&queue).unwrap();
    let kept: (i64, i64) = db
        .query_row("SELECT attempts, gave_up FROM deliveries", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(kept, (2, 1), "given up, still in the file");
}

#[test]
fn an_app_slower_than_five_seconds_gets_one_hint_naming_answer_first() {
    let (port, _seen) = app_after(
        Duration::from_millis(5300),
        Some(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
    );
    let url = format!("http://127.0.0.1:{port}/");
    let mut l = Listener::start(&["--secret", SECRET, "--forward-to", &url]);
    for n in 1..=2 {
        assert_eq!(post_signed(l.port, SECRET, &body("TODO_CREATED", n)).status, 200);
    }
    l.take(2);
    let stderr = l.stderr_once("--answer-first");
    assert_eq!(stderr.matches("--answer-first").count(), 1, "once: {stderr}");
    assert!(stderr.contains("Blue gives up at 7 s"), "{stderr}");
}

#[test]
fn a_second_listener_on_the_same_queue_is_refused_and_the_file_is_private() {
    let app = App::start(0, Duration::ZERO);
    let dir = tempfile::tempdir().unwrap();
    let queue = dir.path().join("q.db");
    let _first = answer_first(&app, &queue, &[]);
    let q = queue.to_str().unwrap();
    let url = app.url();
    let second = crate::support::bluehook()
        .args(["listen", "--port", "0", "--forward-to", &url, "--answer-first", "--queue", q])
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("another listener is using it"), "{stderr}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&queue).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

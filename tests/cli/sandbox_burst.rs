//! The sandbox killed with SIGKILL in the middle of a burst of deliveries: after a restart on
//! the same state every delivery arrives, and none that the sandbox logged as answered 2xx
//! before the kill is sent again.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::sandbox::Sandbox;
use crate::support::WAIT;

const HOOKS: usize = 10;
const TODOS: usize = 200;
/// The sandbox is killed once it has logged this many 2xx attempts.
const KILL_AT: usize = 300;

/// A receiver that answers 200 at once and counts how often each body arrived.
#[derive(Default)]
struct Counter {
    seen: Mutex<HashMap<Vec<u8>, u32>>,
}

impl Counter {
    fn start() -> (Arc<Counter>, String) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let counter = Arc::new(Counter::default());
        let c = counter.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let c = c.clone();
                std::thread::spawn(move || c.serve(stream));
            }
        });
        (counter, url)
    }

    fn serve(&self, stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(WAIT));
        let Ok(mut out) = stream.try_clone() else { return };
        let mut reader = BufReader::new(stream);
        while let Some(body) = read_request(&mut reader) {
            *self.seen.lock().unwrap().entry(body).or_default() += 1;
            if out.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").is_err() {
                return;
            }
        }
    }

    /// (distinct bodies, deliveries received more than once).
    fn counts(&self) -> (usize, u32) {
        let seen = self.seen.lock().unwrap();
        (seen.len(), seen.values().map(|n| n - 1).sum())
    }
}

/// One HTTP/1.1 request's body, or None when the connection ends.
fn read_request(r: &mut BufReader<TcpStream>) -> Option<Vec<u8>> {
    let mut length = 0;
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body).ok()?;
    Some(body)
}

fn answered(v: &Value) -> bool {
    v["type"] == "attempt" && v["status"] == 200
}

#[test]
fn a_kill_9_during_a_burst_sends_nothing_logged_as_answered_again() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("sandbox.db");
    // 10x: the first attempts come 500 ms after the events, all created by then.
    let args = ["--speed", "10", "--state", state.to_str().unwrap()];
    let sb = Sandbox::start(&args);
    let (counter, url) = Counter::start();
    for _ in 0..HOOKS {
        let q = format!("mutation {{ createWebhook(input: {{url: \"{url}\"}}) {{ id }} }}");
        let v = sb.graphql_in_org(&q);
        assert!(v["errors"].is_null(), "{v}");
    }
    let list = sb.ready["list"]["id"].as_str().unwrap().to_string();
    for batch in 0..TODOS / 50 {
        let todos: String = (0..50)
            .map(|i| {
                let input = format!("{{todoListId: \"{list}\", title: \"b{batch}t{i}\"}}");
                format!("t{i}: createTodo(input: {input}) {{ id }} ")
            })
            .collect();
        let v = sb.graphql(&format!("mutation {{ {todos}}}"), true);
        assert!(v["errors"].is_null(), "{v}");
    }
    let mut logged = 0;
    while logged < KILL_AT {
        let v = sb.lines().recv_timeout(WAIT).expect("the burst goes on");
        logged += usize::from(answered(&v));
    }
    let pid = libc::pid_t::try_from(sb.pid()).unwrap();
    // SAFETY: kill(2) with SIGKILL on the sandbox, a child of this test.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    // Whatever it printed before it died.
    while let Ok(v) = sb.lines().recv_timeout(WAIT) {
        logged += usize::from(answered(&v));
    }
    sb.kill9();
    assert!(logged < HOOKS * TODOS, "killed during the burst");

    let sb = Sandbox::start(&args);
    let mut after = 0;
    let deadline = Instant::now() + WAIT;
    while counter.counts().0 < HOOKS * TODOS && Instant::now() < deadline {
        if let Ok(v) = sb.lines().recv_timeout(Duration::from_millis(50)) {
            after += usize::from(answered(&v));
        }
    }
    while let Ok(v) = sb.lines().recv_timeout(Duration::from_millis(300)) {
        after += usize::from(answered(&v));
    }
    let (distinct, twice) = counter.counts();
    assert_eq!(distinct, HOOKS * TODOS, "every delivery arrives after the restart");
    assert!(
        logged + after <= HOOKS * TODOS,
        "{} deliveries logged as answered before the kill were sent again",
        logged + after - HOOKS * TODOS
    );
    // Only what was in flight at the kill (answers not yet read or being committed) is sent
    // again, never more than the outbox has in flight.
    assert!(twice as usize <= 256, "{twice} sent again");
    eprintln!("sent again after the kill: {twice} (in flight at the kill)");
}

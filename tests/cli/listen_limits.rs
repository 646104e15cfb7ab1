//! `bluehook listen` at its limits: flags out of range, duplicate signatures, requests the
//! HTTP parser refuses, forwarding loops and failures, shutdown mid-forward, the memory
//! budget and the connection cap. Real processes on 127.0.0.1; every wait is bounded.

use std::io::Write;
use std::net::TcpListener;
use std::time::Duration;

use bluehook::signature::sign;
use serde_json::Value;

use crate::support::{
    Listener, app, bluehook, closed_port, connect, post_signed, read_reply, request, sigterm,
};

const SECRET: &str = "whsec_limits_test";
const BODY: &[u8] = br#"{"event":"TODO_CREATED","currentValue":{"id":"r1","title":"One"}}"#;

fn summary(lines: &[Value]) -> &Value {
    lines.iter().find(|l| l["type"] == "summary").expect("a summary line")
}

#[test]
fn durations_too_long_to_add_to_the_clock_are_usage_errors() {
    for (cmd, flag, value) in [
        ("listen", "--read-timeout", "1e19"),
        ("listen", "--timeout", "300000000000y"),
        ("send-sample", "--timeout", "1e19"),
        ("replay", "--timeout", "400d"),
    ] {
        let mut args = vec![cmd];
        match cmd {
            "listen" => args.extend(["--port", "0"]),
            "send-sample" => args.push("http://127.0.0.1:1/"),
            _ => args.extend(["/dev/null", "http://127.0.0.1:1/"]),
        }
        args.extend([flag, value]);
        bluehook()
            .args(&args)
            .timeout(Duration::from_secs(10))
            .assert()
            .code(2)
            .stderr(predicates::str::contains("at most 365 days"));
    }
}

#[test]
fn status_takes_only_final_statuses_from_200_to_599() {
    for bad in ["100", "101", "199", "600"] {
        bluehook().args(["listen", "--port", "0", "--status", bad]).assert().code(2);
    }
    let mut l = Listener::start(&["--secret", SECRET, "--status", "202"]);
    assert_eq!(post_signed(l.port, SECRET, BODY).status, 202);
    assert_eq!(l.next().unwrap()["status"], 202);
}

#[test]
fn path_with_a_query_is_refused_and_a_non_ascii_path_matches_decoded() {
    bluehook()
        .args(["listen", "--port", "0", "--path", "/hooks?token=1"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("query"));
    let mut l = Listener::start(&["--secret", SECRET, "--path", "/hooks/café"]);
    assert!(l.url.ends_with("/hooks/caf%C3%A9"), "{}", l.url);
    let sig = sign(SECRET.as_bytes(), BODY);
    let reply = request(l.port, "POST", "/hooks/caf%C3%A9?x=1", &[("X-Signature", &sig)], BODY);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(request(l.port, "POST", "/hooks/cafe", &[("X-Signature", &sig)], BODY).status, 404);
    let lines = l.take(2);
    assert_eq!(
        (lines[0]["path"].as_str(), lines[0]["reason"].as_str()),
        (Some("/hooks/caf%C3%A9?x=1"), None)
    );
    assert_eq!(lines[1]["reason"], "path-not-found");
}

#[test]
fn a_port_in_use_is_named_as_the_cause() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    bluehook()
        .args(["listen", "--port", &port])
        .timeout(Duration::from_secs(10))
        .assert()
        .code(1)
        .stderr(predicates::str::contains(format!("something else is using port {port}")));
}

#[test]
fn two_signatures_are_rejected_as_duplicate_even_when_the_first_is_genuine() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.ndjson");
    let mut l = Listener::start(&["--secret", SECRET, "--record", file.to_str().unwrap()]);
    let genuine = sign(SECRET.as_bytes(), BODY);
    let forged = "0".repeat(64);
    let headers = [("X-Signature", genuine.as_str()), ("X-Signature", forged.as_str())];
    let reply = request(l.port, "POST", "/", &headers, BODY);
    assert_eq!(reply.status, 401);
    assert!(reply.body.contains("duplicate-signature"), "{}", reply.body);
    let line = l.next().unwrap();
    assert_eq!(
        (line["reason"].as_str(), line["verified"].as_bool()),
        (Some("duplicate-signature"), Some(false))
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"", "nothing recorded");
    l.signal("TERM");
    let (_, rest, _) = l.finish();
    assert_eq!(summary(&rest)["rejected"], 1);
}

/// Sends raw bytes on a fresh connection and reads the answer.
fn raw(port: u16, bytes: &[u8]) -> u16 {
    let mut s = connect(port);
    s.write_all(bytes).unwrap();
    read_reply(s).status
}

#[test]
fn requests_the_http_parser_refuses_are_shown_and_counted() {
    let mut l = Listener::start(&["--secret", SECRET]);
    let nul = b"POST /nul HTTP/1.1\r\nHost: x\r\nX-Bad: a\0b\r\nContent-Length: 2\r\n\r\n{}";
    assert_eq!(raw(l.port, nul), 400);
    let big = format!("POST /big HTTP/1.1\r\nHost: x\r\nX-Pad: {}\r\n\r\n", "p".repeat(200_000));
    assert_eq!(raw(l.port, big.as_bytes()), 431);
    let long = format!("POST /{} HTTP/1.1\r\nHost: x\r\n\r\n", "u".repeat(70_000));
    assert_eq!(raw(l.port, long.as_bytes()), 414);
    let mut lines = l.take(3);
    lines.sort_by_key(|r| r["status"].as_u64());
    let seen: Vec<(u64, &str, &str)> = lines
        .iter()
        .map(|r| {
            let path = r["path"].as_str().unwrap();
            (
                r["status"].as_u64().unwrap(),
                r["reason"].as_str().unwrap(),
                &path[..4.min(path.len())],
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (400, "bad-request", "/nul"),
            (414, "uri-too-long", "/uuu"),
            (431, "headers-too-large", "/big")
        ]
    );
    assert!(lines.iter().all(|r| r["method"] == "POST" && r["verified"].is_null()));
    l.signal("TERM");
    let (_, rest, _) = l.finish();
    assert_eq!(summary(&rest)["invalid"], 3);
}

#[test]
fn a_refused_request_gets_a_human_line_too() {
    let args = ["--compact", "--secret", SECRET];
    let (child, port, stderr) =
        crate::support::human_listener(crate::support::bluehook_std(), &args);
    assert_eq!(raw(port, b"POST /x HTTP/1.1\r\nHost: x\r\nX-Bad: a\0b\r\n\r\n"), 400);
    assert_eq!(post_signed(port, SECRET, BODY).status, 200);
    sigterm(&child);
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains("refused") && lines[0].contains("POST /x") && lines[0].contains("400"),
        "{text}"
    );
    let stderr = stderr.join().unwrap();
    assert!(
        stderr.contains("1 received (1 verified), 0 rejected (bad signature), 1 invalid"),
        "{stderr}"
    );
}

#[test]
fn forwarding_to_the_listener_itself_is_refused_at_start() {
    let port = closed_port().to_string();
    for target in [format!("http://127.0.0.1:{port}/"), format!("http://localhost:{port}/hook")] {
        bluehook()
            .args(["listen", "--port", &port, "--forward-to", &target])
            .timeout(Duration::from_secs(10))
            .assert()
            .code(2)
            .stderr(predicates::str::contains("is this listener itself"));
    }
}

#[test]
fn a_forwarding_loop_through_another_listener_is_cut_at_once() {
    let a_port = closed_port();
    let mut b = Listener::start(&["--forward-to", &format!("http://127.0.0.1:{a_port}/")]);
    let mut a = Listener::start_on(a_port, &["--secret", SECRET, "--forward-to", &b.url]);
    assert_eq!(a.port, a_port);
    let reply = post_signed(a.port, SECRET, BODY);
    assert_eq!(reply.status, 508, "{}", reply.body);
    let mut lines = a.take(2);
    lines.sort_by_key(|r| r["reason"].is_null());
    assert_eq!(lines[0]["reason"], "forward-loop");
    assert_eq!(
        (lines[1]["reason"].clone(), lines[1]["forward"]["status"].as_u64()),
        (Value::Null, Some(508))
    );
    assert_eq!(b.take(1)[0]["forward"]["status"], 508);
    a.signal("TERM");
    let (_, rest, _) = a.finish();
    assert!(rest.iter().all(|r| r["type"] != "request"), "no more deliveries: {rest:?}");
}

#[test]
fn with_forwarding_the_apps_failure_does_not_meet_the_gate() {
    let (port, _seen) = app(Some(
        b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\nConnection: close\r\n\r\nboom",
    ));
    let target = format!("http://127.0.0.1:{port}/");
    let args = [
        "--secret",
        SECRET,
        "--forward-to",
        &target,
        "--expect",
        "TODO_CREATED",
        "--timeout",
        "2s",
    ];
    let mut l = Listener::start(&args);
    assert_eq!(post_signed(l.port, SECRET, BODY).status, 500);
    assert_eq!(l.next().unwrap()["forward"]["status"], 500);
    let (code, rest, stderr) = l.finish();
    assert_eq!(code, Some(4), "{stderr}");
    assert_eq!(summary(&rest)["missing"][0], "TODO_CREATED");
}

#[test]
fn a_forward_cut_short_is_a_502_and_hop_headers_stay_behind() {
    let (port, seen) =
        app(Some(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\npartial"));
    let mut l = Listener::start(&[
        "--secret",
        SECRET,
        "--forward-to",
        &format!("http://127.0.0.1:{port}/"),
    ]);
    let sig = sign(SECRET.as_bytes(), BODY);
    let headers = [
        ("X-Signature", sig.as_str()),
        ("Connection", "X-Hop"),
        ("X-Hop", "secret"),
        ("Expect", "100-continue"),
        ("X-Kept", "yes"),
    ];
    let reply = request(l.port, "POST", "/", &headers, BODY);
    // `Expect: 100-continue` gets its interim answer first; the final one follows.
    let (interim, last) = (reply.status, reply.body.rsplit("HTTP/1.1 ").next().unwrap());
    assert_eq!((interim, &last[..3]), (100, "502"), "{}", reply.body);
    assert!(last.contains("response body cut off"), "{last}");
    let line = l.next().unwrap();
    assert_eq!(
        (line["status"].as_u64(), line["forward"]["failure"].as_str()),
        (Some(502), Some("incomplete"))
    );
    let got = seen.recv_timeout(Duration::from_secs(20)).unwrap().to_ascii_lowercase();
    assert!(got.contains("x-kept: yes") && got.contains("x-bluehook-forwarded:"), "{got}");
    assert!(!got.contains("x-hop") && !got.contains("expect:"), "{got}");
}

#[test]
fn sigterm_during_a_slow_forward_answers_503_and_shows_the_request() {
    let (port, seen) = app(None);
    let l = Listener::start(&[
        "--secret",
        SECRET,
        "--forward-to",
        &format!("http://127.0.0.1:{port}/"),
    ]);
    let listen_port = l.port;
    let sender = std::thread::spawn(move || post_signed(listen_port, SECRET, BODY));
    seen.recv_timeout(Duration::from_secs(20)).expect("the app got the delivery");
    l.signal("TERM");
    let reply = sender.join().unwrap();
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert!(reply.head.contains("retry-after:"), "{}", reply.head);
    let (code, rest, _) = l.finish();
    assert_eq!(code, Some(130));
    let requests: Vec<&Value> = rest.iter().filter(|r| r["type"] == "request").collect();
    assert_eq!(requests.len(), 1, "{rest:?}");
    assert_eq!(
        (requests[0]["status"].as_u64(), requests[0]["reason"].as_str()),
        (Some(503), Some("shutting-down"))
    );
    let s = summary(&rest);
    assert_eq!(s["received"].as_u64().unwrap() + s["invalid"].as_u64().unwrap(), 1);
}

/// Announces `len` bytes and sends `sent` of them, then holds the connection.
fn unfinished(port: u16, len: usize, sent: usize) -> std::net::TcpStream {
    let mut s = connect(port);
    let head = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nX-Signature: {}\r\nContent-Length: {len}\r\n\r\n",
        "0".repeat(64)
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(&vec![b' '; sent]).unwrap();
    s
}

#[test]
fn past_the_memory_budget_bodies_get_503_and_a_genuine_delivery_is_still_answered() {
    let args = ["--secret", SECRET, "--memory-budget", "64k", "--max-body", "64k"];
    let mut l = Listener::start(&args);
    // A body still arriving holds the whole budget: a newcomer is refused, to retry later.
    let busy = unfinished(l.port, 64 * 1024, 10);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let trickler = {
        let (mut s, stop) = (busy.try_clone().unwrap(), stop.clone());
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && s.write_all(b" ").is_ok() {
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    let refused = post_signed(l.port, SECRET, BODY);
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert!(refused.head.contains("retry-after: 1"), "{}", refused.head);
    assert!(refused.body.contains("over-budget"), "{}", refused.body);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    trickler.join().unwrap();
    // Once it stalls, it makes room: the genuine delivery is answered, the stalled one gets 503.
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(post_signed(l.port, SECRET, BODY).status, 200);
    busy.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let evicted = read_reply(busy);
    assert_eq!(evicted.status, 503);
    assert!(evicted.head.contains("retry-after: 1"), "{}", evicted.head);
    let reasons: Vec<Value> = l.take(3).into_iter().map(|r| r["reason"].clone()).collect();
    assert_eq!(reasons.iter().filter(|r| *r == "over-budget").count(), 2, "{reasons:?}");
    assert!(reasons.contains(&Value::Null), "{reasons:?}");
}

#[test]
fn past_the_connection_cap_new_connections_get_503() {
    let l = Listener::start(&["--secret", SECRET, "--max-connections", "2"]);
    let held: Vec<_> = (0..2).map(|_| unfinished(l.port, 100, 1)).collect();
    std::thread::sleep(Duration::from_millis(300));
    let turned = post_signed(l.port, SECRET, BODY);
    assert_eq!(turned.status, 503, "{}", turned.body);
    assert!(turned.head.contains("retry-after: 1"), "{}", turned.head);
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(post_signed(l.port, SECRET, BODY).status, 200, "room again once they closed");
}

#[test]
fn the_ready_line_names_the_resolved_forward_target_and_never_its_password() {
    let app = Listener::start(&[]);
    let ready_note = |forward: &str| {
        let front = Listener::start(&["--timeout", "1s", "--forward-to", forward]);
        let (code, _, stderr) = front.finish();
        assert_eq!(code, Some(0), "{stderr}");
        stderr.lines().find(|l| l.contains("listening on")).unwrap_or_default().to_string()
    };
    let plain = ready_note(&format!("localhost:{}/app", app.port));
    let resolved = format!("forwarding to http://localhost:{}/app", app.port);
    assert!(plain.contains(&resolved), "{plain}");
    let password = "hunter2-forward";
    let with_password = format!("http://user:{password}@localhost:{}/app", app.port);
    let note = ready_note(&with_password);
    assert!(note.contains("forwarding to http://user:"), "{note}");
    assert!(note.contains(&format!("@localhost:{}/app", app.port)), "{note}");
    assert!(!note.contains(password), "{note}");
}

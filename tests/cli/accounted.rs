//! Every accepted delivery is answered in Blue's time, reported, counted and finished,
//! whatever the sender, the command, the app or the filter does.

use std::io::{Read, Write};
use std::time::Duration;

use crate::support::{
    Listener, app_after, bluehook_std, bluehook_with_open_files, connect, post_signed, request,
};

const SECRET: &str = "whsec_accounted";
const BODY: &[u8] = br#"{"event":"TODO_CREATED","currentValue":{"id":"t1"}}"#;
const OK: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";

/// Sends a signed delivery and hangs up after `wait` without reading the answer, as Blue
/// does after its timeout.
fn send_and_hang_up(port: u16, body: &[u8], wait: Duration) {
    let sig = bluehook::signature::sign(SECRET.as_bytes(), body);
    let mut s = connect(port);
    let head = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Signature: {sig}\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    s.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0u8; 64];
    assert!(s.read(&mut buf).is_err(), "answered before the sender gave up");
}

#[test]
fn a_sender_that_hangs_up_does_not_cut_the_command_short() {
    let dir = tempfile::tempdir().unwrap();
    let done = dir.path().join("done");
    let script = format!("sleep 1.5; echo finished > {}", done.display());
    let mut l = Listener::start(&["--secret", SECRET, "--exec", &script, "--count", "1"]);
    send_and_hang_up(l.port, BODY, Duration::from_millis(300));
    let line = l.next().expect("the delivery's line");
    assert_eq!((line["type"].as_str(), line["exec"]["code"].as_i64()), (Some("request"), Some(0)));
    assert_eq!(std::fs::read_to_string(&done).unwrap(), "finished\n", "the command ran to its end");
    let (code, rest, _) = l.finish();
    assert_eq!(code, Some(0), "--count 1 was met");
    let summary = rest.iter().find(|l| l["type"] == "summary").unwrap();
    assert_eq!(summary["received"], 1, "{summary}");
}

#[test]
fn a_sender_that_hangs_up_still_gets_its_forward_reported() {
    let (port, seen) = app_after(Duration::from_millis(1500), Some(OK));
    let target = format!("http://127.0.0.1:{port}/hook");
    let mut l = Listener::start(&["--secret", SECRET, "--forward-to", &target, "--count", "1"]);
    send_and_hang_up(l.port, BODY, Duration::from_millis(300));
    let line = l.next().expect("the delivery's line");
    assert_eq!(line["forward"]["status"], 200, "{line}");
    assert!(seen.recv_timeout(Duration::from_secs(5)).unwrap().ends_with("t1\"}}"));
    let (code, _, _) = l.finish();
    assert_eq!(code, Some(0), "--count 1 was met");
}

/// A client that waits as long as Blue does: an answer later than 7 s is no answer.
fn post_as_blue(port: u16, body: &[u8]) -> Option<u16> {
    let sig = bluehook::signature::sign(SECRET.as_bytes(), body);
    let mut s = connect(port);
    let head = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Signature: {sig}\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(7))).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 256];
    while !got.windows(4).any(|w| w == b"\r\n\r\n") {
        match s.read(&mut buf) {
            Ok(n @ 1..) => got.extend_from_slice(&buf[..n]),
            _ => return None,
        }
    }
    String::from_utf8_lossy(&got).split(' ').nth(1)?.parse().ok()
}

#[test]
fn a_command_and_a_slow_app_together_answer_within_blue_s_timeout() {
    let (port, _seen) = app_after(Duration::from_secs(4), Some(OK));
    let target = format!("http://127.0.0.1:{port}/");
    let mut l =
        Listener::start(&["--secret", SECRET, "--exec", "sleep 4", "--forward-to", &target]);
    // 4 s of command and 4 s of app would be 8 s: the app gets what the command left.
    assert_eq!(post_as_blue(l.port, BODY), Some(502));
    let line = l.next().unwrap();
    assert_eq!((line["exec"]["code"].as_i64(), line["status"].as_u64()), (Some(0), Some(502)));
}

#[test]
fn exec_ack_answers_without_waiting_for_the_command() {
    let mut l = Listener::start(&["--secret", SECRET, "--exec", "sleep 30", "--exec-ack"]);
    assert_eq!(post_as_blue(l.port, BODY), Some(200));
    // The line comes when the command is killed at the end of its time.
    let line = l.next().unwrap();
    assert_eq!(
        (line["exec"]["timed_out"].as_bool(), line["status"].as_u64()),
        (Some(true), Some(200))
    );
}

#[test]
fn a_looping_filter_fails_its_delivery_and_stops_nothing_else() {
    let filter = r#"if .event == "LOOP" then until(false; .) else true end"#;
    let mut l = Listener::start(&["--secret", SECRET, "--filter", filter]);
    let looping = br#"{"event":"LOOP"}"#;
    // More looping deliveries than the runtime has workers, at once.
    let senders: Vec<_> = (0..3)
        .map(|_| {
            let port = l.port;
            std::thread::spawn(move || post_signed(port, SECRET, looping))
        })
        .collect();
    for s in senders {
        let reply = s.join().unwrap();
        assert_eq!(reply.status, 500, "{}", reply.body);
        assert!(reply.body.contains("filter-failed"), "{}", reply.body);
    }
    assert_eq!(post_signed(l.port, SECRET, BODY).status, 200, "the others are still answered");
    let lines = l.take(4);
    let failed = lines.iter().filter(|r| r["reason"] == "filter-failed").count();
    assert_eq!(failed, 3, "each failure is reported: {lines:?}");
    l.signal("TERM");
    let (code, rest, _) = l.finish();
    assert_eq!(code, Some(130), "SIGTERM still ends it");
    let summary = rest.iter().find(|l| l["type"] == "summary").unwrap();
    assert_eq!((summary["received"].as_u64(), summary["invalid"].as_u64()), (Some(1), Some(3)));
}

#[test]
fn halt_in_a_filter_ends_one_delivery_not_the_listener() {
    let filter =
        r#"if .event == "HALT" then halt elif .event == "ERR" then halt_error else true end"#;
    let mut l = Listener::start(&["--secret", SECRET, "--filter", filter]);
    assert_eq!(post_signed(l.port, SECRET, br#"{"event":"HALT"}"#).status, 200);
    assert_eq!(post_signed(l.port, SECRET, br#"{"event":"ERR"}"#).status, 500);
    assert_eq!(post_signed(l.port, SECRET, BODY).status, 200);
    let lines = l.take(2);
    assert_eq!(
        (lines[0]["reason"].as_str(), lines[1]["event"].as_str()),
        (Some("filter-failed"), Some("TODO_CREATED"))
    );
    l.signal("INT");
    let (code, rest, _) = l.finish();
    assert_eq!(code, Some(130));
    let summary = rest.iter().find(|l| l["type"] == "summary").unwrap();
    assert_eq!((summary["filtered"].as_u64(), summary["received"].as_u64()), (Some(1), Some(1)));
}

#[test]
fn the_command_sees_no_secret_and_no_header_passes_for_another() {
    let dir = tempfile::tempdir().unwrap();
    let env = dir.path().join("env");
    let mut cmd = bluehook_std();
    cmd.env("BLUEHOOK_SECRET", SECRET).env("BLUE_TOKEN_SECRET", "token-secret");
    cmd.env("BLUEHOOK_HEADER_X_INJECTED", "from-the-environment");
    let script = format!("env > {}", env.display());
    let mut l = Listener::start_command(cmd, &["--exec", &script, "--count", "1"]);
    let sig = bluehook::signature::sign(SECRET.as_bytes(), BODY);
    let headers = [("X-Signature", sig.as_str()), ("X_Signature", "forged"), ("X-Trace", "a")];
    assert_eq!(request(l.port, "POST", "/", &headers, BODY).status, 200);
    assert_eq!(l.next().unwrap()["exec"]["code"], 0);
    let env = std::fs::read_to_string(&env).unwrap();
    for secret in [SECRET, "token-secret", "from-the-environment"] {
        assert!(!env.contains(secret), "{secret} reached the command:\n{env}");
    }
    let var = |name: &str| {
        env.lines().find_map(|l| l.strip_prefix(&format!("{name}="))).map(str::to_string)
    };
    assert_eq!(var("BLUEHOOK_HEADER_X_SIGNATURE"), Some(sig.clone()), "{env}");
    assert_eq!(var("BLUEHOOK_HEADER_X_TRACE").as_deref(), Some("a"));
    let all: serde_json::Value = serde_json::from_str(&var("BLUEHOOK_HEADERS").unwrap()).unwrap();
    assert_eq!(
        (all["x_signature"].as_str(), all["x-signature"].as_str()),
        (Some("forged"), Some(sig.as_str()))
    );
}

#[test]
fn idle_connections_to_the_inspector_cannot_starve_the_receiver() {
    let mut l =
        Listener::start_command(bluehook_with_open_files(200), &["--secret", SECRET, "--inspect"]);
    let inspector = l.ready["inspector"].as_str().unwrap().to_string();
    let port = crate::support::port_in(&inspector);
    // More idle connections, without any token, than the process has descriptors.
    let idle: Vec<_> =
        (0..300).map(|_| std::net::TcpStream::connect(("127.0.0.1", port))).collect();
    assert!(idle.iter().filter(|c| c.is_ok()).count() >= 250);
    assert_eq!(post_signed(l.port, SECRET, BODY).status, 200);
    assert_eq!(l.next().unwrap()["event"], "TODO_CREATED");
    drop(idle);
}

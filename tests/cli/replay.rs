//! `bluehook replay`: recorded deliveries re-sent to real listeners on 127.0.0.1.

use std::path::Path;

use bluehook::signature::sign;
use predicates::prelude::*;
use serde_json::{Value, json};

use crate::support::{Listener, bluehook, post_signed};

fn post(port: u16, secret: &str, body: &[u8]) -> u16 {
    post_signed(port, secret, body).status
}

const SECRET: &str = "whsec_replay_test";

fn record_lines(file: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// A record line as the listener writes it.
fn line(event: &str, body: &str, signature: Option<&str>) -> String {
    let headers = match signature {
        Some(s) => json!({"content-type": "application/json", "x-signature": s}),
        None => json!({"content-type": "application/json"}),
    };
    json!({"received_at": "2025-06-02T09:30:00.123Z", "method": "POST", "path": "/",
           "event": event, "verified": signature.is_some(), "headers": headers, "body": body})
    .to_string()
}

fn body(event: &str, n: u32) -> String {
    format!("{{ \"event\":\"{event}\", \"currentValue\": {{\"id\":\"r{n}\"}} }}")
}

#[test]
fn recorded_deliveries_go_out_byte_for_byte_with_their_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a.ndjson"), dir.path().join("b.ndjson"));
    let mut a = Listener::start(&["--secret", SECRET, "--record", first.to_str().unwrap()]);
    let bodies: [&[u8]; 3] = [
        b"{ \"event\" : \"TODO_CREATED\",\n \"title\": \"caf\xc3\xa9 \\\"q\\\"\" }\n",
        b"{\"z\":1,\"a\":[1.50,2e3],\"event\":\"TAG_DELETED\"}",
        b"{\"event\":\"COMMENT_UPDATED\",\"text\":\"\\u00e9\\n\"}",
    ];
    for b in bodies {
        assert_eq!(post(a.port, SECRET, b), 200);
    }
    assert_eq!(post(a.port, "forged", bodies[0]), 401, "forged ones are not recorded");
    a.take(4);
    let mut b = Listener::start(&["--secret", SECRET, "--record", second.to_str().unwrap()]);
    bluehook()
        .args(["replay", first.to_str().unwrap(), &b.url])
        .assert()
        .success()
        .stdout(predicate::str::contains("replayed 3 of 3 deliveries"))
        .stdout(predicate::str::contains("recorded signature"));
    let seen = b.take(3);
    assert!(seen.iter().all(|r| r["verified"] == true && r["status"] == 200), "{seen:?}");
    let (sent, got) = (record_lines(&first), record_lines(&second));
    assert_eq!(got.len(), 3);
    for ((s, g), original) in sent.iter().zip(&got).zip(bodies) {
        assert_eq!(g["body"].as_str().unwrap().as_bytes(), original);
        assert_eq!(g["headers"]["x-signature"], s["headers"]["x-signature"]);
        assert!(g["headers"]["user-agent"].as_str().unwrap().starts_with("bluehook/"));
    }
}

#[test]
fn secret_re_signs_and_json_reports_each_delivery() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.ndjson");
    let lines: Vec<String> = (0..3)
        .map(|n| {
            let b = body("TODO_CREATED", n);
            line("TODO_CREATED", &b, Some(&sign(b"old-secret", b.as_bytes())))
        })
        .collect();
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let mut l = Listener::start(&["--secret", SECRET]);
    let path = file.to_str().unwrap();
    bluehook()
        .args(["replay", path, &l.url])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("3 of 3 deliveries failed (first: HTTP 401)"));
    let out = bluehook()
        .args(["replay", path, &l.url, "--json", "--concurrency", "3"])
        .env("BLUEHOOK_SECRET", SECRET)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out: Vec<Value> =
        String::from_utf8(out).unwrap().lines().map(|s| serde_json::from_str(s).unwrap()).collect();
    assert_eq!(out.len(), 4);
    let mut lines_sent: Vec<u64> = out[..3].iter().map(|d| d["line"].as_u64().unwrap()).collect();
    lines_sent.sort();
    assert_eq!(lines_sent, [1, 2, 3]);
    for d in &out[..3] {
        assert_eq!(
            (d["type"].as_str(), d["signing"].as_str()),
            (Some("delivery"), Some("resigned"))
        );
        assert_eq!((d["ok"].as_bool(), d["result"]["status"].as_u64()), (Some(true), Some(200)));
    }
    let s = &out[3];
    assert_eq!(
        (s["type"].as_str(), s["sent"].as_u64(), s["succeeded"].as_u64()),
        (Some("summary"), Some(3), Some(3))
    );
    let seen = l.take(6);
    assert_eq!(seen.iter().filter(|r| r["verified"] == true).count(), 3);
    assert_eq!(seen.iter().filter(|r| r["reason"] == "signature-mismatch").count(), 3);
}

#[test]
fn malformed_lines_are_named_and_skipped_or_refused_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mixed.ndjson");
    let good = body("TAG_CREATED", 1);
    let text = [
        line("TAG_CREATED", &good, Some(&sign(SECRET.as_bytes(), good.as_bytes()))),
        "{\"body\": \"unterminated".to_string(),
        String::new(),
        r#"{"event":"TAG_CREATED","body":{"not":"a string"}}"#.to_string(),
        "[1,2]".to_string(),
    ]
    .join("\n");
    std::fs::write(&file, text).unwrap();
    let path = file.to_str().unwrap();
    let l = Listener::start(&["--secret", SECRET]);
    bluehook()
        .args(["replay", path, &l.url, "--strict"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{path}:2: not JSON")))
        .stderr(predicate::str::contains(format!("{path}:4: not a record: invalid type")))
        .stderr(predicate::str::contains(format!("{path}:5: not a JSON object but an array")))
        .stderr(predicate::str::contains("nothing was sent (--strict)"));
    bluehook()
        .args(["replay", path, &l.url])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("{path}:2: not JSON")))
        .stderr(predicate::str::contains("skipping 3 line(s)"))
        .stdout(predicate::str::contains("replayed 1 of 1 deliveries"));
    l.signal("TERM");
    let (code, rest, _) = l.finish();
    assert_eq!(code, Some(130));
    let summary = rest.iter().find(|r| r["type"] == "summary").unwrap();
    assert_eq!(summary["received"], 1, "--strict sent nothing, the second run one: {rest:?}");
}

#[test]
fn event_and_line_filters_pick_what_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.ndjson");
    let events = ["TODO_CREATED", "TAG_CREATED", "TODO_CREATED", "COMMENT_CREATED", "TODO_CREATED"];
    let lines: Vec<String> =
        events.iter().enumerate().map(|(n, e)| line(e, &body(e, n as u32), None)).collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let mut l = Listener::start(&[]);
    let out = bluehook()
        .args(["replay", file.to_str().unwrap(), &l.url, "--json", "-e", "todo-created"])
        .args(["--only", "2-4", "--only", "5-"])
        .assert()
        .success()
        .stderr(predicate::str::contains("go out unsigned"))
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let sent: Vec<u64> = text
        .lines()
        .map(|s| serde_json::from_str::<Value>(s).unwrap())
        .filter(|v| v["type"] == "delivery")
        .map(|v| v["line"].as_u64().unwrap())
        .collect();
    assert_eq!(sent, [3, 5]);
    let seen = l.take(2);
    assert_eq!(seen[0]["body"]["currentValue"]["id"], "r2");
    assert_eq!(seen[1]["body"]["currentValue"]["id"], "r4");
    bluehook()
        .args(["replay", file.to_str().unwrap(), &l.url, "-e", "TODO_CRATED"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean TODO_CREATED"));
    bluehook()
        .args(["replay", file.to_str().unwrap(), &l.url, "--only", "4-2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ends before it starts"));
}

#[test]
fn unreachable_receiver_and_missing_file_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.ndjson");
    std::fs::write(&file, line("TAG_CREATED", &body("TAG_CREATED", 1), None) + "\n").unwrap();
    let port = crate::support::closed_port();
    bluehook()
        .args(["replay", file.to_str().unwrap(), &format!("http://127.0.0.1:{port}/")])
        .assert()
        .code(5)
        .stdout(predicate::str::contains("connection refused"))
        .stderr(predicate::str::contains("1 of 1 deliveries failed"));
    bluehook()
        .args(["replay", dir.path().join("none").to_str().unwrap(), "http://127.0.0.1:9/"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
    bluehook()
        .args(["replay", file.to_str().unwrap(), "ftp://x/"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only over http or https"));
}

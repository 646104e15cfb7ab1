//! `bluehook listen`, driven over raw TCP so requests can be forged, cut short or trickled.

use std::io::Write;

use bluehook::signature::sign;
use serde_json::Value;

use crate::support::{
    Listener, bluehook, bluehook_std, connect, post_signed, read_reply, request, sigterm, trickle,
};

const SECRET: &str = "whsec_listen_test";

fn body_for(event: &str, n: usize) -> Vec<u8> {
    format!(r#"{{"event":"{event}","webhook":{{"id":"wh1"}},"previousValue":null,"currentValue":{{"id":"r{n}","title":"Record {n}"}}}}"#)
        .into_bytes()
}

fn requests_only(lines: Vec<Value>) -> Vec<Value> {
    lines.into_iter().filter(|l| l["type"] == "request").collect()
}

fn summary(lines: &[Value]) -> &Value {
    lines.iter().find(|l| l["type"] == "summary").expect("a summary line")
}

#[test]
fn signed_delivery_is_answered_200_and_reported_verified() {
    let mut l = Listener::start(&["--secret", SECRET]);
    assert_eq!(l.url, format!("http://127.0.0.1:{}/", l.port));
    let body = body_for("TODO_CREATED", 1);
    let sig = sign(SECRET.as_bytes(), &body);
    let reply = request(l.port, "POST", "/hooks/blue?x=1", &[("X-Signature", &sig)], &body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let line = l.next().expect("a request line");
    assert_eq!(line["type"], "request");
    assert_eq!(
        (line["method"].as_str(), line["path"].as_str()),
        (Some("POST"), Some("/hooks/blue?x=1"))
    );
    assert_eq!(
        (line["verified"].clone(), line["reason"].clone()),
        (Value::Bool(true), Value::Null)
    );
    assert_eq!(
        (line["status"].as_u64(), line["event"].as_str()),
        (Some(200), Some("TODO_CREATED"))
    );
    assert_eq!(line["headers"]["x-signature"], sig.as_str());
    assert_eq!(line["body"], serde_json::from_slice::<Value>(&body).unwrap());
    assert!(line["received_at"].as_str().unwrap().ends_with('Z'));
    let stderr = l.stderr_once("verifying X-Signature");
    assert!(stderr.contains("verifying X-Signature"), "{stderr}");
}

#[test]
fn bad_signatures_get_401_with_the_reason_and_are_not_counted() {
    let mut l = Listener::start(&["--secret", SECRET]);
    let body = body_for("TODO_CREATED", 2);
    let wrong = post_signed(l.port, "not-the-secret", &body);
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("signature-mismatch"), "{}", wrong.body);
    let missing = request(l.port, "POST", "/", &[], &body);
    assert_eq!(missing.status, 401);
    let malformed = request(l.port, "POST", "/", &[("X-Signature", "sha256=abc")], &body);
    assert_eq!(malformed.status, 401);
    // A signature over other bytes (re-serialised JSON) does not verify either.
    let spaced = b"{\"event\": \"TODO_CREATED\"}";
    let sig = sign(SECRET.as_bytes(), b"{\"event\":\"TODO_CREATED\"}");
    assert_eq!(request(l.port, "POST", "/", &[("X-Signature", &sig)], spaced).status, 401);
    let lines = l.take(4);
    let reasons: Vec<&str> = lines.iter().map(|r| r["reason"].as_str().unwrap()).collect();
    assert_eq!(
        reasons,
        ["signature-mismatch", "missing-signature", "malformed-signature", "signature-mismatch"]
    );
    assert!(lines.iter().all(|r| r["verified"] == false && r["status"] == 401));
    assert_eq!(lines[0]["event"], "TODO_CREATED", "rejected requests are still shown");
    l.signal("TERM");
    let (code, rest, stderr) = l.finish();
    assert_eq!(code, Some(130));
    let s = summary(&rest);
    assert_eq!((s["received"].as_u64(), s["rejected"].as_u64()), (Some(0), Some(4)));
    assert!(stderr.contains("0 received (0 verified), 4 rejected"), "{stderr}");
}

#[test]
fn wrong_method_path_size_and_non_json_get_their_statuses() {
    let args = ["--secret", SECRET, "--path", "hooks", "--max-body", "1k"];
    let mut l = Listener::start(&args);
    assert!(l.url.ends_with("/hooks"), "{}", l.url);
    let get = request(l.port, "GET", "/hooks", &[], b"");
    assert_eq!(get.status, 405);
    assert!(get.head.contains("allow: post"), "{}", get.head);
    let body = body_for("TAG_CREATED", 3);
    let sig = sign(SECRET.as_bytes(), &body);
    assert_eq!(request(l.port, "POST", "/elsewhere", &[("X-Signature", &sig)], &body).status, 404);
    let big = format!(r#"{{"event":"TAG_CREATED","pad":"{}"}}"#, "x".repeat(2000)).into_bytes();
    let sig_big = sign(SECRET.as_bytes(), &big);
    assert_eq!(request(l.port, "POST", "/hooks", &[("X-Signature", &sig_big)], &big).status, 413);
    let text = b"event=TAG_CREATED&not=json";
    let sig_text = sign(SECRET.as_bytes(), text);
    let reply = request(l.port, "POST", "/hooks", &[("X-Signature", &sig_text)], text);
    assert_eq!(reply.status, 400);
    assert_eq!(request(l.port, "POST", "/hooks", &[("X-Signature", &sig)], &body).status, 200);
    let lines = l.take(5);
    let seen: Vec<(u64, &str)> = lines
        .iter()
        .map(|r| (r["status"].as_u64().unwrap(), r["reason"].as_str().unwrap_or("-")))
        .collect();
    assert_eq!(
        seen,
        [
            (405, "method-not-allowed"),
            (404, "path-not-found"),
            (413, "body-too-large"),
            (400, "invalid-json"),
            (200, "-")
        ]
    );
    assert_eq!(lines[3]["body"], "event=TAG_CREATED&not=json", "a non-JSON body is shown as text");
    assert_eq!(lines[3]["verified"], true);
    assert_eq!(lines[2]["size"].as_u64(), Some(big.len() as u64));
}

#[test]
fn chunked_body_over_the_limit_is_refused_without_reading_it_all() {
    let mut l = Listener::start(&["--secret", SECRET, "--max-body", "1k"]);
    let mut stream = connect(l.port);
    let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    stream.write_all(head.as_bytes()).unwrap();
    // Announce far more than the limit, send a little over it, and stop.
    let chunk = "y".repeat(1500);
    stream.write_all(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes()).unwrap();
    let reply = read_reply(stream);
    assert_eq!(reply.status, 413);
    let line = l.next().unwrap();
    assert_eq!(line["reason"], "body-too-large");
    assert_eq!(post_signed(l.port, SECRET, &body_for("TAG_DELETED", 4)).status, 200);
}

#[test]
fn without_a_secret_deliveries_are_unverified_with_one_warning() {
    let mut l = Listener::start(&[]);
    for n in 0..2 {
        assert_eq!(request(l.port, "POST", "/", &[], &body_for("COMMENT_CREATED", n)).status, 200);
    }
    let lines = l.take(2);
    assert!(lines.iter().all(|r| r["verified"].is_null() && r["status"] == 200));
    let stderr = l.stderr_once("warning: no secret");
    assert_eq!(stderr.matches("warning: no secret").count(), 1, "{stderr}");
}

#[test]
fn status_flag_sets_the_answer_for_accepted_deliveries() {
    let mut l = Listener::start(&["--secret", SECRET, "--status", "503"]);
    assert_eq!(post_signed(l.port, SECRET, &body_for("TAG_UPDATED", 5)).status, 503);
    assert_eq!(l.next().unwrap()["status"], 503);
}

#[test]
fn expectations_met_exit_0_at_once() {
    let args = [
        "--secret",
        SECRET,
        "--expect",
        "TODO_CREATED",
        "--expect",
        "tag-created",
        "--count",
        "3",
        "--timeout",
        "60s",
    ];
    let mut l = Listener::start(&args);
    assert_eq!(post_signed(l.port, SECRET, &body_for("TAG_CREATED", 1)).status, 200);
    // A forged TODO_CREATED must not count.
    assert_eq!(post_signed(l.port, "forged", &body_for("TODO_CREATED", 2)).status, 401);
    assert_eq!(post_signed(l.port, SECRET, &body_for("TODO_CREATED", 3)).status, 200);
    assert_eq!(requests_only(l.take(3)).len(), 3);
    assert_eq!(post_signed(l.port, SECRET, &body_for("COMMENT_DELETED", 4)).status, 200);
    let (code, rest, stderr) = l.finish();
    assert_eq!(code, Some(0), "{stderr}");
    let s = summary(&rest);
    assert_eq!((s["verified"].as_u64(), s["rejected"].as_u64()), (Some(3), Some(1)));
    assert_eq!(s["missing"], serde_json::json!([]));
    assert!(stderr.contains("every expectation met"), "{stderr}");
}

#[test]
fn timeout_exits_4_naming_what_is_missing() {
    let args = ["--secret", SECRET, "--expect", "TODO_DELETED", "--count", "2", "--timeout", "1s"];
    let mut l = Listener::start(&args);
    assert_eq!(post_signed(l.port, SECRET, &body_for("TAG_CREATED", 1)).status, 200);
    assert_eq!(l.next().unwrap()["event"], "TAG_CREATED");
    let (code, rest, stderr) = l.finish();
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("timed out after 1s waiting for TODO_DELETED"), "{stderr}");
    assert!(stderr.contains("1 more event(s) (got 1 of 2)"), "{stderr}");
    assert_eq!(summary(&rest)["missing"][0], "TODO_DELETED");
}

#[test]
fn unknown_expected_event_is_a_usage_error_with_a_suggestion() {
    bluehook()
        .args(["listen", "--port", "0", "--expect", "TODO_CRATED", "--timeout", "1s"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean TODO_CREATED"));
}

#[test]
fn record_file_keeps_headers_and_exact_bodies_of_accepted_deliveries() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deliveries.ndjson");
    let mut l = Listener::start(&["--secret", SECRET, "--record", file.to_str().unwrap()]);
    let bodies: [&[u8]; 3] = [
        b"{ \"event\" : \"TODO_CREATED\",\n  \"currentValue\": {\"title\": \"caf\xc3\xa9 \xe2\x9c\x93\"},\"previousValue\":null }\n",
        b"{\"z\":1,\"a\":[1.50,2e3],\"event\":\"TAG_DELETED\"}",
        b"{\"event\":\"COMMENT_UPDATED\",\"text\":\"line\\nbreak \\\"quoted\\\"\"}",
    ];
    for (i, body) in bodies.iter().enumerate() {
        let sig = sign(SECRET.as_bytes(), body);
        let id = format!("d{i}");
        let reply =
            request(l.port, "POST", "/", &[("X-Signature", &sig), ("X-Delivery", &id)], body);
        assert_eq!(reply.status, 200);
    }
    assert_eq!(post_signed(l.port, "forged", bodies[1]).status, 401);
    assert_eq!(request(l.port, "POST", "/", &[], b"{}").status, 401);
    l.take(5);
    // Everything answered is already on disk, before the process stops.
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<Value> = text.lines().map(|s| serde_json::from_str(s).unwrap()).collect();
    assert_eq!(lines.len(), 3, "{text}");
    for (i, (line, body)) in lines.iter().zip(bodies).enumerate() {
        assert_eq!(line["body"].as_str().unwrap().as_bytes(), body, "body {i} changed");
        assert_eq!(line["headers"]["x-signature"], sign(SECRET.as_bytes(), body));
        assert_eq!(line["headers"]["x-delivery"], format!("d{i}"));
        assert_eq!(line["verified"], true);
    }
    assert_eq!(lines[1]["event"], "TAG_DELETED");
}

#[test]
fn concurrent_deliveries_are_each_seen_exactly_once() {
    let mut l = Listener::start(&["--secret", SECRET]);
    let port = l.port;
    let threads: Vec<_> = (0..16)
        .map(|t| {
            std::thread::spawn(move || {
                for i in 0..13 {
                    let n = t * 13 + i;
                    if n >= 200 {
                        break;
                    }
                    let reply = post_signed(port, SECRET, &body_for("TODO_MOVED", n));
                    assert_eq!(reply.status, 200);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let lines = l.take(200);
    let mut ids: Vec<String> = lines
        .iter()
        .map(|r| {
            assert_eq!(r["verified"], true);
            r["body"]["currentValue"]["id"].as_str().unwrap().to_string()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 200);
    l.signal("INT");
    let (code, rest, _) = l.finish();
    assert_eq!(code, Some(130));
    assert_eq!(requests_only(rest.clone()).len(), 0, "no line twice");
    assert_eq!(summary(&rest)["received"].as_u64(), Some(200));
}

#[test]
fn slow_and_broken_clients_do_not_hold_up_others() {
    let mut l = Listener::start(&["--secret", SECRET, "--read-timeout", "2s"]);
    // Announces 200 bytes, sends 10, then goes quiet.
    let mut slow = connect(l.port);
    let head = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\n{\"event\":";
    slow.write_all(head.as_bytes()).unwrap();
    // Cut off mid-body.
    let mut cut = connect(l.port);
    cut.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"ev").unwrap();
    drop(cut);
    // Meanwhile a good delivery goes through.
    assert_eq!(post_signed(l.port, SECRET, &body_for("TAG_CREATED", 1)).status, 200);
    let mut lines = l.take(3);
    lines.sort_by_key(|r| r["status"].as_u64());
    let reasons: Vec<&str> = lines.iter().map(|r| r["reason"].as_str().unwrap_or("-")).collect();
    assert_eq!(reasons, ["-", "body-incomplete", "body-timeout"]);
    assert_eq!(read_reply(slow).status, 408);
    assert_eq!(post_signed(l.port, SECRET, &body_for("TAG_CREATED", 2)).status, 200);
}

#[test]
fn trickled_body_is_cut_off_at_the_read_timeout() {
    let l = Listener::start(&["--secret", SECRET, "--read-timeout", "1s"]);
    // One byte every 100 ms would take 10 s; the listener gives up well before.
    assert_eq!(trickle(l.port).status, 408);
}

#[test]
fn human_output_shows_a_header_line_per_request() {
    let args = ["--compact", "--secret", SECRET];
    let (child, port, _stderr) = crate::support::human_listener(bluehook_std(), &args);
    let health = br#"{"event":"WEBHOOK_HEALTH_CHECK","webhook":{"id":"w"}}"#;
    assert_eq!(post_signed(port, SECRET, health).status, 200);
    let body = br#"{"event":"TODO_CREATED","currentValue":{"title":"Ship it","todoList":{"project":{"name":"Website"}}}}"#;
    assert_eq!(post_signed(port, "forged", body).status, 401);
    assert_eq!(post_signed(port, SECRET, body).status, 200);
    sigterm(&child);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130));
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].contains("verified    200"), "{text}");
    assert!(lines[0].contains("WEBHOOK_HEALTH_CHECK (health check)"), "{text}");
    assert!(lines[1].contains("rejected    401"), "{text}");
    assert!(lines[1].contains("TODO_CREATED  X-Signature does not match the body"), "{text}");
    for part in ["verified    200", "TODO_CREATED", "\"Ship it\"", "in Website"] {
        assert!(lines[2].contains(part), "{part} not in {}", lines[2]);
    }
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
}

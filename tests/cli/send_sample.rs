//! send-sample against a capturing receiver on 127.0.0.1.

use predicates::prelude::*;

use crate::capture::CaptureServer;
use crate::support::bluehook;

#[test]
fn sends_a_signed_sample_exactly_as_blue_does() {
    let server = CaptureServer::start();
    bluehook()
        .args([
            "send-sample",
            &server.url("/hook"),
            "--secret",
            "whsec_1",
            "--event",
            "TAG_CREATED",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("200 OK"))
        .stdout(predicate::str::contains("answered 200"));
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!(r.path, "/hook");
    assert_eq!(r.headers["content-type"], "application/json");
    let ua = r.headers["user-agent"].to_str().unwrap();
    assert!(ua.starts_with("bluehook/"), "{ua}");
    let sig = r.headers["x-signature"].to_str().unwrap();
    assert_eq!(sig, bluehook::signature::sign(b"whsec_1", &r.body));
    assert!(sig.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["event"], "TAG_CREATED");
    assert!(v["previousValue"].is_null() && v["currentValue"]["title"].is_string());
}

#[test]
fn data_file_is_sent_byte_for_byte_and_headers_added() {
    let server = CaptureServer::start();
    let body = b"{ \"z\": 1,\n  \"event\" :\"TODO_CREATED\" ,\"a\":[ ]}\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("odd.json");
    std::fs::write(&file, body).unwrap();
    bluehook()
        .args(["send-sample", &server.url("/"), "--secret", "k", "-H", "X-Trace: abc"])
        .arg("--data")
        .arg(&file)
        .assert()
        .success();
    let r = &server.requests()[0];
    assert_eq!(&r.body[..], &body[..]);
    assert_eq!(r.headers["x-trace"], "abc");
    assert_eq!(r.headers["x-signature"].to_str().unwrap(), bluehook::signature::sign(b"k", body));
}

#[test]
fn without_a_secret_the_request_is_unsigned_with_a_warning() {
    let server = CaptureServer::start();
    bluehook()
        .args(["send-sample", &server.url("/")])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: no secret"));
    assert!(server.requests()[0].headers.get("x-signature").is_none());
}

#[test]
fn seed_makes_the_body_reproducible() {
    let server = CaptureServer::start();
    for _ in 0..2 {
        bluehook()
            .args(["send-sample", &server.url("/"), "--seed", "7", "-s", "k"])
            .assert()
            .success();
    }
    let reqs = server.requests();
    assert_eq!(reqs[0].body, reqs[1].body);
}

#[test]
fn non_2xx_redirect_and_refused_exit_5_saying_which() {
    let server = CaptureServer::start();
    bluehook()
        .args(["send-sample", &server.url("/status/500"), "--secret", "k"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("HTTP 500"));
    bluehook()
        .args(["send-sample", &server.url("/status/302"), "--secret", "k"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("redirected"))
        .stderr(predicate::str::contains("https://elsewhere.example/hook"));
    assert_eq!(server.requests().len(), 2, "the redirect was not followed");
    let port = crate::support::closed_port();
    bluehook()
        .args(["send-sample", &format!("http://127.0.0.1:{port}/"), "--secret", "k"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("connection refused"))
        .stderr(predicate::str::contains("hint: start the receiver first"));
}

#[test]
fn timeout_is_reported_as_such() {
    // A listener that accepts but never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", silent.local_addr().unwrap());
    bluehook()
        .args(["send-sample", &url, "--secret", "k", "--timeout", "300ms"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("no answer within the timeout"));
}

#[test]
fn unknown_event_and_bad_url_are_usage_errors() {
    bluehook()
        .args(["send-sample", "http://127.0.0.1:9/", "--event", "TODO_CRATED"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown event `TODO_CRATED`"))
        .stderr(predicate::str::contains("did you mean TODO_CREATED"));
    bluehook()
        .args(["send-sample", "ftp://example.com/x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only over http or https"));
    bluehook().args(["send-sample", "http://127.0.0.1:9/", "-H", "nocolon"]).assert().code(2);
}

#[test]
fn json_result_parses() {
    let server = CaptureServer::start();
    let out = bluehook()
        .args(["send-sample", &server.url("/"), "--secret", "k", "--json", "--print"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["result"]["status"], 200);
    assert_eq!(v["event"], "TODO_CREATED");
    let sent = server.requests()[0].body.clone();
    assert_eq!(v["body"].as_str().unwrap().as_bytes(), &sent[..]);
    assert_eq!(v["signature"], bluehook::signature::sign(b"k", &sent));
}

#[test]
fn load_mode_counts_add_up() {
    let server = CaptureServer::start();
    let out = bluehook()
        .args([
            "send-sample",
            &server.url("/"),
            "--secret",
            "k",
            "-n",
            "300",
            "-c",
            "16",
            "--json",
            "--unique",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["sent"].as_u64(), v["succeeded"].as_u64()), (Some(300), Some(300)));
    assert_eq!((v["non_2xx"].as_u64(), v["errors"].as_u64()), (Some(0), Some(0)));
    let reqs = server.requests();
    assert_eq!(reqs.len(), 300);
    let mut ids: Vec<_> = reqs
        .iter()
        .map(|r| {
            assert_eq!(
                r.headers["x-signature"].to_str().unwrap(),
                bluehook::signature::sign(b"k", &r.body)
            );
            serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["currentValue"]["id"]
                .clone()
        })
        .map(|id| id.to_string())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 300, "--unique gives every delivery its own ids");
}

#[test]
fn load_mode_with_failures_exits_5_and_counts_them() {
    let server = CaptureServer::start();
    let out = bluehook()
        .args([
            "send-sample",
            &server.url("/status/503"),
            "--secret",
            "k",
            "-n",
            "40",
            "-c",
            "4",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["sent"].as_u64(), v["non_2xx"].as_u64()), (Some(40), Some(40)));
    assert_eq!(v["statuses"]["503"], 40);
    assert!(String::from_utf8_lossy(&out.stderr).contains("40 of 40 deliveries failed"));
}

#[test]
fn load_mode_names_refused_and_timed_out_deliveries() {
    let port = crate::support::closed_port();
    let out = bluehook()
        .args([
            "send-sample",
            &format!("http://127.0.0.1:{port}/"),
            "-s",
            "k",
            "-n",
            "10",
            "-c",
            "2",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["errors"].as_u64(), v["failures"]["refused"].as_u64()), (Some(10), Some(10)));

    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", silent.local_addr().unwrap());
    let out = bluehook()
        .args([
            "send-sample",
            &url,
            "-s",
            "k",
            "-n",
            "4",
            "-c",
            "2",
            "--timeout",
            "200ms",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["failures"]["timeout"].as_u64(), Some(4));
}

#[test]
fn load_mode_sends_extra_headers_and_the_right_host() {
    let server = CaptureServer::start();
    bluehook()
        .args([
            "send-sample",
            &server.url("/in?x=1"),
            "-s",
            "k",
            "-n",
            "5",
            "-c",
            "2",
            "-H",
            "X-Env: ci",
        ])
        .assert()
        .success();
    let reqs = server.requests();
    assert_eq!(reqs.len(), 5);
    for r in reqs {
        assert_eq!(r.path, "/in");
        assert_eq!(r.headers["x-env"], "ci");
        assert_eq!(r.headers["host"].to_str().unwrap(), server.addr.to_string());
        assert_eq!(r.headers["content-type"], "application/json");
        assert!(r.headers["user-agent"].to_str().unwrap().starts_with("bluehook/"));
        assert_eq!(
            r.headers["x-signature"].to_str().unwrap(),
            bluehook::signature::sign(b"k", &r.body)
        );
    }
}

#[test]
fn ctrl_c_in_load_mode_stops_and_summarises_what_was_sent() {
    let server = CaptureServer::start();
    let child = crate::support::bluehook_std()
        .args(["send-sample", &server.url("/"), "-s", "k", "-n", "100000000", "-c", "4", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while server.requests().len() < 50 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["interrupted"], true);
    let sent = v["sent"].as_u64().unwrap();
    assert!((50..100_000_000).contains(&sent));
    assert_eq!(v["succeeded"].as_u64(), Some(sent), "in-flight deliveries finished, none failed");
    assert_eq!(server.requests().len() as u64, sent, "every delivery counted was received");
}

//! send-sample -> listen, and demo: the two halves of bluehook checking each other.

use predicates::prelude::*;

use crate::support::{Listener, bluehook};

#[test]
fn right_secret_is_verified_wrong_and_missing_get_401() {
    let mut listener = Listener::start(&["--secret", "whsec_rt"]);
    let url = listener.url.clone();
    bluehook()
        .args(["send-sample", &url, "--secret", "whsec_rt", "-e", "COMMENT_CREATED"])
        .assert()
        .success();
    let got = listener.next().unwrap();
    assert_eq!((got["verified"].as_bool(), got["status"].as_u64()), (Some(true), Some(200)));
    assert_eq!(got["event"], "COMMENT_CREATED");

    bluehook()
        .args(["send-sample", &url, "--secret", "wrong"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("HTTP 401"));
    let got = listener.next().unwrap();
    assert_eq!((got["verified"].as_bool(), got["status"].as_u64()), (Some(false), Some(401)));
    assert_eq!(got["reason"], "signature-mismatch");

    bluehook().args(["send-sample", &url]).assert().code(5);
    let got = listener.next().unwrap();
    assert_eq!(
        (got["status"].as_u64(), got["reason"].as_str()),
        (Some(401), Some("missing-signature"))
    );

    listener.signal("INT");
    let (code, rest, _) = listener.finish();
    assert_eq!(code, Some(130));
    let summary = rest.last().unwrap();
    assert_eq!((summary["verified"].as_u64(), summary["rejected"].as_u64()), (Some(1), Some(2)));
}

#[test]
fn odd_whitespace_and_key_order_verify_unmodified() {
    let body = b"{\n  \"currentValue\" : null,\t\"event\":\"TODO_DELETED\" ,\n\"previousValue\":{\"title\":\"caf\xc3\xa9\"} }";
    let dir = tempfile::tempdir().unwrap();
    let (file, record) = (dir.path().join("odd.json"), dir.path().join("rec.ndjson"));
    std::fs::write(&file, body).unwrap();
    let mut listener = Listener::start(&["--secret", "k", "--record", record.to_str().unwrap()]);
    let url = listener.url.clone();
    bluehook().args(["send-sample", &url, "--secret", "k", "--data"]).arg(&file).assert().success();
    let got = listener.next().unwrap();
    assert_eq!(got["verified"], true);
    assert_eq!(got["event"], "TODO_DELETED");
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&record).unwrap().lines().next().unwrap())
            .unwrap();
    assert_eq!(line["body"].as_str().unwrap().as_bytes(), body, "recorded byte for byte");
}

#[test]
fn every_event_sample_is_accepted_and_named_by_listen() {
    let mut listener = Listener::start(&["--secret", "all"]);
    let url = listener.url.clone();
    let catalogue = bluehook().args(["events", "--json"]).output().unwrap();
    let names: Vec<String> = serde_json::from_slice::<serde_json::Value>(&catalogue.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 38);
    for name in &names {
        bluehook().args(["send-sample", &url, "-s", "all", "-e", name]).assert().success();
        let got = listener.next().unwrap();
        assert_eq!(
            (got["event"].as_str(), got["verified"].as_bool()),
            (Some(name.as_str()), Some(true))
        );
    }
}

#[test]
fn load_into_listen_counts_match() {
    let listener = Listener::start(&["--secret", "load", "--count", "500"]);
    let url = listener.url.clone();
    let out = bluehook()
        .args(["send-sample", &url, "-s", "load", "-n", "500", "-c", "32", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["succeeded"], 500);
    let (code, lines, _) = listener.finish();
    assert_eq!(code, Some(0), "--count 500 met");
    let summary = lines.last().unwrap();
    assert_eq!(summary["verified"], 500);
}

#[test]
fn demo_verifies_every_group_and_rejects_the_forgery() {
    let out = bluehook().args(["demo", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> = out
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.first().unwrap()["type"], "ready");
    let requests: Vec<_> = lines.iter().filter(|l| l["type"] == "request").collect();
    assert_eq!(requests.len(), 9);
    let verified = requests.iter().filter(|r| r["verified"] == true).count();
    assert_eq!(verified, 8);
    let forged = requests.iter().find(|r| r["verified"] == false).unwrap();
    assert_eq!(forged["status"], 401);
    let groups: std::collections::BTreeSet<_> =
        requests.iter().map(|r| r["event"].as_str().unwrap()).collect();
    assert!(groups.contains("WEBHOOK_HEALTH_CHECK") && groups.contains("TAG_CREATED"));
    assert_eq!(lines.last().unwrap()["type"], "summary");

    bluehook()
        .args(["demo", "--compact"])
        .assert()
        .success()
        .stdout(predicate::str::contains("rejected"))
        .stdout(predicate::str::contains("X-Signature does not match"));
}

#[test]
fn forward_to_passes_the_exact_delivery_on_and_answers_with_the_apps_status() {
    let app = crate::capture::CaptureServer::start();
    let mut listener = Listener::start(&["--secret", "fw", "--forward-to", &app.url("/app")]);
    let url = listener.url.clone();
    bluehook().args(["send-sample", &url, "-s", "fw", "-H", "X-Custom: kept"]).assert().success();
    let got = listener.next().unwrap();
    assert_eq!((got["verified"].as_bool(), got["status"].as_u64()), (Some(true), Some(200)));
    assert_eq!(got["forward"]["status"], 200);
    let seen = app.requests();
    assert_eq!(seen.len(), 1);
    let sig = seen[0].headers["x-signature"].to_str().unwrap();
    assert_eq!(sig, bluehook::signature::sign(b"fw", &seen[0].body), "the app can verify it");
    assert_eq!(seen[0].headers["x-custom"], "kept");
    assert!(seen[0].headers["user-agent"].to_str().unwrap().starts_with("bluehook/"));

    // A forged delivery is refused by the listener and never reaches the app.
    bluehook().args(["send-sample", &url, "-s", "forged"]).assert().code(5);
    assert_eq!(listener.next().unwrap()["status"], 401);
    assert_eq!(app.requests().len(), 1);
}

#[test]
fn forward_relays_app_errors_and_502_when_the_app_is_down() {
    let app = crate::capture::CaptureServer::start();
    let mut listener = Listener::start(&["--forward-to", &app.url("/status/503")]);
    bluehook()
        .args(["send-sample", &listener.url.clone()])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("HTTP 503"));
    assert_eq!(listener.next().unwrap()["forward"]["status"], 503);

    let port = crate::support::closed_port();
    let mut listener = Listener::start(&["--forward-to", &format!("http://127.0.0.1:{port}/")]);
    bluehook()
        .args(["send-sample", &listener.url.clone()])
        .assert()
        .code(5)
        .stderr(predicate::str::contains("HTTP 502"));
    let got = listener.next().unwrap();
    assert_eq!(
        (got["status"].as_u64(), got["forward"]["failure"].as_str()),
        (Some(502), Some("refused"))
    );
}

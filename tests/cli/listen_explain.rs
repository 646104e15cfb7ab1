//! `bluehook listen` says why a rejected signature failed: NDJSON `explain`, the human
//! `explain:` line; the answer stays 401.

use bluehook::signature::sign;

use crate::support::{Listener, bluehook_std, human_listener, post_signed, request, sigterm};

const SECRET: &str = "whsec_listen_explain";
const BODY: &[u8] =
    br#"{"event":"TAG_CREATED","webhook":{"id":"wh1"},"currentValue":{"title":"Urgent"}}"#;

/// `BODY` signed, then sent with a newline appended (what a re-writing proxy does).
fn post_with_trailing_newline(port: u16) -> u16 {
    let sig = sign(SECRET.as_bytes(), BODY);
    let body = [BODY, b"\n"].concat();
    request(port, "POST", "/", &[("X-Signature", &sig)], &body).status
}

#[test]
fn a_body_with_a_trailing_newline_is_explained_and_still_refused() {
    let mut l = Listener::start(&["--secret", SECRET]);
    assert_eq!(post_with_trailing_newline(l.port), 401);
    let line = l.next().expect("a request line");
    assert_eq!((line["status"].as_u64(), line["verified"].as_bool()), (Some(401), Some(false)));
    let x = &line["explain"];
    assert_eq!(x["cause"], "trailing-newline-added", "{line}");
    assert_eq!(x["confirmed"], true);
    assert!(x["sentence"].as_str().unwrap().contains("newline"), "{x}");
    assert!(!x["hint"].as_str().unwrap().is_empty(), "{x}");
    // A correct delivery right after carries no `explain` at all.
    assert_eq!(post_signed(l.port, SECRET, BODY).status, 200);
    let ok = l.next().expect("a request line");
    assert_eq!(ok["verified"], true);
    assert!(ok.get("explain").is_none(), "{ok}");
}

#[test]
fn a_signature_made_with_another_saved_webhooks_secret_names_that_webhook() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let saved = format!(
        "[webhook_secrets]\ncmwhOURS = \"{SECRET}\"\ncmwhAAA = \"secret-a\"\ncmwhBBB = \"secret-b\"\n"
    );
    std::fs::write(&config, saved).unwrap();
    let config = config.to_str().unwrap();
    let mut l = Listener::start(&["--secret", SECRET, "--config", config]);
    assert_eq!(post_signed(l.port, "secret-b", BODY).status, 401);
    let x = l.next().expect("a request line")["explain"].clone();
    assert_eq!(
        (x["cause"].as_str(), x["webhook"].as_str()),
        (Some("other-secret"), Some("cmwhBBB")),
        "{x}"
    );
}

#[test]
fn a_reused_signature_names_the_earlier_delivery() {
    let mut l = Listener::start(&["--secret", SECRET]);
    let first = post_signed(l.port, SECRET, BODY);
    assert_eq!(first.status, 200);
    assert_eq!(l.next().expect("the first delivery")["verified"], true);
    let sig = sign(SECRET.as_bytes(), BODY);
    let other = br#"{"event":"TAG_DELETED","webhook":{"id":"wh1"}}"#;
    assert_eq!(request(l.port, "POST", "/", &[("X-Signature", &sig)], other).status, 401);
    let x = l.next().expect("the forged delivery")["explain"].clone();
    assert_eq!(x["cause"], "earlier-delivery", "{x}");
    assert!(x["delivery"].as_str().unwrap().contains("TAG_CREATED"), "{x}");
}

#[test]
fn people_see_the_explanation_under_the_rejected_delivery() {
    let (child, port, _stderr) = human_listener(bluehook_std(), &["--secret", SECRET]);
    assert_eq!(post_with_trailing_newline(port), 401);
    assert_eq!(post_signed(port, SECRET, BODY).status, 200);
    sigterm(&child);
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let explain: Vec<&str> =
        text.lines().filter(|l| l.trim_start().starts_with("explain")).collect();
    assert_eq!(explain.len(), 1, "only the rejected delivery is explained: {text}");
    assert!(explain[0].contains("newline"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| l.trim_start().starts_with("explain")).unwrap();
    assert!(lines[at - 1].contains("401"), "right under the rejected delivery: {text}");
    assert!(lines[at + 1].trim_start().starts_with("hint"), "{text}");
}

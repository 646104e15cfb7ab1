//! `bluehook verify --explain`: why a signature does not match, for people and as JSON.

use std::path::{Path, PathBuf};

use bluehook::signature::sign;
use predicates::prelude::*;

use crate::support::bluehook;

const SECRET: &str = "whsec_forensics";
const BODY: &str = r#"{"event":"TAG_CREATED","webhook":{"id":"wh1","url":"https://app.example/hooks"},"currentValue":{"title":"café"}}"#;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `verify --explain` of `file` against `signature`, with `extra` arguments.
fn explain(signature: &str, file: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    bluehook()
        .args(["verify", "--secret", SECRET, "--explain", "--signature", signature])
        .args(extra)
        .arg(file)
        .assert()
}

fn json_of(assert: &assert_cmd::assert::Assert) -> serde_json::Value {
    serde_json::from_slice(&assert.get_output().stdout).expect("one JSON object on stdout")
}

#[test]
fn explain_names_a_trailing_newline_and_says_what_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "body.json", format!("{BODY}\n").as_bytes());
    explain(&sign(SECRET.as_bytes(), BODY.as_bytes()), &file, &[])
        .code(3)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "bluehook: error: X-Signature does not match the body: a newline was added at the \
             end of the body after it was signed [trailing-newline-added]\n  hint: ",
        ))
        .stderr(predicate::str::contains("printf '%s'"));
}

#[test]
fn explain_json_carries_the_cause_of_a_pretty_printed_body() {
    let dir = tempfile::tempdir().unwrap();
    let value: serde_json::Value = serde_json::from_str(BODY).unwrap();
    let file = write(dir.path(), "pretty.json", &serde_json::to_vec_pretty(&value).unwrap());
    let out = explain(&sign(SECRET.as_bytes(), BODY.as_bytes()), &file, &["--json"]).code(3);
    let v = json_of(&out);
    assert_eq!(
        (v["verified"].as_bool(), v["reason"].as_str()),
        (Some(false), Some("signature-mismatch"))
    );
    let x = &v["explain"];
    assert_eq!((x["cause"].as_str(), x["confirmed"].as_bool()), (Some("reserialised"), Some(true)));
    assert_eq!(x["changes"], serde_json::json!(["pretty"]));
    assert!(x["hint"].as_str().unwrap().contains("raw request bytes"), "{x}");
}

#[test]
fn explain_finds_the_secret_of_another_saved_webhook() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "config.toml",
        b"[webhook_secrets]\ncmwhAAA = \"secret-a\"\ncmwhBBB = \"secret-b\"\n",
    );
    let file = write(dir.path(), "body.json", BODY.as_bytes());
    let signature = sign(b"secret-b", BODY.as_bytes());
    let config = config.to_str().unwrap();
    let out = explain(&signature, &file, &["--config", config, "--json"]).code(3);
    let x = &json_of(&out)["explain"];
    assert_eq!(
        (x["cause"].as_str(), x["webhook"].as_str()),
        (Some("other-secret"), Some("cmwhBBB"))
    );
    explain(&signature, &file, &["--config", config])
        .code(3)
        .stderr(predicate::str::contains("another saved webhook, cmwhBBB [other-secret]"));
}

#[test]
fn explain_finds_the_signature_of_an_earlier_recorded_delivery() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = r#"{"event":"TAG_CREATED","currentValue":{"title":"first"}}"#;
    let old = sign(SECRET.as_bytes(), earlier.as_bytes());
    let line = |n: u32, body: &str, sig: &str| {
        serde_json::json!({"received_at": format!("2025-06-02T09:3{n}:00Z"), "event": "TAG_CREATED",
            "headers": {"x-signature": sig}, "body": body})
        .to_string()
    };
    let records = [line(0, "{}", "00"), "not a record".into(), line(1, earlier, &old)].join("\n");
    let record = write(dir.path(), "deliveries.ndjson", records.as_bytes());
    let file = write(dir.path(), "body.json", BODY.as_bytes());
    explain(&old, &file, &["--recorded", record.to_str().unwrap()])
        .code(3)
        .stderr(predicate::str::contains(
            "the signature of an earlier delivery (line 3: TAG_CREATED at 2025-06-02T09:31:00Z)",
        ))
        .stderr(predicate::str::contains("1 line is not a record in"));
    explain(&old, &file, &[]).code(3).stderr(predicate::str::contains("[no-known-cause]"));
}

#[test]
fn explain_tells_a_malformed_header_from_a_wrong_secret() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "body.json", BODY.as_bytes());
    let sha1_sized = "ab".repeat(20);
    explain(&sha1_sized, &file, &[])
        .code(3)
        .stderr(
            predicate::str::contains("40 hex digits").and(predicate::str::contains("HMAC-SHA1")),
        )
        .stderr(predicate::str::contains("[wrong-length]"));
    let forged = sign(b"not the secret", BODY.as_bytes());
    let out = explain(&forged, &file, &["--json"]).code(3);
    let x = &json_of(&out)["explain"];
    assert_eq!(
        (x["cause"].as_str(), x["confirmed"].as_bool()),
        (Some("no-known-cause"), Some(false))
    );
    assert!(x["hint"].as_str().unwrap().contains("secret"), "{x}");
}

#[test]
fn without_explain_the_hint_fits_the_kind_of_failure() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "body.json", BODY.as_bytes());
    let verify = |signature: &str| {
        bluehook()
            .args(["verify", "--secret", SECRET, "--signature", signature])
            .arg(&file)
            .assert()
    };
    verify("sha256=00")
        .code(3)
        .stderr(predicate::str::contains("no prefix").and(predicate::str::contains("--explain")));
    verify(&sign(b"other", BODY.as_bytes()))
        .code(3)
        .stderr(predicate::str::contains("the secret, or the bytes"))
        .stderr(predicate::str::contains("no prefix").not());
    bluehook()
        .args(["verify", "--secret", SECRET, "--signature", "00", "--recorded", "x.ndjson"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--explain"));
}

#[test]
fn a_matching_signature_has_nothing_to_explain_unless_it_is_upper_case() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "body.json", BODY.as_bytes());
    let good = sign(SECRET.as_bytes(), BODY.as_bytes());
    let out = explain(&good, &file, &["--json"])
        .success()
        .stderr(predicate::str::contains("warning").not());
    assert_eq!(json_of(&out)["explain"], serde_json::Value::Null);
    let out = explain(&good.to_uppercase(), &file, &["--json"])
        .success()
        .stderr(predicate::str::contains("warning: X-Signature is upper-case hex"));
    let v = json_of(&out);
    assert_eq!(
        (v["verified"].as_bool(), v["explain"]["cause"].as_str()),
        (Some(true), Some("uppercase-hex"))
    );
}

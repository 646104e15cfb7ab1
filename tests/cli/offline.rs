//! Commands that need no network: events, sign, verify, completions, usage errors.

use predicates::prelude::*;

use crate::support::{bluehook, root};

#[test]
fn events_lists_37_subscribable_events_grouped() {
    let out = bluehook().args(["events", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = v.as_array().unwrap();
    let subscribable = all.iter().filter(|e| e["subscribable"] == true).count();
    assert_eq!(subscribable, 37);
    let health = all.iter().find(|e| e["name"] == "WEBHOOK_HEALTH_CHECK").unwrap();
    assert_eq!(health["subscribable"], false);
    assert_eq!(health["group"], "delivery");

    bluehook()
        .arg("events")
        .assert()
        .success()
        .stdout(predicate::str::contains("Checklist items\n  TODO_CHECKLIST_ITEM_CREATED"))
        .stdout(predicate::str::contains("Delivery only"))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn sign_prints_the_openssl_signature_of_stdin() {
    // printf '%s' '{"event":"TODO_CREATED","currentValue":{"title":"GGGG"}}' \
    //   | openssl dgst -sha256 -hmac whsec_test
    let body = r#"{"event":"TODO_CREATED","currentValue":{"title":"GGGG"}}"#;
    let sig = "01315f6f191dc89e5ee4172e7b34467d38acd8231543f5c596a89e893ee5b543";
    bluehook()
        .args(["sign", "--secret", "whsec_test"])
        .write_stdin(body)
        .assert()
        .success()
        .stdout(format!("{sig}\n"));
    bluehook()
        .args(["verify", "--secret", "whsec_test", "--signature", sig, "-"])
        .write_stdin(body)
        .assert()
        .success();
}

#[test]
fn verify_exits_3_on_mismatch_and_reads_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("body.json");
    std::fs::write(&file, b"{\"a\":1}").unwrap();
    let good = bluehook().args(["sign", "--secret", "s"]).arg(&file).output().unwrap();
    let sig = String::from_utf8(good.stdout).unwrap();
    bluehook()
        .args(["verify", "--secret", "s", "--signature", sig.trim()])
        .arg(&file)
        .assert()
        .success();
    bluehook()
        .args(["verify", "--secret", "other", "--signature", sig.trim()])
        .arg(&file)
        .assert()
        .code(3)
        .stderr(predicate::str::starts_with("bluehook: error: X-Signature does not match"));
    bluehook()
        .args(["verify", "--secret", "s", "--signature", "xyz"])
        .arg(&file)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not 64 hex digits"));
}

#[test]
fn secret_can_come_from_the_environment() {
    bluehook()
        .args(["sign"])
        .env("BLUEHOOK_SECRET", "secret")
        .write_stdin("")
        .assert()
        .success()
        .stdout("f9e66e179b6747ae54108f82f8ade8b3c25d76fd30afde6c395822c530196169\n");
}

#[test]
fn usage_errors_exit_2_in_bluehook_format() {
    bluehook()
        .args(["listen", "--port", "notaport"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("bluehook: error: invalid value 'notaport'"));
    bluehook().arg("frobnicate").assert().code(2);
}

#[test]
fn missing_file_is_a_clear_error() {
    bluehook()
        .args(["sign", "--secret", "s", "/nonexistent/body.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read /nonexistent/body.json"));
    for args in [&["inspect", "missing.ndjson"][..], &["replay", "missing.ndjson", "http://x/"]] {
        bluehook()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("error: cannot read missing.ndjson: No such file"))
            .stderr(predicate::str::contains("hint: check the file's path"));
    }
}

#[test]
fn closed_stdout_pipe_is_not_an_error() {
    use std::process::Stdio;
    let mut child = crate::support::bluehook_std()
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // close the read end before bluehook writes
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The committed completion scripts and man page must be what the current CLI generates.
/// Regenerate with `scripts/update-completions`.
#[test]
fn completions_and_man_page_are_fresh() {
    let files = [
        ("bash", "completions/bluehook.bash"),
        ("zsh", "completions/_bluehook"),
        ("fish", "completions/bluehook.fish"),
        ("powershell", "completions/_bluehook.ps1"),
        ("elvish", "completions/bluehook.elv"),
    ];
    for (shell, path) in files {
        let out = bluehook().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let committed = std::fs::read(root().join(path)).unwrap_or_default();
        assert!(committed == out.stdout, "{path} is stale: run scripts/update-completions");
    }
    let man = bluehook().arg("man").output().unwrap();
    let committed = std::fs::read(root().join("completions/bluehook.1")).unwrap_or_default();
    assert!(
        committed == man.stdout,
        "completions/bluehook.1 is stale: run scripts/update-completions"
    );
}

#[test]
fn sign_and_verify_speak_json_and_need_a_secret() {
    let out =
        bluehook().args(["sign", "--secret", "secret", "--json"]).write_stdin("").output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["signature"], "f9e66e179b6747ae54108f82f8ade8b3c25d76fd30afde6c395822c530196169");
    assert_eq!(v["bytes"], 0);
    let out = bluehook()
        .args(["verify", "--secret", "secret", "--signature", "00", "--json"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["verified"].as_bool(), v["reason"].as_str()),
        (Some(false), Some("malformed-signature"))
    );
    bluehook()
        .arg("sign")
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a signing secret is needed"))
        .stderr(predicate::str::contains("--secret"));
}

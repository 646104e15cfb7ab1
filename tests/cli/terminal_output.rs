//! What a person reads in a terminal: listen's digest of each delivery (the change for
//! updates), fitted to the width; load mode against nothing; `-v` headers with secrets
//! redacted.

use std::io::Read;
use std::process::Child;

use serde_json::Value;

use crate::pty::PtyBuilder;
use crate::support::{
    Listener, bluehook, bluehook_std, closed_port, human_listener, port_in, post_signed,
};

const SECRET: &str = "whsec_terminal_output_0123456789";

/// `bluehook listen --port 0 --secret S --count 2 ARGS` with `COLUMNS=80` and stdout piped;
/// returns the child and its port (from the ready line on stderr).
fn listen_for_two(args: &[&str]) -> (Child, u16) {
    let mut cmd = bluehook_std();
    cmd.env("COLUMNS", "80");
    let base = ["--secret", SECRET, "--count", "2", "--timeout", "20s"];
    let (child, port, _stderr) = human_listener(cmd, &[&base[..], args].concat());
    (child, port)
}

fn send(port: u16, event: &str) {
    let url = format!("http://127.0.0.1:{port}/");
    bluehook()
        .args(["send-sample", &url, "-s", SECRET, "-e", event, "--seed", "1"])
        .assert()
        .success();
}

/// Delivers a TODO_CREATED and a TODO_MOVED to `listen ARGS` and returns what it printed.
fn created_and_moved(args: &[&str]) -> String {
    let (mut child, port) = listen_for_two(args);
    send(port, "TODO_CREATED");
    send(port, "TODO_MOVED");
    let mut out = String::new();
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0), "--count 2 met:\n{out}");
    out
}

#[test]
fn listen_shows_a_few_lines_per_delivery_and_what_an_update_changed() {
    let out = created_and_moved(&[]);
    let blocks: Vec<&str> = out.split("\n\n").filter(|b| !b.trim().is_empty()).collect();
    assert_eq!(blocks.len(), 2, "{out}");
    let (created, moved) = (blocks[0], blocks[1]);
    assert!(created.lines().next().unwrap().contains("TODO_CREATED"), "{out}");
    assert!(created.lines().count() <= 6, "a handful of lines, not the body:\n{out}");
    for line in ["title     Prepare launch checklist", "project   Website Relaunch", "list      "] {
        assert!(created.contains(line), "{line} missing:\n{out}");
    }
    assert!(moved.contains("changed   todoList.title: Backlog -> In Progress"), "{out}");
    assert!(
        !moved.contains("todoListId") && !moved.contains("updatedAt"),
        "no bookkeeping:\n{out}"
    );
    assert!(!out.contains("currentValue") && !out.contains("\"webhook\""), "{out}");
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "wider than COLUMNS=80: {line}");
    }
}

#[test]
fn listen_body_prints_whole_bodies_and_compact_one_aligned_line_each() {
    let whole = created_and_moved(&["--body"]);
    assert!(whole.contains("\"previousValue\": {") && whole.lines().count() > 100, "{whole}");
    let compact = created_and_moved(&["--compact"]);
    let lines: Vec<&str> = compact.lines().collect();
    assert_eq!(lines.len(), 2, "{compact}");
    assert_eq!(lines[0].find("TODO_CREATED"), lines[1].find("TODO_MOVED"), "{compact}");
    assert!(lines[0].contains("\"Prepare launch") && lines[0].contains("  in "), "{compact}");
    bluehook()
        .args(["listen", "--compact", "--body"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be used with"));
}

#[test]
fn listen_output_fits_an_80_column_terminal() {
    let mut pty = PtyBuilder::new(80, 40)
        .args(&["listen", "--port", "0", "--secret", SECRET, "--count", "2", "--timeout", "20s"])
        .spawn();
    let screen = pty.wait_for("--compact shows one line");
    let port = port_in(&screen.replace('\n', ""));
    send(port, "TODO_CREATED");
    send(port, "TODO_MOVED");
    pty.wait_for("In Progress");
    assert_eq!(pty.finish(), 0);
    let screen = pty.screen();
    // The deliveries' rows: from the first header to the last change.
    let rows: Vec<&str> = screen.lines().collect();
    let first = rows.iter().position(|l| l.contains("TODO_CREATED")).unwrap();
    let last = rows.iter().rposition(|l| l.contains("position: ")).unwrap();
    let wrapped: Vec<u16> = pty
        .wrapped_rows()
        .into_iter()
        .filter(|r| (first..=last).contains(&(*r as usize)))
        .collect();
    assert!(wrapped.is_empty(), "rows {wrapped:?} wrap:\n{screen}");
    assert!(screen.contains("changed   todoList.title: Backlog -> In Progress"), "{screen}");
}

#[test]
fn load_mode_stops_when_nothing_can_connect() {
    let url = format!("http://127.0.0.1:{}/", closed_port());
    let out = bluehook()
        .args(["send-sample", &url, "-s", "k", "-n", "20000", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["gave_up"], true, "{v}");
    let sent = v["sent"].as_u64().unwrap();
    assert!((20..200).contains(&sent), "{v}");
    assert_eq!(v["not_sent"].as_u64(), Some(20_000 - sent));
    assert_eq!(v["latency_ms"], Value::Null, "no latency for connections refused: {v}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("none could connect") && stderr.contains("not sent"), "{stderr}");

    let out = bluehook()
        .args(["send-sample", &url, "-s", "k", "-n", "20000", "--color", "always"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let text = String::from_utf8_lossy(&out.stdout);
    let ok_line = text.lines().find(|l| l.contains("2xx")).unwrap();
    assert!(!ok_line.contains("\x1b[32m"), "2xx 0 shown green: {ok_line:?}");
    assert!(text.contains("not sent"), "{text}");
}

#[test]
fn verbose_send_sample_shows_headers_with_credentials_redacted() {
    let app = crate::capture::CaptureServer::start();
    let token = "Bearer sk_live_abcdefghijklmnop";
    let out = bluehook()
        .args(["send-sample", &app.url("/hook"), "-s", SECRET, "-v", "-H"])
        .arg(format!("Authorization: {token}"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let sent = app.requests();
    let signature = sent[0].headers.get("x-signature").unwrap().to_str().unwrap();
    assert!(stderr.contains(&format!("> x-signature: {signature}")), "{stderr}");
    assert!(stderr.contains("> POST http://127.0.0.1:"), "{stderr}");
    assert!(stderr.contains("< HTTP 200 OK in "), "{stderr}");
    assert!(stderr.contains("> authorization: Bear********"), "{stderr}");
    assert!(!stderr.contains("sk_live_abcdefghijklmnop") && !stderr.contains(SECRET), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("> "), "logs go to stderr");
}

#[test]
fn verbose_listen_and_replay_show_the_exchanges() {
    let record = tempfile::NamedTempFile::new().unwrap();
    let path = record.path().to_str().unwrap();
    let mut listener = Listener::start(&["--secret", SECRET, "--record", path, "-v"]);
    let body = br#"{"event":"TAG_CREATED","currentValue":{"title":"urgent"}}"#;
    assert_eq!(post_signed(listener.port, SECRET, body).status, 200);
    listener.next().unwrap();
    let stderr = listener.stderr_once("> HTTP");
    assert!(stderr.contains("< POST /") && stderr.contains("< x-signature: "), "{stderr}");
    assert!(stderr.contains("> HTTP 200"), "{stderr}");
    assert!(!stderr.contains(SECRET), "{stderr}");
    drop(listener);

    let app = crate::capture::CaptureServer::start();
    let out = bluehook().args(["replay", path, &app.url("/again"), "-v"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("> POST http://127.0.0.1:") && stderr.contains("/again"), "{stderr}");
    assert!(stderr.contains("> x-signature: ") && stderr.contains("< HTTP 200"), "{stderr}");
}

#[test]
fn load_progress_bar_fits_60_columns_and_counts_failures() {
    let app = crate::capture::CaptureServer::start();
    let url = app.url("/status/503");
    let mut pty = PtyBuilder::new(60, 20)
        .args(&["send-sample", &url, "-s", "k", "-n", "3000", "-c", "4"])
        .spawn();
    let screen = pty.wait_for(" failed eta ");
    let bar = screen.lines().find(|l| l.contains("/3000")).expect("the bar").to_string();
    assert!(pty.wrapped_rows().is_empty(), "the bar wraps at 60 columns:\n{screen}");
    let rate = bar.split_whitespace().find(|w| w.ends_with("/s")).expect("a rate");
    assert!(!rate.contains('.') || rate.len() <= 6, "rate with decimal noise: {bar}");
    assert_eq!(pty.finish(), 5);
}

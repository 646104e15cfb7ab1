//! `--filter 'EXPR'` (jq syntax) on `listen`, `replay` and `inspect`.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{Listener, bluehook, post_signed};

const SECRET: &str = "whsec_filter_test";
const BUGS: &str = r#".currentValue.todoList.title == "Bugs""#;

fn todo(event: &str, list: &str, n: u32) -> Vec<u8> {
    format!(
        r#"{{"event":"{event}","previousValue":null,"currentValue":{{"id":"t{n}","todoList":{{"title":"{list}"}}}}}}"#
    )
    .into_bytes()
}

fn summary(lines: &[Value]) -> &Value {
    lines.iter().find(|l| l["type"] == "summary").expect("a summary line")
}

#[test]
fn non_matching_deliveries_are_answered_200_but_not_shown_recorded_or_counted() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("r.ndjson");
    let args = ["--secret", SECRET, "--filter", BUGS, "--record", record.to_str().unwrap()];
    let mut l = Listener::start(&args);
    assert_eq!(post_signed(l.port, SECRET, &todo("TODO_CREATED", "Done", 1)).status, 200);
    assert_eq!(post_signed(l.port, SECRET, &todo("TODO_CREATED", "Bugs", 2)).status, 200);
    // The filter runs after the signature: a forged match is still rejected.
    assert_eq!(post_signed(l.port, "forged", &todo("TODO_CREATED", "Bugs", 3)).status, 401);
    let shown = l.take(2);
    assert_eq!(shown[0]["body"]["currentValue"]["id"], "t2", "the Done one is not shown");
    assert_eq!(shown[1]["status"], 401);
    l.signal("INT");
    let (_, rest, stderr) = l.finish();
    let s = summary(&rest);
    assert_eq!((s["received"].as_u64(), s["filtered"].as_u64()), (Some(1), Some(1)), "{s}");
    assert!(stderr.contains("1 filtered"), "{stderr}");
    let recorded = std::fs::read_to_string(&record).unwrap();
    assert_eq!(recorded.lines().count(), 1, "{recorded}");
    assert!(recorded.contains("t2"));
}

#[test]
fn expect_counts_only_matching_deliveries() {
    let args = ["--secret", SECRET, "--filter", BUGS, "--expect", "TODO_CREATED", "--count", "2"];
    let mut l = Listener::start(&[&args[..], &["--timeout", "60s"]].concat());
    for n in 0..3 {
        assert_eq!(post_signed(l.port, SECRET, &todo("TODO_CREATED", "Done", n)).status, 200);
    }
    assert_eq!(post_signed(l.port, SECRET, &todo("TODO_CREATED", "Bugs", 3)).status, 200);
    assert_eq!(l.next().unwrap()["body"]["currentValue"]["id"], "t3");
    assert_eq!(post_signed(l.port, SECRET, &todo("TAG_CREATED", "Bugs", 4)).status, 200);
    let (code, rest, stderr) = l.finish();
    assert_eq!(code, Some(0), "{stderr}");
    let s = summary(&rest);
    assert_eq!((s["received"].as_u64(), s["filtered"].as_u64()), (Some(2), Some(3)), "{s}");
}

#[test]
fn expect_with_a_filter_times_out_when_nothing_matches() {
    let args = ["--secret", SECRET, "--filter", BUGS, "--expect", "TODO_CREATED"];
    let l = Listener::start(&[&args[..], &["--timeout", "1s"]].concat());
    assert_eq!(post_signed(l.port, SECRET, &todo("TODO_CREATED", "Done", 1)).status, 200);
    let (code, _, stderr) = l.finish();
    assert_eq!(code, Some(4), "{stderr}");
    assert!(stderr.contains("waiting for TODO_CREATED"), "{stderr}");
}

#[test]
fn an_expression_that_does_not_compile_is_a_usage_error_pointing_at_the_column() {
    bluehook()
        .args(["listen", "--port", "0", "--filter", ".currentValue | (.title =="])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--filter does not compile: column 27"))
        .stderr(predicate::str::contains(
            "  hint: .currentValue | (.title ==\n                                  ^\n",
        ));
    bluehook()
        .args(["replay", "-", "http://127.0.0.1:9/", "--filter", ".a | nosuch(1)"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("column 6: undefined filter `nosuch`"));
}

/// A record file of TODO_CREATED deliveries, the n-th (id `t<n>`) in the list `lists[n]`.
fn records(dir: &std::path::Path, lists: &[&str]) -> std::path::PathBuf {
    let file = dir.join("r.ndjson");
    let lines: Vec<String> = lists
        .iter()
        .enumerate()
        .map(|(n, list)| {
            let body = String::from_utf8(todo("TODO_CREATED", list, n as u32)).unwrap();
            serde_json::json!({"event": "TODO_CREATED", "headers": {}, "body": body}).to_string()
        })
        .collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    file
}

#[test]
fn replay_sends_only_matching_records() {
    let dir = tempfile::tempdir().unwrap();
    let file = records(dir.path(), &["Bugs", "Done", "Bugs"]);
    let mut l = Listener::start(&[]);
    bluehook()
        .args(["replay", file.to_str().unwrap(), &l.url, "--filter", BUGS])
        .assert()
        .success();
    let seen = l.take(2);
    assert_eq!(seen[0]["body"]["currentValue"]["id"], "t0");
    assert_eq!(seen[1]["body"]["currentValue"]["id"], "t2");
}

#[test]
fn inspect_shows_only_matching_records() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let file = records(dir.path(), &["Done", "Bugs", "Done"]);
    let mut child = crate::support::bluehook_std()
        .args(["inspect", file.to_str().unwrap(), "--filter", BUGS])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut url).unwrap();
    let mut note = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut note).unwrap();
    let port: u16 = crate::support::port_in(&url);
    let token = url.trim().rsplit('=').next().unwrap().to_string();
    let get = |id: u32| {
        let path = format!("/api/delivery?id={id}&token={token}");
        crate::support::request(port, "GET", &path, &[], b"")
    };
    let (first, second) = (get(1), get(2));
    let _ = child.kill();
    let _ = child.wait();
    assert!(note.contains("inspecting 1 deliveries") && note.contains("2 filtered out"), "{note}");
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(first.body.contains("t1") && !first.body.contains("t0"), "{}", first.body);
    assert_eq!(second.status, 404, "only the matching record is kept");
}

/// Deep nesting, in the expression or in a record's body, is a clear error or a body the
/// filter fails on: never a stack overflow.
#[test]
fn deep_expressions_and_bodies_never_overflow_the_stack() {
    let deep = format!("{}.{}", "(".repeat(5_000), ")".repeat(5_000));
    let pipes = vec!["."; 20_000].join(" | ");
    for expr in [deep.as_str(), pipes.as_str()] {
        bluehook()
            .args(["replay", "-", "http://127.0.0.1:9/", "--filter", expr])
            .write_stdin("")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--filter does not compile"));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deep.ndjson");
    let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let line = serde_json::json!({"event": "TODO_CREATED", "headers": {}, "body": body});
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let l = Listener::start(&[]);
    bluehook()
        .args(["replay", file.to_str().unwrap(), &l.url, "--filter", "."])
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to replay"));
}

//! `bluehook trigger` against `bluehook sandbox`: the dates `--set due=` accepts, success
//! reported only once every step succeeded, and `--list`'s table.

use serde_json::Value;

use crate::sandbox::Sandbox;
use crate::support::{Listener, bluehook};

/// A webhook on the sandbox for `event`, delivering to a listener with its secret.
fn listener_for(sb: &Sandbox, event: &str) -> Listener {
    let args = ["create", "--url", "http://127.0.0.1:9/", "--events", event, "--json"];
    let out = sb.cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let hook: Value = serde_json::from_slice(&out.stdout).unwrap();
    let l = Listener::start(&["--secret", hook["secret"].as_str().unwrap()]);
    let id = hook["id"].as_str().unwrap();
    assert!(sb.cmd().args(["update", id, "--url", &l.url]).output().unwrap().status.success());
    l
}

/// The `duedAt` of the next TODO_DUE_DATE_ADDED the listener gets.
fn next_due(l: &mut Listener) -> String {
    loop {
        let d = l.next().expect("a delivery");
        if d["event"] == "TODO_DUE_DATE_ADDED" {
            assert_eq!(d["verified"], true, "{d}");
            return d["body"]["currentValue"]["duedAt"].as_str().unwrap().to_string();
        }
    }
}

#[test]
fn due_dates_are_taken_as_people_write_them() {
    let sb = Sandbox::start(&["--speed", "1000"]);
    let mut l = listener_for(&sb, "TODO_DUE_DATE_ADDED");
    let cases = [
        ("2027-01-31", "2027-01-31T00:00:00.000Z"),
        ("2027-01-31T09:30:00+01:00", "2027-01-31T08:30:00.000Z"),
        ("2027-02-01T10:00:00.250Z", "2027-02-01T10:00:00.250Z"),
    ];
    for (given, sent) in cases {
        let due = format!("due={given}");
        let out = sb.cmd().args(["trigger", "TODO_DUE_DATE_ADDED", "--set", &due]).output();
        let out = out.unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{given}: {err}");
        assert!(err.contains("Triggered TODO_DUE_DATE_ADDED"), "{err}");
        assert_eq!(next_due(&mut l), sent, "{given}");
    }
    let out = sb.cmd().args(["trigger", "TODO_DUE_DATE_ADDED", "--set", "due=+3d"]).output();
    assert!(out.unwrap().status.success());
    let due = chrono::DateTime::parse_from_rfc3339(&next_due(&mut l)).unwrap();
    let days = (due.to_utc() - chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()))
        .num_hours();
    assert!((71..=72).contains(&days), "+3d is 3 days from now: {due}");
}

#[test]
fn a_date_it_cannot_read_is_a_usage_error_before_anything_is_created() {
    let sb = Sandbox::start(&[]);
    let out = sb.cmd().args(["trigger", "TODO_DUE_DATE_ADDED", "--set", "due=someday"]).output();
    let out = out.unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("due=`someday` is not a date") && err.contains("+3d"), "{err}");
    assert!(out.stdout.is_empty() && !err.contains("Triggered"), "{err}");
}

#[test]
fn a_failed_step_is_never_reported_as_triggered() {
    let sb = Sandbox::start(&[]);
    let out = sb.cmd().args(["trigger", "TODO_CREATED", "--list", "no-such-list"]).output();
    let out = out.unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("createTodo failed") && !err.contains("Triggered"), "{err}");
}

#[test]
fn the_list_of_plans_ends_with_a_newline() {
    for env in [("COLUMNS", "60"), ("COLUMNS", "200")] {
        let out = bluehook().env(env.0, env.1).args(["trigger", "--list"]).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{text:?}");
    }
}

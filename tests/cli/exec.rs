//! `listen --exec 'CMD'`: a command per accepted delivery, whose failure Blue gets as a 500.

use crate::support::{Listener, post_signed, request};

const SECRET: &str = "whsec_exec_test";
const BODY: &[u8] = br#"{"event":"TODO_CREATED","currentValue":{"id":"t1"}}"#;

#[test]
fn the_command_gets_the_body_on_stdin_and_the_delivery_in_its_environment() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seen");
    let script = format!(
        "cat > {0}.body; env | grep ^BLUEHOOK_ | sort > {0}.env; echo from-the-command",
        out.display()
    );
    let mut l = Listener::start(&["--secret", SECRET, "--exec", &script]);
    let sig = bluehook::signature::sign(SECRET.as_bytes(), BODY);
    let reply = request(l.port, "POST", "/", &[("X-Signature", &sig), ("X-Trace-Id", "abc")], BODY);
    assert_eq!(reply.status, 200);
    let line = l.next().unwrap();
    assert_eq!(line["exec"]["code"], 0, "{line}");
    assert_eq!(line["exec"]["timed_out"], false);
    assert_eq!(std::fs::read(out.with_extension("body")).unwrap(), BODY);
    let env = std::fs::read_to_string(out.with_extension("env")).unwrap();
    for expected in [
        "BLUEHOOK_EVENT=TODO_CREATED",
        "BLUEHOOK_VERIFIED=true",
        "BLUEHOOK_HEADER_X_TRACE_ID=abc",
        &format!("BLUEHOOK_HEADER_X_SIGNATURE={sig}"),
    ] {
        assert!(env.lines().any(|l| l == expected), "{expected} not in\n{env}");
    }
    // Forged deliveries never reach the command.
    assert_eq!(post_signed(l.port, "forged", BODY).status, 401);
    assert!(l.next().unwrap()["exec"].is_null());
    l.signal("TERM");
    let (_, _, stderr) = l.finish();
    assert!(stderr.contains("from-the-command"), "the command's output goes to stderr: {stderr}");
}

#[test]
fn a_failing_command_is_answered_500_unless_exec_ack() {
    let mut l = Listener::start(&["--secret", SECRET, "--exec", "exit 3", "--count", "1"]);
    let reply = post_signed(l.port, SECRET, BODY);
    assert_eq!(reply.status, 500);
    assert!(reply.body.contains("exec-failed"), "{}", reply.body);
    let line = l.next().unwrap();
    assert_eq!(
        (line["exec"]["code"].as_i64(), line["reason"].as_str()),
        (Some(3), Some("exec-failed"))
    );
    // Blue retries: the failed attempt did not count.
    let mut acked = Listener::start(&["--secret", SECRET, "--exec", "exit 3", "--exec-ack"]);
    assert_eq!(post_signed(acked.port, SECRET, BODY).status, 200);
    let line = acked.next().unwrap();
    assert_eq!((line["exec"]["code"].as_i64(), line["reason"].as_str()), (Some(3), None));
    l.signal("INT");
    let (code, rest, _) = l.finish();
    assert_eq!(code, Some(130), "the --count was not met by a failed command");
    let summary = rest.iter().find(|l| l["type"] == "summary").unwrap();
    assert_eq!(summary["received"], 0);
}

#[test]
fn a_command_still_running_after_6s_is_killed_and_answered_500() {
    let l = Listener::start(&["--exec", "sleep 30"]);
    let started = std::time::Instant::now();
    let reply = crate::support::request(l.port, "POST", "/", &[], BODY);
    assert_eq!(reply.status, 500);
    let waited = started.elapsed();
    assert!(waited >= std::time::Duration::from_secs(6), "{waited:?}");
    let mut l = l;
    let line = l.next().unwrap();
    assert_eq!(
        (line["exec"]["timed_out"].as_bool(), line["exec"]["code"].as_i64()),
        (Some(true), None)
    );
}

#[test]
fn the_command_result_ends_the_delivery_line_people_read() {
    use crate::support::{bluehook_std, human_listener, sigterm};
    let args = ["--secret", SECRET, "--exec", "exit 3", "--exec-ack"];
    let (child, port, _stderr) = human_listener(bluehook_std(), &args);
    for _ in 0..2 {
        assert_eq!(post_signed(port, SECRET, BODY).status, 200);
    }
    sigterm(&child);
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2, "one line per delivery: {text:?}");
    for line in lines {
        assert!(line.contains("verified") && line.contains("TODO_CREATED"), "{text:?}");
        let (_, result) = line.split_once("  -> exec ").unwrap_or_else(|| panic!("{text:?}"));
        assert!(result.starts_with("exit 3 in ") && result.ends_with(" ms"), "{text:?}");
    }
}

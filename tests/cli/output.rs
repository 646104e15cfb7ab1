//! What the listener does with its output: a stdout nobody reads never holds up an answer or
//! an exit, a failed record write leaves only whole records, and text from the network
//! reaches a terminal escaped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Child, ChildStdout, Stdio};
use std::time::{Duration, Instant};

use bluehook::signature::sign;
use serde_json::Value;

use crate::support::{WAIT, bluehook, bluehook_std, human_listener, post_signed, request, sigterm};

const SECRET: &str = "whsec_output_test";

/// A JSON delivery of about `size` bytes.
fn body(event: &str, size: usize) -> Vec<u8> {
    let pad = "x".repeat(size.saturating_sub(40));
    format!(r#"{{"event":"{event}","pad":"{pad}"}}"#).into_bytes()
}

/// `bluehook listen --port 0 --json --secret ...` whose stdout is a pipe the test reads only
/// when it chooses; stderr is read all along. Returns the child, its stdout past the ready
/// line, and the port.
fn listen_unread(args: &[&str]) -> (Child, BufReader<ChildStdout>, u16) {
    let mut child = bluehook_std()
        .args(["listen", "--port", "0", "--json", "--secret", SECRET])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bluehook listen starts");
    let mut stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut ready = String::new();
    stdout.read_line(&mut ready).unwrap();
    let ready: Value = serde_json::from_str(&ready).expect("a ready line");
    let port = ready["port"].as_u64().expect("a port") as u16;
    (child, stdout, port)
}

/// Waits (bounded) for the child to exit and returns its exit code.
fn exit_code(child: &mut Child) -> Option<i32> {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("listen did not exit after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_stdout_nobody_reads_holds_up_no_answer_and_sigterm_still_exits() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("r.ndjson");
    let (mut child, _unread, port) = listen_unread(&["--record", record.to_str().unwrap()]);
    // About 5 MB of NDJSON: many times what the pipe, the writer's buffer and any queue hold.
    let delivery = body("TODO_CREATED", 16 * 1024);
    for n in 0..300 {
        let reply = post_signed(port, SECRET, &delivery);
        assert_eq!(reply.status, 200, "delivery {n} was not answered: {}", reply.head);
    }
    sigterm(&child);
    assert_eq!(exit_code(&mut child), Some(130));
    let text = std::fs::read_to_string(&record).unwrap();
    assert_eq!(text.lines().count(), 300, "the record file is the durable copy");
    for line in text.lines() {
        let r = bluehook::record::parse_line(line.as_bytes()).expect("a whole record");
        assert_eq!(r.body_bytes(), &delivery[..]);
    }
}

#[test]
fn output_that_falls_behind_drops_lines_with_a_counted_notice() {
    let (mut child, stdout, port) = listen_unread(&[]);
    // 100 bodies of 512 KB: more than the output may hold back (32 MiB) while nobody reads.
    let big = body("TODO_CREATED", 512 * 1024);
    for n in 0..100 {
        assert_eq!(post_signed(port, SECRET, &big).status, 200, "delivery {n}");
    }
    let (tx, lines) = std::sync::mpsc::channel::<Value>();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            let _ = tx.send(serde_json::from_str(&line).expect("whole NDJSON lines"));
        }
    });
    let last = body("TAG_CREATED", 100);
    assert_eq!(post_signed(port, SECRET, &last).status, 200);
    let mut seen = Vec::new();
    while !seen.iter().any(|l: &Value| l["event"] == "TAG_CREATED") {
        seen.push(lines.recv_timeout(WAIT).expect("the last delivery is shown"));
    }
    sigterm(&child);
    assert_eq!(exit_code(&mut child), Some(130));
    seen.extend(lines.iter());
    let shown = seen.iter().filter(|l| l["type"] == "request").count() as u64;
    let notices: Vec<u64> = seen
        .iter()
        .filter(|l| l["type"] == "dropped")
        .map(|l| l["lines"].as_u64().unwrap())
        .collect();
    let dropped: u64 = notices.iter().sum();
    assert!(dropped > 0, "nothing was dropped: {shown} shown");
    assert_eq!(shown + dropped, 101, "every delivery is either shown or counted");
    let summary = seen.last().unwrap();
    assert_eq!(summary["type"], "summary", "{summary}");
    assert_eq!(
        (summary["received"].as_u64(), summary["dropped"].as_u64()),
        (Some(101), Some(dropped))
    );
}

/// Starts `listen --record FILE` with its file size limit at `limit` bytes (SIGXFSZ ignored,
/// so a write past it fails with EFBIG as on a full disk).
#[cfg(unix)]
fn listen_with_file_limit(record: &std::path::Path, limit: u64) -> crate::support::Listener {
    use std::os::unix::process::CommandExt;
    let mut cmd = bluehook_std();
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let rlim = libc::rlimit { rlim_cur: limit, rlim_max: limit };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rlim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    crate::support::Listener::start_command(
        cmd,
        &["--secret", SECRET, "--record", record.to_str().unwrap()],
    )
}

#[cfg(unix)]
#[test]
fn a_failed_record_write_is_answered_500_and_leaves_only_whole_records() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("r.ndjson");
    let mut l = listen_with_file_limit(&record, 64 * 1024);
    let first = body("TODO_CREATED", 1000);
    assert_eq!(post_signed(l.port, SECRET, &first).status, 200);
    let too_big = body("TODO_UPDATED", 200 * 1024);
    let failed = post_signed(l.port, SECRET, &too_big);
    assert_eq!(failed.status, 500, "a delivery that was not recorded must not get a 2xx");
    assert!(failed.body.contains("record-failed"), "{}", failed.body);
    let after = body("TAG_CREATED", 1000);
    let reply = post_signed(l.port, SECRET, &after);
    assert_eq!(reply.status, 200, "the next delivery fits and is recorded: {}", reply.body);
    let lines = l.take(3);
    let reasons: Vec<&Value> = lines.iter().map(|l| &l["reason"]).collect();
    assert_eq!(reasons, [&Value::Null, &Value::from("record-failed"), &Value::Null]);
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(text.ends_with('\n'));
    let records: Vec<_> = text
        .lines()
        .map(|line| bluehook::record::parse_line(line.as_bytes()).expect("a whole record"))
        .collect();
    assert_eq!(records.len(), 2, "{text:.200}");
    assert_eq!((records[0].body_bytes(), records[1].body_bytes()), (&first[..], &after[..]));
}

/// Everything a forger might send to take over a terminal.
const HOSTILE: &str = "\x1b]0;pwned\x07\r\x1b[2K\x1b[32mverified\x1b[0m\u{9b}31m\u{202e}";

fn assert_escaped(text: &str) {
    for bad in ['\x1b', '\x07', '\r', '\u{9b}', '\u{202e}'] {
        assert!(!text.contains(bad), "{bad:?} reached the terminal: {text:?}");
    }
    assert!(text.contains("\\x1b]0;pwned\\x07"), "escapes are shown: {text}");
}

#[test]
fn network_text_reaches_the_human_output_escaped() {
    let args = ["--secret", SECRET, "--count", "1", "--color", "always"];
    let (mut child, port, _stderr) = human_listener(bluehook_std(), &args);
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let hostile = serde_json::to_string(HOSTILE).unwrap();
    // A forged delivery with a hostile event name and title, one that is not JSON, and one
    // genuine delivery whose body carries controls JSON does not escape.
    let forged = format!(r#"{{"event":{hostile},"currentValue":{{"title":{hostile}}}}}"#);
    let sig = "0".repeat(64);
    assert_eq!(request(port, "POST", "/", &[("X-Signature", &sig)], forged.as_bytes()).status, 401);
    let not_json = format!("not json {HOSTILE}");
    let signed = sign(SECRET.as_bytes(), not_json.as_bytes());
    assert_eq!(
        request(port, "POST", "/", &[("X-Signature", &signed)], not_json.as_bytes()).status,
        400
    );
    let genuine = format!(r#"{{"event":"TODO_CREATED","currentValue":{{"title":{hostile}}}}}"#);
    assert_eq!(post_signed(port, SECRET, genuine.as_bytes()).status, 200);
    assert_eq!(exit_code(&mut child), Some(0));
    let text = reader.join().unwrap().unwrap();
    // Colour is on: bluehook's own escapes are there, the sender's are not.
    assert!(text.contains("\x1b[1m"), "colour was asked for: {text:?}");
    let text_without_ours = strip_sgr(&text);
    assert_escaped(&text_without_ours);
    // Shown, not dropped: the forged delivery's event (header line) and title (its lines),
    // the text body, and the genuine delivery's title.
    assert_eq!(text_without_ours.matches("]0;pwned").count(), 4, "{text_without_ours}");
}

/// Removes the colour sequences bluehook writes itself (`ESC [ digits;... m`).
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 2..];
        let end = tail.find(|c: char| !(c.is_ascii_digit() || c == ';')).unwrap_or(tail.len());
        if tail[end..].starts_with('m') {
            rest = &tail[end + 1..];
        } else {
            out.push_str("\x1b[");
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// A receiver on 127.0.0.1 that reads one request and answers it with `response` (raw
/// HTTP/1.1 bytes), then stops. Returns its port.
fn answer_once(response: Vec<u8>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = stream.read(&mut buf) {
            seen.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&seen).to_ascii_lowercase();
            let Some(end) = text.find("\r\n\r\n") else { continue };
            let length = text
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if seen.len() >= end + 4 + length {
                break;
            }
        }
        let _ = stream.write_all(&response);
    });
    port
}

fn http_200(body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[test]
fn send_sample_shows_the_receivers_answer_escaped() {
    let port = answer_once(http_200(&format!("ok {HOSTILE}\nsecond line")));
    let out = bluehook()
        .args(["send-sample", &format!("http://127.0.0.1:{port}/"), "--secret", SECRET])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_escaped(&text);
    assert!(text.contains("\nsecond line"), "lines of the answer stay lines: {text}");
}

#[test]
fn a_redirect_location_is_named_escaped() {
    let mut response =
        b"HTTP/1.1 302 Found\r\nlocation: http://x/\xe2\x80\xae\xc2\x9b31m\r\n".to_vec();
    response.extend_from_slice(b"content-length: 0\r\nconnection: close\r\n\r\n");
    let port = answer_once(response);
    let out = bluehook()
        .args(["send-sample", &format!("http://127.0.0.1:{port}/"), "--secret", SECRET])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains('\u{9b}') && !stderr.contains('\u{202e}'), "{stderr:?}");
    assert!(stderr.contains("http://x/\\u{202e}\\u{9b}31m"), "{stderr}");
}

#[test]
fn replay_shows_recorded_event_names_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.ndjson");
    let line = serde_json::json!({"event": HOSTILE, "headers": {}, "body": "{}"});
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let port = answer_once(http_200("ok"));
    let out = bluehook()
        .args(["replay", file.to_str().unwrap(), &format!("http://127.0.0.1:{port}/")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_escaped(&String::from_utf8(out.stdout).unwrap());
}

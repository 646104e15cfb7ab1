//! `bluehook check URL`: receivers with one defect each, written here as small servers on
//! 127.0.0.1, fail exactly the cases that catch the defect and no other; a correct receiver,
//! `bluehook listen` and the receivers of examples/ (Node, Python, Rust) pass every case.

use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::HeaderMap;

use crate::support::{Listener, bluehook, closed_port};

const SECRET: &str = "whsec_check_test";

/// Every case, in table order.
const CASES: [&str; 13] = [
    "every-event",
    "health-check",
    "forged",
    "unsigned",
    "tampered",
    "raw-bytes",
    "large-body",
    "unicode",
    "out-of-order",
    "redelivery",
    "burst",
    "timing",
    "redirect",
];

/// What a test receiver answers to one request.
struct Reply {
    status: u16,
    delay: Option<Duration>,
    location: Option<&'static str>,
}

fn status(status: u16) -> Reply {
    Reply { status, delay: None, location: None }
}

type Decide = Arc<dyn Fn(&HeaderMap, &[u8]) -> Reply + Send + Sync>;

/// A receiver on 127.0.0.1 (port 0) answering as `decide` says, stopped when dropped.
struct Receiver {
    url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Receiver {
    fn start(decide: impl Fn(&HeaderMap, &[u8]) -> Reply + Send + Sync + 'static) -> Receiver {
        let decide: Decide = Arc::new(decide);
        let app = axum::Router::new().fallback(move |headers: HeaderMap, body: bytes::Bytes| {
            let decide = decide.clone();
            async move { answer(decide(&headers, &body)).await }
        });
        Receiver::serve(app)
    }

    fn serve(app: axum::Router) -> Receiver {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}/hooks/blue", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                tokio::select! {
                    _ = axum::serve(listener, app) => {}
                    _ = stopped => {}
                }
            });
            rt.shutdown_background();
        });
        Receiver { url, stop: Some(stop), thread: Some(thread) }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.stop.take().map(|s| s.send(()));
        let _ = self.thread.take().map(|t| t.join());
    }
}

async fn answer(reply: Reply) -> axum::response::Response {
    if let Some(d) = reply.delay {
        tokio::time::sleep(d).await;
    }
    let mut response = axum::response::Response::builder().status(reply.status);
    if let Some(to) = reply.location {
        response = response.header("location", to);
    }
    response.body(axum::body::Body::empty()).unwrap()
}

/// Whether X-Signature is the HMAC of these exact bytes.
fn genuine(headers: &HeaderMap, body: &[u8]) -> bool {
    let sig = headers.get("x-signature").map(|v| v.as_bytes());
    bluehook::signature::verify(SECRET.as_bytes(), body, sig).is_ok()
}

/// A correct receiver: 200 to what verifies, 401 to the rest.
fn correct(headers: &HeaderMap, body: &[u8]) -> Reply {
    status(if genuine(headers, body) { 200 } else { 401 })
}

fn event_of(body: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    v["event"].as_str().unwrap_or_default().to_string()
}

/// What one `bluehook check --json` run said.
struct Run {
    code: Option<i32>,
    verdicts: BTreeMap<String, String>,
    summary: serde_json::Value,
    stdout: String,
    stderr: String,
}

impl Run {
    fn with(&self, verdict: &str) -> Vec<&str> {
        let named =
            CASES.iter().filter(|c| self.verdicts.get(**c).map(String::as_str) == Some(verdict));
        named.copied().collect()
    }
}

fn check(url: &str, args: &[&str]) -> Run {
    let out =
        bluehook().args(["check", url, "--secret", SECRET, "--json"]).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let mut verdicts = BTreeMap::new();
    let mut summary = serde_json::Value::Null;
    for line in stdout.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        match v["type"].as_str() {
            Some("case") => {
                verdicts.insert(
                    v["case"].as_str().unwrap().to_string(),
                    v["verdict"].to_string().replace('"', ""),
                );
            }
            _ => summary = v,
        }
    }
    Run { code: out.status.code(), verdicts, summary, stdout, stderr }
}

/// Runs the check and asserts that exactly `failing` failed (and nothing warned).
fn assert_fails_only(url: &str, args: &[&str], failing: &[&str]) -> Run {
    let run = check(url, args);
    assert_eq!(run.verdicts.len(), 13, "a line per case: {}\n{}", run.stdout, run.stderr);
    assert_eq!(run.with("fail"), failing, "{}", run.stdout);
    assert_eq!(run.with("warn"), Vec::<&str>::new(), "{}", run.stdout);
    let code = if failing.is_empty() { 0 } else { 1 };
    assert_eq!(run.code, Some(code), "{}", run.stderr);
    run
}

#[test]
fn a_correct_receiver_passes_every_case() {
    let r = Receiver::start(correct);
    let run = assert_fails_only(&r.url, &[], &[]);
    assert_eq!(run.summary["passed"], 13);
    assert_eq!(run.summary["deliveries"], 75, "37 events, the health check and 37 more");
    assert!(run.stderr.is_empty(), "no notice for a loopback URL: {}", run.stderr);
}

#[test]
fn bluehook_listen_passes_its_own_check() {
    let listener = Listener::start(&["--secret", SECRET]);
    assert_fails_only(&listener.url, &[], &[]);
}

#[test]
fn a_receiver_that_does_not_verify_fails_forged_unsigned_and_tampered() {
    let r = Receiver::start(|_, _| status(200));
    assert_fails_only(&r.url, &[], &["forged", "unsigned", "tampered"]);
    // For people: the table, what each failure means and how to fix it, the tally.
    let out = bluehook().args(["check", &r.url, "--secret", SECRET]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    for case in CASES {
        assert!(text.contains(case), "{case} in the table:\n{text}");
    }
    assert!(text.contains("fail forged: anyone who knows the URL can make up events"), "{text}");
    assert!(text.contains("  fix: verify X-Signature"), "{text}");
    assert!(text.contains("10 passed, 0 warned, 3 failed (75 deliveries in "), "{text}");
}

#[test]
fn a_verifier_of_re_serialised_json_fails_raw_bytes_only() {
    let r = Receiver::start(|headers, body| {
        let parsed: serde_json::Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(_) => return status(400),
        };
        correct(headers, &serde_json::to_vec(&parsed).unwrap())
    });
    assert_fails_only(&r.url, &[], &["raw-bytes"]);
}

/// A Python receiver that verifies `json.dumps(json.loads(body), ...)`; `careful` writes it
/// compact and unescaped, as Blue does, so only unusual bytes tell.
const PYTHON_RESERIALISER: &str = r#"
import hashlib, hmac, json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
SECRET, CAREFUL = sys.argv[1].encode(), sys.argv[2] == "careful"
class H(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        parsed = json.loads(body)
        if CAREFUL:
            again = json.dumps(parsed, separators=(",", ":"), ensure_ascii=False)
        else:
            again = json.dumps(parsed)
        good = hmac.new(SECRET, again.encode(), hashlib.sha256).hexdigest()
        ok = hmac.compare_digest(good, self.headers.get("X-Signature", ""))
        self.send_response(200 if ok else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
class S(ThreadingHTTPServer):
    request_queue_size = 128
s = S(("127.0.0.1", 0), H)
print("listening on http://127.0.0.1:%d/" % s.server_address[1], flush=True)
s.serve_forever()
"#;

#[test]
fn python_re_serialising_verifiers_fail_raw_bytes() {
    let Some(careful) = Program::start("python3", &["-c", PYTHON_RESERIALISER, SECRET, "careful"])
    else {
        return;
    };
    assert_fails_only(&careful.url, &[], &["raw-bytes"]);
    let plain = Program::start("python3", &["-c", PYTHON_RESERIALISER, SECRET, "plain"]).unwrap();
    let run = check(&plain.url, &[]);
    assert!(run.with("fail").contains(&"raw-bytes"), "{}", run.stdout);
    assert_eq!(run.code, Some(1));
}

#[test]
fn a_100_kb_body_limit_fails_large_body_only() {
    let r = Receiver::start(|h, b| if b.len() > 100 * 1024 { status(413) } else { correct(h, b) });
    assert_fails_only(&r.url, &[], &["large-body"]);
}

#[test]
fn an_answer_after_the_time_limit_fails_timing_only() {
    // The work for a moved record is done before answering, and takes longer than the limit
    // (2 s here instead of Blue's 7 s, to keep the test short).
    let r = Receiver::start(|h, b| {
        let mut reply = correct(h, b);
        if event_of(b) == "TODO_MOVED" {
            reply.delay = Some(Duration::from_millis(3_000));
        }
        reply
    });
    let run = assert_fails_only(&r.url, &["--timeout", "2s"], &["timing"]);
    assert!(run.stdout.contains("TODO_MOVED: no answer within 2.0 s"), "{}", run.stdout);
}

#[test]
fn a_slow_answer_within_the_limit_warns_and_fails_only_when_strict() {
    let r = Receiver::start(|h, b| {
        let mut reply = correct(h, b);
        if event_of(b) == "TODO_MOVED" {
            reply.delay = Some(Duration::from_millis(1_200));
        }
        reply
    });
    let args = ["--timeout", "2s", "--only", "every-event,timing"];
    let run = check(&r.url, &args);
    assert_eq!((run.with("warn"), run.with("fail")), (vec!["timing"], vec![]), "{}", run.stdout);
    assert_eq!(run.code, Some(0), "a warning alone passes");
    let strict = check(&r.url, &[&args[..], &["--strict"]].concat());
    assert_eq!(strict.code, Some(1), "{}", strict.stdout);
    assert_eq!(strict.summary["ok"], false);
}

#[test]
fn a_redirecting_receiver_fails_redirect() {
    let r = Receiver::start(|_, _| Reply {
        status: 308,
        delay: None,
        location: Some("https://example.com/hooks/blue"),
    });
    let run = check(&r.url, &[]);
    assert_eq!(run.with("fail"), ["redirect"], "{}", run.stdout);
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.contains("308 to https://example.com/hooks/blue"), "{}", run.stdout);
}

/// A receiver that keeps the ids of the entities created and answers `unknown` to anything
/// else about an id it has not seen.
fn remembering(unknown: u16) -> Receiver {
    let known = Mutex::new(HashSet::<String>::new());
    Receiver::start(move |h, b| {
        if !genuine(h, b) {
            return status(401);
        }
        let v: serde_json::Value = serde_json::from_slice(b).unwrap();
        let event = v["event"].as_str().unwrap_or_default();
        let entity =
            if v["currentValue"].is_object() { &v["currentValue"] } else { &v["previousValue"] };
        let Some(id) = entity["id"].as_str() else { return status(200) };
        let mut known = known.lock().unwrap();
        if event.ends_with("_CREATED") {
            known.insert(id.to_string());
        } else if !known.contains(id) {
            return status(unknown);
        }
        status(200)
    })
}

#[test]
fn a_500_on_an_unknown_id_fails_out_of_order_only_and_a_404_warns() {
    let r = remembering(500);
    assert_fails_only(&r.url, &[], &["out-of-order"]);
    // --events: the events chosen, after the creations they need.
    let run = check(&r.url, &["--only", "every-event", "--events", "todo-deleted"]);
    assert_eq!((run.code, run.with("pass")), (Some(0), vec!["every-event"]), "{}", run.stdout);
    assert_eq!(run.summary["deliveries"], 3, "TODO_LIST_CREATED, TODO_CREATED, TODO_DELETED");
    let r = remembering(404);
    let run = check(&r.url, &["--only", "every-event,out-of-order"]);
    assert_eq!(
        (run.with("warn"), run.with("fail")),
        (vec!["out-of-order"], vec![]),
        "{}",
        run.stdout
    );
    assert_eq!(run.code, Some(0));
}

#[test]
fn a_receiver_rejecting_a_duplicate_fails_redelivery_only() {
    let seen = Mutex::new(HashSet::<Vec<u8>>::new());
    let r = Receiver::start(move |h, b| {
        if !genuine(h, b) {
            return status(401);
        }
        if !seen.lock().unwrap().insert(b.to_vec()) {
            return status(409);
        }
        status(200)
    });
    assert_fails_only(&r.url, &[], &["redelivery"]);
}

#[test]
fn junit_report_is_well_formed_and_names_each_case() {
    let r = Receiver::start(|_, _| status(200));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("check.xml");
    let run = check(&r.url, &["--junit", path.to_str().unwrap()]);
    assert_eq!(run.code, Some(1));
    let xml = std::fs::read_to_string(&path).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut names, mut failures, mut suite) = (Vec::new(), Vec::new(), None);
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attr = |n: &str| {
                    e.try_get_attribute(n)
                        .unwrap()
                        .map(|a| String::from_utf8_lossy(&a.value).to_string())
                };
                match e.name().as_ref() {
                    b"testsuite" => suite = Some((attr("name"), attr("tests"), attr("failures"))),
                    b"testcase" => names.push(attr("name").unwrap()),
                    b"failure" => failures.push(names.last().unwrap().clone()),
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    let some = |s: &str| Some(s.to_string());
    assert_eq!(suite, Some((some("bluehook check"), some("13"), some("3"))));
    assert_eq!(names, CASES);
    assert_eq!(failures, ["forged", "unsigned", "tampered"]);
}

#[test]
fn an_unreachable_receiver_is_one_error_with_exit_5() {
    let url = format!("http://127.0.0.1:{}/hooks/blue", closed_port());
    let run = check(&url, &[]);
    assert_eq!(run.code, Some(5));
    assert!(run.stdout.is_empty(), "no verdicts: {}", run.stdout);
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("bluehook: error: cannot reach http://127.0.0.1:"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("bluehook: error:").count(), 1, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 2, "the error and its hint: {}", run.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let r = Receiver::start(correct);
    for args in [
        &["--only", "raw-byte"][..],
        &["--events", "TODO_CRATED"],
        &["--only", "forged", "--skip", "burst"],
        &["--only", "timing,redirect"],
    ] {
        let run = check(&r.url, args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    let run = check(&r.url, &["--only", "raw-byte"]);
    assert!(run.stderr.contains("did you mean raw-bytes?"), "{}", run.stderr);
    let out = bluehook().args(["check", &r.url]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "no secret");
}

/// A receiver from examples/ (or a test's own) run by an interpreter, killed when dropped.
struct Program {
    child: std::process::Child,
    url: String,
}

impl Program {
    /// Starts `program args` with PORT=0 and the secret, and reads its URL from the first line
    /// it prints. `None` (with a notice) when the program is not installed, except in CI.
    fn start(program: &str, args: &[&str]) -> Option<Program> {
        let spawned = std::process::Command::new(program)
            .args(args)
            .current_dir(crate::support::root())
            .env("PORT", "0")
            .env("BLUE_WEBHOOK_SECRET", SECRET)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                assert_ne!(
                    std::env::var("CI").as_deref(),
                    Ok("true"),
                    "{program} is required in CI"
                );
                eprintln!("skipped: {program} is not installed");
                return None;
            }
            Err(e) => panic!("{program}: {e}"),
        };
        let mut first = String::new();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        stdout.read_line(&mut first).unwrap();
        let url = first.trim().strip_prefix("listening on ").unwrap_or_else(|| panic!("{first}"));
        // Keep reading what it prints, so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in stdout.lines() {});
        Some(Program { url: url.to_string(), child })
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_node_example_passes() {
    if let Some(node) = Program::start("node", &["examples/receiver.js"]) {
        assert_fails_only(&node.url, &[], &[]);
    }
}

#[test]
fn the_python_example_passes() {
    if let Some(python) = Program::start("python3", &["examples/receiver.py"]) {
        assert_fails_only(&python.url, &[], &[]);
    }
}

#[allow(dead_code)]
#[path = "../../examples/axum_receiver.rs"]
mod axum_receiver;

#[test]
fn the_rust_example_passes() {
    let r = Receiver::serve(axum_receiver::app(SECRET.as_bytes().to_vec()));
    assert_fails_only(&r.url, &[], &[]);
}

#[test]
fn the_readme_snippets_are_taken_from_the_examples() {
    let readme = std::fs::read_to_string(crate::support::root().join("README.md")).unwrap();
    let mut found = 0;
    for part in readme.split("<!-- from ").skip(1) {
        let (file, rest) = part.split_once(" -->").unwrap();
        let code = rest.split("```").nth(1).expect("a code block after the marker");
        let code = code.split_once('\n').expect("a language line").1;
        let source = std::fs::read_to_string(crate::support::root().join(file)).unwrap();
        assert!(source.contains(code), "README's snippet from {file} is not in it:\n{code}");
        found += 1;
    }
    assert_eq!(found, 3, "a snippet for Node, Python and Rust");
}

#[test]
fn a_receiver_with_another_secret_gets_told_so() {
    let r = Receiver::start(correct);
    let out = bluehook()
        .args(["check", &r.url, "--secret", "whsec_another", "--only", "every-event,forged"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("TODO_LIST_CREATED: answered 401 (and 36 more)"), "{text}");
    assert!(text.contains("hint: every genuine delivery was refused: does the receiver verify with this webhook's secret"), "{text}");
}

#[test]
fn a_receiver_that_stops_answering_stops_the_run() {
    let r = Receiver::start(|_, _| Reply {
        status: 200,
        delay: Some(Duration::from_secs(60)),
        location: None,
    });
    let run = check(&r.url, &["--timeout", "300ms"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.with("warn"), ["every-event", "health-check"], "not judged: {}", run.stdout);
    assert_eq!(run.with("pass"), ["redirect"], "{}", run.stdout);
    assert!(run.stdout.contains("no answer within 300 ms (3 in all)"), "{}", run.stdout);
    let stopped = "not run: the receiver stopped answering (3 timeouts in a row)";
    assert_eq!(run.stdout.matches(stopped).count(), 9, "{}", run.stdout);
    assert_eq!(run.summary["deliveries"], 3);
}

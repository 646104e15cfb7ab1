//! Helpers shared by the integration tests.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::Duration;

/// A `bluehook` command isolated from the user's environment: no Blue or bluehook variables,
/// no colour, and a config directory of its own.
pub fn bluehook() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::from_std(bluehook_std());
    cmd.timeout(std::time::Duration::from_secs(60));
    cmd
}

/// The same isolation for a `std::process::Command` (for long-running children).
pub fn bluehook_std() -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("bluehook"));
    scrub(&mut cmd);
    cmd
}

/// [`bluehook_std`] under a limit of `limit` open files (soft and hard), set by the shell.
pub fn bluehook_with_open_files(limit: u32) -> std::process::Command {
    let mut cmd = std::process::Command::new("sh");
    let script = format!("ulimit -n {limit} && exec \"$0\" \"$@\"");
    cmd.arg("-c").arg(script).arg(assert_cmd::cargo::cargo_bin("bluehook"));
    scrub(&mut cmd);
    cmd
}

fn scrub(cmd: &mut std::process::Command) {
    for (key, _) in std::env::vars_os() {
        let k = key.to_string_lossy();
        if k.starts_with("BLUE_") || k.starts_with("BLUEHOOK_") || k == "NO_COLOR" {
            cmd.env_remove(&key);
        }
    }
    cmd.env("XDG_CONFIG_HOME", empty_config_home());
    cmd.env("CLICOLOR", "0");
}

/// A config directory that holds nothing (tests that need a config file pass `--config`).
fn empty_config_home() -> PathBuf {
    let dir = std::env::temp_dir().join("bluehook-tests-empty-config");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The project root (where `completions/` lives).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A running `bluehook listen --port 0 --json ...`, for tests that deliver to it.
///
/// The port comes from the NDJSON ready line. Further stdout lines are read by a thread, so
/// every wait is bounded. The child is killed when the value is dropped.
pub struct Listener {
    child: std::process::Child,
    pub port: u16,
    pub url: String,
    lines: std::sync::mpsc::Receiver<String>,
    /// The ready line.
    pub ready: serde_json::Value,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
    stderr_reader: Option<std::thread::JoinHandle<()>>,
}

/// How long a test waits for anything from a listener before failing.
pub const WAIT: std::time::Duration = std::time::Duration::from_secs(20);

impl Listener {
    /// Starts `bluehook listen --port 0 --json` followed by `args`, and waits for it to be ready.
    pub fn start(args: &[&str]) -> Listener {
        Listener::start_command(bluehook_std(), args)
    }

    /// The same on a chosen port.
    pub fn start_on(port: u16, args: &[&str]) -> Listener {
        Listener::start_command_on(bluehook_std(), port, args)
    }

    /// [`Listener::start`] from a prepared command (`bluehook_std()` with limits, say).
    pub fn start_command(cmd: std::process::Command, args: &[&str]) -> Listener {
        Listener::start_command_on(cmd, 0, args)
    }

    /// [`Listener::start_command`] on a chosen port.
    pub fn start_command_on(mut cmd: std::process::Command, port: u16, args: &[&str]) -> Listener {
        use std::io::{BufRead, Read};
        use std::process::Stdio;
        let mut child = cmd
            .args(["listen", "--port", &port.to_string(), "--json"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("bluehook listen starts");
        let (tx, lines) = std::sync::mpsc::channel();
        let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let (sink, mut pipe) = (stderr.clone(), child.stderr.take().unwrap());
        let stderr_reader = Some(std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = pipe.read(&mut buf) {
                sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }));
        let mut listener = Listener {
            child,
            port: 0,
            url: String::new(),
            lines,
            ready: Default::default(),
            stderr,
            stderr_reader,
        };
        let ready = listener.next().unwrap_or_else(|| {
            panic!("no ready line; stderr: {}", listener.stderr.lock().unwrap())
        });
        assert_eq!(ready["type"], "ready", "{ready}");
        listener.port = ready["port"].as_u64().unwrap() as u16;
        listener.url = ready["url"].as_str().unwrap().to_string();
        listener.ready = ready;
        listener
    }

    /// The next NDJSON line, or `None` if none comes within [`WAIT`] (or stdout closed).
    /// Every line is held to the format's definition ([`Message`]).
    ///
    /// [`Message`]: bluehook::listen::message::Message
    pub fn next(&mut self) -> Option<serde_json::Value> {
        let line = self.lines.recv_timeout(WAIT).ok()?;
        Some(ndjson_line(&line))
    }

    /// The next `n` lines, failing the test if they do not all come.
    pub fn take(&mut self, n: usize) -> Vec<serde_json::Value> {
        (0..n).map(|i| self.next().unwrap_or_else(|| panic!("only {i} of {n} lines"))).collect()
    }

    /// The process id, to send it signals.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal (`TERM`, `INT`) with `kill`.
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// Waits (bounded) for the process to exit; returns its exit code, the stdout lines not
    /// read yet, and everything it wrote on stderr.
    pub fn finish(mut self) -> (Option<i32>, Vec<serde_json::Value>, String) {
        let deadline = std::time::Instant::now() + WAIT;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(std::time::Instant::now() < deadline, "listen did not exit in time");
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let mut rest = Vec::new();
        while let Ok(line) = self.lines.recv_timeout(WAIT) {
            rest.push(ndjson_line(&line));
        }
        if let Some(reader) = self.stderr_reader.take() {
            let _ = reader.join();
        }
        let stderr = self.stderr.lock().unwrap().clone();
        (status.code(), rest, stderr)
    }

    /// The public URL of the ready line (`--tunnel`, `--public-url`).
    pub fn public_url(&self) -> String {
        self.ready["public_url"].as_str().expect("a public URL in the ready line").to_string()
    }

    /// Stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Stderr once it contains `needle` (stderr and stdout are separate streams: a line on
    /// one says nothing of what has reached the other), or as it is after [`WAIT`].
    pub fn stderr_once(&self, needle: &str) -> String {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let text = self.stderr();
            if text.contains(needle) || std::time::Instant::now() > deadline {
                return text;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

/// One line of `listen --json`, checked against the NDJSON's definition (unknown fields,
/// missing ones and wrong types all fail the test).
pub fn ndjson_line(line: &str) -> serde_json::Value {
    if let Err(e) = serde_json::from_str::<bluehook::listen::message::Message>(line) {
        panic!("a line outside the NDJSON's definition ({e}): {line}");
    }
    serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A raw HTTP/1.1 response: status, lowercase header lines, body.
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// A connection to 127.0.0.1:`port` whose reads and writes give up after 20 s.
pub fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.set_write_timeout(Some(Duration::from_secs(20))).unwrap();
    stream
}

/// Reads until the server closes the connection and splits the answer.
pub fn read_reply(mut stream: TcpStream) -> Reply {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Reply { status, head: head.to_ascii_lowercase(), body: body.to_string() }
}

/// Sends one request on a fresh connection and reads the whole answer.
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut stream = connect(port);
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    read_reply(stream)
}

/// POSTs `body` signed with `secret`.
pub fn post_signed(port: u16, secret: &str, body: &[u8]) -> Reply {
    let sig = bluehook::signature::sign(secret.as_bytes(), body);
    request(port, "POST", "/", &[("X-Signature", &sig)], body)
}

/// `cmd` (`bluehook_std()`, perhaps with an environment) running `listen --port 0 ARGS` for
/// people, not `--json`: stdout is piped for the test to read, the port comes from the ready
/// line on stderr, and the rest of stderr is collected by a thread (joined once it exits).
pub fn human_listener(
    mut cmd: std::process::Command,
    args: &[&str],
) -> (std::process::Child, u16, std::thread::JoinHandle<String>) {
    use std::io::BufRead;
    use std::process::Stdio;
    let mut child = cmd
        .args(["listen", "--port", "0"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bluehook listen starts");
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut ready = String::new();
    // Warnings (no secret, say) may come first.
    while !ready.contains("listening on") {
        ready.clear();
        assert!(stderr.read_line(&mut ready).unwrap() > 0, "no ready line");
    }
    let rest = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    (child, port_in(&ready), rest)
}

/// Announces 100 bytes and sends one every 100 ms until the listener answers.
pub fn trickle(port: u16) -> Reply {
    let mut s = connect(port);
    s.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n").unwrap();
    for _ in 0..100 {
        if s.write_all(b" ").is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        let mut probe = [0u8; 1];
        s.set_nonblocking(true).unwrap();
        let answered = matches!(s.peek(&mut probe), Ok(1..));
        s.set_nonblocking(false).unwrap();
        if answered {
            break;
        }
    }
    read_reply(s)
}

/// A loopback port nothing listens on: bound on port 0 to learn a free one, then closed, so
/// connecting to it is refused.
pub fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Sends SIGTERM to a child (as a supervisor or Ctrl-C's cousin would).
pub fn sigterm(child: &std::process::Child) {
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

/// The port in the first `127.0.0.1:PORT` URL of a line (a human ready line, say).
pub fn port_in(text: &str) -> u16 {
    text.split("127.0.0.1:")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no URL in {text}"))
}

/// A one-connection-at-a-time app on 127.0.0.1: for each request it sends the head and body
/// it got on `seen`, and answers with `answer` (raw bytes; `None` never answers).
pub fn app(answer: Option<&'static [u8]>) -> (u16, std::sync::mpsc::Receiver<String>) {
    app_after(Duration::ZERO, answer)
}

/// [`app`], answering each request `delay` after it arrived (a slow app, a breakpoint).
pub fn app_after(
    delay: Duration,
    answer: Option<&'static [u8]>,
) -> (u16, std::sync::mpsc::Receiver<String>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, seen) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(8) {
            let Ok(mut s) = stream else { return };
            s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
            let got = read_request(&mut s);
            let _ = tx.send(String::from_utf8_lossy(&got).into_owned());
            std::thread::sleep(delay);
            match answer {
                Some(bytes) => {
                    let _ = s.write_all(bytes);
                }
                None => std::thread::sleep(Duration::from_secs(30)),
            }
        }
    });
    (port, seen)
}

/// One request's head and body (as far as its Content-Length says).
pub fn read_request(s: &mut TcpStream) -> Vec<u8> {
    let mut got = Vec::new();
    let mut buf = [0u8; 8192];
    while let Ok(n @ 1..) = s.read(&mut buf) {
        got.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&got);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let len = head.lines().find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse::<usize>().unwrap())
            });
            if body.len() >= len.unwrap_or(0) {
                break;
            }
        }
    }
    got
}

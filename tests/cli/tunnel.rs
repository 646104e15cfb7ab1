//! `listen --tunnel` and `--public-url`: deliveries that arrive through a tunnel.

use std::time::Duration;

use crate::support::{Listener, bluehook, post_signed};

const SECRET: &str = "whsec_tunnel_test";
const BODY: &[u8] = br#"{"event":"TODO_CREATED","currentValue":{"id":"t1"}}"#;

/// A bore server on 127.0.0.1, in this process, for the whole suite. bore's control port is
/// fixed (7835): if it is taken, the server already there (another run of this suite) serves.
fn bore_server() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        std::thread::spawn(|| {
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(async {
                let loopback = std::net::IpAddr::from([127, 0, 0, 1]);
                let mut server = bore_cli::server::Server::new(20000..=60000, None);
                server.set_bind_addr(loopback);
                server.set_bind_tunnels(loopback);
                let _ = server.listen().await;
            })
        });
    });
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", 7835)).is_err() {
        assert!(std::time::Instant::now() < deadline, "the bore server did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn port_of(url: &str) -> u16 {
    let rest = url.strip_prefix("http://127.0.0.1:").unwrap_or_else(|| panic!("{url}"));
    rest.trim_end_matches('/').parse().unwrap()
}

#[test]
fn a_verified_delivery_arrives_through_a_bore_tunnel() {
    bore_server();
    let mut l = Listener::start(&["--secret", SECRET, "--tunnel", "bore=127.0.0.1"]);
    let public = l.public_url();
    let port = port_of(&public);
    assert_ne!(port, l.port, "the public port is the bore server's, not the listener's");
    assert_eq!(post_signed(port, SECRET, BODY).status, 200);
    let line = l.next().unwrap();
    assert_eq!(
        (line["verified"].as_bool(), line["event"].as_str()),
        (Some(true), Some("TODO_CREATED"))
    );
    assert_eq!(post_signed(port, "forged", BODY).status, 401, "verified through the tunnel too");
}

#[test]
fn public_url_is_shown_in_the_ready_line() {
    let l = Listener::start(&["--public-url", "https://hooks.example.com/blue"]);
    assert_eq!(l.public_url(), "https://hooks.example.com/blue");
    let deadline = std::time::Instant::now() + crate::support::WAIT;
    while !l.stderr().contains("and https://hooks.example.com/blue") {
        assert!(std::time::Instant::now() < deadline, "{}", l.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn unknown_or_unreachable_tunnels_are_errors() {
    bluehook()
        .args(["listen", "--port", "0", "--tunnel", "localtunnel"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown tunnel `localtunnel`"));
    // Nothing listens on 127.0.0.2 (the test's bore server is bound to 127.0.0.1 only).
    bluehook()
        .args(["listen", "--port", "0", "--tunnel", "bore=127.0.0.2"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("cannot open a bore tunnel through 127.0.0.2"));
    for (name, hint) in
        [("cloudflared", "brew install cloudflared"), ("ngrok", "ngrok.com/download")]
    {
        bluehook()
            .args(["listen", "--port", "0", "--tunnel", name])
            .env("PATH", "/nonexistent")
            .assert()
            .code(1)
            .stderr(predicates::str::contains(format!("{name} is not installed")))
            .stderr(predicates::str::contains(hint));
    }
}

/// A `bluehook listen --tunnel cloudflared` whose PATH finds the stand-in of
/// `tests/stand-ins/cloudflared` (a loopback forwarder that prints cloudflared's banner).
#[cfg(unix)]
fn with_stand_in(log: &std::path::Path, args: &[&str]) -> Listener {
    with_program("cloudflared", log, args)
}

#[cfg(unix)]
fn with_program(program: &str, log: &std::path::Path, args: &[&str]) -> Listener {
    with_program_env(program, log, args, &[])
}

#[cfg(unix)]
fn with_program_env(
    program: &str,
    log: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> Listener {
    let dir = crate::support::root().join("tests/stand-ins");
    let path = format!("{}:{}", dir.display(), std::env::var("PATH").unwrap());
    let mut cmd = crate::support::bluehook_std();
    cmd.env("PATH", path).env("STAND_IN_LOG", log);
    cmd.envs(env.iter().copied());
    let base = ["--secret", SECRET, "--tunnel", program, "--probe-every", "1s"];
    Listener::start_command(cmd, &[&base[..], args].concat())
}

/// The pids the stand-in logged, one per start.
#[cfg(unix)]
fn stand_in_pids(log: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines().filter_map(|l| l.split_whitespace().next()).map(String::from).collect()
}

#[cfg(unix)]
fn silence(pid: &str) {
    let status = std::process::Command::new("kill").args(["-USR1", pid]).status().unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_cloudflared_tunnel_carries_deliveries_and_probes_are_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("stand-in.log");
    let mut l = with_stand_in(&log, &["--count", "1"]);
    let port = port_of(&l.public_url());
    assert_eq!(stand_in_pids(&log).len(), 1);
    assert!(
        std::fs::read_to_string(&log)
            .unwrap()
            .contains(&format!("--url http://127.0.0.1:{}", l.port))
    );
    // Several probes go through while nothing else happens; none is shown or counted.
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(post_signed(port, SECRET, BODY).status, 200);
    let line = l.next().unwrap();
    assert_eq!((line["type"].as_str(), line["verified"].as_bool()), (Some("request"), Some(true)));
    let (code, rest, stderr) = l.finish();
    assert_eq!(code, Some(0), "{stderr}");
    let summary = rest.iter().find(|l| l["type"] == "summary").unwrap();
    assert_eq!((summary["received"].as_u64(), summary["invalid"].as_u64()), (Some(1), Some(0)));
    assert!(!stderr.contains("tunnel down"), "{stderr}");
    // The stand-in was stopped with the listener.
    let pid = &stand_in_pids(&log)[0];
    // Gone, or a zombie left for init to reap.
    let state = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let alive = state.lines().any(|l| l.starts_with("State:") && !l.contains("Z (zombie)"));
    assert!(!alive, "the tunnel program outlived the listener: {state}");
}

/// The listener stops as soon as `--count` is met, while the tunnel is still relaying the
/// answer that met it: the tunnel is asked to stop, not killed, so the caller gets its 200
/// (Blue would otherwise retry a delivery that was accepted).
#[cfg(unix)]
#[test]
fn the_last_answer_reaches_the_caller_through_a_slow_tunnel() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("stand-in.log");
    let slow = [("STAND_IN_RELAY_DELAY_MS", "700")];
    let l = with_program_env("cloudflared", &log, &["--count", "1"], &slow);
    let port = port_of(&l.public_url());
    assert_eq!(post_signed(port, SECRET, BODY).status, 200);
    let (code, rest, stderr) = l.finish();
    assert_eq!(code, Some(0), "{stderr}");
    let summary = rest.iter().find(|l| l["type"] == "summary").unwrap();
    assert_eq!(summary["received"].as_u64(), Some(1), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_silently_dead_tunnel_is_reported_and_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("stand-in.log");
    let mut l = with_stand_in(&log, &[]);
    let first = l.public_url();
    silence(&stand_in_pids(&log)[0]);
    let down = l.next().expect("a tunnel line");
    assert_eq!((down["type"].as_str(), down["state"].as_str()), (Some("tunnel"), Some("down")));
    assert_eq!(down["url"].as_str(), Some(first.as_str()));
    let up = l.next().expect("the tunnel back up");
    assert_eq!((up["type"].as_str(), up["state"].as_str()), (Some("tunnel"), Some("up")));
    let second = up["url"].as_str().unwrap().to_string();
    assert_ne!(second, first, "a new tunnel");
    assert_eq!(stand_in_pids(&log).len(), 2);
    assert_eq!(post_signed(port_of(&second), SECRET, BODY).status, 200);
    assert_eq!(l.next().unwrap()["verified"], true);
    assert!(l.stderr().contains("tunnel down: "), "{}", l.stderr());
}

#[cfg(unix)]
#[test]
fn exit_on_disconnect_exits_10() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("stand-in.log");
    let mut l = with_stand_in(&log, &["--exit-on-disconnect"]);
    silence(&stand_in_pids(&log)[0]);
    assert_eq!(l.next().unwrap()["state"], "down");
    let (code, _, stderr) = l.finish();
    assert_eq!(code, Some(10), "{stderr}");
    assert!(stderr.contains("the tunnel is down (--exit-on-disconnect)"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn an_ngrok_tunnel_url_is_read_from_its_json_log() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("stand-in.log");
    let mut l = with_program("ngrok", &log, &[]);
    let args = std::fs::read_to_string(&log).unwrap();
    let expected = format!("http 127.0.0.1:{} --log stdout --log-format json", l.port);
    assert!(args.contains(&expected), "{args}");
    assert_eq!(post_signed(port_of(&l.public_url()), SECRET, BODY).status, 200);
    assert_eq!(l.next().unwrap()["verified"], true);
}

/// Whether `pid` is running (a zombie waiting to be reaped is not).
#[cfg(unix)]
fn running(pid: &str) -> bool {
    let state = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    state.lines().any(|l| l.starts_with("State:") && !l.contains("Z (zombie)"))
}

#[cfg(target_os = "linux")]
#[test]
fn a_tunnel_program_does_not_outlive_a_killed_listener() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("stand-in.log");
    let l = with_stand_in(&log, &[]);
    let pid = stand_in_pids(&log)[0].clone();
    assert!(running(&pid));
    drop(l); // SIGKILL: the listener has no chance to stop its tunnel itself.
    let deadline = std::time::Instant::now() + crate::support::WAIT;
    while running(&pid) {
        assert!(
            std::time::Instant::now() < deadline,
            "the tunnel program {pid} outlived its listener"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

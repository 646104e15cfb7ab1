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
    assert!(l.stderr().contains("and https://hooks.example.com/blue"), "{}", l.stderr());
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

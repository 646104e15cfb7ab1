//! Private and local webhook URLs however they are written: `sandbox --strict-urls` refuses
//! them as Blue does, and `create`/`update` against Blue warn about them. IPv4 addresses
//! written as IPv6 and names are judged by their addresses, not by their spelling.

use crate::fake_blue::FakeBlue;
use crate::sandbox::Sandbox;

/// This machine's host name, which resolves to one of its own (private) addresses.
fn own_host_name() -> String {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").expect("the host name");
    let name = name.trim().to_string();
    let resolved = std::net::ToSocketAddrs::to_socket_addrs(&(name.as_str(), 80));
    assert!(resolved.is_ok_and(|mut a| a.next().is_some()), "{name} resolves");
    name
}

fn disguised() -> Vec<String> {
    let mut urls: Vec<String> = [
        "http://[::ffff:127.0.0.1]:9/hook",
        "http://[::ffff:7f00:1]:9/hook",
        "http://[::ffff:a00:1]/",
    ]
    .map(String::from)
    .to_vec();
    urls.push(format!("http://{}:9/hook", own_host_name()));
    urls
}

#[test]
fn strict_urls_compare_addresses_not_spellings() {
    let sb = Sandbox::start(&["--strict-urls"]);
    for url in disguised() {
        let out = sb.cmd().args(["create", "--url", &url]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(8), "{url}: {err}");
        assert!(err.contains("private/internal address"), "{url}: {err}");
    }
    let out = sb.cmd().args(["create", "--url", "https://hooks.example.com/b", "--json"]).output();
    let out = out.unwrap();
    assert!(out.status.success(), "a public URL: {}", String::from_utf8_lossy(&out.stderr));
    let hook: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = hook["id"].as_str().unwrap();
    let url = &disguised()[3];
    let out = sb.cmd().args(["update", id, "--url", url]).output().unwrap();
    assert_eq!(out.status.code(), Some(8), "update too: {url}");
}

#[test]
fn create_warns_about_disguised_local_urls_against_blue() {
    let fake = FakeBlue::start();
    let dir = tempfile::tempdir().unwrap();
    for url in disguised() {
        let mut cmd = fake.bluehook(&dir.path().join("config.toml"));
        for (k, v) in fake.far() {
            cmd.env(k, v);
        }
        let out = cmd.args(["create", "--url", &url, "--events", "TODO_CREATED"]).output();
        let out = out.unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{url}: {err}");
        assert!(err.contains("is a private or local address, which Blue refuses"), "{url}: {err}");
    }
}

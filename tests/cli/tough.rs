//! Toughness: `bluehook listen --record` under load, under abuse and under signals. Real
//! processes on 127.0.0.1 (port 0); every count and wait is bounded.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::net::Shutdown;
use std::path::Path;
use std::time::{Duration, Instant};

use bluehook::events::{
    self,
    sample::{self, SampleOptions},
};
use bluehook::record::{self, Record};
use bluehook::signature::sign;
use serde_json::Value;

use crate::support::{
    Listener, bluehook, bluehook_std, connect, post_signed, read_reply, request, trickle,
};

const SECRET: &str = "whsec_tough_test";

/// Every line of a record file, parsed; panics on a line that is not a record.
fn records(file: &Path) -> Vec<Record> {
    let bytes = std::fs::read(file).unwrap();
    assert!(bytes.is_empty() || bytes.ends_with(b"\n"), "the last record line is complete");
    record::parse_all(&bytes).map(|r| r.unwrap_or_else(|e| panic!("{e}")).1).collect()
}

/// Asserts a record holds a body signed with [`SECRET`] and was marked verified.
fn assert_verified(r: &Record) {
    assert_eq!(r.signature(), Some(sign(SECRET.as_bytes(), r.body_bytes()).as_str()));
    assert_eq!(r.verified, Some(true));
}

fn summary(lines: &[Value]) -> &Value {
    lines.iter().find(|l| l["type"] == "summary").expect("a summary line")
}

#[test]
fn soak_20000_deliveries_at_concurrency_64_are_all_verified_and_recorded_exactly() {
    const COUNT: usize = 20_000;
    const SEED: u64 = 4_000;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("soak.ndjson");
    let mut l = Listener::start(&["--secret", SECRET, "--record", file.to_str().unwrap()]);
    let url = l.url.clone();
    let started = Instant::now();
    let out = bluehook()
        .args(["send-sample", &l.url, "--count", "20000", "--concurrency", "64", "--unique"])
        .args(["--seed", &SEED.to_string(), "--secret", SECRET, "--json"])
        .timeout(Duration::from_secs(300))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    eprintln!("soak: {COUNT} deliveries sent in {:.1?}", started.elapsed());
    let sent: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!((sent["sent"].as_u64(), sent["succeeded"].as_u64()), (Some(20_000), Some(20_000)));
    let lines = l.take(COUNT);
    assert!(lines.iter().all(|r| r["verified"] == true && r["status"] == 200));
    l.signal("TERM");
    let (code, rest, _) = l.finish();
    assert_eq!(code, Some(130));
    assert!(rest.iter().all(|r| r["type"] != "request"), "no more requests than were sent");
    let s = summary(&rest);
    assert_eq!((s["received"].as_u64(), s["verified"].as_u64()), (Some(20_000), Some(20_000)));
    assert_eq!((s["rejected"].as_u64(), s["invalid"].as_u64()), (Some(0), Some(0)));
    let recorded = records(&file);
    assert_eq!(recorded.len(), COUNT);
    recorded.iter().for_each(assert_verified);
    // The very bodies send-sample sent: sample n of `--unique --seed` is seeded seed + n.
    let event = events::resolve("TODO_CREATED").unwrap();
    let base = SampleOptions::seeded(SEED, &url);
    let expected: BTreeSet<Vec<u8>> = (0..COUNT as u64)
        .map(|n| sample::body(event, &SampleOptions { seed: SEED + n, ..base.clone() }))
        .collect();
    assert_eq!(expected.len(), COUNT, "every sample is distinct");
    let got: BTreeSet<Vec<u8>> = recorded.into_iter().map(|r| r.body.into_bytes()).collect();
    assert_eq!(got.len(), COUNT, "no body recorded twice");
    assert!(got == expected, "the recorded bodies are exactly the ones sent");
}

/// The kinds of request the mix interleaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Good,
    Forged,
    Oversized,
    Truncated,
    NotJson,
    Trickle,
}

const KINDS: [Kind; 6] =
    [Kind::Good, Kind::Forged, Kind::Oversized, Kind::Truncated, Kind::NotJson, Kind::Trickle];

fn good_body(tag: &str) -> Vec<u8> {
    format!(
        r#"{{"event":"TODO_CREATED","currentValue":{{"id":"{tag}","title":"caf\u00e9 {tag}"}}}}"#
    )
    .into_bytes()
}

/// Sends one request of `kind`; returns the status answered (0: the connection was closed
/// without an answer).
fn send(port: u16, kind: Kind, tag: &str) -> u16 {
    match kind {
        Kind::Good => post_signed(port, SECRET, &good_body(tag)).status,
        Kind::Forged => post_signed(port, "not-the-secret", &good_body(tag)).status,
        Kind::Oversized => {
            let big = format!(r#"{{"event":"TAG_CREATED","pad":"{}"}}"#, "x".repeat(3000));
            post_signed(port, SECRET, big.as_bytes()).status
        }
        Kind::NotJson => {
            post_signed(port, SECRET, format!("event=TODO_CREATED&{tag}").as_bytes()).status
        }
        Kind::Truncated => {
            let mut s = connect(port);
            let head =
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"event\":\"TODO_";
            s.write_all(head.as_bytes()).unwrap();
            s.shutdown(Shutdown::Write).unwrap();
            read_reply(s).status
        }
        Kind::Trickle => trickle(port).status,
    }
}

#[test]
fn a_mix_of_good_and_bad_requests_gets_the_documented_answers_and_loses_no_good_one() {
    const THREADS: usize = 4;
    const EACH: usize = 12;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mix.ndjson");
    let args = ["--secret", SECRET, "--record", file.to_str().unwrap()];
    let mut l =
        Listener::start(&[&args[..], &["--max-body", "1k", "--read-timeout", "1s"]].concat());
    let port = l.port;
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            std::thread::spawn(move || {
                (0..EACH)
                    .map(|i| {
                        let kind = KINDS[(t + i) % KINDS.len()];
                        let tag = format!("mix-{t}-{i}");
                        (kind, tag.clone(), send(port, kind, &tag))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let results: Vec<(Kind, String, u16)> =
        threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
    for (kind, tag, status) in &results {
        let expected: &[u16] = match kind {
            Kind::Good => &[200],
            Kind::Forged => &[401],
            Kind::Oversized => &[413],
            Kind::NotJson => &[400],
            // The client closed its side mid-body: 400, or just a closed connection.
            Kind::Truncated => &[400, 0],
            Kind::Trickle => &[408],
        };
        assert!(expected.contains(status), "{kind:?} {tag} got {status}");
    }
    // Still up, and answering.
    assert_eq!(post_signed(port, SECRET, &good_body("after")).status, 200);
    assert_eq!(request(port, "GET", "/", &[], b"").status, 405);
    let lines = l.take(results.len() + 2);
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for r in &lines {
        *reasons.entry(r["reason"].as_str().unwrap_or("accepted").to_string()).or_default() += 1;
    }
    let per_kind = THREADS * EACH / KINDS.len();
    let want: BTreeMap<String, usize> = [
        ("accepted", per_kind + 1),
        ("signature-mismatch", per_kind),
        ("body-too-large", per_kind),
        ("body-incomplete", per_kind),
        ("invalid-json", per_kind),
        ("body-timeout", per_kind),
        ("method-not-allowed", 1),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(reasons, want);
    let good: BTreeSet<Vec<u8>> = results
        .iter()
        .filter(|(kind, ..)| *kind == Kind::Good)
        .map(|(_, tag, _)| good_body(tag))
        .chain([good_body("after")])
        .collect();
    let recorded = records(&file);
    recorded.iter().for_each(assert_verified);
    let bodies: BTreeSet<Vec<u8>> = recorded.iter().map(|r| r.body_bytes().to_vec()).collect();
    assert_eq!(recorded.len(), good.len(), "each good delivery recorded once, nothing else");
    assert!(bodies == good, "the recorded bodies are the good ones, byte for byte");
    l.signal("TERM");
    let (code, rest, _) = l.finish();
    assert_eq!(code, Some(130));
    let s = summary(&rest);
    let received = (per_kind + 1) as u64;
    assert_eq!((s["received"].as_u64(), s["verified"].as_u64()), (Some(received), Some(received)));
    assert_eq!(
        (s["rejected"].as_u64(), s["invalid"].as_u64()),
        (Some(per_kind as u64), Some(4 * per_kind as u64 + 1))
    );
}

/// Loads a recording listener with send-sample, signals the listener mid-run, and checks
/// that every delivery answered 2xx is in the record file.
fn signal_during_load(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("load.ndjson");
    let l = Listener::start(&["--secret", SECRET, "--record", file.to_str().unwrap()]);
    let sender = bluehook_std()
        .args(["send-sample", &l.url, "--count", "20000", "--concurrency", "16", "--unique"])
        .args(["--secret", SECRET, "--json", "--timeout", "5s"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Mid-run: once some deliveries are on disk.
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::read(&file).map_or(0, |b| b.iter().filter(|c| **c == b'\n').count()) < 500 {
        assert!(Instant::now() < deadline, "no deliveries recorded: {}", l.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
    l.signal(signal);
    let (code, rest, stderr) = l.finish();
    assert_eq!(code, Some(130), "{stderr}");
    assert!(stderr.contains("bluehook: interrupted:"), "{stderr}");
    // Stop the sender too (it would otherwise try every remaining delivery).
    let kill = std::process::Command::new("kill").args(["-INT", &sender.id().to_string()]).status();
    assert!(kill.unwrap().success());
    let output = sender.wait_with_output().unwrap();
    let sent: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    let answered_2xx = sent["succeeded"].as_u64().unwrap();
    let recorded = records(&file);
    eprintln!("SIG{signal} mid-load: {} recorded; send-sample: {sent}", recorded.len());
    recorded.iter().for_each(assert_verified);
    let s = summary(&rest);
    assert_eq!(s["received"].as_u64(), Some(recorded.len() as u64), "received = recorded");
    assert!(answered_2xx >= 500, "the load was under way: {sent}");
    assert!(
        recorded.len() as u64 >= answered_2xx,
        "{} recorded, but {answered_2xx} were answered 2xx",
        recorded.len()
    );
    assert!(
        sent["sent"].as_u64().unwrap() < 20_000 || sent["errors"].as_u64().unwrap() > 0,
        "the signal came mid-run: {sent}"
    );
}

#[test]
fn sigterm_during_load_keeps_every_delivery_answered_2xx() {
    signal_during_load("TERM");
}

#[test]
fn sigint_during_load_keeps_every_delivery_answered_2xx() {
    signal_during_load("INT");
}

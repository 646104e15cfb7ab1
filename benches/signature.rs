//! Sign and verify throughput beside a bare `hmac::Hmac<Sha256>`: the ratio is what the API
//! around the MAC costs. Run: `cargo bench --bench signature`.

use bluehook::signature::{self, Signer};
use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const SIZES: [usize; 4] = [1 << 10, 3 << 10, 64 << 10, 1 << 20];
const SECRET: &[u8] = b"a-webhook-secret-of-typical-length-0123";

fn main() {
    divan::main();
}

fn body(len: usize) -> Vec<u8> {
    (0..len).map(|i| b"{\"event\":\"TODO_CREATED\"}"[i % 24]).collect()
}

/// The baseline: key, hash and finalize with the hmac crate directly.
#[divan::bench(args = SIZES)]
fn bare_hmac(b: Bencher, len: usize) {
    let body = body(len);
    b.counter(BytesCount::new(len)).bench(|| {
        let mut m = Hmac::<Sha256>::new_from_slice(black_box(SECRET)).unwrap();
        m.update(black_box(&body));
        m.finalize().into_bytes()
    });
}

/// One-shot `signature::sign`: keys, hashes and hex-encodes.
#[divan::bench(args = SIZES)]
fn sign(b: Bencher, len: usize) {
    let body = body(len);
    b.counter(BytesCount::new(len)).bench(|| signature::sign(black_box(SECRET), black_box(&body)));
}

/// One-shot `signature::verify`: parses the header, keys, hashes, compares in constant time.
#[divan::bench(args = SIZES)]
fn verify(b: Bencher, len: usize) {
    let body = body(len);
    let header = signature::sign(SECRET, &body);
    b.counter(BytesCount::new(len)).bench(|| {
        signature::verify(black_box(SECRET), black_box(&body), Some(black_box(header.as_bytes())))
    });
}

/// `Signer::verify` with the key prepared once, as the listener does.
#[divan::bench(args = SIZES)]
fn signer_verify(b: Bencher, len: usize) {
    let body = body(len);
    let header = signature::sign(SECRET, &body);
    let signer = Signer::new(SECRET);
    b.counter(BytesCount::new(len))
        .bench(|| signer.verify(black_box(&body), Some(black_box(header.as_bytes()))));
}

/// A Blue-shaped delivery of about 3 KB: a TODO_CREATED sample with a longer description.
fn delivery_3k() -> Vec<u8> {
    use bluehook::events::{self, sample};
    let event = events::lookup("TODO_CREATED").unwrap();
    let mut value = sample::value(event, &sample::SampleOptions::seeded(1, "https://x.example/h"));
    let len = serde_json::to_vec(&value).unwrap().len();
    value["currentValue"]["text"] = "lorem ipsum ".repeat((3072 - len) / 12).into();
    serde_json::to_vec(&value).unwrap()
}

/// `forensics::explain` on a 3 KB delivery with a forged signature: no cause is found, so every
/// check runs (the worst case for a listener under a flood of forgeries). Cases: no other
/// secret; 16 other saved secrets (the cap) and 64 earlier deliveries; the same with the
/// body's keys sorted, which also rebuilds Blue's key order from the event's sample.
#[divan::bench(args = ["alone", "16 others", "16 others, sorted"])]
fn explain_forged_3k(b: Bencher, case: &str) {
    use bluehook::signature::forensics::{self, Earlier, Evidence, OtherSecret};
    let mut body = delivery_3k();
    assert!((3000..3100).contains(&body.len()), "{}", body.len());
    if case.ends_with("sorted") {
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        body = serde_json::to_vec(&sorted(&value)).unwrap();
    }
    let forged = signature::sign(b"forger", &body);
    let n = if case == "alone" { 0 } else { 16 };
    let secrets: Vec<String> = (0..n).map(|i| format!("other-secret-{i}")).collect();
    let others: Vec<OtherSecret> =
        secrets.iter().map(|s| OtherSecret { webhook: "wh", secret: s.as_bytes() }).collect();
    let sigs: Vec<String> = (0..n * 4).map(|i| signature::sign(SECRET, &[i as u8])).collect();
    let earlier: Vec<Earlier> =
        sigs.iter().map(|s| Earlier { label: "", body: b"{}", signature: s.as_bytes() }).collect();
    let header = Some(forged.as_bytes());
    let signer = &Signer::new(SECRET);
    let evidence = Evidence { body: &body, header, signer, others: &others, earlier: &earlier };
    let e = forensics::explain(&evidence).unwrap();
    let expected = if case.ends_with("sorted") { "reserialised" } else { "no-known-cause" };
    assert_eq!((e.code(), e.confirmed), (expected, false));
    b.counter(BytesCount::new(body.len())).bench(|| forensics::explain(black_box(&evidence)));
}

fn sorted(value: &serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(m) => {
            let mut entries: Vec<_> = m.iter().map(|(k, v)| (k.clone(), sorted(v))).collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().collect())
        }
        serde_json::Value::Array(a) => serde_json::Value::Array(a.iter().map(sorted).collect()),
        v => v.clone(),
    }
}

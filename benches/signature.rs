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

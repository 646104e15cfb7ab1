//! What handing one delivery from a request handler to its consumers costs: the fan-out
//! `listen` uses (`Fanout::publish`, which never waits) beside the bounded channel it
//! replaced (`mpsc::Sender::blocking_send`, which waits when the consumer is behind). Each
//! consumer is a thread that drains its queue as the output writer does. Building the
//! delivery is left out of the timing. Run: `cargo bench --bench handoff`.

use std::time::SystemTime;

use bluehook::listen::check::Outcome;
use bluehook::listen::delivery::Delivery;
use bluehook::listen::fanout::{Bound, Fanout};
use divan::Bencher;
use hyper::body::Bytes;
use hyper::http::{HeaderMap, HeaderValue, Method};

fn main() {
    divan::main();
}

/// A delivery like the benchmark's: a 3 KB body and a few headers.
fn delivery() -> Delivery {
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    headers.insert("x-signature", HeaderValue::from_static("3f9a"));
    headers.insert("user-agent", HeaderValue::from_static("bluehook/0.1.0"));
    Delivery {
        received_at: SystemTime::now(),
        method: Method::POST,
        path: "/".into(),
        headers,
        verified: Some(true),
        outcome: Outcome::Accepted,
        status: 200,
        event: Some("TODO_CREATED".into()),
        body: Bytes::from(vec![b'x'; 3 << 10]),
        json: true,
        forwarded: None,
        queued: None,
        unrouted: false,
        exec: None,
    }
}

const WRITER: Bound = Bound::Lossy { deliveries: 4096, bytes: 32 << 20 };

/// The old hand-off: a bounded queue of 64 to one consumer thread; the send waits (here:
/// blocks) only when the queue is full, as `send().await` did in the handler.
#[divan::bench(sample_count = 500, sample_size = 64)]
fn bounded_channel_one_consumer(b: Bencher) {
    use tokio::sync::mpsc::error::TrySendError;
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Delivery>(64);
    let consumer = std::thread::spawn(move || while rx.blocking_recv().is_some() {});
    let template = delivery();
    b.with_inputs(|| template.clone()).bench_local_values(|d| match tx.try_send(d) {
        Err(TrySendError::Full(d)) => tx.blocking_send(d).unwrap(),
        sent => sent.unwrap(),
    });
    drop(tx);
    consumer.join().unwrap();
}

/// The fan-out with the output writer's lane only (`listen` without --expect/--count).
#[divan::bench(sample_count = 500, sample_size = 64)]
fn fanout_writer_lane(b: Bencher) {
    fanout(b, &[WRITER]);
}

/// The fan-out with the writer's lane and the CI gate's lossless lane.
#[divan::bench(sample_count = 500, sample_size = 64)]
fn fanout_writer_and_gate_lanes(b: Bencher) {
    fanout(b, &[WRITER, Bound::Lossless]);
}

fn fanout(b: Bencher, bounds: &[Bound]) {
    let fanout = Fanout::new();
    let consumers: Vec<_> = bounds
        .iter()
        .map(|bound| {
            let mut lane = fanout.subscribe(*bound);
            std::thread::spawn(move || while lane.blocking_recv().is_some() {})
        })
        .collect();
    let template = delivery();
    b.with_inputs(|| template.clone()).bench_local_values(|d| fanout.publish(d));
    fanout.close();
    consumers.into_iter().for_each(|c| c.join().unwrap());
}

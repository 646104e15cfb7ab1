//! Load mode: N deliveries over C concurrent connections, with a summary of what came back.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::send::delivery::{self, Delivery, FailureKind, Target};
use crate::send::wire;

/// Builds the delivery for the n-th request (0-based).
pub type MakeDelivery = Arc<dyn Fn(u64) -> Delivery + Send + Sync>;

/// Per-request hook, called with the request's number and what became of it (a progress bar
/// tick, a result line).
pub type OnDone = Arc<dyn Fn(u64, &delivery::Outcome) + Send + Sync>;

/// The figures of one load run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub sent: u64,
    pub succeeded: u64,
    pub non_2xx: u64,
    pub errors: u64,
    pub elapsed_ms: f64,
    pub requests_per_sec: f64,
    /// Latency of the requests that were answered; `None` when none was.
    pub latency_ms: Option<Percentiles>,
    /// Count per HTTP status answered.
    pub statuses: BTreeMap<u16, u64>,
    /// Count per failure kind (non-2xx statuses, redirects, refused, timeout, ...).
    pub failures: BTreeMap<String, u64>,
    /// The first error text seen, to say what went wrong.
    pub first_error: Option<String>,
    pub interrupted: bool,
    /// The run stopped early: its first [`GIVE_UP_AFTER`] attempts all failed to connect.
    pub gave_up: bool,
    /// Deliveries not sent because the run stopped early (interrupted or gave up).
    pub not_sent: u64,
}

/// Attempts that must all fail to connect (refused, or a host that does not resolve), with
/// no answer from the receiver in between, before a run stops: nothing can succeed.
pub const GIVE_UP_AFTER: u64 = 20;

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Percentiles {
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

/// What one worker saw.
#[derive(Default)]
struct Tally {
    sent: u64,
    /// Of the requests answered.
    latencies_us: Vec<u32>,
    statuses: BTreeMap<u16, u64>,
    failures: BTreeMap<FailureKind, u64>,
    first_error: Option<String>,
}

/// Sends `count` deliveries with at most `concurrency` in flight. Setting `stop` ends the run
/// early: requests in flight finish, no new ones start. The run stops by itself when its
/// first [`GIVE_UP_AFTER`] attempts all fail to connect.
pub async fn run(
    client: reqwest::Client,
    target: Arc<Target>,
    make: MakeDelivery,
    count: u64,
    concurrency: usize,
    on_done: Option<OnDone>,
    stop: Arc<AtomicBool>,
) -> Summary {
    let shared = Arc::new(Shared { next: AtomicU64::new(0), count, reach: Reach::default(), stop });
    let start = Instant::now();
    let workers: Vec<_> = (0..concurrency.max(1))
        .map(|_| {
            let lane = Lane::new(client.clone(), &target);
            let job = (target.clone(), make.clone(), on_done.clone(), shared.clone());
            tokio::spawn(worker(lane, job))
        })
        .collect();
    let mut tallies = Vec::with_capacity(workers.len());
    for w in workers {
        tallies.push(w.await.unwrap_or_default());
    }
    let gave_up = shared.reach.gave_up.load(Ordering::Relaxed);
    let interrupted = shared.stop.load(Ordering::Relaxed) && !gave_up;
    let mut summary = summarize(tallies, start.elapsed(), interrupted);
    summary.gave_up = gave_up;
    summary.not_sent = count.saturating_sub(summary.sent);
    summary
}

/// What the workers of one run share.
struct Shared {
    next: AtomicU64,
    count: u64,
    reach: Reach,
    stop: Arc<AtomicBool>,
}

type Job = (Arc<Target>, MakeDelivery, Option<OnDone>, Arc<Shared>);

async fn worker(mut lane: Lane, (target, make, on_done, shared): Job) -> Tally {
    let mut tally = Tally::default();
    while !shared.stop.load(Ordering::Relaxed) {
        let n = shared.next.fetch_add(1, Ordering::Relaxed);
        if n >= shared.count {
            break;
        }
        let outcome = lane.send(&target, &make(n)).await;
        if let Some(f) = &on_done {
            f(n, &outcome);
        }
        shared.reach.observe(&outcome, &shared.stop);
        tally.add(outcome);
    }
    tally
}

/// Whether the receiver can be reached at all: counts the failed connections before the
/// first answer, and stops the run at [`GIVE_UP_AFTER`].
#[derive(Default)]
struct Reach {
    answered: AtomicBool,
    unreachable: AtomicU64,
    gave_up: AtomicBool,
}

impl Reach {
    fn observe(&self, o: &delivery::Outcome, stop: &AtomicBool) {
        if o.status.is_some() {
            self.answered.store(true, Ordering::Relaxed);
            return;
        }
        let cannot_connect = matches!(o.failure, Some(FailureKind::Refused | FailureKind::Dns));
        if !cannot_connect || self.answered.load(Ordering::Relaxed) {
            return;
        }
        if self.unreachable.fetch_add(1, Ordering::Relaxed) + 1 >= GIVE_UP_AFTER {
            self.gave_up.store(true, Ordering::Relaxed);
            stop.store(true, Ordering::Relaxed);
        }
    }
}

/// How a worker sends: its own raw HTTP/1.1 connection for http:// targets, the shared
/// reqwest pool otherwise (https).
enum Lane {
    Wire(wire::Conn),
    Pooled(reqwest::Client),
}

impl Lane {
    fn new(client: reqwest::Client, target: &Target) -> Lane {
        match wire::Conn::for_target(target) {
            Some(conn) => Lane::Wire(conn),
            None => Lane::Pooled(client),
        }
    }

    async fn send(&mut self, target: &Target, d: &Delivery) -> delivery::Outcome {
        match self {
            Lane::Wire(conn) => conn.send(target, d).await,
            Lane::Pooled(client) => delivery::send(client, target, d, false).await,
        }
    }
}

/// Runs a load until done or Ctrl-C; after Ctrl-C, `stop` is set and in-flight requests
/// finish.
pub async fn interruptible(
    run: impl Future<Output = Summary>,
    stop: &AtomicBool,
    mut interrupts: crate::signals::Interrupts,
    console: &crate::term::Console,
) -> Summary {
    tokio::pin!(run);
    tokio::select! {
        s = &mut run => s,
        _ = interrupts.recv() => {
            stop.store(true, Ordering::Relaxed);
            console.note("interrupted: waiting for deliveries in flight");
            run.await
        }
    }
}

impl Tally {
    fn add(&mut self, outcome: delivery::Outcome) {
        self.sent += 1;
        if let Some(status) = outcome.status {
            let us = outcome.latency.as_micros().min(u128::from(u32::MAX)) as u32;
            self.latencies_us.push(us);
            *self.statuses.entry(status).or_default() += 1;
        }
        if let Some(kind) = outcome.failure {
            *self.failures.entry(kind).or_default() += 1;
            if self.first_error.is_none() {
                let what = match (outcome.status, outcome.detail) {
                    (Some(s), Some(d)) => format!("HTTP {s}: {d}"),
                    (Some(s), None) => format!("HTTP {s}"),
                    (None, d) => d.unwrap_or_else(|| kind.describe().to_string()),
                };
                self.first_error = Some(what);
            }
        }
    }
}

fn summarize(tallies: Vec<Tally>, elapsed: Duration, interrupted: bool) -> Summary {
    let mut all = Tally::default();
    for t in tallies {
        all.sent += t.sent;
        all.latencies_us.extend(t.latencies_us);
        for (k, v) in t.statuses {
            *all.statuses.entry(k).or_default() += v;
        }
        for (k, v) in t.failures {
            *all.failures.entry(k).or_default() += v;
        }
        all.first_error = all.first_error.or(t.first_error);
    }
    all.latencies_us.sort_unstable();
    let sent = all.sent;
    let succeeded: u64 =
        all.statuses.iter().filter(|(s, _)| (200..300).contains(*s)).map(|(_, n)| n).sum();
    let answered: u64 = all.statuses.values().sum();
    let secs = elapsed.as_secs_f64();
    Summary {
        sent,
        succeeded,
        non_2xx: answered - succeeded,
        errors: sent - answered,
        elapsed_ms: round3(secs * 1e3),
        requests_per_sec: if secs > 0.0 { (sent as f64 / secs).round() } else { 0.0 },
        latency_ms: (!all.latencies_us.is_empty()).then(|| percentiles(&all.latencies_us)),
        statuses: all.statuses,
        failures: all.failures.into_iter().map(|(k, v)| (k.name().to_string(), v)).collect(),
        first_error: all.first_error,
        interrupted,
        gave_up: false,
        not_sent: 0,
    }
}

/// Nearest-rank percentiles of sorted microsecond latencies, in milliseconds.
fn percentiles(sorted_us: &[u32]) -> Percentiles {
    let at = |q: f64| -> f64 {
        if sorted_us.is_empty() {
            return 0.0;
        }
        let rank = ((q * sorted_us.len() as f64).ceil() as usize).clamp(1, sorted_us.len());
        round3(f64::from(sorted_us[rank - 1]) / 1e3)
    };
    Percentiles { p50: at(0.50), p90: at(0.90), p99: at(0.99), max: at(1.0) }
}

fn round3(x: f64) -> f64 {
    (x * 1e3).round() / 1e3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let v: Vec<u32> = (1..=100).map(|i| i * 1000).collect();
        let p = percentiles(&v);
        assert_eq!((p.p50, p.p90, p.p99, p.max), (50.0, 90.0, 99.0, 100.0));
        assert_eq!(percentiles(&[]).max, 0.0);
        assert_eq!(percentiles(&[1500]).p50, 1.5);
    }

    #[test]
    fn summary_counts_add_up() {
        let mut t = Tally::default();
        let ok = |status, failure| delivery::Outcome {
            status,
            latency: Duration::from_millis(2),
            failure,
            detail: None,
            response: String::new(),
        };
        t.add(ok(Some(200), None));
        t.add(ok(Some(500), Some(FailureKind::Status)));
        t.add(ok(None, Some(FailureKind::Refused)));
        let s = summarize(vec![t, Tally::default()], Duration::from_secs(1), false);
        assert_eq!((s.sent, s.succeeded, s.non_2xx, s.errors), (3, 1, 1, 1));
        assert_eq!(s.failures.get("refused"), Some(&1));
        assert_eq!(s.first_error.as_deref(), Some("HTTP 500"));
        assert_eq!(s.requests_per_sec, 3.0);
    }
}

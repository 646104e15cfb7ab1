//! With `--answer-first`: one courier per route takes its deliveries from the queue, oldest
//! first, and forwards each until the app answers 2xx, retrying with backoff; after
//! `--forward-attempts` failures it gives that delivery up (it stays in the queue file) and
//! goes on to the next. Every attempt is reported as a [`Forward`] message.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::sync::{mpsc, watch};
use tokio::time::Instant;

use crate::listen::forward::Forwarder;
use crate::listen::message::{Forward, ForwardState};
use crate::listen::queue::{Entry, Queue};
use crate::send::delivery::Outcome;

/// How a courier retries.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// Attempts per delivery, those of earlier runs included.
    pub attempts: u32,
    /// Time the app gets to answer one attempt.
    pub timeout: Duration,
    /// Wait after the first failure; doubled after each one, up to `max_backoff`.
    pub backoff: Duration,
    pub max_backoff: Duration,
}

impl Retry {
    /// The wait after the `attempt`th failure.
    pub fn after(&self, attempt: u32) -> Duration {
        let doubled = self.backoff.saturating_mul(1 << attempt.saturating_sub(1).min(16));
        doubled.min(self.max_backoff)
    }
}

/// Forwards the queued deliveries of one route.
pub struct Courier {
    pub queue: Queue,
    pub forwarder: Forwarder,
    pub retry: Retry,
    pub reports: mpsc::UnboundedSender<Forward>,
}

impl Courier {
    /// Runs until `stop` turns true; an attempt under way then is cut (its delivery stays
    /// pending, for the next run).
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let this = Arc::new(self);
        loop {
            let added = this.queue.added.clone();
            let woken = added.notified();
            let next = this.queue.next(this.forwarder.url()).await;
            let step = async {
                match next {
                    Ok(Some(entry)) => this.deliver(entry).await,
                    Ok(None) => woken.await,
                    // The queue thread failed: wait, and look again.
                    Err(_) => tokio::time::sleep(Duration::from_secs(1)).await,
                }
            };
            tokio::select! {
                () = step => {}
                _ = stop.wait_for(|s| *s) => return,
            }
        }
    }

    /// Attempts `entry` until the app takes it or the attempts are used up.
    async fn deliver(&self, entry: Entry) {
        let mut attempt = entry.attempts;
        loop {
            attempt += 1;
            let started = Instant::now();
            let outcome = self
                .forwarder
                .forward(&entry.headers, entry.body.clone(), self.retry.timeout)
                .await;
            let latency = started.elapsed();
            if outcome.ok() {
                let _ = self.queue.done(entry.id).await;
                self.report(&entry, attempt, &outcome, latency, None);
                return;
            }
            let why = failure(&outcome);
            let gave_up = attempt >= self.retry.attempts;
            let _ = self.queue.failed(entry.id, attempt, &why, gave_up).await;
            let wait = (!gave_up).then(|| self.retry.after(attempt));
            self.report(&entry, attempt, &outcome, latency, wait);
            match wait {
                Some(wait) => tokio::time::sleep(wait).await,
                None => return,
            }
        }
    }

    fn report(
        &self,
        entry: &Entry,
        attempt: u32,
        outcome: &Outcome,
        latency: Duration,
        retry_in: Option<Duration>,
    ) {
        let state = match (outcome.ok(), retry_in) {
            (true, _) => ForwardState::Delivered,
            (false, Some(_)) => ForwardState::Retrying,
            (false, None) => ForwardState::GaveUp,
        };
        let received = humantime::parse_rfc3339(&entry.received_at).unwrap_or(SystemTime::now());
        let after = SystemTime::now().duration_since(received).unwrap_or_default();
        let _ = self.reports.send(Forward {
            id: entry.id,
            event: entry.event.clone(),
            url: self.forwarder.url().to_string(),
            attempt,
            state,
            status: outcome.status,
            error: (!outcome.ok()).then(|| failure(outcome)),
            latency_ms: latency.as_millis() as u64,
            after_ms: after.as_millis() as u64,
            waiting: self.queue.waiting(),
            retry_in_ms: retry_in.map(|d| d.as_millis() as u64),
        });
    }
}

/// Why an attempt failed, in a few words.
fn failure(outcome: &Outcome) -> String {
    match (outcome.status, outcome.failure) {
        (Some(status), _) => format!("the app answered {status}"),
        (None, Some(kind)) => kind.describe().to_string(),
        (None, None) => "no answer".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let r = Retry {
            attempts: 5,
            timeout: Duration::from_secs(1),
            backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(5),
        };
        let waits: Vec<u64> = (1..=5).map(|a| r.after(a).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 5, 5]);
        assert_eq!(r.after(200), Duration::from_secs(5), "no overflow");
    }
}

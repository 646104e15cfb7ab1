//! Hands every delivery the receiver saw to each of its consumers (the terminal or NDJSON
//! writer, the CI gate, later the inspector), without ever making the request wait for one.
//!
//! Each consumer has a lane of its own with a bound in deliveries and in body bytes. Publishing
//! never blocks: a delivery that does not fit in a lane is dropped for that lane alone and
//! counted, and the consumer learns how many it missed with [`Subscription::take_dropped`]
//! (to print a `dropped N lines` notice). A lane made with [`Bound::Lossless`] never drops;
//! it is for consumers that do no I/O and so cannot fall behind for long (the CI gate).
//!
//! Per delivery: one `Arc` allocation, then per lane a few atomic operations and a queue
//! push. Consumers may come and go while deliveries flow (a browser tab that opens and
//! closes); a lane whose [`Subscription`] is dropped is removed at the next publish.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use tokio::sync::mpsc;

use crate::listen::delivery::Delivery;

/// After taking a batch of several deliveries, a consumer that does I/O (the stdout writer, the
/// inspector's feed) waits this long before looking for more: under load the next batch
/// gathers meanwhile, so it is woken at most about a thousand times a second instead of once
/// per delivery (a wake-up is a context switch; profiled on a busy core they took a third of
/// the listener's time). A lone delivery is not waited after, so nothing lags when idle or at
/// shutdown, and output under load lags by at most this much.
pub const LINGER: std::time::Duration = std::time::Duration::from_millis(1);

/// How far a consumer may fall behind before its deliveries are dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// Never drop (only for consumers that do no I/O).
    Lossless,
    /// At most `deliveries` waiting, holding at most `bytes` of bodies (one delivery larger
    /// than `bytes` is still let through when the lane is empty).
    Lossy { deliveries: usize, bytes: usize },
}

/// The sending side, shared by every request handler.
#[derive(Default)]
pub struct Fanout {
    /// Read-locked by every publish (they run side by side), written only to add, prune or close.
    lanes: RwLock<Vec<Lane>>,
    /// Set when a subscription was dropped, so publish prunes its lane.
    pruning: AtomicBool,
    closed: AtomicBool,
}

struct Lane {
    tx: mpsc::UnboundedSender<Arc<Delivery>>,
    shared: Arc<Shared>,
}

/// What a lane's two ends both see.
struct Shared {
    bound: Bound,
    queued: AtomicUsize,
    bytes: AtomicUsize,
    dropped: AtomicU64,
    gone: AtomicBool,
}

impl std::fmt::Debug for Fanout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lanes = self.lanes.read().map_or(0, |l| l.len());
        f.debug_struct("Fanout").field("lanes", &lanes).finish()
    }
}

impl Fanout {
    pub fn new() -> Arc<Fanout> {
        Arc::new(Fanout::default())
    }

    /// A new consumer; it gets every delivery published from now on (none, once closed).
    pub fn subscribe(self: &Arc<Self>, bound: Bound) -> Subscription {
        let (tx, rx) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            bound,
            queued: AtomicUsize::new(0),
            bytes: AtomicUsize::new(0),
            dropped: AtomicU64::new(0),
            gone: AtomicBool::new(false),
        });
        let mut lanes = self.lanes.write().unwrap_or_else(|e| e.into_inner());
        if !self.closed.load(Ordering::Acquire) {
            lanes.push(Lane { tx, shared: shared.clone() });
        }
        Subscription { rx, shared, fanout: Arc::downgrade(self) }
    }

    /// Offers `delivery` to every consumer; never waits.
    pub fn publish(&self, delivery: Delivery) {
        let size = delivery.body.len();
        let delivery = Arc::new(delivery);
        for lane in self.lanes.read().unwrap_or_else(|e| e.into_inner()).iter() {
            lane.offer(&delivery, size);
        }
        if self.pruning.swap(false, Ordering::Relaxed) {
            let mut lanes = self.lanes.write().unwrap_or_else(|e| e.into_inner());
            lanes.retain(|l| !l.shared.gone.load(Ordering::Relaxed));
        }
    }

    /// Ends every subscription once it has taken what was published before.
    pub fn close(&self) {
        let mut lanes = self.lanes.write().unwrap_or_else(|e| e.into_inner());
        self.closed.store(true, Ordering::Release);
        lanes.clear();
    }
}

impl Lane {
    fn offer(&self, delivery: &Arc<Delivery>, size: usize) {
        let s = &*self.shared;
        if let Bound::Lossy { deliveries, bytes } = s.bound {
            let queued = s.queued.fetch_add(1, Ordering::AcqRel);
            let held = s.bytes.fetch_add(size, Ordering::AcqRel);
            if queued >= deliveries || (queued > 0 && held + size > bytes) {
                s.queued.fetch_sub(1, Ordering::AcqRel);
                s.bytes.fetch_sub(size, Ordering::AcqRel);
                s.dropped.fetch_add(1, Ordering::Relaxed);
                return;
            }
        }
        // Fails only when the subscription is gone; publish prunes the lane then.
        let _ = self.tx.send(delivery.clone());
    }
}

/// One consumer's end: deliveries in the order they were published, minus the dropped ones.
pub struct Subscription {
    rx: mpsc::UnboundedReceiver<Arc<Delivery>>,
    shared: Arc<Shared>,
    fanout: std::sync::Weak<Fanout>,
}

impl Subscription {
    /// The next delivery; `None` once the fan-out is closed and this lane is empty.
    pub async fn recv(&mut self) -> Option<Arc<Delivery>> {
        let d = self.rx.recv().await?;
        Some(self.taken(d))
    }

    /// [`Subscription::recv`] for a thread outside the async runtime.
    pub fn blocking_recv(&mut self) -> Option<Arc<Delivery>> {
        let d = self.rx.blocking_recv()?;
        Some(self.taken(d))
    }

    /// The next delivery if one is waiting.
    pub fn try_recv(&mut self) -> Option<Arc<Delivery>> {
        let d = self.rx.try_recv().ok()?;
        Some(self.taken(d))
    }

    /// How many deliveries were dropped for this consumer since the last call.
    pub fn take_dropped(&self) -> u64 {
        self.shared.dropped.swap(0, Ordering::Relaxed)
    }

    fn taken(&self, d: Arc<Delivery>) -> Arc<Delivery> {
        if matches!(self.shared.bound, Bound::Lossy { .. }) {
            self.shared.queued.fetch_sub(1, Ordering::AcqRel);
            self.shared.bytes.fetch_sub(d.body.len(), Ordering::AcqRel);
        }
        d
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.shared.gone.store(true, Ordering::Relaxed);
        if let Some(fanout) = self.fanout.upgrade() {
            fanout.pruning.store(true, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::body::Bytes;
    use hyper::http::{HeaderMap, Method};

    fn delivery(n: usize) -> Delivery {
        Delivery {
            received_at: std::time::SystemTime::UNIX_EPOCH,
            method: Method::POST,
            path: format!("/{n}"),
            headers: HeaderMap::new(),
            verified: None,
            outcome: crate::listen::check::Outcome::Accepted,
            status: 200,
            event: None,
            body: Bytes::from(vec![b' '; n]),
            json: true,
            forwarded: None,
            queued: None,
            unrouted: false,
            exec: None,
        }
    }

    #[test]
    fn a_full_lane_drops_and_counts_without_holding_up_the_others() {
        let fanout = Fanout::new();
        let mut slow = fanout.subscribe(Bound::Lossy { deliveries: 2, bytes: 1 << 20 });
        let mut all = fanout.subscribe(Bound::Lossless);
        for n in 0..5 {
            fanout.publish(delivery(n));
        }
        assert_eq!(slow.take_dropped(), 3);
        assert_eq!(slow.try_recv().unwrap().path, "/0");
        fanout.publish(delivery(5));
        assert_eq!(slow.try_recv().unwrap().path, "/1");
        assert_eq!(slow.try_recv().unwrap().path, "/5");
        assert_eq!(slow.take_dropped(), 0);
        fanout.close();
        assert!(slow.try_recv().is_none());
        let paths: Vec<String> =
            std::iter::from_fn(|| all.try_recv()).map(|d| d.path.clone()).collect();
        assert_eq!(paths, ["/0", "/1", "/2", "/3", "/4", "/5"]);
    }

    #[test]
    fn lanes_are_bounded_in_bytes_and_dropped_subscriptions_leave() {
        let fanout = Fanout::new();
        let mut lane = fanout.subscribe(Bound::Lossy { deliveries: 100, bytes: 100 });
        fanout.publish(delivery(150)); // alone in the lane: let through
        fanout.publish(delivery(10)); // would hold 160 bytes
        assert_eq!(lane.take_dropped(), 1);
        assert_eq!(lane.try_recv().unwrap().body.len(), 150);
        fanout.publish(delivery(60));
        fanout.publish(delivery(40));
        fanout.publish(delivery(1));
        assert_eq!((lane.take_dropped(), lane.try_recv().unwrap().body.len()), (1, 60));
        let gone = fanout.subscribe(Bound::Lossless);
        assert_eq!(fanout.lanes.read().unwrap().len(), 2);
        drop(gone);
        fanout.publish(delivery(0));
        assert_eq!(fanout.lanes.read().unwrap().len(), 1);
    }
}

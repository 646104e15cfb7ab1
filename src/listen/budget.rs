//! The memory budget for request bodies: every body being read takes its bytes from one
//! shared budget before it buffers them. When the budget is used up, bodies that have stalled
//! (no bytes for [`STALL`]) are evicted, idlest first, to make room; when none has, the
//! newcomer is refused. So unfinished bodies cannot hold the memory a genuine delivery needs,
//! and total buffered bodies never exceed the budget.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

/// A body that received nothing for this long may be evicted when room is needed.
pub const STALL: Duration = Duration::from_millis(250);

/// The shared budget.
#[derive(Debug)]
pub struct Budget {
    limit: usize,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    used: usize,
    next: u64,
    holders: HashMap<u64, Holder>,
}

#[derive(Debug)]
struct Holder {
    held: usize,
    last: Instant,
    evict: Arc<Notify>,
}

/// No room in the budget, even after evicting stalled bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full;

impl Budget {
    pub fn new(limit: usize) -> Arc<Budget> {
        Arc::new(Budget { limit, inner: Mutex::new(Inner::default()) })
    }

    /// Bytes held right now.
    pub fn used(&self) -> usize {
        self.lock().used
    }

    /// A new holder, holding nothing yet; dropping it gives its bytes back.
    pub fn hold(self: &Arc<Self>) -> Hold {
        let evict = Arc::new(Notify::new());
        let mut inner = self.lock();
        let id = inner.next;
        inner.next += 1;
        inner.holders.insert(id, Holder { held: 0, last: Instant::now(), evict: evict.clone() });
        Hold { budget: self.clone(), id, evict }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn grow(&self, id: u64, n: usize) -> Result<(), Full> {
        let mut inner = self.lock();
        let now = Instant::now();
        while inner.used + n > self.limit {
            let idlest = inner
                .holders
                .iter()
                .filter(|(h, w)| **h != id && w.held > 0 && now.duration_since(w.last) >= STALL)
                .min_by_key(|(_, w)| w.last)
                .map(|(h, _)| *h);
            let Some(victim) = idlest else { return Err(Full) };
            // The victim answers 503 and drops its hold; its bytes count as free from now on.
            let w = inner.holders.get_mut(&victim).expect("found above");
            let (freed, evict) = (std::mem::take(&mut w.held), w.evict.clone());
            inner.used -= freed;
            evict.notify_one();
        }
        inner.used += n;
        if let Some(me) = inner.holders.get_mut(&id) {
            me.held += n;
            me.last = now;
        }
        Ok(())
    }

    /// Marks progress without taking bytes (so a body still arriving is not evicted).
    fn touch(&self, id: u64) {
        if let Some(me) = self.lock().holders.get_mut(&id) {
            me.last = Instant::now();
        }
    }

    fn release(&self, id: u64) {
        let mut inner = self.lock();
        if let Some(w) = inner.holders.remove(&id) {
            inner.used -= w.held;
        }
    }
}

/// One body's share of the budget.
#[derive(Debug)]
pub struct Hold {
    budget: Arc<Budget>,
    id: u64,
    evict: Arc<Notify>,
}

impl Hold {
    /// Takes `n` more bytes, evicting stalled bodies when that makes room.
    pub fn grow(&self, n: usize) -> Result<(), Full> {
        self.budget.grow(self.id, n)
    }

    /// Notes that bytes arrived.
    pub fn touch(&self) {
        self.budget.touch(self.id)
    }

    /// Resolves once this body has been evicted to make room for another.
    pub async fn evicted(&self) {
        self.evict.notified().await
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        self.budget.release(self.id);
    }
}

/// Hands memory freed by closed connections back to the system. glibc keeps freed memory in
/// its arenas for reuse, so after a flood of large bodies the process would stay at its peak
/// size; `malloc_trim` returns the free pages. Elsewhere the allocator does this itself.
pub fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only touches the allocator's own free lists; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Decides when [`give_back_freed_memory`] is worth its cost: once many connections have
/// closed since the last time (or all of them have).
#[derive(Debug, Default)]
pub struct Trimmer {
    peak: usize,
}

impl Trimmer {
    /// Connections that must have closed since the last trim before the next one.
    const CLOSED: usize = 16;

    /// Notes how many connections are open; true when memory should be given back now.
    pub fn should_trim(&mut self, open: usize) -> bool {
        self.peak = self.peak.max(open);
        let due = open + Self::CLOSED <= self.peak || (open == 0 && self.peak > 0);
        if due {
            self.peak = open;
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_add_up_to_the_limit_and_are_given_back_on_drop() {
        let budget = Budget::new(100);
        let a = budget.hold();
        let b = budget.hold();
        assert_eq!(a.grow(60), Ok(()));
        assert_eq!(b.grow(50), Err(Full), "a is not stalled: no room");
        assert_eq!(b.grow(40), Ok(()));
        assert_eq!(budget.used(), 100);
        drop(a);
        assert_eq!(budget.used(), 40);
        drop(b);
        assert_eq!(budget.used(), 0);
    }

    #[test]
    fn memory_is_given_back_once_many_connections_closed_or_all() {
        let mut t = Trimmer::default();
        assert!(!t.should_trim(0), "nothing was ever open");
        assert!(!t.should_trim(40));
        assert!(!t.should_trim(30));
        assert!(t.should_trim(24), "16 closed since the peak");
        assert!(!t.should_trim(20));
        assert!(t.should_trim(0), "all closed");
        assert!(!t.should_trim(0));
        give_back_freed_memory();
    }

    #[tokio::test]
    async fn a_stalled_body_is_evicted_to_make_room() {
        let budget = Budget::new(100);
        let stalled = budget.hold();
        stalled.grow(90).unwrap();
        let busy = budget.hold();
        busy.grow(10).unwrap();
        std::thread::sleep(STALL + Duration::from_millis(20));
        busy.touch();
        let newcomer = budget.hold();
        assert_eq!(newcomer.grow(50), Ok(()));
        tokio::time::timeout(Duration::from_secs(1), stalled.evicted()).await.unwrap();
        assert_eq!(budget.used(), 60);
        drop(stalled);
        assert_eq!(budget.used(), 60, "the evicted bytes were counted free already");
        assert_eq!(newcomer.grow(45), Err(Full), "busy is not stalled");
    }
}

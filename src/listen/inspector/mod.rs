//! The local web inspector: one page, served beside the receiver (`listen --inspect`) or over
//! a record file (`bluehook inspect FILE`), that lists deliveries live, shows each one whole,
//! replays, copies and exports them.
//!
//! [`Store`] keeps the last `keep` deliveries (pinned ones besides), each serialised once for
//! the page; [`feed`] fills it from one lossy lane of the receiver's fan-out, so a slow browser
//! never holds up an answer; `server` serves the page, its API and the live stream.

mod server;

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;
use tokio::sync::broadcast;

use crate::listen::check::Outcome;
use crate::listen::delivery::Delivery;
use crate::listen::fanout::Subscription;
use crate::listen::headers::HeadersJson;
use crate::listen::receiver::timestamp;
use crate::record::Record;
use crate::send::delivery::Outcome as Forwarded;
use crate::signature::Signer;

pub use server::{Running, start};

/// How the inspector is served.
#[derive(Debug, Clone)]
pub struct Options {
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    /// Deliveries kept (older ones leave the page and the server).
    pub keep: usize,
    /// Signs replays whose body was edited, or when asked to re-sign.
    pub signer: Option<Signer>,
    /// Where replays go unless the page names another URL.
    pub target: Option<String>,
    /// `inspect FILE`: replays are appended to this record file.
    pub append: Option<PathBuf>,
    /// `-v`: what of each replay is logged on stderr.
    pub trace: Arc<crate::send::trace::Trace>,
}

/// Where to serve the inspector: `HOST:PORT`, `HOST` (a free port) or `:PORT` (loopback).
/// An address off loopback is a usage error unless `public`; the flag says whether it is one.
pub fn bind_addr(addr: &str, public: bool) -> anyhow::Result<(String, u16, bool)> {
    let (host, port) = match addr.parse::<std::net::SocketAddr>() {
        Ok(a) => (a.ip().to_string(), a.port()),
        Err(_) => match addr.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') || h.ends_with(']') => {
                let port = p.parse().map_err(|_| {
                    crate::error::Failure::usage(format!("--inspect: `{p}` is not a port"))
                })?;
                (h.trim_matches(['[', ']']).to_string(), port)
            }
            _ => (addr.trim_matches(['[', ']']).to_string(), 0),
        },
    };
    let host = if host.is_empty() { "127.0.0.1".to_string() } else { host };
    let loopback =
        host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if !loopback && !public {
        let message = format!("the inspector would be reachable from other machines on {host}");
        let hint = "pass --inspect-public as well if that is what you want";
        return Err(crate::error::Failure::usage(message).with_hint(hint).into());
    }
    Ok((host, port, !loopback))
}

/// A message on the live stream: a delivery (as the page's JSON), or a notice.
#[derive(Debug, Clone)]
pub enum Live {
    Delivery(Arc<str>),
    /// This many deliveries were left out because the inspector fell behind.
    Dropped(u64),
    Cleared,
}

/// The deliveries the inspector holds, in arrival order.
pub struct Store {
    inner: Mutex<Inner>,
    keep: usize,
    live: broadcast::Sender<Live>,
    explainer: Option<Explainer>,
}

/// Says why a rejected delivery's signature did not match (shown in its detail), when it can.
pub type Explainer = Box<dyn Fn(&Delivery) -> Option<serde_json::Value> + Send + Sync>;

struct Inner {
    next_id: u64,
    items: VecDeque<Arc<Kept>>,
    pinned: HashSet<u64>,
}

/// One delivery as kept: as the receiver handed it over (nothing copied), or as a record file
/// held it. Its line in the page's list is made once, when a page first asks for it; the
/// whole of it only when the page opens it.
pub struct Kept {
    pub id: u64,
    source: Source,
    summary: OnceLock<Arc<str>>,
}

enum Source {
    Delivery { d: Arc<Delivery>, explain: Option<serde_json::Value> },
    Record(Record),
}

impl Kept {
    /// The delivery as a record-file line holds it (what replay and export use).
    pub fn record(&self) -> Record {
        match &self.source {
            Source::Delivery { d, .. } => record_of(d),
            Source::Record(r) => r.clone(),
        }
    }

    /// Everything the page shows of it, as JSON.
    pub fn detail(&self) -> String {
        match &self.source {
            Source::Delivery { d, explain } => view_of_delivery(self.id, d, explain.clone()),
            Source::Record(r) => view_of_record(self.id, r),
        }
    }

    /// Its line in the list, as JSON.
    fn summary(&self) -> Arc<str> {
        self.summary.get_or_init(|| summary_of(self).into()).clone()
    }

    fn body(&self) -> &[u8] {
        match &self.source {
            Source::Delivery { d, .. } => &d.body,
            Source::Record(r) => r.body.as_bytes(),
        }
    }
}

/// A line of the page's list.
#[derive(Serialize)]
struct Summary<'a> {
    id: u64,
    received_at: String,
    method: &'a str,
    path: &'a str,
    verdict: &'static str,
    reason: Option<&'a str>,
    event: Option<&'a str>,
    title: Option<String>,
    status: Option<u16>,
    /// The app's status when forwarding, or why it did not answer.
    forward: Option<String>,
    size: u64,
}

fn summary_of(k: &Kept) -> String {
    let summary = match &k.source {
        Source::Delivery { d, .. } => Summary {
            id: k.id,
            received_at: timestamp(d.received_at),
            method: d.method.as_str(),
            path: &d.path,
            verdict: verdict(d),
            reason: d.outcome.reason(),
            event: d.event.as_deref(),
            title: title(&d.body),
            status: Some(d.status),
            forward: forward_summary(d),
            size: d.size(),
        },
        Source::Record(r) => Summary {
            id: k.id,
            received_at: r.received_at.clone().unwrap_or_default(),
            method: r.method.as_deref().unwrap_or("POST"),
            path: r.path.as_deref().unwrap_or("/"),
            verdict: recorded_verdict(r),
            reason: None,
            event: r.event.as_deref(),
            title: title(r.body.as_bytes()),
            status: None,
            forward: None,
            size: r.body.len() as u64,
        },
    };
    serde_json::to_string(&summary).expect("a summary always serializes")
}

/// What became of the forward, for the list: the app's status or why it did not answer,
/// `queued #12` (answered first, waiting to be forwarded), or `no route`.
fn forward_summary(d: &Delivery) -> Option<String> {
    if let Some(f) = &d.forwarded {
        return Some(match (f.status, f.failure) {
            (Some(s), _) => s.to_string(),
            (None, Some(kind)) => kind.name().to_string(),
            (None, None) => "no answer".into(),
        });
    }
    match (&d.queued, d.unrouted) {
        (Some(q), _) => Some(format!("queued #{}", q.id)),
        (None, true) => Some("no route".into()),
        (None, false) => None,
    }
}

/// The entity's title (or name, or text), as the terminal's header line shows it.
fn title(body: &[u8]) -> Option<String> {
    crate::events::payload::entity(body).and_then(|(title, _)| title)
}

/// Whether `hay` holds `needle` (already lowercase), ignoring ASCII case.
fn contains_ignoring_case(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || hay
            .windows(needle.len())
            .any(|w| w.iter().zip(needle).all(|(a, b)| a.to_ascii_lowercase() == *b))
}

/// What the page shows of one delivery.
#[derive(Serialize)]
struct View<'a, H: Serialize> {
    id: u64,
    received_at: String,
    method: &'a str,
    path: &'a str,
    /// `verified`, `unverified`, `rejected` (bad signature) or `refused` (anything else).
    verdict: &'static str,
    reason: Option<&'a str>,
    reason_text: Option<String>,
    event: Option<&'a str>,
    status: Option<u16>,
    forwarded: Option<&'a Forwarded>,
    /// With `--answer-first`: answered and waiting in the queue to be forwarded.
    queued: Option<crate::listen::message::Queued>,
    /// No `--forward-to` route takes its event.
    unrouted: bool,
    headers: H,
    body: std::borrow::Cow<'a, str>,
    /// False when the body was not UTF-8 (then `body` shows it with replacements).
    utf8: bool,
    size: u64,
    /// Why a signature did not match, when that could be worked out.
    explain: Option<serde_json::Value>,
}

impl Store {
    pub fn new(keep: usize) -> Arc<Store> {
        let (live, _) = broadcast::channel(1024);
        let inner = Inner { next_id: 1, items: VecDeque::new(), pinned: HashSet::new() };
        Arc::new(Store { inner: Mutex::new(inner), keep: keep.max(1), live, explainer: None })
    }

    /// A store whose rejected deliveries carry `explainer`'s explanation.
    pub fn with_explainer(keep: usize, explainer: Explainer) -> Arc<Store> {
        let mut store = Arc::into_inner(Store::new(keep)).expect("just made");
        store.explainer = Some(explainer);
        Arc::new(store)
    }

    pub fn keep(&self) -> usize {
        self.keep
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a delivery the receiver saw.
    pub fn push_delivery(&self, d: Arc<Delivery>) -> u64 {
        let explain = match (&self.explainer, d.outcome) {
            (Some(explain), Outcome::BadSignature(_)) => explain(&d),
            _ => None,
        };
        self.add(Source::Delivery { d, explain })
    }

    /// Adds a delivery read from (or appended to) a record file.
    pub fn push_record(&self, record: Record) -> u64 {
        self.add(Source::Record(record))
    }

    fn add(&self, source: Source) -> u64 {
        let mut inner = self.lock();
        let id = inner.next_id;
        inner.next_id += 1;
        let kept = Arc::new(Kept { id, source, summary: OnceLock::new() });
        inner.items.push_back(kept.clone());
        evict(&mut inner, self.keep);
        // Sent under the lock, so a stream opening now sees it once: in its snapshot or live.
        // With no page open, nothing is serialised until one opens.
        if self.live.receiver_count() > 0 {
            let _ = self.live.send(Live::Delivery(kept.summary()));
        }
        id
    }

    /// Every kept delivery's JSON, oldest first, and the live stream from right after them.
    pub fn subscribe(&self) -> (Vec<Arc<str>>, broadcast::Receiver<Live>) {
        let inner = self.lock();
        let snapshot = inner.items.iter().map(|k| k.summary()).collect();
        (snapshot, self.live.subscribe())
    }

    pub fn get(&self, id: u64) -> Option<Arc<Kept>> {
        self.lock().items.iter().rev().find(|k| k.id == id).cloned()
    }

    /// The kept deliveries whose body holds `text` (ASCII case ignored), oldest first.
    pub fn search(&self, text: &str) -> Vec<u64> {
        let needle = text.to_lowercase().into_bytes();
        let kept: Vec<Arc<Kept>> = self.lock().items.iter().cloned().collect();
        kept.iter().filter(|k| contains_ignoring_case(k.body(), &needle)).map(|k| k.id).collect()
    }

    /// The kept deliveries among `ids`, in arrival order.
    pub fn records(&self, ids: &[u64]) -> Vec<Record> {
        let wanted: HashSet<u64> = ids.iter().copied().collect();
        let inner = self.lock();
        inner.items.iter().filter(|k| wanted.contains(&k.id)).map(|k| k.record()).collect()
    }

    /// Pins (kept past `keep` and through clear) or unpins; false if `id` is not kept.
    pub fn pin(&self, id: u64, pinned: bool) -> bool {
        let mut inner = self.lock();
        if !inner.items.iter().any(|k| k.id == id) {
            return false;
        }
        if pinned {
            inner.pinned.insert(id);
        } else {
            inner.pinned.remove(&id);
            evict(&mut inner, self.keep);
        }
        true
    }

    /// Forgets every delivery that is not pinned.
    pub fn clear(&self) {
        let mut inner = self.lock();
        let Inner { items, pinned, .. } = &mut *inner;
        items.retain(|k| pinned.contains(&k.id));
        let _ = self.live.send(Live::Cleared);
    }

    pub fn dropped(&self, n: u64) {
        if n > 0 {
            let _ = self.live.send(Live::Dropped(n));
        }
    }
}

/// Removes the oldest unpinned deliveries past `keep` (in constant time unless the oldest
/// ones are pinned).
fn evict(inner: &mut Inner, keep: usize) {
    let mut over = inner.items.len().saturating_sub(keep + inner.pinned.len());
    while over > 0 && inner.items.front().is_some_and(|k| !inner.pinned.contains(&k.id)) {
        inner.items.pop_front();
        over -= 1;
    }
    if over == 0 {
        return;
    }
    let Inner { items, pinned, .. } = inner;
    items.retain(|k| {
        if over > 0 && !pinned.contains(&k.id) {
            over -= 1;
            return false;
        }
        true
    });
}

fn verdict(d: &Delivery) -> &'static str {
    match (d.outcome, d.verified) {
        (Outcome::Accepted, Some(true)) => "verified",
        (Outcome::Accepted, _) => "unverified",
        (Outcome::BadSignature(_), _) => "rejected",
        _ => "refused",
    }
}

fn record_of(d: &Delivery) -> Record {
    let mut headers = BTreeMap::new();
    for name in d.headers.keys() {
        let values: Vec<_> =
            d.headers.get_all(name).iter().map(|v| String::from_utf8_lossy(v.as_bytes())).collect();
        headers.insert(name.as_str().to_string(), values.join(", "));
    }
    Record {
        received_at: Some(timestamp(d.received_at)),
        method: Some(d.method.as_str().to_string()),
        path: Some(d.path.clone()),
        event: d.event.clone(),
        verified: d.verified,
        headers,
        body: String::from_utf8_lossy(&d.body).into_owned(),
    }
}

/// The verdict of a recorded delivery, from what the record says.
pub fn recorded_verdict(r: &Record) -> &'static str {
    match r.verified {
        Some(true) => "verified",
        Some(false) => "rejected",
        None => "unverified",
    }
}

fn view_of_delivery(id: u64, d: &Delivery, explain: Option<serde_json::Value>) -> String {
    let view = View {
        id,
        received_at: timestamp(d.received_at),
        method: d.method.as_str(),
        path: &d.path,
        verdict: verdict(d),
        reason: d.outcome.reason(),
        reason_text: d.outcome.describe(),
        event: d.event.as_deref(),
        status: Some(d.status),
        forwarded: d.forwarded.as_ref(),
        queued: d.queued,
        unrouted: d.unrouted,
        headers: HeadersJson(&d.headers),
        body: String::from_utf8_lossy(&d.body),
        utf8: std::str::from_utf8(&d.body).is_ok(),
        size: d.size(),
        explain,
    };
    serde_json::to_string(&view).expect("a view always serializes")
}

fn view_of_record(id: u64, r: &Record) -> String {
    let view = View {
        id,
        received_at: r.received_at.clone().unwrap_or_default(),
        method: r.method.as_deref().unwrap_or("POST"),
        path: r.path.as_deref().unwrap_or("/"),
        verdict: recorded_verdict(r),
        reason: None,
        reason_text: None,
        event: r.event.as_deref(),
        status: None,
        forwarded: None,
        queued: None,
        unrouted: false,
        headers: &r.headers,
        body: std::borrow::Cow::Borrowed(r.body.as_str()),
        utf8: true,
        size: r.body.len() as u64,
        explain: None,
    };
    serde_json::to_string(&view).expect("a view always serializes")
}

/// Keeps `store` filled from the receiver's fan-out until it closes.
pub fn feed(store: Arc<Store>, mut deliveries: Subscription) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while let Some(d) = deliveries.recv().await {
            store.push_delivery(d);
            let mut batch = 1;
            while let Some(d) = deliveries.try_recv() {
                store.push_delivery(d);
                batch += 1;
            }
            store.dropped(deliveries.take_dropped());
            // As the stdout writer does: under load, let the next batch gather instead of
            // being woken (and waking the pages' streams) once per delivery.
            if batch > 1 {
                tokio::time::sleep(crate::listen::fanout::LINGER).await;
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(body: &str) -> Record {
        Record {
            received_at: None,
            method: None,
            path: None,
            event: None,
            verified: Some(true),
            headers: BTreeMap::new(),
            body: body.into(),
        }
    }

    #[test]
    fn addresses_stay_on_loopback_unless_asked() {
        assert_eq!(bind_addr("127.0.0.1:0", false).unwrap(), ("127.0.0.1".into(), 0, false));
        assert_eq!(bind_addr(":9000", false).unwrap(), ("127.0.0.1".into(), 9000, false));
        assert_eq!(bind_addr("localhost", false).unwrap(), ("localhost".into(), 0, false));
        assert_eq!(bind_addr("[::1]:7", false).unwrap(), ("::1".into(), 7, false));
        assert!(bind_addr("0.0.0.0:8000", false).is_err());
        assert_eq!(bind_addr("0.0.0.0:8000", true).unwrap(), ("0.0.0.0".into(), 8000, true));
        assert!(bind_addr("127.0.0.1:x", false).is_err());
    }

    #[test]
    fn keeps_the_last_n_and_the_pinned_ones() {
        let store = Store::new(2);
        let first = store.push_record(record("1"));
        store.pin(first, true);
        for n in 2..=5 {
            store.push_record(record(&n.to_string()));
        }
        let (kept, _) = store.subscribe();
        let ids: Vec<u64> = kept
            .iter()
            .map(|j| serde_json::from_str::<serde_json::Value>(j).unwrap()["id"].as_u64().unwrap())
            .collect();
        assert_eq!(ids, [1, 4, 5]);
        assert_eq!(store.search("5"), [5]);
        store.clear();
        assert_eq!(store.subscribe().0.len(), 1);
        store.pin(first, false);
        assert!(store.get(first).is_some(), "unpinning alone does not drop under the bound");
    }

    #[test]
    fn rejected_deliveries_carry_the_explanation() {
        let store = Store::with_explainer(5, Box::new(|_| Some(serde_json::json!("a BOM"))));
        let mut d = crate::listen::delivery::Delivery {
            received_at: std::time::SystemTime::UNIX_EPOCH,
            method: hyper::http::Method::POST,
            path: "/".into(),
            headers: hyper::http::HeaderMap::new(),
            verified: Some(false),
            outcome: Outcome::BadSignature(crate::signature::VerifyError::Mismatch),
            status: 401,
            event: None,
            body: hyper::body::Bytes::from_static(b"{}"),
            json: true,
            forwarded: None,
            queued: None,
            unrouted: false,
            exec: None,
        };
        store.push_delivery(Arc::new(d.clone()));
        d.outcome = Outcome::Accepted;
        store.push_delivery(Arc::new(d));
        let explain: Vec<serde_json::Value> = (1..=2)
            .map(|id| store.get(id).unwrap().detail())
            .map(|j| serde_json::from_str::<serde_json::Value>(&j).unwrap()["explain"].clone())
            .collect();
        assert_eq!(explain, [serde_json::json!("a BOM"), serde_json::Value::Null]);
    }

    #[test]
    fn queued_and_unrouted_deliveries_say_so_in_the_list_and_the_detail() {
        let d = crate::listen::delivery::Delivery {
            received_at: std::time::SystemTime::UNIX_EPOCH,
            method: hyper::http::Method::POST,
            path: "/".into(),
            headers: hyper::http::HeaderMap::new(),
            verified: Some(true),
            outcome: Outcome::Accepted,
            status: 200,
            event: Some("TODO_CREATED".into()),
            body: hyper::body::Bytes::from_static(b"{}"),
            json: true,
            forwarded: None,
            queued: Some(crate::listen::message::Queued { id: 12, waiting: 3 }),
            unrouted: false,
            exec: None,
        };
        let unrouted =
            crate::listen::delivery::Delivery { queued: None, unrouted: true, ..d.clone() };
        let store = Store::new(5);
        store.push_delivery(Arc::new(d));
        store.push_delivery(Arc::new(unrouted));
        let field = |id, json: fn(&Kept) -> String, key: &str| {
            let text = json(&store.get(id).unwrap());
            serde_json::from_str::<serde_json::Value>(&text).unwrap()[key].clone()
        };
        assert_eq!(field(1, |k| k.summary().to_string(), "forward"), "queued #12");
        assert_eq!(field(1, |k| k.detail(), "queued")["waiting"], 3);
        assert_eq!(field(2, |k| k.summary().to_string(), "forward"), "no route");
        assert_eq!(field(2, |k| k.detail(), "unrouted"), true);
    }

    #[test]
    fn search_ignores_case_and_titles_come_from_the_entity() {
        let store = Store::new(5);
        store.push_record(record(r#"{"currentValue":{"title":"Invoice 42"}}"#));
        store.push_record(record(r#"{"previousValue":{"name":"Lunch"},"currentValue":null}"#));
        assert_eq!(store.search("INVOICE"), [1]);
        assert_eq!(store.search("lunch"), [2]);
        assert_eq!(store.search(""), [1, 2]);
        let (kept, _) = store.subscribe();
        assert!(
            kept[0].contains("\"title\":\"Invoice 42\"") && kept[1].contains("\"title\":\"Lunch\"")
        );
    }

    #[test]
    fn a_stream_sees_each_delivery_once() {
        let store = Store::new(10);
        store.push_record(record("a"));
        let (snapshot, mut live) = store.subscribe();
        store.push_record(record("b"));
        assert_eq!(snapshot.len(), 1);
        match live.try_recv().unwrap() {
            Live::Delivery(j) => assert!(j.contains("\"id\":2"), "{j}"),
            _ => panic!("a delivery"),
        }
        assert!(live.try_recv().is_err());
    }
}

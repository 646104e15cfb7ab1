//! The durable queue of `listen --answer-first`: a delivery is answered only once it is in
//! this SQLite file, and leaves it only when the app took it (2xx). So a listener killed at
//! any moment loses nothing it answered: the next run with the same file forwards what is
//! pending, in arrival order per target.
//!
//! One thread owns the connection and takes operations from a channel; the additions that
//! arrive together are committed together (one fsync for the lot), so a burst costs one
//! write to disk per batch, not per delivery. Bodies live in the file, never in memory.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use hyper::http::{HeaderMap, HeaderName, HeaderValue};
use rusqlite::{Connection, OptionalExtension, params};
use tokio::sync::{Notify, oneshot};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    target TEXT NOT NULL,
    event TEXT,
    received_at TEXT NOT NULL,
    headers BLOB NOT NULL,
    body BLOB NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    gave_up INTEGER NOT NULL DEFAULT 0,
    last TEXT
);
CREATE INDEX IF NOT EXISTS pending ON deliveries (target, gave_up, id);
";

/// Additions committed in one transaction at most.
const BATCH: usize = 512;

/// A delivery to add: where it goes and what to send.
pub struct NewEntry {
    pub target: String,
    pub event: Option<String>,
    pub received_at: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// A pending delivery, read back from the file.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i64,
    pub target: String,
    pub event: Option<String>,
    pub received_at: String,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// Attempts made so far (by this run or earlier ones).
    pub attempts: u32,
}

type Reply<T> = oneshot::Sender<rusqlite::Result<T>>;

/// Answers an operation once its transaction committed (or failed to).
type Answer = Box<dyn FnOnce(Option<&rusqlite::Error>)>;

enum Op {
    Add(Box<NewEntry>, Reply<i64>),
    Next(String, Reply<Option<Entry>>),
    Done(i64, Reply<()>),
    Failed { id: i64, attempts: u32, last: String, gave_up: bool, reply: Reply<()> },
    Pending(Reply<Vec<(String, u64)>>),
}

/// The queue, shared by the receiver (which adds) and the couriers (which take).
#[derive(Clone)]
pub struct Queue {
    ops: std::sync::mpsc::Sender<Op>,
    waiting: Arc<AtomicU64>,
    /// Woken whenever a delivery is added.
    pub added: Arc<Notify>,
    path: PathBuf,
}

impl Queue {
    /// Opens (creating) the queue file, for this process alone: a second listener on the same
    /// file is refused rather than forwarding the same deliveries twice.
    pub fn open(path: &Path) -> anyhow::Result<Queue> {
        crate::files::private_sqlite(path, "queue file")?;
        let conn = connect(path).map_err(|e| {
            anyhow::anyhow!("cannot use the queue file {}: {}", path.display(), busy(&e))
        })?;
        let waiting: u64 =
            conn.query_row("SELECT count(*) FROM deliveries WHERE gave_up = 0", [], |r| r.get(0))?;
        let (ops, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("queue".into())
            .spawn(move || serve(conn, rx))
            .map_err(|e| anyhow::anyhow!("cannot start the queue: {e}"))?;
        let waiting = Arc::new(AtomicU64::new(waiting));
        Ok(Queue { ops, waiting, added: Arc::new(Notify::new()), path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Deliveries waiting to be forwarded (not given up).
    pub fn waiting(&self) -> u64 {
        self.waiting.load(Ordering::Relaxed)
    }

    /// Adds a delivery; returns its id once it is on disk.
    pub async fn add(&self, entry: NewEntry) -> anyhow::Result<i64> {
        let id = self.ask(|reply| Op::Add(Box::new(entry), reply)).await?;
        self.waiting.fetch_add(1, Ordering::Relaxed);
        self.added.notify_waiters();
        Ok(id)
    }

    /// The oldest pending delivery for `target`.
    pub async fn next(&self, target: &str) -> anyhow::Result<Option<Entry>> {
        let target = target.to_string();
        self.ask(|reply| Op::Next(target, reply)).await
    }

    /// The app took it: it leaves the queue.
    pub async fn done(&self, id: i64) -> anyhow::Result<()> {
        self.ask(|reply| Op::Done(id, reply)).await?;
        self.waiting.fetch_sub(1, Ordering::Relaxed);
        Ok(())
    }

    /// An attempt failed (`last` says how); with `gave_up`, it stays in the file, no longer
    /// pending.
    pub async fn failed(
        &self,
        id: i64,
        attempts: u32,
        last: &str,
        gave_up: bool,
    ) -> anyhow::Result<()> {
        let last = last.to_string();
        self.ask(|reply| Op::Failed { id, attempts, last, gave_up, reply }).await?;
        if gave_up {
            self.waiting.fetch_sub(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Pending deliveries per target, for the ready line.
    pub async fn pending(&self) -> anyhow::Result<Vec<(String, u64)>> {
        self.ask(Op::Pending).await
    }

    async fn ask<T>(&self, op: impl FnOnce(Reply<T>) -> Op) -> anyhow::Result<T> {
        let (reply, answer) = oneshot::channel();
        self.ops.send(op(reply)).map_err(|_| anyhow::anyhow!("the queue has stopped"))?;
        let answer = answer.await.map_err(|_| anyhow::anyhow!("the queue has stopped"))?;
        answer.map_err(|e| anyhow::anyhow!("the queue file {}: {e}", self.path.display()))
    }
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_millis(200))?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // A commit is on disk before the delivery it holds is answered.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.execute_batch(SCHEMA)?;
    conn.set_prepared_statement_cache_capacity(16);
    Ok(conn)
}

fn busy(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            "another listener is using it (give this one --queue FILE of its own)".into()
        }
        _ => e.to_string(),
    }
}

/// The queue's thread: takes what is waiting in the channel, runs it in one transaction,
/// then answers (an addition is answered only after the commit).
fn serve(mut conn: Connection, ops: std::sync::mpsc::Receiver<Op>) {
    while let Ok(first) = ops.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match ops.try_recv() {
                Ok(op) => batch.push(op),
                Err(_) => break,
            }
        }
        let mut replies: Vec<Answer> = Vec::new();
        let committed = conn.transaction().and_then(|tx| {
            for op in batch {
                replies.push(run(&tx, op));
            }
            tx.commit()
        });
        for reply in replies {
            reply(committed.as_ref().err());
        }
    }
}

/// Runs one operation; the closure answers it once the transaction's fate is known.
fn run(db: &Connection, op: Op) -> Answer {
    fn answer<T: 'static>(reply: Reply<T>, r: rusqlite::Result<T>) -> Answer {
        Box::new(move |failed| {
            let r = match failed {
                Some(e) => Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR),
                    Some(format!("the commit failed: {e}")),
                )),
                None => r,
            };
            let _ = reply.send(r);
        })
    }
    match op {
        Op::Add(e, reply) => answer(reply, add(db, &e)),
        Op::Next(target, reply) => answer(reply, next(db, &target)),
        Op::Done(id, reply) => {
            answer(reply, db.execute("DELETE FROM deliveries WHERE id = ?1", [id]).map(drop))
        }
        Op::Failed { id, attempts, last, gave_up, reply } => {
            let sql = "UPDATE deliveries SET attempts = ?2, last = ?3, gave_up = ?4 WHERE id = ?1";
            answer(reply, db.execute(sql, params![id, attempts, last, gave_up]).map(drop))
        }
        Op::Pending(reply) => answer(reply, pending(db)),
    }
}

fn add(db: &Connection, e: &NewEntry) -> rusqlite::Result<i64> {
    let mut insert = db.prepare_cached(
        "INSERT INTO deliveries (target, event, received_at, headers, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let headers = encode_headers(&e.headers);
    insert.execute(params![e.target, e.event, e.received_at, headers, &e.body[..]])?;
    Ok(db.last_insert_rowid())
}

fn next(db: &Connection, target: &str) -> rusqlite::Result<Option<Entry>> {
    let mut select = db.prepare_cached(
        "SELECT id, target, event, received_at, headers, body, attempts FROM deliveries \
         WHERE target = ?1 AND gave_up = 0 ORDER BY id LIMIT 1",
    )?;
    select
        .query_row([target], |r| {
            Ok(Entry {
                id: r.get(0)?,
                target: r.get(1)?,
                event: r.get(2)?,
                received_at: r.get(3)?,
                headers: decode_headers(&r.get::<_, Vec<u8>>(4)?),
                body: Bytes::from(r.get::<_, Vec<u8>>(5)?),
                attempts: r.get(6)?,
            })
        })
        .optional()
}

fn pending(db: &Connection) -> rusqlite::Result<Vec<(String, u64)>> {
    let mut select = db.prepare_cached(
        "SELECT target, count(*) FROM deliveries WHERE gave_up = 0 GROUP BY target ORDER BY target",
    )?;
    let rows = select.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Headers as `name: value\r\n` lines: a value never holds CR or LF, and stays byte-exact.
fn encode_headers(headers: &HeaderMap) -> Vec<u8> {
    let mut out = Vec::with_capacity(headers.len() * 32);
    for (name, value) in headers {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out
}

fn decode_headers(bytes: &[u8]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else { continue };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        let value = value.strip_prefix(b" ").unwrap_or(value);
        if let (Ok(n), Ok(v)) = (HeaderName::from_bytes(name), HeaderValue::from_bytes(value)) {
            headers.append(n, v);
        }
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(target: &str, n: u8) -> NewEntry {
        let mut headers = HeaderMap::new();
        headers.append("x-signature", HeaderValue::from_static("abc"));
        headers.append("x-multi", HeaderValue::from_static("one"));
        headers.append("x-multi", HeaderValue::from_bytes(b"tw\xffo").unwrap());
        NewEntry {
            target: target.into(),
            event: Some("TODO_CREATED".into()),
            received_at: "2026-12-04T00:00:00.000Z".into(),
            headers,
            body: Bytes::from(vec![n; 3]),
        }
    }

    #[tokio::test]
    async fn entries_come_back_in_order_per_target_and_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("q.db");
        let q = Queue::open(&path).unwrap();
        let (a1, b1, a2) = (
            q.add(entry("a", 1)).await.unwrap(),
            q.add(entry("b", 2)).await.unwrap(),
            q.add(entry("a", 3)).await.unwrap(),
        );
        assert_eq!(q.waiting(), 3);
        let first = q.next("a").await.unwrap().unwrap();
        assert_eq!((first.id, &first.body[..]), (a1, &[1u8, 1, 1][..]));
        assert_eq!(first.headers.get_all("x-multi").iter().count(), 2);
        assert_eq!(first.headers.get_all("x-multi").iter().nth(1).unwrap().as_bytes(), b"tw\xffo");
        q.done(a1).await.unwrap();
        q.failed(b1, 5, "502", true).await.unwrap();
        assert_eq!(q.waiting(), 1);
        drop(q);
        // The thread lets go of the file once its channel closes.
        std::thread::sleep(std::time::Duration::from_millis(100));
        let q = Queue::open(&path).unwrap();
        assert_eq!(q.waiting(), 1, "only a2 is still pending");
        assert_eq!(q.next("a").await.unwrap().unwrap().id, a2);
        assert!(q.next("b").await.unwrap().is_none(), "given up is not pending");
        assert_eq!(q.pending().await.unwrap(), vec![("a".to_string(), 1)]);
    }
}

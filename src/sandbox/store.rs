//! The sandbox's state in SQLite: entity rows (JSON documents, one table), webhooks, and the
//! delivery outbox with every attempt. In memory by default, or a file that survives restarts.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use crate::events::model::{Kind, Stamp};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS entities (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entities_kind ON entities(kind);
CREATE TABLE IF NOT EXISTS webhooks (
  id TEXT PRIMARY KEY, owner TEXT NOT NULL, secret TEXT NOT NULL, data TEXT NOT NULL,
  seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
  id INTEGER PRIMARY KEY, webhook_id TEXT NOT NULL, event TEXT NOT NULL, body BLOB NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, due_ms INTEGER NOT NULL, state TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(state, due_ms);
CREATE TABLE IF NOT EXISTS attempts (
  id INTEGER PRIMARY KEY, delivery_id INTEGER NOT NULL, webhook_id TEXT NOT NULL,
  event TEXT NOT NULL, attempt INTEGER NOT NULL, status INTEGER, error TEXT,
  latency_ms INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
";

/// A stored webhook: its GraphQL fields (`data`), owner and secret.
#[derive(Debug, Clone)]
pub struct Hook {
    pub owner: String,
    pub secret: String,
    pub data: Value,
}

/// A delivery waiting in the outbox.
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: i64,
    pub webhook_id: String,
    pub event: String,
    pub body: Vec<u8>,
    pub attempts: u32,
}

/// One recorded attempt, for the delivery log.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AttemptRow {
    pub webhook: String,
    pub event: String,
    pub attempt: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub latency_ms: u64,
    pub at: String,
}

pub struct Store {
    conn: Mutex<Connection>,
}

/// One attempt to record, and where it leaves its delivery (`next_due` None: no more).
pub struct Recorded<'a> {
    pub delivery: i64,
    pub attempt: &'a AttemptRow,
    pub state: &'a str,
    pub next_due: Option<u64>,
}

impl Store {
    /// Opens (and creates) the database; `None` keeps it in memory.
    pub fn open(path: Option<&Path>) -> anyhow::Result<Store> {
        let conn = match path {
            Some(p) => {
                private_files(p)?;
                Connection::open(p)?
            }
            None => Connection::open_in_memory()?,
        };
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(64);
        if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn: Mutex::new(conn) })
    }

    fn db(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn meta(&self, key: &str) -> anyhow::Result<Option<String>> {
        let db = self.db();
        let q = "SELECT value FROM meta WHERE key = ?1";
        Ok(db.prepare_cached(q)?.query_row([key], |r| r.get(0)).optional()?)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> anyhow::Result<()> {
        let q = "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)";
        self.db().prepare_cached(q)?.execute([key, value])?;
        Ok(())
    }

    /// The value under `key`, storing `value` there first if there is none (atomically).
    pub fn meta_or_insert(&self, key: &str, value: &str) -> anyhow::Result<String> {
        let db = self.db();
        let q = "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)";
        db.prepare_cached(q)?.execute([key, value])?;
        let q = "SELECT value FROM meta WHERE key = ?1";
        Ok(db.prepare_cached(q)?.query_row([key], |r| r.get(0))?)
    }

    pub fn put(&self, kind: Kind, row: &Value) -> anyhow::Result<()> {
        let id = row["id"].as_str().unwrap_or_default();
        let q = "INSERT OR REPLACE INTO entities (id, kind, data) VALUES (?1, ?2, ?3)";
        self.db().prepare_cached(q)?.execute(params![id, kind.name(), row.to_string()])?;
        Ok(())
    }

    /// A row of `kind` by id.
    pub fn get(&self, kind: Kind, id: &str) -> anyhow::Result<Option<Value>> {
        let db = self.db();
        let q = "SELECT data FROM entities WHERE id = ?1 AND kind = ?2";
        let text: Option<String> =
            db.prepare_cached(q)?.query_row(params![id, kind.name()], |r| r.get(0)).optional()?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// Any row by id, whatever its kind (to expand relations).
    pub fn any(&self, id: &str) -> Option<Value> {
        let db = self.db();
        let q = "SELECT data FROM entities WHERE id = ?1";
        let text: Option<String> =
            db.prepare_cached(q).ok()?.query_row([id], |r| r.get(0)).optional().ok()?;
        text.and_then(|t| serde_json::from_str(&t).ok())
    }

    pub fn all(&self, kind: Kind) -> anyhow::Result<Vec<Value>> {
        let db = self.db();
        let mut st =
            db.prepare_cached("SELECT data FROM entities WHERE kind = ?1 ORDER BY rowid")?;
        let rows = st.query_map([kind.name()], |r| r.get::<_, String>(0))?;
        Ok(rows.filter_map(|t| t.ok().and_then(|t| serde_json::from_str(&t).ok())).collect())
    }

    pub fn delete(&self, id: &str) -> anyhow::Result<bool> {
        Ok(self.db().prepare_cached("DELETE FROM entities WHERE id = ?1")?.execute([id])? > 0)
    }

    pub fn put_hook(&self, hook: &Hook) -> anyhow::Result<()> {
        let id = hook.data["id"].as_str().unwrap_or_default();
        let q = "INSERT INTO webhooks (id, owner, secret, data, seq) VALUES (?1, ?2, ?3, ?4,
                   (SELECT IFNULL(MAX(seq), 0) + 1 FROM webhooks))
                 ON CONFLICT(id) DO UPDATE SET data = excluded.data";
        self.db().prepare_cached(q)?.execute(params![
            id,
            hook.owner,
            hook.secret,
            hook.data.to_string()
        ])?;
        Ok(())
    }

    pub fn hook(&self, id: &str) -> anyhow::Result<Option<Hook>> {
        let db = self.db();
        let q = "SELECT owner, secret, data FROM webhooks WHERE id = ?1";
        let row = db
            .prepare_cached(q)?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)));
        Ok(row.optional()?.map(|(owner, secret, data)| Hook {
            owner,
            secret,
            data: serde_json::from_str(&data).unwrap_or(Value::Null),
        }))
    }

    /// Every webhook, newest first (as Blue lists them).
    pub fn hooks(&self) -> anyhow::Result<Vec<Hook>> {
        let db = self.db();
        let mut st =
            db.prepare_cached("SELECT owner, secret, data FROM webhooks ORDER BY seq DESC")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (owner, secret, data) = row?;
            out.push(Hook { owner, secret, data: serde_json::from_str(&data)? });
        }
        Ok(out)
    }

    pub fn delete_hook(&self, id: &str) -> anyhow::Result<()> {
        self.db().prepare_cached("DELETE FROM webhooks WHERE id = ?1")?.execute([id])?;
        Ok(())
    }

    /// Queues deliveries (webhook id, body) for `event`, due at `due_ms`.
    pub fn enqueue(
        &self,
        event: &str,
        items: &[(String, Vec<u8>)],
        due: u64,
    ) -> anyhow::Result<()> {
        let mut db = self.db();
        let tx = db.transaction()?;
        {
            let q = "INSERT INTO deliveries (webhook_id, event, body, due_ms, state)
                     VALUES (?1, ?2, ?3, ?4, 'pending')";
            let mut st = tx.prepare_cached(q)?;
            for (hook, body) in items {
                st.execute(params![hook, event, body, due as i64])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Claims the deliveries due by `now_ms` (state `sending`), and when the next one is due.
    pub fn claim_due(
        &self,
        now_ms: u64,
        max: usize,
    ) -> anyhow::Result<(Vec<Pending>, Option<u64>)> {
        let mut db = self.db();
        let tx = db.transaction()?;
        let due = {
            let q = "SELECT id, webhook_id, event, body, attempts FROM deliveries
                     WHERE state = 'pending' AND due_ms <= ?1 ORDER BY due_ms, id LIMIT ?2";
            let mut st = tx.prepare_cached(q)?;
            let rows = st.query_map(params![now_ms as i64, max as i64], |r| {
                Ok(Pending {
                    id: r.get(0)?,
                    webhook_id: r.get(1)?,
                    event: r.get(2)?,
                    body: r.get(3)?,
                    attempts: r.get(4)?,
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        {
            let mut st =
                tx.prepare_cached("UPDATE deliveries SET state = 'sending' WHERE id = ?1")?;
            for p in &due {
                st.execute([p.id])?;
            }
        }
        let q = "SELECT MIN(due_ms) FROM deliveries WHERE state = 'pending'";
        let next: Option<i64> = tx.query_row(q, [], |r| r.get(0))?;
        tx.commit()?;
        Ok((due, next.map(|n| n as u64)))
    }

    /// After a crash, deliveries that were being sent are sent again (none had a 2xx recorded).
    pub fn requeue_sending(&self) -> anyhow::Result<usize> {
        let q = "UPDATE deliveries SET state = 'pending' WHERE state = 'sending'";
        Ok(self.db().prepare_cached(q)?.execute([])?)
    }

    /// Records an attempt and moves the delivery on: `next_due` None means no more attempts.
    pub fn record_attempt(
        &self,
        p: &Pending,
        a: &AttemptRow,
        state: &str,
        next_due: Option<u64>,
    ) -> anyhow::Result<()> {
        self.record_attempts(&[Recorded { delivery: p.id, attempt: a, state, next_due }])
    }

    /// Records attempts in one transaction (one commit for a burst of deliveries).
    pub fn record_attempts(&self, all: &[Recorded]) -> anyhow::Result<()> {
        let mut db = self.db();
        let tx = db.transaction()?;
        {
            let q = "INSERT INTO attempts (delivery_id, webhook_id, event, attempt, status, error,
                     latency_ms, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
            let mut insert = tx.prepare_cached(q)?;
            let q = "UPDATE deliveries SET attempts = ?2, state = ?3, due_ms = ?4 WHERE id = ?1";
            let mut update = tx.prepare_cached(q)?;
            for r in all {
                let (id, a, due) = (r.delivery, r.attempt, r.next_due.unwrap_or(0) as i64);
                let (what, how) = ((&a.webhook, &a.event, a.attempt), (a.status, &a.error));
                insert.execute(params![
                    id,
                    what.0,
                    what.1,
                    what.2,
                    how.0,
                    how.1,
                    a.latency_ms,
                    a.at
                ])?;
                update.execute(params![id, a.attempt, r.state, due])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Records an attempt that belongs to no queued delivery (a health check).
    pub fn log_attempt(&self, a: &AttemptRow) -> anyhow::Result<()> {
        let q = "INSERT INTO attempts (delivery_id, webhook_id, event, attempt, status, error,
                 latency_ms, at) VALUES (0, ?1, ?2, ?3, ?4, ?5, ?6, ?7)";
        let p = params![a.webhook, a.event, a.attempt, a.status, a.error, a.latency_ms, a.at];
        self.db().prepare_cached(q)?.execute(p)?;
        Ok(())
    }

    /// Drops what is still waiting for a webhook (it was disabled or deleted).
    pub fn drop_pending(&self, webhook_id: &str) -> anyhow::Result<()> {
        let q = "UPDATE deliveries SET state = 'dropped'
                 WHERE webhook_id = ?1 AND state IN ('pending', 'sending')";
        self.db().prepare_cached(q)?.execute([webhook_id])?;
        Ok(())
    }

    /// The delivery log, oldest first, optionally for one webhook.
    pub fn attempts(&self, webhook: Option<&str>) -> anyhow::Result<Vec<AttemptRow>> {
        let db = self.db();
        let q = "SELECT webhook_id, event, attempt, status, error, latency_ms, at FROM attempts
                 WHERE ?1 IS NULL OR webhook_id = ?1 ORDER BY id";
        let mut st = db.prepare_cached(q)?;
        let rows = st.query_map([webhook], |r| {
            Ok(AttemptRow {
                webhook: r.get(0)?,
                event: r.get(1)?,
                attempt: r.get(2)?,
                status: r.get(3)?,
                error: r.get(4)?,
                latency_ms: r.get::<_, i64>(5)? as u64,
                at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// The state file holds webhook secrets: it is created readable by its owner only (0600),
/// and an existing one (with its `-wal` and `-shm`) is narrowed to that. SQLite gives the
/// `-wal` and `-shm` files it creates the database file's mode.
fn private_files(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let open = std::fs::OpenOptions::new().create(true).append(true).mode(0o600).open(path);
        open.map_err(|e| anyhow::anyhow!("cannot open the state file {}: {e}", path.display()))?;
        for suffix in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let file = Path::new(&name);
            if let Ok(meta) = std::fs::metadata(file)
                && meta.permissions().mode() & 0o077 != 0
            {
                std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Milliseconds since the epoch.
pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_millis() as u64
}

/// Now as Blue writes times: ISO-8601 with milliseconds and `Z`.
pub fn now_iso() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

/// Fresh ids and times for a new row.
pub fn stamp() -> Stamp {
    let now = now_iso();
    Stamp { id: new_id(), uid: random_hex(16), created_at: now.clone(), updated_at: now }
}

/// A cuid-like id: "c", 8 base-36 time digits, 16 random base-36 digits.
pub fn new_id() -> String {
    let mut s = String::with_capacity(25);
    s.push('c');
    push_base36(&mut s, now_ms(), 8);
    let mut bytes = [0u8; 16];
    fill_random(&mut bytes);
    for b in bytes {
        s.push(DIGITS[(b % 36) as usize] as char);
    }
    s
}

/// `n` random bytes as lowercase hex.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    fill_random(&mut bytes);
    hex::encode(bytes)
}

fn fill_random(buf: &mut [u8]) {
    getrandom::fill(buf).expect("the operating system provides random bytes");
}

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

fn push_base36(out: &mut String, mut n: u64, width: usize) {
    let mut buf = vec![b'0'; width];
    for slot in buf.iter_mut().rev() {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    out.push_str(std::str::from_utf8(&buf).expect("ASCII digits"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claimed_deliveries_are_not_claimed_twice_until_requeued() {
        let s = Store::open(None).unwrap();
        s.enqueue("TODO_CREATED", &[("w1".into(), b"{}".to_vec())], 10).unwrap();
        let (due, _) = s.claim_due(5, 10).unwrap();
        assert!(due.is_empty(), "not due yet");
        let (due, next) = s.claim_due(10, 10).unwrap();
        assert_eq!((due.len(), next), (1, None));
        assert!(s.claim_due(10, 10).unwrap().0.is_empty());
        assert_eq!(s.requeue_sending().unwrap(), 1);
        assert_eq!(s.claim_due(10, 10).unwrap().0.len(), 1);
        assert_eq!(new_id().len(), 25);
    }
}

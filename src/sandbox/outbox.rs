//! Blue's delivery engine over the durable outbox: the first attempt 5 s after the event,
//! 7 s per attempt, 5 attempts with backoff, then the webhook is disabled and UNHEALTHY.
//! Attempts are rows in the database, so a restart resumes what was waiting.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, Semaphore};

use super::App;
use super::store::{self, AttemptRow, Hook, Pending, Recorded};
use crate::send::delivery::{self, Delivery, Target};
use crate::signature::Signer;

/// Blue's first attempt comes this long after the event.
pub const FIRST_ATTEMPT: Duration = Duration::from_secs(5);
/// Blue gives up on one POST after this long.
pub const TIMEOUT: Duration = Duration::from_secs(7);
/// Attempts per delivery before the webhook is disabled.
pub const ATTEMPTS: u32 = 5;
/// The wait after the first failed attempt; doubles each time (10 s, 20 s, 40 s, 80 s).
pub const BACKOFF: Duration = Duration::from_secs(10);
/// Deliveries in flight at once.
const IN_FLIGHT: usize = 256;
/// A scaled timeout never drops below this, so `--speed` cannot make loopback time out.
const MIN_TIMEOUT: Duration = Duration::from_secs(1);

pub struct Outbox {
    notify: Notify,
    speed: f64,
    http: reqwest::Client,
    pub log: Log,
}

impl Outbox {
    pub fn new(opts: &super::Options) -> anyhow::Result<Outbox> {
        let speed = if opts.speed > 0.0 { opts.speed } else { 1.0 };
        let timeout = TIMEOUT.div_f64(speed).max(MIN_TIMEOUT);
        let http = reqwest::Client::builder()
            .user_agent(crate::send::USER_AGENT)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .pool_max_idle_per_host(IN_FLIGHT)
            .tcp_nodelay(true)
            .build()?;
        Ok(Outbox {
            notify: Notify::new(),
            speed,
            http,
            log: Log { json: opts.json, console: opts.console.clone() },
        })
    }

    /// A delay of Blue's, divided by `--speed`.
    pub fn scaled(&self, d: Duration) -> Duration {
        d.div_f64(self.speed)
    }

    /// Tells the worker something new is queued.
    pub fn wake(&self) {
        self.notify.notify_one();
    }

    /// One signed POST of `body` to the webhook's URL, as an attempt row (not yet logged: the
    /// caller records it first).
    pub async fn post(&self, hook: &Hook, body: Vec<u8>, event: &str, attempt: u32) -> AttemptRow {
        let id = hook.data["id"].as_str().unwrap_or_default().to_string();
        let url = hook.data["url"].as_str().unwrap_or_default();
        let mut row = AttemptRow {
            webhook: id,
            event: event.to_string(),
            attempt,
            status: None,
            error: None,
            latency_ms: 0,
            at: store::now_iso(),
        };
        let Ok(url) = reqwest::Url::parse(url) else {
            row.error = Some(format!("not a URL: {url}"));
            return row;
        };
        let target = Target {
            url,
            extra_headers: Default::default(),
            timeout: TIMEOUT,
            accept_invalid_certs: false,
            trace: Default::default(),
        };
        let signer = Signer::new(hook.secret.as_bytes());
        let d = Delivery::new(body, Some(&signer));
        let outcome = delivery::send(&self.http, &target, &d, false).await;
        row.status = outcome.status;
        row.latency_ms = outcome.latency.as_millis() as u64;
        if let Some(kind) = outcome.failure.filter(|_| outcome.status.is_none()) {
            row.error = Some(outcome.detail.unwrap_or_else(|| kind.describe().to_string()));
        }
        row
    }
}

/// Sends what is due, forever: claims due rows, delivers them concurrently, sleeps until the
/// next one is due or something new is queued.
pub async fn run(app: Arc<App>) {
    let requeued = app.store.requeue_sending().unwrap_or(0);
    if requeued > 0 {
        app.outbox.log.note(&format!("resuming {requeued} deliveries interrupted by a stop"));
    }
    let (delivered, to_record) = std::sync::mpsc::channel();
    let recorder = app.clone();
    let spawned = std::thread::Builder::new()
        .name("bluehook-recorder".into())
        .spawn(move || record_delivered(&recorder, &to_record));
    if let Err(e) = spawned {
        app.outbox.log.note(&format!("outbox: cannot start the recorder: {e}"));
        return;
    }
    let slots = Arc::new(Semaphore::new(IN_FLIGHT));
    loop {
        let free = slots.available_permits().max(1);
        let (due, next) = match app.store.claim_due(store::now_ms(), free) {
            Ok(v) => v,
            Err(e) => {
                app.outbox.log.note(&format!("outbox: {e}"));
                (Vec::new(), None)
            }
        };
        let full = due.len() >= free;
        let hooks = hooks_of(&app, &due);
        for p in due {
            let permit = slots.clone().acquire_owned().await.expect("never closed");
            let (app, delivered) = (app.clone(), delivered.clone());
            let hook = hooks.get(&p.webhook_id).cloned().flatten();
            tokio::spawn(async move {
                deliver(&app, p, hook, &delivered).await;
                drop(permit);
            });
        }
        if full {
            continue;
        }
        let wait = next.map(|n| n.saturating_sub(store::now_ms())).unwrap_or(1000).min(1000);
        tokio::select! {
            _ = app.outbox.notify.notified() => {}
            _ = tokio::time::sleep(Duration::from_millis(wait)) => {}
        }
    }
}

/// The webhooks of a batch of due deliveries, each read once (a burst is mostly a few hooks).
fn hooks_of(app: &App, due: &[Pending]) -> HashMap<String, Option<Arc<Hook>>> {
    let mut hooks = HashMap::new();
    for p in due {
        if !hooks.contains_key(&p.webhook_id) {
            let hook = app.store.hook(&p.webhook_id).ok().flatten().map(Arc::new);
            hooks.insert(p.webhook_id.clone(), hook);
        }
    }
    hooks
}

/// Records delivered attempts on a thread of its own, as soon as they arrive, and logs them
/// once committed: whatever is waiting goes in one transaction, so a burst costs a commit
/// per batch, not one per delivery, and no task scheduling stands between a 2xx and its
/// commit. A delivery whose attempt line was printed is never sent again, even after a
/// kill -9; only the deliveries in flight at the kill (an answer not yet read, or being
/// committed) can be, as Blue's at-least-once delivery allows.
fn record_delivered(app: &App, to_record: &std::sync::mpsc::Receiver<Delivered>) {
    while let Ok(first) = to_record.recv() {
        let mut batch = vec![first];
        batch.extend(to_record.try_iter().take(1023));
        let rows: Vec<Recorded> = batch
            .iter()
            .map(|(delivery, attempt)| Recorded {
                delivery: *delivery,
                attempt,
                state: "delivered",
                next_due: None,
            })
            .collect();
        match app.store.record_attempts(&rows) {
            Ok(()) => batch.iter().for_each(|(_, attempt)| app.outbox.log.attempt(attempt)),
            Err(e) => app.outbox.log.note(&format!("outbox: {e}")),
        }
    }
}

/// A delivery answered 2xx: its id and the attempt.
type Delivered = (i64, AttemptRow);

/// One attempt of one delivery, and what follows from it.
async fn deliver(
    app: &App,
    p: Pending,
    hook: Option<Arc<Hook>>,
    delivered: &std::sync::mpsc::Sender<Delivered>,
) {
    let Some(hook) = hook.filter(|h| h.data["enabled"] == true) else {
        let _ = app.store.drop_pending(&p.webhook_id);
        return;
    };
    let attempt = p.attempts + 1;
    let row = app.outbox.post(&hook, p.body.clone(), &p.event, attempt).await;
    if row.status.is_some_and(|s| (200..300).contains(&s)) {
        // Recorded before anything else can be lost; the log line follows the commit.
        let _ = delivered.send((p.id, row));
        return;
    }
    app.outbox.log.attempt(&row);
    let result = if attempt < ATTEMPTS {
        let wait = app.outbox.scaled(BACKOFF * 2u32.pow(attempt - 1));
        let next = store::now_ms() + wait.as_millis() as u64;
        app.store.record_attempt(&p, &row, "pending", Some(next))
    } else {
        let mut hook = Hook::clone(&hook);
        app.store.record_attempt(&p, &row, "failed", None).and_then(|()| {
            app.disable(&mut hook, &format!("{ATTEMPTS} failed attempts to deliver {}", p.event))
        })
    };
    if let Err(e) = result {
        app.outbox.log.note(&format!("outbox: {e}"));
    }
    if attempt < ATTEMPTS {
        app.outbox.wake();
    }
}

/// The delivery log on stdout: a line per attempt, or NDJSON.
pub struct Log {
    json: bool,
    console: crate::term::Console,
}

impl Log {
    pub fn attempt(&self, a: &AttemptRow) {
        let line = if self.json {
            let mut m = serde_json::Map::new();
            m.insert("type".into(), "attempt".into());
            if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(a) {
                m.extend(fields);
            }
            serde_json::Value::Object(m).to_string()
        } else {
            human(a)
        };
        let _ = writeln!(std::io::stdout().lock(), "{line}");
    }

    /// A message (a webhook disabled, a resumed outbox): NDJSON `note`, or a line on stderr.
    pub fn note(&self, message: &str) {
        if self.json {
            let v = serde_json::json!({"type": "note", "message": message});
            let _ = writeln!(std::io::stdout().lock(), "{v}");
        } else {
            self.console.note(format!("bluehook sandbox: {message}"));
        }
    }
}

/// `attempt 2/5 TODO_CREATED -> cm... : 500 in 3 ms`
pub fn human(a: &AttemptRow) -> String {
    let result = match (a.status, &a.error) {
        (Some(s), _) => format!("HTTP {s}"),
        (None, Some(e)) => format!("failed: {e}"),
        (None, None) => "failed".to_string(),
    };
    format!(
        "{} attempt {}/{ATTEMPTS} {} -> {}: {result} in {} ms",
        a.at, a.attempt, a.event, a.webhook, a.latency_ms
    )
}

//! An offline Blue for webhooks: Blue's GraphQL operations over a SQLite state, and Blue's
//! delivery engine (a durable outbox with its timing, retries and auto-disable).

pub mod http;
pub mod outbox;
pub mod schema;
pub mod store;
pub mod whole;

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::events::model::{self, Kind};
use schema::Caller;
use store::{Hook, Store};

/// How the sandbox behaves (from `bluehook sandbox`'s flags).
#[derive(Debug, Clone)]
pub struct Options {
    pub state: Option<PathBuf>,
    /// The only credentials accepted, when pinned; otherwise any pair is a user.
    pub token: Option<(String, String)>,
    pub plan_limit: Option<usize>,
    pub strict_urls: bool,
    /// Divides every delivery delay (first attempt, backoff, timeout).
    pub speed: f64,
    pub rate_limit: Option<u32>,
    pub api_latency: Duration,
    pub api_error_rate: f64,
    pub json: bool,
    /// Where its messages go on stderr.
    pub console: crate::term::Console,
}

/// The demo credentials when none are pinned.
pub const DEMO_TOKEN_ID: &str = "sandbox";
pub const DEMO_TOKEN_SECRET: &str = "pat_sandbox";

/// The seeded organization, project, list and demo user.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Seed {
    pub company: Value,
    pub project: Value,
    pub list: Value,
    pub user: String,
}

/// The running sandbox: its state, options and delivery engine.
pub struct App {
    pub store: Store,
    pub opts: Options,
    pub outbox: outbox::Outbox,
    pub seed: Seed,
}

impl App {
    pub fn open(opts: Options) -> anyhow::Result<App> {
        let store = Store::open(opts.state.as_deref())?;
        let seed = match store.meta("seed")? {
            Some(s) => serde_json::from_str(&s)?,
            None => seed(&store)?,
        };
        let outbox = outbox::Outbox::new(&opts)?;
        Ok(App { store, opts, outbox, seed })
    }

    /// The demo credentials: the pinned pair, or the default one.
    pub fn demo_token(&self) -> (String, String) {
        self.opts.token.clone().unwrap_or((DEMO_TOKEN_ID.into(), DEMO_TOKEN_SECRET.into()))
    }

    /// The caller for a token pair, or None when the pair is not accepted.
    pub fn caller(
        &self,
        id: &str,
        secret: &str,
        org: Option<String>,
        project: Option<String>,
    ) -> Option<Caller> {
        if id.is_empty() || secret.is_empty() {
            return None;
        }
        if let Some((pid, psecret)) = &self.opts.token
            && (pid != id || !same(psecret, secret))
        {
            return None;
        }
        if !self.secret_matches(id, secret).ok()? {
            return None;
        }
        let user = self.user_for(id).ok()?;
        Some(Caller { user, org, project })
    }

    /// Whether `secret` is the token's: the demo token's is fixed, any other token's secret
    /// is the one it was first seen with (kept as a SHA-256 digest).
    fn secret_matches(&self, id: &str, secret: &str) -> anyhow::Result<bool> {
        let (demo_id, demo_secret) = self.demo_token();
        if id == demo_id {
            return Ok(same(&demo_secret, secret));
        }
        let key = format!("secret:{id}");
        let digest = hex::encode(Sha256::digest(secret.as_bytes()));
        Ok(same(&self.store.meta_or_insert(&key, &digest)?, &digest))
    }

    /// The user a token id belongs to, made on first sight.
    fn user_for(&self, token_id: &str) -> anyhow::Result<String> {
        if token_id == self.demo_token().0 {
            return Ok(self.seed.user.clone());
        }
        let key = format!("token:{token_id}");
        if let Some(u) = self.store.meta(&key)? {
            return Ok(u);
        }
        let s = store::stamp();
        let n = self.store.all(Kind::User)?.len() + 1;
        let row = model::user(&s, &format!("Sandbox User{n}"), &format!("user{n}@sandbox.test"));
        self.store.put(Kind::User, &row)?;
        self.store.set_meta(&key, &s.id)?;
        Ok(s.id)
    }

    /// A row with its related rows, as deliveries carry it.
    pub fn expand(&self, kind: Kind, row: &Value) -> Value {
        model::expand(kind, row, &|id| self.store.any(id))
    }

    /// Emits `event` about rows (before and/or after the change).
    pub fn emit(&self, event: &str, kind: Kind, before: Option<&Value>, after: Option<&Value>) {
        let hooks = self.store.hooks().unwrap_or_default();
        if !hooks.iter().any(|h| wants_event(h, event)) {
            return; // nobody listens: no body to build
        }
        let before = before.map(|r| self.expand(kind, r));
        let after = after.map(|r| self.expand(kind, r));
        self.emit_expanded(event, kind, before, after);
    }

    /// Queues `event` for every webhook whose filters match; the API never waits for it.
    pub fn emit_expanded(
        &self,
        event: &str,
        kind: Kind,
        before: Option<Value>,
        after: Option<Value>,
    ) {
        let project = after.as_ref().or(before.as_ref()).and_then(|v| model::project_of(kind, v));
        let hooks = self.store.hooks().unwrap_or_default();
        let items: Vec<(String, Vec<u8>)> = hooks
            .iter()
            .filter(|h| wants(h, event, project.as_deref()))
            .map(|h| {
                let body = json!({
                    "event": event, "webhook": delivered_hook(h),
                    "previousValue": before, "currentValue": after,
                });
                (
                    h.data["id"].as_str().unwrap_or_default().to_string(),
                    body.to_string().into_bytes(),
                )
            })
            .collect();
        if items.is_empty() {
            return;
        }
        let due = store::now_ms() + self.outbox.scaled(outbox::FIRST_ATTEMPT).as_millis() as u64;
        match self.store.enqueue(event, &items, due) {
            Ok(()) => self.outbox.wake(),
            Err(e) => self.outbox.log.note(&format!("could not queue {event}: {e}")),
        }
    }

    /// Disables a webhook and marks it UNHEALTHY, dropping what still waits for it.
    pub fn disable(&self, hook: &mut Hook, why: &str) -> anyhow::Result<()> {
        hook.data["enabled"] = json!(false);
        hook.data["status"] = json!("UNHEALTHY");
        hook.data["updatedAt"] = json!(store::now_iso());
        self.store.put_hook(hook)?;
        self.store.drop_pending(hook.data["id"].as_str().unwrap_or_default())?;
        let email = self
            .store
            .get(Kind::User, &hook.owner)?
            .and_then(|u| u["email"].as_str().map(String::from))
            .unwrap_or_else(|| hook.owner.clone());
        let id = hook.data["id"].as_str().unwrap_or_default();
        self.outbox.log.note(&format!(
            "webhook {id} disabled and marked UNHEALTHY ({why}); Blue would email its creator, {email}"
        ));
        Ok(())
    }

    /// POSTs the signed WEBHOOK_HEALTH_CHECK; whether it got a 2xx.
    pub async fn health_check(&self, hook: &Hook) -> bool {
        let body = json!({"event": "WEBHOOK_HEALTH_CHECK", "webhook": delivered_hook(hook)});
        let row =
            self.outbox.post(hook, body.to_string().into_bytes(), "WEBHOOK_HEALTH_CHECK", 1).await;
        let ok = row.status.is_some_and(|s| (200..300).contains(&s));
        let _ = self.store.log_attempt(&row);
        self.outbox.log.attempt(&row);
        ok
    }
}

/// Equal strings, compared in constant time.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether a webhook receives `event` about `project`: enabled, and its lists empty or
/// containing them.
fn wants(h: &Hook, event: &str, project: Option<&str>) -> bool {
    let listed = |key: &str, v: Option<&str>| {
        let list = h.data[key].as_array().map(|a| a.as_slice()).unwrap_or_default();
        list.is_empty() || v.is_some_and(|v| list.iter().any(|x| x == v))
    };
    h.data["enabled"] == true && listed("events", Some(event)) && listed("projectIds", project)
}

/// Whether a webhook is enabled and its event list is empty or names `event`.
fn wants_event(h: &Hook, event: &str) -> bool {
    let list = h.data["events"].as_array().map(|a| a.as_slice()).unwrap_or_default();
    h.data["enabled"] == true && (list.is_empty() || list.iter().any(|x| x == event))
}

/// The webhook as its deliveries carry it (the secret is "").
fn delivered_hook(h: &Hook) -> Value {
    let d = &h.data;
    let strings = |k: &str| -> Vec<String> {
        d[k].as_array().into_iter().flatten().filter_map(|v| v.as_str().map(String::from)).collect()
    };
    let (events, projects) = (strings("events"), strings("projectIds"));
    let stamp = model::Stamp {
        id: d["id"].as_str().unwrap_or_default().into(),
        uid: d["uid"].as_str().unwrap_or_default().into(),
        created_at: d["createdAt"].as_str().unwrap_or_default().into(),
        updated_at: d["updatedAt"].as_str().unwrap_or_default().into(),
    };
    model::webhook(&model::HookView {
        stamp: &stamp,
        name: d["name"].as_str(),
        url: d["url"].as_str().unwrap_or_default(),
        status: d["status"].as_str().unwrap_or("HEALTHY"),
        enabled: d["enabled"] == true,
        events: &events,
        project_ids: &projects,
        created_by: &h.owner,
    })
}

/// A new state: the organization Acme, its project Website Relaunch with three lists, a
/// second project Year-End Review with one, and the demo user.
fn seed(store: &Store) -> anyhow::Result<Seed> {
    let c = store::stamp();
    let company = model::company(&c, "acme", "Acme", &store::new_id());
    let p = store::stamp();
    let project = model::project(&p, "website-relaunch", "Website Relaunch", &c.id);
    let u = store::stamp();
    let user = model::user(&u, "Ada Lovelace", "ada@example.com");
    store.put(Kind::Company, &company)?;
    store.put(Kind::Project, &project)?;
    store.put(Kind::User, &user)?;
    let mut lists = Vec::new();
    for (i, title) in ["To do", "In progress", "Done"].iter().enumerate() {
        let l = model::list(&store::stamp(), title, 65535.0 * (i + 1) as f64, &u.id, &p.id);
        store.put(Kind::List, &l)?;
        lists.push(l);
    }
    // A second project, so that project filters and lookups have something to tell apart.
    let other = store::stamp();
    let year_end = model::project(&other, "year-end-review", "Year-End Review", &c.id);
    store.put(Kind::Project, &year_end)?;
    let l = model::list(&store::stamp(), "To do", 65535.0, &u.id, &other.id);
    store.put(Kind::List, &l)?;
    let seed = Seed { company, project, list: lists.remove(0), user: u.id };
    store.set_meta("seed", &serde_json::to_string(&seed)?)?;
    Ok(seed)
}

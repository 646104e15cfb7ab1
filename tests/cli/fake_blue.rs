//! A fake of Blue's GraphQL API for the webhook commands: axum on 127.0.0.1:0, on a thread
//! and runtime of its own, webhooks kept in memory. It checks the auth headers, answers in
//! Blue's formats (data; `errors` with `extensions.code`; a plain-JSON 429 with
//! `Retry-After`; paged lists) and records every operation and its variables.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::extract::State as AxumState;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

pub const TOKEN_ID: &str = "tok_fake_id";
pub const TOKEN_SECRET: &str = "pat_fake_secret_0123456789";
/// Blue sends at most this many webhooks per page, whatever `take` asks for.
pub const PAGE_CAP: usize = 20;

/// One request the fake received.
#[derive(Debug, Clone)]
pub struct Received {
    pub operation: String,
    pub query: String,
    pub variables: Value,
    pub headers: HashMap<String, String>,
}

/// What the fake holds and how it should misbehave next.
#[derive(Debug, Default)]
pub struct State {
    /// Newest first, as Blue lists them; stored without their secrets.
    pub webhooks: Vec<Value>,
    pub received: Vec<Received>,
    /// Answer this many requests with HTTP 429 (Retry-After: 1).
    pub rate_limit_next: u32,
    /// Answer this many requests with HTTP 500.
    pub server_error_next: u32,
    /// One-shot whole answers (HTTP 200) for the next request of an operation name.
    pub answers: Vec<(String, Value)>,
    /// Whether enabling a webhook passes Blue's health check.
    pub health_check_fails: bool,
    /// Wait this long before answering.
    pub delay: Option<Duration>,
    pub next_id: u64,
    /// The organization's projects (`projectList`), in name order.
    pub projects: Vec<Value>,
}

/// The projects every fake starts with: two share a name, so that a name can be ambiguous.
pub fn default_projects() -> Vec<Value> {
    [("p2", "mobile", "Mobile app"), ("p3", "mobile-2", "Mobile app"), ("p9", "ops", "Operations"), ("p1", "website", "Website")]
        .iter()
        .map(|(id, slug, name)| json!({ "id": id, "uid": format!("u{id}"), "slug": slug, "name": name, "archived": false }))
        .collect()
}

pub struct FakeBlue {
    url: String,
    state: Arc<Mutex<State>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl FakeBlue {
    pub fn start() -> FakeBlue {
        let state = State { projects: default_projects(), ..State::default() };
        let state = Arc::new(Mutex::new(state));
        let app = Router::new().route("/graphql", post(handle)).with_state(state.clone());
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                let serve = axum::serve(listener, app);
                tokio::select! {
                    _ = serve => {}
                    _ = stopped => {}
                    // A bound on the server's life, whatever happens to the test.
                    _ = tokio::time::sleep(Duration::from_secs(120)) => {}
                }
            });
        });
        let addr = addr_rx.recv_timeout(Duration::from_secs(10)).expect("fake Blue started");
        FakeBlue { url: format!("http://{addr}/graphql"), state, stop: Some(stop) }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// The environment that makes a command talk to the fake as to a Blue elsewhere (not on
    /// this machine, as `bluehook sandbox` is): an API URL on another host, reached through
    /// the fake as an HTTP proxy.
    pub fn far(&self) -> [(&'static str, String); 2] {
        let proxy = self.url.trim_end_matches("/graphql").to_string();
        [("BLUE_API_URL", "http://api.blue.test/graphql".into()), ("HTTP_PROXY", proxy)]
    }

    /// `bluehook` with the fake's URL and valid credentials in the environment, and a config
    /// file of the test's own.
    pub fn bluehook(&self, config: &Path) -> assert_cmd::Command {
        let mut cmd = crate::support::bluehook();
        cmd.arg("--config").arg(config);
        cmd.env("BLUE_API_URL", &self.url)
            .env("BLUE_TOKEN_ID", TOKEN_ID)
            .env("BLUE_TOKEN_SECRET", TOKEN_SECRET)
            .env("BLUE_ORG_ID", "acme");
        cmd
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }

    /// Adds `n` webhooks named hook-1.. (hook-n is the newest).
    pub fn seed(&self, n: usize) {
        let mut s = self.state();
        for i in 1..=n {
            let hook = s.new_webhook(json!({ "url": format!("https://example.com/hooks/{i}"), "name": format!("hook-{i}") }));
            s.webhooks.insert(0, without_secret(hook));
        }
    }

    /// Adds one webhook as given (merged over defaults) and returns it.
    pub fn add(&self, fields: Value) -> Value {
        let mut s = self.state();
        let mut hook = s.new_webhook(json!({ "url": "https://example.com/hook" }));
        for (k, v) in fields.as_object().unwrap() {
            hook[k] = v.clone();
        }
        let hook = without_secret(hook);
        s.webhooks.insert(0, hook.clone());
        hook
    }

    pub fn received(&self) -> Vec<Received> {
        self.state().received.clone()
    }

    /// The operation names received, in order.
    pub fn operations(&self) -> Vec<String> {
        self.received().into_iter().map(|r| r.operation).collect()
    }

    /// The last request of an operation.
    pub fn last(&self, operation: &str) -> Received {
        let all = self.received();
        all.into_iter()
            .rev()
            .find(|r| r.operation == operation)
            .unwrap_or_else(|| panic!("no {operation} received"))
    }

    /// Answers the next `operation` with `errors: [error]` (and `data`, when given).
    pub fn fail_next(&self, operation: &str, code: &str, message: &str, data: Value) {
        let body = json!({ "errors": [{ "message": message, "path": [], "extensions": { "code": code } }], "data": data });
        self.state().answers.push((operation.to_string(), body));
    }

    /// Answers the next `operation` with exactly this body.
    pub fn answer_next(&self, operation: &str, body: Value) {
        self.state().answers.push((operation.to_string(), body));
    }
}

impl Drop for FakeBlue {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl State {
    fn new_webhook(&mut self, input: Value) -> Value {
        self.next_id += 1;
        let n = self.next_id;
        let time = format!("2025-08-01T09:{:02}:{:02}.000Z", (n / 60) % 60, n % 60);
        json!({
            "id": format!("cmwh{n:021}"),
            "uid": format!("uid{n:05}"),
            "name": input["name"],
            "url": input["url"],
            "secret": format!("whsec_fake_{n:04}_9f8e7d6c5b4a"),
            "status": "HEALTHY",
            "events": input.get("events").cloned().unwrap_or(json!([])),
            "projectIds": input.get("projectIds").cloned().unwrap_or(json!([])),
            "enabled": true,
            "metadata": null,
            "createdAt": time,
            "updatedAt": time,
        })
    }
}

fn without_secret(mut hook: Value) -> Value {
    hook["secret"] = Value::Null;
    hook
}

type Shared = Arc<Mutex<State>>;

async fn handle(AxumState(state): AxumState<Shared>, headers: HeaderMap, body: String) -> Response {
    let req: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let received = Received {
        operation: req["operationName"].as_str().unwrap_or("?").to_string(),
        query: req["query"].as_str().unwrap_or("").to_string(),
        variables: req["variables"].clone(),
        headers: headers
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect(),
    };
    let delay = {
        let mut s = state.lock().unwrap();
        s.received.push(received.clone());
        s.delay
    };
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    let mut s = state.lock().unwrap();
    if s.rate_limit_next > 0 {
        s.rate_limit_next -= 1;
        let body =
            json!({ "error": "RATE_LIMITED", "message": "Too many requests", "retryAfter": 1 });
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", "1"), ("x-ratelimit-remaining", "0")],
            body.to_string(),
        )
            .into_response();
    }
    if s.server_error_next > 0 {
        s.server_error_next -= 1;
        return (StatusCode::INTERNAL_SERVER_ERROR, "upstream failure").into_response();
    }
    let answer = graphql(&mut s, &received);
    (StatusCode::OK, [("content-type", "application/json")], answer.to_string()).into_response()
}

fn error(code: &str, message: &str) -> Value {
    json!({ "errors": [{ "message": message, "path": [], "extensions": { "code": code } }], "data": null })
}

fn graphql(s: &mut State, r: &Received) -> Value {
    let header = |k: &str| r.headers.get(k).map(String::as_str);
    if header("x-bloo-token-id") != Some(TOKEN_ID)
        || header("x-bloo-token-secret") != Some(TOKEN_SECRET)
    {
        return error("UNAUTHENTICATED", "You are not authenticated.");
    }
    if let Some(i) = s.answers.iter().position(|(op, _)| *op == r.operation) {
        return s.answers.remove(i).1;
    }
    let q = r.query.as_str();
    let v = &r.variables;
    if q.contains("createWebhook(") {
        create(s, &v["input"], header("x-bloo-company-id"))
    } else if q.contains("updateWebhook(") {
        update(s, &v["input"])
    } else if q.contains("deleteWebhook(") {
        delete(s, &v["input"])
    } else if q.contains("webhooks(") {
        list(s, v)
    } else if q.contains("webhook(") {
        match s.webhooks.iter().find(|w| w["id"] == v["id"]) {
            Some(w) => json!({ "data": { "webhook": w } }),
            None => error("WEBHOOK_NOT_FOUND", "Webhook was not found."),
        }
    } else if q.contains("projectList(") {
        projects(s, v)
    } else if q.contains("currentUser") {
        who_am_i(v, header("x-bloo-company-id"))
    } else {
        error("GRAPHQL_VALIDATION_FAILED", "The fake does not know this operation.")
    }
}

fn list(s: &State, v: &Value) -> Value {
    // Blue's quirk: `enabled: false` filters nothing.
    let only_enabled = v["filter"]["enabled"] == true;
    let all: Vec<&Value> =
        s.webhooks.iter().filter(|w| !only_enabled || w["enabled"] == true).collect();
    let skip = v["skip"].as_u64().unwrap_or(0) as usize;
    let take = (v["take"].as_u64().unwrap_or(20) as usize).min(PAGE_CAP);
    let items: Vec<&Value> = all.iter().skip(skip).take(take).copied().collect();
    let total = all.len();
    json!({ "data": { "webhooks": { "items": items, "pageInfo": {
        "totalPages": total.div_ceil(take.max(1)),
        "totalItems": total,
        "page": skip / take.max(1) + 1,
        "perPage": take,
        "hasNextPage": skip + items.len() < total,
        "hasPreviousPage": skip > 0,
    }}}})
}

fn projects(s: &State, v: &Value) -> Value {
    let filter = &v["filter"];
    if filter["companyIds"].as_array().is_none_or(|c| c.is_empty()) {
        return error("BAD_USER_INPUT", "companyIds is required");
    }
    let search = filter["search"].as_str().unwrap_or("").to_lowercase();
    let all: Vec<&Value> = s
        .projects
        .iter()
        .filter(|p| p["name"].as_str().unwrap_or("").to_lowercase().contains(&search))
        .collect();
    let skip = v["skip"].as_u64().unwrap_or(0) as usize;
    let take = v["take"].as_u64().unwrap_or(20) as usize;
    let items: Vec<&Value> = all.iter().skip(skip).take(take).copied().collect();
    let more = skip + items.len() < all.len();
    json!({ "data": { "projectList": { "items": items, "totalCount": all.len(),
        "pageInfo": { "hasNextPage": more, "hasPreviousPage": skip > 0 } } } })
}

fn create(s: &mut State, input: &Value, org: Option<&str>) -> Value {
    if org.is_none() {
        return error("COMPANY_NOT_FOUND", "Company was not found.");
    }
    if input["url"].as_str().is_none_or(str::is_empty) {
        return error("BAD_USER_INPUT", "url is required");
    }
    let hook = s.new_webhook(input.clone());
    s.webhooks.insert(0, without_secret(hook.clone()));
    json!({ "data": { "createWebhook": hook } })
}

fn update(s: &mut State, input: &Value) -> Value {
    let fails = s.health_check_fails;
    let Some(hook) = s.webhooks.iter_mut().find(|w| w["id"] == input["webhookId"]) else {
        return error("WEBHOOK_NOT_FOUND", "Webhook was not found.");
    };
    for key in ["name", "url", "events", "projectIds"] {
        if let Some(v) = input.get(key) {
            hook[key] = v.clone();
        }
    }
    match input["enabled"].as_bool() {
        Some(true) if fails => {
            hook["enabled"] = json!(false);
            hook["status"] = json!("UNHEALTHY");
        }
        Some(true) => {
            hook["enabled"] = json!(true);
            hook["status"] = json!("HEALTHY");
        }
        Some(false) => hook["enabled"] = json!(false),
        None => {}
    }
    json!({ "data": { "updateWebhook": hook.clone() } })
}

fn delete(s: &mut State, input: &Value) -> Value {
    let before = s.webhooks.len();
    s.webhooks.retain(|w| w["id"] != input["webhookId"]);
    if s.webhooks.len() == before {
        return error("WEBHOOK_NOT_FOUND", "Webhook was not found.");
    }
    json!({ "data": { "deleteWebhook": { "success": true, "operationId": "op-1" } } })
}

fn who_am_i(v: &Value, org: Option<&str>) -> Value {
    let user = json!({ "id": "user1", "email": "ada@example.com", "fullName": "Ada Lovelace" });
    if v["withOrg"] != true {
        return json!({ "data": { "currentUser": user } });
    }
    if org != v["org"].as_str() || org == Some("nope") {
        return error("COMPANY_NOT_FOUND", "Company was not found.");
    }
    json!({ "data": { "currentUser": user, "company": { "id": "org1", "name": "Acme Inc", "slug": org } } })
}

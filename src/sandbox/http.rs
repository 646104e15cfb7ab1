//! The sandbox's HTTP side: POST /graphql with Blue's auth headers (legacy `X-Bloo-*` and
//! newer `blue-*`), and the chaos options (rate limit with Blue's 429, latency, 5xx).

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use super::App;
use super::schema::{self, SandboxSchema};
use super::whole;

struct Server {
    app: Arc<App>,
    /// What the sandbox emulates.
    schema: SandboxSchema,
    /// Blue's whole schema: validation, introspection and `NOT_EMULATED`.
    whole: async_graphql::dynamic::Schema,
    /// Hashes of documents Blue's schema found valid: those go straight to the emulation.
    valid: Mutex<HashSet<u64>>,
    window: Mutex<VecDeque<Instant>>,
}

/// Documents remembered as valid (then forgotten all at once, and learnt again).
const REMEMBERED: usize = 4096;

/// The router serving Blue's API at `/graphql` (and `/`).
pub fn router(app: Arc<App>) -> anyhow::Result<axum::Router> {
    let schema = schema::build(app.clone());
    let whole = whole::schema(schema::MAX_DEPTH, schema::MAX_COMPLEXITY)?;
    let (valid, window) = (Mutex::new(HashSet::new()), Mutex::new(VecDeque::new()));
    let server = Arc::new(Server { app, schema, whole, valid, window });
    Ok(axum::Router::new()
        .route("/graphql", post(graphql))
        .route("/", post(graphql))
        .with_state(server))
}

async fn graphql(State(s): State<Arc<Server>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(limited) = rate_limited(&s) {
        return limited;
    }
    let opts = &s.app.opts;
    if !opts.api_latency.is_zero() {
        tokio::time::sleep(opts.api_latency).await;
    }
    if opts.api_error_rate > 0.0 && chance() < opts.api_error_rate {
        return (StatusCode::SERVICE_UNAVAILABLE, "upstream unavailable (--api-error-rate)")
            .into_response();
    }
    let request: async_graphql::Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => return bad_request(&format!("the body is not a GraphQL request: {e}")),
    };
    let caller = caller(&s.app, &headers);
    let response = answer(&s, request, &body, caller).await;
    let body = serde_json::to_vec(&response).unwrap_or_default();
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Blue's whole schema judges the document first (once per document text): a validation
/// error, or an answer without errors (introspection), is its answer. A valid document is then run by the emulation;
/// one that uses what the emulation lacks gets `NOT_EMULATED` (or Blue's `UNAUTHENTICATED`
/// without credentials), and nothing of it runs.
async fn answer(
    s: &Server,
    request: async_graphql::Request,
    body: &[u8],
    caller: Option<schema::Caller>,
) -> async_graphql::Response {
    let key = document_key(&request);
    let known = s.valid.lock().unwrap_or_else(|e| e.into_inner()).contains(&key);
    let request = if known {
        request
    } else {
        let judged = s.whole.execute(request).await;
        let not_emulated = |e: &async_graphql::ServerError| code(e) == Some("NOT_EMULATED");
        if judged.errors.is_empty() || !judged.errors.iter().all(not_emulated) {
            return judged;
        }
        let mut valid = s.valid.lock().unwrap_or_else(|e| e.into_inner());
        if valid.len() >= REMEMBERED {
            valid.clear();
        }
        valid.insert(key);
        drop(valid);
        match serde_json::from_slice::<async_graphql::Request>(body) {
            Ok(r) => r,
            Err(_) => return judged,
        }
    };
    let authenticated = caller.is_some();
    let request = match caller {
        Some(c) => request.data(c),
        None => request,
    };
    let variables = known.then(|| serde_json::from_slice::<async_graphql::Request>(body));
    let response = s.schema.execute(request).await;
    let refused = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty() && code(e).is_none());
    if !refused {
        return response;
    }
    // A remembered document, refused with these variables: Blue's schema judges them.
    if let Some(Ok(again)) = variables {
        let judged = s.whole.execute(again).await;
        if judged.errors.iter().any(|e| code(e) != Some("NOT_EMULATED")) {
            return judged;
        }
    }
    if !authenticated {
        let e = schema::coded("UNAUTHENTICATED", "You are not authenticated. Please log in.");
        return async_graphql::Response::from_errors(vec![e.into_server_error(Default::default())]);
    }
    let errors = response.errors.into_iter().map(|e| {
        let message = format!(
            "not emulated by bluehook sandbox: {} (valid against Blue's schema; see \
             `bluehook sandbox --coverage`)",
            e.message.split(". Did you mean").next().unwrap_or_default().trim_end_matches('.')
        );
        schema::coded("NOT_EMULATED", message)
            .into_server_error(e.locations.first().copied().unwrap_or_default())
    });
    async_graphql::Response::from_errors(errors.collect())
}

/// What makes a document the same document: its text and the operation picked.
fn document_key(r: &async_graphql::Request) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    r.query.hash(&mut h);
    r.operation_name.hash(&mut h);
    h.finish()
}

/// An error's `extensions.code`.
fn code(e: &async_graphql::ServerError) -> Option<&str> {
    match e.extensions.as_ref()?.get("code")? {
        async_graphql::Value::String(s) => Some(s),
        _ => None,
    }
}

fn bad_request(message: &str) -> Response {
    let body = serde_json::json!({"errors": [{"message": message,
        "extensions": {"code": "BAD_REQUEST"}}]});
    (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "application/json")], body.to_string())
        .into_response()
}

/// The first of the header names present (names are case-insensitive).
fn header<'a>(h: &'a HeaderMap, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|n| h.get(*n).and_then(|v| v.to_str().ok())).map(str::trim)
}

fn caller(app: &App, h: &HeaderMap) -> Option<schema::Caller> {
    let id = header(h, &["x-bloo-token-id", "blue-token-id"])?;
    let secret = header(h, &["x-bloo-token-secret", "blue-token-secret"])?;
    let org = header(h, &["x-bloo-company-id", "blue-org-id"]).map(String::from);
    let project = header(h, &["x-bloo-project-id", "blue-workspace-id"]).map(String::from);
    app.caller(id, secret, org, project)
}

/// Blue's 429 (a plain JSON body, not a GraphQL envelope) past `--rate-limit` per minute.
fn rate_limited(s: &Server) -> Option<Response> {
    let limit = s.app.opts.rate_limit?;
    let now = Instant::now();
    let mut window = s.window.lock().unwrap_or_else(|e| e.into_inner());
    while window.front().is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(60)) {
        window.pop_front();
    }
    if (window.len() as u32) < limit {
        window.push_back(now);
        return None;
    }
    let oldest = *window.front()?;
    let retry = 60u64.saturating_sub(now.duration_since(oldest).as_secs()).max(1);
    let reset = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs() + retry;
    let body = serde_json::json!({"error": "RATE_LIMITED",
        "message": "Too many requests, please try again later.", "retryAfter": retry});
    let headers = [
        ("retry-after", retry.to_string()),
        ("x-ratelimit-limit", limit.to_string()),
        ("x-ratelimit-remaining", "0".to_string()),
        ("x-ratelimit-reset", reset.to_string()),
        ("content-type", "application/json".to_string()),
    ];
    let mut resp = (StatusCode::TOO_MANY_REQUESTS, body.to_string()).into_response();
    for (k, v) in headers {
        if let Ok(v) = v.parse() {
            resp.headers_mut().insert(k, v);
        }
    }
    Some(resp)
}

/// A number in [0, 1).
fn chance() -> f64 {
    let mut b = [0u8; 8];
    let _ = getrandom::fill(&mut b);
    (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
}

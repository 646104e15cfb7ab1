//! The inspector's HTTP side: the page (embedded), its API and the live stream (SSE).
//!
//! Every request needs the random token printed in the URL (`?token=` or the
//! `X-Bluehook-Token` header); on loopback the Host must be the inspector's own address (no DNS
//! rebinding); requests that act (replay, export, pin, clear) must come from the page's Origin.
//! Every answer carries a strict Content-Security-Policy: the page loads nothing from elsewhere.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::stream;
use serde::Deserialize;
use tokio::sync::broadcast;

use super::{Live, Options, Store};
use crate::record::Record;
use crate::send::delivery::{self, Target};

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("page.js");
const STYLE: &str = include_str!("page.css");

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A running inspector; dropping it stops serving.
pub struct Running {
    addr: SocketAddr,
    token: String,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// The page's address, token included.
    pub fn url(&self) -> String {
        format!("http://{}/?token={}", self.addr, self.token)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct Ctx {
    store: Arc<Store>,
    options: Options,
    token: String,
    addr: SocketAddr,
    loopback: bool,
    /// One record-file append at a time.
    append: tokio::sync::Mutex<()>,
}

/// Binds and starts serving `store`.
pub async fn start(options: Options, store: Arc<Store>) -> anyhow::Result<Running> {
    let listener =
        tokio::net::TcpListener::bind((options.host.as_str(), options.port)).await.with_context(
            || format!("cannot serve the inspector on {}:{}", options.host, options.port),
        )?;
    let addr = listener.local_addr()?;
    let token = new_token()?;
    let loopback = addr.ip().is_loopback();
    let ctx = Arc::new(Ctx {
        store,
        options,
        token: token.clone(),
        addr,
        loopback,
        append: tokio::sync::Mutex::new(()),
    });
    let app = Router::new()
        .route("/", get(page))
        .route("/page.js", get(|| asset(SCRIPT, "text/javascript; charset=utf-8")))
        .route("/page.css", get(|| asset(STYLE, "text/css; charset=utf-8")))
        .route("/api/info", get(info))
        .route("/api/events", get(events))
        .route("/api/delivery", get(detail))
        .route("/api/search", get(search))
        .route("/api/replay", post(replay))
        .route("/api/export", post(export))
        .route("/api/pin", post(pin))
        .route("/api/clear", post(clear))
        .layer(middleware::from_fn_with_state(ctx.clone(), guard))
        .with_state(ctx);
    let task = tokio::spawn(serve(listener, app));
    Ok(Running { addr, token, task })
}

/// Connections the inspector serves at once (a browser opens a few, plus the live stream);
/// past it new ones are closed at once, so the inspector's port can never take the
/// descriptors the receiver needs.
const MAX_CONNECTIONS: usize = 64;

/// Time a connection has to send a request's headers; an idle keep-alive connection is
/// closed after it too.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `app` on `listener`: at most [`MAX_CONNECTIONS`] connections, each closed when its
/// headers take longer than [`HEADER_TIMEOUT`].
async fn serve(listener: tokio::net::TcpListener, app: Router) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of descriptors and the like: wait for connections to end.
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
            let _ = builder.serve_connection(TokioIo::new(stream), service).await;
            drop(slot);
        });
    }
}

/// 128 random bits, as hex.
fn new_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness for the token: {e}"))?;
    Ok(hex::encode(bytes))
}

/// The token, Host and Origin checks, and the security headers on every answer.
async fn guard(State(ctx): State<Arc<Ctx>>, req: Request, next: Next) -> Response {
    let refused = if !token_ok(&ctx, &req) {
        Some((StatusCode::FORBIDDEN, "missing or wrong token: open the URL bluehook printed"))
    } else if ctx.loopback && !host_ok(&ctx, req.headers()) {
        Some((StatusCode::FORBIDDEN, "wrong Host: open the URL bluehook printed"))
    } else if req.method() != Method::GET && !origin_ok(req.headers()) {
        Some((StatusCode::FORBIDDEN, "cross-origin request refused"))
    } else {
        None
    };
    let mut response = match refused {
        Some((status, text)) => (status, format!("{text}\n")).into_response(),
        None => next.run(req).await,
    };
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn token_ok(ctx: &Ctx, req: &Request) -> bool {
    let given = req
        .headers()
        .get("x-bluehook-token")
        .and_then(|v| v.to_str().ok())
        .or_else(|| req.uri().query()?.split('&').find_map(|kv| kv.strip_prefix("token=")))
        .unwrap_or_default();
    let want = ctx.token.as_bytes();
    // Same time whatever the first differing byte.
    given.len() == want.len() && given.bytes().zip(want).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

fn host_ok(ctx: &Ctx, headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let port = ctx.addr.port();
    host == ctx.addr.to_string() || host == format!("localhost:{port}")
}

/// The Origin must be present and name the host the request was sent to.
fn origin_ok(headers: &HeaderMap) -> bool {
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin, host) {
        (Some(origin), Some(host)) => origin == format!("http://{host}"),
        _ => false,
    }
}

async fn page(State(ctx): State<Arc<Ctx>>) -> Response {
    // The token is hex: safe anywhere in the page.
    let html = PAGE.replace("{{TOKEN}}", &ctx.token);
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

async fn asset(text: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], text).into_response()
}

fn json_response(status: StatusCode, value: &serde_json::Value) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], value.to_string()).into_response()
}

async fn info(State(ctx): State<Arc<Ctx>>) -> Response {
    let o = &ctx.options;
    let value = serde_json::json!({
        "keep": ctx.store.keep(),
        "target": o.target,
        "signing": o.signer.is_some(),
        "file": o.append.as_ref().map(|p| p.display().to_string()),
    });
    json_response(StatusCode::OK, &value)
}

/// Every kept delivery, then each new one as it arrives (Server-Sent Events). What is waiting
/// goes out in one chunk, so a burst of deliveries costs one write, not one per delivery.
async fn events(State(ctx): State<Arc<Ctx>>) -> Response {
    let (snapshot, live) = ctx.store.subscribe();
    let kept = snapshot.chunks(256).map(|chunk| {
        let mut buf = String::new();
        chunk.iter().for_each(|j| sse(&mut buf, None, j));
        Ok::<_, Infallible>(Bytes::from(buf))
    });
    let kept: Vec<_> = kept.collect();
    let live = stream::unfold(live, |mut live| async move {
        let mut buf = String::new();
        match tokio::time::timeout(KEEP_ALIVE, live.recv()).await {
            Err(_) => buf.push_str(": keep-alive\n\n"),
            Ok(first) => {
                let mut next = Some(first);
                while let Some(message) = next {
                    match message {
                        Ok(message) => live_event(&mut buf, message),
                        Err(broadcast::error::RecvError::Lagged(n)) => {
                            sse(&mut buf, Some("dropped"), &n.to_string())
                        }
                        Err(broadcast::error::RecvError::Closed) if buf.is_empty() => return None,
                        Err(broadcast::error::RecvError::Closed) => break,
                    }
                    next = (buf.len() < 256 << 10).then(|| try_next(&mut live)).flatten();
                }
            }
        }
        Some((Ok::<_, Infallible>(Bytes::from(buf)), live))
    });
    let body = Body::from_stream(futures_util::StreamExt::chain(stream::iter(kept), live));
    let headers =
        [(header::CONTENT_TYPE, "text/event-stream"), (header::CACHE_CONTROL, "no-cache")];
    (headers, body).into_response()
}

/// A comment line this often keeps idle connections open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The next waiting message, if any, as `recv` would give it.
fn try_next(
    live: &mut broadcast::Receiver<Live>,
) -> Option<Result<Live, broadcast::error::RecvError>> {
    use broadcast::error::{RecvError, TryRecvError};
    match live.try_recv() {
        Ok(m) => Some(Ok(m)),
        Err(TryRecvError::Empty) => None,
        Err(TryRecvError::Lagged(n)) => Some(Err(RecvError::Lagged(n))),
        Err(TryRecvError::Closed) => Some(Err(RecvError::Closed)),
    }
}

fn live_event(buf: &mut String, message: Live) {
    match message {
        Live::Delivery(j) => sse(buf, None, &j),
        Live::Dropped(n) => sse(buf, Some("dropped"), &n.to_string()),
        Live::Cleared => sse(buf, Some("cleared"), ""),
    }
}

/// One event; `data` is one line of JSON (or a number), never holding a newline.
fn sse(buf: &mut String, event: Option<&str>, data: &str) {
    if let Some(event) = event {
        buf.push_str("event: ");
        buf.push_str(event);
        buf.push('\n');
    }
    buf.push_str("data: ");
    buf.push_str(data);
    buf.push_str("\n\n");
}

/// A query parameter, percent-decoded.
fn param(req_query: Option<&str>, name: &str) -> Option<String> {
    req_query?.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        let v = v.replace('+', " ");
        (k == name)
            .then(|| percent_encoding::percent_decode_str(&v).decode_utf8_lossy().into_owned())
    })
}

/// One delivery whole: `?id=N`.
async fn detail(State(ctx): State<Arc<Ctx>>, uri: axum::http::Uri) -> Response {
    let id = param(uri.query(), "id").and_then(|i| i.parse().ok());
    match id.and_then(|id| ctx.store.get(id)) {
        Some(kept) => ([(header::CONTENT_TYPE, "application/json")], kept.detail()).into_response(),
        None => (StatusCode::NOT_FOUND, "that delivery is no longer kept\n").into_response(),
    }
}

/// The ids of the kept deliveries whose body holds `?q=`.
async fn search(State(ctx): State<Arc<Ctx>>, uri: axum::http::Uri) -> Response {
    let q = param(uri.query(), "q").unwrap_or_default();
    json_response(StatusCode::OK, &serde_json::json!({"ids": ctx.store.search(&q)}))
}

#[derive(Deserialize)]
struct ReplayAsk {
    id: u64,
    /// Default: the forward target (or the listener itself).
    url: Option<String>,
    /// An edited body: always re-signed.
    body: Option<String>,
    #[serde(default)]
    resign: bool,
}

fn bad(text: impl Into<String>) -> Response {
    json_response(StatusCode::BAD_REQUEST, &serde_json::json!({"error": text.into()}))
}

async fn replay(State(ctx): State<Arc<Ctx>>, body: Bytes) -> Response {
    let ask: ReplayAsk = match serde_json::from_slice(&body) {
        Ok(a) => a,
        Err(e) => return bad(format!("not a replay request: {e}")),
    };
    let Some(kept) = ctx.store.get(ask.id) else {
        return bad("that delivery is no longer kept");
    };
    let Some(url) = ask.url.filter(|u| !u.trim().is_empty()).or(ctx.options.target.clone()) else {
        return bad("no URL to replay to");
    };
    let recorded = kept.record();
    let edited = ask.body.as_ref().is_some_and(|b| *b != recorded.body);
    let body = ask.body.unwrap_or_else(|| recorded.body.clone());
    let (signature, how) = match (&ctx.options.signer, ask.resign || edited) {
        (Some(signer), true) => (Some(signer.sign(body.as_bytes())), "resigned"),
        (None, true) => return bad("no secret to sign with: start bluehook with --secret"),
        (_, false) => match recorded.signature() {
            Some(s) => (Some(s.to_string()), "recorded"),
            None => (None, "unsigned"),
        },
    };
    let mut target = match Target::from_args(&url, &[], Duration::from_secs(7), false) {
        Ok(t) => t,
        Err(e) => return bad(format!("{e:#}")),
    };
    target.extra_headers = replayed_headers(&recorded);
    target.trace = ctx.options.trace.clone();
    let client = match delivery::client(&target, 1) {
        Ok(c) => c,
        Err(e) => return bad(format!("{e:#}")),
    };
    let sent = delivery::Delivery { body: body.clone().into(), signature: signature.clone() };
    let outcome = delivery::send(&client, &target, &sent, true).await;
    if ctx.options.append.is_some() {
        let record = replayed(recorded, body, signature, target.url.path());
        if let Err(e) = append(&ctx, &record).await {
            return bad(format!("replayed, but could not append to the record file: {e:#}"));
        }
    }
    let value =
        serde_json::json!({"url": target.url.as_str(), "signature": how, "outcome": outcome});
    json_response(StatusCode::OK, &value)
}

/// The recorded headers worth sending again: not those of one hop (as forwarding leaves them
/// behind), not the signature and content type (set apart).
fn replayed_headers(r: &Record) -> HeaderMap {
    let skip = |name: &str| {
        crate::listen::forward::HOP_BY_HOP.contains(&name)
            || name == "x-signature"
            || name == "content-type"
    };
    let mut headers = HeaderMap::new();
    for (name, value) in &r.headers {
        if skip(name.to_ascii_lowercase().as_str()) {
            continue;
        }
        if let (Ok(n), Ok(v)) =
            (header::HeaderName::try_from(name.as_str()), HeaderValue::try_from(value.as_str()))
        {
            headers.append(n, v);
        }
    }
    headers
}

/// The record of what a replay sent.
fn replayed(mut record: Record, body: String, signature: Option<String>, path: &str) -> Record {
    record.body = body;
    record.verified = None;
    record.received_at = Some(crate::listen::receiver::timestamp(std::time::SystemTime::now()));
    record.path = Some(path.to_string());
    record.headers.retain(|k, _| !k.eq_ignore_ascii_case(crate::signature::HEADER));
    if let Some(s) = signature {
        record.headers.insert("x-signature".into(), s);
    }
    record
}

/// `inspect FILE`: appends what was replayed to the file, and shows it.
async fn append(ctx: &Ctx, record: &Record) -> anyhow::Result<()> {
    use tokio::io::AsyncWriteExt;
    let Some(path) = &ctx.options.append else { return Ok(()) };
    let _one = ctx.append.lock().await;
    let mut file = tokio::fs::OpenOptions::new().append(true).create(true).open(path).await?;
    let mut line = record.to_line();
    line.push('\n');
    file.write_all(line.as_bytes()).await?;
    // tokio's File writes in the background: the line is on disk only once flushed.
    file.flush().await?;
    ctx.store.push_record(record.clone());
    Ok(())
}

#[derive(Deserialize)]
struct Ids {
    ids: Vec<u64>,
}

/// The chosen deliveries as a record file (`bluehook replay` takes it).
async fn export(State(ctx): State<Arc<Ctx>>, body: Bytes) -> Response {
    let ids: Ids = match serde_json::from_slice(&body) {
        Ok(i) => i,
        Err(e) => return bad(format!("not an export request: {e}")),
    };
    let mut out = String::new();
    for r in ctx.store.records(&ids.ids) {
        out.push_str(&r.to_line());
        out.push('\n');
    }
    let headers = [
        (header::CONTENT_TYPE, "application/x-ndjson"),
        (header::CONTENT_DISPOSITION, "attachment; filename=\"deliveries.ndjson\""),
    ];
    (headers, Body::from(out)).into_response()
}

#[derive(Deserialize)]
struct PinAsk {
    id: u64,
    pinned: bool,
}

async fn pin(State(ctx): State<Arc<Ctx>>, body: Bytes) -> Response {
    match serde_json::from_slice::<PinAsk>(&body) {
        Ok(ask) if ctx.store.pin(ask.id, ask.pinned) => StatusCode::NO_CONTENT.into_response(),
        Ok(_) => bad("that delivery is no longer kept"),
        Err(e) => bad(format!("not a pin request: {e}")),
    }
}

async fn clear(State(ctx): State<Arc<Ctx>>) -> Response {
    ctx.store.clear();
    StatusCode::NO_CONTENT.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_must_match_the_host() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:4000"));
        assert!(!origin_ok(&h), "no Origin: refused");
        h.insert(header::ORIGIN, HeaderValue::from_static("http://evil.example"));
        assert!(!origin_ok(&h));
        h.insert(header::ORIGIN, HeaderValue::from_static("http://127.0.0.1:4000"));
        assert!(origin_ok(&h));
    }

    #[test]
    fn replays_leave_out_connection_headers_and_the_signature() {
        let mut r = crate::record::parse_line(br#"{"body":"{}"}"#).unwrap();
        for (k, v) in [("host", "a"), ("x-signature", "ab"), ("user-agent", "Blue"), ("x-id", "7")]
        {
            r.headers.insert(k.into(), v.into());
        }
        let h = replayed_headers(&r);
        let names: Vec<&str> = h.keys().map(|k| k.as_str()).collect();
        assert_eq!(names, ["user-agent", "x-id"]);
    }
}

//! The delivery receiver: an HTTP/1.1 server that checks each request the way a careful
//! webhook endpoint should, and hands every request it saw to one consumer as a [`Delivery`].
//!
//! It prints nothing: `bluehook listen` and `bluehook demo` decide how deliveries are shown.
//! Per request, in order: path filter (404), method (405), body size (413, never buffering
//! more than the limit), body read time (408), signature over the raw bytes (401), JSON
//! (400), the optional record file (500 if it cannot be written), then the configured status.

use std::convert::Infallible;
use std::fs::File;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use anyhow::Context;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::http::{HeaderMap, HeaderValue, Method, StatusCode, header, request};
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde::Serialize;
use serde::ser::SerializeMap;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

use crate::listen::forward::Forwarder;
use crate::send::delivery::Outcome as Forwarded;
use crate::signature::{self, Signer, VerifyError};

/// How long in-flight requests may take to finish once a shutdown is asked for.
const DRAIN: Duration = Duration::from_secs(5);

/// What the receiver does; [`Config::new`] gives the defaults `bluehook listen` documents.
#[derive(Debug, Clone)]
pub struct Config {
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    /// Only this path is served (404 elsewhere); `None` serves every path.
    pub path: Option<String>,
    /// `None`: deliveries are accepted unverified.
    pub signer: Option<Signer>,
    /// Largest body accepted, in bytes.
    pub max_body: usize,
    /// Status answered to accepted deliveries.
    pub status: StatusCode,
    /// Append every accepted delivery to this file as NDJSON before answering it.
    pub record: Option<PathBuf>,
    /// Time allowed for a request's headers, and separately for its body.
    pub read_timeout: Duration,
    /// Deliveries waiting for the consumer before request handling waits for it.
    pub queue: usize,
    /// Pass accepted deliveries on, and answer with what the app answered.
    pub forward: Option<Forwarder>,
}

impl Config {
    pub fn new(host: impl Into<String>, port: u16) -> Self {
        Config {
            host: host.into(),
            port,
            path: None,
            signer: None,
            max_body: 1 << 20,
            status: StatusCode::OK,
            record: None,
            read_timeout: Duration::from_secs(10),
            queue: 64,
            forward: None,
        }
    }
}

/// What became of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Answered with the configured status.
    Accepted,
    /// 401: the signature is missing, malformed or wrong.
    BadSignature(VerifyError),
    /// 404: not the `--path` being listened on.
    NotFound,
    /// 405: not a POST.
    MethodNotAllowed,
    /// 413: the body is larger than the limit.
    TooLarge,
    /// 408: the body did not arrive in time.
    BodyTimeout,
    /// 400: the client stopped sending before the body was complete.
    Incomplete,
    /// 400: the body is not JSON (or not UTF-8).
    NotJson,
    /// 500: the record file could not be written, so the delivery was not accepted.
    RecordFailed,
}

impl Outcome {
    /// The status answered, given the one configured for accepted deliveries.
    pub fn status(self, accepted: StatusCode) -> StatusCode {
        match self {
            Outcome::Accepted => accepted,
            Outcome::BadSignature(_) => StatusCode::UNAUTHORIZED,
            Outcome::NotFound => StatusCode::NOT_FOUND,
            Outcome::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Outcome::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Outcome::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            Outcome::Incomplete | Outcome::NotJson => StatusCode::BAD_REQUEST,
            Outcome::RecordFailed => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short stable code (`signature-mismatch`, `invalid-json`, ...); `None` when accepted.
    pub fn reason(self) -> Option<&'static str> {
        Some(match self {
            Outcome::Accepted => return None,
            Outcome::BadSignature(e) => e.code(),
            Outcome::NotFound => "path-not-found",
            Outcome::MethodNotAllowed => "method-not-allowed",
            Outcome::TooLarge => "body-too-large",
            Outcome::BodyTimeout => "body-timeout",
            Outcome::Incomplete => "body-incomplete",
            Outcome::NotJson => "invalid-json",
            Outcome::RecordFailed => "record-failed",
        })
    }

    /// A sentence for people; `None` when accepted.
    pub fn describe(self) -> Option<String> {
        Some(match self {
            Outcome::Accepted => return None,
            Outcome::BadSignature(e) => e.to_string(),
            Outcome::NotFound => "not the path being listened on".into(),
            Outcome::MethodNotAllowed => "only POST is accepted".into(),
            Outcome::TooLarge => "body larger than --max-body".into(),
            Outcome::BodyTimeout => "body not received in time".into(),
            Outcome::Incomplete => "connection closed before the body was complete".into(),
            Outcome::NotJson => "body is not JSON".into(),
            Outcome::RecordFailed => "could not write the record file".into(),
        })
    }
}

/// One request as the receiver saw it.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub received_at: SystemTime,
    pub method: Method,
    /// Path and query, as requested.
    pub path: String,
    pub headers: HeaderMap,
    /// `Some(true)` verified, `Some(false)` signature rejected, `None` not checked.
    pub verified: Option<bool>,
    pub outcome: Outcome,
    /// The status answered.
    pub status: u16,
    /// The body's `event` field, when it has one (unknown names included).
    pub event: Option<String>,
    /// The raw body (empty when it was refused before being read).
    pub body: Bytes,
    /// Whether `body` is valid JSON.
    pub json: bool,
    /// What the app answered, when forwarding (`--forward-to`).
    pub forwarded: Option<Forwarded>,
}

impl Delivery {
    /// The body's length, or the announced Content-Length when the body was not read.
    pub fn size(&self) -> u64 {
        if !self.body.is_empty() {
            return self.body.len() as u64;
        }
        content_length(&self.headers).unwrap_or(0)
    }
}

/// Counters kept by the receiver.
#[derive(Debug, Default)]
pub struct Stats {
    received: AtomicU64,
    verified: AtomicU64,
    rejected: AtomicU64,
    invalid: AtomicU64,
}

/// A snapshot of [`Stats`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Accepted deliveries (answered with the configured status).
    pub received: u64,
    /// Of those, the ones whose signature verified.
    pub verified: u64,
    /// Answered 401: missing, malformed or wrong signature.
    pub rejected: u64,
    /// Answered another 4xx/5xx (wrong path or method, too large, too slow, not JSON, ...).
    pub invalid: u64,
}

impl Stats {
    fn count(&self, outcome: Outcome, verified: Option<bool>) {
        let counter = match outcome {
            Outcome::Accepted if verified == Some(true) => {
                self.verified.fetch_add(1, Ordering::Relaxed);
                &self.received
            }
            Outcome::Accepted => &self.received,
            Outcome::BadSignature(_) => &self.rejected,
            _ => &self.invalid,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> Counts {
        Counts {
            received: self.received.load(Ordering::Relaxed),
            verified: self.verified.load(Ordering::Relaxed),
            rejected: self.rejected.load(Ordering::Relaxed),
            invalid: self.invalid.load(Ordering::Relaxed),
        }
    }
}

/// A running receiver. Dropping it without [`Server::shutdown`] stops accepting at once.
pub struct Server {
    addr: SocketAddr,
    path: Option<String>,
    stats: Arc<Stats>,
    stop: watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Server {
    /// The address bound (with the port picked when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL to deliver to.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr, self.path.as_deref().unwrap_or("/"))
    }

    pub fn stats(&self) -> Arc<Stats> {
        self.stats.clone()
    }

    /// Stops accepting connections, lets in-flight requests finish (closing idle keep-alive
    /// connections), and returns once every connection is done. The deliveries channel
    /// closes after the last one has been queued.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Binds and starts serving. Every request, whatever its outcome, arrives on the returned
/// channel, in the order their answers were decided.
pub async fn start(config: Config) -> anyhow::Result<(Server, mpsc::Receiver<Delivery>)> {
    let listener = TcpListener::bind((config.host.as_str(), config.port))
        .await
        .with_context(|| format!("cannot listen on {}:{}", config.host, config.port))?;
    let addr = listener.local_addr()?;
    let record = match &config.record {
        Some(path) => Some(open_record(path)?),
        None => None,
    };
    let (tx, rx) = mpsc::channel(config.queue.max(1));
    let (stop, stopped) = watch::channel(false);
    let stats = Arc::new(Stats::default());
    let path = config.path.clone();
    let state = Arc::new(State { config, record, tx, stats: stats.clone() });
    let task = tokio::spawn(accept_loop(listener, state, stopped));
    Ok((Server { addr, path, stats, stop, task: Some(task) }, rx))
}

/// Opens the record file for appending. A file whose last line is unfinished (edited by
/// hand, cut short by a full disk) gets its newline first, so the next record stays a line
/// of its own.
fn open_record(path: &std::path::Path) -> anyhow::Result<File> {
    use std::io::{Read, Seek, SeekFrom};
    let context = || format!("cannot open the record file {}", path.display());
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(path)
        .with_context(context)?;
    if file.metadata().with_context(context)?.len() > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::End(-1))
            .and_then(|_| file.read_exact(&mut last))
            .with_context(context)?;
        if last[0] != b'\n' {
            file.write_all(b"\n").with_context(context)?;
        }
    }
    Ok(file)
}

struct State {
    config: Config,
    record: Option<File>,
    tx: mpsc::Sender<Delivery>,
    stats: Arc<Stats>,
}

async fn accept_loop(listener: TcpListener, state: Arc<State>, mut stop: watch::Receiver<bool>) {
    let mut conns = JoinSet::new();
    let for_connections = stop.clone();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    conns.spawn(serve_connection(stream, state.clone(), for_connections.clone()));
                }
                // Out of file descriptors and the like: let connections finish, then retry.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
            _ = stopped(&mut stop) => break,
        }
        while conns.try_join_next().is_some() {}
    }
    drop(listener);
    drop(state);
    let drained = tokio::time::timeout(DRAIN, async { while conns.join_next().await.is_some() {} });
    if drained.await.is_err() {
        conns.abort_all();
        while conns.join_next().await.is_some() {}
    }
}

/// Resolves once a shutdown has been asked for (at once if it already was).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

async fn serve_connection(stream: TcpStream, state: Arc<State>, mut stop: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let read_timeout = state.config.read_timeout;
    let service = hyper::service::service_fn(move |req| handle(state.clone(), req));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(read_timeout).keep_alive(true);
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stopped(&mut stop) => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

/// What checking a request found, before it becomes a [`Delivery`].
struct Checked {
    outcome: Outcome,
    verified: Option<bool>,
    body: Bytes,
    event: Option<String>,
    json: bool,
}

impl Checked {
    fn refused(outcome: Outcome) -> Self {
        Checked { outcome, verified: None, body: Bytes::new(), event: None, json: false }
    }
}

async fn handle(
    state: Arc<State>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let received_at = SystemTime::now();
    let (parts, body) = req.into_parts();
    let checked = check(&state, &parts, body, received_at).await;
    state.stats.count(checked.outcome, checked.verified);
    let forwarded = match (&state.config.forward, checked.outcome) {
        (Some(f), Outcome::Accepted) => Some(f.forward(&parts.headers, checked.body.clone()).await),
        _ => None,
    };
    let (status, response) = match &forwarded {
        Some(f) => relay(f),
        None => {
            let status = checked.outcome.status(state.config.status);
            (status, respond(checked.outcome, status))
        }
    };
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str()).to_string();
    let delivery = Delivery {
        received_at,
        method: parts.method,
        path,
        headers: parts.headers,
        verified: checked.verified,
        outcome: checked.outcome,
        status: status.as_u16(),
        event: checked.event,
        body: checked.body,
        json: checked.json,
        forwarded,
    };
    // Waits when the consumer is behind; fails only when it is gone (shutting down).
    let _ = state.tx.send(delivery).await;
    Ok(response)
}

async fn check(
    state: &State,
    parts: &request::Parts,
    body: Incoming,
    received_at: SystemTime,
) -> Checked {
    let config = &state.config;
    if config.path.as_deref().is_some_and(|p| p != parts.uri.path()) {
        return Checked::refused(Outcome::NotFound);
    }
    if parts.method != Method::POST {
        return Checked::refused(Outcome::MethodNotAllowed);
    }
    let body = match read_body(body, &parts.headers, config).await {
        Ok(body) => body,
        Err(outcome) => return Checked::refused(outcome),
    };
    let header = parts.headers.get(signature::HEADER).map(HeaderValue::as_bytes);
    let verified = match &config.signer {
        None => None,
        Some(signer) => match signer.verify(&body, header) {
            Ok(()) => Some(true),
            Err(e) => {
                let outcome = Outcome::BadSignature(e);
                return Checked { verified: Some(false), ..checked_body(outcome, body) };
            }
        },
    };
    let Some(event) = parse_event(&body) else {
        return Checked { verified, ..checked_body(Outcome::NotJson, body) };
    };
    let mut checked = Checked { outcome: Outcome::Accepted, verified, body, event, json: true };
    if let Some(file) = &state.record {
        let line = record_line(parts, &checked, received_at);
        if (&*file).write_all(&line).is_err() {
            checked.outcome = Outcome::RecordFailed;
        }
    }
    checked
}

fn checked_body(outcome: Outcome, body: Bytes) -> Checked {
    let parsed = parse_event(&body);
    let json = parsed.is_some();
    Checked { outcome, verified: None, body, event: parsed.flatten(), json }
}

/// Reads the body whole, refusing it as soon as it is known to exceed the limit.
async fn read_body(body: Incoming, headers: &HeaderMap, config: &Config) -> Result<Bytes, Outcome> {
    if content_length(headers).is_some_and(|n| n > config.max_body as u64) {
        return Err(Outcome::TooLarge);
    }
    let limited = Limited::new(body, config.max_body);
    match tokio::time::timeout(config.read_timeout, limited.collect()).await {
        Err(_) => Err(Outcome::BodyTimeout),
        Ok(Err(e)) if e.is::<LengthLimitError>() => Err(Outcome::TooLarge),
        Ok(Err(_)) => Err(Outcome::Incomplete),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
    }
}

fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

/// `None` when `body` is not JSON; otherwise its `event` field when that is a string.
pub fn parse_event(body: &[u8]) -> Option<Option<String>> {
    #[derive(serde::Deserialize)]
    struct Head {
        event: Option<String>,
    }
    // JSON is UTF-8; serde_json does not check the bytes of strings it skips.
    std::str::from_utf8(body).ok()?;
    match serde_json::from_slice::<Head>(body) {
        Ok(head) => Some(head.event),
        Err(_) => serde_json::from_slice::<serde::de::IgnoredAny>(body).ok().map(|_| None),
    }
}

/// The answer when forwarding: the app's status and the start of its body, or 502 with the
/// reason when the app could not be reached.
fn relay(f: &Forwarded) -> (StatusCode, Response<Full<Bytes>>) {
    let status = f.status.and_then(|s| StatusCode::from_u16(s).ok());
    let (status, text) = match status {
        Some(status) => (status, f.response.clone()),
        None => {
            let why = f.detail.clone().unwrap_or_else(|| "the app did not answer".into());
            (StatusCode::BAD_GATEWAY, format!("forward-failed: {why}\n"))
        }
    };
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = status;
    (status, response)
}

fn respond(outcome: Outcome, status: StatusCode) -> Response<Full<Bytes>> {
    let text = match outcome.describe() {
        Some(text) => format!("{}: {text}\n", outcome.reason().unwrap_or_default()),
        None => String::new(),
    };
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if !matches!(outcome, Outcome::Accepted) {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    }
    match outcome {
        Outcome::MethodNotAllowed => {
            headers.insert(header::ALLOW, HeaderValue::from_static("POST"));
        }
        Outcome::TooLarge | Outcome::BodyTimeout | Outcome::Incomplete => {
            headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        _ => {}
    }
    response
}

/// RFC 3339 UTC with milliseconds: `2025-06-02T09:30:00.123Z`.
pub fn timestamp(t: SystemTime) -> String {
    humantime::format_rfc3339_millis(t).to_string()
}

/// Request headers as a JSON object: lowercase names, repeated headers joined with ", ",
/// bytes that are not UTF-8 replaced.
pub struct HeadersJson<'a>(pub &'a HeaderMap);

impl Serialize for HeadersJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.keys_len()))?;
        for name in self.0.keys() {
            let mut values =
                self.0.get_all(name).iter().map(|v| String::from_utf8_lossy(v.as_bytes()));
            let first = values.next().unwrap_or_default();
            match values.next() {
                None => map.serialize_entry(name.as_str(), &first)?,
                Some(second) => {
                    let mut joined = format!("{first}, {second}");
                    values.for_each(|v| {
                        joined.push_str(", ");
                        joined.push_str(&v);
                    });
                    map.serialize_entry(name.as_str(), &joined)?
                }
            }
        }
        map.end()
    }
}

/// One line of the record file (see the README): the delivery's headers and its exact body,
/// as a JSON string (accepted bodies are always UTF-8 JSON).
#[derive(Serialize)]
struct RecordLine<'a> {
    received_at: String,
    method: &'a str,
    path: &'a str,
    event: Option<&'a str>,
    verified: Option<bool>,
    headers: HeadersJson<'a>,
    body: &'a str,
}

fn record_line(parts: &request::Parts, checked: &Checked, received_at: SystemTime) -> Vec<u8> {
    let line = RecordLine {
        received_at: timestamp(received_at),
        method: parts.method.as_str(),
        path: parts.uri.path_and_query().map_or("/", |p| p.as_str()),
        event: checked.event.as_deref(),
        verified: checked.verified,
        headers: HeadersJson(&parts.headers),
        body: std::str::from_utf8(&checked.body).unwrap_or_default(),
    };
    let mut buf = Vec::with_capacity(checked.body.len() + 512);
    serde_json::to_writer(&mut buf, &line).expect("a record line always serializes");
    buf.push(b'\n');
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_event_tells_json_from_not_json() {
        assert_eq!(
            parse_event(br#"{"event":"TAG_CREATED","x":[1]}"#),
            Some(Some("TAG_CREATED".into()))
        );
        assert_eq!(parse_event(br#"{"event":3}"#), Some(None));
        assert_eq!(parse_event(b"[1, 2]"), Some(None));
        assert_eq!(parse_event(b" {\n\"event\" : \"X\"\n} "), Some(Some("X".into())));
        assert_eq!(parse_event(b"{\"event\":\"A\"} trailing"), None);
        assert_eq!(parse_event(b"hello"), None);
        assert_eq!(parse_event(b""), None);
        assert_eq!(parse_event(b"{\"a\":\"\xff\"}"), None);
    }

    #[test]
    fn outcomes_have_statuses_and_reasons() {
        let ok = StatusCode::ACCEPTED;
        assert_eq!(Outcome::Accepted.status(ok), ok);
        assert_eq!(Outcome::Accepted.reason(), None);
        let bad = Outcome::BadSignature(VerifyError::Mismatch);
        assert_eq!((bad.status(ok).as_u16(), bad.reason()), (401, Some("signature-mismatch")));
        assert_eq!(Outcome::TooLarge.status(ok).as_u16(), 413);
        assert_eq!(Outcome::MethodNotAllowed.status(ok).as_u16(), 405);
        assert_eq!(Outcome::BodyTimeout.status(ok).as_u16(), 408);
        assert_eq!(Outcome::NotJson.reason(), Some("invalid-json"));
    }

    #[test]
    fn repeated_headers_are_joined() {
        let mut h = HeaderMap::new();
        h.append("x-a", HeaderValue::from_static("1"));
        h.append("x-a", HeaderValue::from_static("2"));
        h.append("x-b", HeaderValue::from_bytes(b"\xffz").unwrap());
        let v = serde_json::to_value(HeadersJson(&h)).unwrap();
        assert_eq!(v, serde_json::json!({"x-a": "1, 2", "x-b": "\u{fffd}z"}));
    }

    #[test]
    fn record_lines_read_back_as_the_same_delivery() {
        let body = Bytes::from_static(b"{ \"event\" : \"TAG_CREATED\",\n \"t\": \"caf\xc3\xa9\" }");
        let (parts, ()) = Request::builder()
            .method(Method::POST)
            .uri("/hooks?x=1")
            .header("X-Signature", "ab12")
            .header("x-a", "1")
            .header("x-a", "2")
            .body(())
            .unwrap()
            .into_parts();
        let checked = Checked {
            outcome: Outcome::Accepted,
            verified: Some(true),
            body: body.clone(),
            event: Some("TAG_CREATED".into()),
            json: true,
        };
        let line = record_line(&parts, &checked, SystemTime::UNIX_EPOCH);
        assert_eq!(line.last(), Some(&b'\n'));
        let r = crate::record::parse_line(&line[..line.len() - 1]).unwrap();
        assert_eq!(r.body_bytes(), &body[..]);
        assert_eq!((r.signature(), r.header("x-a")), (Some("ab12"), Some("1, 2")));
        assert_eq!((r.event.as_deref(), r.verified), (Some("TAG_CREATED"), Some(true)));
        assert_eq!(r.path.as_deref(), Some("/hooks?x=1"));
        assert_eq!(r.received_at.as_deref(), Some("1970-01-01T00:00:00.000Z"));
    }

    #[test]
    fn records_are_appended_on_a_line_of_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.ndjson");
        std::fs::write(&path, "{\"body\":\"a\"}").unwrap();
        (&open_record(&path).unwrap()).write_all(b"{\"body\":\"b\"}\n").unwrap();
        (&open_record(&path).unwrap()).write_all(b"{\"body\":\"c\"}\n").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, "{\"body\":\"a\"}\n{\"body\":\"b\"}\n{\"body\":\"c\"}\n");
        let fresh = dir.path().join("new.ndjson");
        open_record(&fresh).unwrap();
        assert_eq!(std::fs::read(&fresh).unwrap(), b"");
    }
}

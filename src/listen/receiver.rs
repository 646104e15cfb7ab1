//! The delivery receiver: an HTTP/1.1 server that checks each request the way a careful
//! webhook endpoint should, and publishes every request it saw as a [`Delivery`] on a
//! [`Fanout`], which never makes the answer wait for a consumer.
//!
//! It prints nothing: `bluehook listen` and `bluehook demo` decide how deliveries are shown.
//! The checks themselves are in [`crate::listen::check`]; here is what needs I/O: at most
//! `max_connections` connections (503 past it), bodies read within the read timeout and the
//! memory budget (503 past it), the optional record file (500 if it cannot be written),
//! forwarding, requests the HTTP parser refused, and a shutdown that answers every request.

use std::convert::Infallible;
use std::fs::File;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context as TaskContext, Poll};
use std::time::{Duration, SystemTime};

use anyhow::Context;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::http::{HeaderMap, HeaderValue, Method, StatusCode, header, request};
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde::Serialize;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch};
use tokio::task::JoinSet;
use tokio_util::task::TaskTracker;

use crate::listen::budget::{self, Budget, Hold, Trimmer};
use crate::listen::check::{self, Rules, Verdict, content_length};
use crate::listen::check::{Outcome, Unparsable};
use crate::listen::delivery::Delivery;
use crate::listen::exec::Exec;
use crate::listen::fanout::Fanout;
use crate::listen::filter::{Decision, Filter};
use crate::listen::forward::Routing;
use crate::listen::headers::HeadersJson;
use crate::listen::message::Queued;
use crate::listen::queue::NewEntry;
use crate::listen::watchdog::{HEADER as PROBE_HEADER, Probes};
use crate::send::delivery::Outcome as Forwarded;
use crate::signature::Signer;

/// How long in-flight requests may take to finish once a shutdown is asked for; after that
/// they are answered 503 (and shown so).
pub const DRAIN: Duration = Duration::from_secs(5);

/// Blue waits 7 s for an answer; the listener answers within this time of a request's
/// arrival, `--exec` and `--forward-to` included, leaving a second for the network and a
/// tunnel. A command still running then is killed; a forward gets what the command left.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(6);

/// Time a `--filter` has per delivery; a run still going then fails the delivery
/// (`filter-failed`).
pub const FILTER_WITHIN: Duration = Duration::from_secs(1);

/// Filter runs still going (past their time) at which deliveries fail without a new run.
const MAX_FILTER_RUNS: usize = 32;

/// Time given, after [`DRAIN`], for the 503s to be written before connections are dropped.
const LAST_WORDS: Duration = Duration::from_secs(1);

/// Largest request head (request line and headers) read; larger gets 431.
const MAX_HEAD: usize = 64 * 1024;

/// `Retry-After` sent with every 503, in seconds.
const RETRY_AFTER: &str = "1";

/// How often closed connections are looked for, to give their memory back.
const TRIM_EVERY: Duration = Duration::from_secs(1);

/// Bytes of a request line kept to show a request the HTTP parser refused.
const SNIFF: usize = 512;

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
    /// Pass accepted deliveries on by their routes, and answer with what the app answered
    /// (or, with a queue, as soon as the delivery is in it).
    pub forward: Option<Arc<Routing>>,
    /// `--filter`: deliveries whose body does not match are answered 200 and counted as
    /// filtered, but neither recorded, forwarded nor published.
    pub filter: Option<Arc<Filter>>,
    /// `--exec`: run a command per accepted delivery, before forwarding it.
    pub exec: Option<Arc<Exec>>,
    /// `--exec-ack`: answer as usual when the command fails (otherwise 500, so Blue retries).
    pub exec_ack: bool,
    /// The tunnel watchdog's probes: answered 204, neither counted nor published.
    pub probes: Option<Arc<Probes>>,
    /// Bytes all bodies being read may hold together (503 past it).
    pub memory_budget: usize,
    /// Connections open at once (503 past it).
    pub max_connections: usize,
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
            forward: None,
            filter: None,
            exec: None,
            exec_ack: false,
            probes: None,
            memory_budget: 128 << 20,
            max_connections: 512,
        }
    }
}

/// Counters kept by the receiver.
#[derive(Debug, Default)]
pub struct Stats {
    received: AtomicU64,
    verified: AtomicU64,
    rejected: AtomicU64,
    invalid: AtomicU64,
    filtered: AtomicU64,
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
    /// Answered 200 but left out by `--filter`.
    pub filtered: u64,
}

impl Stats {
    fn count(&self, outcome: Outcome, verified: Option<bool>) {
        let counter = match outcome {
            Outcome::Accepted if verified == Some(true) => {
                self.verified.fetch_add(1, Ordering::Relaxed);
                &self.received
            }
            Outcome::Accepted => &self.received,
            o if o.is_rejected() => &self.rejected,
            Outcome::Filtered => &self.filtered,
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
            filtered: self.filtered.load(Ordering::Relaxed),
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
        local_url(self.addr, self.path.as_deref())
    }

    pub fn stats(&self) -> Arc<Stats> {
        self.stats.clone()
    }

    /// Stops accepting connections, lets in-flight requests finish (closing idle keep-alive
    /// connections), and returns once every connection is done. The fan-out is closed after
    /// the last delivery has been published.
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

/// Binds and starts serving. Every request, whatever its outcome, is published on `fanout`
/// (subscribe before starting to miss none), in the order their answers were decided.
pub async fn start(config: Config, fanout: Arc<Fanout>) -> anyhow::Result<Server> {
    let bound = bind(&config.host, config.port).await?;
    serve(bound, config, fanout)
}

/// A bound port not served yet: connections wait in the backlog until [`serve`] (so a
/// tunnel can be opened, or a webhook registered, before the secret is known).
pub struct Bound(TcpListener);

impl Bound {
    pub fn addr(&self) -> std::io::Result<SocketAddr> {
        self.0.local_addr()
    }
}

/// The URL to deliver to a receiver on `addr` serving `path` (`None`: every path).
pub fn local_url(addr: SocketAddr, path: Option<&str>) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const PATH: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<');
    const MORE: &AsciiSet = &PATH.add(b'>').add(b'?').add(b'`').add(b'{').add(b'}');
    let path = utf8_percent_encode(path.unwrap_or("/"), MORE);
    format!("http://{addr}{path}")
}

/// Binds `host:port` (0 picks a free port).
pub async fn bind(host: &str, port: u16) -> anyhow::Result<Bound> {
    let listener = TcpListener::bind((host, port))
        .await
        .with_context(|| format!("cannot listen on {host}:{port}"))?;
    Ok(Bound(listener))
}

/// Starts serving on a bound port; `config.host` and `config.port` are not used.
pub fn serve(bound: Bound, config: Config, fanout: Arc<Fanout>) -> anyhow::Result<Server> {
    let listener = bound.0;
    let addr = listener.local_addr()?;
    let record = match &config.record {
        Some(path) => Some(Mutex::new(open_record(path)?)),
        None => None,
    };
    let (stop, stopped) = watch::channel(false);
    let (cut_tx, cut) = watch::channel(false);
    let stats = Arc::new(Stats::default());
    let path = config.path.clone();
    let budget = Budget::new(config.memory_budget);
    let finishing = TaskTracker::new();
    let state = Arc::new(State {
        config,
        record,
        fanout,
        stats: stats.clone(),
        budget,
        cut,
        finishing,
        filtering: Arc::default(),
    });
    let task = tokio::spawn(accept_loop(listener, state, stopped, cut_tx));
    Ok(Server { addr, path, stats, stop, task: Some(task) })
}

/// The record file, written by one listener: whole lines only.
struct Recorder {
    file: File,
    /// Where the last whole record ends.
    len: u64,
    /// A failed append could not be cut back: end the partial line before the next record.
    unfinished: bool,
}

impl Recorder {
    /// Appends one line. When that fails part way (a full disk, a file size limit), the file
    /// is cut back to the end of the last whole record, so a half line is never left for the
    /// next record to be glued to.
    fn append(&mut self, line: &[u8]) -> std::io::Result<()> {
        if self.unfinished {
            (&self.file).write_all(b"\n")?;
            self.len = self.file.metadata()?.len();
            self.unfinished = false;
        }
        match (&self.file).write_all(line) {
            Ok(()) => {
                self.len += line.len() as u64;
                Ok(())
            }
            Err(e) => {
                self.unfinished = self.file.set_len(self.len).is_err();
                Err(e)
            }
        }
    }
}

/// Opens the record file for appending. A file whose last line is unfinished (edited by
/// hand, cut short by a crash) gets its newline first, so the next record stays a line of
/// its own.
fn open_record(path: &std::path::Path) -> anyhow::Result<Recorder> {
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
    let len = file.metadata().with_context(context)?.len();
    Ok(Recorder { file, len, unfinished: false })
}

struct State {
    config: Config,
    /// Locked for one append at a time, so records never interleave.
    record: Option<Mutex<Recorder>>,
    fanout: Arc<Fanout>,
    stats: Arc<Stats>,
    budget: Arc<Budget>,
    /// Becomes true once the drain time is over: requests still in flight are answered 503.
    cut: watch::Receiver<bool>,
    /// The deliveries being finished (command, forward, answer, line), apart from their
    /// connections.
    finishing: TaskTracker,
    /// `--filter` runs going on now.
    filtering: Arc<AtomicUsize>,
}

impl State {
    fn rules(&self) -> Rules<'_> {
        Rules {
            path: self.config.path.as_deref(),
            signer: self.config.signer.as_ref(),
            max_body: self.config.max_body,
            loop_token: self.config.forward.as_ref().map(|r| r.token()),
        }
    }

    /// Counts a request and publishes it, together: every request counted reaches every
    /// consumer (an output that cannot keep up counts the lines it drops). Never waits.
    /// A delivery left out by `--filter` is counted, never published.
    fn report(&self, d: Delivery) {
        self.stats.count(d.outcome, d.verified);
        if d.outcome != Outcome::Filtered {
            self.fanout.publish(d);
        }
    }
}

async fn accept_loop(
    listener: TcpListener,
    state: Arc<State>,
    mut stop: watch::Receiver<bool>,
    cut: watch::Sender<bool>,
) {
    let mut conns = JoinSet::new();
    let for_connections = stop.clone();
    let mut trimmer = Trimmer::default();
    let mut tick = tokio::time::interval(TRIM_EVERY);
    loop {
        tokio::select! {
            _ = tick.tick() => {
                while conns.try_join_next().is_some() {}
                if trimmer.should_trim(conns.len()) {
                    budget::give_back_freed_memory();
                }
            }
            accepted = listener.accept() => {
                // Connections that ended since the last accept no longer count.
                while conns.try_join_next().is_some() {}
                match accepted {
                    Ok((stream, _)) if conns.len() >= state.config.max_connections => {
                        tokio::spawn(turn_away(stream));
                    }
                    Ok((stream, _)) => {
                        let state = state.clone();
                        conns.spawn(serve_connection(stream, state, for_connections.clone()));
                    }
                    // Out of file descriptors and the like: let connections finish, retry.
                    Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
                }
            }
            _ = stopped(&mut stop) => break,
        }
    }
    drop(listener);
    drain(conns, &state.finishing, cut).await;
    // Every request that was counted has been published by now (or its connection aborted
    // before either): the consumers get all of it, then the end.
    state.fanout.close();
}

/// Lets in-flight requests finish for [`DRAIN`]; then has the rest answered 503, and drops
/// the connections still open after [`LAST_WORDS`]. Deliveries whose sender hung up are
/// waited for all the same: each ends within its answer budget (its command is killed then,
/// and its forward was cut with the rest).
async fn drain(mut conns: JoinSet<()>, finishing: &TaskTracker, cut: watch::Sender<bool>) {
    finishing.close();
    let all = async |conns: &mut JoinSet<()>| {
        join_all(conns).await;
        finishing.wait().await;
    };
    if tokio::time::timeout(DRAIN, all(&mut conns)).await.is_ok() {
        return;
    }
    let _ = cut.send(true);
    if tokio::time::timeout(LAST_WORDS, all(&mut conns)).await.is_err() {
        conns.abort_all();
        join_all(&mut conns).await;
    }
    finishing.wait().await;
}

async fn join_all(conns: &mut JoinSet<()>) {
    while conns.join_next().await.is_some() {}
}

/// Resolves once a shutdown has been asked for (at once if it already was).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// Past the connection cap: 503 with `Retry-After`, and the connection closed unread.
async fn turn_away(mut stream: TcpStream) {
    let text = "too-many-connections: more connections than --max-connections\n";
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: {RETRY_AFTER}\r\nConnection: close\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n\r\n{text}",
        text.len()
    );
    let quick = Duration::from_millis(200);
    if tokio::time::timeout(quick, stream.write_all(answer.as_bytes())).await.is_err() {
        return;
    }
    let _ = stream.shutdown().await;
    // Read a little of what was sent, so closing does not reset the answer away.
    let mut sink = [0u8; 4096];
    let discard = async {
        use tokio::io::AsyncReadExt;
        while let Ok(1..) = stream.read(&mut sink).await {}
    };
    let _ = tokio::time::timeout(quick, discard).await;
}

async fn serve_connection(stream: TcpStream, state: Arc<State>, mut stop: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let read_timeout = state.config.read_timeout;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let io = Sniff { inner: stream, seen: seen.clone() };
    let service = {
        let (state, seen) = (state.clone(), seen.clone());
        hyper::service::service_fn(move |req| Box::pin(handle(state.clone(), seen.clone(), req)))
    };
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(read_timeout).keep_alive(true);
    builder.max_buf_size(MAX_HEAD);
    let mut conn = builder.serve_connection(TokioIo::new(io), service);
    // Run without hyper's own shutdown: the connection is closed only after the request's
    // line is published, so a sender that saw the answer (and the close) never sees its
    // line come after that of a request it sent next.
    let mut stopping = false;
    let result = loop {
        let served = std::future::poll_fn(|cx| conn.poll_without_shutdown(cx));
        tokio::select! {
            r = served => break r,
            _ = stopped(&mut stop), if !stopping => stopping = true,
        }
        Pin::new(&mut conn).graceful_shutdown();
    };
    // hyper answered it (400, 431, 414) without calling `handle`: show it all the same.
    if let Some(kind) = result.err().as_ref().and_then(unparsable) {
        let head = std::mem::take(&mut *lock(&seen));
        state.report(refused_by_parser(kind, &head, state.config.status));
    }
    let _ = conn.into_parts().io.into_inner().inner.shutdown().await;
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Which refusal hyper's parser answered, if the error is one.
fn unparsable(e: &hyper::Error) -> Option<Unparsable> {
    if !e.is_parse() {
        return None;
    }
    Some(match e.is_parse_too_large() {
        true if e.to_string().contains("URI") => Unparsable::UriTooLong,
        true => Unparsable::HeadersTooLarge,
        false => Unparsable::BadRequest,
    })
}

/// The line for a request the parser refused: method and path from its first bytes, when
/// they can be read; nothing else is known.
fn refused_by_parser(kind: Unparsable, head: &[u8], accepted: StatusCode) -> Delivery {
    let line = head.split(|b| *b == b'\r' || *b == b'\n').next().unwrap_or_default();
    let mut words = line.split(|b| *b == b' ');
    let method = words.next().and_then(|m| Method::from_bytes(m).ok());
    let mut path = String::from_utf8_lossy(words.next().unwrap_or(b"-")).into_owned();
    if line.len() == head.len() && head.len() >= SNIFF {
        path.push('…');
    }
    let outcome = Outcome::Unparsable(kind);
    Delivery {
        received_at: SystemTime::now(),
        method: method.unwrap_or_else(|| Method::from_bytes(b"-").expect("a token")),
        path,
        headers: HeaderMap::new(),
        verified: None,
        outcome,
        status: outcome.status(accepted).as_u16(),
        event: None,
        body: Bytes::new(),
        json: false,
        forwarded: None,
        queued: None,
        unrouted: false,
        exec: None,
    }
}

/// A connection that keeps the first [`SNIFF`] bytes of each request, to show requests the
/// HTTP parser refuses (`handle` empties `seen` when it is done with a request).
struct Sniff {
    inner: TcpStream,
    seen: Arc<Mutex<Vec<u8>>>,
}

impl AsyncRead for Sniff {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let me = self.get_mut();
        let before = buf.filled().len();
        let poll = Pin::new(&mut me.inner).poll_read(cx, buf);
        let new = &buf.filled()[before..];
        if !new.is_empty() {
            let mut seen = lock(&me.seen);
            let room = SNIFF.saturating_sub(seen.len());
            seen.extend_from_slice(&new[..new.len().min(room)]);
        }
        poll
    }
}

impl AsyncWrite for Sniff {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// What checking a request found: the verdict, the body, and the body's share of the budget
/// (held until the request is done).
struct Checked {
    verdict: Verdict,
    body: Bytes,
    _hold: Option<Hold>,
}

impl Checked {
    fn refused(outcome: Outcome) -> Self {
        Checked { verdict: Verdict::refused(outcome), body: Bytes::new(), _hold: None }
    }
}

async fn handle(
    state: Arc<State>,
    seen: Arc<Mutex<Vec<u8>>>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let received_at = SystemTime::now();
    let answer_by = tokio::time::Instant::now() + ANSWER_WITHIN;
    if let Some(probes) = &state.config.probes
        && probes.take(req.headers().get(PROBE_HEADER).map(HeaderValue::as_bytes))
    {
        let mut response = Response::new(Full::new(Bytes::new()));
        *response.status_mut() = StatusCode::NO_CONTENT;
        return Ok(response);
    }
    let (parts, body) = req.into_parts();
    let mut cut = state.cut.clone();
    let checked = tokio::select! {
        checked = check(&state, &parts, body) => checked,
        _ = stopped(&mut cut) => Checked::refused(Outcome::ShuttingDown),
    };
    // From here on the delivery is finished by a task of its own, which the drain waits for:
    // a sender that hangs up drops this future, never the delivery's command, forward, line
    // or count.
    let (answer, answered) = oneshot::channel();
    let job = Job { parts, checked, received_at, answer_by };
    state.finishing.spawn(finish(state.clone(), job, answer));
    let response = answered.await.unwrap_or_else(|_| {
        respond(Outcome::ShuttingDown, Outcome::ShuttingDown.status(state.config.status))
    });
    lock(&seen).clear();
    Ok(response)
}

/// A checked request, handed to [`finish`].
struct Job {
    parts: request::Parts,
    checked: Checked,
    received_at: SystemTime,
    /// When the answer must be on its way: [`ANSWER_WITHIN`] after the request arrived.
    answer_by: tokio::time::Instant,
}

type Answer = oneshot::Sender<Response<Full<Bytes>>>;

/// Runs `--exec` and the forward, answers, and publishes the delivery. Without `--exec-ack`
/// the command decides the answer, so the forward waits for it and the line is published
/// before the answer is sent; with it, the answer (the app's, or the configured status) goes
/// as soon as it is known, and the line follows when the command ends.
async fn finish(state: Arc<State>, job: Job, answer: Answer) {
    let Job { parts, checked, received_at, answer_by } = job;
    let Checked { verdict, body, _hold } = checked;
    let mut outcome = select_and_record(&state, &parts, &verdict, &body, received_at).await;
    let (event, verified, headers) = (verdict.event.as_deref(), verdict.verified, &parts.headers);
    let onward = Onward { headers, body: &body, event, verified, received_at, answer_by };
    let (exec, passed, pending) = exec_and_forward(&state, &onward, &mut outcome, answer).await;
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str()).to_string();
    let Verdict { verified, event, json, .. } = verdict;
    state.report(Delivery {
        received_at,
        method: parts.method,
        path,
        headers: parts.headers,
        verified,
        outcome,
        status: passed.status.as_u16(),
        event,
        body,
        json,
        forwarded: passed.forwarded,
        exec,
        queued: passed.queued,
        unrouted: passed.unrouted,
    });
    if let Some((answer, response)) = pending {
        let _ = answer.send(response);
    }
}

/// `--exec`, then the forward. Without `--exec-ack` the command decides the answer, so the
/// forward waits for it and the answer is handed back to be sent once the line is published;
/// with it, the answer goes as soon as it is known.
async fn exec_and_forward(
    state: &State,
    onward: &Onward<'_>,
    outcome: &mut Outcome,
    answer: Answer,
) -> (Option<crate::listen::exec::Ran>, Passed, Option<Pending>) {
    let exec = state.config.exec.as_ref().filter(|_| *outcome == Outcome::Accepted);
    let Onward { headers, body, event, verified, answer_by, .. } = *onward;
    let run = async {
        match exec {
            Some(e) => Some(e.run(body, event, verified, headers, answer_by).await),
            None => None,
        }
    };
    if state.config.exec_ack {
        let reply = async {
            let mut passed = forward(state, onward, outcome).await;
            let _ = answer.send(std::mem::take(&mut passed.response));
            passed
        };
        let (ran, passed) = tokio::join!(run, reply);
        return (ran, passed, None);
    }
    let ran = run.await;
    if ran.as_ref().is_some_and(|r| !r.ok()) {
        *outcome = Outcome::ExecFailed;
    }
    let mut passed = forward(state, onward, outcome).await;
    let response = std::mem::take(&mut passed.response);
    (ran, passed, Some((answer, response)))
}

/// An answer to send once the delivery's line is published.
type Pending = (Answer, Response<Full<Bytes>>);

/// What an accepted delivery is forwarded with.
#[derive(Clone, Copy)]
struct Onward<'a> {
    headers: &'a HeaderMap,
    body: &'a Bytes,
    event: Option<&'a str>,
    verified: Option<bool>,
    received_at: SystemTime,
    answer_by: tokio::time::Instant,
}

/// What became of a delivery's forwarding, and the answer it makes.
#[derive(Default)]
struct Passed {
    forwarded: Option<Forwarded>,
    queued: Option<Queued>,
    unrouted: bool,
    status: StatusCode,
    response: Response<Full<Bytes>>,
}

impl Passed {
    /// The answer `outcome` calls for, nothing forwarded.
    fn answer(state: &State, outcome: Outcome) -> Passed {
        let status = outcome.status(state.config.status);
        Passed { status, response: respond(outcome, status), ..Default::default() }
    }
}

/// Forwards an accepted delivery by its route: into the queue (answered once it is on disk),
/// or to the app within what is left of the answer budget (answered with the app's answer,
/// see [`relay`]). Anything else gets the answer `outcome` calls for.
async fn forward(state: &State, onward: &Onward<'_>, outcome: &mut Outcome) -> Passed {
    let routing = match (&state.config.forward, *outcome) {
        (Some(routing), Outcome::Accepted) => routing,
        _ => return Passed::answer(state, *outcome),
    };
    let Some(forwarder) = routing.pick(onward.event) else {
        return Passed { unrouted: true, ..Passed::answer(state, *outcome) };
    };
    if let Some(queue) = &routing.queue {
        let entry = NewEntry {
            target: forwarder.url().to_string(),
            event: onward.event.map(String::from),
            received_at: timestamp(onward.received_at),
            headers: onward.headers.clone(),
            body: onward.body.clone(),
        };
        let Ok(id) = queue.add(entry).await else {
            *outcome = Outcome::QueueFailed;
            return Passed::answer(state, *outcome);
        };
        let queued = Some(Queued { id, waiting: queue.waiting() });
        return Passed { queued, ..Passed::answer(state, *outcome) };
    }
    let mut cut = state.cut.clone();
    let left = onward.answer_by.saturating_duration_since(tokio::time::Instant::now());
    tokio::select! {
        f = forwarder.forward(onward.headers, onward.body.clone(), left) => {
            let (status, response) = relay(&f);
            Passed { forwarded: Some(f), status, response, ..Default::default() }
        }
        _ = stopped(&mut cut) => {
            *outcome = Outcome::ShuttingDown;
            Passed::answer(state, *outcome)
        }
    }
}

async fn check(state: &State, parts: &request::Parts, body: Incoming) -> Checked {
    let rules = state.rules();
    let (method, headers) = (&parts.method, &parts.headers);
    if let Err(outcome) = check::before_body(&rules, method, parts.uri.path(), headers) {
        return Checked::refused(outcome);
    }
    let (body, hold) = match read_body(body, headers, state).await {
        Ok(read) => read,
        Err(outcome) => return Checked::refused(outcome),
    };
    let verdict = check::after_body(&rules, headers, &body);
    Checked { verdict, body, _hold: Some(hold) }
}

/// For a verified delivery: `--filter` (within [`FILTER_WITHIN`], on a thread of its own),
/// then the record file. Returns the outcome they leave.
async fn select_and_record(
    state: &State,
    parts: &request::Parts,
    verdict: &Verdict,
    body: &Bytes,
    received_at: SystemTime,
) -> Outcome {
    if verdict.outcome != Outcome::Accepted {
        return verdict.outcome;
    }
    if let Some(filter) = &state.config.filter {
        match run_filter(filter, body, &state.filtering).await {
            Decision::Keep => {}
            Decision::Drop => return Outcome::Filtered,
            Decision::Failed(_) => return Outcome::FilterFailed,
        }
    }
    if let Some(recorder) = &state.record {
        let line = record_line(parts, verdict, body, received_at);
        if lock(recorder).append(&line).is_err() {
            return Outcome::RecordFailed;
        }
    }
    Outcome::Accepted
}

/// Runs the filter on a blocking thread, so a filter that loops holds no worker: past
/// [`FILTER_WITHIN`] the delivery fails and the run is left to end on its own; while
/// [`MAX_FILTER_RUNS`] runs are still going, a delivery fails at once.
async fn run_filter(filter: &Arc<Filter>, body: &Bytes, running: &Arc<AtomicUsize>) -> Decision {
    if running.fetch_add(1, Ordering::AcqRel) >= MAX_FILTER_RUNS {
        running.fetch_sub(1, Ordering::AcqRel);
        return Decision::Failed("earlier runs of --filter are still going".into());
    }
    let (filter, body, done) = (filter.clone(), body.clone(), running.clone());
    let run = tokio::task::spawn_blocking(move || {
        let decision = filter.decide(&body);
        done.fetch_sub(1, Ordering::AcqRel);
        decision
    });
    match tokio::time::timeout(FILTER_WITHIN, run).await {
        Ok(Ok(decision)) => decision,
        Ok(Err(_)) => Decision::Failed("the filter stopped abnormally".into()),
        Err(_) => Decision::Failed(format!("ran past {}s", FILTER_WITHIN.as_secs())),
    }
}

/// Reads the body whole within the read timeout, taking its bytes from the memory budget;
/// refuses it as soon as it is known to exceed the limit, or when the budget has no room.
async fn read_body(
    body: Incoming,
    headers: &HeaderMap,
    state: &State,
) -> Result<(Bytes, Hold), Outcome> {
    let hold = state.budget.hold();
    let read = tokio::select! {
        biased;
        _ = hold.evicted() => Err(Outcome::OverBudget),
        _ = tokio::time::sleep(state.config.read_timeout) => Err(Outcome::BodyTimeout),
        read = collect(body, headers, &hold, state.config.max_body) => read,
    };
    read.map(|body| (body, hold))
}

/// The body's bytes in one buffer, sized to the announced length when there is one; every
/// byte of the buffer's capacity is taken from the budget before it is allocated.
async fn collect(
    mut body: Incoming,
    headers: &HeaderMap,
    hold: &Hold,
    max: usize,
) -> Result<Bytes, Outcome> {
    let mut buf = Vec::new();
    if let Some(n) = content_length(headers).and_then(|n| usize::try_from(n).ok()) {
        hold.grow(n).map_err(|_| Outcome::OverBudget)?;
        buf.reserve_exact(n);
    }
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| Outcome::Incomplete)?;
        let Ok(data) = frame.into_data() else { continue };
        let need = buf.len() + data.len();
        if need > max {
            return Err(Outcome::TooLarge);
        }
        if need > buf.capacity() {
            let capacity = (buf.capacity() * 2).clamp(need, max);
            hold.grow(capacity - buf.capacity()).map_err(|_| Outcome::OverBudget)?;
            buf.reserve_exact(capacity - buf.len());
        } else {
            hold.touch();
        }
        buf.extend_from_slice(&data);
    }
    Ok(Bytes::from(buf))
}

/// The answer when forwarding: the app's status and the start of its body, or 502 with the
/// reason when the app could not be reached or its answer was cut short.
fn relay(f: &Forwarded) -> (StatusCode, Response<Full<Bytes>>) {
    use crate::send::delivery::FailureKind;
    let answered = matches!(f.failure, None | Some(FailureKind::Status | FailureKind::Redirect));
    let status = f.status.filter(|_| answered).and_then(|s| StatusCode::from_u16(s).ok());
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
    if outcome.retry_later() {
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER));
    }
    match outcome {
        Outcome::MethodNotAllowed => {
            headers.insert(header::ALLOW, HeaderValue::from_static("POST"));
        }
        Outcome::TooLarge
        | Outcome::BodyTimeout
        | Outcome::Incomplete
        | Outcome::OverBudget
        | Outcome::ShuttingDown => {
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

fn record_line(
    parts: &request::Parts,
    verdict: &Verdict,
    body: &[u8],
    received_at: SystemTime,
) -> Vec<u8> {
    let line = RecordLine {
        received_at: timestamp(received_at),
        method: parts.method.as_str(),
        path: parts.uri.path_and_query().map_or("/", |p| p.as_str()),
        event: verdict.event.as_deref(),
        verified: verdict.verified,
        headers: HeadersJson(&parts.headers),
        body: std::str::from_utf8(body).unwrap_or_default(),
    };
    let mut buf = Vec::with_capacity(body.len() + 512);
    serde_json::to_writer(&mut buf, &line).expect("a record line always serializes");
    buf.push(b'\n');
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let verdict = Verdict {
            outcome: Outcome::Accepted,
            verified: Some(true),
            event: Some("TAG_CREATED".into()),
            json: true,
        };
        let line = record_line(&parts, &verdict, &body, SystemTime::UNIX_EPOCH);
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
        open_record(&path).unwrap().append(b"{\"body\":\"b\"}\n").unwrap();
        open_record(&path).unwrap().append(b"{\"body\":\"c\"}\n").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, "{\"body\":\"a\"}\n{\"body\":\"b\"}\n{\"body\":\"c\"}\n");
        let fresh = dir.path().join("new.ndjson");
        open_record(&fresh).unwrap();
        assert_eq!(std::fs::read(&fresh).unwrap(), b"");
    }
}

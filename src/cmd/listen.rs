//! `bluehook listen`: receive deliveries locally, verify them, show them, gate CI on them.

use std::io::{self, BufWriter, Write};
use std::time::Duration;

use hyper::StatusCode;
use tokio::sync::{mpsc, oneshot};

use crate::cli::{GlobalArgs, ListenArgs};
use crate::error::{Exit, Failure};
use crate::listen::forward::Forwarder;
use crate::listen::receiver::{self, Counts, Delivery, Outcome, Server};
use crate::listen::render::{self, Human};
use crate::signature::Signer;
use crate::{config, events, term::output};

pub async fn run(args: ListenArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let secret = config::resolve_secret(&args.secret, global)?;
    let gate = Gate::new(&args.expect, args.count)?;
    if secret.is_none() {
        output::warn(
            "no secret (--secret or BLUEHOOK_SECRET): deliveries are accepted without \
             checking X-Signature and shown as unverified",
        );
    }
    let interrupts = Interrupts::new()?;
    let forwarder = args.forward_to.as_deref().map(Forwarder::new).transpose()?;
    let config = receiver_config(&args, secret.as_deref(), forwarder);
    let (server, deliveries) = receiver::start(config).await.map_err(|e| bind_failure(e, &args))?;
    refuse_forwarding_to_itself(&server, &args).await?;
    announce(&server, &args, secret.is_some())?;
    let (news_tx, news_rx) = oneshot::channel();
    let format = Format { json: args.json, human: human(&args) };
    let consumer = std::thread::spawn(move || consume(deliveries, format, gate, news_tx));
    let end = wait_for_end(news_rx, args.timeout, interrupts).await;
    let stats = server.stats();
    server.shutdown().await;
    let gate = consumer.join().map_err(|_| anyhow::anyhow!("the output thread failed"))?;
    finish(end, &stats.snapshot(), &gate, &args)
}

fn receiver_config(
    args: &ListenArgs,
    secret: Option<&str>,
    forwarder: Option<Forwarder>,
) -> receiver::Config {
    let mut config = receiver::Config::new(args.host.clone(), args.port);
    config.path = args.path.clone();
    config.signer = secret.map(|s| Signer::new(s.as_bytes()));
    config.max_body = args.max_body;
    config.status = StatusCode::from_u16(args.status).unwrap_or(StatusCode::OK);
    config.record = args.record.clone();
    config.read_timeout = args.read_timeout;
    config.forward = forwarder;
    config.memory_budget = args.memory_budget;
    config.max_connections = args.max_connections as usize;
    config
}

fn bind_failure(err: anyhow::Error, args: &ListenArgs) -> anyhow::Error {
    let message = format!("{err:#}");
    let mut failure = Failure::new(Exit::Failure, message);
    let kind = err.downcast_ref::<io::Error>().map(io::Error::kind);
    if let Some(hint) = kind.and_then(|k| bind_hint(k, args.port)) {
        failure = failure.with_hint(hint);
    }
    failure.into()
}

/// What to do about a failed bind, by its cause.
fn bind_hint(kind: io::ErrorKind, port: u16) -> Option<String> {
    Some(match kind {
        io::ErrorKind::PermissionDenied => format!(
            "permission denied: ports below 1024 need privileges; use a port above 1023, \
             or `--port 0` for a free one (port {port} was asked for)"
        ),
        io::ErrorKind::AddrInUse => {
            format!("something else is using port {port}; `--port 0` picks a free one")
        }
        io::ErrorKind::AddrNotAvailable => {
            "that address is not one of this machine's; try --host 127.0.0.1 or 0.0.0.0".into()
        }
        _ => return None,
    })
}

/// `--forward-to` this very listener would send every delivery round without end.
async fn refuse_forwarding_to_itself(server: &Server, args: &ListenArgs) -> anyhow::Result<()> {
    let Some(url) = &args.forward_to else { return Ok(()) };
    let forwarder = Forwarder::new(url)?;
    if forwarder.targets(server.addr()).await {
        let message = format!("--forward-to {url} is this listener itself ({})", server.url());
        let hint = "forward to your app's address, not bluehook's";
        return Err(Failure::usage(message).with_hint(hint).into());
    }
    Ok(())
}

fn human(args: &ListenArgs) -> Human {
    Human { compact: args.compact, color: output::stdout_has_color() }
}

/// The ready line: on stderr for people, and first on stdout with `--json`.
fn announce(server: &Server, args: &ListenArgs, verifying: bool) -> anyhow::Result<()> {
    let url = server.url();
    if args.json {
        let mut out = io::stdout().lock();
        render::ready_json(&mut out, &url, server.addr().port())?;
        out.flush()?;
    }
    let mut what = vec![if verifying { "verifying X-Signature" } else { "not verifying" }];
    let (record, forward);
    if let Some(path) = &args.record {
        record = format!("recording to {}", path.display());
        what.push(&record);
    }
    if let Some(url) = &args.forward_to {
        forward = format!("forwarding to {url}");
        what.push(&forward);
    }
    let bold = output::BOLD;
    output::note(format!(
        "bluehook: listening on {bold}{url}{bold:#} ({}); Ctrl-C to stop",
        what.join(", ")
    ));
    Ok(())
}

/// What the output thread tells the command.
enum News {
    /// Every expectation is met (and its delivery printed).
    Met,
    /// Stdout failed (a closed pipe, a full disk).
    OutputFailed(io::Error),
}

/// Why the listener stopped.
enum End {
    Met,
    TimedOut(Duration),
    Interrupted,
    OutputFailed(io::Error),
}

async fn wait_for_end(
    news: oneshot::Receiver<News>,
    timeout: Option<Duration>,
    mut interrupts: Interrupts,
) -> End {
    let deadline = async {
        match timeout {
            Some(t) => tokio::time::sleep(t).await,
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        n = news => match n {
            Ok(News::Met) => End::Met,
            Ok(News::OutputFailed(e)) => End::OutputFailed(e),
            Err(_) => End::Interrupted,
        },
        _ = deadline => End::TimedOut(timeout.unwrap_or_default()),
        _ = interrupts.recv() => End::Interrupted,
    }
}

/// Ctrl-C, and SIGTERM where there is one. The handlers are installed when this is created,
/// before the ready line, so a signal sent right after it is never missed.
struct Interrupts {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
}

impl Interrupts {
    #[cfg(unix)]
    fn new() -> io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Interrupts {
            int: signal(SignalKind::interrupt())?,
            term: signal(SignalKind::terminate())?,
        })
    }

    #[cfg(not(unix))]
    fn new() -> io::Result<Self> {
        Ok(Interrupts {})
    }

    async fn recv(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn finish(end: End, counts: &Counts, gate: &Gate, args: &ListenArgs) -> anyhow::Result<()> {
    let missing = gate.missing();
    if let End::OutputFailed(e) = end {
        return Err(e.into());
    }
    if args.json {
        let mut out = io::stdout().lock();
        render::summary_json(&mut out, counts, &missing)?;
        out.flush()?;
    }
    let summary = render::summary_text(counts);
    match end {
        End::Met => {
            output::note(format!("bluehook: every expectation met: {summary}"));
            Ok(())
        }
        End::TimedOut(t) if !missing.is_empty() => {
            output::note(format!("bluehook: stopped: {summary}"));
            let waited = humantime::format_duration(t);
            let message = format!("timed out after {waited} waiting for {}", missing.join(", "));
            Err(Failure::new(Exit::TimedOut, message).into())
        }
        End::TimedOut(_) => {
            output::note(format!("bluehook: stopped at --timeout: {summary}"));
            Ok(())
        }
        End::Interrupted | End::OutputFailed(_) => {
            output::note(format!("bluehook: interrupted: {summary}"));
            Err(Failure::silent(Exit::Interrupted).into())
        }
    }
}

/// How deliveries are written.
#[derive(Clone, Copy)]
struct Format {
    json: bool,
    human: Human,
}

/// The single writer: prints every delivery in arrival order, flushing whenever the queue is
/// empty, and keeps the CI gate. Runs on its own thread until the receiver has shut down.
fn consume(
    mut deliveries: mpsc::Receiver<Delivery>,
    format: Format,
    mut gate: Gate,
    news: oneshot::Sender<News>,
) -> Gate {
    let mut out = Some(BufWriter::with_capacity(64 * 1024, io::stdout().lock()));
    let mut news = Some(news);
    if gate.is_met() {
        news.take().map(|n| n.send(News::Met));
    }
    while let Some(first) = deliveries.blocking_recv() {
        let mut met = false;
        let mut next = Some(first);
        while let Some(d) = next {
            write_delivery(&mut out, &d, format, &mut news);
            met |= gate.observe(&d);
            next = deliveries.try_recv().ok();
        }
        if let Some(Err(e)) = out.as_mut().map(Write::flush) {
            out = None;
            news.take().map(|n| n.send(News::OutputFailed(e)));
        }
        if met {
            news.take().map(|n| n.send(News::Met));
        }
    }
    gate
}

/// Writes one delivery; on failure stops writing and tells the command.
fn write_delivery(
    out: &mut Option<BufWriter<io::StdoutLock<'static>>>,
    d: &Delivery,
    format: Format,
    news: &mut Option<oneshot::Sender<News>>,
) {
    let Some(w) = out.as_mut() else { return };
    let written = if format.json {
        render::request_json(w, d)
    } else {
        render::request_human(w, d, format.human)
    };
    if let Err(e) = written {
        *out = None;
        news.take().map(|n| n.send(News::OutputFailed(e)));
    }
}

/// The CI gate: `--expect EVENT` (each one consumes one matching delivery) and `--count N`.
/// Only accepted deliveries count: verified ones when a secret is set, and with
/// `--forward-to` only those the app answered 2xx.
#[derive(Debug, Default)]
struct Gate {
    active: bool,
    waiting: Vec<&'static str>,
    count: Option<u64>,
    seen: u64,
}

impl Gate {
    fn new(expect: &[String], count: Option<u64>) -> anyhow::Result<Gate> {
        let mut waiting = Vec::with_capacity(expect.len());
        for name in expect {
            let event = events::resolve(name)
                .map_err(|e| Failure::usage(format!("--expect: {e}")).with_hint(e.hint()))?;
            waiting.push(event.name);
        }
        Ok(Gate { active: !waiting.is_empty() || count.is_some(), waiting, count, seen: 0 })
    }

    fn is_met(&self) -> bool {
        self.active && self.waiting.is_empty() && self.seen >= self.count.unwrap_or(0)
    }

    /// Takes a delivery into account; true when it is the one that meets the gate.
    fn observe(&mut self, d: &Delivery) -> bool {
        // With --forward-to, the app must have taken it too (2xx).
        let app_ok = d.forwarded.as_ref().is_none_or(|f| f.ok());
        if d.outcome != Outcome::Accepted || !app_ok || self.is_met() {
            return false;
        }
        self.seen += 1;
        if let Some(event) = d.event.as_deref()
            && let Some(i) = self.waiting.iter().position(|w| *w == event)
        {
            self.waiting.remove(i);
        }
        self.is_met()
    }

    /// What is still awaited, for messages: event names, then the count.
    fn missing(&self) -> Vec<String> {
        let mut missing: Vec<String> = self.waiting.iter().map(|s| s.to_string()).collect();
        if let Some(n) = self.count
            && self.seen < n
        {
            missing.push(format!("{} more event(s) (got {} of {n})", n - self.seen, self.seen));
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::body::Bytes;
    use hyper::http::{HeaderMap, Method};

    fn accepted(event: &str) -> Delivery {
        Delivery {
            received_at: std::time::SystemTime::now(),
            method: Method::POST,
            path: "/".into(),
            headers: HeaderMap::new(),
            verified: Some(true),
            outcome: Outcome::Accepted,
            status: 200,
            event: Some(event.into()),
            body: Bytes::new(),
            json: true,
            forwarded: None,
        }
    }

    #[test]
    fn gate_waits_for_each_expected_event_and_the_count() {
        let mut gate = Gate::new(&["todo-created".into(), "TAG_CREATED".into()], Some(3)).unwrap();
        assert!(!gate.is_met());
        assert!(!gate.observe(&accepted("TAG_CREATED")));
        let mut forged = accepted("TODO_CREATED");
        forged.outcome = Outcome::BadSignature(crate::signature::VerifyError::Mismatch);
        assert!(!gate.observe(&forged));
        assert_eq!(gate.missing(), ["TODO_CREATED", "2 more event(s) (got 1 of 3)"]);
        assert!(!gate.observe(&accepted("TODO_CREATED")));
        assert!(gate.observe(&accepted("SOMETHING_ELSE")));
        assert!(gate.missing().is_empty());
        assert!(!gate.observe(&accepted("TAG_CREATED")), "met only once");
    }

    #[test]
    fn repeated_expectations_need_as_many_deliveries() {
        let mut gate = Gate::new(&["TAG_CREATED".into(), "TAG_CREATED".into()], None).unwrap();
        assert!(!gate.observe(&accepted("TAG_CREATED")));
        assert!(gate.observe(&accepted("TAG_CREATED")));
    }

    #[test]
    fn with_forwarding_only_deliveries_the_app_answered_2xx_meet_the_gate() {
        use crate::send::delivery::{FailureKind, Outcome as Forwarded};
        let took = |status| Forwarded::answered(status, None, Duration::ZERO, b"");
        let mut gate = Gate::new(&["TAG_CREATED".into()], Some(2)).unwrap();
        let mut failed = accepted("TAG_CREATED");
        failed.forwarded = Some(took(500));
        assert!(!gate.observe(&failed), "the app answered 500");
        let down = Forwarded::failed(FailureKind::Refused, "refused".into(), Duration::ZERO);
        failed.forwarded = Some(down);
        assert!(!gate.observe(&failed), "the app was down (502)");
        assert_eq!(gate.missing(), ["TAG_CREATED", "2 more event(s) (got 0 of 2)"]);
        let mut ok = accepted("TAG_CREATED");
        ok.forwarded = Some(took(204));
        assert!(!gate.observe(&ok));
        assert!(gate.observe(&accepted("OTHER")));
    }

    #[test]
    fn bind_errors_name_their_real_cause() {
        let denied = bind_hint(io::ErrorKind::PermissionDenied, 1).unwrap();
        assert!(denied.contains("permission denied"), "{denied}");
        assert!(!denied.contains("something else"), "{denied}");
        let in_use = bind_hint(io::ErrorKind::AddrInUse, 8080).unwrap();
        assert!(in_use.contains("something else is using port 8080"), "{in_use}");
        assert!(bind_hint(io::ErrorKind::AddrNotAvailable, 80).unwrap().contains("--host"));
        assert_eq!(bind_hint(io::ErrorKind::Other, 80), None);
    }

    #[test]
    fn unknown_expected_events_are_usage_errors() {
        let err = Gate::new(&["TODO_CRATED".into()], None).unwrap_err();
        let failure = err.downcast_ref::<Failure>().unwrap();
        assert_eq!(failure.exit, Exit::Usage);
        assert!(failure.hint.as_deref().unwrap().contains("TODO_CREATED"));
        assert!(!Gate::new(&[], None).unwrap().is_met(), "no gate: never met");
    }
}

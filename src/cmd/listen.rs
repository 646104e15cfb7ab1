//! `bluehook listen`: receive deliveries locally, verify them, show them, gate CI on them.

use std::io::{self, Write};
use std::sync::Arc;
use std::time::Duration;

use hyper::StatusCode;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

use crate::api::{Client, Webhook, temporary};
use crate::cli::{GlobalArgs, ListenArgs};
use crate::error::{Exit, Failure};
use crate::hookspec;
use crate::listen::exec::Exec;
use crate::listen::explain::Explainer;
use crate::listen::fanout::{Bound, Fanout, Subscription};
use crate::listen::forward::Forwarder;
use crate::listen::gate::Gate;
use crate::listen::inspector::{self, Store};
use crate::listen::junit::{self, Tally};
use crate::listen::receiver::{self, Counts, Outcome, Server};
use crate::listen::render::{self, Human};
use crate::listen::tunnel::{self, Tunnel};
use crate::listen::watchdog::{self, Probes, Watchdog};
use crate::listen::writer::{Format, Writer, Written};
use crate::signature::Signer;
use crate::term::output::{self, escape_control};

pub async fn run(args: ListenArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let registering = registering(&args, global)?;
    let secret = match registering {
        Some(_) => None,
        None => super::secret(&args.secret, global)?,
    };
    let gate = Gate::new(&args.expect, args.count)?;
    let filter = super::filter(args.filter.as_deref())?.map(Arc::new);
    if args.junit.is_some() && !gate.active {
        return Err(Failure::usage("--junit reports on --expect and --count: give one").into());
    }
    let mut interrupts = Interrupts::new()?;
    let bound = receiver::bind(&args.host, args.port).await.map_err(|e| bind_failure(e, &args))?;
    let local = receiver::local_url(bound.addr()?, args.path.as_deref());
    let tunnel = tokio::select! {
        tunnel = open_tunnel(&args, bound.addr()?.port()) => tunnel?,
        _ = interrupts.recv() => return Err(Failure::silent(Exit::Interrupted).into()),
    };
    let public_url = tunnel.as_ref().map(|t| t.url.clone()).or(args.public_url.clone());
    let mut temporary = match registering {
        Some(r) => Some(r.register(public_url.as_deref().unwrap_or(&local)).await?),
        None => None,
    };
    let secret = temporary.as_ref().map(|t| t.secret.clone()).or(secret);
    let setup = Setup { bound, tunnel, public_url, secret, filter, gate, interrupts };
    let listened = listen(&args, global, setup, temporary.as_mut()).await;
    if let Some(temporary) = &mut temporary {
        temporary.delete(args.json).await;
    }
    listened
}

/// What is ready before the receiver serves: its bound port, the tunnel to it and the secret
/// (Blue's, with `--register`).
struct Setup {
    bound: receiver::Bound,
    tunnel: Option<Tunnel>,
    public_url: Option<String>,
    secret: Option<String>,
    filter: Option<Arc<crate::listen::filter::Filter>>,
    gate: Gate,
    interrupts: Interrupts,
}

async fn listen(
    args: &ListenArgs,
    global: &GlobalArgs,
    setup: Setup,
    temporary: Option<&mut Temporary>,
) -> anyhow::Result<()> {
    let Setup { bound, tunnel, public_url, secret, filter, gate, interrupts } = setup;
    warn_unverified(secret.is_none());
    let forwarder = args.forward_to.as_deref().map(forwarder).transpose()?;
    let forward_to = forwarder.clone();
    let probes = args.tunnel.as_ref().map(|_| Arc::new(Probes::new()));
    let mut config = receiver_config(args, secret.as_deref(), forwarder);
    (config.filter, config.probes) = (filter, probes.clone());
    let explainer = explainer(secret.as_deref(), global);
    let fanout = Fanout::new();
    let printed = fanout.subscribe(OUTPUT_LANE);
    // Without --expect/--count there is nothing to keep: no lane, no task woken per delivery.
    let gated = gate.active.then(|| fanout.subscribe(Bound::Lossless));
    let inspecting = inspecting(args, &fanout, explainer.clone())?;
    let started = std::time::SystemTime::now();
    let tally = args.junit.as_ref().map(|_| Tally::new(&gate.waiting, args.count));
    let server = receiver::serve(bound, config, fanout)?;
    refuse_forwarding_to_itself(&server, forward_to.as_ref()).await?;
    let inspector = match inspecting {
        Some(i) => Some(i.start(&server, args, secret.as_deref()).await?),
        None => None,
    };
    let page = inspector.as_ref().map(|i| i.url());
    let ready = Ready { forwarder: forward_to.as_ref(), inspector: page, public_url };
    announce(&server, args, secret.is_some(), ready)?;
    if let Some(t) = &temporary {
        t.announce(args.json);
    }
    let (news_tx, news_rx) = mpsc::unbounded_channel();
    let moves = temporary.as_deref().map(Temporary::mover);
    let watchdog = tunnel.map(|t| watch_tunnel(t, args, &server, probes, &secret, moves, &news_tx));
    crate::send::trace::set(global.verbose, None);
    let format = Format { json: args.json, human: human(args), verbose: global.verbose };
    let failed = news_tx.clone();
    let writer = Writer::spawn(printed, format, explainer, move |e| {
        let _ = failed.send(News::OutputFailed(e));
    });
    let gate = tokio::spawn(keep_gate(gated, gate, tally, news_tx));
    let end = wait_for_end(news_rx, args.timeout, interrupts).await;
    let running = Running { server, watchdog, gate, writer, started };
    stop(args, end, running, temporary).await
}

/// What runs while the listener listens.
struct Running {
    server: Server,
    watchdog: Option<Watching>,
    gate: tokio::task::JoinHandle<(Gate, Option<Tally>)>,
    writer: Writer,
    started: std::time::SystemTime,
}

/// Stops in order: the temporary webhook (Blue stops sending), the receiver (what Blue
/// already sent is answered), the tunnel (it relays those answers), then the output.
async fn stop(
    args: &ListenArgs,
    end: End,
    running: Running,
    temporary: Option<&mut Temporary>,
) -> anyhow::Result<()> {
    let Running { server, watchdog, gate, writer, started } = running;
    if let Some(t) = temporary {
        t.delete(args.json).await;
    }
    // From here on the listener exits within the drain time, whatever its output does.
    let deadline = Instant::now() + receiver::DRAIN;
    let stats = server.stats();
    server.shutdown().await;
    stop_watchdog(watchdog, deadline - NOTE_TIME).await;
    let (gate, tally) = gate.await.map_err(|_| anyhow::anyhow!("the CI gate failed"))?;
    let counts = stats.snapshot();
    if let (Some(path), Some(tally)) = (&args.junit, tally) {
        write_junit(path, &tally, started, &end)?;
    }
    let summary = args.json.then(|| (counts, gate.missing()));
    let written = writer.finish(summary, deadline - NOTE_TIME).await;
    finish(end, &counts, &gate, written, deadline)
}

/// Stops the tunnel's watchdog and closes the tunnel it hands back, leaving it until
/// `deadline` to relay the answers already given (a killed tunnel would lose the last one).
async fn stop_watchdog(watchdog: Option<Watching>, deadline: Instant) {
    let Some(Watching { stop, watching }) = watchdog else { return };
    let _ = stop.send(());
    if let Ok(Some(tunnel)) = watching.await {
        let grace = deadline.saturating_duration_since(Instant::now()).min(TUNNEL_GRACE);
        tunnel.close(grace).await;
    }
}

fn warn_unverified(no_secret: bool) {
    if no_secret {
        output::warn(
            "no secret (--secret or BLUEHOOK_SECRET): deliveries are accepted without \
             checking X-Signature and shown as unverified",
        );
    }
}

/// How far the terminal or NDJSON output may fall behind before deliveries are left out of
/// it (counted, with a notice); answering never waits for it. The record file has them all.
const OUTPUT_LANE: Bound = Bound::Lossy { deliveries: 4096, bytes: 32 << 20 };

/// How far the inspector may fall behind (it then shows a `dropped` notice).
const INSPECTOR_LANE: Bound = Bound::Lossy { deliveries: 4096, bytes: 32 << 20 };

/// `--inspect`: where to serve it, and the store its lane fills from the first delivery on.
struct Inspecting {
    host: String,
    port: u16,
    public: bool,
    store: Arc<Store>,
}

fn inspecting(
    args: &ListenArgs,
    fanout: &Arc<Fanout>,
    explainer: Option<Arc<Explainer>>,
) -> anyhow::Result<Option<Inspecting>> {
    let Some(addr) = &args.inspect else { return Ok(None) };
    let (host, port, public) = inspector::bind_addr(addr, args.inspector.inspect_public)?;
    let keep = args.inspector.inspect_keep;
    let store = match explainer {
        Some(e) => Store::with_explainer(
            keep,
            Box::new(move |d| e.explain(d).and_then(|x| serde_json::to_value(&*x).ok())),
        ),
        None => Store::new(keep),
    };
    inspector::feed(store.clone(), fanout.subscribe(INSPECTOR_LANE));
    Ok(Some(Inspecting { host, port, public, store }))
}

impl Inspecting {
    /// Serves the page; replays go to the forward target, or else to this listener.
    async fn start(
        self,
        server: &Server,
        args: &ListenArgs,
        secret: Option<&str>,
    ) -> anyhow::Result<inspector::Running> {
        let options = inspector::Options {
            host: self.host,
            port: self.port,
            keep: args.inspector.inspect_keep,
            signer: secret.map(|s| Signer::new(s.as_bytes())),
            target: Some(args.forward_to.clone().unwrap_or_else(|| server.url())),
            append: None,
        };
        let running = inspector::start(options, self.store).await?;
        if self.public {
            warn_public(running.addr());
        }
        Ok(running)
    }
}

/// Says why rejected signatures failed, trying the other saved webhooks' secrets too; none
/// without a secret. An unreadable config file only leaves those secrets out.
fn explainer(secret: Option<&str>, global: &GlobalArgs) -> Option<Arc<Explainer>> {
    let secret = secret?;
    let saved = crate::config::path(&super::place(global)).and_then(|p| crate::config::load(&p));
    let others = match saved {
        Ok(file) => file.webhook_secrets,
        Err(e) => {
            output::warn(format!("saved webhook secrets not used to explain signatures: {e:#}"));
            Default::default()
        }
    };
    Some(Arc::new(Explainer::new(secret.as_bytes(), others)))
}

/// The warning for an inspector served beyond loopback.
pub fn warn_public(addr: std::net::SocketAddr) {
    output::warn(format!(
        "the inspector on {addr} is reachable from other machines: anyone with its URL \
         (token included) sees every delivery and can replay them"
    ));
}

/// Kept from the drain time for the closing note on stderr.
const NOTE_TIME: Duration = Duration::from_millis(500);

/// At most this long for a tunnel program to stop by itself once asked.
const TUNNEL_GRACE: Duration = Duration::from_secs(3);

/// Keeps the CI gate: sees every delivery (its lane never drops), does no I/O.
async fn keep_gate(
    deliveries: Option<Subscription>,
    mut gate: Gate,
    mut tally: Option<Tally>,
    news: mpsc::UnboundedSender<News>,
) -> (Gate, Option<Tally>) {
    if gate.is_met() {
        let _ = news.send(News::Met);
    }
    let Some(mut deliveries) = deliveries else { return (gate, tally) };
    while let Some(d) = deliveries.recv().await {
        if let Some(tally) = &mut tally
            && d.outcome == Outcome::Accepted
            && !gate.is_met()
        {
            tally.observe(d.event.as_deref(), d.received_at);
        }
        if gate.observe(&d) {
            let _ = news.send(News::Met);
        }
    }
    (gate, tally)
}

/// `--junit FILE`: the gate's expectations as a JUnit report.
fn write_junit(
    path: &std::path::Path,
    tally: &Tally,
    started: std::time::SystemTime,
    end: &End,
) -> anyhow::Result<()> {
    let end = match end {
        End::Met => "every expectation met".to_string(),
        End::TimedOut(t) => format!("timed out after {}", humantime::format_duration(*t)),
        End::Interrupted | End::OutputFailed(_) => "interrupted".to_string(),
        End::Disconnected => "the tunnel went down".to_string(),
    };
    let arrived = tally.arrived();
    let elapsed = started.elapsed().unwrap_or_default();
    let run = junit::Run { started, elapsed, end: &end, arrived: &arrived };
    junit::write(path, &junit::report(&tally.expectations(), &run))
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
    config.exec =
        args.exec.as_ref().map(|c| Arc::new(Exec::new(c, args.exec_concurrency as usize)));
    config.exec_ack = args.exec_ack;
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

/// The forwarder for `--forward-to`; the URL's password (as given and as resolved) is a
/// secret from here on.
fn forwarder(url: &str) -> anyhow::Result<Forwarder> {
    output::url_password(url);
    let forwarder = Forwarder::new(url)?;
    output::url_password(forwarder.url());
    Ok(forwarder)
}

/// `--forward-to` this very listener would send every delivery round without end.
async fn refuse_forwarding_to_itself(
    server: &Server,
    forwarder: Option<&Forwarder>,
) -> anyhow::Result<()> {
    let Some(forwarder) = forwarder else { return Ok(()) };
    if forwarder.targets(server.addr()).await {
        let url = forwarder.url();
        let message = format!("--forward-to {url} is this listener itself ({})", server.url());
        let hint = "forward to your app's address, not bluehook's";
        return Err(Failure::usage(message).with_hint(hint).into());
    }
    Ok(())
}

fn human(args: &ListenArgs) -> Human {
    Human {
        compact: args.compact,
        body: args.body,
        color: output::stdout_has_color(),
        width: crate::term::view::terminal_width(),
    }
}

/// Starts the watchdog on the tunnel, and reports what it sees: a line on stderr, and in
/// NDJSON `{"type":"tunnel","state":"down"|"up","url"}`.
fn watch_tunnel(
    tunnel: Tunnel,
    args: &ListenArgs,
    server: &Server,
    probes: Option<Arc<Probes>>,
    secret: &Option<String>,
    mover: Option<Mover>,
    news: &mpsc::UnboundedSender<News>,
) -> Watching {
    let (json, exit) = (args.json, args.exit_on_disconnect);
    let watchdog = Watchdog {
        spec: args.tunnel.as_deref().and_then(|s| s.parse().ok()).expect("parsed at start"),
        local_port: server.addr().port(),
        path: public_path(args),
        every: args.probe_every,
        probes: probes.unwrap_or_default(),
        signer: secret.as_deref().map(|s| Signer::new(s.as_bytes())),
        exit_on_disconnect: exit,
    };
    let (states_tx, mut states) = mpsc::unbounded_channel();
    let (stop, stop_rx) = oneshot::channel();
    let watching = tokio::spawn(watchdog.run(tunnel, states_tx, stop_rx));
    let news = news.clone();
    // Ends by itself when the watchdog does (it holds the other end of `states`).
    let mut mover = mover;
    tokio::spawn(async move {
        while let Some(state) = states.recv().await {
            report_tunnel(&state, json);
            match (&state, &mut mover) {
                (watchdog::State::Down { .. }, _) if exit => {
                    let _ = news.send(News::Disconnected);
                }
                (watchdog::State::Up { url }, Some(mover)) => mover.move_to(url, json).await,
                _ => {}
            }
        }
    });
    Watching { stop, watching }
}

/// The running watchdog: `stop` ends it, and it hands back the tunnel it holds.
struct Watching {
    stop: oneshot::Sender<()>,
    watching: tokio::task::JoinHandle<Option<Tunnel>>,
}

fn report_tunnel(state: &watchdog::State, json: bool) {
    let (name, url, why) = match state {
        watchdog::State::Down { url, why } => ("down", url, Some(why)),
        watchdog::State::Up { url } => ("up", url, None),
    };
    json_line(json, || serde_json::json!({"type": "tunnel", "state": name, "url": url}));
    match why {
        Some(why) => output::warn(format!("tunnel down: {url} ({why})")),
        None => output::note(format!("bluehook: tunnel up: {url}")),
    }
}

/// The path the listener serves, to append to a public URL.
fn public_path(args: &ListenArgs) -> String {
    args.path.as_deref().map_or("/".into(), |p| format!("/{}", p.trim_start_matches('/')))
}

/// `--tunnel`: opens it to the receiver; a usage error for a tunnel that does not exist.
async fn open_tunnel(args: &ListenArgs, port: u16) -> anyhow::Result<Option<Tunnel>> {
    let Some(spec) = &args.tunnel else { return Ok(None) };
    let spec: tunnel::Spec = spec.parse().map_err(|e| Failure::usage(format!("--tunnel: {e}")))?;
    let path = public_path(args);
    output::note(format!("bluehook: opening a tunnel with {}...", spec.name()));
    Tunnel::open(&spec, port, &path).await.map(Some)
}

/// What the ready line names beside the listener's own URL.
struct Ready<'a> {
    forwarder: Option<&'a Forwarder>,
    inspector: Option<String>,
    public_url: Option<String>,
}

/// The ready line: on stderr for people, and first on stdout with `--json`.
fn announce(
    server: &Server,
    args: &ListenArgs,
    verifying: bool,
    ready: Ready,
) -> anyhow::Result<()> {
    let url = server.url();
    if args.json {
        let mut out = io::stdout().lock();
        let (port, public) = (server.addr().port(), ready.public_url.as_deref());
        render::ready_json(&mut out, &url, port, public, ready.inspector.as_deref())?;
        out.flush()?;
    }
    let mut what = vec![if verifying { "verifying X-Signature" } else { "not verifying" }];
    let (record, forward);
    if let Some(path) = &args.record {
        record = format!("recording to {}", path.display());
        what.push(&record);
    }
    if let Some(forwarder) = ready.forwarder {
        // The resolved URL (`localhost:3000` shows as http://localhost:3000/), password redacted.
        forward = format!("forwarding to {}", forwarder.url());
        what.push(&forward);
    }
    let bold = output::BOLD;
    let public = ready.public_url.map(|u| format!(" and {bold}{u}{bold:#}")).unwrap_or_default();
    output::note(format!(
        "bluehook: listening on {bold}{url}{bold:#}{public} ({}); Ctrl-C to stop",
        what.join(", ")
    ));
    if !(args.json || args.compact || args.body) {
        output::note("bluehook: --compact shows one line per delivery, --body whole bodies");
    }
    if let Some(page) = ready.inspector {
        output::note(format!("bluehook: inspector on {bold}{page}{bold:#}"));
    }
    Ok(())
}

/// What the gate and the output thread tell the command.
enum News {
    /// Every expectation is met.
    Met,
    /// Stdout failed (a closed pipe, a full disk).
    OutputFailed(io::Error),
    /// The tunnel went down, with `--exit-on-disconnect`.
    Disconnected,
}

/// Why the listener stopped.
enum End {
    Met,
    TimedOut(Duration),
    Interrupted,
    OutputFailed(io::Error),
    Disconnected,
}

async fn wait_for_end(
    mut news: mpsc::UnboundedReceiver<News>,
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
        n = news.recv() => match n {
            Some(News::Met) => End::Met,
            Some(News::OutputFailed(e)) => End::OutputFailed(e),
            Some(News::Disconnected) => End::Disconnected,
            None => End::Interrupted,
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

/// Ends the run: the closing note on stderr (within the drain time) and the exit code.
fn finish(
    end: End,
    counts: &Counts,
    gate: &Gate,
    written: Written,
    deadline: Instant,
) -> anyhow::Result<()> {
    if let End::OutputFailed(e) = end {
        return Err(e.into());
    }
    let (mut note, result) = conclusion(end, counts, gate, written.dropped);
    if !written.finished {
        note.push_str("\nbluehook: stdout is blocked; stopped without waiting for it");
    }
    if note_within(note, deadline) {
        return result;
    }
    // Stderr may be blocked as well: leave with the same code and nothing more to print.
    result.map_err(|e| Failure::silent(crate::error::report(&e).exit).into())
}

/// The closing note and the outcome, for each way the listener can stop.
fn conclusion(
    end: End,
    counts: &Counts,
    gate: &Gate,
    dropped: u64,
) -> (String, anyhow::Result<()>) {
    let missing = gate.missing();
    let mut summary = render::summary_text(counts);
    if dropped > 0 {
        summary.push_str(&format!(", {dropped} not shown (output too slow)"));
    }
    match end {
        End::Met => (format!("bluehook: every expectation met: {summary}"), Ok(())),
        End::TimedOut(t) if !missing.is_empty() => {
            let waited = humantime::format_duration(t);
            let message = format!("timed out after {waited} waiting for {}", missing.join(", "));
            (
                format!("bluehook: stopped: {summary}"),
                Err(Failure::new(Exit::TimedOut, message).into()),
            )
        }
        End::TimedOut(_) => (format!("bluehook: stopped at --timeout: {summary}"), Ok(())),
        End::Interrupted | End::OutputFailed(_) => (
            format!("bluehook: interrupted: {summary}"),
            Err(Failure::silent(Exit::Interrupted).into()),
        ),
        End::Disconnected => (
            format!("bluehook: stopped, the tunnel is down (--exit-on-disconnect): {summary}"),
            Err(Failure::silent(Exit::Disconnected).into()),
        ),
    }
}

/// Writes `note` on stderr from a thread of its own; false if stderr did not take it by
/// `deadline` (a paused terminal).
fn note_within(note: String, deadline: Instant) -> bool {
    let (done, noted) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        output::note(note);
        let _ = done.send(());
    });
    let left = deadline.saturating_duration_since(Instant::now()).max(NOTE_TIME / 5);
    noted.recv_timeout(left).is_ok()
}

// `--register`: a temporary webhook on Blue, created once the public URL is known and deleted
// however the listener stops.

/// How long the temporary webhook's deletion may take when the listener stops.
const DELETE_TIMEOUT: Duration = Duration::from_secs(10);

/// `--register`, checked before anything starts: the client, and what to subscribe to.
struct Registering {
    client: Arc<Client>,
    events: Vec<String>,
    projects: Vec<String>,
    /// The flags a `bluehook delete` needs to reach the same Blue.
    reach: String,
}

fn registering(args: &ListenArgs, global: &GlobalArgs) -> anyhow::Result<Option<Registering>> {
    if !args.register {
        return Ok(None);
    }
    let client = super::client(&args.api, global)?;
    if client.org().is_none() {
        let message = "--register creates a webhook, which needs an organization; none is set";
        let hint = "pass --org ORG, set BLUE_ORG_ID, or save one with `bluehook login --org ORG`";
        return Err(Failure::new(Exit::Auth, message).with_hint(hint).into());
    }
    let local_blue = reqwest::Url::parse(client.url()).is_ok_and(|u| hookspec::is_private(&u));
    if args.tunnel.is_none() && args.public_url.is_none() && !local_blue {
        let message = "--register needs a public URL for Blue to deliver to";
        let hint = "add --tunnel bore, --tunnel cloudflared, --tunnel ngrok or --public-url URL \
                    (this listener's own URL is enough only for a Blue on this machine, such as \
                    `bluehook sandbox`)";
        return Err(Failure::usage(message).with_hint(hint).into());
    }
    // Without -e, the webhook subscribes to what --expect waits for (or to every event).
    let given = if args.events.is_empty() { &args.expect } else { &args.events };
    let events = hookspec::parse_events(given)?;
    let expected = args.expect.iter().filter_map(|e| crate::events::resolve(e).ok());
    for name in expected.map(|e| e.name) {
        if !events.is_empty() && !events.iter().any(|e| e == name) {
            output::warn(format!("--expect {name}, but the webhook does not subscribe to it"));
        }
    }
    let projects = hookspec::parse_projects(&args.projects)?;
    Ok(Some(Registering { client: Arc::new(client), events, projects, reach: reach(args, global) }))
}

/// `--profile`, `--config`, `--api-url` and `--org` as given, quoted for a shell, for a
/// command to print.
fn reach(args: &ListenArgs, global: &GlobalArgs) -> String {
    let config = global.config.as_ref().map(|c| c.to_string_lossy().into_owned());
    let given = [
        ("--profile", global.profile.clone()),
        ("--config", config),
        ("--api-url", args.api.api_url.clone()),
        ("--org", args.api.org.clone()),
    ];
    let flags = given
        .into_iter()
        .filter_map(|(flag, value)| Some(format!(" {flag} {}", shell_words::quote(&value?))));
    flags.collect()
}

impl Registering {
    /// Creates the temporary webhook delivering to `url`, after saying what earlier runs left.
    async fn register(self, url: &str) -> anyhow::Result<Temporary> {
        let left = self.client.temporary_webhooks().await?;
        if !left.is_empty() {
            let names: Vec<String> =
                left.iter().map(|w| escape_control(&w.label()).into_owned()).collect();
            output::warn(format!(
                "{} temporary webhook(s) from earlier runs are still on Blue (a crashed run's, or \
                 one still listening): {}; `bluehook cleanup` deletes them",
                left.len(),
                names.join(", ")
            ));
        }
        let projects = self.client.resolve_projects(&self.projects).await?;
        let name = temporary::name(&this_host(), std::time::SystemTime::now());
        let input = temporary::input(&name, url, &self.events, &projects);
        let hook = self.client.create_webhook(input).await?;
        let (client, reach) = (self.client, self.reach);
        let mut registered =
            Temporary { client, secret: String::new(), hook, reach, deleted: false };
        match registered.hook.secret.clone() {
            Some(secret) => {
                output::secret(&secret);
                registered.secret = secret;
                Ok(registered)
            }
            None => {
                registered.delete(false).await;
                let message = "Blue returned no signing secret for the temporary webhook";
                let hint = "it was deleted again; try once more, or create a webhook with \
                            `bluehook create --save-secret` and listen with --webhook";
                Err(Failure::new(Exit::Api, message).with_hint(hint).into())
            }
        }
    }
}

/// The host part of a temporary webhook's name.
fn this_host() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: gethostname writes at most buf.len() bytes into a buffer we own.
        if unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            return String::from_utf8_lossy(&buf[..end]).into_owned();
        }
    }
    std::env::var("COMPUTERNAME").unwrap_or_default()
}

/// The temporary webhook of this run.
struct Temporary {
    client: Arc<Client>,
    hook: Webhook,
    /// The signing secret Blue returned for it.
    secret: String,
    reach: String,
    deleted: bool,
}

impl Temporary {
    /// Says it exists: a line on stderr, and `{"type":"webhook","state":"created",...}`.
    fn announce(&self, json: bool) {
        let hook = &self.hook;
        let events = match hook.events.len() {
            0 => "every event".to_string(),
            1 => hook.events[0].clone(),
            n => format!("{n} events"),
        };
        json_line(json, || {
            let (id, name, url) = (&hook.id, &hook.name, &hook.url);
            serde_json::json!({"type": "webhook", "state": "created", "id": id, "name": name,
                "url": url, "events": hook.events, "project_ids": hook.project_ids})
        });
        output::note(format!(
            "bluehook: registered the temporary webhook {} for {events}, delivering to {}; it is \
             deleted when bluehook stops",
            escape_control(&hook.label()),
            escape_control(&hook.url),
        ));
    }

    /// Moves the webhook along with a reopened tunnel.
    fn mover(&self) -> Mover {
        let (client, reach) = (self.client.clone(), self.reach.clone());
        Mover { client, id: self.hook.id.clone(), url: self.hook.url.clone(), reach }
    }

    /// Deletes it (once); when Blue cannot, prints the command that finishes the job.
    async fn delete(&mut self, json: bool) {
        if std::mem::replace(&mut self.deleted, true) {
            return;
        }
        let id = &self.hook.id;
        let label = escape_control(&self.hook.label()).into_owned();
        let deleted = tokio::time::timeout(DELETE_TIMEOUT, self.client.delete_webhook(id)).await;
        let failure = match deleted {
            Ok(Ok(_)) => {
                json_line(
                    json,
                    || serde_json::json!({"type": "webhook", "state": "deleted", "id": id}),
                );
                output::note(format!("bluehook: deleted the temporary webhook {label}"));
                return;
            }
            Ok(Err(e)) => format!("{e:#}"),
            Err(_) => format!("no answer within {}s", DELETE_TIMEOUT.as_secs()),
        };
        let command = format!("bluehook delete {} --yes{}", shell_words::quote(id), self.reach);
        json_line(json, || {
            serde_json::json!({"type": "webhook", "state": "not_deleted", "id": id,
                "why": failure, "command": command})
        });
        output::warn(format!("could not delete the temporary webhook {label}: {failure}"));
        output::note(format!("  finish it with: {command}"));
    }
}

/// Points the temporary webhook at the tunnel's new public URL.
struct Mover {
    client: Arc<Client>,
    id: String,
    url: String,
    reach: String,
}

impl Mover {
    async fn move_to(&mut self, url: &str, json: bool) {
        if url == self.url {
            return;
        }
        match self.client.move_webhook(&self.id, url).await {
            Ok(_) => {
                self.url = url.to_string();
                let id = &self.id;
                json_line(
                    json,
                    || serde_json::json!({"type": "webhook", "state": "moved", "id": id, "url": url}),
                );
                output::note(format!("bluehook: the temporary webhook now delivers to {url}"));
            }
            Err(e) => {
                output::warn(format!("could not move the temporary webhook to {url}: {e:#}"));
                let reach = &self.reach;
                output::note(format!(
                    "  move it with: bluehook update {} --url {url}{reach}",
                    self.id
                ));
            }
        }
    }
}

/// One NDJSON line on stdout (between the writer's batches), with `--json`.
fn json_line(json: bool, line: impl FnOnce() -> serde_json::Value) {
    if json {
        let mut out = io::stdout().lock();
        let _ = writeln!(out, "{}", line()).and_then(|()| out.flush());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

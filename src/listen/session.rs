//! One `bluehook listen` run, from resolved [`Settings`] to its end: bind, open the tunnel,
//! register the temporary webhook, serve, wait (the gate met, `--timeout`, a signal, the
//! tunnel down), then stop in order: the webhook (Blue stops sending), the receiver (what Blue
//! already sent is answered), the couriers of `--answer-first`, the tunnel (it relays those
//! answers), and the output. Every line on stdout goes through the one [`Writer`].

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::Instant;

use crate::error::{Exit, Failure};
use crate::listen::check::Outcome;
use crate::listen::courier::{Courier, Retry};
use crate::listen::explain::Explainer;
use crate::listen::fanout::{Bound, Fanout, Subscription};
use crate::listen::filter::Filter;
use crate::listen::forward::Routing;
use crate::listen::gate::Gate;
use crate::listen::inspector::{self, Store};
use crate::listen::junit::{self, Tally};
use crate::listen::message::{self, Message, TunnelState};
use crate::listen::queue::Queue;
use crate::listen::receiver::{self, Counts, Server};
use crate::listen::register::{Mover, Registering, Temporary};
use crate::listen::render::{self, Human};
use crate::listen::route::Route;
use crate::listen::tunnel::{self, Tunnel};
use crate::listen::watchdog::{self, Probes, Watchdog};
use crate::listen::writer::{Format, Lines, Writer, Written};
use crate::signals::Interrupts;
use crate::signature::Signer;
use crate::term::{Console, output};

/// The other webhooks' saved secrets (name, secret) to explain rejected signatures with, or
/// why the config file could not be read.
pub type SavedSecrets = anyhow::Result<Vec<(String, String)>>;

/// Everything a run needs, resolved from the flags.
pub struct Settings {
    /// Host, port, path, limits, record file, `--exec`, status: the receiver's own settings
    /// (its signer, filter, forwarder and probes are the session's to set).
    pub receiver: receiver::Config,
    pub secret: Option<String>,
    pub filter: Option<Arc<Filter>>,
    /// `--forward-to`, in order; empty when not forwarding.
    pub routes: Vec<Route>,
    /// `--answer-first`: the queue file and how its couriers retry.
    pub answer_first: Option<AnswerFirst>,
    pub count: Option<u64>,
    pub timeout: Option<Duration>,
    pub junit: Option<PathBuf>,
    pub json: bool,
    pub compact: bool,
    pub body: bool,
    pub verbose: u8,
    pub tunnel: Option<tunnel::Spec>,
    pub public_url: Option<String>,
    pub probe_every: Duration,
    pub exit_on_disconnect: bool,
    /// `--inspect`: host, port, and whether beyond loopback was allowed.
    pub inspect: Option<(String, u16, bool)>,
    pub inspect_keep: usize,
    pub saved_secrets: SavedSecrets,
    pub registering: Option<Registering>,
    /// Where messages go; the session registers the secrets it learns (a forward target's
    /// password, the temporary webhook's secret) with it.
    pub console: Console,
    /// Run against the listener once it serves (`demo` sends its deliveries); the run ends
    /// with it.
    pub driver: Option<Driver>,
}

/// Something run against the listener once it serves, given its URL; when it ends, the run
/// ends, and its error is the run's.
pub type Driver = Box<
    dyn FnOnce(String) -> std::pin::Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>> + Send,
>;

impl Settings {
    /// A listener with the receiver's settings and nothing else: no secret, no forwarding,
    /// human output, no tunnel, no inspector, no webhook.
    pub fn new(receiver: receiver::Config, console: Console) -> Settings {
        Settings {
            receiver,
            secret: None,
            filter: None,
            routes: Vec::new(),
            answer_first: None,
            count: None,
            timeout: None,
            junit: None,
            json: false,
            compact: false,
            body: false,
            verbose: 0,
            tunnel: None,
            public_url: None,
            probe_every: Duration::from_secs(30),
            exit_on_disconnect: false,
            inspect: None,
            inspect_keep: 1000,
            saved_secrets: Ok(Vec::new()),
            registering: None,
            console,
            driver: None,
        }
    }
}

/// `--answer-first`: where the queue is, and how deliveries are retried from it.
pub struct AnswerFirst {
    pub queue: PathBuf,
    pub retry: Retry,
}

/// Runs the listener until its end; the error carries the exit code. Everything it prints on
/// stdout goes through one writer, started first and finished last.
pub async fn run(mut args: Settings, gate: Gate) -> anyhow::Result<()> {
    if args.junit.is_some() && !gate.active {
        return Err(Failure::usage("--junit reports on --expect and --count: give one").into());
    }
    let out = Out::start(&args);
    let lines = out.writer.line();
    let mut setup = match setup(&mut args, gate, &lines).await {
        Ok(setup) => setup,
        Err(e) => {
            out.abandon().await;
            return Err(e);
        }
    };
    let mut temporary = setup.temporary.take();
    let prepared = prepare(&mut args, &setup, &out).await;
    match prepared {
        Ok(prepared) => listen(&mut args, setup, prepared, out, temporary.as_mut()).await,
        Err(e) => {
            if let Some(t) = &mut temporary {
                t.delete(&lines).await;
            }
            out.abandon().await;
            Err(e)
        }
    }
}

/// The output, started before anything else so that every line goes through its writer.
struct Out {
    fanout: Arc<Fanout>,
    writer: Writer,
    /// Set once the secret is known (before the first delivery).
    explainer: Arc<OnceLock<Arc<Explainer>>>,
    news_tx: mpsc::UnboundedSender<News>,
    news_rx: mpsc::UnboundedReceiver<News>,
}

impl Out {
    fn start(args: &Settings) -> Out {
        let fanout = Fanout::new();
        let printed = fanout.subscribe(OUTPUT_LANE);
        let format = Format { json: args.json, human: human(args), verbose: args.verbose };
        let (news_tx, news_rx) = mpsc::unbounded_channel();
        let failed = news_tx.clone();
        let explainer = Arc::new(OnceLock::new());
        let console = args.console.clone();
        let writer = Writer::spawn(printed, format, explainer.clone(), console, move |e| {
            let _ = failed.send(News::OutputFailed(e));
        });
        Out { fanout, writer, explainer, news_tx, news_rx }
    }

    /// Ends the output when the run failed before its receiver served.
    async fn abandon(self) {
        self.fanout.close();
        self.writer.finish(None, Instant::now() + NOTE_TIME).await;
    }
}

/// What is ready before the receiver serves: its bound port, the tunnel to it, the webhook
/// on Blue with `--register` and the secret (Blue's, with `--register`).
struct Setup {
    bound: receiver::Bound,
    tunnel: Option<Tunnel>,
    public_url: Option<String>,
    secret: Option<String>,
    filter: Option<Arc<crate::listen::filter::Filter>>,
    gate: Gate,
    interrupts: Interrupts,
    temporary: Option<Temporary>,
}

async fn setup(args: &mut Settings, gate: Gate, lines: &Lines) -> anyhow::Result<Setup> {
    let registering = args.registering.take();
    let mut interrupts = Interrupts::new()?;
    let (host, port) = (args.receiver.host.clone(), args.receiver.port);
    let bound = receiver::bind(&host, port).await.map_err(|e| bind_failure(e, port))?;
    let local = receiver::local_url(bound.addr()?, args.receiver.path.as_deref());
    let tunnel = tokio::select! {
        tunnel = open_tunnel(args, bound.addr()?.port()) => tunnel?,
        _ = interrupts.recv() => return Err(Failure::silent(Exit::Interrupted).into()),
    };
    let public_url = tunnel.as_ref().map(|t| t.url.clone()).or(args.public_url.clone());
    let temporary = match registering {
        Some(r) => Some(r.register(public_url.as_deref().unwrap_or(&local), lines).await?),
        None => None,
    };
    let secret = temporary.as_ref().map(|t| t.secret.clone()).or(args.secret.take());
    let filter = args.filter.take();
    Ok(Setup { bound, tunnel, public_url, secret, filter, gate, interrupts, temporary })
}

/// What is made from the settings before serving: the routes' forwarders (and queue).
struct Prepared {
    routing: Option<Arc<Routing>>,
}

async fn prepare(args: &mut Settings, setup: &Setup, out: &Out) -> anyhow::Result<Prepared> {
    warn_unverified(&args.console, setup.secret.is_none());
    let saved = std::mem::replace(&mut args.saved_secrets, Ok(Vec::new()));
    let explainer = explainer(setup.secret.as_deref(), saved, &args.console);
    if let Some(e) = explainer {
        let _ = out.explainer.set(e);
    }
    let routing = routing(args).await?;
    if let Some(routing) = &routing {
        refuse_forwarding_to_itself(setup.bound.addr()?, routing).await?;
    }
    Ok(Prepared { routing })
}

async fn listen(
    args: &mut Settings,
    setup: Setup,
    prepared: Prepared,
    out: Out,
    temporary: Option<&mut Temporary>,
) -> anyhow::Result<()> {
    let Setup { bound, tunnel, public_url, secret, filter, gate, interrupts, .. } = setup;
    let Out { fanout, writer, explainer, news_tx, news_rx } = out;
    let lines = writer.line();
    let routing = prepared.routing;
    let probes = args.tunnel.as_ref().map(|_| Arc::new(Probes::new()));
    let mut config = args.receiver.clone();
    config.signer = secret.as_deref().map(|s| Signer::new(s.as_bytes()));
    (config.forward, config.filter, config.probes) = (routing.clone(), filter, probes.clone());
    // Without --expect/--count there is nothing to keep: no lane, no task woken per delivery.
    let gated = gate.active.then(|| fanout.subscribe(Bound::Lossless));
    let inspecting = inspecting(args, &fanout, explainer.get().cloned())?;
    let started = std::time::SystemTime::now();
    let tally = args.junit.as_ref().map(|_| Tally::new(&gate.waiting, args.count));
    let server = match receiver::serve(bound, config, fanout) {
        Ok(server) => server,
        Err(e) => return abandon(e, temporary, &lines, writer).await,
    };
    let inspector = match inspecting {
        Some(i) => match i.start(&server, args, secret.as_deref(), routing.as_deref()).await {
            Ok(running) => Some(running),
            Err(e) => return abandon(e, temporary, &lines, writer).await,
        },
        None => None,
    };
    let page = inspector.as_ref().map(|i| i.url());
    let ready = Ready { routing: routing.as_deref(), inspector: page, public_url };
    announce(&server, args, secret.is_some(), ready, &lines)?;
    let mut temporary = temporary;
    if let Some(t) = temporary.as_deref_mut() {
        t.announce(&lines);
        t.enable_if_disabled().await;
    }
    let (taken_tx, taken) = mpsc::unbounded_channel();
    let couriers = couriers(args, routing.as_deref(), &lines, taken_tx).await;
    let moves = temporary.as_deref().map(Temporary::mover);
    let watchdog =
        tunnel.map(|t| watch_tunnel(t, args, &server, probes, &secret, moves, (&news_tx, &lines)));
    if let Some(driver) = args.driver.take() {
        let (news, driven) = (news_tx.clone(), driver(server.url()));
        tokio::spawn(async move {
            let _ = news.send(News::Driven(driven.await));
        });
    }
    let gate = tokio::spawn(keep_gate(gated, taken, gate, tally, news_tx));
    let end = wait_for_end(news_rx, args.timeout, interrupts).await;
    let running = Running { server, watchdog, gate, writer, started, couriers };
    stop(args, end, running, temporary, &lines).await
}

/// Ends a run that failed as it started serving: the webhook deleted, the output finished.
async fn abandon(
    e: anyhow::Error,
    temporary: Option<&mut Temporary>,
    lines: &Lines,
    writer: Writer,
) -> anyhow::Result<()> {
    if let Some(t) = temporary {
        t.delete(lines).await;
    }
    writer.finish(None, Instant::now() + NOTE_TIME).await;
    Err(e)
}

/// What runs while the listener listens.
struct Running {
    server: Server,
    watchdog: Option<Watching>,
    gate: tokio::task::JoinHandle<(Gate, Option<Tally>)>,
    writer: Writer,
    started: std::time::SystemTime,
    couriers: Option<Couriers>,
}

/// Stops in order: the temporary webhook (Blue stops sending), the receiver (what Blue
/// already sent is answered), the couriers (what they had not forwarded stays queued), the
/// tunnel (it relays those answers), then the output.
async fn stop(
    args: &Settings,
    end: End,
    running: Running,
    temporary: Option<&mut Temporary>,
    lines: &Lines,
) -> anyhow::Result<()> {
    let Running { server, watchdog, gate, writer, started, couriers } = running;
    if let Some(t) = temporary {
        t.delete(lines).await;
    }
    // From here on the listener exits within the drain time, whatever its output does.
    let deadline = Instant::now() + receiver::DRAIN;
    let stats = server.stats();
    server.shutdown().await;
    if let Some(couriers) = couriers {
        couriers.stop().await;
    }
    stop_watchdog(watchdog, deadline - NOTE_TIME).await;
    let (gate, tally) = gate.await.map_err(|_| anyhow::anyhow!("the CI gate failed"))?;
    let counts = stats.snapshot();
    if let (Some(path), Some(tally)) = (&args.junit, tally) {
        write_junit(path, &tally, started, &end)?;
    }
    let summary = args.json.then(|| (counts, gate.missing()));
    let written = writer.finish(summary, deadline - NOTE_TIME).await;
    finish(end, &counts, &gate, written, (deadline, &args.console))
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

fn warn_unverified(console: &Console, no_secret: bool) {
    if no_secret {
        console.warn(
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
    args: &Settings,
    fanout: &Arc<Fanout>,
    explainer: Option<Arc<Explainer>>,
) -> anyhow::Result<Option<Inspecting>> {
    let Some((host, port, public)) = args.inspect.clone() else { return Ok(None) };
    let keep = args.inspect_keep;
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
        args: &Settings,
        secret: Option<&str>,
        routing: Option<&Routing>,
    ) -> anyhow::Result<inspector::Running> {
        let options = inspector::Options {
            host: self.host,
            port: self.port,
            keep: args.inspect_keep,
            signer: secret.map(|s| Signer::new(s.as_bytes())),
            target: Some(
                routing.and_then(Routing::first_url).map_or_else(|| server.url(), String::from),
            ),
            append: None,
            trace: crate::send::trace::Trace::new(args.verbose, None, &args.console),
        };
        let running = inspector::start(options, self.store).await?;
        if self.public {
            warn_public(&args.console, running.addr());
        }
        Ok(running)
    }
}

/// Says why rejected signatures failed, trying the other saved webhooks' secrets too; none
/// without a secret. An unreadable config file only leaves those secrets out.
fn explainer(
    secret: Option<&str>,
    saved: SavedSecrets,
    console: &Console,
) -> Option<Arc<Explainer>> {
    let secret = secret?;
    let others = match saved {
        Ok(others) => others,
        Err(e) => {
            console.warn(format!("saved webhook secrets not used to explain signatures: {e:#}"));
            Default::default()
        }
    };
    Some(Arc::new(Explainer::new(secret.as_bytes(), others)))
}

/// The warning for an inspector served beyond loopback.
pub fn warn_public(console: &Console, addr: std::net::SocketAddr) {
    console.warn(format!(
        "the inspector on {addr} is reachable from other machines: anyone with its URL \
         (token included) sees every delivery and can replay them"
    ));
}

/// Kept from the drain time for the closing note on stderr.
const NOTE_TIME: Duration = Duration::from_millis(500);

/// At most this long for a tunnel program to stop by itself once asked.
const TUNNEL_GRACE: Duration = Duration::from_secs(3);

/// Keeps the CI gate: sees every delivery (its lane never drops) and, with
/// `--answer-first`, every one the app took from the queue; does no I/O.
async fn keep_gate(
    deliveries: Option<Subscription>,
    mut taken: mpsc::UnboundedReceiver<Option<String>>,
    mut gate: Gate,
    mut tally: Option<Tally>,
    news: mpsc::UnboundedSender<News>,
) -> (Gate, Option<Tally>) {
    if gate.is_met() {
        let _ = news.send(News::Met);
    }
    let Some(mut deliveries) = deliveries else { return (gate, tally) };
    loop {
        let met = tokio::select! {
            d = deliveries.recv() => match d {
                Some(d) => {
                    if let Some(tally) = &mut tally
                        && d.outcome == Outcome::Accepted
                        && d.queued.is_none()
                        && !gate.is_met()
                    {
                        tally.observe(d.event.as_deref(), d.received_at);
                    }
                    gate.observe(&d)
                }
                None => break,
            },
            Some(event) = taken.recv() => {
                if let Some(tally) = tally.as_mut().filter(|_| !gate.is_met()) {
                    tally.observe(event.as_deref(), std::time::SystemTime::now());
                }
                gate.observe_taken(event.as_deref())
            }
        };
        if met {
            let _ = news.send(News::Met);
        }
    }
    (gate, tally)
}

/// The couriers of `--answer-first`, one per route, and how to stop them.
struct Couriers {
    stop: watch::Sender<bool>,
    running: Vec<tokio::task::JoinHandle<()>>,
}

impl Couriers {
    /// Stops them: an attempt under way is cut, and its delivery stays queued.
    async fn stop(self) {
        let _ = self.stop.send(true);
        for c in self.running {
            let _ = c.await;
        }
    }
}

/// With `--answer-first`: says what earlier runs left queued, and starts a courier per route;
/// their reports go to the output, and what the app took to the gate.
async fn couriers(
    args: &Settings,
    routing: Option<&Routing>,
    lines: &Lines,
    taken: mpsc::UnboundedSender<Option<String>>,
) -> Option<Couriers> {
    let (routing, answer_first) = (routing?, args.answer_first.as_ref()?);
    let queue = routing.queue.clone()?;
    report_pending(&queue, routing, &args.console).await;
    let (reports, mut reported) = mpsc::unbounded_channel::<message::Forward>();
    let lines = lines.clone();
    tokio::spawn(async move {
        while let Some(f) = reported.recv().await {
            if f.state == message::ForwardState::Delivered {
                let _ = taken.send(f.event.clone());
            }
            lines.send(Message::Forward(f));
        }
    });
    let (stop, stopped) = watch::channel(false);
    // One courier per app URL: two routes to the same app share its order.
    let mut urls = std::collections::HashSet::new();
    let running = routing
        .forwarders
        .iter()
        .filter(|f| urls.insert(f.url().to_string()))
        .map(|f| {
            let courier = Courier {
                queue: queue.clone(),
                forwarder: f.clone(),
                retry: answer_first.retry,
                reports: reports.clone(),
            };
            tokio::spawn(courier.run(stopped.clone()))
        })
        .collect();
    Some(Couriers { stop, running })
}

/// What earlier runs left in the queue: forwarded first, or left there when no route of
/// this run goes to their app.
async fn report_pending(queue: &Queue, routing: &Routing, console: &Console) {
    let Ok(pending) = queue.pending().await else { return };
    for (target, n) in pending {
        if routing.forwarders.iter().any(|f| f.url() == target) {
            console.note(format!("bluehook: {n} queued deliveries for {target} go first"));
        } else {
            console.warn(format!(
                "{n} queued deliveries for {target} stay in {}: no --forward-to of this run \
                 goes there",
                queue.path().display()
            ));
        }
    }
}

/// `--forward-to`'s routes with their forwarders, and with `--answer-first` the queue; each
/// URL's password (as given and as resolved) is a secret from here on.
async fn routing(args: &Settings) -> anyhow::Result<Option<Arc<Routing>>> {
    if args.routes.is_empty() {
        return Ok(None);
    }
    for r in &args.routes {
        args.console.url_password(&r.url);
    }
    let queue = match &args.answer_first {
        Some(a) => {
            Some(Queue::open(&a.queue).map_err(|e| Failure::new(Exit::Failure, format!("{e:#}")))?)
        }
        None => None,
    };
    let trace = crate::send::trace::Trace::new(args.verbose, None, &args.console);
    let routing = Routing::new(args.routes.clone(), trace, queue)?;
    for f in &routing.forwarders {
        args.console.url_password(f.url());
    }
    Ok(Some(Arc::new(routing)))
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
        End::Driven(_) => "the run it served ended".to_string(),
    };
    let arrived = tally.arrived();
    let elapsed = started.elapsed().unwrap_or_default();
    let run = junit::Run { started, elapsed, end: &end, arrived: &arrived };
    junit::write(path, &junit::report(&tally.expectations(), &run))
}

fn bind_failure(err: anyhow::Error, port: u16) -> anyhow::Error {
    let message = format!("{err:#}");
    let mut failure = Failure::new(Exit::Failure, message);
    let kind = err.downcast_ref::<io::Error>().map(io::Error::kind);
    if let Some(hint) = kind.and_then(|k| bind_hint(k, port)) {
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
async fn refuse_forwarding_to_itself(addr: SocketAddr, routing: &Routing) -> anyhow::Result<()> {
    for forwarder in &routing.forwarders {
        if forwarder.targets(addr).await {
            let url = forwarder.url();
            let message = format!("--forward-to {url} is this listener itself ({addr})");
            let hint = "forward to your app's address, not bluehook's";
            return Err(Failure::usage(message).with_hint(hint).into());
        }
    }
    Ok(())
}

fn human(args: &Settings) -> Human {
    Human {
        compact: args.compact,
        body: args.body,
        color: output::stdout_has_color(),
        width: crate::term::width::terminal_width(),
    }
}

/// Starts the watchdog on the tunnel, and reports what it sees: a line on stderr, and in
/// NDJSON `{"type":"tunnel","state":"down"|"up","url"}`.
fn watch_tunnel(
    tunnel: Tunnel,
    args: &Settings,
    server: &Server,
    probes: Option<Arc<Probes>>,
    secret: &Option<String>,
    mover: Option<Mover>,
    (news, lines): (&mpsc::UnboundedSender<News>, &Lines),
) -> Watching {
    let (exit, console) = (args.exit_on_disconnect, args.console.clone());
    let watchdog = Watchdog {
        spec: args.tunnel.clone().expect("watched only with a tunnel"),
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
    let (mut mover, lines) = (mover, lines.clone());
    tokio::spawn(async move {
        while let Some(state) = states.recv().await {
            report_tunnel(&state, &lines, &console);
            match (&state, &mut mover) {
                (watchdog::State::Down { .. }, _) if exit => {
                    let _ = news.send(News::Disconnected);
                }
                (watchdog::State::Up { url }, Some(mover)) => mover.move_to(url, &lines).await,
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

fn report_tunnel(state: &watchdog::State, lines: &Lines, console: &Console) {
    let (state, url, why) = match state {
        watchdog::State::Down { url, why } => (TunnelState::Down, url, Some(why)),
        watchdog::State::Up { url } => (TunnelState::Up, url, None),
    };
    lines.send(Message::Tunnel(message::Tunnel { state, url: url.clone() }));
    match why {
        Some(why) => console.warn(format!("tunnel down: {url} ({why})")),
        None => console.note(format!("bluehook: tunnel up: {url}")),
    }
}

/// The path the listener serves, to append to a public URL.
fn public_path(args: &Settings) -> String {
    args.receiver.path.as_deref().map_or("/".into(), |p| format!("/{}", p.trim_start_matches('/')))
}

/// `--tunnel`: opens it to the receiver; a usage error for a tunnel that does not exist.
async fn open_tunnel(args: &Settings, port: u16) -> anyhow::Result<Option<Tunnel>> {
    let Some(spec) = &args.tunnel else { return Ok(None) };
    let path = public_path(args);
    args.console.note(format!("bluehook: opening a tunnel with {}...", spec.name()));
    Tunnel::open(spec, port, &path).await.map(Some)
}

/// What the ready line names beside the listener's own URL.
struct Ready<'a> {
    routing: Option<&'a Routing>,
    inspector: Option<String>,
    public_url: Option<String>,
}

/// The ready line: on stderr for people, and first on stdout with `--json`.
fn announce(
    server: &Server,
    args: &Settings,
    verifying: bool,
    ready: Ready,
    lines: &Lines,
) -> anyhow::Result<()> {
    let url = server.url();
    lines.send(Message::Ready(message::Ready {
        url: url.clone(),
        port: server.addr().port(),
        public_url: ready.public_url.clone(),
        inspector: ready.inspector.clone(),
    }));
    let mut what = vec![if verifying { "verifying X-Signature" } else { "not verifying" }];
    let (record, forward);
    if let Some(path) = &args.receiver.record {
        record = format!("recording to {}", path.display());
        what.push(&record);
    }
    if let Some(routing) = ready.routing {
        forward = forwarding_text(routing, args);
        what.push(&forward);
    }
    let bold = output::BOLD;
    let public = ready.public_url.map(|u| format!(" and {bold}{u}{bold:#}")).unwrap_or_default();
    let console = &args.console;
    console.note(format!(
        "bluehook: listening on {bold}{url}{bold:#}{public} ({}); Ctrl-C to stop",
        what.join(", ")
    ));
    if !(args.json || args.compact || args.body) {
        console.note("bluehook: --compact shows one line per delivery, --body whole bodies");
    }
    if let Some(page) = ready.inspector {
        console.note(format!("bluehook: inspector on {bold}{page}{bold:#}"));
    }
    Ok(())
}

/// `forwarding to URL` (the resolved URL: `localhost:3000` shows as http://localhost:3000/),
/// each route's events, and with `--answer-first` the queue.
fn forwarding_text(routing: &Routing, args: &Settings) -> String {
    let to: Vec<String> = routing
        .routes
        .iter()
        .zip(&routing.forwarders)
        .map(|(r, f)| match &r.pattern {
            Some(p) => format!("{} ({p})", f.url()),
            None => f.url().to_string(),
        })
        .collect();
    let mut text = format!("forwarding to {}", to.join(", "));
    if let (Some(a), Some(q)) = (&args.answer_first, &routing.queue) {
        text.push_str(&format!(
            " after answering, from the queue {} ({} waiting, {} attempts each)",
            q.path().display(),
            q.waiting(),
            a.retry.attempts
        ));
    }
    text
}

/// What the gate and the output thread tell the command.
enum News {
    /// Every expectation is met.
    Met,
    /// Stdout failed (a closed pipe, a full disk).
    OutputFailed(io::Error),
    /// The tunnel went down, with `--exit-on-disconnect`.
    Disconnected,
    /// The driver ended.
    Driven(anyhow::Result<()>),
}

/// Why the listener stopped.
enum End {
    Met,
    TimedOut(Duration),
    Interrupted,
    OutputFailed(io::Error),
    Disconnected,
    Driven(anyhow::Result<()>),
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
            Some(News::Driven(result)) => End::Driven(result),
            None => End::Interrupted,
        },
        _ = deadline => End::TimedOut(timeout.unwrap_or_default()),
        _ = interrupts.recv() => End::Interrupted,
    }
}

/// Ends the run: the closing note on stderr (within the drain time) and the exit code.
fn finish(
    end: End,
    counts: &Counts,
    gate: &Gate,
    written: Written,
    (deadline, console): (Instant, &Console),
) -> anyhow::Result<()> {
    if let End::OutputFailed(e) = end {
        return Err(e.into());
    }
    let (mut note, result) = conclusion(end, counts, gate, written.dropped);
    if !written.finished {
        note.push_str("\nbluehook: stdout is blocked; stopped without waiting for it");
    }
    if note_within(note, deadline, console) {
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
        End::Driven(result) => (format!("bluehook: {summary}"), result),
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
fn note_within(note: String, deadline: Instant, console: &Console) -> bool {
    let (done, noted) = std::sync::mpsc::channel();
    let console = console.clone();
    std::thread::spawn(move || {
        console.note(note);
        let _ = done.send(());
    });
    let left = deadline.saturating_duration_since(Instant::now()).max(NOTE_TIME / 5);
    noted.recv_timeout(left).is_ok()
}

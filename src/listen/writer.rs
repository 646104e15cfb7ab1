//! The one thread that owns stdout while `listen` runs: each delivery as NDJSON or for
//! people, in arrival order and in batches, a notice where the output fell behind, the other
//! lines (ready, tunnel, webhook, forward attempts) as they come, and the summary line. A
//! blocked stdout holds up only this thread, never an answer.

use std::io::{self, BufWriter, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

use crate::listen::check::Outcome;
use crate::listen::delivery::Delivery;
use crate::listen::explain::Explainer;
use crate::listen::fanout::{self, Subscription};
use crate::listen::message::Message;
use crate::listen::receiver::Counts;
use crate::listen::render::{self, Human};
use crate::term::Console;

/// How deliveries are written.
#[derive(Clone, Copy)]
pub struct Format {
    pub json: bool,
    pub human: Human,
    /// `-v`: each request's headers and the answer on stderr.
    pub verbose: u8,
}

/// What became of the output when the listener stopped.
pub struct Written {
    /// Every delivery it was given and the summary line were written.
    pub finished: bool,
    /// Deliveries left out because the output could not keep up.
    pub dropped: u64,
}

/// The least time the writer gets to write what is left and the summary line.
const LAST_WORD: Duration = Duration::from_millis(100);

/// The one thread that owns stdout: prints deliveries in arrival order, in batches (one flush
/// whenever its lane is empty), with a notice wherever some were dropped. A blocked stdout
/// holds up only this thread.
pub struct Writer {
    /// Lines other than requests, written between batches of deliveries.
    lines: mpsc::UnboundedSender<Message>,
    summary: oneshot::Sender<Summary>,
    done: oneshot::Receiver<()>,
    dropped: Arc<AtomicU64>,
}

/// The closing line's content (with `--json`): the counts and what `--expect` missed.
type Summary = Option<(Counts, Vec<String>)>;

impl Writer {
    /// Starts the thread; `failed` is called (once) if a write to stdout fails. Rejected
    /// signatures are explained once `explainer` is set (before the first delivery).
    pub fn spawn(
        deliveries: Subscription,
        format: Format,
        explainer: Arc<std::sync::OnceLock<Arc<Explainer>>>,
        console: Console,
        failed: impl FnOnce(io::Error) + Send + 'static,
    ) -> Self {
        let (summary, summary_rx) = oneshot::channel();
        let (done_tx, done) = oneshot::channel();
        let dropped = Arc::new(AtomicU64::new(0));
        let counted = dropped.clone();
        let (lines, lines_rx) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            let out = BufWriter::with_capacity(64 * 1024, io::stdout());
            let failed: Box<dyn FnOnce(io::Error) + Send> = Box::new(failed);
            let mut out =
                Output { out: Some(out), failed: Some(failed), dropped: counted, console };
            let inputs = Inputs { deliveries, lines: lines_rx, summary: summary_rx };
            if let Some((counts, missing)) = out.everything(inputs, format, &explainer) {
                out.summary(&counts, &missing);
            }
            let _ = done_tx.send(());
        });
        Writer { lines, summary, done, dropped }
    }

    /// Where to send lines other than requests.
    pub fn line(&self) -> Lines {
        Lines(self.lines.clone())
    }

    /// Hands over the summary line (with `--json`) once the receiver has shut down and every
    /// other line was sent, and waits for everything to be written, but not past `until` (or
    /// [`LAST_WORD`] from now, when a slow drain used the time up: a stdout that takes writes
    /// gets its summary line).
    pub async fn finish(self, summary: Summary, until: Instant) -> Written {
        let _ = self.summary.send(summary);
        let until = until.max(Instant::now() + LAST_WORD);
        let finished = tokio::time::timeout_at(until, self.done).await.is_ok();
        let dropped = self.dropped.load(Ordering::Relaxed);
        Written { finished, dropped }
    }
}

/// Where lines other than requests are handed to the writer; cloned by whoever has some.
#[derive(Clone)]
pub struct Lines(mpsc::UnboundedSender<Message>);

impl Lines {
    pub fn send(&self, line: Message) {
        let _ = self.0.send(line);
    }
}

/// What the writer thread reads: deliveries, the other lines, and the end.
struct Inputs {
    deliveries: Subscription,
    lines: mpsc::UnboundedReceiver<Message>,
    summary: oneshot::Receiver<Summary>,
}

/// What the writer thread does next.
enum Next {
    Line(Message),
    Delivery(Arc<Delivery>),
    DeliveriesEnded,
    Finish(Summary),
}

/// An app slower than this, without `--answer-first`, gets a hint (once): Blue gives up at 7 s.
const SLOW_APP: Duration = Duration::from_secs(5);

/// Stdout as the writer thread holds it; `None` once a write failed.
struct Output {
    out: Option<BufWriter<io::Stdout>>,
    failed: Option<Box<dyn FnOnce(io::Error) + Send>>,
    dropped: Arc<AtomicU64>,
    /// Where `-v` exchanges and the slow-app hint go.
    console: Console,
}

impl Output {
    /// Writes lines and deliveries as they come until the summary is handed over (after the
    /// receiver shut down, so every delivery is in by then); returns it.
    fn everything(
        &mut self,
        mut inputs: Inputs,
        format: Format,
        explainer: &std::sync::OnceLock<Arc<Explainer>>,
    ) -> Summary {
        let runtime = tokio::runtime::Builder::new_current_thread().build().ok()?;
        let (mut ended, mut hinted) = (false, false);
        loop {
            let next = runtime.block_on(async {
                tokio::select! {
                    biased;
                    Some(line) = inputs.lines.recv() => Next::Line(line),
                    d = inputs.deliveries.recv(), if !ended => match d {
                        Some(d) => Next::Delivery(d),
                        None => Next::DeliveriesEnded,
                    },
                    summary = &mut inputs.summary => Next::Finish(summary.ok().flatten()),
                }
            });
            match next {
                Next::Line(line) => self.write(|w| {
                    render::line(w, &line, format.json, format.human).and_then(|()| w.flush())
                }),
                Next::Delivery(d) => {
                    let explainer = explainer.get().map(|e| &**e);
                    self.batch(d, &mut inputs.deliveries, format, explainer, &mut hinted);
                }
                Next::DeliveriesEnded => ended = true,
                Next::Finish(summary) => {
                    while let Ok(line) = inputs.lines.try_recv() {
                        self.write(|w| render::line(w, &line, format.json, format.human));
                    }
                    self.dropped_notice(inputs.deliveries.take_dropped(), format);
                    return summary;
                }
            }
        }
    }

    /// Writes `first` and the deliveries already waiting behind it, then flushes.
    fn batch(
        &mut self,
        first: Arc<Delivery>,
        deliveries: &mut Subscription,
        format: Format,
        explainer: Option<&Explainer>,
        hinted: &mut bool,
    ) {
        // Held for the whole batch, so nothing else writing stdout lands inside a line.
        let _batch = io::stdout().lock();
        let console = self.console.clone();
        let (mut next, mut batch) = (Some(first), 0);
        while let Some(d) = next {
            if format.verbose > 0 {
                self.write(|w| w.flush());
                console.note(render::exchange_text(&d, format.verbose));
            }
            self.write(|w| write_delivery(w, &d, format, explainer));
            slow_app_hint(&d, hinted, &console);
            next = deliveries.try_recv();
            batch += 1;
        }
        self.dropped_notice(deliveries.take_dropped(), format);
        self.write(|w| w.flush());
        drop(_batch);
        if batch > 1 {
            std::thread::sleep(fanout::LINGER);
        }
    }

    fn dropped_notice(&mut self, n: u64, format: Format) {
        if n > 0 {
            self.dropped.fetch_add(n, Ordering::Relaxed);
            self.write(|w| render::dropped(w, n, format.json, format.human));
        }
    }

    fn summary(&mut self, counts: &Counts, missing: &[String]) {
        let dropped = self.dropped.load(Ordering::Relaxed);
        self.write(|w| render::summary_json(w, counts, missing, dropped));
        self.write(|w| w.flush());
    }

    /// Runs one write; on failure stops writing and tells the command.
    fn write(&mut self, f: impl FnOnce(&mut BufWriter<io::Stdout>) -> io::Result<()>) {
        let Some(w) = self.out.as_mut() else { return };
        if let Err(e) = f(w) {
            self.out = None;
            if let Some(failed) = self.failed.take() {
                failed(e);
            }
        }
    }
}

/// Once per run: an app that took longer than [`SLOW_APP`] to answer would have made Blue
/// time out; `--answer-first` is the way out.
fn slow_app_hint(d: &Delivery, hinted: &mut bool, console: &Console) {
    let Some(f) = &d.forwarded else { return };
    if *hinted || f.latency < SLOW_APP {
        return;
    }
    *hinted = true;
    console.note(format!(
        "bluehook: hint: your app took {:.1} s to answer; Blue gives up at 7 s, retries, and \
         disables the webhook after 5 failures. --answer-first answers Blue at once and \
         forwards from a queue on disk",
        f.latency.as_secs_f64()
    ));
}

fn write_delivery(
    w: &mut impl Write,
    d: &Delivery,
    format: Format,
    explainer: Option<&Explainer>,
) -> io::Result<()> {
    // Only signature rejections get an explanation (`explain`, null past the rate limit).
    let rejected = matches!(d.outcome, Outcome::BadSignature(_));
    let explained = explainer.filter(|_| rejected).map(|e| e.explain(d));
    if let Some(e) = explainer {
        e.observe(d);
    }
    let explain = explained.as_ref().map(|e| e.as_deref());
    if format.json {
        render::request_json_explained(w, d, explain)
    } else {
        render::request_human_explained(w, d, format.human, explain.flatten())
    }
}

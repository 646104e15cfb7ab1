//! The one thread that owns stdout while `listen` runs: each delivery as NDJSON or for
//! people, in arrival order and in batches, a notice where the output fell behind, and the
//! summary line. A blocked stdout holds up only this thread, never an answer.

use std::io::{self, BufWriter, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::time::Instant;

use crate::listen::check::Outcome;
use crate::listen::delivery::Delivery;
use crate::listen::explain::Explainer;
use crate::listen::fanout::{self, Subscription};
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
    summary: std::sync::mpsc::Sender<Option<(Counts, Vec<String>)>>,
    done: oneshot::Receiver<()>,
    dropped: Arc<AtomicU64>,
}

impl Writer {
    /// Starts the thread; `failed` is called (once) if a write to stdout fails.
    pub fn spawn(
        deliveries: Subscription,
        format: Format,
        explainer: Option<Arc<Explainer>>,
        console: Console,
        failed: impl FnOnce(io::Error) + Send + 'static,
    ) -> Self {
        let (summary, summary_rx) = std::sync::mpsc::channel::<Option<(Counts, Vec<String>)>>();
        let (done_tx, done) = oneshot::channel();
        let dropped = Arc::new(AtomicU64::new(0));
        let counted = dropped.clone();
        std::thread::spawn(move || {
            let out = BufWriter::with_capacity(64 * 1024, io::stdout());
            let failed: Box<dyn FnOnce(io::Error) + Send> = Box::new(failed);
            let mut out = Output { out: Some(out), failed: Some(failed), dropped: counted };
            out.deliveries(deliveries, (format, &console), explainer.as_deref());
            if let Ok(Some((counts, missing))) = summary_rx.recv() {
                out.summary(&counts, &missing);
            }
            let _ = done_tx.send(());
        });
        Writer { summary, done, dropped }
    }

    /// Hands over the summary line (with `--json`) once the receiver has shut down, and waits
    /// for everything to be written, but not past `until` (or [`LAST_WORD`] from now, when a
    /// slow drain used the time up: a stdout that takes writes gets its summary line).
    pub async fn finish(self, summary: Option<(Counts, Vec<String>)>, until: Instant) -> Written {
        let _ = self.summary.send(summary);
        let until = until.max(Instant::now() + LAST_WORD);
        let finished = tokio::time::timeout_at(until, self.done).await.is_ok();
        let dropped = self.dropped.load(Ordering::Relaxed);
        Written { finished, dropped }
    }
}

/// Stdout as the writer thread holds it; `None` once a write failed.
struct Output {
    out: Option<BufWriter<io::Stdout>>,
    failed: Option<Box<dyn FnOnce(io::Error) + Send>>,
    dropped: Arc<AtomicU64>,
}

impl Output {
    fn deliveries(
        &mut self,
        mut deliveries: Subscription,
        (format, console): (Format, &Console),
        explainer: Option<&Explainer>,
    ) {
        while let Some(first) = deliveries.blocking_recv() {
            // Held for the whole batch, so other lines (the tunnel's) fall between deliveries.
            let _batch = io::stdout().lock();
            let (mut next, mut batch) = (Some(first), 0);
            while let Some(d) = next {
                self.write(|w| write_delivery(w, &d, (format, console), explainer));
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
        self.dropped_notice(deliveries.take_dropped(), format);
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

fn write_delivery(
    w: &mut impl Write,
    d: &Delivery,
    (format, console): (Format, &Console),
    explainer: Option<&Explainer>,
) -> io::Result<()> {
    if format.verbose > 0 {
        w.flush()?;
        console.note(render::exchange_text(d, format.verbose));
    }
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

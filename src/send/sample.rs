//! `bluehook send-sample`: signed sample deliveries (or the user's own body) to any receiver,
//! one with its answer shown, or many at once with a summary.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;

use crate::api::shown_url;
use crate::error::{Exit, Failure};
use crate::events::{
    Event,
    sample::{self, SampleOptions},
};
use crate::send::delivery::{self, Delivery, Outcome, Target};
use crate::send::load::{self, MakeDelivery, Summary};
use crate::signature::Signer;
use crate::term::input;
use crate::term::output::{BAD, DIM, OK, escape_control};

/// Exchanges `-v` shows in load mode.
pub const LOGGED_IN_LOAD: u64 = 5;

/// What the bodies are: the user's file, or samples of the event.
pub struct Body {
    /// `--data FILE`: these bytes, unchanged.
    pub data: Option<PathBuf>,
    pub seed: Option<u64>,
    /// The project id the samples name.
    pub project: Option<String>,
    /// A fresh sample per request (ids and times differ).
    pub unique: bool,
    pub count: u64,
}

/// How the deliveries go and are shown.
pub struct Settings {
    pub target: Arc<Target>,
    /// The event shown; `None` for `--data`.
    pub event: Option<&'static str>,
    pub count: u64,
    pub concurrency: usize,
    pub json: bool,
    /// Print the body that was sent.
    pub print: bool,
}

/// Sends one delivery and shows its answer, or many with a summary; the error carries the
/// exit code (5 when a delivery failed).
pub async fn run(s: Settings, make: MakeDelivery) -> anyhow::Result<()> {
    if s.count <= 1 { single(&s, &make(0)).await } else { many(&s, make).await }
}

/// The delivery for request n: the user's file, one sample N times, or fresh samples.
pub fn deliveries(
    body: &Body,
    event: &'static Event,
    signer: Option<Signer>,
    (url, console): (&str, &crate::term::Console),
) -> anyhow::Result<MakeDelivery> {
    if let Some(path) = &body.data {
        let body = input::read_body(Some(path))?;
        if serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_err() {
            console.warn("the --data body is not valid JSON; sending it unchanged");
        }
        let fixed = Delivery::new(body, signer.as_ref());
        return Ok(Arc::new(move |_| fixed.clone()));
    }
    let mut opts = match body.seed {
        Some(seed) => SampleOptions::seeded(seed, url),
        None => SampleOptions {
            seed: fresh_seed(),
            now: SystemTime::now(),
            url: url.into(),
            project: None,
        },
    };
    opts.project = body.project.clone();
    if body.unique && body.count > 1 {
        return Ok(Arc::new(move |n| {
            let o = SampleOptions { seed: opts.seed.wrapping_add(n), ..opts.clone() };
            Delivery::new(sample::body(event, &o), signer.as_ref())
        }));
    }
    let fixed = Delivery::new(Bytes::from(sample::body(event, &opts)), signer.as_ref());
    Ok(Arc::new(move |_| fixed.clone()))
}

/// A seed that differs on every run (and between processes started together).
pub fn fresh_seed() -> u64 {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_nanos();
    (nanos as u64) ^ (u64::from(std::process::id()) << 32)
}

async fn single(s: &Settings, d: &Delivery) -> anyhow::Result<()> {
    let target = &s.target;
    let client = delivery::client(target, 1)?;
    let outcome = delivery::send(&client, target, d, true).await;
    let name = s.event;
    let mut out = anstream::stdout().lock();
    if s.json {
        let v = serde_json::json!({
            "url": shown_url(target.url.as_str()), "event": name, "bytes": d.body.len(),
            "signature": d.signature, "ok": outcome.ok(), "result": outcome,
            "body": s.print.then(|| String::from_utf8_lossy(&d.body)),
        });
        writeln!(out, "{v}")?;
    } else {
        if s.print {
            out.write_all(&d.body)?;
            writeln!(out)?;
        }
        print_outcome(&mut out, target, name, d, &outcome)?;
    }
    drop(out);
    delivery_result(&outcome, target)
}

fn print_outcome(
    out: &mut impl Write,
    target: &Target,
    event: Option<&str>,
    d: &Delivery,
    o: &Outcome,
) -> std::io::Result<()> {
    let signed = match &d.signature {
        Some(s) => format!("signed {}…", &s[..12]),
        None => "unsigned".to_string(),
    };
    let event = event.unwrap_or("--data");
    let url = shown_url(target.url.as_str());
    writeln!(out, "POST {url}  {event}  {} bytes  {DIM}{signed}{DIM:#}", d.body.len())?;
    let ms = o.latency.as_secs_f64() * 1e3;
    match o.status {
        Some(s) => {
            let style = if o.ok() { OK } else { BAD };
            let reason = reqwest::StatusCode::from_u16(s)
                .ok()
                .and_then(|c| c.canonical_reason())
                .unwrap_or("");
            writeln!(out, "{style}{s} {reason}{style:#}  in {ms:.1} ms")?;
        }
        None => writeln!(out, "{BAD}no response{BAD:#}  after {ms:.1} ms")?,
    }
    // The receiver's own text: shown line by line, its control characters made visible.
    for line in o.response.trim_end().lines() {
        writeln!(out, "{}", escape_control(line))?;
    }
    Ok(())
}

/// Exit 0 on a 2xx, else 5 with a message saying which failure it was.
fn delivery_result(o: &Outcome, target: &Target) -> anyhow::Result<()> {
    let Some(kind) = o.failure else { return Ok(()) };
    let mut msg = format!("delivery to {} failed: {}", target.url, kind.describe());
    let detail = o.detail.as_deref().map(escape_control);
    match (o.status, detail) {
        (Some(s), Some(location)) => msg.push_str(&format!(" (HTTP {s} to {location})")),
        (Some(s), None) => msg.push_str(&format!(" (HTTP {s})")),
        (None, Some(detail)) => msg.push_str(&format!(" ({detail})")),
        (None, None) => {}
    }
    let mut failure = Failure::new(Exit::DeliveryFailed, msg);
    if let Some(hint) = kind.hint() {
        failure = failure.with_hint(hint);
    }
    Err(failure.into())
}

async fn many(s: &Settings, make: MakeDelivery) -> anyhow::Result<()> {
    let (target, count) = (s.target.clone(), s.count);
    let concurrency = s.concurrency.clamp(1, count as usize);
    let client = delivery::client(&target, concurrency)?;
    let failed = Arc::new(AtomicU64::new(0));
    let bar = progress_bar(count, failed.clone());
    let on_done: Option<load::OnDone> = bar.clone().map(|b| {
        Arc::new(move |_, o: &Outcome| {
            if !o.ok() {
                failed.fetch_add(1, Ordering::Relaxed);
            }
            b.inc(1)
        }) as load::OnDone
    });
    let stop = Arc::new(AtomicBool::new(false));
    let run = load::run(client, target.clone(), make, count, concurrency, on_done, stop.clone());
    let interrupts = crate::signals::Interrupts::new()?;
    let summary = load::interruptible(run, &stop, interrupts, target.trace.console()).await;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    print_summary(s.json, &target, concurrency, &summary)?;
    load_result(&summary, &target)
}

/// 130 when interrupted; 5 when the run gave up or any delivery failed.
fn load_result(summary: &Summary, target: &Target) -> anyhow::Result<()> {
    if summary.interrupted {
        return Err(Failure::silent(Exit::Interrupted).into());
    }
    let first = escape_control(summary.first_error.as_deref().unwrap_or_default());
    if summary.gave_up {
        let msg = format!(
            "stopped after {} deliveries: none could connect to {} ({first}); {} not sent",
            summary.sent,
            shown_url(target.url.as_str()),
            summary.not_sent
        );
        let hint = summary.failures.contains_key("dns").then_some("check the host name in the URL");
        let hint = hint.unwrap_or("start the receiver first, or `bluehook listen` to have one");
        return Err(Failure::new(Exit::DeliveryFailed, msg).with_hint(hint).into());
    }
    if summary.succeeded < summary.sent {
        let failed = summary.sent - summary.succeeded;
        let msg = format!("{failed} of {} deliveries failed (first: {first})", summary.sent);
        return Err(Failure::new(Exit::DeliveryFailed, msg).into());
    }
    Ok(())
}

/// `████████░░░░ 12000/20000 8512/s 3 failed eta 1s`: the bar takes what the line leaves.
fn progress_bar(count: u64, failed: Arc<AtomicU64>) -> Option<indicatif::ProgressBar> {
    use indicatif::ProgressState;
    if !crate::term::output::stderr_is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(count);
    let style =
        indicatif::ProgressStyle::with_template("{wide_bar} {pos}/{len} {rate}{failed} eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&rate(s.per_sec()));
            })
            .with_key("failed", move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                let n = failed.load(Ordering::Relaxed);
                let _ = w.write_str(&failures(n));
            });
    bar.set_style(style);
    Some(bar)
}

/// `8512/s`, `12.5/s`: whole numbers from 100 up, one decimal below.
fn rate(per_sec: f64) -> String {
    if !per_sec.is_finite() {
        return "-/s".into();
    }
    if per_sec >= 100.0 { format!("{per_sec:.0}/s") } else { format!("{per_sec:.1}/s") }
}

/// ` 3 failed` (coloured), or nothing.
fn failures(n: u64) -> String {
    if n == 0 { String::new() } else { format!(" {BAD}{n} failed{BAD:#}") }
}

fn print_summary(json: bool, target: &Target, conc: usize, s: &Summary) -> anyhow::Result<()> {
    let mut out = anstream::stdout().lock();
    if json {
        serde_json::to_writer(&mut out, s)?;
        writeln!(out)?;
        return Ok(());
    }
    let secs = s.elapsed_ms / 1e3;
    writeln!(
        out,
        "sent {} deliveries to {} in {secs:.2}s over {conc} connections",
        s.sent,
        shown_url(target.url.as_str())
    )?;
    let ok = if s.succeeded > 0 { OK } else { BAD };
    writeln!(out, "  2xx        {ok}{}{ok:#}", s.succeeded)?;
    let statuses: Vec<String> = s
        .statuses
        .iter()
        .filter(|(c, _)| !(200..300).contains(*c))
        .map(|(c, n)| format!("{c}: {n}"))
        .collect();
    let detail =
        if statuses.is_empty() { String::new() } else { format!("  ({})", statuses.join(", ")) };
    let bad = |n: u64| if n > 0 { BAD } else { anstyle::Style::new() };
    let (nb, eb) = (bad(s.non_2xx), bad(s.errors));
    writeln!(out, "  non-2xx    {nb}{}{nb:#}{DIM}{detail}{DIM:#}", s.non_2xx)?;
    let kinds: Vec<String> = s
        .failures
        .iter()
        .filter(|(k, _)| *k != "status")
        .map(|(k, n)| format!("{k}: {n}"))
        .collect();
    let kinds = if kinds.is_empty() { String::new() } else { format!("  ({})", kinds.join(", ")) };
    writeln!(out, "  errors     {eb}{}{eb:#}{DIM}{kinds}{DIM:#}", s.errors)?;
    if s.not_sent > 0 {
        let why = if s.gave_up { "stopped: nothing could connect" } else { "interrupted" };
        writeln!(out, "  not sent   {}  {DIM}({why}){DIM:#}", s.not_sent)?;
    }
    writeln!(out, "  req/s      {}", s.requests_per_sec)?;
    match &s.latency_ms {
        Some(l) => writeln!(
            out,
            "  latency    p50 {} ms  p90 {} ms  p99 {} ms  max {} ms",
            l.p50, l.p90, l.p99, l.max
        )?,
        None => writeln!(out, "  latency    {DIM}- (nothing answered){DIM:#}")?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_rate_has_no_decimal_noise() {
        assert_eq!(rate(8_512.123_456), "8512/s");
        assert_eq!(rate(12.345_67), "12.3/s");
        assert_eq!(rate(f64::NAN), "-/s");
        assert_eq!(failures(0), "");
        assert!(failures(3).contains("3 failed"));
    }
}

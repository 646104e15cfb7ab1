use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;

use crate::api::shown_url;
use crate::cli::{GlobalArgs, SendSampleArgs};
use crate::error::{Exit, Failure};
use crate::events::{
    self, Event,
    sample::{self, SampleOptions},
};
use crate::send::delivery::{self, Delivery, Outcome, Target};
use crate::send::load::{self, MakeDelivery, Summary};
use crate::signature::Signer;
use crate::term::input;
use crate::term::output::{BAD, DIM, OK, escape_control};

pub async fn run(mut args: SendSampleArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    crate::term::output::url_password(&args.url);
    let mut target = target(&args)?;
    let logged = (args.count > 1).then_some(LOGGED_IN_LOAD);
    target.trace = crate::send::trace::Trace::new(global.verbose, logged);
    let target = Arc::new(target);
    if let Some(query) = &args.project {
        args.project = Some(project_id(query, global).await?);
    }
    let secret = super::secret(&args.secret, global)?;
    if secret.is_none() {
        crate::term::output::warn(
            "no secret given: sending without X-Signature (pass --secret or set BLUEHOOK_SECRET)",
        );
    }
    let signer = secret.map(|s| Signer::new(s.as_bytes()));
    let event = events::resolve(&args.event)
        .map_err(|e| Failure::usage(format!("{e} (--event)")).with_hint(e.hint()))?;
    let make = deliveries(&args, event, signer, target.url.as_str())?;
    if args.count > 1 && global.verbose > 0 {
        crate::term::output::note(format!(
            "bluehook: -v shows the first {LOGGED_IN_LOAD} exchanges of a load run"
        ));
    }
    if args.count <= 1 {
        single(&args, &target, event, &make(0)).await
    } else {
        many(&args, target, make).await
    }
}

/// Exchanges `-v` shows in load mode.
const LOGGED_IN_LOAD: u64 = 5;

/// The project id for `--project` (an id, a slug or an exact name) when Blue credentials are
/// configured; without them, or when Blue cannot be asked or knows no such project, the
/// value goes into the sample as given (a sample may name a project that does not exist).
async fn project_id(query: &str, global: &GlobalArgs) -> anyhow::Result<String> {
    let given = crate::config::Given::from_env();
    let timeout = std::time::Duration::from_secs(10);
    let Ok(client) = super::client_from(&given, timeout, global) else {
        return Ok(query.to_string());
    };
    if client.org().is_none() {
        return Ok(query.to_string());
    }
    let all = match client.list_projects(None).await {
        Ok(all) => all,
        Err(e) => {
            crate::term::output::warn(format!(
                "could not look up project `{query}` ({e:#}); the sample uses it as given"
            ));
            return Ok(query.to_string());
        }
    };
    match crate::api::projects::find(&all, query) {
        Ok(p) => Ok(p.id.clone()),
        Err(e) if crate::error::report(&e).exit == Exit::NotFound => Ok(query.to_string()),
        Err(e) => Err(e),
    }
}

fn target(args: &SendSampleArgs) -> anyhow::Result<Target> {
    Target::from_args(&args.url, &args.headers, args.timeout, args.insecure)
}

/// The delivery for request n: the user's file, one sample N times, or fresh samples.
fn deliveries(
    args: &SendSampleArgs,
    event: &'static Event,
    signer: Option<Signer>,
    url: &str,
) -> anyhow::Result<MakeDelivery> {
    if let Some(path) = &args.data {
        let body = input::read_body(Some(path))?;
        if serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_err() {
            crate::term::output::warn("the --data body is not valid JSON; sending it unchanged");
        }
        let fixed = Delivery::new(body, signer.as_ref());
        return Ok(Arc::new(move |_| fixed.clone()));
    }
    let mut opts = match args.seed {
        Some(seed) => SampleOptions::seeded(seed, url),
        None => SampleOptions {
            seed: fresh_seed(),
            now: SystemTime::now(),
            url: url.into(),
            project: None,
        },
    };
    opts.project = args.project.clone();
    if args.unique && args.count > 1 {
        return Ok(Arc::new(move |n| {
            let o = SampleOptions { seed: opts.seed.wrapping_add(n), ..opts.clone() };
            Delivery::new(sample::body(event, &o), signer.as_ref())
        }));
    }
    let fixed = Delivery::new(Bytes::from(sample::body(event, &opts)), signer.as_ref());
    Ok(Arc::new(move |_| fixed.clone()))
}

fn fresh_seed() -> u64 {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_nanos();
    (nanos as u64) ^ (u64::from(std::process::id()) << 32)
}

async fn single(
    args: &SendSampleArgs,
    target: &Target,
    event: &Event,
    d: &Delivery,
) -> anyhow::Result<()> {
    let client = delivery::client(target, 1)?;
    let outcome = delivery::send(&client, target, d, true).await;
    let name = if args.data.is_some() { None } else { Some(event.name) };
    let mut out = anstream::stdout().lock();
    if args.json {
        let v = serde_json::json!({
            "url": shown_url(target.url.as_str()), "event": name, "bytes": d.body.len(),
            "signature": d.signature, "ok": outcome.ok(), "result": outcome,
            "body": args.print.then(|| String::from_utf8_lossy(&d.body)),
        });
        writeln!(out, "{v}")?;
    } else {
        if args.print {
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

async fn many(
    args: &SendSampleArgs,
    target: Arc<Target>,
    make: MakeDelivery,
) -> anyhow::Result<()> {
    let concurrency = args.concurrency.clamp(1, args.count as usize);
    let client = delivery::client(&target, concurrency)?;
    let failed = Arc::new(AtomicU64::new(0));
    let bar = progress_bar(args.count, failed.clone());
    let on_done: Option<load::OnDone> = bar.clone().map(|b| {
        Arc::new(move |_, o: &Outcome| {
            if !o.ok() {
                failed.fetch_add(1, Ordering::Relaxed);
            }
            b.inc(1)
        }) as load::OnDone
    });
    let stop = Arc::new(AtomicBool::new(false));
    let run =
        load::run(client, target.clone(), make, args.count, concurrency, on_done, stop.clone());
    let summary = load::interruptible(run, &stop, crate::signals::Interrupts::new()?).await;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    print_summary(args, &target, concurrency, &summary)?;
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

fn print_summary(
    args: &SendSampleArgs,
    target: &Target,
    conc: usize,
    s: &Summary,
) -> anyhow::Result<()> {
    let mut out = anstream::stdout().lock();
    if args.json {
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

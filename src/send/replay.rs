//! `bluehook replay`: re-send the deliveries `bluehook listen --record` kept, body byte for
//! byte, with their recorded X-Signature or re-signed, and say what each receiver answered.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use reqwest::header::HeaderValue;
use serde::Serialize;

use crate::error::{Exit, Failure};
use crate::record::{self, LineError, Record};
use crate::send::delivery::{self, Delivery, Outcome, Target};
use crate::send::load::{self, Summary};
use crate::signature::Signer;
use crate::term::input;
use crate::term::output::{BAD, DIM, OK, escape_control};

/// A replay, resolved from the flags.
pub struct Settings {
    /// The record file (`-` for stdin).
    pub file: PathBuf,
    pub target: Arc<Target>,
    pub select: Select,
    /// Re-sign with this secret instead of sending the recorded X-Signature.
    pub signer: Option<Signer>,
    /// Lines that are not records are an error before anything is sent.
    pub strict: bool,
    pub json: bool,
    /// Deliveries in flight at once.
    pub concurrency: usize,
}

/// Reads the file, sends what is selected, prints a result per delivery and a summary; the
/// error carries the exit code (5 when a delivery failed, 130 when interrupted).
pub async fn run(s: Settings) -> anyhow::Result<()> {
    let bytes = input::read_file(&s.file)?;
    let plan = plan(&bytes, &s.select, s.signer.as_ref());
    let console = s.target.trace.console();
    report_malformed(&s.file, &plan.malformed, (s.strict, console))?;
    let unsigned = plan.items.iter().filter(|i| i.signing == Signing::None).count();
    if unsigned > 0 {
        console.warn(format!(
            "{unsigned} recorded deliveries carry no X-Signature and go out unsigned \
             (pass --secret to sign them)"
        ));
    }
    let counts = Counts {
        records: plan.items.len() + plan.filtered,
        filtered: plan.filtered,
        malformed: plan.malformed.len(),
    };
    let items = Arc::new(plan.items);
    let (summary, printer) = send(&s, s.target.clone(), items.clone()).await?;
    if let Some(e) = printer.failed.lock().map_err(|_| anyhow::anyhow!("output failed"))?.take() {
        return Err(e.into());
    }
    print_summary(s.json, &s.target, &counts, &summary)?;
    outcome(&summary, console)
}

/// Which records to send.
pub struct Select {
    /// `--only`: line ranges, the end included (`None`: to the end); empty for all.
    pub only: Vec<(usize, Option<usize>)>,
    /// `--event`: empty for all.
    pub events: Vec<&'static str>,
    /// `--filter`: whether a body is kept.
    pub filter: Option<BodyFilter>,
}

/// A predicate on a record's body bytes.
pub type BodyFilter = Box<dyn Fn(&[u8]) -> bool + Send + Sync>;

impl Select {
    fn wants(&self, line: usize, r: &Record) -> bool {
        let in_range = |&(start, end): &(usize, Option<usize>)| {
            line >= start && end.is_none_or(|end| line <= end)
        };
        (self.only.is_empty() || self.only.iter().any(in_range))
            && (self.events.is_empty()
                || r.event.as_deref().is_some_and(|e| self.events.contains(&e)))
            && self.filter.as_ref().is_none_or(|f| f(r.body_bytes()))
    }
}

/// Where a delivery's X-Signature comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Signing {
    Recorded,
    Resigned,
    None,
}

/// One delivery to send, and the line it came from.
struct Item {
    line: usize,
    event: Option<String>,
    signing: Signing,
    delivery: Delivery,
}

struct Plan {
    items: Vec<Item>,
    malformed: Vec<LineError>,
    filtered: usize,
}

/// Parses the file and decides what to send, without sending anything.
fn plan(bytes: &[u8], select: &Select, signer: Option<&Signer>) -> Plan {
    let mut plan = Plan { items: Vec::new(), malformed: Vec::new(), filtered: 0 };
    for parsed in record::parse_all(bytes) {
        let (line, r) = match parsed {
            Ok(found) => found,
            Err(e) => {
                plan.malformed.push(e);
                continue;
            }
        };
        if !select.wants(line, &r) {
            plan.filtered += 1;
            continue;
        }
        match item(line, r, signer) {
            Ok(item) => plan.items.push(item),
            Err(reason) => plan.malformed.push(LineError { line, reason }),
        }
    }
    plan
}

fn item(line: usize, r: Record, signer: Option<&Signer>) -> Result<Item, String> {
    let recorded = r.signature().map(str::to_string);
    if let Some(sig) = &recorded
        && signer.is_none()
        && HeaderValue::from_str(sig).is_err()
    {
        return Err("the recorded x-signature is not a valid header value".into());
    }
    let (signing, delivery) = match (signer, recorded) {
        (Some(s), _) => (Signing::Resigned, Delivery::new(r.body.into_bytes(), Some(s))),
        (None, Some(sig)) => {
            (Signing::Recorded, Delivery { body: r.body.into_bytes().into(), signature: Some(sig) })
        }
        (None, None) => (Signing::None, Delivery::new(r.body.into_bytes(), None)),
    };
    Ok(Item { line, event: r.event, signing, delivery })
}

/// Says which lines are not records: warnings, or with `--strict` a usage error before
/// anything is sent.
fn report_malformed(
    file: &Path,
    malformed: &[LineError],
    (strict, console): (bool, &crate::term::Console),
) -> anyhow::Result<()> {
    if malformed.is_empty() {
        return Ok(());
    }
    let name = file.display();
    for e in malformed {
        let reason = escape_control(&e.reason);
        console.note(format!("{name}:{}: {reason}", e.line));
    }
    let n = malformed.len();
    if strict {
        let message = format!("{n} line(s) of {name} are not records; nothing was sent (--strict)");
        return Err(Failure::usage(message).into());
    }
    console.warn(format!("skipping {n} line(s) of {name} that are not records"));
    Ok(())
}

/// Writes one result per delivery as it completes; remembers the first write error.
struct Printer {
    items: Arc<Vec<Item>>,
    json: bool,
    stop: Arc<AtomicBool>,
    failed: Mutex<Option<std::io::Error>>,
}

impl Printer {
    fn print(&self, n: u64, o: &Outcome) {
        let Some(item) = self.items.get(n as usize) else { return };
        let mut out = anstream::stdout().lock();
        let written =
            if self.json { result_json(&mut out, item, o) } else { result_text(&mut out, item, o) };
        if let Err(e) = written.and_then(|()| out.flush()) {
            self.stop.store(true, Ordering::Relaxed);
            if let Ok(mut failed) = self.failed.lock() {
                failed.get_or_insert(e);
            }
        }
    }
}

async fn send(
    s: &Settings,
    target: Arc<Target>,
    items: Arc<Vec<Item>>,
) -> anyhow::Result<(Summary, Arc<Printer>)> {
    let stop = Arc::new(AtomicBool::new(false));
    let printer = Arc::new(Printer {
        items: items.clone(),
        json: s.json,
        stop: stop.clone(),
        failed: Mutex::new(None),
    });
    if items.is_empty() {
        return Ok((Summary::default(), printer));
    }
    let concurrency = s.concurrency.clamp(1, items.len());
    let client = delivery::client(&target, concurrency)?;
    let for_make = items.clone();
    let make: load::MakeDelivery = Arc::new(move |n| for_make[n as usize].delivery.clone());
    let p = printer.clone();
    let on_done: load::OnDone = Arc::new(move |n, o: &Outcome| p.print(n, o));
    let count = items.len() as u64;
    let console = target.trace.console().clone();
    let run = load::run(client, target, make, count, concurrency, Some(on_done), stop.clone());
    let interrupts = crate::signals::Interrupts::new()?;
    Ok((load::interruptible(run, &stop, interrupts, &console).await, printer))
}

fn result_json(out: &mut impl Write, item: &Item, o: &Outcome) -> std::io::Result<()> {
    let v = serde_json::json!({
        "type": "delivery", "line": item.line, "event": item.event,
        "bytes": item.delivery.body.len(), "signing": item.signing, "ok": o.ok(), "result": o,
    });
    writeln!(out, "{v}")
}

fn result_text(out: &mut impl Write, item: &Item, o: &Outcome) -> std::io::Result<()> {
    let ms = o.latency.as_secs_f64() * 1e3;
    let event = escape_control(item.event.as_deref().unwrap_or("(no event)"));
    let signing = match item.signing {
        Signing::Recorded => "recorded signature",
        Signing::Resigned => "re-signed",
        Signing::None => "unsigned",
    };
    let bytes = item.delivery.body.len();
    write!(out, "line {}  {event}  {DIM}{bytes} bytes, {signing}{DIM:#}  ", item.line)?;
    match (o.status, o.failure) {
        (Some(s), None) => writeln!(out, "{OK}{s}{OK:#} in {ms:.1} ms"),
        (Some(s), Some(kind)) => {
            let why = o.detail.as_deref().map(|d| format!(" ({})", escape_control(d)));
            let why = why.unwrap_or_default();
            writeln!(out, "{BAD}{s}{BAD:#} in {ms:.1} ms{why}  {DIM}{}{DIM:#}", kind.describe())
        }
        (None, kind) => {
            let what = kind.map_or("no response", |k| k.describe());
            let detail = escape_control(o.detail.as_deref().unwrap_or_default());
            writeln!(out, "{BAD}failed{BAD:#} after {ms:.1} ms: {what} ({detail})")
        }
    }
}

/// What the file held, beside what was sent.
#[derive(Serialize)]
struct Counts {
    /// Records in the file (sent or filtered out).
    records: usize,
    /// Records left out by --only or --event.
    filtered: usize,
    /// Lines that are not records.
    malformed: usize,
}

fn print_summary(json: bool, target: &Target, counts: &Counts, s: &Summary) -> anyhow::Result<()> {
    let mut out = anstream::stdout().lock();
    if json {
        #[derive(Serialize)]
        struct Line<'a> {
            r#type: &'static str,
            url: &'a str,
            #[serde(flatten)]
            counts: &'a Counts,
            #[serde(flatten)]
            summary: &'a Summary,
        }
        let line = Line { r#type: "summary", url: target.url.as_str(), counts, summary: s };
        serde_json::to_writer(&mut out, &line)?;
        writeln!(out)?;
        return Ok(out.flush()?);
    }
    let failed = s.sent - s.succeeded;
    let ok = if s.succeeded > 0 { OK } else { anstyle::Style::new() };
    let bad = if failed > 0 { BAD } else { anstyle::Style::new() };
    writeln!(
        out,
        "replayed {} of {} deliveries to {} in {:.2}s: {ok}{} 2xx{ok:#}, {bad}{} failed{bad:#}",
        s.sent,
        counts.records,
        target.url,
        s.elapsed_ms / 1e3,
        s.succeeded,
        failed
    )?;
    if s.gave_up {
        let n = s.not_sent;
        writeln!(out, "  {BAD}stopped{BAD:#}: nothing could connect; {n} not sent")?;
    }
    if counts.filtered > 0 || counts.malformed > 0 {
        let (f, m) = (counts.filtered, counts.malformed);
        writeln!(out, "  {DIM}{f} filtered out, {m} malformed line(s) skipped{DIM:#}")?;
    }
    Ok(out.flush()?)
}

/// 130 when interrupted, 5 when any delivery failed.
fn outcome(s: &Summary, console: &crate::term::Console) -> anyhow::Result<()> {
    if s.interrupted {
        return Err(Failure::silent(Exit::Interrupted).into());
    }
    if s.gave_up {
        let first = escape_control(s.first_error.as_deref().unwrap_or_default());
        let msg = format!(
            "stopped after {} deliveries: none could connect ({first}); {} not sent",
            s.sent, s.not_sent
        );
        let hint = "start the receiver first, or `bluehook listen` to have one";
        return Err(Failure::new(Exit::DeliveryFailed, msg).with_hint(hint).into());
    }
    if s.succeeded < s.sent {
        let first = escape_control(s.first_error.as_deref().unwrap_or_default());
        let msg =
            format!("{} of {} deliveries failed (first: {first})", s.sent - s.succeeded, s.sent);
        return Err(Failure::new(Exit::DeliveryFailed, msg).into());
    }
    if s.sent == 0 {
        console.note("bluehook: nothing to replay");
    }
    Ok(())
}

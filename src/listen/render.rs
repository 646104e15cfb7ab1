//! How received deliveries are shown: a header line per request and the body as coloured,
//! indented JSON for people; NDJSON for programs (schema in the README).
//!
//! Everything writes to a caller-supplied writer, so one thread can own stdout. In the human
//! format every piece of text that came from the network (event, path, title, project, body)
//! goes through [`escape_control`]; NDJSON relies on JSON escaping.

use std::io::{self, Write};
use std::time::{Duration, SystemTime};

use anstyle::Style;
use serde_json::Value;

use crate::events;
use crate::listen::check::Outcome;
use crate::listen::delivery::Delivery;
use crate::listen::digest;
use crate::listen::headers::HeadersJson;
use crate::listen::message::{self, Message};
use crate::listen::receiver::{Counts, timestamp};
use crate::send::delivery::Outcome as Forwarded;
use crate::signature::forensics::Explanation;
use crate::term::output::{BAD, BOLD, DIM, KEY, LITERAL, NUMBER, OK, STRING, WARN, escape_control};

/// Options for the human format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Human {
    /// Header lines only.
    pub compact: bool,
    /// The whole body, indented, instead of the digest.
    pub body: bool,
    /// Write ANSI colour (only when the destination keeps it).
    pub color: bool,
    /// Lines are cut to this many columns (the terminal's); `None` for a pipe.
    pub width: Option<usize>,
}

impl Human {
    fn paint(self, style: Style) -> Style {
        if self.color { style } else { Style::new() }
    }

    /// `line` cut to the width, with `…` where it was cut.
    fn fit<'a>(self, line: &'a str) -> std::borrow::Cow<'a, str> {
        match self.width {
            Some(w) if console::measure_text_width(line) > w => {
                let mut cut = console::truncate_str(line, w, "…").into_owned();
                if self.color {
                    cut.push_str("\x1b[0m");
                }
                std::borrow::Cow::Owned(cut)
            }
            _ => std::borrow::Cow::Borrowed(line),
        }
    }
}

/// `{"type":"ready","url":...,"port":...}`
pub fn ready_json(
    out: &mut impl Write,
    url: &str,
    port: u16,
    public_url: Option<&str>,
    inspector: Option<&str>,
) -> io::Result<()> {
    let (url, public_url, inspector) =
        (url.to_string(), public_url.map(String::from), inspector.map(String::from));
    Message::Ready(message::Ready { url, port, public_url, inspector }).write(out)
}

/// One `{"type":"request",...}` line.
pub fn request_json(out: &mut impl Write, d: &Delivery) -> io::Result<()> {
    request_json_explained(out, d, None)
}

/// One `{"type":"request",...}` line; with `explain` given, an `explain` field (null when
/// there is no explanation). Written by hand for speed; [`Message::Request`] defines it, and
/// a test holds this writer to it.
pub fn request_json_explained(
    out: &mut impl Write,
    d: &Delivery,
    explain: Option<Option<&Explanation>>,
) -> io::Result<()> {
    let at = humantime::format_rfc3339_millis(d.received_at);
    write!(out, "{{\"type\":\"request\",\"received_at\":\"{at}\",\"method\":")?;
    serde_json::to_writer(&mut *out, d.method.as_str())?;
    write!(out, ",\"path\":")?;
    serde_json::to_writer(&mut *out, &d.path)?;
    write!(out, ",\"headers\":")?;
    serde_json::to_writer(&mut *out, &HeadersJson(&d.headers))?;
    write!(out, ",\"verified\":")?;
    serde_json::to_writer(&mut *out, &d.verified)?;
    write!(out, ",\"reason\":")?;
    serde_json::to_writer(&mut *out, &d.outcome.reason())?;
    write!(out, ",\"status\":{},\"event\":", d.status)?;
    serde_json::to_writer(&mut *out, &d.event)?;
    write!(out, ",\"size\":{},\"forward\":", d.size())?;
    serde_json::to_writer(&mut *out, &d.forwarded)?;
    write!(out, ",\"exec\":")?;
    serde_json::to_writer(&mut *out, &d.exec)?;
    if let Some(queued) = &d.queued {
        write!(out, ",\"queued\":")?;
        serde_json::to_writer(&mut *out, queued)?;
    }
    if d.unrouted {
        write!(out, ",\"unrouted\":true")?;
    }
    if let Some(explain) = explain {
        write!(out, ",\"explain\":")?;
        serde_json::to_writer(&mut *out, &explain)?;
    }
    write!(out, ",\"body\":")?;
    body_json(out, d)?;
    out.write_all(b"}\n")
}

/// The body as JSON on one line: valid JSON as is (re-serialised only when it spans lines),
/// anything else as a string.
fn body_json(out: &mut impl Write, d: &Delivery) -> io::Result<()> {
    if d.json {
        // `contains` on bytes is memchr: this scan costs little even for large bodies.
        if !d.body.contains(&b'\n') && !d.body.contains(&b'\r') {
            return out.write_all(&d.body);
        }
        if let Ok(v) = serde_json::from_slice::<Value>(&d.body) {
            return Ok(serde_json::to_writer(&mut *out, &v)?);
        }
    }
    if d.body.is_empty() && d.outcome != Outcome::Accepted {
        return out.write_all(b"null");
    }
    Ok(serde_json::to_writer(&mut *out, &String::from_utf8_lossy(&d.body))?)
}

/// The closing `{"type":"summary",...}` line; `missing` lists expectations not met,
/// `dropped` the deliveries the output left out.
pub fn summary_json(
    out: &mut impl Write,
    counts: &Counts,
    missing: &[String],
    dropped: u64,
) -> io::Result<()> {
    Message::Summary(message::Summary {
        received: counts.received,
        verified: counts.verified,
        rejected: counts.rejected,
        invalid: counts.invalid,
        filtered: counts.filtered,
        missing: missing.to_vec(),
        dropped,
    })
    .write(out)
}

/// A line that is not a request (`forward`, `tunnel`, `webhook`): NDJSON as it is; for
/// people only a forward attempt goes to stdout (the others are notes on stderr).
pub fn line(out: &mut impl Write, m: &Message, json: bool, opts: Human) -> io::Result<()> {
    match (json, m) {
        (true, m) => m.write(out),
        (false, Message::Forward(f)) => writeln!(out, "{}", opts.fit(&forward_line(f, opts))),
        (false, _) => Ok(()),
    }
}

/// `09:30:41  -> app 200 after 41 s  TODO_CREATED #12, 3 waiting`, or the failure and what
/// comes next.
fn forward_line(f: &message::Forward, opts: Human) -> String {
    let stamp = timestamp(SystemTime::now());
    let time = stamp.get(11..19).unwrap_or(&stamp);
    let (dim, bold) = (opts.paint(DIM), opts.paint(BOLD));
    let ok = f.state == message::ForwardState::Delivered;
    let st = opts.paint(if ok { OK } else { BAD });
    let answer = f.status.map_or_else(|| "unreachable".to_string(), |s| s.to_string());
    let event = escape_control(f.event.as_deref().unwrap_or("(no event)"));
    let after = humantime::format_duration(Duration::from_secs(f.after_ms / 1000));
    let next = match (f.state, f.retry_in_ms) {
        (message::ForwardState::Delivered, _) => format!("after {after}"),
        (message::ForwardState::Retrying, Some(ms)) => {
            let why = f.error.as_deref().unwrap_or("failed");
            format!(
                "attempt {}: {why}; again in {}",
                f.attempt,
                humantime::format_duration(Duration::from_secs(ms.div_ceil(1000)))
            )
        }
        _ => format!(
            "gave up after {} attempts: {}",
            f.attempt,
            f.error.as_deref().unwrap_or("failed")
        ),
    };
    format!(
        "{dim}{time}{dim:#}  -> app {st}{answer}{st:#} {next}  {bold}{event}{bold:#} {dim}#{}, {} waiting{dim:#}",
        f.id, f.waiting
    )
}

/// Where the output left `n` deliveries out because it could not keep up:
/// `{"type":"dropped","lines":n}`, or a notice line for people.
pub fn dropped(out: &mut impl Write, n: u64, json: bool, opts: Human) -> io::Result<()> {
    if json {
        return Message::Dropped(message::Dropped { lines: n }).write(out);
    }
    let warn = opts.paint(WARN);
    writeln!(
        out,
        "{warn}dropped {n} lines{warn:#}: the output could not keep up; \
         they were answered (and recorded with --record)"
    )
}

/// What `-v` shows of a request on stderr: the request line and headers received (values of
/// credential headers redacted, everything escaped), the answer's status, and with `-vv`
/// the body, cut.
pub fn exchange_text(d: &Delivery, level: u8) -> String {
    let mut lines = vec![format!("< {} {}", d.method, escape_control(&d.path))];
    lines.extend(crate::send::trace::header_lines('<', &d.headers));
    if level > 1 && !d.body.is_empty() {
        let body = crate::term::output::escape(&String::from_utf8_lossy(&d.body), 2000);
        lines.push(format!("< {body}"));
    }
    let reason = d.outcome.reason().map(|r| format!(" ({r})")).unwrap_or_default();
    lines.push(format!("> HTTP {}{reason}", d.status));
    lines.join("\n")
}

/// `12 received (12 verified), 2 rejected, 1 invalid`
pub fn summary_text(counts: &Counts) -> String {
    let mut text = format!(
        "{} received ({} verified), {} rejected (bad signature), {} invalid",
        counts.received, counts.verified, counts.rejected, counts.invalid
    );
    if counts.filtered > 0 {
        text.push_str(&format!(", {} filtered", counts.filtered));
    }
    text
}

/// One request for people: the header line, then (unless compact) the lines that matter
/// for the event, or the whole body with `--body`.
pub fn request_human(out: &mut impl Write, d: &Delivery, opts: Human) -> io::Result<()> {
    request_human_explained(out, d, opts, None)
}

/// [`request_human`], with `explain: <sentence>` and `hint: <hint>` under the header line
/// (not with `--compact`, which keeps one line per delivery).
pub fn request_human_explained(
    out: &mut impl Write,
    d: &Delivery,
    opts: Human,
    explain: Option<&Explanation>,
) -> io::Result<()> {
    header_line(out, d, opts)?;
    if opts.compact {
        return Ok(());
    }
    if let Some(e) = explain {
        detail_line(out, "explain", &e.sentence, opts)?;
        detail_line(out, "hint", &e.hint, opts)?;
    }
    if d.body.is_empty() {
        return Ok(());
    }
    let value = d.json.then(|| serde_json::from_slice::<Value>(&d.body).ok()).flatten();
    match value {
        Some(v) if opts.body => {
            out.write_all(b"    ")?;
            write_value(out, &v, 4, opts)?;
            out.write_all(b"\n")?;
        }
        Some(v) => match digest::digest(&v) {
            Some(dg) => write_digest(out, &dg, opts)?,
            None => detail_line(out, "body", &v.to_string(), opts)?,
        },
        None => text_body(out, d, opts)?,
    }
    out.write_all(b"\n")
}

/// A body that is not JSON: its lines, dimmed; the first few unless `--body`.
fn text_body(out: &mut impl Write, d: &Delivery, opts: Human) -> io::Result<()> {
    let dim = opts.paint(DIM);
    let text = String::from_utf8_lossy(&d.body);
    let shown = if opts.body { usize::MAX } else { TEXT_LINES };
    for line in text.lines().take(shown) {
        let line = format!("    {dim}{}{dim:#}", escape_control(line));
        writeln!(out, "{}", opts.fit(&line))?;
    }
    let more = text.lines().count().saturating_sub(shown);
    if more > 0 {
        writeln!(out, "    {dim}… {more} more lines (--body shows them){dim:#}")?;
    }
    Ok(())
}

/// Lines of a text body shown without `--body`.
const TEXT_LINES: usize = 3;

/// Where detail lines start: under the mark column of the header.
const INDENT: &str = "          ";

fn write_digest(out: &mut impl Write, dg: &digest::Digest, opts: Human) -> io::Result<()> {
    for f in &dg.facts {
        detail_line(out, f.label, &f.text, opts)?;
    }
    let room = opts.width.map_or(VALUE_MAX * 2, |w| w.saturating_sub(INDENT.len() + 10));
    for (i, c) in dg.changes.iter().enumerate() {
        let label = if i == 0 { "changed" } else { "" };
        let path = escape_control(&c.path);
        let avail = room.saturating_sub(path.chars().count() + 6).max(24);
        let text = match (&c.before, &c.after) {
            (Some(b), Some(a)) => {
                let (bw, aw) = split_room(b.chars().count(), a.chars().count(), avail);
                format!("{path}: {} -> {}", clip(b, bw), clip(a, aw))
            }
            (None, Some(a)) => format!("{path}: added {}", clip(a, avail)),
            (Some(b), None) => format!("{path}: removed {}", clip(b, avail)),
            (None, None) => path.into_owned(),
        };
        labelled(out, label, &text, opts)?;
    }
    if dg.more > 0 {
        let dim = opts.paint(DIM);
        let text = format!("{dim}… {} more changes (--body shows the whole body){dim:#}", dg.more);
        labelled(out, "", &text, opts)?;
    }
    Ok(())
}

/// How many characters each side of a change gets out of `room`: both whole when they fit,
/// else the shorter one whole (up to half) and the rest to the other.
fn split_room(before: usize, after: usize, room: usize) -> (usize, usize) {
    if before + after <= room {
        return (before.max(1), after.max(1));
    }
    let half = room / 2;
    match (before <= half, after <= half) {
        (true, _) => (before.max(1), room - before.max(1)),
        (_, true) => (room - after.max(1), after.max(1)),
        _ => (half, room - half),
    }
}

/// Longest value shown when the output has no width (a pipe).
const VALUE_MAX: usize = 200;

/// `          label    text`, the text from the network escaped and cut to fit.
fn detail_line(out: &mut impl Write, label: &str, text: &str, opts: Human) -> io::Result<()> {
    labelled(out, label, &clip(text, VALUE_MAX), opts)
}

/// A detail line whose text is already escaped.
fn labelled(out: &mut impl Write, label: &str, text: &str, opts: Human) -> io::Result<()> {
    let dim = opts.paint(DIM);
    let line = format!("{INDENT}{dim}{label:<10}{dim:#}{text}");
    writeln!(out, "{}", opts.fit(&line))
}

/// `09:30:00  verified    200  2.3 KB  TODO_CREATED ...`: the fixed columns first, so that
/// they align from line to line; with `--compact` the title and project at the end.
fn header_line(out: &mut impl Write, d: &Delivery, opts: Human) -> io::Result<()> {
    let stamp = timestamp(d.received_at);
    let time = stamp.get(11..19).unwrap_or(&stamp);
    let (mark, style) = mark(d);
    let (st, dim, bold) = (opts.paint(style), opts.paint(DIM), opts.paint(BOLD));
    let mut line = format!(
        "{dim}{time}{dim:#}  {st}{mark:<10}{st:#}  {st}{}{st:#}  {dim}{:>8}{dim:#}  ",
        d.status,
        size(d.size())
    );
    match &d.event {
        Some(name) => {
            line.push_str(&format!("{bold}{}{bold:#}", escape_control(name)));
            if let Some(note) = event_note(name) {
                line.push_str(&format!(" {dim}{note}{dim:#}"));
            }
        }
        None => line.push_str(&format!("{dim}{} {}{dim:#}", d.method, escape_control(&d.path))),
    }
    if let Some(text) = d.outcome.describe() {
        line.push_str(&format!("  {st}{text}{st:#}"));
    }
    if let Some(ran) = &d.exec {
        let style = opts.paint(if ran.ok() { OK } else { BAD });
        line.push_str(&format!("  -> exec {style}{}{style:#} in {} ms", ran.describe(), ran.ms));
    }
    if let Some(f) = &d.forwarded {
        line.push_str(&forward_note(f, opts));
    }
    if let Some(q) = &d.queued {
        line.push_str(&format!("  -> queued {dim}#{}, {} waiting{dim:#}", q.id, q.waiting));
    }
    if d.unrouted {
        line.push_str(&format!("  {dim}-> no route, not forwarded{dim:#}"));
    }
    if opts.compact
        && let Some((title, project)) = d.json.then(|| events::payload::entity(&d.body)).flatten()
    {
        let room = opts.width.map_or(100, |w| w.saturating_sub(console::measure_text_width(&line)));
        let (tw, pw) = entity_room(title.as_deref(), project.as_deref(), room);
        if let Some(title) = title {
            line.push_str(&format!("  \"{}\"", clip(&title, tw)));
        }
        if let Some(project) = project.filter(|_| pw > 0) {
            line.push_str(&format!("  {dim}in{dim:#} {}", clip(&project, pw)));
        }
    }
    writeln!(out, "{}", opts.fit(&line))
}

/// How many characters the title and the project get of `room` on a compact line: both
/// whole when they fit, else the project at most a third (none when that is too little to
/// read) and the title the rest.
fn entity_room(title: Option<&str>, project: Option<&str>, room: usize) -> (usize, usize) {
    let len = |s: Option<&str>| s.map_or(0, |s| s.chars().count());
    let (t, p) = (len(title), len(project));
    // `  "…"` and `  in ` around them.
    let room = room.saturating_sub(4 + 5);
    if t + p <= room {
        return (t.clamp(1, 60), p.clamp(1, 40));
    }
    let pw = p.min(room / 3);
    let pw = if pw < 6 { 0 } else { pw };
    (room.saturating_sub(pw).clamp(1, 60), pw)
}

/// `  -> app 200 in 3.1 ms`, or why the app could not be reached.
fn forward_note(f: &Forwarded, opts: Human) -> String {
    let ms = f.latency.as_secs_f64() * 1e3;
    let style = opts.paint(if f.ok() { OK } else { BAD });
    match f.status {
        Some(status) => format!("  -> app {style}{status}{style:#} in {ms:.1} ms"),
        None => {
            let why = f.failure.map_or("no answer", |k| k.describe());
            format!("  -> app {style}unreachable{style:#}: {why}")
        }
    }
}

fn mark(d: &Delivery) -> (&'static str, Style) {
    match (d.outcome, d.verified) {
        (Outcome::Accepted, Some(true)) => ("verified", OK),
        (Outcome::Accepted, _) => ("unverified", WARN),
        (o, _) if o.is_rejected() => ("rejected", BAD),
        _ => ("refused", BAD),
    }
}

fn event_note(name: &str) -> Option<&'static str> {
    match events::lookup(name) {
        Some(e) if !e.subscribable => Some("(health check)"),
        Some(_) => None,
        None => Some("(unknown event)"),
    }
}

/// At most `max` characters of `s`, escaped for the terminal, with `…` when cut.
fn clip(s: &str, max: usize) -> String {
    let one_line = escape_control(s);
    if one_line.chars().count() <= max {
        return one_line.into_owned();
    }
    let mut cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// `512 B`, `3.1 KB`, `1.0 MB`
pub fn size(n: u64) -> String {
    match n {
        0..1000 => format!("{n} B"),
        1000..1_000_000 => format!("{:.1} KB", n as f64 / 1e3),
        _ => format!("{:.1} MB", n as f64 / 1e6),
    }
}

/// Indented JSON with colours for keys, strings, numbers and literals.
fn write_value(out: &mut impl Write, v: &Value, indent: usize, opts: Human) -> io::Result<()> {
    let pad = " ".repeat(indent + 2);
    match v {
        Value::Object(map) if !map.is_empty() => {
            out.write_all(b"{\n")?;
            let key = opts.paint(KEY);
            for (i, (k, x)) in map.iter().enumerate() {
                let k = serde_json::to_string(k)?;
                write!(out, "{pad}{key}{}{key:#}: ", escape_control(&k))?;
                write_value(out, x, indent + 2, opts)?;
                out.write_all(if i + 1 < map.len() { b",\n" } else { b"\n" })?;
            }
            write!(out, "{}}}", &pad[2..])
        }
        Value::Array(items) if !items.is_empty() => {
            out.write_all(b"[\n")?;
            for (i, x) in items.iter().enumerate() {
                out.write_all(pad.as_bytes())?;
                write_value(out, x, indent + 2, opts)?;
                out.write_all(if i + 1 < items.len() { b",\n" } else { b"\n" })?;
            }
            write!(out, "{}]", &pad[2..])
        }
        _ => scalar(out, v, opts),
    }
}

fn scalar(out: &mut impl Write, v: &Value, opts: Human) -> io::Result<()> {
    let style = match v {
        Value::String(_) => STRING,
        Value::Number(_) => NUMBER,
        Value::Bool(_) | Value::Null => LITERAL,
        _ => Style::new(),
    };
    let st = opts.paint(style);
    match v {
        // JSON escapes C0 controls but not DEL, C1 or bidi overrides.
        Value::String(_) => write!(out, "{st}{}{st:#}", escape_control(&v.to_string())),
        _ => write!(out, "{st}{v}{st:#}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::body::Bytes;
    use hyper::http::{HeaderMap, Method};
    use std::time::{Duration, SystemTime};

    fn delivery(body: &[u8], outcome: Outcome, verified: Option<bool>) -> Delivery {
        let parsed = crate::listen::check::parse_event(body);
        Delivery {
            received_at: SystemTime::UNIX_EPOCH + Duration::from_millis(1_748_856_600_123),
            method: Method::POST,
            path: "/hook".into(),
            headers: HeaderMap::new(),
            verified,
            outcome,
            status: outcome.status(hyper::StatusCode::OK).as_u16(),
            event: parsed.clone().flatten(),
            body: Bytes::copy_from_slice(body),
            json: parsed.is_some(),
            forwarded: None,
            queued: None,
            unrouted: false,
            exec: None,
        }
    }

    fn json_line(d: &Delivery) -> Value {
        let mut out = Vec::new();
        request_json(&mut out, d).unwrap();
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);
        serde_json::from_slice(&out).unwrap()
    }

    /// The hand-written request line is the one [`Message::Request`] defines: every field
    /// there, none more, of the right type, whatever the delivery carried.
    #[test]
    fn request_lines_are_what_the_message_type_defines() {
        use crate::listen::exec::Ran;
        let mut full = delivery(br#"{"event":"TAG_CREATED"}"#, Outcome::Accepted, Some(true));
        full.headers.insert("x-signature", "ab".parse().unwrap());
        full.forwarded = Some(Forwarded::answered(200, None, Duration::from_millis(3), b"ok"));
        full.exec = Some(Ran { code: Some(0), timed_out: false, error: None, ms: 4 });
        let refused = delivery(b"", Outcome::TooLarge, None);
        let not_json = delivery(b"not json", Outcome::NotJson, None);
        for (d, explain) in [(&full, None), (&refused, Some(None)), (&not_json, None)] {
            let mut out = Vec::new();
            request_json_explained(&mut out, d, explain).unwrap();
            let line: Message = serde_json::from_slice(&out)
                .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out)));
            let Message::Request(r) = line else { panic!("not a request line") };
            assert_eq!((r.status, r.size), (d.status, d.size()));
        }
    }

    #[test]
    fn ndjson_line_has_the_documented_fields() {
        let body = b"{\n  \"event\": \"TAG_CREATED\",\n  \"currentValue\": {\"title\": \"x\"}\n}";
        let v = json_line(&delivery(body, Outcome::Accepted, Some(true)));
        assert_eq!(v["type"], "request");
        assert_eq!(v["received_at"], "2025-06-02T09:30:00.123Z");
        assert_eq!((v["method"].as_str(), v["path"].as_str()), (Some("POST"), Some("/hook")));
        assert_eq!((v["verified"].clone(), v["reason"].clone()), (true.into(), Value::Null));
        assert_eq!((v["status"].as_u64(), v["event"].as_str()), (Some(200), Some("TAG_CREATED")));
        assert_eq!(v["body"]["currentValue"]["title"], "x");
        assert_eq!(v["size"].as_u64(), Some(body.len() as u64));
    }

    #[test]
    fn ndjson_keeps_text_bodies_as_strings() {
        let v = json_line(&delivery(b"not json\n", Outcome::NotJson, None));
        assert_eq!((v["body"].as_str(), v["status"].as_u64()), (Some("not json\n"), Some(400)));
        assert_eq!(v["reason"], "invalid-json");
        assert_eq!(v["verified"], Value::Null);
    }

    #[test]
    fn human_output_is_a_header_then_the_lines_that_matter() {
        let body = br#"{"event":"TODO_CREATED","currentValue":{"title":"Ship","todoList":{"title":"Backlog","project":{"name":"Web"}}}}"#;
        let d = delivery(body, Outcome::Accepted, Some(true));
        let mut out = Vec::new();
        request_human(&mut out, &d, Human::default()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("09:30:00  verified    200"), "{text}");
        assert!(lines[0].ends_with("TODO_CREATED"), "{text}");
        assert_eq!(
            &lines[1..4],
            ["          title     Ship", "          list      Backlog", "          project   Web",]
        );
        assert!(!text.contains("currentValue") && !text.contains('\x1b'));
        let (mut compact, mut whole) = (Vec::new(), Vec::new());
        request_human(&mut compact, &d, Human { compact: true, ..Human::default() }).unwrap();
        let compact = String::from_utf8(compact).unwrap();
        assert_eq!(compact.lines().count(), 1);
        assert!(compact.contains("TODO_CREATED  \"Ship\"  in Web"), "{compact}");
        request_human(&mut whole, &d, Human { body: true, ..Human::default() }).unwrap();
        assert!(String::from_utf8(whole).unwrap().contains("\"currentValue\": {"));
    }

    #[test]
    fn updates_show_what_changed_and_every_line_fits_the_width() {
        let long = "x".repeat(300);
        let body = serde_json::json!({"event": "TODO_MOVED",
            "previousValue": {"title": long, "todoList": {"id": "a", "title": "Backlog"}},
            "currentValue": {"title": long, "todoList": {"id": "b", "title": "In \u{1b}[31mProgress"}}});
        let d = delivery(body.to_string().as_bytes(), Outcome::Accepted, Some(true));
        for width in [60, 80, 120] {
            let mut out = Vec::new();
            let opts = Human { width: Some(width), color: true, ..Human::default() };
            request_human(&mut out, &d, opts).unwrap();
            let text = String::from_utf8(out).unwrap();
            for line in text.lines() {
                assert!(console::measure_text_width(line) <= width, "{width}: {line}");
            }
            let plain = console::strip_ansi_codes(&text).into_owned();
            assert!(plain.contains("changed   todoList.title: Backlog -> In \\x1b[31m"), "{plain}");
            assert!(!plain.contains("todoList.id"), "{plain}");
        }
    }

    #[test]
    fn every_view_escapes_what_the_sender_wrote() {
        let hostile = "\u{1b}]0;pwned\u{7}\r\u{9b}31m\u{202e}";
        let body = serde_json::json!({"event": "TODO_MOVED",
            "previousValue": {"title": hostile, "todoList": {"id": "a", "title": "x"}},
            "currentValue": {"title": hostile, "todoList": {"id": "b", "title": hostile}},
            hostile: hostile});
        let d = delivery(body.to_string().as_bytes(), Outcome::Accepted, Some(true));
        for opts in [
            Human::default(),
            Human { body: true, ..Human::default() },
            Human { compact: true, width: Some(80), ..Human::default() },
        ] {
            let mut out = Vec::new();
            request_human(&mut out, &d, opts).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(!text.contains(['\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{202e}']), "{text:?}");
            assert!(text.contains("]0;pwned"), "shown, not dropped: {text}");
        }
    }

    #[test]
    fn compact_columns_align() {
        let compact = Human { compact: true, ..Human::default() };
        let mut out = Vec::new();
        let small = br#"{"event":"TAG_CREATED","currentValue":{"title":"a"}}"#.to_vec();
        let mut big = br#"{"event":"TODO_CHECKLIST_ITEM_DONE_STATUS_UPDATED","x":""#.to_vec();
        big.extend(std::iter::repeat_n(b'y', 40_000));
        big.extend(b"\"}");
        request_human(&mut out, &delivery(&small, Outcome::Accepted, Some(true)), compact).unwrap();
        request_human(&mut out, &delivery(&big, Outcome::Accepted, None), compact).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0].find("TAG_CREATED"), lines[1].find("TODO_CHECKLIST"), "{text}");
        assert_eq!(lines[0].find(" B "), lines[1].find(" KB ").map(|i| i + 1), "{text}");
    }

    #[test]
    fn dropped_notices_say_how_many() {
        let mut out = Vec::new();
        dropped(&mut out, 12, true, Human::default()).unwrap();
        dropped(&mut out, 3, false, Human::default()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let (json, human) = text.split_once('\n').unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(json).unwrap(),
            serde_json::json!({"type": "dropped", "lines": 12})
        );
        assert!(human.starts_with("dropped 3 lines: "), "{human}");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(512), "512 B");
        assert_eq!(size(3_100), "3.1 KB");
        assert_eq!(size(1_048_576), "1.0 MB");
    }

    #[test]
    fn the_explanation_goes_under_a_rejected_delivery_escaped_and_cut_to_the_width() {
        use crate::signature::forensics::{Cause, Explanation};
        let forged = "TAG_CREATED\u{1b}[32m verified received at 09:30:00.000Z".to_string();
        let x = Explanation::new(Cause::EarlierDelivery { delivery: forged }, true);
        let rejected = Outcome::BadSignature(crate::signature::VerifyError::Mismatch);
        let d = delivery(br#"{"event":"TAG_CREATED"}"#, rejected, Some(false));
        let render = |opts: Human| {
            let mut out = Vec::new();
            request_human_explained(&mut out, &d, opts, Some(&x)).unwrap();
            String::from_utf8(out).unwrap()
        };
        let text = render(Human::default());
        assert!(!text.contains('\u{1b}'), "{text:?}");
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[1].trim_start().starts_with("explain") && lines[1].contains("[32m"),
            "{text}"
        );
        assert!(lines[2].trim_start().starts_with("hint"), "{text}");
        let opts = Human { width: Some(60), ..Human::default() };
        let narrow = render(opts);
        assert!(narrow.lines().all(|l| console::measure_text_width(l) <= 60), "{narrow}");
        assert_eq!(render(Human { compact: true, ..opts }).lines().count(), 1);
    }
}

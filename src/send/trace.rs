//! `-v` for outgoing deliveries: the request line and headers sent, the status and headers
//! received (`-vv`: the bodies too, cut), on stderr through the console's redactor.
//! X-Signature is shown (it proves nothing without the body and is not a secret); values of
//! headers that carry credentials (Authorization, Cookie, API keys, tokens) are redacted, and
//! so is every secret registered with the console wherever it appears.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::term::{Console, output};

/// Longest body shown with `-vv`.
const BODY_SHOWN: usize = 2000;

/// How much of the exchanges a [`Target`](crate::send::delivery::Target) has is logged: the
/// count of `-v`, for at most so many exchanges (load mode logs only its first few). Built
/// from the flags by each command, shared by the requests of one target; off by default.
#[derive(Debug, Default)]
pub struct Trace {
    level: u8,
    left: AtomicU64,
    console: Console,
}

impl Trace {
    /// Logging at `level` on `console`, for at most `limit` exchanges (`None`: all of them).
    pub fn new(level: u8, limit: Option<u64>, console: &Console) -> Arc<Trace> {
        let left = AtomicU64::new(limit.unwrap_or(u64::MAX));
        Arc::new(Trace { level, left, console: console.clone() })
    }

    /// Where the exchanges are logged, and other messages about these deliveries go.
    pub fn console(&self) -> &Console {
        &self.console
    }

    /// The level this exchange is logged at: 0 when logging is off or its limit is used up.
    /// Call once per exchange, before sending.
    pub fn begin(&self) -> u8 {
        if self.level == 0 {
            return 0;
        }
        let left = &self.left;
        let took = left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
        if took.is_ok() { self.level } else { 0 }
    }

    /// `> POST url`, the headers, and with `-vv` the body.
    pub fn request(&self, level: u8, url: &str, headers: &HeaderMap, body: &[u8]) {
        if level == 0 {
            return;
        }
        let mut lines = vec![format!("> POST {}", without_password(url))];
        lines.extend(header_lines('>', headers));
        if !headers.contains_key(reqwest::header::USER_AGENT) {
            // reqwest adds its client's User-Agent when it sends.
            lines.push(format!("> user-agent: {}", crate::send::USER_AGENT));
        }
        if !headers.contains_key(reqwest::header::CONTENT_LENGTH) {
            lines.push(format!("> content-length: {}", body.len()));
        }
        if level > 1 {
            lines.push(format!("> {}", output::escape(&String::from_utf8_lossy(body), BODY_SHOWN)));
        }
        self.console.note(lines.join("\n"));
    }

    /// `< HTTP 200 OK in 3.1 ms`, the headers, and with `-vv` the start of the body.
    pub fn response(
        &self,
        level: u8,
        status: u16,
        headers: &HeaderMap,
        took: Duration,
        body: &[u8],
    ) {
        if level == 0 {
            return;
        }
        let reason = reqwest::StatusCode::from_u16(status)
            .ok()
            .and_then(|c| c.canonical_reason())
            .unwrap_or("");
        let ms = took.as_secs_f64() * 1e3;
        let mut lines = vec![format!("< HTTP {status} {reason} in {ms:.1} ms")];
        lines.extend(header_lines('<', headers));
        if level > 1 && !body.is_empty() {
            lines.push(format!("< {}", output::escape(&String::from_utf8_lossy(body), BODY_SHOWN)));
        }
        self.console.note(lines.join("\n"));
    }

    /// `< no answer: connection refused (...)`.
    pub fn failed(&self, level: u8, what: &str, took: Duration) {
        if level > 0 {
            let ms = took.as_secs_f64() * 1e3;
            let what = output::escape_control(what);
            self.console.note(format!("< no answer after {ms:.1} ms: {what}"));
        }
    }
}

fn without_password(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(None);
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// One `> name: value` line per header, names lowercase, values escaped, credentials
/// redacted.
pub fn header_lines(arrow: char, headers: &HeaderMap) -> Vec<String> {
    headers
        .iter()
        .map(|(name, value)| {
            let text = String::from_utf8_lossy(value.as_bytes());
            let shown = if is_credential(name.as_str()) {
                output::redact(&text)
            } else {
                output::escape_control(&text).into_owned()
            };
            format!("{arrow} {}: {shown}", name.as_str())
        })
        .collect()
}

/// Headers whose values are credentials.
fn is_credential(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(name.as_str(), "authorization" | "proxy-authorization" | "cookie" | "set-cookie")
        || ["token", "secret", "password", "api-key", "apikey"].iter().any(|w| name.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_redacted_and_signatures_shown() {
        let mut h = HeaderMap::new();
        h.insert("authorization", "Bearer sk_live_0123456789abcdef".parse().unwrap());
        h.insert("x-bloo-token-secret", "pat_abcdefghijklmnop".parse().unwrap());
        h.insert("x-signature", "9f86d081884c7d659a2feaa0c55ad015".parse().unwrap());
        let lines = header_lines('>', &h).join("\n");
        assert!(!lines.contains("sk_live_0123456789abcdef"), "{lines}");
        assert!(!lines.contains("pat_abcdefghijklmnop"), "{lines}");
        assert!(lines.contains("> x-signature: 9f86d081884c7d659a2feaa0c55ad015"), "{lines}");
        assert!(lines.contains("> authorization: Bear********"), "{lines}");
    }

    #[test]
    fn the_limit_counts_exchanges() {
        let t = Trace::new(1, Some(2), &Console::default());
        assert_eq!((t.begin(), t.begin(), t.begin()), (1, 1, 0));
        assert_eq!(Trace::new(0, None, &Console::default()).begin(), 0);
        assert_eq!(Trace::default().begin(), 0, "off by default");
    }
}

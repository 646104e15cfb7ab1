//! One request as the receiver saw it: what every consumer of the fan-out (output, gate,
//! inspector, explainer) is handed.

use std::time::SystemTime;

use hyper::body::Bytes;
use hyper::http::{HeaderMap, Method};

use crate::listen::check::{Outcome, content_length};
use crate::listen::exec::Ran;
use crate::listen::message::Queued;
use crate::send::delivery::Outcome as Forwarded;

/// One request as the receiver saw it.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub received_at: SystemTime,
    pub method: Method,
    /// Path and query, as requested.
    pub path: String,
    pub headers: HeaderMap,
    /// `Some(true)` verified, `Some(false)` signature rejected, `None` not checked.
    pub verified: Option<bool>,
    pub outcome: Outcome,
    /// The status answered.
    pub status: u16,
    /// The body's `event` field, when it has one (unknown names included).
    pub event: Option<String>,
    /// The raw body (empty when it was refused before being read).
    pub body: Bytes,
    /// Whether `body` is valid JSON.
    pub json: bool,
    /// What the app answered, when forwarding (`--forward-to`).
    pub forwarded: Option<Forwarded>,
    /// What the `--exec` command did.
    pub exec: Option<Ran>,
    /// With `--answer-first`: where it waits in the queue (answered, not yet forwarded).
    pub queued: Option<Queued>,
    /// With routes: none takes this event, so it was answered without forwarding.
    pub unrouted: bool,
}

impl Delivery {
    /// The body's length, or the announced Content-Length when the body was not read.
    pub fn size(&self) -> u64 {
        if !self.body.is_empty() {
            return self.body.len() as u64;
        }
        content_length(&self.headers).unwrap_or(0)
    }
}

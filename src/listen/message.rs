//! The NDJSON `bluehook listen --json` (and `demo --json`) prints: one [`Message`] per line,
//! told apart by `type`. This enum is the format's one definition: every line is written from
//! it (the `request` line by a writer the tests hold to it, for speed), and
//! `docs/ndjson.schema.json` is generated from it (`scripts/update-ndjson-schema`; a test
//! fails when the committed copy is stale).

use std::collections::BTreeMap;
use std::io::{self, Write};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One line of `listen --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// First: where the listener listens.
    Ready(Ready),
    /// One per request received, whatever was answered.
    Request(Box<Request>),
    /// Where the output left deliveries out because it could not keep up (they were answered,
    /// counted and recorded).
    Dropped(Dropped),
    /// The tunnel went down or came back (`--tunnel`).
    Tunnel(Tunnel),
    /// The webhook on Blue (`--register`): created, moved, deleted or not; kept ones reused.
    Webhook(Webhook),
    /// With `--answer-first`: one attempt to forward a queued delivery to the app.
    Forward(Forward),
    /// Last: the counts, and what `--expect` still missed.
    Summary(Summary),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ready {
    /// The listener's own URL.
    pub url: String,
    pub port: u16,
    /// The tunnel's or `--public-url`'s URL.
    pub public_url: Option<String>,
    /// The inspector's page, token included (`--inspect` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspector: Option<String>,
}

/// A request as the receiver saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// RFC 3339 UTC with milliseconds.
    pub received_at: String,
    pub method: String,
    /// Path and query, as requested.
    pub path: String,
    /// Lowercase names; repeated headers joined with `, `.
    pub headers: BTreeMap<String, String>,
    /// `true` verified, `false` signature rejected, `null` not checked.
    pub verified: Option<bool>,
    /// Why it was not accepted (`signature-mismatch`, `filtered`, ...); `null` when accepted.
    pub reason: Option<String>,
    /// The status answered.
    pub status: u16,
    /// The body's `event`, when it has one.
    pub event: Option<String>,
    /// Body bytes (or the announced length when the body was not read).
    pub size: u64,
    /// With `--forward-to`: what the app answered.
    #[schemars(with = "Option<crate::send::delivery::Outcome>")]
    pub forward: Option<Value>,
    /// With `--exec`: what the command did.
    #[schemars(with = "Option<crate::listen::exec::Ran>")]
    pub exec: Option<Value>,
    /// With `--answer-first`: the delivery was answered once queued; `forward` lines follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued: Option<Queued>,
    /// With `--forward-to` routes: no route takes this event, so it was not forwarded.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unrouted: bool,
    /// With a secret, on a rejected signature: why it failed (`null` past the rate limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::signature::forensics::Explanation>")]
    pub explain: Option<Value>,
    /// The body: JSON as sent (on one line), any other bytes as a string, `null` when it was
    /// refused before being read.
    pub body: Value,
}

/// A delivery in the `--answer-first` queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Queued {
    /// Its id in the queue file.
    pub id: i64,
    /// Deliveries waiting in the queue, this one included.
    pub waiting: u64,
}

/// One attempt to forward a queued delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Forward {
    /// The delivery's id in the queue file (`queued.id` of its `request` line).
    pub id: i64,
    pub event: Option<String>,
    /// The app's URL (its route's).
    pub url: String,
    /// 1 for the first attempt, counting those of earlier runs.
    pub attempt: u32,
    pub state: ForwardState,
    /// The app's status, when it answered.
    pub status: Option<u16>,
    /// Why the attempt failed, when it did.
    pub error: Option<String>,
    /// Milliseconds the attempt took.
    pub latency_ms: u64,
    /// Milliseconds since the delivery was received.
    pub after_ms: u64,
    /// Deliveries still waiting in the queue after this attempt.
    pub waiting: u64,
    /// `retrying`: milliseconds until the next attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_in_ms: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ForwardState {
    /// The app answered 2xx: the delivery left the queue.
    Delivered,
    /// It failed; another attempt follows.
    Retrying,
    /// The last attempt failed: it stays in the queue file, no longer forwarded.
    GaveUp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dropped {
    /// Deliveries left out here.
    pub lines: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tunnel {
    pub state: TunnelState,
    pub url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TunnelState {
    Down,
    Up,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Webhook {
    pub state: WebhookState,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where it delivers (`created`, `moved`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Subscribed events, empty for all (`created`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_ids: Option<Vec<String>>,
    /// Why it could not be deleted (`not_deleted`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// The command that deletes it (`not_deleted`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// The `--keep` name of a webhook kept across runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WebhookState {
    Created,
    /// A webhook kept from an earlier run (`--keep`), pointed here and enabled.
    Reused,
    Moved,
    Deleted,
    NotDeleted,
    /// A kept webhook left on Blue when the listener stopped.
    Kept,
}

impl Webhook {
    /// A line with only the state and id set.
    pub fn new(state: WebhookState, id: &str) -> Self {
        Webhook {
            state,
            id: id.to_string(),
            name: None,
            url: None,
            events: None,
            project_ids: None,
            why: None,
            command: None,
            kept: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Accepted deliveries.
    pub received: u64,
    /// Of those, the ones whose signature verified.
    pub verified: u64,
    /// Answered 401: missing, malformed or wrong signature.
    pub rejected: u64,
    /// Answered another 4xx/5xx.
    pub invalid: u64,
    /// Answered 200 but left out by `--filter`.
    pub filtered: u64,
    /// `--expect` events that never arrived.
    pub missing: Vec<String>,
    /// Deliveries the output left out.
    pub dropped: u64,
}

impl Message {
    /// Writes the line, newline included.
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        serde_json::to_writer(&mut *out, self)?;
        out.write_all(b"\n")
    }
}

/// The JSON Schema of a line, as committed in `docs/ndjson.schema.json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Message);
    serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_schema_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ndjson.schema.json");
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(path, schema()).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == schema(),
            "docs/ndjson.schema.json is stale: run scripts/update-ndjson-schema"
        );
    }

    #[test]
    fn lines_are_tagged_by_type_and_read_back() {
        let line = Message::Tunnel(Tunnel { state: TunnelState::Down, url: "https://x".into() });
        let mut out = Vec::new();
        line.write(&mut out).unwrap();
        assert_eq!(out, b"{\"type\":\"tunnel\",\"state\":\"down\",\"url\":\"https://x\"}\n");
        assert_eq!(serde_json::from_slice::<Message>(&out).unwrap(), line);
        let extra = br#"{"type":"dropped","lines":1,"more":2}"#;
        assert!(serde_json::from_slice::<Message>(extra).is_err(), "unknown fields are refused");
    }
}

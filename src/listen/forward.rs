//! Forwarding (`listen --forward-to`): accepted deliveries go on to the user's app with the
//! exact body bytes and the sender's headers, and the app's answer comes back.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;

use crate::send::delivery::{Delivery, Outcome, Target, client, send};

/// Passes received deliveries on to another URL: the same body bytes and the sender's
/// headers (minus those that belong to one connection), so the signature still verifies.
#[derive(Debug, Clone)]
pub struct Forwarder {
    client: reqwest::Client,
    url: reqwest::Url,
    timeout: Duration,
}

/// Headers that describe one hop, not the message: never forwarded.
const HOP_BY_HOP: [&str; 10] = [
    "host",
    "content-length",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "proxy-authorization",
    "proxy-connection",
];

impl Forwarder {
    /// A forwarder to `url` (checked like any target); requests time out like Blue's (7 s).
    pub fn new(url: &str) -> anyhow::Result<Self> {
        let target = Target::from_args(url, &[], Duration::from_secs(7), false)?;
        let client = client(&target, 64)?;
        Ok(Forwarder { client, url: target.url, timeout: target.timeout })
    }

    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// Sends `body` with the received `headers`; the outcome says what the app answered.
    pub async fn forward(&self, headers: &HeaderMap, body: Bytes) -> Outcome {
        let mut extra_headers = HeaderMap::with_capacity(headers.len());
        for (name, value) in headers {
            if !HOP_BY_HOP.contains(&name.as_str()) {
                extra_headers.append(name, value.clone());
            }
        }
        let target = Target {
            url: self.url.clone(),
            extra_headers,
            timeout: self.timeout,
            accept_invalid_certs: false,
        };
        send(&self.client, &target, &Delivery { body, signature: None }, true).await
    }
}

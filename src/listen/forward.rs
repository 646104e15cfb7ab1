//! Forwarding (`listen --forward-to`): accepted deliveries go on to the user's app with the
//! exact body bytes and the sender's headers, and the app's answer comes back; with several
//! routes, the first that takes the delivery's event gets it; with `--answer-first`, through
//! the durable queue.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{CONNECTION, HeaderMap, HeaderValue};

use crate::listen::check::FORWARDED_HEADER;
use crate::listen::queue::Queue;
use crate::listen::route::{self, Route};
use crate::send::delivery::{Delivery, Outcome, Target, client, send};
use crate::send::trace::Trace;

/// Passes received deliveries on to another URL: the same body bytes and the sender's
/// headers (minus those that belong to one connection), so the signature still verifies.
#[derive(Debug, Clone)]
pub struct Forwarder {
    client: reqwest::Client,
    url: reqwest::Url,
    /// Added to every forwarded request, so this listener knows its own requests again.
    token: String,
    /// `-v`: what of each forward is logged.
    trace: Arc<Trace>,
}

/// Headers that describe one hop, not the message, and `Expect` (the app answers bluehook,
/// which sends the body at once): never forwarded. Neither are the headers the sender's
/// `Connection` header names.
pub(crate) const HOP_BY_HOP: [&str; 11] = [
    "expect",
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

/// Where accepted deliveries go: the routes in order, one forwarder each (sharing one loop
/// token), and with `--answer-first` the queue they wait in.
#[derive(Clone)]
pub struct Routing {
    pub routes: Vec<Route>,
    pub forwarders: Vec<Forwarder>,
    pub queue: Option<Queue>,
}

impl std::fmt::Debug for Routing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Routing").field("routes", &self.routes).finish()
    }
}

impl Routing {
    /// A forwarder per route, logging as `trace` says.
    pub fn new(
        routes: Vec<Route>,
        trace: Arc<Trace>,
        queue: Option<Queue>,
    ) -> anyhow::Result<Self> {
        let token = token();
        let forwarders = routes
            .iter()
            .map(|r| Forwarder::with_token(&r.url, trace.clone(), token.clone()))
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Routing { routes, forwarders, queue })
    }

    /// The forwarder whose route takes `event`, if any.
    pub fn pick(&self, event: Option<&str>) -> Option<&Forwarder> {
        route::pick(&self.routes, event).map(|(i, _)| &self.forwarders[i])
    }

    /// The value every forwarder puts in `X-Bluehook-Forwarded`.
    pub fn token(&self) -> &str {
        self.forwarders.first().map_or("", Forwarder::token)
    }

    /// Where replays from the inspector go: the first route's app.
    pub fn first_url(&self) -> Option<&str> {
        self.forwarders.first().map(Forwarder::url)
    }
}

impl Forwarder {
    /// A forwarder to `url` (checked like any target), logging its requests as `trace` says.
    pub fn new(url: &str, trace: Arc<Trace>) -> anyhow::Result<Self> {
        Self::with_token(url, trace, token())
    }

    fn with_token(url: &str, trace: Arc<Trace>, token: String) -> anyhow::Result<Self> {
        let target = Target::from_args(url, &[], Duration::from_secs(7), false)?;
        let client = client(&target, 64)?;
        Ok(Forwarder { client, url: target.url, token, trace })
    }

    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// The value this forwarder puts in `X-Bluehook-Forwarded`.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Whether the target is the listener at `addr` itself (same port, and the same address
    /// or, for a listener on every address, any local one).
    pub async fn targets(&self, addr: SocketAddr) -> bool {
        let (Some(host), Some(port)) = (self.url.host_str(), self.url.port_or_known_default())
        else {
            return false;
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let Ok(resolved) = tokio::net::lookup_host((host, port)).await else { return false };
        resolved.into_iter().any(|t| {
            t.port() == addr.port()
                && (t.ip() == addr.ip()
                    || (addr.ip().is_unspecified()
                        && (t.ip().is_loopback() || t.ip().is_unspecified()))
                    || (t.ip().is_unspecified() && addr.ip().is_loopback()))
        })
    }

    /// Sends `body` with the received `headers`, waiting at most `timeout` for the app's
    /// answer; the outcome says what the app answered.
    pub async fn forward(&self, headers: &HeaderMap, body: Bytes, timeout: Duration) -> Outcome {
        let mut extra_headers = HeaderMap::with_capacity(headers.len() + 1);
        let named = connection_names(headers);
        for (name, value) in headers {
            let name_str = name.as_str();
            if !HOP_BY_HOP.contains(&name_str) && !named.iter().any(|n| n == name_str) {
                extra_headers.append(name, value.clone());
            }
        }
        if let Ok(token) = HeaderValue::from_str(&self.token) {
            extra_headers.append(FORWARDED_HEADER, token);
        }
        let target = Target {
            url: self.url.clone(),
            extra_headers,
            timeout,
            accept_invalid_certs: false,
            trace: self.trace.clone(),
        };
        send(&self.client, &target, &Delivery { body, signature: None }, true).await
    }
}

/// The header names listed in `Connection` headers, lowercase.
fn connection_names(headers: &HeaderMap) -> Vec<String> {
    let listed = headers.get_all(CONNECTION).iter().filter_map(|v| v.to_str().ok());
    listed.flat_map(|v| v.split(',')).map(|n| n.trim().to_ascii_lowercase()).collect()
}

/// A token that tells this process's forwarded requests from any other's.
fn token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_named_by_connection_are_listed() {
        let mut h = HeaderMap::new();
        h.append(CONNECTION, HeaderValue::from_static("keep-alive, X-Secret-Hop"));
        h.append(CONNECTION, HeaderValue::from_static("x-other"));
        assert_eq!(connection_names(&h), ["keep-alive", "x-secret-hop", "x-other"]);
        assert_ne!(token(), token(), "every forwarder has a token of its own");
    }

    #[tokio::test]
    async fn a_target_on_the_listeners_own_address_is_recognised() {
        let f = Forwarder::new("http://localhost:18080/hook", Default::default()).unwrap();
        let on = |a: &str| a.parse::<SocketAddr>().unwrap();
        assert!(f.targets(on("127.0.0.1:18080")).await);
        assert!(f.targets(on("0.0.0.0:18080")).await);
        assert!(!f.targets(on("127.0.0.1:18081")).await);
        let other = Forwarder::new("http://127.0.0.2:18080/", Default::default()).unwrap();
        assert!(!other.targets(on("127.0.0.1:18080")).await);
    }
}

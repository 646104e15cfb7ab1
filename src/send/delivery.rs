//! Sending deliveries the way Blue does: POST, `Content-Type: application/json`, `X-Signature`,
//! no redirects followed, and every failure classified so the user learns which one it was.

use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, LOCATION};
use serde::Serialize;

use crate::error::Failure;
use crate::send::trace;
use crate::signature::{self, Signer};

/// How much of a response body is kept for display.
const RESPONSE_PREVIEW: usize = 2048;

/// Where and how deliveries are sent.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: reqwest::Url,
    /// Sent after the standard headers, so a user's `-H` can replace any of them.
    pub extra_headers: HeaderMap,
    pub timeout: Duration,
    pub accept_invalid_certs: bool,
    /// `-v`: what of each exchange is logged on stderr.
    pub trace: std::sync::Arc<trace::Trace>,
}

impl Target {
    /// A target from the command line: an http(s) URL with a host and `-H 'K: V'` headers.
    /// Bad input is a usage error naming what is wrong.
    pub fn from_args(
        url: &str,
        headers: &[String],
        timeout: Duration,
        accept_invalid_certs: bool,
    ) -> anyhow::Result<Target> {
        // `localhost:3000/hook` means http://; `example.com/hook` gets a did-you-mean https://.
        let parsed = crate::hookspec::web_url(url)?;
        let extra_headers =
            parse_headers(headers).map_err(|e| Failure::usage(format!("{e} (-H)")))?;
        let trace = Default::default();
        Ok(Target { url: parsed, extra_headers, timeout, accept_invalid_certs, trace })
    }
}

/// One request body and its signature.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub body: Bytes,
    pub signature: Option<String>,
}

impl Delivery {
    /// Signs `body` with `signer` when there is one.
    pub fn new(body: impl Into<Bytes>, signer: Option<&Signer>) -> Self {
        let body = body.into();
        let signature = signer.map(|s| s.sign(&body));
        Delivery { body, signature }
    }
}

/// Why a delivery did not get a 2xx.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    Status,
    Redirect,
    Refused,
    Dns,
    Tls,
    Timeout,
    Connection,
    /// The response body was cut short.
    Incomplete,
}

impl FailureKind {
    /// The snake_case name used in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            FailureKind::Status => "status",
            FailureKind::Redirect => "redirect",
            FailureKind::Refused => "refused",
            FailureKind::Dns => "dns",
            FailureKind::Tls => "tls",
            FailureKind::Timeout => "timeout",
            FailureKind::Connection => "connection",
            FailureKind::Incomplete => "incomplete",
        }
    }

    /// What the user can do about it, when there is something.
    pub fn hint(self) -> Option<&'static str> {
        Some(match self {
            FailureKind::Redirect => "deliver to the final URL: Blue will not follow the redirect",
            FailureKind::Refused => "start the receiver first, or `bluehook listen` to have one",
            FailureKind::Dns => "check the host name in the URL",
            FailureKind::Tls => "for a self-signed certificate, pass -k/--insecure",
            FailureKind::Timeout => {
                "Blue gives up after 7 s too; --timeout changes how long to wait"
            }
            FailureKind::Status | FailureKind::Connection | FailureKind::Incomplete => return None,
        })
    }

    pub fn describe(self) -> &'static str {
        match self {
            FailureKind::Status => "the receiver answered with a non-2xx status",
            FailureKind::Redirect => "the receiver redirected; Blue does not follow redirects",
            FailureKind::Refused => "connection refused: nothing is listening there",
            FailureKind::Dns => "the host name did not resolve",
            FailureKind::Tls => "the TLS handshake failed",
            FailureKind::Timeout => "no answer within the timeout",
            FailureKind::Connection => "the connection failed",
            FailureKind::Incomplete => "the response was cut off before its end",
        }
    }
}

/// What happened to one delivery.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Outcome {
    /// The status answered, if the receiver answered at all.
    pub status: Option<u16>,
    /// Milliseconds.
    #[serde(serialize_with = "as_millis")]
    #[schemars(with = "f64")]
    pub latency: Duration,
    /// `None` on a 2xx.
    pub failure: Option<FailureKind>,
    /// The error text or, for a redirect, the Location it pointed to.
    pub detail: Option<String>,
    /// The start of the response body (lossy UTF-8).
    pub response: String,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        self.failure.is_none()
    }

    /// The outcome of an answered request: 2xx passes, a 3xx is a redirect Blue would not
    /// follow (naming its Location), anything else a failed status.
    pub fn answered(status: u16, location: Option<String>, latency: Duration, body: &[u8]) -> Self {
        let (failure, detail) = match status {
            200..=299 => (None, None),
            300..=399 => (
                Some(FailureKind::Redirect),
                Some(location.unwrap_or_else(|| "no Location header".into())),
            ),
            _ => (Some(FailureKind::Status), None),
        };
        let response = String::from_utf8_lossy(body).into_owned();
        Outcome { status: Some(status), latency, failure, detail, response }
    }

    /// The outcome of a request that got no answer.
    pub fn failed(kind: FailureKind, detail: String, latency: Duration) -> Self {
        Outcome {
            status: None,
            latency,
            failure: Some(kind),
            detail: Some(detail),
            response: String::new(),
        }
    }
}

fn as_millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1e6).round() / 1e3)
}

/// A client configured like Blue's sender: no redirects, a per-request timeout.
pub fn client(target: &Target, connections: usize) -> anyhow::Result<reqwest::Client> {
    let client = reqwest::Client::builder()
        .user_agent(super::USER_AGENT)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(target.timeout)
        .connect_timeout(target.timeout)
        .pool_max_idle_per_host(connections)
        .tcp_nodelay(true)
        .danger_accept_invalid_certs(target.accept_invalid_certs)
        .build()?;
    Ok(client)
}

/// Sends one delivery and classifies the result. Never fails: failures are in the outcome.
pub async fn send(
    client: &reqwest::Client,
    target: &Target,
    d: &Delivery,
    preview: bool,
) -> Outcome {
    let start = Instant::now();
    let mut req = client
        .post(target.url.clone())
        .timeout(target.timeout)
        .header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(sig) = &d.signature {
        req = req.header(signature::HEADER, sig.as_str());
    }
    if !target.extra_headers.is_empty() {
        req = req.headers(target.extra_headers.clone());
    }
    let level = target.trace.begin();
    let result = match req.body(d.body.clone()).build() {
        Ok(request) => {
            target.trace.request(level, request.url().as_str(), request.headers(), &d.body);
            client.execute(request).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(resp) => answered(resp, start, preview || level > 1, (&target.trace, level)).await,
        Err(err) => {
            target.trace.failed(level, &error_text(&err), start.elapsed());
            Outcome::failed(classify(&err), error_text(&err), start.elapsed())
        }
    }
}

async fn answered(
    mut resp: reqwest::Response,
    start: Instant,
    preview: bool,
    (trace, level): (&trace::Trace, u8),
) -> Outcome {
    let status = resp.status();
    let headers = (level > 0).then(|| resp.headers().clone());
    let location =
        resp.headers().get(LOCATION).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let mut response = Vec::new();
    // Read the whole body (so the connection can be reused) but keep only the start.
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) if preview && response.len() < RESPONSE_PREVIEW => {
                let room = RESPONSE_PREVIEW - response.len();
                response.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            // A body cut short is no answer: the status alone cannot be trusted.
            Err(err) => {
                let mut cut = Outcome::failed(
                    FailureKind::Incomplete,
                    format!("response body cut off: {}", error_text(&err)),
                    start.elapsed(),
                );
                cut.status = Some(status.as_u16());
                cut.response = String::from_utf8_lossy(&response).into_owned();
                return cut;
            }
        }
    }
    if let Some(headers) = headers {
        trace.response(level, status.as_u16(), &headers, start.elapsed(), &response);
    }
    Outcome::answered(status.as_u16(), location, start.elapsed(), &response)
}

/// Tells refused, DNS, TLS, timeout and other connection failures apart.
fn classify(err: &reqwest::Error) -> FailureKind {
    if err.is_timeout() {
        return FailureKind::Timeout;
    }
    classify_chain(err)
}

/// Tells failures apart by the I/O errors and messages in an error's chain.
pub fn classify_chain(err: &(dyn std::error::Error + 'static)) -> FailureKind {
    let mut source = Some(err);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return FailureKind::Refused,
                std::io::ErrorKind::TimedOut => return FailureKind::Timeout,
                _ => {}
            }
        }
        let text = e.to_string().to_ascii_lowercase();
        if text.contains("dns error") || text.contains("failed to lookup address") {
            return FailureKind::Dns;
        }
        if text.contains("certificate") || text.contains("tls") || text.contains("handshake") {
            return FailureKind::Tls;
        }
        source = e.source();
    }
    FailureKind::Connection
}

/// The innermost useful text of an error chain, without reqwest's URL prefix noise.
pub fn error_text(err: &(dyn std::error::Error + 'static)) -> String {
    let mut last = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        last = e.to_string();
        source = e.source();
    }
    last
}

/// Parses `-H 'Name: value'` flags into a header map.
pub fn parse_headers(raw: &[String]) -> Result<HeaderMap, String> {
    let mut map = HeaderMap::new();
    for h in raw {
        let (name, value) = h.split_once(':').ok_or_else(|| format!("header `{h}` has no `:`"))?;
        let name = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| format!("`{}` is not a valid header name", name.trim()))?;
        let value = HeaderValue::from_str(value.trim())
            .map_err(|_| format!("the value of header `{name}` is not valid"))?;
        map.append(name, value);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_parse_and_reject_garbage() {
        let m = parse_headers(&["X-Test: a b".into(), "x-test:c".into()]).unwrap();
        let all: Vec<_> = m.get_all("x-test").iter().map(|v| v.to_str().unwrap()).collect();
        assert_eq!(all, ["a b", "c"]);
        assert!(parse_headers(&["NoColon".into()]).unwrap_err().contains("no `:`"));
        assert!(parse_headers(&["Bad Name: x".into()]).is_err());
    }
}

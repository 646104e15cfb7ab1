//! Plain HTTP/1.1 connections for load mode: each worker owns one keep-alive connection and
//! builds its requests directly with hyper, as wrk and oha do. This keeps the sender from being
//! the bottleneck; https:// targets and single deliveries go through reqwest instead.

use std::time::Instant;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::{CONTENT_TYPE, HOST, HeaderValue, LOCATION, USER_AGENT};
use hyper::{Request, Uri};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use crate::send::delivery::{self, Delivery, FailureKind, Outcome, Target};

use crate::signature;

/// One worker's connection to an http:// target, opened on first use and again after a
/// failure.
pub struct Conn {
    authority: String,
    host: HeaderValue,
    path: Uri,
    sender: Option<SendRequest<Full<Bytes>>>,
}

/// Why an exchange failed, before it becomes an [`Outcome`].
type Failed = (FailureKind, String);

impl Conn {
    /// A connection for `target`, or `None` when it is not plain http.
    pub fn for_target(target: &Target) -> Option<Conn> {
        let url = &target.url;
        if url.scheme() != "http" {
            return None;
        }
        let authority = format!("{}:{}", url.host_str()?, url.port_or_known_default()?);
        let host_text = match url.port() {
            Some(port) => format!("{}:{port}", url.host_str()?),
            None => url.host_str()?.to_string(),
        };
        let host = HeaderValue::from_str(&host_text).ok()?;
        let path = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        };
        let path = path.parse().ok()?;
        Some(Conn { authority, host, path, sender: None })
    }

    /// Sends one delivery; a failure closes the connection so the next one starts afresh.
    pub async fn send(&mut self, target: &Target, d: &Delivery) -> Outcome {
        let start = Instant::now();
        let level = target.trace.begin();
        let exchange = self.exchange(target, d, level);
        let result = tokio::time::timeout(target.timeout, exchange).await;
        let failed = match result {
            Ok(Ok((status, location))) => {
                return Outcome::answered(status, location, start.elapsed(), b"");
            }
            Ok(Err(failed)) => failed,
            Err(_) => (FailureKind::Timeout, "no answer within the timeout".to_string()),
        };
        target.trace.failed(level, &failed.1, start.elapsed());
        self.sender = None;
        Outcome::failed(failed.0, failed.1, start.elapsed())
    }

    async fn exchange(
        &mut self,
        target: &Target,
        d: &Delivery,
        level: u8,
    ) -> Result<(u16, Option<String>), Failed> {
        let start = Instant::now();
        let request = self.request(target, d);
        target.trace.request(level, target.url.as_str(), request.headers(), &d.body);
        let sender = match &mut self.sender {
            Some(s) if !s.is_closed() => s,
            _ => self.sender.insert(connect(&self.authority).await?),
        };
        sender.ready().await.map_err(|e| failure(&e))?;
        let response = sender.send_request(request).await.map_err(|e| failure(&e))?;
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get(LOCATION)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let headers = (level > 0).then(|| response.headers().clone());
        let body = response.into_body().collect().await.map_err(|e| failure(&e))?;
        if let Some(headers) = headers {
            let body = body.to_bytes();
            target.trace.response(level, status, &headers, start.elapsed(), &body);
        }
        Ok((status, location))
    }

    fn request(&self, target: &Target, d: &Delivery) -> Request<Full<Bytes>> {
        let mut req = Request::post(self.path.clone())
            .body(Full::new(d.body.clone()))
            .expect("a valid request");
        let headers = req.headers_mut();
        headers.insert(HOST, self.host.clone());
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(USER_AGENT, HeaderValue::from_static(super::USER_AGENT));
        if let Some(sig) = d.signature.as_deref().and_then(|s| HeaderValue::from_str(s).ok()) {
            headers.insert(signature::HEADER, sig);
        }
        // Like reqwest: a user's -H replaces a standard header of the same name.
        for name in target.extra_headers.keys() {
            headers.remove(name);
        }
        for (name, value) in &target.extra_headers {
            headers.append(name, value.clone());
        }
        req
    }
}

async fn connect(authority: &str) -> Result<SendRequest<Full<Bytes>>, Failed> {
    let stream = TcpStream::connect(authority).await.map_err(|e| failure(&e))?;
    let _ = stream.set_nodelay(true);
    let (sender, connection) =
        http1::handshake(TokioIo::new(stream)).await.map_err(|e| failure(&e))?;
    tokio::spawn(connection);
    Ok(sender)
}

fn failure(err: &(dyn std::error::Error + 'static)) -> Failed {
    (delivery::classify_chain(err), delivery::error_text(err))
}

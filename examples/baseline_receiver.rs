//! The baseline `scripts/bench-listen` measures `bluehook listen` against: a minimal hyper
//! receiver that checks the HMAC-SHA256 `X-Signature` of each body and writes one log line per
//! request to stdout. Nothing else: no path or method rules, no body limit, no recording.
//!
//! With `floor` as a third argument it is the floor instead: it only verifies and answers
//! (no log line, nothing parsed), the most any verifying receiver can do on this machine.
//!
//! Usage: `cargo run --release --example baseline_receiver -- PORT SECRET [floor]`
//! (port 0 picks a free one; the bound address is printed on stderr).

use std::convert::Infallible;
use std::io::Write;

use bytes::Bytes;
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use sha2::Sha256;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port = args.next().unwrap_or_else(|| "8090".into());
    let secret: &'static [u8] = args.next().unwrap_or_else(|| "secret".into()).leak().as_bytes();
    let log = args.next().as_deref() != Some("floor");
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    eprintln!("listening on http://{}", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        let _ = stream.set_nodelay(true);
        tokio::spawn(async move {
            let service = service_fn(move |req| handle(req, secret, log));
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

async fn handle(
    req: Request<Incoming>,
    secret: &[u8],
    log: bool,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let header = req.headers().get("x-signature").map(|v| v.as_bytes().to_vec());
    let body = match req.into_body().collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return Ok(reply(StatusCode::BAD_REQUEST)),
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("any key size");
    mac.update(&body);
    let valid =
        header.and_then(|h| hex::decode(h).ok()).is_some_and(|sig| mac.verify_slice(&sig).is_ok());
    let status = if valid { StatusCode::OK } else { StatusCode::UNAUTHORIZED };
    if log {
        let _ = writeln!(std::io::stdout().lock(), "{} {} bytes", status.as_u16(), body.len());
    }
    Ok(reply(status))
}

fn reply(status: StatusCode) -> Response<Full<Bytes>> {
    let mut resp = Response::new(Full::new(Bytes::new()));
    *resp.status_mut() = status;
    resp
}

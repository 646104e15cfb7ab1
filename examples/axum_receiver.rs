//! A correct minimal receiver of Blue's webhooks in Rust, with axum. It passes
//! `bluehook check`: it verifies X-Signature over the raw bytes received, refuses what does not
//! verify with 401, answers before doing the work, and takes any event in any order, twice if
//! Blue redelivers. (axum refuses bodies over 2 MB with 413.)
//!
//! Run: `BLUE_WEBHOOK_SECRET=... PORT=3000 cargo run --example axum_receiver`, then
//! `bluehook check http://127.0.0.1:3000/ --secret "$BLUE_WEBHOOK_SECRET"`.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The receiver, for any path, verifying with `secret`.
pub fn app(secret: Vec<u8>) -> Router {
    Router::new().fallback(receive).with_state(Arc::from(secret))
}

async fn receive(State(secret): State<Arc<[u8]>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    // HMAC-SHA256 of the raw body, compared in constant time (verify_slice). Never hash
    // serde_json::to_vec(&parsed): re-serialised JSON is not the bytes Blue signed.
    let given = headers.get("x-signature").and_then(|v| hex::decode(v.as_bytes()).ok());
    let mut mac = Hmac::<Sha256>::new_from_slice(&secret).expect("HMAC takes any key");
    mac.update(&body);
    if given.is_none_or(|sig| mac.verify_slice(&sig).is_err()) {
        return StatusCode::UNAUTHORIZED;
    }
    tokio::spawn(async move { handle(&body) }); // answer first: Blue waits 7 s at most
    StatusCode::OK
}

/// The work: idempotent (a redelivery changes nothing) and tolerant of ids never seen.
fn handle(body: &[u8]) {
    let Ok(delivery) = serde_json::from_slice::<serde_json::Value>(body) else { return };
    let entity = match &delivery["currentValue"] {
        serde_json::Value::Null => &delivery["previousValue"],
        current => current,
    };
    println!("{} {}", delivery["event"], entity["id"]);
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let secret = std::env::var("BLUE_WEBHOOK_SECRET").expect("set BLUE_WEBHOOK_SECRET");
    let port: u16 = std::env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(3000);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}/", listener.local_addr()?);
    axum::serve(listener, app(secret.into_bytes())).await
}

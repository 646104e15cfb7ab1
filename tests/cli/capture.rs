//! A receiver for send-sample tests: records every request and answers with the status the
//! path names (`/status/500`, `/status/302` with a Location), on 127.0.0.1 port 0.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::post;

/// One request as received.
#[derive(Debug, Clone)]
pub struct Captured {
    pub path: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

pub struct CaptureServer {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<Captured>>>,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl CaptureServer {
    /// Starts the server on its own thread; it stops when this value is dropped.
    pub fn start() -> Self {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let state = seen.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let app = axum::Router::new()
                    .route("/", post(ok))
                    .route("/{*rest}", post(by_path))
                    .with_state(state);
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        rx.await.ok();
                    })
                    .await;
            });
        });
        let addr =
            addr_rx.recv_timeout(std::time::Duration::from_secs(10)).expect("server started");
        CaptureServer { addr, seen, _shutdown: tx }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn requests(&self) -> Vec<Captured> {
        self.seen.lock().unwrap().clone()
    }
}

type Seen = State<Arc<Mutex<Vec<Captured>>>>;

async fn ok(State(seen): Seen, headers: HeaderMap, body: Bytes) -> impl IntoResponse {
    seen.lock().unwrap().push(Captured { path: "/".into(), headers, body });
    (StatusCode::OK, "{\"received\":true}")
}

async fn by_path(
    State(seen): Seen,
    Path(rest): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    seen.lock().unwrap().push(Captured { path: format!("/{rest}"), headers, body });
    let code = rest.strip_prefix("status/").and_then(|c| c.parse::<u16>().ok()).unwrap_or(200);
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::OK);
    let mut resp = (status, format!("answered {code}")).into_response();
    if status.is_redirection() {
        resp.headers_mut()
            .insert(header::LOCATION, "https://elsewhere.example/hook".parse().unwrap());
    }
    resp
}

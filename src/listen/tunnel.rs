//! `listen --tunnel`: a public URL for the local listener.
//!
//! - `bore[=HOST[:PORT]]`: built in, through the `bore-cli` crate's client (default server
//!   `bore.pub`; PORT asks the server for that public port). Public URLs are `http://`.
//! - `cloudflared`, `ngrok`: the user's installed program, started here and stopped with the
//!   listener; the public URL is read from its output (cloudflared's quick tunnel prints a
//!   `https://....trycloudflare.com` URL on stderr; ngrok with `--log stdout --log-format
//!   json` logs a `url` field).

use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::task::JoinHandle;

/// The default bore server.
pub const BORE_PUB: &str = "bore.pub";

/// How long a tunnel may take to give its public URL.
pub const START_TIMEOUT: Duration = Duration::from_secs(30);

/// Which tunnel `--tunnel` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    Bore { host: String, port: u16 },
    Cloudflared,
    Ngrok,
}

impl std::str::FromStr for Spec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (name, server) = match s.split_once('=') {
            Some((name, server)) => (name, Some(server)),
            None => (s, None),
        };
        match (name, server) {
            ("bore", None) => Ok(Spec::Bore { host: BORE_PUB.into(), port: 0 }),
            ("bore", Some(server)) => bore_server(server),
            ("cloudflared", None) => Ok(Spec::Cloudflared),
            ("ngrok", None) => Ok(Spec::Ngrok),
            ("cloudflared" | "ngrok", Some(_)) => {
                Err(format!("{name} takes no server: it uses the account it is set up with"))
            }
            _ => Err(format!("unknown tunnel `{s}`: bore[=HOST[:PORT]], cloudflared or ngrok")),
        }
    }
}

fn bore_server(server: &str) -> Result<Spec, String> {
    let (host, port) = match server.rsplit_once(':') {
        Some((host, port)) => {
            let port = port.parse().map_err(|_| format!("`{port}` is not a port"))?;
            (host, port)
        }
        None => (server, 0),
    };
    if host.is_empty() {
        return Err("bore= needs a server host".into());
    }
    Ok(Spec::Bore { host: host.trim_matches(['[', ']']).to_string(), port })
}

impl Spec {
    /// `bore (bore.pub)`, `cloudflared`, `ngrok`.
    pub fn name(&self) -> String {
        match self {
            Spec::Bore { host, .. } => format!("bore ({host})"),
            Spec::Cloudflared => "cloudflared".into(),
            Spec::Ngrok => "ngrok".into(),
        }
    }
}

/// An open tunnel; [`Tunnel::close`] stops it gracefully, dropping it stops it at once.
pub struct Tunnel {
    /// The public URL, with the listener's path.
    pub url: String,
    running: Running,
}

enum Running {
    Bore(JoinHandle<anyhow::Result<()>>),
    Process(tokio::process::Child),
}

impl Tunnel {
    /// Opens a tunnel to `127.0.0.1:port`; `path` is appended to the public URL.
    pub async fn open(spec: &Spec, port: u16, path: &str) -> anyhow::Result<Tunnel> {
        match spec {
            Spec::Bore { host, port: remote } => bore(host, *remote, port, path).await,
            Spec::Cloudflared => {
                let mut cmd = tokio::process::Command::new("cloudflared");
                cmd.args(["tunnel", "--no-autoupdate", "--url"]);
                cmd.arg(format!("http://127.0.0.1:{port}"));
                process(cmd, "cloudflared", path, Stream::Stderr, cloudflared_url).await
            }
            Spec::Ngrok => {
                let mut cmd = tokio::process::Command::new("ngrok");
                cmd.args(["http", &format!("127.0.0.1:{port}"), "--log", "stdout"]);
                cmd.args(["--log-format", "json"]);
                process(cmd, "ngrok", path, Stream::Stdout, ngrok_url).await
            }
        }
    }

    /// Whether the tunnel stopped by itself (its connection or process ended).
    pub fn has_ended(&mut self) -> bool {
        match &mut self.running {
            Running::Bore(task) => task.is_finished(),
            Running::Process(child) => !matches!(child.try_wait(), Ok(None)),
        }
    }

    /// Closes the tunnel, letting it relay answers already given: a tunnel program gets
    /// SIGTERM (cloudflared and ngrok finish open requests on it) and `grace` to exit before it
    /// is killed; bore's relays of open connections run on while the listener winds down.
    pub async fn close(mut self, grace: Duration) {
        match &mut self.running {
            Running::Bore(task) => task.abort(),
            Running::Process(child) => {
                terminate(child);
                if tokio::time::timeout(grace, child.wait()).await.is_err() {
                    let _ = child.kill().await;
                }
            }
        }
    }
}

/// Asks a tunnel program to stop (SIGTERM); elsewhere than Unix, stops it.
fn terminate(child: &mut tokio::process::Child) {
    #[cfg(unix)]
    if let Some(pid) = child.id().and_then(|pid| i32::try_from(pid).ok()) {
        // SAFETY: kill only sends a signal; the pid is our own child's, not yet reaped.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        return;
    }
    let _ = child.start_kill();
}

impl Drop for Tunnel {
    /// A tunnel dropped without [`Tunnel::close`] (an error path) is stopped at once.
    fn drop(&mut self) {
        match &mut self.running {
            Running::Bore(task) => task.abort(),
            Running::Process(child) => {
                let _ = child.start_kill();
            }
        }
    }
}

async fn bore(host: &str, remote: u16, port: u16, path: &str) -> anyhow::Result<Tunnel> {
    let connect = bore_cli::client::Client::new("127.0.0.1", port, host, remote, None);
    let client = tokio::time::timeout(START_TIMEOUT, connect)
        .await
        .map_err(|_| anyhow::anyhow!("no answer from the bore server {host}"))?
        .with_context(|| format!("cannot open a bore tunnel through {host}"))?;
    let public = client.remote_port();
    let shown = if host.contains(':') { format!("[{host}]") } else { host.to_string() };
    let url = format!("http://{shown}:{public}{path}");
    Ok(Tunnel { url, running: Running::Bore(tokio::spawn(client.listen())) })
}

#[derive(Clone, Copy)]
enum Stream {
    Stdout,
    Stderr,
}

/// Starts a tunnel program and reads its output until `find` sees the public URL.
async fn process(
    mut cmd: tokio::process::Command,
    name: &str,
    path: &str,
    stream: Stream,
    find: fn(&str) -> Option<String>,
) -> anyhow::Result<Tunnel> {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).kill_on_drop(true);
    // The program is asked to stop when bluehook dies, even by SIGKILL, so no tunnel outlives
    // its listener.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(2) between fork and exec touches no memory of the parent and is
    // async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
            Ok(())
        });
    }
    let mut child = cmd.spawn().map_err(|e| not_started(name, e))?;
    let (out, err) = (child.stdout.take(), child.stderr.take());
    let (found_tx, found_rx) = tokio::sync::oneshot::channel();
    let (watched, other): (Box<dyn AsyncRead + Send + Unpin>, Box<dyn AsyncRead + Send + Unpin>) =
        match stream {
            Stream::Stdout => (Box::new(out.expect("piped")), Box::new(err.expect("piped"))),
            Stream::Stderr => (Box::new(err.expect("piped")), Box::new(out.expect("piped"))),
        };
    tokio::spawn(drain(other));
    // Keeps reading after the URL is found, so the program never blocks on a full pipe.
    tokio::spawn(async move {
        let mut lines = BufReader::new(watched).lines();
        let mut found = Some(found_tx);
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(url) = find(&line)
                && let Some(tx) = found.take()
            {
                let _ = tx.send(url);
            }
        }
    });
    match tokio::time::timeout(START_TIMEOUT, found_rx).await {
        Ok(Ok(url)) => Ok(Tunnel {
            url: format!("{}{path}", url.trim_end_matches('/')),
            running: Running::Process(child),
        }),
        Ok(Err(_)) => {
            let status = child.wait().await.ok().map(|s| s.to_string()).unwrap_or_default();
            let message = format!("{name} stopped before giving a public URL ({status})");
            Err(no_url(name, message))
        }
        Err(_) => {
            let message = format!("{name} gave no public URL within {}s", START_TIMEOUT.as_secs());
            Err(no_url(name, message))
        }
    }
}

async fn drain(stream: Box<dyn AsyncRead + Send + Unpin>) {
    let mut lines = BufReader::new(stream).lines();
    while let Ok(Some(_)) = lines.next_line().await {}
}

/// A tunnel program that ran but gave no URL: how to see why.
fn no_url(name: &str, message: String) -> anyhow::Error {
    let hint = format!(
        "run `{name}` by hand to see what it says (is it logged in, can it reach its \
         service?), or use --tunnel bore"
    );
    crate::error::Failure::new(crate::error::Exit::Failure, message).with_hint(hint).into()
}

fn not_started(name: &str, e: std::io::Error) -> anyhow::Error {
    if e.kind() != std::io::ErrorKind::NotFound {
        return anyhow::anyhow!("cannot start {name}: {e}");
    }
    let hint = match name {
        "cloudflared" => {
            "install cloudflared (https://developers.cloudflare.com/cloudflare-one/connections/\
             connect-networks/downloads/, or `brew install cloudflared`), or use --tunnel bore"
        }
        _ => {
            "install ngrok (https://ngrok.com/download) and run `ngrok config add-authtoken \
             TOKEN`, or use --tunnel bore"
        }
    };
    crate::error::Failure::new(crate::error::Exit::Failure, format!("{name} is not installed"))
        .with_hint(hint)
        .into()
}

/// The quick tunnel's URL in a line of cloudflared's log: a `trycloudflare.com` URL, or the
/// URL alone in the banner's box (`|  https://...  |`).
pub fn cloudflared_url(line: &str) -> Option<String> {
    let start = line.find("https://").or_else(|| line.find("http://"))?;
    let url: String = line[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '/' | '.' | '-'))
        .collect();
    let boxed = line[..start].trim_end().ends_with('|') && line[start + url.len()..].trim() == "|";
    (url.ends_with(".trycloudflare.com") || boxed).then_some(url)
}

/// The public URL in a line of ngrok's JSON log (`"msg":"started tunnel"`).
pub fn ngrok_url(line: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let url = v.get("url")?.as_str()?;
    (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_with_their_servers() {
        let bore = |h: &str, p| Spec::Bore { host: h.into(), port: p };
        assert_eq!("bore".parse(), Ok(bore("bore.pub", 0)));
        assert_eq!("bore=my.host".parse(), Ok(bore("my.host", 0)));
        assert_eq!("bore=127.0.0.1:4000".parse(), Ok(bore("127.0.0.1", 4000)));
        assert_eq!("cloudflared".parse(), Ok(Spec::Cloudflared));
        assert_eq!("ngrok".parse(), Ok(Spec::Ngrok));
        assert!("bore=".parse::<Spec>().is_err());
        assert!("bore=h:x".parse::<Spec>().unwrap_err().contains("not a port"));
        assert!("ngrok=x".parse::<Spec>().is_err());
        assert!("localtunnel".parse::<Spec>().unwrap_err().contains("unknown tunnel"));
    }

    #[test]
    fn public_urls_are_read_from_the_programs_output() {
        let cf = "2025-06-02T09:30:00Z INF |  https://calm-river-1234.trycloudflare.com       |";
        assert_eq!(
            cloudflared_url(cf).as_deref(),
            Some("https://calm-river-1234.trycloudflare.com")
        );
        assert_eq!(cloudflared_url("INF see https://www.cloudflare.com/website-terms/"), None);
        let boxed = "INF |  http://127.0.0.1:4321                  |";
        assert_eq!(cloudflared_url(boxed).as_deref(), Some("http://127.0.0.1:4321"));
        let ng = r#"{"addr":"http://127.0.0.1:8080","lvl":"info","msg":"started tunnel","name":"command_line","obj":"tunnels","url":"https://ab12.ngrok-free.app"}"#;
        assert_eq!(ngrok_url(ng).as_deref(), Some("https://ab12.ngrok-free.app"));
        assert_eq!(ngrok_url(r#"{"lvl":"info","msg":"starting web service"}"#), None);
        assert_eq!(ngrok_url("not json"), None);
    }
}

//! `listen --exec 'CMD'`: a command run by the shell for each accepted delivery, with the
//! body on its stdin and the delivery in its environment:
//!
//! - `BLUEHOOK_EVENT`: the body's `event` (empty when it has none);
//! - `BLUEHOOK_VERIFIED`: `true`, or `false` when no secret is set (unverified);
//! - `BLUEHOOK_HEADER_<NAME>` per request header whose name is letters, digits and `-`, the
//!   name uppercased with `-` as `_` (`BLUEHOOK_HEADER_X_SIGNATURE`); repeated headers joined
//!   with `, `. Names with other characters (`x_signature`) get no variable of their own, so
//!   no two headers share one;
//! - `BLUEHOOK_HEADERS`: every request header, as a JSON object.
//!
//! The command inherits the listener's environment less every `BLUEHOOK_*` variable and
//! `BLUE_TOKEN_SECRET`, so it never sees a secret it was not handed, and no inherited
//! variable passes for one bluehook sets.
//!
//! At most `concurrency` commands run at once; waiting for a turn and running must end by the
//! deadline the caller gives (the listener's answer budget), after which the command (its
//! whole process group on Unix) is killed. The command's own output goes to stderr, so stdout
//! stays the listener's (NDJSON with `--json`).

use std::process::Stdio;
use std::sync::Arc;
use std::time::Instant;

use hyper::body::Bytes;
use hyper::http::HeaderMap;
use serde::Serialize;
use tokio::io::AsyncWriteExt;
use tokio::sync::Semaphore;

use crate::listen::headers::HeadersJson;

/// What `--exec` runs, and how many at once.
#[derive(Debug)]
pub struct Exec {
    command: String,
    slots: Arc<Semaphore>,
}

/// Inherited variables a command never sees: bluehook's own (which may hold the webhook
/// secret, or pass for a variable bluehook sets) and Blue's token secret.
const NOT_INHERITED: &str = "BLUE_TOKEN_SECRET";

/// What became of one command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Ran {
    /// The exit code; `None` when it did not exit by itself (killed, or never started).
    pub code: Option<i32>,
    /// Killed after the timeout.
    pub timed_out: bool,
    /// Why it could not be started.
    pub error: Option<String>,
    /// Milliseconds from the delivery being handed over to the command's end.
    pub ms: u64,
}

impl Ran {
    /// Exited with 0.
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }

    /// `exit 0`, `exit 3`, `killed after 7s`, `failed to start: ...`.
    pub fn describe(&self) -> String {
        match (&self.error, self.code, self.timed_out) {
            (Some(e), _, _) => format!("failed to start: {e}"),
            (_, _, true) => format!("killed after {}s", self.ms.div_ceil(1000)),
            (_, Some(code), _) => format!("exit {code}"),
            (_, None, _) => "killed by a signal".into(),
        }
    }
}

impl Exec {
    pub fn new(command: impl Into<String>, concurrency: usize) -> Self {
        let slots = Arc::new(Semaphore::new(concurrency.max(1)));
        Exec { command: command.into(), slots }
    }

    /// Runs the command for one delivery and waits for it, at most until `deadline` (waiting
    /// for a turn included); a command still running then is killed.
    pub async fn run(
        &self,
        body: &Bytes,
        event: Option<&str>,
        verified: Option<bool>,
        headers: &HeaderMap,
        deadline: tokio::time::Instant,
    ) -> Ran {
        let start = Instant::now();
        let Ok(Ok(_slot)) = tokio::time::timeout_at(deadline, self.slots.acquire()).await else {
            return Ran { code: None, timed_out: true, error: None, ms: ms(start) };
        };
        let mut child = match self.command(event, verified, headers).spawn() {
            Ok(child) => child,
            Err(e) => {
                return Ran { code: None, timed_out: false, error: Some(e.to_string()), ms: 0 };
            }
        };
        if let Some(mut stdin) = child.stdin.take() {
            let body = body.clone();
            // A command that does not read its stdin is not an error.
            tokio::spawn(async move {
                let _ = stdin.write_all(&body).await;
            });
        }
        match tokio::time::timeout_at(deadline, child.wait()).await {
            Ok(Ok(status)) => {
                Ran { code: status.code(), timed_out: false, error: None, ms: ms(start) }
            }
            Ok(Err(e)) => {
                Ran { code: None, timed_out: false, error: Some(e.to_string()), ms: ms(start) }
            }
            Err(_) => {
                kill(&mut child).await;
                Ran { code: None, timed_out: true, error: None, ms: ms(start) }
            }
        }
    }

    fn command(
        &self,
        event: Option<&str>,
        verified: Option<bool>,
        headers: &HeaderMap,
    ) -> tokio::process::Command {
        let mut cmd = shell(&self.command);
        for (key, _) in std::env::vars_os() {
            let name = key.to_string_lossy();
            if name.starts_with("BLUEHOOK_") || name == NOT_INHERITED {
                cmd.env_remove(&key);
            }
        }
        cmd.env("BLUEHOOK_EVENT", event.unwrap_or_default())
            .env("BLUEHOOK_VERIFIED", if verified == Some(true) { "true" } else { "false" });
        let all = serde_json::to_string(&HeadersJson(headers)).unwrap_or_default();
        cmd.env("BLUEHOOK_HEADERS", all);
        for (key, value) in header_variables(headers) {
            cmd.env(key, value);
        }
        cmd.stdin(Stdio::piped()).stdout(std::io::stderr()).stderr(std::io::stderr());
        cmd.kill_on_drop(true);
        #[cfg(unix)]
        cmd.process_group(0);
        cmd
    }
}

/// `BLUEHOOK_HEADER_<NAME>` for each header whose name maps to a variable one-to-one:
/// letters, digits and `-` (as `_`). Repeated headers are joined with `, `.
fn header_variables(headers: &HeaderMap) -> Vec<(String, String)> {
    let plain = |name: &str| name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let names = headers.keys().filter(|name| plain(name.as_str()));
    names
        .map(|name| {
            let values: Vec<_> = headers
                .get_all(name)
                .iter()
                .map(|v| String::from_utf8_lossy(v.as_bytes()))
                .collect();
            let key = name.as_str().to_uppercase().replace('-', "_");
            (format!("BLUEHOOK_HEADER_{key}"), values.join(", "))
        })
        .collect()
}

fn ms(start: Instant) -> u64 {
    start.elapsed().as_millis() as u64
}

#[cfg(unix)]
fn shell(command: &str) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new("sh");
    cmd.arg("-c").arg(command);
    cmd
}

#[cfg(windows)]
fn shell(command: &str) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new("cmd");
    cmd.arg("/C").arg(command);
    cmd
}

/// Kills the command and, on Unix, everything it started (its process group).
async fn kill(child: &mut tokio::process::Child) {
    #[cfg(unix)]
    if let Some(pid) = child.id() {
        // SAFETY: kill(2) on the group this child leads; no memory is involved.
        unsafe { libc::kill(-(pid as i32), libc::SIGKILL) };
    }
    let _ = child.kill().await;
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::time::Duration;

    fn headers() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-signature", "ab12".parse().unwrap());
        h
    }

    async fn run(exec: &Exec, body: &'static [u8]) -> Ran {
        run_within(exec, body, Duration::from_secs(7)).await
    }

    async fn run_within(exec: &Exec, body: &'static [u8], limit: Duration) -> Ran {
        let deadline = tokio::time::Instant::now() + limit;
        let h = headers();
        exec.run(&Bytes::from_static(body), Some("TODO_CREATED"), Some(true), &h, deadline).await
    }

    #[tokio::test]
    async fn exit_codes_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let script = format!(
            "cat > {0}; echo \"$BLUEHOOK_EVENT $BLUEHOOK_VERIFIED $BLUEHOOK_HEADER_X_SIGNATURE\" >> {0}",
            out.display()
        );
        let ran = run(&Exec::new(script, 1), b"{\"a\":1}").await;
        assert!(ran.ok(), "{ran:?}");
        let written = std::fs::read_to_string(&out).unwrap();
        assert_eq!(written, "{\"a\":1}TODO_CREATED true ab12\n");
        let ran = run(&Exec::new("exit 3", 1), b"{}").await;
        assert_eq!((ran.code, ran.describe()), (Some(3), "exit 3".into()));
    }

    #[tokio::test]
    async fn slow_commands_are_killed_at_the_timeout() {
        let exec = Exec::new("sleep 30", 1);
        let ran = run_within(&exec, b"{}", Duration::from_millis(300)).await;
        assert!(ran.timed_out && !ran.ok(), "{ran:?}");
        assert!(ran.ms < 5_000, "{ran:?}");
    }

    #[tokio::test]
    async fn at_most_concurrency_commands_run_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let (live, peak) = (dir.path().join("live"), dir.path().join("peak"));
        std::fs::create_dir(&live).unwrap();
        // Each command leaves a file while it runs and notes how many it sees.
        let script = format!(
            "touch {l}/$$; ls {l} | wc -l >> {p}; sleep 0.2; rm {l}/$$",
            l = live.display(),
            p = peak.display()
        );
        let exec = Arc::new(Exec::new(script, 2));
        let runs = (0..6).map(|_| {
            let exec = exec.clone();
            tokio::spawn(async move { run(&exec, b"{}").await })
        });
        for r in runs.collect::<Vec<_>>() {
            assert!(r.await.unwrap().ok());
        }
        let peaks = std::fs::read_to_string(&peak).unwrap();
        let most = peaks.lines().map(|l| l.trim().parse::<u32>().unwrap()).max().unwrap();
        assert!(most <= 2, "{peaks}");
        assert_eq!(peaks.lines().count(), 6);
    }
}

//! The tunnel's watchdog: every `--probe-every`, a signed probe goes out through the public
//! URL and must come back to the receiver. Probes carry [`HEADER`] with a token of this run;
//! the receiver answers them 204 and neither counts nor shows them. When a probe does not
//! come back (or the tunnel ended), the watchdog says the tunnel is down, and either stops
//! (`--exit-on-disconnect`) or opens the tunnel again until it is back up.

use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use crate::listen::tunnel::{Spec, Tunnel};
use crate::signature::Signer;

/// Marks a probe; its value is the run's token.
pub const HEADER: &str = "x-bluehook-probe";

/// How long a probe may take to come back (Blue's own timeout).
const PROBE_TIMEOUT: Duration = Duration::from_secs(7);

/// How long a tunnel found down may take to stop before it is killed.
const BROKEN_GRACE: Duration = Duration::from_secs(1);

/// The probes of one run, as the receiver sees them.
#[derive(Debug)]
pub struct Probes {
    token: String,
    arrived: AtomicU64,
}

impl Default for Probes {
    fn default() -> Self {
        Self::new()
    }
}

impl Probes {
    pub fn new() -> Self {
        // Unguessable enough to tell our probes from deliveries: two randomly keyed hashes.
        let random = || std::collections::hash_map::RandomState::new().build_hasher().finish();
        Probes { token: format!("{:016x}{:016x}", random(), random()), arrived: AtomicU64::new(0) }
    }

    /// Whether a request is one of this run's probes; counts it when it is.
    pub fn take(&self, header: Option<&[u8]>) -> bool {
        let ours = header == Some(self.token.as_bytes());
        if ours {
            self.arrived.fetch_add(1, Ordering::Relaxed);
        }
        ours
    }

    fn arrived(&self) -> u64 {
        self.arrived.load(Ordering::Relaxed)
    }
}

/// What the watchdog tells the listener.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Down { url: String, why: String },
    Up { url: String },
}

/// Keeps a tunnel up.
pub struct Watchdog {
    pub spec: Spec,
    pub local_port: u16,
    pub path: String,
    pub every: Duration,
    pub probes: Arc<Probes>,
    pub signer: Option<Signer>,
    /// Stop at the first failure instead of reopening the tunnel.
    pub exit_on_disconnect: bool,
}

impl Watchdog {
    /// Watches `tunnel` until `stop` fires (the listener stops) or, with `exit_on_disconnect`,
    /// until the first failure; hands the tunnel back for a graceful close.
    pub async fn run(
        self,
        mut tunnel: Tunnel,
        states: mpsc::UnboundedSender<State>,
        mut stop: oneshot::Receiver<()>,
    ) -> Option<Tunnel> {
        let client = reqwest::Client::builder()
            .timeout(PROBE_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a plain HTTP client builds");
        loop {
            let probed = tokio::select! {
                probed = self.after_a_while(&client, &mut tunnel) => probed,
                _ = &mut stop => return Some(tunnel),
            };
            let Err(why) = probed else { continue };
            let _ = states.send(State::Down { url: tunnel.url.clone(), why });
            if self.exit_on_disconnect {
                return Some(tunnel);
            }
            tunnel.close(BROKEN_GRACE).await;
            tunnel = tokio::select! {
                tunnel = self.reopen() => tunnel,
                _ = &mut stop => return None,
            };
            let _ = states.send(State::Up { url: tunnel.url.clone() });
        }
    }

    /// Waits `every`, then probes.
    async fn after_a_while(
        &self,
        client: &reqwest::Client,
        tunnel: &mut Tunnel,
    ) -> Result<(), String> {
        tokio::time::sleep(self.every).await;
        self.probe(client, tunnel).await
    }

    /// Sends one probe through the public URL and checks that it arrived.
    async fn probe(&self, client: &reqwest::Client, tunnel: &mut Tunnel) -> Result<(), String> {
        if tunnel.has_ended() {
            return Err("the tunnel closed".into());
        }
        let before = self.probes.arrived();
        let body = br#"{"event":"BLUEHOOK_PROBE"}"#.to_vec();
        let mut request = client.post(&tunnel.url).header(HEADER, &self.probes.token);
        if let Some(signer) = &self.signer {
            request = request.header(crate::signature::HEADER, signer.sign(&body));
        }
        let answer = request.header("content-type", "application/json").body(body).send().await;
        match answer {
            Err(e) => Err(format!("probe failed: {}", crate::send::delivery::error_text(&e))),
            Ok(r) if self.probes.arrived() > before => r
                .status()
                .is_success()
                .then_some(())
                .ok_or(format!("probe answered {}", r.status())),
            Ok(r) => Err(format!("probe answered {} but never reached the listener", r.status())),
        }
    }

    /// Opens the tunnel again, waiting longer after each failure (1 s up to 30 s).
    async fn reopen(&self) -> Tunnel {
        let mut wait = Duration::from_secs(1);
        loop {
            if let Ok(tunnel) = Tunnel::open(&self.spec, self.local_port, &self.path).await {
                return tunnel;
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(30));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_runs_token_is_a_probe() {
        let probes = Probes::new();
        let other = Probes::new();
        assert_ne!(probes.token, other.token);
        assert!(!probes.take(None));
        assert!(!probes.take(Some(other.token.as_bytes())));
        assert!(probes.take(Some(probes.token.as_bytes())));
        assert_eq!(probes.arrived(), 1);
    }
}

//! Exit codes and the error that carries one.
//!
//! Commands return `anyhow::Result`; a [`Failure`] anywhere in the chain decides the exit
//! code and may carry a hint. Any other error exits with [`Exit::Failure`].

use std::fmt;

/// The documented exit codes. Each code's meaning is here and only here: `bluehook --help`
/// and the README's table are made from [`Exit::ALL`] and [`Exit::meaning`] (a test fails when
/// the README's copy is stale).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Failure = 1,
    Usage = 2,
    BadSignature = 3,
    TimedOut = 4,
    DeliveryFailed = 5,
    Auth = 6,
    NotFound = 7,
    Api = 8,
    Cancelled = 9,
    /// `listen --exit-on-disconnect`: the tunnel went down.
    Disconnected = 10,
    Interrupted = 130,
}

impl Exit {
    /// Every code, in order.
    pub const ALL: [Exit; 12] = [
        Exit::Success,
        Exit::Failure,
        Exit::Usage,
        Exit::BadSignature,
        Exit::TimedOut,
        Exit::DeliveryFailed,
        Exit::Auth,
        Exit::NotFound,
        Exit::Api,
        Exit::Cancelled,
        Exit::Disconnected,
        Exit::Interrupted,
    ];

    pub fn code(self) -> u8 {
        self as u8
    }

    /// What the code means, for `--help` and the README.
    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Success => "success",
            Exit::Failure => "unexpected error (`check`: a case failed)",
            Exit::Usage => {
                "usage error (bad flag, unknown event name, a file named that is not there, \
                 missing input without a terminal)"
            }
            Exit::BadSignature => "signature does not verify",
            Exit::TimedOut => "timed out waiting for events (`listen --expect/--count --timeout`)",
            Exit::DeliveryFailed => {
                "delivery failed (non-2xx, refused, DNS, TLS, timeout, redirect)"
            }
            Exit::Auth => "Blue rejected the credentials, or none are configured",
            Exit::NotFound => "webhook not found",
            Exit::Api => {
                "other Blue API error (bad input, plan limit, failed health check, a malformed answer, ...)"
            }
            Exit::Cancelled => "cancelled: No at a confirmation (`delete`, `cleanup`, `logout`)",
            Exit::Disconnected => {
                "the tunnel went down (`listen --tunnel ... --exit-on-disconnect`)"
            }
            Exit::Interrupted => "interrupted (Ctrl-C or SIGTERM)",
        }
    }

    /// The list at the end of `bluehook --help`.
    pub fn help_text() -> String {
        let lines = Exit::ALL.iter().map(|e| format!("  {:<4} {}", e.code(), e.meaning()));
        std::iter::once("Exit codes:".to_string()).chain(lines).collect::<Vec<_>>().join("\n")
    }

    /// The README's table.
    pub fn markdown_table() -> String {
        let rows = Exit::ALL.iter().map(|e| format!("| {} | {} |\n", e.code(), e.meaning()));
        format!("| code | meaning |\n|-----:|---------|\n{}", rows.collect::<String>())
    }
}

/// What to do when Blue has no credentials from us, or refuses them.
pub const LOGIN_HINT: &str = "run `bluehook login`, or set BLUE_TOKEN_ID and BLUE_TOKEN_SECRET \
     (and BLUE_ORG_ID) to a Blue API token";

/// An error with a chosen exit code, an optional hint, and possibly nothing to print
/// (when the command already told the user what happened).
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: Option<String>,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Failure { exit, message: Some(message.into()), hint: None }
    }

    /// Exit with `exit` without printing anything more.
    pub fn silent(exit: Exit) -> Self {
        Failure { exit, message: None, hint: None }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Failure::new(Exit::Usage, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message.as_deref().unwrap_or("failed"))
    }
}

impl std::error::Error for Failure {}

/// What `main` should print and return for an error.
pub struct Report {
    pub exit: Exit,
    /// `None` when nothing should be printed.
    pub message: Option<String>,
    pub hint: Option<String>,
}

/// Decides exit code and message for an error chain. A closed stdout pipe is success.
pub fn report(err: &anyhow::Error) -> Report {
    if is_broken_pipe(err) {
        return Report { exit: Exit::Success, message: None, hint: None };
    }
    if let Some(f) = err.chain().find_map(|e| e.downcast_ref::<Failure>()) {
        let message = f.message.as_ref().map(|_| chain_text(err));
        return Report { exit: f.exit, message, hint: f.hint.clone() };
    }
    Report { exit: Exit::Failure, message: Some(chain_text(err)), hint: None }
}

fn chain_text(err: &anyhow::Error) -> String {
    let parts: Vec<String> = err.chain().map(|e| e.to_string()).collect();
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    for p in parts {
        // Skip causes whose text the previous message already contains.
        if out.last().is_none_or(|prev| !prev.contains(&p)) {
            out.push(p);
        }
    }
    out.join(": ")
}

/// Whether the error comes from writing to a closed pipe, however it was wrapped (an
/// `io::Error`, or a `serde_json::Error` around one, whose `source` skips the io error).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let pipe = std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == pipe)
            || e.downcast_ref::<serde_json::Error>().and_then(|j| j.io_error_kind()) == Some(pipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's exit-code table is [`Exit::markdown_table`], between its markers.
    #[test]
    fn the_readme_table_is_the_enum_s() {
        let readme = include_str!("../README.md");
        let (start, end) =
            ("<!-- exit-codes: made from src/error.rs -->\n", "<!-- /exit-codes -->");
        let table = readme.split(start).nth(1).and_then(|rest| rest.split(end).next());
        assert_eq!(table, Some(Exit::markdown_table().as_str()), "update the README's table");
    }

    #[test]
    fn every_code_is_listed_once_in_order() {
        let codes: Vec<u8> = Exit::ALL.iter().map(|e| e.code()).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
        assert!(Exit::help_text().contains("  10   the tunnel went down"));
    }
    use anyhow::Context;

    #[test]
    fn failure_in_chain_sets_exit_and_hint() {
        let err = Err::<(), _>(Failure::new(Exit::Auth, "no credentials").with_hint("run login"))
            .context("listing webhooks")
            .unwrap_err();
        let r = report(&err);
        assert_eq!(r.exit, Exit::Auth);
        assert_eq!(r.message.as_deref(), Some("listing webhooks: no credentials"));
        assert_eq!(r.hint.as_deref(), Some("run login"));
    }

    #[test]
    fn plain_errors_exit_1_and_broken_pipe_exits_0() {
        let r = report(&anyhow::anyhow!("boom"));
        assert_eq!((r.exit, r.message.as_deref()), (Exit::Failure, Some("boom")));
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let r = report(&anyhow::Error::new(pipe).context("writing"));
        assert_eq!((r.exit, r.message), (Exit::Success, None));
        let json = serde_json::Error::io(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        let r = report(&anyhow::Error::new(json));
        assert_eq!((r.exit, r.message), (Exit::Success, None));
    }

    #[test]
    fn silent_failure_prints_nothing() {
        let r = report(&anyhow::Error::new(Failure::silent(Exit::Interrupted)));
        assert_eq!((r.exit, r.message), (Exit::Interrupted, None));
    }
}

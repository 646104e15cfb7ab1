//! Exit codes and the error that carries one.
//!
//! Commands return `anyhow::Result`; a [`Failure`] anywhere in the chain decides the exit
//! code and may carry a hint. Any other error exits with [`Exit::Failure`].

use std::fmt;

/// The documented exit codes (see `bluehook --help` and the README).
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
    Interrupted = 130,
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }
}

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

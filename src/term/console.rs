//! The console: where bluehook's messages go (stderr) and what they must never show.
//!
//! A [`Console`] is built once from the flags (`bluehook::run`) and handed, by value, to
//! whatever prints messages or learns a secret. Every message printed through it (errors,
//! hints, warnings, notes, `-v` logs) goes through one redactor: each secret is registered
//! with [`Console::secret`] as soon as it is resolved (token secret, signing secrets, the
//! config file's secrets, a password in a URL) and is replaced by its redacted form wherever
//! it shows up, whoever wrote the text. Clones share the same secrets.
//!
//! The console colours its own lines as `--color` says; what goes to stdout is coloured by
//! `anstream`'s choice, which `bluehook::run` sets from the same flag
//! ([`init_color`](crate::term::output::init_color)).

use std::borrow::Cow;
use std::io::Write;
use std::sync::{Arc, RwLock};

use anstream::ColorChoice;

use crate::error;
use crate::term::output::{BOLD, ERROR, WARN, redact};

/// Shorter values are not registered: replacing them would garble ordinary text.
const MIN_SECRET_LEN: usize = 4;

/// The handle on stderr: the colour choice and the secrets to redact. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Console {
    /// The secrets registered so far, longest first (so a secret that contains another is
    /// replaced whole).
    secrets: Arc<RwLock<Vec<String>>>,
    color: ColorChoice,
}

impl Console {
    /// A console with no secrets yet, colouring as `--color` says. `Auto`: colour only on a
    /// terminal, never when `NO_COLOR` is set.
    pub fn new(color: ColorChoice) -> Console {
        Console { secrets: Arc::default(), color }
    }

    /// The colour choice given with `--color`.
    pub fn color(&self) -> ColorChoice {
        self.color
    }

    /// Registers a secret: from now on it is redacted from every message printed.
    pub fn secret(&self, value: &str) {
        if value.len() < MIN_SECRET_LEN {
            return;
        }
        let mut secrets = self.secrets.write().unwrap_or_else(|e| e.into_inner());
        if !secrets.iter().any(|s| s == value) {
            secrets.push(value.to_string());
            secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
    }

    /// Registers the password of a URL, as written and decoded, as a secret.
    pub fn url_password(&self, url: &str) {
        let Ok(u) = reqwest::Url::parse(url) else { return };
        if let Some(p) = u.password() {
            self.secret(p);
            if let Ok(decoded) = percent_encoding::percent_decode_str(p).decode_utf8() {
                self.secret(&decoded);
            }
        }
    }

    /// `text` with every registered secret replaced by its redacted form.
    pub fn scrub<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let secrets = self.secrets.read().unwrap_or_else(|e| e.into_inner());
        if !secrets.iter().any(|s| text.contains(s.as_str())) {
            return Cow::Borrowed(text);
        }
        let mut out = text.to_string();
        for s in secrets.iter() {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), &redact(s));
            }
        }
        Cow::Owned(out)
    }

    /// stderr, coloured as `--color` says.
    fn stderr(&self) -> anstream::AutoStream<std::io::StderrLock<'static>> {
        anstream::AutoStream::new(std::io::stderr().lock(), self.color)
    }

    /// `bluehook: warning: ...` on stderr.
    pub fn warn(&self, message: impl std::fmt::Display) {
        let message = message.to_string();
        let message = self.scrub(&message);
        let _ = writeln!(self.stderr(), "bluehook: {WARN}warning:{WARN:#} {message}");
    }

    /// A plain informational line on stderr.
    pub fn note(&self, message: impl std::fmt::Display) {
        let message = message.to_string();
        let _ = writeln!(self.stderr(), "{}", self.scrub(&message));
    }

    /// Prints an error the way every bluehook error looks, and returns the exit code.
    pub fn error(&self, err: &anyhow::Error) -> u8 {
        let report = error::report(err);
        if report.message.is_none() && report.hint.is_none() {
            // Nothing to say: do not even take stderr (a blocked terminal must not delay exit).
            return report.exit.code();
        }
        let mut stderr = self.stderr();
        if let Some(message) = &report.message {
            let message = self.scrub(message);
            let _ = writeln!(stderr, "bluehook: {ERROR}error:{ERROR:#} {message}");
        }
        if let Some(hint) = &report.hint {
            let _ = writeln!(stderr, "  {BOLD}hint:{BOLD:#} {}", self.scrub(hint));
        }
        report.exit.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_secrets_are_scrubbed_from_any_text() {
        let console = Console::default();
        console.secret("pat_scrub_test_0123456789");
        console.secret("ab");
        let text = "Blue said: bad token pat_scrub_test_0123456789 (ab)";
        assert_eq!(console.scrub(text), "Blue said: bad token pat_******** (ab)");
        assert!(matches!(console.scrub("nothing here"), Cow::Borrowed(_)));
    }

    #[test]
    fn clones_share_their_secrets_and_consoles_do_not() {
        let console = Console::default();
        let clone = console.clone();
        clone.url_password("https://user:p%40ss_word@example.com/hook");
        assert_eq!(console.scrub("p@ss_word and p%40ss_word"), "******** and ********");
        assert_eq!(Console::default().scrub("p@ss_word"), "p@ss_word");
    }
}

//! Terminal prompts, and what a prompt's failure means.
//!
//! Ctrl-C at any prompt leaves the terminal as bluehook found it (cursor shown, echo on, the
//! line ended) and exits 130, whichever way the prompt library reacts to it: an `Interrupted`
//! error is mapped by [`failed`], and a SIGINT raised while a prompt is up is caught by the
//! handler [`Guard`] installs. Answering No to a confirmation is [`cancelled`] (exit 9).

use std::io::Write;
use std::sync::OnceLock;

use console::{Key, Term};

use crate::error::{Exit, Failure};

/// The terminal settings of stdin before the first prompt, restored on Ctrl-C.
#[cfg(unix)]
static SAVED: OnceLock<libc::termios> = OnceLock::new();

/// While alive, Ctrl-C (SIGINT) restores the terminal and exits 130. (Elsewhere than Unix the
/// console library reports Ctrl-C as an interrupted prompt, which [`failed`] maps.)
pub struct Guard {
    #[cfg(unix)]
    previous: libc::sigaction,
}

impl Guard {
    #[cfg(not(unix))]
    pub fn install() -> Guard {
        Guard {}
    }

    #[cfg(unix)]
    pub fn install() -> Guard {
        // SAFETY: tcgetattr writes a termios for a valid fd; the handler only calls
        // async-signal-safe functions (write, tcsetattr, _exit).
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(libc::STDIN_FILENO, &mut t) == 0 {
                let _ = SAVED.set(t);
            }
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigint as *const () as usize;
            libc::sigemptyset(&mut action.sa_mask);
            let mut previous: libc::sigaction = std::mem::zeroed();
            libc::sigaction(libc::SIGINT, &action, &mut previous);
            Guard { previous }
        }
    }
}

#[cfg(unix)]
impl Drop for Guard {
    fn drop(&mut self) {
        // SAFETY: puts back the action that was there before `install`.
        unsafe {
            libc::sigaction(libc::SIGINT, &self.previous, std::ptr::null_mut());
        }
    }
}

#[cfg(unix)]
extern "C" fn on_sigint(_: libc::c_int) {
    restore_raw();
    // SAFETY: _exit is async-signal-safe and ends the process without running destructors.
    unsafe { libc::_exit(i32::from(Exit::Interrupted.code())) }
}

/// Echo and line mode back, cursor shown, line ended.
#[cfg(not(unix))]
fn restore_raw() {
    let term = Term::stderr();
    let _ = term.show_cursor();
    let _ = term.write_line("");
}

/// Echo and line mode back, cursor shown, line ended: signal-safe.
#[cfg(unix)]
fn restore_raw() {
    const SHOW: &[u8] = b"\x1b[?25h\n";
    // SAFETY: plain writes and tcsetattr on valid fds with a termios read earlier.
    unsafe {
        if let Some(t) = SAVED.get() {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, t);
        }
        libc::write(libc::STDERR_FILENO, SHOW.as_ptr().cast(), SHOW.len());
    }
}

/// The error for Ctrl-C at a prompt: the terminal is restored first, nothing more is printed.
pub fn interrupted() -> anyhow::Error {
    restore_raw();
    Failure::silent(Exit::Interrupted).into()
}

/// Maps a prompt error; an interrupted prompt becomes a silent exit 130.
pub fn failed(e: dialoguer::Error) -> anyhow::Error {
    let dialoguer::Error::IO(io) = e;
    io_failed(io)
}

/// Like [`failed`], for errors of the terminal itself.
pub fn io_failed(io: std::io::Error) -> anyhow::Error {
    if io.kind() == std::io::ErrorKind::Interrupted {
        return interrupted();
    }
    let _ = Term::stderr().show_cursor();
    anyhow::Error::new(io).context("cannot read the answer from the terminal")
}

/// Where a confirmation cannot be asked (no terminal) and `--yes` was not given: a usage
/// error saying what was not done (`refused`: "delete webhook X") and how to do it.
pub fn require_yes(yes: bool, refused: &str) -> anyhow::Result<()> {
    if yes || crate::term::output::interactive() {
        return Ok(());
    }
    Err(Failure::usage(format!("refusing to {refused} without confirmation"))
        .with_hint("pass --yes (there is no terminal to ask on)")
        .into())
}

/// Answering No to a confirmation: says so, and exits 9 without an error line.
pub fn cancelled(what: &str, console: &crate::term::Console) -> anyhow::Error {
    console.note(format!("Cancelled: {what}."));
    Failure::silent(Exit::Cancelled).into()
}

/// A yes/no question whose default (Enter) is No. A question wider than the terminal is
/// written in lines that fit, and only the last is the prompt the answer redraws (a prompt
/// that wraps is redrawn from its last row, leaving its first ones twice on screen).
pub fn confirm(question: &str) -> anyhow::Result<bool> {
    let _guard = Guard::install();
    // ` [y/N] ` while asking, ` no` once answered.
    let mut lines = wrap(question, columns().saturating_sub(8));
    let last = lines.pop().unwrap_or_default();
    let term = Term::stderr();
    for line in &lines {
        term.write_line(line).map_err(io_failed)?;
    }
    dialoguer::Confirm::new().with_prompt(last).default(false).interact().map_err(failed)
}

/// The terminal's width in columns (stderr's, where prompts are drawn).
fn columns() -> usize {
    usize::from(Term::stderr().size().1)
}

/// `text` in lines of at most `width` columns (20 at least), broken between words; a word
/// wider than a line is cut.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(20);
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("one line at least");
        let used = console::measure_text_width(line);
        let wide = console::measure_text_width(word);
        if used > 0 && used + 1 + wide <= width {
            line.push(' ');
            line.push_str(word);
            continue;
        }
        if used > 0 {
            lines.push(String::new());
        }
        let mut rest = word;
        while console::measure_text_width(rest) > width {
            let cut = rest.char_indices().nth(width).map_or(rest.len(), |(i, _)| i);
            lines.last_mut().expect("a line").push_str(&rest[..cut]);
            lines.push(String::new());
            rest = &rest[cut..];
        }
        lines.last_mut().expect("a line").push_str(rest);
    }
    lines
}

/// Asks for a line of text that may be left empty; the answer is trimmed.
pub fn optional_text(prompt: &str) -> anyhow::Result<String> {
    let _guard = Guard::install();
    let answer: String = dialoguer::Input::new()
        .with_prompt(prompt)
        .allow_empty(true)
        .interact_text()
        .map_err(failed)?;
    Ok(answer.trim().to_string())
}

/// What the prompt library writes before an error.
const ERROR: &str = "error: ";

/// Asks for a line of text until `check` accepts it; returns what `check` made of it.
pub fn text_until<T>(
    prompt: &str,
    initial: Option<&str>,
    check: impl Fn(&str) -> Result<T, String>,
) -> anyhow::Result<T> {
    let _guard = Guard::install();
    let mut input = dialoguer::Input::<String>::new().with_prompt(prompt);
    if let Some(text) = initial {
        input = input.with_initial_text(text);
    }
    // `error: ` before the first line; the others under it. Lines that fit are counted right
    // when the prompt clears an error to ask again (a wrapped one would be left in part).
    let width = columns().saturating_sub(ERROR.len());
    let fit = move |e: String| wrap(&e, width).join(&format!("\n{:1$}", "", ERROR.len()));
    let answer = input
        .validate_with(|s: &String| check(s.trim()).map(|_| ()).map_err(fit))
        .interact_text()
        .map_err(failed)?;
    check(answer.trim()).map_err(|e| anyhow::anyhow!(e))
}

/// Reads a secret without echo. Keys are read one at a time in raw mode, so Ctrl-C is a key
/// here, not a signal: the terminal is restored before bluehook exits 130. Echo stays off
/// between keys too (the raw mode is per key), so a fast typist or a paste shows nothing.
pub fn secret(prompt: &str) -> anyhow::Result<String> {
    let _guard = Guard::install();
    let _quiet = NoEcho::new();
    let term = Term::stderr();
    write!(&term, "{prompt}: ").map_err(io_failed)?;
    let mut answer = String::new();
    loop {
        match term.read_key_raw().map_err(io_failed)? {
            Key::CtrlC => return Err(interrupted()),
            Key::Enter => break,
            Key::Backspace => {
                answer.pop();
            }
            Key::Char(c) if !c.is_control() => answer.push(c),
            _ => {}
        }
    }
    term.write_line("").map_err(io_failed)?;
    Ok(answer.trim().to_string())
}

/// Echo off on stdin's terminal while alive; the settings found are put back on drop.
struct NoEcho {
    before: Option<libc::termios>,
}

impl NoEcho {
    fn new() -> NoEcho {
        // SAFETY: tcgetattr/tcsetattr on stdin with a termios it filled in.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(libc::STDIN_FILENO, &mut t) != 0 {
                return NoEcho { before: None };
            }
            let before = t;
            t.c_lflag &= !libc::ECHO;
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &t);
            NoEcho { before: Some(before) }
        }
    }
}

impl Drop for NoEcho {
    fn drop(&mut self) {
        if let Some(t) = &self.before {
            // SAFETY: puts back the settings read in `new`.
            unsafe {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, t);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn text_wraps_between_words_and_long_words_are_cut() {
        let text = "Delete webhook orders (https://hooks.example.com/a/very/long/path)? Yes";
        assert_eq!(
            wrap(text, 30),
            ["Delete webhook orders", "(https://hooks.example.com/a/v", "ery/long/path)? Yes"]
        );
        assert_eq!(wrap("short", 80), ["short"]);
        assert_eq!(wrap("", 80), [""]);
        assert!(wrap(&"é".repeat(50), 20).iter().all(|l| l.chars().count() <= 20));
    }
}

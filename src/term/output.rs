//! Terminal output: colour choice, styles, redacted and escaped forms of text. The messages
//! on stderr (`bluehook: error:` / `warning:` lines, notes) and their redactor are the
//! [`Console`](crate::term::Console)'s.

use std::io::IsTerminal;

use anstyle::{AnsiColor, Style};

pub const ERROR: Style = AnsiColor::Red.on_default().bold();
pub const WARN: Style = AnsiColor::Yellow.on_default().bold();
pub const OK: Style = AnsiColor::Green.on_default().bold();
pub const BAD: Style = AnsiColor::Red.on_default().bold();
pub const DIM: Style = Style::new().dimmed();
pub const BOLD: Style = Style::new().bold();
pub const KEY: Style = AnsiColor::Blue.on_default();
pub const STRING: Style = AnsiColor::Green.on_default();
pub const NUMBER: Style = AnsiColor::Cyan.on_default();
pub const LITERAL: Style = AnsiColor::Magenta.on_default();

/// Applies `--color` for every stream written through `anstream`. `Auto` leaves the decision
/// to each stream: colour only on a terminal, never when `NO_COLOR` is set.
pub fn init_color(choice: anstream::ColorChoice) {
    choice.write_global();
}

/// Whether styled text written to stdout will keep its colour.
pub fn stdout_has_color() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// Whether styled text written to stderr will keep its colour.
pub fn stderr_has_color() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

/// Whether stdin is a terminal a prompt can be shown on.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Whether stderr is a terminal (progress bars, spinners).
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// A secret shown as its first few characters and stars: enough to recognise, not to use.
pub fn redact(secret: &str) -> String {
    let shown: String =
        if secret.chars().count() > 12 { secret.chars().take(4).collect() } else { String::new() };
    format!("{shown}********")
}

/// Text from the network made safe for one line of a terminal: control characters escaped
/// (as [`escape_control`] does), cut to `max` characters with a note of how much was left out.
pub fn escape(text: &str, max: usize) -> String {
    let total = text.chars().count();
    let cut = match text.char_indices().nth(max) {
        Some((at, _)) => &text[..at],
        None => text,
    };
    let mut out = escape_control(cut).into_owned();
    if total > max {
        out.push_str(&format!("... ({} more characters)", total - max));
    }
    out
}

/// Text from the network (or from a file it came from), made safe for a terminal: control
/// characters (C0, DEL, C1) and the bidirectional overrides that reorder what is shown are
/// written as visible escapes (`\x1b`, `\n`, `\u{202e}`), so a sender can neither move the
/// cursor, recolour, retitle the terminal, nor fake a line of bluehook's own output.
/// Everything else, including printable Unicode, is left as it is; text that needs no
/// escaping is not copied.
pub fn escape_control(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(first) = text.char_indices().find(|&(_, c)| needs_escape(c)) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first.0]);
    for c in text[first.0..].chars() {
        push_escaped(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write as _;
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if !needs_escape(c) => out.push(c),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_cuts_and_escapes_control_characters() {
        assert_eq!(escape("a\u{1b}[31mb\nc", 100), "a\\x1b[31mb\\nc");
        let long = "x".repeat(1000);
        let cut = escape(&long, 10);
        assert!(cut.starts_with("xxxxxxxxxx...") && cut.contains("990 more"), "{cut}");
    }

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert!(matches!(escape_control("TODO_CREATED café"), std::borrow::Cow::Borrowed(_)));
        let fake = "X\x1b[2K\r\x1b[32mverified\x1b[0m\x07\x1b]0;owned\x07\u{9b}31m\u{202e}\x7f\t";
        let shown = escape_control(fake);
        assert_eq!(
            shown,
            "X\\x1b[2K\\r\\x1b[32mverified\\x1b[0m\\x07\\x1b]0;owned\\x07\\u{9b}31m\\u{202e}\\x7f\\t"
        );
        assert!(!shown.chars().any(|c| c.is_control()));
        assert_eq!(escape_control("a\nb\u{0}"), "a\\nb\\x00");
    }
}

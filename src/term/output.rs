//! Terminal output: colour choice, styles, and the `bluehook: error:` / `warning:` lines.

use std::io::{IsTerminal, Write};

use anstyle::{AnsiColor, Style};

use crate::cli::ColorWhen;
use crate::error::{self, Exit};

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

/// Applies `--color` for every stream written through `anstream`. `auto` leaves the decision
/// to each stream: colour only on a terminal, never when `NO_COLOR` is set.
pub fn init_color(when: ColorWhen) {
    let choice = match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
}

/// Whether styled text written to stdout will keep its colour.
pub fn stdout_has_color() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// Whether stdin is a terminal a prompt can be shown on.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Whether stderr is a terminal (progress bars, spinners).
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// `bluehook: warning: ...` on stderr.
pub fn warn(message: impl std::fmt::Display) {
    let _ = writeln!(anstream::stderr(), "bluehook: {WARN}warning:{WARN:#} {message}");
}

/// A plain informational line on stderr.
pub fn note(message: impl std::fmt::Display) {
    let _ = writeln!(anstream::stderr(), "{message}");
}

/// Prints an error the way every bluehook error looks, and returns the exit code.
pub fn print_error(err: &anyhow::Error) -> u8 {
    let report = error::report(err);
    if report.message.is_none() && report.hint.is_none() {
        // Nothing to say: do not even take stderr (a blocked terminal must not delay exit).
        return report.exit.code();
    }
    let mut stderr = anstream::stderr().lock();
    if let Some(message) = &report.message {
        let _ = writeln!(stderr, "bluehook: {ERROR}error:{ERROR:#} {message}");
    }
    if let Some(hint) = &report.hint {
        let _ = writeln!(stderr, "  {BOLD}hint:{BOLD:#} {hint}");
    }
    report.exit.code()
}

/// Prints a command-line parsing error (or the help/version it stands for).
pub fn print_usage_error(err: &clap::Error) -> u8 {
    use clap::error::ErrorKind;
    if matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = err.print();
        return Exit::Success.code();
    }
    if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = err.print();
        return Exit::Usage.code();
    }
    let text = err.render().to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    let _ = write!(anstream::stderr(), "bluehook: {ERROR}error:{ERROR:#} {text}");
    Exit::Usage.code()
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

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
    let mut stderr = anstream::stderr().lock();
    if let Some(message) = &report.message {
        let _ = writeln!(stderr, "bluehook: {ERROR}error:{ERROR:#} {message}");
    }
    if let Some(hint) = &report.hint {
        let _ = writeln!(stderr, "  {BOLD}hint:{BOLD:#} {hint}");
    }
    report.exit.code()
}

/// What `bluehook` alone prints: the usage and the command list, short enough to stay on
/// screen (`--help` has the options and exit codes).
pub fn short_help() -> String {
    use clap::CommandFactory;
    let root = crate::cli::Cli::command();
    let mut out = format!(
        "{}\n\nUsage: bluehook <COMMAND>\n\nCommands:\n",
        root.get_about().unwrap_or_default()
    );
    let subs: Vec<&clap::Command> = root.get_subcommands().filter(|c| !c.is_hide_set()).collect();
    let width = subs.iter().map(|c| c.get_name().len()).max().unwrap_or(0);
    for c in subs {
        let about = c.get_about().map(|a| a.to_string()).unwrap_or_default();
        out.push_str(&format!("  {:width$}  {about}\n", c.get_name()));
    }
    out.push_str(
        "\n`bluehook <COMMAND> --help` for a command's options; `bluehook --help` for all.\n",
    );
    out
}

/// Clap counts values that came from the environment as given, so its usage line in an
/// error shows `--token-id <ID>` as if required; the command's own usage line replaces it.
fn plain_usage(text: &str) -> String {
    use clap::CommandFactory;
    let mut root = crate::cli::Cli::command();
    root.build();
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let sub = line.strip_prefix("Usage: bluehook ").and_then(|r| r.split(' ').next());
        let usage = sub.and_then(|name| root.find_subcommand_mut(name)).map(|c| c.render_usage());
        match usage {
            Some(u) => lines.push(u.to_string()),
            None => lines.push(line.to_string()),
        }
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Prints a command-line parsing error (or the help/version it stands for).
pub fn print_usage_error(err: &clap::Error) -> u8 {
    use clap::error::ErrorKind;
    if matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = err.print();
        return Exit::Success.code();
    }
    if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = write!(anstream::stderr(), "{}", short_help());
        return Exit::Usage.code();
    }
    let text = plain_usage(&err.render().to_string());
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    let _ = write!(anstream::stderr(), "bluehook: {ERROR}error:{ERROR:#} {text}");
    Exit::Usage.code()
}

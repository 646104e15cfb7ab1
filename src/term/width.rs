//! The terminal's width, which tables and lines are made to fit.

use std::io::IsTerminal;

/// The width tables are made for: the terminal's, else `$COLUMNS`, else none (a pipe).
pub fn terminal_width() -> Option<usize> {
    if std::io::stdout().is_terminal()
        && let Some((_, w)) = console::Term::stdout().size_checked()
    {
        return Some(usize::from(w));
    }
    columns().map(usize::from)
}

fn columns() -> Option<u16> {
    std::env::var("COLUMNS").ok()?.trim().parse().ok().filter(|w| *w >= 20)
}

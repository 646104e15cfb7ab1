//! A multi-select picker that fits the terminal: one line per row, cut to the width, a page
//! sized from the height, groups as headers that toggle as a whole, the selected count, the
//! keys, and `/` to filter by typing.
//!
//! dialoguer's `MultiSelect` prints each label whole (rows wider than the terminal wrap and
//! leave stale copies behind), has no groups and no filter, and its `FuzzySelect` picks one
//! item only; so this picker is drawn with `console`, which dialoguer itself is built on.
//! [`Picker`] is the pure state and drawing; [`pick`] runs it on the terminal.

use console::{Key, Term, measure_text_width, truncate_str};

use crate::term::output::{BOLD, DIM};
use crate::term::prompt;

/// One choice: its group (empty for none), what is returned, and a line to tell it by.
#[derive(Debug, Clone)]
pub struct Item {
    pub group: String,
    pub name: String,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Header(usize),
    Item(usize),
}

/// What a key did.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    Continue,
    Done,
    Interrupted,
}

#[derive(Debug)]
pub struct Picker {
    title: String,
    /// Says what an empty selection means ("all 37 events").
    none_means: String,
    items: Vec<Item>,
    groups: Vec<String>,
    selected: Vec<bool>,
    rows: Vec<Row>,
    cursor: usize,
    top: usize,
    filter: String,
    typing: bool,
}

impl Picker {
    pub fn new(title: &str, none_means: &str, mut items: Vec<Item>) -> Picker {
        // Names may come from the network: no control characters reach the terminal.
        for it in &mut items {
            it.name = crate::term::output::escape_control(&it.name).into_owned();
            it.detail = crate::term::output::escape_control(&it.detail).into_owned();
        }
        let mut groups: Vec<String> = Vec::new();
        for it in &items {
            if !it.group.is_empty() && !groups.contains(&it.group) {
                groups.push(it.group.clone());
            }
        }
        let selected = vec![false; items.len()];
        let mut p = Picker {
            title: title.into(),
            none_means: none_means.into(),
            items,
            groups,
            selected,
            rows: Vec::new(),
            cursor: 0,
            top: 0,
            filter: String::new(),
            typing: false,
        };
        p.refilter();
        p
    }

    /// The positions of the items chosen, in order.
    pub fn chosen_indices(&self) -> Vec<usize> {
        (0..self.items.len()).filter(|i| self.selected[*i]).collect()
    }

    /// The names chosen, in the items' order.
    pub fn chosen(&self) -> Vec<String> {
        let picked = self.items.iter().zip(&self.selected).filter(|(_, s)| **s);
        picked.map(|(it, _)| it.name.clone()).collect()
    }

    /// One line for after the picker: "3 events: A, B, C" or what none means.
    pub fn summary(&self, noun: &str) -> String {
        let chosen = self.chosen();
        match chosen.len() {
            0 => self.none_means.clone(),
            n => format!("{n} {noun}{}: {}", if n == 1 { "" } else { "s" }, chosen.join(", ")),
        }
    }

    fn matches(&self, i: usize) -> bool {
        let f = self.filter.to_lowercase();
        let it = &self.items[i];
        f.is_empty()
            || [&it.name, &it.detail, &it.group].iter().any(|s| s.to_lowercase().contains(&f))
    }

    fn refilter(&mut self) {
        let mut rows = Vec::new();
        let mut last_group = None;
        for i in (0..self.items.len()).filter(|i| self.matches(*i)) {
            let g = self.groups.iter().position(|g| *g == self.items[i].group);
            if g.is_some() && g != last_group {
                rows.push(Row::Header(g.unwrap_or(0)));
            }
            last_group = g;
            rows.push(Row::Item(i));
        }
        self.rows = rows;
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        self.top = 0;
    }

    fn members(&self, g: usize) -> Vec<usize> {
        (0..self.items.len()).filter(|i| self.items[*i].group == self.groups[g]).collect()
    }

    fn toggle(&mut self) {
        match self.rows.get(self.cursor) {
            Some(Row::Item(i)) => self.selected[*i] = !self.selected[*i],
            Some(Row::Header(g)) => {
                let members = self.members(*g);
                let all = members.iter().all(|i| self.selected[*i]);
                members.into_iter().for_each(|i| self.selected[i] = !all);
            }
            None => {}
        }
    }

    /// `a`: everything shown becomes selected, or unselected when it all was.
    fn toggle_all(&mut self) {
        let shown: Vec<usize> = (0..self.items.len()).filter(|i| self.matches(*i)).collect();
        let all = shown.iter().all(|i| self.selected[*i]);
        shown.into_iter().for_each(|i| self.selected[i] = !all);
    }

    fn go(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last.max(0)) as usize;
    }

    /// Applies one key.
    pub fn key(&mut self, key: Key, page: usize) -> Step {
        if self.typing {
            match key {
                Key::Char(c) if !c.is_control() => {
                    self.filter.push(c);
                    self.refilter();
                    return Step::Continue;
                }
                Key::Backspace => {
                    self.filter.pop();
                    self.refilter();
                    return Step::Continue;
                }
                Key::Escape => {
                    self.filter.clear();
                    self.typing = false;
                    self.refilter();
                    return Step::Continue;
                }
                Key::Enter => {
                    self.typing = false;
                    return Step::Continue;
                }
                _ => self.typing = false,
            }
        }
        match key {
            Key::CtrlC => return Step::Interrupted,
            Key::Enter => return Step::Done,
            Key::ArrowUp | Key::Char('k') => self.go(-1),
            Key::ArrowDown | Key::Char('j') | Key::Tab => self.go(1),
            Key::PageUp => self.go(-(page as isize)),
            Key::PageDown => self.go(page as isize),
            Key::Home => self.cursor = 0,
            Key::End => self.go(isize::MAX / 2),
            Key::Char(' ') => self.toggle(),
            Key::Char('a') => self.toggle_all(),
            Key::Char('/') => self.typing = true,
            Key::Escape if !self.filter.is_empty() => {
                self.filter.clear();
                self.refilter();
            }
            _ => {}
        }
        Step::Continue
    }

    /// The screen for a terminal `width` x `height`: every line shorter than the width, and
    /// no more lines than the height allows.
    pub fn draw(&mut self, width: usize, height: usize) -> Vec<String> {
        let width = width.max(20) - 1;
        let page = page_size(height);
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + page {
            self.top = self.cursor + 1 - page;
        }
        let mut lines = vec![self.head()];
        if self.typing || !self.filter.is_empty() {
            let caret = if self.typing { "_" } else { "  (esc clears)" };
            lines.push(format!("  filter: {}{caret}", self.filter));
        }
        let end = (self.top + page).min(self.rows.len());
        for r in self.top..end {
            lines.push(self.row(r));
        }
        if self.rows.is_empty() {
            lines.push(format!("  {DIM}nothing matches `{}`{DIM:#}", self.filter));
        }
        let more = self.rows.len().saturating_sub(end);
        lines.push(self.keys(self.top, more));
        lines.into_iter().map(|l| truncate_str(&l, width, "…").into_owned()).collect()
    }

    fn head(&self) -> String {
        let n = self.selected.iter().filter(|s| **s).count();
        let count = match n {
            0 => format!("none selected = {}", self.none_means),
            n => format!("{n} of {} selected", self.items.len()),
        };
        format!("{BOLD}? {}{BOLD:#}  {DIM}{count}{DIM:#}", self.title)
    }

    fn row(&self, r: usize) -> String {
        let pointer = if r == self.cursor { ">" } else { " " };
        match self.rows[r] {
            Row::Header(g) => {
                let members = self.members(g);
                let on = members.iter().filter(|i| self.selected[**i]).count();
                let mark = match on {
                    0 => "[ ]",
                    n if n == members.len() => "[x]",
                    _ => "[-]",
                };
                let name = &self.groups[g];
                format!(
                    "{pointer} {mark} {BOLD}{name}{BOLD:#} {DIM}({on}/{}){DIM:#}",
                    members.len()
                )
            }
            Row::Item(i) => {
                let it = &self.items[i];
                let mark = if self.selected[i] { "[x]" } else { "[ ]" };
                let indent = if it.group.is_empty() { "" } else { "  " };
                let name_width = self.name_width();
                let pad = name_width.saturating_sub(measure_text_width(&it.name));
                let name = format!("{}{}", it.name, " ".repeat(pad));
                format!("{pointer} {indent}{mark} {name}  {DIM}{}{DIM:#}", it.detail)
            }
        }
    }

    fn name_width(&self) -> usize {
        self.items.iter().map(|i| measure_text_width(&i.name)).max().unwrap_or(0).min(40)
    }

    fn keys(&self, top: usize, more: usize) -> String {
        let position = match (top, more) {
            (0, 0) => String::new(),
            (_, 0) => format!("(↑ {top} more) "),
            (0, m) => format!("(↓ {m} more) "),
            (t, m) => format!("(↑ {t} ↓ {m} more) "),
        };
        let keys = if self.typing {
            "type to filter, enter: back to the list, esc: clear"
        } else {
            "↑↓ move  space toggle  a all  / filter  enter done"
        };
        format!("{DIM}  {position}{keys}{DIM:#}")
    }
}

/// Rows shown at once for a terminal of `height` lines (head, filter and keys take three).
fn page_size(height: usize) -> usize {
    height.saturating_sub(4).clamp(3, 30)
}

/// Runs the picker on stderr's terminal; returns the positions of the chosen items. The picker is erased
/// afterwards and `title: summary` is left in its place.
pub fn pick(mut picker: Picker, noun: &str) -> anyhow::Result<Vec<usize>> {
    let _guard = prompt::Guard::install();
    let term = Term::stderr();
    term.hide_cursor().map_err(prompt::io_failed)?;
    let mut shown = 0;
    loop {
        let (h, w) = term.size();
        let lines = picker.draw(usize::from(w), usize::from(h));
        term.clear_last_lines(shown).map_err(prompt::io_failed)?;
        term.write_str(&paint(&lines.join("\n"))).map_err(prompt::io_failed)?;
        term.write_line("").map_err(prompt::io_failed)?;
        shown = lines.len();
        let key = term.read_key_raw().map_err(prompt::io_failed)?;
        match picker.key(key, page_size(usize::from(h))) {
            Step::Continue => {}
            Step::Done => break,
            Step::Interrupted => return Err(prompt::interrupted()),
        }
    }
    term.clear_last_lines(shown).map_err(prompt::io_failed)?;
    term.show_cursor().map_err(prompt::io_failed)?;
    let line = format!("{BOLD}✔ {}{BOLD:#}  {}", picker.title, picker.summary(noun));
    let width = usize::from(term.size().1).max(20) - 1;
    term.write_line(&paint(&truncate_str(&line, width, "…"))).map_err(prompt::io_failed)?;
    Ok(picker.chosen_indices())
}

/// Styles kept only when stderr shows colour (`--color`, `NO_COLOR`).
fn paint(text: &str) -> String {
    if crate::term::output::stderr_has_color() {
        return text.to_string();
    }
    anstream::adapter::strip_str(text).to_string()
}

#[cfg(test)]
mod tests;

//! How Blue's objects look on the terminal: the webhook table of `list`, the details of
//! `get`, the project and trigger-plan tables. Above `api` and `term`: it knows Blue's types
//! and draws with the terminal's width. Tables are
//! drawn by comfy-table, one line per row: columns that do not fit are left out, and cells
//! are cut to the width each column is given.

use crate::api::Webhook;
use crate::events;
use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

use crate::term::output::{BAD, BOLD, DIM, OK, escape_control};
use crate::term::width::terminal_width;

/// The webhook table, one line per webhook, designed for `width` columns (`None`: no limit,
/// as with `--wide` or a pipe without `$COLUMNS`). Ids and dates are never cut; a URL too long
/// for its column loses the middle of its path (the scheme and host stay), a name its end.
/// When the width is short, CREATED, then PROJECTS, then EVENTS, then NAME are left out.
pub fn table(hooks: &[Webhook], width: Option<usize>, wide: bool) -> String {
    let mut cols = vec![
        Col::fixed("ID", hooks.iter().map(|w| w.id.clone())),
        Col::flex(
            "NAME",
            hooks.iter().map(|w| w.name.clone().unwrap_or_else(|| "-".into())),
            10,
            Cut::End,
        ),
        Col::flex("URL", hooks.iter().map(|w| w.url.clone()), 28, Cut::Url),
    ];
    if wide {
        cols.push(Col::fixed(
            "STATUS",
            hooks.iter().map(|w| w.status.clone().unwrap_or_else(|| "-".into())),
        ));
        cols.push(Col::fixed("ENABLED", hooks.iter().map(|w| yes_no(w.enabled).to_string())));
    } else {
        cols.push(Col::fixed("STATE", hooks.iter().map(state)));
    }
    cols.push(Col::fixed("EVENTS", hooks.iter().map(|w| count_or_all(w.events.len()))));
    cols.push(Col::fixed("PROJECTS", hooks.iter().map(|w| count_or_all(w.project_ids.len()))));
    cols.push(Col::fixed("CREATED", hooks.iter().map(|w| date(w.created_at.as_deref()))));
    let width = if wide { None } else { width };
    fit(cols, width, &["CREATED", "PROJECTS", "EVENTS", "NAME"])
}

/// The project table of `bluehook projects`.
pub fn projects(list: &[crate::api::projects::Project]) -> String {
    let cols = vec![
        Col::fixed("ID", list.iter().map(|p| p.id.clone())),
        Col::flex("SLUG", list.iter().map(|p| p.slug.clone()), 8, Cut::End),
        Col::flex("NAME", list.iter().map(|p| p.name.clone()), 8, Cut::End),
    ];
    fit(cols, terminal_width(), &[])
}

/// The table of `bluehook trigger --list`: each event and the operations that make it happen.
pub fn trigger_plans(rows: &[(&str, String)]) -> String {
    let cols = vec![
        Col::fixed("EVENT", rows.iter().map(|(e, _)| e.to_string())),
        Col::flex("OPERATIONS", rows.iter().map(|(_, ops)| ops.clone()), 12, Cut::End),
    ];
    fit(cols, terminal_width(), &[])
}

/// How a flexible column shortens its cells.
#[derive(Clone, Copy, PartialEq)]
enum Cut {
    End,
    Url,
}

struct Col {
    head: &'static str,
    cells: Vec<String>,
    /// `None` for a column that keeps its content's width.
    flex: Option<(usize, Cut)>,
}

impl Col {
    fn fixed(head: &'static str, cells: impl Iterator<Item = String>) -> Col {
        Col { head, cells: cells.map(|c| escape_control(&c).into_owned()).collect(), flex: None }
    }

    fn flex(head: &'static str, cells: impl Iterator<Item = String>, min: usize, cut: Cut) -> Col {
        Col {
            head,
            cells: cells.map(|c| escape_control(&c).into_owned()).collect(),
            flex: Some((min, cut)),
        }
    }

    fn natural(&self) -> usize {
        self.cells.iter().map(|c| c.chars().count()).max().unwrap_or(0).max(self.head.len())
    }

    fn min(&self) -> usize {
        match self.flex {
            Some((min, _)) => self.natural().min(min.max(self.head.len())),
            None => self.natural(),
        }
    }
}

const GAP: u16 = 2;
/// The least a flexible column is given when even its wished-for minimum does not fit.
const FLOOR: usize = 8;

fn fit(mut cols: Vec<Col>, width: Option<usize>, droppable: &[&str]) -> String {
    let need = |cols: &[Col]| -> usize {
        cols.iter().map(Col::min).sum::<usize>() + usize::from(GAP) * cols.len().saturating_sub(1)
    };
    if let Some(w) = width {
        for name in droppable {
            if need(&cols) <= w {
                break;
            }
            cols.retain(|c| c.head != *name);
        }
    }
    let widths = widths(&cols, width);
    let rows = cols.first().map_or(0, |c| c.cells.len());
    let mut table = Table::new();
    table.load_preset(presets::NOTHING);
    table.set_content_arrangement(ContentArrangement::Disabled).enforce_styling();
    table.set_header(cols.iter().map(|c| Cell::new(c.head).add_attribute(Attribute::Bold)));
    for r in 0..rows {
        table.add_row(cols.iter().zip(&widths).map(|(c, w)| cell(c, r, *w)));
    }
    let last = cols.len().saturating_sub(1);
    for ((i, column), w) in table.column_iter_mut().enumerate().zip(&widths) {
        // A fixed width holds the padding too.
        let gap = if i < last { GAP } else { 0 };
        column.set_padding((0, gap));
        column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(*w as u16 + gap)));
    }
    let lines: Vec<String> = table.lines().map(|l| l.trim_end().to_string()).collect();
    lines.join("\n")
}

/// Each column's width: flexible ones share what the fixed ones leave, the smaller natural
/// width first, so a short NAME gives its room to the URL.
fn widths(cols: &[Col], width: Option<usize>) -> Vec<usize> {
    let mut widths: Vec<usize> = cols.iter().map(Col::natural).collect();
    let Some(total) = width else { return widths };
    let fixed: usize = cols.iter().filter(|c| c.flex.is_none()).map(Col::natural).sum();
    let mut room = total.saturating_sub(fixed + usize::from(GAP) * cols.len().saturating_sub(1));
    let mut flex: Vec<usize> = (0..cols.len()).filter(|i| cols[*i].flex.is_some()).collect();
    flex.sort_by_key(|i| cols[*i].natural());
    for (k, &i) in flex.iter().enumerate() {
        let rest = &flex[k + 1..];
        let reserved: usize = rest.iter().map(|j| cols[*j].min()).sum();
        let share = room / (rest.len() + 1);
        let most = room.saturating_sub(reserved).max(cols[i].natural().min(FLOOR));
        widths[i] = cols[i].natural().min(share.max(cols[i].min())).min(most);
        room = room.saturating_sub(widths[i]);
    }
    widths
}

/// Row `r` of a column, cut to `width`.
fn cell(c: &Col, r: usize, width: usize) -> Cell {
    let text = match c.flex {
        // When any URL is cut, none shows `https://`: a plain `http://` stands out.
        Some((_, Cut::Url)) if width < c.natural() => {
            let url = &c.cells[r];
            shorten_url(url.strip_prefix("https://").unwrap_or(url), width)
        }
        Some((_, Cut::Url)) => c.cells[r].clone(),
        _ => shorten_end(&c.cells[r], width),
    };
    match c.head {
        "STATE" if text == "unhealthy" => Cell::new(text).fg(Color::Red),
        _ => Cell::new(text),
    }
}

/// `s` cut to `width` characters, the end replaced by an ellipsis.
fn shorten_end(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let kept: String = s.chars().take(width.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// A URL cut to `width` characters: `https://` goes first (so a plain `http://` stands out),
/// then the middle of the path, keeping the host and as much of the end as fits.
pub fn shorten_url(url: &str, width: usize) -> String {
    let n = url.chars().count();
    if n <= width {
        return url.to_string();
    }
    if let Some(rest) = url.strip_prefix("https://") {
        return shorten_url(rest, width);
    }
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let host_end = url[after_scheme..].find('/').map_or(url.len(), |i| after_scheme + i);
    let head = url[..host_end].chars().count();
    if head + 1 + 4 > width {
        // No room for scheme and host: the host matters more than the scheme.
        return match url.get(after_scheme..) {
            Some(rest) if after_scheme > 0 => shorten_url(rest, width),
            _ => shorten_end(url, width),
        };
    }
    let tail_len = width - head - 1;
    let tail: String = url.chars().skip(n - tail_len).collect();
    format!("{}…{tail}", &url[..host_end])
}

/// One word for enabled and health: `unhealthy` wins (Blue disables those).
fn state(w: &Webhook) -> String {
    match (w.status.as_deref(), w.enabled) {
        (Some("UNHEALTHY"), _) => "unhealthy",
        (_, Some(true)) => "enabled",
        (_, Some(false)) => "disabled",
        _ => "-",
    }
    .to_string()
}

fn count_or_all(n: usize) -> String {
    if n == 0 { "all".into() } else { n.to_string() }
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "-",
    }
}

/// "2025-08-01T09:30:00.000Z" as "2025-08-01".
fn date(t: Option<&str>) -> String {
    t.map(|t| t.chars().take(10).collect()).unwrap_or_else(|| "-".into())
}

/// Every field of one webhook, the event list in full.
pub fn details(w: &Webhook) -> String {
    let text = |s: &str| escape_control(s).into_owned();
    let mut rows: Vec<(&str, String)> = vec![
        ("ID", text(&w.id)),
        ("UID", text(w.raw["uid"].as_str().unwrap_or("-"))),
        ("Name", text(w.name.as_deref().unwrap_or("-"))),
        ("URL", text(&w.url)),
        ("Status", status(w)),
        ("Enabled", yes_no(w.enabled).into()),
        ("Events", event_lines(&w.events)),
        ("Projects", project_lines(&w.project_ids)),
    ];
    if !w.raw["metadata"].is_null() {
        rows.push(("Metadata", text(&w.raw["metadata"].to_string())));
    }
    rows.push(("Created", text(w.created_at.as_deref().unwrap_or("-"))));
    rows.push(("Updated", text(w.updated_at.as_deref().unwrap_or("-"))));
    let mut out = String::new();
    for (key, value) in rows {
        let value = value.replace('\n', &format!("\n{:10}", ""));
        out.push_str(&format!("{BOLD}{key:<9}{BOLD:#} {value}\n"));
    }
    out
}

fn status(w: &Webhook) -> String {
    match w.status.as_deref() {
        Some("HEALTHY") => format!("{OK}HEALTHY{OK:#}"),
        Some(s) => format!("{BAD}{}{BAD:#}", escape_control(s)),
        None => "-".into(),
    }
}

fn event_lines(list: &[String]) -> String {
    if list.is_empty() {
        let n = events::subscribable().count();
        return format!("all {n} events {DIM}(no event list){DIM:#}");
    }
    let mut lines = vec![format!("{} of {}", list.len(), events::subscribable().count())];
    lines.extend(list.iter().map(|e| escape_control(e).into_owned()));
    lines.join("\n")
}

fn project_lines(list: &[String]) -> String {
    if list.is_empty() {
        return format!("all {DIM}(every project the creator belongs to){DIM:#}");
    }
    let ids: Vec<_> = list.iter().map(|p| escape_control(p)).collect();
    ids.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_lists_mean_all() {
        let w = Webhook::from_value(
            json!({"id": "w1", "url": "https://e.com", "events": [], "enabled": true,
            "status": "HEALTHY", "createdAt": "2025-08-01T09:30:00.000Z"}),
        )
        .unwrap();
        let t = table(std::slice::from_ref(&w), Some(120), false);
        assert!(t.contains("all") && t.contains("2025-08-01") && t.contains("enabled"), "{t}");
        let d = details(&w);
        assert!(d.contains("all 37 events"), "{d}");
    }

    fn hooks(n: usize) -> Vec<Webhook> {
        (1..=n)
            .map(|i| {
                Webhook::from_value(json!({"id": format!("cmwh{i:021}"), "name": format!("orders-sync-{i}"),
                    "url": format!("https://hooks.example.com/blue/webhooks/receiver/path/{i}?token=abc"),
                    "events": ["TODO_CREATED"], "enabled": i % 2 == 0, "status": "HEALTHY",
                    "createdAt": "2025-08-01T09:30:00.000Z"}))
                .unwrap()
            })
            .collect()
    }

    #[test]
    fn rows_fit_the_width_one_line_each_and_keep_ids_and_hosts() {
        for width in [60, 80, 100, 120] {
            let t =
                anstream::adapter::strip_str(&table(&hooks(30), Some(width), false)).to_string();
            assert_eq!(t.lines().count(), 31, "{width}: one line per webhook:\n{t}");
            for line in t.lines() {
                assert!(line.chars().count() <= width, "{width}: too wide: {line:?}");
            }
            assert!(t.contains("cmwh000000000000000000030"), "{width}: whole ids:\n{t}");
            assert!(t.contains("hooks.example.com…"), "{width}: host kept:\n{t}");
        }
        let t = table(&hooks(3), Some(60), false);
        assert!(!t.contains("CREATED") && !t.contains("PROJECTS"), "dropped first:\n{t}");
        let t = table(&hooks(3), Some(60), true);
        assert!(t.contains("CREATED") && t.contains("?token=abc") && t.contains("ENABLED"), "{t}");
    }

    #[test]
    fn urls_lose_the_middle_of_the_path() {
        let url = "https://hooks.example.com/blue/webhooks/receiver/path/1";
        assert_eq!(shorten_url(url, 100), url);
        let short = shorten_url(url, 36);
        assert_eq!(short.chars().count(), 36);
        assert!(short.starts_with("hooks.example.com…") && short.ends_with("path/1"), "{short}");
        let http = shorten_url("http://hooks.example.com/blue/webhooks/receiver/path/1", 36);
        assert!(http.starts_with("http://hooks.example.com…"), "{http}");
        assert_eq!(shorten_url(url, 10).chars().count(), 10);
    }

    #[test]
    fn blue_text_is_escaped_in_the_table_and_the_details() {
        let hostile = "\x1b]0;pwned\x07\u{9b}2J";
        let w = Webhook::from_value(json!({"id": "w1", "url": hostile, "name": hostile,
            "events": [hostile], "projectIds": [hostile], "status": hostile}))
        .unwrap();
        for shown in [table(std::slice::from_ref(&w), None, true), details(&w)] {
            assert!(!shown.contains(['\x07', '\u{9b}']), "{shown:?}");
            assert!(!shown.contains("\x1b]"), "{shown:?}");
            assert!(shown.contains("\\x1b]0;pwned\\x07\\u{9b}2J"), "{shown}");
        }
    }

    #[test]
    fn details_list_every_event() {
        let w = Webhook::from_value(
            json!({"id": "w1", "url": "u", "events": ["TODO_CREATED", "TAG_DELETED"]}),
        )
        .unwrap();
        let d = details(&w);
        assert!(
            d.contains("2 of 37") && d.contains("TODO_CREATED") && d.contains("TAG_DELETED"),
            "{d}"
        );
    }
}

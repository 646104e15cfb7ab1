//! How webhooks look on the terminal: the `list` table and the `get` details.

use std::io::IsTerminal;

use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};

use crate::api::Webhook;
use crate::events;
use crate::term::output::{BAD, BOLD, DIM, OK, escape_control};

/// The webhook table. It fits the terminal (or `$COLUMNS` when stdout is not one): NAME and
/// URL wrap, the other columns keep their width, and when even that is too wide the least
/// useful columns (CREATED, then PROJECTS, then EVENTS) are left out.
pub fn table(hooks: &[Webhook]) -> String {
    let mut cols: Vec<(&str, Vec<String>)> = vec![
        ("ID", hooks.iter().map(|w| w.id.clone()).collect()),
        ("NAME", hooks.iter().map(|w| w.name.clone().unwrap_or_else(|| "-".into())).collect()),
        ("URL", hooks.iter().map(|w| w.url.clone()).collect()),
        ("STATUS", hooks.iter().map(|w| w.status.clone().unwrap_or_else(|| "-".into())).collect()),
        ("ENABLED", hooks.iter().map(|w| yes_no(w.enabled).to_string()).collect()),
        ("EVENTS", hooks.iter().map(|w| count_or_all(w.events.len())).collect()),
        ("PROJECTS", hooks.iter().map(|w| count_or_all(w.project_ids.len())).collect()),
        ("CREATED", hooks.iter().map(|w| date(w.created_at.as_deref())).collect()),
    ];
    let mut t = Table::new();
    t.load_preset(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = columns().filter(|_| !std::io::stdout().is_terminal()) {
        t.set_width(w);
    }
    if let Some(width) = t.width() {
        drop_columns(&mut cols, usize::from(width));
    }
    t.set_header(cols.iter().map(|(h, _)| *h));
    for row in 0..hooks.len() {
        // Every cell is Blue's text (or counts made of it): escaped for the terminal.
        t.add_row(cols.iter().map(|(_, cells)| escape_control(&cells[row]).into_owned()));
    }
    for (i, (h, _)) in cols.iter().enumerate() {
        if let Some(c) = t.column_mut(i).filter(|_| !FLEXIBLE.contains(h)) {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    t.trim_fmt().to_string()
}

/// The columns that wrap to fit; the others keep their content's width.
const FLEXIBLE: [&str; 2] = ["NAME", "URL"];
/// Left out, in this order, when the fixed columns leave too little room.
const DROPPABLE: [&str; 3] = ["CREATED", "PROJECTS", "EVENTS"];
/// Room NAME and URL need at least (content and padding).
const FLEXIBLE_MIN: usize = 24;

fn drop_columns(cols: &mut Vec<(&str, Vec<String>)>, width: usize) {
    let fixed = |cols: &[(&str, Vec<String>)]| -> usize {
        cols.iter()
            .filter(|(h, _)| !FLEXIBLE.contains(h))
            .map(|(h, cells)| {
                cells.iter().map(|c| c.chars().count()).max().unwrap_or(0).max(h.len()) + 2
            })
            .sum()
    };
    for name in DROPPABLE {
        if fixed(cols) + FLEXIBLE_MIN <= width {
            return;
        }
        cols.retain(|(h, _)| *h != name);
    }
}

fn columns() -> Option<u16> {
    std::env::var("COLUMNS").ok()?.trim().parse().ok().filter(|w| *w >= 20)
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
        let t = table(std::slice::from_ref(&w));
        assert!(t.contains("all") && t.contains("2025-08-01") && t.contains("yes"), "{t}");
        let d = details(&w);
        assert!(d.contains("all 37 events"), "{d}");
    }

    #[test]
    fn blue_text_is_escaped_in_the_table_and_the_details() {
        let hostile = "\x1b]0;pwned\x07\u{9b}2J";
        let w = Webhook::from_value(json!({"id": "w1", "url": hostile, "name": hostile,
            "events": [hostile], "projectIds": [hostile], "status": hostile}))
        .unwrap();
        for shown in [table(std::slice::from_ref(&w)), details(&w)] {
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

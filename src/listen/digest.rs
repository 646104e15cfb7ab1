//! The few lines of a delivery that matter to a person: what the entity is (title, record,
//! list, project, who), and for updates and moves exactly what changed. Pure: the text is
//! returned as received; whoever shows it escapes it.

use serde_json::Value;

use crate::events::diff::{self, Change};

/// Changes shown; the rest are counted.
pub const SHOWN_CHANGES: usize = 6;

/// One `label  text` line.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub label: &'static str,
    pub text: String,
}

/// A change as shown: the path and each side in words (`None` when that side is absent).
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub path: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What a delivery in Blue's shape says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Digest {
    pub facts: Vec<Fact>,
    pub changes: Vec<Shown>,
    /// Changes that matter but are not in `changes` (beyond the first few); bookkeeping
    /// (ids, timestamps) is not counted.
    pub more: usize,
}

/// The digest of a body with a `currentValue` or `previousValue` object, or of a body about
/// its webhook only (the health check); `None` otherwise.
pub fn digest(body: &Value) -> Option<Digest> {
    let node = [&body["currentValue"], &body["previousValue"]].into_iter().find(|v| v.is_object());
    let Some(node) = node else { return webhook_digest(&body["webhook"]) };
    let mut d = Digest::default();
    let changes = diff::of_delivery(body);
    let changed = |prefix: &str| {
        changes.as_ref().is_some_and(|c| c.changes.iter().any(|x| x.path.starts_with(prefix)))
    };
    facts(node, &mut d.facts, &changed);
    if let Some(all) = changes {
        let kept = meaningful(&all.changes);
        d.more = all.omitted + kept.len().saturating_sub(SHOWN_CHANGES);
        d.changes = kept.into_iter().take(SHOWN_CHANGES).map(shown).collect();
    }
    Some(d)
}

/// A health check says which webhook it is for.
fn webhook_digest(webhook: &Value) -> Option<Digest> {
    webhook.as_object()?;
    let mut d = Digest::default();
    for (label, key) in [("webhook", "name"), ("url", "url"), ("status", "status")] {
        if let Some(text) = str_at(webhook, key).filter(|t| !t.is_empty()) {
            d.facts.push(Fact { label, text: text.to_string() });
        }
    }
    Some(d)
}

fn facts(node: &Value, out: &mut Vec<Fact>, changed: &dyn Fn(&str) -> bool) {
    let mut add = |label, text: Option<&str>| {
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            out.push(Fact { label, text: text.to_string() });
        }
    };
    let is_comment = node.get("user").is_some() && node.get("text").is_some();
    if is_comment {
        add("comment", str_at(node, "text"));
        add("record", str_at(&node["todo"], "title"));
    } else {
        add("title", str_at(node, "title").or_else(|| str_at(node, "name")));
        add("checklist", str_at(&node["checklist"], "title"));
        let record = &node["todo"];
        add(
            "record",
            str_at(record, "title").or_else(|| str_at(&node["checklist"]["todo"], "title")),
        );
    }
    if !changed("todoList") {
        add("list", str_at(&node["todoList"], "title"));
    }
    add("project", crate::events::payload::project_name(node, 4).as_deref());
    add("by", str_at(&node["user"], "fullName"));
    if !changed("todoUsers") {
        add("assigned", names(&node["todoUsers"]).as_deref());
    }
}

fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)?.as_str()
}

/// `Ada Lovelace, Bob` for an array of labelled rows; `None` when empty.
fn names(v: &Value) -> Option<String> {
    let items = v.as_array().filter(|a| !a.is_empty())?;
    let labels: Vec<String> = items.iter().map(words).collect();
    Some(labels.join(", "))
}

/// The changes a person cares about: bookkeeping (ids, timestamps) left out, and within a
/// row replaced by another (its `id` changed) only its title or name; the HTML twin of a
/// changed `text` left out. When nothing else changed, the bookkeeping is what is shown.
fn meaningful(changes: &[Change]) -> Vec<&Change> {
    let replaced: Vec<String> = changes
        .iter()
        .filter_map(|c| {
            c.path.strip_suffix(".id").filter(|_| c.before.is_some() && c.after.is_some())
        })
        .map(|p| format!("{p}."))
        .collect();
    let kept: Vec<&Change> = changes
        .iter()
        .filter(|c| !c.is_bookkeeping())
        .filter(|c| {
            let Some(p) = replaced.iter().find(|p| c.path.starts_with(p.as_str())) else {
                return true;
            };
            matches!(&c.path[p.len()..], "title" | "name" | "fullName")
        })
        .filter(|c| !is_html_twin(c, changes))
        .collect();
    if kept.is_empty() {
        return changes.iter().collect();
    }
    // A record's new position in its list matters less than the list it moved to.
    let mut kept = kept;
    kept.sort_by_key(|c| c.path.ends_with("position"));
    kept
}

fn is_html_twin(c: &Change, all: &[Change]) -> bool {
    let Some(stem) = c.path.strip_suffix("html") else { return false };
    all.iter().any(|x| x.path.strip_suffix("text") == Some(stem))
}

fn shown(c: &Change) -> Shown {
    Shown {
        path: c.path.clone(),
        before: c.before.as_ref().map(words),
        after: c.after.as_ref().map(words),
    }
}

/// A value in words: strings as they are, `(none)` for null, a row by its name or title,
/// a list by its rows' names or its length.
pub fn words(v: &Value) -> String {
    match v {
        Value::Null => "(none)".into(),
        Value::String(s) => s.clone(),
        Value::Object(_) => label(v, 2).unwrap_or_else(|| "{…}".into()),
        Value::Array(items) if items.is_empty() => "(empty)".into(),
        Value::Array(items) => {
            match items.iter().map(|x| label(x, 2)).collect::<Option<Vec<_>>>() {
                Some(labels) => labels.join(", "),
                None => format!("[{} items]", items.len()),
            }
        }
        _ => v.to_string(),
    }
}

/// A row's name: its `fullName`, `title`, `name` or `text`, or that of the row it wraps
/// (a record's tag is `{id, tag: {title}}`).
fn label(v: &Value, depth: u8) -> Option<String> {
    let obj = v.as_object()?;
    for key in ["fullName", "title", "name", "text"] {
        if let Some(s) = obj.get(key).and_then(Value::as_str) {
            return Some(s.to_string());
        }
    }
    if depth == 0 {
        return None;
    }
    obj.values().filter(|x| x.is_object()).find_map(|x| label(x, depth - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{self, sample};
    use serde_json::json;

    fn sample_digest(name: &str) -> Digest {
        let event = events::lookup(name).unwrap();
        let body = sample::body(event, &sample::SampleOptions::seeded(1, "http://x/"));
        digest(&serde_json::from_slice(&body).unwrap()).unwrap()
    }

    fn fact<'a>(d: &'a Digest, label: &str) -> Option<&'a str> {
        d.facts.iter().find(|f| f.label == label).map(|f| f.text.as_str())
    }

    #[test]
    fn a_created_record_shows_title_list_and_project() {
        let d = sample_digest("TODO_CREATED");
        assert_eq!(fact(&d, "title"), Some("Prepare launch checklist"));
        assert!(fact(&d, "list").is_some());
        assert_eq!(fact(&d, "project"), Some("Website Relaunch"));
        assert!(d.changes.is_empty());
    }

    #[test]
    fn a_move_shows_the_list_it_moved_between() {
        let d = sample_digest("TODO_MOVED");
        let list = d.changes.iter().find(|c| c.path == "todoList.title").unwrap();
        assert_eq!(
            (list.before.as_deref(), list.after.as_deref()),
            (Some("Backlog"), Some("In Progress"))
        );
        assert!(d.changes.iter().all(|c| !c.path.ends_with("Id") && c.path != "todoList.uid"));
        assert_eq!(fact(&d, "list"), None, "the change says it");
    }

    #[test]
    fn a_comment_edit_shows_the_text_once_and_who() {
        let d = sample_digest("COMMENT_UPDATED");
        assert_eq!(d.changes.len(), 1, "{:?}", d.changes);
        assert_eq!(d.changes[0].path, "text");
        assert_eq!(fact(&d, "by"), Some("Ada Lovelace"));
        assert!(fact(&d, "record").is_some());
    }

    #[test]
    fn added_rows_are_named() {
        let d = sample_digest("TODO_ASSIGNEE_ADDED");
        assert_eq!(d.changes[0].after.as_deref(), Some("Ada Lovelace"));
        let d = sample_digest("TODO_TAG_ADDED");
        assert_eq!(d.changes[0].before, None);
        assert_eq!(d.changes[0].after.as_deref(), Some("urgent"));
    }

    #[test]
    fn only_bookkeeping_changed_is_still_shown() {
        let body = json!({"previousValue": {"updatedAt": "a"}, "currentValue": {"updatedAt": "b"}});
        let d = digest(&body).unwrap();
        assert_eq!(d.changes[0].path, "updatedAt");
        assert_eq!(digest(&json!({"event": "WEBHOOK_HEALTH_CHECK"})), None);
        let health = digest(&json!({"webhook": {"name": "ci", "url": "https://x/"}})).unwrap();
        assert_eq!(
            (fact(&health, "webhook"), fact(&health, "url")),
            (Some("ci"), Some("https://x/"))
        );
    }

    #[test]
    fn many_changes_are_cut_and_counted() {
        let before: serde_json::Map<_, _> = (0..20).map(|i| (format!("k{i}"), json!(i))).collect();
        let after: serde_json::Map<_, _> =
            (0..20).map(|i| (format!("k{i}"), json!(i + 1))).collect();
        let d = digest(&json!({"previousValue": before, "currentValue": after})).unwrap();
        assert_eq!((d.changes.len(), d.more), (SHOWN_CHANGES, 20 - SHOWN_CHANGES));
    }

    #[test]
    fn values_read_as_words() {
        assert_eq!(words(&json!(null)), "(none)");
        assert_eq!(words(&json!([])), "(empty)");
        assert_eq!(words(&json!([{"id": 1, "tag": {"title": "urgent"}}])), "urgent");
        assert_eq!(words(&json!([1, 2])), "[2 items]");
        assert_eq!(words(&json!(true)), "true");
    }
}

//! What an update changed: the difference between a delivery's `previousValue` and
//! `currentValue`, as a list of `{path, before, after}`. Pure: no I/O.
//!
//! Paths read like `todoList.title` and `todoUsers[0].fullName`. Arrays whose elements all
//! carry a distinct `id` are matched by id (an assignee added to the front is one addition,
//! not a change of every element); other arrays element by element. A key or element only on
//! one side has no `before` (added) or no `after` (removed); JSON `null` is a value.
//! At most [`MAX_CHANGES`] changes are kept (the rest are counted), and nesting deeper than
//! [`MAX_DEPTH`] is compared whole, so a huge or hostile body costs one pass and bounded memory.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value};

/// The most changes kept; more are counted in [`Diff::omitted`].
pub const MAX_CHANGES: usize = 200;
/// Deeper values are compared whole and reported as one change.
pub const MAX_DEPTH: usize = 32;

/// One difference between the two values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub path: String,
    /// Absent when the key or element was added.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// Absent when the key or element was removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
}

impl Change {
    /// Bookkeeping Blue updates along with any change: ids, uids, foreign keys and
    /// timestamps of when rows were written.
    pub fn is_bookkeeping(&self) -> bool {
        let last = self.path.rsplit(['.', ']']).next().unwrap_or(&self.path);
        matches!(last, "id" | "uid" | "createdAt" | "updatedAt") || last.ends_with("Id")
    }
}

/// Every change found, in document order, and how many more there were.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub omitted: usize,
}

/// The changes from `before` to `after`, at most [`MAX_CHANGES`].
pub fn diff(before: &Value, after: &Value) -> Diff {
    diff_limited(before, after, MAX_CHANGES)
}

/// The changes from `before` to `after`, at most `max`.
pub fn diff_limited(before: &Value, after: &Value, max: usize) -> Diff {
    let mut walk = Walk { max, diff: Diff::default() };
    walk.value(&mut String::new(), before, after, 0);
    walk.diff
}

/// The changes a delivery body describes: from its `previousValue` to its `currentValue`,
/// when it has both (updates and moves); `None` for creations, deletions and other shapes.
pub fn of_delivery(body: &Value) -> Option<Diff> {
    let (before, after) = (body.get("previousValue")?, body.get("currentValue")?);
    if before.is_null() || after.is_null() {
        return None;
    }
    Some(diff(before, after))
}

struct Walk {
    max: usize,
    diff: Diff,
}

impl Walk {
    fn push(&mut self, path: &str, before: Option<&Value>, after: Option<&Value>) {
        if self.diff.changes.len() < self.max {
            let (before, after) = (before.cloned(), after.cloned());
            self.diff.changes.push(Change { path: path.to_string(), before, after });
        } else {
            self.diff.omitted += 1;
        }
    }

    fn value(&mut self, path: &mut String, before: &Value, after: &Value, depth: usize) {
        if depth >= MAX_DEPTH {
            if before != after {
                self.push(path, Some(before), Some(after));
            }
            return;
        }
        match (before, after) {
            (Value::Object(b), Value::Object(a)) => self.object(path, b, a, depth),
            (Value::Array(b), Value::Array(a)) => match (ids(b), ids(a)) {
                (Some(bi), Some(ai)) => self.by_id(path, (b, &bi), (a, &ai), depth),
                _ => self.by_index(path, b, a, depth),
            },
            _ if before == after => {}
            _ => self.push(path, Some(before), Some(after)),
        }
    }

    fn object(
        &mut self,
        path: &mut String,
        b: &Map<String, Value>,
        a: &Map<String, Value>,
        d: usize,
    ) {
        for (key, bv) in b {
            let len = enter_key(path, key);
            match a.get(key) {
                Some(av) => self.value(path, bv, av, d + 1),
                None => self.push(path, Some(bv), None),
            }
            path.truncate(len);
        }
        for (key, av) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
            let len = enter_key(path, key);
            self.push(path, None, Some(av));
            path.truncate(len);
        }
    }

    fn by_index(&mut self, path: &mut String, b: &[Value], a: &[Value], d: usize) {
        for i in 0..b.len().max(a.len()) {
            let len = enter_index(path, i);
            match (b.get(i), a.get(i)) {
                (Some(bv), Some(av)) => self.value(path, bv, av, d + 1),
                (bv, av) => self.push(path, bv, av),
            }
            path.truncate(len);
        }
    }

    /// Elements matched by id; paths use the element's index on the side it is on (the
    /// current one when on both).
    fn by_id(
        &mut self,
        path: &mut String,
        (b, b_ids): (&[Value], &[String]),
        (a, a_ids): (&[Value], &[String]),
        d: usize,
    ) {
        let before_at: HashMap<&str, usize> =
            b_ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        let after_has: std::collections::HashSet<&str> = a_ids.iter().map(String::as_str).collect();
        for (i, bv) in b.iter().enumerate().filter(|(i, _)| !after_has.contains(b_ids[*i].as_str()))
        {
            let len = enter_index(path, i);
            self.push(path, Some(bv), None);
            path.truncate(len);
        }
        for (i, av) in a.iter().enumerate() {
            let len = enter_index(path, i);
            match before_at.get(a_ids[i].as_str()) {
                Some(&j) => self.value(path, &b[j], av, d + 1),
                None => self.push(path, None, Some(av)),
            }
            path.truncate(len);
        }
    }
}

/// The elements' ids, when every element is an object with an id and no id repeats.
fn ids(items: &[Value]) -> Option<Vec<String>> {
    let ids: Vec<String> = items
        .iter()
        .map(|v| match v.get("id")? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let distinct: std::collections::HashSet<&String> = ids.iter().collect();
    (distinct.len() == ids.len()).then_some(ids)
}

fn enter_key(path: &mut String, key: &str) -> usize {
    let len = path.len();
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
    len
}

fn enter_index(path: &mut String, i: usize) -> usize {
    let len = path.len();
    path.push_str(&format!("[{i}]"));
    len
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paths(d: &Diff) -> Vec<&str> {
        d.changes.iter().map(|c| c.path.as_str()).collect()
    }

    #[test]
    fn nested_paths_name_exactly_what_changed() {
        let before = json!({"title": "Ship", "todoList": {"id": "l1", "title": "Backlog"}});
        let after = json!({"title": "Ship", "todoList": {"id": "l2", "title": "In Progress"}});
        let d = diff(&before, &after);
        assert_eq!(paths(&d), ["todoList.id", "todoList.title"]);
        let title = &d.changes[1];
        assert_eq!(
            (title.before.clone(), title.after.clone()),
            (Some(json!("Backlog")), Some(json!("In Progress")))
        );
        assert!(d.changes[0].is_bookkeeping() && !title.is_bookkeeping());
        assert_eq!(d.omitted, 0);
    }

    #[test]
    fn unchanged_values_give_no_changes() {
        let v = json!({"a": [1, {"b": null}], "c": "x"});
        assert_eq!(diff(&v, &v.clone()), Diff::default());
        assert_eq!(diff(&json!(null), &json!(null)).changes, []);
    }

    #[test]
    fn added_and_removed_keys_have_one_side_only() {
        let d = diff(&json!({"gone": 1, "stays": null}), &json!({"stays": null, "new": false}));
        assert_eq!(paths(&d), ["gone", "new"]);
        assert_eq!(
            (d.changes[0].before.clone(), d.changes[0].after.clone()),
            (Some(json!(1)), None)
        );
        assert_eq!(
            (d.changes[1].before.clone(), d.changes[1].after.clone()),
            (None, Some(json!(false)))
        );
        // A value set to null is a change, not a removal.
        let d = diff(&json!({"duedAt": "2025-06-05"}), &json!({"duedAt": null}));
        assert_eq!(d.changes[0].after, Some(Value::Null));
        let text = serde_json::to_string(&d.changes[0]).unwrap();
        assert_eq!(text, r#"{"path":"duedAt","before":"2025-06-05","after":null}"#);
        let added = serde_json::to_value(&diff(&json!({}), &json!({"k": 1})).changes[0]).unwrap();
        assert_eq!(added, json!({"path": "k", "after": 1}));
    }

    #[test]
    fn arrays_with_ids_are_matched_by_id() {
        let ada = json!({"id": "u1", "fullName": "Ada"});
        let bob = json!({"id": "u2", "fullName": "Bob"});
        let d =
            diff(&json!({"todoUsers": [ada.clone()]}), &json!({"todoUsers": [bob.clone(), ada]}));
        assert_eq!(paths(&d), ["todoUsers[0]"]);
        assert_eq!(
            (d.changes[0].before.clone(), d.changes[0].after.clone()),
            (None, Some(bob.clone()))
        );
        let renamed = json!({"id": "u2", "fullName": "Robert"});
        let d = diff(&json!([bob.clone()]), &json!([renamed]));
        assert_eq!(paths(&d), ["[0].fullName"]);
        let d = diff(&json!([bob]), &json!([]));
        assert_eq!((paths(&d), d.changes[0].after.clone()), (vec!["[0]"], None));
    }

    #[test]
    fn arrays_without_ids_are_compared_element_by_element() {
        let d = diff(&json!({"events": ["A", "B"]}), &json!({"events": ["A", "C", "D"]}));
        assert_eq!(paths(&d), ["events[1]", "events[2]"]);
        assert_eq!(d.changes[1].before, None);
        // Repeated ids: not an identity, so by index.
        let dup = json!([{"id": 1, "v": 1}, {"id": 1, "v": 2}]);
        let d = diff(&dup, &json!([{"id": 1, "v": 1}, {"id": 1, "v": 3}]));
        assert_eq!(paths(&d), ["[1].v"]);
    }

    #[test]
    fn a_value_changing_type_is_one_change() {
        let d = diff(&json!({"todoTags": []}), &json!({"todoTags": {"id": 1}}));
        assert_eq!(paths(&d), ["todoTags"]);
    }

    #[test]
    fn big_bodies_are_bounded() {
        let before: Map<String, Value> = (0..5000).map(|i| (format!("k{i}"), json!(i))).collect();
        let after: Map<String, Value> =
            (0..5000).map(|i| (format!("k{i}"), json!(-i - 1))).collect();
        let d = diff(&Value::Object(before), &Value::Object(after));
        assert_eq!((d.changes.len(), d.omitted), (MAX_CHANGES, 5000 - MAX_CHANGES));
        let mut deep_b = json!(1);
        let mut deep_a = json!(2);
        for _ in 0..100 {
            deep_b = json!({"x": deep_b});
            deep_a = json!({"x": deep_a});
        }
        let d = diff(&deep_b, &deep_a);
        assert_eq!(d.changes.len(), 1);
        assert_eq!(d.changes[0].path.matches('x').count(), MAX_DEPTH);
    }

    #[test]
    fn deliveries_without_both_values_have_no_diff() {
        assert_eq!(of_delivery(&json!({"currentValue": {"a": 1}})), None);
        assert_eq!(of_delivery(&json!({"previousValue": {"a": 1}, "currentValue": null})), None);
        let d = of_delivery(&json!({"previousValue": {"a": 1}, "currentValue": {"a": 2}})).unwrap();
        assert_eq!(paths(&d), ["a"]);
    }

    #[test]
    fn every_sample_update_shows_its_change() {
        use crate::events::{CATALOGUE, sample};
        for event in CATALOGUE.iter().filter(|e| e.subscribable) {
            let body = sample::body(event, &sample::SampleOptions::seeded(1, "http://x/"));
            let v: Value = serde_json::from_slice(&body).unwrap();
            let Some(d) = of_delivery(&v) else { continue };
            let meaningful = d.changes.iter().filter(|c| !c.is_bookkeeping()).count();
            assert!(meaningful >= 1, "{}: {:?}", event.name, paths(&d));
        }
    }
}

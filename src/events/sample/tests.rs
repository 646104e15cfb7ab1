use super::*;
use crate::events::{CATALOGUE, lookup};

const CAPTURE: &str = include_str!("../../../tests/fixtures/todo_created_capture.json");

fn opts(seed: u64) -> SampleOptions {
    SampleOptions::seeded(seed, "https://example.com/hooks/blue")
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().expect("an object").keys().map(String::as_str).collect()
}

/// Same keys, in the same order, with the same JSON type for each value, recursively
/// through objects (arrays in the capture are empty, so only their type is compared).
fn assert_same_shape(ours: &Value, real: &Value, path: &str) {
    let kind = |v: &Value| match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    if real.is_null() || ours.is_null() {
        return; // nullable in Blue: either side may be null
    }
    assert_eq!(kind(ours), kind(real), "type of {path}");
    if let (Value::Object(o), Value::Object(r)) = (ours, real) {
        assert_eq!(keys(ours), keys(real), "keys of {path}");
        for (k, rv) in r {
            assert_same_shape(&o[k], rv, &format!("{path}.{k}"));
        }
    }
}

#[test]
fn todo_created_has_the_shape_of_the_real_capture() {
    let real: Value = serde_json::from_str(CAPTURE).unwrap();
    let ours = value(lookup("TODO_CREATED").unwrap(), &opts(1));
    assert_eq!(keys(&ours), ["event", "webhook", "previousValue", "currentValue"]);
    assert!(ours["previousValue"].is_null());
    assert_same_shape(&ours["webhook"], &real["webhook"], "webhook");
    assert_same_shape(&ours["currentValue"], &real["currentValue"], "currentValue");
    let record = &ours["currentValue"];
    assert!(record["position"].is_string(), "record position is a string");
    assert!(record["todoList"]["position"].is_number(), "list position is a number");
    assert_eq!(ours["webhook"]["secret"], "", "the webhook's secret is never in a delivery");
}

#[test]
fn every_event_has_the_documented_shape() {
    for event in &CATALOGUE {
        let bytes = body(event, &opts(7));
        let v: Value = serde_json::from_slice(&bytes).expect("valid JSON");
        assert_eq!(v["event"], event.name);
        assert!(v["webhook"]["id"].is_string(), "{}", event.name);
        let (prev, cur) = (v.get("previousValue"), v.get("currentValue"));
        if !event.subscribable {
            assert!(prev.is_none() && cur.is_none(), "health check has no value keys");
        } else if event.name.ends_with("_CREATED") {
            assert!(prev.unwrap().is_null() && cur.unwrap().is_object(), "{}", event.name);
        } else if event.name.ends_with("_DELETED") {
            assert!(prev.unwrap().is_object() && cur.unwrap().is_null(), "{}", event.name);
        } else {
            let (p, c) = (prev.unwrap(), cur.unwrap());
            assert!(p.is_object() && c.is_object(), "{}", event.name);
            assert_eq!(p["id"], c["id"], "{}: same entity", event.name);
            let mut p2 = p.clone();
            p2["updatedAt"] = c["updatedAt"].clone();
            assert_ne!(&p2, c, "{}: values differ beyond updatedAt", event.name);
        }
    }
}

#[test]
fn updates_change_the_field_they_name() {
    let get = |name: &str| value(lookup(name).unwrap(), &opts(3));
    let v = get("TODO_NAME_CHANGED");
    assert_ne!(v["previousValue"]["title"], v["currentValue"]["title"]);
    let v = get("TODO_DONE_STATUS_UPDATED");
    assert_eq!(
        (&v["previousValue"]["done"], &v["currentValue"]["done"]),
        (&json!(false), &json!(true))
    );
    let v = get("TODO_DUE_DATE_ADDED");
    assert!(v["previousValue"]["duedAt"].is_null() && v["currentValue"]["duedAt"].is_string());
    let v = get("TODO_DUE_DATE_REMOVED");
    assert!(v["previousValue"]["duedAt"].is_string() && v["currentValue"]["duedAt"].is_null());
    let v = get("TODO_MOVED");
    assert_ne!(v["previousValue"]["todoListId"], v["currentValue"]["todoListId"]);
    let v = get("TODO_ASSIGNEE_ADDED");
    assert_eq!(v["previousValue"]["todoUsers"].as_array().unwrap().len(), 0);
    assert_eq!(v["currentValue"]["todoUsers"].as_array().unwrap().len(), 1);
    let v = get("TODO_CHECKLIST_ITEM_ASSIGNEE_REMOVED");
    assert_eq!(v["previousValue"]["checklistItemUsers"].as_array().unwrap().len(), 1);
    assert_eq!(v["currentValue"]["checklistItemUsers"].as_array().unwrap().len(), 0);
    let v = get("TAG_UPDATED");
    assert_ne!(v["previousValue"]["color"], v["currentValue"]["color"]);
}

#[test]
fn same_seed_same_bytes_other_seed_other_ids() {
    let e = lookup("COMMENT_CREATED").unwrap();
    assert_eq!(body(e, &opts(42)), body(e, &opts(42)));
    let (a, b) = (value(e, &opts(42)), value(e, &opts(43)));
    assert_ne!(a["currentValue"]["id"], b["currentValue"]["id"]);
}

#[test]
fn ids_look_like_blue_ids_and_times_like_iso_8601() {
    let v = value(lookup("TODO_CREATED").unwrap(), &opts(9));
    let id = v["currentValue"]["id"].as_str().unwrap();
    assert_eq!(id.len(), 25);
    assert!(
        id.starts_with('c') && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    );
    let uid = v["currentValue"]["uid"].as_str().unwrap();
    assert!(uid.len() == 32 && uid.bytes().all(|b| b.is_ascii_hexdigit()));
    let t = v["currentValue"]["createdAt"].as_str().unwrap();
    assert!(humantime::parse_rfc3339(t).is_ok(), "{t}");
    assert!(t.ends_with('Z') && t.len() == 24, "{t}");
}

#[test]
fn project_option_is_used_everywhere_a_project_id_appears() {
    let mut o = opts(5);
    o.project = Some("cproject0000000000000000x".into());
    let v = value(lookup("TAG_CREATED").unwrap(), &o);
    assert_eq!(v["currentValue"]["projectId"], "cproject0000000000000000x");
    assert_eq!(v["currentValue"]["project"]["id"], "cproject0000000000000000x");
    assert_eq!(v["webhook"]["metadata"]["projectIds"][0], "cproject0000000000000000x");
}

/// Every object with both times was created before (or when) it was last updated.
fn assert_times_ordered(v: &Value, event: &str) {
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(c)), Some(Value::String(u))) =
                (m.get("createdAt"), m.get("updatedAt"))
            {
                assert!(c <= u, "{event}: createdAt {c} after updatedAt {u}");
            }
            m.values().for_each(|x| assert_times_ordered(x, event));
        }
        Value::Array(a) => a.iter().for_each(|x| assert_times_ordered(x, event)),
        _ => {}
    }
}

#[test]
fn created_before_updated_everywhere() {
    for seed in 0..20 {
        for event in &CATALOGUE {
            assert_times_ordered(&value(event, &opts(seed)), event.name);
        }
    }
}

//! What Blue's own CLI (github.com/heyblueteam/cli) sent to the sandbox, replayed: the
//! documents and variables of its 37 commands, captured by scripts/bluecli-sandbox into
//! tests/fixtures/bluecli/ (CI cannot build the Go CLI). Replayed in the same order against a
//! fresh sandbox, with the ids it made mapped to the new ones, each answer has the errors the
//! capture had (none for the commands that succeeded), and no document fails validation.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde_json::Value;

use crate::sandbox::Sandbox;
use crate::support::request;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bluecli").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Learns `old -> new` for every id at the same place in the recorded and replayed answers.
fn learn(ids: &mut HashMap<String, String>, old: &Value, new: &Value) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                match (k.as_str(), v, b.get(k)) {
                    ("id", Value::String(o), Some(Value::String(n))) => {
                        ids.entry(o.clone()).or_insert_with(|| n.clone());
                    }
                    (_, v, Some(w)) => learn(ids, v, w),
                    _ => {}
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => a.iter().zip(b).for_each(|(v, w)| learn(ids, v, w)),
        _ => {}
    }
}

fn swap(text: &str, ids: &HashMap<String, String>) -> String {
    ids.iter().fold(text.to_string(), |t, (old, new)| t.replace(old, new))
}

/// The error codes of an answer (`None` for an error without one: a validation error).
fn codes(v: &Value) -> BTreeSet<Option<String>> {
    let errors = v["errors"].as_array().into_iter().flatten();
    errors.map(|e| e["extensions"]["code"].as_str().map(String::from)).collect()
}

fn seeded(sb: &Sandbox, old: &Value) -> HashMap<String, String> {
    let project = sb.ready["project"]["id"].as_str().unwrap();
    let q = format!("{{ todoLists(projectId: \"{project}\") {{ id }} currentUser {{ id }} }}");
    let v = sb.graphql(&q, true);
    let lists = &v["data"]["todoLists"];
    let new = [
        ("PROJECT", project),
        ("LIST", lists[0]["id"].as_str().unwrap()),
        ("LIST2", lists[1]["id"].as_str().unwrap()),
        ("USER", v["data"]["currentUser"]["id"].as_str().unwrap()),
        ("ORG", sb.ready["org"]["slug"].as_str().unwrap()),
    ];
    new.iter().map(|(k, n)| (old[*k].as_str().unwrap().to_string(), n.to_string())).collect()
}

#[test]
fn blue_s_cli_documents_replay_against_the_sandbox() {
    let sb = Sandbox::start(&[]);
    let index = fixture("index.json");
    let mut ids = seeded(&sb, &index["seeded"]);
    let (mut passed, mut requests) = (0, 0);
    for name in index["order"].as_array().unwrap() {
        let fx = fixture(&format!("{}.json", name.as_str().unwrap()));
        let mut clean = true;
        for r in fx["requests"].as_array().unwrap() {
            requests += 1;
            let body = swap(&r["request"].to_string(), &ids);
            let headers: Vec<(String, String)> = r["headers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), swap(v.as_str().unwrap(), &ids)))
                .collect();
            let headers: Vec<(&str, &str)> =
                headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let reply = request(sb.port, "POST", "/graphql", &headers, body.as_bytes());
            assert_eq!(reply.status, 200, "{name}: {}", reply.body);
            let got: Value = serde_json::from_str(&reply.body).unwrap();
            let want = codes(&r["response"]);
            assert_eq!(codes(&got), want, "{name}: {body}\n{got}");
            assert!(!want.contains(&None), "{name}: a document fails validation: {body}");
            clean &= want.is_empty();
            learn(&mut ids, &r["response"], &got);
        }
        passed += usize::from(clean && fx["exit"] == 0);
    }
    assert_eq!(passed as u64, index["passed"].as_u64().unwrap(), "commands answered cleanly");
    assert!(requests >= 37, "{requests} documents replayed");
}

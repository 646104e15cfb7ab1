//! What each case of `bluehook check` sends: signed deliveries built from the samples of
//! `events::sample`, each marked as a test (webhook `bluehook check`, titles prefixed with
//! `[bluehook check]`). Pure: no I/O.
//!
//! `every-event` tells one story: the samples of one seed share their ids (the same record,
//! list, checklist, ... in every event), creations come first, then updates, then deletions,
//! children before their parents.

use std::collections::HashMap;
use std::time::SystemTime;

use serde_json::{Value, json};

use super::case::Case;
use crate::events::model::Kind;
use crate::events::sample::{self, SampleOptions};
use crate::events::{self, Event};
use crate::send::delivery::Delivery;
use crate::signature::Signer;

/// The webhook name every delivery carries.
pub const WEBHOOK_NAME: &str = "bluehook check";

/// What every title starts with.
pub const TITLE_MARK: &str = "[bluehook check] ";

/// The size `large-body` aims at: about 1 MB, under the 1 MiB many limits (and `listen`) use.
pub const LARGE_BODY: usize = 1_000_000;

/// What the deliveries of a run depend on.
#[derive(Debug, Clone)]
pub struct Plan {
    pub seed: u64,
    pub now: SystemTime,
    /// The receiver's URL, as the webhook in each body names it.
    pub url: String,
    pub signer: Signer,
    /// The events `every-event` covers (before the creations they need are added).
    pub events: Vec<&'static Event>,
    /// Deliveries `burst` sends at once.
    pub burst: usize,
}

/// One delivery of a case, with what the table calls it.
#[derive(Debug, Clone)]
pub struct Shot {
    pub label: String,
    pub delivery: Delivery,
}

/// The deliveries of `case` (none for the cases that only judge the others).
pub fn shots(case: Case, plan: &Plan) -> Vec<Shot> {
    match case {
        Case::EveryEvent => story(&plan.events)
            .into_iter()
            .map(|e| plan.genuine(e.name, story_value(e, plan)))
            .collect(),
        Case::HealthCheck => {
            let e = events::lookup("WEBHOOK_HEALTH_CHECK").expect("in the catalogue");
            vec![plan.genuine(e.name, plan.marked(e, plan.seed))]
        }
        Case::Forged => vec![forged(plan)],
        Case::Unsigned => {
            let body = plan.record(1, |_| {});
            vec![Shot { label: "no X-Signature".into(), delivery: Delivery::new(body, None) }]
        }
        Case::Tampered => vec![tampered(plan)],
        Case::RawBytes => raw_bytes(plan),
        Case::LargeBody => vec![plan.genuine("TODO_CREATED, about 1 MB", large(plan))],
        Case::Unicode => unicode(plan),
        Case::OutOfOrder => out_of_order(plan),
        Case::Redelivery => {
            let first = plan.genuine("TODO_CREATED", plan.record(5, |_| {}));
            let again = Shot { label: "the same again".into(), ..first.clone() };
            vec![first, again]
        }
        Case::Burst => (0..plan.burst as u64)
            .map(|i| plan.genuine("TODO_CREATED", plan.record(1_000 + i, |_| {})))
            .collect(),
        Case::Timing | Case::Redirect => Vec::new(),
    }
}

impl Plan {
    /// The sample of `event` for `seed`, marked as a test and carrying the run's webhook.
    fn marked(&self, event: &Event, seed: u64) -> Value {
        let mut v = self.sample(event, seed);
        v["webhook"] = self.webhook();
        mark(&mut v);
        v
    }

    fn sample(&self, event: &Event, seed: u64) -> Value {
        let opts = SampleOptions { seed, now: self.now, url: self.url.clone(), project: None };
        sample::value(event, &opts)
    }

    /// One webhook sends every delivery of a run: subscribed to every event (an empty list).
    fn webhook(&self) -> Value {
        let health = events::lookup("WEBHOOK_HEALTH_CHECK").expect("in the catalogue");
        let mut hook = self.sample(health, self.seed)["webhook"].take();
        hook["metadata"]["events"] = json!([]);
        hook
    }

    /// A fresh TODO_CREATED (its own ids), changed by `edit` before it is serialised.
    fn record(&self, offset: u64, edit: impl FnOnce(&mut Value)) -> Vec<u8> {
        let e = events::lookup("TODO_CREATED").expect("in the catalogue");
        let mut v = self.marked(e, self.seed.wrapping_add(7_919).wrapping_add(offset));
        edit(&mut v);
        to_bytes(&v)
    }

    fn genuine(&self, label: &str, body: impl IntoBody) -> Shot {
        Shot { label: label.to_string(), delivery: Delivery::new(body.bytes(), Some(&self.signer)) }
    }
}

/// A body as a value (serialised compactly, as Blue does) or as bytes already.
trait IntoBody {
    fn bytes(self) -> Vec<u8>;
}

impl IntoBody for Value {
    fn bytes(self) -> Vec<u8> {
        to_bytes(&self)
    }
}

impl IntoBody for Vec<u8> {
    fn bytes(self) -> Vec<u8> {
        self
    }
}

fn to_bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).expect("a JSON value always serialises")
}

/// The webhook is named `bluehook check` and every title says it is a test.
fn mark(v: &mut Value) {
    v["webhook"]["name"] = json!(WEBHOOK_NAME);
    mark_titles(v);
}

fn mark_titles(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match x {
                    Value::String(s) if k == "title" && !s.starts_with(TITLE_MARK) => {
                        *s = format!("{TITLE_MARK}{s}");
                    }
                    _ => mark_titles(x),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(mark_titles),
        _ => {}
    }
}

/// The creations, in the order a parent comes before its children.
const CREATES: [&str; 7] = [
    "TODO_LIST_CREATED",
    "CUSTOM_FIELD_CREATED",
    "TAG_CREATED",
    "TODO_CREATED",
    "TODO_CHECKLIST_CREATED",
    "TODO_CHECKLIST_ITEM_CREATED",
    "COMMENT_CREATED",
];

/// The entity a creation makes, and what it belongs to (created first).
fn parent(kind: Kind) -> Option<Kind> {
    match kind {
        Kind::Record => Some(Kind::List),
        Kind::Checklist | Kind::Comment => Some(Kind::Record),
        Kind::ChecklistItem => Some(Kind::Checklist),
        _ => None,
    }
}

/// `events` in story order, with the creations they need: creations first (parents before
/// children), then updates in catalogue order, then deletions (children before parents).
pub fn story(events: &[&'static Event]) -> Vec<&'static Event> {
    let mut needed: Vec<&str> = Vec::new();
    for e in events.iter().filter(|e| e.subscribable) {
        let mut kind = Some(Kind::of_event(e.name));
        while let Some(k) = kind {
            needed.extend(CREATES.iter().filter(|c| Kind::of_event(c) == k));
            kind = parent(k);
        }
    }
    let wanted = |e: &&Event| events.iter().any(|w| w.name == e.name);
    let creates = CREATES.iter().filter(|c| needed.contains(c)).filter_map(|c| events::lookup(c));
    let updates = events::subscribable()
        .filter(wanted)
        .filter(|e| !e.name.ends_with("_CREATED") && !e.name.ends_with("_DELETED"));
    let deletes = CREATES.iter().rev().filter_map(|c| {
        let deleted = c.replace("_CREATED", "_DELETED");
        events::lookup(&deleted).filter(wanted)
    });
    creates.chain(updates).chain(deletes).collect()
}

/// The sample of `event` in the story of `seed`: as `sample::value`, except that a tag's own
/// events carry the tag the record events add and remove.
pub fn story_value(event: &Event, plan: &Plan) -> Value {
    let mut v = plan.marked(event, plan.seed);
    if Kind::of_event(event.name) == Kind::Tag {
        let added = events::lookup("TODO_TAG_ADDED").expect("in the catalogue");
        let tag = &plan.marked(added, plan.seed)["currentValue"]["todoTags"][0]["tag"];
        let own =
            if v["currentValue"].is_null() { &v["previousValue"] } else { &v["currentValue"] };
        let renames: HashMap<String, String> = ["id", "uid"]
            .iter()
            .filter_map(|k| Some((own[k].as_str()?.to_string(), tag[k].as_str()?.to_string())))
            .collect();
        rename(&mut v, &renames);
    }
    v
}

/// Replaces every string that is a key of `renames` by its value.
fn rename(v: &mut Value, renames: &HashMap<String, String>) {
    match v {
        Value::String(s) => {
            if let Some(to) = renames.get(s.as_str()) {
                *s = to.clone();
            }
        }
        Value::Object(m) => m.values_mut().for_each(|x| rename(x, renames)),
        Value::Array(a) => a.iter_mut().for_each(|x| rename(x, renames)),
        _ => {}
    }
}

fn forged(plan: &Plan) -> Shot {
    let body = plan.record(2, |_| {});
    let wrong = Signer::new(b"not the webhook's secret");
    Shot { label: "signed with another secret".into(), delivery: Delivery::new(body, Some(&wrong)) }
}

/// A genuine delivery with one letter of its title changed after signing.
fn tampered(plan: &Plan) -> Shot {
    let body = plan.record(3, |_| {});
    let mut shot = plan.genuine("one byte changed after signing", body);
    let mut bytes = shot.delivery.body.to_vec();
    let at = find(&bytes, TITLE_MARK.as_bytes()).map_or(0, |i| i + TITLE_MARK.len());
    bytes[at] = if bytes[at] == b'X' { b'Y' } else { b'X' };
    shot.delivery.body = bytes.into();
    shot
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A marker a raw-bytes body carries where its unusual text goes.
const SPOT: &str = "@bluehook-check-raw@";

/// Genuine bodies with bytes that a parse-and-serialise round trip changes.
fn raw_bytes(plan: &Plan) -> Vec<Shot> {
    let spliced = |offset: u64, path: &[&str], raw: &str| {
        let body = plan.record(offset, |v| {
            let mut at = v;
            for key in path {
                at = &mut at[*key];
            }
            *at = json!(SPOT);
        });
        let text = String::from_utf8(body).expect("JSON is UTF-8");
        text.replacen(&format!("\"{SPOT}\""), raw, 1).into_bytes()
    };
    let title = ["currentValue", "title"];
    let reordered = plan.record(14, |v| {
        let order = ["currentValue", "previousValue", "webhook", "event"];
        *v = Value::Object(order.iter().map(|k| (k.to_string(), v[*k].clone())).collect());
    });
    let e = events::lookup("TODO_CREATED").expect("in the catalogue");
    let pretty = plan.marked(e, plan.seed.wrapping_add(7_919 + 15));
    let pretty = serde_json::to_vec_pretty(&pretty).expect("a JSON value always serialises");
    vec![
        plan.genuine(
            "float 131070.0",
            spliced(10, &["currentValue", "todoList", "position"], "131070.0"),
        ),
        plan.genuine(
            "escaped unicode \\u00e9",
            spliced(11, &title, r#""[bluehook check] Caf\u00e9 cr\u00e8me launch""#),
        ),
        plan.genuine(
            "escaped slashes <\\/p>",
            spliced(12, &["currentValue", "html"], r#""<p>Launch notes<\/p>""#),
        ),
        plan.genuine("unusual key order", reordered),
        plan.genuine("indented JSON", pretty),
    ]
}

/// Records whose titles hold emoji, right-to-left text, combining marks and control
/// characters (escaped, as JSON requires).
fn unicode(plan: &Plan) -> Vec<Shot> {
    let titles = [
        ("emoji", "Launch \u{1f680}\u{1f389} \u{1f469}\u{1f3fd}\u{200d}\u{1f4bb} ready"),
        ("right-to-left", "\u{625}\u{637}\u{644}\u{627}\u{642} \u{5d4}\u{5e9}\u{5e7}\u{5d4} 2.0"),
        ("combining marks", "Cafe\u{301} n\u{303}o a\u{308} Z\u{351}\u{36b}a\u{30c}"),
        ("control characters", "tab\there\nline\r\u{1}\u{1f}\u{7f} end"),
    ];
    titles
        .iter()
        .enumerate()
        .map(|(i, (label, title))| {
            let body = plan.record(20 + i as u64, |v| {
                v["currentValue"]["title"] = json!(format!("{TITLE_MARK}{title}"));
            });
            plan.genuine(label, body)
        })
        .collect()
}

/// An update and a deletion for a record no delivery created.
fn out_of_order(plan: &Plan) -> Vec<Shot> {
    let seed = plan.seed.wrapping_add(31_337);
    ["TODO_NAME_CHANGED", "TODO_DELETED"]
        .iter()
        .map(|name| {
            let e = events::lookup(name).expect("in the catalogue");
            plan.genuine(&format!("{name} of an unknown record"), plan.marked(e, seed))
        })
        .collect()
}

/// A record with 200 custom field values and a description that bring it to [`LARGE_BODY`].
fn large(plan: &Plan) -> Vec<u8> {
    let grow = |v: &mut Value, pad: usize| {
        let record = &mut v["currentValue"];
        let first = record["todoCustomFields"][0].clone();
        let fields: Vec<Value> = (0..200)
            .map(|i| {
                let mut f = first.clone();
                f["id"] = json!(format!("{}{i:03}", f["id"].as_str().unwrap_or("f")));
                f["value"] = json!(format!("Value {i} of a long form"));
                f
            })
            .collect();
        record["todoCustomFields"] = json!(fields);
        let line = "Everything marketing needs before go-live: copy, images, redirects, DNS. ";
        let text: String = line.chars().cycle().take(pad / 2).collect();
        record["html"] = json!(format!("<p>{text}</p>"));
        record["text"] = json!(text);
    };
    let small = plan.record(4, |v| grow(v, 0));
    plan.record(4, |v| grow(v, LARGE_BODY.saturating_sub(small.len())))
}

#[cfg(test)]
mod tests;

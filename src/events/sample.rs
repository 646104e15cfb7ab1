//! Sample delivery bodies in Blue's exact shape:
//! `{"event", "webhook", "previousValue", "currentValue"}`.
//!
//! Every entity is a row of the entity model (`events::model`, which the sandbox uses too),
//! expanded the same way; the record follows a real TODO_CREATED capture field by field. Ids
//! and times come from a seeded generator, so one seed always gives the same body.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use super::model::{self, Kind, Stamp};
use super::{Event, Group};

/// What a sample depends on besides the event.
#[derive(Debug, Clone)]
pub struct SampleOptions {
    /// Seeds every id and time offset.
    pub seed: u64,
    /// The moment the event happened; other times are before it.
    pub now: SystemTime,
    /// The URL the sample webhook points at.
    pub url: String,
    /// Project (workspace) id to use instead of a generated one.
    pub project: Option<String>,
}

impl SampleOptions {
    /// Options that give the same body for the same seed: time is fixed too.
    pub fn seeded(seed: u64, url: &str) -> Self {
        // 2025-06-02T09:30:00Z
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_748_856_600);
        SampleOptions { seed, now, url: url.to_string(), project: None }
    }
}

/// The sample delivery for `event` as a JSON value.
pub fn value(event: &Event, opts: &SampleOptions) -> Value {
    let mut g = Gen::new(opts);
    let mut world = World::new(&mut g, opts);
    let mut body = serde_json::Map::new();
    body.insert("event".into(), json!(event.name));
    body.insert("webhook".into(), world.webhook(&mut g, event, &opts.url));
    if event.group != Group::Delivery {
        let (previous, current) = values(event.name, &mut g, &mut world);
        body.insert("previousValue".into(), previous);
        body.insert("currentValue".into(), current);
    }
    Value::Object(body)
}

/// The sample delivery for `event`, serialized compactly as Blue sends it.
pub fn body(event: &Event, opts: &SampleOptions) -> Vec<u8> {
    serde_json::to_vec(&value(event, opts)).expect("a JSON value always serializes")
}

/// `(previousValue, currentValue)` for an event: previous is null for *_CREATED, current is
/// null for *_DELETED, and updates differ in the changed field.
fn values(name: &str, g: &mut Gen, w: &mut World) -> (Value, Value) {
    let kind = Kind::of_event(name);
    let id = match kind {
        Kind::ChecklistItem => checklist_item(g, w),
        Kind::Checklist => checklist(g, w),
        Kind::List => w.list.clone(),
        Kind::Record => record(g, w),
        Kind::CustomField => custom_field(g, w),
        Kind::Tag => tag(g, w),
        _ => comment(g, w),
    };
    let entity = w.expand(kind, &id);
    if name.ends_with("_CREATED") {
        return (Value::Null, entity);
    }
    if name.ends_with("_DELETED") {
        return (entity, Value::Null);
    }
    let mut before = entity.clone();
    let mut after = entity;
    change(name, g, w, &mut before, &mut after);
    (before, after)
}

/// Makes `before` and `after` differ in the field `name` is about.
fn change(name: &str, g: &mut Gen, w: &mut World, before: &mut Value, after: &mut Value) {
    let later = g.time(0);
    after["updatedAt"] = json!(later);
    let action = name.rsplit('_').next().unwrap_or_default();
    let adds = action == "ADDED";
    match name {
        n if n.ends_with("NAME_CHANGED") => {
            before["title"] = json!(format!("{} (draft)", before["title"].as_str().unwrap_or("")));
        }
        n if n.ends_with("DONE_STATUS_UPDATED") => {
            before["done"] = json!(false);
            after["done"] = json!(true);
        }
        n if n.contains("DUE_DATE") => due_dates(n, g, before, after),
        n if n.contains("ASSIGNEE") => {
            let key = if n.contains("CHECKLIST_ITEM") { "checklistItemUsers" } else { "todoUsers" };
            let (with, without) = if adds { (after, before) } else { (before, after) };
            with[key] = json!([w.row(&w.user)]);
            without[key] = json!([]);
        }
        n if n.contains("TAG_ADDED") || n.contains("TAG_REMOVED") => {
            let tag = tag(g, w);
            let todo = before["id"].as_str().unwrap_or_default().to_string();
            let t = model::record_tag(&g.id(), &todo, w.expand(Kind::Tag, &tag));
            let (with, without) = if adds { (after, before) } else { (before, after) };
            with["todoTags"] = json!([t]);
            without["todoTags"] = json!([]);
        }
        "TODO_MOVED" => {
            let other = w.other_list(g);
            before["todoListId"] = other["id"].clone();
            before["todoList"] = other;
            before["position"] = json!("16383.75");
        }
        "TODO_CUSTOM_FIELD_UPDATED" => {
            before["todoCustomFields"][0]["value"] = json!("Waiting on customer");
            after["todoCustomFields"][0]["value"] = json!("In review");
        }
        "TAG_UPDATED" => before["color"] = json!("#4caf50"),
        "COMMENT_UPDATED" => {
            before["text"] = json!("Looks good to me");
            before["html"] = json!("<p>Looks good to me</p>");
        }
        _ => before["name"] = json!("Stage (old)"),
    }
}

fn due_dates(name: &str, g: &mut Gen, before: &mut Value, after: &mut Value) {
    let due = g.time_ahead(3 * DAY_MS);
    let moved = g.time_ahead(7 * DAY_MS);
    let (b, a) = if name.ends_with("ADDED") {
        (Value::Null, json!(due))
    } else if name.ends_with("UPDATED") {
        (json!(due), json!(moved))
    } else {
        (json!(due), Value::Null)
    };
    before["duedAt"] = b;
    after["duedAt"] = a;
}

const DAY_MS: u64 = 86_400_000;

/// The rows every entity of one delivery shares (organization, project, list, user), kept by
/// id so the entity model can expand relations from them.
struct World {
    rows: HashMap<String, Value>,
    project: String,
    list: String,
    user: String,
    created_by: String,
}

impl World {
    fn new(g: &mut Gen, opts: &SampleOptions) -> Self {
        let created_by = g.id();
        let company = model::company(&g.stamp(400, 399), "acme", "Acme", &g.id());
        let mut p = g.stamp(90, 89);
        if let Some(id) = &opts.project {
            p.id = id.clone();
        }
        let project = model::project(&p, "website-relaunch", "Website Relaunch", &id_of(&company));
        let list = model::list(&g.stamp(60, 59), "In Progress", 131070.0, &created_by, &p.id);
        let user = model::user(&g.stamp(30, 29), "Ada Lovelace", "ada@example.com");
        let mut w = World {
            rows: HashMap::new(),
            project: p.id.clone(),
            list: id_of(&list),
            user: id_of(&user),
            created_by,
        };
        for row in [company, project, list, user] {
            w.put(row);
        }
        w
    }

    fn put(&mut self, row: Value) -> String {
        let id = id_of(&row);
        self.rows.insert(id.clone(), row);
        id
    }

    fn row(&self, id: &str) -> Value {
        self.rows.get(id).cloned().unwrap_or(Value::Null)
    }

    fn expand(&self, kind: Kind, id: &str) -> Value {
        model::expand(kind, &self.row(id), &|id| self.rows.get(id).cloned())
    }

    fn other_list(&mut self, g: &mut Gen) -> Value {
        let row =
            model::list(&g.stamp(61, 60), "Backlog", 65535.0, &self.created_by, &self.project);
        let id = self.put(row);
        self.expand(Kind::List, &id)
    }

    fn webhook(&self, g: &mut Gen, event: &Event, url: &str) -> Value {
        let events: Vec<String> =
            if event.subscribable { vec![event.name.to_string()] } else { vec![] };
        model::webhook(&model::HookView {
            stamp: &g.stamp(30, 29),
            name: Some("bluehook sample"),
            url,
            status: "HEALTHY",
            enabled: true,
            events: &events,
            project_ids: std::slice::from_ref(&self.project),
            created_by: &self.created_by,
        })
    }
}

fn id_of(row: &Value) -> String {
    row["id"].as_str().unwrap_or_default().to_string()
}

/// A record, as in Blue's TODO_CREATED capture (position is a string here), with a custom
/// field value and a description.
fn record(g: &mut Gen, w: &mut World) -> String {
    let field = custom_field(g, w);
    let mut row = model::record(
        &g.stamp_ms(1_000, 759),
        "Prepare launch checklist",
        32767.5,
        &w.created_by,
        &w.list,
    );
    row["html"] = json!("<p>Everything marketing needs before go-live.</p>");
    row["text"] = json!("Everything marketing needs before go-live.");
    row["todoCustomFields"] =
        json!([model::field_value(&g.id(), &w.row(&field), json!("In review"))]);
    w.put(row)
}

fn checklist(g: &mut Gen, w: &mut World) -> String {
    let todo = record(g, w);
    let row = model::checklist(&g.stamp_ms(2_000, 1_500), "Go-live", 65535.0, &todo, &w.created_by);
    w.put(row)
}

fn checklist_item(g: &mut Gen, w: &mut World) -> String {
    let list = checklist(g, w);
    let row = model::checklist_item(
        &g.stamp_ms(1_200, 900),
        "Check DNS records",
        65535.0,
        &list,
        &w.created_by,
    );
    w.put(row)
}

fn custom_field(g: &mut Gen, w: &mut World) -> String {
    let def = model::FieldDef {
        name: "Stage",
        kind: "TEXT_SINGLE",
        description: Some("Where the record is in review"),
        position: 65535.0,
    };
    let row = model::custom_field(&g.stamp_ms(5_000, 4_000), &def, &w.project, &w.created_by);
    w.put(row)
}

fn tag(g: &mut Gen, w: &mut World) -> String {
    let row = model::tag(&g.stamp_ms(8_000, 7_000), "urgent", "#f44336", &w.project);
    w.put(row)
}

fn comment(g: &mut Gen, w: &mut World) -> String {
    let todo = record(g, w);
    let s = g.stamp_ms(3_000, 2_500);
    let row = model::comment(&s, "<p>Ship it on Monday?</p>", "Ship it on Monday?", &todo, &w.user);
    w.put(row)
}

/// Deterministic ids and times (splitmix64).
struct Gen {
    state: u64,
    now: SystemTime,
    counter: u32,
}

impl Gen {
    fn new(opts: &SampleOptions) -> Self {
        Gen { state: opts.seed ^ 0x9E37_79B9_7F4A_7C15, now: opts.now, counter: 0 }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A cuid-like id: "c", 8 base-36 time digits, 4 counter digits, 12 random digits.
    fn id(&mut self) -> String {
        let millis = self.now.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default();
        self.counter += 1;
        let mut s = String::with_capacity(25);
        s.push('c');
        push_base36(&mut s, millis.as_millis() as u64, 8);
        push_base36(&mut s, u64::from(self.counter), 4);
        let r = self.next();
        push_base36(&mut s, r, 12);
        s
    }

    /// Ids and times for a row created `created` days and updated `updated` days ago.
    fn stamp(&mut self, created: u64, updated: u64) -> Stamp {
        self.stamp_ms(created * DAY_MS, updated * DAY_MS)
    }

    /// Ids and times for a row created and updated these many milliseconds ago.
    fn stamp_ms(&mut self, created: u64, updated: u64) -> Stamp {
        let (id, uid) = (self.id(), self.uid());
        Stamp { id, uid, created_at: self.time(created), updated_at: self.time(updated) }
    }

    /// A 32-hex-digit uid.
    fn uid(&mut self) -> String {
        format!("{:016x}{:016x}", self.next(), self.next())
    }

    /// An ISO-8601 time `ago_ms` (plus under 200 ms of jitter) before now, so two times
    /// asked for with offsets more than 200 ms apart keep their order.
    fn time(&mut self, ago_ms: u64) -> String {
        let jitter = if ago_ms == 0 { 0 } else { self.next() % 200 };
        let t = self.now.checked_sub(Duration::from_millis(ago_ms + jitter)).unwrap_or(self.now);
        humantime::format_rfc3339_millis(t).to_string()
    }

    /// An ISO-8601 time `ahead_ms` after now, on the hour.
    fn time_ahead(&mut self, ahead_ms: u64) -> String {
        let t = self.now + Duration::from_millis(ahead_ms);
        let secs = t.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_secs();
        let on_hour = SystemTime::UNIX_EPOCH + Duration::from_secs(secs - secs % 3600);
        humantime::format_rfc3339_millis(on_hour).to_string()
    }
}

fn push_base36(out: &mut String, mut n: u64, width: usize) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = vec![b'0'; width];
    for slot in buf.iter_mut().rev() {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    out.push_str(std::str::from_utf8(&buf).expect("ASCII digits"));
}

#[cfg(test)]
mod tests;

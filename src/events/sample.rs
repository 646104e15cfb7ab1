//! Sample delivery bodies in Blue's exact shape:
//! `{"event", "webhook", "previousValue", "currentValue"}`.
//!
//! The record (TODO_*) shape follows a real TODO_CREATED capture field by field; the other
//! entities get plausible shapes of their own. Ids and times come from a seeded generator, so
//! one seed always gives the same body.

use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

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
    let world = World::new(&mut g, opts);
    let mut body = serde_json::Map::new();
    body.insert("event".into(), json!(event.name));
    body.insert("webhook".into(), world.webhook(&mut g, event, &opts.url));
    if event.group != Group::Delivery {
        let (previous, current) = values(event.name, &mut g, &world);
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
fn values(name: &str, g: &mut Gen, w: &World) -> (Value, Value) {
    let entity = match name {
        n if n.starts_with("TODO_CHECKLIST_ITEM_") => checklist_item(g, w),
        n if n.starts_with("TODO_CHECKLIST_") => checklist(g, w),
        n if n.starts_with("TODO_LIST_") => w.list.clone(),
        n if n.starts_with("TODO_") => record(g, w),
        n if n.starts_with("CUSTOM_FIELD_") => custom_field(g, w),
        n if n.starts_with("TAG_") => tag(g, w),
        _ => comment(g, w),
    };
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
fn change(name: &str, g: &mut Gen, w: &World, before: &mut Value, after: &mut Value) {
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
            with[key] = json!([w.user]);
            without[key] = json!([]);
        }
        n if n.contains("TAG_ADDED") || n.contains("TAG_REMOVED") => {
            let t = json!({"id": g.id(), "todoId": before["id"], "tag": tag(g, w)});
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

/// The rows every entity of one delivery shares: company, project, list, user.
struct World {
    company: Value,
    project: Value,
    list: Value,
    user: Value,
    created_by: String,
}

impl World {
    fn new(g: &mut Gen, opts: &SampleOptions) -> Self {
        let created_by = g.id();
        let company_id = g.id();
        let company = company(g, &company_id);
        let project_id = opts.project.clone().unwrap_or_else(|| g.id());
        let project = json!({
            "id": project_id, "uid": g.uid(), "slug": "website-relaunch",
            "name": "Website Relaunch", "description": "", "archived": false,
            "createdAt": g.time(90 * DAY_MS), "updatedAt": g.time(89 * DAY_MS),
            "isTemplate": false, "isOfficialTemplate": false, "category": "GENERAL",
            "companyId": company_id, "imageId": null, "hideEmailFromRoles": null,
            "company": company,
        });
        let list = list_value(g, &project, &created_by, "In Progress", 131070);
        let user = json!({
            "id": g.id(), "uid": g.uid(), "firstName": "Ada", "lastName": "Lovelace",
            "fullName": "Ada Lovelace", "email": "ada@example.com", "image": null,
        });
        World { company: project["company"].clone(), project, list, user, created_by }
    }

    fn other_list(&self, g: &mut Gen) -> Value {
        list_value(g, &self.project, &self.created_by, "Backlog", 65535)
    }

    fn webhook(&self, g: &mut Gen, event: &Event, url: &str) -> Value {
        let events: Vec<&str> = if event.subscribable { vec![event.name] } else { vec![] };
        json!({
            "id": g.id(), "uid": g.uid(), "name": "bluehook sample", "url": url,
            "secret": "", "status": "HEALTHY", "enabled": true,
            "metadata": {"events": events, "projectIds": [self.project["id"]]},
            "createdById": self.created_by,
            "createdAt": g.time(30 * DAY_MS), "updatedAt": g.time(29 * DAY_MS),
        })
    }
}

fn company(g: &mut Gen, id: &str) -> Value {
    json!({
        "id": id, "uid": g.uid(), "slug": "acme", "name": "Acme", "description": null,
        "createdAt": g.time(400 * DAY_MS), "updatedAt": g.time(399 * DAY_MS),
        "freeTrialExpiredAt": g.time(386 * DAY_MS), "freeTrialStartedAt": g.time(400 * DAY_MS),
        "subscribedAt": g.time(390 * DAY_MS), "imageId": null,
        "subscriptionPlanId": g.id(), "freeTrialExtendedById": null,
        "freeTrialExtendedAt": null,
    })
}

fn list_value(g: &mut Gen, project: &Value, created_by: &str, title: &str, pos: u32) -> Value {
    json!({
        "id": g.id(), "uid": g.uid(),
        "createdAt": g.time(60 * DAY_MS), "updatedAt": g.time(59 * DAY_MS),
        "title": title, "position": pos, "createdById": created_by,
        "projectId": project["id"], "project": project,
    })
}

/// A record, as in Blue's TODO_CREATED capture (position is a string here).
fn record(g: &mut Gen, w: &World) -> Value {
    let field_id = g.id();
    json!({
        "id": g.id(), "uid": g.uid(), "title": "Prepare launch checklist",
        "html": "<p>Everything marketing needs before go-live.</p>",
        "text": "Everything marketing needs before go-live.",
        "position": "32767.5", "archived": false, "done": false,
        "startedAt": null, "duedAt": null, "timezone": null,
        "createdAt": g.time(1_000), "updatedAt": g.time(759),
        "createdById": w.created_by, "todoListId": w.list["id"],
        "todoCustomFields": [{
            "id": g.id(), "customFieldId": field_id, "value": "In review",
            "customField": {"id": field_id, "name": "Stage", "type": "TEXT_SINGLE"},
        }],
        "todoUsers": [], "todoTags": [], "todoList": w.list,
    })
}

fn short_record(g: &mut Gen, w: &World) -> Value {
    json!({
        "id": g.id(), "uid": g.uid(), "title": "Prepare launch checklist",
        "todoListId": w.list["id"], "todoList": w.list,
    })
}

fn checklist(g: &mut Gen, w: &World) -> Value {
    let todo = short_record(g, w);
    json!({
        "id": g.id(), "uid": g.uid(), "title": "Go-live", "position": 65535,
        "todoId": todo["id"], "createdById": w.created_by,
        "createdAt": g.time(2_000), "updatedAt": g.time(1_500), "todo": todo,
    })
}

fn checklist_item(g: &mut Gen, w: &World) -> Value {
    let list = checklist(g, w);
    json!({
        "id": g.id(), "uid": g.uid(), "title": "Check DNS records", "position": 65535,
        "done": false, "startedAt": null, "duedAt": null,
        "checklistId": list["id"], "createdById": w.created_by,
        "createdAt": g.time(1_200), "updatedAt": g.time(900),
        "checklistItemUsers": [], "checklist": list,
    })
}

fn custom_field(g: &mut Gen, w: &World) -> Value {
    json!({
        "id": g.id(), "uid": g.uid(), "name": "Stage", "type": "TEXT_SINGLE",
        "position": 65535, "description": "Where the record is in review",
        "projectId": w.project["id"], "createdById": w.created_by,
        "createdAt": g.time(5_000), "updatedAt": g.time(4_000), "project": w.project,
    })
}

fn tag(g: &mut Gen, w: &World) -> Value {
    json!({
        "id": g.id(), "uid": g.uid(), "title": "urgent", "color": "#f44336",
        "projectId": w.project["id"], "createdAt": g.time(8_000), "updatedAt": g.time(7_000),
        "project": w.project,
    })
}

fn comment(g: &mut Gen, w: &World) -> Value {
    let todo = short_record(g, w);
    json!({
        "id": g.id(), "uid": g.uid(),
        "html": "<p>Ship it on Monday?</p>", "text": "Ship it on Monday?",
        "category": "TODO", "categoryId": todo["id"], "createdById": w.created_by,
        "createdAt": g.time(3_000), "updatedAt": g.time(2_500), "deletedAt": null,
        "user": w.user, "todo": todo, "project": w.project, "company": w.company,
    })
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

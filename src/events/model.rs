//! One model of Blue's entities, in the shape Blue's deliveries carry them (field names and
//! order as in a real TODO_CREATED capture). Rows are flat: relations are ids. [`expand`]
//! attaches the related rows the way `currentValue` shows them (a record with its list, the
//! list with its project, the project with its company).
//!
//! `send-sample` builds its samples from these rows; the sandbox stores them and expands them
//! from its database. Pure: no I/O.

use serde_json::{Value, json};

/// The kinds of rows, as the sandbox stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Company,
    Project,
    User,
    List,
    Record,
    Checklist,
    ChecklistItem,
    CustomField,
    Tag,
    Comment,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Company,
        Kind::Project,
        Kind::User,
        Kind::List,
        Kind::Record,
        Kind::Checklist,
        Kind::ChecklistItem,
        Kind::CustomField,
        Kind::Tag,
        Kind::Comment,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Company => "company",
            Kind::Project => "project",
            Kind::User => "user",
            Kind::List => "list",
            Kind::Record => "record",
            Kind::Checklist => "checklist",
            Kind::ChecklistItem => "checklist_item",
            Kind::CustomField => "custom_field",
            Kind::Tag => "tag",
            Kind::Comment => "comment",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The kind of entity an event is about.
    pub fn of_event(event: &str) -> Kind {
        match event {
            n if n.starts_with("TODO_CHECKLIST_ITEM_") => Kind::ChecklistItem,
            n if n.starts_with("TODO_CHECKLIST_") => Kind::Checklist,
            n if n.starts_with("TODO_LIST_") => Kind::List,
            n if n.starts_with("TODO_") => Kind::Record,
            n if n.starts_with("CUSTOM_FIELD_") => Kind::CustomField,
            n if n.starts_with("TAG_") => Kind::Tag,
            _ => Kind::Comment,
        }
    }
}

/// What every row starts with: its ids and times (ISO-8601, milliseconds, `Z`).
#[derive(Debug, Clone)]
pub struct Stamp {
    pub id: String,
    pub uid: String,
    pub created_at: String,
    pub updated_at: String,
}

pub fn company(s: &Stamp, slug: &str, name: &str, plan_id: &str) -> Value {
    json!({
        "id": s.id, "uid": s.uid, "slug": slug, "name": name, "description": null,
        "createdAt": s.created_at, "updatedAt": s.updated_at,
        "freeTrialExpiredAt": s.updated_at, "freeTrialStartedAt": s.created_at,
        "subscribedAt": s.updated_at, "imageId": null,
        "subscriptionPlanId": plan_id, "freeTrialExtendedById": null,
        "freeTrialExtendedAt": null,
    })
}

pub fn project(s: &Stamp, slug: &str, name: &str, company_id: &str) -> Value {
    json!({
        "id": s.id, "uid": s.uid, "slug": slug, "name": name, "description": "",
        "archived": false, "createdAt": s.created_at, "updatedAt": s.updated_at,
        "isTemplate": false, "isOfficialTemplate": false, "category": "GENERAL",
        "companyId": company_id, "imageId": null, "hideEmailFromRoles": null,
    })
}

/// A user; `full_name` is split at its first space into first and last name.
pub fn user(s: &Stamp, full_name: &str, email: &str) -> Value {
    let (first, last) = full_name.split_once(' ').unwrap_or((full_name, ""));
    json!({
        "id": s.id, "uid": s.uid, "firstName": first, "lastName": last,
        "fullName": full_name, "email": email, "image": null,
    })
}

/// A list; its position is a number (a record's is a string).
pub fn list(s: &Stamp, title: &str, position: f64, created_by: &str, project_id: &str) -> Value {
    json!({
        "id": s.id, "uid": s.uid, "createdAt": s.created_at, "updatedAt": s.updated_at,
        "title": title, "position": number(position), "createdById": created_by,
        "projectId": project_id,
    })
}

/// A record (a "todo"), with no custom field values, assignees or tags yet.
pub fn record(s: &Stamp, title: &str, position: f64, created_by: &str, list_id: &str) -> Value {
    json!({
        "id": s.id, "uid": s.uid, "title": title, "html": null, "text": null,
        "position": position.to_string(), "archived": false, "done": false,
        "startedAt": null, "duedAt": null, "timezone": null,
        "createdAt": s.created_at, "updatedAt": s.updated_at,
        "createdById": created_by, "todoListId": list_id,
        "todoCustomFields": [], "todoUsers": [], "todoTags": [],
    })
}

pub fn checklist(s: &Stamp, title: &str, position: f64, todo_id: &str, created_by: &str) -> Value {
    json!({
        "id": s.id, "uid": s.uid, "title": title, "position": number(position),
        "todoId": todo_id, "createdById": created_by,
        "createdAt": s.created_at, "updatedAt": s.updated_at,
    })
}

pub fn checklist_item(s: &Stamp, title: &str, position: f64, list_id: &str, by: &str) -> Value {
    json!({
        "id": s.id, "uid": s.uid, "title": title, "position": number(position),
        "done": false, "startedAt": null, "duedAt": null,
        "checklistId": list_id, "createdById": by,
        "createdAt": s.created_at, "updatedAt": s.updated_at,
        "checklistItemUsers": [],
    })
}

/// A custom field definition.
pub struct FieldDef<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub description: Option<&'a str>,
    pub position: f64,
}

pub fn custom_field(s: &Stamp, def: &FieldDef, project_id: &str, created_by: &str) -> Value {
    json!({
        "id": s.id, "uid": s.uid, "name": def.name, "type": def.kind,
        "position": number(def.position), "description": def.description,
        "projectId": project_id, "createdById": created_by,
        "createdAt": s.created_at, "updatedAt": s.updated_at,
    })
}

pub fn tag(s: &Stamp, title: &str, color: &str, project_id: &str) -> Value {
    json!({
        "id": s.id, "uid": s.uid, "title": title, "color": color, "projectId": project_id,
        "createdAt": s.created_at, "updatedAt": s.updated_at,
    })
}

/// A comment on a record.
pub fn comment(s: &Stamp, html: &str, text: &str, todo_id: &str, created_by: &str) -> Value {
    json!({
        "id": s.id, "uid": s.uid, "html": html, "text": text,
        "category": "TODO", "categoryId": todo_id, "createdById": created_by,
        "createdAt": s.created_at, "updatedAt": s.updated_at, "deletedAt": null,
    })
}

/// A record's value of one custom field, as `todoCustomFields` holds it.
pub fn field_value(id: &str, field: &Value, value: Value) -> Value {
    json!({
        "id": id, "customFieldId": field["id"], "value": value,
        "customField": {"id": field["id"], "name": field["name"], "type": field["type"]},
    })
}

/// A tag on a record, as `todoTags` holds it.
pub fn record_tag(id: &str, todo_id: &str, tag: Value) -> Value {
    json!({"id": id, "todoId": todo_id, "tag": tag})
}

/// The webhook as a delivery carries it: the secret is always "".
pub struct HookView<'a> {
    pub stamp: &'a Stamp,
    pub name: Option<&'a str>,
    pub url: &'a str,
    pub status: &'a str,
    pub enabled: bool,
    pub events: &'a [String],
    pub project_ids: &'a [String],
    pub created_by: &'a str,
}

pub fn webhook(h: &HookView) -> Value {
    let s = h.stamp;
    json!({
        "id": s.id, "uid": s.uid, "name": h.name, "url": h.url, "secret": "",
        "status": h.status, "enabled": h.enabled,
        "metadata": {"events": h.events, "projectIds": h.project_ids},
        "createdById": h.created_by, "createdAt": s.created_at, "updatedAt": s.updated_at,
    })
}

/// A row with its related rows attached, as deliveries show it. `rows` finds a row by id.
pub fn expand(kind: Kind, row: &Value, rows: &dyn Fn(&str) -> Option<Value>) -> Value {
    let get = |key: &str| row[key].as_str().and_then(rows);
    let mut out = row.clone();
    let mut attach = |key: &str, v: Option<Value>| {
        out[key] = v.unwrap_or(Value::Null);
    };
    match kind {
        Kind::Project => attach("company", get("companyId")),
        Kind::List => attach("project", get("projectId").map(|p| expand(Kind::Project, &p, rows))),
        Kind::Record => attach("todoList", get("todoListId").map(|l| expand(Kind::List, &l, rows))),
        Kind::Checklist => attach("todo", get("todoId").map(|t| short_record(&t, rows))),
        Kind::ChecklistItem => {
            attach("checklist", get("checklistId").map(|c| expand(Kind::Checklist, &c, rows)))
        }
        Kind::CustomField | Kind::Tag => {
            attach("project", get("projectId").map(|p| expand(Kind::Project, &p, rows)))
        }
        Kind::Comment => {
            let todo = get("categoryId").map(|t| short_record(&t, rows));
            let project = todo.as_ref().map(|t| t["todoList"]["project"].clone());
            let company = project.as_ref().map(|p| p["company"].clone());
            attach("user", get("createdById"));
            attach("todo", todo);
            attach("project", project);
            attach("company", company);
        }
        Kind::Company | Kind::User => {}
    }
    out
}

/// A record as other entities embed it: ids, title and its list.
fn short_record(row: &Value, rows: &dyn Fn(&str) -> Option<Value>) -> Value {
    let list = row["todoListId"].as_str().and_then(rows).map(|l| expand(Kind::List, &l, rows));
    json!({
        "id": row["id"], "uid": row["uid"], "title": row["title"],
        "todoListId": row["todoListId"], "todoList": list,
    })
}

/// The project (workspace) an expanded entity belongs to, for webhook filters.
pub fn project_of(kind: Kind, v: &Value) -> Option<String> {
    let p = match kind {
        Kind::Project => &v["id"],
        Kind::List | Kind::CustomField | Kind::Tag => &v["projectId"],
        Kind::Record => &v["todoList"]["projectId"],
        Kind::Checklist => &v["todo"]["todoList"]["projectId"],
        Kind::ChecklistItem => &v["checklist"]["todo"]["todoList"]["projectId"],
        Kind::Comment => &v["project"]["id"],
        Kind::Company | Kind::User => &Value::Null,
    };
    p.as_str().map(String::from)
}

/// Whole numbers as JSON integers (Blue's list positions are `131070`, not `131070.0`).
fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 { json!(x as i64) } else { json!(x) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn stamp(id: &str) -> Stamp {
        let t = "2025-06-02T09:30:00.000Z".to_string();
        Stamp { id: id.into(), uid: format!("u{id}"), created_at: t.clone(), updated_at: t }
    }

    #[test]
    fn a_comment_expands_to_its_record_list_project_and_company() {
        let rows: HashMap<String, Value> = [
            ("c", company(&stamp("c"), "acme", "Acme", "plan")),
            ("p", project(&stamp("p"), "web", "Web", "c")),
            ("l", list(&stamp("l"), "Doing", 65535.0, "u", "p")),
            ("r", record(&stamp("r"), "Ship", 1.5, "u", "l")),
            ("u", user(&stamp("u"), "Ada Lovelace", "ada@example.com")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let find = |id: &str| rows.get(id).cloned();
        let c = expand(Kind::Comment, &comment(&stamp("m"), "<p>x</p>", "x", "r", "u"), &find);
        assert_eq!(c["todo"]["todoList"]["project"]["company"]["slug"], "acme");
        assert_eq!(c["project"]["id"], "p");
        assert_eq!(c["user"]["lastName"], "Lovelace");
        assert_eq!(project_of(Kind::Comment, &c).as_deref(), Some("p"));
        let r = expand(Kind::Record, &rows["r"], &find);
        assert_eq!(r["position"], "1.5");
        assert_eq!(r["todoList"]["position"], 65535);
        assert_eq!(project_of(Kind::Record, &r).as_deref(), Some("p"));
    }

    #[test]
    fn events_name_their_entity() {
        assert_eq!(Kind::of_event("TODO_CHECKLIST_ITEM_DELETED"), Kind::ChecklistItem);
        assert_eq!(Kind::of_event("TODO_LIST_CREATED"), Kind::List);
        assert_eq!(Kind::of_event("TODO_TAG_ADDED"), Kind::Record);
        assert_eq!(Kind::of_event("COMMENT_UPDATED"), Kind::Comment);
        assert_eq!(Kind::from_name("custom_field"), Some(Kind::CustomField));
    }
}

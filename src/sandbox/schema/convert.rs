//! Stored rows (the entity model's JSON) to the GraphQL types.

use async_graphql::ID;
use serde_json::Value;

use super::types::*;

fn s(v: &Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().to_string()
}

fn os(v: &Value, k: &str) -> Option<String> {
    v[k].as_str().map(String::from)
}

fn t(v: &Value, k: &str) -> DateTime {
    DateTime(s(v, k))
}

fn ot(v: &Value, k: &str) -> Option<DateTime> {
    os(v, k).map(DateTime)
}

/// A number, also from a string (a record's position is one).
fn f(v: &Value, k: &str) -> f64 {
    v[k].as_f64().or_else(|| v[k].as_str().and_then(|x| x.parse().ok())).unwrap_or_default()
}

fn b(v: &Value, k: &str) -> bool {
    v[k].as_bool().unwrap_or_default()
}

fn id(v: &Value) -> ID {
    ID(s(v, "id"))
}

fn parse<T: serde::de::DeserializeOwned>(v: &Value, default: T) -> T {
    serde_json::from_value(v.clone()).unwrap_or(default)
}

pub fn company(v: &Value) -> Company {
    Company {
        id: id(v),
        uid: s(v, "uid"),
        name: s(v, "name"),
        slug: s(v, "slug"),
        description: os(v, "description"),
        created_at: t(v, "createdAt"),
        updated_at: t(v, "updatedAt"),
    }
}

pub fn user(v: &Value) -> User {
    User {
        id: id(v),
        uid: s(v, "uid"),
        email: s(v, "email"),
        first_name: s(v, "firstName"),
        last_name: s(v, "lastName"),
        full_name: s(v, "fullName"),
    }
}

pub fn project(v: &Value) -> Project {
    Project {
        id: id(v),
        uid: s(v, "uid"),
        slug: s(v, "slug"),
        name: s(v, "name"),
        description: os(v, "description"),
        archived: v["archived"].as_bool(),
        created_at: t(v, "createdAt"),
        updated_at: t(v, "updatedAt"),
    }
}

pub fn list(v: &Value) -> TodoList {
    TodoList {
        id: id(v),
        uid: s(v, "uid"),
        position: f(v, "position"),
        title: s(v, "title"),
        is_disabled: false,
        is_locked: Some(false),
        completed: Some(false),
        editable: Some(true),
        deletable: Some(true),
        created_at: t(v, "createdAt"),
        updated_at: t(v, "updatedAt"),
    }
}

pub fn todo(v: &Value) -> Todo {
    Todo {
        list_id: s(v, "todoListId"),
        user_rows: v["todoUsers"].as_array().cloned().unwrap_or_default(),
        tag_rows: v["todoTags"].as_array().cloned().unwrap_or_default(),
        color: os(v, "color"),
        id: id(v),
        uid: s(v, "uid"),
        position: f(v, "position"),
        title: s(v, "title"),
        text: s(v, "text"),
        html: s(v, "html"),
        started_at: ot(v, "startedAt"),
        dued_at: ot(v, "duedAt"),
        timezone: os(v, "timezone"),
        created_at: t(v, "createdAt"),
        updated_at: t(v, "updatedAt"),
        archived: b(v, "archived"),
        done: b(v, "done"),
    }
}

pub fn checklist(v: &Value) -> Checklist {
    Checklist {
        created_by: s(v, "createdById"),
        id: id(v),
        title: s(v, "title"),
        position: f(v, "position"),
        created_at: t(v, "createdAt"),
        updated_at: t(v, "updatedAt"),
        uid: s(v, "uid"),
    }
}

pub fn checklist_item(v: &Value) -> ChecklistItem {
    ChecklistItem {
        created_by: s(v, "createdById"),
        id: id(v),
        title: s(v, "title"),
        position: f(v, "position"),
        done: b(v, "done"),
        started_at: ot(v, "startedAt"),
        dued_at: ot(v, "duedAt"),
        created_at: t(v, "createdAt"),
        updated_at: t(v, "updatedAt"),
        uid: s(v, "uid"),
    }
}

pub fn tag(v: &Value) -> Tag {
    Tag {
        id: id(v),
        uid: s(v, "uid"),
        title: s(v, "title"),
        color: s(v, "color"),
        created_at: t(v, "createdAt"),
        updated_at: t(v, "updatedAt"),
    }
}

pub fn custom_field(v: &Value) -> CustomField {
    CustomField {
        id: id(v),
        uid: s(v, "uid"),
        name: s(v, "name"),
        kind: parse(&v["type"], CustomFieldType::TextSingle),
        position: f(v, "position"),
        description: os(v, "description"),
        created_at: t(v, "createdAt"),
        updated_at: t(v, "updatedAt"),
    }
}

pub fn comment(v: &Value) -> Comment {
    Comment {
        created_by: s(v, "createdById"),
        id: id(v),
        uid: s(v, "uid"),
        html: s(v, "html"),
        text: s(v, "text"),
        category: parse(&v["category"], CommentCategory::Todo),
        created_at: t(v, "createdAt"),
        updated_at: t(v, "updatedAt"),
        deleted_at: ot(v, "deletedAt"),
    }
}

/// A stored webhook's GraphQL fields; `secret` is null except right after creation.
pub fn webhook(v: &Value, secret: Option<String>) -> Webhook {
    let mut w: Webhook = serde_json::from_value(v.clone()).expect("stored webhooks are valid");
    w.secret = secret;
    w
}

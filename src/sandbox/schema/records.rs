//! Record ("todo") mutations and the TODO_* events they emit.

use async_graphql::{Context, Object, Result};
use serde_json::{Value, json};

use super::inputs::*;
use super::types::*;
use super::{app, caller, change, convert, create, internal, load, project_of, remove, row_id};
use crate::events::model::{self, Kind};
use crate::sandbox::App;
use crate::sandbox::store;

#[derive(Default)]
pub struct RecordMutation;

#[Object]
impl RecordMutation {
    async fn create_todo(&self, ctx: &Context<'_>, input: CreateTodoInput) -> Result<Todo> {
        let (app, who) = (app(ctx), caller(ctx)?);
        let list_id = match input.todo_list_id {
            Some(id) => row_id(&load(app, Kind::List, &id)?),
            None => first_list(app, &row_id(&project_of(app, who)?))?,
        };
        let position = input.position.unwrap_or(65535.0);
        let mut row = model::record(&store::stamp(), &input.title, position, &who.user, &list_id);
        if let Some(d) = input.description {
            row["text"] = json!(d);
            row["html"] = json!(format!("<p>{}</p>", escape(&d)));
        }
        row["duedAt"] = json!(input.dued_at.map(|d| d.0));
        row["startedAt"] = json!(input.started_at.map(|d| d.0));
        for id in input.assignee_ids.unwrap_or_default() {
            let user = load(app, Kind::User, &id)?;
            row["todoUsers"].as_array_mut().expect("an array").push(user);
        }
        Ok(convert::todo(&create(app, Kind::Record, row, "TODO_CREATED")?))
    }

    async fn delete_todo(
        &self,
        ctx: &Context<'_>,
        input: DeleteTodoInput,
    ) -> Result<MutationResult> {
        caller(ctx)?;
        remove(app(ctx), Kind::Record, &input.todo_id, "TODO_DELETED")?;
        Ok(MutationResult::ok())
    }

    /// Edits a record: one event per change, as Blue emits them (moved, renamed, due date).
    async fn edit_todo(&self, ctx: &Context<'_>, input: EditTodoInput) -> Result<Todo> {
        let app = app(ctx);
        caller(ctx)?;
        let id = input.todo_id.as_str();
        let mut row = load(app, Kind::Record, id)?;
        if let Some(list) = &input.todo_list_id {
            load(app, Kind::List, list)?;
            row = change(app, Kind::Record, id, |r| {
                let moved = r["todoListId"] != list.as_str();
                r["todoListId"] = json!(list);
                Ok(moved.then_some("TODO_MOVED"))
            })?;
        }
        if let Some(title) = &input.title {
            row = change(app, Kind::Record, id, |r| {
                let changed = r["title"] != title.as_str();
                r["title"] = json!(title);
                Ok(changed.then_some("TODO_NAME_CHANGED"))
            })?;
        }
        if let Some(due) = &input.dued_at {
            row = change(app, Kind::Record, id, |r| {
                let event = due_event(&r["duedAt"], Some(due), "TODO_DUE_DATE");
                r["duedAt"] = json!(due.0);
                Ok(event)
            })?;
        }
        // What Blue sends no webhook event for.
        let quiet = [
            ("position", input.position.map(|p| json!(p.to_string()))),
            ("html", input.html.map(|v| json!(v))),
            ("text", input.text.map(|v| json!(v))),
            ("startedAt", input.started_at.map(|v| json!(v.0))),
            ("color", input.color.map(|v| json!(v))),
            ("cover", input.cover.map(|v| json!(v))),
        ];
        let mut touched = false;
        for (key, value) in quiet {
            if let Some(v) = value {
                row[key] = v;
                touched = true;
            }
        }
        if touched {
            row["updatedAt"] = json!(store::now_iso());
            app.store.put(Kind::Record, &row).map_err(internal)?;
        }
        Ok(convert::todo(&row))
    }

    /// Changes the records a filter picks, each emitting its own events.
    async fn update_todos(&self, ctx: &Context<'_>, input: UpdateTodosInput) -> Result<bool> {
        let app = app(ctx);
        caller(ctx)?;
        if let Some(list) = &input.todo_list_id {
            load(app, Kind::List, list)?;
        }
        let filter =
            input.filter.unwrap_or(UpdateTodosInputFilter { todo_list_id: None, todo_ids: None });
        let all = app.store.all(Kind::Record).map_err(internal)?;
        let picked = all.iter().filter(|r| {
            filter.todo_ids.as_ref().is_none_or(|ids| ids.iter().any(|i| r["id"] == i.as_str()))
                && filter.todo_list_id.as_ref().is_none_or(|l| r["todoListId"] == l.as_str())
        });
        for id in picked.map(row_id).collect::<Vec<_>>() {
            if let Some(list) = &input.todo_list_id {
                change(app, Kind::Record, &id, |r| {
                    let moved = r["todoListId"] != list.as_str();
                    r["todoListId"] = json!(list);
                    Ok(moved.then_some("TODO_MOVED"))
                })?;
            }
            if let Some(done) = input.done {
                change(app, Kind::Record, &id, |r| {
                    let changed = r["done"] != done;
                    r["done"] = json!(done);
                    Ok(changed.then_some("TODO_DONE_STATUS_UPDATED"))
                })?;
            }
            if let Some(due) = &input.dued_at {
                change(app, Kind::Record, &id, |r| {
                    let event = due_event(&r["duedAt"], Some(due), "TODO_DUE_DATE");
                    r["duedAt"] = json!(due.0);
                    Ok(event)
                })?;
            }
        }
        Ok(true)
    }

    async fn move_todo(&self, ctx: &Context<'_>, input: MoveTodoInput) -> Result<bool> {
        let app = app(ctx);
        caller(ctx)?;
        load(app, Kind::List, &input.todo_list_id)?;
        change(app, Kind::Record, &input.todo_id, |r| {
            if r["todoListId"] == input.todo_list_id.as_str() {
                return Ok(None);
            }
            r["todoListId"] = json!(input.todo_list_id);
            Ok(Some("TODO_MOVED"))
        })?;
        Ok(true)
    }

    async fn update_todo_title(
        &self,
        ctx: &Context<'_>,
        todo_id: String,
        title: String,
    ) -> Result<Todo> {
        caller(ctx)?;
        let row = change(app(ctx), Kind::Record, &todo_id, |r| {
            let changed = r["title"] != title.as_str();
            r["title"] = json!(title);
            Ok(changed.then_some("TODO_NAME_CHANGED"))
        })?;
        Ok(convert::todo(&row))
    }

    /// Toggles the record's done status.
    async fn update_todo_done_status(&self, ctx: &Context<'_>, todo_id: String) -> Result<Todo> {
        caller(ctx)?;
        let row = change(app(ctx), Kind::Record, &todo_id, |r| {
            r["done"] = json!(r["done"] != true);
            Ok(Some("TODO_DONE_STATUS_UPDATED"))
        })?;
        Ok(convert::todo(&row))
    }

    async fn update_todo_due_date(
        &self,
        ctx: &Context<'_>,
        todo_id: String,
        started_at: Option<DateTime>,
        dued_at: Option<DateTime>,
        timezone: Option<String>,
    ) -> Result<Todo> {
        caller(ctx)?;
        let row = change(app(ctx), Kind::Record, &todo_id, |r| {
            let event = due_event(&r["duedAt"], dued_at.as_ref(), "TODO_DUE_DATE");
            r["duedAt"] = json!(dued_at.map(|d| d.0));
            r["startedAt"] = json!(started_at.map(|d| d.0));
            r["timezone"] = json!(timezone);
            Ok(event)
        })?;
        Ok(convert::todo(&row))
    }

    /// Replaces the record's assignees: one TODO_ASSIGNEE_REMOVED per user dropped, then one
    /// TODO_ASSIGNEE_ADDED per user added.
    async fn set_todo_assignees(
        &self,
        ctx: &Context<'_>,
        input: SetTodoAssigneesInput,
    ) -> Result<MutationResult> {
        caller(ctx)?;
        let app = app(ctx);
        let wanted = users(app, &input.assignee_ids)?;
        let row = load(app, Kind::Record, &input.todo_id)?;
        let current: Vec<String> =
            row["todoUsers"].as_array().into_iter().flatten().map(row_id).collect();
        for gone in current.iter().filter(|id| !input.assignee_ids.contains(id)) {
            change(app, Kind::Record, &input.todo_id, |r| {
                let removed = remove_users(&mut r["todoUsers"], std::slice::from_ref(gone));
                Ok(removed.then_some("TODO_ASSIGNEE_REMOVED"))
            })?;
        }
        for user in wanted.into_iter().filter(|u| !current.contains(&row_id(u))) {
            change(app, Kind::Record, &input.todo_id, |r| {
                Ok(add_users(&mut r["todoUsers"], vec![user]).then_some("TODO_ASSIGNEE_ADDED"))
            })?;
        }
        Ok(MutationResult::ok())
    }

    async fn add_todo_assignees(
        &self,
        ctx: &Context<'_>,
        input: AddTodoAssigneesInput,
    ) -> Result<MutationResult> {
        caller(ctx)?;
        let app = app(ctx);
        let users = users(app, &input.assignee_ids)?;
        change(app, Kind::Record, &input.todo_id, |r| {
            Ok(add_users(&mut r["todoUsers"], users).then_some("TODO_ASSIGNEE_ADDED"))
        })?;
        Ok(MutationResult::ok())
    }

    async fn remove_todo_assignees(
        &self,
        ctx: &Context<'_>,
        input: RemoveTodoAssigneesInput,
    ) -> Result<MutationResult> {
        caller(ctx)?;
        change(app(ctx), Kind::Record, &input.todo_id, |r| {
            Ok(remove_users(&mut r["todoUsers"], &input.assignee_ids)
                .then_some("TODO_ASSIGNEE_REMOVED"))
        })?;
        Ok(MutationResult::ok())
    }

    /// Replaces the record's tags; emits TODO_TAG_ADDED and/or TODO_TAG_REMOVED.
    async fn set_todo_tags(&self, ctx: &Context<'_>, input: SetTodoTagsInput) -> Result<bool> {
        let (app, who) = (app(ctx), caller(ctx)?);
        let before = load(app, Kind::Record, &input.todo_id)?;
        let mut tags = Vec::new();
        for id in input.tag_ids.unwrap_or_default() {
            tags.push(load(app, Kind::Tag, &id)?);
        }
        for title in input.tag_titles.unwrap_or_default() {
            tags.push(tag_titled(app, who, &title)?);
        }
        let ids = |v: &Value| -> Vec<Value> {
            v["todoTags"].as_array().into_iter().flatten().map(|t| t["tag"]["id"].clone()).collect()
        };
        let old = ids(&before);
        let mut after = before.clone();
        after["todoTags"] = json!(
            tags.iter()
                .map(|t| {
                    model::record_tag(&store::new_id(), &input.todo_id, app.expand(Kind::Tag, t))
                })
                .collect::<Vec<_>>()
        );
        after["updatedAt"] = json!(store::now_iso());
        let new = ids(&after);
        app.store.put(Kind::Record, &after).map_err(internal)?;
        if new.iter().any(|t| !old.contains(t)) {
            app.emit("TODO_TAG_ADDED", Kind::Record, Some(&before), Some(&after));
        }
        if old.iter().any(|t| !new.contains(t)) {
            app.emit("TODO_TAG_REMOVED", Kind::Record, Some(&before), Some(&after));
        }
        Ok(true)
    }

    async fn set_todo_custom_field(
        &self,
        ctx: &Context<'_>,
        input: SetTodoCustomFieldInput,
    ) -> Result<bool> {
        caller(ctx)?;
        let app = app(ctx);
        let field = load(app, Kind::CustomField, &input.custom_field_id)?;
        let value = match (&input.text, input.number, input.checked) {
            (Some(t), _, _) => json!(t),
            (None, Some(n), _) => json!(n),
            (None, None, Some(c)) => json!(c),
            _ => Value::Null,
        };
        change(app, Kind::Record, &input.todo_id, |r| {
            let values = r["todoCustomFields"].as_array_mut().expect("an array");
            values.retain(|v| v["customFieldId"] != field["id"]);
            values.push(model::field_value(&store::new_id(), &field, value));
            Ok(Some("TODO_CUSTOM_FIELD_UPDATED"))
        })?;
        Ok(true)
    }
}

/// ADDED, UPDATED or REMOVED for a due date going from `before` to `after` (None if equal).
pub(super) fn due_event(
    before: &Value,
    after: Option<&DateTime>,
    prefix: &str,
) -> Option<&'static str> {
    let event = match (before.as_str(), after) {
        (None, Some(_)) => "ADDED",
        (Some(b), Some(a)) if b != a.0 => "UPDATED",
        (Some(_), None) => "REMOVED",
        _ => return None,
    };
    Some(match (prefix, event) {
        ("TODO_DUE_DATE", "ADDED") => "TODO_DUE_DATE_ADDED",
        ("TODO_DUE_DATE", "UPDATED") => "TODO_DUE_DATE_UPDATED",
        ("TODO_DUE_DATE", _) => "TODO_DUE_DATE_REMOVED",
        (_, "ADDED") => "TODO_CHECKLIST_ITEM_DUE_DATE_ADDED",
        (_, "UPDATED") => "TODO_CHECKLIST_ITEM_DUE_DATE_UPDATED",
        _ => "TODO_CHECKLIST_ITEM_DUE_DATE_REMOVED",
    })
}

pub(super) fn users(app: &App, ids: &[String]) -> Result<Vec<Value>> {
    ids.iter().map(|id| load(app, Kind::User, id)).collect()
}

/// Adds the users not there yet; whether any was added.
pub(super) fn add_users(list: &mut Value, users: Vec<Value>) -> bool {
    let list = list.as_array_mut().expect("an array");
    let before = list.len();
    for u in users {
        if !list.iter().any(|x| x["id"] == u["id"]) {
            list.push(u);
        }
    }
    list.len() > before
}

/// Removes the users with these ids; whether any was removed.
pub(super) fn remove_users(list: &mut Value, ids: &[String]) -> bool {
    let list = list.as_array_mut().expect("an array");
    let before = list.len();
    list.retain(|u| !ids.iter().any(|id| u["id"] == id.as_str()));
    list.len() < before
}

fn first_list(app: &App, project_id: &str) -> Result<String> {
    let lists = app.store.all(Kind::List).map_err(internal)?;
    lists
        .iter()
        .find(|l| l["projectId"] == project_id)
        .map(row_id)
        .ok_or_else(|| super::coded("TODO_LIST_NOT_FOUND", "The project has no list."))
}

/// The tag with this title in the caller's project, created (TAG_CREATED) when missing.
fn tag_titled(app: &App, who: &super::Caller, title: &str) -> Result<Value> {
    let project = row_id(&project_of(app, who)?);
    let tags = app.store.all(Kind::Tag).map_err(internal)?;
    if let Some(t) =
        tags.into_iter().find(|t| t["title"] == title && t["projectId"] == project.as_str())
    {
        return Ok(t);
    }
    let row = model::tag(&store::stamp(), title, "#607d8b", &project);
    create(app, Kind::Tag, row, "TAG_CREATED")
}

pub(super) fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

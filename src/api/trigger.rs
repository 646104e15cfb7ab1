//! Runs the steps of a trigger plan against Blue (or the sandbox), remembering what it created
//! so it can be deleted afterwards, newest first.

use std::collections::BTreeMap;

use anyhow::Context as _;
use serde::Serialize;
use serde_json::{Value, json};

use super::Client;
use super::operations::Operation;
use super::records::*;
use crate::events::triggers::Step::{self, *};

/// Something a trigger created (or deleted).
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub kind: &'static str,
    pub id: String,
    pub operation: &'static str,
}

/// Where a trigger works, and what it made there.
pub struct Session<'a> {
    client: &'a Client,
    pub project: String,
    pub list: String,
    set: BTreeMap<String, String>,
    user: Option<String>,
    pub created: Vec<Entity>,
    pub deleted: Vec<Entity>,
}

/// The keys `--set` accepts.
pub const SET_KEYS: [&str; 5] = ["title", "text", "color", "name", "due"];

impl<'a> Session<'a> {
    pub fn new(
        client: &'a Client,
        project: String,
        list: String,
        set: BTreeMap<String, String>,
    ) -> Self {
        Session { client, project, list, set, user: None, created: vec![], deleted: vec![] }
    }

    fn get(&self, key: &str, default: &str) -> String {
        self.set.get(key).cloned().unwrap_or_else(|| default.to_string())
    }

    /// The newest created entity of `kind`.
    fn last(&self, kind: &str) -> anyhow::Result<String> {
        let e = self.created.iter().rev().find(|e| e.kind == kind);
        e.map(|e| e.id.clone()).with_context(|| format!("no {kind} was created before"))
    }

    async fn me(&mut self) -> anyhow::Result<String> {
        if let Some(u) = &self.user {
            return Ok(u.clone());
        }
        let data = self.client.run(&CURRENT_USER, json!({})).await?;
        let id = data["currentUser"]["id"].as_str().context("no current user id")?.to_string();
        self.user = Some(id.clone());
        Ok(id)
    }

    async fn create(
        &mut self,
        kind: &'static str,
        op: &Operation,
        field: &'static str,
        vars: Value,
    ) -> anyhow::Result<()> {
        let data = self.client.run(op, vars).await?;
        let id = data[field]["id"].as_str().with_context(|| format!("{field} returned no id"))?;
        self.created.push(Entity { kind, id: id.to_string(), operation: field });
        Ok(())
    }

    async fn delete(&mut self, kind: &'static str) -> anyhow::Result<()> {
        let id = self.last(kind)?;
        let (op, field, vars) = deletion(kind, &id, &self.project);
        self.client.run(op, vars).await?;
        let pos = self.created.iter().rposition(|e| e.kind == kind && e.id == id);
        let e = pos.map(|p| self.created.remove(p)).expect("found above");
        self.deleted.push(Entity { operation: field, ..e });
        Ok(())
    }

    /// Runs one step.
    pub async fn step(&mut self, step: Step) -> anyhow::Result<()> {
        match step {
            CreateRecord | CreateChecklist | CreateItem | CreateList | CreateField | CreateTag
            | CreateComment => self.make(step).await,
            DeleteRecord => self.delete("record").await,
            DeleteChecklist => self.delete("checklist").await,
            DeleteItem => self.delete("checklist_item").await,
            DeleteList => self.delete("list").await,
            DeleteField => self.delete("custom_field").await,
            DeleteTag => self.delete("tag").await,
            DeleteComment => self.delete("comment").await,
            _ => self.edit(step).await,
        }
    }

    async fn make(&mut self, step: Step) -> anyhow::Result<()> {
        let (kind, op, field, input) = match step {
            CreateRecord => (
                "record",
                &CREATE_TODO,
                "createTodo",
                json!({"todoListId": self.list, "title": self.get("title", "Triggered by bluehook")}),
            ),
            CreateChecklist => (
                "checklist",
                &CREATE_CHECKLIST,
                "createChecklist",
                json!({"todoId": self.last("record")?, "title": self.get("title", "Launch checklist"), "position": 65535.0}),
            ),
            CreateItem => (
                "checklist_item",
                &CREATE_CHECKLIST_ITEM,
                "createChecklistItem",
                json!({"checklistId": self.last("checklist")?, "title": self.get("title", "Check DNS"), "position": 65535.0}),
            ),
            CreateList => (
                "list",
                &CREATE_TODO_LIST,
                "createTodoList",
                json!({"projectId": self.project, "title": self.get("title", "Triggered list"), "position": 1e9}),
            ),
            CreateField => (
                "custom_field",
                &CREATE_CUSTOM_FIELD,
                "createCustomField",
                json!({"name": self.get("name", "Stage"), "type": "TEXT_SINGLE"}),
            ),
            CreateTag => (
                "tag",
                &CREATE_TAG,
                "createTag",
                json!({"title": self.get("title", "triggered"), "color": self.get("color", "#f44336")}),
            ),
            _ => ("comment", &CREATE_COMMENT, "createComment", {
                let text = self.get("text", "Triggered by bluehook");
                json!({"html": format!("<p>{text}</p>"), "text": text, "category": "TODO", "categoryId": self.last("record")?})
            }),
        };
        self.create(kind, op, field, json!({ "input": input })).await
    }

    async fn edit(&mut self, step: Step) -> anyhow::Result<()> {
        let due = |n: u64| self.get("due", &later(n));
        let (op, vars) = match step {
            MoveRecord => (
                &MOVE_TODO,
                json!({"input": {"todoId": self.last("record")?, "todoListId": self.last("list")?}}),
            ),
            RenameRecord => (
                &UPDATE_TODO_TITLE,
                json!({"todoId": self.last("record")?, "title": self.get("title", "Renamed by bluehook")}),
            ),
            ToggleDone => (&UPDATE_TODO_DONE_STATUS, json!({"todoId": self.last("record")?})),
            SetDueDate => {
                (&UPDATE_TODO_DUE_DATE, json!({"todoId": self.last("record")?, "duedAt": due(3)}))
            }
            ChangeDueDate => {
                (&UPDATE_TODO_DUE_DATE, json!({"todoId": self.last("record")?, "duedAt": later(7)}))
            }
            ClearDueDate => {
                (&UPDATE_TODO_DUE_DATE, json!({"todoId": self.last("record")?, "duedAt": null}))
            }
            AddAssignee | RemoveAssignee => {
                let op =
                    if step == AddAssignee { &ADD_TODO_ASSIGNEES } else { &REMOVE_TODO_ASSIGNEES };
                (
                    op,
                    json!({"input": {"todoId": self.last("record")?, "assigneeIds": [self.me().await?]}}),
                )
            }
            TagRecord => (
                &SET_TODO_TAGS,
                json!({"input": {"todoId": self.last("record")?, "tagIds": [self.last("tag")?]}}),
            ),
            UntagRecord => {
                (&SET_TODO_TAGS, json!({"input": {"todoId": self.last("record")?, "tagIds": []}}))
            }
            SetFieldValue => (
                &SET_TODO_CUSTOM_FIELD,
                json!({"input": {"todoId": self.last("record")?,
                "customFieldId": self.last("custom_field")?, "text": self.get("text", "In review")}}),
            ),
            _ => return self.edit_part(step).await,
        };
        self.client.run(op, vars).await.map(drop)
    }

    async fn edit_part(&mut self, step: Step) -> anyhow::Result<()> {
        let title = self.get("title", "Renamed by bluehook");
        let item = || self.last("checklist_item");
        let (op, input) = match step {
            RenameChecklist => {
                (&EDIT_CHECKLIST, json!({"checklistId": self.last("checklist")?, "title": title}))
            }
            RenameItem => {
                (&EDIT_CHECKLIST_ITEM, json!({"checklistItemId": item()?, "title": title}))
            }
            ToggleItemDone => {
                (&EDIT_CHECKLIST_ITEM, json!({"checklistItemId": item()?, "done": true}))
            }
            SetItemDueDate => (
                &UPDATE_CHECKLIST_ITEM_DUE_DATE,
                json!({"checklistItemId": item()?, "duedAt": self.get("due", &later(3))}),
            ),
            ChangeItemDueDate => (
                &UPDATE_CHECKLIST_ITEM_DUE_DATE,
                json!({"checklistItemId": item()?, "duedAt": later(7)}),
            ),
            ClearItemDueDate => (
                &UPDATE_CHECKLIST_ITEM_DUE_DATE,
                json!({"checklistItemId": item()?, "duedAt": null}),
            ),
            AssignItem => (
                &SET_CHECKLIST_ITEM_ASSIGNEES,
                json!({"checklistItemId": item()?, "assigneeIds": [self.me().await?]}),
            ),
            UnassignItem => (
                &SET_CHECKLIST_ITEM_ASSIGNEES,
                json!({"checklistItemId": item()?, "assigneeIds": []}),
            ),
            _ => return self.edit_project_part(step).await,
        };
        self.client.run(op, json!({ "input": input })).await.map(drop)
    }

    async fn edit_project_part(&mut self, step: Step) -> anyhow::Result<()> {
        let title = self.get("title", "Renamed by bluehook");
        let (op, input) = match step {
            RenameList => {
                (&EDIT_TODO_LIST, json!({"todoListId": self.last("list")?, "title": title}))
            }
            EditField => (
                &EDIT_CUSTOM_FIELD,
                json!({"customFieldId": self.last("custom_field")?, "name": self.get("name", "Stage (renamed)")}),
            ),
            EditTag => (
                &EDIT_TAG,
                json!({"id": self.last("tag")?, "title": title, "color": self.get("color", "#4caf50")}),
            ),
            EditComment => {
                let text = self.get("text", "Edited by bluehook");
                (
                    &EDIT_COMMENT,
                    json!({"id": self.last("comment")?, "html": format!("<p>{text}</p>"), "text": text}),
                )
            }
            other => anyhow::bail!("{} is not an edit", other.operation()),
        };
        self.client.run(op, json!({ "input": input })).await.map(drop)
    }

    /// Deletes everything still created, newest first; returns the first error, if any.
    pub async fn cleanup(&mut self) -> anyhow::Result<()> {
        let mut first_err = None;
        while let Some(e) = self.created.last().cloned() {
            if let Err(err) = self.delete(e.kind).await {
                self.created.pop();
                first_err
                    .get_or_insert(err.context(format!("could not delete {} {}", e.kind, e.id)));
            }
        }
        first_err.map_or(Ok(()), Err)
    }
}

/// The operation that deletes an entity of `kind`, its mutation field, and its variables.
fn deletion(kind: &str, id: &str, project: &str) -> (&'static Operation, &'static str, Value) {
    match kind {
        "record" => (&DELETE_TODO, "deleteTodo", json!({"input": {"todoId": id}})),
        "list" => (
            &DELETE_TODO_LIST,
            "deleteTodoList",
            json!({"input": {"projectId": project, "todoListId": id}}),
        ),
        "checklist" => (&DELETE_CHECKLIST, "deleteChecklist", json!({"id": id})),
        "checklist_item" => (&DELETE_CHECKLIST_ITEM, "deleteChecklistItem", json!({"id": id})),
        "custom_field" => (&DELETE_CUSTOM_FIELD, "deleteCustomField", json!({"id": id})),
        "tag" => (&DELETE_TAG, "deleteTag", json!({"id": id})),
        _ => (&DELETE_COMMENT, "deleteComment", json!({"id": id})),
    }
}

/// Midnight UTC `days` from now, as Blue writes times.
fn later(days: u64) -> String {
    let now = std::time::SystemTime::now() + std::time::Duration::from_secs(days * 86_400);
    let secs = now.duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs();
    let midnight = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs - secs % 86_400);
    humantime::format_rfc3339_millis(midnight).to_string()
}

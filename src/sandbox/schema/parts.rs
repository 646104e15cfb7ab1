//! Checklists and their items, lists, custom fields, tags and comments: the mutations that
//! emit the TODO_CHECKLIST_*, TODO_LIST_*, CUSTOM_FIELD_*, TAG_* and COMMENT_* events.

use async_graphql::{Context, Object, Result};
use serde_json::json;

use super::inputs::*;
use super::records::{add_users, due_event, remove_users, users};
use super::types::*;
use super::{app, caller, change, coded, convert, create, load, project_of, remove, row_id};
use crate::events::model::{self, FieldDef, Kind};
use crate::sandbox::store::stamp;

#[derive(Default)]
pub struct ChecklistMutation;

#[Object]
impl ChecklistMutation {
    async fn create_checklist(
        &self,
        ctx: &Context<'_>,
        input: CreateChecklistInput,
    ) -> Result<Checklist> {
        let (app, who) = (app(ctx), caller(ctx)?);
        load(app, Kind::Record, &input.todo_id)?;
        let row =
            model::checklist(&stamp(), &input.title, input.position, &input.todo_id, &who.user);
        Ok(convert::checklist(&create(app, Kind::Checklist, row, "TODO_CHECKLIST_CREATED")?))
    }

    async fn edit_checklist(
        &self,
        ctx: &Context<'_>,
        input: EditChecklistInput,
    ) -> Result<Checklist> {
        caller(ctx)?;
        let row = change(app(ctx), Kind::Checklist, &input.checklist_id, |r| {
            if let Some(p) = input.position {
                r["position"] = json!(p);
            }
            Ok(retitle(r, input.title.as_deref(), "title", "TODO_CHECKLIST_NAME_CHANGED"))
        })?;
        Ok(convert::checklist(&row))
    }

    async fn delete_checklist(&self, ctx: &Context<'_>, id: String) -> Result<bool> {
        caller(ctx)?;
        remove(app(ctx), Kind::Checklist, &id, "TODO_CHECKLIST_DELETED")?;
        Ok(true)
    }

    async fn create_checklist_item(
        &self,
        ctx: &Context<'_>,
        input: CreateChecklistItemInput,
    ) -> Result<ChecklistItem> {
        let (app, who) = (app(ctx), caller(ctx)?);
        load(app, Kind::Checklist, &input.checklist_id)?;
        let row = model::checklist_item(
            &stamp(),
            &input.title,
            input.position,
            &input.checklist_id,
            &who.user,
        );
        Ok(convert::checklist_item(&create(
            app,
            Kind::ChecklistItem,
            row,
            "TODO_CHECKLIST_ITEM_CREATED",
        )?))
    }

    /// A new title emits NAME_CHANGED; otherwise a new done status emits DONE_STATUS_UPDATED.
    async fn edit_checklist_item(
        &self,
        ctx: &Context<'_>,
        input: EditChecklistItemInput,
    ) -> Result<ChecklistItem> {
        caller(ctx)?;
        let row = change(app(ctx), Kind::ChecklistItem, &input.checklist_item_id, |r| {
            if let Some(p) = input.position {
                r["position"] = json!(p);
            }
            let renamed =
                retitle(r, input.title.as_deref(), "title", "TODO_CHECKLIST_ITEM_NAME_CHANGED");
            let toggled = input.done.filter(|d| r["done"] != *d).map(|d| {
                r["done"] = json!(d);
                "TODO_CHECKLIST_ITEM_DONE_STATUS_UPDATED"
            });
            Ok(renamed.or(toggled))
        })?;
        Ok(convert::checklist_item(&row))
    }

    async fn delete_checklist_item(&self, ctx: &Context<'_>, id: String) -> Result<bool> {
        caller(ctx)?;
        remove(app(ctx), Kind::ChecklistItem, &id, "TODO_CHECKLIST_ITEM_DELETED")?;
        Ok(true)
    }

    async fn update_checklist_item_due_date(
        &self,
        ctx: &Context<'_>,
        input: UpdateChecklistItemDueDateInput,
    ) -> Result<ChecklistItem> {
        caller(ctx)?;
        let row = change(app(ctx), Kind::ChecklistItem, &input.checklist_item_id, |r| {
            let event =
                due_event(&r["duedAt"], input.dued_at.as_ref(), "TODO_CHECKLIST_ITEM_DUE_DATE");
            r["duedAt"] = json!(input.dued_at.map(|d| d.0));
            r["startedAt"] = json!(input.started_at.map(|d| d.0));
            Ok(event)
        })?;
        Ok(convert::checklist_item(&row))
    }

    /// Replaces the item's assignees; emits ASSIGNEE_ADDED, else ASSIGNEE_REMOVED.
    async fn set_checklist_item_assignees(
        &self,
        ctx: &Context<'_>,
        input: SetChecklistItemAssigneesInput,
    ) -> Result<bool> {
        caller(ctx)?;
        let app = app(ctx);
        let wanted = users(app, &input.assignee_ids)?;
        change(app, Kind::ChecklistItem, &input.checklist_item_id, |r| {
            let list = &mut r["checklistItemUsers"];
            let gone: Vec<String> = list
                .as_array()
                .into_iter()
                .flatten()
                .filter(|u| !input.assignee_ids.iter().any(|id| u["id"] == id.as_str()))
                .filter_map(|u| u["id"].as_str().map(String::from))
                .collect();
            let removed = remove_users(list, &gone);
            if add_users(list, wanted) {
                return Ok(Some("TODO_CHECKLIST_ITEM_ASSIGNEE_ADDED"));
            }
            Ok(removed.then_some("TODO_CHECKLIST_ITEM_ASSIGNEE_REMOVED"))
        })?;
        Ok(true)
    }
}

/// Sets `key` to `title` when given and different; returns `event` if it changed.
fn retitle(
    r: &mut serde_json::Value,
    title: Option<&str>,
    key: &str,
    event: &'static str,
) -> Option<&'static str> {
    let title = title.filter(|t| r[key] != *t)?;
    r[key] = json!(title);
    Some(event)
}

#[derive(Default)]
pub struct ProjectMutation;

#[Object]
impl ProjectMutation {
    async fn create_todo_list(
        &self,
        ctx: &Context<'_>,
        input: CreateTodoListInput,
    ) -> Result<TodoList> {
        let (app, who) = (app(ctx), caller(ctx)?);
        load(app, Kind::Project, &input.project_id)?;
        let row = model::list(&stamp(), &input.title, input.position, &who.user, &input.project_id);
        Ok(convert::list(&create(app, Kind::List, row, "TODO_LIST_CREATED")?))
    }

    async fn edit_todo_list(
        &self,
        ctx: &Context<'_>,
        input: EditTodoListInput,
    ) -> Result<TodoList> {
        caller(ctx)?;
        let row = change(app(ctx), Kind::List, &input.todo_list_id, |r| {
            if let Some(p) = input.position {
                r["position"] = json!(p);
            }
            Ok(retitle(r, input.title.as_deref(), "title", "TODO_LIST_NAME_CHANGED"))
        })?;
        Ok(convert::list(&row))
    }

    async fn delete_todo_list(
        &self,
        ctx: &Context<'_>,
        input: DeleteTodoListInput,
    ) -> Result<MutationResult> {
        caller(ctx)?;
        let app = app(ctx);
        let list = load(app, Kind::List, &input.todo_list_id)?;
        if list["projectId"] != input.project_id.as_str() {
            return Err(coded("BAD_USER_INPUT", "The list is not in this project."));
        }
        remove(app, Kind::List, &input.todo_list_id, "TODO_LIST_DELETED")?;
        Ok(MutationResult::ok())
    }

    async fn create_custom_field(
        &self,
        ctx: &Context<'_>,
        input: CreateCustomFieldInput,
    ) -> Result<CustomField> {
        let (app, who) = (app(ctx), caller(ctx)?);
        let project = row_id(&project_of(app, who)?);
        let kind = enum_name(&input.kind);
        let def = FieldDef {
            name: &input.name,
            kind: &kind,
            description: input.description.as_deref(),
            position: 65535.0,
        };
        let row = model::custom_field(&stamp(), &def, &project, &who.user);
        Ok(convert::custom_field(&create(app, Kind::CustomField, row, "CUSTOM_FIELD_CREATED")?))
    }

    async fn edit_custom_field(
        &self,
        ctx: &Context<'_>,
        input: EditCustomFieldInput,
    ) -> Result<CustomField> {
        caller(ctx)?;
        let row = change(app(ctx), Kind::CustomField, &input.custom_field_id, |r| {
            let before = r.clone();
            for (key, v) in [("name", &input.name), ("description", &input.description)] {
                if let Some(v) = v {
                    r[key] = json!(v);
                }
            }
            if let Some(p) = input.position {
                r["position"] = json!(p);
            }
            Ok((*r != before).then_some("CUSTOM_FIELD_UPDATED"))
        })?;
        Ok(convert::custom_field(&row))
    }

    async fn delete_custom_field(&self, ctx: &Context<'_>, id: String) -> Result<bool> {
        caller(ctx)?;
        remove(app(ctx), Kind::CustomField, &id, "CUSTOM_FIELD_DELETED")?;
        Ok(true)
    }

    async fn create_tag(&self, ctx: &Context<'_>, input: CreateTagInput) -> Result<Tag> {
        let (app, who) = (app(ctx), caller(ctx)?);
        let project = row_id(&project_of(app, who)?);
        let row =
            model::tag(&stamp(), input.title.as_deref().unwrap_or(""), &input.color, &project);
        Ok(convert::tag(&create(app, Kind::Tag, row, "TAG_CREATED")?))
    }

    async fn edit_tag(&self, ctx: &Context<'_>, input: EditTagInput) -> Result<Tag> {
        caller(ctx)?;
        let row = change(app(ctx), Kind::Tag, &input.id, |r| {
            let before = r.clone();
            for (key, v) in [("title", &input.title), ("color", &input.color)] {
                if let Some(v) = v {
                    r[key] = json!(v);
                }
            }
            Ok((*r != before).then_some("TAG_UPDATED"))
        })?;
        Ok(convert::tag(&row))
    }

    async fn delete_tag(&self, ctx: &Context<'_>, id: String) -> Result<bool> {
        caller(ctx)?;
        remove(app(ctx), Kind::Tag, &id, "TAG_DELETED")?;
        Ok(true)
    }

    /// Comments on records (category TODO); other categories are not modelled.
    async fn create_comment(
        &self,
        ctx: &Context<'_>,
        input: CreateCommentInput,
    ) -> Result<Comment> {
        let (app, who) = (app(ctx), caller(ctx)?);
        if input.category != CommentCategory::Todo {
            return Err(coded(
                "BAD_USER_INPUT",
                "The sandbox models comments on records (category TODO) only.",
            ));
        }
        load(app, Kind::Record, &input.category_id)?;
        let row = model::comment(&stamp(), &input.html, &input.text, &input.category_id, &who.user);
        Ok(convert::comment(&create(app, Kind::Comment, row, "COMMENT_CREATED")?))
    }

    async fn edit_comment(&self, ctx: &Context<'_>, input: EditCommentInput) -> Result<Comment> {
        caller(ctx)?;
        let row = change(app(ctx), Kind::Comment, &input.id, |r| {
            r["html"] = json!(input.html);
            r["text"] = json!(input.text);
            Ok(Some("COMMENT_UPDATED"))
        })?;
        Ok(convert::comment(&row))
    }

    async fn delete_comment(&self, ctx: &Context<'_>, id: String) -> Result<MutationResult> {
        caller(ctx)?;
        remove(app(ctx), Kind::Comment, &id, "COMMENT_DELETED")?;
        Ok(MutationResult::ok())
    }
}

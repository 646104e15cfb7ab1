//! The inputs of the mutations that emit events: a subset of each of Blue's input types (only
//! optional fields are left out), with Blue's names, types and nullability.

use async_graphql::InputObject;

use super::types::{CustomFieldType, DateTime};

#[derive(InputObject)]
pub struct CreateTodoInput {
    pub todo_list_id: Option<String>,
    pub title: String,
    pub position: Option<f64>,
    pub started_at: Option<DateTime>,
    pub dued_at: Option<DateTime>,
    pub notify: Option<bool>,
    pub description: Option<String>,
    pub assignee_ids: Option<Vec<String>>,
}

#[derive(InputObject)]
pub struct DeleteTodoInput {
    pub todo_id: String,
}

#[derive(InputObject)]
pub struct MoveTodoInput {
    pub todo_id: String,
    pub todo_list_id: String,
}

#[derive(InputObject)]
pub struct AddTodoAssigneesInput {
    pub todo_id: String,
    pub assignee_ids: Vec<String>,
}

#[derive(InputObject)]
pub struct RemoveTodoAssigneesInput {
    pub todo_id: String,
    pub assignee_ids: Vec<String>,
}

#[derive(InputObject)]
pub struct SetTodoTagsInput {
    pub todo_id: String,
    pub tag_ids: Option<Vec<String>>,
    pub tag_titles: Option<Vec<String>>,
}

#[derive(InputObject)]
pub struct SetTodoCustomFieldInput {
    pub todo_id: String,
    pub custom_field_id: String,
    pub text: Option<String>,
    pub number: Option<f64>,
    pub checked: Option<bool>,
}

#[derive(InputObject)]
pub struct CreateChecklistInput {
    pub todo_id: String,
    pub title: String,
    pub position: f64,
}

#[derive(InputObject)]
pub struct EditChecklistInput {
    pub checklist_id: String,
    pub title: Option<String>,
    pub position: Option<f64>,
}

#[derive(InputObject)]
pub struct CreateChecklistItemInput {
    pub checklist_id: String,
    pub title: String,
    pub position: f64,
}

#[derive(InputObject)]
pub struct EditChecklistItemInput {
    pub checklist_item_id: String,
    pub checklist_id: Option<String>,
    pub title: Option<String>,
    pub position: Option<f64>,
    pub done: Option<bool>,
}

#[derive(InputObject)]
pub struct UpdateChecklistItemDueDateInput {
    pub checklist_item_id: String,
    pub started_at: Option<DateTime>,
    pub dued_at: Option<DateTime>,
}

#[derive(InputObject)]
pub struct SetChecklistItemAssigneesInput {
    pub checklist_item_id: String,
    pub assignee_ids: Vec<String>,
}

#[derive(InputObject)]
pub struct CreateTodoListInput {
    pub project_id: String,
    pub title: String,
    pub position: f64,
}

#[derive(InputObject)]
pub struct EditTodoListInput {
    pub todo_list_id: String,
    pub title: Option<String>,
    pub position: Option<f64>,
    pub is_locked: Option<bool>,
}

#[derive(InputObject)]
pub struct DeleteTodoListInput {
    pub project_id: String,
    pub todo_list_id: String,
}

#[derive(InputObject)]
pub struct CreateCustomFieldInput {
    pub name: String,
    #[graphql(name = "type")]
    pub kind: CustomFieldType,
    pub description: Option<String>,
}

#[derive(InputObject)]
pub struct EditCustomFieldInput {
    pub custom_field_id: String,
    pub position: Option<f64>,
    pub name: Option<String>,
    pub description: Option<String>,
}

#[derive(InputObject)]
pub struct CreateTagInput {
    pub title: Option<String>,
    pub color: String,
}

#[derive(InputObject)]
pub struct EditTagInput {
    pub id: String,
    pub title: Option<String>,
    pub color: Option<String>,
}

#[derive(InputObject)]
pub struct CreateCommentInput {
    pub html: String,
    pub text: String,
    pub category: super::types::CommentCategory,
    pub category_id: String,
    pub tiptap: Option<bool>,
}

#[derive(InputObject)]
pub struct EditCommentInput {
    pub id: String,
    pub html: String,
    pub text: String,
}

/// Blue's `EditTodoInput`, without `tags` (a document that sets tags through it gets
/// `NOT_EMULATED`; `setTodoTags` is emulated).
#[derive(InputObject)]
pub struct EditTodoInput {
    pub todo_list_id: Option<String>,
    pub todo_id: String,
    pub position: Option<f64>,
    pub title: Option<String>,
    pub html: Option<String>,
    pub text: Option<String>,
    pub started_at: Option<DateTime>,
    pub dued_at: Option<DateTime>,
    pub color: Option<String>,
    pub cover: Option<String>,
}

/// Blue's `UpdateTodosInput`: the list, done status and due date of the records a filter
/// picks (by ids or by list). The other fields get `NOT_EMULATED`.
#[derive(InputObject)]
pub struct UpdateTodosInput {
    pub todo_list_id: Option<String>,
    pub done: Option<bool>,
    pub dued_at: Option<DateTime>,
    pub filter: Option<UpdateTodosInputFilter>,
}

#[derive(InputObject)]
pub struct UpdateTodosInputFilter {
    pub todo_list_id: Option<String>,
    pub todo_ids: Option<Vec<String>>,
}

#[derive(InputObject)]
pub struct SetTodoAssigneesInput {
    pub todo_id: String,
    pub assignee_ids: Vec<String>,
}

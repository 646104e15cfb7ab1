//! The GraphQL types the sandbox serves: a subset of Blue's schema, each type, field, argument
//! and enum value named, typed and nullable exactly as Blue declares it.

use async_graphql::{
    Enum, ID, InputObject, InputValueError, InputValueResult, Json, Scalar, ScalarType,
    SimpleObject, Value as GqlValue,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Blue's `DateTime`: an ISO-8601 string.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct DateTime(pub String);

#[Scalar(name = "DateTime")]
impl ScalarType for DateTime {
    fn parse(value: GqlValue) -> InputValueResult<Self> {
        match &value {
            GqlValue::String(s) if humantime::parse_rfc3339_weak(s).is_ok() => {
                Ok(DateTime(normalize_time(s)))
            }
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> GqlValue {
        GqlValue::String(self.0.clone())
    }
}

/// Any accepted time, written as Blue writes times (milliseconds, `Z`).
fn normalize_time(s: &str) -> String {
    match humantime::parse_rfc3339_weak(s) {
        Ok(t) => humantime::format_rfc3339_millis(t).to_string(),
        Err(_) => s.to_string(),
    }
}

macro_rules! webhook_events {
    ($($v:ident),* $(,)?) => {
        /// Blue's `WebhookEvent` enum, in Blue's order.
        #[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum WebhookEvent { $($v),* }
    };
}

webhook_events!(
    TodoCreated,
    TodoDeleted,
    TodoMoved,
    TodoNameChanged,
    TodoDoneStatusUpdated,
    TodoDueDateAdded,
    TodoDueDateUpdated,
    TodoDueDateRemoved,
    TodoAssigneeAdded,
    TodoAssigneeRemoved,
    TodoTagAdded,
    TodoTagRemoved,
    TodoCustomFieldUpdated,
    TodoChecklistCreated,
    TodoChecklistNameChanged,
    TodoChecklistDeleted,
    TodoChecklistItemCreated,
    TodoChecklistItemNameChanged,
    TodoChecklistItemDeleted,
    TodoChecklistItemDueDateAdded,
    TodoChecklistItemDueDateUpdated,
    TodoChecklistItemDueDateRemoved,
    TodoChecklistItemAssigneeAdded,
    TodoChecklistItemAssigneeRemoved,
    TodoChecklistItemDoneStatusUpdated,
    TodoListCreated,
    TodoListDeleted,
    TodoListNameChanged,
    CustomFieldCreated,
    CustomFieldDeleted,
    CustomFieldUpdated,
    TagCreated,
    TagDeleted,
    TagUpdated,
    CommentCreated,
    CommentDeleted,
    CommentUpdated,
);

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WebhookStatusType {
    Healthy,
    Unhealthy,
}

/// Blue's `ProjectSort` enum, in Blue's order (its values are lower camel case with a suffix).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum ProjectSort {
    #[graphql(name = "id_ASC")]
    id_ASC,
    #[graphql(name = "id_DESC")]
    id_DESC,
    #[graphql(name = "name_ASC")]
    name_ASC,
    #[graphql(name = "name_DESC")]
    name_DESC,
    #[graphql(name = "createdAt_ASC")]
    createdAt_ASC,
    #[graphql(name = "createdAt_DESC")]
    createdAt_DESC,
    #[graphql(name = "updatedAt_ASC")]
    updatedAt_ASC,
    #[graphql(name = "updatedAt_DESC")]
    updatedAt_DESC,
    #[graphql(name = "position_ASC")]
    position_ASC,
    #[graphql(name = "position_DESC")]
    position_DESC,
}

impl ProjectSort {
    /// The stored field this sorts by, and whether the order is descending.
    pub fn key(self) -> (&'static str, bool) {
        use ProjectSort::*;
        match self {
            id_ASC => ("id", false),
            id_DESC => ("id", true),
            name_ASC => ("name", false),
            name_DESC => ("name", true),
            createdAt_ASC => ("createdAt", false),
            createdAt_DESC => ("createdAt", true),
            updatedAt_ASC => ("updatedAt", false),
            updatedAt_DESC => ("updatedAt", true),
            position_ASC => ("position", false),
            position_DESC => ("position", true),
        }
    }
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CommentCategory {
    Discussion,
    StatusUpdate,
    Todo,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CustomFieldType {
    Checkbox,
    Currency,
    Email,
    Location,
    Number,
    Percent,
    Phone,
    Rating,
    SelectMulti,
    SelectSingle,
    TextMulti,
    TextSingle,
    UniqueId,
    Url,
    File,
    Country,
    Date,
    Formula,
    Reference,
    Lookup,
    TimeDuration,
    Button,
    CurrencyConversion,
}

/// An enum value's name as Blue spells it (`TODO_CREATED`).
pub fn enum_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

#[derive(SimpleObject, Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub id: ID,
    pub uid: String,
    pub name: Option<String>,
    pub url: String,
    pub secret: Option<String>,
    pub status: WebhookStatusType,
    pub events: Option<Vec<WebhookEvent>>,
    pub project_ids: Option<Vec<String>>,
    pub enabled: Option<bool>,
    pub metadata: Option<Json<Value>>,
    pub created_at: DateTime,
    pub updated_at: DateTime,
}

#[derive(SimpleObject, Debug, Clone)]
pub struct PageInfo {
    pub total_pages: Option<i32>,
    pub total_items: Option<i32>,
    pub page: Option<i32>,
    pub per_page: Option<i32>,
    pub has_next_page: bool,
    pub has_previous_page: bool,
}

impl PageInfo {
    pub fn of(total: usize, skip: usize, take: usize) -> PageInfo {
        let per = take.max(1);
        PageInfo {
            total_pages: Some(total.div_ceil(per) as i32),
            total_items: Some(total as i32),
            page: Some((skip / per) as i32 + 1),
            per_page: Some(take as i32),
            has_next_page: skip + take < total,
            has_previous_page: skip > 0,
        }
    }
}

#[derive(SimpleObject)]
pub struct WebhookPagination {
    pub items: Vec<Webhook>,
    pub page_info: PageInfo,
}

#[derive(SimpleObject)]
pub struct MutationResult {
    pub success: bool,
    pub operation_id: Option<String>,
}

impl MutationResult {
    pub fn ok() -> MutationResult {
        MutationResult { success: true, operation_id: None }
    }
}

#[derive(InputObject)]
pub struct CreateWebhookInput {
    pub name: Option<String>,
    pub url: String,
    pub events: Option<Vec<WebhookEvent>>,
    pub project_ids: Option<Vec<String>>,
}

#[derive(InputObject)]
pub struct UpdateWebhookInput {
    pub webhook_id: String,
    pub enabled: Option<bool>,
    pub name: Option<String>,
    pub url: Option<String>,
    pub events: Option<Vec<Option<WebhookEvent>>>,
    pub project_ids: Option<Vec<Option<String>>>,
}

#[derive(InputObject)]
pub struct DeleteWebhookInput {
    pub webhook_id: String,
}

#[derive(InputObject)]
pub struct DisableWebhookInput {
    pub webhook_id: String,
}

#[derive(InputObject)]
pub struct WebhookFilter {
    pub enabled: Option<bool>,
}

#[derive(SimpleObject)]
pub struct Company {
    pub id: ID,
    pub uid: String,
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    pub created_at: DateTime,
    pub updated_at: DateTime,
}

#[derive(SimpleObject)]
pub struct User {
    pub id: ID,
    pub uid: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub full_name: String,
}

#[derive(SimpleObject)]
pub struct Project {
    pub id: ID,
    pub uid: String,
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    pub archived: Option<bool>,
    pub created_at: DateTime,
    pub updated_at: DateTime,
}

#[derive(SimpleObject)]
pub struct ProjectPagination {
    pub items: Vec<Project>,
    pub page_info: PageInfo,
    pub total_count: Option<i32>,
}

#[derive(InputObject)]
pub struct ProjectListFilter {
    pub company_ids: Vec<String>,
    pub ids: Option<Vec<String>>,
    pub archived: Option<bool>,
    pub is_template: Option<bool>,
    pub search: Option<String>,
}

#[derive(SimpleObject)]
#[graphql(complex)]
pub struct TodoList {
    pub id: ID,
    pub uid: String,
    pub position: f64,
    pub title: String,
    pub is_disabled: bool,
    pub is_locked: Option<bool>,
    pub completed: Option<bool>,
    pub editable: Option<bool>,
    pub deletable: Option<bool>,
    pub created_at: DateTime,
    pub updated_at: DateTime,
}

#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Todo {
    #[graphql(skip)]
    pub list_id: String,
    #[graphql(skip)]
    pub user_rows: Vec<Value>,
    #[graphql(skip)]
    pub tag_rows: Vec<Value>,
    pub color: Option<String>,
    pub id: ID,
    pub uid: String,
    pub position: f64,
    pub title: String,
    pub text: String,
    pub html: String,
    pub started_at: Option<DateTime>,
    pub dued_at: Option<DateTime>,
    pub timezone: Option<String>,
    pub created_at: DateTime,
    pub updated_at: DateTime,
    pub archived: bool,
    pub done: bool,
}

#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Checklist {
    #[graphql(skip)]
    pub created_by: String,
    pub id: ID,
    pub title: String,
    pub position: f64,
    pub created_at: DateTime,
    pub updated_at: DateTime,
    pub uid: String,
}

#[derive(SimpleObject)]
#[graphql(complex)]
pub struct ChecklistItem {
    #[graphql(skip)]
    pub created_by: String,
    pub id: ID,
    pub title: String,
    pub position: f64,
    pub done: bool,
    pub started_at: Option<DateTime>,
    pub dued_at: Option<DateTime>,
    pub created_at: DateTime,
    pub updated_at: DateTime,
    pub uid: String,
}

#[derive(SimpleObject)]
pub struct Tag {
    pub id: ID,
    pub uid: String,
    pub title: String,
    pub color: String,
    pub created_at: DateTime,
    pub updated_at: DateTime,
}

#[derive(SimpleObject)]
pub struct CustomField {
    pub id: ID,
    pub uid: String,
    pub name: String,
    #[graphql(name = "type")]
    pub kind: CustomFieldType,
    pub position: f64,
    pub description: Option<String>,
    pub created_at: DateTime,
    pub updated_at: DateTime,
}

#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Comment {
    #[graphql(skip)]
    pub created_by: String,
    pub id: ID,
    pub uid: String,
    pub html: String,
    pub text: String,
    pub category: CommentCategory,
    pub created_at: DateTime,
    pub updated_at: DateTime,
    pub deleted_at: Option<DateTime>,
}

/// Blue's `ChecklistOrderByInput`.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecklistOrderByInput {
    #[graphql(name = "id_ASC")]
    IdAsc,
    #[graphql(name = "id_DESC")]
    IdDesc,
    #[graphql(name = "uid_ASC")]
    UidAsc,
    #[graphql(name = "uid_DESC")]
    UidDesc,
    #[graphql(name = "title_ASC")]
    TitleAsc,
    #[graphql(name = "title_DESC")]
    TitleDesc,
    #[graphql(name = "position_ASC")]
    PositionAsc,
    #[graphql(name = "position_DESC")]
    PositionDesc,
    #[graphql(name = "createdAt_ASC")]
    CreatedAtAsc,
    #[graphql(name = "createdAt_DESC")]
    CreatedAtDesc,
    #[graphql(name = "updatedAt_ASC")]
    UpdatedAtAsc,
    #[graphql(name = "updatedAt_DESC")]
    UpdatedAtDesc,
}

/// Blue's `ChecklistItemOrderByInput`.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecklistItemOrderByInput {
    #[graphql(name = "id_ASC")]
    IdAsc,
    #[graphql(name = "id_DESC")]
    IdDesc,
    #[graphql(name = "uid_ASC")]
    UidAsc,
    #[graphql(name = "uid_DESC")]
    UidDesc,
    #[graphql(name = "title_ASC")]
    TitleAsc,
    #[graphql(name = "title_DESC")]
    TitleDesc,
    #[graphql(name = "done_ASC")]
    DoneAsc,
    #[graphql(name = "done_DESC")]
    DoneDesc,
    #[graphql(name = "position_ASC")]
    PositionAsc,
    #[graphql(name = "position_DESC")]
    PositionDesc,
    #[graphql(name = "startedAt_ASC")]
    StartedAtAsc,
    #[graphql(name = "startedAt_DESC")]
    StartedAtDesc,
    #[graphql(name = "duedAt_ASC")]
    DuedAtAsc,
    #[graphql(name = "duedAt_DESC")]
    DuedAtDesc,
    #[graphql(name = "createdAt_ASC")]
    CreatedAtAsc,
    #[graphql(name = "createdAt_DESC")]
    CreatedAtDesc,
    #[graphql(name = "updatedAt_ASC")]
    UpdatedAtAsc,
    #[graphql(name = "updatedAt_DESC")]
    UpdatedAtDesc,
}

impl ChecklistOrderByInput {
    /// The row key and whether the order is descending.
    pub fn key(self) -> (&'static str, bool) {
        order_key(variant_name(self))
    }
}

impl ChecklistItemOrderByInput {
    /// The row key and whether the order is descending.
    pub fn key(self) -> (&'static str, bool) {
        order_key(variant_name(self))
    }
}

/// A variant's GraphQL name.
fn variant_name<T: async_graphql::resolver_utils::EnumType>(v: T) -> &'static str {
    T::items().iter().find(|i| i.value == v).map(|i| i.name).unwrap_or("position_ASC")
}

fn order_key(name: &'static str) -> (&'static str, bool) {
    let (field, dir) = name.rsplit_once('_').unwrap_or((name, "ASC"));
    (field, dir == "DESC")
}

/// Blue's `TagOrderByInput`.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagOrderByInput {
    #[graphql(name = "id_ASC")]
    IdAsc,
    #[graphql(name = "id_DESC")]
    IdDesc,
    #[graphql(name = "uid_ASC")]
    UidAsc,
    #[graphql(name = "uid_DESC")]
    UidDesc,
    #[graphql(name = "title_ASC")]
    TitleAsc,
    #[graphql(name = "title_DESC")]
    TitleDesc,
    #[graphql(name = "color_ASC")]
    ColorAsc,
    #[graphql(name = "color_DESC")]
    ColorDesc,
    #[graphql(name = "createdAt_ASC")]
    CreatedAtAsc,
    #[graphql(name = "createdAt_DESC")]
    CreatedAtDesc,
    #[graphql(name = "updatedAt_ASC")]
    UpdatedAtAsc,
    #[graphql(name = "updatedAt_DESC")]
    UpdatedAtDesc,
}

impl TagOrderByInput {
    /// The row key and whether the order is descending.
    pub fn key(self) -> (&'static str, bool) {
        order_key(variant_name(self))
    }
}

/// Blue's `TagListFilter` (`excludeArchivedProjects` and `search` are accepted; projects are
/// never archived in the sandbox, and `search` matches titles).
#[derive(async_graphql::InputObject)]
pub struct TagListFilter {
    pub project_ids: Option<Vec<String>>,
    pub exclude_archived_projects: Option<bool>,
    pub search: Option<String>,
    pub titles: Option<Vec<String>>,
    pub colors: Option<Vec<String>>,
    pub tag_ids: Option<Vec<String>>,
}

#[derive(SimpleObject)]
pub struct TagPagination {
    pub items: Vec<Tag>,
    pub page_info: PageInfo,
    pub total_count: i32,
}

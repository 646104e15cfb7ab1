//! The sandbox's GraphQL schema (async-graphql): Blue's webhook operations, the reads
//! management commands need, and every mutation that emits one of the 37 events.

mod convert;
pub mod inputs;
mod parts;
mod reads;
mod records;
pub mod types;
mod webhooks;

use std::sync::Arc;

use async_graphql::{
    Context, EmptySubscription, Error, ErrorExtensions, MergedObject, Schema, SchemaBuilder,
};
use serde_json::Value;

use super::App;
use crate::events::model::Kind;

#[derive(MergedObject, Default)]
pub struct Query(webhooks::WebhookQuery, reads::ReadQuery);

#[derive(MergedObject, Default)]
pub struct Mutation(
    webhooks::WebhookMutation,
    records::RecordMutation,
    parts::ChecklistMutation,
    parts::ProjectMutation,
);

pub type SandboxSchema = Schema<Query, Mutation, EmptySubscription>;

/// The deepest selection a document may nest, as a public GraphQL server bounds it.
pub const MAX_DEPTH: usize = 20;
/// The most fields (aliases included) a document may select: 10,000 aliases of a list of
/// webhooks would otherwise hold the API for seconds.
pub const MAX_COMPLEXITY: usize = 1000;

fn builder() -> SchemaBuilder<Query, Mutation, EmptySubscription> {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
}

/// The schema, serving `app`.
pub fn build(app: Arc<App>) -> SandboxSchema {
    builder().data(app).finish()
}

/// The schema in SDL: what `src/api/schema.graphql` is generated from.
pub fn sdl() -> String {
    let options = async_graphql::SDLExportOptions::new().sorted_fields().sorted_arguments();
    builder().finish().sdl_with_options(options)
}

/// Who is calling: from the auth headers.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: String,
    /// The organization header (id or slug), if sent.
    pub org: Option<String>,
    /// The project (workspace) header (id or slug), if sent.
    pub project: Option<String>,
}

/// A GraphQL error with Blue's `extensions.code`.
pub fn coded(code: &'static str, message: impl Into<String>) -> Error {
    Error::new(message).extend_with(|_, e| e.set("code", code))
}

fn internal(e: anyhow::Error) -> Error {
    coded("INTERNAL_SERVER_ERROR", e.to_string())
}

pub(super) fn app<'a>(ctx: &Context<'a>) -> &'a Arc<App> {
    ctx.data_unchecked::<Arc<App>>()
}

/// The caller, or Blue's UNAUTHENTICATED.
pub(super) fn caller<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Caller> {
    ctx.data_opt::<Caller>()
        .ok_or_else(|| coded("UNAUTHENTICATED", "You are not authenticated. Please log in."))
}

/// A row that must exist, or `{KIND}_NOT_FOUND`.
pub(super) fn load(app: &App, kind: Kind, id: &str) -> async_graphql::Result<Value> {
    app.store.get(kind, id).map_err(internal)?.ok_or_else(|| not_found(kind))
}

fn not_found(kind: Kind) -> Error {
    let (code, what) = match kind {
        Kind::Record => ("TODO_NOT_FOUND", "Record"),
        Kind::List => ("TODO_LIST_NOT_FOUND", "List"),
        Kind::Checklist => ("CHECKLIST_NOT_FOUND", "Checklist"),
        Kind::ChecklistItem => ("CHECKLIST_ITEM_NOT_FOUND", "Checklist item"),
        Kind::CustomField => ("CUSTOM_FIELD_NOT_FOUND", "Custom field"),
        Kind::Tag => ("TAG_NOT_FOUND", "Tag"),
        Kind::Comment => ("COMMENT_NOT_FOUND", "Comment"),
        Kind::Project => ("PROJECT_NOT_FOUND", "Project"),
        Kind::Company => ("COMPANY_NOT_FOUND", "Company"),
        Kind::User => ("USER_NOT_FOUND", "User"),
    };
    coded(code, format!("{what} was not found."))
}

/// Stores a new row and emits `event` for it.
pub(super) fn create(
    app: &App,
    kind: Kind,
    row: Value,
    event: &str,
) -> async_graphql::Result<Value> {
    app.store.put(kind, &row).map_err(internal)?;
    app.emit(event, kind, None, Some(&row));
    Ok(row)
}

/// Changes a row with `f` and emits `event` (when given) with its values before and after.
pub(super) fn change(
    app: &App,
    kind: Kind,
    id: &str,
    f: impl FnOnce(&mut Value) -> async_graphql::Result<Option<&'static str>>,
) -> async_graphql::Result<Value> {
    let before = load(app, kind, id)?;
    let mut after = before.clone();
    let event = f(&mut after)?;
    if let Some(event) = event {
        after["updatedAt"] = Value::String(super::store::now_iso());
        app.store.put(kind, &after).map_err(internal)?;
        app.emit(event, kind, Some(&before), Some(&after));
    }
    Ok(after)
}

/// Deletes a row and emits `event` with its last value.
pub(super) fn remove(app: &App, kind: Kind, id: &str, event: &str) -> async_graphql::Result<Value> {
    let row = load(app, kind, id)?;
    let expanded = app.expand(kind, &row);
    app.store.delete(id).map_err(internal)?;
    app.emit_expanded(event, kind, Some(expanded), None);
    Ok(row)
}

/// The project a request works in: the project header (id or slug), else the first project.
pub(super) fn project_of(app: &App, caller: &Caller) -> async_graphql::Result<Value> {
    let all = app.store.all(Kind::Project).map_err(internal)?;
    let found = match &caller.project {
        Some(p) => all.into_iter().find(|r| r["id"] == p.as_str() || r["slug"] == p.as_str()),
        None => all.into_iter().next(),
    };
    found.ok_or_else(|| not_found(Kind::Project))
}

/// A row's id as a string (ids are `ID!` in results and `String!` in arguments).
pub(super) fn row_id(row: &Value) -> String {
    row["id"].as_str().unwrap_or_default().to_string()
}

/// `src/api/schema.graphql`: a header, then the SDL.
pub fn sdl_file() -> String {
    format!(
        "# The part of Blue's GraphQL schema that bluehook serves (`bluehook sandbox`) and sends\n\
         # (the documents in operations.rs and records.rs are validated against it). Generated\n\
         # from the sandbox's schema by scripts/update-schema; do not edit by hand.\n\n{}",
        sdl().trim_start()
    )
}

#[cfg(test)]
mod tests {
    /// Regenerate with `scripts/update-schema`.
    #[test]
    fn the_client_schema_is_generated_from_the_sandbox() {
        let file = include_str!("../../api/schema.graphql");
        assert!(
            file == super::sdl_file(),
            "src/api/schema.graphql is stale: run scripts/update-schema"
        );
    }
}

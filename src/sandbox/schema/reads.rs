//! The reads: who am I, the organization, its projects and a project's lists.

use async_graphql::{Context, Object, Result};
use serde_json::Value;

use super::types::*;
use super::{app, caller, coded, convert, internal, load};
use crate::events::model::Kind;

#[derive(Default)]
pub struct ReadQuery;

#[Object]
impl ReadQuery {
    /// The tags of the caller's projects that a filter picks.
    async fn tag_list(
        &self,
        ctx: &Context<'_>,
        filter: TagListFilter,
        #[graphql(default = 500)] first: i32,
        order_by: Option<TagOrderByInput>,
        skip: Option<i32>,
    ) -> Result<TagPagination> {
        caller(ctx)?;
        let key = order_by.map_or(("createdAt", false), TagOrderByInput::key);
        let all = sorted(app(ctx).store.all(Kind::Tag).map_err(internal)?, key);
        let has = |list: &Option<Vec<String>>, v: &Value| {
            list.as_ref().is_none_or(|l| l.iter().any(|x| v == x.as_str()))
        };
        let search = filter.search.as_deref().map(str::to_lowercase);
        let picked: Vec<Value> = all
            .into_iter()
            .filter(|t| has(&filter.project_ids, &t["projectId"]) && has(&filter.tag_ids, &t["id"]))
            .filter(|t| has(&filter.titles, &t["title"]) && has(&filter.colors, &t["color"]))
            .filter(|t| {
                let title = t["title"].as_str().unwrap_or_default().to_lowercase();
                search.as_ref().is_none_or(|s| title.contains(s.as_str()))
            })
            .collect();
        let (skip, take) = (skip.unwrap_or(0).max(0) as usize, first.max(0) as usize);
        Ok(TagPagination {
            items: picked.iter().skip(skip).take(take).map(convert::tag).collect(),
            page_info: PageInfo::of(picked.len(), skip, take),
            total_count: picked.len() as i32,
        })
    }

    /// A record by id.
    async fn todo(&self, ctx: &Context<'_>, id: String) -> Result<Todo> {
        caller(ctx)?;
        Ok(convert::todo(&load(app(ctx), Kind::Record, &id)?))
    }

    async fn current_user(&self, ctx: &Context<'_>) -> Result<User> {
        let (app, who) = (app(ctx), caller(ctx)?);
        Ok(convert::user(&load(app, Kind::User, &who.user)?))
    }

    /// The organization by id or slug (the organization header when no id is given).
    async fn company(&self, ctx: &Context<'_>, id: Option<String>) -> Result<Company> {
        let (app, who) = (app(ctx), caller(ctx)?);
        let wanted = id.or_else(|| who.org.clone()).unwrap_or_default();
        let all = app.store.all(Kind::Company).map_err(internal)?;
        all.iter()
            .find(|c| c["id"] == wanted.as_str() || c["slug"] == wanted.as_str())
            .map(convert::company)
            .ok_or_else(|| coded("COMPANY_NOT_FOUND", "Company was not found."))
    }

    async fn project_list(
        &self,
        ctx: &Context<'_>,
        filter: ProjectListFilter,
        sort: Option<Vec<ProjectSort>>,
        #[graphql(default = 0)] skip: Option<i32>,
        #[graphql(default = 20)] take: Option<i32>,
    ) -> Result<ProjectPagination> {
        let app = app(ctx);
        caller(ctx)?;
        let companies = app.store.all(Kind::Company).map_err(internal)?;
        let company_ids: Vec<String> = filter
            .company_ids
            .iter()
            .filter_map(|w| {
                companies.iter().find(|c| c["id"] == w.as_str() || c["slug"] == w.as_str())
            })
            .filter_map(|c| c["id"].as_str().map(String::from))
            .collect();
        let matches = |p: &Value| {
            company_ids.iter().any(|c| p["companyId"] == c.as_str())
                && filter.ids.as_ref().is_none_or(|ids| ids.iter().any(|i| p["id"] == i.as_str()))
                && filter.search.as_ref().is_none_or(|s| {
                    let name = p["name"].as_str().unwrap_or_default().to_lowercase();
                    name.contains(&s.to_lowercase())
                })
        };
        let mut all: Vec<Value> =
            app.store.all(Kind::Project).map_err(internal)?.into_iter().filter(matches).collect();
        sort_projects(&mut all, sort.as_deref().unwrap_or_default());
        let skip = skip.unwrap_or(0).max(0) as usize;
        let take = take.unwrap_or(20).clamp(0, 500) as usize;
        Ok(ProjectPagination {
            items: all.iter().skip(skip).take(take).map(convert::project).collect(),
            page_info: PageInfo::of(all.len(), skip, take),
            total_count: Some(all.len() as i32),
        })
    }

    async fn todo_lists(&self, ctx: &Context<'_>, project_id: String) -> Result<Vec<TodoList>> {
        let app = app(ctx);
        caller(ctx)?;
        load(app, Kind::Project, &project_id)?;
        let mut lists: Vec<Value> = app
            .store
            .all(Kind::List)
            .map_err(internal)?
            .into_iter()
            .filter(|l| l["projectId"] == project_id.as_str())
            .collect();
        lists.sort_by(|a, b| {
            a["position"]
                .as_f64()
                .partial_cmp(&b["position"].as_f64())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        Ok(lists.iter().map(convert::list).collect())
    }
}

/// Orders projects by each sort key in turn (the first one decides, later ones break ties).
fn sort_projects(projects: &mut [Value], sort: &[ProjectSort]) {
    projects.sort_by(|a, b| {
        sort.iter()
            .map(|s| {
                let (field, desc) = s.key();
                let order = compare(&a[field], &b[field]);
                if desc { order.reverse() } else { order }
            })
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
}

fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => a.as_str().unwrap_or_default().cmp(b.as_str().unwrap_or_default()),
    }
}

/// The relations and counts of a list: its records, as Blue counts them.
#[async_graphql::ComplexObject]
impl super::types::TodoList {
    async fn todos_count(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<i32> {
        Ok(records_of(ctx, &self.id)?.len() as i32)
    }

    async fn todos_max_position(
        &self,
        ctx: &async_graphql::Context<'_>,
    ) -> async_graphql::Result<f64> {
        let positions =
            records_of(ctx, &self.id)?.into_iter().map(|r| super::convert::todo(&r).position);
        Ok(positions.fold(0.0, f64::max))
    }
}

/// The list a record is in.
#[async_graphql::ComplexObject]
impl super::types::Todo {
    async fn todo_list(
        &self,
        ctx: &async_graphql::Context<'_>,
    ) -> async_graphql::Result<super::types::TodoList> {
        let app = super::app(ctx);
        Ok(super::convert::list(&super::load(app, Kind::List, &self.list_id)?))
    }

    async fn users(&self) -> Vec<User> {
        self.user_rows.iter().map(convert::user).collect()
    }

    async fn checklists(
        &self,
        ctx: &async_graphql::Context<'_>,
        order_by: Option<ChecklistOrderByInput>,
    ) -> async_graphql::Result<Vec<Checklist>> {
        let key = order_by.map_or(("position", false), ChecklistOrderByInput::key);
        let rows = children(ctx, Kind::Checklist, "todoId", &self.id, key)?;
        Ok(rows.iter().map(convert::checklist).collect())
    }

    async fn tags(&self) -> Vec<Tag> {
        self.tag_rows.iter().map(|t| convert::tag(&t["tag"])).collect()
    }
}

/// The records of a list, in the order they were made.
fn records_of(ctx: &async_graphql::Context<'_>, list: &str) -> async_graphql::Result<Vec<Value>> {
    let all = super::app(ctx).store.all(Kind::Record).map_err(super::internal)?;
    Ok(all.into_iter().filter(|r| r["todoListId"] == list).collect())
}

/// The user who made a row (Blue's `createdBy`, a comment's `user`).
fn creator(ctx: &async_graphql::Context<'_>, id: &str) -> async_graphql::Result<User> {
    Ok(convert::user(&load(app(ctx), Kind::User, id)?))
}

#[async_graphql::ComplexObject]
impl Checklist {
    async fn checklist_items(
        &self,
        ctx: &async_graphql::Context<'_>,
        order_by: Option<ChecklistItemOrderByInput>,
    ) -> async_graphql::Result<Vec<ChecklistItem>> {
        let key = order_by.map_or(("position", false), ChecklistItemOrderByInput::key);
        let rows = children(ctx, Kind::ChecklistItem, "checklistId", &self.id, key)?;
        Ok(rows.iter().map(convert::checklist_item).collect())
    }

    async fn created_by(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<User> {
        creator(ctx, &self.created_by)
    }
}

/// Rows ordered by a row key (numbers as numbers), descending when asked.
fn sorted(mut rows: Vec<Value>, (key, descending): (&str, bool)) -> Vec<Value> {
    let sort_key = |r: &Value| match &r[key] {
        Value::Number(n) => format!("{:020.6}", n.as_f64().unwrap_or_default()),
        Value::String(s) => s.parse::<f64>().map_or_else(|_| s.clone(), |f| format!("{f:020.6}")),
        other => other.to_string(),
    };
    rows.sort_by_key(sort_key);
    if descending {
        rows.reverse();
    }
    rows
}

/// The rows of `kind` whose `parent_key` is `parent`, ordered by a row key.
fn children(
    ctx: &async_graphql::Context<'_>,
    kind: Kind,
    parent_key: &str,
    parent: &str,
    (key, descending): (&str, bool),
) -> async_graphql::Result<Vec<Value>> {
    let all = app(ctx).store.all(kind).map_err(internal)?;
    let rows: Vec<Value> = all.into_iter().filter(|r| r[parent_key] == parent).collect();
    Ok(sorted(rows, (key, descending)))
}

#[async_graphql::ComplexObject]
impl ChecklistItem {
    async fn users(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<Vec<User>> {
        let row = load(app(ctx), Kind::ChecklistItem, &self.id)?;
        let users = row["checklistItemUsers"].as_array().cloned().unwrap_or_default();
        Ok(users.iter().map(convert::user).collect())
    }

    async fn created_by(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<User> {
        creator(ctx, &self.created_by)
    }
}

#[async_graphql::ComplexObject]
impl Comment {
    async fn user(&self, ctx: &async_graphql::Context<'_>) -> async_graphql::Result<User> {
        creator(ctx, &self.created_by)
    }
}

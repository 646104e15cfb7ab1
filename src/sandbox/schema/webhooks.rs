//! Blue's webhook operations, with its rules: per-user ownership, the secret returned once,
//! `enabled: false` listing everything, plan limits, URL checks and the health check.

use async_graphql::{Context, ErrorExtensions, Object, Result};
use serde_json::{Value, json};

use super::types::*;
use super::{Caller, app, caller, coded, convert, internal};
use crate::events::model::Kind;
use crate::sandbox::App;
use crate::sandbox::store::{self, Hook};

#[derive(Default)]
pub struct WebhookQuery;

#[Object]
impl WebhookQuery {
    async fn webhooks(
        &self,
        ctx: &Context<'_>,
        filter: Option<WebhookFilter>,
        #[graphql(default = 0)] skip: Option<i32>,
        #[graphql(default = 20)] take: Option<i32>,
    ) -> Result<WebhookPagination> {
        let (app, who) = (app(ctx), caller(ctx)?);
        let only_enabled = filter.and_then(|f| f.enabled) == Some(true);
        let mine: Vec<Hook> = app
            .store
            .hooks()
            .map_err(internal)?
            .into_iter()
            .filter(|h| h.owner == who.user)
            .filter(|h| !only_enabled || h.data["enabled"] == true)
            .collect();
        let skip = skip.unwrap_or(0).max(0) as usize;
        let take = take.unwrap_or(20).clamp(0, 100) as usize;
        let items =
            mine.iter().skip(skip).take(take).map(|h| convert::webhook(&h.data, None)).collect();
        Ok(WebhookPagination { items, page_info: PageInfo::of(mine.len(), skip, take) })
    }

    async fn webhook(&self, ctx: &Context<'_>, id: String) -> Result<Webhook> {
        let hook = owned(app(ctx), caller(ctx)?, &id)?;
        Ok(convert::webhook(&hook.data, None))
    }
}

/// The caller's webhook `id`: WEBHOOK_NOT_FOUND, or FORBIDDEN when it is someone else's.
fn owned(app: &App, who: &Caller, id: &str) -> Result<Hook> {
    let hook = app
        .store
        .hook(id)
        .map_err(internal)?
        .ok_or_else(|| coded("WEBHOOK_NOT_FOUND", "Webhook was not found."))?;
    if hook.owner != who.user {
        return Err(coded("FORBIDDEN", "You are not authorized."));
    }
    Ok(hook)
}

#[derive(Default)]
pub struct WebhookMutation;

#[Object]
impl WebhookMutation {
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        input: CreateWebhookInput,
    ) -> Result<Webhook> {
        let (app, who) = (app(ctx), caller(ctx)?);
        company_of(app, who)?;
        check_url(app, &input.url).await?;
        check_plan(app)?;
        let s = store::stamp();
        let events: Vec<String> = input.events.unwrap_or_default().iter().map(enum_name).collect();
        let projects = input.project_ids.unwrap_or_default();
        let data = json!({
            "id": s.id, "uid": s.uid, "name": input.name, "url": input.url,
            "status": "HEALTHY", "events": events, "projectIds": projects, "enabled": true,
            "metadata": {"events": events, "projectIds": projects},
            "createdAt": s.created_at, "updatedAt": s.updated_at, "createdById": who.user,
        });
        let hook = Hook { owner: who.user.clone(), secret: store::random_hex(32), data };
        app.store.put_hook(&hook).map_err(internal)?;
        Ok(convert::webhook(&hook.data, Some(hook.secret.clone())))
    }

    async fn update_webhook(
        &self,
        ctx: &Context<'_>,
        input: UpdateWebhookInput,
    ) -> Result<Webhook> {
        let (app, who) = (app(ctx), caller(ctx)?);
        let mut hook = owned(app, who, &input.webhook_id)?;
        if let Some(url) = &input.url {
            check_url(app, url).await?;
        }
        apply(&mut hook.data, &input);
        if input.enabled == Some(true) {
            let healthy = app.health_check(&hook).await;
            hook.data["enabled"] = json!(healthy);
            hook.data["status"] = json!(if healthy { "HEALTHY" } else { "UNHEALTHY" });
        }
        hook.data["updatedAt"] = json!(store::now_iso());
        app.store.put_hook(&hook).map_err(internal)?;
        Ok(convert::webhook(&hook.data, None))
    }

    async fn disable_webhook(
        &self,
        ctx: &Context<'_>,
        input: DisableWebhookInput,
    ) -> Result<MutationResult> {
        let (app, who) = (app(ctx), caller(ctx)?);
        let mut hook = owned(app, who, &input.webhook_id)?;
        app.disable(&mut hook, "disabled through disableWebhook").map_err(internal)?;
        Ok(MutationResult::ok())
    }

    async fn delete_webhook(
        &self,
        ctx: &Context<'_>,
        input: DeleteWebhookInput,
    ) -> Result<MutationResult> {
        let (app, who) = (app(ctx), caller(ctx)?);
        owned(app, who, &input.webhook_id)?;
        app.store.delete_hook(&input.webhook_id).map_err(internal)?;
        app.store.drop_pending(&input.webhook_id).map_err(internal)?;
        Ok(MutationResult { success: true, operation_id: Some(store::new_id()) })
    }
}

/// `updateWebhook`'s fields: lists replace the stored ones (no merge).
fn apply(data: &mut Value, input: &UpdateWebhookInput) {
    if let Some(name) = &input.name {
        data["name"] = json!(name);
    }
    if let Some(url) = &input.url {
        data["url"] = json!(url);
    }
    if input.enabled == Some(false) {
        data["enabled"] = json!(false);
    }
    if let Some(events) = &input.events {
        let names: Vec<String> = events.iter().flatten().map(enum_name).collect();
        data["events"] = json!(names);
        data["metadata"]["events"] = json!(names);
    }
    if let Some(ids) = &input.project_ids {
        let ids: Vec<&String> = ids.iter().flatten().collect();
        data["projectIds"] = json!(ids);
        data["metadata"]["projectIds"] = json!(ids);
    }
}

/// The organization `createWebhook` needs: the organization header, by id or slug.
fn company_of(app: &App, who: &Caller) -> Result<Value> {
    let wanted = who.org.as_deref().unwrap_or_default();
    app.store
        .all(Kind::Company)
        .map_err(internal)?
        .into_iter()
        .find(|c| !wanted.is_empty() && (c["id"] == wanted || c["slug"] == wanted))
        .ok_or_else(|| coded("COMPANY_NOT_FOUND", "Company was not found."))
}

async fn check_url(app: &App, url: &str) -> Result<()> {
    let parsed = reqwest::Url::parse(url).ok().filter(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    });
    let Some(parsed) = parsed else {
        return Err(coded("BAD_USER_INPUT", format!("Invalid URL: {url}")));
    };
    if app.opts.strict_urls && crate::send::target::private(&parsed).await {
        return Err(coded("INTERNAL_SERVER_ERROR", "URL resolves to a private/internal address"));
    }
    Ok(())
}

fn check_plan(app: &App) -> Result<()> {
    let Some(limit) = app.opts.plan_limit else { return Ok(()) };
    let current = app.store.hooks().map_err(internal)?.len();
    if current < limit {
        return Ok(());
    }
    Err(async_graphql::Error::new("Plan limit reached").extend_with(|_, e| {
        e.set("code", "PLAN_LIMIT_REACHED");
        e.set("kind", "count");
        e.set("resource", "webhooks");
        e.set("current", current as i64);
        e.set("limit", limit as i64);
    }))
}

//! Blue's webhook operations, and finding a webhook by id, id prefix or name.

use serde_json::{Value, json};

use super::Client;
use super::answer::malformed;
use super::operations::{
    CREATE_WEBHOOK, DELETE_WEBHOOK, GET_WEBHOOK, LIST_WEBHOOKS, Operation, UPDATE_WEBHOOK,
};
use crate::error::{Exit, Failure};

/// Webhooks asked for per page (Blue may send fewer; paging follows what it sends).
const PAGE_SIZE: u64 = 50;
/// A bound on paging, against a server that always says there is more.
const MAX_PAGES: usize = 1000;

/// A webhook as Blue returned it (`raw`), with the fields bluehook reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    pub raw: Value,
    pub id: String,
    pub name: Option<String>,
    pub url: String,
    pub secret: Option<String>,
    pub status: Option<String>,
    /// Empty means every event.
    pub events: Vec<String>,
    /// Empty means every project.
    pub project_ids: Vec<String>,
    pub enabled: Option<bool>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

impl Webhook {
    /// A webhook from Blue's answer to `op`; exit 8 when it is not an object with an id.
    pub fn from_answer(op: &Operation, raw: Value) -> Result<Webhook, Failure> {
        Webhook::from_value(raw).ok_or_else(|| malformed(op, "a webhook without an id"))
    }

    /// `None` when `raw` is not an object with a non-empty string `id`.
    pub fn from_value(raw: Value) -> Option<Webhook> {
        let text = |k: &str| raw[k].as_str().map(String::from);
        let list = |k: &str| -> Vec<String> {
            raw[k]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
                .unwrap_or_default()
        };
        let id = text("id").filter(|s| !s.is_empty())?;
        Some(Webhook {
            id,
            name: text("name").filter(|s| !s.is_empty()),
            url: text("url").unwrap_or_default(),
            secret: text("secret").filter(|s| !s.is_empty()),
            status: text("status"),
            events: list("events"),
            project_ids: list("projectIds"),
            enabled: raw["enabled"].as_bool(),
            created_at: text("createdAt"),
            updated_at: text("updatedAt"),
            raw,
        })
    }

    /// The name, or the id when it has none.
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) => format!("`{n}` ({})", self.id),
            None => self.id.clone(),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled == Some(true)
    }

    pub fn is_healthy(&self) -> bool {
        self.status.as_deref() != Some("UNHEALTHY")
    }
}

impl Client {
    /// Every webhook, page by page until Blue says there is no next page. `enabled: Some(true)`
    /// asks Blue for enabled ones only (Blue ignores `enabled: false`, so that is never sent).
    pub async fn list_webhooks(&self, only_enabled: bool) -> anyhow::Result<Vec<Webhook>> {
        let filter = if only_enabled { json!({ "enabled": true }) } else { Value::Null };
        let mut all = Vec::new();
        for _ in 0..MAX_PAGES {
            let vars = json!({ "filter": filter, "skip": all.len(), "take": PAGE_SIZE });
            let data = self.run(&LIST_WEBHOOKS, vars).await?;
            let (items, more) = page(&data)?;
            let empty = items.is_empty();
            all.extend(items);
            if empty || !more {
                return Ok(all);
            }
        }
        Err(malformed(
            &LIST_WEBHOOKS,
            &format!(
                "it kept announcing more webhooks after {MAX_PAGES} pages ({} webhooks); stopped",
                all.len()
            ),
        )
        .into())
    }

    pub async fn webhook(&self, id: &str) -> anyhow::Result<Webhook> {
        let data = self.run(&GET_WEBHOOK, json!({ "id": id })).await?;
        Ok(Webhook::from_answer(&GET_WEBHOOK, data["webhook"].clone())?)
    }

    pub async fn create_webhook(&self, input: Value) -> anyhow::Result<Webhook> {
        let data = self.run(&CREATE_WEBHOOK, json!({ "input": input })).await?;
        Ok(Webhook::from_answer(&CREATE_WEBHOOK, data["createWebhook"].clone())?)
    }

    pub async fn update_webhook(&self, input: Value) -> anyhow::Result<Webhook> {
        let data = self.run(&UPDATE_WEBHOOK, json!({ "input": input })).await?;
        Ok(Webhook::from_answer(&UPDATE_WEBHOOK, data["updateWebhook"].clone())?)
    }

    /// Deletes a webhook; returns Blue's `MutationResult`.
    pub async fn delete_webhook(&self, id: &str) -> anyhow::Result<Value> {
        let data = self.run(&DELETE_WEBHOOK, json!({ "input": { "webhookId": id } })).await?;
        let result = data["deleteWebhook"].clone();
        if result["success"] != true {
            return Err(Failure::new(
                Exit::Api,
                format!("Blue did not delete webhook {id} (success: false)"),
            )
            .into());
        }
        Ok(result)
    }

    /// Finds the webhook `query` names: an id (asked of Blue directly), else a unique id
    /// prefix or a unique name among the caller's webhooks.
    pub async fn resolve(&self, query: &str) -> anyhow::Result<Webhook> {
        let query = query.trim();
        if query.is_empty() {
            return Err(Failure::usage("the webhook id is empty").into());
        }
        let direct_err = match self.webhook(query).await {
            Ok(w) => return Ok(w),
            Err(e) if is_not_found(&e) => e,
            Err(e) => return Err(e),
        };
        let all = self.list_webhooks(false).await?;
        match find(&all, query) {
            Found::One(w) => Ok(w.clone()),
            Found::None => Err(not_found(query, &direct_err).into()),
            Found::Many(c) => Err(ambiguous(query, &c).into()),
        }
    }
}

/// One page of `ListWebhooks` data: its webhooks and whether Blue says more follow. Exit 8
/// when the page has no `items` list or a webhook without an id.
pub fn page(data: &Value) -> Result<(Vec<Webhook>, bool), Failure> {
    let page = &data["webhooks"];
    let items = page["items"]
        .as_array()
        .ok_or_else(|| malformed(&LIST_WEBHOOKS, "a page without items"))?;
    let hooks = items
        .iter()
        .map(|item| Webhook::from_answer(&LIST_WEBHOOKS, item.clone()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((hooks, page["pageInfo"]["hasNextPage"] == true))
}

/// Whether Blue said the id does not exist (or is not an id at all).
pub fn is_not_found(e: &anyhow::Error) -> bool {
    let code = e.chain().find_map(|c| c.downcast_ref::<Failure>()).map(|f| f.exit);
    code == Some(Exit::NotFound) || e.to_string().contains("BAD_USER_INPUT")
}

fn not_found(query: &str, blue: &anyhow::Error) -> Failure {
    let msg = format!("no webhook has the id, id prefix or name `{query}` (Blue: {blue})");
    Failure::new(Exit::NotFound, msg)
        .with_hint("`bluehook list` shows the webhooks this token can see")
}

fn ambiguous(query: &str, candidates: &[&Webhook]) -> Failure {
    let list: Vec<String> = candidates
        .iter()
        .map(|w| format!("  {}  {}  {}", w.id, w.name.as_deref().unwrap_or("-"), w.url))
        .collect();
    Failure::usage(format!("`{query}` matches {} webhooks:\n{}", candidates.len(), list.join("\n")))
        .with_hint("use more of the id, or the full id")
}

/// The result of matching a query against a list of webhooks.
#[derive(Debug, PartialEq)]
pub enum Found<'a> {
    None,
    One(&'a Webhook),
    Many(Vec<&'a Webhook>),
}

/// Exact id, then unique id prefix, then exact name, then name ignoring case.
pub fn find<'a>(hooks: &'a [Webhook], query: &str) -> Found<'a> {
    let tiers: [&dyn Fn(&Webhook) -> bool; 4] = [
        &|w| w.id == query,
        &|w| w.id.starts_with(query),
        &|w| w.name.as_deref() == Some(query),
        &|w| w.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(query)),
    ];
    for matches in tiers {
        let found: Vec<&Webhook> = hooks.iter().filter(|w| matches(w)).collect();
        match found.len() {
            0 => continue,
            1 => return Found::One(found[0]),
            _ => return Found::Many(found),
        }
    }
    Found::None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hook(id: &str, name: Option<&str>) -> Webhook {
        Webhook::from_value(json!({"id": id, "name": name, "url": "https://e.com/h", "events": []}))
            .unwrap()
    }

    #[test]
    fn find_by_id_prefix_and_name() {
        let hooks =
            [hook("abc123", Some("orders")), hook("abd456", Some("Orders-2")), hook("xyz", None)];
        assert_eq!(find(&hooks, "abc123"), Found::One(&hooks[0]));
        assert_eq!(find(&hooks, "abd"), Found::One(&hooks[1]));
        assert_eq!(find(&hooks, "orders"), Found::One(&hooks[0]));
        assert_eq!(find(&hooks, "ORDERS-2"), Found::One(&hooks[1]));
        assert!(matches!(find(&hooks, "ab"), Found::Many(v) if v.len() == 2));
        assert_eq!(find(&hooks, "nope"), Found::None);
    }

    #[test]
    fn missing_lists_mean_everything_and_null_names_are_none() {
        let w = Webhook::from_value(json!({"id": "1", "url": "u", "events": null, "name": ""}))
            .unwrap();
        assert!(w.events.is_empty() && w.project_ids.is_empty() && w.name.is_none());
        assert!(Webhook::from_value(json!({"url": "u"})).is_none());
    }

    #[test]
    fn pages_of_the_wrong_shape_exit_8() {
        let bad = [
            json!({"webhooks": {"pageInfo": {"hasNextPage": false}}}),
            json!({"webhooks": {"items": [{"url": "no id"}]}}),
            json!({"webhooks": {"items": [7]}}),
            json!({}),
        ];
        for data in bad {
            assert_eq!(page(&data).unwrap_err().exit, Exit::Api, "{data}");
        }
        let (hooks, more) =
            page(&json!({"webhooks": {"items": [{"id": "a"}], "pageInfo": {"hasNextPage": true}}}))
                .unwrap();
        assert_eq!((hooks.len(), more), (1, true));
    }
}

//! Temporary webhooks: the ones `bluehook listen --register` creates and deletes when it
//! stops. Their names (`bluehook-temp-<host>-<time>`) tell them from the user's own webhooks,
//! so a later run can notice what a crashed one left and `bluehook cleanup` can delete it.

use std::time::SystemTime;

use serde_json::{Value, json};

use super::{Client, Webhook};

/// What every temporary webhook's name starts with.
pub const PREFIX: &str = "bluehook-temp-";

/// The longest host part of a name (Blue shows names in narrow lists).
const MAX_HOST: usize = 32;

/// `bluehook-temp-<host>-<UTC time>`, e.g. `bluehook-temp-laptop-20261123T171500Z`.
pub fn name(host: &str, at: SystemTime) -> String {
    let host: String = host
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .take(MAX_HOST)
        .collect();
    let host = host.trim_matches('-');
    let host = if host.is_empty() { "host" } else { host };
    let at = chrono::DateTime::<chrono::Utc>::from(at).format("%Y%m%dT%H%M%SZ");
    format!("{PREFIX}{host}-{at}")
}

/// Whether `webhook` is one of bluehook's temporary webhooks.
pub fn is_temporary(webhook: &Webhook) -> bool {
    webhook.name.as_deref().is_some_and(|n| n.starts_with(PREFIX))
}

/// The `createWebhook` input of a temporary webhook. Empty lists are left out: Blue reads a
/// missing list as "all".
pub fn input(name: &str, url: &str, events: &[String], project_ids: &[String]) -> Value {
    let mut input = json!({ "name": name, "url": url });
    if !events.is_empty() {
        input["events"] = json!(events);
    }
    if !project_ids.is_empty() {
        input["projectIds"] = json!(project_ids);
    }
    input
}

impl Client {
    /// Every temporary webhook this token can see.
    pub async fn temporary_webhooks(&self) -> anyhow::Result<Vec<Webhook>> {
        let all = self.list_webhooks(false).await?;
        Ok(all.into_iter().filter(is_temporary).collect())
    }

    /// Points a webhook at another URL (a tunnel that came back with a new public URL).
    pub async fn move_webhook(&self, id: &str, url: &str) -> anyhow::Result<Webhook> {
        self.update_webhook(json!({ "webhookId": id, "url": url })).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn names_carry_the_host_and_the_time_and_are_recognised() {
        let at = UNIX_EPOCH + Duration::from_secs(1_795_454_100);
        assert_eq!(name("Dev-Laptop.local", at), "bluehook-temp-dev-laptop-local-20261123T171500Z");
        assert_eq!(name("", at), "bluehook-temp-host-20261123T171500Z");
        assert_eq!(name("--", at), "bluehook-temp-host-20261123T171500Z");
        let long = name(&"x".repeat(100), at);
        assert_eq!(long.len(), PREFIX.len() + MAX_HOST + 1 + 16);
        let hook = |name: Option<&str>| {
            Webhook::from_value(json!({ "id": "w1", "name": name, "url": "https://x" })).unwrap()
        };
        assert!(is_temporary(&hook(Some(&name("h", at)))));
        assert!(!is_temporary(&hook(Some("bluehook-production"))));
        assert!(!is_temporary(&hook(None)));
    }

    #[test]
    fn empty_lists_mean_all_and_are_left_out() {
        let all = input("n", "https://x", &[], &[]);
        assert_eq!(all, json!({ "name": "n", "url": "https://x" }));
        let some = input("n", "https://x", &["TODO_CREATED".into()], &["p1".into()]);
        assert_eq!(some["events"], json!(["TODO_CREATED"]));
        assert_eq!(some["projectIds"], json!(["p1"]));
    }
}

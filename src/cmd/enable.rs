use std::io::Write;

use serde_json::json;

use super::Context;
use crate::api::Webhook;
use crate::cli::IdArgs;
use crate::error::{Exit, Failure};
use crate::term::output::OK;

/// What the command should leave the webhook as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    On,
    Off,
    Toggle,
}

pub async fn run(args: IdArgs, cx: &Context, want: Want) -> anyhow::Result<()> {
    let client = super::client(&args.api, cx)?;
    let hook = client.resolve(&args.id).await?;
    let on = match want {
        Want::On => true,
        Want::Off => false,
        Want::Toggle => !hook.is_enabled(),
    };
    if hook.is_enabled() == on && (!on || hook.is_healthy()) {
        let state = if on { "enabled" } else { "disabled" };
        cx.console.note(format!("Webhook {} is already {state}; nothing to do.", hook.label()));
        return print_json(&args, &hook);
    }
    let input = json!({ "webhookId": hook.id, "enabled": on });
    let updated = client.update_webhook(input).await?;
    print_json(&args, &updated)?;
    if on {
        check_health(&updated, cx)
    } else {
        cx.console
            .note(format!("Disabled webhook {}: Blue stops delivering to it.", updated.label()));
        Ok(())
    }
}

/// Enabling makes Blue send a WEBHOOK_HEALTH_CHECK first; the returned object tells whether
/// it passed.
fn check_health(hook: &Webhook, cx: &Context) -> anyhow::Result<()> {
    if hook.is_enabled() && hook.is_healthy() {
        cx.console.note(format!(
            "{OK}Enabled{OK:#} webhook {}: Blue's health check passed.",
            hook.label()
        ));
        return Ok(());
    }
    let status = hook.status.as_deref().unwrap_or("unknown status");
    let msg = format!(
        "Blue's health check of {} failed: webhook {} stays disabled ({status})",
        hook.url,
        hook.label()
    );
    Err(Failure::new(Exit::Api, msg)
        .with_hint(
            "Blue POSTs a signed WEBHOOK_HEALTH_CHECK to the URL and needs a 2xx within 7s; \
             make the endpoint answer (try `bluehook send-sample URL`), then enable again",
        )
        .into())
}

fn print_json(args: &IdArgs, hook: &Webhook) -> anyhow::Result<()> {
    if args.json {
        let mut out = anstream::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &hook.raw)?;
        writeln!(out)?;
    }
    Ok(())
}

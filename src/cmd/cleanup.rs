use std::io::Write;

use serde_json::json;

use super::Context;
use crate::api::{Webhook, temporary};
use crate::cli::CleanupArgs;
use crate::error::{Exit, Failure};
use crate::term::output::escape_control;
use crate::term::prompt;

pub async fn run(args: CleanupArgs, cx: &Context) -> anyhow::Result<()> {
    if let Some(name) = &args.keep {
        return kept(&args, name, cx).await;
    }
    prompt::require_yes(args.yes, "delete temporary webhooks")?;
    let client = super::client(&args.api, cx)?;
    let found = client.temporary_webhooks().await?;
    if found.is_empty() {
        cx.console
            .note(format!("No temporary webhooks (named {}...) to delete.", temporary::PREFIX));
        return print(&args, &[], &[]);
    }
    if !args.yes && !confirm(&found, cx)? {
        return Err(prompt::cancelled("nothing was deleted", &cx.console));
    }
    let (mut deleted, mut failed) = (Vec::new(), Vec::new());
    for hook in &found {
        match client.delete_webhook(&hook.id).await {
            Ok(_) => {
                cx.console.note(format!("Deleted {}.", escape_control(&hook.label())));
                deleted.push(hook);
            }
            Err(e) => {
                cx.console
                    .warn(format!("could not delete {}: {e:#}", escape_control(&hook.label())));
                failed.push(hook);
            }
        }
    }
    print(&args, &deleted, &failed)?;
    if failed.is_empty() {
        return Ok(());
    }
    let message =
        format!("{} of {} temporary webhooks were not deleted", failed.len(), found.len());
    Err(Failure::new(Exit::Api, message).with_hint("run `bluehook cleanup` again").into())
}

/// Lists what would be deleted on stderr and asks.
fn confirm(found: &[Webhook], cx: &Context) -> anyhow::Result<bool> {
    for hook in found {
        let label = hook.label();
        cx.console.note(format!("  {}  {}", escape_control(&label), escape_control(&hook.url)));
    }
    let n = found.len();
    let them = if n == 1 { "this temporary webhook".into() } else { format!("these {n}") };
    prompt::confirm(&format!("Delete {them}? A listener still running with one stops receiving"))
}

fn print(args: &CleanupArgs, deleted: &[&Webhook], failed: &[&Webhook]) -> anyhow::Result<()> {
    if !args.json {
        return Ok(());
    }
    let brief = |w: &&Webhook| json!({ "id": w.id, "name": w.name, "url": w.url });
    let v = json!({
        "deleted": deleted.iter().map(brief).collect::<Vec<_>>(),
        "failed": failed.iter().map(brief).collect::<Vec<_>>(),
    });
    let mut out = anstream::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &v)?;
    writeln!(out)?;
    Ok(())
}

/// `cleanup --keep NAME`: the kept webhook deleted and forgotten (no confirmation: the name
/// says exactly which).
async fn kept(args: &CleanupArgs, name: &str, cx: &Context) -> anyhow::Result<()> {
    let client = super::client(&args.api, cx)?;
    let keep = super::keep(name, cx)?;
    match crate::listen::register::forget_kept(&client, &keep).await? {
        Some(id) => cx.console.note(format!(
            "Deleted the kept webhook `{}` ({id}) and forgot its secret.",
            escape_control(name)
        )),
        None => {
            let message = format!("no webhook is kept as `{}`", escape_control(name));
            let hint = "`bluehook listen --register --keep NAME` keeps one";
            return Err(Failure::new(Exit::NotFound, message).with_hint(hint).into());
        }
    }
    Ok(())
}

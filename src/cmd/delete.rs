use std::io::Write;

use serde_json::json;

use super::Context;
use crate::cli::DeleteArgs;
use crate::config;

pub async fn run(args: DeleteArgs, cx: &Context) -> anyhow::Result<()> {
    crate::term::prompt::require_yes(args.yes, &format!("delete webhook {}", args.id))?;
    let client = super::client(&args.api, cx)?;
    let hook = client.resolve(&args.id).await?;
    if !args.yes {
        let (label, url) = (hook.label(), hook.url.clone());
        let (label, url) = (
            crate::term::output::escape_control(&label),
            crate::term::output::escape_control(&url),
        );
        let question = format!("Delete webhook {label} ({url})? This cannot be undone");
        if !crate::term::prompt::confirm(&question)? {
            return Err(crate::term::prompt::cancelled("nothing was deleted", &cx.console));
        }
    }
    let result = client.delete_webhook(&hook.id).await?;
    forget_secret(&hook.id, cx);
    if args.json {
        let mut out = anstream::stdout().lock();
        let v = json!({ "id": hook.id, "deleted": true, "operationId": result["operationId"] });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    }
    cx.console.note(format!("Deleted webhook {}.", hook.label()));
    Ok(())
}

/// Drops the signing secret saved for a deleted webhook; a failure only warns.
fn forget_secret(id: &str, cx: &Context) {
    let Ok(path) = config::path(&super::place(cx)) else { return };
    let Ok(file) = config::load(&path, &cx.console) else { return };
    if !file.webhook_secrets.contains_key(id) {
        return;
    }
    if let Err(e) = config::update(&path, &cx.console, |f| {
        f.webhook_secrets.remove(id);
        f.webhook_names.retain(|_, i| i != id);
    }) {
        cx.console.warn(format!("could not remove the saved secret of {id}: {e:#}"));
    }
}

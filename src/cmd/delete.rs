use std::io::Write;

use serde_json::json;

use crate::cli::{DeleteArgs, GlobalArgs};
use crate::config;
use crate::term::output;

pub async fn run(args: DeleteArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    crate::term::prompt::require_yes(args.yes, &format!("delete webhook {}", args.id))?;
    let client = super::client(&args.api, global)?;
    let hook = client.resolve(&args.id).await?;
    if !args.yes {
        let (label, url) = (hook.label(), hook.url.clone());
        let (label, url) = (
            crate::term::output::escape_control(&label),
            crate::term::output::escape_control(&url),
        );
        let question = format!("Delete webhook {label} ({url})? This cannot be undone");
        if !crate::term::prompt::confirm(&question)? {
            return Err(crate::term::prompt::cancelled("nothing was deleted"));
        }
    }
    let result = client.delete_webhook(&hook.id).await?;
    forget_secret(&hook.id, global);
    if args.json {
        let mut out = anstream::stdout().lock();
        let v = json!({ "id": hook.id, "deleted": true, "operationId": result["operationId"] });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    }
    output::note(format!("Deleted webhook {}.", hook.label()));
    Ok(())
}

/// Drops the signing secret saved for a deleted webhook; a failure only warns.
fn forget_secret(id: &str, global: &GlobalArgs) {
    let Ok(path) = config::path(&super::place(global)) else { return };
    let Ok(file) = config::load(&path) else { return };
    if !file.webhook_secrets.contains_key(id) {
        return;
    }
    if let Err(e) = config::update(&path, |f| {
        f.webhook_secrets.remove(id);
        f.webhook_names.retain(|_, i| i != id);
    }) {
        output::warn(format!("could not remove the saved secret of {id}: {e:#}"));
    }
}

use std::io::Write;

use super::Context;
use crate::cli::ListArgs;

pub async fn run(args: ListArgs, cx: &Context) -> anyhow::Result<()> {
    let client = super::client(&args.api, cx)?;
    let mut hooks = client.list_webhooks(args.enabled).await?;
    // Blue's `filter: {enabled: false}` returns every webhook: filter here instead.
    if args.enabled {
        hooks.retain(|w| w.is_enabled());
    } else if args.disabled {
        hooks.retain(|w| !w.is_enabled());
    }
    let mut out = anstream::stdout().lock();
    if args.json {
        let raw: Vec<&serde_json::Value> = hooks.iter().map(|w| &w.raw).collect();
        serde_json::to_writer_pretty(&mut out, &raw)?;
        writeln!(out)?;
        return Ok(());
    }
    if hooks.is_empty() {
        let which = if args.enabled {
            "enabled "
        } else if args.disabled {
            "disabled "
        } else {
            ""
        };
        cx.console
            .note(format!("No {which}webhooks. Create one with `bluehook create --url URL`."));
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        crate::view::table(&hooks, crate::term::width::terminal_width(), args.wide)
    )?;
    Ok(())
}

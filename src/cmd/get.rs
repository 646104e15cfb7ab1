use std::io::Write;

use super::Context;
use crate::cli::GetArgs;

pub async fn run(args: GetArgs, cx: &Context) -> anyhow::Result<()> {
    let client = super::client(&args.api, cx)?;
    let hook = client.resolve(&args.id).await?;
    let mut out = anstream::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &hook.raw)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", crate::view::details(&hook))?;
    }
    Ok(())
}

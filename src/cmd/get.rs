use std::io::Write;

use crate::cli::{GetArgs, GlobalArgs};

pub async fn run(args: GetArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let client = super::client(&args.api, global)?;
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

use std::io::Write;

use super::Context;
use crate::cli::ProjectsArgs;

pub async fn run(args: ProjectsArgs, cx: &Context) -> anyhow::Result<()> {
    let client = super::client(&args.api, cx)?;
    let projects = client.list_projects(args.search.as_deref()).await?;
    let mut out = anstream::stdout().lock();
    if args.json {
        let raw: Vec<&serde_json::Value> = projects.iter().map(|p| &p.raw).collect();
        serde_json::to_writer_pretty(&mut out, &raw)?;
        writeln!(out)?;
        return Ok(());
    }
    if projects.is_empty() {
        let which = args.search.as_deref().map(|q| format!(" match `{q}`")).unwrap_or_default();
        cx.console.note(format!("No projects{which}."));
        return Ok(());
    }
    writeln!(out, "{}", crate::view::projects(&projects))?;
    Ok(())
}

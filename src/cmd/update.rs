use std::io::Write;

use serde_json::{Value, json};

use super::Context;
use crate::api::{Webhook, error::TUNNEL_HINT};
use crate::cli::UpdateArgs;
use crate::error::Failure;
use crate::{events, hookspec, send, view};

pub async fn run(args: UpdateArgs, cx: &Context) -> anyhow::Result<()> {
    let client = super::client(&args.api, cx)?;
    check_args(&args)?;
    let hook = client.resolve(&args.id).await?;
    let mut input = json!({ "webhookId": hook.id });
    if let Some(url) = &args.url {
        let parsed = hookspec::check_url(url)?;
        if !hookspec::local_api(client.url()) && send::target::private(&parsed).await {
            cx.console.warn(format!("{url} is a private or local address, which Blue refuses"));
            cx.console.note(format!("  {TUNNEL_HINT}"));
        }
        input["url"] = json!(url.trim());
    }
    if let Some(name) = &args.name {
        input["name"] = json!(name);
    }
    if let Some(events) = new_events(&args, &hook, cx)? {
        describe_events(&events, cx);
        input["events"] = json!(events);
    }
    if !args.projects.is_empty() {
        let projects = hookspec::parse_projects(&args.projects)?;
        let projects = client.resolve_projects(&projects).await?;
        describe_projects(&projects, cx);
        input["projectIds"] = json!(projects);
    }
    let updated = client.update_webhook(input).await?;
    print(&args, &updated, cx)
}

fn check_args(args: &UpdateArgs) -> anyhow::Result<()> {
    let nothing = args.url.is_none()
        && args.name.is_none()
        && args.events.is_empty()
        && args.add_events.is_empty()
        && args.remove_events.is_empty()
        && args.projects.is_empty();
    if nothing {
        return Err(Failure::usage("nothing to change")
            .with_hint("give --url, --name, --events, --add-event, --remove-event or --project")
            .into());
    }
    let merging = !args.add_events.is_empty() || !args.remove_events.is_empty();
    if !args.events.is_empty() && merging {
        return Err(Failure::usage(
            "--events replaces the list; it cannot be combined with --add-event or --remove-event",
        )
        .into());
    }
    // Check every event name before any request.
    for list in [&args.events, &args.add_events, &args.remove_events] {
        hookspec::parse_events(list)?;
    }
    Ok(())
}

/// The event list to send, if the events change: `--events` replaces the list;
/// `--add-event`/`--remove-event` merge with the webhook's current list.
fn new_events(
    args: &UpdateArgs,
    hook: &Webhook,
    cx: &Context,
) -> anyhow::Result<Option<Vec<String>>> {
    if !args.events.is_empty() {
        return hookspec::parse_events(&args.events).map(Some);
    }
    if args.add_events.is_empty() && args.remove_events.is_empty() {
        return Ok(None);
    }
    let add = hookspec::parse_events(&args.add_events)?;
    let remove = hookspec::parse_events(&args.remove_events)?;
    if !args.add_events.is_empty() && add.is_empty()
        || !args.remove_events.is_empty() && remove.is_empty()
    {
        return Err(Failure::usage("`all` only works with --events (use --events all)").into());
    }
    let current: Vec<String> = if hook.events.is_empty() {
        if remove.is_empty() {
            cx.console.note("The webhook already receives every event; nothing to add.");
            return Ok(None);
        }
        events::subscribable().map(|e| e.name.to_string()).collect()
    } else {
        hook.events.clone()
    };
    merge(current, &add, &remove).map(Some)
}

fn merge(current: Vec<String>, add: &[String], remove: &[String]) -> anyhow::Result<Vec<String>> {
    let kept = current.iter().chain(add).filter(|e| !remove.contains(e)).map(String::as_str);
    let merged = hookspec::ordered(kept);
    if merged.is_empty() {
        return Err(Failure::usage("that would leave no events, which Blue reads as every event")
            .with_hint("to stop deliveries, use `bluehook disable` or `bluehook delete`")
            .into());
    }
    Ok(merged)
}

fn describe_events(events: &[String], cx: &Context) {
    if events.is_empty() {
        cx.console.note("The event list is replaced: the webhook will receive every event.");
    } else {
        cx.console.note(format!(
            "The event list is replaced by these {} (Blue does not merge lists): {}",
            events.len(),
            events.join(", ")
        ));
    }
}

fn describe_projects(projects: &[String], cx: &Context) {
    if projects.is_empty() {
        cx.console.note("The project list is replaced: the webhook will cover every project.");
    } else {
        cx.console.note(format!("The project list is replaced by: {}", projects.join(", ")));
    }
}

fn print(args: &UpdateArgs, hook: &Webhook, cx: &Context) -> anyhow::Result<()> {
    let mut out = anstream::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &hook.raw as &Value)?;
        writeln!(out)?;
        return Ok(());
    }
    cx.console.note(format!("Updated webhook {}.", hook.label()));
    write!(out, "{}", view::details(hook))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn merge_adds_removes_and_refuses_to_empty() {
        let merged = merge(s(&["TAG_CREATED"]), &s(&["TODO_CREATED"]), &[]).unwrap();
        assert_eq!(merged, s(&["TODO_CREATED", "TAG_CREATED"]));
        let merged = merge(s(&["TAG_CREATED", "TODO_CREATED"]), &[], &s(&["TAG_CREATED"])).unwrap();
        assert_eq!(merged, s(&["TODO_CREATED"]));
        assert!(merge(s(&["TAG_CREATED"]), &[], &s(&["TAG_CREATED"])).is_err());
    }
}

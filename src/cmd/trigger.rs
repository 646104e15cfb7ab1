//! `bluehook trigger EVENT`: performs the real operations that make Blue (or the sandbox)
//! emit EVENT, prints what it created, and with `--cleanup` deletes it again.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::SystemTime;

use anyhow::Context as _;
use serde_json::{Value, json};

use super::Context;
use crate::api::Client;
use crate::api::projects;
use crate::api::records::TODO_LISTS;
use crate::api::trigger::{Entity, SET_KEYS, Session};
use crate::cli::TriggerArgs;
use crate::error::{Exit, Failure};
use crate::events::{self, triggers};
use crate::term::output::OK;

pub async fn run(args: TriggerArgs, cx: &Context) -> anyhow::Result<()> {
    if args.list.as_deref() == Some("") {
        return print_table(args.json);
    }
    let name = args.event.as_deref().unwrap_or_default();
    let event =
        events::resolve(name).map_err(|e| Failure::usage(e.to_string()).with_hint(e.hint()))?;
    let steps = triggers::plan(event.name).ok_or_else(|| {
        Failure::usage(format!("{} is sent by Blue itself; no operation triggers it", event.name))
    })?;
    let set = parse_set(&args.set)?;
    let mut client = super::client(&args.api, cx)?;
    let project = project(&client, args.project.as_deref()).await?;
    let project_id = project["id"].as_str().unwrap_or_default().to_string();
    let list = match args.list.clone() {
        Some(l) => l,
        None => first_list(&client, &project_id).await?,
    };
    client.set_project(Some(project_id.clone()));
    let mut session = Session::new(&client, project_id, list, set);
    let mut interrupts = crate::signals::Interrupts::new()?;
    let outcome = tokio::select! {
        r = run_steps(&mut session, &steps) => Some(r),
        _ = interrupts.recv() => None,
    };
    let cleanup = if args.cleanup { Some(session.cleanup().await) } else { None };
    report(&args, event.name, &project, &session)?;
    match outcome {
        None => Err(Failure::new(Exit::Interrupted, "interrupted").into()),
        Some(Err(e)) => Err(e),
        Some(Ok(())) => {
            cleanup.unwrap_or(Ok(()))?;
            if !args.json {
                let name = project["name"].as_str().unwrap_or_default();
                cx.console.note(format!("{OK}Triggered{OK:#} {} in project {name}.", event.name));
            }
            Ok(())
        }
    }
}

async fn run_steps(session: &mut Session<'_>, steps: &[triggers::Step]) -> anyhow::Result<()> {
    for step in steps {
        session.step(*step).await.with_context(|| format!("{} failed", step.operation()))?;
    }
    Ok(())
}

fn parse_set(pairs: &[String]) -> anyhow::Result<BTreeMap<String, String>> {
    let mut set = BTreeMap::new();
    for pair in pairs {
        let Some((k, v)) = pair.split_once('=').filter(|(k, _)| SET_KEYS.contains(&k.trim()))
        else {
            return Err(Failure::usage(format!(
                "--set `{pair}` is not KEY=VALUE with a known key"
            ))
            .with_hint(format!("keys: {}", SET_KEYS.join(", ")))
            .into());
        };
        let v = if k.trim() == "due" { due(v.trim(), SystemTime::now())? } else { v.to_string() };
        set.insert(k.trim().to_string(), v);
    }
    Ok(set)
}

/// `--set due=...` as people write a date: `2027-01-31` (midnight UTC), RFC 3339
/// (`2027-01-31T09:00:00+01:00`), or a span from `now` (`+3d`, `+2w`, `+12h`); as Blue's
/// `DateTime`, RFC 3339 in UTC with milliseconds.
fn due(value: &str, now: SystemTime) -> anyhow::Result<String> {
    use chrono::{DateTime, NaiveDate, Utc};
    let at: Option<DateTime<Utc>> = if let Some(span) = value.strip_prefix('+') {
        humantime::parse_duration(span).ok().and_then(|d| now.checked_add(d)).map(DateTime::from)
    } else if let Ok(day) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        day.and_hms_opt(0, 0, 0).map(|t| t.and_utc())
    } else {
        DateTime::parse_from_rfc3339(value).ok().map(|t| t.to_utc())
    };
    let at = at.ok_or_else(|| {
        Failure::usage(format!("--set due=`{value}` is not a date"))
            .with_hint("write 2027-01-31, 2027-01-31T09:00:00Z (RFC 3339) or +3d (from now)")
    })?;
    Ok(at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
}

/// The project named by id, slug or name (as everywhere else), or the organization's first.
async fn project(client: &Client, wanted: Option<&str>) -> anyhow::Result<Value> {
    let Some(org) = client.org() else {
        return Err(Failure::usage("trigger needs the organization (--org or BLUE_ORG_ID)").into());
    };
    let all = client.list_projects(None).await?;
    let found = match wanted {
        Some(w) => projects::find(&all, w)?,
        None => all.first().ok_or_else(|| {
            Failure::new(Exit::NotFound, format!("organization {org} has no project"))
                .with_hint("create one in Blue, or pass --project")
        })?,
    };
    Ok(found.raw.clone())
}

async fn first_list(client: &Client, project: &str) -> anyhow::Result<String> {
    let data = client.run(&TODO_LISTS, json!({"projectId": project})).await?;
    data["todoLists"][0]["id"].as_str().map(String::from).ok_or_else(|| {
        Failure::new(Exit::Api, "the project has no list to create records in")
            .with_hint("create one in Blue, or pass --list ID")
            .into()
    })
}

/// What was created and deleted, whether or not every step succeeded.
fn report(args: &TriggerArgs, event: &str, project: &Value, s: &Session) -> anyhow::Result<()> {
    let mut out = anstream::stdout().lock();
    if args.json {
        let v = json!({"event": event, "project": project, "list": s.list,
            "created": s.created, "deleted": s.deleted});
        return writeln!(out, "{}", serde_json::to_string_pretty(&v)?).map_err(Into::into);
    }
    let line = |verb: &str, e: &Entity| format!("{verb} {} {} ({})", e.kind, e.id, e.operation);
    for e in &s.created {
        writeln!(out, "{}", line("created", e))?;
    }
    for e in &s.deleted {
        writeln!(out, "{}", line("deleted", e))?;
    }
    Ok(())
}

fn print_table(json: bool) -> anyhow::Result<()> {
    let mut out = anstream::stdout().lock();
    let rows: Vec<(&str, String)> = events::subscribable()
        .filter_map(|e| triggers::plan(e.name).map(|p| (e.name, triggers::operations(&p))))
        .collect();
    if json {
        let v: Vec<Value> = rows
            .iter()
            .map(|(e, ops)| json!({"event": e, "operations": ops.split(", ").collect::<Vec<_>>()}))
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(());
    }
    writeln!(out, "{}", crate::view::trigger_plans(&rows).trim_end_matches('\n'))?;
    Ok(())
}

use std::io::Write;

use serde_json::{Value, json};

use crate::api::{Webhook, error::TUNNEL_HINT};
use crate::cli::{CreateArgs, GlobalArgs};
use crate::error::{Exit, Failure};
use crate::events::{self, Group};
use crate::term::output::{self, BOLD, WARN};
use crate::{config, hookspec, term::view};

/// What to create, once every input is known and checked.
struct Spec {
    url: String,
    name: Option<String>,
    events: Vec<String>,
    projects: Vec<String>,
}

pub async fn run(args: CreateArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let client = super::client(&args.api, global)?;
    if client.org().is_none() {
        return Err(Failure::new(
            Exit::Auth,
            "creating a webhook needs an organization, and none is set",
        )
        .with_hint("pass --org ORG, set BLUE_ORG_ID, or save one with `bluehook login --org ORG`")
        .into());
    }
    let spec = gather(&args)?;
    let parsed = hookspec::check_url(&spec.url)?;
    if hookspec::is_private(&parsed) {
        output::warn(format!("{} is a private or local address, which Blue refuses", spec.url));
        output::note(format!("  {TUNNEL_HINT}"));
    }
    let hook = client.create_webhook(input(&spec)).await?;
    report(&args, &hook)?;
    if args.save_secret {
        save_secret(&hook, global)?;
    }
    Ok(())
}

/// Flags first; on a terminal, `bluehook create` without `--url` asks for everything.
fn gather(args: &CreateArgs) -> anyhow::Result<Spec> {
    let prompt = args.url.is_none() && output::interactive();
    let url = match &args.url {
        Some(u) => u.trim().to_string(),
        None if prompt => ask_url()?,
        None => {
            return Err(Failure::usage("--url is required (no terminal to ask on)")
                .with_hint("bluehook create --url https://example.com/hook --events TODO_CREATED")
                .into());
        }
    };
    hookspec::check_url(&url)?;
    let mut events = hookspec::parse_events(&args.events)?;
    let mut projects = hookspec::parse_projects(&args.projects)?;
    let mut name = args.name.clone().filter(|n| !n.trim().is_empty());
    if prompt {
        if name.is_none() {
            name = Some(crate::term::prompt::optional_text("Name (optional)")?)
                .filter(|n| !n.is_empty());
        }
        if args.events.is_empty() {
            events = ask_events()?;
        }
        if args.projects.is_empty() {
            projects = hookspec::parse_projects(&split(&crate::term::prompt::optional_text(
                "Project ids, comma-separated (empty = every project)",
            )?))?;
        }
    }
    Ok(Spec { url, name, events, projects })
}

fn split(s: &str) -> Vec<String> {
    s.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

fn ask_url() -> anyhow::Result<String> {
    let url: String = dialoguer::Input::new()
        .with_prompt("URL Blue should deliver to")
        .validate_with(|u: &String| hookspec::check_url(u).map(|_| ()).map_err(|e| e.to_string()))
        .interact_text()
        .map_err(crate::term::prompt::failed)?;
    Ok(url.trim().to_string())
}

/// A multi-select of the subscribable events, grouped as `bluehook events` shows them.
fn ask_events() -> anyhow::Result<Vec<String>> {
    let all: Vec<&events::Event> = Group::ALL
        .iter()
        .flat_map(|g| events::subscribable().filter(move |e| e.group == *g))
        .collect();
    let labels: Vec<String> = all
        .iter()
        .map(|e| format!("{:<16} {:<40} {}", e.group.title(), e.name, e.description))
        .collect();
    let chosen = dialoguer::MultiSelect::new()
        .with_prompt(format!(
            "Events (space selects, enter confirms; none selected = all {} events)",
            all.len()
        ))
        .items(&labels)
        .max_length(20)
        .interact()
        .map_err(crate::term::prompt::failed)?;
    Ok(hookspec::ordered(chosen.into_iter().map(|i| all[i].name)))
}

fn input(spec: &Spec) -> Value {
    let mut input = json!({ "url": spec.url });
    if let Some(name) = &spec.name {
        input["name"] = json!(name);
    }
    // Empty lists are left out: Blue reads a missing list as "all".
    if !spec.events.is_empty() {
        input["events"] = json!(spec.events);
    }
    if !spec.projects.is_empty() {
        input["projectIds"] = json!(spec.projects);
    }
    input
}

fn report(args: &CreateArgs, hook: &Webhook) -> anyhow::Result<()> {
    let mut out = anstream::stdout().lock();
    let Some(secret) = &hook.secret else {
        output::warn("Blue returned no signing secret for the new webhook");
        return print_hook(args, hook, &mut out);
    };
    if args.print_secret {
        writeln!(out, "{secret}")?;
        output::note(format!(
            "Created webhook {}; only the signing secret was printed.",
            hook.label()
        ));
        return Ok(());
    }
    print_hook(args, hook, &mut out)?;
    if !args.json {
        writeln!(out, "{BOLD}Secret{BOLD:#}    {secret}")?;
    }
    out.flush()?;
    if !args.save_secret {
        output::note(format!(
            "{WARN}Blue will never show this signing secret again:{WARN:#} store it now \
             (or create with --save-secret)."
        ));
    }
    Ok(())
}

fn print_hook(args: &CreateArgs, hook: &Webhook, out: &mut impl Write) -> anyhow::Result<()> {
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &hook.raw)?;
        writeln!(out)?;
        return Ok(());
    }
    output::note(format!("Created webhook {}.", hook.label()));
    if hook.events.is_empty() {
        let n = events::subscribable().count();
        output::note(format!("It receives all {n} events (no event list was given)."));
    }
    write!(out, "{}", view::details(hook))?;
    Ok(())
}

fn save_secret(hook: &Webhook, global: &crate::cli::GlobalArgs) -> anyhow::Result<()> {
    let Some(secret) = hook.secret.clone() else { return Ok(()) };
    let path = config::path(&super::place(global))?;
    config::update(&path, |f| {
        f.webhook_secrets.insert(hook.id.clone(), secret);
    })?;
    output::note(format!(
        "Saved the signing secret in {}: `bluehook listen --webhook {}` and \
         `bluehook send-sample --webhook {}` will use it.",
        path.display(),
        hook.id,
        hook.id
    ));
    Ok(())
}

use std::io::Write;

use serde_json::{Value, json};

use super::Context;
use crate::api::{Client, Webhook, error::TUNNEL_HINT};
use crate::cli::CreateArgs;
use crate::error::{Exit, Failure};
use crate::events::{self, Group};
use crate::term::Console;
use crate::term::output::{self, BOLD, WARN};
use crate::term::picker::{self, Item, Picker};
use crate::term::prompt;
use crate::{config, hookspec, send, view};

/// What to create, once every input is known and checked.
struct Spec {
    url: String,
    name: Option<String>,
    events: Vec<String>,
    projects: Vec<String>,
}

pub async fn run(args: CreateArgs, cx: &Context) -> anyhow::Result<()> {
    let client = super::client(&args.api, cx)?;
    if client.org().is_none() {
        return Err(Failure::new(
            Exit::Auth,
            "creating a webhook needs an organization, and none is set",
        )
        .with_hint("pass --org ORG, set BLUE_ORG_ID, or save one with `bluehook login --org ORG`")
        .into());
    }
    let spec = gather(&args, &client).await?;
    let parsed = hookspec::check_url(&spec.url)?;
    if !hookspec::local_api(client.url()) && send::target::private(&parsed).await {
        cx.console.warn(format!("{} is a private or local address, which Blue refuses", spec.url));
        cx.console.note(format!("  {TUNNEL_HINT}"));
    }
    let hook = client.create_webhook(input(&spec)).await?;
    report(&args, &hook, &cx.console)?;
    if args.save_secret {
        save_secret(&hook, cx)?;
    }
    Ok(())
}

/// Flags first; on a terminal, `bluehook create` without `--url` asks for everything.
async fn gather(args: &CreateArgs, client: &Client) -> anyhow::Result<Spec> {
    let prompt = args.url.is_none() && output::interactive();
    let url = match &args.url {
        Some(u) => hookspec::web_url(u)?.to_string(),
        None if prompt => ask_url(hookspec::local_api(client.url()))?,
        None => {
            return Err(Failure::usage("--url is required (no terminal to ask on)")
                .with_hint("bluehook create --url https://example.com/hook --events TODO_CREATED")
                .into());
        }
    };
    let mut events = hookspec::parse_events(&args.events)?;
    let queries = hookspec::parse_projects(&args.projects)?;
    let mut projects = client.resolve_projects(&queries).await?;
    let mut name = args.name.clone().filter(|n| !n.trim().is_empty());
    if prompt {
        if name.is_none() {
            name = Some(prompt::optional_text("Name (optional)")?).filter(|n| !n.is_empty());
        }
        if args.events.is_empty() {
            events = ask_events()?;
        }
        if args.projects.is_empty() {
            projects = ask_projects(client).await?;
        }
    }
    Ok(Spec { url, name, events, projects })
}

/// Asks until the URL is one Blue can deliver to: a scheme (http:// assumed for loopback
/// hosts, so that the next check can say why those are refused) and a public host, unless
/// the API is `local` (the sandbox), which delivers to this machine.
fn ask_url(local: bool) -> anyhow::Result<String> {
    prompt::text_until("URL Blue should deliver to", None, |u| {
        let url = hookspec::web_url(u).map_err(|e| describe(&e))?;
        if !local && hookspec::is_private(&url) {
            return Err(format!(
                "{url} is a private or local address, which Blue refuses: expose a local \
                 receiver through a tunnel (ngrok, cloudflared) and give its public URL"
            ));
        }
        Ok(url.to_string())
    })
}

/// An error and its hint on one line, for a prompt to show.
fn describe(e: &anyhow::Error) -> String {
    match e.downcast_ref::<Failure>().and_then(|f| f.hint.as_deref()) {
        Some(hint) => format!("{e}: {hint}"),
        None => e.to_string(),
    }
}

/// The event picker: the subscribable events in their groups.
fn ask_events() -> anyhow::Result<Vec<String>> {
    let items: Vec<Item> = Group::ALL
        .iter()
        .flat_map(|g| events::subscribable().filter(move |e| e.group == *g))
        .map(|e| Item {
            group: e.group.title().into(),
            name: e.name.into(),
            detail: e.description.into(),
        })
        .collect();
    let none = format!("all {} events", items.len());
    let names: Vec<String> = items.iter().map(|i| i.name.clone()).collect();
    let chosen = picker::pick(Picker::new("Events", &none, items), "event")?;
    Ok(hookspec::ordered(chosen.iter().map(|i| names[*i].as_str())))
}

/// The project picker over the organization's projects; none chosen = every project.
async fn ask_projects(client: &Client) -> anyhow::Result<Vec<String>> {
    let list = client.list_projects(None).await?;
    if list.is_empty() {
        client
            .console()
            .note("The organization has no projects yet: the webhook covers every project.");
        return Ok(Vec::new());
    }
    let items: Vec<Item> = list
        .iter()
        .map(|p| Item { group: String::new(), name: p.name.clone(), detail: p.slug.clone() })
        .collect();
    let picker = Picker::new("Projects", "all projects", items);
    let chosen = picker::pick(picker, "project")?;
    Ok(chosen.into_iter().map(|i| list[i].id.clone()).collect())
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

fn report(args: &CreateArgs, hook: &Webhook, console: &Console) -> anyhow::Result<()> {
    let mut out = anstream::stdout().lock();
    let Some(secret) = &hook.secret else {
        console.warn("Blue returned no signing secret for the new webhook");
        return print_hook(args, hook, (&mut out, console));
    };
    if args.print_secret {
        writeln!(out, "{secret}")?;
        console.note(format!(
            "Created webhook {}; only the signing secret was printed.",
            hook.label()
        ));
        return Ok(());
    }
    print_hook(args, hook, (&mut out, console))?;
    if !args.json {
        writeln!(out, "{BOLD}Secret{BOLD:#}    {secret}")?;
    }
    out.flush()?;
    if !args.save_secret {
        console.note(format!(
            "{WARN}Blue will never show this signing secret again:{WARN:#} store it now \
             (or create with --save-secret)."
        ));
    }
    Ok(())
}

fn print_hook(
    args: &CreateArgs,
    hook: &Webhook,
    (out, console): (&mut impl Write, &Console),
) -> anyhow::Result<()> {
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &hook.raw)?;
        writeln!(out)?;
        return Ok(());
    }
    console.note(format!("Created webhook {}.", hook.label()));
    if hook.events.is_empty() {
        let n = events::subscribable().count();
        console.note(format!("It receives all {n} events (no event list was given)."));
    }
    write!(out, "{}", view::details(hook))?;
    Ok(())
}

fn save_secret(hook: &Webhook, cx: &Context) -> anyhow::Result<()> {
    let Some(secret) = hook.secret.clone() else { return Ok(()) };
    let path = config::path(&super::place(cx))?;
    config::update(&path, &cx.console, |f| {
        f.webhook_secrets.insert(hook.id.clone(), secret);
        if let Some(name) = &hook.name {
            f.webhook_names.insert(name.clone(), hook.id.clone());
        }
    })?;
    let key = hook.name.clone().unwrap_or_else(|| hook.id.clone());
    cx.console.note(format!(
        "Saved the signing secret in {}: `bluehook listen --webhook {key}` and \
         `bluehook send-sample --webhook {key}` will use it.",
        path.display(),
    ));
    Ok(())
}

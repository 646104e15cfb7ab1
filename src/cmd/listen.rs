//! `bluehook listen`: the flags mapped to a [`Settings`]; the run itself is
//! [`crate::listen::session`].

use std::sync::Arc;
use std::time::Duration;

use hyper::StatusCode;

use super::Context;
use crate::cli::ListenArgs;
use crate::error::{Exit, Failure};
use crate::hookspec;
use crate::listen::courier::Retry;
use crate::listen::exec::Exec;
use crate::listen::gate::Gate;
use crate::listen::inspector;
use crate::listen::receiver;
use crate::listen::register::Registering;
use crate::listen::route::Route;
use crate::listen::session::{self, AnswerFirst, SavedSecrets, Settings};
use crate::listen::tunnel;

pub async fn run(args: ListenArgs, cx: &Context) -> anyhow::Result<()> {
    let registering = registering(&args, cx)?;
    let secret = match registering {
        Some(_) => None,
        None => super::secret(&args.secret, cx)?,
    };
    let gate = Gate::new(&args.expect, args.count)?;
    let filter = super::filter(args.filter.as_deref())?.map(Arc::new);
    let tunnel = match &args.tunnel {
        Some(spec) => Some(
            spec.parse::<tunnel::Spec>().map_err(|e| Failure::usage(format!("--tunnel: {e}")))?,
        ),
        None => None,
    };
    let inspect = match &args.inspect {
        Some(addr) => Some(inspector::bind_addr(addr, args.inspector.inspect_public)?),
        None => None,
    };
    let settings = Settings {
        receiver: receiver_config(&args),
        secret: secret.clone(),
        filter,
        routes: routes(&args.forward_to)?,
        answer_first: answer_first(&args)?,
        count: args.count,
        timeout: args.timeout,
        junit: args.junit.clone(),
        json: args.json,
        compact: args.compact,
        body: args.body,
        verbose: cx.verbose,
        tunnel,
        public_url: args.public_url.clone(),
        probe_every: args.probe_every,
        exit_on_disconnect: args.exit_on_disconnect,
        inspect,
        inspect_keep: args.inspector.inspect_keep,
        saved_secrets: saved_secrets(secret.is_some() || registering.is_some(), cx),
        registering,
        console: cx.console.clone(),
        driver: None,
    };
    session::run(settings, gate).await
}

/// `--forward-to`, each read as `[EVENTS=]URL`.
fn routes(given: &[String]) -> anyhow::Result<Vec<Route>> {
    let read = given.iter().map(|g| Route::parse(g));
    read.collect::<Result<_, _>>().map_err(|e| Failure::usage(format!("--forward-to: {e}")).into())
}

/// `--answer-first` with its queue file and retries.
fn answer_first(args: &ListenArgs) -> anyhow::Result<Option<AnswerFirst>> {
    if !args.answer_first {
        return Ok(None);
    }
    let queue = match &args.queue {
        Some(q) => q.clone(),
        None => crate::config::state_dir()?.join("queue.db"),
    };
    let retry = Retry {
        attempts: args.forward_attempts,
        timeout: args.forward_timeout,
        backoff: Duration::from_secs(1),
        max_backoff: Duration::from_secs(60),
    };
    Ok(Some(AnswerFirst { queue, retry }))
}

fn receiver_config(args: &ListenArgs) -> receiver::Config {
    let mut config = receiver::Config::new(args.host.clone(), args.port);
    config.path = args.path.clone();
    config.max_body = args.max_body;
    config.status = StatusCode::from_u16(args.status).unwrap_or(StatusCode::OK);
    config.record = args.record.clone();
    config.read_timeout = args.read_timeout;
    config.exec =
        args.exec.as_ref().map(|c| Arc::new(Exec::new(c, args.exec_concurrency as usize)));
    config.exec_ack = args.exec_ack;
    config.memory_budget = args.memory_budget;
    config.max_connections = args.max_connections as usize;
    config
}

/// The other saved webhooks' secrets, to explain rejected signatures with (read only when
/// there is a secret to verify with).
fn saved_secrets(verifying: bool, cx: &Context) -> SavedSecrets {
    if !verifying {
        return Ok(Vec::new());
    }
    let file = crate::config::path(&super::place(cx))
        .and_then(|p| crate::config::load(&p, &cx.console))?;
    Ok(file.webhook_secrets.into_iter().collect())
}

/// `--register`, checked before anything starts: the client, and what to subscribe to.
fn registering(args: &ListenArgs, cx: &Context) -> anyhow::Result<Option<Registering>> {
    if !args.register {
        return Ok(None);
    }
    let client = super::client(&args.api, cx)?;
    if client.org().is_none() {
        let message = "--register creates a webhook, which needs an organization; none is set";
        let hint = "pass --org ORG, set BLUE_ORG_ID, or save one with `bluehook login --org ORG`";
        return Err(Failure::new(Exit::Auth, message).with_hint(hint).into());
    }
    let local_blue = hookspec::local_api(client.url());
    if args.tunnel.is_none() && args.public_url.is_none() && !local_blue {
        let message = "--register needs a public URL for Blue to deliver to";
        let hint = "add --tunnel bore, --tunnel cloudflared, --tunnel ngrok or --public-url URL \
                    (this listener's own URL is enough only for a Blue on this machine, such as \
                    `bluehook sandbox`)";
        return Err(Failure::usage(message).with_hint(hint).into());
    }
    // Without -e, the webhook subscribes to what --expect waits for (or to every event).
    let given = if args.events.is_empty() { &args.expect } else { &args.events };
    let events = hookspec::parse_events(given)?;
    let expected = args.expect.iter().filter_map(|e| crate::events::resolve(e).ok());
    for name in expected.map(|e| e.name) {
        if !events.is_empty() && !events.iter().any(|e| e == name) {
            cx.console.warn(format!("--expect {name}, but the webhook does not subscribe to it"));
        }
    }
    let projects = hookspec::parse_projects(&args.projects)?;
    let keep = args.keep.as_deref().map(|name| super::keep(name, cx));
    Ok(Some(Registering {
        client: Arc::new(client),
        events,
        projects,
        reach: reach(args, cx),
        keep: keep.transpose()?,
        env_file: args.env_file.clone(),
    }))
}

/// `--profile`, `--config`, `--api-url` and `--org` as given, quoted for a shell, for a
/// command to print.
fn reach(args: &ListenArgs, cx: &Context) -> String {
    let config = cx.config.as_ref().map(|c| c.to_string_lossy().into_owned());
    let given = [
        ("--profile", cx.profile.clone()),
        ("--config", config),
        ("--api-url", args.api.api_url.clone()),
        ("--org", args.api.org.clone()),
    ];
    let flags = given
        .into_iter()
        .filter_map(|(flag, value)| Some(format!(" {flag} {}", shell_words::quote(&value?))));
    flags.collect()
}

//! `bluehook send-sample`: the flags mapped to [`crate::send::sample`]'s settings (the
//! project looked up in Blue, the secret and the event resolved).

use std::sync::Arc;

use super::Context;
use crate::cli::SendSampleArgs;
use crate::error::{Exit, Failure};
use crate::events;
use crate::send::delivery::Target;
use crate::send::sample::{self, Body, LOGGED_IN_LOAD, Settings};
use crate::signature::Signer;

pub async fn run(mut args: SendSampleArgs, cx: &Context) -> anyhow::Result<()> {
    cx.console.url_password(&args.url);
    let mut target = Target::from_args(&args.url, &args.headers, args.timeout, args.insecure)?;
    let logged = (args.count > 1).then_some(LOGGED_IN_LOAD);
    target.trace = crate::send::trace::Trace::new(cx.verbose, logged, &cx.console);
    let target = Arc::new(target);
    if let Some(query) = &args.project {
        args.project = Some(project_id(query, cx).await?);
    }
    let secret = super::secret(&args.secret, cx)?;
    if secret.is_none() {
        cx.console.warn(
            "no secret given: sending without X-Signature (pass --secret or set BLUEHOOK_SECRET)",
        );
    }
    let signer = secret.map(|s| Signer::new(s.as_bytes()));
    let event = events::resolve(&args.event)
        .map_err(|e| Failure::usage(format!("{e} (--event)")).with_hint(e.hint()))?;
    let body = Body {
        data: args.data.clone(),
        seed: args.seed,
        project: args.project.clone(),
        unique: args.unique,
        count: args.count,
    };
    let make = sample::deliveries(&body, event, signer, (target.url.as_str(), &cx.console))?;
    if args.count > 1 && cx.verbose > 0 {
        cx.console
            .note(format!("bluehook: -v shows the first {LOGGED_IN_LOAD} exchanges of a load run"));
    }
    let settings = Settings {
        target,
        event: args.data.is_none().then_some(event.name),
        count: args.count,
        concurrency: args.concurrency,
        json: args.json,
        print: args.print,
    };
    sample::run(settings, make).await
}

/// The project id for `--project` (an id, a slug or an exact name) when Blue credentials are
/// configured; without them, or when Blue cannot be asked or knows no such project, the
/// value goes into the sample as given (a sample may name a project that does not exist).
async fn project_id(query: &str, cx: &Context) -> anyhow::Result<String> {
    let given = crate::config::Given::from_env();
    let timeout = std::time::Duration::from_secs(10);
    let Ok(client) = super::client_from(&given, timeout, cx) else {
        return Ok(query.to_string());
    };
    if client.org().is_none() {
        return Ok(query.to_string());
    }
    let all = match client.list_projects(None).await {
        Ok(all) => all,
        Err(e) => {
            cx.console.warn(format!(
                "could not look up project `{query}` ({e:#}); the sample uses it as given"
            ));
            return Ok(query.to_string());
        }
    };
    match crate::api::projects::find(&all, query) {
        Ok(p) => Ok(p.id.clone()),
        Err(e) if crate::error::report(&e).exit == Exit::NotFound => Ok(query.to_string()),
        Err(e) => Err(e),
    }
}

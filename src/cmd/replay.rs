//! `bluehook replay`: the flags mapped to [`crate::send::replay`]'s settings.

use std::sync::Arc;

use super::Context;
use crate::cli::ReplayArgs;
use crate::error::Failure;
use crate::events;
use crate::send::delivery::Target;
use crate::send::replay::{self, Select, Settings};
use crate::signature::Signer;

pub async fn run(args: ReplayArgs, cx: &Context) -> anyhow::Result<()> {
    cx.console.url_password(&args.url);
    let mut target = Target::from_args(&args.url, &args.headers, args.timeout, args.insecure)?;
    target.trace = crate::send::trace::Trace::new(cx.verbose, None, &cx.console);
    let filter = super::filter(args.filter.as_deref())?;
    let select = Select {
        only: args.only.iter().map(|r| (r.start, r.end)).collect(),
        events: wanted_events(&args.events)?,
        filter: filter.map(|f| Box::new(move |body: &[u8]| f.matches(body)) as replay::BodyFilter),
    };
    let secret = super::secret(&args.secret, cx)?;
    let settings = Settings {
        file: args.file.clone(),
        target: Arc::new(target),
        select,
        signer: secret.map(|s| Signer::new(s.as_bytes())),
        strict: args.strict,
        json: args.json,
        concurrency: args.concurrency,
    };
    replay::run(settings).await
}

fn wanted_events(names: &[String]) -> anyhow::Result<Vec<&'static str>> {
    names
        .iter()
        .map(|name| {
            events::resolve(name)
                .map(|e| e.name)
                .map_err(|e| Failure::usage(format!("{e} (--event)")).with_hint(e.hint()).into())
        })
        .collect()
}

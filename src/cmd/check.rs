//! `bluehook check URL`: the command line mapped to `check::Settings`; the run, its output and
//! its exit code (1 when a case failed, or warned under `--strict`).

use std::time::SystemTime;

use super::Context;
use crate::check::{Settings, bodies::Plan, case, report, runner};
use crate::cli::CheckArgs;
use crate::error::{Exit, Failure};
use crate::events::{self, Event};
use crate::send::delivery::Target;
use crate::send::trace::Trace;
use crate::signature::Signer;

pub async fn run(args: CheckArgs, cx: &Context) -> anyhow::Result<()> {
    cx.console.url_password(&args.url);
    let settings = settings(&args, cx)?;
    let results = runner::run(&settings).await?;
    let mut out = anstream::stdout().lock();
    if args.json {
        report::write_json(&mut out, &results)?;
    } else {
        let color = crate::term::output::stdout_has_color();
        report::write_human(&mut out, &results, crate::term::width::terminal_width(), color)?;
    }
    drop(out);
    if let Some(path) = &args.junit {
        crate::junit::write(path, &report::junit(&results))?;
    }
    if results.failed() {
        return Err(Failure::silent(Exit::Failure).into());
    }
    Ok(())
}

fn settings(args: &CheckArgs, cx: &Context) -> anyhow::Result<Settings> {
    let mut target = Target::from_args(&args.url, &[], args.timeout, args.insecure)?;
    target.trace = Trace::new(cx.verbose, None, &cx.console);
    let secret = super::require_secret(&args.secret, cx)?;
    cx.console.secret(&secret);
    let cases = case::select(&args.only, &args.skip).map_err(|e| {
        let flag = if args.only.is_empty() { "--skip" } else { "--only" };
        Failure::usage(format!("{e} ({flag})")).with_hint(e.hint())
    })?;
    if cases.iter().all(|c| c.expect() == case::Expect::Meta) {
        let msg = "timing and redirect judge the deliveries of other cases: give one of them";
        return Err(Failure::usage(msg).with_hint("--only timing,every-event").into());
    }
    let plan = Plan {
        // Fresh ids on every run, so a receiver that remembers deliveries sees new ones.
        seed: crate::send::sample::fresh_seed(),
        now: SystemTime::now(),
        url: target.url.to_string(),
        signer: Signer::new(secret.as_bytes()),
        events: chosen_events(&args.events)?,
        burst: usize::from(args.concurrency),
    };
    Ok(Settings { target, plan, cases, max_time: args.max_time, strict: args.strict })
}

/// `--events`, or every subscribable event; the health check is a case of its own.
fn chosen_events(names: &[String]) -> anyhow::Result<Vec<&'static Event>> {
    if names.is_empty() {
        return Ok(events::subscribable().collect());
    }
    names
        .iter()
        .map(|n| {
            let e = events::resolve(n)
                .map_err(|e| Failure::usage(format!("{e} (--events)")).with_hint(e.hint()))?;
            if !e.subscribable {
                let msg = format!("{} is not an event of every-event (--events)", e.name);
                return Err(Failure::usage(msg).with_hint("the health-check case sends it").into());
            }
            Ok(e)
        })
        .collect()
}

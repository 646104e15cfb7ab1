//! `bluehook inspect FILE`: the web inspector over a record file; what it replays is appended.

use super::Context;
use crate::cli::InspectArgs;
use crate::error::{Exit, Failure};
use crate::listen::inspector::{self, Options, Store};
use crate::record;
use crate::signature::Signer;
use crate::term::input;

pub async fn run(args: InspectArgs, cx: &Context) -> anyhow::Result<()> {
    let (host, port, public) = inspector::bind_addr(&args.addr, args.inspector.inspect_public)?;
    let secret = super::secret(&args.secret, cx)?;
    let filter = super::filter(args.filter.as_deref())?;
    let bytes = input::read_file(&args.file)?;
    let store = Store::new(args.inspector.inspect_keep);
    let (mut loaded, mut filtered, mut malformed) = (0usize, 0usize, 0usize);
    for item in record::parse_all(&bytes) {
        match item {
            Ok((_, r)) if filter.as_ref().is_some_and(|f| !f.matches(r.body_bytes())) => {
                filtered += 1;
            }
            Ok((_, r)) => {
                store.push_record(r);
                loaded += 1;
            }
            Err(e) => {
                cx.console.warn(format!("{}: {e} (skipped)", args.file.display()));
                malformed += 1;
            }
        }
    }
    let options = Options {
        host,
        port,
        keep: args.inspector.inspect_keep,
        signer: secret.map(|s| Signer::new(s.as_bytes())),
        target: args.to.clone(),
        append: Some(args.file.clone()),
        trace: crate::send::trace::Trace::new(cx.verbose, None, &cx.console),
    };
    let running = inspector::start(options, store).await?;
    if public {
        crate::listen::session::warn_public(&cx.console, running.addr());
    }
    println!("{}", running.url());
    let mut skipped = String::new();
    if filtered > 0 {
        skipped += &format!(", {filtered} filtered out");
    }
    if malformed > 0 {
        skipped += &format!(", {malformed} lines skipped");
    }
    cx.console.note(format!(
        "bluehook: inspecting {loaded} deliveries from {}{skipped} at {}; Ctrl-C to stop",
        args.file.display(),
        running.url()
    ));
    crate::signals::Interrupts::new()?.recv().await;
    drop(running);
    Err(Failure::silent(Exit::Interrupted).into())
}

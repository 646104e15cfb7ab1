//! `bluehook demo`: a verifying listener on a free port, fed one signed sample of each event
//! group and one forged delivery, shown exactly as `bluehook listen` shows them.

use std::io::Write;
use std::time::{Duration, SystemTime};

use super::Context;
use crate::cli::DemoArgs;
use crate::error::{Exit, Failure};
use crate::events::{
    self,
    sample::{self, SampleOptions},
};
use crate::listen::fanout::{Bound, Fanout, Subscription};
use crate::listen::receiver;
use crate::listen::render::{self, Human};
use crate::send::delivery::{self, Delivery, Target};
use crate::signature::Signer;
use crate::term::output::{self, BOLD};

/// One event of each group, then the health check Blue sends when a webhook is enabled.
const GENUINE: [&str; 8] = [
    "TODO_CREATED",
    "TODO_CHECKLIST_CREATED",
    "TODO_CHECKLIST_ITEM_DONE_STATUS_UPDATED",
    "TODO_LIST_NAME_CHANGED",
    "CUSTOM_FIELD_UPDATED",
    "TAG_CREATED",
    "COMMENT_CREATED",
    "WEBHOOK_HEALTH_CHECK",
];

/// Sent signed with the wrong secret: the listener must answer 401.
const FORGED: &str = "TODO_DELETED";

pub async fn run(args: DemoArgs, cx: &Context) -> anyhow::Result<()> {
    let secret = demo_secret();
    let signer = Signer::new(secret.as_bytes());
    let mut config = receiver::Config::new("127.0.0.1", 0);
    config.signer = Some(signer.clone());
    let fanout = Fanout::new();
    let mut deliveries = fanout.subscribe(Bound::Lossless);
    let server = receiver::start(config, fanout).await?;
    let url = server.url();
    introduce(&args, &url, server.addr().port(), cx)?;
    let target = Target {
        url: reqwest::Url::parse(&url)?,
        extra_headers: Default::default(),
        timeout: Duration::from_secs(7),
        accept_invalid_certs: false,
        trace: Default::default(),
    };
    let client = delivery::client(&target, 1)?;
    let forger = Signer::new(b"not-the-webhook-secret");
    let plan = GENUINE.iter().map(|e| (*e, &signer)).chain([(FORGED, &forger)]);
    let mut answered = Vec::new();
    for (n, (name, key)) in plan.enumerate() {
        let event = events::lookup(name).expect("demo events are in the catalogue");
        let opts =
            SampleOptions { now: SystemTime::now(), ..SampleOptions::seeded(n as u64, &url) };
        let d = Delivery::new(sample::body(event, &opts), Some(key));
        let outcome = delivery::send(&client, &target, &d, false).await;
        answered.push(outcome.status);
        show(&args, &mut deliveries).await?;
    }
    let counts = server.stats().snapshot();
    server.shutdown().await;
    conclude(&args, &counts, &answered, cx)
}

fn demo_secret() -> String {
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default();
    format!("demo_{}", crate::signature::sign(b"bluehook demo", &nanos.as_nanos().to_le_bytes()))
}

fn introduce(args: &DemoArgs, url: &str, port: u16, cx: &Context) -> anyhow::Result<()> {
    if args.json {
        let mut out = std::io::stdout().lock();
        render::ready_json(&mut out, url, port, None, None)?;
        out.flush()?;
    }
    cx.console.note(format!(
        "bluehook demo: listening on {BOLD}{url}{BOLD:#} with a throwaway secret; sending one \
         signed sample per event group, then one forged delivery\n"
    ));
    Ok(())
}

/// Prints the next delivery the listener reports, as `bluehook listen` would.
async fn show(args: &DemoArgs, deliveries: &mut Subscription) -> anyhow::Result<()> {
    let wait = tokio::time::timeout(Duration::from_secs(10), deliveries.recv());
    let Ok(Some(d)) = wait.await else {
        anyhow::bail!("the demo listener did not report a delivery");
    };
    let mut out = anstream::stdout().lock();
    if args.json {
        render::request_json(&mut out, &d)?;
    } else {
        let human = Human {
            compact: args.compact,
            body: args.body,
            color: output::stdout_has_color(),
            width: crate::term::width::terminal_width(),
        };
        render::request_human(&mut out, &d, human)?;
    }
    out.flush()?;
    Ok(())
}

/// Checks the listener did what `listen` promises: every genuine delivery verified, the forged
/// one answered 401 and not counted as received.
fn conclude(
    args: &DemoArgs,
    counts: &receiver::Counts,
    answered: &[Option<u16>],
    cx: &Context,
) -> anyhow::Result<()> {
    if args.json {
        let mut out = std::io::stdout().lock();
        render::summary_json(&mut out, counts, &[], 0)?;
    }
    let genuine_ok = answered[..GENUINE.len()].iter().all(|s| *s == Some(200));
    let forged_refused = answered[GENUINE.len()] == Some(401);
    let as_expected = genuine_ok && forged_refused && counts.verified == GENUINE.len() as u64;
    cx.console.note(format!("\nbluehook demo: {}", render::summary_text(counts)));
    if !as_expected {
        let msg = format!("the listener did not behave as expected (answers: {answered:?})");
        return Err(Failure::new(Exit::Failure, msg).into());
    }
    cx.console.note(
        "every genuine delivery verified; the forged one was answered 401 and not counted.\n\
         Next: `bluehook listen --secret S` in one terminal, \
         `bluehook send-sample http://127.0.0.1:8080/ --secret S` in another.",
    );
    if run_from_a_build() {
        cx.console.note("(`cargo install --locked --path .` puts `bluehook` on your PATH first.)");
    }
    Ok(())
}

/// Whether this is the binary of a build tree (`cargo run`), not an installed one.
fn run_from_a_build() -> bool {
    let exe = std::env::current_exe().unwrap_or_default();
    exe.components().any(|c| c.as_os_str() == "target")
}

//! `bluehook demo`: a verifying listener on a free port (a `bluehook listen` session), fed one
//! signed sample of each event group and one forged delivery, shown exactly as `listen` shows
//! them.

use std::time::{Duration, SystemTime};

use super::Context;
use crate::cli::DemoArgs;
use crate::error::{Exit, Failure};
use crate::events::{
    self,
    sample::{self, SampleOptions},
};
use crate::listen::gate::Gate;
use crate::listen::receiver;
use crate::listen::session::{self, Settings};
use crate::send::delivery::{self, Delivery, Target};
use crate::signature::Signer;
use crate::term::Console;
use crate::term::output::BOLD;

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
    let mut settings = Settings::new(receiver::Config::new("127.0.0.1", 0), cx.console.clone());
    (settings.json, settings.compact, settings.body) = (args.json, args.compact, args.body);
    settings.secret = Some(secret.clone());
    let console = cx.console.clone();
    settings.driver = Some(Box::new(move |url| Box::pin(feed(url, secret, console))));
    session::run(settings, Gate::default()).await?;
    cx.console.note(
        "bluehook demo: every genuine delivery verified; the forged one was answered 401 and \
         not counted.\nNext: `bluehook listen --secret S` in one terminal, \
         `bluehook send-sample http://127.0.0.1:8080/ --secret S` in another.",
    );
    if run_from_a_build() {
        cx.console.note("(`cargo install --locked --path .` puts `bluehook` on your PATH first.)");
    }
    Ok(())
}

fn demo_secret() -> String {
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default();
    format!("demo_{}", crate::signature::sign(b"bluehook demo", &nanos.as_nanos().to_le_bytes()))
}

/// Feeds the listener at `url`: one signed sample per event group, then one forged delivery;
/// an error unless every genuine one was answered 200 and the forged one 401.
async fn feed(url: String, secret: String, console: Console) -> anyhow::Result<()> {
    console.note(format!(
        "bluehook demo: sending {BOLD}{url}{BOLD:#} one sample per event group signed with a \
         throwaway secret, then one forged delivery\n"
    ));
    let target = Target {
        url: reqwest::Url::parse(&url)?,
        extra_headers: Default::default(),
        timeout: Duration::from_secs(7),
        accept_invalid_certs: false,
        trace: Default::default(),
    };
    let client = delivery::client(&target, 1)?;
    let (signer, forger) = (Signer::new(secret.as_bytes()), Signer::new(b"not-the-webhook-secret"));
    let plan = GENUINE.iter().map(|e| (*e, &signer)).chain([(FORGED, &forger)]);
    let mut answered = Vec::new();
    for (n, (name, key)) in plan.enumerate() {
        let event = events::lookup(name).expect("demo events are in the catalogue");
        let opts =
            SampleOptions { now: SystemTime::now(), ..SampleOptions::seeded(n as u64, &url) };
        let d = Delivery::new(sample::body(event, &opts), Some(key));
        answered.push(delivery::send(&client, &target, &d, false).await.status);
    }
    let genuine_ok = answered[..GENUINE.len()].iter().all(|s| *s == Some(200));
    if !(genuine_ok && answered[GENUINE.len()] == Some(401)) {
        let msg = format!("the listener did not behave as expected (answers: {answered:?})");
        return Err(Failure::new(Exit::Failure, msg).into());
    }
    Ok(())
}

/// Whether this is the binary of a build tree (`cargo run`), not an installed one.
fn run_from_a_build() -> bool {
    let exe = std::env::current_exe().unwrap_or_default();
    exe.components().any(|c| c.as_os_str() == "target")
}

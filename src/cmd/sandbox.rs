//! `bluehook sandbox`: serve an offline Blue until Ctrl-C or SIGTERM; `sandbox deliveries`
//! reads the delivery log of a state file.

use std::io::Write;
use std::sync::Arc;

use serde_json::json;

use super::Context;
use crate::cli::{SandboxAction, SandboxArgs, SandboxDeliveriesArgs};
use crate::error::Failure;
use crate::sandbox::{self, App, Options, outbox, store::Store};

pub fn run(args: SandboxArgs, cx: &Context) -> anyhow::Result<()> {
    match args.action {
        Some(SandboxAction::Deliveries(d)) => deliveries(&d, cx),
        Some(SandboxAction::Schema) => {
            print!("{}", sandbox::schema::sdl_file());
            Ok(())
        }
        None if args.coverage => coverage(args.json, cx),
        None => {
            let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
            // The outbox has threads of its own: no load on the API can hold deliveries back.
            let deliveries = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("bluehook-outbox")
                .enable_all()
                .build()?;
            let result = rt.block_on(serve(args, (deliveries.handle(), cx)));
            deliveries.shutdown_background();
            result
        }
    }
}

fn options(args: &SandboxArgs, cx: &Context) -> anyhow::Result<Options> {
    if !(args.speed > 0.0 && args.speed.is_finite()) {
        return Err(Failure::usage("--speed must be a positive number").into());
    }
    if !(0.0..=1.0).contains(&args.api_error_rate) {
        return Err(Failure::usage("--api-error-rate must be between 0 and 1").into());
    }
    Ok(Options {
        state: args.state.clone(),
        token: args.token_id.clone().zip(args.token_secret.clone()),
        plan_limit: args.plan_limit,
        strict_urls: args.strict_urls,
        speed: args.speed,
        rate_limit: args.rate_limit,
        api_latency: args.api_latency,
        api_error_rate: args.api_error_rate,
        json: args.json,
        console: cx.console.clone(),
    })
}

async fn serve(
    args: SandboxArgs,
    (deliveries, cx): (&tokio::runtime::Handle, &Context),
) -> anyhow::Result<()> {
    let app = Arc::new(App::open(options(&args, cx)?)?);
    let listener =
        tokio::net::TcpListener::bind((args.host.as_str(), args.port)).await.map_err(|e| {
            Failure::usage(format!("cannot listen on {}:{}: {e}", args.host, args.port))
                .with_hint("pick another port with --port, or --port 0 for a free one")
        })?;
    let addr = listener.local_addr()?;
    let router = sandbox::http::router(app.clone())?;
    ready(&app, addr, args.json);
    deliveries.spawn(outbox::run(app.clone()));
    axum::serve(listener, router).with_graceful_shutdown(stop()).await?;
    app.outbox.log.note("stopped");
    Ok(())
}

async fn stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// The ready line: the URL, the demo credentials and the seeded ids.
fn ready(app: &App, addr: std::net::SocketAddr, json: bool) {
    let url = format!("http://{addr}/graphql");
    let (id, secret) = app.demo_token();
    let s = &app.seed;
    let line = if json {
        json!({
            "type": "ready", "url": url, "port": addr.port(),
            "token_id": id, "token_secret": secret,
            "org": {"id": s.company["id"], "slug": s.company["slug"]},
            "project": {"id": s.project["id"], "slug": s.project["slug"], "name": s.project["name"]},
            "list": {"id": s.list["id"], "title": s.list["title"]},
            "state": app.opts.state,
        })
        .to_string()
    } else {
        format!(
            "Blue sandbox ready on {url}\n  export BLUE_API_URL={url} BLUE_TOKEN_ID={id} \
             BLUE_TOKEN_SECRET={secret} BLUE_ORG_ID={}\n  project {} ({}), list {} ({})",
            s.company["slug"].as_str().unwrap_or_default(),
            s.project["id"].as_str().unwrap_or_default(),
            s.project["slug"].as_str().unwrap_or_default(),
            s.list["id"].as_str().unwrap_or_default(),
            s.list["title"].as_str().unwrap_or_default(),
        )
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// What the sandbox emulates of Blue's API: each root field of Blue's schema, emulated or
/// not (those answer `NOT_EMULATED`).
fn coverage(json: bool, cx: &Context) -> anyhow::Result<()> {
    let emulated = sandbox::whole::root_fields(&sandbox::schema::sdl());
    let all = sandbox::whole::root_fields(sandbox::whole::SDL);
    let mut out = std::io::stdout().lock();
    for field in all.iter().filter(|f| emulated.contains(f)) {
        let line = if json {
            json!({"type": "emulated", "field": field}).to_string()
        } else {
            field.clone()
        };
        if writeln!(out, "{line}").is_err() {
            return Ok(());
        }
    }
    let summary = format!(
        "{} of Blue's {} queries and mutations are emulated; the others answer NOT_EMULATED",
        emulated.len(),
        all.len()
    );
    if json {
        let line = json!({"type": "summary", "emulated": emulated.len(), "total": all.len()});
        let _ = writeln!(out, "{line}");
    } else {
        cx.console.note(summary);
    }
    Ok(())
}

fn deliveries(args: &SandboxDeliveriesArgs, cx: &Context) -> anyhow::Result<()> {
    if !args.state.exists() {
        return Err(Failure::usage(format!("no state file at {}", args.state.display()))
            .with_hint("pass the file the sandbox was started with (--state FILE)")
            .into());
    }
    let store = Store::open(Some(&args.state))?;
    let rows = store.attempts(args.webhook.as_deref())?;
    let mut out = std::io::stdout().lock();
    for row in &rows {
        let line = if args.json {
            let mut v = serde_json::to_value(row)?;
            v["type"] = json!("attempt");
            v.to_string()
        } else {
            outbox::human(row)
        };
        if writeln!(out, "{line}").is_err() {
            return Ok(());
        }
    }
    if rows.is_empty() && !args.json {
        cx.console.note("No delivery attempts recorded yet.");
    }
    Ok(())
}

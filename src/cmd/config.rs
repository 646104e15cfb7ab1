use std::io::Write;

use serde_json::json;

use super::Context;
use crate::cli::{ApiArgs, ConfigCommand};
use crate::config::{self, Resolved, Setting};
use crate::term::output::{self, BOLD, DIM};

pub fn run(cmd: ConfigCommand, cx: &Context) -> anyhow::Result<()> {
    match cmd {
        ConfigCommand::Path => {
            writeln!(anstream::stdout(), "{}", config::path(&super::place(cx))?.display())?;
            Ok(())
        }
        ConfigCommand::Show { api, json } => show(&api, json, cx),
    }
}

fn show(api: &ApiArgs, json: bool, cx: &Context) -> anyhow::Result<()> {
    let mut r = config::resolve(&super::given(api, cx), &super::place(cx), &cx.console)?;
    r.api_url.value = r.api_url.value.as_deref().map(crate::api::shown_url);
    let mut secret = r.token_secret.clone();
    secret.value = secret.value.as_deref().map(output::redact);
    let timeout = humantime::format_duration(api.api_timeout).to_string();
    let mut out = anstream::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &as_json(&r, &secret, &timeout))?;
        writeln!(out)?;
        return Ok(());
    }
    show_text(&r, secret, &timeout, &mut out)?;
    hint_missing(&r, cx);
    Ok(())
}

fn as_json(r: &Resolved, secret: &Setting, timeout: &str) -> serde_json::Value {
    json!({
        "config_file": r.path,
        "config_file_exists": r.path.exists(),
        "profile": { "value": r.profile, "source": r.profile_source },
        "token_id": r.token_id,
        "token_secret": secret,
        "org": r.org,
        "api_url": r.api_url,
        "api_timeout": timeout,
        "profiles": r.file.profiles.keys().collect::<Vec<_>>(),
        "saved_webhook_secrets": r.file.webhook_secrets.keys().collect::<Vec<_>>(),
    })
}

fn show_text(
    r: &Resolved,
    secret: Setting,
    timeout: &str,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let exists = if r.path.exists() { "" } else { " (does not exist yet)" };
    let profile = Setting { value: Some(r.profile.clone()), source: r.profile_source.clone() };
    let rows = [
        (
            "Config file",
            Setting {
                value: Some(format!("{}{exists}", r.path.display())),
                source: config::Source::Unset,
            },
        ),
        ("Profile", profile),
        ("Token id", r.token_id.clone()),
        ("Token secret", secret),
        ("Organization", r.org.clone()),
        ("API URL", r.api_url.clone()),
    ];
    for (key, s) in rows {
        let value = s.value.unwrap_or_else(|| "-".into());
        let source = match s.source {
            config::Source::Unset if key == "Config file" => String::new(),
            src => format!("  {DIM}({src}){DIM:#}"),
        };
        writeln!(out, "{BOLD}{key:<15}{BOLD:#} {value}{source}")?;
    }
    writeln!(out, "{BOLD}{:<15}{BOLD:#} {timeout}", "API timeout")?;
    let names: Vec<&str> = r.file.profiles.keys().map(String::as_str).collect();
    writeln!(
        out,
        "{BOLD}{:<15}{BOLD:#} {}",
        "Profiles",
        if names.is_empty() { "-".into() } else { names.join(", ") }
    )?;
    writeln!(
        out,
        "{BOLD}{:<15}{BOLD:#} {} saved",
        "Webhook secrets",
        r.file.webhook_secrets.len()
    )?;
    Ok(())
}

fn hint_missing(r: &Resolved, cx: &Context) {
    if r.token_id.value.is_none() || r.token_secret.value.is_none() {
        cx.console.note(
            "No complete credentials: run `bluehook login`, or set BLUE_TOKEN_ID and BLUE_TOKEN_SECRET.",
        );
    }
}

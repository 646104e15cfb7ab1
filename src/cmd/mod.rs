//! One module per command. Commands use the library modules; none uses another command.

pub mod check;
pub mod cleanup;
pub mod completions;
pub mod config;
pub mod create;
pub mod delete;
pub mod demo;
pub mod enable;
pub mod events;
pub mod get;
pub mod inspect;
pub mod list;
pub mod listen;
pub mod login;
pub mod logout;
pub mod projects;
pub mod replay;
pub mod sandbox;
pub mod send_sample;
pub mod sign;
pub mod trigger;
pub mod update;
pub mod verify;

// The glue between the command line and the library: clap's structs become the settings of
// `config` and `api` here, and only here.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{ApiArgs, ColorWhen, GlobalArgs, SecretArgs};
use crate::config::FromEnv;
use crate::error::Exit;
use crate::term::Console;
use crate::term::output::ERROR;

/// What every command gets besides its own arguments, built once from the global flags: where
/// messages go and the secrets they must not show, the count of `-v`, the config file and
/// profile named, and which values the command line took from the environment.
pub struct Context {
    pub console: Console,
    pub verbose: u8,
    pub config: Option<PathBuf>,
    pub profile: Option<String>,
    pub from_env: FromEnv,
}

impl Context {
    /// The context of a command line whose values named in `from_env` came from the
    /// environment.
    pub fn new(global: &GlobalArgs, from_env: FromEnv) -> Context {
        Context {
            console: Console::new(color(global.color)),
            verbose: global.verbose,
            config: global.config.clone(),
            profile: global.profile.clone(),
            from_env,
        }
    }
}

/// Which config file and profile the command line names.
pub fn place(cx: &Context) -> crate::config::Place {
    crate::config::Place {
        config: cx.config.clone(),
        profile: cx.profile.clone(),
        from_env: cx.from_env.clone(),
    }
}

/// The API settings given as flags or environment variables.
pub fn given(api: &ApiArgs, cx: &Context) -> crate::config::Given {
    crate::config::Given {
        token_id: api.token_id.clone(),
        token_secret: api.token_secret.clone(),
        org: api.org.clone(),
        api_url: api.api_url.clone(),
        from_env: cx.from_env.clone(),
    }
}

/// A client of Blue's API from flags > environment > config file; exit 6 without credentials.
pub fn client(api: &ApiArgs, cx: &Context) -> anyhow::Result<crate::api::Client> {
    client_from(&given(api, cx), api.api_timeout, cx)
}

/// The same from settings already gathered (the environment alone, say).
pub fn client_from(
    given: &crate::config::Given,
    timeout: std::time::Duration,
    cx: &Context,
) -> anyhow::Result<crate::api::Client> {
    let resolved = crate::config::resolve(given, &place(cx), &cx.console)?;
    crate::api::Client::new(resolved.api_settings(timeout, cx.verbose, &cx.console)?)
}

fn secret_given(args: &SecretArgs, cx: &Context) -> crate::config::SecretGiven {
    crate::config::SecretGiven {
        secret: args.secret.clone(),
        webhook: args.webhook.clone(),
        secret_from_env: cx.from_env.contains("BLUEHOOK_SECRET"),
    }
}

/// Where the webhook kept as `name` is saved: the config file and profile in use.
pub fn keep(name: &str, cx: &Context) -> anyhow::Result<crate::listen::register::Keep> {
    let place = place(cx);
    let (config, profile) = (crate::config::path(&place)?, crate::config::profile_name(&place));
    Ok(crate::listen::register::Keep { name: name.to_string(), config, profile })
}

/// The signing secret `--secret`/`BLUEHOOK_SECRET`/`--webhook` name, if any.
pub fn secret(args: &SecretArgs, cx: &Context) -> anyhow::Result<Option<String>> {
    crate::config::resolve_secret(&secret_given(args, cx), &place(cx), &cx.console)
}

/// Like [`secret`], for commands that cannot work without one.
pub fn require_secret(args: &SecretArgs, cx: &Context) -> anyhow::Result<String> {
    crate::config::require_secret(&secret_given(args, cx), &place(cx), &cx.console)
}

/// `--filter EXPR` compiled; a usage error pointing at the column when it does not compile.
pub fn filter(expr: Option<&str>) -> anyhow::Result<Option<crate::listen::filter::Filter>> {
    let Some(expr) = expr else { return Ok(None) };
    crate::listen::filter::Filter::compile(expr).map(Some).map_err(|e| {
        crate::error::Failure::usage(format!("--filter does not compile: {e}"))
            // The hint is printed after "  hint: ", 8 columns.
            .with_hint(e.pointer(expr, 8))
            .into()
    })
}

/// `--color` as the output module takes it.
pub fn color(when: ColorWhen) -> anstream::ColorChoice {
    match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    }
}

/// What `bluehook` alone prints: the usage and the commands (`completions` included), short
/// enough to stay on screen (`--help` adds the options and exit codes).
pub fn short_help() -> String {
    let root = crate::command();
    let mut out = format!(
        "{}\n\nUsage: bluehook <COMMAND>\n\nCommands:\n",
        root.get_about().unwrap_or_default()
    );
    // `toggle` is `enable` or `disable`; `--help` lists it.
    let shown = |c: &&clap::Command| !c.is_hide_set() && c.get_name() != "toggle";
    let subs: Vec<&clap::Command> = root.get_subcommands().filter(shown).collect();
    let width = subs.iter().map(|c| c.get_name().len()).max().unwrap_or(0);
    for c in subs {
        let about = c.get_about().map(|a| a.to_string()).unwrap_or_default();
        out.push_str(&format!("  {:width$}  {about}\n", c.get_name()));
    }
    out.push_str(
        "\n`bluehook <COMMAND> --help` for a command's options; `bluehook --help` for all.\n",
    );
    out
}

/// Clap counts values that came from the environment as given, so its usage line in an
/// error shows `--token-id <ID>` as if required; the command's own usage line replaces it.
fn plain_usage(text: &str) -> String {
    let mut root = crate::command();
    root.build();
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let sub = line.strip_prefix("Usage: bluehook ").and_then(|r| r.split(' ').next());
        let usage = sub.and_then(|name| root.find_subcommand_mut(name)).map(|c| c.render_usage());
        match usage {
            Some(u) => lines.push(u.to_string()),
            None => lines.push(line.to_string()),
        }
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Prints a command-line parsing error (or the help/version it stands for).
pub fn print_usage_error(err: &clap::Error) -> u8 {
    use clap::error::ErrorKind;
    if matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = err.print();
        return Exit::Success.code();
    }
    if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = write!(anstream::stderr(), "{}", short_help());
        return Exit::Usage.code();
    }
    let text = plain_usage(&err.render().to_string());
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    let _ = write!(anstream::stderr(), "bluehook: {ERROR}error:{ERROR:#} {text}");
    Exit::Usage.code()
}

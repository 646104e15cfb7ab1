//! One module per command. Commands use the library modules; none uses another command.

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

use crate::cli::{ApiArgs, GlobalArgs, SecretArgs};

/// Which config file and profile the command line names.
pub fn place(global: &GlobalArgs) -> crate::config::Place {
    crate::config::Place { config: global.config.clone(), profile: global.profile.clone() }
}

/// The API settings given as flags or environment variables.
pub fn given(api: &ApiArgs) -> crate::config::Given {
    crate::config::Given {
        token_id: api.token_id.clone(),
        token_secret: api.token_secret.clone(),
        org: api.org.clone(),
        api_url: api.api_url.clone(),
    }
}

/// A client of Blue's API from flags > environment > config file; exit 6 without credentials.
pub fn client(api: &ApiArgs, global: &GlobalArgs) -> anyhow::Result<crate::api::Client> {
    let resolved = crate::config::resolve(&given(api), &place(global))?;
    crate::api::Client::new(resolved.api_settings(api.api_timeout, global.verbose)?)
}

/// The signing secret `--secret`/`BLUEHOOK_SECRET`/`--webhook` name, if any.
pub fn secret(args: &SecretArgs, global: &GlobalArgs) -> anyhow::Result<Option<String>> {
    let given =
        crate::config::SecretGiven { secret: args.secret.clone(), webhook: args.webhook.clone() };
    crate::config::resolve_secret(&given, &place(global))
}

/// Like [`secret`], for commands that cannot work without one.
pub fn require_secret(args: &SecretArgs, global: &GlobalArgs) -> anyhow::Result<String> {
    let given =
        crate::config::SecretGiven { secret: args.secret.clone(), webhook: args.webhook.clone() };
    crate::config::require_secret(&given, &place(global))
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

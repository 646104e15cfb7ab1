use crate::api::{Client, Settings};
use crate::cli::LoginArgs;
use crate::config::{self, DEFAULT_API_URL};
use crate::error::{Exit, Failure};
use crate::term::{output, prompt};

/// Times a person at the terminal may retype credentials Blue refused.
const TRIES: usize = 3;

pub async fn run(args: LoginArgs, cx: &Context) -> anyhow::Result<()> {
    let api = &args.api;
    let interactive = output::interactive();
    let url = nonempty(&api.api_url).unwrap_or_else(|| DEFAULT_API_URL.to_string());
    let path = config::path(&super::place(cx))?;
    let profile = config::profile_name(&super::place(cx));
    if interactive && config::load(&path, &cx.console)?.profiles.contains_key(&profile) {
        cx.console.note(format!("Profile `{profile}` in {} will be replaced.", path.display()));
    }
    let mut tries = 0;
    let creds = loop {
        tries += 1;
        let creds = gather(&args, cx, interactive, &url, tries > 1)?;
        if args.no_verify {
            break creds;
        }
        match verify(&creds).await {
            Ok(()) => break creds,
            Err(e) if interactive && tries < TRIES && refused(&e) => {
                cx.console.warn(format!("Blue refused these credentials: {e}; try again"));
            }
            Err(e) => return Err(e),
        }
    };
    let keep_url = keep_url(&url, api.api_url.is_some() && !cx.from_env.contains("BLUE_API_URL"));
    save(creds, keep_url, &profile, &path)
}

fn nonempty(v: &Option<String>) -> Option<String> {
    v.clone().filter(|s| !s.trim().is_empty())
}

/// The credentials from the flags, asking for what is missing (everything, on a retry).
fn gather(
    args: &LoginArgs,
    cx: &Context,
    interactive: bool,
    url: &str,
    retry: bool,
) -> anyhow::Result<Settings> {
    let api = &args.api;
    let given = |v: &Option<String>| if retry { None } else { nonempty(v) };
    let token_id = match given(&api.token_id) {
        Some(v) => v,
        None => ask(cx, interactive, "Token id", ("--token-id", "BLUE_TOKEN_ID"), false)?,
    };
    let token_secret = match given(&api.token_secret) {
        Some(v) => v,
        None => {
            let names = ("--token-secret", "BLUE_TOKEN_SECRET");
            ask(cx, interactive, "Token secret", names, true)?
        }
    };
    let org = match given(&api.org) {
        Some(v) => Some(v),
        None if interactive => {
            Some(prompt::optional_text("Organization id or slug (needed to create webhooks)")?)
        }
        None => None,
    }
    .filter(|o| !o.is_empty());
    Ok(Settings {
        url: url.to_string(),
        token_id,
        token_secret,
        org,
        timeout: api.api_timeout,
        verbosity: cx.verbose,
        console: cx.console.clone(),
    })
}

/// Whether Blue itself refused the credentials (not a network or server failure).
fn refused(e: &anyhow::Error) -> bool {
    let exit = e.chain().find_map(|c| c.downcast_ref::<Failure>()).map(|f| f.exit);
    exit == Some(Exit::Auth) || e.to_string().contains("COMPANY_NOT_FOUND")
}

/// The API URL is saved when it was given with `--api-url`, not when it only came from
/// `BLUE_API_URL` (the environment keeps applying by itself).
fn keep_url(url: &str, on_command_line: bool) -> bool {
    url != DEFAULT_API_URL && on_command_line
}

fn ask(
    cx: &Context,
    interactive: bool,
    prompt: &str,
    (flag, env): (&str, &str),
    hidden: bool,
) -> anyhow::Result<String> {
    if !interactive {
        return Err(Failure::usage(format!(
            "{flag} (or {env}) is required (no terminal to ask on)"
        ))
        .with_hint(format!("pass {flag}, or set {env}"))
        .into());
    }
    loop {
        let answer = if hidden {
            prompt::secret(prompt)?
        } else {
            prompt::text_until(prompt, None, |s| Ok::<_, String>(s.to_string()))?
        };
        if !answer.is_empty() {
            return Ok(answer);
        }
        cx.console.warn(format!("{prompt} cannot be empty"));
    }
}

/// Checks the credentials with a cheap authenticated read and says who and where they reach.
async fn verify(settings: &Settings) -> anyhow::Result<()> {
    let client = Client::new(settings.clone())?;
    let console = &settings.console;
    let data = client.who_am_i().await.map_err(explain)?;
    let user = &data["currentUser"];
    let who = format!(
        "{} <{}>",
        user["fullName"].as_str().unwrap_or("?"),
        user["email"].as_str().unwrap_or("?")
    );
    console.note(format!("{OK}Logged in{OK:#} to {} as {who}.", client.url()));
    match &data["company"] {
        serde_json::Value::Null => console.warn(
            "no organization set: `bluehook create` needs one (--org, BLUE_ORG_ID or `bluehook login --org`)",
        ),
        c => console.note(format!(
            "Organization: {} ({}, id {}).",
            c["name"].as_str().unwrap_or("?"),
            c["slug"].as_str().unwrap_or("?"),
            c["id"].as_str().unwrap_or("?")
        )),
    }
    Ok(())
}

/// Says what the failure of the check means; "nothing was saved" either way, and no advice
/// to run the command being run.
fn explain(e: anyhow::Error) -> anyhow::Error {
    let Some(f) = e.chain().find_map(|c| c.downcast_ref::<Failure>()) else {
        return e.context("could not check the credentials; nothing was saved");
    };
    let (exit, text) = (f.exit, f.message.clone().unwrap_or_default());
    if exit == Exit::Auth {
        let hint = "check the token id and secret (Blue: Profile > API tokens); \
                    `--no-verify` saves without checking";
        return Failure::new(
            Exit::Auth,
            format!("Blue did not accept these credentials: {text}; nothing was saved"),
        )
        .with_hint(hint)
        .into();
    }
    let hint = f.hint.clone();
    let failure =
        Failure::new(exit, format!("could not check the credentials: {text}; nothing was saved"));
    match hint {
        Some(h) => failure.with_hint(h).into(),
        None => failure.into(),
    }
}

fn save(
    creds: Settings,
    keep_url: bool,
    profile: &str,
    path: &std::path::Path,
) -> anyhow::Result<()> {
    let mut replaced = false;
    config::update(path, &creds.console, |f| {
        replaced = f.profiles.contains_key(profile);
        let p = f.profiles.entry(profile.to_string()).or_default();
        p.token_id = Some(creds.token_id);
        p.token_secret = Some(creds.token_secret);
        p.org = creds.org;
        p.api_url = keep_url.then_some(creds.url);
    })?;
    let verb = if replaced { "Replaced" } else { "Saved" };
    creds
        .console
        .note(format!("{verb} profile `{profile}` in {} (readable by you only).", path.display()));
    Ok(())
}

use super::Context;
use crate::term::output::OK;
